//! `formseal render FILE -o out.pdf`: the filled paper form, with the same code as the browser.
//! From a package it re-renders the PDF the package carries (same bytes, given the same fonts);
//! from `application.json` it prints that application's digest; from a draft it makes a preview.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_VALID};
use formseal_core::draft;
use formseal_core::form::Answers;
use formseal_core::forms;
use formseal_core::key;
use formseal_core::messages::render as msg;
use formseal_core::package::{
    read_entries, sha256_hex, Application, SignatureFile, APPLICATION_JSON, FORM_JSON, SIGNATURE_JSON,
};
use formseal_core::pdf::{self, Identity, PdfInput};
use formseal_core::Locale;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// A package (.zip), an application.json, or an exported draft.
    file: PathBuf,
    /// Where to write the PDF (default: the input's name with `.pdf`).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Key fingerprint to print with an application.json (a package has its own).
    #[arg(long)]
    fingerprint: Option<String>,
    /// Creation time printed on a draft's preview (ISO 8601 with offset) instead of now.
    #[arg(long)]
    created_at: Option<String>,
    /// Language of the messages (the form itself is always printed in Chinese).
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
    #[command(flatten)]
    form: FormOpt,
}

/// What the PDF is made of, read from the input.
struct Source {
    form: Box<dyn formseal_core::form::FormRules>,
    answers: Answers,
    created_at: String,
    identity: Option<Identity>,
    json: Option<Vec<u8>>,
}

/// The form of `id`: from the definition given (`--form`, or the one a package carries), else
/// the built-in one.
fn form_of(
    id: &str,
    given: Option<String>,
    call: &serde_json::Value,
    locale: Locale,
) -> Result<Box<dyn formseal_core::form::FormRules>, String> {
    let definition =
        or_builtin(given, id).ok_or_else(|| msg(locale, key!("cli.unknown_form"), &[("form", id.to_string())]))?;
    forms::build(id, &definition, call).map_err(|e| e.text(locale))
}

fn from_application(
    raw: &[u8],
    fingerprint: Option<String>,
    definition: Option<String>,
    locale: Locale,
) -> Result<Source, String> {
    let app: Application = serde_json::from_slice(raw).map_err(|e| e.to_string())?;
    let form = form_of(&app.form.id, definition, &app.call, locale)?;
    let (answers, _) = Answers::from_json(form.def(), &app.answers)
        .map_err(|errors| errors.iter().map(|e| e.path.clone()).collect::<Vec<_>>().join(list_separator(locale)))?;
    let identity = Identity {
        application_sha256: sha256_hex(raw),
        key_fingerprint: fingerprint.unwrap_or_else(|| "—".to_string()),
    };
    Ok(Source { form, answers, created_at: app.created_at, identity: Some(identity), json: Some(raw.to_vec()) })
}

fn read_source(args: &Args, bytes: &[u8], locale: Locale) -> Result<Source, String> {
    let given = args.form.given().map_err(|(path, e)| format!("{}: {e}", path.display()))?;
    if bytes.starts_with(b"PK") {
        let entries = read_entries(bytes).map_err(|f| formseal_core::messages::finding_text(locale, &f))?;
        let get = |name: &str| entries.iter().find(|e| e.name == name).map(|e| e.bytes.as_slice());
        let missing = |name: &str| msg(locale, key!("package.file.required"), &[("name", name.to_string())]);
        let app = get(APPLICATION_JSON).ok_or_else(|| missing(APPLICATION_JSON))?;
        let sig: SignatureFile = serde_json::from_slice(get(SIGNATURE_JSON).ok_or_else(|| missing(SIGNATURE_JSON))?)
            .map_err(|e| e.to_string())?;
        // The definition given, else the one the package carries (a host's own form).
        let carried = get(FORM_JSON).and_then(|d| std::str::from_utf8(d).ok()).map(str::to_string);
        return from_application(app, Some(sig.key_fingerprint), given.or(carried), locale);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if value["format"] == "formseal-application" {
        return from_application(bytes, args.fingerprint.clone(), given, locale);
    }
    let id = draft::peek_form_id(text).unwrap_or_default();
    let form = form_of(&id, given, &serde_json::Value::Null, locale)?;
    let loaded = draft::parse(text, form.def()).map_err(|e| e.text(locale))?;
    let created_at = args.created_at.clone().unwrap_or_else(now_iso);
    Ok(Source { form, answers: loaded.draft.answers, created_at, identity: None, json: None })
}

/// The PDF the signed answers make (`application.json` and the key fingerprint of a package),
/// with the built-in fonts; `None` when the answers cannot be rendered (the verifier reports why).
pub(crate) fn rerender(
    application_json: &[u8],
    form: &dyn formseal_core::form::FormRules,
    answers: &Answers,
    created_at: &str,
    fingerprint: &str,
    qr_pages: bool,
) -> Result<Vec<u8>, pdf::PdfError> {
    let input = PdfInput {
        form: form.def(),
        answers,
        created_at,
        identity: Some(Identity {
            application_sha256: sha256_hex(application_json),
            key_fingerprint: fingerprint.to_string(),
        }),
        application_json: Some(application_json),
    };
    pdf::render_with(&input, &pdf_fonts(), qr_pages)
}

impl Source {
    /// The paper form of this source, with the built-in fonts.
    fn pdf(&self) -> Result<Vec<u8>, pdf::PdfError> {
        let input = PdfInput {
            form: self.form.def(),
            answers: &self.answers,
            created_at: &self.created_at,
            identity: self.identity.clone(),
            application_json: self.json.as_deref(),
        };
        pdf::render(&input, &pdf_fonts())
    }
}

pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    let bytes = match read_bytes(&args.file) {
        Ok(b) => b,
        Err(e) => return unreadable(locale, false, &args.file, e.to_string()),
    };
    let source = match read_source(&args, &bytes, locale) {
        Ok(s) => s,
        Err(reason) => return unreadable(locale, false, &args.file, reason),
    };
    let pdf = match source.pdf() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}", e.text(locale));
            return EXIT_INVALID;
        }
    };
    let out = args.output.clone().unwrap_or_else(|| default_output(&args.file));
    if let Err(code) = write_output(locale, &out, &pdf) {
        return code;
    }
    let done = msg(
        locale,
        key!("cli.render.done"),
        &[("file", out.display().to_string()), ("size", pdf.len().div_ceil(1024).to_string())],
    );
    match emit(&format!("{done}\n")) {
        Ok(()) => EXIT_VALID,
        Err(code) => code,
    }
}

fn default_output(input: &Path) -> PathBuf {
    if input.as_os_str() == "-" {
        PathBuf::from("application.pdf")
    } else {
        input.with_extension("pdf")
    }
}
