//! Embedding: what `formseal.js` calls for `<formseal-form>` and `formseal.mount(element, options)`
//! — the widget's handle (getData, setData, validate, reset); the events it sends are `host`'s.

use crate::drafts;
use crate::host::{self, Host};
use crate::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

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
                // `undefined` (or a function) has no JSON: the empty text, refused with its reason.
                None => js_sys::JSON::stringify(&data).ok().and_then(|s| s.as_string()).unwrap_or_default(),
            };
            match drafts::import_text(state, &text, "setData").await {
                Ok(()) => Ok(JsValue::TRUE),
                Err(message) => {
                    host::error(host, "set_data", &message);
                    Err(JsValue::from_str(&message))
                }
            }
        })
    }

    /// Shows every message (as “continue” does) and returns `{valid, errors, warnings}`.
    pub fn validate(&self) -> Result<JsValue, JsValue> {
        let state = self.current()?;
        state.check_now();
        state.show_all.set(true);
        Ok(host::validity(&state))
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
    let opts = crate::mount::Options {
        form: text("form"),
        lang: text("lang"),
        config: json("config"),
        draft_key: text("draftKey"),
        endpoint: text("endpoint"),
        definition: json("definition"),
    };
    wasm_bindgen_futures::future_to_promise(async move {
        match crate::mount::mount(container, opts).await {
            Ok(m) => Ok(Widget::new(m.open_form, m.host).into()),
            Err(message) => Err(JsValue::from_str(&message)),
        }
    })
}
