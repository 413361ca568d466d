//! `formseal validate FILE.json`: the core's field and eligibility rules on an exported draft.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_VALID};
use formseal_core::draft::{self, DraftError, Loaded};
use formseal_core::form::{eligibility_summary, validate, Context, FormDef, FormRules, Report};
use formseal_core::forms;
use formseal_core::key;
use formseal_core::messages::{finding_text, render, t};
use formseal_core::Locale;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The draft or application JSON file (`-` for standard input).
    file: PathBuf,
    #[command(flatten)]
    opts: ReportOpts,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> u8 {
    let locale = args.opts.lang;
    let unreadable = |reason: String| unreadable(locale, args.opts.json, &args.file, reason);
    let text = match read(&args.file) {
        Ok(t) => t,
        Err(e) => return unreadable(e.to_string()),
    };
    let id = draft::peek_form_id(&text);
    let definition = match args.opts.form.for_form(id.as_deref().unwrap_or_default()) {
        Ok(d) => d,
        Err((path, e)) => return crate::common::unreadable(locale, args.opts.json, &path, e),
    };
    let built = match (&id, &definition) {
        (Some(id), Some(d)) => Some(forms::build(id, d, &serde_json::Value::Null)),
        _ => None,
    };
    if let Some(Err(e)) = &built {
        let path = args.opts.form.form_file.as_deref().unwrap_or(&args.file);
        return crate::common::unreadable(locale, args.opts.json, path, e.text(locale));
    }
    let Some(Ok(form)) = built else {
        // Not a draft of a form this build knows. Let the draft parser say precisely why (not JSON, not a
        // draft, a newer file format…) before blaming the form id: a newer formseal may know more forms.
        let any = forms::by_id(forms::FORM_IDS[0]).expect("a form");
        let reason = match (draft::parse(&text, any.def()), id) {
            (Err(DraftError::OtherForm { .. }) | Ok(_), Some(id)) => {
                render(locale, key!("cli.unknown_form"), &[("form", id)])
            }
            (Err(e), _) => draft_error_text(&e, any.def(), locale),
            (Ok(_), None) => t(locale, key!("draft.not_a_draft")),
        };
        return unreadable(reason);
    };
    let loaded = match draft::parse(&text, form.def()) {
        Ok(l) => l,
        Err(e) => return unreadable(draft_error_text(&e, form.def(), locale)),
    };
    let ctx = Context { today: args.opts.today.unwrap_or_else(today) };
    let report = validate(form.as_ref(), &loaded.draft.answers, &ctx);
    let out = if args.opts.json {
        json_report(&report, locale, form.as_ref(), &loaded)
    } else {
        terminal_safe(&text_report(&report, locale, form.as_ref(), &args.file, &loaded))
    };
    if let Err(code) = emit(&out) {
        return code;
    }
    if report.is_valid() {
        EXIT_VALID
    } else {
        EXIT_INVALID
    }
}

/// The draft error in `locale`; malformed values are named by label and key (`申请加入的工作组（working_groups）`),
/// so that both the applicant's wording and the key to look for in the file are there.
fn draft_error_text(e: &DraftError, def: &FormDef, locale: Locale) -> String {
    let DraftError::BadAnswers(errors) = e else { return e.text(locale) };
    let list = errors
        .iter()
        .map(|e| {
            if e.path.is_empty() {
                // The `answers` object itself is missing or not an object.
                return "answers".to_string();
            }
            let label = def.path_label(&e.path, locale);
            match label == e.path {
                true => label,
                false => render(locale, key!("cli.field_key"), &[("label", label), ("key", e.path.clone())]),
            }
        })
        .collect::<Vec<_>>()
        .join(list_separator(locale));
    render(locale, key!("draft.bad_answers"), &[("fields", list)])
}

/// `代表第 2 行 · 手机` or the field's label.
fn place(form: &dyn FormRules, path: &str, locale: Locale) -> String {
    form.def().path_label(path, locale)
}

/// What reading the file changed: converted from an older form version, fields no longer on the form.
fn load_notes(loaded: &Loaded, locale: Locale) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(from) = &loaded.migrated_from {
        notes.push(render(locale, key!("draft.migrated"), &[("from", from.clone())]));
    }
    if !loaded.dropped.is_empty() {
        notes.push(render(locale, key!("draft.dropped"), &[("fields", loaded.dropped.join(list_separator(locale)))]));
    }
    notes
}

fn text_report(report: &Report, locale: Locale, form: &dyn FormRules, file: &Path, loaded: &Loaded) -> String {
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    let title = form.def().title.get(locale).to_string();
    let mut lines = vec![render(locale, key!("cli.header"), &[("file", file.display().to_string()), ("form", title)])];
    for note in load_notes(loaded, locale) {
        lines.push(format!("  {}{note}", kind_prefix(locale, key!("ui.warning_prefix"))));
    }
    let sep = label_separator(locale);
    for i in &report.issues {
        let kind = kind_prefix(locale, if i.is_error() { key!("ui.error_prefix") } else { key!("ui.warning_prefix") });
        lines.push(format!("  {kind}{}{sep}{}", place(form, &i.path, locale), finding_text(locale, &i.finding)));
    }
    lines.push(t(locale, key!("ui.elig.title")));
    for c in &report.eligibility {
        let status = t(locale, c.status.label_key());
        let (clause, condition, reason) = (c.clause.render(locale), c.condition.text(locale), c.reason.text(locale));
        lines.push(format!("  [{status}] {clause} {condition} — {reason}"));
    }
    lines.push(format!("  {}", eligibility_summary(&report.eligibility, &form.def().process, locale)));
    let verdict = if errors == 0 { key!("cli.valid") } else { key!("cli.invalid") };
    lines.push(render(locale, verdict, &[("errors", errors.to_string()), ("warnings", warnings.to_string())]));
    lines.push(String::new());
    lines.join("\n")
}

fn json_report(report: &Report, locale: Locale, form: &dyn FormRules, loaded: &Loaded) -> String {
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
        "migrated_from": loaded.migrated_from,
        "dropped": loaded.dropped,
        "notes": load_notes(loaded, locale),
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
