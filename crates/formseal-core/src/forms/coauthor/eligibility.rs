//! The call's requirements for co-authoring units (seed 004 五、参编单位要求), whom it invites, and
//! the patent declaration when the call asks for one.

use crate::form::{has_error, Answers, Clause, Criterion, FormDef, Msg, Status, Text};
use crate::issue::Issue;

fn crit(id: &'static str, clause: Clause, cond: Msg, status: Status, reason: Msg, remedy: Option<Msg>) -> Criterion {
    Criterion { id, clause, condition: cond, status, reason, remedy }
}

/// 五、参编单位要求 第 n 项, cited by the part's title (seed 004 has two parts numbered 五).
fn requirement(item: u16) -> Clause {
    Clause::Cited {
        text: Text::owned(
            format!("五、参编单位要求 第{item}项"),
            format!("Part 5, Requirements for co-authoring units, item {item}"),
        ),
    }
}

/// Evaluates each requirement on the answers.
pub fn evaluate(def: &FormDef, call: &CallWords, a: &Answers, issues: &[Issue]) -> Vec<Criterion> {
    let mut out = vec![invitation(a), research(call, a, issues), rules(call, a), writers(a, issues)];
    out.extend(patents(def, a));
    out
}

/// The call's invitation ("诚邀相关企事业单位、科研院所、高等院校等参加标准编制组"): whom it
/// addresses, not a condition — shown for information.
fn invitation(a: &Answers) -> Criterion {
    let clause = Clause::Cited { text: Text::new("征集说明 引言", "The call, introduction") };
    let reason = match a.text("unit_type") {
        "" => Msg::new("coauthor.elig.invitation"),
        _ => Msg::new("coauthor.elig.invitation_type"),
    };
    crit("call.invitation", clause, Msg::new("coauthor.cond.invitation"), Status::Info, reason, None)
}

/// The call's own words in a condition: its field (五、1) and its rules document (五、2).
fn call_words(msg: Msg, call: &CallWords) -> Msg {
    msg.with("field_zh", call.field.zh.to_string())
        .with("field_en", call.field.en.to_string())
        .with("rules_zh", call.rules_document.zh.to_string())
        .with("rules_en", call.rules_document.en.to_string())
}

/// What the requirements name from the call's configuration.
#[derive(Clone, Debug)]
pub struct CallWords {
    pub field: Text,
    pub rules_document: Text,
}

/// 五、1: familiar with the field, preparatory research done, able to draft. The applicant states
/// it; the association and the drafting group judge it (参编流程 2).
fn research(call: &CallWords, a: &Answers, issues: &[Issue]) -> Criterion {
    let cond = call_words(Msg::new("coauthor.cond.research"), call);
    let described = !a.text("intro_related").trim().is_empty() && !has_error(issues, "intro_related");
    if a.flag("req_research") && described {
        crit("part5.1", requirement(1), cond, Status::Review, Msg::new("coauthor.elig.research_ok"), None)
    } else {
        crit(
            "part5.1",
            requirement(1),
            cond,
            Status::NeedsInfo,
            Msg::new("coauthor.elig.research_missing"),
            Some(Msg::new("coauthor.remedy.research")),
        )
    }
}

/// 五、2: works by the association's rules (named by the call).
fn rules(call: &CallWords, a: &Answers) -> Criterion {
    let cond = call_words(Msg::new("coauthor.cond.rules"), call);
    if a.flag("req_rules") {
        crit("part5.2", requirement(2), cond, Status::Pass, Msg::new("elig.ticked"), None)
    } else {
        crit(
            "part5.2",
            requirement(2),
            cond,
            Status::NeedsInfo,
            Msg::new("elig.not_ticked"),
            Some(Msg::new("coauthor.remedy.rules")),
        )
    }
}

/// The form's 拟参与编写人员: named writers, each row complete.
fn writers(a: &Answers, issues: &[Issue]) -> Criterion {
    let clause =
        Clause::Cited { text: Text::new("申请表“拟参与编写人员”", "The form, “Proposed writers”") };
    let cond = Msg::new("coauthor.cond.writers");
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

/// The patent declaration, only when the call requires one (an extension: the association's
/// patent policy, seed 002 三（一）, not a duty the seed puts on applicants).
fn patents(def: &FormDef, a: &Answers) -> Option<Criterion> {
    def.field("patent_held").filter(|f| f.required)?;
    let clause = Clause::Cited {
        text: Text::owned(format!("{}专利处置政策", def.body.zh), format!("Patent policy of {}", def.body.en)),
    };
    let cond = Msg::new("coauthor.cond.patents");
    let asks_licence = def.field("patent_licence").is_some();
    let status = match a.text("patent_held") {
        "no" => Some(Msg::new("coauthor.elig.no_patents")),
        "yes"
            if !a.text("patent_list").trim().is_empty() && (!asks_licence || !a.text("patent_licence").is_empty()) =>
        {
            Some(Msg::new("coauthor.elig.patents_declared"))
        }
        _ => None,
    };
    Some(match status {
        Some(reason) => crit("policy.patents", clause, cond, Status::Pass, reason, None),
        None => crit(
            "policy.patents",
            clause,
            cond,
            Status::NeedsInfo,
            Msg::new("coauthor.elig.patents_missing"),
            Some(Msg::new("coauthor.remedy.patents")),
        ),
    })
}
