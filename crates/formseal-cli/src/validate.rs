//! `formseal validate FILE.json`: the core's field and eligibility rules on an exported draft.

use crate::{EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID};
use formseal_core::draft;
use formseal_core::form::{validate, Context, Report, Status};
use formseal_core::forms;
use formseal_core::messages::{finding_text, render, t};
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The draft or application JSON file (`-` for standard input).
    file: PathBuf,
    /// Language of the messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
    /// Print a machine-readable JSON report instead of text.
    #[arg(long)]
    json: bool,
    /// Validate as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    today: Option<CivilDate>,
}

fn parse_locale(s: &str) -> Result<Locale, String> {
    Locale::parse(s).ok_or_else(|| format!("unknown language “{s}”: use zh-CN or en"))
}

fn parse_date(s: &str) -> Result<CivilDate, String> {
    CivilDate::parse(s).ok_or_else(|| format!("“{s}” is not a date YYYY-MM-DD"))
}

fn today() -> CivilDate {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    CivilDate { year: now.year(), month: now.month() as u8, day: now.day() }
}

fn read(path: &PathBuf) -> std::io::Result<String> {
    if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    }
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    let text = match read(&args.file) {
        Ok(t) => t,
        Err(e) => {
            let msg = render(
                locale,
                "cli.unreadable",
                &[("file", args.file.display().to_string()), ("reason", e.to_string())],
            );
            return fail(args.json, "unreadable", &msg);
        }
    };
    let form = match draft::peek_form_id(&text) {
        Some(id) => match forms::by_id(&id) {
            Some(f) => f,
            None => return fail(args.json, "unreadable", &render(locale, "cli.unknown_form", &[("form", id)])),
        },
        None => {
            // Not a draft of any form: let the draft parser say precisely why (not JSON, not a draft…).
            let any = forms::by_id(forms::FORM_IDS[0]).expect("a form");
            let msg = match draft::parse(&text, any.def()) {
                Err(e) => e.text(locale),
                Ok(_) => render(locale, "draft.not_a_draft", &[]),
            };
            return fail(args.json, "unreadable", &msg);
        }
    };
    let loaded = match draft::parse(&text, form.def()) {
        Ok(l) => l,
        Err(e) => return fail(args.json, "unreadable", &e.text(locale)),
    };
    let ctx = Context { today: args.today.unwrap_or_else(today) };
    let report = validate(form.as_ref(), &loaded.draft.answers, &ctx);
    if args.json {
        print_json(&report, locale, form.as_ref());
    } else {
        print_text(&report, locale, form.as_ref(), &args.file);
    }
    if report.is_valid() {
        EXIT_VALID
    } else {
        EXIT_INVALID
    }
}

fn fail(json: bool, status: &str, msg: &str) -> u8 {
    if json {
        println!("{}", serde_json::json!({ "status": status, "message": msg }));
    } else {
        eprintln!("{msg}");
    }
    EXIT_UNREADABLE
}

/// `代表第 2 行 · 手机` or the field's label.
fn place(form: &dyn formseal_core::form::FormRules, path: &str, locale: Locale) -> String {
    form.def().path_label(path, locale)
}

fn print_text(report: &Report, locale: Locale, form: &dyn formseal_core::form::FormRules, file: &std::path::Path) {
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    println!(
        "{}",
        render(
            locale,
            "cli.header",
            &[("file", file.display().to_string()), ("form", form.def().title.get(locale).to_string())]
        )
    );
    for i in &report.issues {
        let kind = if i.is_error() { t(locale, "ui.error_prefix") } else { t(locale, "ui.warning_prefix") };
        println!("  {}{}：{}", kind, place(form, &i.path, locale), finding_text(locale, &i.finding));
    }
    println!("{}", t(locale, "ui.elig.title"));
    for c in &report.eligibility {
        let status = match c.status {
            Status::Pass => t(locale, "ui.elig.pass"),
            Status::Fail => t(locale, "ui.elig.fail"),
            Status::NeedsInfo => t(locale, "ui.elig.needs_info"),
        };
        println!("  [{status}] {} {} — {}", c.clause.render(locale), c.condition.text(locale), c.reason.text(locale));
    }
    let verdict = if errors == 0 { "cli.valid" } else { "cli.invalid" };
    println!("{}", render(locale, verdict, &[("errors", errors.to_string()), ("warnings", warnings.to_string())]));
}

fn print_json(report: &Report, locale: Locale, form: &dyn formseal_core::form::FormRules) {
    let issues: Vec<_> = report
        .issues
        .iter()
        .map(|i| {
            serde_json::json!({
                "path": i.path,
                "code": i.finding.code,
                "severity": i.finding.severity,
                "params": i.finding.params.iter().map(|(k, v)| (k.to_string(), serde_json::Value::from(v.clone()))).collect::<serde_json::Map<_, _>>(),
                "field": place(form, &i.path, locale),
                "message": finding_text(locale, &i.finding),
            })
        })
        .collect();
    let eligibility: Vec<_> = report
        .eligibility
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.id,
                "clause": c.clause.render(locale),
                "status": c.status,
                "condition": c.condition.text(locale),
                "reason": c.reason.text(locale),
                "remedy": c.remedy.as_ref().map(|r| r.text(locale)),
            })
        })
        .collect();
    let out = serde_json::json!({
        "status": if report.is_valid() { "valid" } else { "invalid" },
        "form": { "id": form.def().id, "version": form.def().version, "rules_version": form.def().rules_version },
        "errors": report.errors().count(),
        "warnings": report.warnings().count(),
        "issues": issues,
        "eligibility": eligibility,
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
}
