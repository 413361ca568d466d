//! The intake report as `.xlsx` (frozen header, filters, column widths, verdicts coloured),
//! `.csv` (UTF-8, optionally with a byte-order mark) or `.json`, written row by row. Every
//! spreadsheet cell is neutralised against formula injection ([`safe_cell`]).

use super::{safe_cell, status_text, Format, Grouped, Row, Verdict};
use crate::messages::t;
use crate::Locale;
use std::io::{Seek, Write};

impl Format {
    /// The format a file name asks for by its extension.
    pub fn of_name(name: &str) -> Option<Format> {
        match name.rsplit_once('.')?.1.to_ascii_lowercase().as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The fixed columns, before the answers: catalogue keys of their headers.
const FIXED: [&str; 14] = [
    key!("intake.col.file"),
    key!("intake.col.verdict"),
    key!("intake.col.status"),
    key!("intake.col.superseded_by"),
    key!("intake.col.groups"),
    key!("intake.col.form"),
    key!("intake.col.unit"),
    key!("intake.col.uscc"),
    key!("intake.col.fingerprint"),
    key!("intake.col.application"),
    key!("intake.col.manifest"),
    key!("intake.col.signed_at"),
    key!("intake.col.failures"),
    key!("intake.col.warnings"),
];

/// The report's columns: the fixed ones, "paper received" when scans were matched, then every
/// answer's label in the order first met.
pub struct Table {
    columns: Vec<String>,
    paper: bool,
    locale: Locale,
}

impl Table {
    pub fn new(paper: bool, locale: Locale) -> Table {
        Table { columns: Vec::new(), paper, locale }
    }

    /// Adds the labels of `row`'s answers not met before.
    pub fn learn(&mut self, row: &Row) {
        for (label, _) in row.labelled_answers() {
            if !self.columns.contains(&label) {
                self.columns.push(label);
            }
        }
    }

    fn fixed(&self) -> usize {
        FIXED.len() + usize::from(self.paper)
    }

    pub fn header(&self) -> Vec<String> {
        let paper = self.paper.then(|| t(self.locale, key!("intake.col.paper")));
        FIXED.iter().map(|k| t(self.locale, k)).chain(paper).chain(self.columns.iter().cloned()).collect()
    }

    /// The cells of one row, in the columns' order.
    pub fn cells(&self, row: &Row, g: &Grouped) -> Vec<String> {
        let mut out = vec![
            row.file.clone(),
            row.verdict.text(self.locale),
            status_text(g.status, self.locale),
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
        if self.paper {
            out.push(g.paper.clone().unwrap_or_default());
        }
        let given = row.labelled_answers();
        out.extend(
            self.columns
                .iter()
                .map(|c| given.iter().find(|(l, _)| l == c).map(|(_, v)| v.to_string()).unwrap_or_default()),
        );
        out
    }
}

/// Calls its argument with each row of the report and its group, in order.
pub type Each<'a> = dyn FnMut(&mut dyn FnMut(&Row, &Grouped) -> std::io::Result<()>) -> std::io::Result<()> + 'a;

/// The report of `rows` in memory (the browser's export, the receiving service's listing): the
/// rows `only` names, in that order, grouped with all of `rows` (so a superseded row still names
/// the package that superseded it).
pub fn in_memory(rows: &[Row], only: &[usize], format: Format, bom: bool, locale: Locale) -> std::io::Result<Vec<u8>> {
    let keys: Vec<super::Key> = rows.iter().map(super::Key::of).collect();
    let grouped = super::group(&keys, locale);
    let only: Vec<usize> = only.iter().copied().filter(|&i| i < rows.len()).collect();
    let mut table = Table::new(false, locale);
    only.iter().for_each(|&i| table.learn(&rows[i]));
    let mut each = |f: &mut dyn FnMut(&Row, &Grouped) -> std::io::Result<()>| -> std::io::Result<()> {
        only.iter().try_for_each(|&i| f(&rows[i], &grouped[i]))
    };
    Ok(write(format, std::io::Cursor::new(Vec::new()), &table, only.len(), bom, &mut each)?.into_inner())
}

/// Writes the report of `n` rows to `out`, which it returns. `each` gives the rows.
pub fn write<W: Write + Seek>(
    format: Format,
    mut out: W,
    table: &Table,
    n: usize,
    bom: bool,
    each: &mut Each,
) -> std::io::Result<W> {
    let header = table.header();
    match format {
        Format::Csv => {
            if bom {
                out.write_all("\u{feff}".as_bytes())?;
            }
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header.iter().map(|c| safe_cell(c).into_owned()))?;
            each(&mut |row, g| Ok(w.write_record(table.cells(row, g).iter().map(|c| safe_cell(c).into_owned()))?))?;
            w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
        }
        Format::Json => {
            let fixed = table.fixed();
            out.write_all(b"[")?;
            let mut first = true;
            each(&mut |row, g| {
                let cells = table.cells(row, g);
                let answers: serde_json::Map<String, serde_json::Value> = header[fixed..]
                    .iter()
                    .zip(&cells[fixed..])
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| (k.clone(), v.clone().into()))
                    .collect();
                let value = serde_json::json!({
                    "file": row.file, "verdict": row.verdict,
                    "status": cells[2], "superseded_by": cells[3], "groups": g.notes,
                    "form": row.form, "unit": row.unit, "uscc": row.registration, "key_fingerprint": row.fingerprint,
                    "application_sha256": row.application_sha256, "manifest_sha256": row.manifest_sha256,
                    "signed_at": row.signed_at, "failures": row.failures, "warnings": row.warnings, "answers": answers,
                    "paper": g.paper,
                });
                out.write_all(if first { b"\n" } else { b",\n" })?;
                first = false;
                serde_json::to_writer_pretty(&mut out, &value).map_err(std::io::Error::other)
            })?;
            out.write_all(b"\n]\n")?;
            Ok(out)
        }
        Format::Xlsx => xlsx(out, table, &header, n, each),
    }
}

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
fn xlsx<W: Write + Seek>(out: W, table: &Table, header: &[String], n: usize, each: &mut Each) -> std::io::Result<W> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(out);
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
    each(&mut |report_row, g| {
        let cells = table.cells(report_row, g);
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
    let mut out = zip.finish().map_err(std::io::Error::other)?;
    out.flush()?;
    Ok(out)
}
