//! Attachment bytes in IndexedDB, kept consistent with the draft (issue 20): a file's bytes are
//! written before the draft names it and deleted only after no saved draft or version names it, so
//! a tab closed in the middle of either leaves a draft whose every attachment is whole.

use super::{file_ids, file_key, notice, storage_key};
use crate::browser::{idb, storage};
use crate::state::{AppState, Loc};
use formseal_core::form::{FileRef, Value};
use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::protocol::Failure;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Where the answer of the browser to "keep this site's data" is noted (asked once per draft).
pub fn asked_key(state: &AppState) -> String {
    format!("{}:persist", storage_key(state))
}

/// Adds chosen files to the attachment field at `loc` (at the top of the form, or in a row),
/// keeping their bytes in IndexedDB. A file that does not fit is named, and the answers are still
/// saved without it.
pub async fn attach(state: AppState, loc: Loc, multiple: bool, max_bytes: u64, chosen: Vec<web_sys::File>) {
    let locale = state.locale.get_untracked();
    let field = match loc {
        Loc::Top(id) | Loc::Cell { field: id, .. } => id,
    };
    // A field of one file keeps its file until a new one is stored.
    let mut list = files_at(&state, loc);
    let mut problem = None;
    let mut added = false;
    for file in chosen {
        let size = file.size() as u64;
        if size > max_bytes {
            let p = [("name", file.name()), ("max", format!("{} MB", max_bytes / 1024 / 1024))];
            problem = Some(render(locale, key!("file.too_large"), &p));
            continue;
        }
        let fid = format!("{field}-{}", js_sys::Date::now() as u64 + list.len() as u64);
        if let Err(e) = idb::put(&file_key(&state, &fid), &file).await {
            let key = if e.is_quota() { key!("ui.attach.quota") } else { key!("ui.attach.failed") };
            problem = Some(render(locale, key, &[("name", file.name())]));
            continue;
        }
        let media_type = if file.type_().is_empty() { "application/octet-stream".into() } else { file.type_() };
        if !multiple {
            list.clear();
        }
        list.push(FileRef { id: fid, name: file.name(), media_type, size });
        added = true;
    }
    let _ = state.answers.try_update(|a| loc.set(a, Value::Files(list)));
    match problem {
        Some(text) => notice(&state, true, text),
        None if added => ask_to_keep(&state).await,
        None => {}
    }
}

/// The files at `loc` now.
fn files_at(state: &AppState, loc: Loc) -> Vec<FileRef> {
    state.answers.with_untracked(|a| match loc.get(a) {
        Some(Value::Files(f)) => f,
        _ => Vec::new(),
    })
}

/// The first attachment of a draft: asks the browser to keep the site's data even when disk space
/// runs low (`navigator.storage.persist()`), and says what it answered.
async fn ask_to_keep(state: &AppState) {
    let key = asked_key(state);
    if storage::get(&key).is_some() {
        return;
    }
    let Some(promise) = web_sys::window().and_then(|w| w.navigator().storage().persist().ok()) else { return };
    let granted = JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false);
    let _ = storage::set(&key, if granted { "1" } else { "0" });
    let text =
        t(state.locale.get_untracked(), if granted { key!("ui.persist.granted") } else { key!("ui.persist.denied") });
    notice(state, false, text);
}

/// Removes one attachment from the answers; its bytes go once no saved draft names them.
pub async fn detach(state: AppState, loc: Loc, file_id: String) {
    state.sync.update_value(|s| s.detached.push(file_id.clone()));
    let list = files_at(&state, loc).into_iter().filter(|f| f.id != file_id).collect();
    state.answers.update(|a| loc.set(a, Value::Files(list)));
}

/// After a save: deletes the bytes of `unused` attachments (and of those removed in this tab) that
/// neither the saved draft nor any kept version names.
pub fn collect(state: &AppState, mut unused: Vec<String>) {
    unused.extend(state.sync.try_update_value(|s| std::mem::take(&mut s.detached)).unwrap_or_default());
    if unused.is_empty() {
        return;
    }
    let mut named = state.sync.with_value(|s| file_ids(&s.base));
    for (_, v) in super::versions::list(state) {
        named.extend(super::text_file_ids(state, &v));
    }
    unused.retain(|id| !named.contains(id));
    let keys: Vec<String> = unused.iter().map(|id| file_key(state, id)).collect();
    leptos::task::spawn_local(async move {
        for k in keys {
            let _ = idb::delete(&k).await;
        }
    });
}

/// At start: every attachment the draft names is in IndexedDB; those the browser no longer has are
/// taken out of the answers and named, so the applicant can add them again.
pub async fn check(state: AppState) {
    let refs: Vec<FileRef> = state.answers.with_untracked(|a| a.all_files().into_iter().cloned().collect());
    let mut missing = Vec::new();
    for f in refs {
        if let Ok(None) = idb::get(&file_key(&state, &f.id)).await {
            missing.push(f);
        }
    }
    if missing.is_empty() {
        return;
    }
    let gone: Vec<String> = missing.iter().map(|f| f.id.clone()).collect();
    if state.answers.try_update(|a| a.retain_files(&|f| !gone.contains(&f.id))).is_none() {
        return; // the form was closed meanwhile
    }
    let names = missing.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join("、");
    notice(&state, true, render(state.locale.get_untracked(), key!("ui.restore.files_missing"), &[("names", names)]));
}

/// The attachments the answers name, in the form's order.
pub fn named(state: &AppState) -> Vec<FileRef> {
    state
        .answers
        .with_untracked(|a| a.attachments(state.form.get_value().def()).into_iter().map(|(_, f)| f.clone()).collect())
}

/// The attachments' ids and Blobs, straight from IndexedDB (the worker reads them in chunks);
/// one that is missing is left out (draft exports).
pub async fn attachment_blobs(state: &AppState) -> Result<(Vec<String>, Vec<web_sys::Blob>), Failure> {
    let refs = named(state);
    let mut ids = Vec::with_capacity(refs.len());
    let mut blobs = Vec::with_capacity(refs.len());
    for f in &refs {
        if let Ok(Some(b)) = idb::get(&file_key(state, &f.id)).await {
            ids.push(f.id.clone());
            blobs.push(b);
        }
    }
    Ok((ids, blobs))
}
