//! The draft toolbar: save status, export, import, clear (with confirmation), the language switch
//! and the offline file.

use super::lang::LangSwitch;
use super::rows::focus_later;
use crate::drafts;
use crate::i18n::tr;
use crate::state::use_app;
use formseal_core::key;
use formseal_core::messages::render;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Toolbar above the form.
#[component]
pub fn Toolbar() -> impl IntoView {
    let app = use_app();
    let confirming = RwSignal::new(false);
    let versions = RwSignal::new(false);
    let import_id = app.own_id("import");
    // The dialog gets focus on its 取消 when opened, and gives it back to 清空草稿 when closed.
    let close = move || {
        confirming.set(false);
        focus_later(app.own_id("clear"));
    };
    let status = move || match app.saved_at.get() {
        Some(t) => render(app.locale.get(), key!("ui.saved_at"), &[("time", t)]),
        None => formseal_core::messages::t(app.locale.get(), key!("ui.not_saved")),
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            spawn_local(drafts::import(app, file));
        }
        input.set_value("");
    };
    view! {
        <div class="fs-toolbar" role="toolbar" aria-label=tr(key!("ui.toolbar"))>
            <p class="fs-toolbar__status" role="status">{status}</p>
            <div class="fs-toolbar__actions">
                <button type="button" class="fs-btn fs-btn--small" on:click=move |_| spawn_local(drafts::export(app))>
                    {tr(key!("ui.export"))}
                </button>
                <input type="file" class="fs-visually-hidden fs-file-input" id=import_id.clone() accept=".json,application/json" on:change=on_import />
                <label class="fs-btn fs-btn--small fs-file-btn" for=import_id>
                    {tr(key!("ui.import"))}
                </label>
                <button type="button" class="fs-btn fs-btn--small" id=app.own_id("versions") aria-expanded=move || versions.get().to_string() on:click=move |_| versions.update(|v| *v = !*v)>
                    {tr(key!("ui.versions"))}
                </button>
                <button type="button" class="fs-btn fs-btn--small" id=app.own_id("clear") on:click=move |_| {
                    confirming.set(true);
                    focus_later(app.own_id("clear-no"));
                }>
                    {tr(key!("ui.clear"))}
                </button>
                <LangSwitch />
                // The self-contained file for working without a network (not offered inside it, nor
                // for a host's own form, which it does not hold).
                {(crate::browser::offline("worker").is_none() && app.offline_copy.get_value()).then(|| view! {
                    <a class="fs-btn fs-btn--small" href=crate::browser::asset_url("formseal-offline.html") download="formseal-offline.html">
                        {tr(key!("ui.offline.download"))}
                    </a>
                })}
            </div>
            <Show when=move || versions.get()>{move || versions_page(app, versions)}</Show>
            <Show when=move || confirming.get()>
                <div class="fs-confirm" role="alertdialog" aria-labelledby=app.own_id("confirm")>
                    <p id=app.own_id("confirm")>{tr(key!("ui.clear.confirm"))}</p>
                    <button type="button" class="fs-btn fs-btn--danger" on:click=move |_| {
                        close();
                        spawn_local(drafts::clear(app));
                    }>{tr(key!("ui.clear.yes"))}</button>
                    <button type="button" class="fs-btn" id=app.own_id("clear-no") on:click=move |_| close()>{tr(key!("ui.clear.no"))}</button>
                </div>
            </Show>
        </div>
    }
}

/// The earlier versions of the draft: a page of the package pages' wasm (loaded when opened),
/// which asks this form to restore the chosen one (event `formseal-restore`).
fn versions_page(app: crate::state::AppState, open: RwSignal<bool>) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Div>::new();
    let args = serde_json::json!({
        "key": drafts::storage_key(&app),
        "name_field": app.form.get_value().def().name_field,
    });
    panel.on_load(move |el| crate::browser::load_pages(el.into(), args.to_string(), "versions"));
    let on_restore = move |ev: web_sys::Event| {
        let text = js_sys::Reflect::get(&ev, &"detail".into()).ok().and_then(|d| d.as_string());
        if let Some(text) = text {
            open.set(false);
            focus_later(app.own_id("versions"));
            drafts::versions::restore(app, text);
        }
    };
    view! { <div class="fs-versions-host" node_ref=panel on:formseal-restore=on_restore></div> }
}
