//! `formseal verify PACKAGE.zip`: container, hashes, signature, canonical JSON and the form rules.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID};
use formseal_core::form::Context;
use formseal_core::key;
use formseal_core::messages::{finding_text, render};
use formseal_core::package::{read_entries, verify_with, Official, Verification, APPLICATION_JSON, APPLICATION_PDF};
use formseal_core::Locale;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The package (`.zip`; `-` for standard input).
    file: PathBuf,
    #[command(flatten)]
    opts: ReportOpts,
    /// Also require the package to be signed by the key with this fingerprint (SHA-256 hex).
    #[arg(long)]
    key: Option<String>,
    /// The secretariat's own call (JSON: the form's call configuration, or an object keyed by
    /// form id as hosts give it): the package is judged by it, and any difference in the
    /// package's copy is a failure. Without it the package's own call is used, and the report says so.
    #[arg(long, value_name = "CALL.json")]
    call: Option<PathBuf>,
    /// The day the package was received (YYYY-MM-DD, or an ISO date-time): the closing date is
    /// judged by it, and a package signed after it is refused.
    #[arg(long, value_name = "DATE")]
    received: Option<String>,
    /// The file is a receipt from `formseal serve` (not a package): check its signature (and
    /// with `--key`, that the secretariat's key signed it) and print what it acknowledges.
    #[arg(long)]
    receipt: bool,
}

/// The paper form must be the one the signed answers make (issue 14, item 7): the PDF is made
/// again with the built-in fonts (the renderer is deterministic) and compared byte for byte, so
/// that a stamped printout cannot show other content than the signed data.
pub(crate) fn check_pdf(bytes: &[u8], v: &mut Verification) {
    let (Ok(entries), Some(fingerprint)) = (read_entries(bytes), v.key_fingerprint.clone()) else { return };
    let get = |name: &str| entries.iter().find(|e| e.name == name).map(|e| e.bytes.as_slice());
    let (Some(app), Some(pdf), Some(form), Some(answers), Some(application)) = (
        get(APPLICATION_JSON),
        get(APPLICATION_PDF),
        v.printed.as_deref().or(v.form.as_deref()),
        v.answers.as_ref(),
        v.application.as_ref(),
    ) else {
        return;
    };
    let make = |qr_pages| crate::render::rerender(app, form, answers, &application.created_at, &fingerprint, qr_pages);
    // Packages made before the QR codes named their pages print the identity alone.
    match make(true) {
        Ok(again) => {
            if again != pdf && !make(false).is_ok_and(|old| old == pdf) {
                v.problems.push(
                    formseal_core::Finding::error(key!("package.pdf.differs"))
                        .with("size", pdf.len().to_string())
                        .with("expected", again.len().to_string()),
                );
            }
        }
        // Answers no paper form can be made of (formseal never signs such a package): whatever
        // application.pdf shows cannot be checked against them, so the package is not valid.
        Err(formseal_core::pdf::PdfError::MissingChars(list)) => {
            let chars = list.iter().map(|m| format!("U+{:04X}", m.ch as u32)).collect::<Vec<_>>().join(", ");
            v.problems.push(formseal_core::Finding::error(key!("package.pdf.unprintable")).with("chars", chars));
        }
        Err(_) => v.problems.push(formseal_core::Finding::error(key!("package.pdf.unmade"))),
    }
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> u8 {
    let locale = args.opts.lang;
    let bytes = match read_bytes(&args.file) {
        Ok(b) => b,
        Err(e) => return unreadable(locale, args.opts.json, &args.file, e.to_string()),
    };
    if args.receipt {
        return receipt(&bytes, locale, &args);
    }
    let ctx = Context { today: args.opts.today.unwrap_or_else(today) };
    let call = match &args.call {
        None => None,
        Some(path) => match read_json(path) {
            Ok(c) => Some(c),
            Err(e) => return unreadable(locale, args.opts.json, path, e),
        },
    };
    // A day (`YYYY-MM-DD`), or a moment with its offset (RFC 3339): nothing else, nothing after it.
    let (received, received_at) = match &args.received {
        None => (None, None),
        Some(r) => {
            let day = r.get(..10).and_then(formseal_core::rules::date::CivilDate::parse);
            let at = formseal_core::package::instant(r);
            match (day, at) {
                (Some(d), None) if r.len() == 10 => (Some(d), None),
                (Some(d), Some(at)) => (Some(d), Some(at)),
                _ => {
                    let expected = "YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS+08:00".into();
                    return unreadable(locale, args.opts.json, std::path::Path::new(r), expected);
                }
            }
        }
    };
    let definition = match args.opts.form.given() {
        Ok(d) => d,
        Err((path, e)) => return unreadable(locale, args.opts.json, &path, e),
    };
    let mut v = verify_with(&bytes, &ctx, &Official { call, received, definition, received_at });
    check_pdf(&bytes, &mut v);
    if let (Some(want), Some(have)) = (&args.key, &v.key_fingerprint) {
        let want = want.replace([':', ' '], "").to_ascii_lowercase();
        if &want != have {
            v.problems.push(
                formseal_core::Finding::error(key!("cli.verify.other_key"))
                    .with("expected", want)
                    .with("found", have.clone()),
            );
        }
    }
    let out =
        if args.opts.json { json_report(&v, locale, &args) } else { terminal_safe(&text_report(&v, locale, &args)) };
    if let Err(code) = emit(&out) {
        return code;
    }
    if v.is_valid() {
        EXIT_VALID
    } else {
        EXIT_INVALID
    }
}

fn text_report(v: &Verification, locale: Locale, args: &Args) -> String {
    let mut lines = vec![render(locale, key!("cli.verify.header"), &[("file", args.file.display().to_string())])];
    let err = kind_prefix(locale, key!("ui.error_prefix"));
    let note = kind_prefix(locale, key!("ui.warning_prefix"));
    let sep = label_separator(locale);
    for p in &v.problems {
        lines.push(format!("  {err}{}", finding_text(locale, p)));
    }
    for line in v.rule_errors(locale) {
        lines.push(format!("    {err}{line}"));
    }
    for n in &v.notes {
        lines.push(format!("  {note}{}", finding_text(locale, n)));
    }
    for (label, value) in v.facts(locale) {
        lines.push(format!("  {label}{sep}{value}"));
    }
    lines.push(if v.is_valid() {
        render(locale, key!("cli.verify.valid"), &[("files", v.files_checked.to_string())])
    } else {
        render(locale, key!("cli.verify.invalid"), &[("n", v.problems.len().to_string())])
    });
    lines.push(String::new());
    lines.join("\n")
}

fn json_report(v: &Verification, locale: Locale, args: &Args) -> String {
    let finding = |f: &formseal_core::Finding| serde_json::json!({ "code": f.code, "params": params_json(f), "message": finding_text(locale, f) });
    let issues: Vec<_> = match &v.form {
        Some(form) => v
            .issues
            .iter()
            .map(|i| {
                serde_json::json!({
                    "path": i.path,
                    "field": form.def().path_label(&i.path, locale),
                    "code": i.finding.code,
                    "severity": i.finding.severity,
                    "message": finding_text(locale, &i.finding),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    let out = serde_json::json!({
        "status": if v.is_valid() { "valid" } else { "invalid" },
        "file": args.file.display().to_string(),
        "form": v.application.as_ref().map(|a| serde_json::json!({ "id": a.form.id, "version": a.form.version, "rules_version": a.rules_version })),
        "unit": v.unit_name(),
        "created_at": v.application.as_ref().map(|a| a.created_at.clone()),
        "algorithm": v.algorithm,
        "key_fingerprint": v.key_fingerprint,
        "manifest_sha256": v.manifest_sha256,
        "application_sha256": v.application_sha256,
        "files_checked": v.files_checked,
        "problems": v.problems.iter().map(finding).collect::<Vec<_>>(),
        "notes": v.notes.iter().map(finding).collect::<Vec<_>>(),
        "issues": issues,
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

/// `verify --receipt`: a receipt's signature, and what it says.
fn receipt(bytes: &[u8], locale: Locale, args: &Args) -> u8 {
    use formseal_core::package::receipt::check;
    let file = args.file.display().to_string();
    let expected = args.key.as_ref().map(|k| k.replace([':', ' '], "").to_ascii_lowercase());
    let signed = match check(bytes, expected.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            let reason = e.text(locale);
            let text = render(locale, key!("cli.receipt.invalid"), &[("file", file), ("reason", reason)]);
            let out = if args.opts.json {
                serde_json::json!({ "status": "invalid", "message": text }).to_string() + "\n"
            } else {
                terminal_safe(&(text + "\n"))
            };
            // Not a receipt at all is unreadable input (2); a changed or foreign one is invalid (1).
            let status = match e {
                formseal_core::package::receipt::ReceiptError::Malformed(_) => EXIT_UNREADABLE,
                _ => EXIT_INVALID,
            };
            return emit(&out).err().unwrap_or(status);
        }
    };
    let r = &signed.receipt;
    let out = if args.opts.json {
        serde_json::json!({ "status": "valid", "receipt": r, "signed_by": signed.signature.key_fingerprint })
            .to_string()
            + "\n"
    } else {
        let lines = [
            // Whose key it is can only be said when the secretariat's key was given to compare.
            render(
                locale,
                if expected.is_some() { key!("cli.receipt.valid") } else { key!("cli.receipt.valid_unchecked") },
                &[("file", file), ("fingerprint", signed.signature.key_fingerprint.clone())],
            ),
            render(
                locale,
                key!("cli.receipt.details"),
                &[
                    ("id", r.id.clone()),
                    ("received", r.received_at.clone()),
                    ("verdict", r.verdict.clone()),
                    ("manifest", r.manifest_sha256.clone()),
                    ("name", r.file_name.clone()),
                ],
            ),
        ];
        let problems = r.problems.iter().map(|p| format!("  {p}"));
        terminal_safe(&(lines.into_iter().chain(problems).collect::<Vec<_>>().join("\n") + "\n"))
    };
    emit(&out).err().unwrap_or(EXIT_VALID)
}
