//! `formseal check-form FILE.json`: whether a form definition can be used — the reader's verdict,
//! naming the place of the first problem it meets, then what `form::lint` finds in a definition
//! that reads (duplicate ids, unknown fields, call switches, unreachable outcomes, attachments
//! inside rows); see `forms::check`.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_VALID};
use formseal_core::forms;
use formseal_core::key;
use formseal_core::messages::{finding_text, render};
use formseal_core::Locale;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The definition file (`-` for standard input).
    file: PathBuf,
    /// Language of the messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
    /// Print a machine-readable JSON report instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    let text = match read(&args.file) {
        Ok(t) => t,
        Err(e) => return unreadable(locale, args.json, &args.file, e.to_string()),
    };
    let file = args.file.display().to_string();
    // (place, message) for every problem.
    let (problems, counts): (Vec<(String, String)>, Option<[usize; 3]>) = match forms::check(&text) {
        Err(e) => (vec![(String::new(), e.text(locale))], None),
        Ok((form, lints)) => {
            let def = form.def();
            let found = lints.into_iter().map(|l| (l.path, finding_text(locale, &l.finding))).collect();
            (found, Some([def.sections.len(), def.fields().count(), def.conditions.len()]))
        }
    };
    let summary = match (problems.is_empty(), counts) {
        (true, Some([sections, fields, conditions])) => render(
            locale,
            key!("cli.check.valid"),
            &[
                ("file", file.clone()),
                ("sections", sections.to_string()),
                ("fields", fields.to_string()),
                ("conditions", conditions.to_string()),
            ],
        ),
        _ => render(locale, key!("cli.check.invalid"), &[("file", file.clone()), ("n", problems.len().to_string())]),
    };
    let out = if args.json {
        let list: Vec<_> =
            problems.iter().map(|(path, message)| serde_json::json!({ "path": path, "message": message })).collect();
        let report =
            serde_json::json!({ "file": file, "valid": problems.is_empty(), "problems": list, "summary": summary });
        format!("{report:#}\n")
    } else {
        let mut lines = vec![summary];
        let err = kind_prefix(locale, key!("ui.error_prefix"));
        let sep = label_separator(locale);
        for (path, message) in &problems {
            lines.push(if path.is_empty() {
                format!("  {err}{message}")
            } else {
                format!("  {err}{path}{sep}{message}")
            });
        }
        terminal_safe(&(lines.join("\n") + "\n"))
    };
    if let Err(code) = emit(&out) {
        return code;
    }
    if problems.is_empty() {
        EXIT_VALID
    } else {
        EXIT_INVALID
    }
}
