//! The app's reactive state: the form, the answers, what the applicant has touched, and the report.

use formseal_core::form::{empty_row, validate_with, Answers, Context, FormRules, Report, Row, RowCache, Value};
use formseal_core::key;
use formseal_core::rules::date::CivilDate;
use formseal_core::{Finding, Issue, Locale};
use leptos::prelude::*;
use std::sync::Arc;

pub use crate::issue_bus::IssueBus;

/// Where the applicant is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Form,
    Review,
    /// Checking a package (from the review page).
    Verify,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Form => "form",
            Step::Review | Step::Verify => "review",
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

/// A list of repeatable rows: a top-level group, or a group inside a row of another group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowsAt {
    Top(&'static str),
    In { group: &'static str, key: u64, sub: &'static str },
}

impl RowsAt {
    /// The rows, in order.
    pub fn rows(self, a: &Answers) -> &[Row] {
        match self {
            RowsAt::Top(g) => a.rows(g),
            RowsAt::In { group, key, sub } => match a.rows(group).iter().find(|r| r.key == key) {
                Some(r) => match r.values.get(sub) {
                    Some(Value::Rows(rows)) => rows,
                    _ => &[],
                },
                None => &[],
            },
        }
    }
    /// The rows, for changing them.
    pub fn rows_mut(self, a: &mut Answers) -> Option<&mut Vec<Row>> {
        let (map, name) = match self {
            RowsAt::Top(g) => (&mut a.0, g),
            RowsAt::In { group, key, sub } => match a.0.get_mut(group) {
                Some(Value::Rows(rows)) => (&mut rows.iter_mut().find(|r| r.key == key)?.values, sub),
                _ => return None,
            },
        };
        match map.entry(name.to_string()).or_insert_with(|| Value::Rows(Vec::new())) {
            Value::Rows(rows) => Some(rows),
            _ => None,
        }
    }
    /// Issue path of the list: `writers` or `writers[2].experience`.
    pub fn path(self, a: &Answers) -> String {
        match self {
            RowsAt::Top(g) => g.to_string(),
            RowsAt::In { group, key, sub } => {
                let i = a.rows(group).iter().position(|r| r.key == key).unwrap_or(0);
                format!("{group}[{i}].{sub}")
            }
        }
    }
    /// The field id of the list itself (`writers`, `experience`).
    pub fn name(self) -> &'static str {
        match self {
            RowsAt::Top(g) => g,
            RowsAt::In { sub, .. } => sub,
        }
    }
    pub fn dom_id(self, prefix: &str) -> String {
        match self {
            RowsAt::Top(g) => format!("{prefix}-{g}"),
            RowsAt::In { group, key, sub } => format!("{prefix}-{group}-{key}-{sub}"),
        }
    }
}

/// Where a value lives: a top-level field, or a cell of a repeatable row (by stable row key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Loc {
    Top(&'static str),
    Cell { rows: RowsAt, key: u64, field: &'static str },
}

impl Loc {
    /// The value at this location.
    pub fn get(self, a: &Answers) -> Option<Value> {
        match self {
            Loc::Top(id) => a.get(id).cloned(),
            Loc::Cell { rows, key, field } => {
                rows.rows(a).iter().find(|r| r.key == key).and_then(|r| r.values.get(field).cloned())
            }
        }
    }
    /// Stores a value at this location.
    pub fn set(self, a: &mut Answers, v: Value) {
        match self {
            Loc::Top(id) => a.set(id, v),
            Loc::Cell { rows, key, field } => {
                if let Some(r) = rows.rows_mut(a).and_then(|rows| rows.iter_mut().find(|r| r.key == key)) {
                    r.values.insert(field.to_string(), v);
                }
            }
        }
    }
    /// A DOM id unique within the widget.
    pub fn dom_id(self, prefix: &str) -> String {
        match self {
            Loc::Top(id) => format!("{prefix}-{id}"),
            Loc::Cell { rows, key, field } => format!("{}-{key}-{field}", rows.dom_id(prefix)),
        }
    }
}

/// A row as the components see it: memos that change only when this row changes.
#[derive(Clone, Copy)]
pub struct RowCtx {
    pub rows: RowsAt,
    pub key: u64,
    /// The row's values (set only when this row changes).
    pub row: RwSignal<Row>,
    /// Position in its list, 0-based (set only when it moves).
    pub index: RwSignal<usize>,
    /// Issue path of the row: `writers[3]`.
    pub prefix: Memo<String>,
}

/// What this tab knows of its draft in browser storage (issue 20: several tabs, one draft).
#[derive(Default)]
pub struct DraftSync {
    /// The answers as storage held them when this tab last read or wrote them.
    pub base: Answers,
    /// When this tab's applicant last changed an answer (ms since the epoch).
    pub last_edit: u64,
    /// Top-level fields this tab saved changes of during this visit.
    pub edited: Vec<String>,
    /// Attachments removed in this tab, deleted once no saved draft or version names them.
    pub detached: Vec<String>,
    /// The next change of the answers comes from another tab (or a clear), not from the applicant.
    pub remote: bool,
}

/// Everything the components share, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub form: StoredValue<Arc<dyn FormRules>>,
    pub answers: RwSignal<Answers>,
    pub locale: RwSignal<Locale>,
    pub step: RwSignal<Step>,
    /// The applicant tried to continue: every message is shown, with the summary.
    pub show_all: RwSignal<bool>,
    pub report: Memo<Report>,
    /// The report's issues and the left fields, by path.
    pub bus: IssueBus,
    /// Local time of the last successful save, `HH:MM`.
    pub saved_at: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<Notice>>,
    /// Prefix of DOM ids, unique per widget instance.
    pub id_prefix: StoredValue<String>,
    /// Storage key of this widget's draft.
    pub draft_key: StoredValue<String>,
    /// A field to focus once the form is shown again (from the review page's change links).
    pub focus_after_render: RwSignal<Option<String>>,
    /// The host's call configuration of this form (`{}` for the defaults); it goes into the package.
    pub call: StoredValue<serde_json::Value>,
    /// The definition file's text the form was built from, for the package (empty: a built-in form).
    pub definition: StoredValue<Arc<str>>,
    /// Whether the offline file can stand in for this form (not for a host's own form).
    pub offline_copy: StoredValue<bool>,
    /// This tab's view of the draft in storage.
    pub sync: StoredValue<DraftSync>,
    /// Fields another tab changed after this one had: each says so.
    pub elsewhere: RwSignal<Vec<String>>,
}

impl AppState {
    pub fn new(
        form: Arc<dyn FormRules>,
        call: serde_json::Value,
        definition: Arc<str>,
        today: CivilDate,
        locale: RwSignal<Locale>,
        draft_key: String,
    ) -> Self {
        let answers = RwSignal::new(Answers::empty(form.def()));
        let form = StoredValue::new(form);
        let ctx = Context { today };
        // Unchanged rows keep their issues between keystrokes (same result as a full validation).
        // Findings keep their texts in both languages as they were when made: all are made again
        // when the language changes (the built-in forms' English arrives with the switch).
        let cache = StoredValue::new((locale.get_untracked(), RowCache::default()));
        let report = Memo::new(move |_| {
            let f = form.get_value();
            let l = locale.get();
            answers.with(|a| {
                cache
                    .try_update_value(|(was, c)| {
                        if *was != l {
                            (*was, *c) = (l, RowCache::default());
                        }
                        validate_with(f.as_ref(), a, &ctx, c)
                    })
                    .unwrap_or_default()
            })
        });
        let bus = IssueBus::new();
        // Fields another tab changed after this one had say so, among their messages.
        let elsewhere: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
        Effect::new(move |_| {
            let notes = elsewhere.get();
            report.with(|r| {
                if notes.is_empty() {
                    return bus.publish(r);
                }
                let mut r = r.clone();
                r.issues
                    .extend(notes.into_iter().map(|id| Issue::new(id, Finding::warning(key!("ui.sync.elsewhere")))));
                bus.publish(&r)
            })
        });
        let id_prefix = format!("fs-{}", draft_key.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        AppState {
            form,
            answers,
            locale,
            step: RwSignal::new(Step::Form),
            show_all: RwSignal::new(false),
            report,
            bus,
            saved_at: RwSignal::new(None),
            notice: RwSignal::new(None),
            id_prefix: StoredValue::new(id_prefix),
            draft_key: StoredValue::new(draft_key),
            focus_after_render: RwSignal::new(None),
            call: StoredValue::new(call),
            definition: StoredValue::new(definition),
            offline_copy: StoredValue::new(true),
            sync: StoredValue::new(DraftSync::default()),
            elsewhere,
        }
    }

    /// Marks a path as left by the applicant, so its messages show.
    pub fn touch(&self, path: String) {
        if !path.is_empty() {
            let s = self.bus.touched_at(&path);
            if !s.get_untracked() {
                s.set(true);
            }
        }
    }

    /// Appends an empty row to a list; returns its key (unique within the whole draft).
    pub fn add_row(&self, at: RowsAt, fields: &[formseal_core::form::FieldDef]) -> u64 {
        let mut new_key = 0;
        self.answers.update(|a| {
            new_key = max_key(a) + 1;
            if let Some(rows) = at.rows_mut(a) {
                rows.push(empty_row(fields, new_key));
            }
        });
        new_key
    }

    /// Removes a row; returns it with its index, for undo.
    pub fn remove_row(&self, at: RowsAt, key: u64) -> Option<(usize, Row)> {
        let mut removed = None;
        self.answers.update(|a| {
            if let Some(rows) = at.rows_mut(a) {
                if let Some(i) = rows.iter().position(|r| r.key == key) {
                    removed = Some((i, rows.remove(i)));
                }
            }
        });
        removed
    }

    /// Puts a removed row back where it was.
    pub fn restore_row(&self, at: RowsAt, index: usize, row: Row) {
        self.answers.update(|a| {
            if let Some(rows) = at.rows_mut(a) {
                rows.insert(index.min(rows.len()), row);
            }
        });
    }

    /// Moves a row up (-1) or down (+1).
    pub fn move_row(&self, at: RowsAt, key: u64, delta: isize) {
        self.answers.update(|a| {
            if let Some(rows) = at.rows_mut(a) {
                if let Some(i) = rows.iter().position(|r| r.key == key) {
                    let j = i as isize + delta;
                    if j >= 0 && (j as usize) < rows.len() {
                        rows.swap(i, j as usize);
                    }
                }
            }
        });
    }

    /// DOM id of a location.
    pub fn dom_id(&self, loc: Loc) -> String {
        loc.dom_id(&self.id_prefix.get_value())
    }

    /// DOM id of an issue path (`group[i].field`, `group[i].sub[j].field`): indices become row keys.
    pub fn dom_id_for_path(&self, path: &str) -> String {
        let mut id = self.id_prefix.get_value();
        self.answers.with_untracked(|a| {
            let mut current: Option<&Row> = None;
            for seg in path.split('.') {
                let (name, idx) = match seg.split_once('[') {
                    Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
                    None => (seg, None),
                };
                id.push('-');
                id.push_str(name);
                if let Some(i) = idx {
                    let rows: &[Row] = match current {
                        None => a.rows(name),
                        Some(r) => match r.values.get(name) {
                            Some(Value::Rows(v)) => v,
                            _ => &[],
                        },
                    };
                    current = rows.get(i);
                    id.push_str(&format!("-{}", current.map(|r| r.key).unwrap_or(0)));
                }
            }
        });
        id
    }
}

/// The largest row key anywhere in the answers (keys are unique per draft).
pub fn max_key(a: &Answers) -> u64 {
    fn walk(v: &Value) -> u64 {
        match v {
            Value::Rows(rows) => {
                rows.iter().map(|r| r.key.max(r.values.values().map(walk).max().unwrap_or(0))).max().unwrap_or(0)
            }
            _ => 0,
        }
    }
    a.0.values().map(walk).max().unwrap_or(0)
}

/// The shared state of the enclosing widget.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
