//! The widget-wide notice line (import results, storage problems), dismissible.

use crate::i18n::tr;
use crate::state::use_app;
use formseal_core::key;
use leptos::prelude::*;

/// Shows the current notice, if any.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let app = use_app();
    move || {
        app.notice.get().map(|n| {
            let class = if n.error { "fs-notice fs-notice--error" } else { "fs-notice" };
            let role = if n.error { "alert" } else { "status" };
            view! {
                <div class=class role=role>
                    <p class="fs-notice__text">{n.text}</p>
                    <button type="button" class="fs-btn fs-btn--link" on:click=move |_| {
                        app.notice.set(None);
                        // The button goes with the notice: focus goes to the form's title.
                        crate::components::rows::focus_later(app.own_id("title"));
                    }>
                        {tr(key!("ui.notice.close"))}
                    </button>
                </div>
            }
        })
    }
}
