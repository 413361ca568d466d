//! The app's reactive state: the form, the answers, what the applicant has touched, and the report.

use formseal_core::form::{empty_row, validate, Answers, Context, FieldKind, FormRules, Report, Value};
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// Where the applicant is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Form,
    Review,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Form => "form",
            Step::Review => "review",
        }
    }
    pub fn parse(s: &str) -> Step {
        if s == "review" {
            Step::Review
        } else {
            Step::Form
        }
    }
}

/// A banner message for the whole widget (import results, storage problems).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// Where a value lives: a top-level field, or a cell of a repeatable row (by stable row key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Loc {
    Top(&'static str),
    Cell { group: &'static str, key: u64, field: &'static str },
}

impl Loc {
    /// The value at this location.
    pub fn get(self, a: &Answers) -> Option<Value> {
        match self {
            Loc::Top(id) => a.get(id).cloned(),
            Loc::Cell { group, key, field } => {
                a.rows(group).iter().find(|r| r.key == key).and_then(|r| r.values.get(field).cloned())
            }
        }
    }
    /// Stores a value at this location.
    pub fn set(self, a: &mut Answers, v: Value) {
        match self {
            Loc::Top(id) => a.set(id, v),
            Loc::Cell { group, key, field } => {
                if let Some(Value::Rows(rows)) = a.0.get_mut(group) {
                    if let Some(r) = rows.iter_mut().find(|r| r.key == key) {
                        r.values.insert(field.to_string(), v);
                    }
                }
            }
        }
    }
    /// The issue path (`field` or `group[index].field`) for the current row order.
    pub fn path(self, a: &Answers) -> String {
        match self {
            Loc::Top(id) => id.to_string(),
            Loc::Cell { group, key, field } => match a.rows(group).iter().position(|r| r.key == key) {
                Some(i) => format!("{group}[{i}].{field}"),
                None => String::new(),
            },
        }
    }
    /// A DOM id unique within the widget.
    pub fn dom_id(self, prefix: &str) -> String {
        match self {
            Loc::Top(id) => format!("{prefix}-{id}"),
            Loc::Cell { group, key, field } => format!("{prefix}-{group}-{key}-{field}"),
        }
    }
}

/// Everything the components share, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub form: StoredValue<Arc<dyn FormRules>>,
    pub answers: RwSignal<Answers>,
    pub locale: RwSignal<Locale>,
    pub step: RwSignal<Step>,
    /// Paths whose messages are shown (the field was left, or the applicant tried to continue).
    pub touched: RwSignal<HashSet<String>>,
    /// The applicant tried to continue: every message is shown, with the summary.
    pub show_all: RwSignal<bool>,
    pub report: Memo<Report>,
    /// Local time of the last successful save, `HH:MM`.
    pub saved_at: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<Notice>>,
    /// Prefix of DOM ids, unique per widget instance.
    pub id_prefix: StoredValue<String>,
    /// Storage key of this widget's draft.
    pub draft_key: StoredValue<String>,
    /// A field to focus once the form is shown again (from the review page's change links).
    pub focus_after_render: RwSignal<Option<String>>,
}

impl AppState {
    pub fn new(form: Arc<dyn FormRules>, today: CivilDate, locale: Locale, draft_key: String) -> Self {
        let answers = RwSignal::new(Answers::empty(form.def()));
        let form = StoredValue::new(form);
        let ctx = Context { today };
        let report = Memo::new(move |_| {
            let f = form.get_value();
            answers.with(|a| validate(f.as_ref(), a, &ctx))
        });
        let id_prefix = format!("fs-{}", draft_key.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        AppState {
            form,
            answers,
            locale: RwSignal::new(locale),
            step: RwSignal::new(Step::Form),
            touched: RwSignal::new(HashSet::new()),
            show_all: RwSignal::new(false),
            report,
            saved_at: RwSignal::new(None),
            notice: RwSignal::new(None),
            id_prefix: StoredValue::new(id_prefix),
            draft_key: StoredValue::new(draft_key),
            focus_after_render: RwSignal::new(None),
        }
    }

    /// Marks a path as left by the applicant, so its messages show.
    pub fn touch(&self, path: String) {
        if !path.is_empty() && !self.touched.with_untracked(|t| t.contains(&path)) {
            self.touched.update(|t| {
                t.insert(path);
            });
        }
    }

    /// Appends an empty row to a repeatable group; returns its key.
    pub fn add_row(&self, group: &'static str) -> Option<u64> {
        let form = self.form.get_value();
        let FieldKind::Rows { fields, .. } = &form.def().field(group)?.kind else { return None };
        let mut new_key = 0;
        self.answers.update(|a| {
            new_key = a.rows(group).iter().map(|r| r.key).max().unwrap_or(0) + 1;
            let mut rows = a.rows(group).to_vec();
            rows.push(empty_row(fields, new_key));
            a.set(group, Value::Rows(rows));
        });
        Some(new_key)
    }

    /// Removes a row; returns it with its index, for undo.
    pub fn remove_row(&self, group: &'static str, key: u64) -> Option<(usize, formseal_core::form::Row)> {
        let mut removed = None;
        self.answers.update(|a| {
            if let Some(Value::Rows(rows)) = a.0.get_mut(group) {
                if let Some(i) = rows.iter().position(|r| r.key == key) {
                    removed = Some((i, rows.remove(i)));
                }
            }
        });
        removed
    }

    /// Puts a removed row back where it was.
    pub fn restore_row(&self, group: &'static str, index: usize, row: formseal_core::form::Row) {
        self.answers.update(|a| {
            if let Some(Value::Rows(rows)) = a.0.get_mut(group) {
                rows.insert(index.min(rows.len()), row);
            }
        });
    }

    /// DOM id of a location.
    pub fn dom_id(&self, loc: Loc) -> String {
        loc.dom_id(&self.id_prefix.get_value())
    }

    /// DOM id of an issue path (`group[i].field` → the row's key).
    pub fn dom_id_for_path(&self, path: &str) -> String {
        let prefix = self.id_prefix.get_value();
        match path.split_once('[') {
            None => format!("{prefix}-{path}"),
            Some((group, rest)) => {
                let (idx, field) = rest.split_once("].").unwrap_or((rest.trim_end_matches(']'), ""));
                let key = idx
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.answers.with_untracked(|a| a.rows(group).get(i).map(|r| r.key)))
                    .unwrap_or(0);
                if field.is_empty() {
                    format!("{prefix}-{group}-{key}")
                } else {
                    format!("{prefix}-{group}-{key}-{field}")
                }
            }
        }
    }
}

/// The shared state of the enclosing widget.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
