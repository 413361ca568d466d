//! Personal names (Han with middle dots, or Latin script), organisation names and their comparison.

use crate::issue::Finding;
use crate::rules::normalize::{self, MIDDLE_DOT};

/// Han ideographs: CJK Unified Ideographs and Extension A, the compatibility ideographs, `〇`,
/// and everything in planes 2 and 3 (Extensions B–I and any future ones), e.g. `𠀀` U+20000.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Characters accepted inside a Han-script name: Han ideographs, private-use characters (rare
/// characters are still encoded there by some systems), variation selectors, and — as DOMAIN.md
/// says never to reject characters outside the BMP — any supplementary-plane character except
/// emoji and pictographs (U+1F000..=U+1FAFF).
pub fn is_name_ideograph(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{FE00}'..='\u{FE0F}')
        || (c > '\u{FFFF}' && !('\u{1F000}'..='\u{1FAFF}').contains(&c))
}

/// Latin letters, with diacritics (Latin-1 Supplement, Extended-A/B, Extended Additional).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic())
}

/// Length limits (in characters) of a Han-script personal name.
pub const PERSON_HAN_LEN: (usize, usize) = (2, 30);
/// Length limits (in characters) of a Latin-script personal name.
pub const PERSON_LATIN_LEN: (usize, usize) = (2, 100);
/// Length limits (in characters) of an organisation name.
pub const ORG_LEN: (usize, usize) = (2, 100);
/// Maximum length (in characters) of an organisation's English name.
pub const ENGLISH_ORG_MAX: usize = 200;

fn length_error((min, max): (usize, usize), len: usize) -> Finding {
    Finding::error(key!("name.person_length"))
        .with("len", len.to_string())
        .with("min", min.to_string())
        .with("max", max.to_string())
}

fn char_error(code: &'static str, c: char) -> Vec<Finding> {
    vec![Finding::error(code).with("char", c.to_string())]
}

/// Checks a personal name after [`normalize::person_name`] (look-alike dots → `·`).
///
/// A Han-script name: Han characters (any plane) optionally joined by single middle dots, 2–30
/// characters. A Latin-script name (foreign staff): starts with a letter, then letters (with
/// diacritics), spaces, `.`, `-`, `'`; 2–100 characters. Errors: `name.person_mixed`, `name.person_space`,
/// `name.person_char` (`char`), `name.person_dot_edge`, `name.person_dot_double`,
/// `name.person_latin_start`, `name.person_length` (`len`, `min`, `max`). Blank → no findings.
pub fn check_person(input: &str) -> Vec<Finding> {
    let name = normalize::person_name(input);
    if name.is_empty() {
        return Vec::new();
    }
    let len = name.chars().count();
    let han = name.chars().any(is_name_ideograph);
    if han {
        if name.chars().any(is_latin_letter) {
            return vec![Finding::error(key!("name.person_mixed"))];
        }
        if name.chars().any(char::is_whitespace) {
            return vec![Finding::error(key!("name.person_space"))];
        }
        if let Some(c) = name.chars().find(|c| !is_name_ideograph(*c) && *c != MIDDLE_DOT) {
            return char_error(key!("name.person_char"), c);
        }
        if name.starts_with(MIDDLE_DOT) || name.ends_with(MIDDLE_DOT) {
            return vec![Finding::error(key!("name.person_dot_edge"))];
        }
        if name.contains("··") {
            return vec![Finding::error(key!("name.person_dot_double"))];
        }
        if !(PERSON_HAN_LEN.0..=PERSON_HAN_LEN.1).contains(&len) {
            return vec![length_error(PERSON_HAN_LEN, len)];
        }
    } else {
        // Combining diacritics (U+0300..=U+036F) cover decomposed input such as `e` + U+0301.
        let allowed =
            |c: char| is_latin_letter(c) || matches!(c, ' ' | '.' | '-' | '\'' | '\u{2019}' | '\u{0300}'..='\u{036F}');
        if let Some(c) = name.chars().find(|c| !allowed(*c)) {
            return char_error(key!("name.person_char"), c);
        }
        if !name.starts_with(is_latin_letter) {
            return vec![Finding::error(key!("name.person_latin_start"))];
        }
        if !(PERSON_LATIN_LEN.0..=PERSON_LATIN_LEN.1).contains(&len) {
            return vec![length_error(PERSON_LATIN_LEN, len)];
        }
    }
    Vec::new()
}

/// Checks an organisation name 单位名称 (trimmed): 2–100 characters, no control characters.
/// Latin letters and any brackets are allowed. Errors: `name.org_char` (`char`),
/// `name.org_length` (`len`). Blank → no findings.
pub fn check_org(input: &str) -> Vec<Finding> {
    let s = input.trim();
    if s.is_empty() {
        return Vec::new();
    }
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return char_error(key!("name.org_char"), c);
    }
    let len = s.chars().count();
    if !(ORG_LEN.0..=ORG_LEN.1).contains(&len) {
        return vec![Finding::error(key!("name.org_length")).with("len", len.to_string())];
    }
    Vec::new()
}

/// Checks an organisation's English name (optional): printable ASCII, Latin letters with
/// diacritics and typographic quotes/dashes, at most 200 characters.
/// Errors: `name.english_char` (`char`), `name.english_length` (`len`). Blank → no findings.
pub fn check_english_org(input: &str) -> Vec<Finding> {
    let s = input.trim();
    if s.is_empty() {
        return Vec::new();
    }
    let allowed = |c: char| {
        matches!(c, ' '..='~' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}')
            || is_latin_letter(c)
    };
    if let Some(c) = s.chars().find(|c| !allowed(*c)) {
        return char_error(key!("name.english_char"), c);
    }
    let len = s.chars().count();
    if len > ENGLISH_ORG_MAX {
        return vec![Finding::error(key!("name.english_length")).with("len", len.to_string())];
    }
    Vec::new()
}

/// The comparison key of an organisation name: full-width → ASCII, every kind of bracket
/// (`()`, `（）`, `[]`, `【】`, `〔〕`, `〖〗`, `{}`) → `()`, whitespace removed, ASCII lower-cased.
pub fn org_name_key(name: &str) -> String {
    normalize::fullwidth_to_ascii(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' | '[' | '{' | '【' | '〔' | '〖' | '〈' | '《' => '(',
            ')' | ']' | '}' | '】' | '〕' | '〗' | '〉' | '》' => ')',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Whether two organisation names are the same, treating Chinese, full-width and half-width
/// brackets as equal (`华为技术有限公司（深圳）` = `华为技术有限公司(深圳)`).
pub fn org_names_equal(a: &str, b: &str) -> bool {
    org_name_key(a) == org_name_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: Vec<Finding>) -> Vec<&'static str> {
        f.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn han_names() {
        for ok in ["张三", "王小明", "阿沛·阿旺晋美", "欧阳娜娜", "𠀀𠀁", "王𠀀", "张堃", "陶喆", "李〇", "赵\u{E000}"]
        {
            assert!(check_person(ok).is_empty(), "{ok}: {:?}", check_person(ok));
        }
        // Look-alike dots are normalised, not rejected.
        for ok in ["阿沛•阿旺晋美", "阿沛・阿旺晋美", "阿沛‧阿旺晋美", "阿沛．阿旺晋美", "阿沛.阿旺晋美"]
        {
            assert!(check_person(ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn han_name_errors() {
        assert_eq!(codes(check_person("·阿旺")), [key!("name.person_dot_edge")]);
        assert_eq!(codes(check_person("阿旺·")), [key!("name.person_dot_edge")]);
        assert_eq!(codes(check_person("阿沛··阿旺")), [key!("name.person_dot_double")]);
        assert_eq!(codes(check_person("阿沛•·阿旺")), [key!("name.person_dot_double")]);
        assert_eq!(codes(check_person("张 三")), [key!("name.person_space")]);
        assert_eq!(codes(check_person("张三John")), [key!("name.person_mixed")]);
        assert_eq!(check_person("张三3"), vec![Finding::error(key!("name.person_char")).with("char", "3")]);
        assert_eq!(check_person("张三😀"), vec![Finding::error(key!("name.person_char")).with("char", "😀")]);
        assert_eq!(check_person("张"), vec![length_error((2, 30), 1)]);
        assert_eq!(check_person(&"张".repeat(31)), vec![length_error((2, 30), 31)]);
        assert!(check_person(&"张".repeat(30)).is_empty());
        assert!(check_person(&"𠀀".repeat(30)).is_empty());
    }

    #[test]
    fn latin_names() {
        for ok in [
            "John Smith",
            "John F. Kennedy",
            "Mary-Jane O'Neil",
            "José Müller",
            "Nguyễn Văn An",
            "Li",
            "Jose\u{301} Smith",
        ] {
            assert!(check_person(ok).is_empty(), "{ok}: {:?}", check_person(ok));
        }
        assert_eq!(check_person("J"), vec![length_error((2, 100), 1)]);
        assert_eq!(codes(check_person("-John")), [key!("name.person_latin_start")]);
        assert_eq!(check_person("John2"), vec![Finding::error(key!("name.person_char")).with("char", "2")]);
        assert_eq!(check_person("John@Smith"), vec![Finding::error(key!("name.person_char")).with("char", "@")]);
        assert!(check_person(" ").is_empty());
    }

    #[test]
    fn org_names() {
        assert!(check_org("华为技术有限公司").is_empty());
        assert!(check_org("TCL科技集团股份有限公司").is_empty());
        assert_eq!(check_org("华"), vec![Finding::error(key!("name.org_length")).with("len", "1")]);
        assert_eq!(check_org(&"华".repeat(101)), vec![Finding::error(key!("name.org_length")).with("len", "101")]);
        assert!(check_org(&"华".repeat(100)).is_empty());
        assert_eq!(codes(check_org("华为\u{7}公司")), [key!("name.org_char")]);
    }

    #[test]
    fn english_org_names() {
        assert!(check_english_org("Huawei Technologies Co., Ltd.").is_empty());
        assert!(check_english_org("China Academy of Information & Communications Technology (CAICT)").is_empty());
        assert!(check_english_org("Société Générale (China) Ltd").is_empty());
        assert!(check_english_org("").is_empty());
        assert_eq!(
            check_english_org("Huawei 技术"),
            vec![Finding::error(key!("name.english_char")).with("char", "技")]
        );
        assert_eq!(
            check_english_org("Huawei（China）"),
            vec![Finding::error(key!("name.english_char")).with("char", "（")]
        );
        assert_eq!(
            check_english_org(&"a".repeat(201)),
            vec![Finding::error(key!("name.english_length")).with("len", "201")]
        );
        assert!(check_english_org(&"a".repeat(200)).is_empty());
    }

    #[test]
    fn org_name_equality() {
        assert!(org_names_equal("华为技术有限公司（深圳）", "华为技术有限公司(深圳)"));
        assert!(org_names_equal("某某研究院【北京】", "某某研究院(北京)"));
        assert!(org_names_equal("某某研究院〔北京〕", "某某研究院（北京）"));
        assert!(org_names_equal("ＴＣＬ科技", "TCL 科技"));
        assert!(org_names_equal("Tcl科技", "TCL科技"));
        assert!(!org_names_equal("华为技术有限公司", "华为终端有限公司"));
    }
}
