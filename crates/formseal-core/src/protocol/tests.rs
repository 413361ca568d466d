use super::*;
use serde_json::json;

fn form_args() -> FormArgs {
    FormArgs {
        form: "tc260-wg-member".into(),
        call: json!({"year": 2026}),
        definition: Some("{\"id\":\"x\"}".into()),
        answers: json!({"unit_name": "某某单位"}),
        file_ids: vec!["a1".into()],
        created_at: "2026-12-03T08:00:00Z".into(),
        today: "2026-12-03".into(),
    }
}

/// What a sender writes with `encode` is what the worker reads as a `Message`, and writes back
/// the same (so the names in `protocol!` and serde's agree for every request).
fn round_trip<T: Op + Clone>(request: T, wrapped: impl Fn(T) -> Request) {
    let text = encode(Locale::En, &request);
    let message: Message = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", T::NAME));
    assert_eq!(message.lang, Locale::En);
    let expected = Message { lang: Locale::En, request: wrapped(request) };
    assert_eq!(serde_json::to_value(&message).unwrap(), serde_json::to_value(&expected).unwrap(), "{}", T::NAME);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap()["request"]["op"], T::NAME);
}

#[test]
fn every_request_reads_back_as_sent() {
    round_trip(Keygen { algorithm: crate::algorithm::Algorithm::Sm2Sm3 }, Request::Keygen);
    round_trip(Backup { passphrase: "口令 pass".into() }, Request::Backup);
    round_trip(Import { passphrase: None }, Request::Import);
    round_trip(Package(form_args()), Request::Package);
    round_trip(Preview(form_args()), Request::Preview);
    round_trip(Export { form: form_args(), draft: "{}".into() }, Request::Export);
    let submit = Submit { url: "/in".into(), file_name: "a.zip".into(), manifest: "m".into(), application: "a".into() };
    round_trip(submit, Request::Submit);
    round_trip(
        Verify { name: "a.zip".into(), today: "2026-12-03".into(), call: Some(json!({"x": 1})) },
        Request::Verify,
    );
    round_trip(CheckForm { definition: "{}".into() }, Request::CheckForm);
    round_trip(Crash {}, Request::Crash);
    #[cfg(feature = "intake")]
    {
        round_trip(IntakeRow { name: "a.zip".into(), today: "2026-12-03".into(), call: None }, Request::IntakeRow);
        let rows = vec![crate::intake::Row::new("a.zip".into())];
        let export = IntakeExport { rows, format: crate::intake::Format::Csv, only: Some(vec![0]), bom: false };
        round_trip(export, Request::IntakeExport);
    }
}

fn reply_round_trip<T: Op>(reply: T::Reply)
where
    T::Reply: PartialEq + std::fmt::Debug,
{
    let (ok, text) = answer(&Ok::<_, Failure>(&reply));
    assert_eq!(read_answer::<T>(Locale::En, ok, &text), Ok(reply), "{}", T::NAME);
    let failure = Failure::new(key!("ui.key.none"), "没有密钥");
    let (ok, text) = answer::<T::Reply>(&Err(failure.clone()));
    assert_eq!(read_answer::<T>(Locale::En, ok, &text), Err(failure));
}

#[test]
fn every_reply_reads_back_as_sent() {
    let key = KeyInfo { algorithm: "SM2-SM3".into(), fingerprint: "ab12".into() };
    reply_round_trip::<Keygen>(key.clone());
    reply_round_trip::<Import>(key);
    reply_round_trip::<Backup>(Pem { pem: "-----BEGIN".into() });
    let packed = Packed {
        file_name: "申请包.zip".into(),
        manifest_sha256: "m".into(),
        application_sha256: "a".into(),
        key_fingerprint: "f".into(),
        algorithm: "Ed25519".into(),
        attachments: 2,
    };
    reply_round_trip::<Package>(packed);
    reply_round_trip::<Preview>(Previewed { file_name: "预览.pdf".into() });
    reply_round_trip::<Export>(Exported {});
    let receipt =
        Submitted { status: 201, receipt: Some("已收到".into()), receipt_name: Some("回执.json".into()) };
    reply_round_trip::<Submit>(receipt);
    reply_round_trip::<Submit>(Submitted { status: 0, receipt: None, receipt_name: None });
    reply_round_trip::<Verify>(Verified { valid: false, codes: vec!["sig.bad".into()], html: "<p>x</p>".into() });
    reply_round_trip::<CheckForm>(FormCheck { problems: Some("表单定义有误：a.b: 坏 / …".into()) });
    reply_round_trip::<CheckForm>(FormCheck { problems: None });
    reply_round_trip::<Crash>(Empty {});
    #[cfg(feature = "intake")]
    {
        reply_round_trip::<IntakeExport>(ExportedRows { rows: 3 });
        let row = crate::intake::Row::new("a.zip".into());
        let (ok, text) = answer(&Ok::<_, Failure>(&row));
        assert_eq!(read_answer::<IntakeRow>(Locale::En, ok, &text).unwrap().file, "a.zip");
    }
}

#[test]
fn a_reply_of_another_shape_is_a_failure_not_a_default() {
    // A renamed field does not silently become "": the answer is refused as a whole.
    let text = r#"{"algorithm": "Ed25519", "finger_print": "ab"}"#;
    let failure = read_answer::<Keygen>(Locale::En, true, text).unwrap_err();
    assert_eq!(failure.code, key!("worker.bad_reply"));
    assert!(failure.message.contains("keygen") && failure.message.contains("could not be read"), "{failure:?}");
    assert_eq!(read_answer::<Verify>(Locale::ZhCn, false, "not json").unwrap_err().code, key!("worker.bad_reply"));
}

#[test]
fn an_unknown_operation_or_malformed_request_is_refused_when_read() {
    assert!(serde_json::from_str::<Message>(r#"{"lang":"en","request":{"op":"format_disk","args":{}}}"#).is_err());
    assert!(serde_json::from_str::<Message>(r#"{"request":{"op":"backup","args":{"passphrase":1}}}"#).is_err());
    // The language may be left out (Chinese).
    let m: Message = serde_json::from_str(r#"{"request":{"op":"crash","args":{}}}"#).unwrap();
    assert_eq!(m.lang, Locale::ZhCn);
}
