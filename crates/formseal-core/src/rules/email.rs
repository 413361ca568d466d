//! E-mail addresses: the WHATWG HTML "valid e-mail address" rule plus a dot in the domain.

use crate::issue::Finding;

/// Characters WHATWG allows before the `@`.
fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

/// Full-width forms typed with a Chinese input method (the ideographic full stop `。` included).
fn is_fullwidth(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3002}')
}

fn label_ok(label: &str) -> bool {
    (1..=63).contains(&label.len()) && !label.starts_with('-') && !label.ends_with('-')
}

/// Checks an e-mail address (surrounding spaces are ignored). The first problem found:
/// `email.fullwidth_at` (a full-width `＠`), `email.space`, `email.fullwidth_char` (`char`),
/// `email.missing_at`, `email.multiple_at`, `email.local_empty`, `email.local_char` (`char`),
/// `email.domain_empty`, `email.domain_char` (`char`), `email.domain` (empty label, label
/// starting/ending with `-` or longer than 63), `email.domain_dot` (no `.` in the domain).
/// A blank value gives no findings.
pub fn check(input: &str) -> Vec<Finding> {
    let s = input.trim();
    if s.is_empty() {
        return Vec::new();
    }
    let err = |code| vec![Finding::error(code)];
    if s.contains('＠') {
        return err(key!("email.fullwidth_at"));
    }
    if s.chars().any(char::is_whitespace) {
        return err(key!("email.space"));
    }
    if let Some(c) = s.chars().find(|c| is_fullwidth(*c)) {
        return vec![Finding::error(key!("email.fullwidth_char")).with("char", c.to_string())];
    }
    let Some((local, domain)) = s.split_once('@') else {
        return err(key!("email.missing_at"));
    };
    if domain.contains('@') {
        return err(key!("email.multiple_at"));
    }
    if local.is_empty() {
        return err(key!("email.local_empty"));
    }
    if let Some(c) = local.chars().find(|c| !is_local_char(*c)) {
        return vec![Finding::error(key!("email.local_char")).with("char", c.to_string())];
    }
    if domain.is_empty() {
        return err(key!("email.domain_empty"));
    }
    if let Some(c) = domain.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.')) {
        return vec![Finding::error(key!("email.domain_char")).with("char", c.to_string())];
    }
    if !domain.split('.').all(label_ok) {
        return err(key!("email.domain"));
    }
    if !domain.contains('.') {
        return err(key!("email.domain_dot"));
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Option<&'static str> {
        check(s).first().map(|f| f.code)
    }

    #[test]
    fn valid() {
        for ok in [
            "a@b.cn",
            "zhang.san@example.com.cn",
            "user+tag@sub-domain.example.org",
            "o'brien@example.ie",
            "x_y-z@a1.b2",
            " tc260@tc260.org.cn ",
            "A@B.COM",
        ] {
            assert!(check(ok).is_empty(), "{ok}: {:?}", check(ok));
        }
    }

    #[test]
    fn invalid_codes() {
        assert_eq!(code("zhangsan＠example.com"), Some(key!("email.fullwidth_at")));
        assert_eq!(code("zhang san@example.com"), Some(key!("email.space")));
        assert_eq!(check("a@example。com"), vec![Finding::error(key!("email.fullwidth_char")).with("char", "。")]);
        assert_eq!(code("zhangsan.example.com"), Some(key!("email.missing_at")));
        assert_eq!(code("a@b@example.com"), Some(key!("email.multiple_at")));
        assert_eq!(code("@example.com"), Some(key!("email.local_empty")));
        assert_eq!(check("张三@example.com"), vec![Finding::error(key!("email.local_char")).with("char", "张")]);
        assert_eq!(check("a(b)@example.com"), vec![Finding::error(key!("email.local_char")).with("char", "(")]);
        assert_eq!(code("a@"), Some(key!("email.domain_empty")));
        assert_eq!(check("a@exam_ple.com"), vec![Finding::error(key!("email.domain_char")).with("char", "_")]);
        assert_eq!(code("a@example..com"), Some(key!("email.domain")));
        assert_eq!(code("a@.example.com"), Some(key!("email.domain")));
        assert_eq!(code("a@example.com."), Some(key!("email.domain")));
        assert_eq!(code("a@-example.com"), Some(key!("email.domain")));
        assert_eq!(code("a@example-.com"), Some(key!("email.domain")));
        assert_eq!(code(&format!("a@{}.com", "x".repeat(64))), Some(key!("email.domain")));
        assert!(check(&format!("a@{}.com", "x".repeat(63))).is_empty());
        assert_eq!(code("a@localhost"), Some(key!("email.domain_dot")));
        assert!(check("").is_empty());
    }
}
