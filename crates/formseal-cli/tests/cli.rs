//! The `formseal` binary on fixture files: exit codes, messages in both languages, JSON output.
//!
//! Every run passes `--today`, so nothing here depends on the clock.

use assert_cmd::Command;
use formseal_core::key;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{json, Value};

const TODAY: &str = "2026-11-22";

const COMPLETE: &str = "../../fixtures/tc260-complete.json";
const COAUTHOR: &str = "../../fixtures/coauthor-complete.json";
const INVALID: &str = "tests/fixtures/tc260-invalid.json";
const WARNINGS_ONLY: &str = "tests/fixtures/tc260-warnings-only.json";
const COAUTHOR_INVALID: &str = "tests/fixtures/coauthor-invalid.json";
const NOT_JSON: &str = "tests/fixtures/not-json.json";
const FOREIGN: &str = "tests/fixtures/foreign.json";
const NEWER: &str = "tests/fixtures/newer-version.json";
const OTHER_FORM: &str = "tests/fixtures/other-form.json";
const BAD_TYPES: &str = "tests/fixtures/bad-types.json";
const MISSING: &str = "tests/fixtures/does-not-exist.json";

fn formseal() -> Command {
    Command::cargo_bin("formseal").expect("binary built")
}

/// `formseal validate FILE --today 2026-11-22 EXTRA…`
fn validate(file: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    formseal().args(["validate", file, "--today", TODAY]).args(extra).assert()
}

/// `formseal validate - …` with `input` on standard input.
fn validate_stdin(input: impl Into<Vec<u8>>, extra: &[&str]) -> assert_cmd::assert::Assert {
    formseal().args(["validate", "-", "--today", TODAY]).args(extra).write_stdin(input.into()).assert()
}

/// Standard output of a `--json` run, parsed.
fn json_of(assert: assert_cmd::assert::Assert) -> Value {
    let out = &assert.get_output().stdout;
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}

/// A line of the text report, with its indentation and end.
fn line(text: &str) -> impl Predicate<str> {
    contains(format!("\n{text}\n"))
}

fn complete_text() -> String {
    std::fs::read_to_string(COMPLETE).expect("complete fixture")
}

// ---- valid input: exit 0 ----

#[test]
fn complete_application_is_valid() {
    validate(COMPLETE, &[])
        .code(0)
        .stdout(predicate::str::starts_with(
            "校验 ../../fixtures/tc260-complete.json（全国网络安全标准化技术委员会工作组成员申请表）\n",
        ))
        .stdout(line("申请条件核对"))
        .stdout(contains("  [待审核] 第九条第1项 在我国境内注册的、具有法人资格的企业、高等院校、科研院所等 — "))
        .stdout(line("  按已填写的信息没有不符合的条件；其中 2 项由秘书处和工作组审核确认"))
        .stdout(contains("错误：").not())
        .stdout(predicate::str::ends_with("结论：有效（0 处错误，1 处提示）\n"))
        .stderr(predicate::str::is_empty());
    validate(COAUTHOR, &[]).code(0).stdout(contains("结论：有效（0 处错误，0 处提示）"));
}

#[test]
fn complete_application_in_english() {
    validate(COMPLETE, &["--lang", "en"])
        .code(0)
        .stdout(predicate::str::starts_with(
            "Validating ../../fixtures/tc260-complete.json (TC260 Working Group Membership Application)\n",
        ))
        .stdout(line("Eligibility check"))
        .stdout(contains("  [To be reviewed] Article 9(1) "))
        .stdout(contains("  [Met] Article 9(2) "))
        .stdout(contains("Result: valid (0 errors, 1 "));
}

#[test]
fn complete_application_as_json() {
    let v = json_of(validate(COMPLETE, &["--json"]).code(0).stderr(predicate::str::is_empty()));
    assert_eq!(v["status"], "valid");
    assert_eq!(v["form"], json!({ "id": "tc260-wg", "version": "2025-04-01.2", "rules_version": "tc260-wg/2" }));
    assert_eq!(v["errors"], 0);
    assert_eq!(v["warnings"], 1);
    assert_eq!(v["migrated_from"], Value::Null);
    assert_eq!(v["dropped"], json!([]));
    let elig = v["eligibility"].as_array().unwrap();
    let clauses: Vec<_> = elig.iter().map(|c| c["clause"].as_str().unwrap()).collect();
    assert_eq!(
        clauses,
        [
            "第九条第1项",
            "第九条第2项",
            "第九条第3项",
            "第十一条第1项",
            "第十一条第2项",
            "第十一条第3项",
            "第十一条第4项",
            "第十一条第5项",
            "第十一条第6项"
        ]
    );
    assert!(elig.iter().all(|c| c["remedy"].is_null()), "{elig:#?}");
    let statuses: Vec<_> = elig.iter().map(|c| c["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["review", "pass", "review", "pass", "pass", "pass", "pass", "pass", "pass"]);
    assert_eq!(elig[0]["id"], "art9.1");
    assert_eq!(elig[0]["condition"], "在我国境内注册的、具有法人资格的企业、高等院校、科研院所等");
    assert!(elig[0]["reason"].as_str().unwrap().contains("工商：企业"), "{}", elig[0]["reason"]);
}

#[test]
fn reads_standard_input() {
    validate_stdin(complete_text(), &[])
        .code(0)
        .stdout(predicate::str::starts_with("校验 -（"))
        .stdout(contains("结论：有效"));
    // A byte order mark, as some Windows editors write, is fine.
    validate_stdin(format!("\u{feff}{}", complete_text()), &[]).code(0);
    let invalid = std::fs::read(INVALID).unwrap();
    validate_stdin(invalid, &[]).code(1).stdout(line("  错误：统一社会信用代码：校验位应为 6"));
}

// ---- invalid input: exit 1 ----

#[test]
fn invalid_application_names_each_problem_in_chinese() {
    validate(INVALID, &[])
        .code(1)
        .stdout(line("  错误：统一社会信用代码：校验位应为 6"))
        .stdout(line("  错误：办公地址：此项为必填项，请填写"))
        .stdout(line("  错误：邮编：没有以 90 开头的邮政编码（前两位代表省份），请核对"))
        .stdout(line("  错误：手机：号段 123 不存在：手机号码第 2 位应为 3–9"))
        .stdout(line("  错误：申请加入的工作组：请至少选择 1 项"))
        .stdout(line("  错误：代表第 1 行 · 手机：手机号码应为 11 位数字，当前为 7 位"))
        .stdout(contains("代表第 2 行").not())
        .stdout(contains(
            "  [待补充] 第九条第1项 在我国境内注册的、具有法人资格的企业、高等院校、科研院所等 — 统一社会信用代码有误",
        ))
        .stdout(contains("  [待补充] 第九条第3项 从事与工作组技术领域相关的业务 — 尚未选择申请加入的工作组"))
        .stdout(predicate::str::ends_with("结论：无效（6 处错误，1 处提示）\n"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn invalid_application_in_english() {
    validate(INVALID, &["--lang", "en"])
        .code(1)
        .stdout(line("  Error: Unified social credit code: The check character should be 6"))
        .stdout(line("  Error: Office address: This field is required"))
        .stdout(line("  Error: Mobile: There is no 123 prefix: the second digit of a mobile number is 3–9"))
        .stdout(line("  Error: Working groups applied for: Please choose at least 1"))
        .stdout(line("  Error: Representative 1 · Mobile: A mobile number has 11 digits; this has 7"))
        .stdout(contains("  [Needs information] Article 9(1) "))
        .stdout(contains("：").not())
        .stdout(contains("Result: invalid (6 errors, 1 "));
    // Loose language tags are accepted.
    validate(INVALID, &["--lang", "en-GB"]).code(1).stdout(contains("Result: invalid"));
    validate(INVALID, &["--lang", "zh"]).code(1).stdout(contains("结论：无效"));
}

#[test]
fn invalid_application_as_json() {
    let v = json_of(validate(INVALID, &["--json"]).code(1).stderr(predicate::str::is_empty()));
    assert_eq!(v["status"], "invalid");
    assert_eq!(v["form"]["id"], "tc260-wg");
    assert_eq!(v["errors"], 6);
    assert_eq!(v["warnings"], 1);
    let issues = v["issues"].as_array().unwrap();
    for i in issues {
        for key in ["path", "code", "severity", "params", "field", "message"] {
            assert!(!i[key].is_null(), "{key} missing in {i}");
        }
        assert!(i["params"].is_object(), "{i}");
    }
    let got: Vec<_> = issues
        .iter()
        .map(|i| (i["path"].clone(), i["code"].clone(), i["severity"].clone(), i["params"].clone()))
        .collect();
    let want = [
        ("uscc", key!("uscc.check"), "error", json!({ "expected": "6" })),
        ("address", key!("required.text"), "error", json!({})),
        ("postcode", key!("postcode.prefix"), "error", json!({ "prefix": "90" })),
        ("contact_mobile", key!("mobile.prefix"), "error", json!({ "prefix": "123" })),
        ("working_groups", key!("choices.min"), "error", json!({ "min": "1" })),
        ("representatives[0].mobile", key!("mobile.length"), "error", json!({ "len": "7" })),
        ("licence", "tc260.licence_missing", "warning", json!({})),
    ]
    .map(|(p, c, s, params)| (json!(p), json!(c), json!(s), params));
    assert_eq!(got, want);
    let messages: Vec<_> =
        issues.iter().map(|i| (i["field"].as_str().unwrap(), i["message"].as_str().unwrap())).collect();
    assert_eq!(messages[0], ("统一社会信用代码", "校验位应为 6"));
    assert_eq!(messages[1], ("办公地址", "此项为必填项，请填写"));
    assert_eq!(messages[3], ("手机", "号段 123 不存在：手机号码第 2 位应为 3–9"));
    assert_eq!(messages[4], ("申请加入的工作组", "请至少选择 1 项"));
    assert_eq!(messages[5], ("代表第 1 行 · 手机", "手机号码应为 11 位数字，当前为 7 位"));
    assert_eq!(v["errors"], issues.iter().filter(|i| i["severity"] == "error").count());

    let elig = v["eligibility"].as_array().unwrap();
    let art = elig.iter().find(|c| c["id"] == "art9.1").expect("art9.1");
    assert_eq!(art["clause"], "第九条第1项");
    assert_eq!(art["status"], "needs_info");
    assert_eq!(art["reason"], "统一社会信用代码有误，无法确认在我国境内注册");
    assert_eq!(art["remedy"], "按提示更正统一社会信用代码");
    let art93 = elig.iter().find(|c| c["id"] == "art9.3").expect("art9.3");
    assert_eq!(art93["status"], "needs_info");
}

#[test]
fn json_messages_follow_the_language() {
    let v = json_of(validate(INVALID, &["--json", "--lang", "en"]).code(1));
    let uscc = &v["issues"][0];
    assert_eq!(uscc["field"], "Unified social credit code");
    assert_eq!(uscc["message"], "The check character should be 6");
    assert_eq!(uscc["code"], key!("uscc.check"), "codes do not depend on the language");
    assert_eq!(v["issues"][5]["field"], "Representative 1 · Mobile");
    assert_eq!(v["eligibility"][0]["clause"], "Article 9(1)");
}

#[test]
fn warnings_do_not_make_it_invalid() {
    validate(WARNINGS_ONLY, &[])
        .code(0)
        .stdout(line("  提示：单位性质：单位性质与统一社会信用代码前两位（91）通常不一致，请核对"))
        .stdout(contains("错误：").not())
        .stdout(contains("结论：有效（0 处错误，2 处提示）"));
    validate(WARNINGS_ONLY, &["--lang", "en"]).code(0).stdout(line(
        "  Note: Type of organisation: The type of organisation does not usually match the first two characters of the credit code (91); please check",
    ));
    let v = json_of(validate(WARNINGS_ONLY, &["--json"]).code(0));
    assert_eq!((v["status"].as_str(), v["errors"].as_u64(), v["warnings"].as_u64()), (Some("valid"), Some(0), Some(2)));
    let i = &v["issues"][0];
    assert_eq!(i["path"], "org_type");
    assert_eq!(i["code"], "tc260.org_type_mismatch");
    assert_eq!(i["severity"], "warning");
    assert_eq!(i["params"], json!({ "kind": "91" }));
}

#[test]
fn coauthor_errors_in_nested_rows() {
    validate(COAUTHOR_INVALID, &[])
        .code(1)
        .stdout(line("  错误：编写人员第 1 行 · 经历第 2 行 · 第几起草人：起草人排名应在 1 到 99 之间"))
        .stdout(line("  错误：编写人员第 2 行 · 电话：号段 123 不存在：手机号码第 2 位应为 3–9"))
        .stdout(line("  错误：拟参与的标准名称：选项“iip-9”不在本表的可选范围内"))
        .stdout(contains("结论：无效（3 处错误，0 处提示）"));
    let v = json_of(validate(COAUTHOR_INVALID, &["--json"]).code(1));
    let paths: Vec<_> = v["issues"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"writers[0].experience[1].rank"), "{paths:?}");
}

#[test]
fn a_seal_date_after_today_is_an_error() {
    formseal()
        .args(["validate", COMPLETE, "--today", "2026-11-19"])
        .assert()
        .code(1)
        .stdout(line("  错误：盖章日期：日期不能晚于今天（2026-11-19）"));
    // The same file is valid on the day it was sealed.
    formseal().args(["validate", COMPLETE, "--today", "2026-11-20"]).assert().code(0);
}

#[test]
fn drafts_of_an_older_form_version_are_converted_with_a_note() {
    let old = complete_text()
        .replace("\"version\": \"2025-04-01.2\"", "\"version\": \"2019-01-01\"")
        .replace("\"name_zh\":", "\"fax_extension\": \"8001\", \"name_zh\":");
    validate_stdin(old.clone(), &[])
        .code(0)
        .stdout(line("  提示：该草稿按旧版申请表（2019-01-01）填写，已转换为当前版本"))
        .stdout(line("  提示：本表已不再包含以下字段，其内容未导入：fax_extension"));
    let v = json_of(validate_stdin(old, &["--json"]).code(0));
    assert_eq!(v["migrated_from"], "2019-01-01");
    assert_eq!(v["dropped"], json!(["fax_extension"]));
    assert_eq!(v["notes"].as_array().unwrap().len(), 2);
}

// ---- unreadable input: exit 2, one message on standard error naming the file ----

#[test]
fn unreadable_inputs_exit_2_with_a_precise_message() {
    for (file, message) in [
        (NOT_JSON, "该文件不是有效的 JSON（第 1 行第 330 列附近有错误）"),
        (FOREIGN, "该文件不是 formseal 草稿文件"),
        (NEWER, "该草稿由较新版本的 formseal 生成（文件格式版本 99，本程序支持 1），请使用最新版本打开"),
        (OTHER_FORM, "不认识的申请表类型“no-such-form”"),
        (BAD_TYPES, "草稿中以下字段的内容类型不符或过长，无法读入：同意申请单位意见（pledge）、申请加入的工作组（working_groups）"),
    ] {
        validate(file, &[])
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::eq(format!("无法读取 {file}：{message}\n")));
    }
}

#[test]
fn unreadable_inputs_in_english() {
    for (file, message) in [
        (NOT_JSON, "This file is not valid JSON (error near line 1, column 330)"),
        (FOREIGN, "This file is not a formseal draft"),
        (NEWER, "This draft was made by a newer formseal (file format 99, this one reads 1); open it with the latest version"),
        (OTHER_FORM, "Unknown form “no-such-form”"),
        (
            BAD_TYPES,
            "These fields of the draft hold values of the wrong type, or too long, to be read: Agree to the declaration (pledge), Working groups applied for (working_groups)",
        ),
    ] {
        validate(file, &["--lang", "en"]).code(2).stderr(predicate::eq(format!("Cannot read {file}: {message}\n")));
    }
}

#[test]
fn unreadable_inputs_as_json() {
    for file in [NOT_JSON, FOREIGN, NEWER, OTHER_FORM, BAD_TYPES, MISSING] {
        let v = json_of(validate(file, &["--json"]).code(2).stderr(predicate::str::is_empty()));
        assert_eq!(v["status"], "unreadable", "{file}");
        assert_eq!(v["file"], file);
        assert!(v["message"].as_str().unwrap().starts_with(&format!("无法读取 {file}：")), "{v}");
    }
    let v = json_of(validate(NEWER, &["--json", "--lang", "en"]).code(2));
    assert!(v["message"].as_str().unwrap().contains("file format 99"), "{v}");
}

#[test]
fn a_missing_file_is_unreadable() {
    validate(MISSING, &[])
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::starts_with(format!("无法读取 {MISSING}：")));
    validate(MISSING, &["--lang", "en"])
        .code(2)
        .stderr(predicate::str::starts_with(format!("Cannot read {MISSING}: ")));
    // A directory is not a file either.
    validate("tests/fixtures", &[]).code(2).stderr(predicate::str::starts_with("无法读取 tests/fixtures："));
}

#[test]
fn unreadable_standard_input() {
    validate_stdin("{\"format\": \"formseal-draft\", \"ver", &[])
        .code(2)
        .stderr(predicate::str::starts_with("无法读取 -：该文件不是有效的 JSON"));
    validate_stdin("[1, 2, 3]", &[]).code(2).stderr(predicate::eq("无法读取 -：该文件不是 formseal 草稿文件\n"));
    validate_stdin("", &[]).code(2).stderr(contains("该文件不是有效的 JSON"));
}

#[test]
fn a_newer_file_format_is_named_even_for_a_form_this_build_does_not_know() {
    // A newer formseal may know more forms: “update formseal” is the useful answer, not “unknown form”.
    let newer = complete_text().replace("\"version\": 1,", "\"version\": 99,").replace("\"tc260-wg\"", "\"tc999-wg\"");
    validate_stdin(newer, &[]).code(2).stderr(contains("文件格式版本 99"));
    // JSON carrying a form id is still not a draft without the format marker.
    validate_stdin(r#"{"form": {"id": "tc260-wg"}}"#, &[]).code(2).stderr(contains("该文件不是 formseal 草稿文件"));
    validate_stdin(r#"{"form": {"id": "nope"}}"#, &[]).code(2).stderr(contains("该文件不是 formseal 草稿文件"));
}

#[test]
fn a_draft_without_answers_names_them() {
    let bare = r#"{"format": "formseal-draft", "version": 1, "form": {"id": "tc260-wg", "version": "2025-04-01"}}"#;
    validate_stdin(bare, &[])
        .code(2)
        .stderr(predicate::eq("无法读取 -：草稿中以下字段的内容类型不符或过长，无法读入：answers\n"));
}

// ---- usage errors ----

#[test]
fn bad_options_are_refused() {
    formseal().args(["validate", COMPLETE, "--lang", "fr"]).assert().failure().stderr(contains("use zh-CN or en"));
    formseal()
        .args(["validate", COMPLETE, "--today", "2026-02-30"])
        .assert()
        .failure()
        .stderr(contains("is not a date YYYY-MM-DD"));
    formseal().args(["validate"]).assert().failure();
}
