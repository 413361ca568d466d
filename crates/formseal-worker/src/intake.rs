//! The intake page's operations: one package verified to its row (the same row `formseal intake`
//! makes), and the page's table exported as CSV, XLSX or JSON with the same writer as the CLI.

use crate::ops::{fail, Outcome};
use formseal_core::form::Context;
use formseal_core::intake::{self, Format, Row};
use formseal_core::key;
use formseal_core::messages::render;
use formseal_core::package::{Official, MAX_UNPACKED_BYTES};
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use serde_json::{json, Value};

/// Verifies the package the page sent (a `File`, read here so the page never holds its bytes)
/// against the host's call, and answers its row.
pub fn row(args: &Value, blobs: &[web_sys::Blob], loc: Locale) -> Outcome {
    let name = args["name"].as_str().unwrap_or_default().to_string();
    let blob = blobs.first().ok_or_else(|| fail("worker.bad_request", "no file".into()))?;
    let mut row = Row::new(name);
    if blob.size() > MAX_UNPACKED_BYTES as f64 {
        // Larger than any package can be: not read at all.
        row.verdict = intake::Verdict::Unreadable;
        let size = format!("{:.0} MB", blob.size() / 1e6);
        row.failures.push(render(loc, key!("intake.too_large"), &[("size", size)]));
        return Ok((json!(row), None));
    }
    let bytes = web_sys::FileReaderSync::new()
        .and_then(|r| r.read_as_array_buffer(blob))
        .map(|buf| js_sys::Uint8Array::new(&buf).to_vec())
        .map_err(|e| fail(key!("ui.import.unreadable"), format!("{e:?}")))?;
    let today = args["today"].as_str().and_then(CivilDate::parse).unwrap_or(CivilDate { year: 2000, month: 1, day: 1 });
    let call = Some(args["call"].clone()).filter(|c| c.is_object());
    let official = Official { call, ..Default::default() };
    let row = Row::verify(row.file, &bytes, &Context { today }, &official, loc);
    Ok((json!(row), None))
}

/// The page's rows (in its order) as a report file: grouped again here, by the same rules.
pub fn export(args: &Value, loc: Locale) -> Outcome {
    let rows: Vec<Row> =
        serde_json::from_value(args["rows"].clone()).map_err(|e| fail("worker.bad_request", format!("rows: {e}")))?;
    let format = match args["format"].as_str() {
        Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        _ => Format::Xlsx,
    };
    // The rows the page's filters show, in its order (all when it names none).
    let only: Vec<usize> = match args.get("only").and_then(Value::as_array) {
        Some(list) => list.iter().filter_map(|i| Some(i.as_u64()? as usize)).collect(),
        None => (0..rows.len()).collect(),
    };
    let bom = args["bom"].as_bool().unwrap_or(true);
    let out =
        intake::in_memory(&rows, &only, format, bom, loc).map_err(|e| fail("worker.export_failed", e.to_string()))?;
    Ok((json!({ "rows": rows.len() }), Some(out)))
}
