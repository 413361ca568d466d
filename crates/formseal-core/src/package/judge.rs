//! The answers judged by the secretariat's rules: its own definition and call (the package's
//! copies are the applicant's word, reported when they differ), the receipt date, and the form's
//! rules run again with the core.

use super::application::Application;
use super::archive::Entry;
use super::hex::sha256_hex;
use super::verify::{err, Official, Verification};
use super::FORM_JSON;
use crate::form::{validate, Answers, Context};
use crate::issue::Finding;

/// The definition to judge the package by: the secretariat's (given, or built in), never the
/// package's copy when there is one of those — any difference from it is a failure; the
/// package's own only for a form the verifier does not know, and the report says so.
fn reference_definition(
    v: &mut Verification,
    app: &Application,
    entries: &[Entry],
    official: &Official,
) -> Option<String> {
    let carried = entries.iter().find(|e| e.name == FORM_JSON);
    match (carried, &app.form.definition_sha256) {
        (Some(e), Some(sha)) if sha256_hex(&e.bytes) == *sha => {}
        (None, None) => {}
        _ => v.problems.push(err(key!("package.form.definition_hash"))),
    }
    let carried = carried.and_then(|e| std::str::from_utf8(&e.bytes).ok());
    let official_text = official.definition.as_deref();
    #[cfg(feature = "builtin-forms")]
    let official_text = official_text.or_else(|| crate::forms::definition(&app.form.id));
    let Some(reference) = official_text else {
        v.notes.push(Finding::warning(key!("package.form.own")));
        return carried.map(str::to_string);
    };
    if let Some(text) = carried {
        let same = serde_json::from_str::<serde_json::Value>(text).ok()
            == serde_json::from_str::<serde_json::Value>(reference).ok();
        if !same {
            v.problems.push(err(key!("package.form.differs")));
        }
    }
    Some(reference.to_string())
}

pub(super) fn check_rules(
    v: &mut Verification,
    app: &Application,
    entries: &[Entry],
    ctx: &Context,
    official: &Official,
) {
    // The secretariat's call is the reference; any difference in the package's copy is a failure.
    let empty = |c: &serde_json::Value| c.is_null() || c.as_object().is_some_and(|m| m.is_empty());
    // A call given as hosts give it (keyed by form id) is narrowed to the package's form.
    let official_call =
        official.call.as_ref().map(|c| c.get(app.form.id.as_str()).filter(|x| x.is_object()).unwrap_or(c));
    let call = match official_call {
        Some(c) => {
            if c != &app.call && !(empty(c) && empty(&app.call)) {
                v.problems.push(err(key!("package.call.differs")));
            }
            c
        }
        None => {
            v.notes.push(Finding::warning(key!("package.call.own")));
            &app.call
        }
    };
    let Some(definition) = reference_definition(v, app, entries, official) else {
        return v.problems.push(err(key!("package.form.unknown")).with("form", app.form.id.clone()));
    };
    let form = match crate::forms::build(&app.form.id, &definition, call) {
        Ok(f) => f,
        Err(e) => return v.problems.push(err(key!("package.form.call")).with("reason", e.text(crate::Locale::En))),
    };
    if call != &app.call {
        v.printed = crate::forms::build(&app.form.id, &definition, &app.call).ok();
    }
    let def = form.def();
    if app.form.version != def.version {
        v.notes.push(
            Finding::warning(key!("package.form.version"))
                .with("found", app.form.version.clone())
                .with("current", def.version),
        );
    }
    if app.rules_version != def.rules_version {
        v.notes.push(
            Finding::warning(key!("package.form.rules_version"))
                .with("found", app.rules_version.clone())
                .with("current", def.rules_version),
        );
    }
    let mut raw_answers = app.answers.clone();
    crate::forms::migrate(&app.form.id, &app.form.version, &mut raw_answers);
    let answers = match Answers::from_json(def, &raw_answers) {
        Ok((answers, unknown)) => {
            if !unknown.is_empty() {
                v.problems.push(err(key!("package.answers.unknown")).with("fields", unknown.join(", ")));
            }
            answers
        }
        Err(errors) => {
            let fields = errors.iter().map(|e| e.path.as_str()).collect::<Vec<_>>().join(", ");
            return v.problems.push(err(key!("package.answers.malformed")).with("fields", fields));
        }
    };
    // Every file the answers name, also inside rows, is among the package's attachments.
    for f in answers.all_files() {
        if !app.attachments.iter().any(|a| a.id == f.id && a.size == f.size) {
            v.problems.push(err(key!("package.attachment.absent")).with("name", f.name.clone()));
        }
    }
    // The rules as of the day the package was made (a call's closing date, dates not in the
    // future), not of the day the secretariat checks it.
    // The signing time is the applicant's claim: with a receipt date, the closing date is judged
    // by that, and a package signed after it is refused.
    if !is_date_time(&app.created_at) {
        v.problems.push(err(key!("package.created_at.invalid")).with("value", app.created_at.clone()));
    }
    let made = app.created_at.get(..10).and_then(crate::rules::date::CivilDate::parse);
    let instants = instant(&app.created_at);
    if let (Some(signed), Some(received)) = (instants, official.received_at) {
        if signed > received + CLOCK_SKEW_SECONDS {
            let utc = crate::package::receipt::rfc3339_utc;
            let problem = err(key!("package.signed_after_receipt_at")).with("signed", utc(signed));
            let problem =
                problem.with("received", utc(received)).with("minutes", (CLOCK_SKEW_SECONDS / 60).to_string());
            v.problems.push(problem);
        }
    } else if let (Some(made), Some(received)) = (made, official.received) {
        if made > received {
            v.problems.push(
                err(key!("package.signed_after_receipt"))
                    .with("signed", made.to_string())
                    .with("received", received.to_string()),
            );
        }
    }
    let day = official.received.or(made).map_or(ctx.today, |d| d.min(ctx.today));
    let ctx = Context { today: day };
    let report = validate(form.as_ref(), &answers, &ctx);
    let errors = report.errors().count();
    if errors > 0 {
        v.problems.push(err(key!("package.rules")).with("n", errors.to_string()));
    }
    let warnings = report.warnings().count();
    if warnings > 0 {
        v.notes.push(Finding::warning(key!("package.rules_warnings")).with("n", warnings.to_string()));
    }
    v.issues = report.issues;
    v.form = Some(form);
    v.answers = Some(answers);
}

/// How far the applicant's clock may run ahead of the receiving end's before a package's signing
/// time counts as after its receipt (an extension, not in the seeds: the browser takes the signing
/// time from the applicant's computer, whose clock may be minutes fast; the receipt, not that
/// claim, proves when the package arrived).
pub const CLOCK_SKEW_SECONDS: i64 = 10 * 60;

/// Whether `s` is a date and time with its offset, as packages write their creation time
/// (`YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`, RFC 3339): a real day, a real time, an offset of at
/// most 14 hours, and nothing after it.
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>, max: u32| {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse::<u32>().ok()).flatten().filter(|n| *n <= max)
    };
    let clock = b.len() >= 19
        && b[10] == b'T'
        && [13, 16].iter().all(|&i| b[i] == b':')
        && crate::rules::date::CivilDate::parse(&s[..10]).is_some()
        && num(11..13, 23).is_some()
        && num(14..16, 59).is_some()
        && num(17..19, 60).is_some();
    if !clock {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest.as_bytes() {
        [b'Z'] => true,
        [b'+' | b'-', _, _, b':', _, _] => offset_ok(rest),
        _ => false,
    }
}

/// The moment `s` names, in seconds since 1970 (UTC), if it is one by [`is_date_time`].
pub fn instant(s: &str) -> Option<i64> {
    is_date_time(s).then(|| crate::intake::seconds(s)).flatten()
}

/// `±HH:MM`, at most 14 hours.
fn offset_ok(offset: &str) -> bool {
    let part = |r: std::ops::Range<usize>| {
        offset.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok()
    };
    matches!((part(1..3), part(4..6)), (Some(h), Some(m)) if h <= 14 && m <= 59)
}

#[cfg(test)]
mod date_time_tests {
    #[test]
    fn creation_times_are_read_strictly() {
        for good in [
            "2026-11-22T14:02:00+08:00",
            "2026-11-22T14:02:00Z",
            "2026-11-22T14:02:00.123-05:30",
            "2024-02-29T23:59:60Z",
        ] {
            assert!(super::is_date_time(good), "{good}");
        }
        for bad in [
            "yesterday",
            "2026-11-22",
            "2026-11-22T25:00:00+08:00",
            "2026-11-22T14:02:00+99:00",
            "2026-02-30T14:02:00Z",
            "2026-11-22T14:02:00",
            "2026-11-22T14:02:00+08:00x",
            "2026-11-22 14:02:00Z",
            "2026-11-22T14:02:00.Z",
            "2026-11-22T1a:02:00Z",
        ] {
            assert!(!super::is_date_time(bad), "{bad}");
        }
    }
}
