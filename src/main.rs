//! formseal's browser entry point: finds the host element(s) and mounts a widget into each.

mod app;
mod browser;
mod components;
mod drafts;
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
) -> impl IntoView {
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
            view! { <app::App has_home=has_home /> }.into_any()
        }
    }
}

/// Mounts one widget into `host`, configured by its `data-*` attributes:
/// `data-form` (form id; without it a start page lists the forms), `data-lang` (`zh-CN` | `en`),
/// `data-draft-key` (prefix that keeps several widgets' drafts apart), `data-config` (each form's
/// call configuration, a JSON object keyed by form id).
fn mount_into(host: web_sys::HtmlElement) {
    let fixed = host.get_attribute("data-form").filter(|f| !f.is_empty());
    if let Some(f) = &fixed {
        if forms::by_id(f).is_none() {
            host.set_text_content(Some(&format!("formseal: 未知的申请表 / unknown form “{f}”")));
            return;
        }
    }
    let forms = match configured_forms(host.get_attribute("data-config").as_deref()) {
        Ok(f) => f,
        Err(e) => {
            host.set_text_content(Some(&format!("formseal: {e}")));
            return;
        }
    };
    let locale = browser::storage::get(components::lang::LANG_KEY)
        .or_else(|| host.get_attribute("data-lang"))
        .and_then(|l| Locale::parse(&l))
        .unwrap_or_default();
    let draft_prefix = host.get_attribute("data-draft-key").map(|k| format!("{k}:")).unwrap_or_default();
    // A saved copy of the page may hold a previous render: start from an empty host.
    host.set_inner_html("");
    let handle = leptos::mount::mount_to(host, move || {
        provide_context(RwSignal::new(locale));
        view! { <Root fixed=fixed forms=forms draft_prefix=draft_prefix /> }
    });
    handle.forget();
}

fn main() {
    // Panic messages in the console while developing; release builds abort without the
    // formatting machinery (it would weigh on the first download).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let doc = document();
    let hosts = doc.query_selector_all("[data-formseal]").ok();
    let mut mounted = 0;
    if let Some(list) = hosts {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
                mount_into(el);
                mounted += 1;
            }
        }
    }
    if mounted == 0 {
        if let Some(body) = doc.body() {
            let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
            host.set_attribute("data-formseal", "").ok();
            body.append_child(&host).ok();
            mount_into(host);
        }
    }
}
