//! The call's requirements for co-authoring units (seed 004 五、参编单位要求) and the patent declaration.

use crate::form::{has_error, Answers, Clause, Criterion, Msg, Status, Text};
use crate::issue::Issue;
use crate::rules::uscc;

fn crit(
    id: &'static str,
    clause: Clause,
    cond: &'static str,
    status: Status,
    reason: Msg,
    remedy: Option<Msg>,
) -> Criterion {
    Criterion { id, clause, condition: Msg::new(cond), status, reason, remedy }
}

/// Evaluates each requirement on the answers.
pub fn evaluate(a: &Answers, issues: &[Issue]) -> Vec<Criterion> {
    vec![unit(a), research(a, issues), rules(a), writers(a, issues), patents(a)]
}

/// The call invites enterprises, public institutions, research institutes, universities…
fn unit(a: &Answers) -> Criterion {
    let clause = Clause::Cited { text: Text::new("征集说明", "The call") };
    let cond = "coauthor.cond.unit";
    match uscc::parse(a.text("uscc")) {
        _ if a.text("uscc").trim().is_empty() => crit(
            "call.unit",
            clause,
            cond,
            Status::NeedsInfo,
            Msg::new("coauthor.elig.uscc_missing"),
            Some(Msg::new("tc260.remedy.uscc")),
        ),
        Err(_) => crit(
            "call.unit",
            clause,
            cond,
            Status::NeedsInfo,
            Msg::new("tc260.elig.uscc_invalid"),
            Some(Msg::new("tc260.remedy.uscc_fix")),
        ),
        Ok(code) => crit(
            "call.unit",
            clause,
            cond,
            Status::Pass,
            Msg::new("tc260.elig.registered").with("org_code", code.org_code_display()),
            None,
        ),
    }
}

/// 五、1: familiar with the field, preparatory research done, able to draft.
fn research(a: &Answers, issues: &[Issue]) -> Criterion {
    let cond = "coauthor.cond.research";
    let described = !a.text("intro_related").trim().is_empty() && !has_error(issues, "intro_related");
    if a.flag("req_research") && described {
        crit("part5.1", Clause::part(5, 1), cond, Status::Pass, Msg::new("coauthor.elig.research_ok"), None)
    } else {
        crit(
            "part5.1",
            Clause::part(5, 1),
            cond,
            Status::NeedsInfo,
            Msg::new("coauthor.elig.research_missing"),
            Some(Msg::new("coauthor.remedy.research")),
        )
    }
}

/// 五、2: works by the association's rules.
fn rules(a: &Answers) -> Criterion {
    let cond = "coauthor.cond.rules";
    if a.flag("req_rules") {
        crit("part5.2", Clause::part(5, 2), cond, Status::Pass, Msg::new("elig.ticked"), None)
    } else {
        crit(
            "part5.2",
            Clause::part(5, 2),
            cond,
            Status::NeedsInfo,
            Msg::new("elig.not_ticked"),
            Some(Msg::new("coauthor.remedy.rules")),
        )
    }
}

/// The drafting team needs named writers who can draft (the form's 拟参与编写人员).
fn writers(a: &Answers, issues: &[Issue]) -> Criterion {
    let clause = Clause::Cited { text: Text::new("申请表", "The form") };
    let cond = "coauthor.cond.writers";
    let rows = a.rows("writers");
    let complete = (0..rows.len())
        .filter(|i| {
            !issues.iter().any(|is| is.is_error() && is.path.starts_with(&format!("writers[{i}].")))
                && !rows[*i].text("name").trim().is_empty()
        })
        .count();
    if complete > 0 && complete == rows.len() {
        let with_exp =
            rows.iter().filter(|r| r.values.get("experience").is_some_and(|v| !super::is_empty_rows(v))).count();
        crit(
            "form.writers",
            clause,
            cond,
            Status::Pass,
            Msg::new("coauthor.elig.writers_ok")
                .with("count", complete.to_string())
                .with("experienced", with_exp.to_string()),
            None,
        )
    } else {
        crit(
            "form.writers",
            clause,
            cond,
            Status::NeedsInfo,
            Msg::new("coauthor.elig.writers_missing"),
            Some(Msg::new("coauthor.remedy.writers")),
        )
    }
}

/// Group standards need a patent policy (工信部科〔2017〕324号 三（一）): the unit declares its patents.
fn patents(a: &Answers) -> Criterion {
    let clause =
        Clause::Cited { text: Text::new("工信部科〔2017〕324号 三（一）", "MIIT 2017 No. 324, III(1)") };
    let cond = "coauthor.cond.patents";
    let remedy = Some(Msg::new("coauthor.remedy.patents"));
    match a.text("patent_held") {
        "no" => crit("policy.patents", clause, cond, Status::Pass, Msg::new("coauthor.elig.no_patents"), None),
        "yes" if !a.text("patent_list").trim().is_empty() && !a.text("patent_licence").is_empty() => {
            crit("policy.patents", clause, cond, Status::Pass, Msg::new("coauthor.elig.patents_declared"), None)
        }
        _ => crit("policy.patents", clause, cond, Status::NeedsInfo, Msg::new("coauthor.elig.patents_missing"), remedy),
    }
}
