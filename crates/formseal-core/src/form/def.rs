//! Form definitions: sections and fields with labels, kinds, formats and visibility conditions.

use super::answers::{Answers, Value};
use super::text::Text;
use serde::Serialize;
use std::collections::BTreeMap;

/// One official form: identity, version and its sections in paper order.
#[derive(Clone, Debug, Serialize)]
pub struct FormDef {
    /// Stable identifier, e.g. `tc260-wg`.
    pub id: &'static str,
    /// Version of the paper form this definition reproduces.
    pub version: &'static str,
    /// Version of the rule set (changes whenever a rule changes).
    pub rules_version: &'static str,
    pub title: Text,
    /// Short name of the body the application goes to.
    pub body: Text,
    /// The field holding the applicant organisation's name (for file names and draft lists).
    pub name_field: &'static str,
    pub sections: Vec<SectionDef>,
    /// Where the printed form is signed and sealed.
    pub seal: Seal,
    /// Who receives and reviews the application, and the steps that follow (from the seed).
    pub process: Process,
    /// The call's closing date, if the host set one (see `forms::call`).
    #[serde(skip)]
    pub deadline: Option<crate::rules::date::CivilDate>,
    /// What a host's call configuration may set, by name (see `forms::call`).
    #[serde(skip_serializing)]
    pub call: Vec<(String, crate::forms::call::CallParam)>,
    /// Rules over more than one field.
    #[serde(skip_serializing)]
    pub rules: Vec<super::logic::Rule>,
    /// The eligibility conditions of the charter or call.
    #[serde(skip_serializing)]
    pub conditions: Vec<super::logic::Condition>,
}

/// The signature-and-seal block of the printed form: the section it closes, the date field
/// printed in it and the words beside the seal.
#[derive(Clone, Debug, Serialize)]
pub struct Seal {
    pub section: &'static str,
    pub date_field: &'static str,
    /// Printed where the seal goes, e.g. `单位公章：`.
    pub signature: Text,
    /// Printed after the date, e.g. `（盖章日期）`.
    pub date_note: Text,
}

/// What happens to an application once it is handed in, in the words of its own seed: texts
/// shared by every form (the review page, the package panel, the verifier) take these from the
/// definition, so that no form speaks of another body's secretariat or process.
#[derive(Clone, Debug, Serialize)]
pub struct Process {
    /// Who the application is handed to, e.g. `秘书处` or `标准编制组联系人`.
    pub recipient: Text,
    /// Who reviews it, e.g. `秘书处和工作组` or `协会和起草组`.
    pub reviewers: Text,
    /// What to do with the printed form, shown before the package is made.
    pub hand_in: Text,
    /// The steps from application to membership, as the seed numbers them.
    pub steps: Vec<Text>,
}

/// A titled block of the form (a band of the paper table).
#[derive(Clone, Debug, Serialize)]
pub struct SectionDef {
    pub id: &'static str,
    pub title: Text,
    /// Explanatory text shown under the title (e.g. where a requirement comes from).
    pub note: Option<Text>,
    pub fields: Vec<FieldDef>,
    /// Not a part of the paper form (an obligation of the charter, or a call option): the PDF
    /// prints it after the paper form's rows, under its own heading, so that the printed form
    /// still matches the official one.
    pub addition: bool,
    /// Present only when the call's configuration says so (e.g. an optional declaration).
    #[serde(skip_serializing)]
    pub if_call: Option<CallCond>,
}

/// One question.
#[derive(Clone, Debug, Serialize)]
pub struct FieldDef {
    pub id: &'static str,
    pub label: Text,
    pub help: Option<Text>,
    pub kind: FieldKind,
    pub required: bool,
    /// Shown (and validated) only when the condition holds.
    pub visible_if: Option<Cond>,
    /// Present only when the call's configuration says so.
    #[serde(skip_serializing)]
    pub if_call: Option<CallCond>,
    /// Required only when the call's configuration says so (instead of `required`).
    #[serde(skip_serializing)]
    pub required_if_call: Option<CallCond>,
}

/// A condition on the call's configuration: parameter `param` has one of the values `in`, or
/// (with `nonempty`) is a list with at least one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallCond {
    pub param: String,
    pub values: Vec<String>,
    pub nonempty: bool,
}

/// The shape of a value a field accepts. In a definition: `{"text": {"max_chars": 100}}`,
/// `{"choice": {"options": […]}}` and so on.
#[derive(Clone, Debug, Serialize)]
pub enum FieldKind {
    /// Free text; `format` adds a domain rule.
    Text { max_chars: usize, multiline: bool, format: Option<Format> },
    /// Exactly one of the options (radio buttons).
    Choice { options: Vec<OptionDef> },
    /// Any number of the options, at least `min` (check boxes).
    MultiChoice { options: Vec<OptionDef>, min: usize },
    /// A declaration that must be ticked.
    Agree { statement: Text },
    /// An ISO date `YYYY-MM-DD`.
    Date { not_future: bool },
    /// Files kept with the draft.
    Files { multiple: bool, accept: &'static str, max_bytes: u64 },
    /// Repeatable rows of sub-fields.
    Rows { fields: Vec<FieldDef>, min: usize, max: usize, row_label: Text },
}

/// Domain formats of DOMAIN.md, each checked by a function of [`crate::rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Uscc,
    PersonName,
    OrgName,
    EnglishOrgName,
    Postcode,
    Mobile,
    Landline,
    Fax,
    Email,
    WeChat,
    StandardNo,
    /// Mobile or landline.
    Phone,
    /// A standard's title or number.
    StandardRef,
    /// Drafter rank, a whole number from 1.
    Rank,
}

/// One option of a choice.
#[derive(Clone, Debug, Serialize)]
pub struct OptionDef {
    pub value: String,
    pub label: Text,
    /// A longer description shown next to the label.
    pub hint: Option<Text>,
}

/// A visibility condition over other answers of the same scope. In a definition:
/// `{"equals": {"field": "org_type", "value": "other"}}`,
/// `{"one_of": {"field": "tier", "values": ["director", "vice_chair"]}}`.
#[derive(Clone, Debug, Serialize)]
pub enum Cond {
    /// A choice field has this value.
    Equals { field: &'static str, value: &'static str },
    /// A multi-choice field includes this value.
    Includes { field: &'static str, value: &'static str },
    /// A choice field has one of these values.
    OneOf { field: &'static str, values: Vec<String> },
}

impl Cond {
    pub fn holds(&self, answers: &Answers) -> bool {
        self.holds_in(&answers.0)
    }
    /// Evaluates the condition over the values of one scope (the form, or one row).
    pub fn holds_in(&self, values: &BTreeMap<String, Value>) -> bool {
        match self {
            Cond::Equals { field, value } => matches!(values.get(*field), Some(Value::Text(t)) if t == value),
            Cond::Includes { field, value } => {
                matches!(values.get(*field), Some(Value::List(l)) if l.iter().any(|v| v == value))
            }
            Cond::OneOf { field, values: one_of } => {
                matches!(values.get(*field), Some(Value::Text(t)) if one_of.contains(t))
            }
        }
    }
}

impl FieldDef {
    /// Whether the field is shown for these answers.
    pub fn visible(&self, answers: &Answers) -> bool {
        self.visible_in(&answers.0)
    }
    /// Whether the field is shown, given the values of its scope (the form, or its row).
    pub fn visible_in(&self, values: &BTreeMap<String, Value>) -> bool {
        self.visible_if.as_ref().is_none_or(|c| c.holds_in(values))
    }
    /// The empty value of this field's kind.
    pub fn empty_value(&self) -> Value {
        match &self.kind {
            FieldKind::Text { .. } | FieldKind::Choice { .. } | FieldKind::Date { .. } => Value::Text(String::new()),
            FieldKind::MultiChoice { .. } => Value::List(Vec::new()),
            FieldKind::Agree { .. } => Value::Bool(false),
            FieldKind::Files { .. } => Value::Files(Vec::new()),
            FieldKind::Rows { .. } => Value::Rows(Vec::new()),
        }
    }
}

impl FormDef {
    /// All top-level fields in paper order.
    pub fn fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }
    /// The field with this id, looking into row fields for `group.field`.
    pub fn field(&self, id: &str) -> Option<&FieldDef> {
        self.fields().find(|f| f.id == id)
    }
    /// The section holding the field `id`.
    pub fn section_of(&self, id: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.fields.iter().any(|f| f.id == id))
    }
    /// The definition at an issue path: `field`, `group[3].field`, `group[3].sub[0].field`.
    pub fn field_at(&self, path: &str) -> Option<&FieldDef> {
        let mut fields: Vec<&FieldDef> = self.fields().collect();
        let mut found = None;
        for seg in path.split('.') {
            let name = seg.split('[').next().unwrap_or(seg);
            let f = *fields.iter().find(|f| f.id == name)?;
            found = Some(f);
            fields = match &f.kind {
                FieldKind::Rows { fields, .. } => fields.iter().collect(),
                _ => Vec::new(),
            };
        }
        found
    }

    /// A person-readable name of an issue path: `手机`, `代表第 2 行 · 手机`,
    /// `编写人员第 1 行 · 经历第 3 行 · 第几起草人`.
    pub fn path_label(&self, path: &str, locale: crate::messages::Locale) -> String {
        let mut fields: Vec<&FieldDef> = self.fields().collect();
        let mut parts = Vec::new();
        for seg in path.split('.') {
            let (name, idx) = crate::issue::path_segment(seg);
            let Some(f) = fields.iter().find(|f| f.id == name).copied() else { return path.to_string() };
            match (&f.kind, idx) {
                (FieldKind::Rows { fields: sub, row_label, .. }, Some(i)) => {
                    let n = (i + 1).to_string();
                    parts.push(crate::messages::render(
                        locale,
                        key!("path.row"),
                        &[("row", row_label.get(locale).into()), ("n", n)],
                    ));
                    fields = sub.iter().collect();
                }
                _ => parts.push(f.label.get(locale).to_string()),
            }
        }
        parts.join(" · ")
    }
}
