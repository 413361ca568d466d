//! The package workers the page checks with: one per core (at most four), each given one file at
//! a time. A worker that dies (its panic boundary answers `worker.crashed` first) is replaced
//! before its next file, so one hostile package cannot stop the batch.
//!
//! The protocol is the package worker's, typed in `formseal_core::protocol`.

use formseal_core::key;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub use formseal_core::protocol::Failure;
use formseal_core::protocol::{self, Op};
use formseal_core::Locale;

/// One worker, started on first use and again after it died.
pub struct Slot {
    url: String,
    worker: RefCell<Option<web_sys::Worker>>,
}

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The next message or error event of `w`, as a promise (one request at a time per worker).
fn next_event(w: &web_sys::Worker) -> Promise {
    let w = w.clone();
    Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |e: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &e.data());
        });
        let on_error = Closure::once_into_js(move |e: web_sys::Event| {
            e.prevent_default();
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("the worker stopped"));
        });
        w.set_onmessage(Some(on_message.unchecked_ref()));
        w.set_onerror(Some(on_error.unchecked_ref()));
    })
}

impl Slot {
    pub fn new(url: String) -> Rc<Slot> {
        Rc::new(Slot { url, worker: RefCell::new(None) })
    }

    async fn worker(&self) -> Result<web_sys::Worker, Failure> {
        if let Some(w) = self.worker.borrow().clone() {
            return Ok(w);
        }
        let failed =
            |e: JsValue| Failure::new(key!("ui.worker.failed"), e.as_string().unwrap_or_else(|| format!("{e:?}")));
        let w = web_sys::Worker::new(&self.url).map_err(failed)?;
        // The first message says the wasm is loaded.
        let ready = JsFuture::from(next_event(&w)).await.map_err(failed)?;
        if ready.as_string().as_deref() != Some("ready") {
            return Err(failed("no ready message".into()));
        }
        *self.worker.borrow_mut() = Some(w.clone());
        Ok(w)
    }

    fn drop_worker(&self) {
        if let Some(w) = self.worker.borrow_mut().take() {
            w.terminate();
        }
    }

    /// Runs `request` (messages in `lang`) with the `blobs` (files the worker reads itself) and
    /// `bytes`; the reply is the request's own type, with the bytes the worker handed back.
    pub async fn call<T: Op>(
        &self,
        lang: Locale,
        request: &T,
        blobs: &[web_sys::Blob],
        bytes: Option<&[u8]>,
    ) -> Result<(T::Reply, Option<Vec<u8>>), Failure> {
        let w = self.worker().await?;
        let msg = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&msg, &k.into(), v);
        };
        set("id", &JsValue::from(1));
        set("message", &JsValue::from_str(&protocol::encode(lang, request)));
        set("blobs", &blobs.iter().collect::<Array>());
        if let Some(b) = bytes {
            set("bytes", &Uint8Array::from(b));
        }
        let answer = next_event(&w);
        if let Err(e) = w.post_message(&msg) {
            self.drop_worker();
            return Err(Failure::new(key!("ui.worker.failed"), format!("{e:?}")));
        }
        let data = match JsFuture::from(answer).await {
            Ok(d) => d,
            Err(e) => {
                self.drop_worker();
                return Err(Failure::new(key!("worker.crashed"), e.as_string().unwrap_or_default()));
            }
        };
        let ok = get(&data, "ok").as_bool() == Some(true);
        let text = get(&data, "answer").as_string().unwrap_or_default();
        match protocol::read_answer::<T>(lang, ok, &text) {
            Ok(reply) => Ok((reply, get(&data, "bytes").dyn_into::<Uint8Array>().ok().map(|a| a.to_vec()))),
            Err(failure) => {
                if failure.code == key!("worker.crashed") {
                    // Release builds abort after the panic boundary answered: start afresh next time.
                    self.drop_worker();
                }
                Err(failure)
            }
        }
    }
}

/// How many workers to run: one per core the browser reports, at least one, at most four.
pub fn size() -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).clamp(1, 4)
}

/// The rows a receiving service lists (`GET url`, `Authorization: Bearer token`), or why not.
pub async fn listed(url: &str, token: &str) -> Result<Vec<formseal_core::intake::Row>, String> {
    let response = gloo_net::http::Request::get(url)
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| "the service could not be reached".to_string())?;
    let text = response.text().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        let message = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["message"].as_str().map(str::to_string));
        return Err(format!("HTTP {}{}", response.status(), message.map(|m| format!(": {m}")).unwrap_or_default()));
    }
    serde_json::from_str(&text).map_err(|e| e.to_string())
}
