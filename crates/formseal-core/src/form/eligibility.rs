//! Eligibility results: each charter condition with its clause, status and what would change it.

use super::text::Text;
use crate::issue::Params;
use crate::messages::{render, Locale};
use serde::Serialize;

/// Outcome of one eligibility condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The answers show that the condition is met.
    Pass,
    /// The answers show that it is not met.
    Fail,
    /// Something the applicant has to add first.
    NeedsInfo,
    /// The applicant has said what the condition asks for, but only the reviewers named by the
    /// charter can judge it (e.g. whether the unit is a legal person, or works in the field).
    Review,
    /// Not a condition: information from the call (e.g. whom it invites), shown for reference.
    Info,
}

impl Status {
    /// The catalogue key of its label (符合 / 不符合 / 待补充 / 待审核 / 说明).
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Pass => key!("ui.elig.pass"),
            Status::Fail => key!("ui.elig.fail"),
            Status::NeedsInfo => key!("ui.elig.needs_info"),
            Status::Review => key!("ui.elig.review"),
            Status::Info => key!("ui.elig.info"),
        }
    }
}

/// Where a condition comes from, as its source cites it: `第九条第1项` / `Article 9(1)`, or a call's
/// part by its title (`五、参编单位要求 第1项`), since numbers alone can be ambiguous.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Clause(pub Text);

impl Clause {
    pub fn render(&self, locale: Locale) -> String {
        self.0.get(locale).to_string()
    }
}

/// A message with parameters: a catalogue key, or a text of the form's definition (text is
/// rendered per locale at the edge).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Msg {
    pub code: &'static str,
    /// The definition's own text (then `code` is empty).
    #[serde(skip)]
    pub words: Option<Text>,
    #[serde(skip)]
    pub params: Params,
}

impl Msg {
    pub fn new(code: &'static str) -> Self {
        Msg { code, words: None, params: Vec::new() }
    }
    /// A text of a form definition, with its parameters.
    pub fn text_of(words: Text, params: Params) -> Self {
        Msg { code: "", words: Some(words), params }
    }
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, value.into()));
        self
    }
    pub fn text(&self, locale: Locale) -> String {
        match &self.words {
            Some(w) => crate::messages::fill(locale, w.get(locale), &self.params),
            None => render(locale, self.code, &self.params),
        }
    }
}

/// One condition of the charter, evaluated on the current answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Criterion {
    /// Stable id, e.g. `art9.1`.
    pub id: &'static str,
    pub clause: Clause,
    /// The condition, as the charter states it.
    pub condition: Msg,
    pub status: Status,
    /// Why it has this status.
    pub reason: Msg,
    /// What the applicant could do to change the outcome (none when it passes).
    pub remedy: Option<Msg>,
}

/// One line that sums the conditions up: a failure first, then what the applicant still has to
/// add, then what is left to the form's own reviewers (named by its process).
pub fn summary(criteria: &[Criterion], process: &super::def::Process, locale: Locale) -> String {
    let count = |s: Status| criteria.iter().filter(|c| c.status == s).count();
    let reviewers = || process.reviewers.get(locale).to_string();
    if count(Status::Fail) > 0 {
        render(locale, key!("ui.elig.summary_fail"), &[])
    } else if count(Status::NeedsInfo) > 0 {
        render(locale, key!("ui.elig.summary_pending"), &[("n", count(Status::NeedsInfo).to_string())])
    } else if count(Status::Review) > 0 {
        render(
            locale,
            key!("ui.elig.summary_review"),
            &[("n", count(Status::Review).to_string()), ("reviewers", reviewers())],
        )
    } else {
        render(locale, key!("ui.elig.summary_pass"), &[("reviewers", reviewers())])
    }
}
