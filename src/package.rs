//! Making the package in the browser: gather answers and attachment Blobs, let the worker build
//! and sign it, download it, and tell the host page (`formseal:package-ready`).

use crate::browser::worker::{self, Failure};
use crate::browser::{clock, files, idb};
use crate::drafts::file_key;
use crate::embed::{self, Host};
use crate::keys::{self, KeyMeta};
use crate::state::AppState;
use formseal_core::form::FileRef;
use leptos::prelude::*;

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

/// Dispatches `formseal:package-ready` on the widget's host: `detail` holds `bytes`
/// (Uint8Array), `fileName`, `manifestDigest`, `applicationDigest`, `keyFingerprint`,
/// `algorithm` and `form`.
pub fn announce(host: Host, form: &str, made: &Made, bytes: &[u8]) {
    let detail = embed::object(&[
        ("bytes", js_sys::Uint8Array::from(bytes).into()),
        ("fileName", made.file_name.as_str().into()),
        ("manifestDigest", made.manifest_sha256.as_str().into()),
        ("applicationDigest", made.application_sha256.as_str().into()),
        ("keyFingerprint", made.key.fingerprint.as_str().into()),
        ("algorithm", made.key.algorithm.as_str().into()),
        ("form", form.into()),
    ]);
    embed::emit(host, "package-ready", &detail);
}
