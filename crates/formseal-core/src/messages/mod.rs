//! Message catalogues (zh-CN, en): message keys to templates with `{param}` placeholders.
//!
//! Each locale is a set of plain-text files `key = template`; `#` starts a comment line.

use crate::issue::Finding;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The languages formseal speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }
    /// Parses a BCP 47 tag loosely: `zh`, `zh-CN`, `zh-Hans` → zh-CN; `en*` → en.
    pub fn parse(tag: &str) -> Option<Locale> {
        let t = tag.trim().to_ascii_lowercase();
        if t == "zh" || t.starts_with("zh-") || t.starts_with("zh_") {
            Some(Locale::ZhCn)
        } else if t == "en" || t.starts_with("en-") || t.starts_with("en_") {
            Some(Locale::En)
        } else {
            None
        }
    }
}

// `ZH_CN_FILES`, `EN_FILES`: the files `catalogues.txt` lists (see build.rs).
include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
const ZH_CN: &[&str] = ZH_CN_FILES;
/// English, built in with the feature `en` (the CLI, the worker, the tests). The browser form
/// leaves it out of its first download and [`install`]s it when the applicant switches language.
#[cfg(feature = "en")]
const EN: &[&str] = EN_FILES;
#[cfg(not(feature = "en"))]
const EN: &[&str] = &[];

/// The English catalogue fetched at run time (the browser's `messages-en.txt`).
static EN_INSTALLED: OnceLock<Catalogue> = OnceLock::new();

/// Installs a locale's catalogue text (the files of `messages/<locale>/` joined) at run time.
pub fn install(locale: Locale, text: String) {
    if locale == Locale::En && !available(Locale::En) {
        let text: &'static str = Box::leak(text.into_boxed_str());
        let _ = EN_INSTALLED.set(parse(&[text]));
    }
}

/// Whether messages of `locale` can be shown (built in, or installed).
pub fn available(locale: Locale) -> bool {
    locale == Locale::ZhCn || !EN.is_empty() || EN_INSTALLED.get().is_some()
}

/// A parsed catalogue: key → template.
pub type Catalogue = BTreeMap<&'static str, &'static str>;

fn parse(sources: &[&'static str]) -> Catalogue {
    let mut map = BTreeMap::new();
    for src in sources {
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((k, v)) = line.split_once(" = ") {
                map.insert(k.trim(), v.trim());
            }
        }
    }
    map
}

/// The catalogue of a locale (parsed once).
pub fn catalogue(locale: Locale) -> &'static Catalogue {
    static ZH: OnceLock<Catalogue> = OnceLock::new();
    static EN_CAT: OnceLock<Catalogue> = OnceLock::new();
    match locale {
        Locale::ZhCn => ZH.get_or_init(|| parse(ZH_CN)),
        Locale::En if EN.is_empty() => EN_INSTALLED.get().unwrap_or_else(|| catalogue(Locale::ZhCn)),
        Locale::En => EN_CAT.get_or_init(|| parse(EN)),
    }
}

/// The template of `key`, or the key itself when missing (a test guarantees none is).
pub fn template(locale: Locale, key: &str) -> &'static str {
    match catalogue(locale).get(key) {
        Some(t) => t,
        None => {
            // Leak-free fallback: unknown keys are shown as-is; tests make sure this never happens.
            catalogue(Locale::ZhCn).get(key).copied().unwrap_or("⟨missing message⟩")
        }
    }
}

/// Renders `key` with `params` substituted (see [`fill`]).
pub fn render(locale: Locale, key: &str, params: &[(&str, String)]) -> String {
    fill(locale, template(locale, key), params)
}

/// Marks a parameter value that is a catalogue key (shown in the template's language); it cannot
/// come from anything an applicant types.
pub const KEY_MARK: char = '\u{1}';

/// A parameter value from outside (an answer, a package's entry name): a leading [`KEY_MARK`]
/// is replaced so the value is shown as written, never looked up as a catalogue key.
pub fn plain(value: String) -> String {
    match value.strip_prefix(KEY_MARK) {
        Some(rest) => format!("\u{FFFD}{rest}"),
        None => value,
    }
}

/// Fills a template's `{name}` placeholders in one pass: a value is copied as it is, never
/// searched for placeholders again (so a value that contains `{name}` cannot make another
/// parameter expand inside it), with its control characters (but line breaks) and its
/// bidirectional and zero-width ones shown as `\u{…}` (a character typed or a file named with
/// them cannot turn the message's text around or hide in it). An unknown `{name}` is left as
/// written.
///
/// A parameter whose text differs by language is passed twice, as `name_zh` and `name_en`; a
/// template's `{name}` then takes the one of its language.
pub fn fill(locale: Locale, text: &str, params: &[(&str, String)]) -> String {
    let suffix = match locale {
        Locale::ZhCn => "_zh",
        Locale::En => "_en",
    };
    let lookup = |name: &str| {
        params
            .iter()
            .find(|(n, _)| *n == name)
            .or_else(|| params.iter().find(|(n, _)| n.strip_suffix(suffix) == Some(name)))
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) => {
                match lookup(name) {
                    Some((_, value)) => match value.strip_prefix(KEY_MARK) {
                        Some(key) => out.push_str(template(locale, key)),
                        None => crate::rules::normalize::push_shown(&mut out, value, &['\n']),
                    },
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Shorthand: a message without parameters.
pub fn t(locale: Locale, key: &str) -> String {
    render(locale, key, &[])
}

/// Renders a finding in `locale`.
pub fn finding_text(locale: Locale, f: &Finding) -> String {
    match &f.text {
        Some(t) => fill(locale, t.get(locale), &f.params),
        None => render(locale, f.code, &f.params),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_have_the_same_keys() {
        let zh: Vec<_> = catalogue(Locale::ZhCn).keys().collect();
        let en: Vec<_> = catalogue(Locale::En).keys().collect();
        let only_zh: Vec<_> = zh.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !zh.contains(k)).collect();
        assert!(only_zh.is_empty() && only_en.is_empty(), "only zh-CN: {only_zh:?}; only en: {only_en:?}");
    }

    /// A template's placeholders: `{x_zh}` in Chinese and `{x_en}` in English are the same
    /// parameter given in both languages.
    fn holes(t: &str) -> Vec<&str> {
        let mut v: Vec<&str> = t
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|p| p.0))
            .map(|h| h.strip_suffix("_zh").or_else(|| h.strip_suffix("_en")).unwrap_or(h))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn catalogues_use_the_same_placeholders() {
        for (k, zh) in catalogue(Locale::ZhCn) {
            let en = catalogue(Locale::En)[k];
            assert_eq!(holes(zh), holes(en), "placeholders differ for {k}");
        }
    }

    #[test]
    fn every_catalogue_file_has_the_same_keys_and_placeholders_in_both_locales() {
        // Also the files this build leaves out, and web.txt, which only scripts/messages.mjs reads.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/messages");
        let read = |locale: &str, name: &std::ffi::OsStr| {
            let text = std::fs::read_to_string(dir.join(locale).join(name)).unwrap_or_default();
            parse(&[Box::leak(text.into_boxed_str())])
        };
        let names: Vec<_> = std::fs::read_dir(dir.join("zh-CN")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(names.iter().any(|n| n == "web.txt"), "{names:?}");
        for name in &names {
            let (zh, en) = (read("zh-CN", name), read("en", name));
            assert_eq!(zh.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>(), "keys of {name:?}");
            for (k, t) in &zh {
                assert_eq!(holes(t), holes(en[k]), "placeholders differ for {k} ({name:?})");
            }
        }
        let en_names = std::fs::read_dir(dir.join("en")).unwrap().count();
        assert_eq!(names.len(), en_names, "the same catalogue files in both locales");
    }

    #[test]
    fn render_substitutes_params() {
        assert_eq!(render(Locale::ZhCn, key!("uscc.check"), &[("expected", "3".into())]), "校验位应为 3");
    }

    #[test]
    fn render_never_expands_a_value() {
        // A value holding another placeholder stays as it is (no amplification, issue 14 item 3).
        let params = [("max", "{len}{len}{len}".to_string()), ("len", "x".repeat(1000))];
        let out = render(Locale::ZhCn, key!("text.too_long"), &params);
        assert!(out.contains("{len}{len}{len}") && out.len() < 1200, "{out}");
        // Unknown and unclosed braces are copied.
        assert_eq!(render(Locale::ZhCn, key!("uscc.check"), &[]), "校验位应为 {expected}");
    }

    #[test]
    fn an_outside_value_is_never_read_as_a_catalogue_key() {
        // A package's entry name or an answer that starts with the key mark would otherwise show
        // a catalogue text of the attacker's choice (e.g. "申请包有效") inside a message.
        let f = crate::Finding::error(key!("uscc.check")).with("expected", format!("{KEY_MARK}uscc.kind.unknown"));
        let out = finding_text(Locale::ZhCn, &f);
        assert!(out.contains("\u{FFFD}uscc.kind.unknown"), "{out}");
    }

    #[test]
    fn hidden_characters_in_a_value_are_shown() {
        // A zero-width space pasted into a credit code, and a file name that reverses the text
        // after it: both named, neither obeyed.
        let f = crate::Finding::error(key!("uscc.forbidden_char")).with("pos", "5").with("char", "\u{200b}");
        assert_eq!(
            finding_text(Locale::ZhCn, &f),
            "第 5 位的“\\u{200b}”不是有效字符：代码只由数字和大写字母组成，且不使用 I、O、S、V、Z"
        );
        let out = render(Locale::En, key!("draft.bad_file"), &[("name", "scan\u{202e}fdp.exe\nnext".into())]);
        assert!(out.contains("scan\\u{202e}fdp.exe\nnext"), "{out}");
    }

    #[test]
    fn locale_parse() {
        assert_eq!(Locale::parse("zh-Hans"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("EN-gb"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
    }
}

/// Every message key in the project's Rust goes through `key!`, so a missing or misspelled key
/// does not compile: no file of `src/` or `crates/` quotes a key of the catalogues bare.
#[cfg(test)]
mod keys_in_code {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && !path.ends_with("target") && !path.ends_with("node_modules") {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_key_in_code_is_checked_by_the_compiler() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        rust_files(&root.join("crates"), &mut files);
        assert!(files.len() > 100, "found only {} files", files.len());
        let keys: std::collections::BTreeSet<&str> = super::catalogue(super::Locale::ZhCn).keys().copied().collect();
        let mut bare = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                for (i, quoted) in line.split('"').enumerate().skip(1).step_by(2) {
                    let before = line.split('"').take(i).collect::<Vec<_>>().join("\"");
                    if keys.contains(quoted) && !before.ends_with("key!(") {
                        bare.push(format!("{}:{}: {quoted}", file.display(), n + 1));
                    }
                }
            }
        }
        assert!(bare.is_empty(), "message keys not in key!(…):\n{}", bare.join("\n"));
    }
}
