//! A call: what a host configures when it opens a form to applicants. A definition names its
//! parameters (`"call": {"name": {…}}`); the host's configuration of the form is a JSON object
//! with those names, plus two that every form takes:
//! `"deadline": "2026-12-31"` (the closing date) and `"required_attachments": ["licence"]`
//! (attachment fields that must be filled).
//!
//! Parameter kinds:
//! - `{"options": {"field": "working_groups", "value": "code", "label": "code", "hint": "name"}}`:
//!   a list of objects that replaces the options of the choice field `field`; `value`, `label` and
//!   `hint` name the keys of each object (a label or hint is a string, or `{"zh", "en"}`). Without
//!   the host's list, the field keeps the definition's options. `"may_be_empty": true` allows `[]`.
//! - `{"text": {"zh", "en"}}`, `{"string": "…"}`, `{"date": "YYYY-MM-DD"}`: a value used in the
//!   definition's texts as `{call:name}` (a date reads 2023年2月15日 / 15 February 2023); the
//!   definition gives the default.
//! - `{"one_of": {"values": ["off", "on"], "default": "off"}}`: a switch.
//!
//! Sections and fields with `"if_call": {"param": "name", "in": [values]}` (or `"nonempty": true`
//! for an options list) exist only when it holds; `"required_if_call"` makes a field required.

use crate::form::{CallCond, FieldKind, FormDef, OptionDef, Text};
use crate::messages::Locale;
use crate::rules::date::CivilDate;
use serde_json::Value as J;

/// One parameter a definition lets the host set (see the module's documentation).
#[derive(Clone, Debug)]
pub enum CallParam {
    Options(OptionsParam),
    Text(Text),
    String(String),
    Date(String),
    OneOf(OneOf),
}

#[derive(Clone, Debug)]
pub struct OptionsParam {
    pub field: String,
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
    pub may_be_empty: bool,
}

#[derive(Clone, Debug)]
pub struct OneOf {
    pub values: Vec<String>,
    pub default: String,
}

/// Why a host's call configuration cannot be used (the form's id is added by the caller).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// A key the form does not take, or a value of the wrong shape.
    Invalid(String),
    /// A list that must not be empty is.
    Empty(String),
    /// The same value twice in a list.
    Duplicate(String),
}

/// The value of a parameter after the host's configuration.
enum Setting {
    /// The host's list of options; `None`: the field keeps the definition's.
    Options(Option<Vec<OptionDef>>),
    Text(Text),
    Choice(String),
}

fn text_of(v: &J, key: &str, at: &str) -> Result<Text, CallError> {
    match v.get(key) {
        Some(J::String(s)) => Ok(Text::owned(s.clone(), s.clone())),
        Some(obj @ J::Object(_)) => {
            crate::form::read::text(obj, &format!("{at}.{key}")).map_err(|e| CallError::Invalid(e.to_string()))
        }
        Some(_) => Err(CallError::Invalid(format!("{at}.{key}: expected a string or {{\"zh\", \"en\"}}"))),
        None => Err(CallError::Invalid(format!("{at}: missing field `{key}`"))),
    }
}

fn options(p: &OptionsParam, name: &str, list: &J) -> Result<Vec<OptionDef>, CallError> {
    let items = list.as_array().ok_or_else(|| CallError::Invalid(format!("{name}: expected a list")))?;
    if items.is_empty() && !p.may_be_empty {
        return Err(CallError::Empty(name.to_string()));
    }
    let mut out: Vec<OptionDef> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("{name}[{i}]");
        let obj = item.as_object().ok_or_else(|| CallError::Invalid(format!("{at}: expected an object")))?;
        let known = [Some(&p.value), Some(&p.label), p.hint.as_ref()];
        if let Some(k) = obj.keys().find(|k| !known.contains(&Some(k))) {
            return Err(CallError::Invalid(format!("{at}: unknown field `{k}`")));
        }
        let value = match obj.get(&p.value) {
            Some(J::String(s)) if !s.is_empty() => s.clone(),
            _ => return Err(CallError::Invalid(format!("{at}: missing field `{}`", p.value))),
        };
        if out.iter().any(|o| o.value == value) {
            return Err(CallError::Duplicate(value));
        }
        let label = text_of(item, &p.label, &at)?;
        let hint = match &p.hint {
            Some(h) if obj.contains_key(h) => Some(text_of(item, h, &at)?),
            _ => None,
        };
        out.push(OptionDef { value, label, hint });
    }
    Ok(out)
}

/// The settings of every parameter: the host's value, else the definition's default.
fn settings(
    params: &[(String, CallParam)],
    config: &serde_json::Map<String, J>,
) -> Result<Vec<(String, Setting)>, CallError> {
    let mut out = Vec::with_capacity(params.len());
    for (name, param) in params {
        let given = config.get(name);
        let setting = match (param, given) {
            (CallParam::Options(p), Some(list)) => Setting::Options(Some(options(p, name, list)?)),
            (CallParam::Options(_), None) => Setting::Options(None),
            (CallParam::Text(t), None) => Setting::Text(t.clone()),
            (CallParam::Text(_), Some(v)) => {
                Setting::Text(crate::form::read::text(v, name).map_err(|e| CallError::Invalid(e.to_string()))?)
            }
            (CallParam::String(s), None) => Setting::Text(Text::owned(s.clone(), s.clone())),
            (CallParam::Date(d), given) => {
                let raw = match given {
                    None => d.as_str(),
                    Some(J::String(s)) => s.as_str(),
                    Some(_) => return Err(CallError::Invalid(format!("{name}: expected a date YYYY-MM-DD"))),
                };
                match CivilDate::parse(raw) {
                    Some(date) => Setting::Text(Text::owned(date.display_zh(), date.display_en())),
                    None => return Err(CallError::Invalid(format!("{name}: “{raw}” is not a date YYYY-MM-DD"))),
                }
            }
            (CallParam::String(_), Some(v)) => match v {
                J::String(s) => Setting::Text(Text::owned(s.clone(), s.clone())),
                _ => return Err(CallError::Invalid(format!("{name}: expected a string"))),
            },
            (CallParam::OneOf(o), None) => Setting::Choice(o.default.clone()),
            (CallParam::OneOf(o), Some(v)) => match v.as_str() {
                Some(s) if o.values.iter().any(|x| x == s) => Setting::Choice(s.to_string()),
                _ => {
                    let allowed = o.values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
                    return Err(CallError::Invalid(format!("{name}: expected one of {allowed}")));
                }
            },
        };
        out.push((name.clone(), setting));
    }
    Ok(out)
}

fn holds(cond: &CallCond, settings: &[(String, Setting)]) -> bool {
    match settings.iter().find(|(k, _)| *k == cond.param).map(|(_, v)| v) {
        Some(Setting::Options(list)) => !cond.nonempty || list.as_ref().is_some_and(|l| !l.is_empty()),
        Some(Setting::Choice(v)) => cond.values.iter().any(|x| x == v),
        Some(Setting::Text(_)) | None => false,
    }
}

/// `{call:name}` in every text of a definition (the strings under `zh` and `en`), before it is
/// read: the host's configuration (a JSON object, or `null`) gives the values. Returns the
/// configuration's object, checked for unknown keys.
pub fn substitute_texts(definition: &mut J, params: &[(String, CallParam)], config: &J) -> Result<(), CallError> {
    let config = object(config, params)?;
    // `{call:name}` is a placeholder of the message renderer named `call:name`, with the text of
    // each language under `call:name_zh` / `call:name_en`.
    let mut names = Vec::new();
    for (k, v) in settings(params, config)? {
        if let Setting::Text(t) = v {
            names.push((format!("call:{k}_zh"), t.zh.into_owned()));
            names.push((format!("call:{k}_en"), t.en.into_owned()));
        }
    }
    let values: Vec<(&str, String)> = names.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    fn walk(v: &mut J, values: &[(&str, String)], lang: Option<Locale>) {
        match v {
            J::Object(m) => {
                for (k, x) in m.iter_mut() {
                    let lang = match k.as_str() {
                        "zh" => Some(Locale::ZhCn),
                        "en" => Some(Locale::En),
                        _ => lang,
                    };
                    walk(x, values, lang);
                }
            }
            J::Array(items) => items.iter_mut().for_each(|x| walk(x, values, lang)),
            J::String(s) if s.contains("{call:") => {
                if let Some(locale) = lang {
                    *s = crate::messages::fill(locale, s, values);
                }
            }
            _ => {}
        }
    }
    if !values.is_empty() {
        walk(definition, &values, None);
    }
    Ok(())
}

/// The host's configuration as an object with only known keys.
fn object<'a>(config: &'a J, params: &[(String, CallParam)]) -> Result<&'a serde_json::Map<String, J>, CallError> {
    static EMPTY: std::sync::OnceLock<serde_json::Map<String, J>> = std::sync::OnceLock::new();
    let config = match config {
        J::Object(map) => map,
        J::Null => EMPTY.get_or_init(serde_json::Map::new),
        _ => return Err(CallError::Invalid("expected a JSON object".into())),
    };
    let known = |k: &String| params.iter().any(|(n, _)| n == k) || k == "deadline" || k == "required_attachments";
    match config.keys().find(|k| !known(k)) {
        Some(k) => Err(CallError::Invalid(format!("unknown field `{k}`"))),
        None => Ok(config),
    }
}

/// Applies a host's configuration (a JSON object; `null` for none) to a definition whose texts
/// were already filled in ([`substitute_texts`]): options, the sections, fields and conditions
/// the call switches, the closing date and the required attachments.
pub fn apply(def: &mut FormDef, config: &J) -> Result<(), CallError> {
    let params = std::mem::take(&mut def.call);
    let config = object(config, &params)?;
    let mut settings = settings(&params, config)?;
    // Options from the call (a list the host left out: the field's own).
    for ((_, param), (_, setting)) in params.iter().zip(settings.iter_mut()) {
        let CallParam::Options(p) = param else { continue };
        let Some(FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. }) =
            def.sections.iter_mut().flat_map(|s| s.fields.iter_mut()).find(|f| f.id == p.field).map(|f| &mut f.kind)
        else {
            continue;
        };
        match setting {
            Setting::Options(Some(list)) => *options = list.clone(),
            Setting::Options(None) => *setting = Setting::Options(Some(options.clone())),
            _ => {}
        }
    }
    // Sections, fields and conditions the call switches on or off.
    def.sections.retain(|s| s.if_call.as_ref().is_none_or(|c| holds(c, &settings)));
    for s in &mut def.sections {
        s.fields.retain(|f| f.if_call.as_ref().is_none_or(|c| holds(c, &settings)));
        for f in &mut s.fields {
            if let Some(c) = &f.required_if_call {
                f.required = holds(c, &settings);
            }
        }
    }
    def.conditions.retain(|c| c.if_call.as_ref().is_none_or(|c| holds(c, &settings)));
    // The closing date and the required attachments.
    match config.get("deadline") {
        None | Some(J::Null) => {}
        Some(J::String(d)) => {
            def.deadline = Some(
                CivilDate::parse(d)
                    .ok_or_else(|| CallError::Invalid(format!("deadline: “{d}” is not a date YYYY-MM-DD")))?,
            )
        }
        Some(_) => return Err(CallError::Invalid("deadline: expected a date YYYY-MM-DD".into())),
    }
    let required: Vec<&str> = match config.get("required_attachments") {
        None => Vec::new(),
        Some(v) => v
            .as_array()
            .and_then(|l| l.iter().map(J::as_str).collect())
            .ok_or_else(|| CallError::Invalid("required_attachments: expected a list of field ids".into()))?,
    };
    for id in required {
        let field = def
            .sections
            .iter_mut()
            .flat_map(|s| s.fields.iter_mut())
            .find(|f| f.id == id && matches!(f.kind, FieldKind::Files { .. }))
            .ok_or_else(|| {
                CallError::Invalid(format!("required_attachments: “{id}” is not an attachment field of this form"))
            })?;
        field.required = true;
    }
    Ok(())
}
