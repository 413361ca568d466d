//! Standard numbers 标准编号 such as `GB/T 42021-2022`, `GB/Z32235-2015`, `T/CAS 290-2017`.
//!
//! Shape: a prefix of letters (optionally with a region code before a slash, `DB11/T`) with an
//! optional `/X` part, an optional space, a number with optional `.part`s, `-` or `—`, and a
//! four-digit year. Full-width characters, lower case and any dash are tolerated.

use crate::issue::Finding;
use crate::rules::normalize;

/// The parts of a well-formed standard number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandardNo {
    /// `GB/T`, `T/CAS`, `DB11/T`, `GB`.
    pub prefix: String,
    /// `42021`, `4943.1`.
    pub number: String,
    /// `2022`.
    pub year: String,
}

impl StandardNo {
    /// The usual spelling: `GB/T 42021-2022`.
    pub fn canonical(&self) -> String {
        format!("{} {}-{}", self.prefix, self.number, self.year)
    }
}

fn prepare(input: &str) -> Vec<char> {
    input
        .trim()
        .chars()
        .map(normalize::fullwidth_char_to_ascii)
        .map(|c| if normalize::is_dash(c) { '-' } else { c.to_ascii_uppercase() })
        .collect()
}

fn take_while(s: &[char], i: &mut usize, f: impl Fn(char) -> bool) -> String {
    let start = *i;
    while *i < s.len() && f(s[*i]) {
        *i += 1;
    }
    s[start..*i].iter().collect()
}

/// Parses a standard number. Errors (first found): `standard_no.prefix` (no letters code at
/// the start, or nothing after `/`), `standard_no.number`, `standard_no.year` (missing dash or
/// not a four-digit year), `standard_no.trailing` (something after the year).
pub fn parse(input: &str) -> Result<StandardNo, Finding> {
    let s = prepare(input);
    let mut i = 0;
    let space = |c: char| c == ' ';
    let mut prefix = take_while(&s, &mut i, |c| c.is_ascii_uppercase());
    if prefix.is_empty() {
        return Err(Finding::error(key!("standard_no.prefix")));
    }
    // Region digits belong to the prefix only when a slash follows (`DB11/T`, not `GB32100`).
    let mut j = i;
    let region = take_while(&s, &mut j, |c| c.is_ascii_digit());
    if !region.is_empty() && s.get(j) == Some(&'/') {
        prefix.push_str(&region);
        i = j;
    }
    if s.get(i) == Some(&'/') {
        i += 1;
        let part = take_while(&s, &mut i, |c| c.is_ascii_uppercase());
        if part.is_empty() {
            return Err(Finding::error(key!("standard_no.prefix")));
        }
        prefix.push('/');
        prefix.push_str(&part);
    }
    take_while(&s, &mut i, space);
    let mut number = take_while(&s, &mut i, |c| c.is_ascii_digit());
    if number.is_empty() {
        return Err(Finding::error(key!("standard_no.number")));
    }
    while s.get(i) == Some(&'.') && s.get(i + 1).is_some_and(char::is_ascii_digit) {
        i += 1;
        number.push('.');
        number.push_str(&take_while(&s, &mut i, |c| c.is_ascii_digit()));
    }
    take_while(&s, &mut i, space);
    if s.get(i) != Some(&'-') {
        return Err(Finding::error(key!("standard_no.year")));
    }
    i += 1;
    take_while(&s, &mut i, space);
    let year = take_while(&s, &mut i, |c| c.is_ascii_digit());
    if year.len() != 4 {
        return Err(Finding::error(key!("standard_no.year")));
    }
    if i < s.len() {
        return Err(Finding::error(key!("standard_no.trailing")));
    }
    Ok(StandardNo { prefix, number, year })
}

/// Checks a standard number (see [`parse`] for the codes). Blank → no findings.
pub fn check(input: &str) -> Vec<Finding> {
    if input.trim().is_empty() {
        return Vec::new();
    }
    parse(input).err().into_iter().collect()
}

/// Whether the value is meant as a standard number rather than a standard's title: it starts
/// with a Latin letter, contains a digit, and has nothing but letters, digits, `/`, `.`, spaces
/// and dashes (`GB/T 42021`, `gb/t 42021-2022`). A caller accepting "name or number" checks
/// such values with [`check`] and takes anything else as a title
/// (`信息安全技术 网络安全等级保护基本要求`, `GB/T 22239-2019 信息安全技术…`, `ISO/IEC 27001:2022`).
pub fn looks_like_number(input: &str) -> bool {
    let s = prepare(input);
    s.first().is_some_and(char::is_ascii_alphabetic)
        && s.iter().any(char::is_ascii_digit)
        && s.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | ' ' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Option<&'static str> {
        check(s).first().map(|f| f.code)
    }

    #[test]
    fn valid_numbers() {
        for (input, canonical) in [
            ("GB/T 42021-2022", "GB/T 42021-2022"),
            ("GB/Z32235-2015", "GB/Z 32235-2015"),
            ("T/CAS 290-2017", "T/CAS 290-2017"),
            ("GB/T 42021—2022", "GB/T 42021-2022"),
            ("GB 32100-2015", "GB 32100-2015"),
            ("GB32100-2015", "GB 32100-2015"),
            ("GB 4943.1-2022", "GB 4943.1-2022"),
            ("DB11/T 1234-2020", "DB11/T 1234-2020"),
            ("YD/T 3802.1 - 2020", "YD/T 3802.1-2020"),
            ("ｇｂ／ｔ　４２０２１－２０２２", "GB/T 42021-2022"),
        ] {
            assert_eq!(parse(input).map(|n| n.canonical()), Ok(canonical.to_string()), "{input}");
        }
    }

    #[test]
    fn invalid_numbers() {
        assert_eq!(code("42021-2022"), Some(key!("standard_no.prefix")));
        assert_eq!(code("GB/ 42021-2022"), Some(key!("standard_no.prefix")));
        assert_eq!(code("GB/T -2022"), Some(key!("standard_no.number")));
        assert_eq!(code("GB/T 42021"), Some(key!("standard_no.year")));
        assert_eq!(code("GB 2312-80"), Some(key!("standard_no.year")));
        assert_eq!(code("GB/T 42021-20222"), Some(key!("standard_no.year")));
        assert_eq!(code("GB/T 42021-2022 信息安全技术"), Some(key!("standard_no.trailing")));
        assert!(check(" ").is_empty());
    }

    #[test]
    fn number_or_title() {
        assert!(looks_like_number("GB/T 42021-2022"));
        assert!(looks_like_number("gb/t 42021"));
        assert!(looks_like_number("T/CAS 290—2017"));
        assert!(!looks_like_number("信息安全技术 网络安全等级保护基本要求"));
        assert!(!looks_like_number("GB/T 22239-2019 信息安全技术 网络安全等级保护基本要求"));
        assert!(!looks_like_number("ISO/IEC 27001:2022"));
        assert!(!looks_like_number("Industrial Internet platform"));
        assert!(!looks_like_number(""));
    }
}

/// A standard cited by name or by number: numbers are checked, names need at least two characters.
pub fn check_reference(input: &str) -> Vec<Finding> {
    let t = input.trim();
    if looks_like_number(t) {
        check(t)
    } else if t.chars().count() < 2 {
        vec![Finding::error(key!("standard_no.reference"))]
    } else {
        vec![]
    }
}

#[cfg(test)]
mod reference_tests {
    use super::*;

    #[test]
    fn names_or_numbers() {
        assert!(check_reference("GB/T 42021-2022").is_empty());
        assert!(check_reference("工业互联网 总体网络架构").is_empty());
        assert_eq!(check_reference("工").first().map(|f| f.code), Some(key!("standard_no.reference")));
    }
}
