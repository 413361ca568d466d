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

/// The verdict's cell style in `xl/styles.xml` (see [`STYLES`]).
fn verdict_style(v: Verdict) -> u8 {
    match v {
        Verdict::Valid => 3,
        Verdict::Invalid => 4,
        Verdict::Unreadable => 5,
        Verdict::NotPackage => 6,
    }
}

/// Cell styles: 0 plain, 1 header (bold, shaded, rule below), 2 wrapped text, 3–6 the verdicts
/// (green, red, amber, grey — the colours spreadsheet programs use for good / bad / neutral).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="7"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFEB9C"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE0E0E0"/></patternFill></fill></fills><borders count="2"><border/><border><bottom style="thin"><color auto="1"/></bottom></border></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="7"><xf/><xf fontId="1" fillId="2" borderId="1" applyFont="1" applyFill="1" applyBorder="1"/><xf applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf fillId="3" applyFill="1"/><xf fillId="4" applyFill="1"/><xf fillId="5" applyFill="1"/><xf fillId="6" applyFill="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// `A`, `B`, … `Z`, `AA`, … for column `i` (from 0).
fn column(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Text as XML character data: markup escaped, and the characters XML 1.0 cannot hold (control
/// characters a hostile answer may carry) replaced by U+FFFD. At most 32,000 characters, as
/// Excel keeps in a cell.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().take(32_000) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One `<row>` of the sheet: each cell an inline string with its style, neutralised.
fn sheet_row(out: &mut String, r: usize, cells: &mut dyn Iterator<Item = (String, u8)>) {
    out.push_str(&format!(r#"<row r="{r}">"#));
    for (c, (text, style)) in cells.enumerate() {
        let text = xml_text(&safe_cell(&text));
        let at = column(c);
        out.push_str(&format!(
            r#"<c r="{at}{r}" t="inlineStr" s="{style}"><is><t xml:space="preserve">{text}</t></is></c>"#
        ));
    }
    out.push_str("</row>");
}

/// The report as an Office Open XML workbook (one sheet, inline strings, never a formula): the
/// header row frozen, filters on every column, column widths, verdicts coloured. Written with
/// the `zip` crate the packages use: a spreadsheet library would bring another deflate backend
/// into the binary, and the PDFs `verify` makes again must be compressed exactly as the
/// browser's (see the README's dependency notes). The sheet is streamed row by row.
fn xlsx(output: &Path, header: &[String], n: usize, each: &mut Each) -> std::io::Result<()> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(std::fs::File::create(output)?));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let last_column = column(header.len().saturating_sub(1));
    let last = format!("{last_column}{}", n + 1);
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#
                .to_string(),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="intake" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">intake!$A$1:${last_column}${}</definedName></definedNames></workbook>"#,
                n + 1
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>"#
            ),
        ),
        ("xl/styles.xml", STYLES.to_string()),
    ];
    for (name, text) in parts {
        zip.start_file(name, opts).map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts).map_err(std::io::Error::other)?;
    let mut sheet = String::new();
    sheet.push_str(&format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{main}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#));
    for c in 0..header.len() {
        let width = match c {
            0 => 40,
            1..=3 => 12,
            4 | 12 => 50,
            8..=10 => 24,
            _ => 20,
        };
        sheet.push_str(&format!(r#"<col min="{0}" max="{0}" width="{width}" customWidth="1"/>"#, c + 1));
    }
    sheet.push_str("</cols><sheetData>");
    sheet_row(&mut sheet, 1, &mut header.iter().map(|h| (h.clone(), 1)));
    zip.write_all(sheet.as_bytes())?;
    let mut r = 1;
    each(&mut |report_row, cells| {
        r += 1;
        sheet.clear();
        let v = verdict_style(report_row.verdict);
        sheet_row(
            &mut sheet,
            r,
            &mut cells.into_iter().enumerate().map(|(c, text)| (text, if c == 1 { v } else { 2 })),
        );
        zip.write_all(sheet.as_bytes())
    })?;
    zip.write_all(format!(r#"</sheetData><autoFilter ref="A1:{last}"/></worksheet>"#).as_bytes())?;
    zip.finish().map_err(std::io::Error::other)?.flush()
}

fn invalid(e: serde_json::Error) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e)
}
