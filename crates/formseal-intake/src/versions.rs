//! Earlier versions of a draft (issue 20), opened from a form's toolbar: each with its save time
//! and unit name and a button that restores it, and the copy of a draft that could not be read.
//! It lives with the package pages so the form's first download does not carry it; the form
//! restores the chosen version itself (event `formseal-restore` on the container, its `detail`
//! the version's draft text), as it keeps every draft.

use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::Locale;
use leptos::prelude::*;
use serde_json::Value as J;

/// One kept version: its save time (`YYYY-MM-DD HH:MM`), unit name and draft text.
struct Version {
    when: String,
    name: String,
    text: String,
}

fn stored(key: &str) -> Option<String> {
    crate::browser::storage::get(key)
}

/// The versions the form keeps under `<key>:versions`, newest first.
fn versions(key: &str, name_field: &str) -> Vec<Version> {
    let kept = stored(&format!("{key}:versions")).map(|t| formseal_core::draft::kept_versions(&t)).unwrap_or_default();
    kept.into_iter()
        .filter_map(|(_, text)| {
            let (name, when) = formseal_core::draft::summary(&text, name_field)?;
            Some(Version { when, name, text })
        })
        .collect()
}

/// Tells the form to restore `text`.
fn restore(container: &web_sys::HtmlElement, text: &str) {
    crate::package::ops::dispatch(container, "formseal-restore", &text.into());
}

/// The page. `args`: `{"key": the draft's storage key, "name_field": the unit name's field id}`.
pub fn page(locale: RwSignal<Locale>, args: J, container: web_sys::HtmlElement) -> impl IntoView {
    let key = args.get("key").and_then(J::as_str).unwrap_or_default().to_string();
    let name_field = args.get("name_field").and_then(J::as_str).unwrap_or_default();
    let list = versions(&key, name_field);
    let damaged = stored(&format!("{key}:damaged"));
    let tx = move |k: &'static str| move || t(locale.get(), k);
    let container = StoredValue::new_local(container);
    let items = if list.is_empty() {
        view! { <p>{tx(key!("ui.versions.none"))}</p> }.into_any()
    } else {
        let rows = list
            .into_iter()
            .map(|v| {
                let when = v.when.clone();
                let label = move || render(locale.get(), key!("ui.versions.restore_at"), &[("time", when.clone())]);
                let name = v.name.clone();
                let shown = move || {
                    let name = if name.is_empty() { t(locale.get(), key!("ui.unnamed")) } else { name.clone() };
                    format!("{} · {name}", v.when)
                };
                let text = v.text;
                view! {
                    <li>
                        <span>{shown}</span>
                        <button type="button" class="fs-btn fs-btn--small" aria-label=label
                            on:click=move |_| container.with_value(|c| restore(c, &text))>
                            {tx(key!("ui.versions.restore"))}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="fs-versions__list">{rows}</ul> }.into_any()
    };
    let damaged = damaged.map(|text| {
        let download = move |_| {
            let l = locale.get_untracked();
            let name = format!("{}-{}.json", t(l, key!("ui.draft.file_prefix")), t(l, key!("ui.versions.damaged_name")));
            crate::page::download_as(text.as_bytes(), "application/json", &name);
        };
        view! {
            <p>
                {tx(key!("ui.versions.damaged"))}" "
                <button type="button" class="fs-btn fs-btn--small" on:click=download>{tx(key!("ui.versions.damaged_download"))}</button>
            </p>
        }
    });
    view! {
        <section class="fs-versions" aria-labelledby=crate::page::TITLE>
            <h3 id=crate::page::TITLE tabindex="-1">{tx(key!("ui.versions.title"))}</h3>
            <p class="fs-field__help">{tx(key!("ui.versions.help"))}</p>
            {items}
            {damaged}
        </section>
    }
}
