//! The review page (核对信息): every answer by section, each with a link back to change it.

use crate::components::eligibility::EligibilityPanel;
use crate::components::summary::path_label;
use crate::i18n::{label, tr};
use crate::state::{use_app, Step};
use formseal_core::form::{cells, display, FieldDef, FieldKind, Value};
use formseal_core::key;
use formseal_core::messages::{finding_text, render, t};
use formseal_core::Locale;
use leptos::prelude::*;

/// One answer with its change link.
fn entry(def: &FieldDef, path: String, value: Option<Value>, locale: Locale) -> impl IntoView {
    let app = use_app();
    let text = display(def, value.as_ref(), locale);
    let name = path_label(&path);
    let aria = render(locale, key!("ui.review.change_aria"), &[("field", name.clone())]);
    let href = format!("#{}", app.dom_id_for_path(&path));
    view! {
        <div class="fs-review__row">
            <dt>{name}</dt>
            <dd class:fs-review__value--long=matches!(def.kind, FieldKind::Text { multiline: true, .. })>{text}</dd>
            <dd class="fs-review__change">
                <a href=href aria-label=aria on:click=move |ev| {
                    ev.prevent_default();
                    app.step.set(Step::Form);
                    app.focus_after_render.set(Some(path.clone()));
                }>{t(locale, key!("ui.review.change"))}</a>
            </dd>
        </div>
    }
}

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let app = use_app();
    let title_id = app.own_id("review-title");
    let body = move || {
        let locale = app.locale.get();
        let form = app.form.get_value();
        let answers = app.answers.get();
        let all = cells(form.def(), &answers);
        form.def()
            .sections
            .iter()
            .enumerate()
            .filter(|(si, _)| all.iter().any(|c| c.section == *si))
            .map(|(si, s)| {
                let rows: Vec<AnyView> = all
                    .iter()
                    .filter(|c| c.section == si)
                    .map(|c| entry(c.field, c.path.clone(), c.value.cloned(), locale).into_any())
                    .collect();
                view! {
                    <section class="fs-review__section">
                        <h3 class="fs-review__heading">{s.title.get(locale).to_string()}</h3>
                        <dl class="fs-review__list">{rows}</dl>
                    </section>
                }
            })
            .collect_view()
    };
    let warnings = move || {
        let locale = app.locale.get();
        let list: Vec<_> = app.report.with(|r| r.warnings().cloned().collect());
        (!list.is_empty()).then(|| {
            view! {
                <div class="fs-review__warnings">
                    <h3>{t(locale, key!("ui.review.warnings"))}</h3>
                    <ul>
                        {list.into_iter().map(|i| view! { <li>{render(locale, key!("ui.field_message"), &[("field", path_label(&i.path)), ("message", finding_text(locale, &i.finding))])}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    let errors = Memo::new(move |_| app.report.with(|r| r.errors().count()));
    let host = expect_context::<crate::host::Host>();
    // The package panel (loaded with the package pages): mounted again only when the form gets or
    // loses its errors, or the process's English arrives.
    let panel_key = Memo::new(move |_| {
        let en = app.form.get_value().def().process.recipient.get(Locale::En).to_string();
        (errors.get() == 0, (app.locale.get() == Locale::En).then_some(en))
    });
    let panel = move || {
        panel_key.track();
        crate::package::panel(app, host, errors.get_untracked())
    };
    let def = app.form.get_value();
    let title = label(def.def().title.clone());
    let process = def.def().process.clone();
    let hand_in = label(process.hand_in.clone());
    // What happens after the package, in the seed's own steps.
    let steps = move || {
        let l = app.locale.get();
        process.steps.iter().map(|s| view! { <li>{s.get(l).to_string()}</li> }).collect_view()
    };
    view! {
        <div class="fs-layout">
            <div class="fs-layout__main fs-review">
                <h2 class="fs-review__title" id=title_id tabindex="-1">{tr(key!("ui.review.title"))}</h2>
                <p class="fs-review__intro">{move || render(app.locale.get(), key!("ui.review.intro"), &[("form", title())])}</p>
                {warnings}
                {body}
                <div class="fs-package__missing" role="status" hidden=move || errors.get() == 0>
                    <p>{move || render(app.locale.get(), key!("ui.pkg.missing"), &[("n", errors.get().to_string())])}</p>
                    <button type="button" class="fs-btn" on:click=move |_| {
                        app.show_all.set(true);
                        app.step.set(Step::Form);
                        // The button goes with the page: focus goes to the list of errors.
                        crate::components::rows::focus_later(app.own_id("summary"));
                    }>{tr(key!("ui.pkg.show_errors"))}</button>
                </div>
                {panel}
                <div class="fs-actions">
                    <button type="button" class="fs-btn" on:click=move |_| app.step.set(Step::Verify)>{tr(key!("ui.verify.open"))}</button>
                    <button type="button" class="fs-btn" on:click=move |_| {
                        app.step.set(Step::Form);
                        // This button goes with the page: focus goes to the form's title.
                        crate::components::rows::focus_later(app.own_id("title"));
                    }>{tr(key!("ui.review.back"))}</button>
                    <p class="fs-actions__hint">{hand_in}</p>
                </div>
                <section class="fs-process">
                    <h3 class="fs-process__title">{tr(key!("ui.review.process"))}</h3>
                    <ol class="fs-process__steps">{steps}</ol>
                </section>
            </div>
            <aside class="fs-layout__side">
                <EligibilityPanel />
            </aside>
        </div>
    }
}
