//! TC260 working-group membership application (seed 003, 《全国网络安全标准化技术委员会工作组章程》 annex).

mod config;
mod definition;
mod eligibility;

pub use config::{Config, WorkingGroup};

use crate::form::{Answers, Context, Criterion, FormDef, FormRules};
use crate::issue::{Finding, Issue};
use crate::rules::{normalize, uscc};

/// Stable id of this form.
pub const FORM_ID: &str = "tc260-wg";

/// The TC260 form for one call configuration.
#[derive(Clone, Debug)]
pub struct Tc260 {
    def: FormDef,
}

impl Tc260 {
    pub fn new(config: Config) -> Self {
        Tc260 { def: definition::build(&config) }
    }
}

impl FormRules for Tc260 {
    fn def(&self) -> &FormDef {
        &self.def
    }
    fn def_mut(&mut self) -> &mut FormDef {
        &mut self.def
    }

    fn cross_check(&self, a: &Answers, _ctx: &Context, out: &mut Vec<Issue>) {
        // 单位性质 against positions 1–2 of the USCC: advice only (DOMAIN.md).
        if let Ok(code) = uscc::parse(a.text("uscc")) {
            let kind = &code.code[..2];
            let expected: &[&str] = match a.text("org_type") {
                "enterprise" => &["91", "92", "93"],
                "government" => &["11"],
                "research" | "university" => &["12", "52"],
                _ => &[],
            };
            if !expected.is_empty() && !expected.contains(&kind) {
                let f = Finding::warning("tc260.org_type_mismatch").with("kind", kind);
                out.push(Issue::new("org_type", f));
            }
            if code.is_individual_business() {
                out.push(Issue::new("uscc", Finding::error("tc260.individual_business")));
            }
        }
        // The same person twice among the representatives.
        let reps = a.rows("representatives");
        for (i, row) in reps.iter().enumerate() {
            let n = row.text("name").trim();
            if !n.is_empty()
                && reps[..i].iter().any(|r| normalize::person_name(r.text("name")) == normalize::person_name(n))
            {
                out.push(Issue::new(format!("representatives[{i}].name"), Finding::error("rows.duplicate_person")));
            }
        }
        // Attachments: the licence copy is expected; missing it only warns (it may come on paper).
        if a.files("licence").is_empty() {
            out.push(Issue::new("licence", Finding::warning("tc260.licence_missing")));
        }
    }

    fn eligibility(&self, a: &Answers, issues: &[Issue]) -> Vec<Criterion> {
        eligibility::evaluate(a, issues)
    }
}

#[cfg(test)]
mod tests;
