//! The forms a widget opens: the built-in ones (`forms/<id>.json`, fetched or inline in the
//! offline file), a host's own definition (checked by the package worker as `formseal
//! check-form` does), and the start page's list (`forms/index.json`).

use crate::browser;
use formseal_core::form::{FormRules, Text};
use formseal_core::forms;
use formseal_core::key;
use formseal_core::Locale;
use leptos::prelude::*;
use std::sync::Arc;

/// A form opened: configured by the host's call, that call, and the definition file's text it
/// was built from (the package carries it; empty for a built-in form, which the worker has).
pub type Loaded = (Arc<dyn FormRules>, serde_json::Value, Arc<str>);
/// The forms of one widget opened so far, by id.
pub type Forms = Vec<(String, Loaded)>;

/// What the start page shows of a form (`forms/index.json`, made from the definitions).
#[derive(Clone, Debug)]
pub struct FormInfo {
    pub id: String,
    pub title: Text,
    pub body: Text,
    /// The field with the unit's name (for the list of drafts).
    pub name_field: String,
}

/// The form named by the page's `#/<form id>`, if it is one of `ids`.
pub fn form_in_hash(ids: &[String]) -> Option<String> {
    let hash = window().location().hash().ok()?;
    let id = hash.trim_start_matches('#').trim_start_matches('/');
    ids.iter().find(|i| *i == id).cloned()
}

/// “Unknown form”, in both languages (said before the widget has chosen its language).
fn unknown(id: &str) -> String {
    formseal_core::messages::render(Locale::ZhCn, key!("ui.form.unknown"), &[("id", id.to_string())])
}

/// A built-in form's definition (`forms/<id>.json`), configured by the host's call (`config[id]`).
pub async fn load_form(id: &str, config: &serde_json::Value) -> Result<Loaded, String> {
    // Ids are names of the widget's own files: nothing else is fetched.
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(unknown(id));
    }
    let text = browser::asset(&format!("forms/{id}.json")).await.map_err(|e| format!("{} ({e})", unknown(id)))?;
    // The file left the English out (scripts/forms.mjs): the package worker puts the built-in
    // definition, whole, into the package (no text here).
    let (form, call, _) = build_form(id, text, config)?;
    Ok((form, call, Arc::from("")))
}

/// A form from its definition `text`, configured by the host's call (`config[id]`); a
/// definition that cannot be used is named precisely (the place inside it, in both languages).
fn build_form(id: &str, text: String, config: &serde_json::Value) -> Result<Loaded, String> {
    let call = config.get(id).cloned().unwrap_or_else(|| serde_json::Value::Object(Default::default()));
    let form = forms::build(id, &text, &call).map_err(|e| e.text(Locale::ZhCn) + " / " + &e.text(Locale::En))?;
    Ok((Arc::from(form), call, Arc::from(text)))
}

/// A host's own form: `definition` is its JSON text, or the URL to fetch it from.
pub async fn load_host_form(definition: &str, config: &serde_json::Value) -> Result<(String, Loaded), String> {
    let text = match definition.trim_start().starts_with('{') {
        true => definition.to_string(),
        false => browser::fetch_text(definition).await.map_err(|e| format!("definition {definition}: {e}"))?,
    };
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("definition: {e}"))?;
    let id = json.get("id").and_then(|i| i.as_str()).unwrap_or_default().to_string();
    let loaded = build_form(&id, text, config)?;
    // What a readable definition can still get wrong (duplicate ids, unknown fields, …), checked
    // by the package worker as `formseal check-form` does; a worker that cannot load is no reason
    // to refuse the form.
    let check = formseal_core::protocol::CheckForm { definition: loaded.2.to_string() };
    if let Ok((found, _)) = browser::worker::call(Locale::default(), &check, Vec::new(), None).await {
        if let Some(problems) = found.problems {
            return Err(problems);
        }
    }
    Ok((id, loaded))
}

/// The forms the start page lists.
pub async fn load_index() -> Result<Vec<FormInfo>, String> {
    let text = browser::asset("forms/index.json").await?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("forms/index.json: {e}"))?;
    let read = |v: &serde_json::Value| -> Option<FormInfo> {
        let text = |k: &str| formseal_core::form::read::text(v.get(k)?, &k).ok();
        Some(FormInfo {
            id: v.get("id")?.as_str()?.to_string(),
            title: text("title")?,
            body: text("body")?,
            name_field: v.get("name_field")?.as_str()?.to_string(),
        })
    };
    let list: Vec<FormInfo> =
        json.as_array().and_then(|l| l.iter().map(read).collect()).ok_or_else(|| "forms/index.json".to_string())?;
    Ok(list)
}
