//! Tests of the co-authoring form: rows inside rows, duplicates, warnings and requirements.

use crate::form::{validate, Answers, Context, FormRules, Row, Status, Value};
use crate::rules::date::CivilDate;

const FORM_ID: &str = "group-std-coauthor";

fn form() -> Box<dyn FormRules> {
    super::by_id(FORM_ID).unwrap()
}

fn ctx() -> Context {
    Context { today: CivilDate { year: 2026, month: 11, day: 22 } }
}

fn complete() -> Answers {
    crate::fixtures::coauthor_complete().1
}

fn codes(a: &Answers) -> Vec<(String, &'static str)> {
    validate(form().as_ref(), a, &ctx()).issues.into_iter().map(|i| (i.path, i.finding.code)).collect()
}

fn set_writer(a: &mut Answers, i: usize, field: &str, v: &str) {
    let mut rows = a.rows("writers").to_vec();
    rows[i].values.insert(field.into(), Value::Text(v.into()));
    a.set("writers", Value::Rows(rows));
}

#[test]
fn complete_fixture_is_valid() {
    let report = validate(form().as_ref(), &complete(), &ctx());
    assert!(report.is_valid(), "{:?}", report.issues);
    assert!(report.issues.is_empty(), "{:?}", report.issues);
    assert!(report.eligibility.iter().all(|c| c.status != Status::NeedsInfo), "{:?}", report.eligibility);
}

#[test]
fn seven_standards_by_default() {
    let f = form();
    let crate::form::FieldKind::MultiChoice { options, min } = &f.def().field("standards").unwrap().kind else {
        panic!()
    };
    assert_eq!(*min, 1);
    assert_eq!(options.len(), 7);
    assert_eq!(options[0].label.zh, "工业互联网平台 总体框架");
}

#[test]
fn errors_inside_nested_rows_are_row_precise() {
    let mut a = complete();
    set_writer(&mut a, 1, "phone", "12345678901");
    let mut rows = a.rows("writers").to_vec();
    let Some(Value::Rows(exp)) = rows[0].values.get_mut("experience") else { panic!() };
    exp[1].values.insert("rank".into(), Value::Text("0".into()));
    a.set("writers", Value::Rows(rows));
    let c = codes(&a);
    assert!(c.contains(&("writers[1].phone".into(), key!("mobile.prefix"))), "{c:?}");
    assert!(c.contains(&("writers[0].experience[1].rank".into(), key!("rank.range"))), "{c:?}");
    let f = form();
    assert_eq!(f.def().field_at("writers[0].experience[1].rank").unwrap().id, "rank");
}

#[test]
fn the_same_writer_twice_is_an_error() {
    let mut a = complete();
    let w = a.rows("writers").to_vec();
    a.set("writers", Value::Rows(vec![w[0].clone(), w[1].clone(), Row { key: 99, ..w[0].clone() }]));
    let c = codes(&a);
    assert!(c.contains(&("writers[2].name".into(), key!("rows.duplicate_person"))));
}

#[test]
fn one_role_for_the_whole_application_and_no_promises() {
    // Seed 004: one 参与类型 line (□主编 □副主编 □参编) for the application; choosing 主编 brings
    // no message the seed does not give.
    let mut a = complete();
    a.set("role", Value::Text("chief".into()));
    let mut w = a.rows("writers").to_vec();
    w[0].values.insert("experience".into(), Value::Rows(vec![]));
    a.set("writers", Value::Rows(w));
    let report = validate(form().as_ref(), &a, &ctx());
    assert!(report.is_valid());
    let warn: Vec<_> = report.warnings().map(|i| (i.path.as_str(), i.finding.code)).collect();
    assert_eq!(warn, [("writers", "coauthor.no_experience")]);
    let text = crate::messages::render(crate::Locale::ZhCn, "coauthor.no_experience", &[]);
    assert!(!text.contains("更易"), "{text}");
}

#[test]
fn the_uscc_is_optional_and_checked_when_given() {
    let mut a = complete();
    a.set("uscc", Value::Text(String::new()));
    a.set("unit_type", Value::Text("government".into()));
    assert!(codes(&a).is_empty(), "{:?}", codes(&a));
    a.set("uscc", Value::Text("91110000600037341X".into()));
    assert!(codes(&a).iter().any(|(p, _)| p == "uscc"));
    a.set("uscc", Value::Text("91110000600037341L".into()));
    assert_eq!(codes(&a), [("unit_type".to_string(), "coauthor.unit_type_mismatch")]);
}

#[test]
fn wechat_accepts_id_or_mobile() {
    let mut a = complete();
    set_writer(&mut a, 0, "wechat", "13800138000");
    assert!(validate(form().as_ref(), &a, &ctx()).is_valid());
    set_writer(&mut a, 0, "wechat", "1abc");
    assert!(!validate(form().as_ref(), &a, &ctx()).is_valid());
}

#[test]
fn no_patent_declaration_unless_the_call_asks() {
    let f = form();
    assert!(f.def().field("patent_held").is_none() && f.def().section_of("patent_held").is_none());
    assert!(!f.eligibility(&complete(), &[]).iter().any(|c| c.id == "policy.patents"));
}

fn with_patents(mode: &str, licences: bool) -> Box<dyn crate::form::FormRules> {
    let mut cfg = serde_json::json!({ "patent_declaration": mode });
    if licences {
        cfg["patent_licence_options"] = serde_json::json!([
            { "id": "free", "label": { "zh": "免费许可", "en": "Royalty-free" } },
            { "id": "frand", "label": { "zh": "合理无歧视许可", "en": "FRAND" } }
        ]);
    }
    crate::forms::with_config(FORM_ID, &cfg).unwrap().unwrap()
}

#[test]
fn a_required_patent_declaration_cites_the_associations_policy() {
    let f = with_patents("required", true);
    let mut a = complete();
    a.set("patent_held", Value::Text("yes".into()));
    let report = validate(f.as_ref(), &a, &ctx());
    assert!(report.for_path("patent_list").any(|i| i.finding.code == key!("required.text")));
    let p = report.eligibility.iter().find(|c| c.id == "policy.patents").unwrap();
    assert_eq!(p.status, Status::NeedsInfo);
    assert_eq!(p.clause.render(crate::Locale::ZhCn), "中国和平利用军工技术协会专利处置政策");
    assert!(!p.clause.render(crate::Locale::ZhCn).contains("324"));
    a.set("patent_list", Value::Text("ZL202010000000.0 一种工业数据采集方法".into()));
    a.set("patent_licence", Value::Text("frand".into()));
    let report = validate(f.as_ref(), &a, &ctx());
    assert!(report.is_valid(), "{:?}", report.issues);
    assert_eq!(report.eligibility.iter().find(|c| c.id == "policy.patents").unwrap().status, Status::Pass);
    // The licensing choices are the host's, not built-in defaults.
    let crate::form::FieldKind::Choice { options } = &f.def().field("patent_licence").unwrap().kind else { panic!() };
    assert_eq!(options.iter().map(|o| o.value.as_str()).collect::<Vec<_>>(), ["free", "frand"]);
}

#[test]
fn an_optional_patent_declaration_blocks_nothing() {
    let f = with_patents("optional", false);
    assert!(f.def().field("patent_licence").is_none(), "no licensing question without the host's choices");
    let report = validate(f.as_ref(), &complete(), &ctx());
    assert!(report.is_valid(), "{:?}", report.issues);
    assert!(!report.eligibility.iter().any(|c| c.id == "policy.patents"));
    let bad = crate::forms::with_config(FORM_ID, &serde_json::json!({ "patent_declaration": "always" }));
    assert!(bad.is_err());
}

#[test]
fn requirements_name_the_calls_field_and_rules() {
    let cfg = serde_json::json!({
        "field": { "zh": "工业数字孪生", "en": "the industrial digital twin" },
        "rules_document": { "zh": "《示例协会团体标准管理办法》", "en": "the example rules" }
    });
    let f = crate::forms::with_config(FORM_ID, &cfg).unwrap().unwrap();
    let crate::form::FieldKind::Agree { statement } = &f.def().field("req_research").unwrap().kind else { panic!() };
    assert!(statement.zh.contains("工业数字孪生") && !statement.zh.contains("工业互联网"), "{}", statement.zh);
    let crit = f.eligibility(&complete(), &[]);
    let rules = crit.iter().find(|c| c.id == "part5.2").unwrap();
    assert!(rules.condition.text(crate::Locale::ZhCn).contains("《示例协会团体标准管理办法》"));
}

#[test]
fn the_process_is_seed_004s() {
    let f = form();
    let p = &f.def().process;
    assert_eq!(p.recipient.zh, "标准编制组联系人");
    assert_eq!(p.reviewers.zh, "协会和起草组");
    let steps: Vec<&str> = p.steps.iter().map(|s| s.zh.as_ref()).collect();
    assert_eq!(steps, ["盖章并提交标准参编申请表", "协会和起草组审核", "签订协议", "加入标准编制组"]);
    assert!(p.hand_in.zh.contains("包强") && !p.hand_in.zh.contains("秘书处") && !p.hand_in.zh.contains("资质"));
}

#[test]
fn drafts_with_a_role_per_standard_are_migrated() {
    let old = include_str!("../../../../fixtures/coauthor-complete.json")
        .replace("\"2023-02-15.2\"", "\"2023-02-15\"")
        .replace(
            "\"standards\": [\"iip-1\", \"iip-3\"],",
            "\"standards\": [{ \"standard\": \"iip-1\", \"role\": \"member\" }, { \"standard\": \"iip-3\", \"role\": \"deputy\" }],",
        )
        .replace("\"role\": \"deputy\",\n", "");
    let f = form();
    let l = crate::draft::parse(&old, f.def()).unwrap();
    assert_eq!(l.migrated_from.as_deref(), Some("2023-02-15"));
    assert_eq!(l.draft.answers.list("standards"), ["iip-1", "iip-3"]);
    assert_eq!(l.draft.answers.text("role"), "deputy");
}

#[test]
fn at_least_one_standard_and_writer() {
    let mut a = complete();
    a.set("standards", Value::List(vec![]));
    a.set("writers", Value::Rows(vec![]));
    let c = codes(&a);
    assert!(c.contains(&("standards".into(), key!("choices.min"))), "{c:?}");
    assert!(c.contains(&("writers".into(), key!("rows.min"))));
}

#[test]
fn two_hundred_writers_validate_quickly_enough_to_matter() {
    // Not a timing assertion: checks that large row counts are validated completely.
    let mut a = complete();
    let w = a.rows("writers")[0].clone();
    let rows: Vec<Row> = (0..200)
        .map(|i| {
            let mut r = w.clone();
            r.key = i;
            r.values.insert("phone".into(), Value::Text(format!("139{:08}", i)));
            r
        })
        .collect();
    a.set("writers", Value::Rows(rows));
    let report = validate(form().as_ref(), &a, &ctx());
    assert!(report.is_valid(), "{:?}", report.issues.first());
}

#[test]
fn nested_path_labels() {
    let f = form();
    let l = |p| f.def().path_label(p, crate::Locale::ZhCn);
    assert_eq!(l("writers[0].experience[2].rank"), "编写人员第 1 行 · 经历第 3 行 · 第几起草人");
    assert_eq!(l("role"), "参与类型");
    assert_eq!(l("unit_name"), "单位名称");
    assert_eq!(f.def().path_label("writers[4].phone", crate::Locale::En), "Writer 5 · Telephone");
}

#[test]
fn the_calls_contact_and_date_are_shown() {
    let f = form();
    let note = f.def().sections[0].note.as_ref().unwrap();
    assert!(
        note.zh.contains("包强")
            && note.zh.contains("15010077210")
            && note.zh.contains("2023年2月15日")
            && !note.zh.contains("主编"),
        "{}",
        note.zh
    );
}

#[test]
fn writers_criterion_needs_every_writer_without_errors() {
    let status = |a: &Answers| {
        let r = validate(form().as_ref(), a, &ctx());
        r.eligibility.iter().find(|c| c.id == "form.writers").map(|c| c.status)
    };
    let mut a = complete();
    let mut rows = a.rows("writers").to_vec();
    let mut extra = rows[0].clone();
    extra.key = 9999;
    extra.values.insert("name".into(), Value::Text("赵六".into()));
    extra.values.insert("phone".into(), Value::Text("13900000002".into()));
    rows.push(extra);
    let last = rows.len() - 1;
    a.set("writers", Value::Rows(rows));
    assert_eq!(status(&a), Some(Status::Pass), "{:?}", validate(form().as_ref(), &a, &ctx()).issues);
    // An error inside the last writer (and only there) holds the criterion back.
    set_writer(&mut a, last, "phone", "12345678901");
    assert_eq!(status(&a), Some(Status::NeedsInfo));
    set_writer(&mut a, last, "phone", "13900000002");
    assert_eq!(status(&a), Some(Status::Pass));
    // A writer with no name holds it back too.
    set_writer(&mut a, 0, "name", "");
    assert_eq!(status(&a), Some(Status::NeedsInfo));
}
