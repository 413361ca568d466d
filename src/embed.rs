//! Embedding: what `formseal.js` calls for `<formseal-form>` and `formseal.mount(element, options)`
//! — the widget's handle (getData, setData, validate, reset) — and the events the widget sends its
//! host element: `formseal:ready`, `formseal:change`, `formseal:package-ready`,
//! `formseal:submitted`, `formseal:error` (all bubbling and composed, so they leave a shadow root).

use crate::drafts;
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
fn validity(state: &AppState) -> JsValue {
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

/// The handle `formseal.js` keeps for each widget.
#[wasm_bindgen]
pub struct Widget {
    state: RwSignal<Option<AppState>>,
    host: Host,
}

impl Widget {
    pub fn new(state: RwSignal<Option<AppState>>, host: Host) -> Self {
        Widget { state, host }
    }
    fn current(&self) -> Result<AppState, JsValue> {
        self.state.get_untracked().ok_or_else(|| JsValue::from_str("formseal: no form is open (start page)"))
    }
}

#[wasm_bindgen]
impl Widget {
    /// The current draft, as the exported draft file holds it (without attachment bytes).
    #[wasm_bindgen(js_name = getData)]
    pub fn get_data(&self) -> Result<JsValue, JsValue> {
        let text = serde_json::to_string(&drafts::current(&self.current()?)).unwrap_or_default();
        js_sys::JSON::parse(&text)
    }

    /// Replaces the answers with a draft (object or JSON text); rejects with the reason, leaving
    /// the current answers as they are.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&self, data: JsValue) -> js_sys::Promise {
        let state = self.current();
        let host = self.host;
        wasm_bindgen_futures::future_to_promise(async move {
            let state = state?;
            let text = match data.as_string() {
                Some(t) => t,
                None => js_sys::JSON::stringify(&data).map(String::from).unwrap_or_default(),
            };
            match drafts::import_text(state, &text, "setData").await {
                Ok(()) => Ok(JsValue::TRUE),
                Err(message) => {
                    error(host, "set_data", &message);
                    Err(JsValue::from_str(&message))
                }
            }
        })
    }

    /// Shows every message (as “continue” does) and returns `{valid, errors, warnings}`.
    pub fn validate(&self) -> Result<JsValue, JsValue> {
        let state = self.current()?;
        state.show_all.set(true);
        Ok(validity(&state))
    }

    /// Deletes the draft and its attachments and starts again with an empty form.
    pub fn reset(&self) -> js_sys::Promise {
        let state = self.current();
        wasm_bindgen_futures::future_to_promise(async move {
            drafts::clear(state?).await;
            Ok(JsValue::TRUE)
        })
    }
}

/// Mounts a widget into `container` (inside the custom element's shadow root, or the host's
/// element for `formseal.mount`). `options`: `form`, `lang`, `config` (object or JSON text),
/// `draftKey`, `endpoint`; `base` is the folder of `formseal.js`, where the worker and fonts are.
/// Resolves to the widget's handle once its first view is there (after the form's definition
/// has been fetched), or rejects with the reason.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(container: web_sys::HtmlElement, options: JsValue, base: String) -> js_sys::Promise {
    crate::browser::set_asset_base(base);
    let get = |k: &str| js_sys::Reflect::get(&options, &k.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let text = |k: &str| get(k).and_then(|v| v.as_string()).filter(|s| !s.is_empty());
    // An object option, or its JSON text.
    let json = |k: &str| {
        get(k).map(|v| match v.as_string() {
            Some(s) => s,
            None => js_sys::JSON::stringify(&v).map(String::from).unwrap_or_default(),
        })
    };
    let opts = crate::Options {
        form: text("form"),
        lang: text("lang"),
        config: json("config"),
        draft_key: text("draftKey"),
        endpoint: text("endpoint"),
        definition: json("definition"),
    };
    wasm_bindgen_futures::future_to_promise(async move {
        match crate::mount(container, opts).await {
            Ok(widget) => Ok(widget.into()),
            Err(message) => Err(JsValue::from_str(&message)),
        }
    })
}
