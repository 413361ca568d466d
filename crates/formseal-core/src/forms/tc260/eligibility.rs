//! The charter's conditions for members (第九条) and the obligations to meet at application (第十一条).

use crate::form::{has_error, Answers, Clause, Criterion, Msg, Status};
use crate::issue::Issue;
use crate::rules::uscc;

fn crit(id: &'static str, clause: Clause, status: Status, reason: Msg, remedy: Option<Msg>) -> Criterion {
    Criterion { id, clause, condition: Msg::new(cond_key(id)), status, reason, remedy }
}

fn cond_key(id: &str) -> &'static str {
    match id {
        "art9.1" => "tc260.cond.legal_person",
        "art9.2" => "tc260.cond.voluntary",
        "art9.3" => "tc260.cond.field",
        "art11.1" => "tc260.cond.contact",
        "art11.2" => "tc260.cond.representatives",
        "art11.3" => "tc260.cond.confidentiality",
        "art11.4" => "tc260.cond.participation",
        "art11.5" => "tc260.cond.promotion",
        _ => "tc260.cond.fees",
    }
}

fn ticked(id: &'static str, clause: Clause, a: &Answers, field: &str) -> Criterion {
    if a.flag(field) {
        crit(id, clause, Status::Pass, Msg::new("elig.ticked"), None)
    } else {
        crit(id, clause, Status::NeedsInfo, Msg::new("elig.not_ticked"), Some(Msg::new(remedy_tick(field))))
    }
}

fn remedy_tick(field: &str) -> &'static str {
    match field {
        "pledge" => "tc260.remedy.pledge",
        "confidentiality" => "tc260.remedy.confidentiality",
        "participation" => "tc260.remedy.participation",
        "promotion" => "tc260.remedy.promotion",
        _ => "tc260.remedy.fees",
    }
}

fn filled(a: &Answers, issues: &[Issue], field: &str) -> bool {
    !a.text(field).trim().is_empty() && !has_error(issues, field)
}

/// Evaluates every condition on the answers and the field issues found so far.
pub fn evaluate(a: &Answers, issues: &[Issue]) -> Vec<Criterion> {
    vec![
        legal_person(a),
        ticked("art9.2", Clause::item(9, 2), a, "pledge"),
        field_of_work(a, issues),
        contact(a, issues),
        representatives(a, issues),
        ticked("art11.3", Clause::item(11, 3), a, "confidentiality"),
        ticked("art11.4", Clause::item(11, 4), a, "participation"),
        ticked("art11.5", Clause::item(11, 5), a, "promotion"),
        ticked("art11.6", Clause::item(11, 6), a, "fees"),
    ]
}

/// 第九条第1项: a legal person registered in China. A valid USCC shows where and as what the unit
/// is registered, not that it is a legal person (branches and partnerships have codes too): the
/// secretariat confirms it. Only an individual business (`92`) is known not to be one.
fn legal_person(a: &Answers) -> Criterion {
    let clause = Clause::item(9, 1);
    let raw = a.text("uscc");
    if raw.trim().is_empty() {
        return crit(
            "art9.1",
            clause,
            Status::NeedsInfo,
            Msg::new("tc260.elig.uscc_missing"),
            Some(Msg::new("tc260.remedy.uscc")),
        );
    }
    match uscc::parse(raw) {
        Err(_) => crit(
            "art9.1",
            clause,
            Status::NeedsInfo,
            Msg::new("tc260.elig.uscc_invalid"),
            Some(Msg::new("tc260.remedy.uscc_fix")),
        ),
        Ok(code) if code.is_individual_business() => crit(
            "art9.1",
            clause,
            Status::Fail,
            Msg::new("tc260.elig.individual_business"),
            Some(Msg::new("tc260.remedy.legal_person")),
        ),
        Ok(code) => {
            // The category's name in each language (each catalogue picks its own parameter).
            let (zh, en) = code.category().unwrap_or(("未列明的类别", "a category not in the list"));
            let reason = Msg::new("tc260.elig.registered")
                .with("kind", code.kind_code())
                .with("category_zh", zh)
                .with("category_en", en);
            crit("art9.1", clause, Status::Review, reason, None)
        }
    }
}

/// 第九条第3项: works in the technical field of the chosen working group(s).
fn field_of_work(a: &Answers, issues: &[Issue]) -> Criterion {
    let clause = Clause::item(9, 3);
    if a.list("working_groups").is_empty() {
        return crit(
            "art9.3",
            clause,
            Status::NeedsInfo,
            Msg::new("tc260.elig.no_group"),
            Some(Msg::new("tc260.remedy.group")),
        );
    }
    if !filled(a, issues, "business") {
        return crit(
            "art9.3",
            clause,
            Status::NeedsInfo,
            Msg::new("tc260.elig.no_business"),
            Some(Msg::new("tc260.remedy.business")),
        );
    }
    // Judged by the working group's review of the application (第十二条第2项), not by the form.
    let groups = a.list("working_groups");
    let reason = Msg::new("tc260.elig.field_described")
        .with("groups_zh", groups.join("、"))
        .with("groups_en", groups.join(", "));
    crit("art9.3", clause, Status::Review, reason, None)
}

/// 第十一条第1项: one fixed contact person, reachable, and changes notified in writing.
fn contact(a: &Answers, issues: &[Issue]) -> Criterion {
    let clause = Clause::item(11, 1);
    let ok = ["contact_name", "contact_mobile", "contact_email"].iter().all(|f| filled(a, issues, f));
    if ok && !a.flag("contact_change") {
        return crit(
            "art11.1",
            clause,
            Status::NeedsInfo,
            Msg::new("tc260.elig.contact_change_missing"),
            Some(Msg::new("tc260.remedy.contact_change")),
        );
    }
    if ok {
        crit(
            "art11.1",
            clause,
            Status::Pass,
            Msg::new("tc260.elig.contact_ok").with("name", a.text("contact_name").trim()),
            None,
        )
    } else {
        crit(
            "art11.1",
            clause,
            Status::NeedsInfo,
            Msg::new("tc260.elig.contact_missing"),
            Some(Msg::new("tc260.remedy.contact")),
        )
    }
}

/// 第十一条第2项: one or two representatives with a technical background.
fn representatives(a: &Answers, issues: &[Issue]) -> Criterion {
    let clause = Clause::item(11, 2);
    let rows = a.rows("representatives");
    let complete = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            !r.text("name").trim().is_empty()
                && !r.text("background").trim().is_empty()
                && !has_error(issues, &format!("representatives[{i}].name"))
        })
        .count();
    if rows.len() > 2 {
        return crit(
            "art11.2",
            clause,
            Status::Fail,
            Msg::new("tc260.elig.too_many_reps").with("count", rows.len().to_string()),
            Some(Msg::new("tc260.remedy.fewer_reps")),
        );
    }
    if complete == 0 || complete < rows.len() {
        return crit(
            "art11.2",
            clause,
            Status::NeedsInfo,
            Msg::new("tc260.elig.reps_incomplete"),
            Some(Msg::new("tc260.remedy.reps")),
        );
    }
    crit("art11.2", clause, Status::Pass, Msg::new("tc260.elig.reps_ok").with("count", complete.to_string()), None)
}
