//! The charters' eligibility rules on complete fixtures, run natively and (with wasm-bindgen-test)
//! in a browser.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use formseal_core::draft;
use formseal_core::form::{validate, Context, Status, Value};
use formseal_core::forms;
use formseal_core::rules::date::CivilDate;
use formseal_core::rules::uscc;
use formseal_core::Locale;

const TC260: &str = include_str!("../../../fixtures/tc260-complete.json");
const COAUTHOR: &str = include_str!("../../../fixtures/coauthor-complete.json");
const CTX: Context = Context { today: CivilDate { year: 2026, month: 11, day: 22 } };

fn statuses(form: &str, fixture: &str, change: impl Fn(&mut formseal_core::form::Answers)) -> Vec<(String, Status)> {
    let f = forms::by_id(form).unwrap();
    let mut a = draft::parse(fixture, f.def()).unwrap().draft.answers;
    change(&mut a);
    validate(f.as_ref(), &a, &CTX).eligibility.into_iter().map(|c| (c.clause.render(Locale::ZhCn), c.status)).collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn tc260_complete_application_meets_articles_9_and_11() {
    let s = statuses("tc260-wg", TC260, |_| {});
    let clauses: Vec<&str> = s.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        clauses,
        [
            "第九条第1项",
            "第九条第2项",
            "第九条第3项",
            "第十一条第1项",
            "第十一条第2项",
            "第十一条第3项",
            "第十一条第4项",
            "第十一条第5项",
            "第十一条第6项"
        ]
    );
    // Legal personality (9.1) and the field of work (9.3) are for the secretariat and the
    // working group to judge: never a bare pass on what the form can show.
    let review: Vec<&str> = s.iter().filter(|(_, st)| *st == Status::Review).map(|(c, _)| c.as_str()).collect();
    assert_eq!(review, ["第九条第1项", "第九条第3项"]);
    assert!(s.iter().all(|(_, st)| matches!(st, Status::Pass | Status::Review)), "{s:?}");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn tc260_individual_business_is_not_a_legal_person() {
    let body = "92440300MA5F00000";
    let code = format!("{body}{}", uscc::check_char(body).unwrap());
    let s = statuses("tc260-wg", TC260, |a| a.set("uscc", Value::Text(code.clone())));
    assert_eq!(s[0], ("第九条第1项".to_string(), Status::Fail));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn tc260_missing_pledge_and_groups_need_information() {
    let s = statuses("tc260-wg", TC260, |a| {
        a.set("pledge", Value::Bool(false));
        a.set("working_groups", Value::List(vec![]));
    });
    assert_eq!(s[1].1, Status::NeedsInfo);
    assert_eq!(s[2].1, Status::NeedsInfo);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn coauthor_requirements_of_part_5() {
    let s = statuses("group-std-coauthor", COAUTHOR, |_| {});
    assert_eq!(
        s,
        [
            ("征集说明 引言".to_string(), Status::Info),
            ("五、参编单位要求 第1项".to_string(), Status::Review),
            ("五、参编单位要求 第2项".to_string(), Status::Pass),
            ("申请表“拟参与编写人员”".to_string(), Status::Pass),
        ]
    );
    let s = statuses("group-std-coauthor", COAUTHOR, |a| a.set("req_rules", Value::Bool(false)));
    assert!(s.contains(&("五、参编单位要求 第2项".to_string(), Status::NeedsInfo)), "{s:?}");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn coauthor_without_uscc_is_complete() {
    let f = forms::by_id("group-std-coauthor").unwrap();
    let mut a = draft::parse(COAUTHOR, f.def()).unwrap().draft.answers;
    a.set("uscc", Value::Text(String::new()));
    let report = validate(f.as_ref(), &a, &CTX);
    assert!(report.is_valid() && report.issues.is_empty(), "{:?}", report.issues);
}
