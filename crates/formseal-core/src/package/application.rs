//! `application.json`: what the applicant submits, as canonical JSON.

use serde::{Deserialize, Serialize};

/// Marker of `application.json`.
pub const APPLICATION_FORMAT: &str = "formseal-application";

/// The application: form, rules, the host's call configuration, answers and attachments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Always [`APPLICATION_FORMAT`].
    pub format: String,
    /// Version of this layout (1).
    pub version: u32,
    /// Form id, the version of the paper form, and the digest of the definition used.
    pub form: ApplicationForm,
    /// Version of the rule set the answers were checked with.
    pub rules_version: String,
    /// The host's call configuration of the form (open working groups, standards…); `{}` for the
    /// defaults. The verifier checks the answers against the same call.
    pub call: serde_json::Value,
    /// The answers, keyed by field id (attachment fields hold `{id, name, type, size}` records
    /// whose `id` an entry of `attachments` names).
    pub answers: serde_json::Value,
    /// Every attachment, in package order.
    pub attachments: Vec<AttachmentEntry>,
    /// When the package was made (ISO 8601 with offset, from the applicant's clock).
    pub created_at: String,
    /// The program that made it.
    pub generator: String,
}

/// Which form the application answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationForm {
    pub id: String,
    /// Version of the paper form reproduced.
    pub version: String,
    /// SHA-256 of the exact definition file the applicant's form was built from, carried in the
    /// package as `form.json` (packages made before definitions were carried have neither).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition_sha256: Option<String>,
}

/// One attachment: where it is in the package and what its bytes hash to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentEntry {
    /// The attachment field it answers.
    pub field: String,
    /// The file id used in the answers.
    pub id: String,
    /// Its path in the package (`attachments/01-营业执照.pdf`).
    pub path: String,
    /// The name the applicant's file had.
    pub name: String,
    pub media_type: String,
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// A safe entry path for the `index`-th (1-based) attachment named `name`: letters (any script),
/// digits and `._-()` kept, everything else `_`, at most 80 characters, extension kept.
pub fn attachment_path(index: usize, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '(' | ')') { c } else { '_' })
        .collect();
    let clean = clean.trim_matches(|c| c == '.' || c == '_');
    let (stem, ext) = match clean.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.chars().count() <= 10 => (s, Some(e)),
        _ => (clean, None),
    };
    let stem: String = stem.chars().take(70).collect();
    let stem = if stem.is_empty() { "file".to_string() } else { stem };
    match ext {
        Some(e) => format!("{}{index:02}-{stem}.{e}", super::ATTACHMENTS_DIR),
        None => format!("{}{index:02}-{stem}", super::ATTACHMENTS_DIR),
    }
}

#[cfg(test)]
mod tests {
    use super::attachment_path;

    #[test]
    fn attachment_paths_are_safe() {
        assert_eq!(attachment_path(1, "营业执照.pdf"), "attachments/01-营业执照.pdf");
        assert_eq!(attachment_path(2, "../../etc/passwd"), "attachments/02-etc_passwd");
        assert_eq!(attachment_path(3, "C:\\a b\\c.PNG"), "attachments/03-C__a_b_c.PNG");
        assert_eq!(attachment_path(4, "..."), "attachments/04-file");
        assert_eq!(attachment_path(12, "/abs.txt"), "attachments/12-abs.txt");
    }
}
