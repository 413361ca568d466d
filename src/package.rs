//! Making the package in the browser: gather answers and attachment Blobs, let the worker build
//! and sign it, download it, and tell the host page (`formseal:package-ready`).

use crate::browser::worker::{self, Failure};
use crate::browser::{clock, files, idb};
use crate::drafts::file_key;
use crate::keys::{self, KeyMeta};
use crate::state::AppState;
use formseal_core::form::FileRef;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A package that was made.
#[derive(Clone, Debug, PartialEq)]
pub struct Made {
    pub file_name: String,
    pub manifest_sha256: String,
    pub application_sha256: String,
    pub key: KeyMeta,
    pub size: u64,
}

/// Builds, signs and downloads the package; returns what identifies it, and its bytes.
pub async fn make(state: AppState, algorithm: &str) -> Result<(Made, Vec<u8>), Failure> {
    let locale = state.locale.get_untracked();
    let form = state.form.get_value();
    let answers = state.answers.get_untracked();
    let (key, meta) = keys::ensure(algorithm).await?;
    // Attachment Blobs straight from IndexedDB: the worker reads them in chunks.
    let refs: Vec<FileRef> = answers.attachments(form.def()).into_iter().map(|(_, f)| f.clone()).collect();
    let mut ids = Vec::with_capacity(refs.len());
    let mut blobs = Vec::with_capacity(refs.len());
    for f in &refs {
        match idb::get(&file_key(&state, &f.id)).await {
            Ok(Some(b)) => {
                ids.push(f.id.clone());
                blobs.push(b);
            }
            _ => {
                let message = formseal_core::messages::render(locale, "ui.pkg.unreadable", &[("name", f.name.clone())]);
                return Err(Failure { code: "worker.package_failed".into(), message });
            }
        }
    }
    let mut args = request(&state);
    args["file_ids"] = ids.into();
    let reply = worker::call("package", args, blobs, Some(&key)).await?;
    let bytes = reply.bytes.unwrap_or_default();
    let r = &reply.result;
    let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
    let made = Made {
        file_name: s("file_name"),
        manifest_sha256: s("manifest_sha256"),
        application_sha256: s("application_sha256"),
        key: meta,
        size: bytes.len() as u64,
    };
    Ok((made, bytes))
}

/// What the worker needs to render the form: language, form, call, answers and the time.
fn request(state: &AppState) -> serde_json::Value {
    serde_json::json!({
        "lang": state.locale.get_untracked().tag(),
        "form": state.form.get_value().def().id,
        "call": state.call.get_value(),
        "answers": state.answers.get_untracked().to_json(),
        "created_at": clock::now_iso(),
        "today": clock::today().to_string(),
    })
}

/// The filled paper form as a PDF preview (no package identity): its file name and bytes.
pub async fn preview(state: AppState) -> Result<(String, Vec<u8>), Failure> {
    let reply = worker::call("preview", request(&state), Vec::new(), None).await?;
    let name = reply.result["file_name"].as_str().unwrap_or("preview.pdf").to_string();
    Ok((name, reply.bytes.unwrap_or_default()))
}

/// Offers the package as a download.
pub fn download(made: &Made, bytes: &[u8]) -> Result<(), String> {
    files::download(&made.file_name, bytes, "application/zip")
}

/// Dispatches `formseal:package-ready` on the widget's host element: `detail` holds `bytes`
/// (Uint8Array), `fileName`, `manifestDigest`, `applicationDigest`, `keyFingerprint`,
/// `algorithm` and `form`.
pub fn announce(from: &web_sys::Element, form: &str, made: &Made, bytes: &[u8]) {
    let host = from.closest("[data-formseal]").ok().flatten().unwrap_or_else(|| from.clone());
    let detail = js_sys::Object::new();
    let set = |k: &str, v: &wasm_bindgen::JsValue| {
        let _ = js_sys::Reflect::set(&detail, &k.into(), v);
    };
    set("bytes", &js_sys::Uint8Array::from(bytes));
    set("fileName", &made.file_name.as_str().into());
    set("manifestDigest", &made.manifest_sha256.as_str().into());
    set("applicationDigest", &made.application_sha256.as_str().into());
    set("keyFingerprint", &made.key.fingerprint.as_str().into());
    set("algorithm", &made.key.algorithm.as_str().into());
    set("form", &form.into());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict("formseal:package-ready", &init) {
        let _ = host.unchecked_ref::<web_sys::EventTarget>().dispatch_event(&ev);
    }
}
