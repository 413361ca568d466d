//! The events the widget sends its host element: `formseal:ready`, `formseal:change`,
//! `formseal:package-ready`, `formseal:submitted`, `formseal:error` (all bubbling and composed, so
//! they leave a shadow root), and the form's validity as `change` and `validate()` give it.

use crate::state::AppState;
use formseal_core::messages::finding_text;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The element the widget's events are dispatched on, and the host's submission endpoint.
#[derive(Clone, Copy)]
pub struct Host {
    pub element: StoredValue<web_sys::HtmlElement, LocalStorage>,
    pub endpoint: StoredValue<Option<String>>,
}

/// Dispatches `formseal:<name>` with `detail` from inside the widget.
pub fn emit(host: Host, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(&format!("formseal:{name}"), &init) {
        host.element.with_value(|el| {
            let _ = el.dispatch_event(&ev);
        });
    }
}

/// A plain JS object from `(key, value)` pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

/// `formseal:error` with a message key and the message.
pub fn error(host: Host, code: &str, message: &str) {
    emit(host, "error", &object(&[("code", code.into()), ("message", message.into())]));
}

/// The current form's validity as the `change` event and `validate()` give it: `valid`, and
/// `errors` / `warnings` as lists of `{path, field, message}` in the widget's language.
pub fn validity(state: &AppState) -> JsValue {
    let locale = state.locale.get_untracked();
    let form = state.form.get_value();
    let list = |errors: bool| -> js_sys::Array {
        state.report.with_untracked(|r| {
            r.issues
                .iter()
                .filter(|i| i.is_error() == errors)
                .map(|i| {
                    object(&[
                        ("path", i.path.as_str().into()),
                        ("field", form.def().path_label(&i.path, locale).into()),
                        ("message", finding_text(locale, &i.finding).into()),
                    ])
                })
                .collect()
        })
    };
    let errors = list(true);
    object(&[
        ("form", form.def().id.into()),
        ("valid", (errors.length() == 0).into()),
        ("errors", errors.into()),
        ("warnings", list(false).into()),
    ])
}

/// Sends `formseal:change` whenever the answers' validity may have changed (not for the first,
/// restored state: `ready` reports that), and `formseal:error` for every error notice.
pub fn watch(state: AppState, host: Host) {
    Effect::new(move |first: Option<()>| {
        state.report.track();
        if first.is_some() {
            emit(host, "change", &validity(&state));
        }
    });
    Effect::new(move |_| {
        if let Some(n) = state.notice.get().filter(|n| n.error) {
            error(host, "notice", &n.text);
        }
    });
}
