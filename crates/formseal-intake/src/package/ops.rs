//! What the package panel does with the worker and the form: make, preview and send a package,
//! and the two events by which it talks to the form (`formseal-ask`, `formseal-tell`).

use crate::browser::idb;
use crate::keys::{self, KeyMeta};
use crate::pool::{Failure, Slot};
use formseal_core::algorithm::Algorithm;
use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::protocol::{FormArgs, Package, Preview, Submit};
use formseal_core::Locale;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// A package that was made.
#[derive(Clone, Debug, PartialEq)]
pub struct Made {
    pub file_name: String,
    pub manifest_sha256: String,
    pub application_sha256: String,
    pub key: KeyMeta,
    pub size: u64,
}

/// `ab12 cd34 …` groups of four, for reading a fingerprint aloud or comparing it on paper.
pub fn grouped(hex: &str) -> String {
    hex.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// A failure's message: the worker's own text, or the catalogue's for UI-side codes.
pub fn failure_text(locale: Locale, f: &Failure) -> String {
    if f.message.is_empty() || f.code.starts_with("ui.") {
        t(locale, &f.code)
    } else {
        f.message.clone()
    }
}

/// Dispatches `name` (bubbling) on a page's container with `detail`; the form listens there.
pub(crate) fn dispatch(container: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = container.dispatch_event(&ev);
    }
}

pub fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

/// An attachment the form names: its id, its storage key and its file name.
type Attachment = (String, String, String);

/// The worker's request as the answers are now, and the attachments.
fn ask(container: &web_sys::HtmlElement) -> Option<(FormArgs, Vec<Attachment>)> {
    let detail = Object::new();
    dispatch(container, "formseal-ask", &detail);
    let text = |k: &str| Reflect::get(&detail, &k.into()).ok().and_then(|v| v.as_string());
    let request: FormArgs = serde_json::from_str(&text("request")?).ok()?;
    let files: Vec<Attachment> = serde_json::from_str(&text("files")?).ok()?;
    Some((request, files))
}

/// Tells the host page (through the form) `name` with `detail`.
pub fn tell(container: &web_sys::HtmlElement, name: &str, detail: JsValue) {
    dispatch(container, "formseal-tell", &object(&[("name", name.into()), ("detail", detail)]));
}

/// Builds, signs and downloads the package; returns what identifies it, and its bytes.
pub async fn make(
    slot: &Slot,
    container: &web_sys::HtmlElement,
    locale: Locale,
    algorithm: Algorithm,
) -> Result<(Made, Vec<u8>), Failure> {
    let unreadable = |name: &str| Failure {
        code: "worker.package_failed".into(),
        message: render(locale, key!("ui.pkg.unreadable"), &[("name", name.to_string())]),
    };
    let (mut args, refs) = ask(container).ok_or_else(|| Failure::new(key!("ui.worker.failed"), ""))?;
    let (key, meta) = keys::ensure(slot, locale, algorithm).await?;
    let mut blobs = Vec::new();
    for (id, storage_key, name) in refs {
        match idb::get(&storage_key).await {
            Ok(Some(b)) => {
                args.file_ids.push(id);
                blobs.push(b);
            }
            _ => return Err(unreadable(&name)),
        }
    }
    let (packed, bytes) = slot.call(locale, &Package(args), &blobs, Some(&key)).await?;
    let bytes = bytes.unwrap_or_default();
    let made = Made {
        file_name: packed.file_name,
        manifest_sha256: packed.manifest_sha256,
        application_sha256: packed.application_sha256,
        key: meta,
        size: bytes.len() as u64,
    };
    Ok((made, bytes))
}

/// The filled paper form as a PDF preview (no package identity): its file name and bytes.
pub async fn preview(
    slot: &Slot,
    container: &web_sys::HtmlElement,
    locale: Locale,
) -> Result<(String, Vec<u8>), Failure> {
    let (args, _) = ask(container).ok_or_else(|| Failure::new(key!("ui.worker.failed"), ""))?;
    let (previewed, bytes) = slot.call(locale, &Preview(args), &[], None).await?;
    Ok((previewed.file_name, bytes.unwrap_or_default()))
}

/// POSTs the package to the host's endpoint, retrying twice (after 1 s and 3 s) when the request
/// did not get through or the server had a passing problem (429, 5xx). `Ok` on 2xx, with the
/// server's receipt (checked by the worker) when it answered with one; `Err((status, attempts))`
/// otherwise (status 0: not reached). `attempt` is told each try's number.
pub async fn submit(
    slot: &Slot,
    endpoint: &str,
    made: &Made,
    bytes: &[u8],
    lang: Locale,
    attempt: impl Fn(u32),
) -> Result<(u16, Option<(String, String, Vec<u8>)>), (u16, u32)> {
    let request = Submit {
        url: endpoint.to_string(),
        file_name: made.file_name.clone(),
        manifest: made.manifest_sha256.clone(),
        application: made.application_sha256.clone(),
    };
    let (mut status, mut tries) = (0, 0);
    for (n, wait_ms) in [(1, 0), (2, 1000), (3, 3000)] {
        tries = n;
        if wait_ms > 0 {
            gloo_timers::future::TimeoutFuture::new(wait_ms).await;
        }
        attempt(n);
        let Ok((reply, body)) = slot.call(lang, &request, &[], Some(bytes)).await else {
            status = 0;
            continue;
        };
        status = reply.status;
        match status {
            200..=299 => {
                let receipt = reply.receipt.zip(reply.receipt_name).map(|(t, n)| (t, n, body.unwrap_or_default()));
                return Ok((status, receipt));
            }
            0 | 429 | 500..=599 => continue,
            _ => break,
        }
    }
    Err((status, tries))
}
