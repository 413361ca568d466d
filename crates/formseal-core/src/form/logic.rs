//! A form's cross-field rules and eligibility conditions, written as data in its definition and
//! evaluated here. The vocabulary is small on purpose — what the official forms need:
//!
//! | test (`Expr`) | holds when |
//! |---|---|
//! | `{"ticked": "f"}` | the declaration `f` is ticked |
//! | `{"filled": "f"}` | `f` has a value and no error |
//! | `{"empty": "f"}` | `f` has no value (errors aside) |
//! | `{"present": "f"}` | the form has the field `f` (e.g. the call did not leave it out) |
//! | `{"equals": ["f", "v"]}` | the choice `f` is `v` |
//! | `{"in": ["f", ["a", "b"]]}` | the choice `f` is one of these |
//! | `{"uscc_valid": "f"}` | `f` is a well-formed unified social credit code |
//! | `{"uscc_kind": ["f", ["91", "92"]]}` | …whose positions 1–2 are one of these |
//! | `{"row_count": {"field": "f", "min": 1, "max": 2}}` | `f` has that many rows |
//! | `{"rows_complete": {"field": "f", "filled": ["name"]}}` | `f` has rows, each with these sub-fields filled and no error |
//! | `{"any_row": {"field": "f", "filled": "sub"}}` | some row of `f` has `sub` filled |
//! | `{"all": […]}`, `{"any": […]}`, `{"not": …}` | combinations |
//!
//! Values for message parameters (`Param`): `{"text": "f"}`, `{"list": "f"}` (joined 、 / “, ”),
//! `{"count": "f"}` (rows), `{"count_with": ["f", "sub"]}`, `{"uscc_kind": "f"}` (positions 1–2),
//! `{"uscc_category": "f"}` (the registration category those positions stand for).

use super::answers::{Answers, Value};
use super::def::FormDef;
use super::eligibility::{Clause, Criterion, Msg, Status};
use super::text::Text;
use super::validate::has_error;
use crate::issue::{Finding, Issue, Params, Severity};
use crate::rules::{normalize, uscc};

/// A test over the answers (see the module's table).
#[derive(Clone, Debug)]
pub enum Expr {
    Ticked(String),
    Filled(String),
    Empty(String),
    Present(String),
    Equals(String, String),
    In(String, Vec<String>),
    UsccValid(String),
    UsccKind(String, Vec<String>),
    RowCount(RowCount),
    RowsComplete(RowsComplete),
    AnyRow(AnyRow),
    All(Vec<Expr>),
    Any(Vec<Expr>),
    Not(Box<Expr>),
}

#[derive(Clone, Debug)]
pub struct RowCount {
    pub field: String,
    pub min: usize,
    pub max: usize,
}

#[derive(Clone, Debug)]
pub struct RowsComplete {
    pub field: String,
    pub filled: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct AnyRow {
    pub field: String,
    pub filled: String,
}

/// A value shown in a message (see the module's documentation).
#[derive(Clone, Debug)]
pub enum Param {
    Text(String),
    List(String),
    Count(String),
    CountWith(String, String),
    UsccKind(String),
    UsccCategory(String),
}

/// What the tests and parameters look at.
pub struct Scope<'a> {
    pub def: &'a FormDef,
    pub answers: &'a Answers,
    pub issues: &'a [Issue],
}

fn has_value(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Text(t)) => !t.trim().is_empty(),
        Some(Value::Bool(b)) => *b,
        Some(Value::List(l)) => !l.is_empty(),
        Some(Value::Rows(r)) => !r.is_empty(),
        Some(Value::Files(f)) => !f.is_empty(),
        None => false,
    }
}

impl Expr {
    pub fn holds(&self, s: &Scope) -> bool {
        let a = s.answers;
        match self {
            Expr::Ticked(f) => a.flag(f),
            Expr::Filled(f) => has_value(a.get(f)) && !has_error(s.issues, f),
            Expr::Empty(f) => !has_value(a.get(f)),
            Expr::Present(f) => s.def.field(f).is_some(),
            Expr::Equals(f, v) => a.text(f) == v,
            Expr::In(f, vs) => vs.iter().any(|v| v == a.text(f)),
            Expr::UsccValid(f) => uscc::parse(a.text(f)).is_ok(),
            Expr::UsccKind(f, kinds) => uscc::parse(a.text(f)).is_ok_and(|c| kinds.contains(&c.kind_code())),
            Expr::RowCount(r) => (r.min..=r.max).contains(&a.rows(&r.field).len()),
            Expr::RowsComplete(r) => {
                let rows = a.rows(&r.field);
                // The rows with an error in them, from one pass over the issues (not one pass per
                // row: at each keystroke in a form of a thousand rows, issue 16).
                let mut wrong = vec![false; rows.len()];
                for i in s.issues.iter().filter(|i| i.is_error()).filter_map(|i| row_of(&i.path, &r.field)) {
                    if let Some(w) = wrong.get_mut(i) {
                        *w = true;
                    }
                }
                !rows.is_empty()
                    && rows
                        .iter()
                        .zip(wrong)
                        .all(|(row, wrong)| !wrong && r.filled.iter().all(|f| has_value(row.values.get(f))))
            }
            Expr::AnyRow(r) => a.rows(&r.field).iter().any(|row| has_value(row.values.get(&r.filled))),
            Expr::All(list) => list.iter().all(|e| e.holds(s)),
            Expr::Any(list) => list.iter().any(|e| e.holds(s)),
            Expr::Not(e) => !e.holds(s),
        }
    }
}

/// The row a path inside a row of `field` is in: `writers[3].phone` → 3.
fn row_of(path: &str, field: &str) -> Option<usize> {
    let (first, _inside) = path.split_once('.')?;
    match crate::issue::path_segment(first) {
        (name, row) if name == field => row,
        _ => None,
    }
}

impl Param {
    /// The value in both languages.
    fn value(&self, s: &Scope) -> Text {
        let a = s.answers;
        let same = |v: String| {
            let v = crate::messages::plain(v);
            Text::owned(v.clone(), v)
        };
        match self {
            Param::Text(f) => same(a.text(f).trim().to_string()),
            Param::List(f) => {
                Text::owned(crate::messages::plain(a.list(f).join("、")), crate::messages::plain(a.list(f).join(", ")))
            }
            Param::Count(f) => same(a.rows(f).len().to_string()),
            Param::CountWith(f, sub) => {
                same(a.rows(f).iter().filter(|r| has_value(r.values.get(sub))).count().to_string())
            }
            Param::UsccKind(f) => same(uscc::parse(a.text(f)).map(|c| c.kind_code()).unwrap_or_default()),
            // A catalogue key, looked up in the language the message is shown in.
            Param::UsccCategory(f) => {
                let key = uscc::parse(a.text(f)).ok().and_then(|c| c.category());
                let key =
                    format!("{}{}", crate::messages::KEY_MARK, key.as_deref().unwrap_or(key!("uscc.kind.unknown")));
                Text::owned(key.clone(), key)
            }
        }
    }
}

/// Message parameters: each value under its name, and its two languages as `name_zh`/`name_en`
/// (a template `{name}` picks the one of its language, see [`crate::messages::render`]).
fn params(map: &[(String, Param)], s: &Scope) -> Params {
    let mut out = Params::new();
    let id = |n: String| crate::intern::intern(&n);
    for (name, p) in map {
        let v = p.value(s);
        let en = v.get(crate::Locale::En);
        if v.zh == en {
            out.extend(id(name.clone()).map(|n| (n, v.zh.to_string())));
        } else if let (Some(zh_name), Some(en_name)) = (id(format!("{name}_zh")), id(format!("{name}_en"))) {
            out.push((en_name, en.to_string()));
            out.push((zh_name, v.zh.into_owned()));
        }
    }
    out
}

/// A cross-field rule: a finding at `at` when `when` holds, or — with `unique` — at each row
/// that repeats an earlier row's key.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The finding's code (stable; a catalogue key when `message` is absent).
    pub code: &'static str,
    pub severity: Severity,
    pub message: Option<Text>,
    pub when: Option<Expr>,
    pub unique: Option<Unique>,
    /// The field the finding is shown at (inside each row for `unique`).
    pub at: String,
    pub params: Vec<(String, Param)>,
}

/// Rows of `rows` must differ in `key` (names compared as a person would write them).
#[derive(Clone, Debug)]
pub struct Unique {
    pub rows: String,
    pub key: Vec<String>,
}

impl Rule {
    fn finding(&self, s: &Scope) -> Finding {
        Finding {
            code: self.code,
            severity: self.severity,
            params: params(&self.params, s),
            text: self.message.clone(),
        }
    }

    pub fn check(&self, s: &Scope, out: &mut Vec<Issue>) {
        if let Some(u) = &self.unique {
            let rows = s.answers.rows(&u.rows);
            let mut seen = std::collections::HashSet::with_capacity(rows.len());
            for (i, row) in rows.iter().enumerate() {
                let key: Vec<_> = u.key.iter().map(|k| normalize::person_name_ref(row.text(k))).collect();
                if key.first().is_some_and(|k| !k.is_empty()) && !seen.insert(key) {
                    out.push(Issue::new(format!("{}[{i}].{}", u.rows, self.at), self.finding(s)));
                }
            }
        } else if self.when.as_ref().is_none_or(|w| w.holds(s)) {
            out.push(Issue::new(self.at.clone(), self.finding(s)));
        }
    }
}

/// One outcome of a condition: the first whose `when` holds (or that has none) applies.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub when: Option<Expr>,
    pub status: Status,
    pub reason: Text,
    pub remedy: Option<Text>,
}

/// An eligibility condition of the charter (or the call), with where it comes from.
#[derive(Clone, Debug)]
pub struct Condition {
    pub id: &'static str,
    /// The clause, e.g. `第九条第1项` / `Article 9(1)`.
    pub clause: Text,
    /// The condition as the source states it.
    pub condition: Text,
    pub params: Vec<(String, Param)>,
    pub outcomes: Vec<Outcome>,
    /// Shown only when the call's configuration says so.
    pub if_call: Option<super::def::CallCond>,
}

impl Condition {
    pub fn evaluate(&self, s: &Scope) -> Option<Criterion> {
        let o = self.outcomes.iter().find(|o| o.when.as_ref().is_none_or(|w| w.holds(s)))?;
        let p = params(&self.params, s);
        let msg = |t: &Text| Msg::text_of(t.clone(), p.clone());
        Some(Criterion {
            id: self.id,
            clause: Clause(self.clause.clone()),
            condition: Msg::text_of(self.condition.clone(), Vec::new()),
            status: o.status,
            reason: msg(&o.reason),
            remedy: o.remedy.as_ref().map(msg),
        })
    }
}

/// A definition is its own engine: the field rules come from its fields, the cross-field rules
/// and the eligibility conditions from its `rules` and `conditions`.
impl super::validate::FormRules for FormDef {
    fn def(&self) -> &FormDef {
        self
    }
    fn def_mut(&mut self) -> &mut FormDef {
        self
    }
    fn cross_check(&self, answers: &Answers, _ctx: &super::validate::Context, out: &mut Vec<Issue>) {
        let mut found = Vec::new();
        let scope = Scope { def: self, answers, issues: out };
        for rule in &self.rules {
            rule.check(&scope, &mut found);
        }
        out.extend(found);
    }
    fn eligibility(&self, answers: &Answers, issues: &[Issue]) -> Vec<Criterion> {
        let scope = Scope { def: self, answers, issues };
        self.conditions.iter().filter_map(|c| c.evaluate(&scope)).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn row_of_reads_the_row_a_path_is_in() {
        assert_eq!(super::row_of("writers[3].phone", "writers"), Some(3));
        assert_eq!(super::row_of("writers[12].experience[0].rank", "writers"), Some(12));
        assert_eq!(super::row_of("writers[3]", "writers"), None);
        assert_eq!(super::row_of("writers", "writers"), None);
        assert_eq!(super::row_of("writers_extra[1].x", "writers"), None);
        assert_eq!(super::row_of("representatives[1].name", "writers"), None);
    }
}
