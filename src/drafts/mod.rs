//! Keeping the draft: autosave to browser storage, restore, export/import files, clear; one draft
//! in several tabs (`sync`), earlier versions (`versions`) and attachments (`attachments`).

pub mod attachments;
pub mod sync;
pub mod versions;

pub use attachments::{attach, detach};

use crate::browser::{clock, files, idb, storage};
use crate::state::{AppState, Notice, Step};
use formseal_core::draft::{self, Draft};
use formseal_core::form::Answers;
use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::protocol::{Export, FormArgs};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

pub(crate) fn storage_key(state: &AppState) -> String {
    format!("formseal:{}:draft", state.draft_key.get_value())
}

pub fn file_key(state: &AppState, id: &str) -> String {
    format!("{}/{}", state.draft_key.get_value(), id)
}

pub(crate) fn notice(state: &AppState, error: bool, text: String) {
    state.notice.set(Some(Notice { error, text }));
}

/// Opened from disk (a saved copy of the page, or the offline file), the online page's draft is
/// not here: the browser keeps a file's storage apart from the site's. Said once per copy, with
/// the way to bring the draft over (export there, import here).
pub fn say_once_on_disk(state: &AppState) {
    let Some(path) = crate::browser::file_path() else { return };
    let said = format!("formseal:{path}:told-on-disk");
    if storage::get(&said).is_none() && storage::set(&said, "1").is_ok() {
        notice(state, false, t(state.locale.get_untracked(), key!("ui.disk.elsewhere")));
    }
}

/// The current draft (answers and step) as the core's draft value.
pub fn current(state: &AppState) -> Draft {
    let form = state.form.get_value();
    let mut d = Draft::new(form.def(), clock::now_iso());
    d.answers = state.answers.get_untracked();
    d.step = state.step.get_untracked().as_str().into();
    d
}

/// What the worker needs to render the form: form, call, answers and the time (the attachments'
/// ids are added by whoever sends their blobs).
pub fn request(state: &AppState) -> FormArgs {
    let definition = state.definition.get_value();
    FormArgs {
        form: state.form.get_value().def().id.to_string(),
        call: state.call.get_value(),
        definition: Some(definition.to_string()).filter(|d| !d.is_empty()),
        answers: state.answers.get_untracked().to_json(),
        file_ids: Vec::new(),
        created_at: clock::now_iso(),
        today: clock::today().to_string(),
    }
}

/// Writes the draft to localStorage now: this tab's changes merged, field by field, into what
/// storage holds (another tab may have saved since); then drops attachments nothing names.
pub fn save_now(state: &AppState) {
    let key = storage_key(state);
    let form = state.form.get_value();
    let before = storage::get(&key);
    // What this tab wrote last, if storage still holds it; else read what is there.
    let written = state.sync.with_value(|s| s.written.clone()).filter(|(t, _)| Some(t) == before.as_ref());
    let stored = written
        .map(|(_, d)| d)
        .or_else(|| before.as_deref().and_then(|t| draft::parse(t, form.def()).ok()).map(|l| Arc::new(l.draft)));
    // What storage holds but this tab cannot read (a newer formseal in another tab, a damaged
    // copy) is kept aside before it is written over, never lost.
    if let (Some(text), None) = (&before, &stored) {
        let _ = storage::set(&damaged_key(state), text);
    }
    let merged = sync::merge_for_save(state, stored.as_deref());
    let mut d = current(state);
    d.answers = merged.answers;
    let mut dropped = Vec::new();
    if let (Some(text), Some(s)) = (&before, &stored) {
        if merged.changed.is_empty() && s.step == d.step {
            // Nothing of this tab's is missing from storage.
            sync::saved(state, s.answers.clone(), Vec::new());
            return state.saved_at.set(Some(saved_hh_mm(&s.saved_at)));
        }
        dropped = versions::keep(state, text, false);
    }
    let _ = storage::set(&sync::edited_key(state), &state.sync.with_value(|s| s.last_edit).to_string());
    let text = serde_json::to_string(&d).unwrap_or_default();
    let mut written = storage::set(&key, &text);
    if written == Err(storage::StoreError::Quota) {
        // Full: the earlier versions give way to the draft itself.
        dropped.extend(versions::forget(state));
        written = storage::set(&key, &text);
    }
    let locale = state.locale.get_untracked();
    match written {
        Ok(()) => {
            state.saved_at.set(Some(clock::hh_mm()));
            mark(state, true);
            let mut unused = stored.map(|s| file_ids(&s.answers)).unwrap_or_default();
            for v in dropped {
                unused.extend(text_file_ids(state, &v));
            }
            sync::saved(state, d.answers.clone(), merged.changed);
            state.sync.update_value(|s| s.written = Some((text, Arc::new(d))));
            attachments::collect(state, unused);
        }
        Err(storage::StoreError::Quota) => notice(state, true, t(locale, key!("ui.save.quota"))),
        Err(storage::StoreError::Unavailable) => notice(state, true, t(locale, key!("ui.save.unavailable"))),
    }
}

/// The ids of the attachments the answers name.
pub fn file_ids(a: &Answers) -> Vec<String> {
    a.all_files().into_iter().map(|f| f.id.clone()).collect()
}

/// The ids of the attachments a stored draft's text names (none when it cannot be read).
pub fn text_file_ids(state: &AppState, text: &str) -> Vec<String> {
    draft::parse(text, state.form.get_value().def()).map(|l| file_ids(&l.draft.answers)).unwrap_or_default()
}

/// Where a draft that could not be read is kept aside.
pub fn damaged_key(state: &AppState) -> String {
    format!("{}:damaged", storage_key(state))
}

/// A cookie says this browser holds a draft of this key: unlike the draft, browsers keep it when
/// they evict a site's storage, so a draft that disappeared can be reported (an extension, issue 20:
/// it holds `1`, never an answer).
fn cookie(state: &AppState) -> String {
    let hex: String = state.draft_key.get_value().bytes().map(|b| format!("{b:02x}")).collect();
    format!("formseal-draft-{hex}")
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn mark(state: &AppState, present: bool) {
    let value = if present { "1; max-age=31536000" } else { "; max-age=0" };
    if let Some(doc) = document() {
        let text = format!("{}={value}; path=/; samesite=strict", cookie(state));
        let _ = js_sys::Reflect::set(&doc, &"cookie".into(), &text.into());
    }
}

fn marked(state: &AppState) -> bool {
    let jar = document().and_then(|d| js_sys::Reflect::get(&d, &"cookie".into()).ok()).and_then(|c| c.as_string());
    jar.is_some_and(|j| j.split("; ").any(|c| c == format!("{}=1", cookie(state))))
}

/// Restores the saved draft, if any; a damaged one is kept aside and reported, never lost; a
/// draft that the browser no longer has is reported too.
pub fn restore(state: &AppState) {
    let key = storage_key(state);
    let locale = state.locale.get_untracked();
    let form = state.form.get_value();
    state.sync.update_value(|s| s.base = Answers::empty(form.def()));
    let Some(text) = storage::get(&key) else {
        if marked(state) {
            mark(state, false);
            notice(state, true, t(locale, key!("ui.restore.gone")));
        }
        return;
    };
    match draft::parse(&text, form.def()) {
        Ok(loaded) => {
            state.sync.update_value(|s| s.base = loaded.draft.answers.clone());
            state.answers.set(loaded.draft.answers);
            state.step.set(Step::parse(&loaded.draft.step));
            state.saved_at.set(Some(saved_hh_mm(&loaded.draft.saved_at)));
            leptos::task::spawn_local(attachments::check(*state));
        }
        Err(e) => {
            let _ = storage::set(&damaged_key(state), &text);
            notice(state, true, render(locale, key!("ui.restore.damaged"), &[("reason", e.text(locale))]));
        }
    }
}

pub(crate) fn saved_hh_mm(iso: &str) -> String {
    iso.get(11..16).unwrap_or_default().to_string()
}

/// Saves the draft within a second of the last change, and at once when the page is hidden or closed.
pub fn autosave(state: AppState) {
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        state.answers.track();
        state.step.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if !sync::note_change(&state) {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                save_now(&state);
            },
            Duration::from_millis(600),
        )
        .ok();
        pending.set_value(handle);
    });
    let flush = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
            pending.set_value(None);
            save_now(&state);
        }
    };
    let hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
    // Another tab saved this draft (or cleared it): its changes come in, field by field.
    let key = storage_key(&state);
    let other = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().as_deref() == Some(key.as_str()) {
            sync::on_stored(&state, e.new_value());
        }
    });
    // Leaving the form (the start page, another form): the last change is saved now, and no
    // timer or listener is left to touch the form's disposed state later.
    on_cleanup(move || {
        flush();
        hide.remove();
        hidden.remove();
        other.remove();
    });
}

/// A file name safe on every OS, from the unit's name.
pub fn file_stem(state: &AppState) -> String {
    let field = state.form.get_value().def().name_field;
    let name = state.answers.with_untracked(|a| a.text(field).trim().to_string());
    let clean: String = name.chars().filter(|c| !r#"\/:*?"<>|"#.contains(*c) && !c.is_control()).take(60).collect();
    if clean.is_empty() {
        t(state.locale.get_untracked(), key!("ui.unnamed"))
    } else {
        clean
    }
}

/// What the start page shows about a saved draft: the unit's name and when it was saved.
pub fn saved_summary(draft_key: &str, name_field: &str) -> Option<(String, String)> {
    draft::summary(&storage::get(&format!("formseal:{draft_key}:draft"))?, name_field)
}

/// Downloads the draft with its attachments as a `.json` file (the worker embeds them).
pub async fn export(state: AppState) {
    let locale = state.locale.get_untracked();
    let d = current(&state);
    let day = d.saved_at.get(..10).unwrap_or_default();
    let name = format!("{}-{}-{day}.json", t(locale, key!("ui.draft.file_prefix")), file_stem(&state));
    let made = async {
        let (file_ids, blobs) = attachments::attachment_blobs(&state).await?;
        let form = FormArgs { file_ids, ..request(&state) };
        let export = Export { form, draft: serde_json::to_string(&d).unwrap_or_default() };
        crate::browser::worker::call(locale, &export, blobs, None).await
    };
    let result = match made.await {
        Ok((_, bytes)) => files::download(&name, &bytes.unwrap_or_default(), "application/json"),
        Err(f) => Err(if f.message.is_empty() { t(locale, &f.code) } else { f.message }),
    };
    match result {
        Ok(()) => notice(&state, false, render(locale, key!("ui.export.done"), &[("name", name)])),
        Err(e) => notice(&state, true, render(locale, key!("ui.export.failed"), &[("reason", e)])),
    }
}

/// Imports a draft file; on any problem the current draft stays as it is.
pub async fn import(state: AppState, file: web_sys::File) {
    let locale = state.locale.get_untracked();
    let text = match files::text(&file).await {
        Ok(t) => t,
        Err(_) => return notice(&state, true, t(locale, key!("ui.import.unreadable"))),
    };
    if let Err(message) = import_text(state, &text, &file.name()).await {
        notice(&state, true, message);
    }
}

/// Takes the answers (and attachments) of a draft's text, named `name` in messages; on any
/// problem returns the message and the current draft stays as it is.
pub async fn import_text(state: AppState, text: &str, name: &str) -> Result<(), String> {
    let locale = state.locale.get_untracked();
    let form = state.form.get_value();
    let loaded = match draft::parse(text, form.def()) {
        Ok(l) => l,
        Err(e) => return Err(format!("{} {}", e.text(locale), t(locale, key!("ui.import.unchanged")))),
    };
    for f in loaded.draft.file_refs() {
        let Some(bytes) = loaded.draft.file_bytes(&f.id) else { continue };
        if let Some(blob) = files::blob(&bytes, &f.media_type) {
            if let Err(e) = idb::put(&file_key(&state, &f.id), &blob).await {
                let key = if e.is_quota() { key!("ui.save.quota") } else { key!("ui.import.files_failed") };
                return Err(t(locale, key));
            }
        }
    }
    let mut lines = vec![render(locale, key!("ui.import.done"), &[("name", name.to_string())])];
    if let Some(from) = &loaded.migrated_from {
        lines.push(render(locale, key!("draft.migrated"), &[("from", from.clone())]));
    }
    if !loaded.dropped.is_empty() {
        lines.push(render(locale, key!("draft.dropped"), &[("fields", loaded.dropped.join(", "))]));
    }
    // What the import replaces stays at hand, as an earlier version.
    if let Some(before) = storage::get(&storage_key(&state)) {
        versions::keep(&state, &before, true);
    }
    state.answers.set(loaded.draft.answers);
    state.step.set(Step::Form);
    state.bus.untouch_all();
    state.show_all.set(false);
    save_now(&state);
    notice(&state, false, lines.join(" "));
    Ok(())
}

/// Where the secretariat's receipt for this draft's package is kept: what the applicant was told
/// when the package was received (`formseal serve`), said again when the form is opened.
pub fn receipt_key(state: &AppState) -> String {
    format!("{}:receipt", storage_key(state))
}

/// Deletes the draft, its earlier versions and their attachments and starts again with an empty
/// form (in every tab of this draft).
pub async fn clear(state: AppState) {
    let form = state.form.get_value();
    let mut ids = file_ids(&current(&state).answers);
    for v in versions::forget(&state) {
        ids.extend(text_file_ids(&state, &v));
    }
    ids.extend(state.sync.try_update_value(|s| std::mem::take(&mut s.detached)).unwrap_or_default());
    for id in ids {
        let _ = idb::delete(&file_key(&state, &id)).await;
    }
    for key in [storage_key(&state), receipt_key(&state), sync::edited_key(&state), attachments::asked_key(&state)] {
        storage::remove(&key);
    }
    mark(&state, false);
    // An empty form is not saved until the applicant types (as on a first visit).
    state.sync.update_value(|s| {
        s.base = Answers::empty(form.def());
        s.remote = true;
    });
    state.answers.set(Answers::empty(form.def()));
    state.step.set(Step::Form);
    state.bus.untouch_all();
    state.show_all.set(false);
    state.saved_at.set(None);
    notice(&state, false, t(state.locale.get_untracked(), key!("ui.clear.done")));
}
