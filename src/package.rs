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
    let (key, meta) = keys::ensure(algorithm).await?;
    let (ids, blobs) = attachment_blobs(&state, true).await?;
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

/// The attachments' ids and Blobs, straight from IndexedDB (the worker reads them in chunks).
/// `strict`: a missing one is an error (packages); else it is left out (draft exports).
pub async fn attachment_blobs(state: &AppState, strict: bool) -> Result<(Vec<String>, Vec<web_sys::Blob>), Failure> {
    let refs: Vec<FileRef> = state
        .answers
        .with_untracked(|a| a.attachments(state.form.get_value().def()).into_iter().map(|(_, f)| f.clone()).collect());
    let mut ids = Vec::with_capacity(refs.len());
    let mut blobs = Vec::with_capacity(refs.len());
    for f in &refs {
        match idb::get(&file_key(state, &f.id)).await {
            Ok(Some(b)) => {
                ids.push(f.id.clone());
                blobs.push(b);
            }
            _ if !strict => {}
            _ => {
                let locale = state.locale.get_untracked();
                let message = formseal_core::messages::render(locale, "ui.pkg.unreadable", &[("name", f.name.clone())]);
                return Err(Failure { code: "worker.package_failed".into(), message });
            }
        }
    }
    Ok((ids, blobs))
}

/// What the worker needs to render the form: language, form, call, answers and the time.
pub fn request(state: &AppState) -> serde_json::Value {
    let definition = state.definition.get_value();
    serde_json::json!({
        "lang": state.locale.get_untracked().tag(),
        "form": state.form.get_value().def().id,
        "call": state.call.get_value(),
        "definition": Some(&*definition).filter(|d| !d.is_empty()),
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

/// POSTs the package to the host's endpoint, retrying twice (after 1 s and 3 s) when the
/// request did not get through or the server had a passing problem (429, 5xx). `Ok` on 2xx, with
/// the server's receipt when it answered with one (`formseal serve`: what to tell the applicant,
/// the file name and its bytes, checked by the worker); `Err((status, attempts))` otherwise
/// (status 0: not reached). `attempt` is told each try's number.
pub async fn submit(
    endpoint: &str,
    made: &Made,
    bytes: &[u8],
    lang: &str,
    attempt: impl Fn(u32),
) -> Result<Submitted, (u16, u32)> {
    let args = serde_json::json!({
        "url": endpoint,
        "file_name": made.file_name,
        "manifest": made.manifest_sha256,
        "application": made.application_sha256,
        "lang": lang,
    });
    let (mut status, mut tries) = (0, 0);
    for (n, wait_ms) in [(1, 0), (2, 1000), (3, 3000)] {
        tries = n;
        if wait_ms > 0 {
            sleep(wait_ms).await;
        }
        attempt(n);
        let Ok(reply) = worker::call("submit", args.clone(), Vec::new(), Some(bytes)).await else {
            status = 0;
            continue;
        };
        status = reply.result["status"].as_u64().unwrap_or(0) as u16;
        match status {
            200..=299 => {
                let text = |k: &str| reply.result[k].as_str().map(str::to_string);
                let receipt =
                    text("receipt").zip(text("receipt_name")).map(|(t, n)| (t, n, reply.bytes.unwrap_or_default()));
                return Ok(Submitted { status, receipt });
            }
            0 | 429 | 500..=599 => continue,
            _ => break,
        }
    }
    Err((status, tries))
}

/// A package the endpoint accepted.
pub struct Submitted {
    pub status: u16,
    /// The receipt: what to tell the applicant, its file name, its bytes.
    pub receipt: Option<(String, String, Vec<u8>)>,
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
