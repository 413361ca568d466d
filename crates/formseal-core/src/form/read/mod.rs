//! Reads a form definition (JSON) into a [`FormDef`], checking every key and value and naming
//! the exact place of the first problem: `sections[2].fields[4].kind.text.format: unknown format
//! “moblie”`.
//!
//! Written by hand rather than derived with serde (the derived code for these types weighs about
//! 90 KB of raw wasm in the browser's first download), and as straight-line code: a reader notes
//! the first problem and goes on with an empty value, so that no early return has to take apart
//! a half-built definition (that clean-up code alone would weigh more than the reading). Input is
//! read once, in time linear in its size.

use super::def::{FormDef, Format, Process, Seal};
use super::eligibility::Status;
use super::text::Text;
use crate::forms::call::CallParam;
use serde_json::{Map, Value as J};

mod call;
mod fields;
mod logic;

/// What is wrong with a definition, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefError {
    /// `sections[2].fields[4].kind`, or empty for the whole file.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for DefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A place in the definition, written out only when there is a problem there.
type Path<'a> = &'a dyn std::fmt::Display;

/// `parent.key` (just `key` at the top).
struct At<'a>(Path<'a>, &'a str);

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parent = self.0.to_string();
        if parent.is_empty() {
            f.write_str(self.1)
        } else {
            write!(f, "{parent}.{}", self.1)
        }
    }
}

/// `parent[i]`.
struct Idx<'a>(Path<'a>, usize);

impl std::fmt::Display for Idx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

fn at<'a>(path: Path<'a>, key: &'a str) -> At<'a> {
    At(path, key)
}

type Obj<'a> = Option<&'a Map<String, J>>;

/// A present, non-null value.
fn get<'a>(m: Obj<'a>, key: &str) -> Option<&'a J> {
    m?.get(key).filter(|v| !v.is_null())
}

/// Rows nest while a field's depth (1 for a section's fields) is below this: two levels of rows.
pub(crate) const MAX_DEPTH: usize = 3;
/// The vocabulary of a definition, shared by the reader and the JSON Schema (`form::schema`).
pub(crate) const KINDS: &[&str] = &["text", "choice", "multi_choice", "agree", "date", "files", "rows"];
pub(crate) const EXPRS: &[&str] = &[
    "ticked",
    "filled",
    "empty",
    "present",
    "equals",
    "in",
    "uscc_valid",
    "uscc_kind",
    "row_count",
    "rows_complete",
    "any_row",
    "all",
    "any",
    "not",
];
pub(crate) const PARAMS: &[&str] = &["text", "list", "count", "count_with", "uscc_kind", "uscc_category"];
pub(crate) const CALL_PARAMS: &[&str] = &["options", "text", "string", "date", "one_of"];
pub(crate) const FORMATS: &[(&str, Format)] = &[
    ("uscc", Format::Uscc),
    ("person_name", Format::PersonName),
    ("org_name", Format::OrgName),
    ("english_org_name", Format::EnglishOrgName),
    ("postcode", Format::Postcode),
    ("mobile", Format::Mobile),
    ("landline", Format::Landline),
    ("fax", Format::Fax),
    ("email", Format::Email),
    ("wechat", Format::WeChat),
    ("standard_no", Format::StandardNo),
    ("phone", Format::Phone),
    ("standard_ref", Format::StandardRef),
    ("rank", Format::Rank),
];
pub(crate) const STATUSES: &[(&str, Status)] = &[
    ("pass", Status::Pass),
    ("fail", Status::Fail),
    ("needs_info", Status::NeedsInfo),
    ("review", Status::Review),
    ("info", Status::Info),
];

/// Reads values, keeping the first problem.
#[derive(Default)]
struct Reader {
    err: Option<DefError>,
}

impl Reader {
    #[inline(never)]
    fn fail(&mut self, path: Path, message: String) {
        if self.err.is_none() {
            self.err = Some(DefError { path: path.to_string(), message });
        }
    }

    /// An object with only these keys (`None`, noted, when it is not one).
    #[inline(never)]
    fn object<'a>(&mut self, v: Option<&'a J>, path: Path, keys: &[&str]) -> Obj<'a> {
        let Some(v) = v else {
            self.fail(path, "missing".into());
            return None;
        };
        let Some(map) = v.as_object() else {
            self.fail(path, "expected an object".into());
            return None;
        };
        if let Some(k) = map.keys().find(|k| !keys.contains(&k.as_str())) {
            self.fail(path, format!("unknown key “{k}” (expected one of: {})", keys.join(", ")));
        }
        Some(map)
    }

    #[inline(never)]
    fn string(&mut self, v: Option<&J>, path: Path) -> String {
        match v {
            Some(J::String(s)) => s.clone(),
            Some(_) => {
                self.fail(path, "expected a string".into());
                String::new()
            }
            None => {
                self.fail(path, "missing".into());
                String::new()
            }
        }
    }

    #[inline(never)]
    fn str_at(&mut self, m: Obj, key: &str, path: Path) -> String {
        self.string(get(m, key), &at(path, key))
    }

    /// A non-empty id, kept for the program's life ([`crate::intern`]).
    #[inline(never)]
    fn id(&mut self, v: Option<&J>, path: Path) -> &'static str {
        let s = self.string(v, path);
        if s.is_empty() {
            if v.is_some_and(J::is_string) {
                self.fail(path, "must not be empty".into());
            }
            return "";
        }
        crate::intern::intern(&s).unwrap_or_else(|| {
            self.fail(path, "too many distinct ids".into());
            ""
        })
    }

    #[inline(never)]
    fn id_at(&mut self, m: Obj, key: &str, path: Path) -> &'static str {
        self.id(get(m, key), &at(path, key))
    }

    /// `{"zh": "…", "en": "…"}`.
    #[inline(never)]
    fn text(&mut self, v: Option<&J>, path: Path) -> Text {
        let m = self.object(v, path, &["zh", "en"]);
        // Without `en` (the browser's built-in definitions leave it out of the first download),
        // the English is looked up when shown ([`Text::get`]).
        let en = match get(m, "en") {
            None => String::new(),
            en => self.string(en, &at(path, "en")),
        };
        Text::owned(self.str_at(m, "zh", path), en)
    }

    #[inline(never)]
    fn text_at(&mut self, m: Obj, key: &str, path: Path) -> Text {
        self.text(get(m, key), &at(path, key))
    }

    #[inline(never)]
    fn opt_text(&mut self, m: Obj, key: &str, path: Path) -> Option<Text> {
        let v = get(m, key)?;
        Some(self.text(Some(v), &at(path, key)))
    }

    #[inline(never)]
    fn flag(&mut self, m: Obj, key: &str, path: Path, default: bool) -> bool {
        match get(m, key) {
            None => default,
            Some(J::Bool(b)) => *b,
            Some(_) => {
                self.fail(&at(path, key), "expected true or false".into());
                default
            }
        }
    }

    #[inline(never)]
    fn count(&mut self, m: Obj, key: &str, path: Path, default: u64, max: u64) -> u64 {
        match get(m, key) {
            None => default,
            Some(v) => match v.as_u64() {
                Some(n) if n <= max => n,
                _ => {
                    self.fail(&at(path, key), format!("expected a whole number from 0 to {max}"));
                    default
                }
            },
        }
    }

    fn list<T>(&mut self, v: Option<&J>, path: Path, mut item: impl FnMut(&mut Self, &J, Path) -> T) -> Vec<T> {
        match v {
            Some(J::Array(items)) => items.iter().enumerate().map(|(i, x)| item(self, x, &Idx(path, i))).collect(),
            Some(_) => {
                self.fail(path, "expected a list".into());
                Vec::new()
            }
            None => {
                self.fail(path, "missing".into());
                Vec::new()
            }
        }
    }

    fn strings(&mut self, v: Option<&J>, path: Path) -> Vec<String> {
        self.list(v, path, |r, x, p| r.string(Some(x), p))
    }

    /// An object with exactly one key, naming a variant: `{"text": {…}}`; `("", null)` when not.
    #[inline(never)]
    fn variant<'a>(&mut self, v: Option<&'a J>, path: Path, names: &[&str]) -> (&'a str, &'a J) {
        static NULL: J = J::Null;
        let m = self.object(v, path, names);
        match m.map(|m| (m.len(), m.iter().next())) {
            Some((1, Some((k, inner)))) => (k.as_str(), inner),
            Some(_) => {
                self.fail(path, format!("expected exactly one of: {}", names.join(", ")));
                ("", &NULL)
            }
            None => ("", &NULL),
        }
    }

    /// A two-element list `[a, b]`.
    #[inline(never)]
    fn pair<'a>(&mut self, v: &'a J, path: Path) -> (Option<&'a J>, Option<&'a J>) {
        match v.as_array().map(Vec::as_slice) {
            Some([a, b]) => (Some(a), Some(b)),
            _ => {
                self.fail(path, "expected a list of two".into());
                (None, None)
            }
        }
    }

    /// One of the names of `table`.
    fn named<T: Copy>(&mut self, v: Option<&J>, path: Path, what: &str, table: &[(&str, T)]) -> Option<T> {
        let name = self.string(v, path);
        let found = table.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
        if found.is_none() && v.is_some_and(J::is_string) {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            self.fail(path, format!("unknown {what} “{name}” (expected one of: {})", names.join(", ")));
        }
        found
    }

    fn definition(&mut self, v: &J) -> FormDef {
        let keys = [
            "$schema",
            "id",
            "version",
            "rules_version",
            "title",
            "body",
            "name_field",
            "call",
            "process",
            "seal",
            "sections",
            "rules",
            "conditions",
        ];
        let root: Path = &"";
        let m = self.object(Some(v), root, &keys);
        let seal = {
            let p: Path = &"seal";
            let s = self.object(get(m, "seal"), p, &["section", "date_field", "signature", "date_note"]);
            Seal {
                section: self.id_at(s, "section", p),
                date_field: self.id_at(s, "date_field", p),
                signature: self.text_at(s, "signature", p),
                date_note: self.text_at(s, "date_note", p),
            }
        };
        let process = {
            let p: Path = &"process";
            let s = self.object(get(m, "process"), p, &["recipient", "reviewers", "hand_in", "steps"]);
            Process {
                recipient: self.text_at(s, "recipient", p),
                reviewers: self.text_at(s, "reviewers", p),
                hand_in: self.text_at(s, "hand_in", p),
                steps: self.list(get(s, "steps"), &at(p, "steps"), |r, v, q| r.text(Some(v), q)),
            }
        };
        FormDef {
            id: self.id_at(m, "id", root),
            version: self.id_at(m, "version", root),
            rules_version: self.id_at(m, "rules_version", root),
            title: self.text_at(m, "title", root),
            body: self.text_at(m, "body", root),
            name_field: self.id_at(m, "name_field", root),
            sections: self.list(get(m, "sections"), &"sections", Self::section),
            seal,
            process,
            deadline: None,
            call: self.call_params(v),
            rules: match get(m, "rules") {
                Some(r) => self.list(Some(r), &"rules", Self::rule),
                None => Vec::new(),
            },
            conditions: match get(m, "conditions") {
                Some(c) => self.list(Some(c), &"conditions", Self::condition),
                None => Vec::new(),
            },
        }
    }

    fn done<T>(self, value: T) -> Result<T, DefError> {
        match self.err {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }
}

/// `{"zh": "…", "en": "…"}`.
pub fn text(v: &J, path: Path) -> Result<Text, DefError> {
    let mut r = Reader::default();
    let t = r.text(Some(v), path);
    r.done(t)
}

/// The call parameters a definition declares (its `call` object).
pub fn call_params(v: &J) -> Result<Vec<(String, CallParam)>, DefError> {
    let mut r = Reader::default();
    let p = r.call_params(v);
    r.done(p)
}

/// Reads a whole definition.
pub fn definition(v: &J) -> Result<FormDef, DefError> {
    let mut r = Reader::default();
    let d = r.definition(v);
    r.done(d)
}

#[cfg(all(test, feature = "builtin-forms"))]
mod tests;
