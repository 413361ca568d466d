//! Intake: a batch of packages reduced to one row each, grouped (resubmissions, shared keys,
//! duplicates) and written as a report. `formseal intake` and the browser's intake page both use
//! this module, so a package gets the same row, verdict and group wherever it is checked.
//!
//! Rows and groups are pure (feature `intake`, as the intake page has it); making a row from a
//! verification and writing the report need the `package` feature (the CLI and the worker).

mod groups;
#[cfg(feature = "package")]
mod report;
mod view;

pub use groups::{group, normalised_name, seconds, Grouped, Key, UnitRule};
#[cfg(feature = "package")]
pub use report::{in_memory, write, Table};
pub use view::{select, Column, View};

use crate::messages::t;
use crate::Locale;
use serde::{Deserialize, Serialize};

/// The report's file format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Xlsx,
    Csv,
    Json,
}

/// What became of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Valid,
    Invalid,
    /// A zip that could not be read as a package (truncated, damaged, no application).
    Unreadable,
    /// Not a zip at all (a stray file in the folder).
    NotPackage,
}

impl Verdict {
    /// Every verdict, in the order a report lists them.
    pub const ALL: [Verdict; 4] = [Verdict::Valid, Verdict::Invalid, Verdict::Unreadable, Verdict::NotPackage];

    /// The verdict's name in `locale`.
    pub fn text(self, locale: Locale) -> String {
        t(
            locale,
            match self {
                Verdict::Valid => key!("intake.valid"),
                Verdict::Invalid => key!("intake.invalid"),
                Verdict::Unreadable => key!("intake.unreadable"),
                Verdict::NotPackage => key!("intake.not_package"),
            },
        )
    }
}

/// One row of the report: one file, verified.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Row {
    pub file: String,
    pub verdict: Verdict,
    /// `<form id> <version>`.
    pub form: String,
    pub unit: String,
    /// The unified social credit code, when the form has one and it was given.
    pub registration: String,
    pub fingerprint: String,
    pub application_sha256: String,
    pub manifest_sha256: String,
    pub signed_at: String,
    /// `code: message`, one per failure.
    pub failures: Vec<String>,
    pub warnings: usize,
    /// The answers, as (label, value) in the form's order.
    pub answers: Vec<(String, String)>,
}

impl Row {
    /// The row of a file before anything is known of it (not a package until shown otherwise).
    pub fn new(file: String) -> Row {
        Row {
            file,
            verdict: Verdict::NotPackage,
            form: String::new(),
            unit: String::new(),
            registration: String::new(),
            fingerprint: String::new(),
            application_sha256: String::new(),
            manifest_sha256: String::new(),
            signed_at: String::new(),
            failures: Vec::new(),
            warnings: 0,
            answers: Vec::new(),
        }
    }

    /// Verifies `bytes` (the file's content) against the secretariat's references and makes its
    /// row. A file that is not a zip stays "not a package".
    #[cfg(feature = "package")]
    pub fn verify(
        file: String,
        bytes: &[u8],
        ctx: &crate::form::Context,
        official: &crate::package::Official,
        locale: Locale,
    ) -> Row {
        let mut row = Row::new(file);
        if bytes.starts_with(b"PK\x03\x04") {
            row.fill(&crate::package::verify_with(bytes, ctx, official), locale);
        }
        row
    }

    /// Fills the row from a package's verification, messages in `locale`.
    #[cfg(feature = "package")]
    pub fn fill(&mut self, v: &crate::package::Verification, locale: Locale) {
        use crate::form::{cells, display, FieldKind, Format as FieldFormat};
        self.verdict = match (&v.application, v.is_valid()) {
            (None, _) => Verdict::Unreadable,
            (Some(_), true) => Verdict::Valid,
            (Some(_), false) => Verdict::Invalid,
        };
        self.failures =
            v.problems.iter().map(|p| format!("{}: {}", p.code, crate::messages::finding_text(locale, p))).collect();
        self.failures.extend(v.rule_errors(locale));
        self.warnings = v.notes.len() + v.issues.iter().filter(|i| !i.is_error()).count();
        self.fingerprint = v.key_fingerprint.clone().unwrap_or_default();
        self.application_sha256 = v.application_sha256.clone().unwrap_or_default();
        self.manifest_sha256 = v.manifest_sha256.clone().unwrap_or_default();
        if let Some(app) = &v.application {
            self.form = format!("{} {}", app.form.id, app.form.version);
            self.signed_at = app.created_at.clone();
        }
        self.unit = v.unit_name().unwrap_or_default();
        if let (Some(form), Some(answers)) = (&v.form, &v.answers) {
            let def = form.def();
            let uscc =
                def.fields().find(|f| matches!(&f.kind, FieldKind::Text { format: Some(FieldFormat::Uscc), .. }));
            self.registration = uscc.map(|f| answers.text(f.id).trim().to_uppercase()).unwrap_or_default();
            self.answers = cells(def, answers)
                .iter()
                .map(|c| (def.path_label(&c.path, locale), display(c.field, c.value, locale)))
                .collect();
        }
    }

    /// The answers, each label once (a label a form uses twice gets its number: 姓名 (2)).
    pub fn labelled_answers(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = Vec::with_capacity(self.answers.len());
        for (label, value) in &self.answers {
            let n = out.iter().filter(|(l, _)| l == label || l.starts_with(&format!("{label} ("))).count();
            let label = if n == 0 { label.clone() } else { format!("{label} ({})", n + 1) };
            out.push((label, value));
        }
        out
    }
}

/// A group status's name in `locale` (`current`, `superseded`, `duplicate`; empty: none).
pub fn status_text(status: &str, locale: Locale) -> String {
    match status {
        "current" => t(locale, key!("intake.status.current")),
        "superseded" => t(locale, key!("intake.status.superseded")),
        "duplicate" => t(locale, key!("intake.status.duplicate")),
        _ => String::new(),
    }
}

/// A cell a spreadsheet (Excel, WPS, LibreOffice) will not read as a formula: one that starts
/// with `=`, `+`, `-`, `@` or a tab gets a leading `'` (shown by none of them; a carriage
/// return is shown as `\u{d}`, below, so no cell starts with one). A genuine `+86 137…` stays readable as text (issue 14, item 6). Control characters
/// other than a line break or a tab, and bidirectional and zero-width ones, are shown as
/// `\u{…}`, as in every other report: a CSV printed to a terminal cannot send it escape sequences,
/// and no cell can turn its neighbours' text around.
pub fn safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let shown = crate::rules::normalize::show_hidden(cell, &['\n', '\t']);
    match shown.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t') => format!("'{shown}").into(),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for hostile in ["=HYPERLINK(\"x\")", "+1+1", "-2", "@SUM(A1)", "\tx"] {
            assert_eq!(safe_cell(hostile), format!("'{hostile}"));
        }
        // Escape sequences, carriage returns and bidirectional or zero-width characters are
        // shown, not obeyed; line breaks in a long answer stay.
        assert_eq!(safe_cell("\u{1b}[2J\u{1b}]0;pwned\u{7}"), "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}");
        assert_eq!(safe_cell("\rx"), "\\u{d}x");
        assert_eq!(safe_cell("甲\u{202e}乙\u{200b}"), "甲\\u{202e}乙\\u{200b}");
        assert_eq!(safe_cell("第一行\n第二行"), "第一行\n第二行");
        assert_eq!(safe_cell("北京示例"), "北京示例");
        assert_eq!(safe_cell(""), "");
    }

    #[test]
    fn repeated_labels_are_numbered() {
        let mut row = Row::new("a.zip".into());
        row.answers = vec![("姓名".into(), "甲".into()), ("姓名".into(), "乙".into()), ("电话".into(), "1".into())];
        let labels: Vec<String> = row.labelled_answers().into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, ["姓名", "姓名 (2)", "电话"]);
    }
}
