//! The review page (核对信息): every answer by section, each with a link back to change it.

use crate::components::eligibility::EligibilityPanel;
use crate::components::files::human_size;
use crate::components::summary::path_label;
use crate::i18n::{label, tr};
use crate::state::{use_app, Step};
use formseal_core::form::{FieldDef, FieldKind, Value};
use formseal_core::messages::{finding_text, render, t};
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use leptos::prelude::*;

/// The displayed form of an answer.
pub fn display(def: &FieldDef, value: Option<&Value>, locale: Locale) -> String {
    let empty = t(locale, "ui.review.empty");
    match (&def.kind, value) {
        (FieldKind::Choice { options }, Some(Value::Text(v))) => {
            options.iter().find(|o| &o.value == v).map(|o| o.label.get(locale).to_string()).unwrap_or(empty)
        }
        (FieldKind::MultiChoice { options, .. }, Some(Value::List(l))) if !l.is_empty() => options
            .iter()
            .filter(|o| l.contains(&o.value))
            .map(|o| match &o.hint {
                Some(h) => format!("{} {}", o.label.get(locale), h.get(locale)),
                None => o.label.get(locale).to_string(),
            })
            .collect::<Vec<_>>()
            .join(if locale == Locale::ZhCn { "、" } else { ", " }),
        (FieldKind::Agree { .. }, Some(Value::Bool(b))) => {
            t(locale, if *b { "ui.review.agreed" } else { "ui.review.not_agreed" })
        }
        (FieldKind::Date { .. }, Some(Value::Text(v))) => match CivilDate::parse(v) {
            Some(d) if locale == Locale::ZhCn => d.display_zh(),
            Some(d) => d.display_en(),
            None if v.is_empty() => empty,
            None => v.clone(),
        },
        (FieldKind::Files { .. }, Some(Value::Files(f))) if !f.is_empty() => {
            f.iter().map(|f| format!("{}（{}）", f.name, human_size(f.size))).collect::<Vec<_>>().join("；")
        }
        (FieldKind::Files { .. }, _) => t(locale, "ui.review.no_file"),
        (_, Some(Value::Text(v))) if !v.trim().is_empty() => v.trim().to_string(),
        _ => empty,
    }
}

/// One answer with its change link.
fn entry(def: &FieldDef, path: String, value: Option<Value>, locale: Locale) -> impl IntoView {
    let app = use_app();
    let text = display(def, value.as_ref(), locale);
    let name = path_label(&path);
    let aria = render(locale, "ui.review.change_aria", &[("field", name.clone())]);
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
                }>{t(locale, "ui.review.change")}</a>
            </dd>
        </div>
    }
}

/// The entries of a field; rows contribute one entry per visible cell, recursively.
fn entries(def: &FieldDef, path: String, value: Option<&Value>, locale: Locale, out: &mut Vec<AnyView>) {
    match (&def.kind, value) {
        (FieldKind::Rows { fields, .. }, Some(Value::Rows(rows))) => {
            for (i, row) in rows.iter().enumerate() {
                let scope = formseal_core::form::Answers(row.values.clone());
                for sub in fields.iter().filter(|f| f.visible(&scope)) {
                    entries(sub, format!("{path}[{i}].{}", sub.id), row.values.get(sub.id), locale, out);
                }
            }
        }
        _ => out.push(entry(def, path, value.cloned(), locale).into_any()),
    }
}

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let app = use_app();
    let title_id = format!("{}-review-title", app.id_prefix.get_value());
    let body = move || {
        let locale = app.locale.get();
        let form = app.form.get_value();
        let answers = app.answers.get();
        form.def()
            .sections
            .iter()
            .map(|s| {
                let mut rows = Vec::new();
                for f in s.fields.iter().filter(|f| f.visible(&answers)) {
                    entries(f, f.id.to_string(), answers.get(f.id), locale, &mut rows);
                }
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
                    <h3>{t(locale, "ui.review.warnings")}</h3>
                    <ul>
                        {list.into_iter().map(|i| view! { <li>{format!("{}：{}", path_label(&i.path), finding_text(locale, &i.finding))}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    let title = label(app.form.get_value().def().title.clone());
    view! {
        <div class="fs-layout">
            <div class="fs-layout__main fs-review">
                <h2 class="fs-review__title" id=title_id tabindex="-1">{tr("ui.review.title")}</h2>
                <p class="fs-review__intro">{move || render(app.locale.get(), "ui.review.intro", &[("form", title())])}</p>
                {warnings}
                {body}
                <div class="fs-actions">
                    <button type="button" class="fs-btn" on:click=move |_| app.step.set(Step::Form)>{tr("ui.review.back")}</button>
                    <p class="fs-actions__hint">{tr("ui.review.seal_notice")}</p>
                </div>
            </div>
            <aside class="fs-layout__side">
                <EligibilityPanel />
            </aside>
        </div>
    }
}
