//! Mounting a widget: the host's options, what the first view needs (the fixed form, or the list
//! of forms), and the widget's root — a fixed form, or the start page and the form chosen there.

use crate::forms::{form_in_hash, load_form, load_host_form, load_index, FormInfo, Forms};
use crate::host::{self, Host};
use crate::state::AppState;
use crate::{app, browser, components, drafts, i18n, pages};
use formseal_core::key;
use formseal_core::Locale;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What one widget starts with.
struct Setup {
    /// The form the host fixed with `data-form`, if any.
    fixed: Option<String>,
    /// The forms loaded so far, configured.
    forms: Forms,
    /// The forms the start page lists.
    index: Vec<FormInfo>,
    /// The host's call configuration of each form (by form id).
    config: serde_json::Value,
    /// Prefix of draft storage keys (from `data-draft-key`).
    draft_prefix: String,
    /// The open form's state, for the host's handle (`getData`, `validate` …).
    open_form: RwSignal<Option<AppState>>,
    /// Where events go, and the host's submission endpoint.
    host: Host,
    /// A host's own form: the offline file (which holds the built-in forms) cannot stand in for it.
    host_form: bool,
}

/// One widget: a fixed form, or the start page and the form chosen there (`#/<form id>`).
fn root(setup: Setup) -> impl IntoView {
    let Setup { fixed, forms, index, config, draft_prefix, open_form, host, host_form } = setup;
    provide_context(host);
    let locale = use_context::<RwSignal<Locale>>().expect("locale");
    let forms = StoredValue::new(forms);
    // Bumped when a form's definition arrives; a failure to load one is kept to be shown.
    let arrived = RwSignal::new(0u32);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let ids: Vec<String> = index.iter().map(|f| f.id.clone()).collect();
    let route = RwSignal::new(fixed.clone().or_else(|| form_in_hash(&ids)));
    if fixed.is_none() {
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            route.set(form_in_hash(&ids));
            // The link or button that led here went with its page: focus goes to the new page's
            // first heading (or, while a page loads, to the line saying so), not to the host
            // page's <body>.
            request_animation_frame(move || {
                let heading = host
                    .element
                    .try_with_value(|c| c.query_selector("h1[tabindex], h2[tabindex], .fs-loading").ok().flatten());
                if let Some(h) = heading.flatten() {
                    let _ = h.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        });
        on_cleanup(move || handle.remove());
    }
    let has_home = fixed.is_none();
    // "Loading…", or why it failed.
    let loading = move || {
        view! {
            <div class="fs-root" lang=move || locale.get().tag()>
                <p class="fs-loading" role="status" tabindex="-1">{move || failure.get().unwrap_or_else(|| formseal_core::messages::t(locale.get(), key!("ui.form.loading")))}</p>
            </div>
        }
        .into_any()
    };
    move || match route.get() {
        None => {
            open_form.set(None);
            let hash = window().location().hash().unwrap_or_default();
            let page = hash.trim_start_matches(['#', '/']);
            // The verify and intake pages are their own wasm (crates/formseal-intake), fetched only
            // here; they mount themselves in the widget beside this placeholder, which they hide.
            if page == "verify" || page == "intake" {
                browser::load_pages(host.element.get_value(), config.to_string(), page);
                return loading();
            }
            view! { <div class="fs-root" lang=move || locale.get().tag()><pages::home_page::HomePage locale=locale draft_prefix=draft_prefix.clone() forms=index.clone() /></div> }
                .into_any()
        }
        Some(id) => {
            arrived.track();
            let found = forms.with_value(|f| f.iter().find(|(f, _)| *f == id).map(|(_, loaded)| loaded.clone()));
            let Some((form, call, definition)) = found else {
                // The definition is fetched the first time its form is opened.
                let config = config.clone();
                let wanted = id.clone();
                leptos::task::spawn_local(async move {
                    match load_form(&wanted, &config).await {
                        Ok(loaded) => {
                            forms.update_value(|f| f.push((wanted, loaded)));
                            arrived.update(|n| *n += 1);
                        }
                        Err(e) => failure.set(Some(e)),
                    }
                });
                return loading();
            };
            let key = format!("{draft_prefix}{id}");
            let state = AppState::new(form, call, definition, browser::clock::today(), locale, key);
            state.offline_copy.set_value(!host_form);
            provide_context(state);
            drafts::restore(&state);
            drafts::say_once_on_disk(&state);
            drafts::autosave(state);
            host::watch(state, host);
            open_form.set(Some(state));
            view! { <app::App has_home=has_home /> }.into_any()
        }
    }
}

/// A widget mounted: its open form (none on the start page) and its host element, for the
/// JavaScript handle (`embed::Widget`).
pub struct Mounted {
    pub open_form: RwSignal<Option<AppState>>,
    pub host: Host,
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
    /// A host's own form: its definition (JSON text) or the URL of its definition file.
    pub definition: Option<String>,
}

/// Mounts one widget into `container`, once what its first view needs has arrived (the fixed
/// form's definition, or the list of forms); a bad option — also a host's configuration that
/// does not fit its form — is shown there, precisely, and returned.
pub async fn mount(container: web_sys::HtmlElement, opts: Options) -> Result<Mounted, String> {
    let fail = |message: String| {
        container.set_text_content(Some(&message));
        Err(message)
    };
    let mut fixed = opts.form.filter(|f| !f.is_empty());
    let config: serde_json::Value = match opts.config.as_deref() {
        Some(text) => match serde_json::from_str(text) {
            Ok(c) => c,
            Err(e) => return fail(format!("formseal: data-config: {e}")),
        },
        None => serde_json::Value::Null,
    };
    // The fixed form, and every form the host configured (so that a bad configuration is
    // reported now, not when an applicant opens that form).
    let mut loaded = Forms::new();
    let host_form = opts.definition.as_ref().is_some_and(|d| !d.is_empty());
    // A host's own form is the widget's only form.
    if let Some(definition) = opts.definition.filter(|d| !d.is_empty()) {
        match load_host_form(&definition, &config).await {
            Ok((id, form)) => {
                fixed = Some(id.clone());
                loaded.push((id, form));
            }
            Err(e) => return fail(format!("formseal: {e}")),
        }
    }
    let mut wanted: Vec<String> = fixed.iter().cloned().collect();
    if let (Some(map), true) = (config.as_object(), loaded.is_empty()) {
        for k in map.keys() {
            if !wanted.contains(k) {
                wanted.push(k.clone());
            }
        }
    }
    for id in wanted {
        if loaded.iter().any(|(l, _)| *l == id) {
            continue;
        }
        match load_form(&id, &config).await {
            Ok(form) => loaded.push((id, form)),
            Err(e) => return fail(format!("formseal: {e}")),
        }
    }
    let index = match fixed {
        Some(_) => Vec::new(),
        None => match with_addressed_form(&mut loaded, &config).await {
            // A form the host configured is listed with its call's own title and body.
            Ok(index) => index
                .into_iter()
                .map(|info| match loaded.iter().find(|(id, _)| *id == info.id) {
                    Some((_, (form, ..))) => {
                        FormInfo { title: form.def().title.clone(), body: form.def().body.clone(), ..info }
                    }
                    None => info,
                })
                .collect(),
            Err(e) => return fail(format!("formseal: {e}")),
        },
    };
    let wanted = browser::storage::get(components::lang::LANG_KEY)
        .or(opts.lang)
        .and_then(|l| Locale::parse(&l))
        .unwrap_or_default();
    // English messages come on demand: the widget starts in Chinese until they are there.
    let locale = if formseal_core::messages::available(wanted) { wanted } else { Locale::ZhCn };
    let mut draft_prefix = opts.draft_key.map(|k| format!("{k}:")).unwrap_or_default();
    // Opened from disk: browsers that share storage between all local files (Chromium) would let
    // two saved copies of a page write over each other's draft; the copy's path keeps them apart.
    if let Some(path) = browser::file_path() {
        draft_prefix = format!("{path}|{draft_prefix}");
    }
    // A saved copy of the page may hold a previous render: start from an empty host.
    container.set_inner_html("");
    let slot = RwSignal::new(None);
    browser::dom::register_root(&container);
    let host = Host {
        element: StoredValue::new_local(container.clone()),
        endpoint: StoredValue::new(opts.endpoint.filter(|e| !e.is_empty())),
    };
    let form = fixed.clone().unwrap_or_default();
    let language = RwSignal::new(locale);
    let handle = leptos::mount::mount_to(container, move || {
        provide_context(language);
        root(Setup { fixed, forms: loaded, index, config, draft_prefix, open_form: slot, host, host_form })
    });
    if wanted != locale {
        leptos::task::spawn_local(async move {
            if let Err(reason) = i18n::switch(language, wanted).await {
                host::error(
                    host,
                    "lang",
                    &formseal_core::messages::render(locale, key!("ui.lang.failed"), &[("reason", reason)]),
                );
            }
        });
    }
    handle.forget();
    host::emit(host, "ready", &host::object(&[("form", form.into()), ("lang", locale.tag().into())]));
    Ok(Mounted { open_form: slot, host })
}

/// Mounts a widget into a `data-formseal` element, configured by its `data-form`, `data-lang`,
/// `data-draft-key`, `data-config` and `data-endpoint` attributes.
pub fn mount_into(host: web_sys::HtmlElement) {
    let attr = |k: &str| host.get_attribute(k);
    let opts = Options {
        form: attr("data-form"),
        lang: attr("data-lang"),
        config: attr("data-config"),
        draft_key: attr("data-draft-key"),
        endpoint: attr("data-endpoint"),
        definition: attr("data-definition"),
    };
    // Leptos' executor starts with the first mount: this first task goes to wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = mount(host, opts).await;
    });
}

/// Mounts a widget into every `data-formseal` element of the page.
pub fn start() {
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

/// The start page's list, fetched together with the built-in form the page's address names
/// (`#/<id>`), which then opens without a second round trip (issue 16: time to interactive). The
/// form is kept only if the list has it; if it could not be loaded, opening it says why.
async fn with_addressed_form(loaded: &mut Forms, config: &serde_json::Value) -> Result<Vec<FormInfo>, String> {
    let hash = window().location().hash().unwrap_or_default();
    let early = hash
        .strip_prefix("#/")
        .filter(|id| !id.is_empty() && !["verify", "intake"].contains(id) && !loaded.iter().any(|(l, _)| l == id))
        .map(str::to_string);
    let form = async {
        match &early {
            Some(id) => load_form(id, config).await.ok(),
            None => None,
        }
    };
    let (index, form) = futures::future::join(load_index(), form).await;
    let index = index?;
    if let (Some(id), Some(form)) = (early, form) {
        if index.iter().any(|f| f.id == id) {
            loaded.push((id, form));
        }
    }
    Ok(index)
}
