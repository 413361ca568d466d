//! Round trips for every algorithm, determinism, and each kind of tampering rejected with its own message.

use super::archive::{read_entries, ZipOut};
use super::*;
use crate::form::{Answers, Context, FileRef, FormRules, Value};
use crate::rules::date::CivilDate;
use crate::{fixtures, Locale};
use base64::Engine as _;
use rand_core::{OsRng, SeedableRng as _};
use std::collections::BTreeMap;

pub(super) fn ctx() -> Context {
    Context { today: CivilDate::parse("2026-11-22").unwrap() }
}

/// The complete TC260 application with a business licence attached.
pub(super) fn application() -> (Box<dyn FormRules>, Answers, BTreeMap<String, Vec<u8>>) {
    let (form, mut answers) = fixtures::tc260_complete();
    let pdf = b"%PDF-1.7 licence scan".to_vec();
    let file = FileRef {
        id: "f1".into(),
        name: "营业执照.pdf".into(),
        media_type: "application/pdf".into(),
        size: pdf.len() as u64,
    };
    answers.set("licence", Value::Files(vec![file]));
    (form, answers, BTreeMap::from([("f1".to_string(), pdf)]))
}

/// A stand-in for the PDF renderer (the real one is tested in `pdf`): it records the stamp.
struct FakePdf;

impl RenderPdf for FakePdf {
    fn render(&self, stamp: &Stamp<'_>) -> Result<Vec<u8>, PackageError> {
        Ok(format!("%PDF-1.7 {} {} {}", stamp.application_sha256, stamp.key_fingerprint, stamp.application_json.len())
            .into_bytes())
    }
}

/// The package input of `answers`, made on 2026-11-22.
pub(super) fn input<'a>(form: &'a dyn FormRules, answers: &'a Answers) -> PackageInput<'a> {
    PackageInput {
        form,
        call: serde_json::json!({}),
        answers,
        ctx: ctx(),
        created_at: "2026-11-22T14:02:00+08:00".into(),
        pdf: Some(&FakePdf),
        generator: "formseal test".into(),
        definition: crate::forms::definition(form.def().id),
    }
}

pub(super) fn make(key: &KeyPair) -> Built {
    let (form, answers, files) = application();
    let input = input(form.as_ref(), &answers);
    build(&input, &files, key).expect("a valid application packages")
}

/// A fixed key, so packages are comparable across runs.
pub(super) fn key(alg: Algorithm) -> KeyPair {
    KeyPair::generate(alg, &mut rand_chacha::ChaCha20Rng::seed_from_u64(7))
}

#[test]
fn each_algorithm_round_trips() {
    for alg in Algorithm::ALL {
        let built = make(&key(alg));
        let v = verify(&built.bytes, &ctx());
        assert!(v.is_valid(), "{alg:?}: {:?}", v.problems);
        assert_eq!(v.files_checked, 4);
        assert_eq!(v.key_fingerprint.as_deref(), Some(built.key_fingerprint.as_str()));
        assert_eq!(v.manifest_sha256.as_deref(), Some(built.manifest_sha256.as_str()));
        assert_eq!(built.file_name, "申请包-深圳市示例网络安全技术有限公司-2026-11-22.zip");
        let names: Vec<_> = read_entries(&built.bytes).unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            [
                "application.json",
                "form.json",
                "application.pdf",
                "attachments/01-营业执照.pdf",
                "manifest.json",
                "signature.json"
            ]
        );
    }
}

#[test]
fn the_pdf_is_stamped_with_the_application_digest_and_required_by_the_verifier() {
    let k = key(Algorithm::Ed25519);
    let built = make(&k);
    let entries = read_entries(&built.bytes).unwrap();
    let pdf = String::from_utf8(entries[2].bytes.clone()).unwrap();
    assert_eq!(
        pdf,
        format!("%PDF-1.7 {} {} {}", built.application_sha256, built.key_fingerprint, entries[0].bytes.len())
    );
    assert_eq!(built.application_sha256, sha256_hex(&entries[0].bytes));

    let (form, answers, files) = application();
    let without = PackageInput { pdf: None, ..input(form.as_ref(), &answers) };
    let v = verify(&build(&without, &files, &k).unwrap().bytes, &ctx());
    assert_eq!(v.codes(), [key!("package.file.required")]);
    assert!(v.problems[0].params.iter().any(|(_, n)| n == "application.pdf"));

    let not_pdf = tamper(&built.bytes, |e| entry(e, "application.pdf").bytes = b"GIF89a".to_vec());
    assert!(verify(&not_pdf, &ctx()).codes().contains(&key!("package.pdf.not_pdf")));
}

#[test]
fn same_inputs_give_identical_bytes() {
    let k = key(Algorithm::Ed25519);
    assert_eq!(make(&k).bytes, make(&k).bytes);
    let p = key(Algorithm::EcdsaP256);
    assert_eq!(make(&p).bytes, make(&p).bytes);
}

#[test]
fn only_valid_applications_are_packaged() {
    let (form, mut answers, files) = application();
    answers.set("uscc", Value::Text("914403001922038217".into()));
    let input = input(form.as_ref(), &answers);
    let e = build(&input, &files, &key(Algorithm::Ed25519)).unwrap_err();
    assert!(matches!(&e, PackageError::Invalid { errors } if errors[0].path == "uscc"), "{e:?}");
    assert_eq!(e.text(Locale::ZhCn), "申请表还有 1 处错误，改正后才能生成申请包");
}

#[test]
fn oversized_attachments_are_explained() {
    let (form, mut answers, files) = application();
    let big =
        FileRef { id: "f1".into(), name: "扫描件.pdf".into(), media_type: "application/pdf".into(), size: 60 << 20 };
    answers.set("licence", Value::Files(vec![big]));
    let e = check_sizes(form.as_ref(), &answers).unwrap_err();
    assert_eq!(e.text(Locale::ZhCn), "附件“扫描件.pdf”为 60.0 MB，超过单个附件 50.0 MB 的上限；请压缩或拆分后重新上传");
    drop(files);
}

/// Unpacks, lets `change` edit the entries, and zips them again.
pub(super) fn tamper(bytes: &[u8], change: impl FnOnce(&mut Vec<Entry>)) -> Vec<u8> {
    let mut entries = read_entries(bytes).unwrap();
    change(&mut entries);
    let mut z = ZipOut::new();
    for e in &entries {
        z.add(&e.name, &e.bytes).unwrap();
    }
    z.finish().unwrap()
}

pub(super) fn entry<'a>(entries: &'a mut [Entry], name: &str) -> &'a mut Entry {
    entries.iter_mut().find(|e| e.name == name).unwrap()
}

pub(super) fn codes(bytes: &[u8]) -> Vec<&'static str> {
    verify(bytes, &ctx()).codes()
}

#[test]
fn tampering_is_caught_and_named() {
    let good = make(&key(Algorithm::Ed25519)).bytes;

    let changed_answer = tamper(&good, |e| {
        let a = entry(e, "application.json");
        a.bytes = String::from_utf8(a.bytes.clone()).unwrap().replace("王小明", "王大明").into_bytes();
    });
    assert_eq!(codes(&changed_answer), [key!("package.file.hash")]);
    let v = verify(&changed_answer, &ctx());
    assert!(crate::messages::finding_text(Locale::ZhCn, &v.problems[0])
        .starts_with("“application.json”的 SHA-256 与清单不符"));

    let changed_attachment = tamper(&good, |e| entry(e, "attachments/01-营业执照.pdf").bytes.push(b'!'));
    assert_eq!(codes(&changed_attachment), [key!("package.file.hash"), key!("package.attachment.mismatch")]);

    let other = KeyPair::generate(Algorithm::Ed25519, &mut OsRng).public();
    let swapped = tamper(&good, |e| {
        let s = entry(e, "signature.json");
        let mut sig: SignatureFile = serde_json::from_slice(&s.bytes).unwrap();
        sig.public_key = base64::engine::general_purpose::STANDARD.encode(&other.spki);
        sig.key_fingerprint = other.fingerprint();
        s.bytes = canonical(&sig);
    });
    assert_eq!(codes(&swapped), [key!("package.signature.mismatch")]);

    let extra = tamper(&good, |e| e.insert(2, Entry { name: "attachments/99-x.exe".into(), bytes: b"MZ".to_vec() }));
    assert_eq!(codes(&extra), [key!("package.file.extra"), key!("package.attachment.unlisted")]);

    let reordered = tamper(&good, |e| e.swap(0, 1));
    assert_eq!(codes(&reordered), [key!("package.order")]);

    assert_eq!(codes(&good[..good.len() / 2]), [key!("package.zip.unreadable")]);

    let renamed = tamper(&good, |e| e.push(Entry { name: "zzzzzzzzzzzzz".into(), bytes: vec![1] }));
    let mut traversal = renamed.clone();
    super::archive::tests::replace_all(&mut traversal, b"zzzzzzzzzzzzz", b"../../evil.sh");
    assert_eq!(codes(&traversal), [key!("package.zip.traversal")]);

    let bomb = tamper(&good, |e| e.push(Entry { name: "attachments/02-zeros".into(), bytes: vec![0; 30 << 20] }));
    assert_eq!(codes(&bomb), [key!("package.zip.bomb")]);
    // Many entries, each under the floor, that together unpack to far more than they weigh.
    let spread = tamper(&good, |e| {
        for i in 2..22 {
            e.push(Entry { name: format!("attachments/{i:02}-zeros"), bytes: vec![0; 900 << 10] });
        }
    });
    assert_eq!(codes(&spread), [key!("package.zip.bomb_total")]);
}

#[test]
fn a_manifest_that_lists_itself_is_refused_without_a_crash() {
    // Issue 14, item 2: the manifest listing `manifest.json` and `signature.json` crashed the
    // verifier (index out of bounds); now it is a finding.
    let good = make(&key(Algorithm::Ed25519)).bytes;
    let bad = tamper(&good, |e| {
        let m = entry(e, "manifest.json");
        let mut v: serde_json::Value = serde_json::from_slice(&m.bytes).unwrap();
        let files = v["files"].as_array_mut().unwrap();
        for name in ["manifest.json", "signature.json"] {
            files.push(serde_json::json!({ "path": name, "size": 1, "sha256": "00" }));
        }
        m.bytes = canonical(&v);
    });
    let c = codes(&bad);
    assert!(c.contains(&key!("package.manifest.duplicate")), "{c:?}");
    assert!(!verify(&bad, &ctx()).is_valid());
}

#[test]
fn only_the_documented_layout_is_a_package() {
    // Issue 14, items 8 and 9: the container and the names are checked before anything is read.
    let good = make(&key(Algorithm::Ed25519)).bytes;
    let before = [b"PK\x03\x04fake".as_slice(), &good].concat();
    assert_eq!(codes(&before), [key!("package.zip.prefix")]);
    let after = [good.as_slice(), b"trailing"].concat();
    assert_eq!(codes(&after), [key!("package.zip.trailing")]);
    // The end record's entry count (a hostile directory is refused before it is parsed).
    let eocd = good.len() - 22;
    let mut many = good.clone();
    many[eocd + 10..eocd + 12].copy_from_slice(&5000u16.to_le_bytes());
    assert_eq!(codes(&many), [key!("package.zip.too_many")]);
    let mut zip64 = good.clone();
    zip64[eocd + 10..eocd + 12].copy_from_slice(&0xFFFFu16.to_le_bytes());
    assert_eq!(codes(&zip64), [key!("package.zip.unreadable")]);
    // A local header that names another file than the central directory.
    let mut local = good.clone();
    assert_eq!(&local[30..46], b"application.json");
    local[30] = b'A';
    assert_eq!(codes(&local), [key!("package.zip.local_name")]);
    // Names outside the format: a case variant, a look-alike letter, a program, a hidden character.
    for name in ["Application.json", "\u{430}pplication.json", "evil.exe", "attachments/01-a\u{202e}fdp.exe"] {
        let extra = tamper(&good, |e| e.insert(1, Entry { name: name.into(), bytes: b"x".to_vec() }));
        assert!(codes(&extra).contains(&key!("package.file.layout")), "{name}: {:?}", codes(&extra));
    }
}

#[test]
fn manifest_and_application_must_be_canonical() {
    let good = make(&key(Algorithm::EcdsaP256)).bytes;
    let pretty_signature = tamper(&good, |e| {
        let s = entry(e, "signature.json");
        let v: serde_json::Value = serde_json::from_slice(&s.bytes).unwrap();
        s.bytes = serde_json::to_vec_pretty(&v).unwrap();
    });
    assert!(
        codes(&pretty_signature).contains(&key!("package.signature.not_canonical")),
        "{:?}",
        codes(&pretty_signature)
    );
    let pretty = tamper(&good, |e| {
        let a = entry(e, "application.json");
        let v: serde_json::Value = serde_json::from_slice(&a.bytes).unwrap();
        a.bytes = serde_json::to_vec_pretty(&v).unwrap();
    });
    // The manifest no longer matches either.
    assert_eq!(codes(&pretty), [key!("package.file.hash"), key!("package.application.not_canonical")]);
}

#[test]
fn compressible_attachments_are_not_mistaken_for_bombs() {
    let (form, mut answers, _) = application();
    let zeros = vec![0u8; 3 << 20];
    let file =
        FileRef { id: "z".into(), name: "blank.bmp".into(), media_type: "image/bmp".into(), size: zeros.len() as u64 };
    answers.set("licence", Value::Files(vec![file]));
    let input = input(form.as_ref(), &answers);
    let built = build(&input, &BTreeMap::from([("z".to_string(), zeros)]), &key(Algorithm::Ed25519)).unwrap();
    let v = verify(&built.bytes, &ctx());
    assert!(v.is_valid(), "{:?}", v.problems);
}

#[test]
fn a_backup_that_asks_for_too_much_work_is_refused_before_any() {
    use pkcs8::der::Encode;
    // Issue 14, item 13: the file names its own cost; 3 million PBKDF2 rounds are refused at
    // once (the encrypted bytes are never touched, so no time is spent).
    let (salt, iv) = ([7u8; 16], [9u8; 16]);
    let params = pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(3_000_000, &salt, &iv).unwrap();
    let info = pkcs8::EncryptedPrivateKeyInfo {
        encryption_algorithm: pkcs8::pkcs5::EncryptionScheme::Pbes2(params),
        encrypted_data: &[0u8; 48],
    };
    let der = info.to_der().unwrap();
    assert_eq!(KeyPair::from_pkcs8(&der, Some("口令")).err(), Some(KeyError::TooCostly));
    let scrypt = pkcs8::pkcs5::pbes2::Parameters::scrypt_aes256cbc(
        pkcs8::pkcs5::scrypt::Params::new(24, 8, 1, 32).unwrap(),
        &salt,
        &iv,
    );
    if let Ok(scrypt) = scrypt {
        let info = pkcs8::EncryptedPrivateKeyInfo {
            encryption_algorithm: pkcs8::pkcs5::EncryptionScheme::Pbes2(scrypt),
            encrypted_data: &[0u8; 48],
        };
        let der = info.to_der().unwrap();
        assert_eq!(KeyPair::from_pkcs8(&der, Some("口令")).err(), Some(KeyError::TooCostly));
    }
}
