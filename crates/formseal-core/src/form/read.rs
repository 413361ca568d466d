//! Reads a form definition (JSON) into a [`FormDef`], checking every key and value and naming
//! the exact place of the first problem: `sections[2].fields[4].kind.text.format: unknown format
//! “moblie”`.
//!
//! Written by hand rather than derived with serde (the derived code for these types weighs about
//! 90 KB of raw wasm in the browser's first download), and as straight-line code: a reader notes
//! the first problem and goes on with an empty value, so that no early return has to take apart
//! a half-built definition (that clean-up code alone would weigh more than the reading). Input is
//! read once, in time linear in its size.

use super::def::{CallCond, Cond, FieldDef, FieldKind, FormDef, Format, OptionDef, Process, Seal, SectionDef};
use super::eligibility::Status;
use super::logic::{AnyRow, Condition, Expr, Outcome, Param, RowCount, RowsComplete, Rule, Unique};
use super::text::Text;
use crate::forms::call::{CallParam, OneOf, OptionsParam};
use crate::issue::Severity;
use serde_json::{Map, Value as J};

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

const MAX_DEPTH: usize = 3;
const FORMATS: &[(&str, Format)] = &[
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
const STATUSES: &[(&str, Status)] = &[
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
        Text::owned(self.str_at(m, "zh", path), self.str_at(m, "en", path))
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

    fn option(&mut self, v: &J, path: Path) -> OptionDef {
        let m = self.object(Some(v), path, &["value", "label", "hint"]);
        OptionDef {
            value: self.str_at(m, "value", path),
            label: self.text_at(m, "label", path),
            hint: self.opt_text(m, "hint", path),
        }
    }

    fn options(&mut self, m: Obj, path: Path) -> Vec<OptionDef> {
        self.list(get(m, "options"), &at(path, "options"), Self::option)
    }

    fn kind(&mut self, v: Option<&J>, path: Path, depth: usize) -> FieldKind {
        let (name, inner) =
            self.variant(v, path, &["text", "choice", "multi_choice", "agree", "date", "files", "rows"]);
        let p: Path = &at(path, name);
        let inner = Some(inner);
        match name {
            "choice" => {
                let m = self.object(inner, p, &["options"]);
                FieldKind::Choice { options: self.options(m, p) }
            }
            "multi_choice" => {
                let m = self.object(inner, p, &["options", "min"]);
                FieldKind::MultiChoice { options: self.options(m, p), min: self.count(m, "min", p, 0, 1000) as usize }
            }
            "agree" => {
                let m = self.object(inner, p, &["statement"]);
                FieldKind::Agree { statement: self.text_at(m, "statement", p) }
            }
            "date" => {
                let m = self.object(inner, p, &["not_future"]);
                FieldKind::Date { not_future: self.flag(m, "not_future", p, true) }
            }
            "files" => {
                let m = self.object(inner, p, &["multiple", "accept", "max_bytes"]);
                FieldKind::Files {
                    multiple: self.flag(m, "multiple", p, false),
                    accept: match get(m, "accept") {
                        Some(a) => self.id(Some(a), &at(p, "accept")),
                        None => ".pdf,.jpg,.jpeg,.png,.ofd",
                    },
                    max_bytes: self.count(m, "max_bytes", p, 50 * 1024 * 1024, 1 << 30),
                }
            }
            "rows" => {
                let m = self.object(inner, p, &["fields", "min", "max", "row_label"]);
                let fields = if depth >= MAX_DEPTH {
                    self.fail(p, format!("rows nested deeper than {MAX_DEPTH} levels"));
                    Vec::new()
                } else {
                    self.list(get(m, "fields"), &at(p, "fields"), |r, v, q| r.field(v, q, depth + 1))
                };
                FieldKind::Rows {
                    fields,
                    min: self.count(m, "min", p, 0, 10_000) as usize,
                    max: self.count(m, "max", p, 1000, 10_000) as usize,
                    row_label: self.text_at(m, "row_label", p),
                }
            }
            _ => {
                let m = self.object(inner.filter(|_| name == "text"), p, &["max_chars", "multiline", "format"]);
                let max_chars = self.count(m, "max_chars", p, 0, 100_000) as usize;
                if m.is_some() && max_chars == 0 {
                    self.fail(&at(p, "max_chars"), "expected 1 to 100000".into());
                }
                FieldKind::Text {
                    max_chars,
                    multiline: self.flag(m, "multiline", p, false),
                    format: get(m, "format").and_then(|f| self.named(Some(f), &at(p, "format"), "format", FORMATS)),
                }
            }
        }
    }

    fn cond(&mut self, v: &J, path: Path) -> Cond {
        let (name, inner) = self.variant(Some(v), path, &["equals", "includes"]);
        let p: Path = &at(path, name);
        let m = self.object(Some(inner), p, &["field", "value"]);
        let (field, value) = (self.id_at(m, "field", p), self.id_at(m, "value", p));
        if name == "includes" {
            Cond::Includes { field, value }
        } else {
            Cond::Equals { field, value }
        }
    }

    fn call_cond(&mut self, m: Obj, key: &str, path: Path) -> Option<CallCond> {
        let v = get(m, key)?;
        let p: Path = &at(path, key);
        let c = self.object(Some(v), p, &["param", "in", "nonempty"]);
        Some(CallCond {
            param: self.str_at(c, "param", p),
            values: match get(c, "in") {
                Some(x) => self.strings(Some(x), &at(p, "in")),
                None => Vec::new(),
            },
            nonempty: self.flag(c, "nonempty", p, false),
        })
    }

    fn field(&mut self, v: &J, path: Path, depth: usize) -> FieldDef {
        let keys = ["id", "label", "help", "kind", "required", "visible_if", "if_call", "required_if_call"];
        let m = self.object(Some(v), path, &keys);
        FieldDef {
            id: self.id_at(m, "id", path),
            label: self.text_at(m, "label", path),
            help: self.opt_text(m, "help", path),
            kind: self.kind(get(m, "kind"), &at(path, "kind"), depth),
            required: self.flag(m, "required", path, true),
            visible_if: get(m, "visible_if").map(|c| self.cond(c, &at(path, "visible_if"))),
            if_call: self.call_cond(m, "if_call", path),
            required_if_call: self.call_cond(m, "required_if_call", path),
        }
    }

    fn section(&mut self, v: &J, path: Path) -> SectionDef {
        let m = self.object(Some(v), path, &["id", "title", "note", "fields", "addition", "if_call"]);
        SectionDef {
            id: self.id_at(m, "id", path),
            title: self.text_at(m, "title", path),
            note: self.opt_text(m, "note", path),
            fields: self.list(get(m, "fields"), &at(path, "fields"), |r, v, p| r.field(v, p, 1)),
            addition: self.flag(m, "addition", path, false),
            if_call: self.call_cond(m, "if_call", path),
        }
    }

    fn call_param(&mut self, v: &J, path: Path) -> CallParam {
        let (name, inner) = self.variant(Some(v), path, &["options", "text", "string", "date", "one_of"]);
        let p: Path = &at(path, name);
        let inner = Some(inner);
        match name {
            "options" => {
                let m = self.object(inner, p, &["field", "value", "label", "hint", "may_be_empty"]);
                CallParam::Options(OptionsParam {
                    field: self.str_at(m, "field", p),
                    value: self.str_at(m, "value", p),
                    label: self.str_at(m, "label", p),
                    hint: get(m, "hint").map(|h| self.string(Some(h), &at(p, "hint"))),
                    may_be_empty: self.flag(m, "may_be_empty", p, false),
                })
            }
            "string" => CallParam::String(self.string(inner, p)),
            "date" => CallParam::Date(self.string(inner, p)),
            "one_of" => {
                let m = self.object(inner, p, &["values", "default"]);
                CallParam::OneOf(OneOf {
                    values: self.strings(get(m, "values"), &at(p, "values")),
                    default: self.str_at(m, "default", p),
                })
            }
            _ => CallParam::Text(self.text(inner.filter(|_| name == "text"), p)),
        }
    }

    fn call_params(&mut self, v: &J) -> Vec<(String, CallParam)> {
        let Some(c) = v.get("call").filter(|c| !c.is_null()) else { return Vec::new() };
        let Some(map) = c.as_object() else {
            self.fail(&"call", "expected an object".into());
            return Vec::new();
        };
        map.iter().map(|(k, v)| (k.clone(), self.call_param(v, &at(&"call", k)))).collect()
    }

    fn expr(&mut self, v: Option<&J>, path: Path, depth: usize) -> Expr {
        if depth > 16 {
            self.fail(path, "expression nested too deeply".into());
            return Expr::All(Vec::new());
        }
        let names = [
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
        let (name, inner) = self.variant(v, path, &names);
        let p: Path = &at(path, name);
        let s = |r: &mut Self| r.string(Some(inner), p);
        match name {
            "ticked" => Expr::Ticked(s(self)),
            "filled" => Expr::Filled(s(self)),
            "empty" => Expr::Empty(s(self)),
            "present" => Expr::Present(s(self)),
            "uscc_valid" => Expr::UsccValid(s(self)),
            "equals" => {
                let (a, b) = self.pair(inner, p);
                Expr::Equals(self.string(a, p), self.string(b, p))
            }
            "in" | "uscc_kind" => {
                let (a, b) = self.pair(inner, p);
                let (f, vs) = (self.string(a, p), if b.is_some() { self.strings(b, p) } else { Vec::new() });
                if name == "in" {
                    Expr::In(f, vs)
                } else {
                    Expr::UsccKind(f, vs)
                }
            }
            "row_count" => {
                let m = self.object(Some(inner), p, &["field", "min", "max"]);
                Expr::RowCount(RowCount {
                    field: self.str_at(m, "field", p),
                    min: self.count(m, "min", p, 0, 100_000) as usize,
                    max: self.count(m, "max", p, 100_000, 100_000) as usize,
                })
            }
            "rows_complete" => {
                let m = self.object(Some(inner), p, &["field", "filled"]);
                Expr::RowsComplete(RowsComplete {
                    field: self.str_at(m, "field", p),
                    filled: self.strings(get(m, "filled"), &at(p, "filled")),
                })
            }
            "any_row" => {
                let m = self.object(Some(inner), p, &["field", "filled"]);
                Expr::AnyRow(AnyRow { field: self.str_at(m, "field", p), filled: self.str_at(m, "filled", p) })
            }
            "all" => Expr::All(self.list(Some(inner), p, |r, v, q| r.expr(Some(v), q, depth + 1))),
            "any" => Expr::Any(self.list(Some(inner), p, |r, v, q| r.expr(Some(v), q, depth + 1))),
            "not" => Expr::Not(Box::new(self.expr(Some(inner), p, depth + 1))),
            _ => Expr::All(Vec::new()),
        }
    }

    fn param(&mut self, v: &J, path: Path) -> Param {
        let names = ["text", "list", "count", "count_with", "uscc_kind", "uscc_category"];
        let (name, inner) = self.variant(Some(v), path, &names);
        let p: Path = &at(path, name);
        if name == "count_with" {
            let (a, b) = self.pair(inner, p);
            return Param::CountWith(self.string(a, p), self.string(b, p));
        }
        let f = if name.is_empty() { String::new() } else { self.string(Some(inner), p) };
        match name {
            "list" => Param::List(f),
            "count" => Param::Count(f),
            "uscc_kind" => Param::UsccKind(f),
            "uscc_category" => Param::UsccCategory(f),
            _ => Param::Text(f),
        }
    }

    fn params(&mut self, m: Obj, path: Path) -> Vec<(String, Param)> {
        let Some(v) = get(m, "params") else { return Vec::new() };
        let p: Path = &at(path, "params");
        let Some(map) = v.as_object() else {
            self.fail(p, "expected an object".into());
            return Vec::new();
        };
        map.iter().map(|(k, v)| (k.clone(), self.param(v, &at(p, k)))).collect()
    }

    fn opt_expr(&mut self, m: Obj, key: &str, path: Path) -> Option<Expr> {
        let v = get(m, key)?;
        Some(self.expr(Some(v), &at(path, key), 0))
    }

    fn rule(&mut self, v: &J, path: Path) -> Rule {
        let m = self.object(Some(v), path, &["code", "severity", "message", "when", "unique", "at", "params"]);
        let severities = [("error", Severity::Error), ("warning", Severity::Warning)];
        let severity = self.named(get(m, "severity"), &at(path, "severity"), "severity", &severities);
        let unique = get(m, "unique").map(|u| {
            let p: Path = &at(path, "unique");
            let u = self.object(Some(u), p, &["rows", "key"]);
            Unique { rows: self.str_at(u, "rows", p), key: self.strings(get(u, "key"), &at(p, "key")) }
        });
        Rule {
            code: self.id_at(m, "code", path),
            severity: severity.unwrap_or(Severity::Warning),
            message: self.opt_text(m, "message", path),
            when: self.opt_expr(m, "when", path),
            unique,
            at: self.str_at(m, "at", path),
            params: self.params(m, path),
        }
    }

    fn outcome(&mut self, v: &J, path: Path) -> Outcome {
        let m = self.object(Some(v), path, &["when", "status", "reason", "remedy"]);
        Outcome {
            when: self.opt_expr(m, "when", path),
            status: self.named(get(m, "status"), &at(path, "status"), "status", STATUSES).unwrap_or(Status::NeedsInfo),
            reason: self.text_at(m, "reason", path),
            remedy: self.opt_text(m, "remedy", path),
        }
    }

    fn condition(&mut self, v: &J, path: Path) -> Condition {
        let m = self.object(Some(v), path, &["id", "clause", "condition", "params", "outcomes", "if_call"]);
        Condition {
            id: self.id_at(m, "id", path),
            clause: self.text_at(m, "clause", path),
            condition: self.text_at(m, "condition", path),
            params: self.params(m, path),
            outcomes: self.list(get(m, "outcomes"), &at(path, "outcomes"), Self::outcome),
            if_call: self.call_cond(m, "if_call", path),
        }
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
mod tests {
    use serde_json::{json, Value as J};

    fn builtin() -> J {
        serde_json::from_str(crate::forms::definition("tc260-wg").unwrap()).unwrap()
    }

    /// The message for the built-in TC260 definition changed by `change`.
    fn problem(change: impl FnOnce(&mut J)) -> String {
        let mut v = builtin();
        change(&mut v);
        super::definition(&v).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn the_builtin_definitions_read() {
        for id in crate::forms::FORM_IDS {
            let v: J = serde_json::from_str(crate::forms::definition(id).unwrap()).unwrap();
            assert!(super::definition(&v).is_ok(), "{id}");
        }
    }

    #[test]
    fn each_problem_is_named_with_its_place() {
        let cases: Vec<(Box<dyn FnOnce(&mut J)>, &str)> = vec![
            (
                Box::new(|v| v["sections"][1]["fields"][5]["kind"]["text"]["format"] = json!("moblie")),
                "sections[1].fields[5].kind.text.format: unknown format “moblie”",
            ),
            (Box::new(|v| v["sections"][0]["fields"][0]["lable"] = json!("x")), "sections[0].fields[0]: unknown key “lable”"),
            (Box::new(|v| v["sections"][0]["fields"][0]["label"] = json!("单位")), "sections[0].fields[0].label: expected an object"),
            (Box::new(|v| v["sections"][0]["fields"][0]["id"] = json!("")), "sections[0].fields[0].id: must not be empty"),
            (Box::new(|v| v["conditions"][0]["outcomes"][0]["status"] = json!("ok")), "conditions[0].outcomes[0].status: unknown status “ok”"),
            (Box::new(|v| v["conditions"][0]["outcomes"][0]["when"] = json!({ "tickd": "x" })), "conditions[0].outcomes[0].when: unknown key “tickd”"),
            (Box::new(|v| v["rules"][0]["severity"] = json!("fatal")), "rules[0].severity: unknown severity “fatal”"),
            (Box::new(|v| v["call"]["working_groups"] = json!({ "options": 3 })), "call.working_groups.options: expected an object"),
            (Box::new(|v| v["sections"] = json!({})), "sections: expected a list"),
            (Box::new(|v| *v = json!([])), "expected an object"),
            (Box::new(|v| v.as_object_mut().unwrap().remove("seal").map(drop).unwrap_or(())), "seal: missing"),
        ];
        for (change, want) in cases {
            let got = problem(change);
            assert!(got.starts_with(want), "got “{got}”, want “{want}…”");
        }
    }

    #[test]
    fn deep_or_large_input_is_bounded() {
        // Rows in rows in rows in rows: refused, not followed.
        let mut rows = json!({ "id": "x", "label": { "zh": "x", "en": "x" }, "kind": { "text": { "max_chars": 1 } } });
        for _ in 0..6 {
            rows = json!({ "id": "r", "label": { "zh": "r", "en": "r" },
                "kind": { "rows": { "fields": [rows], "row_label": { "zh": "r", "en": "r" } } } });
        }
        let got = problem(|v| v["sections"][0]["fields"] = json!([rows]));
        assert!(got.contains("rows nested deeper than 3 levels"), "{got}");
        // An expression nested 1,000 deep: refused at depth 16 (no stack overflow).
        let mut e = json!({ "ticked": "pledge" });
        for _ in 0..1000 {
            e = json!({ "not": e });
        }
        let got = problem(|v| v["conditions"][0]["outcomes"][0]["when"] = e);
        assert!(got.contains("expression nested too deeply"), "{got}");
        // 5 MB of text in a label reads (it is only text) and costs no more than reading it.
        let long = "字".repeat(5 * 1024 * 1024 / 3);
        assert_eq!(problem(|v| v["title"]["zh"] = json!(long)), "");
    }
}
