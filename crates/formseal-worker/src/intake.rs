//! The intake page's operations: one package verified to its row (the same row `formseal intake`
//! makes), and the page's table exported as CSV, XLSX or JSON with the same writer as the CLI.

use crate::ops::{bad_request, fail, Outcome};
use formseal_core::form::Context;
use formseal_core::intake::{self, Row};
use formseal_core::key;
use formseal_core::messages::render;
use formseal_core::package::{Official, MAX_UNPACKED_BYTES};
use formseal_core::protocol as p;
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;

/// Verifies the package the page sent (a `File`, read here so the page never holds its bytes)
/// against the host's call, and answers its row.
pub fn row(a: &p::IntakeRow, blobs: &[web_sys::Blob], loc: Locale) -> Outcome<p::IntakeRow> {
    let name = a.name.clone();
    let blob = blobs.first().ok_or_else(|| bad_request(loc, "no file"))?;
    let mut row = Row::new(name);
    if blob.size() > MAX_UNPACKED_BYTES as f64 {
        // Larger than any package can be: not read at all.
        row.verdict = intake::Verdict::Unreadable;
        let size = format!("{:.0} MB", blob.size() / 1e6);
        row.failures.push(render(loc, key!("intake.too_large"), &[("size", size)]));
        return Ok((row, None));
    }
    let bytes = web_sys::FileReaderSync::new()
        .and_then(|r| r.read_as_array_buffer(blob))
        .map(|buf| js_sys::Uint8Array::new(&buf).to_vec())
        .map_err(|e| fail(key!("ui.import.unreadable"), format!("{e:?}")))?;
    let today = CivilDate::parse(&a.today).unwrap_or(CivilDate { year: 2000, month: 1, day: 1 });
    let call = a.call.clone().filter(|c| c.is_object());
    let official = Official { call, ..Default::default() };
    let row = Row::verify(row.file, &bytes, &Context { today }, &official, loc);
    Ok((row, None))
}

/// The page's rows (in its order) as a report file: grouped again here, by the same rules.
pub fn export(a: &p::IntakeExport, loc: Locale) -> Outcome<p::IntakeExport> {
    // The rows the page's filters show, in its order (all when it names none).
    let only: Vec<usize> = match &a.only {
        Some(list) => list.iter().copied().filter(|i| *i < a.rows.len()).collect(),
        None => (0..a.rows.len()).collect(),
    };
    let out = intake::in_memory(&a.rows, &only, a.format, a.bom, loc)
        .map_err(|e| fail("worker.export_failed", e.to_string()))?;
    Ok((p::ExportedRows { rows: a.rows.len() }, Some(out)))
}
