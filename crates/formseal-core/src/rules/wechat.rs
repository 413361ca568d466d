//! WeChat IDs 微信号: `^[a-zA-Z][-_a-zA-Z0-9]{5,19}$`, or a mobile number bound to the account.

use crate::issue::Finding;
use crate::rules::{normalize, phone};

/// Whether `s` matches `^[a-zA-Z][-_a-zA-Z0-9]{5,19}$` exactly.
pub fn is_wechat_id(s: &str) -> bool {
    let b = s.as_bytes();
    (6..=20).contains(&b.len())
        && b[0].is_ascii_alphabetic()
        && b[1..].iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
}

/// Checks a WeChat ID (full-width characters and surrounding spaces tolerated). A value made of
/// digits (with `+`, spaces, hyphens) is checked as a mobile number and gets the `mobile.*`
/// findings. Otherwise errors: `wechat.start` (must start with a letter), `wechat.char`
/// (`char`), `wechat.length` (`len`, 6–20). Blank → no findings.
pub fn check(input: &str) -> Vec<Finding> {
    let s = normalize::fullwidth_to_ascii(input);
    let s = s.trim();
    if s.is_empty() || is_wechat_id(s) {
        return Vec::new();
    }
    if s.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-')) {
        return phone::check_mobile(s);
    }
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return vec![Finding::error(key!("wechat.start"))];
    }
    if let Some(c) = s.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return vec![Finding::error(key!("wechat.char")).with("char", c.to_string())];
    }
    vec![Finding::error(key!("wechat.length")).with("len", s.chars().count().to_string())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_mobiles() {
        for ok in [
            "wxid_abc123",
            "zhang-san",
            "abcdef",
            "A1234567890123456789",
            "13800138000",
            "+86 138 0013 8000",
            "ｚｈａｎｇｓａｎ",
        ] {
            assert!(check(ok).is_empty(), "{ok}: {:?}", check(ok));
        }
    }

    #[test]
    fn errors() {
        assert_eq!(check("abcde"), vec![Finding::error(key!("wechat.length")).with("len", "5")]);
        assert_eq!(check("A12345678901234567890"), vec![Finding::error(key!("wechat.length")).with("len", "21")]);
        assert_eq!(check("_abcdef"), vec![Finding::error(key!("wechat.start"))]);
        assert_eq!(check("1abcdef"), vec![Finding::error(key!("wechat.start"))]);
        assert_eq!(check("微信号abc"), vec![Finding::error(key!("wechat.start"))]);
        assert_eq!(check("zhang.san"), vec![Finding::error(key!("wechat.char")).with("char", ".")]);
        assert_eq!(check("zhang san"), vec![Finding::error(key!("wechat.char")).with("char", " ")]);
        assert_eq!(check("1380013800"), vec![Finding::error(key!("mobile.length")).with("len", "10")]);
        assert_eq!(check("15412345678"), vec![Finding::warning(key!("mobile.unallocated")).with("prefix", "154")]);
    }
}
