//! Tests of the AII membership form (入会申请书, seed 001): a definition file only, no Rust of its
//! own. Its fixture, the 第十条 conditions, the tier paths of 第十三条, the obligations of 第十四条
//! per tier, units registered abroad and the council block.

use crate::form::{validate, Answers, Context, Criterion, FieldKind, FormRules, Report, Status, Value};
use crate::rules::date::CivilDate;
use crate::Locale;

pub(super) const FORM_ID: &str = "aii-member";

pub(super) fn form() -> Box<dyn FormRules> {
    super::by_id(FORM_ID).unwrap()
}

pub(super) fn ctx() -> Context {
    Context { today: CivilDate { year: 2026, month: 11, day: 22 } }
}

pub(super) fn load(text: &str) -> Answers {
    crate::draft::parse(text, form().def()).expect("the fixture is a valid draft").draft.answers
}

/// A 普通会员单位 applying to be a 理事单位, registered in China (`fixtures/aii-complete.json`).
pub(super) fn complete() -> Answers {
    crate::fixtures::aii_complete().1
}

/// A unit registered abroad, not yet a member, applying as a 普通会员单位 (`fixtures/aii-member.json`).
pub(super) fn abroad_member() -> Answers {
    load(include_str!("../../../../fixtures/aii-member.json"))
}

pub(super) fn report(a: &Answers) -> Report {
    validate(form().as_ref(), a, &ctx())
}

pub(super) fn codes(a: &Answers) -> Vec<(String, &'static str)> {
    report(a).issues.into_iter().map(|i| (i.path, i.finding.code)).collect()
}

pub(super) fn criterion(r: &Report, id: &str) -> Option<Criterion> {
    r.eligibility.iter().find(|c| c.id == id).cloned()
}

pub(super) fn status(a: &Answers, id: &str) -> Status {
    criterion(&report(a), id).unwrap_or_else(|| panic!("no condition {id}")).status
}

pub(super) fn set(a: &mut Answers, field: &str, v: &str) {
    a.set(field, Value::Text(v.into()));
}

/// The complete application with another tier and current membership (and what that tier needs).
pub(super) fn with_tier(tier: &str, current: &str) -> Answers {
    let mut a = complete();
    set(&mut a, "tier", tier);
    set(&mut a, "current_tier", current);
    a.set("duty_vice_chair", Value::Bool(tier == "vice_chair"));
    a.set("duty_director", Value::Bool(tier == "director"));
    if tier == "member" {
        for f in ["council_rep_name", "council_rep_title", "council_rep_mobile", "council_rep_email"] {
            set(&mut a, f, "");
        }
        for f in ["nominee_name", "nominee_title", "nominee_mobile", "nominee_email"] {
            set(&mut a, f, "");
        }
    }
    a
}

#[test]
fn the_fixtures_read_and_validate_without_errors() {
    for (name, a) in [("aii-complete", complete()), ("aii-member", abroad_member())] {
        let r = report(&a);
        assert!(r.is_valid(), "{name}: {:?}", r.issues);
        assert!(r.issues.is_empty(), "{name}: {:?}", r.issues);
        assert!(
            r.eligibility.iter().all(|c| matches!(c.status, Status::Pass | Status::Review | Status::Info)),
            "{name}: {:?}",
            r.eligibility
        );
    }
    // The complete application shows every condition of the form.
    let r = report(&complete());
    let ids: Vec<_> = r.eligibility.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "art10.1",
            "art10.2",
            "art10.3",
            "art10.4",
            "art13.path",
            "art13.representative",
            "art13.downgrade",
            "art12.nominee",
            "art14.5"
        ]
    );
}

#[test]
fn title_body_and_process_are_the_charters() {
    let f = form();
    let d = f.def();
    assert!(d.title.zh.contains("入会申请书") && d.title.zh.contains("工业互联网产业联盟"));
    assert!(!d.title.zh.contains("中国") && !d.body.zh.contains("中国"));
    assert!(d.body.zh.contains("秘书处"));
    assert_eq!(d.process.recipient.zh, "联盟秘书处");
    let steps: Vec<_> = d.process.steps.iter().map(|s| s.zh.to_string()).collect();
    assert_eq!(
        steps,
        [
            "向联盟秘书处提交入会申请书",
            "由联盟秘书处初审后报常务理事会",
            "常务理事会审议通过",
            "履行相应程序后成为联盟会员"
        ]
    );
    assert_eq!(d.seal.date_field, "seal_date");
    assert_eq!(d.seal.section, "declaration");
    // The charter names no fee and asks for no document.
    assert!(d.fields().all(|f| !f.id.contains("fee") && !matches!(f.kind, FieldKind::Files { .. })));
    for f in d.fields() {
        assert!(!f.label.zh.contains("会费"), "{}", f.id);
        if let FieldKind::Agree { statement } = &f.kind {
            assert!(!statement.zh.contains("会费"), "{}", f.id);
        }
    }
    // Every text is bilingual.
    for f in d.fields() {
        assert!(!f.label.zh.is_empty() && !f.label.en.is_empty(), "{}", f.id);
        if let Some(h) = &f.help {
            assert!(!h.zh.is_empty() && !h.en.is_empty(), "{}", f.id);
        }
    }
}

#[test]
fn empty_form_needs_information() {
    let a = Answers::empty(form().def());
    let r = report(&a);
    assert!(!r.is_valid());
    // Only the conditions of every tier are shown before a tier is chosen.
    let ids: Vec<_> = r.eligibility.iter().map(|c| c.id).collect();
    assert_eq!(ids, ["art10.1", "art10.2", "art10.3", "art10.4", "art13.path", "art14.5"]);
    assert!(r.eligibility.iter().all(|c| c.status == Status::NeedsInfo), "{:?}", r.eligibility);
    let c = codes(&a);
    for (path, code) in [
        ("unit_name", key!("required.text")),
        ("unit_type", key!("required.choice")),
        ("registered_in", key!("required.choice")),
        ("tier", key!("required.choice")),
        ("current_tier", key!("required.choice")),
        ("work_areas", key!("choices.min")),
        ("pledge", key!("required.agree")),
        ("seal_date", key!("required.date")),
    ] {
        assert!(c.contains(&(path.into(), code)), "{path}: {c:?}");
    }
    // No registration field is asked before the place of registration is chosen.
    assert!(!c.iter().any(|(p, _)| p == "uscc" || p == "reg_no"), "{c:?}");
}

#[test]
fn article_10_1_unit_types_are_the_charters_five_and_others_go_to_the_secretariat() {
    let f = form();
    let FieldKind::Choice { options } = &f.def().field("unit_type").unwrap().kind else { panic!() };
    let labels: Vec<_> = options.iter().map(|o| o.label.zh.to_string()).collect();
    assert_eq!(labels, ["企业", "事业单位", "社团组织", "高等院校", "科研院所", "其他"]);

    // A listed type with a valid code of that category: pass, naming the category.
    let r = report(&complete());
    let c = criterion(&r, "art10.1").unwrap();
    assert_eq!(c.status, Status::Pass);
    assert!(c.reason.text(Locale::ZhCn).contains("工商：企业"), "{}", c.reason.text(Locale::ZhCn));
    assert_eq!(c.clause.render(Locale::ZhCn), "第十条（一）");

    // Another type: referred to the secretariat, never refused.
    let mut a = complete();
    set(&mut a, "unit_type", "other");
    assert_eq!(status(&a, "art10.1"), Status::NeedsInfo);
    assert!(codes(&a).contains(&("unit_type_other".into(), key!("required.text"))));
    set(&mut a, "unit_type_other", "民办非企业单位");
    let r = report(&a);
    assert!(r.is_valid(), "{:?}", r.issues);
    let c = criterion(&r, "art10.1").unwrap();
    assert_eq!(c.status, Status::Review);
    assert!(c.reason.text(Locale::ZhCn).contains("秘书处"));
    assert!(c.remedy.is_some());

    // A type that does not match the code's category: a warning and a review, not a failure.
    let mut a = complete();
    set(&mut a, "unit_type", "university");
    let r = report(&a);
    assert!(r.is_valid());
    assert!(r.warnings().any(|i| i.finding.code == "aii.unit_type_mismatch"));
    assert_eq!(criterion(&r, "art10.1").unwrap().status, Status::Review);
    let mut a = complete();
    set(&mut a, "unit_type", "institution");
    set(&mut a, "uscc", "121000004000123696");
    assert_eq!(status(&a, "art10.1"), Status::Pass);

    // An individual business (个体工商户): review with the reason, and a warning only.
    let mut a = complete();
    let body = "92440300MA5F00000";
    set(&mut a, "uscc", &format!("{body}{}", crate::rules::uscc::check_char(body).unwrap()));
    let r = report(&a);
    assert!(r.is_valid(), "{:?}", r.issues);
    let c = criterion(&r, "art10.1").unwrap();
    assert_eq!(c.status, Status::Review);
    assert!(c.reason.text(Locale::ZhCn).contains("个体工商户"));

    // A missing or wrong code: needs information (the field says what is wrong).
    let mut a = complete();
    set(&mut a, "uscc", "");
    assert_eq!(status(&a, "art10.1"), Status::NeedsInfo);
    set(&mut a, "uscc", "914403001922038217");
    assert_eq!(status(&a, "art10.1"), Status::NeedsInfo);
    assert!(codes(&a).contains(&("uscc".into(), key!("uscc.check"))));
}

#[test]
fn a_unit_registered_abroad_gives_its_registration_number_and_country_not_a_uscc() {
    let f = form();
    let d = f.def();
    let a = abroad_member();
    for id in ["reg_no", "reg_country", "contact_phone_intl"] {
        assert!(d.field(id).unwrap().visible(&a), "{id}");
    }
    for id in ["uscc", "postcode", "contact_phone"] {
        assert!(!d.field(id).unwrap().visible(&a), "{id}");
    }
    let c = criterion(&report(&a), "art10.1").unwrap();
    assert_eq!(c.status, Status::Review);
    assert!(c.reason.text(Locale::ZhCn).contains("第二条"));
    // Without the number or the country: needs information, and the fields are required.
    let mut b = a.clone();
    set(&mut b, "reg_no", "");
    assert_eq!(status(&b, "art10.1"), Status::NeedsInfo);
    assert!(codes(&b).contains(&("reg_no".into(), key!("required.text"))));
    let mut b = a.clone();
    set(&mut b, "reg_country", "");
    assert_eq!(status(&b, "art10.1"), Status::NeedsInfo);
    // Registered in China: the code, and no registration number.
    let china = complete();
    assert!(d.field("uscc").unwrap().visible(&china));
    assert!(!d.field("reg_no").unwrap().visible(&china) && !d.field("reg_country").unwrap().visible(&china));
    let mut b = a;
    set(&mut b, "registered_in", "china");
    let c = codes(&b);
    assert!(
        c.contains(&("uscc".into(), key!("required.text"))) && c.contains(&("postcode".into(), key!("required.text")))
    );
    assert!(!c.iter().any(|(p, _)| p == "reg_no"), "{c:?}");
}

#[test]
fn article_10_2_support_for_the_charter_is_ticked() {
    assert_eq!(status(&complete(), "art10.2"), Status::Pass);
    let mut a = complete();
    a.set("pledge", Value::Bool(false));
    assert_eq!(status(&a, "art10.2"), Status::NeedsInfo);
    assert!(codes(&a).contains(&("pledge".into(), key!("required.agree"))));
}

#[test]
fn article_10_3_influence_is_described_then_judged_by_people() {
    let c = criterion(&report(&complete()), "art10.3").unwrap();
    assert_eq!(c.status, Status::Review);
    assert!(c.reason.text(Locale::ZhCn).contains("常务理事会"));
    let mut a = complete();
    set(&mut a, "influence", "");
    assert_eq!(status(&a, "art10.3"), Status::NeedsInfo);
    let mut a = complete();
    a.set("work_areas", Value::List(Vec::new()));
    assert_eq!(status(&a, "art10.3"), Status::NeedsInfo);
    // The fields of work are 第八条（一）–（五）.
    let f = form();
    let FieldKind::MultiChoice { options, min } = &f.def().field("work_areas").unwrap().kind else { panic!() };
    assert_eq!(*min, 1);
    assert_eq!(options.len(), 5);
    assert!(options[1].label.zh.contains("标准规范前期研究及标准化推进"));
}

#[test]
fn article_10_4_and_the_obligations_of_article_14() {
    assert_eq!(status(&complete(), "art10.4"), Status::Pass);
    for field in
        ["commitment", "duty_charter", "duty_reputation", "duty_reporting", "duty_confidentiality", "duty_director"]
    {
        let mut a = complete();
        a.set(field, Value::Bool(false));
        assert_eq!(status(&a, "art10.4"), Status::NeedsInfo, "{field}");
        assert!(codes(&a).contains(&(field.into(), key!("required.agree"))), "{field}");
    }
    // （五）: a designated contact person, confirmed.
    assert_eq!(status(&complete(), "art14.5"), Status::Pass);
    let mut a = complete();
    a.set("duty_contact", Value::Bool(false));
    assert_eq!(status(&a, "art14.5"), Status::NeedsInfo);
    assert_eq!(status(&a, "art10.4"), Status::NeedsInfo);
    let mut a = complete();
    set(&mut a, "contact_email", "");
    assert_eq!(status(&a, "art14.5"), Status::NeedsInfo);
}

#[test]
fn obligations_6_and_7_are_shown_only_for_their_tier() {
    let f = form();
    let d = f.def();
    let six = d.field("duty_vice_chair").unwrap();
    let seven = d.field("duty_director").unwrap();
    let FieldKind::Agree { statement } = &six.kind else { panic!() };
    assert!(statement.zh.contains("第十四条（六）"));
    let FieldKind::Agree { statement } = &seven.kind else { panic!() };
    assert!(statement.zh.contains("第十四条（七）"));
    for (tier, shows_six, shows_seven) in
        [("member", false, false), ("director", false, true), ("vice_chair", true, false), ("", false, false)]
    {
        let mut a = complete();
        set(&mut a, "tier", tier);
        assert_eq!(six.visible(&a), shows_six, "{tier}");
        assert_eq!(seven.visible(&a), shows_seven, "{tier}");
    }
    // An obligation of another tier, unticked, is not asked for.
    let a = with_tier("vice_chair", "director");
    let r = report(&a);
    assert!(r.is_valid(), "{:?}", r.issues);
    assert_eq!(criterion(&r, "art10.4").unwrap().status, Status::Pass);
    let mut b = a.clone();
    b.set("duty_vice_chair", Value::Bool(false));
    assert!(codes(&b).contains(&("duty_vice_chair".into(), key!("required.agree"))));
    assert_eq!(status(&b, "art10.4"), Status::NeedsInfo);
    // The same for all five: an ordinary member ticks only （一）–（五）.
    let a = abroad_member();
    assert!(report(&a).is_valid());
    assert_eq!(status(&a, "art10.4"), Status::Pass);
}

#[test]
fn seal_date_not_in_future_and_contact_phone_advised() {
    let mut a = complete();
    set(&mut a, "seal_date", "2026-11-23");
    assert!(codes(&a).contains(&("seal_date".into(), key!("date.future"))));
    let mut a = complete();
    set(&mut a, "contact_mobile", "");
    set(&mut a, "contact_phone", "");
    let r = report(&a);
    assert!(r.is_valid());
    assert!(r.warnings().any(|i| i.finding.code == "aii.contact_phone_missing"));
}

#[test]
fn every_clause_cited_is_in_the_charter() {
    // Clause labels look like 第十条（一）, 第十三条, 第十二条 理事单位（一）.
    let charter = include_str!("../../../../docs/seeds/001-aii-charter.txt");
    let f = form();
    for c in &f.def().conditions {
        let clause = c.clause.zh.to_string();
        let article = clause.split(['（', ' ']).next().unwrap();
        assert!(charter.contains(article), "{}: {clause}", c.id);
        let condition: String = c.condition.zh.chars().filter(|c| !c.is_whitespace()).collect();
        let squeezed: String = charter.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squeezed.contains(&condition), "{}: the charter does not say “{condition}”", c.id);
    }
}
