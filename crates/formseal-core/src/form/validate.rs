//! The validation engine: field rules from the definition, then the form's own cross-field rules
//! and eligibility conditions, collected in one report.

use super::answers::{Answers, Value};
use super::def::{FieldDef, FieldKind, FormDef, Format};
use super::eligibility::Criterion;
use super::row::Row;
use crate::issue::{Finding, Issue, Severity};
use crate::rules::{self, date::CivilDate};
use serde::Serialize;
use std::collections::HashMap;

/// What validation needs from the environment.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// Today's date where the applicant is (dates may not be in the future).
    pub today: CivilDate,
}

/// A form's rules beyond its field definitions.
pub trait FormRules: Send + Sync {
    fn def(&self) -> &FormDef;
    /// The definition, to adapt it to a call (e.g. attachments the call requires).
    fn def_mut(&mut self) -> &mut FormDef;
    /// Rules that look at more than one field (e.g. unit type against the USCC).
    fn cross_check(&self, answers: &Answers, ctx: &Context, out: &mut Vec<Issue>);
    /// The charter's conditions evaluated on the answers; `issues` are the field findings so far.
    fn eligibility(&self, answers: &Answers, issues: &[Issue]) -> Vec<Criterion>;
}

/// Everything validation found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub issues: Vec<Issue>,
    pub eligibility: Vec<Criterion>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| !i.is_error())
    }
    /// No errors (warnings do not block).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }
    /// The issues of one field path, errors first.
    pub fn for_path<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| i.path == path)
    }
}

/// Validates every visible field, then the form's cross-field rules and eligibility.
pub fn validate(form: &dyn FormRules, answers: &Answers, ctx: &Context) -> Report {
    validate_with(form, answers, ctx, &mut RowCache::default())
}

/// The field issues of each row seen before, by group and row key, with paths relative to the
/// row. Re-validating after a keystroke then checks only the rows that changed; the result is the
/// same as [`validate`]'s.
#[derive(Debug, Default)]
pub struct RowCache {
    /// Per row: the row as checked, its issues, and the validation that last saw it.
    rows: HashMap<(&'static str, u64), (Row, Vec<Issue>, u64)>,
    /// Counts validations: rows not seen by the latest one are gone from the answers.
    run: u64,
    /// The date the cached issues were computed for.
    today: Option<CivilDate>,
}

/// [`validate`], reusing the issues of unchanged rows from `cache` (and updating it).
pub fn validate_with(form: &dyn FormRules, answers: &Answers, ctx: &Context, cache: &mut RowCache) -> Report {
    if cache.today != Some(ctx.today) {
        cache.rows.clear();
        cache.today = Some(ctx.today);
    }
    let mut issues = Vec::new();
    cache.run += 1;
    let run = cache.run;
    for field in form.def().fields() {
        if !field.visible(answers) {
            continue;
        }
        let empty = field.empty_value();
        let value = answers.get(field.id).unwrap_or(&empty);
        match (&field.kind, value) {
            (FieldKind::Rows { fields, .. }, Value::Rows(rows)) => {
                check_rows_count(field, rows.len(), field.id, &mut issues);
                for (i, row) in rows.iter().enumerate() {
                    let fresh = || {
                        let mut own = Vec::new();
                        check_row(fields, row, "", ctx, &mut own);
                        own
                    };
                    let entry = cache.rows.entry((field.id, row.key)).or_insert_with(|| (row.clone(), fresh(), run));
                    if entry.0 != *row {
                        (entry.0, entry.1) = (row.clone(), fresh());
                    }
                    entry.2 = run;
                    if !entry.1.is_empty() {
                        let prefix = format!("{}[{i}]", field.id);
                        issues.extend(
                            entry.1.iter().map(|is| Issue::new(format!("{prefix}{}", is.path), is.finding.clone())),
                        );
                    }
                }
            }
            _ => check_field(field, value, field.id, ctx, &mut issues),
        }
    }
    cache.rows.retain(|_, (_, _, seen)| *seen == run);
    form.cross_check(answers, ctx, &mut issues);
    // A call's closing date, reported at the date the applicant signs (the paper form's last field).
    let def = form.def();
    if let Some(deadline) = def.deadline.filter(|d| ctx.today > *d) {
        let finding = Finding::error(key!("call.closed"))
            .with("deadline", deadline.to_string())
            .with("recipient_zh", def.process.recipient.zh.to_string())
            .with("recipient_en", def.process.recipient.get(crate::Locale::En).to_string());
        issues.push(Issue::new(def.seal.date_field, finding));
    }
    let eligibility = form.eligibility(answers, &issues);
    Report { issues: order_by_form(form.def(), issues), eligibility }
}

/// Puts issues in the order of the form's fields, errors before warnings within a field, and
/// otherwise as found. (Buckets, not a sort: linear, and no sort routine in the browser's first
/// download.)
fn order_by_form(def: &FormDef, issues: Vec<Issue>) -> Vec<Issue> {
    let top: Vec<&str> = def.fields().map(|f| f.id).collect();
    // Per field, then one for paths no field has: errors, then warnings.
    let mut buckets: Vec<Vec<Issue>> = (0..2 * (top.len() + 1)).map(|_| Vec::new()).collect();
    let n = issues.len();
    for i in issues {
        let id = i.path.split('[').next().unwrap_or(&i.path);
        let field = top.iter().position(|f| *f == id).unwrap_or(top.len());
        let warning = usize::from(i.finding.severity != Severity::Error);
        buckets[2 * field + warning].push(i);
    }
    let mut out = Vec::with_capacity(n);
    buckets.into_iter().for_each(|b| out.extend(b));
    out
}

fn push(out: &mut Vec<Issue>, path: &str, findings: Vec<Finding>) {
    out.extend(findings.into_iter().map(|f| Issue::new(path, f)));
}

/// Checks one field's value against its definition, appending issues under `path`.
pub fn check_field(field: &FieldDef, value: &Value, path: &str, ctx: &Context, out: &mut Vec<Issue>) {
    match (&field.kind, value) {
        (FieldKind::Text { max_chars, format, .. }, Value::Text(t)) => {
            let t = t.trim();
            if t.is_empty() {
                if field.required {
                    push(out, path, vec![Finding::error(key!("required.text"))]);
                }
                return;
            }
            // A zero-width space or a direction mark, carried in by copy and paste, is named where
            // it is: it is in none of the fonts of the paper form, and a code with one looks right
            // but counts one character more. (An extension, not a rule of DOMAIN.md: without it
            // such a text passed every check and then could not be packaged.)
            if let Some((i, c)) = t.chars().enumerate().find(|(_, c)| rules::normalize::is_invisible(*c)) {
                let f = Finding::error(key!("text.invisible")).with("pos", (i + 1).to_string());
                return push(out, path, vec![f.with("char", c.to_string())]);
            }
            let len = t.chars().count();
            // A format's own rule names what is wrong more precisely (a name's length, a code's
            // digits): the field's length is said only when that rule finds no error, not twice.
            let found = format.map(|f| check_format(f, t)).unwrap_or_default();
            if len > *max_chars && !found.iter().any(Finding::is_error) {
                let f = Finding::error(key!("text.too_long"))
                    .with("max", max_chars.to_string())
                    .with("len", len.to_string());
                push(out, path, vec![f]);
            }
            push(out, path, found);
        }
        (FieldKind::Choice { options }, Value::Text(t)) => {
            if t.is_empty() {
                if field.required {
                    push(out, path, vec![Finding::error(key!("required.choice"))]);
                }
            } else if !options.iter().any(|o| &o.value == t) {
                push(out, path, vec![Finding::error(key!("choice.unknown")).with("value", t.clone())]);
            }
        }
        (FieldKind::MultiChoice { options, min }, Value::List(list)) => {
            if let Some(bad) = list.iter().find(|v| !options.iter().any(|o| &o.value == *v)) {
                push(out, path, vec![Finding::error(key!("choice.unknown")).with("value", bad.clone())]);
            }
            if list.len() < *min && (field.required || !list.is_empty()) {
                push(out, path, vec![Finding::error(key!("choices.min")).with("min", min.to_string())]);
            }
        }
        (FieldKind::Agree { .. }, Value::Bool(b)) => {
            if field.required && !b {
                push(out, path, vec![Finding::error(key!("required.agree"))]);
            }
        }
        (FieldKind::Date { not_future }, Value::Text(t)) => {
            if t.trim().is_empty() {
                if field.required {
                    push(out, path, vec![Finding::error(key!("required.date"))]);
                }
            } else {
                push(out, path, rules::date::check(t.trim(), ctx.today, *not_future));
            }
        }
        (FieldKind::Files { max_bytes, multiple, .. }, Value::Files(files)) => {
            if files.is_empty() && field.required {
                push(out, path, vec![Finding::error(key!("required.files"))]);
            }
            if !multiple && files.len() > 1 {
                push(out, path, vec![Finding::error(key!("files.one_only"))]);
            }
            for f in files.iter().filter(|f| f.size > *max_bytes) {
                let finding = Finding::error(key!("file.too_large"))
                    .with("name", f.name.clone())
                    .with("max", format!("{} MB", max_bytes / (1024 * 1024)));
                push(out, path, vec![finding]);
            }
        }
        (FieldKind::Rows { fields, .. }, Value::Rows(rows)) => {
            check_rows_count(field, rows.len(), path, out);
            for (i, row) in rows.iter().enumerate() {
                check_row(fields, row, &format!("{path}[{i}]"), ctx, out);
            }
        }
        _ => push(out, path, vec![Finding::error(key!("value.wrong_type"))]),
    }
}

/// `rows.min` / `rows.max` on a repeatable group.
fn check_rows_count(field: &FieldDef, count: usize, path: &str, out: &mut Vec<Issue>) {
    if let FieldKind::Rows { min, max, .. } = &field.kind {
        if count < *min {
            out.push(Issue::new(path, Finding::error(key!("rows.min")).with("min", min.to_string())));
        }
        if count > *max {
            out.push(Issue::new(path, Finding::error(key!("rows.max")).with("max", max.to_string())));
        }
    }
}

fn check_row(fields: &[FieldDef], row: &Row, prefix: &str, ctx: &Context, out: &mut Vec<Issue>) {
    for f in fields.iter().filter(|f| f.visible_in(&row.values)) {
        let empty = f.empty_value();
        let v = row.values.get(f.id).unwrap_or(&empty);
        check_field(f, v, &format!("{prefix}.{}", f.id), ctx, out);
    }
}

/// Applies a domain format rule of [`crate::rules`].
pub fn check_format(format: Format, value: &str) -> Vec<Finding> {
    match format {
        Format::Uscc => rules::uscc::check(value),
        Format::PersonName => rules::name::check_person(value),
        Format::OrgName => rules::name::check_org(value),
        Format::EnglishOrgName => rules::name::check_english_org(value),
        Format::Postcode => rules::postcode::check(value),
        Format::Mobile => rules::phone::check_mobile(value),
        Format::Landline => rules::phone::check_landline(value),
        Format::Fax => rules::phone::check_fax(value),
        Format::Email => rules::email::check(value),
        Format::WeChat => rules::wechat::check(value),
        Format::StandardNo => rules::standard_no::check(value),
        Format::Phone => rules::phone::check_any(value),
        Format::StandardRef => rules::standard_no::check_reference(value),
        Format::Rank => rules::rank::check(value),
    }
}

/// True when there is no error at `path`.
pub fn has_error(issues: &[Issue], path: &str) -> bool {
    issues.iter().any(|i| i.path == path && i.finding.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn the_row_cache_gives_the_same_report() {
        let ctx = Context { today: CivilDate { year: 2026, month: 11, day: 22 } };
        let (form, mut a) = fixtures::coauthor_with_writers(5, 2);
        let mut cache = RowCache::default();
        assert_eq!(validate_with(form.as_ref(), &a, &ctx, &mut cache), validate(form.as_ref(), &a, &ctx));
        // Change one row (an error in a nested row), remove another, reorder: still identical.
        let mut rows = a.rows("writers").to_vec();
        if let Some(Value::Rows(exp)) = rows[3].values.get_mut("experience") {
            exp[1].values.insert("rank".into(), Value::Text("0".into()));
            exp.clear();
        }
        rows[1].values.insert("phone".into(), Value::Text("123".into()));
        rows.remove(0);
        rows.swap(0, 2);
        a.set("writers", Value::Rows(rows));
        let cached = validate_with(form.as_ref(), &a, &ctx, &mut cache);
        assert_eq!(cached, validate(form.as_ref(), &a, &ctx));
        assert!(cached.issues.iter().any(|i| i.path == "writers[2].phone"), "{:?}", cached.issues);
        assert_eq!(cache.rows.keys().filter(|(g, _)| *g == "writers").count(), 4);
    }
}

#[cfg(test)]
mod length_tests {
    use super::*;
    use crate::fixtures;
    use crate::form::Value;

    /// A name one character too long is one problem, said by the name's rule (not again as the
    /// field's length); a field without a format still says its length.
    #[test]
    fn a_text_too_long_is_said_once() {
        let (form, mut answers) = fixtures::tc260_complete();
        answers.set("name_zh", Value::Text("甲".repeat(101)));
        let today = crate::rules::date::CivilDate::parse("2026-11-22").unwrap();
        let report = validate(form.as_ref(), &answers, &Context { today });
        let on_name: Vec<&str> = report.issues.iter().filter(|i| i.path == "name_zh").map(|i| i.finding.code).collect();
        assert_eq!(on_name.len(), 1, "{on_name:?}");
        assert_ne!(on_name, [key!("text.too_long")]);
        answers.set("name_zh", Value::Text("深圳市示例网络安全技术有限公司".into()));
        answers.set("profile", Value::Text("甲".repeat(3000)));
        let report = validate(form.as_ref(), &answers, &Context { today });
        let on_profile: Vec<&str> =
            report.issues.iter().filter(|i| i.path == "profile").map(|i| i.finding.code).collect();
        assert_eq!(on_profile, [key!("text.too_long")]);
    }

    /// A zero-width space pasted into a credit code or a name is named, with its place, as the
    /// only problem of the field (not as a 19-character code, nor at the end as a character the
    /// paper form's fonts lack).
    #[test]
    fn an_invisible_character_is_named_where_it_is() {
        let (form, mut answers) = fixtures::tc260_complete();
        answers.set("uscc", Value::Text("9144\u{200b}03001922038216".into()));
        answers.set("name_zh", Value::Text("深圳市\u{202e}示例网络安全技术有限公司".into()));
        let today = crate::rules::date::CivilDate::parse("2026-11-22").unwrap();
        let report = validate(form.as_ref(), &answers, &Context { today });
        let on = |path: &str| report.issues.iter().filter(|i| i.path == path).map(|i| &i.finding).collect::<Vec<_>>();
        assert_eq!(on("uscc"), [&Finding::error(key!("text.invisible")).with("pos", "5").with("char", "\u{200b}")]);
        assert_eq!(on("name_zh"), [&Finding::error(key!("text.invisible")).with("pos", "4").with("char", "\u{202e}")]);
        let text = crate::messages::finding_text(crate::Locale::ZhCn, on("uscc")[0]);
        assert_eq!(text, "第 5 个字符是看不见的“\\u{200b}”（常随复制粘贴带入），请删除");
    }
}
