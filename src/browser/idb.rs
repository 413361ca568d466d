//! Attachment bytes in IndexedDB (files are too big for localStorage): put, get and delete Blobs.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DB: &str = "formseal";
const STORE: &str = "files";

/// Why IndexedDB failed, with the browser's own error name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdbError(pub String);

impl IdbError {
    pub fn is_quota(&self) -> bool {
        self.0.contains("Quota")
    }
}

fn err(e: JsValue) -> IdbError {
    let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string());
    IdbError(name.or_else(|| e.as_string()).unwrap_or_else(|| "UnknownError".into()))
}

/// Resolves when the request succeeds, with its result.
async fn done(req: &IdbRequest) -> Result<JsValue, IdbError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r2 = req.clone();
        let fail = Closure::once_into_js(move || {
            let e = r2.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::from_str("Error"));
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(err)
}

async fn open() -> Result<IdbDatabase, IdbError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| IdbError("IndexedDB unavailable".into()))?;
    let req: IdbOpenDbRequest = factory.open_with_u32(DB, 1).map_err(err)?;
    let upgrade =
        Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(move |e: web_sys::IdbVersionChangeEvent| {
            if let Some(req) = e.target().and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok()) {
                if let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                    if !db.object_store_names().contains(STORE) {
                        let _ = db.create_object_store(STORE);
                    }
                }
            }
        });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = done(&req).await?;
    drop(upgrade);
    db.dyn_into::<IdbDatabase>().map_err(err)
}

async fn run(
    mode: IdbTransactionMode,
    f: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, IdbError> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, mode).map_err(err)?;
    let store = tx.object_store(STORE).map_err(err)?;
    let req = f(&store).map_err(err)?;
    let out = done(&req).await;
    db.close();
    out
}

/// Stores a Blob (or File) under `key`.
pub async fn put(key: &str, blob: &web_sys::Blob) -> Result<(), IdbError> {
    run(IdbTransactionMode::Readwrite, |s| s.put_with_key(blob, &JsValue::from_str(key))).await.map(|_| ())
}

/// The Blob stored under `key`, if any.
pub async fn get(key: &str) -> Result<Option<web_sys::Blob>, IdbError> {
    let v = run(IdbTransactionMode::Readonly, |s| s.get(&JsValue::from_str(key))).await?;
    Ok(v.dyn_into::<web_sys::Blob>().ok())
}

/// Deletes the Blob under `key`.
pub async fn delete(key: &str) -> Result<(), IdbError> {
    run(IdbTransactionMode::Readwrite, |s| s.delete(&JsValue::from_str(key))).await.map(|_| ())
}
