//! Tests of the co-authoring form: rows inside rows, duplicates, warnings and requirements.

use super::*;
use crate::form::{validate, Row, Status, Value};
use crate::rules::date::CivilDate;

fn form() -> Coauthor {
    Coauthor::new(Config::default())
}

fn ctx() -> Context {
    Context { today: CivilDate { year: 2026, month: 11, day: 22 } }
}

fn complete() -> Answers {
    crate::fixtures::coauthor_complete().1
}

fn codes(a: &Answers) -> Vec<(String, &'static str)> {
    validate(&form(), a, &ctx()).issues.into_iter().map(|i| (i.path, i.finding.code)).collect()
}

fn set_writer(a: &mut Answers, i: usize, field: &str, v: &str) {
    let mut rows = a.rows("writers").to_vec();
    rows[i].values.insert(field.into(), Value::Text(v.into()));
    a.set("writers", Value::Rows(rows));
}

#[test]
fn complete_fixture_is_valid() {
    let report = validate(&form(), &complete(), &ctx());
    assert!(report.is_valid(), "{:?}", report.issues);
    assert!(report.issues.is_empty(), "{:?}", report.issues);
    assert!(report.eligibility.iter().all(|c| c.status == Status::Pass), "{:?}", report.eligibility);
}

#[test]
fn seven_standards_by_default() {
    let f = form();
    let crate::form::FieldKind::Rows { fields, max, .. } = &f.def().field("standards").unwrap().kind else { panic!() };
    assert_eq!(*max, 7);
    let crate::form::FieldKind::Choice { options } = &fields[0].kind else { panic!() };
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
    assert!(c.contains(&("writers[1].phone".into(), "mobile.prefix")), "{c:?}");
    assert!(c.contains(&("writers[0].experience[1].rank".into(), "rank.range")), "{c:?}");
    let f = form();
    assert_eq!(f.def().field_at("writers[0].experience[1].rank").unwrap().id, "rank");
}

#[test]
fn duplicates_are_errors() {
    let mut a = complete();
    let mut s = a.rows("standards").to_vec();
    s[1].values.insert("standard".into(), Value::Text("iip-1".into()));
    a.set("standards", Value::Rows(s));
    let w = a.rows("writers").to_vec();
    a.set("writers", Value::Rows(vec![w[0].clone(), w[1].clone(), Row { key: 99, ..w[0].clone() }]));
    let c = codes(&a);
    assert!(c.contains(&("standards[1].standard".into(), "rows.duplicate_standard")));
    assert!(c.contains(&("writers[2].name".into(), "rows.duplicate_person")));
}

#[test]
fn chief_and_no_experience_warn_only() {
    let mut a = complete();
    let mut s = a.rows("standards").to_vec();
    s[0].values.insert("role".into(), Value::Text("chief".into()));
    a.set("standards", Value::Rows(s));
    let mut w = a.rows("writers").to_vec();
    w[0].values.insert("experience".into(), Value::Rows(vec![]));
    a.set("writers", Value::Rows(w));
    let report = validate(&form(), &a, &ctx());
    assert!(report.is_valid());
    let warn: Vec<_> = report.warnings().map(|i| (i.path.as_str(), i.finding.code)).collect();
    assert!(warn.contains(&("standards[0].role", "coauthor.chief_confirmed")));
    assert!(warn.contains(&("writers", "coauthor.no_experience")));
}

#[test]
fn wechat_accepts_id_or_mobile() {
    let mut a = complete();
    set_writer(&mut a, 0, "wechat", "13800138000");
    assert!(validate(&form(), &a, &ctx()).is_valid());
    set_writer(&mut a, 0, "wechat", "1abc");
    assert!(!validate(&form(), &a, &ctx()).is_valid());
}

#[test]
fn patents_declaration() {
    let mut a = complete();
    a.set("patent_held", Value::Text("yes".into()));
    let report = validate(&form(), &a, &ctx());
    assert!(report.for_path("patent_list").any(|i| i.finding.code == "required.text"));
    let p = report.eligibility.iter().find(|c| c.id == "policy.patents").unwrap();
    assert_eq!(p.status, Status::NeedsInfo);
    a.set("patent_list", Value::Text("ZL202010000000.0 一种工业数据采集方法".into()));
    a.set("patent_licence", Value::Text("frand".into()));
    let report = validate(&form(), &a, &ctx());
    assert!(report.is_valid());
    assert_eq!(report.eligibility.iter().find(|c| c.id == "policy.patents").unwrap().status, Status::Pass);
}

#[test]
fn at_least_one_standard_and_writer() {
    let mut a = complete();
    a.set("standards", Value::Rows(vec![]));
    a.set("writers", Value::Rows(vec![]));
    let c = codes(&a);
    assert!(c.contains(&("standards".into(), "rows.min")));
    assert!(c.contains(&("writers".into(), "rows.min")));
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
    let report = validate(&form(), &a, &ctx());
    assert!(report.is_valid(), "{:?}", report.issues.first());
}

#[test]
fn nested_path_labels() {
    let f = form();
    let l = |p| f.def().path_label(p, crate::Locale::ZhCn);
    assert_eq!(l("writers[0].experience[2].rank"), "编写人员第 1 行 · 经历第 3 行 · 第几起草人");
    assert_eq!(l("standards[1].role"), "标准第 2 行 · 参与类型");
    assert_eq!(l("unit_name"), "单位名称");
    assert_eq!(f.def().path_label("writers[4].phone", crate::Locale::En), "Writer 5 · Telephone");
}

#[test]
fn the_calls_contact_and_date_are_shown() {
    let f = form();
    let note = f.def().sections[0].note.as_ref().unwrap();
    assert!(
        note.zh.contains("包强") && note.zh.contains("15010077210") && note.zh.contains("2023年2月15日"),
        "{}",
        note.zh
    );
}
