//! The form's side of the package: what the worker needs to render the form (also for draft
//! exports), and the review page's package panel — a page of the package pages' wasm
//! (`crates/formseal-intake/src/package`), loaded when the review page opens, which asks this
//! form for the answers as they are (`formseal-ask`) and hands it what the host page should hear
//! (`formseal-tell`).

use crate::browser::worker::Failure;
use crate::browser::{clock, idb};
use crate::drafts::file_key;
use crate::embed::{self, Host};
use crate::state::AppState;
use formseal_core::form::FileRef;
use formseal_core::Locale;
use js_sys::Reflect;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

fn attachments(state: &AppState) -> Vec<FileRef> {
    state
        .answers
        .with_untracked(|a| a.attachments(state.form.get_value().def()).into_iter().map(|(_, f)| f.clone()).collect())
}

/// The attachments' ids and Blobs, straight from IndexedDB (the worker reads them in chunks);
/// one that is missing is left out (draft exports).
pub async fn attachment_blobs(state: &AppState) -> Result<(Vec<String>, Vec<web_sys::Blob>), Failure> {
    let refs = attachments(state);
    let mut ids = Vec::with_capacity(refs.len());
    let mut blobs = Vec::with_capacity(refs.len());
    for f in &refs {
        if let Ok(Some(b)) = idb::get(&file_key(state, &f.id)).await {
            ids.push(f.id.clone());
            blobs.push(b);
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

/// The package panel, for a form with `errors` errors (it makes no package while there are any).
pub fn panel(state: AppState, host: Host, errors: usize) -> impl IntoView {
    let host_el = NodeRef::<leptos::html::Div>::new();
    let form = state.form.get_value();
    let to = &form.def().process.recipient;
    let args = serde_json::json!({
        "prefix": state.id_prefix.get_value(),
        "receipt_key": crate::drafts::receipt_key(&state),
        "endpoint": host.endpoint.get_value(),
        "recipient": {"zh": to.get(Locale::ZhCn), "en": to.get(Locale::En)},
        "form": form.def().id,
        "errors": errors,
    });
    host_el.on_load(move |el| crate::browser::load_pages(el.into(), args.to_string(), "package"));
    // Asked at each package or preview: the request as the answers are now, and the attachments.
    let on_ask = move |ev: web_sys::Event| {
        let detail = Reflect::get(&ev, &"detail".into()).unwrap_or(JsValue::UNDEFINED);
        let files: Vec<serde_json::Value> = attachments(&state)
            .into_iter()
            .map(|f| serde_json::json!([f.id, file_key(&state, &f.id), f.name]))
            .collect();
        let _ = Reflect::set(&detail, &"request".into(), &request(&state).to_string().into());
        let _ = Reflect::set(&detail, &"files".into(), &serde_json::Value::Array(files).to_string().into());
    };
    let on_tell = move |ev: web_sys::Event| {
        let detail = Reflect::get(&ev, &"detail".into()).unwrap_or(JsValue::UNDEFINED);
        let name = Reflect::get(&detail, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        let inner = Reflect::get(&detail, &"detail".into()).unwrap_or(JsValue::UNDEFINED);
        if name == "error" {
            let text = |k: &str| Reflect::get(&inner, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
            embed::error(host, &text("code"), &text("message"));
        } else {
            embed::emit(host, &name, &inner);
        }
    };
    view! { <div class="fs-package-host" node_ref=host_el on:formseal-ask=on_ask on:formseal-tell=on_tell></div> }
}
