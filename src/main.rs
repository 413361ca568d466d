//! formseal's browser entry point: finds the host element(s) and mounts a widget into each.

mod app;
mod browser;
mod components;
mod drafts;
mod i18n;
mod pages;
mod state;

use formseal_core::forms;
use formseal_core::Locale;
use leptos::prelude::*;
use state::AppState;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Mounts one widget into `host`, configured by its `data-*` attributes:
/// `data-form` (form id), `data-lang` (`zh-CN` | `en`), `data-draft-key` (separate drafts).
fn mount_into(host: web_sys::HtmlElement) {
    let form_id = host.get_attribute("data-form").unwrap_or_else(|| forms::FORM_IDS[0].to_string());
    let Some(form) = forms::by_id(&form_id) else {
        host.set_text_content(Some(&format!("formseal: unknown form “{form_id}”")));
        return;
    };
    let locale = browser::storage::get(components::toolbar::LANG_KEY)
        .or_else(|| host.get_attribute("data-lang"))
        .and_then(|l| Locale::parse(&l))
        .unwrap_or_default();
    let draft_key = host.get_attribute("data-draft-key").unwrap_or_else(|| form_id.clone());
    // A saved copy of the page may hold a previous render: start from an empty host.
    host.set_inner_html("");
    let handle = leptos::mount::mount_to(host, move || {
        let state = AppState::new(Arc::from(form), browser::clock::today(), locale, draft_key);
        provide_context(state);
        drafts::restore(&state);
        drafts::autosave(state);
        view! { <app::App /> }
    });
    handle.forget();
}

fn main() {
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
