//! The start page: the applications this site offers, each with its saved draft if there is one.

use crate::drafts::saved_summary;
use crate::i18n::tr;
use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::Locale;
use leptos::prelude::*;

/// Lists the forms; each links to `#/<form id>`.
#[component]
pub fn HomePage(
    /// The widget's language.
    locale: RwSignal<Locale>,
    /// Prefix of draft keys (`<prefix>` + form id).
    draft_prefix: String,
    /// The forms offered.
    forms: Vec<crate::forms::FormInfo>,
) -> impl IntoView {
    let items = move || {
        let l = locale.get();
        forms
            .iter()
            .map(|f| {
                let (id, def) = (&f.id, f);
                let draft = saved_summary(&format!("{draft_prefix}{id}"), &def.name_field);
                let (status, action) = match &draft {
                    Some((name, when)) => {
                        let name = if name.is_empty() { t(l, key!("ui.unnamed")) } else { name.clone() };
                        (
                            render(l, key!("ui.home.draft"), &[("name", name), ("when", when.clone())]),
                            t(l, key!("ui.home.continue")),
                        )
                    }
                    None => (t(l, key!("ui.home.no_draft")), t(l, key!("ui.home.start"))),
                };
                let title = def.title.get(l).to_string();
                let aria = format!("{action}：{title}");
                view! {
                    <li class="fs-home__item">
                        <p class="fs-home__body">{def.body.get(l).to_string()}</p>
                        <h2 class="fs-home__form">{title}</h2>
                        <p class="fs-home__draft">{status}</p>
                        <a class="fs-btn fs-btn--primary" href=format!("#/{id}") aria-label=aria>{action}</a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="fs-home">
            <div class="fs-home__bar"><crate::components::lang::LangSwitch /></div>
            <h1 class="fs-header__title" tabindex="-1">{tr(key!("ui.home.title"))}</h1>
            <p class="fs-home__intro">{tr(key!("ui.home.intro"))}</p>
            <ul class="fs-home__list">{items}</ul>
            <p class="fs-home__verify"><a href="#/verify">{tr(key!("ui.verify.open"))}</a></p>
        </div>
    }
}
