//! One field of the form: label, control, help, derived values and its messages.

use super::files::FilesInput;
use super::inputs::{AgreeInput, ChoiceInput, DateInput, MultiInput, TextInput};
use super::rows::Rows;
use crate::i18n::{label, tr};
use crate::state::{use_app, AppState, Loc, RowCtx, RowsAt};
use formseal_core::form::{FieldDef, FieldKind, Format, Value};
use formseal_core::issue::Issue;
use formseal_core::key;
use formseal_core::messages::{finding_text, render};
use formseal_core::rules::uscc;
use leptos::prelude::*;
use std::sync::Arc;

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

/// What a control needs: where its value lives, the value, its issue path and its shown issues.
#[derive(Clone)]
pub struct FieldCtx {
    pub loc: Loc,
    pub value: Memo<Option<Value>>,
    pub path: Memo<String>,
    pub issues: Memo<Vec<Issue>>,
    pub ids: Arc<FieldIds>,
    pub app: AppState,
}

impl FieldCtx {
    /// The text value ("" when empty), read from the value's memo (no memo of its own).
    pub fn text_fn(&self) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        let value = self.value;
        move || value.with(|v| text_of(v).to_string())
    }
    /// Stores a new value.
    pub fn set(&self, v: Value) {
        let loc = self.loc;
        self.app.answers.update(|a| loc.set(a, v));
        // Changed here again: the note that another tab changed it goes.
        if let Loc::Top(id) = loc {
            if self.app.elsewhere.with_untracked(|e| e.iter().any(|x| x == id)) {
                self.app.elsewhere.update(|e| e.retain(|x| x != id));
            }
        }
    }
    /// Marks the field as left, so its messages show from now on. (A field focused when the
    /// applicant leaves the form reports its focusout after the form's state is gone.)
    pub fn touch(&self) {
        if let Some(path) = self.path.try_get_untracked() {
            self.app.touch(path);
        }
    }
    /// `"true"` when an error is shown.
    pub fn invalid(&self) -> impl Fn() -> String + Send + Sync + Clone + 'static {
        let issues = self.issues;
        move || issues.with(|v| v.iter().any(|i| i.is_error())).to_string()
    }
}

/// The text of a field's value: "" when it has none (or is not text).
pub fn text_of(value: &Option<Value>) -> &str {
    match value {
        Some(Value::Text(t)) => t,
        _ => "",
    }
}

/// The issue path of a location, as a memo (row paths follow the row's current position).
pub fn path_memo(loc: Loc, row: Option<RowCtx>) -> Memo<String> {
    let app = use_app();
    match (loc, row) {
        (Loc::Top(id), _) => Memo::new(move |_| id.to_string()),
        (Loc::Cell { field, .. }, Some(r)) => Memo::new(move |_| format!("{}.{field}", r.prefix.get())),
        (Loc::Cell { rows, key, field }, None) => Memo::new(move |_| {
            app.answers.with(|a| {
                let i = rows.rows(a).iter().position(|r| r.key == key).unwrap_or(0);
                format!("{}[{i}].{field}", rows.path(a))
            })
        }),
    }
}

/// The value at a location, as a memo (row cells read only their row).
pub fn value_memo(loc: Loc, row: Option<RowCtx>) -> Memo<Option<Value>> {
    let app = use_app();
    match (loc, row) {
        (Loc::Cell { field, .. }, Some(r)) => Memo::new(move |_| r.row.with(|row| row.values.get(field).cloned())),
        _ => Memo::new(move |_| app.answers.with(|a| loc.get(a))),
    }
}

/// The issues to show at a path (after the field was left, or after trying to continue):
/// the first error, or else every warning.
pub fn shown_issues(path: Memo<String>) -> Memo<Vec<Issue>> {
    let app = use_app();
    Memo::new(move |_| {
        let p = path.get();
        let shown = app.show_all.get() || app.bus.touched_at(&p).get();
        if !shown {
            return Vec::new();
        }
        app.bus.issues_at(&p).with(|all| match all.iter().find(|i| i.is_error()) {
            Some(e) => vec![e.clone()],
            None => all.to_vec(),
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
    /// The row the field belongs to, if any.
    #[prop(optional)]
    row: Option<RowCtx>,
) -> impl IntoView {
    let app = use_app();
    let path = path_memo(loc, row);
    if matches!(def.kind, FieldKind::Rows { .. }) {
        let issues = shown_issues(path);
        let at = match (loc, row) {
            (Loc::Cell { field, .. }, Some(r)) => match r.rows {
                RowsAt::Top(group) => RowsAt::In { group, key: r.key, sub: field },
                nested => nested,
            },
            _ => RowsAt::Top(def.id),
        };
        let msg_id = format!("{}-msg", app.dom_id(loc));
        return view! {
            <div class="fs-field fs-field--rows" data-field=def.id>
                <Rows def=def.clone() at=at parent=row />
                <Messages issues=issues id=msg_id />
            </div>
        }
        .into_any();
    }
    let input = app.dom_id(loc);
    let ctx = FieldCtx {
        loc,
        value: value_memo(loc, row),
        path,
        issues: shown_issues(path),
        ids: Arc::new(FieldIds { help: format!("{input}-help"), msg: format!("{input}-msg"), input }),
        app,
    };
    let issues = ctx.issues;
    let has_error = move || issues.with(|v| v.iter().any(|i| i.is_error()));
    // Only a field with a condition watches it: a thousand rows' fields are not a thousand
    // watchers of nothing (issue 16: memory and work per row).
    let visible: Option<Memo<bool>> = def.visible_if.as_ref().map(|_| {
        let def = def.clone();
        match row {
            Some(r) => Memo::new(move |_| r.row.with(|row| def.visible_in(&row.values))),
            None => Memo::new(move |_| app.answers.with(|a| def.visible(a))),
        }
    });
    let kind_class = match &def.kind {
        FieldKind::Text { multiline: true, .. } => "fs-field--long",
        FieldKind::Choice { .. } | FieldKind::MultiChoice { .. } => "fs-field--choice",
        FieldKind::Agree { .. } => "fs-field--agree",
        _ => "fs-field--text",
    };
    let is_group =
        matches!(def.kind, FieldKind::Choice { .. } | FieldKind::MultiChoice { .. } | FieldKind::Agree { .. });
    let has_help = def.help.is_some();
    let help = def.help.clone().map(|h| {
        let text = label(h);
        let id = ctx.ids.help.clone();
        view! { <p class="fs-field__help" id=id>{text}</p> }
    });
    let required = def.required;
    let lbl = label(def.label.clone());
    let msg_id = ctx.ids.msg.clone();
    let control = control(&def, ctx.clone(), has_help);
    let derived =
        matches!(def.kind, FieldKind::Text { format: Some(Format::Uscc), .. }).then(|| derived_org_code(ctx.value));
    // The label cell is the `<label>` itself, and its marker — the required star or the optional
    // note — is drawn by the style sheet (`content: … / ""`: seen, not spoken; the control says
    // `aria-required`). With the answer cell's parts as the field's own children, a text field is
    // three elements where it was seven: a writer of the co-authoring form with five experience
    // rows is 135 elements to build, lay out and scan for autofill, not 196 (issue 16).
    let optional = (!required).then(|| tr(key!("ui.optional")));
    let label_el = if is_group {
        // Groups are labelled by their fieldset legend, inside the control.
        view! { <div class="fs-field__label" aria-hidden="true" data-optional=optional>{lbl}</div> }.into_any()
    } else {
        let for_id = ctx.ids.input.clone();
        view! { <label class="fs-field__label" for=for_id data-optional=optional>{lbl}</label> }.into_any()
    };
    view! {
        <div
            class=format!("fs-field {kind_class}{}", if required { " fs-field--req" } else { "" })
            class:fs-field--invalid=has_error
            data-field=def.id
            hidden=visible.map(|v| move || !v.get())
        >
            {label_el}
            {control}
            {help}
            {derived}
            <Messages issues=issues id=msg_id />
        </div>
    }
    .into_any()
}

/// The control for a field's kind.
fn control(def: &FieldDef, ctx: FieldCtx, has_help: bool) -> AnyView {
    match &def.kind {
        FieldKind::Text { .. } => view! { <TextInput def=def.clone() ctx=ctx has_help=has_help /> }.into_any(),
        FieldKind::Date { .. } => view! { <DateInput def=def.clone() ctx=ctx has_help=has_help /> }.into_any(),
        FieldKind::Choice { .. } => view! { <ChoiceInput def=def.clone() ctx=ctx /> }.into_any(),
        FieldKind::MultiChoice { .. } => view! { <MultiInput def=def.clone() ctx=ctx /> }.into_any(),
        FieldKind::Agree { .. } => view! { <AgreeInput def=def.clone() ctx=ctx /> }.into_any(),
        FieldKind::Files { .. } => view! { <FilesInput def=def.clone() ctx=ctx /> }.into_any(),
        FieldKind::Rows { .. } => ().into_any(),
    }
}

/// The organisation code derived from a valid USCC (三证合一: not asked twice).
fn derived_org_code(value: Memo<Option<Value>>) -> impl IntoView {
    let app = use_app();
    let code = Memo::new(move |_| match value.get() {
        Some(Value::Text(t)) => uscc::parse(&t).ok().map(|u| u.org_code_display()),
        _ => None,
    });
    move || {
        code.get().map(|c| {
            let text = render(app.locale.get(), key!("ui.derived_org_code"), &[("code", c)]);
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
                            ("fs-msg fs-msg--error", key!("ui.error_prefix"))
                        } else {
                            ("fs-msg fs-msg--warning", key!("ui.warning_prefix"))
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
