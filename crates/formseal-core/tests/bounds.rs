//! Resource bounds on hostile input, measured in bytes (issue 14): every input below once took
//! gigabytes or minutes; each must now be answered within 64 MB, counted by the allocator.
#![cfg(feature = "package")]

mod common;

use common::{entry, package, peak_during, tamper, BOUND};
use formseal_core::key;
use formseal_core::messages::finding_text;
use formseal_core::package::{verify, Entry};
use formseal_core::{draft, forms, Locale};

const DRAFT: &str = include_str!("../../../fixtures/tc260-complete.json");

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
}

#[test]
fn the_counter_sees_a_large_allocation() {
    // The measurement itself: a test that could never fail would prove nothing.
    let (_, peak) = peak_during(|| std::hint::black_box(vec![1u8; 80 << 20]).len());
    assert!(peak >= 80 << 20, "{}", mb(peak));
}

#[test]
fn placeholders_in_entry_names_do_not_amplify() {
    // Item 3: names full of `{expected}` once made a 217 KB package allocate 8 GB.
    let good = package();
    let name = "{expected}{found}{name}{position}".repeat(20);
    let bad = tamper(&good, |e| {
        for i in 0..300 {
            e.insert(1, Entry { name: format!("attachments/{i:02}-{name}"), bytes: b"x".to_vec() });
        }
    });
    assert!(bad.len() > 200_000, "{}", bad.len());
    let (texts, peak) = peak_during(|| {
        let v = verify(&bad, &common::ctx());
        assert!(!v.is_valid());
        [Locale::ZhCn, Locale::En]
            .iter()
            .flat_map(|&l| v.problems.iter().map(move |p| finding_text(l, p)))
            .map(|t| t.len())
            .sum::<usize>()
    });
    assert!(peak < BOUND, "{}", mb(peak));
    // Every name is shown as written, once per problem: nothing grows beyond the names' size.
    assert!(texts < 4 * bad.len() + 100_000, "{texts} bytes of text from a {} byte package", bad.len());
}

#[test]
fn a_hundred_thousand_rows_in_a_package() {
    // Item 4: 100,000 empty rows (an 87 KB package) took 11 s and 1.3 GB.
    let bad = tamper(&package(), |e| {
        let a = entry(e, "application.json");
        let mut v: serde_json::Value = serde_json::from_slice(&a.bytes).unwrap();
        v["answers"]["representatives"] = serde_json::Value::Array(vec![serde_json::json!({}); 100_000]);
        a.bytes = v.to_string().into_bytes();
    });
    let (v, peak) = peak_during(|| verify(&bad, &common::ctx()));
    assert!(!v.is_valid());
    assert!(peak < BOUND, "{}", mb(peak));
}

#[test]
fn a_hundred_thousand_rows_in_a_draft() {
    let form = forms::by_id("tc260-wg").unwrap();
    let mut v: serde_json::Value = serde_json::from_str(DRAFT).unwrap();
    v["answers"]["representatives"] = serde_json::Value::Array(vec![serde_json::json!({}); 100_000]);
    let text = v.to_string();
    let (r, peak) = peak_during(|| draft::parse(&text, form.def()).is_err());
    assert!(r, "refused");
    assert!(peak < BOUND, "{}", mb(peak));
}

#[test]
fn a_manifest_listing_twenty_thousand_files() {
    // Each listed file was compared with every other: quadratic in the manifest's length.
    let files: Vec<_> =
        (0..20_000).map(|i| serde_json::json!({ "path": format!("a{i}"), "sha256": "0", "size": 1 })).collect();
    let bad = tamper(&package(), |e| {
        let m = entry(e, "manifest.json");
        let mut v: serde_json::Value = serde_json::from_slice(&m.bytes).unwrap();
        v["files"] = serde_json::Value::Array(files);
        m.bytes = v.to_string().into_bytes();
        assert!(m.bytes.len() < 1 << 20, "within the manifest's size limit: {}", m.bytes.len());
    });
    let (v, peak) = peak_during(|| verify(&bad, &common::ctx()));
    assert!(v.codes().contains(&key!("package.zip.too_many")), "{:?}", v.codes());
    assert!(peak < BOUND, "{}", mb(peak));
}

#[test]
fn a_huge_text_answer_in_a_draft() {
    // Texts are capped at parse time (400 KB); a 20 MB answer is refused, not copied around.
    let form = forms::by_id("tc260-wg").unwrap();
    let mut v: serde_json::Value = serde_json::from_str(DRAFT).unwrap();
    v["answers"]["address"] = serde_json::Value::String("路".repeat(7 << 20));
    let text = v.to_string();
    let (r, peak) = peak_during(|| draft::parse(&text, form.def()).is_err());
    assert!(r, "refused");
    assert!(peak < BOUND, "{}", mb(peak));
}

#[test]
fn the_largest_real_application_fits_the_limits() {
    // The limits refuse only what no applicant makes: 500 writers (the form's maximum) with 5
    // experience rows each verify as usual.
    let (_, answers) = formseal_core::fixtures::coauthor_with_writers(500, 5);
    let text = answers.to_json().to_string();
    assert!(!formseal_core::form::too_many_values(text.as_bytes(), formseal_core::form::MAX_JSON_VALUES));
    assert!(text.len() < 1 << 20, "{}", text.len());
}

#[test]
fn an_application_of_a_million_values_is_not_parsed() {
    // A million numbers would make a 32 MB tree (and `{}` items, which compress too well to pass
    // the bomb check, a larger one); it is refused by a scan that allocates nothing.
    let bad = tamper(&package(), |e| {
        let a = entry(e, "application.json");
        let rows: String = (0..1_000_000).map(|i| format!("{i},")).collect();
        let text = String::from_utf8(a.bytes.clone()).unwrap();
        a.bytes = text.replacen("\"answers\":{", &format!("\"answers\":{{\"x\":[{rows}0],"), 1).into_bytes();
    });
    let (v, peak) = peak_during(|| verify(&bad, &common::ctx()));
    assert!(v.codes().contains(&key!("package.json.too_large")), "{:?}", v.codes());
    assert!(peak < BOUND, "{}", mb(peak));
}

#[test]
fn a_draft_of_a_million_rows() {
    // The 12 GB case of item 4: refused before parsing.
    let form = forms::by_id("tc260-wg").unwrap();
    let rows = "{},".repeat(1_000_000);
    let text = DRAFT.replacen("\"answers\": {", &format!("\"answers\": {{\"representatives\": [{rows}{{}}],"), 1);
    let (e, peak) = peak_during(|| draft::parse(&text, form.def()).unwrap_err());
    assert_eq!(e, draft::DraftError::TooComplex);
    assert!(e.text(Locale::ZhCn).contains("200000"), "{}", e.text(Locale::ZhCn));
    assert!(peak < BOUND, "{}", mb(peak));
}
