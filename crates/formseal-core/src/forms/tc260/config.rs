//! The call configuration of the TC260 form: which working groups are open, with their names.

use crate::form::Text;

/// A working group the applicant can join.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingGroup {
    /// Code printed on the paper form (`WG3`).
    pub code: String,
    /// Display name; DOMAIN.md marks the default names as to be verified with the host.
    pub name: Text,
}

/// Host-provided settings of a TC260 call. In JSON: `{"working_groups": [{"code": "WG3", "name":
/// {"zh": "密码技术", "en": "Cryptography"}}]}`; without it, the seven groups of the paper form.
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
        let wg = |code: &str, zh: &str, en: &str| WorkingGroup { code: code.into(), name: Text::owned(zh, en) };
        Config {
            working_groups: vec![
                wg("WG3", "密码技术", "Cryptography"),
                wg("WG4", "鉴别与授权", "Authentication and authorization"),
                wg("WG5", "网络安全评估", "Cybersecurity assessment"),
                wg("WG6", "通信安全", "Communication security"),
                wg("WG7", "网络安全管理", "Cybersecurity management"),
                wg("WG8", "数据安全", "Data security"),
                wg("SWG-ETS", "新技术安全标准特别工作组", "Special WG on emerging technology security"),
            ],
            deadline: None,
            required_attachments: Vec::new(),
        }
    }
}
