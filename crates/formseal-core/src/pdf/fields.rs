//! How each kind of field takes its place on the paper form: its share of a line, whether it
//! spans the line, and how an answer is written.

use super::compose::UNITS;
use crate::form::{display, FieldDef, FieldKind, Format, Value};
use crate::messages::{render, Locale};
use crate::rules::date::CivilDate;

const ZH: Locale = Locale::ZhCn;

/// How much of a line a field takes, in sixths.
pub(super) fn weight(f: &FieldDef) -> u8 {
    let long_label = f.label.zh.chars().count() > 8;
    let w = match &f.kind {
        FieldKind::Text { multiline: true, .. } => UNITS,
        FieldKind::Text { format: Some(fmt), max_chars, .. } => match fmt {
            Format::PersonName | Format::Postcode | Format::WeChat | Format::Rank => 2,
            Format::Mobile
            | Format::Landline
            | Format::Fax
            | Format::Phone
            | Format::Email
            | Format::Uscc
            | Format::StandardNo => 3,
            _ if *max_chars <= 100 => 4,
            _ => UNITS,
        },
        FieldKind::Text { max_chars, .. } if *max_chars <= 50 => 2,
        FieldKind::Text { max_chars, .. } if *max_chars <= 100 => 4,
        FieldKind::Choice { options } => {
            let chars: usize = options.iter().map(|o| o.label.zh.chars().count() + 2).sum();
            match chars {
                0..=8 => 2,
                9..=14 => 3,
                _ => UNITS,
            }
        }
        FieldKind::Date { .. } => 2,
        _ => UNITS,
    };
    if long_label {
        w.max(3)
    } else {
        w
    }
}

/// Fields drawn as one cell across the whole line rather than label + answer.
pub(super) fn is_block(f: &FieldDef) -> bool {
    matches!(f.kind, FieldKind::Text { multiline: true, .. } | FieldKind::Agree { .. } | FieldKind::Rows { .. })
}

/// A repeatable row whose fields fit side by side under a header (else one block per row).
pub(super) fn is_columnar(fields: &[FieldDef]) -> bool {
    fields.len() <= 5 && fields.iter().all(|f| !is_block(f) && !matches!(f.kind, FieldKind::MultiChoice { .. }))
}

/// The text of an answer as printed: blank when nothing was entered.
pub(super) fn shown(f: &FieldDef, v: Option<&Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::Text(t)) if t.trim().is_empty() => String::new(),
        _ => display(f, v, ZH),
    }
}

/// `2026 年 11 月 20 日`, or blanks to fill in by hand (`        年      月      日`: the
/// catalogue's date with spaces for the numbers).
pub(super) fn date_words(v: &str) -> String {
    let (year, month, day) = match CivilDate::parse(v) {
        Some(d) => (d.year.to_string(), d.month.to_string(), d.day.to_string()),
        None => (" ".repeat(7), " ".repeat(4), " ".repeat(4)),
    };
    render(ZH, key!("pdf.date"), &[("year", year), ("month", month), ("day", day)])
}
