//! The intake report as `.xlsx` (frozen header, filters, column widths, verdicts coloured),
//! `.csv` (UTF-8, optionally with a byte-order mark) or `.json`, written row by row from the rows
//! file. Spreadsheet cells are neutralised against formula injection ([`safe_cell`]).

use super::groups::Grouped;
use super::{read_row, Format, Row, Verdict};
use crate::common::safe_cell;
use formseal_core::messages::t;
use formseal_core::Locale;
use std::io::{BufRead, Write};
use std::path::Path;

pub fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "xlsx" => Some(Format::Xlsx),
        "csv" => Some(Format::Csv),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// The fixed columns, before the answers: catalogue keys of their headers.
const FIXED: [&str; 14] = [
    "cli.intake.col.file",
    "cli.intake.col.verdict",
    "cli.intake.col.status",
    "cli.intake.col.superseded_by",
    "cli.intake.col.groups",
    "cli.intake.col.form",
    "cli.intake.col.unit",
    "cli.intake.col.uscc",
    "cli.intake.col.fingerprint",
    "cli.intake.col.application",
    "cli.intake.col.manifest",
    "cli.intake.col.signed_at",
    "cli.intake.col.failures",
    "cli.intake.col.warnings",
];

fn verdict_text(v: Verdict, locale: Locale) -> String {
    t(
        locale,
        match v {
            Verdict::Valid => "cli.intake.valid",
            Verdict::Invalid => "cli.intake.invalid",
            Verdict::Unreadable => "cli.intake.unreadable",
            Verdict::NotPackage => "cli.intake.not_package",
        },
    )
}

fn status_text(status: &str, locale: Locale) -> String {
    match status {
        "" => String::new(),
        s => t(locale, &format!("cli.intake.status.{s}")),
    }
}

/// A row's answers, each label once (a label a form uses twice gets its number: 姓名 (2)).
fn answers(row: &Row) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::with_capacity(row.answers.len());
    for (label, value) in &row.answers {
        let n = out.iter().filter(|(l, _)| l == label || l.starts_with(&format!("{label} ("))).count();
        let label = if n == 0 { label.clone() } else { format!("{label} ({})", n + 1) };
        out.push((label, value));
    }
    out
}

/// The cells of one row, in the columns' order.
fn cells(row: &Row, g: &Grouped, columns: &[String], locale: Locale) -> Vec<String> {
    let mut out = vec![
        row.file.clone(),
        verdict_text(row.verdict, locale),
        status_text(g.status, locale),
        g.superseded_by.clone().unwrap_or_default(),
        g.notes.join("\n"),
        row.form.clone(),
        row.unit.clone(),
        row.registration.clone(),
        row.fingerprint.clone(),
        row.application_sha256.clone(),
        row.manifest_sha256.clone(),
        row.signed_at.clone(),
        row.failures.join("\n"),
        row.warnings.to_string(),
    ];
    if let Some(paper) = &g.paper {
        out.push(paper.clone());
    }
    let given = answers(row);
    out.extend(
        columns.iter().map(|c| given.iter().find(|(l, _)| l == c).map(|(_, v)| v.to_string()).unwrap_or_default()),
    );
    out
}

/// Writes the report. `grouped` is in the rows' order; the rows file holds each row once.
pub fn report(
    format: Format,
    output: &Path,
    rows_path: &Path,
    keys: &[super::groups::Key],
    grouped: &[Grouped],
    locale: Locale,
    bom: bool,
) -> std::io::Result<()> {
    // The answers' columns: every label, in the order first met.
    let mut columns: Vec<String> = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(rows_path)?).lines() {
        let (_, row): (usize, Row) = serde_json::from_str(&line?).map_err(invalid)?;
        for (label, _) in answers(&row) {
            if !columns.contains(&label) {
                columns.push(label);
            }
        }
    }
    let mut rows = std::io::BufReader::new(std::fs::File::open(rows_path)?);
    let paper = grouped.iter().any(|g| g.paper.is_some()).then(|| t(locale, "cli.intake.col.paper"));
    let fixed = FIXED.len() + usize::from(paper.is_some());
    let header: Vec<String> = FIXED.iter().map(|k| t(locale, k)).chain(paper).chain(columns.iter().cloned()).collect();
    let mut each = |f: &mut dyn FnMut(&Row, Vec<String>) -> std::io::Result<()>| -> std::io::Result<()> {
        for (k, g) in keys.iter().zip(grouped) {
            let row = read_row(&mut rows, k.offset)?;
            let cells = cells(&row, g, &columns, locale);
            f(&row, cells)?;
        }
        Ok(())
    };
    match format {
        Format::Csv => {
            let mut file = std::io::BufWriter::new(std::fs::File::create(output)?);
            if bom {
                file.write_all("\u{feff}".as_bytes())?;
            }
            let mut w = csv::Writer::from_writer(file);
            w.write_record(header.iter().map(|c| safe_cell(c).into_owned()))?;
            each(&mut |_, cells| Ok(w.write_record(cells.iter().map(|c| safe_cell(c).into_owned()))?))?;
            w.flush()
        }
        Format::Json => {
            let mut file = std::io::BufWriter::new(std::fs::File::create(output)?);
            file.write_all(b"[")?;
            let mut first = true;
            each(&mut |row, cells| {
                let answers: serde_json::Map<String, serde_json::Value> = header[fixed..]
                    .iter()
                    .zip(&cells[fixed..])
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| (k.clone(), v.clone().into()))
                    .collect();
                let value = serde_json::json!({
                    "file": row.file, "verdict": row.verdict,
                    "status": cells[2], "superseded_by": cells[3], "groups": cells[4].lines().collect::<Vec<_>>(),
                    "form": row.form, "unit": row.unit, "uscc": row.registration, "key_fingerprint": row.fingerprint,
                    "application_sha256": row.application_sha256, "manifest_sha256": row.manifest_sha256,
                    "signed_at": row.signed_at, "failures": row.failures, "warnings": row.warnings, "answers": answers,
                    "paper": (fixed > FIXED.len()).then(|| cells[FIXED.len()].clone()),
                });
                file.write_all(if first { b"\n" } else { b",\n" })?;
                first = false;
                serde_json::to_writer_pretty(&mut file, &value).map_err(invalid)
            })?;
            file.write_all(b"\n]\n")?;
            file.flush()
        }
        Format::Xlsx => xlsx(output, &header, keys.len(), &mut each),
    }
}

type Each<'a> = dyn FnMut(&mut dyn FnMut(&Row, Vec<String>) -> std::io::Result<()>) -> std::io::Result<()> + 'a;

fn xlsx(output: &Path, header: &[String], n: usize, each: &mut Each) -> std::io::Result<()> {
    use rust_xlsxwriter::{Color, Format as Style, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory();
    let bold = Style::new().set_bold().set_background_color(Color::RGB(0xE8EEF7)).set_border_bottom(FormatBorder::Thin);
    let wrap = Style::new().set_text_wrap();
    let verdict_style = |v: Verdict| {
        let color = match v {
            Verdict::Valid => 0xC6EFCE,
            Verdict::Invalid => 0xFFC7CE,
            Verdict::Unreadable => 0xFFEB9C,
            Verdict::NotPackage => 0xE0E0E0,
        };
        Style::new().set_background_color(Color::RGB(color))
    };
    let cols = header.len() as u16;
    // Widths, the frozen header and the filters come first (constant-memory mode writes rows as
    // they are given).
    for c in 0..cols {
        let width = match c {
            0 => 40.0,
            1..=3 => 12.0,
            4 | 12 => 50.0,
            8..=10 => 24.0,
            _ => 20.0,
        };
        sheet.set_column_width(c, width).map_err(xerr)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xerr)?;
    sheet.autofilter(0, 0, n as u32, cols.saturating_sub(1)).map_err(xerr)?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, safe_cell(h).as_ref(), &bold).map_err(xerr)?;
    }
    let mut r = 0u32;
    each(&mut |row, cells| {
        r += 1;
        for (c, cell) in cells.iter().enumerate() {
            // Excel keeps at most 32,767 characters in a cell.
            let text: String = safe_cell(cell).chars().take(32_000).collect();
            let style = if c == 1 { verdict_style(row.verdict) } else { wrap.clone() };
            sheet.write_string_with_format(r, c as u16, text, &style).map_err(xerr)?;
        }
        Ok(())
    })?;
    book.save(output).map_err(xerr)
}

fn xerr(e: rust_xlsxwriter::XlsxError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

fn invalid(e: serde_json::Error) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e)
}
