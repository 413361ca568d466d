//! Reads a form definition (JSON) into a [`FormDef`], checking every key and value and naming
//! the exact place of a problem: `sections[2].fields[4].kind.text.format: unknown format
//! “moblie”`.
//!
//! Written by hand rather than derived with serde: the derived code for these types weighs about
//! 90 KB (raw wasm) in the browser's first download, these readers a few KB.

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

type R<T> = Result<T, DefError>;

/// A place in the definition, written out only when there is a problem there (building every
/// path as text would cost time and code for nothing).
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

fn fail<T>(path: Path, message: impl Into<String>) -> R<T> {
    Err(DefError { path: path.to_string(), message: message.into() })
}

fn at<'a>(path: Path<'a>, key: &'a str) -> At<'a> {
    At(path, key)
}

/// An object with only these keys.
#[inline(never)]
fn object<'a>(v: &'a J, path: Path, keys: &[&str]) -> R<&'a Map<String, J>> {
    let Some(map) = v.as_object() else { return fail(path, "expected an object") };
    match map.keys().find(|k| !keys.contains(&k.as_str())) {
        Some(k) => fail(path, format!("unknown key “{k}” (expected one of: {})", keys.join(", "))),
        None => Ok(map),
    }
}

/// A present, non-null value.
fn get<'a>(m: &'a Map<String, J>, key: &str) -> Option<&'a J> {
    m.get(key).filter(|v| !v.is_null())
}

#[inline(never)]
fn need<'a>(m: &'a Map<String, J>, key: &str, path: Path) -> R<&'a J> {
    get(m, key).map_or_else(|| fail(path, format!("missing “{key}”")), Ok)
}

#[inline(never)]
fn string(v: &J, path: Path) -> R<String> {
    v.as_str().map(str::to_string).map_or_else(|| fail(path, "expected a string"), Ok)
}

#[inline(never)]
fn id(v: &J, path: Path) -> R<&'static str> {
    match v.as_str() {
        Some("") => fail(path, "must not be empty"),
        Some(s) => crate::intern::intern(s).map_or_else(|| fail(path, "too many distinct ids"), Ok),
        None => fail(path, "expected a string"),
    }
}

#[inline(never)]
fn field_str(m: &Map<String, J>, key: &str, path: Path) -> R<String> {
    string(need(m, key, path)?, &at(path, key))
}

#[inline(never)]
fn field_id(m: &Map<String, J>, key: &str, path: Path) -> R<&'static str> {
    id(need(m, key, path)?, &at(path, key))
}

/// `{"zh": "…", "en": "…"}`.
#[inline(never)]
pub fn text(v: &J, path: Path) -> R<Text> {
    let m = object(v, path, &["zh", "en"])?;
    Ok(Text::owned(field_str(m, "zh", path)?, field_str(m, "en", path)?))
}

#[inline(never)]
fn text_at(m: &Map<String, J>, key: &str, path: Path) -> R<Text> {
    text(need(m, key, path)?, &at(path, key))
}

#[inline(never)]
fn opt_text(m: &Map<String, J>, key: &str, path: Path) -> R<Option<Text>> {
    get(m, key).map(|v| text(v, &at(path, key))).transpose()
}

#[inline(never)]
fn flag(m: &Map<String, J>, key: &str, path: Path, default: bool) -> R<bool> {
    match get(m, key) {
        None => Ok(default),
        Some(J::Bool(b)) => Ok(*b),
        Some(_) => fail(&at(path, key), "expected true or false"),
    }
}

#[inline(never)]
fn count(m: &Map<String, J>, key: &str, path: Path, default: u64) -> R<u64> {
    match get(m, key) {
        None => Ok(default),
        Some(v) => v.as_u64().map_or_else(|| fail(&at(path, key), "expected a whole number ≥ 0"), Ok),
    }
}

fn list<T>(v: &J, path: Path, item: impl Fn(&J, Path) -> R<T>) -> R<Vec<T>> {
    let Some(items) = v.as_array() else { return fail(path, "expected a list") };
    items.iter().enumerate().map(|(i, x)| item(x, &Idx(path, i))).collect()
}

fn strings(v: &J, path: Path) -> R<Vec<String>> {
    list(v, path, string)
}

/// An object with exactly one key, naming a variant: `{"text": {…}}`.
fn variant<'a>(v: &'a J, path: Path, names: &[&str]) -> R<(&'a str, &'a J)> {
    let m = object(v, path, names)?;
    let mut it = m.iter();
    match (it.next(), it.next()) {
        (Some((k, inner)), None) => Ok((k.as_str(), inner)),
        _ => fail(path, format!("expected exactly one of: {}", names.join(", "))),
    }
}

/// A two-element list `[a, b]`.
fn pair<'a>(v: &'a J, path: Path) -> R<(&'a J, &'a J)> {
    match v.as_array().map(Vec::as_slice) {
        Some([a, b]) => Ok((a, b)),
        _ => fail(path, "expected a list of two"),
    }
}

fn format(v: &J, path: Path) -> R<Format> {
    let name = string(v, path)?;
    Ok(match name.as_str() {
        "uscc" => Format::Uscc,
        "person_name" => Format::PersonName,
        "org_name" => Format::OrgName,
        "english_org_name" => Format::EnglishOrgName,
        "postcode" => Format::Postcode,
        "mobile" => Format::Mobile,
        "landline" => Format::Landline,
        "fax" => Format::Fax,
        "email" => Format::Email,
        "wechat" => Format::WeChat,
        "standard_no" => Format::StandardNo,
        "phone" => Format::Phone,
        "standard_ref" => Format::StandardRef,
        "rank" => Format::Rank,
        _ => return fail(path, format!("unknown format “{name}”")),
    })
}

fn option(v: &J, path: Path) -> R<OptionDef> {
    let m = object(v, path, &["value", "label", "hint"])?;
    Ok(OptionDef {
        value: field_str(m, "value", path)?,
        label: text_at(m, "label", path)?,
        hint: opt_text(m, "hint", path)?,
    })
}

fn options(m: &Map<String, J>, path: Path) -> R<Vec<OptionDef>> {
    list(need(m, "options", path)?, &at(path, "options"), option)
}

const MAX_DEPTH: usize = 3;

fn kind(v: &J, path: Path, depth: usize) -> R<FieldKind> {
    let (name, inner) = variant(v, path, &["text", "choice", "multi_choice", "agree", "date", "files", "rows"])?;
    let p: Path = &at(path, name);
    Ok(match name {
        "text" => {
            let m = object(inner, p, &["max_chars", "multiline", "format"])?;
            FieldKind::Text {
                max_chars: count(m, "max_chars", p, 0).and_then(|n| match n {
                    1..=100_000 => Ok(n as usize),
                    _ => fail(&at(p, "max_chars"), "expected 1 to 100000"),
                })?,
                multiline: flag(m, "multiline", p, false)?,
                format: get(m, "format").map(|f| format(f, &at(p, "format"))).transpose()?,
            }
        }
        "choice" => FieldKind::Choice { options: options(object(inner, p, &["options"])?, p)? },
        "multi_choice" => {
            let m = object(inner, p, &["options", "min"])?;
            FieldKind::MultiChoice { options: options(m, p)?, min: count(m, "min", p, 0)? as usize }
        }
        "agree" => {
            let m = object(inner, p, &["statement"])?;
            FieldKind::Agree { statement: text_at(m, "statement", p)? }
        }
        "date" => FieldKind::Date { not_future: flag(object(inner, p, &["not_future"])?, "not_future", p, true)? },
        "files" => {
            let m = object(inner, p, &["multiple", "accept", "max_bytes"])?;
            FieldKind::Files {
                multiple: flag(m, "multiple", p, false)?,
                accept: match get(m, "accept") {
                    Some(a) => id(a, &at(p, "accept"))?,
                    None => ".pdf,.jpg,.jpeg,.png,.ofd",
                },
                max_bytes: count(m, "max_bytes", p, 50 * 1024 * 1024)?,
            }
        }
        _ => {
            if depth >= MAX_DEPTH {
                return fail(p, format!("rows nested deeper than {MAX_DEPTH} levels"));
            }
            let m = object(inner, p, &["fields", "min", "max", "row_label"])?;
            FieldKind::Rows {
                fields: list(need(m, "fields", p)?, &at(p, "fields"), |v, q| field(v, q, depth + 1))?,
                min: count(m, "min", p, 0)? as usize,
                max: count(m, "max", p, 1000)?.min(10_000) as usize,
                row_label: text_at(m, "row_label", p)?,
            }
        }
    })
}

fn cond(v: &J, path: Path) -> R<Cond> {
    let (name, inner) = variant(v, path, &["equals", "includes"])?;
    let p: Path = &at(path, name);
    let m = object(inner, p, &["field", "value"])?;
    let (field, value) = (field_id(m, "field", p)?, field_id(m, "value", p)?);
    Ok(if name == "equals" { Cond::Equals { field, value } } else { Cond::Includes { field, value } })
}

fn call_cond(m: &Map<String, J>, key: &str, path: Path) -> R<Option<CallCond>> {
    let Some(v) = get(m, key) else { return Ok(None) };
    let p: Path = &at(path, key);
    let c = object(v, p, &["param", "in", "nonempty"])?;
    Ok(Some(CallCond {
        param: field_str(c, "param", p)?,
        values: get(c, "in").map(|x| strings(x, &at(p, "in"))).transpose()?.unwrap_or_default(),
        nonempty: flag(c, "nonempty", p, false)?,
    }))
}

fn field(v: &J, path: Path, depth: usize) -> R<FieldDef> {
    let keys = ["id", "label", "help", "kind", "required", "visible_if", "if_call", "required_if_call"];
    let m = object(v, path, &keys)?;
    Ok(FieldDef {
        id: field_id(m, "id", path)?,
        label: text_at(m, "label", path)?,
        help: opt_text(m, "help", path)?,
        kind: kind(need(m, "kind", path)?, &at(path, "kind"), depth)?,
        required: flag(m, "required", path, true)?,
        visible_if: get(m, "visible_if").map(|c| cond(c, &at(path, "visible_if"))).transpose()?,
        if_call: call_cond(m, "if_call", path)?,
        required_if_call: call_cond(m, "required_if_call", path)?,
    })
}

fn section(v: &J, path: Path) -> R<SectionDef> {
    let m = object(v, path, &["id", "title", "note", "fields", "addition", "if_call"])?;
    Ok(SectionDef {
        id: field_id(m, "id", path)?,
        title: text_at(m, "title", path)?,
        note: opt_text(m, "note", path)?,
        fields: list(need(m, "fields", path)?, &at(path, "fields"), |v, p| field(v, p, 1))?,
        addition: flag(m, "addition", path, false)?,
        if_call: call_cond(m, "if_call", path)?,
    })
}

fn call_param(v: &J, path: Path) -> R<CallParam> {
    let (name, inner) = variant(v, path, &["options", "text", "string", "date", "one_of"])?;
    let p: Path = &at(path, name);
    Ok(match name {
        "options" => {
            let m = object(inner, p, &["field", "value", "label", "hint", "may_be_empty"])?;
            CallParam::Options(OptionsParam {
                field: field_str(m, "field", p)?,
                value: field_str(m, "value", p)?,
                label: field_str(m, "label", p)?,
                hint: get(m, "hint").map(|h| string(h, &at(p, "hint"))).transpose()?,
                may_be_empty: flag(m, "may_be_empty", p, false)?,
            })
        }
        "text" => CallParam::Text(text(inner, p)?),
        "string" => CallParam::String(string(inner, p)?),
        "date" => CallParam::Date(string(inner, p)?),
        _ => {
            let m = object(inner, p, &["values", "default"])?;
            CallParam::OneOf(OneOf {
                values: strings(need(m, "values", p)?, &at(p, "values"))?,
                default: field_str(m, "default", p)?,
            })
        }
    })
}

fn expr(v: &J, path: Path, depth: usize) -> R<Expr> {
    if depth > 16 {
        return fail(path, "expression nested too deeply");
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
    let (name, inner) = variant(v, path, &names)?;
    let p: Path = &at(path, name);
    let s = |v: &J| string(v, p);
    Ok(match name {
        "ticked" => Expr::Ticked(s(inner)?),
        "filled" => Expr::Filled(s(inner)?),
        "empty" => Expr::Empty(s(inner)?),
        "present" => Expr::Present(s(inner)?),
        "uscc_valid" => Expr::UsccValid(s(inner)?),
        "equals" => {
            let (a, b) = pair(inner, p)?;
            Expr::Equals(s(a)?, s(b)?)
        }
        "in" | "uscc_kind" => {
            let (a, b) = pair(inner, p)?;
            let (f, vs) = (s(a)?, strings(b, p)?);
            if name == "in" {
                Expr::In(f, vs)
            } else {
                Expr::UsccKind(f, vs)
            }
        }
        "row_count" => {
            let m = object(inner, p, &["field", "min", "max"])?;
            Expr::RowCount(RowCount {
                field: field_str(m, "field", p)?,
                min: count(m, "min", p, 0)? as usize,
                max: count(m, "max", p, u64::MAX)?.try_into().unwrap_or(usize::MAX),
            })
        }
        "rows_complete" => {
            let m = object(inner, p, &["field", "filled"])?;
            Expr::RowsComplete(RowsComplete {
                field: field_str(m, "field", p)?,
                filled: strings(need(m, "filled", p)?, &at(p, "filled"))?,
            })
        }
        "any_row" => {
            let m = object(inner, p, &["field", "filled"])?;
            Expr::AnyRow(AnyRow { field: field_str(m, "field", p)?, filled: field_str(m, "filled", p)? })
        }
        "all" | "any" => {
            let items = list(inner, p, |v, q| expr(v, q, depth + 1))?;
            if name == "all" {
                Expr::All(items)
            } else {
                Expr::Any(items)
            }
        }
        _ => Expr::Not(Box::new(expr(inner, p, depth + 1)?)),
    })
}

fn param(v: &J, path: Path) -> R<Param> {
    let names = ["text", "list", "count", "count_with", "uscc_kind", "uscc_category"];
    let (name, inner) = variant(v, path, &names)?;
    let p: Path = &at(path, name);
    if name == "count_with" {
        let (a, b) = pair(inner, p)?;
        return Ok(Param::CountWith(string(a, p)?, string(b, p)?));
    }
    let f = string(inner, p)?;
    Ok(match name {
        "text" => Param::Text(f),
        "list" => Param::List(f),
        "count" => Param::Count(f),
        "uscc_kind" => Param::UsccKind(f),
        _ => Param::UsccCategory(f),
    })
}

fn params(m: &Map<String, J>, path: Path) -> R<Vec<(String, Param)>> {
    let Some(v) = get(m, "params") else { return Ok(Vec::new()) };
    let p: Path = &at(path, "params");
    let Some(map) = v.as_object() else { return fail(p, "expected an object") };
    let mut out = Vec::with_capacity(map.len());
    for (k, v) in map {
        out.push((k.clone(), param(v, &at(p, k))?));
    }
    Ok(out)
}

fn opt_expr(m: &Map<String, J>, key: &str, path: Path) -> R<Option<Expr>> {
    get(m, key).map(|v| expr(v, &at(path, key), 0)).transpose()
}

fn rule(v: &J, path: Path) -> R<Rule> {
    let m = object(v, path, &["code", "severity", "message", "when", "unique", "at", "params"])?;
    let severity = match field_str(m, "severity", path)?.as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        other => return fail(&at(path, "severity"), format!("expected “error” or “warning”, not “{other}”")),
    };
    let unique = match get(m, "unique") {
        None => None,
        Some(u) => {
            let p: Path = &at(path, "unique");
            let u = object(u, p, &["rows", "key"])?;
            Some(Unique { rows: field_str(u, "rows", p)?, key: strings(need(u, "key", p)?, &at(p, "key"))? })
        }
    };
    Ok(Rule {
        code: field_id(m, "code", path)?,
        severity,
        message: opt_text(m, "message", path)?,
        when: opt_expr(m, "when", path)?,
        unique,
        at: field_str(m, "at", path)?,
        params: params(m, path)?,
    })
}

fn status(v: &J, path: Path) -> R<Status> {
    Ok(match string(v, path)?.as_str() {
        "pass" => Status::Pass,
        "fail" => Status::Fail,
        "needs_info" => Status::NeedsInfo,
        "review" => Status::Review,
        "info" => Status::Info,
        other => return fail(path, format!("unknown status “{other}” (pass, fail, needs_info, review, info)")),
    })
}

fn outcome(v: &J, path: Path) -> R<Outcome> {
    let m = object(v, path, &["when", "status", "reason", "remedy"])?;
    Ok(Outcome {
        when: opt_expr(m, "when", path)?,
        status: status(need(m, "status", path)?, &at(path, "status"))?,
        reason: text_at(m, "reason", path)?,
        remedy: opt_text(m, "remedy", path)?,
    })
}

fn condition(v: &J, path: Path) -> R<Condition> {
    let m = object(v, path, &["id", "clause", "condition", "params", "outcomes", "if_call"])?;
    Ok(Condition {
        id: field_id(m, "id", path)?,
        clause: text_at(m, "clause", path)?,
        condition: text_at(m, "condition", path)?,
        params: params(m, path)?,
        outcomes: list(need(m, "outcomes", path)?, &at(path, "outcomes"), outcome)?,
        if_call: call_cond(m, "if_call", path)?,
    })
}

fn seal(v: &J, path: Path) -> R<Seal> {
    let m = object(v, path, &["section", "date_field", "signature", "date_note"])?;
    Ok(Seal {
        section: field_id(m, "section", path)?,
        date_field: field_id(m, "date_field", path)?,
        signature: text_at(m, "signature", path)?,
        date_note: text_at(m, "date_note", path)?,
    })
}

fn process(v: &J, path: Path) -> R<Process> {
    let m = object(v, path, &["recipient", "reviewers", "hand_in", "steps"])?;
    Ok(Process {
        recipient: text_at(m, "recipient", path)?,
        reviewers: text_at(m, "reviewers", path)?,
        hand_in: text_at(m, "hand_in", path)?,
        steps: list(need(m, "steps", path)?, &at(path, "steps"), text)?,
    })
}

/// Reads a whole definition.
pub fn definition(v: &J) -> R<FormDef> {
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
    let m = object(v, root, &keys)?;
    let call = match get(m, "call") {
        None => Vec::new(),
        Some(c) => {
            let Some(map) = c.as_object() else { return fail(&"call", "expected an object") };
            let mut out = Vec::with_capacity(map.len());
            for (k, v) in map {
                out.push((k.clone(), call_param(v, &at(&"call", k))?));
            }
            out
        }
    };
    let def = FormDef {
        id: field_id(m, "id", root)?,
        version: field_id(m, "version", root)?,
        rules_version: field_id(m, "rules_version", root)?,
        title: text_at(m, "title", root)?,
        body: text_at(m, "body", root)?,
        name_field: field_id(m, "name_field", root)?,
        sections: list(need(m, "sections", root)?, &"sections", section)?,
        seal: seal(need(m, "seal", root)?, &"seal")?,
        process: process(need(m, "process", root)?, &"process")?,
        deadline: None,
        call,
        rules: get(m, "rules").map(|r| list(r, &"rules", rule)).transpose()?.unwrap_or_default(),
        conditions: get(m, "conditions").map(|c| list(c, &"conditions", condition)).transpose()?.unwrap_or_default(),
    };
    Ok(def)
}
