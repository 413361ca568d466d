//! Co-authoring unit application for a series of group standards (seed 004's annex:
//! 中国和平利用军工技术协会团体标准编制组成员单位申请表).

mod config;
mod definition;
mod eligibility;

pub use config::{Config, LicenceOption, PatentDeclaration, Standard};

use crate::form::{Answers, Context, Criterion, FormDef, FormRules};
use crate::issue::{Finding, Issue};
use crate::rules::{normalize, uscc};

/// Stable id of this form.
pub const FORM_ID: &str = "group-std-coauthor";

/// The co-authoring form for one call.
#[derive(Clone, Debug)]
pub struct Coauthor {
    def: FormDef,
    call: eligibility::CallWords,
}

impl Coauthor {
    pub fn new(config: Config) -> Self {
        let call =
            eligibility::CallWords { field: config.field.clone(), rules_document: config.rules_document.clone() };
        Coauthor { def: definition::build(&config), call }
    }
}

impl FormRules for Coauthor {
    fn def(&self) -> &FormDef {
        &self.def
    }
    fn def_mut(&mut self) -> &mut FormDef {
        &mut self.def
    }

    fn cross_check(&self, a: &Answers, _ctx: &Context, out: &mut Vec<Issue>) {
        // Each writer once (same name and telephone).
        let writers = a.rows("writers");
        let mut seen = std::collections::HashSet::new();
        for (i, row) in writers.iter().enumerate() {
            let name = normalize::person_name(row.text("name"));
            let phone: String = row.text("phone").chars().filter(char::is_ascii_digit).collect();
            if !name.is_empty() && !seen.insert((name, phone)) {
                out.push(Issue::new(format!("writers[{i}].name"), Finding::error("rows.duplicate_person")));
            }
        }
        if !writers.is_empty() && writers.iter().all(|w| w.values.get("experience").is_none_or(is_empty_rows)) {
            out.push(Issue::new("writers", Finding::warning("coauthor.no_experience")));
        }
        // 单位类型 against positions 1–2 of the USCC, when one is given: advice only.
        if let Ok(code) = uscc::parse(a.text("uscc")) {
            let kind = &code.code[..2];
            let ok = match a.text("unit_type") {
                "enterprise" => ["91", "92", "93"].contains(&kind),
                "government" => kind == "11",
                "institution" | "research" => kind == "12",
                "social" => kind.starts_with('5'),
                _ => true,
            };
            if !ok {
                out.push(Issue::new("unit_type", Finding::warning("coauthor.unit_type_mismatch").with("kind", kind)));
            }
        }
    }

    fn eligibility(&self, a: &Answers, issues: &[Issue]) -> Vec<Criterion> {
        eligibility::evaluate(&self.def, &self.call, a, issues)
    }
}

fn is_empty_rows(v: &crate::form::Value) -> bool {
    match v {
        crate::form::Value::Rows(r) => r.iter().all(|e| e.text("standard").trim().is_empty()),
        _ => true,
    }
}

#[cfg(test)]
mod tests;
