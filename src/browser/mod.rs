//! Browser I/O: storage, files, downloads, time. Everything that touches web APIs lives here.

pub mod clock;
pub mod files;
pub mod idb;
pub mod storage;
pub mod worker;

/// A field of `FORMSEAL_OFFLINE`, the object the self-contained offline file defines (its worker
/// as a blob URL, its English messages); `None` on a served page.
pub fn offline(key: &str) -> Option<String> {
    let o = js_sys::Reflect::get(&js_sys::global(), &"FORMSEAL_OFFLINE".into()).ok().filter(|o| o.is_object())?;
    js_sys::Reflect::get(&o, &key.into()).ok()?.as_string()
}

/// The URL of one of the widget's own files (worker, English messages): in the folder
/// `formseal.js` was loaded from, or else next to the app's script (Trunk's module preload link).
pub fn asset_url(file: &str) -> String {
    if let Some(base) = crate::embed::asset_base() {
        return format!("{base}{file}");
    }
    let doc = web_sys::window().and_then(|w| w.document());
    let app = doc
        .and_then(|d| d.query_selector("link[rel=modulepreload][href*='formseal-app']").ok().flatten())
        .and_then(|l| l.get_attribute("href"));
    match app.and_then(|h| h.rsplit_once('/').map(|(dir, _)| dir.to_string())) {
        Some(dir) => format!("{dir}/{file}"),
        None => format!("./{file}"),
    }
}

/// The text at `url` (HTTP GET).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("window")?;
    let reply = JsFuture::from(window.fetch_with_str(url)).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = reply.dyn_into().map_err(|_| "response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}
