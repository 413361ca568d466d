//! Tests of the TC260 form: its definition, cross-field rules and eligibility.

use crate::form::{validate, Answers, Context, FormRules, Status, Value};
use crate::rules::date::CivilDate;

fn form() -> Box<dyn FormRules> {
    super::by_id("tc260-wg").unwrap()
}

fn ctx() -> Context {
    Context { today: CivilDate { year: 2026, month: 11, day: 22 } }
}

fn complete() -> Answers {
    crate::fixtures::tc260_complete().1
}

fn codes(a: &Answers) -> Vec<(String, &'static str)> {
    validate(form().as_ref(), a, &ctx()).issues.into_iter().map(|i| (i.path, i.finding.code)).collect()
}

#[test]
fn complete_fixture_is_valid_and_eligible() {
    let report = validate(form().as_ref(), &complete(), &ctx());
    assert!(report.is_valid(), "{:?}", report.issues);
    assert!(
        report.eligibility.iter().all(|c| matches!(c.status, Status::Pass | Status::Review)),
        "{:?}",
        report.eligibility
    );
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
    // What the paper form does not have is marked as an addition (printed after its rows).
    let additions: Vec<_> = f.def().sections.iter().filter(|s| s.addition).map(|s| s.id).collect();
    assert_eq!(additions, ["representatives", "attachments", "obligations"]);
}

#[test]
fn empty_form_needs_information_everywhere() {
    let a = Answers::empty(form().def());
    let report = validate(form().as_ref(), &a, &ctx());
    assert!(!report.is_valid());
    assert!(report.eligibility.iter().all(|c| c.status == Status::NeedsInfo), "{:?}", report.eligibility);
    let c = codes(&a);
    assert!(c.contains(&("uscc".into(), key!("required.text"))));
    assert!(c.contains(&("working_groups".into(), key!("choices.min"))));
    assert!(c.contains(&("representatives[0].name".into(), key!("required.text"))));
    assert!(c.contains(&("pledge".into(), key!("required.agree"))));
}

#[test]
fn wrong_check_character_is_named() {
    let mut a = complete();
    a.set("uscc", Value::Text("914403001922038217".into()));
    let report = validate(form().as_ref(), &a, &ctx());
    let issue = report.for_path("uscc").next().expect("an issue on uscc");
    assert_eq!(issue.finding.code, key!("uscc.check"));
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
    let report = validate(form().as_ref(), &a, &ctx());
    let art91 = report.eligibility.iter().find(|c| c.id == "art9.1").unwrap();
    assert_eq!(art91.status, Status::Fail);
    assert!(art91.remedy.is_some());
    assert!(!report.is_valid());
}

#[test]
fn a_valid_code_leaves_legal_personality_to_the_secretariat() {
    // 第九条第1项: the code shows where and as what the unit is registered, not that it is a
    // legal person; the reason names the category, and nothing says 符合.
    for (code, category) in [("914403001922038216", "工商：企业"), ("121000004000123696", "机构编制：事业单位")]
    {
        let mut a = complete();
        a.set("uscc", Value::Text(code.into()));
        a.set("foreign", Value::Text("yes".into()));
        let report = validate(form().as_ref(), &a, &ctx());
        let art91 = report.eligibility.iter().find(|c| c.id == "art9.1").unwrap();
        assert_eq!(art91.status, Status::Review);
        let reason = art91.reason.text(crate::Locale::ZhCn);
        assert!(reason.contains(category) && reason.contains("秘书处"), "{reason}");
        assert!(art91.reason.text(crate::Locale::En).contains("legal personality"));
    }
}

#[test]
fn the_field_of_work_is_reviewed_by_the_working_group() {
    let report = validate(form().as_ref(), &complete(), &ctx());
    let art93 = report.eligibility.iter().find(|c| c.id == "art9.3").unwrap();
    assert_eq!(art93.status, Status::Review);
    assert!(art93.reason.text(crate::Locale::ZhCn).contains("第十二条第2项"));
}

#[test]
fn article_11_items_4_5_and_contact_changes_are_acknowledged() {
    for (field, id) in [("participation", "art11.4"), ("promotion", "art11.5"), ("contact_change", "art11.1")] {
        let mut a = complete();
        a.set(field, Value::Bool(false));
        let report = validate(form().as_ref(), &a, &ctx());
        assert_eq!(report.eligibility.iter().find(|c| c.id == id).unwrap().status, Status::NeedsInfo, "{field}");
        assert!(report.for_path(field).any(|i| i.finding.code == key!("required.agree")), "{field}");
    }
}

#[test]
fn working_groups_by_code_unless_named_by_the_host() {
    let f = form();
    let crate::form::FieldKind::MultiChoice { options, .. } = &f.def().field("working_groups").unwrap().kind else {
        panic!()
    };
    let codes: Vec<_> = options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(codes, ["WG3", "WG4", "WG5", "WG6", "WG7", "WG8", "SWG-ETS"]);
    assert!(options.iter().all(|o| o.hint.is_none()));
}

#[test]
fn no_text_cites_what_the_seed_does_not_say() {
    let f = form();
    let texts: Vec<String> = f
        .def()
        .fields()
        .flat_map(|x| [Some(x.label.zh.to_string()), x.help.as_ref().map(|h| h.zh.to_string())])
        .flatten()
        .collect();
    for t in &texts {
        assert!(!t.contains("密码法") && !t.contains("WG3"), "{t}");
    }
    let foreign = f.def().field("foreign").unwrap().help.as_ref().unwrap();
    assert!(!foreign.zh.contains("第九条"), "{}", foreign.zh);
    let uscc = f.def().field("uscc").unwrap().help.as_ref().unwrap();
    assert!(uscc.zh.contains("事业单位法人证书") && uscc.zh.contains("社会团体法人登记证书"));
}

#[test]
fn org_type_mismatch_only_warns() {
    let mut a = complete();
    a.set("org_type", Value::Text("government".into()));
    let report = validate(form().as_ref(), &a, &ctx());
    assert!(report.is_valid());
    assert!(report.warnings().any(|i| i.finding.code == "tc260.org_type_mismatch"));
}

#[test]
fn other_type_needs_its_text_only_when_chosen() {
    let mut a = complete();
    a.set("org_type", Value::Text("other".into()));
    assert!(codes(&a).contains(&("org_type_other".into(), key!("required.text"))));
    a.set("org_type_other", Value::Text("行业协会".into()));
    assert!(validate(form().as_ref(), &a, &ctx()).is_valid());
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
    let report = validate(form().as_ref(), &a, &ctx());
    assert!(report.for_path("representatives").any(|i| i.finding.code == key!("rows.max")));
    assert_eq!(report.eligibility.iter().find(|c| c.id == "art11.2").unwrap().status, Status::Fail);
    a.set("representatives", Value::Rows(vec![rows[0].clone(), rows[0].clone()]));
    assert!(codes(&a).contains(&("representatives[1].name".into(), key!("rows.duplicate_person"))));
}

#[test]
fn the_crypto_document_is_the_seeds_and_shown_for_every_group() {
    // Seed 003 注3: "密码主管部门的批文文号或商密生产定点单位的密码产品授权证明（附复印件）".
    let f = form();
    let number = f.def().field("crypto_approval_no").unwrap();
    assert_eq!(number.label.zh, "密码主管部门的批文文号");
    assert!(!number.required && number.visible_if.is_none());
    let copy = f.def().field("crypto_approval").unwrap();
    assert!(copy.label.zh.contains("商密生产定点单位的密码产品授权证明"));
    assert!(!copy.required && copy.visible_if.is_none());
}

#[test]
fn seal_date_not_in_future() {
    let mut a = complete();
    a.set("seal_date", Value::Text("2026-11-23".into()));
    assert!(codes(&a).contains(&("seal_date".into(), key!("date.future"))));
}

#[test]
fn unchecked_declarations_need_information() {
    let mut a = complete();
    a.set("fees", Value::Bool(false));
    let report = validate(form().as_ref(), &a, &ctx());
    let c = report.eligibility.iter().find(|c| c.id == "art11.6").unwrap();
    assert_eq!(c.status, Status::NeedsInfo);
    assert_eq!(c.clause.render(crate::Locale::ZhCn), "第十一条第6项");
}
