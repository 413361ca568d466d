//! Reading a definition's sections and fields.

use super::{at, get, Obj, Path, Reader, FORMATS, KINDS, MAX_DEPTH};
use crate::form::{Cond, FieldDef, FieldKind, OptionDef, SectionDef};
use serde_json::Value as J;

impl Reader {
    pub(super) fn option(&mut self, v: &J, path: Path) -> OptionDef {
        let m = self.object(Some(v), path, &["value", "label", "hint"]);
        OptionDef {
            value: self.str_at(m, "value", path),
            label: self.text_at(m, "label", path),
            hint: self.opt_text(m, "hint", path),
        }
    }

    pub(super) fn options(&mut self, m: Obj, path: Path) -> Vec<OptionDef> {
        self.list(get(m, "options"), &at(path, "options"), Self::option)
    }

    pub(super) fn kind(&mut self, v: Option<&J>, path: Path, depth: usize) -> FieldKind {
        let (name, inner) = self.variant(v, path, KINDS);
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
                    // The widget places rows in a list or in a list of a row (`RowsAt`), no deeper.
                    self.fail(p, format!("rows nested more than {} levels deep", MAX_DEPTH - 1));
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

    pub(super) fn cond(&mut self, v: &J, path: Path) -> Cond {
        let (name, inner) = self.variant(Some(v), path, &["equals", "includes", "one_of"]);
        let p: Path = &at(path, name);
        if name == "one_of" {
            let m = self.object(Some(inner), p, &["field", "values"]);
            let values = self.strings(get(m, "values"), &at(p, "values"));
            return Cond::OneOf { field: self.id_at(m, "field", p), values };
        }
        let m = self.object(Some(inner), p, &["field", "value"]);
        let (field, value) = (self.id_at(m, "field", p), self.id_at(m, "value", p));
        if name == "includes" {
            Cond::Includes { field, value }
        } else {
            Cond::Equals { field, value }
        }
    }

    pub(super) fn field(&mut self, v: &J, path: Path, depth: usize) -> FieldDef {
        let keys = ["id", "label", "help", "kind", "required", "visible_if", "if_call", "required_if_call"];
        let m = self.object(Some(v), path, &keys);
        FieldDef {
            id: self.name_at(m, "id", path),
            label: self.text_at(m, "label", path),
            help: self.opt_text(m, "help", path),
            kind: self.kind(get(m, "kind"), &at(path, "kind"), depth),
            required: self.flag(m, "required", path, true),
            visible_if: get(m, "visible_if").map(|c| self.cond(c, &at(path, "visible_if"))),
            if_call: self.call_cond(m, "if_call", path),
            required_if_call: self.call_cond(m, "required_if_call", path),
        }
    }

    pub(super) fn section(&mut self, v: &J, path: Path) -> SectionDef {
        let m = self.object(Some(v), path, &["id", "title", "note", "fields", "addition", "if_call"]);
        SectionDef {
            id: self.name_at(m, "id", path),
            title: self.text_at(m, "title", path),
            note: self.opt_text(m, "note", path),
            fields: self.list(get(m, "fields"), &at(path, "fields"), |r, v, p| r.field(v, p, 1)),
            addition: self.flag(m, "addition", path, false),
            if_call: self.call_cond(m, "if_call", path),
        }
    }
}

// At the end of the file: code added above the reader's moves the panic locations of all that
// follows, bytes of the first download.
impl Reader {
    /// A field's or a section's id, which is also part of the widget's element ids
    /// (`<prefix>-<id>`, a row's fields `…-<row>-<id>`): letters, digits and `_` only. The
    /// widget's own element ids have a `.` after the prefix, which no such id can make.
    #[inline(never)]
    fn name_at(&mut self, m: Obj, key: &str, path: Path) -> &'static str {
        let id = self.id_at(m, key, path);
        if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            self.fail(&at(path, key), "only letters, digits and _".into());
        }
        id
    }
}
