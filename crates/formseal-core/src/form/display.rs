//! Answers as people read them: option labels instead of codes, dates in words, file sizes; and
//! the list of visible answers in form order that the review page, the CSV export and the PDF share.

use super::answers::{Answers, Value};
use super::def::{FieldDef, FieldKind, FormDef};
use crate::messages::{t, Locale};
use crate::rules::date::CivilDate;

/// A human size: `532 KB`, `3.4 MB`.
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        // Integer arithmetic: float formatting would add ~10 KB to the browser's first download.
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// The displayed form of an answer.
pub fn display(def: &FieldDef, value: Option<&Value>, locale: Locale) -> String {
    let empty = t(locale, key!("ui.review.empty"));
    match (&def.kind, value) {
        (FieldKind::Choice { options }, Some(Value::Text(v))) => {
            options.iter().find(|o| &o.value == v).map(|o| o.label.get(locale).to_string()).unwrap_or(empty)
        }
        (FieldKind::MultiChoice { options, .. }, Some(Value::List(l))) if !l.is_empty() => options
            .iter()
            .filter(|o| l.contains(&o.value))
            .map(|o| match &o.hint {
                Some(h) => format!("{} {}", o.label.get(locale), h.get(locale)),
                None => o.label.get(locale).to_string(),
            })
            .collect::<Vec<_>>()
            .join(if locale == Locale::ZhCn { "、" } else { ", " }),
        (FieldKind::Agree { .. }, Some(Value::Bool(b))) => {
            t(locale, if *b { key!("ui.review.agreed") } else { key!("ui.review.not_agreed") })
        }
        (FieldKind::Date { .. }, Some(Value::Text(v))) => match CivilDate::parse(v) {
            Some(d) if locale == Locale::ZhCn => d.display_zh(),
            Some(d) => d.display_en(),
            None if v.is_empty() => empty,
            None => v.clone(),
        },
        (FieldKind::Files { .. }, Some(Value::Files(f))) if !f.is_empty() => f
            .iter()
            .map(|f| match locale {
                Locale::ZhCn => format!("{}（{}）", f.name, human_size(f.size)),
                Locale::En => format!("{} ({})", f.name, human_size(f.size)),
            })
            .collect::<Vec<_>>()
            .join(if locale == Locale::ZhCn { "；" } else { "; " }),
        (FieldKind::Files { .. }, _) => t(locale, key!("ui.review.no_file")),
        (_, Some(Value::Text(v))) if !v.trim().is_empty() => v.trim().to_string(),
        _ => empty,
    }
}

/// One visible answer: its section, path (`representatives[1].mobile`), field and value.
#[derive(Clone, Debug)]
pub struct Cell<'a> {
    pub section: usize,
    pub path: String,
    pub field: &'a FieldDef,
    pub value: Option<&'a Value>,
}

/// Every visible answer in form order; repeatable rows give one cell per visible sub-field.
pub fn cells<'a>(def: &'a FormDef, answers: &'a Answers) -> Vec<Cell<'a>> {
    fn walk<'a>(section: usize, f: &'a FieldDef, path: String, value: Option<&'a Value>, out: &mut Vec<Cell<'a>>) {
        match (&f.kind, value) {
            (FieldKind::Rows { fields, .. }, Some(Value::Rows(rows))) => {
                for (i, row) in rows.iter().enumerate() {
                    for sub in fields.iter().filter(|s| s.visible_in(&row.values)) {
                        walk(section, sub, format!("{path}[{i}].{}", sub.id), row.values.get(sub.id), out);
                    }
                }
            }
            _ => out.push(Cell { section, path, field: f, value }),
        }
    }
    let mut out = Vec::new();
    for (i, s) in def.sections.iter().enumerate() {
        for f in s.fields.iter().filter(|f| f.visible(answers)) {
            walk(i, f, f.id.to_string(), answers.get(f.id), &mut out);
        }
    }
    out
}
