//! The test vectors of DOMAIN.md, run natively and (with wasm-bindgen-test) in a browser.

use formseal_core::issue::{Finding, Severity};
use formseal_core::key;
use formseal_core::messages::{self, Locale};
use formseal_core::rules::date::{self, CivilDate};
use formseal_core::rules::{email, name, normalize, phone, postcode, standard_no, uscc, wechat};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Every finding must have a message in both locales whose placeholders are all supplied.
fn assert_renderable(findings: &[Finding]) {
    for f in findings {
        for locale in [Locale::ZhCn, Locale::En] {
            let template = messages::catalogue(locale)
                .get(f.code)
                .unwrap_or_else(|| panic!("no {} message for {}", locale.tag(), f.code));
            let text = messages::finding_text(locale, f);
            assert!(!text.contains('{'), "unfilled placeholder in {} ({}): {template}", f.code, locale.tag());
        }
    }
}

fn errors(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.code).collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn uscc_valid_vectors() {
    for code in
        ["91350100M000100Y43", "914403001922038216", "9144030071526726XG", "121000004000123696", "91110000600037341L"]
    {
        let parsed = uscc::parse(code).unwrap_or_else(|f| panic!("{code}: {f:?}"));
        assert_eq!(parsed.code, code);
        assert_eq!(uscc::check(code), Vec::<Finding>::new(), "{code}");
        assert_eq!(uscc::check_char(&code[..17]), code.chars().last());
        assert!(parsed.org_code_valid(), "{code}");
        assert!(parsed.kind_known(), "{code}");
    }

    let u = uscc::parse("9144030071526726XG").unwrap();
    assert_eq!(u.org_code, "71526726X");
    assert_eq!(u.org_code_display(), "71526726-X");
    assert_eq!((u.authority, u.kind), ('9', '1'));
    assert_eq!(u.division, "440300");
    assert_eq!(u.org_kind(), uscc::OrgKind::Enterprise);
    assert!(!u.is_individual_business());

    let u = uscc::parse("121000004000123696").unwrap();
    assert_eq!(u.org_kind(), uscc::OrgKind::PublicInstitution);
    assert_eq!(u.org_code_display(), "40001236-9");

    let u = uscc::parse("91350100M000100Y43").unwrap();
    assert_eq!(u.org_code_display(), "M000100Y-4");
    assert_eq!(u.division, "350100");

    // Normalisation: spaces, hyphens, full width, lower case.
    assert_eq!(uscc::parse(" 9144-0300 7152 6726xg ").unwrap().code, "9144030071526726XG");
    assert_eq!(uscc::parse("９１１１００００６０００３７３４１Ｌ").unwrap().code, "91110000600037341L");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn uscc_invalid_vectors() {
    let f = uscc::check("91350100M000100Y4Z");
    assert_eq!(f, vec![Finding::error(key!("uscc.forbidden_char")).with("char", "Z").with("pos", "18")]);
    assert_renderable(&f);

    let f = uscc::check("914403001922038217");
    assert_eq!(f, vec![Finding::error(key!("uscc.check")).with("expected", "6")]);
    assert_eq!(messages::finding_text(Locale::ZhCn, &f[0]), "校验位应为 6");
    assert_renderable(&f);

    // The first forbidden letter is reported (I at position 14).
    let f = uscc::check("9111000060003IOZSV");
    assert_eq!(f, vec![Finding::error(key!("uscc.forbidden_char")).with("char", "I").with("pos", "14")]);
    assert_renderable(&f);

    let f = uscc::check("91440300192203821");
    assert_eq!(f, vec![Finding::error(key!("uscc.length")).with("len", "17")]);
    assert_eq!(messages::finding_text(Locale::ZhCn, &f[0]), "应为 18 位，当前为 17 位");
    assert_renderable(&f);

    let f = uscc::check("91A40300192203821X");
    assert_eq!(f, vec![Finding::error(key!("uscc.division")).with("char", "A").with("pos", "3")]);
    assert_renderable(&f);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn uscc_warnings_never_errors() {
    // A correct USCC check character over a broken embedded organisation code: warning only.
    let mut code = String::from("91440300192203822");
    code.push(uscc::check_char(&code).unwrap());
    let f = uscc::check(&code);
    assert_eq!(f, vec![Finding::warning(key!("uscc.org_code_check")).with("expected", "1")]);
    assert_renderable(&f);
    assert!(uscc::parse(&code).is_ok());

    // Authority letters are allowed; an unknown pair only warns.
    let mut code = String::from("Y1440300192203821");
    code.push(uscc::check_char(&code).unwrap());
    assert!(uscc::check(&code).is_empty());
    let mut code = String::from("Y2440300192203821");
    code.push(uscc::check_char(&code).unwrap());
    let f = uscc::check(&code);
    assert_eq!(f, vec![Finding::warning(key!("uscc.unknown_kind")).with("kind", "Y2")]);
    assert_renderable(&f);

    let mut code = String::from("92440300192203821");
    code.push(uscc::check_char(&code).unwrap());
    assert!(uscc::parse(&code).unwrap().is_individual_business());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn mobile_vectors() {
    for ok in ["13800138000", "+8613800138000", "+86 13800138000", "+86-13800138000", "8613800138000", "19912345678"] {
        assert_eq!(phone::check_mobile(ok), Vec::<Finding>::new(), "{ok}");
        assert!(phone::is_mobile(ok), "{ok}");
    }
    for (prefix, number) in
        [("154", "15412345678"), ("1742", "17421234567"), ("194", "19412345678"), ("168", "16812345678")]
    {
        let f = phone::check_mobile(number);
        assert_eq!(f, vec![Finding::warning(key!("mobile.unallocated")).with("prefix", prefix)], "{number}");
        assert!(phone::is_mobile(number));
        assert_renderable(&f);
    }
    let cases = [
        ("1380013800", Finding::error(key!("mobile.length")).with("len", "10")),
        ("138001380000", Finding::error(key!("mobile.length")).with("len", "12")),
        ("12345678901", Finding::error(key!("mobile.prefix")).with("prefix", "123")),
        ("23800138000", Finding::error(key!("mobile.format"))),
        ("010-62300000", Finding::error(key!("mobile.format"))),
        ("+85213800138000", Finding::error(key!("mobile.country"))),
        ("138-0013-800a", Finding::error(key!("mobile.chars")).with("char", "a")),
    ];
    for (input, expected) in cases {
        let f = phone::check_mobile(input);
        assert_eq!(f, vec![expected], "{input}");
        assert!(!phone::is_mobile(input));
        assert_renderable(&f);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn landline_and_fax_vectors() {
    for ok in
        ["010-62300000", "(010)62300000", "0755-26036008", "0571-8888888", "010-62300000转123", "010-62300000 ext 5"]
    {
        assert_eq!(phone::check_landline(ok), Vec::<Finding>::new(), "{ok}");
        assert_eq!(phone::check_fax(ok), Vec::<Finding>::new(), "{ok}");
    }
    let cases = [
        ("62300000", Finding::error(key!("landline.no_area_code"))),
        ("021-12345678", Finding::error(key!("landline.local_start")).with("digit", "1")),
        ("0755-123456", Finding::error(key!("landline.local_length")).with("len", "6")),
        ("026-62300000", Finding::error(key!("landline.area_code")).with("area", "026")),
        ("13800138000", Finding::error(key!("landline.mobile"))),
    ];
    for (input, expected) in cases {
        let f = phone::check_landline(input);
        assert_eq!(f, vec![expected.clone()], "{input}");
        assert_eq!(phone::check_fax(input), vec![expected], "{input}");
        assert_renderable(&f);
    }
    // Service numbers: fine as 电话, not as 传真.
    for service in ["400-810-8888", "800-810-8888", "4008108888"] {
        assert_eq!(phone::check_landline(service), Vec::<Finding>::new(), "{service}");
        let f = phone::check_fax(service);
        assert_eq!(f, vec![Finding::error(key!("fax.service_number"))], "{service}");
        assert_renderable(&f);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn postcode_vectors() {
    for ok in ["100876", "518000", "850000", "010010", "030001", "050000", "810000", "830000"] {
        assert_eq!(postcode::check(ok), Vec::<Finding>::new(), "{ok}");
    }
    let cases = [
        ("140000", Finding::error(key!("postcode.prefix")).with("prefix", "14")),
        ("900000", Finding::error(key!("postcode.prefix")).with("prefix", "90")),
        ("10087", Finding::error(key!("postcode.length")).with("len", "5")),
        ("10087A", Finding::error(key!("postcode.chars")).with("char", "A")),
    ];
    for (input, expected) in cases {
        let f = postcode::check(input);
        assert_eq!(f, vec![expected], "{input}");
        assert_renderable(&f);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn email_vectors() {
    for ok in ["zhangsan@example.com", "tc260@tc260.org.cn", "first.last+form@mail.example.com.cn"] {
        assert_eq!(email::check(ok), Vec::<Finding>::new(), "{ok}");
    }
    let cases = [
        ("zhangsan＠example.com", Finding::error(key!("email.fullwidth_at"))),
        ("zhangsan@localhost", Finding::error(key!("email.domain_dot"))),
        ("zhangsan.example.com", Finding::error(key!("email.missing_at"))),
        ("zhang san@example.com", Finding::error(key!("email.space"))),
        ("a@@example.com", Finding::error(key!("email.multiple_at"))),
        ("张三@example.com", Finding::error(key!("email.local_char")).with("char", "张")),
        ("zhangsan@example..com", Finding::error(key!("email.domain"))),
        ("zhangsan@example。com", Finding::error(key!("email.fullwidth_char")).with("char", "。")),
    ];
    for (input, expected) in cases {
        let f = email::check(input);
        assert_eq!(f, vec![expected], "{input}");
        assert_renderable(&f);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn person_name_vectors() {
    // Han names, incl. characters outside the BMP (𠀀 U+20000) and rare BMP ones (堃, 喆).
    for ok in ["张三", "王堃", "张喆", "𠀀𠀁", "李𠀀", "阿沛·阿旺晋美", "买买提·艾力", "John Smith", "Mary-Jane O'Neil"]
    {
        assert_eq!(name::check_person(ok), Vec::<Finding>::new(), "{ok}");
    }
    // Look-alike dots are normalised to U+00B7.
    for lookalike in ["阿沛•阿旺晋美", "阿沛・阿旺晋美", "阿沛‧阿旺晋美", "阿沛．阿旺晋美"]
    {
        assert_eq!(normalize::person_name(lookalike), "阿沛·阿旺晋美");
        assert_eq!(name::check_person(lookalike), Vec::<Finding>::new(), "{lookalike}");
    }
    let cases = [
        ("·阿旺晋美", Finding::error(key!("name.person_dot_edge"))),
        ("阿沛·", Finding::error(key!("name.person_dot_edge"))),
        ("阿沛··阿旺晋美", Finding::error(key!("name.person_dot_double"))),
        ("张", Finding::error(key!("name.person_length")).with("len", "1").with("min", "2").with("max", "30")),
        ("张三1", Finding::error(key!("name.person_char")).with("char", "1")),
        ("张三Li", Finding::error(key!("name.person_mixed"))),
    ];
    for (input, expected) in cases {
        let f = name::check_person(input);
        assert_eq!(f, vec![expected], "{input}");
        assert_renderable(&f);
    }
    let long = "张".repeat(31);
    assert_eq!(errors(&name::check_person(&long)), [key!("name.person_length")]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn org_name_vectors() {
    assert_eq!(name::check_org("中国电子技术标准化研究院"), Vec::<Finding>::new());
    assert_eq!(name::check_org("ABB（中国）有限公司"), Vec::<Finding>::new());
    let f = name::check_org("院");
    assert_eq!(f, vec![Finding::error(key!("name.org_length")).with("len", "1")]);
    assert_renderable(&f);
    assert!(name::org_names_equal("ABB（中国）有限公司", "ABB(中国)有限公司"));
    assert!(name::org_names_equal("某某研究院【北京】", "某某研究院（北京）"));
    assert!(!name::org_names_equal("某某研究院（北京）", "某某研究院（上海）"));
    assert_eq!(name::check_english_org("ABB (China) Ltd."), Vec::<Finding>::new());
    let f = name::check_english_org(&"A".repeat(201));
    assert_eq!(f, vec![Finding::error(key!("name.english_length")).with("len", "201")]);
    assert_renderable(&f);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn wechat_vectors() {
    for ok in ["wxid_12345", "Zhang-San_2024", "abcdef", "13800138000"] {
        assert_eq!(wechat::check(ok), Vec::<Finding>::new(), "{ok}");
    }
    let cases = [
        ("abcde", Finding::error(key!("wechat.length")).with("len", "5")),
        ("a12345678901234567890", Finding::error(key!("wechat.length")).with("len", "21")),
        ("_abcdef", Finding::error(key!("wechat.start"))),
        ("zhang.san", Finding::error(key!("wechat.char")).with("char", ".")),
        ("1380013800", Finding::error(key!("mobile.length")).with("len", "10")),
    ];
    for (input, expected) in cases {
        let f = wechat::check(input);
        assert_eq!(f, vec![expected], "{input}");
        assert_renderable(&f);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn standard_number_vectors() {
    for ok in ["GB/T 42021-2022", "GB/Z32235-2015", "T/CAS 290-2017", "GB/T 42021—2022", "T/CAS 290—2017"] {
        assert_eq!(standard_no::check(ok), Vec::<Finding>::new(), "{ok}");
        assert!(standard_no::looks_like_number(ok), "{ok}");
    }
    assert_eq!(standard_no::parse("GB/Z32235-2015").unwrap().canonical(), "GB/Z 32235-2015");
    let cases = [
        ("GB/T 42021", key!("standard_no.year")),
        ("GB/T 42021-22", key!("standard_no.year")),
        ("42021-2022", key!("standard_no.prefix")),
        ("GB/T", key!("standard_no.number")),
    ];
    for (input, code) in cases {
        let f = standard_no::check(input);
        assert_eq!(errors(&f), [code], "{input}");
        assert_renderable(&f);
    }
    assert!(!standard_no::looks_like_number("工业互联网平台 企业上云 评价要求"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn date_vectors() {
    let today = CivilDate::parse("2025-04-01").unwrap();
    assert_eq!(today.display_zh(), "2025年4月1日");
    assert_eq!(today.display_en(), "1 April 2025");
    assert_eq!(today.to_string(), "2025-04-01");

    assert_eq!(CivilDate::parse("2024-02-29"), Some(CivilDate { year: 2024, month: 2, day: 29 }));
    assert_eq!(CivilDate::parse("2023-02-29"), None);
    assert_eq!(date::check("2024-02-29", today, true), Vec::<Finding>::new());

    let f = date::check("2023-02-29", today, true);
    assert_eq!(f, vec![Finding::error(key!("date.day")).with("year", "2023").with("month", "2").with("days", "28")]);
    assert_renderable(&f);

    let f = date::check("2025-04-02", today, true);
    assert_eq!(f, vec![Finding::error(key!("date.future")).with("today", "2025-04-01")]);
    assert_renderable(&f);
    assert_eq!(date::check("2025-04-02", today, false), Vec::<Finding>::new());
    assert_eq!(date::check("2025-04-01", today, true), Vec::<Finding>::new());

    let f = date::check("2025/4/1", today, true);
    assert_eq!(f, vec![Finding::error(key!("date.format"))]);
    assert_renderable(&f);
}
