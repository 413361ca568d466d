//! What every call can set beyond a form's own settings: a closing date, and which attachment
//! fields are required. In the host's configuration of any form: `"deadline": "2026-12-31"` and
//! `"required_attachments": ["licence", "other_docs"]` (each form's `Config` has both keys).

use crate::form::{FieldKind, FormDef};
use crate::rules::date::CivilDate;

/// Puts a call's terms into the form's definition: the listed attachments become required, and
/// validation refuses applications after the closing date. `Err` says which value is wrong.
pub fn apply(def: &mut FormDef, deadline: Option<&str>, required: &[String]) -> Result<(), String> {
    if let Some(d) = deadline {
        def.deadline = Some(CivilDate::parse(d).ok_or_else(|| format!("deadline: “{d}” is not a date YYYY-MM-DD"))?);
    }
    for id in required {
        let field = def
            .sections
            .iter_mut()
            .flat_map(|s| s.fields.iter_mut())
            .find(|f| f.id == id && matches!(f.kind, FieldKind::Files { .. }))
            .ok_or_else(|| format!("required_attachments: “{id}” is not an attachment field of this form"))?;
        field.required = true;
    }
    Ok(())
}
