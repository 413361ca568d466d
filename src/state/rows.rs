//! Places in the answers: a list of rows anywhere in the form (`RowsAt`), a field in a row or at
//! the top (`Loc`), and a row as the components see it (`RowCtx`).

use formseal_core::form::{Answers, Row, Value};
use leptos::prelude::*;

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
                Some(Value::Rows(rows)) => (&mut *rows.iter_mut().find(|r| r.key == key)?.values, sub),
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
    /// A DOM id unique within the widget (the widget's own ids have a `.` after the prefix).
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
