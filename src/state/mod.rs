//! The app's reactive state: the form, the answers, what the applicant has touched, and the report
//! (`AppState`, here); where the applicant is (`step`), places in the answers (`rows`), and this
//! tab's view of its stored draft (`sync`).

mod rows;
mod step;
mod sync;

pub use rows::{max_key, Loc, RowCtx, RowsAt};
pub use step::{Notice, Step};
pub use sync::DraftSync;

use formseal_core::form::{empty_row, validate_with, Answers, Context, FormRules, Report, Row, RowCache, Value};
use formseal_core::key;
use formseal_core::rules::date::CivilDate;
use formseal_core::{Finding, Issue, Locale};
use leptos::prelude::*;
use std::sync::Arc;

pub use crate::issue_bus::IssueBus;

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
    /// Notified once a change of the answers has been painted: the report is made again then,
    /// not in the keystroke's own task, so that the typed character is painted first (issue 16).
    checked: Trigger,
    /// A change of the answers waits for `checked`.
    check_due: StoredValue<bool>,
    /// The page is drawn whole: false from the form page's first frame until the task after its
    /// paint, while its later sections and the eligibility panel's conditions wait (issue 16).
    pub drawn: RwSignal<bool>,
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
        // The report follows the answers one painted frame later (`checked`); what decides on it
        // at once (continuing to the review, a host's `validate`) calls `check_now` first.
        let checked = Trigger::new();
        let check_due = StoredValue::new(false);
        Effect::new(move |was: Option<()>| {
            answers.track();
            if was.is_some() && !check_due.get_value() {
                check_due.set_value(true);
                crate::browser::after_paint(move || {
                    if check_due.try_get_value() == Some(true) {
                        check_due.set_value(false);
                        checked.notify();
                    }
                });
            }
        });
        let report = Memo::new(move |_| {
            let f = form.get_value();
            let l = locale.get();
            checked.track();
            answers.with_untracked(|a| {
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
            checked,
            check_due,
            drawn: RwSignal::new(true),
        }
    }

    /// Makes the report follow the answers now (before it decides something: continuing to the
    /// review, a host's `validate`). Unconditionally: a change made in this same task has not yet
    /// been seen by the effect that marks the report due. An unchanged report stays as it is.
    pub fn check_now(&self) {
        self.check_due.try_set_value(false);
        self.checked.notify();
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

    /// DOM id of the empty form that owns each row's move and remove buttons (`form` attribute),
    /// beside the answers' form: Chromium's autofill reads all of a field's form after every
    /// keystroke, and at 1,000 writers × 5 those were 18,000 of its 50,000 elements (issue 16).
    pub fn buttons_form(&self) -> String {
        self.own_id("rb")
    }

    /// DOM id of one of the widget's own elements: a `.` after the prefix, which no field or
    /// section id has (`form::read`), so no definition can take it.
    pub fn own_id(&self, name: &str) -> String {
        format!("{}.{name}", self.id_prefix.get_value())
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
                let (name, idx) = formseal_core::issue::path_segment(seg);
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

/// The shared state of the enclosing widget.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
