//! Keeping the draft: autosave to browser storage, restore, export/import files, clear, attachments.

use crate::browser::{clock, files, idb, storage};
use crate::state::{AppState, Loc, Notice, Step};
use formseal_core::draft::{self, Draft};
use formseal_core::form::{Answers, FieldKind, FileRef, Value};
use formseal_core::messages::{render, t};
use leptos::prelude::*;
use std::time::Duration;

fn storage_key(state: &AppState) -> String {
    format!("formseal:{}:draft", state.draft_key.get_value())
}

pub fn file_key(state: &AppState, id: &str) -> String {
    format!("{}/{}", state.draft_key.get_value(), id)
}

fn notice(state: &AppState, error: bool, text: String) {
    state.notice.set(Some(Notice { error, text }));
}

/// The current draft (answers and step) as the core's draft value.
pub fn current(state: &AppState) -> Draft {
    let form = state.form.get_value();
    let mut d = Draft::new(form.def(), clock::now_iso());
    d.answers = state.answers.get_untracked();
    d.step = state.step.get_untracked().as_str().into();
    d
}

/// Writes the draft to localStorage now.
pub fn save_now(state: &AppState) {
    let text = serde_json::to_string(&current(state)).unwrap_or_default();
    match storage::set(&storage_key(state), &text) {
        Ok(()) => state.saved_at.set(Some(clock::hh_mm())),
        Err(storage::StoreError::Quota) => notice(state, true, t(state.locale.get_untracked(), "ui.save.quota")),
        Err(storage::StoreError::Unavailable) => {
            notice(state, true, t(state.locale.get_untracked(), "ui.save.unavailable"))
        }
    }
}

/// Restores the saved draft, if any; a damaged one is kept aside and reported, never lost.
pub fn restore(state: &AppState) {
    let key = storage_key(state);
    let Some(text) = storage::get(&key) else { return };
    let form = state.form.get_value();
    match draft::parse(&text, form.def()) {
        Ok(loaded) => {
            state.answers.set(loaded.draft.answers);
            state.step.set(Step::parse(&loaded.draft.step));
            state.saved_at.set(Some(saved_hh_mm(&loaded.draft.saved_at)));
        }
        Err(e) => {
            let _ = storage::set(&format!("{key}:damaged"), &text);
            let locale = state.locale.get_untracked();
            notice(state, true, render(locale, "ui.restore.damaged", &[("reason", e.text(locale))]));
        }
    }
}

fn saved_hh_mm(iso: &str) -> String {
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
    // Leaving the form (the start page, another form): the last change is saved now, and no
    // timer or listener is left to touch the form's disposed state later.
    on_cleanup(move || {
        flush();
        hide.remove();
        hidden.remove();
    });
}

/// A file name safe on every OS, from the unit's name.
pub fn file_stem(state: &AppState) -> String {
    let field = state.form.get_value().def().name_field;
    let name = state.answers.with_untracked(|a| a.text(field).trim().to_string());
    let clean: String = name.chars().filter(|c| !r#"\/:*?"<>|"#.contains(*c) && !c.is_control()).take(60).collect();
    if clean.is_empty() {
        t(state.locale.get_untracked(), "ui.unnamed")
    } else {
        clean
    }
}

/// What the start page shows about a saved draft: the unit's name and when it was saved.
pub fn saved_summary(draft_key: &str, name_field: &str) -> Option<(String, String)> {
    let text = storage::get(&format!("formseal:{draft_key}:draft"))?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let name = json.get("answers")?.get(name_field).and_then(|v| v.as_str()).unwrap_or_default().trim().to_string();
    let saved = json.get("saved_at").and_then(|v| v.as_str()).unwrap_or_default();
    let when = format!("{} {}", saved.get(..10).unwrap_or_default(), saved.get(11..16).unwrap_or_default());
    Some((name, when))
}

/// Downloads the draft with its attachments as a `.json` file (the worker embeds them).
pub async fn export(state: AppState) {
    let locale = state.locale.get_untracked();
    let d = current(&state);
    let name = format!("{}-{}-{}.json", t(locale, "ui.draft.file_prefix"), file_stem(&state), &d.saved_at[..10]);
    let made = async {
        let (ids, blobs) = crate::package::attachment_blobs(&state, false).await?;
        let mut args = crate::package::request(&state);
        args["file_ids"] = ids.into();
        args["draft"] = serde_json::to_string(&d).unwrap_or_default().into();
        crate::browser::worker::call("export", args, blobs, None).await
    };
    let result = match made.await {
        Ok(reply) => files::download(&name, &reply.bytes.unwrap_or_default(), "application/json"),
        Err(f) => Err(if f.message.is_empty() { t(locale, &f.code) } else { f.message }),
    };
    match result {
        Ok(()) => notice(&state, false, render(locale, "ui.export.done", &[("name", name)])),
        Err(e) => notice(&state, true, render(locale, "ui.export.failed", &[("reason", e)])),
    }
}

/// Imports a draft file; on any problem the current draft stays as it is.
pub async fn import(state: AppState, file: web_sys::File) {
    let locale = state.locale.get_untracked();
    let text = match files::text(&file).await {
        Ok(t) => t,
        Err(_) => return notice(&state, true, t(locale, "ui.import.unreadable")),
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
        Err(e) => return Err(format!("{} {}", e.text(locale), t(locale, "ui.import.unchanged"))),
    };
    for f in loaded.draft.file_refs() {
        let Some(bytes) = loaded.draft.file_bytes(&f.id) else { continue };
        if let Some(blob) = files::blob(&bytes, &f.media_type) {
            if let Err(e) = idb::put(&file_key(&state, &f.id), &blob).await {
                let key = if e.is_quota() { "ui.save.quota" } else { "ui.import.files_failed" };
                return Err(t(locale, key));
            }
        }
    }
    let mut lines = vec![render(locale, "ui.import.done", &[("name", name.to_string())])];
    if let Some(from) = &loaded.migrated_from {
        lines.push(render(locale, "draft.migrated", &[("from", from.clone())]));
    }
    if !loaded.dropped.is_empty() {
        lines.push(render(locale, "draft.dropped", &[("fields", loaded.dropped.join(", "))]));
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

/// Deletes the draft and its attachments and starts again with an empty form.
pub async fn clear(state: AppState) {
    let refs: Vec<FileRef> = current(&state).file_refs().cloned().collect();
    for f in refs {
        let _ = idb::delete(&file_key(&state, &f.id)).await;
    }
    storage::remove(&storage_key(&state));
    storage::remove(&receipt_key(&state));
    let form = state.form.get_value();
    state.answers.set(Answers::empty(form.def()));
    state.step.set(Step::Form);
    state.bus.untouch_all();
    state.show_all.set(false);
    state.saved_at.set(None);
    notice(&state, false, t(state.locale.get_untracked(), "ui.clear.done"));
}

/// Adds chosen files to an attachment field, keeping their bytes in IndexedDB.
pub async fn attach(state: AppState, loc: Loc, chosen: Vec<web_sys::File>) {
    let locale = state.locale.get_untracked();
    let form = state.form.get_value();
    let Loc::Top(id) = loc else { return };
    let Some(FieldKind::Files { multiple, max_bytes, .. }) = form.def().field(id).map(|f| f.kind.clone()) else {
        return;
    };
    let mut list: Vec<FileRef> = if multiple { state.answers.with_untracked(|a| a.files(id).to_vec()) } else { vec![] };
    for file in chosen {
        let size = file.size() as u64;
        if size > max_bytes {
            let p = [("name", file.name()), ("max", format!("{} MB", max_bytes / 1024 / 1024))];
            notice(&state, true, render(locale, "file.too_large", &p));
            continue;
        }
        let fid = format!("{id}-{}", js_sys::Date::now() as u64 + list.len() as u64);
        if let Err(e) = idb::put(&file_key(&state, &fid), &file).await {
            let key = if e.is_quota() { "ui.save.quota" } else { "ui.attach.failed" };
            notice(&state, true, t(locale, key));
            continue;
        }
        let media_type = if file.type_().is_empty() { "application/octet-stream".into() } else { file.type_() };
        list.push(FileRef { id: fid, name: file.name(), media_type, size });
    }
    state.answers.update(|a| a.set(id, Value::Files(list)));
}

/// Removes one attachment.
pub async fn detach(state: AppState, id: &'static str, file_id: String) {
    let _ = idb::delete(&file_key(&state, &file_id)).await;
    state.answers.update(|a| {
        let list = a.files(id).iter().filter(|f| f.id != file_id).cloned().collect();
        a.set(id, Value::Files(list));
    });
}
