//! What `formseal check-form` reports beyond what the reader refuses: a definition can be read
//! and still be wrong — two fields with one id, a condition naming a field that does not exist,
//! an outcome no answers can reach, attachments inside rows (the form cannot store them there).
//! Each finding names its place in the definition, as
//! the reader's messages do (`sections[1].fields[3].id`).

use super::def::{CallCond, Cond, FieldDef, FieldKind, FormDef};
use super::logic::{Expr, Param};
use crate::forms::call::CallParam;
use crate::issue::Finding;

/// One problem of a definition: where it is, and what (a catalogue key `lint.*` with params).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    pub path: String,
    pub finding: Finding,
}

/// Every problem found in `def`, in definition order.
pub fn lint(def: &FormDef) -> Vec<Lint> {
    let mut out = Vec::new();
    let mut push = |path: String, finding: Finding| out.push(Lint { path, finding });
    let mut ids: Vec<&str> = Vec::new();
    for (i, s) in def.sections.iter().enumerate() {
        let at = format!("sections[{i}]");
        fields(&s.fields, &at, &mut ids, &mut push);
        call_cond(def, s.if_call.as_ref(), &format!("{at}.if_call"), &mut push);
        for (j, f) in s.fields.iter().enumerate() {
            if let Some(c) = &f.visible_if {
                cond(def, &s.fields, c, &format!("{at}.fields[{j}].visible_if"), &mut push);
            }
            call_cond(def, f.if_call.as_ref(), &format!("{at}.fields[{j}].if_call"), &mut push);
            call_cond(def, f.required_if_call.as_ref(), &format!("{at}.fields[{j}].required_if_call"), &mut push);
        }
    }
    if def.sections.iter().filter(|s| s.id == def.seal.section).count() != 1 {
        push("seal.section".into(), unknown("section", def.seal.section));
    }
    for (path, id) in [("name_field", def.name_field), ("seal.date_field", def.seal.date_field)] {
        if def.field(id).is_none() {
            push(path.into(), unknown("field", id));
        }
    }
    for (i, r) in def.rules.iter().enumerate() {
        let at = format!("rules[{i}]");
        if let Some(w) = &r.when {
            expr(def, w, &format!("{at}.when"), &mut push);
        }
        if let Some(u) = &r.unique {
            match rows_of(def, &u.rows) {
                None => push(format!("{at}.unique.rows"), unknown("rows field", &u.rows)),
                Some(sub) => {
                    for k in u.key.iter().chain([&r.at]).filter(|k| !sub.iter().any(|f| f.id == k.as_str())) {
                        push(format!("{at}.unique"), unknown("field", k));
                    }
                }
            }
        } else if !r.at.is_empty() && def.field(&r.at).is_none() {
            push(format!("{at}.at"), unknown("field", &r.at));
        }
        params(def, &r.params, &at, &mut push);
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, c) in def.conditions.iter().enumerate() {
        let at = format!("conditions[{i}]");
        if seen.contains(&c.id) {
            push(format!("{at}.id"), Finding::error(key!("lint.duplicate_id")).with("id", c.id));
        }
        seen.push(c.id);
        call_cond(def, c.if_call.as_ref(), &format!("{at}.if_call"), &mut push);
        params(def, &c.params, &at, &mut push);
        let mut earlier: Vec<String> = Vec::new();
        let mut always = false;
        for (k, o) in c.outcomes.iter().enumerate() {
            let place = format!("{at}.outcomes[{k}]");
            let shape = format!("{:?}", o.when);
            if always || earlier.contains(&shape) {
                push(place.clone(), Finding::error(key!("lint.unreachable")));
            }
            if let Some(w) = &o.when {
                expr(def, w, &format!("{place}.when"), &mut push);
            }
            always |= o.when.is_none();
            earlier.push(shape);
        }
    }
    out
}

/// Every text of a definition as written (its JSON) that has no English: a definition is
/// bilingual (only the browser's copies of the built-in forms leave `en` out, see
/// `scripts/forms.mjs`).
pub fn english(v: &serde_json::Value, at: &str, out: &mut Vec<Lint>) {
    match v {
        serde_json::Value::Object(m) if m.get("zh").is_some_and(|z| z.is_string()) && !m.contains_key("en") => {
            out.push(Lint { path: at.to_string(), finding: Finding::error(key!("lint.no_english")) });
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                english(x, &if at.is_empty() { k.clone() } else { format!("{at}.{k}") }, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                english(x, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// A switch on the call names a parameter the definition declares, and only values it can take
/// (else what it guards is never shown, or always).
fn call_cond(def: &FormDef, c: Option<&CallCond>, at: &str, push: &mut impl FnMut(String, Finding)) {
    let Some(c) = c else { return };
    match def.call.iter().find(|(name, _)| *name == c.param) {
        None => push(format!("{at}.param"), Finding::error(key!("lint.unknown_call")).with("name", c.param.clone())),
        Some((_, CallParam::OneOf(one_of))) => {
            for v in c.values.iter().filter(|v| !one_of.values.contains(v)) {
                push(
                    format!("{at}.in"),
                    Finding::error(key!("lint.never")).with("field", c.param.clone()).with("value", v.clone()),
                );
            }
        }
        Some(_) => {}
    }
}

fn unknown(what: &str, name: &str) -> Finding {
    let code = match what {
        "section" => key!("lint.unknown_section"),
        "rows field" => key!("lint.unknown_rows"),
        _ => key!("lint.unknown_field"),
    };
    Finding::error(code).with("name", name)
}

/// Field ids are unique in their scope (the form, or one rows field); a choice's values are
/// distinct. (Attachment fields may be inside rows: their files are kept per row, issue 15.)
fn fields<'a>(list: &'a [FieldDef], at: &str, ids: &mut Vec<&'a str>, push: &mut impl FnMut(String, Finding)) {
    for (j, f) in list.iter().enumerate() {
        let place = format!("{at}.fields[{j}]");
        if ids.contains(&f.id) {
            push(format!("{place}.id"), Finding::error(key!("lint.duplicate_id")).with("id", f.id));
        }
        ids.push(f.id);
        match &f.kind {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => {
                for (k, o) in options.iter().enumerate() {
                    if options[..k].iter().any(|p| p.value == o.value) {
                        push(
                            format!("{place}.kind.options[{k}]"),
                            Finding::error(key!("lint.duplicate_option")).with("value", o.value.clone()),
                        );
                    }
                }
            }
            FieldKind::Rows { fields: sub, min, max, .. } => {
                if min > max {
                    push(format!("{place}.kind.rows"), Finding::error(key!("lint.min_max")));
                }
                let mut inner = Vec::new();
                fields(sub, &format!("{place}.kind.rows"), &mut inner, push);
            }
            _ => {}
        }
    }
}

/// The sub-fields of the top-level rows field `id`.
fn rows_of<'a>(def: &'a FormDef, id: &str) -> Option<&'a [FieldDef]> {
    match &def.field(id)?.kind {
        FieldKind::Rows { fields, .. } => Some(fields),
        _ => None,
    }
}

/// The options of a choice field, when `id` is one.
fn options_of<'a>(list: &'a [FieldDef], def: &'a FormDef, id: &str) -> Option<Vec<&'a str>> {
    let f = list.iter().find(|f| f.id == id).or_else(|| def.field(id))?;
    match &f.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => {
            Some(options.iter().map(|o| o.value.as_str()).collect())
        }
        _ => None,
    }
}

fn cond(def: &FormDef, scope: &[FieldDef], c: &Cond, at: &str, push: &mut impl FnMut(String, Finding)) {
    let (field, values) = match c {
        Cond::Equals { field, value } | Cond::Includes { field, value } => (*field, vec![*value]),
        Cond::OneOf { field, values } => (*field, values.iter().map(String::as_str).collect()),
    };
    if !scope.iter().any(|f| f.id == field) && def.field(field).is_none() {
        return push(at.into(), unknown("field", field));
    }
    values.iter().for_each(|v| is_option(def, scope, field, v, at, push));
}

/// A value a condition compares a choice field with must be one of its options (else the
/// condition never holds).
fn is_option(
    def: &FormDef,
    scope: &[FieldDef],
    field: &str,
    value: &str,
    at: &str,
    push: &mut dyn FnMut(String, Finding),
) {
    if options_of(scope, def, field).is_some_and(|o| !o.contains(&value)) {
        push(at.into(), Finding::error(key!("lint.never")).with("field", field).with("value", value));
    }
}

/// Fields named in an expression exist, and the values it compares a choice with are options.
fn expr(def: &FormDef, e: &Expr, at: &str, push: &mut impl FnMut(String, Finding)) {
    let field = |f: &str, push: &mut dyn FnMut(String, Finding)| {
        if def.field(f).is_none() {
            push(at.into(), unknown("field", f));
        }
    };
    let sub = |rows: &str, names: &[&String], push: &mut dyn FnMut(String, Finding)| match rows_of(def, rows) {
        None => push(at.into(), unknown("rows field", rows)),
        Some(fields) => {
            for n in names.iter().filter(|n| !fields.iter().any(|f| f.id == n.as_str())) {
                push(at.into(), unknown("field", n));
            }
        }
    };
    let choices = |f: &str, values: &[&String], push: &mut dyn FnMut(String, Finding)| {
        values.iter().for_each(|v| is_option(def, &[], f, v, at, push));
    };
    match e {
        Expr::Ticked(f) | Expr::Filled(f) | Expr::Empty(f) | Expr::UsccValid(f) | Expr::UsccKind(f, _) => {
            field(f, push)
        }
        // `present` asks whether the form has the field: naming one it lacks is its purpose.
        Expr::Present(_) => {}
        Expr::Equals(f, v) => {
            field(f, push);
            choices(f, &[v], push);
        }
        Expr::In(f, vs) => {
            field(f, push);
            choices(f, &vs.iter().collect::<Vec<_>>(), push);
        }
        Expr::RowCount(r) => {
            sub(&r.field, &[], push);
            if r.min > r.max {
                push(at.into(), Finding::error(key!("lint.min_max")));
            }
        }
        Expr::RowsComplete(r) => sub(&r.field, &r.filled.iter().collect::<Vec<_>>(), push),
        Expr::AnyRow(r) => sub(&r.field, &[&r.filled], push),
        Expr::All(list) | Expr::Any(list) => {
            for (k, x) in list.iter().enumerate() {
                expr(def, x, &format!("{at}[{k}]"), push);
            }
        }
        Expr::Not(x) => expr(def, x, at, push),
    }
}

fn params(def: &FormDef, list: &[(String, Param)], at: &str, push: &mut impl FnMut(String, Finding)) {
    for (name, p) in list {
        let f = match p {
            Param::Text(f) | Param::List(f) | Param::Count(f) | Param::UsccKind(f) | Param::UsccCategory(f) => f,
            Param::CountWith(f, _) => f,
        };
        if def.field(f).is_none() {
            push(format!("{at}.params.{name}"), unknown("field", f));
        }
    }
}
