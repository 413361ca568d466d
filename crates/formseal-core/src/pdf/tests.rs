//! PDF tests on the fixtures: fonts, wrapping, pagination, determinism, missing characters.

use super::*;
use crate::fixtures;
use crate::form::{Row, Value};

pub(crate) fn fonts(both: bool) -> FontSet {
    let mut files = vec![include_bytes!("../../../../fonts/formseal-serif-sc-1.otf").to_vec()];
    if both {
        files.push(include_bytes!("../../../../fonts/formseal-serif-sc-2.otf").to_vec());
    }
    FontSet::new(files).expect("committed fonts load")
}

fn input<'a>(form: &'a FormDef, answers: &'a Answers) -> PdfInput<'a> {
    PdfInput {
        form,
        answers,
        created_at: "2026-11-20T09:30:00+08:00",
        identity: Some(Identity { application_sha256: "ab".repeat(32), key_fingerprint: "cd".repeat(32) }),
        application_json: Some(b"{}"),
    }
}

#[test]
fn every_label_of_both_forms_is_in_the_first_font() {
    let f = fonts(false);
    for id in crate::forms::FORM_IDS {
        let form = crate::forms::by_id(id).unwrap();
        let text = serde_json::to_string(form.def()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut zh = Vec::new();
        collect_zh(&value, &mut zh);
        for s in zh {
            assert_eq!(f.missing(&s), Vec::<char>::new(), "{id}: {s}");
        }
    }
    // The paper form's own furniture, as the catalogue writes it.
    let furniture = [
        key!("pdf.continued"),
        key!("pdf.page"),
        key!("pdf.row_number"),
        key!("pdf.no_rows"),
        key!("pdf.date"),
        key!("pdf.when"),
        key!("pdf.answer"),
        key!("pdf.option_answers"),
        key!("pdf.block_label"),
        key!("pdf.addition_band"),
        key!("pdf.additions"),
        key!("pdf.subtitle"),
        key!("pdf.subtitle.preview"),
        key!("pdf.footer.application"),
        key!("pdf.footer.key"),
        key!("pdf.footer.how"),
        key!("pdf.footer.preview"),
        key!("pdf.footer.preview_how"),
    ];
    for s in furniture.map(|k| crate::messages::template(Locale::ZhCn, k)).into_iter().chain(["√", "________", "；"])
    {
        assert!(f.missing(s).is_empty(), "{s}");
    }
}

fn collect_zh(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("zh", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => collect_zh(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_zh(x, out)),
        _ => {}
    }
}

#[test]
fn gbk_characters_come_from_the_second_font_and_extension_b_from_none() {
    let one = fonts(false);
    let both = fonts(true);
    for c in ['堃', '喆', '昇', '燊', '䶮'] {
        assert!(both.covers(c), "{c}");
    }
    assert!(!one.covers('堃'), "堃 is outside GB2312");
    assert!(one.covers('·') && one.covers('张'));
    assert!(!both.covers('𠀀') && !both.covers('𪚥'));
}

#[test]
fn chinese_lines_break_between_hanzi_and_never_start_with_closing_punctuation() {
    let f = fonts(false);
    let text = "本单位愿意遵守《全国网络安全标准化技术委员会工作组章程》及其配套规章的规定，积极参与全国网络安全标准化技术委员会组织的各项活动。我们的网站是 https://www.example.com/a/very/long/path/that/does/not/fit 以及 ISO/IEC 27001:2022。".repeat(3);
    for width in [60.0, 97.0, 150.0, 233.0, 400.0] {
        let lines = wrap(&f, &text, 10.5, width);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(f.width(l, 10.5) <= width + 0.01, "{l} wider than {width}");
            let first = l.chars().next().unwrap();
            assert!(!no_line_start(first), "line starts with {first}: {l}");
        }
        let joined: String = lines.concat();
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&joined), squeeze(&text), "nothing lost at width {width}");
    }
    // Latin words stay whole when they fit.
    let lines = wrap(&f, "Industrial Internet Platform Alliance", 10.5, 80.0);
    assert!(lines.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
    assert!(lines.contains(&"Industrial".to_string()), "{lines:?}");
}

#[test]
fn same_inputs_give_the_same_bytes_and_a_pdf_a_document() {
    let (form, answers) = fixtures::tc260_complete();
    let a = render(&input(form.def(), &answers), &fonts(true)).unwrap();
    let b = render(&input(form.def(), &answers), &fonts(true)).unwrap();
    assert_eq!(a, b);
    assert!(a.starts_with(b"%PDF-1.7"));
    let text = String::from_utf8_lossy(&a);
    assert!(text.contains("pdfaid:part>3") || text.contains("pdfaid:part=\"3\""), "PDF/A-3 metadata");
    assert!(a.len() < 150 * 1024, "{} bytes", a.len());
}

#[test]
fn page_count_grows_with_rows_and_none_are_dropped() {
    let f = fonts(false);
    let count = |writers: u64| {
        let (form, answers) = fixtures::coauthor_with_writers(writers, 2);
        let flow = compose::Composer::new(&f, PAGE_W - 2.0 * MARGIN_X).form(form.def(), &answers);
        let pages = layout::paginate(&flow, TABLE_BOTTOM - FIRST_TOP, TABLE_BOTTOM - REST_TOP);
        let titles = pages
            .iter()
            .flatten()
            .flat_map(|p| p.row.cells.iter())
            .flat_map(|c| c.lines.iter().flatten())
            .filter(|s| matches!(s, layout::Span::Text { text, bold: true, .. } if text.starts_with("编写人员 ")))
            .count();
        for page in &pages {
            let bottom = page.last().map_or(0.0, |p| p.y + p.h);
            assert!(bottom <= TABLE_BOTTOM - REST_TOP + 0.01 || page.len() == 1, "page overflows: {bottom}");
        }
        (pages.len(), titles)
    };
    let (p2, t2) = count(2);
    let (p40, t40) = count(40);
    let (p200, t200) = count(200);
    assert_eq!((t2, t40, t200), (2, 40, 200));
    assert!(p2 < p40 && p40 < p200, "{p2} {p40} {p200}");
}

#[test]
fn long_texts_flow_across_pages_with_nothing_lost() {
    let f = fonts(false);
    let (form, mut answers) = fixtures::tc260_complete();
    let long = "我单位长期从事网络安全技术研究，".repeat(120);
    answers.set("profile", Value::Text(long.clone()));
    let flow = compose::Composer::new(&f, PAGE_W - 2.0 * MARGIN_X).form(form.def(), &answers);
    let pages = layout::paginate(&flow, TABLE_BOTTOM - FIRST_TOP, TABLE_BOTTOM - REST_TOP);
    assert!(pages.len() >= 3);
    let printed: String = pages
        .iter()
        .flatten()
        .flat_map(|p| p.row.cells.iter().filter(|c| !c.label))
        .flat_map(|c| c.lines.iter().flatten())
        .filter_map(|s| match s {
            layout::Span::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(printed.matches("我单位长期从事网络安全技术研究").count(), 120);
}

#[test]
fn characters_the_fonts_lack_are_named_with_their_field() {
    let (form, mut answers) = fixtures::coauthor_complete();
    let mut rows: Vec<Row> = answers.rows("writers").to_vec();
    rows[1].values.insert("name".into(), Value::Text("王𠀀".into()));
    answers.set("writers", Value::Rows(rows));
    let err = render(&input(form.def(), &answers), &fonts(true)).unwrap_err();
    let PdfError::MissingChars(list) = &err else { panic!("{err:?}") };
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].ch, '𠀀');
    let zh = err.text(Locale::ZhCn);
    assert!(zh.contains("“𠀀”（U+20000，在“编写人员第 2 行 · 姓名”中）"), "{zh}");
    assert!(err.text(Locale::En).contains("U+20000"));
    // A GBK character outside GB2312 needs the second font, and only that.
    let (form, mut answers) = fixtures::tc260_complete();
    answers.set("legal_rep", Value::Text("李堃".into()));
    let missing = missing_chars(form.def(), &answers, &fonts(false), Locale::ZhCn);
    assert_eq!(missing.iter().map(|m| m.ch).collect::<Vec<_>>(), vec!['堃']);
    assert!(render(&input(form.def(), &answers), &fonts(true)).is_ok());
}

/// A right-to-left override the fonts lack is named by its code, never put into the message,
/// where it would turn the rest of the message around.
#[test]
fn hidden_characters_the_fonts_lack_are_named_not_obeyed() {
    let (form, mut answers) = fixtures::tc260_complete();
    answers.set("profile", Value::Text("本公司专注于网络安全产品研发。\u{202e}".into()));
    let err = render(&input(form.def(), &answers), &fonts(true)).unwrap_err();
    let PdfError::MissingChars(list) = &err else { panic!("{err:?}") };
    assert_eq!(list.iter().map(|m| m.ch).collect::<Vec<_>>(), ['\u{202e}']);
    for locale in [Locale::ZhCn, Locale::En] {
        let text = err.text(locale);
        assert!(!text.contains('\u{202e}'), "{text}");
        assert!(text.contains("\\u{202e}") && text.contains("U+202E"), "{text}");
    }
}

/// The paper form draws an answer as typed: a tab in an option's own field ("其他：……") is a
/// space on paper, as everywhere else on the form, not the `\u{9}` the messages show (a
/// package's PDF is compared byte for byte with the one made again).
#[test]
fn an_options_own_answer_is_drawn_as_typed() {
    let f = fonts(false);
    let (form, mut answers) = fixtures::aii_complete();
    answers.set("unit_type", Value::Text("other".into()));
    answers.set("unit_type_other", Value::Text("行业\t协会".into()));
    let flow = compose::Composer::new(&f, PAGE_W - 2.0 * MARGIN_X).form(form.def(), &answers);
    let pages = layout::paginate(&flow, TABLE_BOTTOM - FIRST_TOP, TABLE_BOTTOM - REST_TOP);
    let printed: String = pages
        .iter()
        .flatten()
        .flat_map(|p| p.row.cells.iter())
        .flat_map(|c| c.lines.iter().flatten())
        .filter_map(|s| match s {
            layout::Span::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(printed.contains("其他：行业 协会"), "{printed}");
    assert!(!printed.contains("\\u{9}"), "{printed}");
}
