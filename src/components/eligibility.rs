//! The eligibility panel: the charter's conditions with pass / fail / needs-information / to be
//! reviewed, and the call's information.

use crate::i18n::tr;
use crate::state::use_app;
use formseal_core::form::{eligibility_summary, Status};
use formseal_core::key;
use formseal_core::messages::{render, t};
use leptos::prelude::*;

/// Every condition, its clause, status, reason and what would change it.
#[component]
pub fn EligibilityPanel() -> impl IntoView {
    let app = use_app();
    let criteria = Memo::new(move |_| app.report.with(|r| r.eligibility.clone()));
    let summary = move || {
        let locale = app.locale.get();
        let form = app.form.get_value();
        criteria.with(|c| eligibility_summary(c, &form.def().process, locale))
    };
    view! {
        <section class="fs-elig" aria-labelledby=app.own_id("elig-title")>
            <h2 class="fs-elig__title" id=app.own_id("elig-title")>{tr(key!("ui.elig.title"))}</h2>
            <p class="fs-elig__summary" aria-live="polite">{summary}</p>
            <ul class="fs-elig__list">
                {move || {
                    let locale = app.locale.get();
                    // After the form page's first frame (`AppState::drawn`).
                    let shown = if app.drawn.get() { criteria.get() } else { Vec::new() };
                    shown
                        .into_iter()
                        .map(|c| {
                            let class = match c.status {
                                Status::Pass => "fs-crit fs-crit--pass",
                                Status::Fail => "fs-crit fs-crit--fail",
                                Status::NeedsInfo => "fs-crit fs-crit--info",
                                Status::Review => "fs-crit fs-crit--review",
                                Status::Info => "fs-crit fs-crit--note",
                            };
                            let status_key = c.status.label_key();
                            let remedy = c.remedy.as_ref().map(|r| {
                                let text = render(locale, key!("ui.elig.remedy"), &[("text", r.text(locale))]);
                                view! { <p class="fs-crit__remedy">{text}</p> }
                            });
                            view! {
                                <li class=class data-criterion=c.id>
                                    <p class="fs-crit__head">
                                        <span class="fs-crit__status">{t(locale, status_key)}</span>
                                        <span class="fs-crit__clause">{c.clause.render(locale)}</span>
                                    </p>
                                    <p class="fs-crit__cond">{c.condition.text(locale)}</p>
                                    <p class="fs-crit__reason">{c.reason.text(locale)}</p>
                                    {remedy}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
