//! One draft in several tabs (issue 20): every save merges this tab's changes into what storage
//! holds, field by field, and every other tab of the same draft takes them in as they are saved
//! (the `storage` event), so no tab ever writes an older copy over newer answers.

use super::{notice, storage_key};
use crate::browser::storage;
use crate::state::{max_key, AppState};
use formseal_core::draft::merge::{merge, rekey, Merged};
use formseal_core::draft::{self, Draft};
use formseal_core::form::Answers;
use formseal_core::key;
use formseal_core::messages::t;
use leptos::prelude::*;

/// Where a tab notes when its applicant last changed an answer, read by the other tabs to tell
/// which of two changes of one field is the later.
pub fn edited_key(state: &AppState) -> String {
    format!("{}:edited", storage_key(state))
}

/// Notes a change made by the applicant in this tab (not one taken from another tab).
/// Returns false for a change that came from another tab.
pub fn note_change(state: &AppState) -> bool {
    let remote = state.sync.try_update_value(|s| std::mem::take(&mut s.remote)).unwrap_or(false);
    if !remote {
        state.sync.update_value(|s| s.last_edit = js_sys::Date::now() as u64);
    }
    !remote
}

/// Merges this tab's answers with the draft storage holds (`stored`), this tab's changes being the
/// later ones; shows what came from other tabs. Returns the merge.
pub fn merge_for_save(state: &AppState, stored: Option<&Draft>) -> Merged {
    let m = state.answers.with_untracked(|mine| {
        state.sync.with_value(|s| merge(&s.base, mine, stored.map_or(&s.base, |d| &d.answers), true))
    });
    if let Some(d) = stored {
        take(state, &m, &d.answers);
    }
    m
}

/// After a save: storage holds `saved`; the fields this tab wrote are its own from now on.
pub fn saved(state: &AppState, saved: Answers, changed: Vec<String>) {
    state.sync.update_value(|s| {
        s.base = saved;
        for c in changed {
            if !s.edited.contains(&c) {
                s.edited.push(c);
            }
        }
    });
}

/// Another tab saved the draft (or cleared it: `text` is `None`).
pub fn on_stored(state: &AppState, text: Option<String>) {
    let form = state.form.get_value();
    let Some(text) = text else {
        // Cleared in another tab: this one shows the empty form too (and does not write back).
        let empty = Answers::empty(form.def());
        state.sync.update_value(|s| {
            s.base = empty.clone();
            s.remote = true;
        });
        state.answers.set(empty);
        state.saved_at.set(None);
        return notice(state, false, t(state.locale.get_untracked(), key!("ui.sync.cleared")));
    };
    // A draft this tab cannot read is left to the next start (which keeps it aside and says so).
    let Ok(theirs) = draft::parse(&text, form.def()) else { return };
    let their_edit: u64 = storage::get(&edited_key(state)).and_then(|v| v.parse().ok()).unwrap_or(0);
    let m = state.answers.with_untracked(|mine| {
        state.sync.with_value(|s| merge(&s.base, mine, &theirs.draft.answers, s.last_edit > their_edit))
    });
    take(state, &m, &theirs.draft.answers);
    state.sync.update_value(|s| s.base = theirs.draft.answers);
    state.saved_at.set(Some(super::saved_hh_mm(&theirs.draft.saved_at)));
}

/// Puts the fields the merge took from the other side into this tab's answers (rows keep their
/// places on screen); a field this tab had changed says, at the field, that it changed elsewhere.
fn take(state: &AppState, m: &Merged, from: &Answers) {
    if m.taken.is_empty() {
        return;
    }
    state.sync.update_value(|s| s.remote = true);
    state.answers.update(|a| {
        let mut next = max_key(a);
        for id in &m.taken {
            if let Some(v) = from.get(id) {
                let mut v = v.clone();
                rekey(&mut v, a.get(id), &mut next);
                a.0.insert(id.clone(), v);
            }
        }
    });
    let noted: Vec<String> = state.sync.with_value(|s| {
        m.taken.iter().filter(|id| s.edited.contains(id) || m.conflicts.contains(id)).cloned().collect()
    });
    if !noted.is_empty() {
        for id in &noted {
            state.touch(id.clone());
        }
        state.elsewhere.update(|e| e.extend(noted));
    }
}
