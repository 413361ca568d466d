//! `formseal keygen / pack / verify / inspect` on packages made here, and `openssl` on the same
//! packages through `scripts/verify-with-openssl.sh` (the README's commands).

mod support;

use formseal_core::package::Algorithm;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;
use std::path::{Path, PathBuf};

use support::{formseal, scratch, COAUTHOR, COMPLETE, CREATED, INVALID, TODAY};

fn keygen(dir: &Path, alg: &str) -> PathBuf {
    let key = dir.join(format!("{alg}.pem"));
    formseal().args(["keygen", "--algorithm", alg, "-o"]).arg(&key).assert().code(0).stdout(contains("公钥指纹"));
    key
}

fn pack(draft: &str, key: &Path, out: &Path) -> assert_cmd::assert::Assert {
    formseal()
        .args(["pack", draft, "--today", TODAY, "--created-at", CREATED, "--key"])
        .arg(key)
        .arg("-o")
        .arg(out)
        .assert()
}

fn verify_json(pkg: &Path) -> (i32, Value) {
    let out = formseal().args(["verify", "--json", "--lang", "en", "--today", TODAY]).arg(pkg).output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn every_algorithm_packs_and_verifies_with_formseal_and_openssl() {
    let dir = scratch("algs");
    for alg in Algorithm::ALL.map(Algorithm::name) {
        let key = keygen(&dir, alg);
        let pkg = dir.join(format!("{alg}.zip"));
        pack(COMPLETE, &key, &pkg).code(0).stdout(contains("清单摘要"));
        formseal()
            .args(["verify", "--today", TODAY])
            .arg(&pkg)
            .assert()
            .code(0)
            .stdout(contains("结论：申请包有效"))
            .stdout(contains("单位：深圳市示例网络安全技术有限公司"));
        let openssl = std::process::Command::new("bash")
            .arg("../../scripts/verify-with-openssl.sh")
            .arg(&pkg)
            .output()
            .expect("bash runs");
        assert!(openssl.status.success(), "{alg}: {}", String::from_utf8_lossy(&openssl.stderr));
    }
}

#[test]
fn packages_are_reproducible() {
    let dir = scratch("repro");
    let key = keygen(&dir, "ed25519");
    let (a, b) = (dir.join("a.zip"), dir.join("b.zip"));
    pack(COAUTHOR, &key, &a).code(0);
    pack(COAUTHOR, &key, &b).code(0);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let (code, report) = verify_json(&a);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["status"], "valid");
    assert_eq!(report["form"]["id"], "group-std-coauthor");
}

#[test]
fn invalid_applications_are_not_packaged() {
    let dir = scratch("invalid");
    let key = keygen(&dir, "ed25519");
    let out = dir.join("x.zip");
    pack(INVALID, &key, &out).code(1).stderr(contains("改正后才能生成申请包")).stderr(contains("统一社会信用代码"));
    assert!(!out.exists());
}

#[test]
fn a_tampered_package_is_rejected_by_formseal_and_openssl() {
    let dir = scratch("tamper");
    let key = keygen(&dir, "p256");
    let pkg = dir.join("p.zip");
    pack(COMPLETE, &key, &pkg).code(0);
    // Flip one byte inside the stored signature.json entry (the last entry; deflated JSON).
    let mut bytes = std::fs::read(&pkg).unwrap();
    let at = bytes.windows(14).rposition(|w| w == b"signature.json").unwrap() - 60;
    bytes[at] ^= 1;
    let bad = dir.join("bad.zip");
    std::fs::write(&bad, &bytes).unwrap();
    let (code, report) = verify_json(&bad);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["status"], "invalid");
    let openssl =
        std::process::Command::new("bash").arg("../../scripts/verify-with-openssl.sh").arg(&bad).output().unwrap();
    assert!(!openssl.status.success());
}

#[test]
fn a_wrong_key_is_named() {
    let dir = scratch("key");
    let key = keygen(&dir, "ed25519");
    let pkg = dir.join("p.zip");
    pack(COMPLETE, &key, &pkg).code(0);
    formseal()
        .args(["verify", "--lang", "en", "--today", TODAY, "--key", "00ff"])
        .arg(&pkg)
        .assert()
        .code(1)
        .stdout(contains("not signed by the expected key (expected 00ff"));
}

#[test]
fn not_a_package_and_missing_files() {
    formseal()
        .args(["verify", "--lang", "en", "--today", TODAY, COMPLETE])
        .assert()
        .code(1)
        .stdout(contains("not a complete zip package"));
    formseal()
        .args(["verify", "--lang", "en", "--today", TODAY, "tests/fixtures/nope.zip"])
        .assert()
        .code(2)
        .stderr(contains("Cannot read tests/fixtures/nope.zip"));
}

#[test]
fn encrypted_keys_need_their_passphrase() {
    let dir = scratch("pass");
    std::fs::write(dir.join("pass"), "正确的口令\n").unwrap();
    std::fs::write(dir.join("wrong"), "错误\n").unwrap();
    let key = dir.join("enc.pem");
    formseal()
        .args(["keygen", "--algorithm", "sm2", "--passphrase-file"])
        .arg(dir.join("pass"))
        .arg("-o")
        .arg(&key)
        .assert()
        .code(0);
    let out = dir.join("p.zip");
    pack(COMPLETE, &key, &out).code(2).stderr(contains("该密钥文件已加密"));
    formseal()
        .args(["pack", COMPLETE, "--today", TODAY, "--key"])
        .arg(&key)
        .arg("--passphrase-file")
        .arg(dir.join("wrong"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("口令不正确"));
    formseal()
        .args(["pack", COMPLETE, "--today", TODAY, "--key"])
        .arg(&key)
        .arg("--passphrase-file")
        .arg(dir.join("pass"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
}

#[test]
fn verify_against_the_secretariats_call_and_receipt() {
    let dir = scratch("official");
    let key = keygen(&dir, "ed25519");
    let pkg = dir.join("p.zip");
    pack(COMPLETE, &key, &pkg).code(0);
    let verify =
        |extra: &[&str]| formseal().args(["verify", "--lang", "en", "--today", TODAY]).args(extra).arg(&pkg).assert();
    verify(&[]).code(0).stdout(contains("No call of the secretariat given"));
    let call = dir.join("call.json");
    std::fs::write(&call, r#"{"tc260-wg": {"deadline": "2020-01-31"}}"#).unwrap();
    verify(&["--call", call.to_str().unwrap()]).code(1).stdout(contains("differs from the secretariat"));
    // A call that changes the printed form (fewer working groups): the difference is the call's,
    // and the PDF — made again with the call the package carries — is still the one it signed.
    std::fs::write(&call, r#"{"tc260-wg": {"working_groups": [{"code": "WG3"}, {"code": "WG8"}]}}"#).unwrap();
    verify(&["--call", call.to_str().unwrap()])
        .code(1)
        .stdout(contains("differs from the secretariat").and(contains("is not the paper form").not()));
    std::fs::write(&call, "{}").unwrap();
    verify(&["--call", call.to_str().unwrap()]).code(0).stdout(contains("No call of the secretariat").not());
    verify(&["--call", call.to_str().unwrap(), "--received", "2000-01-01"])
        .code(1)
        .stdout(contains("after it was received (2000-01-01)"));
    // A moment with its offset is compared as a moment: made at 06:02 UTC (14:02 in Beijing), so
    // received at 11:59 UTC — written in UTC−12 as the evening before — is after it, and 05:00
    // UTC before it. Anything but a day or a moment is refused.
    let received = |at: &str| verify(&["--call", call.to_str().unwrap(), "--received", at]);
    received("2026-11-21T23:59:00-12:00").code(0);
    received("2026-11-22T05:00:00Z").code(1).stdout(contains("after it was received"));
    received("2026-11-22xyz").code(2);
    received("2026-11-22T25:00:00Z").code(2);
}

#[test]
fn inspect_gives_json_and_csv() {
    let dir = scratch("inspect");
    let key = keygen(&dir, "ed25519");
    let pkg = dir.join("p.zip");
    pack(COMPLETE, &key, &pkg).code(0);
    let out = formseal().args(["inspect", "--format", "json", "--today", TODAY]).arg(&pkg).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["answers"]["uscc"], "914403001922038216");
    assert_eq!(v["valid"], true);
    let out = formseal().args(["inspect", "--format", "csv", "--today", TODAY]).arg(&pkg).output().unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    assert!(header.starts_with("单位名称（中文）,单位名称（英文）,统一社会信用代码"), "{header}");
    assert!(header.contains("联系人 · 邮编"), "{header}");
    assert!(row.contains("欧阳·明") && row.contains("企业"), "{row}");
    assert!(row.ends_with(",有效"), "{row}");
    // A cell a spreadsheet would read as a formula is neutralised: the representative's
    // “+86 137…” mobile stays text.
    assert!(row.contains(",'+86 13712345678,"), "{row}");
    assert!(!row.contains(",+86"), "{row}");
}

#[test]
fn key_files_open_in_openssl_and_python_cryptography() {
    // Issue 14, item 11: OpenSSL 3.0 reads only PKCS#8 v1 Ed25519 keys; every algorithm's key,
    // plain and passphrase-protected, must open with the README's tools and Python's.
    let dir = scratch("openssl-keys");
    let pass = dir.join("pass.txt");
    std::fs::write(&pass, "correct horse battery\n").unwrap();
    for algorithm in Algorithm::ALL {
        let alg = algorithm.name();
        let plain = keygen(&dir, alg);
        let encrypted = dir.join(format!("{alg}-enc.pem"));
        formseal()
            .args(["keygen", "--algorithm", alg, "--passphrase-file"])
            .arg(&pass)
            .arg("-o")
            .arg(&encrypted)
            .assert()
            .code(0);
        let open = |key: &Path, extra: &[&str]| {
            std::process::Command::new("openssl").args(["pkey", "-noout", "-in"]).arg(key).args(extra).output().unwrap()
        };
        let out = open(&plain, &[]);
        assert!(out.status.success(), "{alg}: {}", String::from_utf8_lossy(&out.stderr));
        let passin = format!("file:{}", pass.display());
        let out = open(&encrypted, &["-passin", &passin]);
        assert!(out.status.success(), "{alg} (encrypted): {}", String::from_utf8_lossy(&out.stderr));
        // Python's `cryptography` (Debian's python3-cryptography) reads the same files. It has
        // no SM2: the SM2 key is refused only for its type, after the container was decrypted
        // (a wrong passphrase is a different error).
        let python = |key: &Path, pass: &str| python_load(key, pass);
        let expect = if algorithm == Algorithm::Sm2Sm3 { "unsupported" } else { "ok" };
        assert_eq!(python(&plain, ""), expect, "{alg}");
        assert_eq!(python(&encrypted, "correct horse battery"), expect, "{alg} (encrypted)");
        assert_eq!(python(&encrypted, "wrong"), "bad passphrase", "{alg} (wrong passphrase)");
    }
}

/// Loads a PEM key with Python's `cryptography`: "ok", "unsupported" (the algorithm), "bad
/// passphrase", or the error.
fn python_load(key: &Path, pass: &str) -> String {
    const SCRIPT: &str = r#"
import sys
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
data = open(sys.argv[1], 'rb').read()
try:
    serialization.load_pem_private_key(data, sys.argv[2].encode() or None)
    print('ok')
except UnsupportedAlgorithm:
    print('unsupported')
except ValueError as e:
    # A wrong passphrase usually fails the decryption's padding check ("bad decrypt"); about once
    # in 256 the garbage it decrypts to has valid padding and fails as DER instead.
    m = str(e).lower()
    print('bad passphrase' if 'password' in m or 'decrypt' in m or 'could not deserialize' in m else e)
"#;
    let out = std::process::Command::new("/usr/bin/python3").args(["-c", SCRIPT]).arg(key).arg(pass).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A stand-in for the paper form: any bytes, as a forger would put in the package.
struct PdfOf(&'static [u8]);

impl formseal_core::package::RenderPdf for PdfOf {
    fn render(&self, _: &formseal_core::package::Stamp<'_>) -> Result<Vec<u8>, formseal_core::package::PackageError> {
        Ok(self.0.to_vec())
    }
}

/// A correctly signed package of the complete TC260 application, with `profile` as its 单位简介
/// and `pdf` as its application.pdf, written to `out`.
fn forged(profile: &str, pdf: &'static [u8], out: &Path) {
    use formseal_core::form::{Context, Value};
    use formseal_core::package::{build, KeyPair, PackageInput};
    let (form, mut answers) = formseal_core::fixtures::tc260_complete();
    answers.set("profile", Value::Text(profile.into()));
    let input = PackageInput {
        form: form.as_ref(),
        call: serde_json::json!({}),
        answers: &answers,
        ctx: Context { today: formseal_core::rules::date::CivilDate::parse(TODAY).unwrap() },
        created_at: CREATED.into(),
        pdf: Some(&PdfOf(pdf)),
        generator: "a forger".into(),
        definition: formseal_core::forms::definition(form.def().id),
    };
    let key = KeyPair::generate(Algorithm::Ed25519, &mut rand_core::OsRng);
    let files = std::collections::BTreeMap::<String, Vec<u8>>::new();
    std::fs::write(out, build(&input, &files, &key).expect("a valid application").bytes).unwrap();
}

/// application.pdf must be the paper form the signed answers make: another PDF is refused, and
/// so is one that cannot be checked because the answers hold a character the paper form's fonts
/// lack — which formseal never packages, and which used to let any PDF through.
#[test]
fn the_pdf_is_the_paper_form_of_the_signed_answers() {
    let dir = scratch("forged-pdf");
    let other = dir.join("other.zip");
    forged("本单位从事网络安全产品研发。", b"%PDF-1.7 another paper", &other);
    let (code, report) = verify_json(&other);
    assert_eq!(code, 1, "{report}");
    let codes: Vec<&str> = report["problems"].as_array().unwrap().iter().filter_map(|p| p["code"].as_str()).collect();
    assert_eq!(codes, [formseal_core::key!("package.pdf.differs")], "{report}");

    let unprintable = dir.join("unprintable.zip");
    forged("本单位从事网络安全产品研发。𠀀", b"%PDF-1.7 another paper", &unprintable);
    let (code, report) = verify_json(&unprintable);
    assert_eq!(code, 1, "{report}");
    let problem = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == formseal_core::key!("package.pdf.unprintable"));
    let problem = problem.unwrap_or_else(|| panic!("{report}"));
    assert!(problem["message"].as_str().unwrap().contains("U+20000"), "{report}");
}

/// `verify --receipt` says whose key signed a receipt only when given the secretariat's key to
/// compare with, and a file that is not a receipt is unreadable input (exit status 2).
#[test]
fn receipts_name_the_secretariat_only_when_its_key_is_given() {
    use formseal_core::package::receipt::{sign, Receipt, RECEIPT_FORMAT};
    use formseal_core::package::KeyPair;
    let dir = scratch("receipts");
    let key = KeyPair::generate(Algorithm::Ed25519, &mut rand_core::OsRng);
    let receipt = Receipt {
        format: RECEIPT_FORMAT.into(),
        id: "R-0123456789abcdef".into(),
        file_name: "申请包.zip".into(),
        body_sha256: "0".repeat(64),
        manifest_sha256: "1".repeat(64),
        application_sha256: "2".repeat(64),
        key_fingerprint: "3".repeat(64),
        received_at: "2026-12-01T02:00:00Z".into(),
        verdict: "valid".into(),
        problems: Vec::new(),
    };
    let file = dir.join("receipt.json");
    std::fs::write(&file, sign(&receipt, &key)).unwrap();
    let fingerprint = key.public().fingerprint();
    formseal().args(["verify", "--receipt", "--lang", "en"]).arg(&file).assert().code(0).stdout(
        contains("not compared with the secretariat's key").and(contains("signed by the secretariat's key").not()),
    );
    formseal()
        .args(["verify", "--receipt", "--lang", "en", "--key", &fingerprint])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(contains("signed by the secretariat's key"));
    let not_a_receipt = dir.join("hello.json");
    std::fs::write(&not_a_receipt, "hello\n").unwrap();
    formseal().args(["verify", "--receipt"]).arg(&not_a_receipt).assert().code(2);
}
