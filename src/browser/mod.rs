//! Browser I/O: storage, files, downloads, time. Everything that touches web APIs lives here.

pub mod clock;
pub mod dom;
// Shared as source with the package pages (crates/formseal-intake), which use all of it.
#[allow(dead_code)]
pub mod files;
pub mod idb;
pub mod storage;
pub mod worker;

thread_local! {
    /// Where the widget's files are (the folder of `formseal.js`), when a host loaded it from there.
    static ASSET_BASE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` after the page's next paint: in a task queued from the next animation frame's callbacks
/// (issue 16: work a keystroke or the first view need not wait for). A hidden page paints no
/// frames, so there it runs in the next task.
pub fn after_paint(f: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
    if hidden {
        set_timeout(f, std::time::Duration::ZERO);
    } else {
        request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
    }
}

/// Notes the folder of the widget's files (with a trailing `/`), as `formseal.js` says it.
pub fn set_asset_base(base: String) {
    ASSET_BASE.with(|b| *b.borrow_mut() = Some(base));
}

/// A field of `FORMSEAL_OFFLINE`, the object the self-contained offline file defines (its worker
/// as a blob URL, its English messages); `None` on a served page.
pub fn offline(key: &str) -> Option<String> {
    let o = js_sys::Reflect::get(&js_sys::global(), &"FORMSEAL_OFFLINE".into()).ok().filter(|o| o.is_object())?;
    js_sys::Reflect::get(&o, &key.into()).ok()?.as_string()
}

/// The URL of one of the widget's own files (worker, English messages): in the folder
/// `formseal.js` was loaded from — given to each widget it mounts, and as `FORMSEAL_BASE` to the
/// page's `data-formseal` elements (the demo page) — else next to the page.
pub fn asset_url(file: &str) -> String {
    let base = ASSET_BASE
        .with(|b| b.borrow().clone())
        .or_else(|| js_sys::Reflect::get(&js_sys::global(), &"FORMSEAL_BASE".into()).ok().and_then(|b| b.as_string()));
    match base {
        Some(base) if Some(&base) != page_folder().as_ref() => format!("{base}{file}"),
        // Next to the page: a relative address (what a saved copy or an offline file keeps).
        _ => format!("./{file}"),
    }
}

/// The folder of the page (with a trailing `/`).
fn page_folder() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(web_sys::Url::new_with_base("./", &href).ok()?.href())
}

/// Starts a package page — `verify`, `intake` or `verify-step` (in a form) — in `container`: the
/// verify and intake pages are their own wasm (`crates/formseal-intake`), loaded only here. The
/// container, the host's call (JSON) and the worker's script are queued on `__formsealIntake`,
/// which the pages' script mounts from once loaded (and then replaces with a `push` that mounts
/// at once).
pub fn load_pages(container: web_sys::HtmlElement, call: String, page: &str) {
    use js_sys::{Array, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let (global, key) = (js_sys::global(), JsValue::from_str("__formsealIntake"));
    let item = Array::of4(&container, &call.into(), &worker::worker_url().into(), &page.into());
    if let Some(queue) = Reflect::get(&global, &key).ok().filter(|q| q.is_object()) {
        let push: js_sys::Function = Reflect::get(&queue, &"push".into()).unwrap_or_default().unchecked_into();
        let _ = push.call1(&queue, &item);
        return;
    }
    let _ = Reflect::set(&global, &key, &Array::of1(&item));
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some((doc, Ok(script))) = doc.map(|d| (d.clone(), d.create_element("script"))) {
        let src = offline("intake").unwrap_or_else(|| asset_url("formseal-intake.js"));
        let _ = script.set_attribute("src", &src);
        let _ = doc.head().map(|h| h.append_child(&script));
    }
}

/// The text at `url` (HTTP GET).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("window")?;
    read_reply(window.fetch_with_str(url)).await
}

/// The text of a fetch's reply (a promise of a `Response`).
async fn read_reply(reply: js_sys::Promise) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let reply = JsFuture::from(reply).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = reply.dyn_into().map_err(|_| "response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// One of the widget's own files: inline in the offline file, else fetched.
pub async fn asset(file: &str) -> Result<String, String> {
    match offline(file) {
        Some(text) => Ok(text),
        None => match prefetched(file) {
            Some(reply) => read_reply(reply).await,
            None => fetch_text(&asset_url(file)).await,
        }
        .map_err(|e| format!("{file}: {e}")),
    }
}

/// The reply `formseal.js` started fetching for `file` with the wasm (`FORMSEAL_PREFETCH`), taken
/// once: a later load of the same file fetches it again.
fn prefetched(file: &str) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let store = js_sys::Reflect::get(&js_sys::global(), &"FORMSEAL_PREFETCH".into()).ok().filter(|s| s.is_object())?;
    let reply = js_sys::Reflect::get(&store, &file.into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(store.unchecked_ref::<js_sys::Object>(), &file.into());
    Some(reply)
}

/// The page's path when it was opened from disk (`file://`: a saved copy of a host page, or the
/// offline file), with `:` escaped so that it can stand in a storage key; `None` online.
pub fn file_path() -> Option<String> {
    let location = web_sys::window()?.location();
    (location.protocol().ok()? == "file:").then(|| location.pathname().unwrap_or_default().replace(':', "%3A"))
}
