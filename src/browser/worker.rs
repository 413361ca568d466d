//! The package worker, started on first use: signing, hashing, zipping and verifying run there,
//! off the main thread, and its wasm is downloaded only then (see `crates/formseal-worker`).

use formseal_core::key;
use formseal_core::protocol::{self, Failure, Op};
use formseal_core::Locale;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

struct Handle {
    worker: web_sys::Worker,
    /// Resolves when the worker has loaded its wasm; rejects when it cannot load.
    ready: js_sys::Promise,
    pending: RefCell<HashMap<u32, js_sys::Function>>,
    next: Cell<u32>,
    loaded: Cell<bool>,
}

thread_local! {
    static WORKER: RefCell<Option<Rc<Handle>>> = const { RefCell::new(None) };
}

/// Where the worker script is: with the widget's other files, or inside the offline file.
pub fn worker_url() -> String {
    if let Some(url) = super::offline("worker") {
        return url;
    }
    let url = super::asset_url("formseal-worker_loader.js");
    SHIM.with(|s| s.borrow().clone()).or_else(|| cross_origin_shim(&url)).unwrap_or(url)
}

thread_local! {
    static SHIM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A Worker cannot start from another origin's script (the widget served by a CDN or the
/// standards body's asset server): it then starts from a same-origin `blob:` script that loads the
/// worker's script and wasm from the widget's folder, and tells it where its fonts are
/// (`FORMSEAL_BASE`). A host's CSP must allow `worker-src blob:` for that (see the README).
fn cross_origin_shim(url: &str) -> Option<String> {
    let here = web_sys::window()?.location();
    let abs = web_sys::Url::new_with_base(url, &here.href().ok()?).ok()?;
    if abs.origin() == here.origin().ok()? {
        return None;
    }
    let href = abs.href();
    let base = format!("{}/", href.rsplit_once('/')?.0);
    let quote = |s: &str| serde_json::Value::from(s).to_string();
    let js = format!(
        "self.FORMSEAL_BASE={};importScripts({});wasm_bindgen({});",
        quote(&base),
        quote(&format!("{base}formseal-worker.js")),
        quote(&format!("{base}formseal-worker_bg.wasm"))
    );
    let blob = super::files::blob(js.as_bytes(), "text/javascript")?;
    let shim = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    SHIM.with(|s| *s.borrow_mut() = Some(shim.clone()));
    Some(shim)
}

fn field(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED)
}

fn start() -> Result<Rc<Handle>, Failure> {
    let load_failed = |e: JsValue| Failure::new(key!("ui.worker.failed"), format!("{e:?}"));
    let worker = web_sys::Worker::new(&worker_url()).map_err(load_failed)?;
    let mut resolvers = None;
    let ready = js_sys::Promise::new(&mut |res, rej| resolvers = Some((res, rej)));
    let (ready_ok, ready_err) = resolvers.expect("promise executor runs at once");
    let handle = Rc::new(Handle {
        worker,
        ready,
        pending: RefCell::new(HashMap::new()),
        next: Cell::new(1),
        loaded: Cell::new(false),
    });
    let weak = Rc::downgrade(&handle);
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        let h = weak.upgrade();
        if data.as_string().as_deref() == Some("ready") {
            h.iter().for_each(|h| h.loaded.set(true));
            let _ = ready_ok.call0(&JsValue::NULL);
            return;
        }
        let id = field(&data, "id").as_f64().unwrap_or(0.0) as u32;
        if let Some(h) = h {
            if let Some(resolve) = h.pending.borrow_mut().remove(&id) {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        }
    });
    // Loading failed, or the worker died mid-operation: fail whatever is waiting (nothing hangs)
    // and start afresh on the next call.
    let weak_err = Rc::downgrade(&handle);
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let _ = ready_err.call1(&JsValue::NULL, &JsValue::from_str("load"));
        if let Some(h) = weak_err.upgrade() {
            // Before it was ready: it could not load; after: it stopped in an operation.
            let code = if h.loaded.get() { key!("ui.worker.crashed") } else { key!("ui.worker.failed") };
            let failed = js_sys::Object::new();
            let (_, answer) = protocol::answer::<protocol::Empty>(&Err(Failure::new(code, "")));
            let _ = js_sys::Reflect::set(&failed, &"answer".into(), &answer.into());
            for (_, resolve) in h.pending.borrow_mut().drain() {
                let _ = resolve.call1(&JsValue::NULL, &failed);
            }
            h.worker.terminate();
        }
        WORKER.with(|w| w.borrow_mut().take());
    });
    handle.worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    handle.worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    Ok(handle)
}

fn handle() -> Result<Rc<Handle>, Failure> {
    WORKER.with(|w| {
        if let Some(h) = w.borrow().as_ref() {
            return Ok(h.clone());
        }
        let h = start()?;
        *w.borrow_mut() = Some(h.clone());
        Ok(h)
    })
}

/// Runs `request` in the worker (its messages in `lang`). `blobs` are attachments; `bytes` a
/// package or key file. The reply is the request's own type, with the bytes the worker handed back.
pub async fn call<T: Op>(
    lang: Locale,
    request: &T,
    blobs: Vec<web_sys::Blob>,
    bytes: Option<&[u8]>,
) -> Result<(T::Reply, Option<Vec<u8>>), Failure> {
    let (ok, answer, bytes) = exchange(protocol::encode(lang, request), blobs, bytes).await?;
    Ok((protocol::read_answer::<T>(lang, ok, &answer)?, bytes))
}

/// Posts one message and waits for its answer: `ok`, the answer's JSON and the bytes (one copy
/// of this for every request type keeps the form's first download small).
async fn exchange(
    message: String,
    blobs: Vec<web_sys::Blob>,
    bytes: Option<&[u8]>,
) -> Result<(bool, String, Option<Vec<u8>>), Failure> {
    let h = handle()?;
    JsFuture::from(h.ready.clone()).await.map_err(|_| Failure::new(key!("ui.worker.failed"), ""))?;
    let id = h.next.get();
    h.next.set(id + 1);
    let msg = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&msg, &k.into(), v);
    };
    set("id", &JsValue::from(id));
    set("message", &JsValue::from_str(&message));
    set("blobs", &blobs.into_iter().collect::<js_sys::Array>());
    if let Some(b) = bytes {
        set("bytes", &js_sys::Uint8Array::from(b));
    }
    let reply = js_sys::Promise::new(&mut |resolve, _| {
        h.pending.borrow_mut().insert(id, resolve);
    });
    h.worker.post_message(&msg).map_err(|e| Failure::new(key!("ui.worker.failed"), format!("{e:?}")))?;
    let data = JsFuture::from(reply).await.unwrap_or(JsValue::UNDEFINED);
    let ok = field(&data, "ok").as_bool() == Some(true);
    let answer = field(&data, "answer").as_string().unwrap_or_default();
    Ok((ok, answer, field(&data, "bytes").dyn_into::<js_sys::Uint8Array>().ok().map(|a| a.to_vec())))
}
