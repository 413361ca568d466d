//! `formseal inspect PACKAGE.zip --format json|csv`: the answers, for the secretariat's tables.
//!
//! The package is verified first; an invalid package is still printed (the problems go to
//! standard error) and the exit status is 1, so a script never takes tampered data for good data.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_VALID};
use formseal_core::form::{cells, display, Context};
use formseal_core::key;
use formseal_core::messages::{finding_text, render, t};
use formseal_core::package::{verify_with, Official, Verification};
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use std::path::PathBuf;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Json,
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    /// The package (`.zip`; `-` for standard input).
    file: PathBuf,
    /// `json`: the answers as submitted; `csv`: a header row of field labels and one row of answers.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Language of the CSV labels and of messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
    /// Start the CSV with a UTF-8 byte-order mark (for spreadsheet programs).
    #[arg(long)]
    bom: bool,
    /// Run the form rules as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    today: Option<CivilDate>,
    #[command(flatten)]
    form: FormOpt,
}

pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    let bytes = match read_bytes(&args.file) {
        Ok(b) => b,
        Err(e) => return unreadable(locale, false, &args.file, e.to_string()),
    };
    let definition = match args.form.given() {
        Ok(d) => d,
        Err((path, e)) => return unreadable(locale, false, &path, e),
    };
    let official = Official { definition, ..Default::default() };
    let v = verify_with(&bytes, &Context { today: args.today.unwrap_or_else(today) }, &official);
    if v.application.is_none() || v.form.is_none() {
        for p in &v.problems {
            eprintln!("{}{}", kind_prefix(locale, key!("ui.error_prefix")), terminal_safe(&finding_text(locale, p)));
        }
        return crate::EXIT_UNREADABLE;
    }
    let out = match args.format {
        Format::Json => json(&v),
        Format::Csv => csv(&v, locale, args.bom),
    };
    if let Err(code) = emit(&out) {
        return code;
    }
    if v.is_valid() {
        EXIT_VALID
    } else {
        eprintln!("{}", render(locale, key!("cli.inspect.invalid"), &[("n", v.problems.len().to_string())]));
        for p in &v.problems {
            eprintln!("  {}{}", kind_prefix(locale, key!("ui.error_prefix")), terminal_safe(&finding_text(locale, p)));
        }
        EXIT_INVALID
    }
}

fn json(v: &Verification) -> String {
    let app = v.application.as_ref().expect("checked by the caller");
    let out = serde_json::json!({
        "valid": v.is_valid(),
        "form": { "id": app.form.id, "version": app.form.version, "rules_version": app.rules_version },
        "unit": v.unit_name(),
        "created_at": app.created_at,
        "key_fingerprint": v.key_fingerprint,
        "manifest_sha256": v.manifest_sha256,
        "application_sha256": v.application_sha256,
        "answers": app.answers,
        "attachments": app.attachments,
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

fn csv(v: &Verification, locale: Locale, bom: bool) -> String {
    let (form, answers, app) = (v.form.as_ref().unwrap(), v.answers.as_ref().unwrap(), v.application.as_ref().unwrap());
    let def = form.def();
    let all = cells(def, answers);
    let labels: Vec<String> = all.iter().map(|c| def.path_label(&c.path, locale)).collect();
    // A label used in two sections (姓名, 邮编) is prefixed with its section's title.
    let mut header: Vec<String> = all
        .iter()
        .zip(&labels)
        .map(|(c, l)| match labels.iter().filter(|m| *m == l).count() {
            1 => l.clone(),
            _ => format!("{} · {l}", def.sections[c.section].title.get(locale)),
        })
        .collect();
    let mut row: Vec<String> = all.iter().map(|c| display(c.field, c.value, locale)).collect();
    for (key, value) in [
        (key!("cli.verify.created"), app.created_at.clone()),
        (key!("cli.verify.fingerprint"), v.key_fingerprint.clone().unwrap_or_default()),
        (key!("cli.verify.manifest"), v.manifest_sha256.clone().unwrap_or_default()),
        (
            key!("cli.inspect.verdict"),
            t(locale, if v.is_valid() { key!("cli.inspect.valid") } else { key!("cli.inspect.not_valid") }),
        ),
    ] {
        header.push(t(locale, key));
        row.push(value);
    }
    let mut w = ::csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(header.iter().map(|c| safe_cell(c).into_owned()));
    let _ = w.write_record(row.iter().map(|c| safe_cell(c).into_owned()));
    let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    if bom {
        format!("\u{feff}{body}")
    } else {
        body
    }
}
