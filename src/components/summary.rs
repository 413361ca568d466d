//! The error summary at the top: every blocking problem, each a link that moves focus to its field.

use crate::i18n::tr;
use crate::state::use_app;
use formseal_core::key;
use formseal_core::messages::{finding_text, render};
use leptos::prelude::*;

/// `代表第 2 行 · 手机` for a row path, the field's label otherwise.
pub fn path_label(path: &str) -> String {
    let app = use_app();
    app.form.get_value().def().path_label(path, app.locale.get())
}

/// Moves focus to the control of an issue path and scrolls it into view.
pub fn focus_path(app: &crate::state::AppState, path: &str) {
    let id = app.dom_id_for_path(path);
    if let Some(el) = crate::browser::dom::element_by_id(&id) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// The list of errors shown once the applicant tries to continue.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let app = use_app();
    let errors = Memo::new(move |_| app.report.with(|r| r.errors().cloned().collect::<Vec<_>>()));
    let id = app.own_id("summary");
    view! {
        <Show when=move || app.show_all.get() && !errors.with(|e| e.is_empty())>
            <div class="fs-summary" role="alert" tabindex="-1" id=id.clone()>
                <h2 class="fs-summary__title">
                    {move || render(app.locale.get(), key!("ui.summary.title"), &[("n", errors.with(|e| e.len()).to_string())])}
                </h2>
                <p class="fs-summary__hint">{tr(key!("ui.summary.hint"))}</p>
                <ul class="fs-summary__list">
                    {move || {
                        let locale = app.locale.get();
                        errors
                            .get()
                            .into_iter()
                            .map(|i| {
                                let href = format!("#{}", app.dom_id_for_path(&i.path));
                                let text = render(locale, key!("ui.field_message"), &[("field", path_label(&i.path)), ("message", finding_text(locale, &i.finding))]);
                                let path = i.path.clone();
                                view! {
                                    <li>
                                        <a href=href on:click=move |ev| {
                                            ev.prevent_default();
                                            focus_path(&app, &path);
                                        }>{text}</a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
