//! The official forms formseal knows, one module each, and a registry to find them by id.

pub mod call;
pub mod coauthor;
pub mod tc260;

use crate::form::FormRules;

/// Ids of all forms, in the order a start page lists them.
pub const FORM_IDS: &[&str] = &[tc260::FORM_ID, coauthor::FORM_ID];

/// The form with this id, with its default call configuration.
pub fn by_id(id: &str) -> Option<Box<dyn FormRules>> {
    match id {
        tc260::FORM_ID => Some(Box::new(tc260::Tc260::new(tc260::Config::default()))),
        coauthor::FORM_ID => Some(Box::new(coauthor::Coauthor::new(coauthor::Config::default()))),
        _ => None,
    }
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
    if form_id != coauthor::FORM_ID || from_version != "2023-02-15" {
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
    obj.insert("standards".into(), serde_json::json!(standards));
    obj.entry("role").or_insert_with(|| serde_json::json!(role));
}

/// Why a host's call configuration cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// Not JSON, or keys / values the form does not know (serde's precise message).
    Invalid { form: String, reason: String },
    /// A list the form needs is empty.
    Empty { form: String, list: &'static str },
    /// The same id twice in a list.
    Duplicate { form: String, id: String },
}

impl ConfigError {
    pub fn text(&self, locale: crate::Locale) -> String {
        use crate::messages::render;
        match self {
            ConfigError::Invalid { form, reason } => {
                render(locale, "config.invalid", &[("form", form.clone()), ("reason", reason.clone())])
            }
            ConfigError::Empty { form, list } => {
                render(locale, "config.empty", &[("form", form.clone()), ("list", list.to_string())])
            }
            ConfigError::Duplicate { form, id } => {
                render(locale, "config.duplicate", &[("form", form.clone()), ("id", id.clone())])
            }
        }
    }
}

/// The form with this id configured by the host: `config` is the JSON object of that form's call
/// (see each form's `Config`; every form also takes the closing date and required attachments of
/// [`call`]); keys it leaves out keep their defaults.
pub fn with_config(id: &str, config: &serde_json::Value) -> Result<Option<Box<dyn FormRules>>, ConfigError> {
    let invalid = |e: serde_json::Error| ConfigError::Invalid { form: id.to_string(), reason: e.to_string() };
    let bad = |reason: String| ConfigError::Invalid { form: id.to_string(), reason };
    let dup = |ids: Vec<&str>| ids.iter().enumerate().find(|(i, x)| ids[..*i].contains(x)).map(|(_, x)| x.to_string());
    match id {
        tc260::FORM_ID => {
            let c: tc260::Config = serde_json::from_value(config.clone()).map_err(invalid)?;
            if c.working_groups.is_empty() {
                return Err(ConfigError::Empty { form: id.into(), list: "working_groups" });
            }
            if let Some(d) = dup(c.working_groups.iter().map(|w| w.code.as_str()).collect()) {
                return Err(ConfigError::Duplicate { form: id.into(), id: d });
            }
            let (deadline, required) = (c.deadline.clone(), c.required_attachments.clone());
            let mut form = tc260::Tc260::new(c);
            call::apply(form.def_mut(), deadline.as_deref(), &required).map_err(bad)?;
            Ok(Some(Box::new(form)))
        }
        coauthor::FORM_ID => {
            let c: coauthor::Config = serde_json::from_value(config.clone()).map_err(invalid)?;
            if c.standards.is_empty() {
                return Err(ConfigError::Empty { form: id.into(), list: "standards" });
            }
            if let Some(d) = dup(c.standards.iter().map(|s| s.id.as_str()).collect()) {
                return Err(ConfigError::Duplicate { form: id.into(), id: d });
            }
            if let Some(d) = dup(c.patent_licence_options.iter().map(|o| o.id.as_str()).collect()) {
                return Err(ConfigError::Duplicate { form: id.into(), id: d });
            }
            let (deadline, required) = (c.deadline.clone(), c.required_attachments.clone());
            let mut form = coauthor::Coauthor::new(c);
            call::apply(form.def_mut(), deadline.as_deref(), &required).map_err(bad)?;
            Ok(Some(Box::new(form)))
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
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
        let f = with_config(coauthor::FORM_ID, &cfg).unwrap().unwrap();
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
        let f = with_config(tc260::FORM_ID, &cfg).unwrap().unwrap();
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
        let f = with_config(tc260::FORM_ID, &cfg).unwrap().unwrap();
        assert!(f.def().field("other_docs").unwrap().required);
        let (_, mut answers) = crate::fixtures::tc260_complete();
        answers.set("other_docs", Value::Files(Vec::new()));
        let before = crate::form::Context { today: CivilDate::new(2026, 11, 30).unwrap() };
        let codes = |ctx| {
            validate(f.as_ref(), &answers, &ctx).errors().map(|i| (i.path.clone(), i.finding.code)).collect::<Vec<_>>()
        };
        assert_eq!(codes(before), [("other_docs".to_string(), "required.files")]);
        let after = crate::form::Context { today: CivilDate::new(2026, 12, 1).unwrap() };
        assert!(codes(after).contains(&("seal_date".to_string(), "call.closed")));
        let e = with_config(tc260::FORM_ID, &json!({ "deadline": "30/11/2026" })).err().unwrap();
        assert!(e.text(crate::Locale::En).contains("deadline"), "{e:?}");
        let e = with_config(tc260::FORM_ID, &json!({ "required_attachments": ["name_zh"] })).err().unwrap();
        assert!(e.text(crate::Locale::En).contains("“name_zh” is not an attachment field"), "{e:?}");
        // The form's own keys are still checked.
        assert!(with_config(tc260::FORM_ID, &json!({ "deadline": "2026-12-31", "groups": [] })).is_err());
    }

    #[test]
    fn bad_configurations_are_explained() {
        let e = with_config(tc260::FORM_ID, &json!({ "groups": [] })).err().unwrap();
        assert!(e.text(crate::Locale::ZhCn).contains("unknown field `groups`"), "{e:?}");
        let e = with_config(coauthor::FORM_ID, &json!({ "standards": [] })).err().unwrap();
        assert_eq!(e, ConfigError::Empty { form: coauthor::FORM_ID.into(), list: "standards" });
        let s = json!({ "id": "a", "title": { "zh": "甲", "en": "A" } });
        let e = with_config(coauthor::FORM_ID, &json!({ "standards": [s.clone(), s] })).err().unwrap();
        assert!(e.text(crate::Locale::En).contains("“a”"));
    }
}
