//! The call configuration of the TC260 form: which working groups are open, with their names.

use crate::form::Text;

/// A working group the applicant can join.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingGroup {
    /// Code printed on the paper form (`WG3`).
    pub code: String,
    /// Display name, only when the host gives one: seed 003 prints the codes alone.
    #[serde(default)]
    pub name: Option<Text>,
}

/// Host-provided settings of a TC260 call. In JSON: `{"working_groups": [{"code": "WG3", "name":
/// {"zh": "…", "en": "…"}}]}` (`name` optional); without it, the seven groups of the paper form,
/// by code only (seed 003 names none of them).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub working_groups: Vec<WorkingGroup>,
    /// The call's closing date, `YYYY-MM-DD` (see `forms::call`).
    pub deadline: Option<String>,
    /// Attachment fields the call requires (see `forms::call`).
    pub required_attachments: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        // Seed 003, 申请加入的工作组: "WG3 WG4 WG5 WG6 WG7 WG8 SWG-ETS".
        let codes = ["WG3", "WG4", "WG5", "WG6", "WG7", "WG8", "SWG-ETS"];
        Config {
            working_groups: codes.iter().map(|c| WorkingGroup { code: c.to_string(), name: None }).collect(),
            deadline: None,
            required_attachments: Vec::new(),
        }
    }
}
