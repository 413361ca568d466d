//! The AII form's tiers (第十二条, 第十三条): which tier may be applied for by whom — explained,
//! never refused, when the council decides — and the council block of the council tiers.

use super::tests_aii::*;
use crate::form::{FieldKind, Status};
use crate::Locale;

#[test]
fn the_chair_unit_is_not_offered() {
    let f = form();
    let tier = f.def().field("tier").unwrap();
    let FieldKind::Choice { options } = &tier.kind else { panic!() };
    let values: Vec<_> = options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(values, ["member", "director", "vice_chair"]);
    assert!(options.iter().all(|o| o.label.zh != "理事长单位"));
    assert!(tier.help.as_ref().unwrap().zh.contains("由主要发起单位产生"));
    let mut a = complete();
    set(&mut a, "tier", "chair");
    assert!(codes(&a).contains(&("tier".into(), key!("choice.unknown"))));
}

#[test]
fn an_ordinary_member_unit_by_a_new_unit() {
    let a = abroad_member();
    let r = report(&a);
    let c = criterion(&r, "art13.path").unwrap();
    assert_eq!(c.status, Status::Pass);
    assert!(c.reason.text(Locale::ZhCn).contains("第十一条"));
    // The council conditions are not shown for an ordinary member unit.
    for id in ["art13.representative", "art13.downgrade", "art12.nominee"] {
        assert!(criterion(&r, id).is_none(), "{id}");
    }
    // Already a member: explained, not refused.
    let a = with_tier("member", "member");
    let c = criterion(&report(&a), "art13.path").unwrap();
    assert_eq!(c.status, Status::Review);
    assert!(c.remedy.is_some());
}

#[test]
fn a_council_unit_by_an_ordinary_member_or_explained_for_a_new_unit() {
    // By a 普通会员单位: the charter's path.
    let c = criterion(&report(&complete()), "art13.path").unwrap();
    assert_eq!(c.status, Status::Pass);
    assert!(c.reason.text(Locale::ZhCn).contains("第二十二条（三）"));
    // By a unit not yet a member: review with the explanation and what else it could do.
    let a = with_tier("director", "none");
    let r = report(&a);
    assert!(r.is_valid(), "{:?}", r.issues);
    let c = criterion(&r, "art13.path").unwrap();
    assert_eq!(c.status, Status::Review);
    let reason = c.reason.text(Locale::ZhCn);
    assert!(reason.contains("普通会员单位") && reason.contains("理事会决定"), "{reason}");
    assert!(c.remedy.as_ref().unwrap().text(Locale::ZhCn).contains("普通会员单位"));
    assert!(c.reason.text(Locale::En).contains("Article 13"));
    // Already a council unit: explained.
    assert_eq!(status(&with_tier("director", "director"), "art13.path"), Status::Review);
    // No tier path ever fails.
    for tier in ["member", "director", "vice_chair"] {
        for current in ["none", "member", "director"] {
            let s = status(&with_tier(tier, current), "art13.path");
            assert!(s != Status::Fail, "{tier} by {current}");
        }
    }
}

#[test]
fn a_vice_chair_unit_by_a_council_unit_or_a_typical_ordinary_member() {
    // By a 理事单位: the charter's path.
    let a = with_tier("vice_chair", "director");
    assert_eq!(status(&a, "art13.path"), Status::Pass);
    // By a typical 普通会员单位: it says why it is typical, and people judge it.
    let mut a = with_tier("vice_chair", "member");
    assert!(form().def().field("typical").unwrap().visible(&a));
    assert_eq!(status(&a, "art13.path"), Status::NeedsInfo);
    assert!(report(&a).warnings().any(|i| i.finding.code == "aii.typical_missing"));
    set(&mut a, "typical", "本公司为国家级跨行业跨领域工业互联网平台建设单位。");
    let r = report(&a);
    assert!(r.is_valid() && r.warnings().next().is_none(), "{:?}", r.issues);
    let c = criterion(&r, "art13.path").unwrap();
    assert_eq!(c.status, Status::Review);
    assert!(c.reason.text(Locale::ZhCn).contains("典型代表性"));
    // By a unit not yet a member: review with the explanation.
    let c = criterion(&report(&with_tier("vice_chair", "none")), "art13.path").unwrap();
    assert_eq!(c.status, Status::Review);
    assert!(c.reason.text(Locale::ZhCn).contains("尚未入会") && c.remedy.is_some());
    // The typical-unit question is only for this tier.
    assert!(!form().def().field("typical").unwrap().visible(&complete()));
}

#[test]
fn council_tiers_send_a_representative_and_may_nominate_one_council_member() {
    for tier in ["director", "vice_chair"] {
        let a = with_tier(tier, if tier == "director" { "member" } else { "director" });
        let r = report(&a);
        assert!(r.is_valid(), "{tier}: {:?}", r.issues);
        let c = criterion(&r, "art13.representative").unwrap();
        assert_eq!(c.status, Status::Pass, "{tier}");
        assert!(c.reason.text(Locale::ZhCn).contains("欧阳·明"));
        // The automatic downgrade after three missed meetings, as information.
        let d = criterion(&r, "art13.downgrade").unwrap();
        assert_eq!(d.status, Status::Info, "{tier}");
        assert!(d.reason.text(Locale::ZhCn).contains("连续三次"));
        assert_eq!(criterion(&r, "art12.nominee").unwrap().status, Status::Review, "{tier}");
        // The representative is required for these tiers.
        let mut b = a.clone();
        set(&mut b, "council_rep_name", "");
        assert!(codes(&b).contains(&("council_rep_name".into(), key!("required.text"))), "{tier}");
        assert_eq!(status(&b, "art13.representative"), Status::NeedsInfo);
    }
    // …and not for an ordinary member unit.
    let a = abroad_member();
    assert!(!codes(&a).iter().any(|(p, _)| p.starts_with("council_rep")));
    let mut b = a;
    set(&mut b, "council_rep_name", "张三");
    assert!(report(&b).warnings().any(|i| i.finding.code == "aii.council_only"));
}

#[test]
fn at_most_one_council_member_nominee() {
    // One nominee, as single fields (no repeatable rows): a second cannot be entered.
    let f = form();
    let d = f.def();
    let nominee: Vec<_> = d.fields().filter(|f| f.id.starts_with("nominee")).collect();
    assert_eq!(nominee.len(), 4);
    assert!(nominee.iter().all(|f| !matches!(f.kind, FieldKind::Rows { .. }) && !f.required));
    assert!(d.fields().all(|f| !matches!(f.kind, FieldKind::Rows { .. })));
    assert!(d.field("nominee_name").unwrap().label.zh.contains("可推荐一名"));
    // None: information (a right, not an obligation).
    let mut a = complete();
    for f in ["nominee_name", "nominee_title", "nominee_mobile", "nominee_email"] {
        set(&mut a, f, "");
    }
    let r = report(&a);
    assert!(r.is_valid(), "{:?}", r.issues);
    assert_eq!(criterion(&r, "art12.nominee").unwrap().status, Status::Info);
    // Started but not finished: an error at the missing part and needs information.
    set(&mut a, "nominee_email", "zhangkun@example.com.cn");
    assert!(codes(&a).contains(&("nominee_name".into(), "aii.nominee_incomplete")));
    assert_eq!(status(&a, "art12.nominee"), Status::NeedsInfo);
    set(&mut a, "nominee_name", "张堃");
    assert!(codes(&a).contains(&("nominee_title".into(), "aii.nominee_incomplete")));
    set(&mut a, "nominee_title", "首席技术官");
    assert!(report(&a).is_valid());
    let c = criterion(&report(&a), "art12.nominee").unwrap();
    assert_eq!(c.status, Status::Review);
    assert!(c.reason.text(Locale::ZhCn).contains("张堃") && c.reason.text(Locale::ZhCn).contains("理事会决定"));
}

#[test]
fn the_council_block_is_shown_only_for_the_council_tiers() {
    let f = form();
    let block = &f.def().sections.iter().find(|s| s.id == "council").unwrap().fields;
    for (tier, shown) in [("member", false), ("director", true), ("vice_chair", true)] {
        let a = with_tier(tier, "member");
        assert!(block.iter().all(|field| field.visible(&a) == shown), "{tier}");
    }
    // Nothing chosen yet: not shown.
    let mut a = complete();
    set(&mut a, "tier", "");
    assert!(block.iter().all(|field| !field.visible(&a)));
}

#[test]
#[cfg(feature = "package")]
fn a_one_of_condition_is_read_and_linted() {
    let text = crate::forms::definition("aii-member").unwrap();
    let changed = text.replacen(r#""values": ["director", "vice_chair"]"#, r#""values": ["director", "chair"]"#, 1);
    let (_, lints) = crate::forms::check(&changed).unwrap();
    let never: Vec<_> = lints.iter().filter(|l| l.finding.code == key!("lint.never")).collect();
    assert_eq!(never.len(), 1, "{lints:?}");
    assert!(never[0].path.ends_with(".visible_if"), "{}", never[0].path);
    let broken = text.replacen(r#""values": ["director", "vice_chair"]"#, r#""values": "director""#, 1);
    let e = crate::forms::build("aii-member", &broken, &serde_json::Value::Null).err().unwrap();
    assert!(e.text(Locale::En).contains("visible_if.one_of.values: expected a list"), "{}", e.text(Locale::En));
}
