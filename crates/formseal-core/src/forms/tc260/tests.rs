//! Tests of the TC260 form: its definition, cross-field rules and eligibility.

use super::*;
use crate::form::{validate, Status, Value};
use crate::rules::date::CivilDate;

fn form() -> Tc260 {
    Tc260::new(Config::default())
}

fn ctx() -> Context {
    Context { today: CivilDate { year: 2026, month: 11, day: 22 } }
}

fn complete() -> Answers {
    crate::fixtures::tc260_complete().1
}

fn codes(a: &Answers) -> Vec<(String, &'static str)> {
    validate(&form(), a, &ctx()).issues.into_iter().map(|i| (i.path, i.finding.code)).collect()
}

#[test]
fn complete_fixture_is_valid_and_eligible() {
    let report = validate(&form(), &complete(), &ctx());
    assert!(report.is_valid(), "{:?}", report.issues);
    assert!(report.eligibility.iter().all(|c| c.status == Status::Pass), "{:?}", report.eligibility);
    // Only the advisory warning about the missing licence scan remains.
    assert_eq!(codes(&complete()), vec![("licence".to_string(), "tc260.licence_missing")]);
}

#[test]
fn paper_form_order() {
    let f = form();
    let ids: Vec<_> = f.def().fields().map(|f| f.id).collect();
    let pos = |id| ids.iter().position(|x| *x == id).unwrap();
    assert!(pos("name_zh") < pos("name_en") && pos("name_en") < pos("address"));
    assert!(pos("address") < pos("postcode") && pos("postcode") < pos("legal_rep"));
    assert!(pos("legal_rep") < pos("org_type") && pos("org_type") < pos("foreign"));
    assert!(pos("foreign") < pos("contact_name") && pos("contact_postcode") < pos("profile"));
    assert!(pos("profile") < pos("business") && pos("business") < pos("working_groups"));
    assert!(pos("working_groups") < pos("pledge") && pos("pledge") < pos("seal_date"));
}

#[test]
fn empty_form_needs_information_everywhere() {
    let a = Answers::empty(form().def());
    let report = validate(&form(), &a, &ctx());
    assert!(!report.is_valid());
    assert!(report.eligibility.iter().all(|c| c.status == Status::NeedsInfo), "{:?}", report.eligibility);
    let c = codes(&a);
    assert!(c.contains(&("uscc".into(), "required.text")));
    assert!(c.contains(&("working_groups".into(), "choices.min")));
    assert!(c.contains(&("representatives[0].name".into(), "required.text")));
    assert!(c.contains(&("pledge".into(), "required.agree")));
}

#[test]
fn wrong_check_character_is_named() {
    let mut a = complete();
    a.set("uscc", Value::Text("914403001922038217".into()));
    let report = validate(&form(), &a, &ctx());
    let issue = report.for_path("uscc").next().expect("an issue on uscc");
    assert_eq!(issue.finding.code, "uscc.check");
    assert_eq!(issue.finding.params, vec![("expected", "6".to_string())]);
    let art91 = report.eligibility.iter().find(|c| c.id == "art9.1").unwrap();
    assert_eq!(art91.status, Status::NeedsInfo);
}

#[test]
fn individual_business_fails_article_9_1() {
    let mut a = complete();
    // 92 = 个体工商户; build a code with a correct check character.
    let body = "92440300MA5F00000";
    let code = format!("{body}{}", crate::rules::uscc::check_char(body).unwrap());
    a.set("uscc", Value::Text(code));
    let report = validate(&form(), &a, &ctx());
    let art91 = report.eligibility.iter().find(|c| c.id == "art9.1").unwrap();
    assert_eq!(art91.status, Status::Fail);
    assert!(art91.remedy.is_some());
    assert!(!report.is_valid());
}

#[test]
fn foreign_enterprise_registered_in_china_passes() {
    let mut a = complete();
    a.set("foreign", Value::Text("yes".into()));
    let report = validate(&form(), &a, &ctx());
    let art91 = report.eligibility.iter().find(|c| c.id == "art9.1").unwrap();
    assert_eq!(art91.status, Status::Pass);
    assert_eq!(art91.reason.code, "tc260.elig.registered_foreign");
}

#[test]
fn org_type_mismatch_only_warns() {
    let mut a = complete();
    a.set("org_type", Value::Text("government".into()));
    let report = validate(&form(), &a, &ctx());
    assert!(report.is_valid());
    assert!(report.warnings().any(|i| i.finding.code == "tc260.org_type_mismatch"));
}

#[test]
fn other_type_needs_its_text_only_when_chosen() {
    let mut a = complete();
    a.set("org_type", Value::Text("other".into()));
    assert!(codes(&a).contains(&("org_type_other".into(), "required.text")));
    a.set("org_type_other", Value::Text("行业协会".into()));
    assert!(validate(&form(), &a, &ctx()).is_valid());
}

#[test]
fn representatives_one_or_two() {
    let mut a = complete();
    let rows = a.rows("representatives").to_vec();
    let mut three = rows.clone();
    let mut extra = rows[0].clone();
    extra.values.insert("name".into(), Value::Text("赵六".into()));
    three.push(extra);
    a.set("representatives", Value::Rows(three));
    let report = validate(&form(), &a, &ctx());
    assert!(report.for_path("representatives").any(|i| i.finding.code == "rows.max"));
    assert_eq!(report.eligibility.iter().find(|c| c.id == "art11.2").unwrap().status, Status::Fail);
    a.set("representatives", Value::Rows(vec![rows[0].clone(), rows[0].clone()]));
    assert!(codes(&a).contains(&("representatives[1].name".into(), "rows.duplicate_person")));
}

#[test]
fn crypto_document_only_with_wg3() {
    let f = form();
    let field = f.def().field("crypto_approval").unwrap();
    let mut a = complete();
    assert!(field.visible(&a));
    a.set("working_groups", Value::List(vec!["WG8".into()]));
    assert!(!field.visible(&a));
}

#[test]
fn seal_date_not_in_future() {
    let mut a = complete();
    a.set("seal_date", Value::Text("2026-11-23".into()));
    assert!(codes(&a).contains(&("seal_date".into(), "date.future")));
}

#[test]
fn unchecked_declarations_need_information() {
    let mut a = complete();
    a.set("fees", Value::Bool(false));
    let report = validate(&form(), &a, &ctx());
    let c = report.eligibility.iter().find(|c| c.id == "art11.6").unwrap();
    assert_eq!(c.status, Status::NeedsInfo);
    assert_eq!(c.clause.render(crate::Locale::ZhCn), "第十一条第6项");
}
