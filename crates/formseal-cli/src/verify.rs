//! `formseal verify PACKAGE.zip`: container, hashes, signature, canonical JSON and the form rules.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_VALID};
use formseal_core::form::Context;
use formseal_core::messages::{finding_text, render, t};
use formseal_core::package::{verify, Verification};
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
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> u8 {
    let locale = args.opts.lang;
    let bytes = match read_bytes(&args.file) {
        Ok(b) => b,
        Err(e) => {
            let msg = render(
                locale,
                "cli.unreadable",
                &[("file", args.file.display().to_string()), ("reason", e.to_string())],
            );
            return fail(args.opts.json, &args.file, &msg);
        }
    };
    let ctx = Context { today: args.opts.today.unwrap_or_else(today) };
    let mut v = verify(&bytes, &ctx);
    if let (Some(want), Some(have)) = (&args.key, &v.key_fingerprint) {
        let want = want.replace([':', ' '], "").to_ascii_lowercase();
        if &want != have {
            v.problems.push(
                formseal_core::Finding::error("cli.verify.other_key")
                    .with("expected", want)
                    .with("found", have.clone()),
            );
        }
    }
    let out = if args.opts.json { json_report(&v, locale, &args) } else { text_report(&v, locale, &args) };
    if let Err(code) = emit(&out) {
        return code;
    }
    if v.is_valid() {
        EXIT_VALID
    } else {
        EXIT_INVALID
    }
}

pub fn unit_name(v: &Verification) -> Option<String> {
    let (form, answers) = (v.form.as_ref()?, v.answers.as_ref()?);
    Some(answers.text(form.def().name_field).to_string())
}

fn text_report(v: &Verification, locale: Locale, args: &Args) -> String {
    let mut lines = vec![render(locale, "cli.verify.header", &[("file", args.file.display().to_string())])];
    let err = kind_prefix(locale, "ui.error_prefix");
    let note = kind_prefix(locale, "ui.warning_prefix");
    let sep = label_separator(locale);
    for p in &v.problems {
        lines.push(format!("  {err}{}", finding_text(locale, p)));
    }
    if let Some(form) = &v.form {
        for i in v.issues.iter().filter(|i| i.is_error()) {
            let place = form.def().path_label(&i.path, locale);
            lines.push(format!("    {err}{place}{sep}{}", finding_text(locale, &i.finding)));
        }
    }
    for n in &v.notes {
        lines.push(format!("  {note}{}", finding_text(locale, n)));
    }
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let (Some(form), Some(app)) = (&v.form, &v.application) {
        facts.push(("cli.verify.form", form.def().title.get(locale).to_string()));
        facts.push(("cli.verify.unit", unit_name(v).unwrap_or_default()));
        facts.push(("cli.verify.created", app.created_at.clone()));
        facts.push(("cli.verify.attachments", app.attachments.len().to_string()));
    }
    if let (Some(alg), Some(fp)) = (&v.algorithm, &v.key_fingerprint) {
        facts.push(("cli.verify.algorithm", alg.clone()));
        facts.push(("cli.verify.fingerprint", fp.clone()));
    }
    if let Some(d) = &v.manifest_sha256 {
        facts.push(("cli.verify.manifest", d.clone()));
    }
    if let Some(d) = &v.application_sha256 {
        facts.push(("cli.verify.application", d.clone()));
    }
    for (key, value) in facts {
        lines.push(format!("  {}{sep}{value}", t(locale, key)));
    }
    lines.push(if v.is_valid() {
        render(locale, "cli.verify.valid", &[("files", v.files_checked.to_string())])
    } else {
        render(locale, "cli.verify.invalid", &[("n", v.problems.len().to_string())])
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
        "unit": unit_name(v),
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
