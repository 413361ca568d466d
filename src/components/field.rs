//! One field of the form: label, control, help, derived values and its messages.

use super::files::FilesInput;
use super::inputs::{AgreeInput, ChoiceInput, DateInput, MultiInput, TextInput};
use super::rows::Rows;
use crate::i18n::{label, tr};
use crate::state::{use_app, Loc};
use formseal_core::form::{FieldDef, FieldKind, Format};
use formseal_core::issue::Issue;
use formseal_core::messages::{finding_text, render};
use formseal_core::rules::uscc;
use leptos::prelude::*;

/// Ids that tie a control to its label, help and message.
#[derive(Clone)]
pub struct FieldIds {
    pub input: String,
    pub help: String,
    pub msg: String,
}

impl FieldIds {
    /// `aria-describedby` for the control.
    pub fn described_by(&self, has_help: bool) -> String {
        if has_help {
            format!("{} {}", self.help, self.msg)
        } else {
            self.msg.clone()
        }
    }
}

/// The issues to show for a location (after the field was left, or after trying to continue).
pub fn shown_issues(loc: Loc) -> Memo<Vec<Issue>> {
    let app = use_app();
    let path = Memo::new(move |_| app.answers.with(|a| loc.path(a)));
    Memo::new(move |_| {
        let p = path.get();
        let shown = app.show_all.get() || app.touched.with(|t| t.contains(&p));
        if !shown {
            return Vec::new();
        }
        app.report.with(|r| {
            let errors: Vec<Issue> = r.for_path(&p).filter(|i| i.is_error()).take(1).cloned().collect();
            if errors.is_empty() {
                r.for_path(&p).cloned().collect()
            } else {
                errors
            }
        })
    })
}

/// A field of any kind, laid out as a row of the paper form's table.
#[component]
pub fn Field(
    /// The field's definition from the core.
    def: FieldDef,
    /// Where the value lives.
    loc: Loc,
) -> impl IntoView {
    let app = use_app();
    let ids = FieldIds {
        input: app.dom_id(loc),
        help: format!("{}-help", app.dom_id(loc)),
        msg: format!("{}-msg", app.dom_id(loc)),
    };
    let issues = shown_issues(loc);
    let has_error = move || issues.with(|v| v.iter().any(|i| i.is_error()));
    let visible = {
        let def = def.clone();
        move || {
            app.answers.with(|a| match loc {
                Loc::Top(_) => def.visible(a),
                Loc::Cell { group, key, .. } => a
                    .rows(group)
                    .iter()
                    .find(|r| r.key == key)
                    .is_none_or(|r| def.visible(&formseal_core::form::Answers(r.values.clone()))),
            })
        }
    };
    let kind_class = match &def.kind {
        FieldKind::Text { multiline: true, .. } => "fs-field--long",
        FieldKind::Rows { .. } => "fs-field--rows",
        FieldKind::Choice { .. } | FieldKind::MultiChoice { .. } => "fs-field--choice",
        FieldKind::Agree { .. } => "fs-field--agree",
        _ => "fs-field--text",
    };
    let is_group =
        matches!(def.kind, FieldKind::Choice { .. } | FieldKind::MultiChoice { .. } | FieldKind::Agree { .. });
    let has_help = def.help.is_some();
    let help = def.help.clone().map(|h| {
        let text = label(h);
        let id = ids.help.clone();
        view! { <p class="fs-field__help" id=id>{text}</p> }
    });
    let required = def.required;
    let lbl = label(def.label.clone());
    let control = control(&def, loc, ids.clone(), has_help);
    let derived = matches!(def.kind, FieldKind::Text { format: Some(Format::Uscc), .. }).then(|| derived_org_code(loc));
    let marker = move || {
        if required {
            view! { <span class="fs-field__req" aria-hidden="true">"*"</span> }.into_any()
        } else {
            view! { <span class="fs-field__optional">{tr("ui.optional")}</span> }.into_any()
        }
    };
    let label_el = if is_group || matches!(def.kind, FieldKind::Rows { .. }) {
        // Groups are labelled by their fieldset legend, inside the control.
        view! { <div class="fs-field__label" aria-hidden="true">{lbl}{marker}</div> }.into_any()
    } else {
        let for_id = ids.input.clone();
        view! { <div class="fs-field__label"><label for=for_id>{lbl}</label>{marker}</div> }.into_any()
    };
    if matches!(def.kind, FieldKind::Rows { .. }) {
        return view! {
            <div class="fs-field fs-field--rows" data-field=def.id>
                {control}
                <Messages issues=issues id=ids.msg.clone() />
            </div>
        }
        .into_any();
    }
    view! {
        <div
            class=format!("fs-field {kind_class}")
            class:fs-field--invalid=has_error
            data-field=def.id
            hidden=move || !visible()
        >
            {label_el}
            <div class="fs-field__body">
                {control}
                {help}
                {derived}
                <Messages issues=issues id=ids.msg.clone() />
            </div>
        </div>
    }
    .into_any()
}

/// The control for a field's kind.
fn control(def: &FieldDef, loc: Loc, ids: FieldIds, has_help: bool) -> AnyView {
    match &def.kind {
        FieldKind::Text { .. } => view! { <TextInput def=def.clone() loc=loc ids=ids has_help=has_help /> }.into_any(),
        FieldKind::Date { .. } => view! { <DateInput def=def.clone() loc=loc ids=ids has_help=has_help /> }.into_any(),
        FieldKind::Choice { .. } => view! { <ChoiceInput def=def.clone() loc=loc ids=ids /> }.into_any(),
        FieldKind::MultiChoice { .. } => view! { <MultiInput def=def.clone() loc=loc ids=ids /> }.into_any(),
        FieldKind::Agree { .. } => view! { <AgreeInput def=def.clone() loc=loc ids=ids /> }.into_any(),
        FieldKind::Files { .. } => view! { <FilesInput def=def.clone() loc=loc ids=ids /> }.into_any(),
        FieldKind::Rows { .. } => view! { <Rows def=def.clone() /> }.into_any(),
    }
}

/// The organisation code derived from a valid USCC (三证合一: not asked twice).
fn derived_org_code(loc: Loc) -> impl IntoView {
    let app = use_app();
    let code = Memo::new(move |_| {
        app.answers.with(|a| {
            let v = loc.get(a);
            match v {
                Some(formseal_core::form::Value::Text(t)) => uscc::parse(&t).ok().map(|u| u.org_code_display()),
                _ => None,
            }
        })
    });
    move || {
        code.get().map(|c| {
            let text = render(app.locale.get(), "ui.derived_org_code", &[("code", c)]);
            view! { <p class="fs-field__derived">{text}</p> }
        })
    }
}

/// The messages of a field: errors in red, warnings in amber, each with its text.
#[component]
pub fn Messages(
    /// The issues to show.
    issues: Memo<Vec<Issue>>,
    /// DOM id, referenced by the control's `aria-describedby`.
    id: String,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="fs-field__msgs" id=id>
            {move || {
                let locale = app.locale.get();
                issues
                    .get()
                    .into_iter()
                    .map(|i| {
                        let (class, prefix) = if i.is_error() {
                            ("fs-msg fs-msg--error", "ui.error_prefix")
                        } else {
                            ("fs-msg fs-msg--warning", "ui.warning_prefix")
                        };
                        let prefix = formseal_core::messages::t(locale, prefix);
                        let text = finding_text(locale, &i.finding);
                        view! { <p class=class><span class="fs-msg__kind">{prefix}</span>{text}</p> }
                    })
                    .collect_view()
            }}
        </div>
    }
}
