//! Validation outcomes as data: a finding of a rule, and an issue located at a field path.

use serde::Serialize;

/// How much a finding matters: errors block continuing, warnings only advise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Named parameters substituted into a message template (`{name}`).
pub type Params = Vec<(&'static str, String)>;

/// What a single rule found about one value: a message key, its parameters and a severity.
/// Text is looked up later, by locale, from the message catalogues — or, for a rule of a form's
/// definition, from the definition's own `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    #[serde(serialize_with = "ser_params")]
    pub params: Params,
    #[serde(skip)]
    pub text: Option<crate::form::Text>,
}

impl Finding {
    pub fn error(code: &'static str) -> Self {
        Finding { code, severity: Severity::Error, params: Vec::new(), text: None }
    }
    pub fn warning(code: &'static str) -> Self {
        Finding { code, severity: Severity::Warning, params: Vec::new(), text: None }
    }
    /// Adds a named parameter.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, crate::messages::plain(value.into())));
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A finding attached to the field it concerns: `path` is `field` or `group[row].field` (row 0-based).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: String,
    #[serde(flatten)]
    pub finding: Finding,
}

impl Issue {
    pub fn new(path: impl Into<String>, finding: Finding) -> Self {
        Issue { path: path.into(), finding }
    }
    pub fn is_error(&self) -> bool {
        self.finding.is_error()
    }
}

/// One segment of an issue path (`group[3]`, `field`): the field id and the row index, if any.
pub fn path_segment(seg: &str) -> (&str, Option<usize>) {
    match seg.split_once('[') {
        Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
        None => (seg, None),
    }
}

fn ser_params<S: serde::Serializer>(params: &Params, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(params.len()))?;
    for (k, v) in params {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_segments() {
        assert_eq!(super::path_segment("writers[3]"), ("writers", Some(3)));
        assert_eq!(super::path_segment("phone"), ("phone", None));
        assert_eq!(super::path_segment("writers[x]"), ("writers", None));
    }
}
