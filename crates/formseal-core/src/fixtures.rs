//! Complete sample applications (the repository's `fixtures/`), for tests and benchmarks.

use crate::draft;
use crate::form::{Answers, FormRules, Row, Value};
use crate::forms;

/// The TC260 form and a complete, valid application.
pub fn tc260_complete() -> (Box<dyn FormRules>, Answers) {
    load("tc260-wg", include_str!("../../../fixtures/tc260-complete.json"))
}

/// The co-authoring form and a complete, valid application with two writers.
pub fn coauthor_complete() -> (Box<dyn FormRules>, Answers) {
    load("group-std-coauthor", include_str!("../../../fixtures/coauthor-complete.json"))
}

/// The AII membership form and a complete, valid application.
pub fn aii_complete() -> (Box<dyn FormRules>, Answers) {
    load("aii-member", include_str!("../../../fixtures/aii-complete.json"))
}

/// The co-authoring application with `writers` writers of `experience` rows each (all valid).
pub fn coauthor_with_writers(writers: u64, experience: usize) -> (Box<dyn FormRules>, Answers) {
    let (form, mut a) = coauthor_complete();
    let w = a.rows("writers")[0].clone();
    let exp = match w.values.get("experience") {
        Some(Value::Rows(r)) => r[0].clone(),
        _ => Row::default(),
    };
    let rows: Vec<Row> = (0..writers)
        .map(|i| {
            let mut r = w.clone();
            r.key = i;
            r.values.insert("phone".into(), Value::Text(format!("139{i:08}")));
            r.values.insert("experience".into(), Value::Rows(vec![exp.clone(); experience]));
            r
        })
        .collect();
    a.set("writers", Value::Rows(rows));
    (form, a)
}

fn load(id: &str, text: &str) -> (Box<dyn FormRules>, Answers) {
    let form = forms::by_id(id).expect("registered form");
    let answers = draft::parse(text, form.def()).expect("fixture is a valid draft").draft.answers;
    (form, answers)
}
