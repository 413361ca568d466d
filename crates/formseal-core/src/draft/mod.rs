//! Drafts: the file format that keeps an application in progress (browser storage, export, CLI input).

use crate::form::{AnswerError, Answers, FileRef, FormDef};
use crate::messages::{render, Locale};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod merge;

/// Marker of a formseal draft file.
pub const FORMAT: &str = "formseal-draft";
/// Version of the draft file format this build writes and reads.
pub const VERSION: u32 = 1;

/// Which form (and which version of it) a draft is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRef {
    pub id: String,
    pub version: String,
}

/// The bytes of an attachment embedded in an exported draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbeddedFile {
    pub name: String,
    #[serde(rename = "type")]
    pub media_type: String,
    pub size: u64,
    /// Standard base64 of the bytes.
    pub data: String,
}

impl FormRef {
    /// Reads `{"id", "version"}` (hand-written: serde's derived readers would weigh on the
    /// browser's first download).
    pub fn from_json(v: &serde_json::Value) -> Option<FormRef> {
        let s = |k: &str| v.get(k)?.as_str().map(str::to_string);
        Some(FormRef { id: s("id")?, version: s("version")? })
    }
}

impl EmbeddedFile {
    /// Reads `{"name", "type", "size", "data"}`.
    pub fn from_json(v: &serde_json::Value) -> Option<EmbeddedFile> {
        let s = |k: &str| v.get(k)?.as_str().map(str::to_string);
        Some(EmbeddedFile {
            name: s("name")?,
            media_type: s("type")?,
            size: v.get("size")?.as_u64()?,
            data: s("data")?,
        })
    }
}

/// An application in progress.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Draft {
    pub format: &'static str,
    pub version: u32,
    pub form: FormRef,
    /// When it was saved, ISO 8601 (passed in by the caller).
    pub saved_at: String,
    /// Where the applicant was: `form` or `review`.
    pub step: String,
    pub answers: Answers,
    /// Attachment bytes by file id; present in exported files, empty in browser storage.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub files: BTreeMap<String, EmbeddedFile>,
}

/// Why a draft file cannot be used. The current draft is never touched when this happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftError {
    /// Not JSON at all (line and column of the first problem).
    NotJson { line: usize, column: usize },
    /// JSON, but not a formseal draft.
    NotADraft,
    /// A draft written by a newer formseal.
    NewerVersion { found: u64 },
    /// A draft format version this build no longer reads.
    UnsupportedVersion { found: u64 },
    /// A draft of another form.
    OtherForm { found: String },
    /// Values that do not fit their fields.
    BadAnswers(Vec<AnswerError>),
    /// An embedded attachment that is damaged.
    BadFile { name: String },
    /// An attachment larger than its field allows.
    TooLarge { name: String, max: String },
    /// More values than any draft holds (refused before parsing).
    TooComplex,
}

impl DraftError {
    /// The message in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match self {
            DraftError::NotJson { line, column } => {
                render(locale, key!("draft.not_json"), &[("line", line.to_string()), ("column", column.to_string())])
            }
            DraftError::NotADraft => render(locale, key!("draft.not_a_draft"), &[]),
            DraftError::TooComplex => {
                render(locale, key!("draft.too_complex"), &[("max", crate::form::MAX_JSON_VALUES.to_string())])
            }
            DraftError::TooLarge { name, max } => {
                render(locale, key!("file.too_large"), &[("name", name.clone()), ("max", max.clone())])
            }
            DraftError::NewerVersion { found } => render(
                locale,
                key!("draft.newer_version"),
                &[("found", found.to_string()), ("current", VERSION.to_string())],
            ),
            DraftError::UnsupportedVersion { found } => render(
                locale,
                key!("draft.unsupported_version"),
                &[("found", found.to_string()), ("current", VERSION.to_string())],
            ),
            DraftError::OtherForm { found } => render(locale, key!("draft.other_form"), &[("found", found.clone())]),
            DraftError::BadAnswers(errors) => {
                let list = errors.iter().map(|e| e.path.as_str()).collect::<Vec<_>>().join(", ");
                render(locale, key!("draft.bad_answers"), &[("fields", list)])
            }
            DraftError::BadFile { name } => render(locale, key!("draft.bad_file"), &[("name", name.clone())]),
        }
    }
}

/// A draft read from a file, with what had to change to fit the current form.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub draft: Draft,
    /// Fields in the file that this version of the form does not have (dropped).
    pub dropped: Vec<String>,
    /// The form version the file was written for, when it differs from the current one.
    pub migrated_from: Option<String>,
}

impl Draft {
    /// A new, empty draft of `def`.
    pub fn new(def: &FormDef, saved_at: impl Into<String>) -> Draft {
        Draft {
            format: FORMAT,
            version: VERSION,
            form: FormRef { id: def.id.into(), version: def.version.into() },
            saved_at: saved_at.into(),
            step: "form".into(),
            answers: Answers::empty(def),
            files: BTreeMap::new(),
        }
    }

    /// The draft as pretty JSON text.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Every attachment the answers refer to.
    pub fn file_refs(&self) -> impl Iterator<Item = &FileRef> {
        self.answers.all_files().into_iter()
    }

    /// Decodes an embedded attachment.
    pub fn file_bytes(&self, id: &str) -> Option<Vec<u8>> {
        let f = self.files.get(id)?;
        base64::engine::general_purpose::STANDARD.decode(&f.data).ok()
    }

    /// Embeds an attachment's bytes.
    pub fn embed(&mut self, file: &FileRef, bytes: &[u8]) {
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        let e = EmbeddedFile {
            name: file.name.clone(),
            media_type: file.media_type.clone(),
            size: bytes.len() as u64,
            data,
        };
        self.files.insert(file.id.clone(), e);
    }
}

/// Reads a draft file of form `def`: checks the marker, versions and every value.
pub fn parse(text: &str, def: &FormDef) -> Result<Loaded, DraftError> {
    if crate::form::too_many_values(text.as_bytes(), crate::form::MAX_JSON_VALUES) {
        return Err(DraftError::TooComplex);
    }
    let json: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| DraftError::NotJson { line: e.line(), column: e.column() })?;
    let obj = json.as_object().ok_or(DraftError::NotADraft)?;
    if obj.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(DraftError::NotADraft);
    }
    let version = obj.get("version").and_then(|v| v.as_u64()).ok_or(DraftError::NotADraft)?;
    if version > VERSION as u64 {
        return Err(DraftError::NewerVersion { found: version });
    }
    if version < VERSION as u64 {
        return Err(DraftError::UnsupportedVersion { found: version });
    }
    let form = obj.get("form").and_then(FormRef::from_json).ok_or(DraftError::NotADraft)?;
    if form.id != def.id {
        return Err(DraftError::OtherForm { found: form.id });
    }
    let mut raw_answers = obj.get("answers").cloned().unwrap_or(serde_json::Value::Null);
    crate::forms::migrate(&form.id, &form.version, &mut raw_answers);
    let (answers, dropped) = Answers::from_json(def, &raw_answers).map_err(DraftError::BadAnswers)?;
    let bad = || DraftError::BadFile { name: "files".into() };
    let mut files = BTreeMap::new();
    match obj.get("files") {
        None | Some(serde_json::Value::Null) => {}
        // Inserted one by one (see `empty_row`).
        Some(serde_json::Value::Object(m)) => {
            for (id, f) in m {
                files.insert(id.clone(), EmbeddedFile::from_json(f).ok_or_else(bad)?);
            }
        }
        Some(_) => return Err(bad()),
    }
    let migrated_from = (form.version != def.version).then(|| form.version.clone());
    let draft = Draft {
        format: FORMAT,
        version: VERSION,
        form: FormRef { id: def.id.into(), version: def.version.into() },
        saved_at: obj.get("saved_at").and_then(|s| s.as_str()).unwrap_or_default().to_string(),
        step: match obj.get("step").and_then(|s| s.as_str()) {
            Some("review") => "review".into(),
            _ => "form".into(),
        },
        answers,
        files,
    };
    for (id, f) in &draft.files {
        match draft.file_bytes(id) {
            Some(bytes) if bytes.len() as u64 == f.size => {}
            _ => return Err(DraftError::BadFile { name: f.name.clone() }),
        }
    }
    // Each attachment the answers name: its declared size is the embedded file's, and within its
    // field's limit (issue 14, item 12: else the draft packs, and its package fails to verify).
    // Also those of attachment fields inside rows (issue 15).
    for (field, r) in draft.answers.attachment_fields(def) {
        let crate::form::FieldKind::Files { max_bytes, .. } = field.kind else { continue };
        if draft.files.get(&r.id).is_some_and(|e| e.size != r.size) {
            return Err(DraftError::BadFile { name: r.name.clone() });
        }
        if r.size > max_bytes {
            return Err(DraftError::TooLarge { name: r.name.clone(), max: crate::form::human_size(max_bytes) });
        }
    }
    Ok(Loaded { draft, dropped, migrated_from })
}

/// The unit's name (field `name_field`) and the save time (`YYYY-MM-DD HH:MM`) of a draft's
/// text, read without its form (the start page, the list of earlier versions).
pub fn summary(text: &str, name_field: &str) -> Option<(String, String)> {
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    let name = json.get("answers")?.get(name_field).and_then(|v| v.as_str()).unwrap_or_default().trim().to_string();
    let saved = json.get("saved_at").and_then(|v| v.as_str()).unwrap_or_default();
    let when = format!("{} {}", saved.get(..10).unwrap_or_default(), saved.get(11..16).unwrap_or_default());
    Some((name, when))
}

/// The earlier versions of a draft as the browser keeps them (`[[kept at, draft text], …]`,
/// newest first): when each was kept (ms since the epoch) and its text. Anything else is none.
pub fn kept_versions(text: &str) -> Vec<(u64, String)> {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str(text) else { return Vec::new() };
    items.iter().filter_map(|i| Some((i.get(0)?.as_u64()?, i.get(1)?.as_str()?.to_string()))).collect()
}

/// Reads the `form.id` of a draft file without knowing its form (to pick the right definition).
pub fn peek_form_id(text: &str) -> Option<String> {
    let json: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    json.get("form")?.get("id")?.as_str().map(str::to_string)
}

#[cfg(all(test, feature = "builtin-forms"))]
mod tests {
    use super::*;
    use crate::form::Value;
    use crate::forms;

    const COMPLETE: &str = include_str!("../../../../fixtures/tc260-complete.json");

    fn def() -> Box<dyn crate::form::FormRules> {
        forms::by_id("tc260-wg").unwrap()
    }

    #[test]
    fn round_trip_with_an_embedded_file() {
        let f = def();
        let mut d = parse(COMPLETE, f.def()).unwrap().draft;
        let file = FileRef {
            id: "licence-1".into(),
            name: "营业执照.pdf".into(),
            media_type: "application/pdf".into(),
            size: 4,
        };
        d.answers.set("licence", Value::Files(vec![file.clone()]));
        d.embed(&file, b"%PDF");
        let back = parse(&d.to_json_string(), f.def()).unwrap();
        assert_eq!(back.draft.answers, d.answers);
        assert_eq!(back.draft.file_bytes("licence-1").unwrap(), b"%PDF");
        assert!(back.dropped.is_empty() && back.migrated_from.is_none());
    }

    #[test]
    fn refusals_are_precise() {
        let f = def();
        let d = f.def();
        assert!(matches!(parse("{\"format\":", d), Err(DraftError::NotJson { line: 1, .. })));
        assert_eq!(parse("[1,2]", d), Err(DraftError::NotADraft));
        assert_eq!(parse(r#"{"format":"other"}"#, d), Err(DraftError::NotADraft));
        let newer = COMPLETE.replace("\"version\": 1", "\"version\": 7");
        assert_eq!(parse(&newer, d), Err(DraftError::NewerVersion { found: 7 }));
        let older = COMPLETE.replace("\"version\": 1", "\"version\": 0");
        assert_eq!(parse(&older, d), Err(DraftError::UnsupportedVersion { found: 0 }));
        let other = COMPLETE.replace("\"id\": \"tc260-wg\"", "\"id\": \"group-std-coauthor\"");
        assert_eq!(parse(&other, d), Err(DraftError::OtherForm { found: "group-std-coauthor".into() }));
        let bad = COMPLETE.replace("\"pledge\": true", "\"pledge\": \"yes\"");
        match parse(&bad, d) {
            Err(DraftError::BadAnswers(e)) => assert_eq!(e[0].path, "pledge"),
            other => panic!("{other:?}"),
        }
        let e = DraftError::NewerVersion { found: 7 };
        assert!(e.text(crate::Locale::ZhCn).contains("文件格式版本 7"));
    }

    #[test]
    fn older_form_versions_are_migrated_and_unknown_fields_listed() {
        let f = def();
        let old = COMPLETE
            .replace("\"version\": \"2025-04-01.2\"", "\"version\": \"2019-01-01\"")
            .replace("\"name_zh\":", "\"fax_extension\": \"8001\", \"name_zh\":");
        let l = parse(&old, f.def()).unwrap();
        assert_eq!(l.migrated_from.as_deref(), Some("2019-01-01"));
        assert_eq!(l.dropped, vec!["fax_extension".to_string()]);
        assert_eq!(l.draft.form.version, "2025-04-01.2");
    }

    #[test]
    fn a_hundred_thousand_rows_are_refused_before_they_are_read() {
        // Issue 14, item 4: 100,000 empty rows (a 400 KB draft) took 11 s and 1.3 GB.
        let f = def();
        let rows = vec![serde_json::json!({}); 100_000];
        let mut v: serde_json::Value = serde_json::from_str(COMPLETE).unwrap();
        v["answers"]["representatives"] = serde_json::Value::Array(rows);
        let started = std::time::Instant::now();
        let e = parse(&v.to_string(), f.def()).unwrap_err();
        // Refused by the count of values before parsing (or, below that count, by the field's
        // maximum before the rows are read).
        assert_eq!(e, DraftError::TooComplex);
        v["answers"]["representatives"] = serde_json::Value::Array(vec![serde_json::json!({}); 60_000]);
        let e = parse(&v.to_string(), f.def()).unwrap_err();
        assert!(matches!(&e, DraftError::BadAnswers(list) if list[0].path == "representatives"), "{e:?}");
        // Not a timed test: a generous bound only to show that nothing is built row by row.
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn attachments_must_match_their_bytes_and_limit() {
        // Issue 14, item 12: the size in the answers is the embedded file's, and within the field's limit.
        let f = def();
        let file = FileRef { id: "x".into(), name: "a.pdf".into(), media_type: "application/pdf".into(), size: 4 };
        let mut d = parse(COMPLETE, f.def()).unwrap().draft;
        d.answers.set("licence", Value::Files(vec![FileRef { size: 5, ..file.clone() }]));
        d.embed(&file, b"%PDF");
        assert_eq!(parse(&d.to_json_string(), f.def()).err(), Some(DraftError::BadFile { name: "a.pdf".into() }));
        d.answers.set("licence", Value::Files(vec![FileRef { size: 60 << 20, ..file.clone() }]));
        d.files.clear();
        let e = parse(&d.to_json_string(), f.def()).unwrap_err();
        assert!(e.text(crate::Locale::ZhCn).contains("超过 50.0 MB"), "{}", e.text(crate::Locale::ZhCn));
    }

    #[test]
    fn damaged_embedded_file_is_refused() {
        let f = def();
        let mut d = parse(COMPLETE, f.def()).unwrap().draft;
        let file = FileRef { id: "x".into(), name: "a.pdf".into(), media_type: "application/pdf".into(), size: 4 };
        d.embed(&file, b"%PDF");
        let text = d.to_json_string().replace("JVBERg==", "JVBERg!!");
        assert_eq!(parse(&text, f.def()), Err(DraftError::BadFile { name: "a.pdf".into() }));
    }

    #[test]
    fn summaries_and_kept_versions_are_read_leniently() {
        let d = r#"{"saved_at": "2026-12-03T14:02:05+08:00", "answers": {"name_zh": " 甲公司 "}}"#;
        assert_eq!(summary(d, "name_zh"), Some(("甲公司".into(), "2026-12-03 14:02".into())));
        assert_eq!(summary("not json", "name_zh"), None);
        let kept = serde_json::json!([[1, d], ["x", d], [2]]).to_string();
        assert_eq!(kept_versions(&kept), vec![(1, d.to_string())]);
        assert!(kept_versions("{}").is_empty());
    }
}
