//! `formseal intake`: a folder of valid, tampered, truncated, duplicate and resubmitted packages
//! and stray files gives the expected rows, groups, verdicts and exit status, as CSV, JSON and
//! XLSX (read back from the file, not trusted from the writer); formula cells are neutralised.

mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use support::*;

const AII: &str = "../../fixtures/aii-complete.json";

fn run(args: &[&str]) -> (i32, String) {
    let out = formseal().args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn keygen(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(name);
    formseal().args(["keygen", "-o", key.to_str().unwrap()]).assert().success();
    key
}

fn pack(draft: &Path, key: &Path, out: &Path, created: &str) {
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    formseal()
        .args(["pack", "--key", key.to_str().unwrap(), "-o", out.to_str().unwrap(), "--created-at", created])
        .arg(draft)
        .assert()
        .success();
}

/// A copy of `from` whose application.json says something else (its hash no longer matches).
fn tamper(from: &Path, to: &Path) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if entry.name() == "application.json" {
            bytes = String::from_utf8(bytes).unwrap().replace("工业互联网", "工业物联网").into_bytes();
        }
        let name = entry.name().to_string();
        w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap();
}

/// The call's inbox: TC260 twice from one unit (the first with a formula-like answer), the same
/// package again, a co-authoring package signed with the same key, an AII package with another
/// key and its tampered copy, a truncated package and a note.
fn inbox(dir: &Path) -> PathBuf {
    let (k1, k2) = (keygen(dir, "k1.pem"), keygen(dir, "k2.pem"));
    let inbox = dir.join("inbox");
    let mut draft: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(COMPLETE).unwrap()).unwrap();
    draft["answers"]["profile"] = "=HYPERLINK(\"http://example.com\",\"x\")".into();
    let formula = dir.join("formula.json");
    std::fs::write(&formula, draft.to_string()).unwrap();
    pack(&formula, &k1, &inbox.join("a1.zip"), "2026-11-20T09:00:00+08:00");
    pack(Path::new(COMPLETE), &k1, &inbox.join("later/a2.zip"), "2026-11-21T01:30:00Z");
    std::fs::copy(inbox.join("a1.zip"), inbox.join("dup.zip")).unwrap();
    pack(Path::new(COAUTHOR), &k1, &inbox.join("c.zip"), CREATED);
    pack(Path::new(AII), &k2, &inbox.join("aii.zip"), CREATED);
    tamper(&inbox.join("aii.zip"), &inbox.join("tampered.zip"));
    let c = std::fs::read(inbox.join("c.zip")).unwrap();
    std::fs::write(inbox.join("truncated.zip"), &c[..c.len() / 2]).unwrap();
    std::fs::write(inbox.join("notes.txt"), "the packages of the call").unwrap();
    inbox
}

fn rows(report: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(report).unwrap())
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn by_file<'a>(rows: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    rows.iter().find(|r| r["file"].as_str().unwrap().ends_with(name)).unwrap_or_else(|| panic!("no row for {name}"))
}

#[test]
fn a_folder_of_packages_becomes_one_table_with_groups_and_verdicts() {
    let dir = scratch("intake");
    let inbox = inbox(&dir);
    let report = dir.join("report.json");
    let (code, summary) =
        run(&["intake", inbox.to_str().unwrap(), "-o", report.to_str().unwrap(), "--today", TODAY, "--lang", "en"]);
    assert_eq!(code, 1, "an invalid package makes the status 1: {summary}");
    assert!(
        summary.contains("5 valid, 1 invalid, 1 unreadable, 1 files that are not packages; 1 superseded"),
        "{summary}"
    );
    let rows = rows(&report);
    assert_eq!(rows.len(), 8);
    // In the folders' order, recursively.
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert!(files[0].ends_with("a1.zip") && files[4].ends_with("later/a2.zip"), "{files:?}");

    let a1 = by_file(&rows, "a1.zip");
    assert_eq!(a1["verdict"], "valid");
    assert_eq!(a1["status"], "superseded");
    assert!(a1["superseded_by"].as_str().unwrap().ends_with("later/a2.zip"));
    assert!(a1["groups"][0].as_str().unwrap().contains("same unified social credit code 914403001922038216"), "{a1}");
    assert_eq!(a1["uscc"], "914403001922038216");
    assert_eq!(a1["form"], "tc260-wg 2025-04-01.2");
    assert_eq!(a1["answers"]["Working groups applied for"], "WG3, WG8");
    let a2 = by_file(&rows, "a2.zip");
    assert_eq!(a2["status"], "current", "signed later (01:30 UTC is 09:30 in Beijing)");
    let dup = by_file(&rows, "dup.zip");
    assert_eq!(dup["status"], "duplicate");
    assert!(dup["groups"][0].as_str().unwrap().contains("a1.zip"));
    assert_eq!(dup["manifest_sha256"], a1["manifest_sha256"]);
    // The co-authoring package uses the TC260 unit's key: said on both sides.
    let c = by_file(&rows, "c.zip");
    assert!(c["groups"].as_array().unwrap().iter().any(|g| g.as_str().unwrap().contains("same signing key")), "{c}");
    let tampered = by_file(&rows, "tampered.zip");
    assert_eq!(tampered["verdict"], "invalid");
    assert!(tampered["failures"].as_array().unwrap().iter().any(|f| f.as_str().unwrap().starts_with("package.")));
    assert_eq!(by_file(&rows, "truncated.zip")["verdict"], "unreadable");
    assert_eq!(by_file(&rows, "notes.txt")["verdict"], "not_package");
    assert_eq!(by_file(&rows, "aii.zip")["verdict"], "valid");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn csv_and_xlsx_neutralise_formulas_and_read_back() {
    let dir = scratch("intake-formats");
    let inbox = inbox(&dir);
    let csv = dir.join("report.csv");
    let (code, _) = run(&["intake", inbox.to_str().unwrap(), "-o", csv.to_str().unwrap(), "--today", TODAY, "--bom"]);
    assert_eq!(code, 1);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}文件,核验结果,分组状态"), "{}", &text[..60]);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = header.iter().position(|h| h == "单位简介").expect("the answers' labels are columns");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 8);
    let a1 = records.iter().find(|r| r[0].ends_with("a1.zip")).unwrap();
    assert_eq!(&a1[col], "'=HYPERLINK(\"http://example.com\",\"x\")", "a formula is shown as text");
    assert_eq!(&a1[1], "有效");
    assert_eq!(&a1[2], "已被取代");

    let xlsx = dir.join("report.xlsx");
    let (code, _) = run(&["intake", inbox.to_str().unwrap(), "-o", xlsx.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(code, 1);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"state="frozen""#) && sheet.contains(r#"ySplit="1""#), "the header row is frozen");
    assert!(sheet.contains(r#"<autoFilter ref="A1:"#), "filters on every column");
    assert!(sheet.contains("<cols>"), "column widths");
    assert!(sheet.contains("&apos;=HYPERLINK") || sheet.contains("'=HYPERLINK"), "the formula is neutralised");
    assert!(!sheet.contains("<f>"), "no formula at all");
    assert_eq!(sheet.matches("<row ").count(), 9, "a header and eight rows");
    let styles = part("xl/styles.xml");
    assert!(styles.contains("FFC6EFCE") && styles.contains("FFFFC7CE"), "valid and invalid verdicts coloured");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_status_all_valid_and_nothing_readable() {
    let dir = scratch("intake-status");
    let key = keygen(&dir, "k.pem");
    let good = dir.join("good");
    pack(Path::new(COMPLETE), &key, &good.join("a.zip"), CREATED);
    pack(Path::new(COAUTHOR), &key, &good.join("b.zip"), CREATED);
    let report = dir.join("r.csv");
    assert_eq!(run(&["intake", good.to_str().unwrap(), "-o", report.to_str().unwrap(), "--today", TODAY]).0, 0);
    let junk = dir.join("junk");
    std::fs::create_dir_all(&junk).unwrap();
    std::fs::write(junk.join("a.zip"), "not a zip").unwrap();
    assert_eq!(run(&["intake", junk.to_str().unwrap(), "-o", report.to_str().unwrap()]).0, 2);
    // A report of an unknown kind is refused before anything is read.
    let (code, err) = run(&["intake", good.to_str().unwrap(), "-o", dir.join("r.txt").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".xlsx"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_columns_follow_the_files_order_whatever_the_threads_finish_first() {
    let dir = scratch("intake-order");
    let inbox = inbox(&dir);
    let header = |jobs: &str| {
        let out = dir.join(format!("r{jobs}.csv"));
        run(&["intake", inbox.to_str().unwrap(), "-o", out.to_str().unwrap(), "--jobs", jobs]);
        std::fs::read_to_string(&out).unwrap().lines().next().unwrap().to_string()
    };
    let one = header("1");
    // The first package in name order is TC260 (a1.zip): its fields come before the others'.
    assert!(one.contains("单位名称（中文）"), "{one}");
    assert!(one.find("单位名称（中文）") < one.find("拟参与的标准名称"), "{one}");
    for _ in 0..3 {
        assert_eq!(header("4"), one);
    }
}
