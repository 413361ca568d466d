//! Earlier versions of the draft, opened from the toolbar (issue 20): each with its save time and
//! unit name, and a button that restores it; and the copy of a draft that could not be read.

use crate::drafts::{damaged_key, versions};
use crate::i18n::tr;
use crate::state::use_app;
use formseal_core::messages::render;
use leptos::prelude::*;

/// The list, shown while `open` is true.
#[component]
pub fn Versions(open: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let title_id = format!("{}-versions", app.id_prefix.get_value());
    let list = move || {
        let locale = app.locale.get();
        let items = versions::summaries(&app);
        if items.is_empty() {
            return view! { <p>{tr("ui.versions.none")}</p> }.into_any();
        }
        let rows = items
            .into_iter()
            .enumerate()
            .map(|(i, (when, name))| {
                let label = render(locale, "ui.versions.restore_at", &[("time", when.clone())]);
                let name = if name.is_empty() { formseal_core::messages::t(locale, "ui.unnamed") } else { name };
                view! {
                    <li>
                        <span>{format!("{when} · {name}")}</span>
                        <button type="button" class="fs-btn fs-btn--small" aria-label=label on:click=move |_| {
                            open.set(false);
                            versions::restore(app, i);
                        }>{tr("ui.versions.restore")}</button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="fs-versions__list">{rows}</ul> }.into_any()
    };
    let damaged = move || {
        crate::browser::storage::get(&damaged_key(&app)).map(|_| {
            view! {
                <p>
                    {tr("ui.versions.damaged")}" "
                    <button type="button" class="fs-btn fs-btn--small" on:click=move |_| versions::download_damaged(&app)>
                        {tr("ui.versions.damaged_download")}
                    </button>
                </p>
            }
        })
    };
    view! {
        <Show when=move || open.get()>
            <section class="fs-versions" aria-labelledby=title_id.clone()>
                <h3 id=title_id.clone()>{tr("ui.versions.title")}</h3>
                <p class="fs-field__help">{tr("ui.versions.help")}</p>
                {list}
                {damaged}
            </section>
        </Show>
    }
}
