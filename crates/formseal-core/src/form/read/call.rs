//! Reading the call parameters a definition declares and the conditions on them.

use super::{at, get, Obj, Path, Reader, CALL_PARAMS};
use crate::form::CallCond;
use crate::forms::call::{CallParam, OneOf, OptionsParam};
use serde_json::Value as J;

impl Reader {
    pub(super) fn call_cond(&mut self, m: Obj, key: &str, path: Path) -> Option<CallCond> {
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

    pub(super) fn call_param(&mut self, v: &J, path: Path) -> CallParam {
        let (name, inner) = self.variant(Some(v), path, CALL_PARAMS);
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

    pub(super) fn call_params(&mut self, v: &J) -> Vec<(String, CallParam)> {
        let Some(c) = v.get("call").filter(|c| !c.is_null()) else { return Vec::new() };
        let Some(map) = c.as_object() else {
            self.fail(&"call", "expected an object".into());
            return Vec::new();
        };
        map.iter().map(|(k, v)| (k.clone(), self.call_param(v, &at(&"call", k)))).collect()
    }
}
