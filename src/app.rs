//! The widget: header, toolbar, notice and the current page.

use crate::components::notice::NoticeBar;
use crate::components::toolbar::Toolbar;
use crate::i18n::{label, tr};
use crate::pages::{form_page::FormPage, review_page::ReviewPage};
use crate::state::{use_app, Step};
use formseal_core::key;
use leptos::prelude::*;

/// The whole widget for one form.
#[component]
pub fn App(
    /// Whether a start page exists to go back to.
    has_home: bool,
) -> impl IntoView {
    let app = use_app();
    let def = app.form.get_value();
    let title = label(def.def().title.clone());
    let body = label(def.def().body.clone());
    view! {
        <div class="fs-root" lang=move || app.locale.get().tag()>
            {has_home.then(|| view! { <a class="fs-home-link" href="#/">{tr(key!("ui.home.back"))}</a> })}
            <header class="fs-header">
                <p class="fs-header__body">{body}</p>
                <h1 class="fs-header__title" id=app.own_id("title") tabindex="-1">{title}</h1>
                <ol class="fs-steps" aria-label=tr(key!("ui.steps"))>
                    <li class:fs-steps__current=move || app.step.get() == Step::Form aria-current=move || (app.step.get() == Step::Form).then_some("step")>
                        {tr(key!("ui.step.fill"))}
                    </li>
                    <li class:fs-steps__current=move || app.step.get() == Step::Review aria-current=move || (app.step.get() == Step::Review).then_some("step")>
                        {tr(key!("ui.step.review"))}
                    </li>
                </ol>
            </header>
            <Toolbar />
            <NoticeBar />
            {move || match app.step.get() {
                Step::Form => view! { <FormPage /> }.into_any(),
                Step::Review => view! { <ReviewPage /> }.into_any(),
                Step::Verify => {
                    // The verify page (its own wasm, crates/formseal-intake) is drawn in `page`,
                    // judging by this form's call, keyed by its id as hosts give it.
                    let mut call = serde_json::Map::new();
                    call.insert(app.form.get_value().def().id.to_string(), app.call.get_value());
                    let call = serde_json::Value::Object(call).to_string();
                    let page = NodeRef::<leptos::html::Div>::new();
                    page.on_load(move |el| crate::browser::load_pages(el.into(), call, "verify-step"));
                    view! {
                        <div node_ref=page></div>
                        <div class="fs-actions">
                            <button type="button" class="fs-btn" on:click=move |_| app.step.set(Step::Review)>{tr(key!("ui.verify.back"))}</button>
                        </div>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
