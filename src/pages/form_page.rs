//! The form page: sections in paper order, the error summary and the eligibility panel.

use crate::components::eligibility::EligibilityPanel;
use crate::components::field::Field;
use crate::components::summary::{focus_path, ErrorSummary};
use crate::i18n::{label, tr};
use crate::state::{use_app, AppState, Loc, Step};
use formseal_core::form::SectionDef;
use formseal_core::key;
use leptos::prelude::*;

/// The whole form.
#[component]
pub fn FormPage() -> impl IntoView {
    let app = use_app();
    let form = app.form.get_value();
    // The first section is drawn at once, the others — and the eligibility panel's conditions,
    // most of the first frame's text — after the first frame has been painted, so that the form
    // can be typed into sooner (issue 16: time to interactive). Coming back from the review page
    // to a field, everything is drawn at once.
    let first = if app.focus_after_render.get_untracked().is_some() { usize::MAX } else { 1 };
    let all_drawn = app.drawn;
    all_drawn.set(first == usize::MAX);
    if !all_drawn.get_untracked() {
        // After the frame that draws the first section has been painted.
        crate::browser::after_paint(move || all_drawn.set(true));
    }
    let sections = form.def().sections.iter().take(first).map(|s| section(app, s)).collect_view();
    let rest = {
        let form = form.clone();
        move || all_drawn.get().then(|| form.def().sections.iter().skip(first).map(|s| section(app, s)).collect_view())
    };
    let summary_id = app.own_id("summary");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        app.check_now();
        if app.report.with_untracked(|r| r.is_valid()) {
            app.show_all.set(false);
            app.step.set(Step::Review);
            crate::components::rows::focus_later(app.own_id("review-title"));
        } else {
            app.show_all.set(true);
            crate::components::rows::focus_later(summary_id.clone());
        }
    };
    // Coming back from the review page's "change" link: focus that field.
    Effect::new(move |_| {
        if let Some(path) = app.focus_after_render.get() {
            app.focus_after_render.set(None);
            request_animation_frame(move || focus_path(&app, &path));
        }
    });
    view! {
        <div class="fs-layout">
            <div class="fs-layout__main">
                <ErrorSummary />
                <form class="fs-form" novalidate=true on:submit=on_submit>
                    {sections}
                    {rest}
                    <div class="fs-actions">
                        <p class="fs-actions__hint">{tr(key!("ui.continue_hint"))}</p>
                        <button type="submit" class="fs-btn fs-btn--primary">{tr(key!("ui.continue"))}</button>
                    </div>
                </form>
                // The rows' buttons belong to this form instead (`AppState::buttons_form`).
                <form id=app.buttons_form() hidden=true></form>
            </div>
            <aside class="fs-layout__side">
                <EligibilityPanel />
            </aside>
        </div>
    }
}

/// One section of the form: its title, its note and its fields.
fn section(app: AppState, s: &SectionDef) -> AnyView {
    let title_id = app.own_id(&format!("sec-{}", s.id));
    let labelled_by = title_id.clone();
    let note = s.note.clone().map(|n| view! { <p class="fs-section__note">{label(n)}</p> });
    let fields = s.fields.iter().map(|f| view! { <Field def=f.clone() loc=Loc::Top(f.id) /> }).collect_view();
    // A section none of whose fields the answers show (e.g. the council block for an ordinary
    // member) is not shown either.
    let defs = s.fields.clone();
    let empty = move || app.answers.with(|a| !defs.iter().any(|f| f.visible(a)));
    view! {
        <section class="fs-section" aria-labelledby=labelled_by data-section=s.id hidden=empty>
            <h2 class="fs-section__title" id=title_id>{label(s.title.clone())}</h2>
            {note}
            <div class="fs-section__fields">{fields}</div>
        </section>
    }
    .into_any()
}
