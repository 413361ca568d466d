//! The official forms formseal knows, each a definition file (`forms/<id>/definition.json` in
//! the repository) read by the engine; and a registry to find them by id.

pub mod call;

use crate::form::FormRules;

// `FORM_IDS` and `BUILTIN`, one entry per folder of `forms/` (see `build.rs`).
include!(concat!(env!("OUT_DIR"), "/builtin_forms.rs"));

/// The definition file of a built-in form.
#[cfg(feature = "builtin-forms")]
pub fn definition(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, text)| *text)
}

/// The form with this id, with its default call configuration.
#[cfg(feature = "builtin-forms")]
pub fn by_id(id: &str) -> Option<Box<dyn FormRules>> {
    with_config(id, &serde_json::Value::Null).ok().flatten()
}

/// Brings answers written for an older version of a form to the current one, where a field
/// changed its shape (fields that were added or dropped need nothing: they are filled with empty
/// values, or listed as dropped, by the reader).
///
/// - `group-std-coauthor` before `2023-02-15.2` chose a 参与类型 per standard (`standards` was a
///   list of `{standard, role}` rows); the paper form has one 参与类型 for the whole application.
///   The standards become a list, and the role the one they share — or, when they differed, the
///   most involved one (主编 before 副主编 before 参编), which the applicant sees on the review page.
pub fn migrate(form_id: &str, from_version: &str, answers: &mut serde_json::Value) {
    if form_id != "group-std-coauthor" || from_version != "2023-02-15" {
        return;
    }
    let Some(obj) = answers.as_object_mut() else { return };
    let Some(serde_json::Value::Array(rows)) = obj.get("standards") else { return };
    if !rows.iter().all(serde_json::Value::is_object) {
        return;
    }
    let field = |r: &serde_json::Value, k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let standards: Vec<String> = rows.iter().map(|r| field(r, "standard")).filter(|s| !s.is_empty()).collect();
    let roles: Vec<String> = rows.iter().map(|r| field(r, "role")).collect();
    let role = ["chief", "deputy", "member"].into_iter().find(|r| roles.iter().any(|x| x == r)).unwrap_or_default();
    let list = standards.into_iter().map(serde_json::Value::String).collect();
    obj.insert("standards".into(), serde_json::Value::Array(list));
    obj.entry("role").or_insert_with(|| serde_json::Value::String(role.into()));
}

/// Why a host's call configuration cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The form's definition file cannot be used (where, and why).
    Definition { form: String, reason: String },
    /// Not JSON, or keys / values the form does not know (serde's precise message).
    Invalid { form: String, reason: String },
    /// A list the form needs is empty.
    Empty { form: String, list: String },
    /// The same id twice in a list.
    Duplicate { form: String, id: String },
}

impl ConfigError {
    pub fn text(&self, locale: crate::Locale) -> String {
        use crate::messages::render;
        match self {
            ConfigError::Definition { form, reason } => {
                render(locale, key!("config.definition"), &[("form", form.clone()), ("reason", reason.clone())])
            }
            ConfigError::Invalid { form, reason } => {
                render(locale, key!("config.invalid"), &[("form", form.clone()), ("reason", reason.clone())])
            }
            ConfigError::Empty { form, list } => {
                render(locale, key!("config.empty"), &[("form", form.clone()), ("list", list.clone())])
            }
            ConfigError::Duplicate { form, id } => {
                render(locale, key!("config.duplicate"), &[("form", form.clone()), ("id", id.clone())])
            }
        }
    }
}

/// The built-in form with this id configured by the host: `config` is the JSON object of that
/// form's call (see [`call`]; `null` for the defaults); keys it leaves out keep their defaults.
#[cfg(feature = "builtin-forms")]
pub fn with_config(id: &str, config: &serde_json::Value) -> Result<Option<Box<dyn FormRules>>, ConfigError> {
    match definition(id) {
        Some(text) => build(id, text, config).map(Some),
        None => Ok(None),
    }
}

/// The largest definition file read, in bytes and in JSON values.
pub const MAX_DEFINITION_BYTES: usize = 1 << 20;
pub const MAX_DEFINITION_VALUES: usize = 50_000;

/// A form from its definition file (`text`) and the host's configuration of its call; `id`
/// names the form in messages (the definition's own id is checked against it).
pub fn build(id: &str, text: &str, config: &serde_json::Value) -> Result<Box<dyn FormRules>, ConfigError> {
    let form = id.to_string();
    let definition = |reason: String| ConfigError::Definition { form: form.clone(), reason };
    // Bounded before parsing: a definition is tens of kilobytes (the built-in ones, 25–35 KB).
    if text.len() > MAX_DEFINITION_BYTES || crate::form::too_many_values(text.as_bytes(), MAX_DEFINITION_VALUES) {
        let size = crate::form::human_size(text.len() as u64);
        let max = crate::form::human_size(MAX_DEFINITION_BYTES as u64);
        return Err(definition(format!(
            "{size}, more than the {max} or {MAX_DEFINITION_VALUES} values a definition may have"
        )));
    }
    let mut json: serde_json::Value = serde_json::from_str(text).map_err(|e| definition(e.to_string()))?;
    let params = crate::form::read::call_params(&json).map_err(|e| definition(e.to_string()))?;
    call::substitute_texts(&mut json, &params, config).map_err(|e| config_error(&form, e))?;
    let mut def = crate::form::read::definition(&json).map_err(|e| definition(e.to_string()))?;
    if def.id != id {
        let reason = format!("id: “{}” (expected “{id}”)", def.id);
        return Err(ConfigError::Definition { form, reason });
    }
    call::apply(&mut def, config).map_err(|e| config_error(&form, e))?;
    Ok(Box::new(def))
}

/// What `formseal check-form` says of a definition file: the reader's verdict (with the call's
/// defaults), then what [`crate::form::lint::lint`] finds in the definition as written — every
/// section and field, whatever the call switches on — and the form, for its counts.
#[cfg(feature = "package")]
pub fn check(text: &str) -> Result<(Box<dyn FormRules>, Vec<crate::form::lint::Lint>), ConfigError> {
    let json: Option<serde_json::Value> = serde_json::from_str(text).ok();
    let id = json.as_ref().and_then(|v| v.get("id")?.as_str()).unwrap_or_default();
    let form = build(id, text, &serde_json::Value::Null)?;
    let written = json.as_ref().and_then(|v| crate::form::read::definition(v).ok());
    let mut lints = crate::form::lint::lint(written.as_ref().unwrap_or(form.def()));
    if let Some(json) = &json {
        crate::form::lint::english(json, "", &mut lints);
    }
    Ok((form, lints))
}

fn config_error(form: &str, e: call::CallError) -> ConfigError {
    let form = form.to_string();
    match e {
        call::CallError::Invalid(reason) => ConfigError::Invalid { form, reason },
        call::CallError::Empty(list) => ConfigError::Empty { form, list },
        call::CallError::Duplicate(id) => ConfigError::Duplicate { form, id },
    }
}

#[cfg(all(test, feature = "builtin-forms"))]
mod tests_aii;
#[cfg(all(test, feature = "builtin-forms"))]
mod tests_aii_tiers;
#[cfg(all(test, feature = "builtin-forms"))]
mod tests_coauthor;
#[cfg(all(test, feature = "builtin-forms"))]
mod tests_tc260;

#[cfg(all(test, feature = "builtin-forms"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_new_call_needs_no_code_change() {
        let cfg = json!({
            "standards": [
                { "id": "dt-1", "title": { "zh": "工业数字孪生 总体要求", "en": "Industrial digital twin — General" } },
                { "id": "dt-2", "title": { "zh": "工业数字孪生 数据模型", "en": "Industrial digital twin — Data model" } }
            ],
            "contact_phone": "13800138000"
        });
        let f = with_config("group-std-coauthor", &cfg).unwrap().unwrap();
        let crate::form::FieldKind::MultiChoice { options, .. } = &f.def().field("standards").unwrap().kind else {
            panic!()
        };
        assert_eq!(options.len(), 2);
        assert_eq!(options[1].label.zh, "工业数字孪生 数据模型");
        // Defaults stay where the host said nothing.
        assert!(f.def().title.zh.starts_with("中国和平利用军工技术协会"));
    }

    #[test]
    fn open_working_groups_come_from_the_host() {
        let cfg = json!({ "working_groups": [{ "code": "WG8", "name": { "zh": "数据安全", "en": "Data security" } }] });
        let f = with_config("tc260-wg", &cfg).unwrap().unwrap();
        let crate::form::FieldKind::MultiChoice { options, .. } = &f.def().field("working_groups").unwrap().kind else {
            panic!()
        };
        assert_eq!(options.len(), 1);
    }

    #[test]
    fn a_call_sets_its_closing_date_and_required_attachments() {
        use crate::form::{validate, Value};
        use crate::rules::date::CivilDate;
        let cfg = json!({ "deadline": "2026-11-30", "required_attachments": ["other_docs"] });
        let f = with_config("tc260-wg", &cfg).unwrap().unwrap();
        assert!(f.def().field("other_docs").unwrap().required);
        let (_, mut answers) = crate::fixtures::tc260_complete();
        answers.set("other_docs", Value::Files(Vec::new()));
        let before = crate::form::Context { today: CivilDate::new(2026, 11, 30).unwrap() };
        let codes = |ctx| {
            validate(f.as_ref(), &answers, &ctx).errors().map(|i| (i.path.clone(), i.finding.code)).collect::<Vec<_>>()
        };
        assert_eq!(codes(before), [("other_docs".to_string(), key!("required.files"))]);
        let after = crate::form::Context { today: CivilDate::new(2026, 12, 1).unwrap() };
        assert!(codes(after).contains(&("seal_date".to_string(), key!("call.closed"))));
        let e = with_config("tc260-wg", &json!({ "deadline": "30/11/2026" })).err().unwrap();
        assert!(e.text(crate::Locale::En).contains("deadline"), "{e:?}");
        let e = with_config("tc260-wg", &json!({ "required_attachments": ["name_zh"] })).err().unwrap();
        assert!(e.text(crate::Locale::En).contains("“name_zh” is not an attachment field"), "{e:?}");
        // The form's own keys are still checked.
        assert!(with_config("tc260-wg", &json!({ "deadline": "2026-12-31", "groups": [] })).is_err());
    }

    #[test]
    fn bad_configurations_are_explained() {
        let e = with_config("tc260-wg", &json!({ "groups": [] })).err().unwrap();
        assert!(e.text(crate::Locale::ZhCn).contains("unknown field `groups`"), "{e:?}");
        let e = with_config("group-std-coauthor", &json!({ "standards": [] })).err().unwrap();
        assert_eq!(e, ConfigError::Empty { form: "group-std-coauthor".into(), list: "standards".into() });
        let s = json!({ "id": "a", "title": { "zh": "甲", "en": "A" } });
        let e = with_config("group-std-coauthor", &json!({ "standards": [s.clone(), s] })).err().unwrap();
        assert!(e.text(crate::Locale::En).contains("“a”"));
    }
}
