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
        ticked("art11.6", Clause::item(11, 6), a, "fees"),
    ]
}

/// 第九条第1项: a legal person registered in China — shown by a valid USCC of a legal person.
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
            let reason =
                if a.text("foreign") == "yes" { "tc260.elig.registered_foreign" } else { "tc260.elig.registered" };
            crit("art9.1", clause, Status::Pass, Msg::new(reason).with("org_code", code.org_code_display()), None)
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
    let groups = a.list("working_groups").join("、");
    crit("art9.3", clause, Status::Pass, Msg::new("tc260.elig.field_described").with("groups", groups), None)
}

/// 第十一条第1项: one fixed contact person, reachable.
fn contact(a: &Answers, issues: &[Issue]) -> Criterion {
    let clause = Clause::item(11, 1);
    let ok = ["contact_name", "contact_mobile", "contact_email"].iter().all(|f| filled(a, issues, f));
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
