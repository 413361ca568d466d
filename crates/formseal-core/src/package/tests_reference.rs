//! The secretariat's own call, receipt date and definition are the reference; the package's
//! copies are the applicant's word (issues 13 and 14).

use super::tests::{application, codes, ctx, entry, input, key, make, tamper};
use super::*;

#[test]
fn the_secretariats_call_and_receipt_are_the_reference() {
    // Issue 14, item 1: a package made with an empty call, judged by the official one.
    use crate::rules::date::CivilDate;
    let good = make(&key(Algorithm::Ed25519)).bytes;
    let own = verify(&good, &ctx());
    assert!(own.is_valid() && own.notes.iter().any(|n| n.code == key!("package.call.own")), "{:?}", own.codes());
    let same = Official { call: Some(serde_json::json!({})), ..Default::default() };
    let v = verify_with(&good, &ctx(), &same);
    assert!(v.is_valid() && !v.notes.iter().any(|n| n.code == key!("package.call.own")), "{:?}", v.codes());
    // The official call had closed before the package was signed, and opened WG8 only.
    let closed = serde_json::json!({ "tc260-wg": { "deadline": "2026-01-31", "working_groups": [{ "code": "WG8" }] } });
    let v = verify_with(&good, &ctx(), &Official { call: Some(closed), ..Default::default() });
    assert!(v.codes().contains(&key!("package.call.differs")), "{:?}", v.codes());
    assert!(v.issues.iter().any(|i| i.finding.code == key!("call.closed")), "{:?}", v.issues);
    assert!(v.issues.iter().any(|i| i.finding.code == key!("choice.unknown")), "{:?}", v.issues);
    // Signed after it was received: a back-dated claim cannot hide that.
    let early =
        Official { call: Some(serde_json::json!({})), received: CivilDate::parse("2000-01-01"), ..Default::default() };
    assert!(verify_with(&good, &ctx(), &early).codes().contains(&key!("package.signed_after_receipt")));
    // Received at a moment: an applicant's clock a few minutes fast is not a claim to refuse;
    // a signing time more than ten minutes after the receipt is, with both times in UTC.
    let signed = instant("2026-11-22T14:02:00+08:00").unwrap();
    let received_at =
        |at: i64| Official { call: Some(serde_json::json!({})), received_at: Some(at), ..Default::default() };
    let fast = verify_with(&good, &ctx(), &received_at(signed - 5 * 60));
    assert!(fast.is_valid(), "{:?}", fast.codes());
    let late = verify_with(&good, &ctx(), &received_at(signed - 11 * 60));
    assert_eq!(late.codes(), [key!("package.signed_after_receipt_at")]);
    let text = crate::messages::finding_text(crate::Locale::ZhCn, &late.problems[0]);
    assert_eq!(
        text,
        "申请包自称的签名时间（2026-11-22T06:02:00Z）比收到时间（2026-11-22T05:51:00Z）晚 10 分钟以上（均为 UTC 时间）"
    );
}

#[test]
fn the_secretariats_definition_is_the_reference() {
    // Issue 13: the package carries the definition the applicant's form was built from
    // (form.json); the verifier judges by its own, and any difference is a failure.
    let (form, answers, files) = application();
    let builtin = crate::forms::definition("tc260-wg").unwrap();
    let changed = builtin.replacen("办公地址", "办公地点", 1);
    let k = key(Algorithm::Ed25519);
    let carrying = |definition: Option<&str>| {
        build(&PackageInput { definition, ..input(form.as_ref(), &answers) }, &files, &k).unwrap().bytes
    };
    // The built-in definition, carried: valid; its digest is in application.json.
    let same = carrying(Some(builtin));
    assert!(verify(&same, &ctx()).is_valid(), "{:?}", verify(&same, &ctx()).codes());
    let app: Application = serde_json::from_slice(&read_entries(&same).unwrap()[0].bytes).unwrap();
    assert_eq!(app.form.definition_sha256.as_deref(), Some(sha256_hex(builtin.as_bytes()).as_str()));
    // Another definition, carried: refused against the built-in one, accepted against the
    // secretariat's own when that is the one given.
    let other = carrying(Some(&changed));
    assert!(
        verify(&other, &ctx()).codes().contains(&key!("package.form.differs")),
        "{:?}",
        verify(&other, &ctx()).codes()
    );
    let theirs = Official { definition: Some(changed.clone()), ..Default::default() };
    assert!(verify_with(&other, &ctx(), &theirs).is_valid());
    assert!(verify_with(&same, &ctx(), &theirs).codes().contains(&key!("package.form.differs")));
    // form.json swapped after signing: its digest no longer matches (and the manifest's).
    let swapped = tamper(&same, |e| entry(e, "form.json").bytes = changed.clone().into_bytes());
    assert!(codes(&swapped).contains(&key!("package.form.definition_hash")), "{:?}", codes(&swapped));
    // A package made before definitions were carried (no form.json, no digest: the bytes the
    // earlier format had) verifies against the built-in definition.
    let old = carrying(None);
    let names: Vec<String> = read_entries(&old).unwrap().into_iter().map(|e| e.name).collect();
    assert!(!names.contains(&"form.json".to_string()));
    assert!(!String::from_utf8_lossy(&read_entries(&old).unwrap()[0].bytes).contains("definition_sha256"));
    assert!(verify(&old, &ctx()).is_valid(), "{:?}", verify(&old, &ctx()).codes());
}
