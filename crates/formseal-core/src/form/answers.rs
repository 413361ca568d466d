//! The applicant's answers: values keyed by field id, read back from JSON by the form definition.

use super::def::{FieldDef, FieldKind, FormDef};
use super::row::Row;
use serde::Serialize;
use std::collections::BTreeMap;

/// A file chosen for an attachment field; its bytes are kept by the host (browser storage or disk).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FileRef {
    /// Storage key of the bytes, unique within the draft.
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub media_type: String,
    pub size: u64,
}

impl FileRef {
    /// Reads `{"id", "name", "type", "size"}` (no other keys), as drafts store it.
    pub fn from_json(v: &serde_json::Value) -> Option<FileRef> {
        let m = v.as_object().filter(|m| m.keys().all(|k| ["id", "name", "type", "size"].contains(&k.as_str())))?;
        let s = |k: &str| m.get(k)?.as_str().map(str::to_string);
        Some(FileRef { id: s("id")?, name: s("name")?, media_type: s("type")?, size: m.get("size")?.as_u64()? })
    }
}

/// One value of a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Bool(bool),
    List(Vec<String>),
    Rows(Vec<Row>),
    Files(Vec<FileRef>),
}

/// All answers of one application, keyed by field id.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Value>);

/// A value in a JSON file that does not fit the field it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerError {
    /// `field` or `group[row].field`, row 0-based.
    pub path: String,
    /// What the field needs: `text`, `boolean`, `list`, `rows`, `files`.
    pub expected: &'static str,
}

impl Answers {
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }
    pub fn set(&mut self, id: &str, value: Value) {
        self.0.insert(id.to_string(), value);
    }
    /// The text of a field, or "" when absent or not text.
    pub fn text(&self, id: &str) -> &str {
        match self.0.get(id) {
            Some(Value::Text(t)) => t,
            _ => "",
        }
    }
    pub fn flag(&self, id: &str) -> bool {
        matches!(self.0.get(id), Some(Value::Bool(true)))
    }
    pub fn list(&self, id: &str) -> &[String] {
        match self.0.get(id) {
            Some(Value::List(l)) => l,
            _ => &[],
        }
    }
    pub fn rows(&self, id: &str) -> &[Row] {
        match self.0.get(id) {
            Some(Value::Rows(r)) => r,
            _ => &[],
        }
    }
    pub fn files(&self, id: &str) -> &[FileRef] {
        match self.0.get(id) {
            Some(Value::Files(f)) => f,
            _ => &[],
        }
    }

    /// Every attachment the answers refer to, with its field id, in the form's order — also those
    /// of attachment fields inside repeatable rows.
    pub fn attachments<'a>(&'a self, def: &FormDef) -> Vec<(&'static str, &'a FileRef)> {
        self.attachment_fields(def).into_iter().map(|(f, r)| (f.id, r)).collect()
    }

    /// Every attachment with the definition of the field it is in, in the form's order.
    pub fn attachment_fields<'a, 'd>(&'a self, def: &'d FormDef) -> Vec<(&'d FieldDef, &'a FileRef)> {
        fn collect<'a, 'd>(f: &'d FieldDef, v: Option<&'a Value>, out: &mut Vec<(&'d FieldDef, &'a FileRef)>) {
            match (&f.kind, v) {
                (FieldKind::Files { .. }, Some(Value::Files(list))) => out.extend(list.iter().map(|r| (f, r))),
                (FieldKind::Rows { fields, .. }, Some(Value::Rows(rows))) => {
                    for row in rows {
                        for sub in fields {
                            collect(sub, row.values.get(sub.id), out);
                        }
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        for f in def.fields() {
            collect(f, self.0.get(f.id), &mut out);
        }
        out
    }

    /// Every file the answers name, at any depth, without the definition.
    pub fn all_files(&self) -> Vec<&FileRef> {
        fn walk<'a>(v: &'a Value, out: &mut Vec<&'a FileRef>) {
            match v {
                Value::Files(f) => out.extend(f.iter()),
                Value::Rows(rows) => rows.iter().flat_map(|r| r.values.values()).for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        self.0.values().for_each(|v| walk(v, &mut out));
        out
    }

    /// Keeps only the files (at any depth) for which `keep` is true.
    pub fn retain_files(&mut self, keep: &dyn Fn(&FileRef) -> bool) {
        fn walk(v: &mut Value, keep: &dyn Fn(&FileRef) -> bool) {
            match v {
                Value::Files(f) => f.retain(|r| keep(r)),
                Value::Rows(rows) => rows.iter_mut().flat_map(|r| r.values.values_mut()).for_each(|v| walk(v, keep)),
                _ => {}
            }
        }
        self.0.values_mut().for_each(|v| walk(v, keep));
    }

    /// Answers with every field of `def` present and empty (rows: `min` empty rows).
    pub fn empty(def: &FormDef) -> Answers {
        let mut a = Answers::default();
        let mut key = 0;
        for f in def.fields() {
            let v = match &f.kind {
                FieldKind::Rows { fields, min, .. } => Value::Rows(
                    (0..(*min).max(1))
                        .map(|_| {
                            key += 1;
                            empty_row(fields, key)
                        })
                        .collect(),
                ),
                _ => f.empty_value(),
            };
            a.set(f.id, v);
        }
        a
    }

    /// Reads answers from JSON guided by `def`. Fields the form does not have are returned in
    /// the second list (so a caller can say they were dropped); values of the wrong type are errors.
    pub fn from_json(def: &FormDef, json: &serde_json::Value) -> Result<(Answers, Vec<String>), Vec<AnswerError>> {
        let obj = json.as_object().ok_or_else(|| vec![AnswerError { path: String::new(), expected: "object" }])?;
        let mut out = Answers::empty(def);
        let mut errors = Vec::new();
        let mut key = 1_000_000;
        for (name, v) in obj {
            match def.field(name) {
                Some(f) => match read_value(f, v, name, &mut key, &mut errors) {
                    Some(val) => out.set(f.id, val),
                    None => continue,
                },
                None => continue,
            }
        }
        let unknown = obj.keys().filter(|k| def.field(k).is_none()).cloned().collect();
        if errors.is_empty() {
            Ok((out, unknown))
        } else {
            Err(errors)
        }
    }

    /// The answers as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// Longest text value read from a file (bytes): beyond any field's length.
pub const MAX_TEXT_BYTES: usize = 400_000;
/// Most attachments one field may list.
pub const MAX_FILES: usize = 200;
/// Rows are refused beyond a field's maximum, or this many when its maximum is smaller (a
/// few rows too many are shown as a validation message, not refused).
pub const MIN_ROWS_CAP: usize = 50;
/// Most JSON values (objects, arrays and their items) read from one file: far above the largest
/// real application (500 writers with 5 rows each hold about 20,000), and a bound on what a
/// hostile file can make the parser build.
pub const MAX_JSON_VALUES: usize = 200_000;

/// Whether `text` holds more than `max` JSON values, counted before parsing by a linear scan of
/// the structural characters outside strings (nothing is allocated).
pub fn too_many_values(text: &[u8], max: usize) -> bool {
    let (mut n, mut in_string, mut escaped) = (0usize, false, false);
    for &b in text {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' | b'[' | b',' => {
                    n += 1;
                    if n > max {
                        return true;
                    }
                }
                _ => {}
            }
        }
    }
    false
}

/// At most this many values are reported as not fitting.
const MAX_ERRORS: usize = 100;

/// A new row with every sub-field empty.
pub fn empty_row(fields: &[FieldDef], key: u64) -> Row {
    // Inserted one by one: `collect` into a map would sort first, and bring a sort routine into
    // the browser's first download.
    let mut values = BTreeMap::new();
    for f in fields {
        values.insert(f.id.to_string(), f.empty_value());
    }
    Row { key, values: values.into() }
}

fn read_value(
    f: &FieldDef,
    v: &serde_json::Value,
    path: &str,
    key: &mut u64,
    errors: &mut Vec<AnswerError>,
) -> Option<Value> {
    use serde_json::Value as J;
    // Bounds at parse time (issue 14, item 4): what no field can hold is refused before it is
    // copied, so a hostile draft or package costs no more than its own size.
    if errors.len() >= MAX_ERRORS {
        return None;
    }
    let mut fail = |expected| {
        errors.push(AnswerError { path: path.to_string(), expected });
        None
    };
    match (&f.kind, v) {
        (FieldKind::Text { .. } | FieldKind::Choice { .. } | FieldKind::Date { .. }, J::String(s))
            if s.len() > MAX_TEXT_BYTES =>
        {
            fail("text")
        }
        (FieldKind::Text { .. } | FieldKind::Choice { .. } | FieldKind::Date { .. }, J::String(s)) => {
            Some(Value::Text(s.clone()))
        }
        (FieldKind::Text { .. } | FieldKind::Choice { .. } | FieldKind::Date { .. }, J::Null) => {
            Some(Value::Text(String::new()))
        }
        (FieldKind::Text { .. } | FieldKind::Choice { .. } | FieldKind::Date { .. }, _) => fail("text"),
        (FieldKind::Agree { .. }, J::Bool(b)) => Some(Value::Bool(*b)),
        (FieldKind::Agree { .. }, _) => fail("boolean"),
        (FieldKind::MultiChoice { options, .. }, J::Array(items)) if items.len() > options.len() + 16 => fail("list"),
        (FieldKind::Files { .. }, J::Array(items)) if items.len() > MAX_FILES => fail("files"),
        (FieldKind::Rows { max, .. }, J::Array(items)) if items.len() > (*max).max(MIN_ROWS_CAP) => fail("rows"),
        (FieldKind::MultiChoice { .. }, J::Array(items)) => {
            match items.iter().map(|i| i.as_str().map(str::to_string)).collect::<Option<Vec<_>>>() {
                Some(l) => Some(Value::List(l)),
                None => fail("list"),
            }
        }
        (FieldKind::MultiChoice { .. }, _) => fail("list"),
        (FieldKind::Files { .. }, J::Array(items)) => match items.iter().map(FileRef::from_json).collect() {
            Some(files) => Some(Value::Files(files)),
            None => fail("files"),
        },
        (FieldKind::Files { .. }, _) => fail("files"),
        (FieldKind::Rows { fields, .. }, J::Array(items)) => {
            let mut rows = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let Some(obj) = item.as_object() else {
                    errors.push(AnswerError { path: format!("{path}[{i}]"), expected: "object" });
                    continue;
                };
                *key += 1;
                let mut row = empty_row(fields, *key);
                for sub in fields {
                    if let Some(sv) = obj.get(sub.id) {
                        let sub_path = format!("{path}[{i}].{}", sub.id);
                        if let Some(val) = read_value(sub, sv, &sub_path, key, errors) {
                            row.values.insert(sub.id.to_string(), val);
                        }
                    }
                }
                rows.push(row);
            }
            Some(Value::Rows(rows))
        }
        (FieldKind::Rows { .. }, _) => fail("rows"),
    }
}

/// Longest text a control takes, in UTF-16 code units as the browser's `maxlength` counts them.
/// Each is at most 3 bytes of UTF-8, so whatever is typed or pasted stays within
/// [`MAX_TEXT_BYTES`], and the draft the browser saves can always be read back: a longer paste
/// made the whole saved draft unreadable, and the form opened blank after a reload. Far beyond
/// any field's own `max_chars`, which the field's message reports as the applicant types.
pub const MAX_TEXT_UNITS: usize = 100_000;
const _: () = assert!(MAX_TEXT_UNITS * 3 <= MAX_TEXT_BYTES);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Attachment fields inside rows are found, listed with their field, and can be filtered (issue
    /// 15: they were left out of drafts and packages).
    #[test]
    fn attachments_inside_rows_are_found() {
        let label = json!({ "zh": "x", "en": "x" });
        let def = crate::form::read::definition(&json!({
            "id": "t", "version": "1", "rules_version": "t/1", "title": label, "body": label, "name_field": "unit",
            "process": { "recipient": label, "reviewers": label, "hand_in": label, "steps": [] },
            "seal": { "section": "s", "date_field": "unit", "signature": label, "date_note": label },
            "sections": [{ "id": "s", "title": label, "fields": [
                { "id": "unit", "label": label, "kind": { "text": { "max_chars": 40 } } },
                { "id": "licence", "label": label, "kind": { "files": {} }, "required": false },
                { "id": "experts", "label": label, "kind": { "rows": { "row_label": label, "fields": [
                    { "id": "name", "label": label, "kind": { "text": { "max_chars": 40 } } },
                    { "id": "cv", "label": label, "kind": { "files": {} }, "required": false },
                ] } } },
            ] }],
        }))
        .expect("definition");
        let file = |id: &str| json!({ "id": id, "name": format!("{id}.pdf"), "type": "application/pdf", "size": 3 });
        let answers = json!({ "unit": "u", "licence": [file("l")], "experts": [
            { "name": "a", "cv": [file("a")] }, { "name": "b", "cv": [] }, { "name": "c", "cv": [file("c")] },
        ] });
        let (mut a, dropped) = Answers::from_json(&def, &answers).expect("answers");
        assert!(dropped.is_empty());
        let listed: Vec<(&str, &str)> = a.attachments(&def).iter().map(|(f, r)| (*f, r.id.as_str())).collect();
        assert_eq!(listed, [("licence", "l"), ("cv", "a"), ("cv", "c")]);
        assert_eq!(a.all_files().len(), 3);
        a.retain_files(&|f| f.id != "a");
        let ids: Vec<&str> = a.all_files().iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["c", "l"]); // in the order of the field ids
    }
}
