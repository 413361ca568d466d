//! formseal's browser entry point: finds the host element(s) and mounts a widget into each.

mod app;
mod browser;
mod components;
mod drafts;
mod embed;
mod i18n;
mod keys;
mod package;
mod pages;
mod state;

use formseal_core::form::FormRules;
use formseal_core::forms;
use formseal_core::Locale;
use leptos::prelude::*;
use state::AppState;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The forms of one widget, configured by the host.
type Forms = Vec<(String, Arc<dyn FormRules>, serde_json::Value)>;

/// The form named by the page's `#/<form id>`, if any.
fn form_in_hash(forms: &Forms) -> Option<String> {
    let hash = window().location().hash().ok()?;
    let id = hash.trim_start_matches('#').trim_start_matches('/');
    forms.iter().any(|(f, ..)| f == id).then(|| id.to_string())
}

/// Every form with the host's call configuration (`data-config`: a JSON object keyed by form id).
fn configured_forms(config: Option<&str>) -> Result<Forms, String> {
    let cfg: serde_json::Value = match config {
        Some(text) => serde_json::from_str(text).map_err(|e| format!("data-config: {e}"))?,
        None => serde_json::Value::Null,
    };
    forms::FORM_IDS
        .iter()
        .map(|id| {
            let (form, call) = match cfg.get(id) {
                Some(c) => (
                    forms::with_config(id, c).map_err(|e| e.text(Locale::ZhCn) + " / " + &e.text(Locale::En))?,
                    c.clone(),
                ),
                None => (forms::by_id(id), serde_json::json!({})),
            };
            Ok((id.to_string(), Arc::from(form.expect("registered form")), call))
        })
        .collect()
}

/// One widget: a fixed form, or the start page and the form chosen there (`#/<form id>`).
#[component]
fn Root(
    /// The form the host fixed with `data-form`, if any.
    fixed: Option<String>,
    /// The forms, configured.
    forms: Forms,
    /// Prefix of draft storage keys (from `data-draft-key`).
    draft_prefix: String,
    /// The open form's state, for the host's handle (`getData`, `validate` …).
    open_form: RwSignal<Option<AppState>>,
    /// Where events go, and the host's submission endpoint.
    host: embed::Host,
) -> impl IntoView {
    provide_context(host);
    let locale = use_context::<RwSignal<Locale>>().expect("locale");
    let forms = StoredValue::new(forms);
    let route = RwSignal::new(fixed.clone().or_else(|| forms.with_value(form_in_hash)));
    if fixed.is_none() {
        let handle = window_event_listener(leptos::ev::hashchange, move |_| route.set(forms.with_value(form_in_hash)));
        on_cleanup(move || handle.remove());
    }
    let has_home = fixed.is_none();
    move || match route.get() {
        None => {
            open_form.set(None);
            let list = forms.get_value().into_iter().map(|(id, form, _)| (id, form)).collect();
            let verifying =
                window().location().hash().ok().is_some_and(|h| h.trim_start_matches(['#', '/']) == "verify");
            if verifying {
                let back = Callback::new(move |_| {
                    let _ = window().location().set_hash("#/");
                });
                return view! { <div class="fs-root" lang=move || locale.get().tag()><pages::verify_page::VerifyPage on_back=back id_prefix="fs-verify".to_string() /></div> }
                    .into_any();
            }
            view! { <div class="fs-root" lang=move || locale.get().tag()><pages::home_page::HomePage locale=locale draft_prefix=draft_prefix.clone() forms=list /></div> }
                .into_any()
        }
        Some(id) => {
            let found = forms
                .with_value(|f| f.iter().find(|(f, ..)| *f == id).map(|(_, form, call)| (form.clone(), call.clone())));
            let (form, call) = found.expect("route holds a known form");
            let key = format!("{draft_prefix}{id}");
            let state = AppState::new(form, call, browser::clock::today(), locale, key);
            provide_context(state);
            drafts::restore(&state);
            drafts::autosave(state);
            embed::watch(state, host);
            open_form.set(Some(state));
            view! { <app::App has_home=has_home /> }.into_any()
        }
    }
}

/// What a host chooses for one widget (attributes `data-*`, or the options of `formseal.mount`).
pub struct Options {
    /// The form id; without it a start page lists the forms.
    pub form: Option<String>,
    /// `zh-CN` (default) or `en`.
    pub lang: Option<String>,
    /// Each form's call configuration: a JSON object keyed by form id.
    pub config: Option<String>,
    /// Keeps several widgets' drafts apart.
    pub draft_key: Option<String>,
    /// Where “submit” POSTs the package (nothing leaves the browser without one).
    pub endpoint: Option<String>,
}

/// Mounts one widget into `container`; a bad option is shown there, precisely, and returned.
pub fn mount(container: web_sys::HtmlElement, opts: Options) -> Result<embed::Widget, String> {
    let fail = |message: String| {
        container.set_text_content(Some(&message));
        Err(message)
    };
    let fixed = opts.form.filter(|f| !f.is_empty());
    if let Some(f) = &fixed {
        if forms::by_id(f).is_none() {
            return fail(format!("formseal: 未知的申请表 / unknown form “{f}”"));
        }
    }
    let forms = match configured_forms(opts.config.as_deref()) {
        Ok(f) => f,
        Err(e) => return fail(format!("formseal: {e}")),
    };
    let wanted = browser::storage::get(components::lang::LANG_KEY)
        .or(opts.lang)
        .and_then(|l| Locale::parse(&l))
        .unwrap_or_default();
    // English messages come on demand: the widget starts in Chinese until they are there.
    let locale = if formseal_core::messages::available(wanted) { wanted } else { Locale::ZhCn };
    let draft_prefix = opts.draft_key.map(|k| format!("{k}:")).unwrap_or_default();
    // A saved copy of the page may hold a previous render: start from an empty host.
    container.set_inner_html("");
    let slot = RwSignal::new(None);
    let host = embed::Host {
        element: StoredValue::new_local(container.clone()),
        endpoint: StoredValue::new(opts.endpoint.filter(|e| !e.is_empty())),
    };
    let form = fixed.clone().unwrap_or_default();
    let language = RwSignal::new(locale);
    let handle = leptos::mount::mount_to(container, move || {
        provide_context(language);
        view! { <Root fixed=fixed forms=forms draft_prefix=draft_prefix open_form=slot host=host /> }
    });
    if wanted != locale {
        leptos::task::spawn_local(async move {
            if let Err(reason) = i18n::switch(language, wanted).await {
                embed::error(
                    host,
                    "lang",
                    &formseal_core::messages::render(locale, "ui.lang.failed", &[("reason", reason)]),
                );
            }
        });
    }
    handle.forget();
    embed::emit(host, "ready", &embed::object(&[("form", form.into()), ("lang", locale.tag().into())]));
    Ok(embed::Widget::new(slot, host))
}

/// Mounts a widget into a `data-formseal` element, configured by its `data-form`, `data-lang`,
/// `data-draft-key`, `data-config` and `data-endpoint` attributes.
fn mount_into(host: web_sys::HtmlElement) {
    let attr = |k: &str| host.get_attribute(k);
    let opts = Options {
        form: attr("data-form"),
        lang: attr("data-lang"),
        config: attr("data-config"),
        draft_key: attr("data-draft-key"),
        endpoint: attr("data-endpoint"),
    };
    let _ = mount(host.clone(), opts);
}

fn main() {
    // Panic messages in the console while developing; release builds abort without the
    // formatting machinery (it would weigh on the first download).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // `data-formseal` hosts mount at once; `<formseal-form>` and `formseal.mount()` go through
    // `formseal.js`, which calls `mountWidget`.
    if let Ok(list) = document().query_selector_all("[data-formseal]") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
                mount_into(el);
            }
        }
    }
}
