//! Mainland-China mobile, landline and fax numbers (hand-written matching, no regex engine).
//!
//! All checks first map full-width characters to ASCII, trim, and treat any dash as `-`. A blank
//! value gives no findings (whether it is required is the form's business). Fax numbers use the
//! `landline.*` codes, plus `fax.service_number` for 400/800 numbers.

use crate::issue::Finding;
use crate::rules::normalize;

/// Prefixes that no carrier has been allocated for personal mobile numbers [practice, 2024]:
/// a number with one of them passes the hard rule but gets the warning `mobile.unallocated`.
const UNALLOCATED_MOBILE: &[&str] = &[
    "142", "143", "154", "160", "161", "163", "164", "168", "169", "1741", "1742", "1743", "1744", "1745", "1746",
    "1747", "1748", "194",
];

fn clean(input: &str) -> String {
    input
        .chars()
        .map(normalize::fullwidth_char_to_ascii)
        .map(|c| if normalize::is_dash(c) { '-' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Checks a mobile number against `^(?:\+?86[- ]?)?1[3-9]\d{9}$`, ignoring spaces and hyphens
/// between the digits (`138 0013 8000`, `+86-138-0013-8000`).
///
/// Errors: `mobile.chars` (`char`), `mobile.country` (a `+` code other than +86),
/// `mobile.format` (does not start with 1: not a mobile number), `mobile.length` (`len` digits),
/// `mobile.prefix` (`prefix`: second digit not 3–9). Warning: `mobile.unallocated` (`prefix`).
pub fn check_mobile(input: &str) -> Vec<Finding> {
    let s = clean(input);
    if s.is_empty() {
        return Vec::new();
    }
    let compact: String = s.chars().filter(|c| *c != ' ' && *c != '-').collect();
    if let Some((_, c)) = compact.char_indices().find(|(i, c)| !(c.is_ascii_digit() || (*c == '+' && *i == 0))) {
        return vec![Finding::error(key!("mobile.chars")).with("char", c.to_string())];
    }
    let digits = match compact.strip_prefix('+') {
        Some(rest) => match rest.strip_prefix("86") {
            Some(d) => d,
            None => return vec![Finding::error(key!("mobile.country"))],
        },
        None if compact.len() == 13 && compact.starts_with("86") => &compact[2..],
        None => &compact,
    };
    if digits.is_empty() {
        return vec![Finding::error(key!("mobile.length")).with("len", "0")];
    }
    if !digits.starts_with('1') {
        return vec![Finding::error(key!("mobile.format"))];
    }
    if digits.len() != 11 {
        return vec![Finding::error(key!("mobile.length")).with("len", digits.len().to_string())];
    }
    if !matches!(digits.as_bytes()[1], b'3'..=b'9') {
        return vec![Finding::error(key!("mobile.prefix")).with("prefix", &digits[..3])];
    }
    match UNALLOCATED_MOBILE.iter().find(|p| digits.starts_with(**p)) {
        Some(p) => vec![Finding::warning(key!("mobile.unallocated")).with("prefix", *p)],
        None => Vec::new(),
    }
}

/// Whether `input` passes the hard mobile rule (an unallocated prefix, a warning, still passes).
pub fn is_mobile(input: &str) -> bool {
    !input.trim().is_empty() && !check_mobile(input).iter().any(Finding::is_error)
}

/// Checks a landline number 固定电话: area code `010`, `02[0-57-9]` or `0[3-9]\d\d`, a local
/// number of 7–8 digits starting 2–9, an optional extension (`-`, `转`, `分机`, `ext`, `#`).
/// Written as `010-62300000`, `(010)62300000`, `010 6230 0000`, `01062300000` or
/// `+86 10 62300000`. Service numbers `400`/`800` + 7 digits are accepted.
///
/// Errors: `landline.chars` (`char`), `landline.mobile` (a mobile number was given),
/// `landline.no_area_code`, `landline.area_code` (`area`), `landline.local_length` (`len`),
/// `landline.local_start` (`digit`), `landline.extension`.
pub fn check_landline(input: &str) -> Vec<Finding> {
    check_fixed(input, false)
}

/// Checks a fax number 传真: the landline rule, but 400/800 service numbers are rejected
/// (`fax.service_number`).
pub fn check_fax(input: &str) -> Vec<Finding> {
    check_fixed(input, true)
}

/// Extension markers, lower-case; the earliest one found splits the number.
const EXTENSION_MARKERS: &[&str] = &["转", "分机", "ext", "#"];

fn valid_area(area: &str) -> bool {
    let b = area.as_bytes();
    if !b.iter().all(u8::is_ascii_digit) || b.first() != Some(&b'0') {
        return false;
    }
    match b.len() {
        3 => area == "010" || (b[1] == b'2' && b[2] != b'6'),
        4 => matches!(b[1], b'3'..=b'9'),
        _ => false,
    }
}

fn valid_extension(ext: &str) -> bool {
    (1..=6).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_digit())
}

fn check_fixed(input: &str, fax: bool) -> Vec<Finding> {
    let s = clean(input);
    if s.is_empty() {
        return Vec::new();
    }
    // 1. Split off an extension introduced by a marker.
    let lower = s.to_ascii_lowercase();
    let marker = EXTENSION_MARKERS.iter().filter_map(|m| lower.find(m).map(|i| (i, m.len()))).min();
    let (main, mut ext) = match marker {
        Some((i, len)) => {
            let ext = s[i + len..].trim_matches(|c: char| c == ' ' || c == '.' || c == ':' || c == '-');
            (&s[..i], Some(ext.to_string()))
        }
        None => (s.as_str(), None),
    };
    // 2. Characters.
    if let Some(c) = main.chars().find(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+'))) {
        return vec![Finding::error(key!("landline.chars")).with("char", c.to_string())];
    }
    // 3. An international prefix: +86 / 0086, optionally in parentheses; the area code then
    //    usually drops its leading 0.
    let mut rest = main.trim_start();
    let mut international = false;
    for prefix in ["(+86)", "+86", "(0086)", "0086"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            international = true;
            break;
        }
    }
    if let Some(c) = rest.chars().find(|c| *c == '+') {
        return vec![Finding::error(key!("landline.chars")).with("char", c.to_string())];
    }
    // 4. Digit groups.
    let mut groups: Vec<String> =
        rest.split([' ', '-', '(', ')']).filter(|g| !g.is_empty()).map(str::to_string).collect();
    let all: String = groups.concat();
    if all.is_empty() {
        return vec![Finding::error(key!("landline.no_area_code"))];
    }
    if all.len() == 11 && all.starts_with('1') && matches!(all.as_bytes()[1], b'3'..=b'9') && ext.is_none() {
        return vec![Finding::error(key!("landline.mobile"))];
    }
    if !international && all.len() == 10 && (all.starts_with("400") || all.starts_with("800")) {
        let mut out = Vec::new();
        if fax {
            out.push(Finding::error(key!("fax.service_number")));
        } else if ext.as_deref().is_some_and(|e| !valid_extension(e)) {
            out.push(Finding::error(key!("landline.extension")));
        }
        return out;
    }
    if international {
        if groups[0] == "0" && groups.len() > 1 {
            let zero = groups.remove(0);
            groups[0].insert_str(0, &zero);
        } else if !groups[0].starts_with('0') {
            groups[0].insert(0, '0');
        }
    }
    if !groups[0].starts_with('0') {
        return vec![Finding::error(key!("landline.no_area_code"))];
    }
    // 5. Area code, local number and a hyphen-separated extension. An area code written
    //    together with the number (`01062300000`) is split off first.
    if groups[0].len() > 4 {
        let g = groups.remove(0);
        let area_len = if g.starts_with("010") || g.starts_with("02") { 3 } else { 4 };
        groups.insert(0, g[area_len..].to_string());
        groups.insert(0, g[..area_len].to_string());
    }
    let area = groups[0].clone();
    let local = if groups.len() == 3 && (7..=8).contains(&groups[1].len()) && ext.is_none() {
        ext = Some(groups[2].clone());
        groups[1].clone()
    } else {
        groups[1..].concat()
    };
    if !valid_area(&area) {
        return vec![Finding::error(key!("landline.area_code")).with("area", area)];
    }
    if !(7..=8).contains(&local.len()) {
        return vec![Finding::error(key!("landline.local_length")).with("len", local.len().to_string())];
    }
    if !matches!(local.as_bytes()[0], b'2'..=b'9') {
        return vec![Finding::error(key!("landline.local_start")).with("digit", &local[..1])];
    }
    if ext.as_deref().is_some_and(|e| !valid_extension(e)) {
        return vec![Finding::error(key!("landline.extension"))];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: Vec<Finding>) -> Vec<&'static str> {
        f.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn mobile_accepts_country_code_and_separators() {
        for ok in [
            "13800138000",
            "+8613800138000",
            "8613800138000",
            "+86 13800138000",
            "86-13800138000",
            "138 0013 8000",
            "138-0013-8000",
            " １３８００１３８０００ ",
            "19912345678",
        ] {
            assert!(check_mobile(ok).is_empty(), "{ok}: {:?}", check_mobile(ok));
            assert!(is_mobile(ok));
        }
    }

    #[test]
    fn mobile_errors_are_specific() {
        assert_eq!(check_mobile("1380013800"), vec![Finding::error(key!("mobile.length")).with("len", "10")]);
        assert_eq!(check_mobile("138001380001"), vec![Finding::error(key!("mobile.length")).with("len", "12")]);
        assert_eq!(check_mobile("12800138000"), vec![Finding::error(key!("mobile.prefix")).with("prefix", "128")]);
        assert_eq!(check_mobile("010-62300000"), vec![Finding::error(key!("mobile.format"))]);
        assert_eq!(check_mobile("1380013800O"), vec![Finding::error(key!("mobile.chars")).with("char", "O")]);
        assert_eq!(check_mobile("+85291234567"), vec![Finding::error(key!("mobile.country"))]);
        assert_eq!(check_mobile("+86"), vec![Finding::error(key!("mobile.length")).with("len", "0")]);
        assert!(!is_mobile(""));
        assert!(check_mobile("   ").is_empty());
    }

    #[test]
    fn mobile_unallocated_only_warns() {
        assert_eq!(
            check_mobile("15412345678"),
            vec![Finding::warning(key!("mobile.unallocated")).with("prefix", "154")]
        );
        assert_eq!(
            check_mobile("17421234567"),
            vec![Finding::warning(key!("mobile.unallocated")).with("prefix", "1742")]
        );
        assert!(check_mobile("17401234567").is_empty());
        assert!(is_mobile("19412345678"));
    }

    #[test]
    fn landline_forms() {
        for ok in [
            "010-62300000",
            "(010)62300000",
            "（010）62300000",
            "010 6230 0000",
            "01062300000",
            "0755-26036008",
            "0571-8888888",
            "020-83838383",
            "+86 10 62300000",
            "+86-755-26036008",
            "+86 (0)10 62300000",
            "010-62300000-8021",
            "010-62300000转8021",
            "010-62300000 ext. 12",
            "010-62300000#12",
            "01062300000-12",
            "0755-2603-6008",
            "400-810-8888",
            "8008108888",
        ] {
            assert!(check_landline(ok).is_empty(), "{ok}: {:?}", check_landline(ok));
        }
    }

    #[test]
    fn landline_errors_are_specific() {
        assert_eq!(codes(check_landline("62300000")), [key!("landline.no_area_code")]);
        assert_eq!(
            check_landline("021-12345678"),
            vec![Finding::error(key!("landline.local_start")).with("digit", "1")]
        );
        assert_eq!(check_landline("0755-123456"), vec![Finding::error(key!("landline.local_length")).with("len", "6")]);
        assert_eq!(
            check_landline("026-62300000"),
            vec![Finding::error(key!("landline.area_code")).with("area", "026")]
        );
        assert_eq!(
            check_landline("0211-62300000"),
            vec![Finding::error(key!("landline.area_code")).with("area", "0211")]
        );
        assert_eq!(
            check_landline("0123-6230000"),
            vec![Finding::error(key!("landline.area_code")).with("area", "0123")]
        );
        assert_eq!(check_landline("010"), vec![Finding::error(key!("landline.local_length")).with("len", "0")]);
        assert_eq!(check_landline("010623000"), vec![Finding::error(key!("landline.local_length")).with("len", "6")]);
        assert_eq!(
            check_landline("010623000001"),
            vec![Finding::error(key!("landline.local_length")).with("len", "9")]
        );
        assert_eq!(codes(check_landline("13800138000")), [key!("landline.mobile")]);
        assert_eq!(codes(check_landline("010-62300000转")), [key!("landline.extension")]);
        assert_eq!(codes(check_landline("010-62300000转1234567")), [key!("landline.extension")]);
        assert_eq!(check_landline("010/62300000"), vec![Finding::error(key!("landline.chars")).with("char", "/")]);
        assert!(check_landline("").is_empty());
    }

    #[test]
    fn fax_rejects_service_numbers() {
        assert_eq!(codes(check_fax("400-810-8888")), [key!("fax.service_number")]);
        assert_eq!(codes(check_fax("800 810 8888")), [key!("fax.service_number")]);
        assert!(check_fax("010-62300000").is_empty());
        assert_eq!(codes(check_fax("62300000")), [key!("landline.no_area_code")]);
    }
}

/// A contact telephone that may be a mobile or a landline (`电话` on the co-authoring form):
/// anything that looks like a mobile number is checked as one, everything else as a landline.
pub fn check_any(input: &str) -> Vec<Finding> {
    let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
    let national = digits.strip_prefix("86").filter(|d| d.len() == 11).unwrap_or(&digits);
    if national.starts_with('1') {
        check_mobile(input)
    } else {
        check_landline(input)
    }
}

#[cfg(test)]
mod any_tests {
    use super::*;

    #[test]
    fn either_kind_of_number() {
        assert!(check_any("13800138000").is_empty());
        assert!(check_any("+86 13800138000").is_empty());
        assert!(check_any("010-62300000").is_empty());
        assert_eq!(check_any("12345678901")[0].code, key!("mobile.prefix"));
        assert_eq!(check_any("62300000")[0].code, key!("landline.no_area_code"));
    }
}
