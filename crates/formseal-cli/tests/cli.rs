//! The `formseal` binary on fixture files: exit codes, messages in both languages, JSON output.

use assert_cmd::Command;
use predicates::str::contains;

const TODAY: &str = "2026-11-22";

fn formseal() -> Command {
    Command::cargo_bin("formseal").expect("binary built")
}

fn validate(file: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut cmd = formseal();
    cmd.args(["validate", file, "--today", TODAY]).args(extra);
    cmd.assert()
}

const COMPLETE: &str = "../../fixtures/tc260-complete.json";
const COAUTHOR: &str = "../../fixtures/coauthor-complete.json";

#[test]
fn complete_application_is_valid() {
    validate(COMPLETE, &[])
        .code(0)
        .stdout(contains("结论：有效（0 处错误，1 处提示）"))
        .stdout(contains("[符合] 第九条第1项"));
    validate(COAUTHOR, &[]).code(0).stdout(contains("结论：有效（0 处错误，0 处提示）"));
}

#[test]
fn invalid_application_names_each_problem() {
    validate("tests/fixtures/tc260-invalid.json", &[])
        .code(1)
        .stdout(contains("错误：统一社会信用代码：校验位应为 6"))
        .stdout(contains("错误：手机：号段 123 不存在"))
        .stdout(contains("错误：申请加入的工作组：请至少选择 1 项"))
        .stdout(contains("错误：邮编："))
        .stdout(contains("错误：办公地址：此项为必填项"))
        .stdout(contains("错误：代表第 2 行 · 手机："))
        .stdout(contains("[待补充] 第九条第1项"))
        .stdout(contains("结论：无效"));
}

#[test]
fn english_messages() {
    validate("tests/fixtures/tc260-invalid.json", &["--lang", "en"])
        .code(1)
        .stdout(contains("Unified social credit code：The check character should be 6"))
        .stdout(contains("Representative 2 · Mobile"))
        .stdout(contains("Article 9(1)"))
        .stdout(contains("Result: invalid"));
}

#[test]
fn json_report() {
    let out = validate("tests/fixtures/tc260-invalid.json", &["--json"]).code(1).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON on stdout");
    assert_eq!(v["status"], "invalid");
    assert_eq!(v["form"]["id"], "tc260-wg");
    let issues = v["issues"].as_array().unwrap();
    let uscc = issues.iter().find(|i| i["path"] == "uscc").expect("uscc issue");
    assert_eq!(uscc["code"], "uscc.check");
    assert_eq!(uscc["severity"], "error");
    assert_eq!(uscc["params"]["expected"], "6");
    assert_eq!(uscc["message"], "校验位应为 6");
    let rep = issues.iter().find(|i| i["path"] == "representatives[1].mobile").expect("row issue");
    assert_eq!(rep["field"], "代表第 2 行 · 手机");
    assert_eq!(v["errors"].as_u64().unwrap(), issues.iter().filter(|i| i["severity"] == "error").count() as u64);
    let art = v["eligibility"].as_array().unwrap().iter().find(|c| c["id"] == "art9.1").unwrap();
    assert_eq!(art["clause"], "第九条第1项");
    assert_eq!(art["status"], "needs_info");
}

#[test]
fn warnings_do_not_make_it_invalid() {
    validate("tests/fixtures/tc260-warnings-only.json", &[])
        .code(0)
        .stdout(contains("提示：单位性质：单位性质与统一社会信用代码前两位（91）通常不一致"));
}

#[test]
fn coauthor_errors_in_nested_rows() {
    validate("tests/fixtures/coauthor-invalid.json", &[])
        .code(1)
        .stdout(contains("编写人员第 1 行 · 经历第 2 行 · 第几起草人：起草人排名应在 1 到 99 之间"))
        .stdout(contains("编写人员第 2 行 · 电话：号段 123 不存在"))
        .stdout(contains("标准第 2 行 · 标准名称：该标准已在前面选择过"));
}

#[test]
fn unreadable_inputs_exit_2_with_a_precise_message() {
    for (file, message) in [
        ("tests/fixtures/not-json.json", "该文件不是有效的 JSON"),
        ("tests/fixtures/foreign.json", "该文件不是 formseal 草稿文件"),
        ("tests/fixtures/newer-version.json", "文件格式版本 99"),
        ("tests/fixtures/other-form.json", "不认识的申请表类型“no-such-form”"),
        ("tests/fixtures/bad-types.json", "working_groups"),
        ("tests/fixtures/does-not-exist.json", "无法读取 tests/fixtures/does-not-exist.json"),
    ] {
        validate(file, &[]).code(2).stderr(contains(message));
    }
    validate("tests/fixtures/foreign.json", &["--lang", "en"]).code(2).stderr(contains("not a formseal draft"));
    let out = validate("tests/fixtures/newer-version.json", &["--json"]).code(2).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["status"], "unreadable");
}

#[test]
fn reads_standard_input() {
    let text = std::fs::read(COMPLETE).unwrap();
    formseal().args(["validate", "-", "--today", TODAY]).write_stdin(text).assert().code(0);
}

#[test]
fn a_seal_date_after_today_is_an_error() {
    formseal().args(["validate", COMPLETE, "--today", "2026-11-19"]).assert().code(1).stdout(contains("盖章日期"));
}
