//! Files in and out: reading chosen files, downloading generated ones.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The bytes of a Blob.
pub async fn bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(blob.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The text of a Blob (UTF-8).
pub async fn text(blob: &web_sys::Blob) -> Result<String, String> {
    let t = JsFuture::from(blob.text()).await.map_err(|e| format!("{e:?}"))?;
    t.as_string().ok_or_else(|| "not text".into())
}

/// A Blob holding `bytes` with a media type.
pub fn blob(bytes: &[u8], media_type: &str) -> Option<web_sys::Blob> {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&arr);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(media_type);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()
}

/// Opens `bytes` in a new tab; `false` when the browser refused (a pop-up blocker).
pub fn open(bytes: &[u8], media_type: &str) -> bool {
    let Some(url) = blob(bytes, media_type).and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok()) else {
        return false;
    };
    // The URL stays valid while the page is open: the new tab may be reloaded.
    web_sys::window().and_then(|w| w.open_with_url_and_target(&url, "_blank").ok().flatten()).is_some()
}

/// Offers `bytes` to the user as a download named `name`.
pub fn download(name: &str, bytes: &[u8], media_type: &str) -> Result<(), String> {
    let blob = blob(bytes, media_type).ok_or("blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    doc.body().ok_or("body")?.append_child(&a).map_err(|e| format!("{e:?}"))?;
    a.click();
    a.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
