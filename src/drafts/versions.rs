//! Earlier versions of the draft (issue 20): the last five kept in browser storage, answers only
//! (attachments stay shared with the draft), one at most every five minutes of work and one before
//! every import or restore; the toolbar's versions page (with the package pages, loaded when
//! opened) lists them and can restore any of them.

use super::{notice, save_now, storage_key};
use crate::browser::storage;
use crate::state::AppState;
use formseal_core::draft;
use formseal_core::key;
use formseal_core::messages::render;
use leptos::prelude::*;
use serde_json::Value as J;

const KEEP: usize = 5;
const EVERY_MS: u64 = 5 * 60_000;

fn key(state: &AppState) -> String {
    format!("{}:versions", storage_key(state))
}

/// The kept versions, newest first: when each was kept (ms) and its draft text.
pub fn list(state: &AppState) -> Vec<(u64, String)> {
    let mut all = storage::get(&key(state)).map(|t| draft::kept_versions(&t)).unwrap_or_default();
    all.truncate(KEEP);
    all
}

/// Keeps `text` (the draft as storage held it) as the newest version: at once when `now`, else when
/// the newest is five minutes old. Returns the versions that no longer fit, for their attachments.
pub fn keep(state: &AppState, text: &str, now: bool) -> Vec<String> {
    let time = js_sys::Date::now() as u64;
    // One was kept a moment ago: the list (large, for a large draft) need not be read.
    if !now && time.saturating_sub(state.sync.with_value(|s| s.kept_at)) < EVERY_MS {
        return Vec::new();
    }
    let mut list = list(state);
    if let Some((at, t)) = list.first() {
        if t == text || (!now && time.saturating_sub(*at) < EVERY_MS) {
            let at = *at;
            state.sync.update_value(|s| s.kept_at = s.kept_at.max(at));
            return Vec::new();
        }
    }
    state.sync.update_value(|s| s.kept_at = time);
    list.insert(0, (time, text.to_string()));
    let dropped = list.split_off(KEEP.min(list.len()));
    let items: Vec<J> = list.into_iter().map(|(at, t)| J::Array(vec![at.into(), t.into()])).collect();
    // A version that does not fit is not kept; the draft itself is still saved.
    let _ = storage::set(&key(state), &J::Array(items).to_string());
    dropped.into_iter().map(|(_, t)| t).collect()
}

/// Forgets every version (storage full, or the draft cleared); returns them, for their attachments.
pub fn forget(state: &AppState) -> Vec<String> {
    let all = list(state);
    storage::remove(&key(state));
    all.into_iter().map(|(_, t)| t).collect()
}

/// Restores a version's draft `text` (chosen on the versions page); what was there before is
/// kept as a version in turn.
pub fn restore(state: AppState, text: String) {
    let locale = state.locale.get_untracked();
    let form = state.form.get_value();
    let loaded = match draft::parse(&text, form.def()) {
        Ok(l) => l,
        Err(e) => {
            return notice(&state, true, render(locale, key!("ui.restore.damaged"), &[("reason", e.text(locale))]))
        }
    };
    if let Some(current) = storage::get(&storage_key(&state)) {
        keep(&state, &current, true);
    }
    let when = draft::summary(&text, form.def().name_field).map(|(_, w)| w).unwrap_or_default();
    state.answers.set(loaded.draft.answers);
    state.bus.untouch_all();
    save_now(&state);
    notice(&state, false, render(locale, key!("ui.versions.restored"), &[("time", when)]));
}
