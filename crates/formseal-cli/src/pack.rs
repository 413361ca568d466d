//! `formseal pack DRAFT.json --key KEY.pem`: the signed package of an exported draft (its
//! attachments embedded), exactly as the browser makes it.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_VALID};
use formseal_core::draft;
use formseal_core::form::Context;
use formseal_core::forms;
use formseal_core::key;
use formseal_core::messages::{finding_text, render};
use formseal_core::package::{build, PackageError, PackageInput};
use formseal_core::pdf::Renderer;
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// An exported draft (with its attachments embedded).
    file: PathBuf,
    /// The signing key: PKCS#8 PEM or DER, plain or encrypted.
    #[arg(long)]
    key: PathBuf,
    /// The passphrase of an encrypted key, in this file (first line).
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
    /// The host's call configuration (JSON) the form was offered with.
    #[arg(long)]
    call: Option<PathBuf>,
    #[command(flatten)]
    form: FormOpt,
    /// Where to write the package (default: its own name, `申请包-<单位>-<date>.zip`, here).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Creation time (ISO 8601 with offset) instead of now — for reproducible packages.
    #[arg(long)]
    created_at: Option<String>,
    /// Validate as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    today: Option<CivilDate>,
    /// Language of the messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
}

pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    let text = match read(&args.file) {
        Ok(t) => t,
        Err(e) => return unreadable(locale, false, &args.file, e.to_string()),
    };
    let call: serde_json::Value = match &args.call {
        None => serde_json::json!({}),
        Some(p) => {
            match read(p).map_err(|e| e.to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string())) {
                Ok(v) => v,
                Err(e) => return unreadable(locale, false, p, e),
            }
        }
    };
    let id = draft::peek_form_id(&text).unwrap_or_default();
    let definition = match args.form.for_form(&id) {
        Ok(Some(d)) => d,
        Ok(None) => {
            return unreadable(locale, false, &args.file, render(locale, key!("cli.unknown_form"), &[("form", id)]))
        }
        Err((path, e)) => return unreadable(locale, false, &path, e),
    };
    let form = match forms::build(&id, &definition, &call) {
        Ok(f) => f,
        Err(e) => {
            let blame = args.form.form_file.as_deref().or(args.call.as_deref()).unwrap_or(&args.file);
            return unreadable(locale, false, blame, e.text(locale));
        }
    };
    let loaded = match draft::parse(&text, form.def()) {
        Ok(l) => l,
        Err(e) => return unreadable(locale, false, &args.file, e.text(locale)),
    };
    let key = match signing_key(locale, &args.key, args.passphrase_file.as_deref()) {
        Ok(k) => k,
        Err(code) => return code,
    };
    let d = &loaded.draft;
    let files: BTreeMap<String, Vec<u8>> =
        d.file_refs().filter_map(|f| d.file_bytes(&f.id).map(|b| (f.id.clone(), b))).collect();
    let fonts = pdf_fonts();
    let pdf = Renderer { form: form.def(), answers: &d.answers, fonts: &fonts };
    let input = PackageInput {
        form: form.as_ref(),
        call,
        answers: &d.answers,
        ctx: Context { today: args.today.unwrap_or_else(today) },
        created_at: args.created_at.clone().unwrap_or_else(now_iso),
        pdf: Some(&pdf),
        generator: format!("formseal-cli {}", env!("CARGO_PKG_VERSION")),
        definition: Some(&definition),
    };
    let built = match build(&input, &files, &key) {
        Ok(b) => b,
        Err(PackageError::Invalid { errors }) => {
            eprintln!("{}", PackageError::Invalid { errors: errors.clone() }.text(locale));
            for i in &errors {
                let place = form.def().path_label(&i.path, locale);
                eprintln!(
                    "  {}{place}{}{}",
                    kind_prefix(locale, key!("ui.error_prefix")),
                    label_separator(locale),
                    finding_text(locale, &i.finding)
                );
            }
            return EXIT_INVALID;
        }
        Err(e) => {
            eprintln!("{}", e.text(locale));
            return EXIT_INVALID;
        }
    };
    let out = args.output.clone().unwrap_or_else(|| PathBuf::from(&built.file_name));
    if let Err(code) = write_output(locale, &out, &built.bytes) {
        return code;
    }
    let msg = render(
        locale,
        key!("cli.pack.done"),
        &[
            ("file", out.display().to_string()),
            ("manifest", built.manifest_sha256.clone()),
            ("fingerprint", built.key_fingerprint.clone()),
        ],
    );
    match emit(&format!("{msg}\n")) {
        Ok(()) => EXIT_VALID,
        Err(code) => code,
    }
}
