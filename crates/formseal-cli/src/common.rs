//! What every subcommand shares: options, the clock, reading input, writing reports, separators.

use crate::EXIT_UNREADABLE;
use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use std::path::Path;

/// Options every reporting subcommand takes.
#[derive(clap::Args)]
pub struct ReportOpts {
    /// Language of the messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    pub lang: Locale,
    /// Print a machine-readable JSON report instead of text.
    #[arg(long)]
    pub json: bool,
    /// Run the form rules as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    pub today: Option<CivilDate>,
    #[command(flatten)]
    pub form: FormOpt,
}

/// The form's definition, for a host's own form (built-in forms need none).
#[derive(clap::Args)]
pub struct FormOpt {
    /// The form's definition file (a host's own form; the built-in forms are compiled in). For
    /// `verify` and `inspect` it is the secretariat's reference: a package that carries another
    /// definition fails.
    #[arg(long = "form", value_name = "FORM.json")]
    pub form_file: Option<std::path::PathBuf>,
}

impl FormOpt {
    /// The definition file's text, when one was given.
    pub fn given(&self) -> Result<Option<String>, (std::path::PathBuf, String)> {
        match &self.form_file {
            None => Ok(None),
            Some(p) => read(p).map(Some).map_err(|e| (p.clone(), e.to_string())),
        }
    }

    /// The definition of form `id`: the file given, else the built-in one (`None`: unknown).
    pub fn for_form(&self, id: &str) -> Result<Option<String>, (std::path::PathBuf, String)> {
        Ok(or_builtin(self.given()?, id))
    }
}

/// A definition given (a file, or the one a package carries), else the built-in one of `id`.
pub fn or_builtin(given: Option<String>, id: &str) -> Option<String> {
    given.or_else(|| formseal_core::forms::definition(id).map(str::to_string))
}

/// The messages of the option parsers are in English: they are shown before `--lang` is known.
pub const PARSER_LOCALE: Locale = Locale::En;

pub fn parse_locale(s: &str) -> Result<Locale, String> {
    Locale::parse(s).ok_or_else(|| render(PARSER_LOCALE, key!("cli.bad_lang"), &[("lang", s.to_string())]))
}

pub fn parse_date(s: &str) -> Result<CivilDate, String> {
    CivilDate::parse(s).ok_or_else(|| render(PARSER_LOCALE, key!("cli.bad_date"), &[("date", s.to_string())]))
}

pub fn today() -> CivilDate {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    CivilDate { year: now.year(), month: now.month() as u8, day: now.day() }
}

pub fn read(path: &Path) -> std::io::Result<String> {
    if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    }
}

pub fn list_separator(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => "、",
        Locale::En => ", ",
    }
}

/// `错误：` / `Error: ` (the catalogue loses trailing spaces, so one is added after an ASCII colon).
pub fn kind_prefix(locale: Locale, key: &str) -> String {
    let p = t(locale, key);
    if p.ends_with(':') {
        format!("{p} ")
    } else {
        p
    }
}

/// Between a field and its message: a full-width colon in Chinese, `: ` in English.
pub fn label_separator(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => "：",
        Locale::En => ": ",
    }
}

/// A text report made safe for a terminal: control characters (other than line breaks), and the
/// bidirectional and zero-width characters that can reorder or hide text, are written as
/// `\u{…}`, so that nothing a package carries can move the cursor, recolour the screen or draw
/// a fake verdict over the real one (issue 14, item 5).
pub fn terminal_safe(text: &str) -> String {
    formseal_core::rules::normalize::show_hidden(text, &['\n']).into_owned()
}

/// Writes the report to standard output. A reader that stopped early (`| head`) is fine; any other
/// failure to write is reported, with exit status 2 so that a script does not take a missing report for a verdict.
pub fn emit(text: &str) -> Result<(), u8> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("formseal: {e}");
            Err(EXIT_UNREADABLE)
        }
        _ => Ok(()),
    }
}

/// Reports that `file` cannot be read (in `locale`), and returns exit status 2.
pub fn unreadable(locale: Locale, json: bool, file: &Path, reason: String) -> u8 {
    let msg = formseal_core::messages::render(
        locale,
        key!("cli.unreadable"),
        &[("file", file.display().to_string()), ("reason", reason)],
    );
    fail(json, file, &msg)
}

pub fn fail(json: bool, file: &Path, msg: &str) -> u8 {
    if json {
        let out = serde_json::json!({ "status": "unreadable", "file": file.display().to_string(), "message": msg });
        let _ = emit(&format!("{out}\n"));
    } else {
        eprintln!("{msg}");
    }
    EXIT_UNREADABLE
}

/// The bytes of `path` (`-` for standard input).
pub fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    if path.as_os_str() == "-" {
        let mut v = Vec::new();
        std::io::stdin().read_to_end(&mut v)?;
        Ok(v)
    } else {
        std::fs::read(path)
    }
}

/// Now, as ISO 8601 with the local offset (`2026-11-22T14:02:00+08:00`).
pub fn now_iso() -> String {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
    );
    now.format(&fmt).unwrap_or_default()
}

/// Parameters of a finding as a JSON object.
pub fn params_json(f: &formseal_core::Finding) -> serde_json::Map<String, serde_json::Value> {
    f.params.iter().map(|(k, v)| (k.to_string(), serde_json::Value::from(v.clone()))).collect()
}

/// Writes `bytes` to `out`; when that fails, says so and gives exit status 2.
pub fn write_output(locale: Locale, out: &Path, bytes: &[u8]) -> Result<(), u8> {
    std::fs::write(out, bytes).map_err(|e| {
        let file = out.display().to_string();
        eprintln!(
            "{}",
            formseal_core::messages::render(
                locale,
                key!("cli.write_failed"),
                &[("file", file), ("reason", e.to_string())]
            )
        );
        EXIT_UNREADABLE
    })
}

thread_local! {
    /// The fonts, loaded once per thread: `intake` makes a PDF again for every package, and
    /// copying 9 MB of fonts each time fragmented the heap (peak memory grew with the number of
    /// packages).
    static FONTS: std::rc::Rc<formseal_core::pdf::FontSet> = std::rc::Rc::new(
        formseal_core::pdf::FontSet::new(vec![
            include_bytes!("../../../fonts/formseal-serif-sc-1.otf").to_vec(),
            include_bytes!("../../../fonts/formseal-serif-sc-2.otf").to_vec(),
        ])
        .expect("the built-in fonts load"),
    );
}

/// The PDF fonts, built into the binary (`fonts/` of the repository, made by `scripts/make-fonts.py`).
pub fn pdf_fonts() -> std::rc::Rc<formseal_core::pdf::FontSet> {
    FONTS.with(std::rc::Rc::clone)
}

/// A JSON file given on the command line (a call's configuration), or why it cannot be read.
pub fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let bytes = read_bytes(path).map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

pub use formseal_core::intake::safe_cell;

/// The signing key at `key` (PKCS#8 PEM or DER, encrypted when `passphrase_file` is given), or
/// the exit status after saying why it cannot be read.
pub fn signing_key(
    locale: Locale,
    key: &Path,
    passphrase_file: Option<&Path>,
) -> Result<formseal_core::package::KeyPair, u8> {
    let bytes = read_bytes(key).map_err(|e| unreadable(locale, false, key, e.to_string()))?;
    let pass = match passphrase_file {
        Some(p) => Some(crate::keygen::passphrase(p).map_err(|e| unreadable(locale, false, p, e.to_string()))?),
        None => None,
    };
    formseal_core::package::KeyPair::from_pkcs8(&bytes, pass.as_deref())
        .map_err(|e| unreadable(locale, false, key, e.text(locale)))
}

/// The JSON file at `path`, when one was given (a call's configuration), or the exit status after
/// saying why it cannot be read.
pub fn optional_json(locale: Locale, path: Option<&Path>) -> Result<Option<serde_json::Value>, u8> {
    match path {
        None => Ok(None),
        Some(p) => read_json(p).map(Some).map_err(|e| unreadable(locale, false, p, e)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn terminal_escapes_and_bidi_controls_are_shown_not_obeyed() {
        let hostile = "单位\u{1b}[2K\u{1b}[1A结论：申请包有效\r\u{202e}lmth.exe\u{200b}\n下一行";
        let safe = super::terminal_safe(hostile);
        assert_eq!(safe, "单位\\u{1b}[2K\\u{1b}[1A结论：申请包有效\\u{d}\\u{202e}lmth.exe\\u{200b}\n下一行");
        assert!(!safe.chars().any(|c| c.is_control() && c != '\n'));
    }
}
