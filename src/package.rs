//! The form's side of the review page's package panel — a page of the package pages' wasm
//! (`crates/formseal-intake/src/package`), loaded when the review page opens, which asks this
//! form for the answers as they are (`formseal-ask`) and hands it what the host page should hear
//! (`formseal-tell`).

use crate::drafts::{attachments::named, file_key, request};
use crate::host::{self, Host};
use crate::state::AppState;
use formseal_core::Locale;
use js_sys::Reflect;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

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
        let files: Vec<serde_json::Value> =
            named(&state).into_iter().map(|f| serde_json::json!([f.id, file_key(&state, &f.id), f.name])).collect();
        let _ = Reflect::set(
            &detail,
            &"request".into(),
            &serde_json::to_string(&request(&state)).unwrap_or_default().into(),
        );
        let _ = Reflect::set(&detail, &"files".into(), &serde_json::Value::Array(files).to_string().into());
    };
    let on_tell = move |ev: web_sys::Event| {
        let detail = Reflect::get(&ev, &"detail".into()).unwrap_or(JsValue::UNDEFINED);
        let name = Reflect::get(&detail, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        let inner = Reflect::get(&detail, &"detail".into()).unwrap_or(JsValue::UNDEFINED);
        if name == "error" {
            let text = |k: &str| Reflect::get(&inner, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
            host::error(host, &text("code"), &text("message"));
        } else {
            host::emit(host, &name, &inner);
        }
    };
    view! { <div class="fs-package-host" node_ref=host_el on:formseal-ask=on_ask on:formseal-tell=on_tell></div> }
}
