//! Postcodes 邮政编码: six digits whose first two name a province (codes may start with 0).

use crate::issue::Finding;
use crate::rules::normalize;

/// Province prefixes in use (inclusive ranges of the first two digits).
const PREFIXES: &[(u8, u8)] =
    &[(1, 7), (10, 13), (15, 16), (20, 27), (30, 36), (40, 47), (51, 57), (61, 67), (71, 75), (81, 81), (83, 86)];

/// Whether the two-digit province prefix is in use.
pub fn prefix_known(prefix: u8) -> bool {
    PREFIXES.iter().any(|(lo, hi)| (*lo..=*hi).contains(&prefix))
}

/// Checks a postcode (full-width digits and spaces are tolerated).
/// Errors: `postcode.chars` (`char`), `postcode.length` (`len`), `postcode.prefix` (`prefix`).
/// A blank value gives no findings.
pub fn check(input: &str) -> Vec<Finding> {
    let s: String = normalize::fullwidth_to_ascii(input).chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Vec::new();
    }
    if let Some(c) = s.chars().find(|c| !c.is_ascii_digit()) {
        return vec![Finding::error(key!("postcode.chars")).with("char", c.to_string())];
    }
    if s.len() != 6 {
        return vec![Finding::error(key!("postcode.length")).with("len", s.len().to_string())];
    }
    let prefix = &s[..2];
    if !prefix_known(prefix.parse().unwrap_or(0)) {
        return vec![Finding::error(key!("postcode.prefix")).with("prefix", prefix)];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zero_is_fine() {
        assert!(check("010010").is_empty()); // 呼和浩特
        assert!(check("030001").is_empty()); // 太原
        assert!(check("050000").is_empty()); // 石家庄
        assert!(check("１００８７６").is_empty());
        assert!(check(" 100876 ").is_empty());
    }

    #[test]
    fn errors() {
        assert_eq!(check("000000"), vec![Finding::error(key!("postcode.prefix")).with("prefix", "00")]);
        assert_eq!(check("080000"), vec![Finding::error(key!("postcode.prefix")).with("prefix", "08")]);
        assert_eq!(check("820000"), vec![Finding::error(key!("postcode.prefix")).with("prefix", "82")]);
        assert_eq!(check("1008765"), vec![Finding::error(key!("postcode.length")).with("len", "7")]);
        assert!(check("100 876").is_empty());
        assert_eq!(check("100-876"), vec![Finding::error(key!("postcode.chars")).with("char", "-")]);
        assert_eq!(check("10087a"), vec![Finding::error(key!("postcode.chars")).with("char", "a")]);
        assert!(check("").is_empty());
    }

    #[test]
    fn range_edges() {
        for (p, ok) in [(1, true), (7, true), (8, false), (9, false), (10, true), (13, true), (14, false), (17, false)]
        {
            assert_eq!(prefix_known(p), ok, "{p}");
        }
        for (p, ok) in [(50, false), (58, false), (60, false), (68, false), (70, false), (76, false), (82, false)] {
            assert_eq!(prefix_known(p), ok, "{p}");
        }
        for p in [81, 83, 86, 51, 57, 61, 67, 71, 75, 40, 47, 30, 36, 20, 27, 15, 16] {
            assert!(prefix_known(p), "{p}");
        }
        assert!(!prefix_known(87));
    }
}
