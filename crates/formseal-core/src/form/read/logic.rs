//! Reading the rules and eligibility conditions of a definition (the vocabulary of
//! [`crate::form::logic`]).

use super::{at, get, Obj, Path, Reader, EXPRS, PARAMS, STATUSES};
use crate::form::logic::{AnyRow, Condition, Expr, Outcome, Param, RowCount, RowsComplete, Rule, Unique};
use crate::form::Status;
use crate::issue::Severity;
use serde_json::Value as J;

impl Reader {
    pub(super) fn expr(&mut self, v: Option<&J>, path: Path, depth: usize) -> Expr {
        if depth > 16 {
            self.fail(path, "expression nested too deeply".into());
            return Expr::All(Vec::new());
        }
        let (name, inner) = self.variant(v, path, EXPRS);
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
        let (name, inner) = self.variant(Some(v), path, PARAMS);
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

    pub(super) fn rule(&mut self, v: &J, path: Path) -> Rule {
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

    pub(super) fn condition(&mut self, v: &J, path: Path) -> Condition {
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
}
