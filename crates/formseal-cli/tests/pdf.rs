//! The PDF in packages, checked with the standard tools a clerk's computer has: pdffonts,
//! pdftotext, qpdf, pdfdetach, pdfinfo and pdftoppm (reference renders compared with a tolerance).

mod support;

use formseal_core::draft::Draft;
use formseal_core::form::{cells, display, Row, Value};
use formseal_core::{fixtures, Locale};
use predicates::str::contains;
use std::path::{Path, PathBuf};
use std::process::Command as Tool;

use support::{formseal, scratch, COAUTHOR, COMPLETE as TC260, CREATED, TODAY};

const KEY: &str = "tests/fixtures/test-key.pem";
const REFERENCES: &str = "tests/fixtures/pdf-pages";

/// Runs a standard tool and returns its standard output (failing the test if it fails).
fn tool(name: &str, args: &[&str]) -> String {
    let out = Tool::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e} (run scripts/setup.sh)"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Packs `draft` with the fixed test key and returns the package and its extracted PDF.
fn package(dir: &Path, draft: &Path) -> (PathBuf, PathBuf) {
    let zip = dir.join("package.zip");
    formseal()
        .args(["pack", "--today", TODAY, "--created-at", CREATED, "--key", KEY])
        .arg(draft)
        .arg("-o")
        .arg(&zip)
        .assert()
        .code(0);
    let entries = formseal_core::package::read_entries(&std::fs::read(&zip).unwrap()).unwrap();
    let pdf = dir.join("application.pdf");
    let e = entries.iter().find(|e| e.name == "application.pdf").expect("the package has its PDF");
    std::fs::write(&pdf, &e.bytes).unwrap();
    (zip, pdf)
}

/// The text of the PDF without the page furniture, with all white space removed (lines wrap).
fn body_text(pdf: &Path) -> String {
    let text = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    text.lines()
        .filter(|l| !l.starts_with("申请内容摘要") && !l.starts_with("签名公钥指纹") && !l.contains("（续）"))
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo prints Pages");
    line[6..].trim().parse().unwrap()
}

/// Every answer of the draft, as printed (option labels, dates in words, file names).
fn answers_of(draft: &str) -> Vec<String> {
    let id = formseal_core::draft::peek_form_id(draft).unwrap();
    let form = formseal_core::forms::by_id(&id).unwrap();
    let answers = formseal_core::draft::parse(draft, form.def()).unwrap().draft.answers;
    cells(form.def(), &answers)
        .iter()
        .filter(|c| matches!(c.value, Some(Value::Text(t)) if !t.trim().is_empty()))
        .filter(|c| {
            !matches!(
                c.field.kind,
                formseal_core::form::FieldKind::Date { .. } | formseal_core::form::FieldKind::Choice { .. }
            )
        })
        .map(|c| display(c.field, c.value, Locale::ZhCn))
        .collect()
}

#[test]
fn fonts_are_embedded_subset_and_mapped_and_every_answer_can_be_copied() {
    for (name, draft) in [("tc260", TC260), ("coauthor", COAUTHOR)] {
        let dir = scratch(name);
        let (zip, pdf) = package(&dir, Path::new(draft));
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "embedded, subset, Unicode map: {row}");
        }
        let text = body_text(&pdf);
        for answer in answers_of(&std::fs::read_to_string(draft).unwrap()) {
            assert!(text.contains(&squeeze(&answer)), "{name}: “{answer}” not in the PDF text");
        }
        // Ticked boxes carry a √ that copies with the option: 企业 is ticked in both fixtures.
        assert!(text.contains("√企业"), "{name}");
        assert!(tool("qpdf", &["--check", pdf.to_str().unwrap()]).contains("No syntax or stream encoding errors"));
        assert!(tool("pdfdetach", &["-list", pdf.to_str().unwrap()]).contains("application.json"));
        let saved = dir.join("attached.json");
        tool("pdfdetach", &["-save", "1", "-o", saved.to_str().unwrap(), pdf.to_str().unwrap()]);
        let entries = formseal_core::package::read_entries(&std::fs::read(&zip).unwrap()).unwrap();
        assert_eq!(std::fs::read(&saved).unwrap(), entries[0].bytes, "the PDF carries the package's application.json");
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(info.contains("Page size:       595.28 x 841.89 pts (A4)"), "{info}");
        assert!(info.contains("Title:") && info.contains("申请表 — "), "{info}");
        let size = std::fs::metadata(&pdf).unwrap().len();
        assert!(size <= 150 * 1024, "{name}: {size} bytes");
    }
}

#[test]
fn every_page_carries_the_application_digest_and_key_fingerprint() {
    let dir = scratch("identity");
    let (zip, pdf) = package(&dir, Path::new(COAUTHOR));
    let out = formseal().args(["verify", "--json"]).arg(&zip).assert().code(0).get_output().stdout.clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let digest = report["application_sha256"].as_str().expect("verify reports the application digest").to_string();
    let fingerprint = report["key_fingerprint"].as_str().unwrap().to_string();
    let n = pages(&pdf);
    assert!(n >= 2);
    for page in 1..=n {
        let p = page.to_string();
        let text = tool("pdftotext", &["-enc", "UTF-8", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"]);
        assert!(text.contains(&digest), "page {page} lacks the digest");
        assert!(text.contains(&fingerprint), "page {page} lacks the fingerprint");
        assert!(squeeze(&text).contains(&format!("第{page}页共{n}页")), "page {page}: {text}");
    }
    // `formseal render` of the package gives back the very same PDF.
    let again = dir.join("again.pdf");
    formseal().arg("render").arg(&zip).arg("-o").arg(&again).assert().code(0).stdout(contains("again.pdf"));
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&pdf).unwrap());
}

/// 200 writers, names with characters outside GB2312 (堃, 喆) and the middle dot.
fn many_writers(n: u64) -> String {
    let (form, mut answers) = fixtures::coauthor_with_writers(n, 1);
    let names = ["王堃", "李喆", "阿依古丽·买买提", "张伟", "欧阳明"];
    let rows: Vec<Row> = answers
        .rows("writers")
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut r = r.clone();
            r.values.insert("name".into(), Value::Text(names[i % names.len()].into()));
            r
        })
        .collect();
    answers.set("writers", Value::Rows(rows));
    let mut draft = Draft::new(form.def(), CREATED);
    draft.answers = answers;
    draft.to_json_string()
}

#[test]
fn two_hundred_writers_are_all_printed_and_pages_grow_with_content() {
    let dir = scratch("writers");
    let small = dir.join("two.json");
    std::fs::write(&small, many_writers(2)).unwrap();
    let (_, small_pdf) = package(&dir, &small);
    let big_dir = scratch("writers-200");
    let big = big_dir.join("two-hundred.json");
    std::fs::write(&big, many_writers(200)).unwrap();
    let (_, big_pdf) = package(&big_dir, &big);
    assert!(pages(&big_pdf) > pages(&small_pdf) + 20, "{} vs {}", pages(&big_pdf), pages(&small_pdf));
    let text = body_text(&big_pdf);
    for i in 0..200u64 {
        assert!(text.contains(&format!("139{i:08}")), "writer {} missing", i + 1);
        assert!(text.contains(&format!("编写人员{}", i + 1)), "writer {} title missing", i + 1);
    }
    for name in ["王堃", "李喆", "阿依古丽·买买提"] {
        assert!(text.contains(name), "{name}");
    }
    let fonts = tool("pdffonts", &[big_pdf.to_str().unwrap()]);
    assert_eq!(fonts.lines().skip(2).count(), 2, "both font parts are used: {fonts}");
}

#[test]
fn a_character_no_font_has_is_named_before_anything_is_made() {
    let dir = scratch("missing");
    let mut draft: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(TC260).unwrap()).unwrap();
    draft["answers"]["address"] = "广东省深圳市南山区𠀀路 1 号".into();
    let file = dir.join("draft.json");
    std::fs::write(&file, draft.to_string()).unwrap();
    let out = dir.join("out.pdf");
    formseal()
        .arg("render")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("“𠀀”（U+20000，在“办公地址”中）"));
    assert!(!out.exists());
    formseal()
        .args(["pack", "--today", TODAY, "--created-at", CREATED, "--key", KEY])
        .arg(&file)
        .arg("-o")
        .arg(dir.join("p.zip"))
        .assert()
        .code(1)
        .stderr(contains("U+20000"));
    assert!(!dir.join("p.zip").exists());
    // A draft renders as a preview, marked as such.
    formseal().arg("render").arg(TC260).arg("-o").arg(&out).args(["--created-at", CREATED]).assert().code(0);
    assert!(tool("pdftotext", &["-enc", "UTF-8", out.to_str().unwrap(), "-"]).contains("预览件"));
}

/// Decodes a PNG to 8-bit grey levels.
fn grey(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let px = buf[..info.buffer_size()].chunks(channels).map(|c| c[0]).collect();
    (info.width, info.height, px)
}

#[test]
fn pages_look_like_the_reference_renders() {
    let update = std::env::var_os("FORMSEAL_UPDATE_REFERENCES").is_some();
    for (name, draft) in [("tc260", TC260), ("coauthor", COAUTHOR)] {
        let dir = scratch(&format!("ref-{name}"));
        let (_, pdf) = package(&dir, Path::new(draft));
        let prefix = dir.join(name);
        tool("pdftoppm", &["-png", "-gray", "-r", "60", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
        let n = pages(&pdf);
        for page in 1..=n {
            let made = dir.join(format!("{name}-{page}.png"));
            let reference = Path::new(REFERENCES).join(format!("{name}-{page}.png"));
            if update {
                std::fs::create_dir_all(REFERENCES).unwrap();
                std::fs::copy(&made, &reference).unwrap();
                continue;
            }
            assert!(reference.exists(), "no reference for {name} page {page}: FORMSEAL_UPDATE_REFERENCES=1 makes them");
            let (w1, h1, a) = grey(&made);
            let (w2, h2, b) = grey(&reference);
            assert_eq!((w1, h1), (w2, h2), "{name} page {page}: size");
            let differing = a.iter().zip(&b).filter(|(x, y)| x.abs_diff(**y) > 64).count();
            let share = differing as f64 / a.len() as f64;
            assert!(
                share < 0.005,
                "{name} page {page}: {:.2} % of pixels differ (see {})",
                share * 100.0,
                made.display()
            );
        }
        if !update {
            let extra = Path::new(REFERENCES).join(format!("{name}-{}.png", n + 1));
            assert!(!extra.exists(), "{name}: the reference has more pages than {n}");
        }
    }
}

/// Renders another application's paper form in place of the one the answers make.
struct OtherPdf;

impl formseal_core::package::RenderPdf for OtherPdf {
    fn render(
        &self,
        _stamp: &formseal_core::package::Stamp<'_>,
    ) -> Result<Vec<u8>, formseal_core::package::PackageError> {
        let (form, answers) = formseal_core::fixtures::coauthor_complete();
        let input = formseal_core::pdf::PdfInput {
            form: form.def(),
            answers: &answers,
            created_at: "2026-11-22T14:02:00+08:00",
            identity: None,
            application_json: None,
        };
        Ok(formseal_core::pdf::render(&input, &support::fonts()).expect("renders"))
    }
}

/// The paper form as packages made before 2026-12-02 print it: the QR codes name no page.
struct LegacyPdf<'a>(formseal_core::pdf::Renderer<'a>);

impl formseal_core::package::RenderPdf for LegacyPdf<'_> {
    fn render(
        &self,
        stamp: &formseal_core::package::Stamp<'_>,
    ) -> Result<Vec<u8>, formseal_core::package::PackageError> {
        let input = formseal_core::pdf::PdfInput {
            form: self.0.form,
            answers: self.0.answers,
            created_at: stamp.created_at,
            identity: Some(formseal_core::pdf::Identity {
                application_sha256: stamp.application_sha256.to_string(),
                key_fingerprint: stamp.key_fingerprint.to_string(),
            }),
            application_json: Some(stamp.application_json),
        };
        Ok(formseal_core::pdf::render_with(&input, self.0.fonts, false).expect("renders"))
    }
}

/// A TC260 package whose PDF `pdf` makes, verified by the CLI: its exit status and report.
fn verify_with_pdf(name: &str, pdf: &dyn formseal_core::package::RenderPdf) -> (i32, String) {
    use formseal_core::package::{build, Algorithm, KeyPair, PackageInput};
    let (form, answers) = formseal_core::fixtures::tc260_complete();
    let input = PackageInput {
        form: form.as_ref(),
        call: serde_json::json!({}),
        answers: &answers,
        ctx: formseal_core::form::Context {
            today: formseal_core::rules::date::CivilDate::parse("2026-11-22").unwrap(),
        },
        created_at: "2026-11-22T14:02:00+08:00".into(),
        pdf: Some(pdf),
        generator: "formseal test".into(),
        definition: formseal_core::forms::definition(form.def().id),
    };
    let key = KeyPair::generate(Algorithm::Ed25519, &mut rand_core::OsRng);
    let built = build(&input, &std::collections::BTreeMap::new(), &key).expect("packages");
    let dir = support::scratch(name);
    let pkg = dir.join("p.zip");
    std::fs::write(&pkg, &built.bytes).unwrap();
    let out = formseal().args(["verify", "--lang", "en", "--today", "2026-11-22"]).arg(&pkg).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_pdf_that_the_signed_answers_do_not_make_is_refused() {
    // Issue 14, item 7: a correctly signed package whose PDF shows other content.
    let (code, report) = verify_with_pdf("other-pdf", &OtherPdf);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("is not the paper form the signed answers make"), "{report}");
}

#[test]
fn a_package_made_before_the_qr_codes_named_their_pages_still_verifies() {
    let fonts = support::fonts();
    let (form, answers) = formseal_core::fixtures::tc260_complete();
    let legacy = LegacyPdf(formseal_core::pdf::Renderer { form: form.def(), answers: &answers, fonts: &fonts });
    let (code, report) = verify_with_pdf("legacy-pdf", &legacy);
    assert_eq!(code, 0, "{report}");
}
