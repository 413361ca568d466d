//! The call configuration of a co-authoring application: the standards, the contact and the dates.

use crate::form::Text;

/// A standard of the call that units can apply to co-author.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// Stable value stored in answers (`iip-1`).
    pub id: String,
    pub title: Text,
}

/// Whether the call asks for a patent declaration. Seed 004's form has none, and seed 002 三（一）
/// puts the patent policy on the association: it is the host's choice, off unless configured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatentDeclaration {
    #[default]
    Off,
    Optional,
    Required,
}

/// A licensing commitment the association's patent policy offers (the host's words).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenceOption {
    /// Stable value stored in answers.
    pub id: String,
    pub label: Text,
}

/// Host-provided settings of one call for co-authoring units. In JSON every key is optional and
/// falls back to seed 004's call: `{"association": {"zh", "en"}, "standards": [{"id", "title": {"zh",
/// "en"}}], "contact_name": {"zh", "en"}, "contact_phone": "…", "announced": "YYYY-MM-DD",
/// "field": {"zh", "en"}, "rules_document": {"zh", "en"}, "patent_declaration": "off" | "optional" |
/// "required", "patent_licence_options": [{"id", "label": {"zh", "en"}}]}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The association that publishes the group standards.
    pub association: Text,
    pub standards: Vec<Standard>,
    /// The call's contact person and telephone.
    pub contact_name: Text,
    pub contact_phone: String,
    /// Date the work was announced (ISO).
    pub announced: String,
    /// The technical field the requirements name (五、1: "熟悉国内外工业互联网相关领域…").
    pub field: Text,
    /// The association's rules the requirements name (五、2), with its book-title marks.
    pub rules_document: Text,
    /// Whether the form asks for a patent declaration (off by default).
    pub patent_declaration: PatentDeclaration,
    /// The licensing commitments offered when a unit declares patents; none, no licensing question.
    pub patent_licence_options: Vec<LicenceOption>,
    /// The call's closing date, `YYYY-MM-DD` (see `forms::call`).
    pub deadline: Option<String>,
    /// Attachment fields the call requires (see `forms::call`).
    pub required_attachments: Vec<String>,
}

impl Default for Config {
    /// Seed 004: the 《工业互联网平台》 series of 中国和平利用军工技术协会.
    fn default() -> Self {
        let titles = [
            ("工业互联网平台 总体框架", "Industrial Internet Platform — General framework"),
            ("工业互联网平台 工业设备接入通用规范", "Industrial Internet Platform — Industrial equipment access"),
            ("工业互联网平台 工业大数据通用技术规范", "Industrial Internet Platform — Industrial big data"),
            (
                "工业互联网平台 工业机理模型与组件通用要求",
                "Industrial Internet Platform — Industrial mechanism models and components",
            ),
            ("工业互联网平台 工业 APP 通用技术规范", "Industrial Internet Platform — Industrial apps"),
            ("工业互联网平台 服务与应用通用要求", "Industrial Internet Platform — Services and applications"),
            (
                "工业互联网平台 微服务与开发环境通用要求",
                "Industrial Internet Platform — Microservices and development environment",
            ),
        ];
        Config {
            association: Text::new(
                "中国和平利用军工技术协会",
                "China Association for Peaceful Use of Military Industrial Technology",
            ),
            standards: titles
                .iter()
                .enumerate()
                .map(|(i, (zh, en))| Standard { id: format!("iip-{}", i + 1), title: Text::owned(*zh, *en) })
                .collect(),
            contact_name: Text::new("包强", "Bao Qiang"),
            contact_phone: "15010077210".into(),
            announced: "2023-02-15".into(),
            field: Text::new("工业互联网", "the industrial internet"),
            rules_document: Text::new(
                "《中国和平利用军工技术协会团体标准制修订管理办法》",
                "the association's rules for developing group standards",
            ),
            patent_declaration: PatentDeclaration::Off,
            patent_licence_options: Vec::new(),
            deadline: None,
            required_attachments: Vec::new(),
        }
    }
}
