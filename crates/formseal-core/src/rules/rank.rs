//! Drafter rank (第几起草人): a whole number from 1.

use crate::issue::Finding;
use crate::rules::normalize::fullwidth_to_ascii;

/// Largest rank accepted (a standard rarely lists more drafters than this).
pub const MAX_RANK: u32 = 99;

/// Checks a rank typed as `3`, `３` or `第3`.
pub fn check(input: &str) -> Vec<Finding> {
    let t = fullwidth_to_ascii(input.trim());
    let t = t.trim_start_matches('第').trim_end_matches("起草人").trim();
    match t.parse::<u32>() {
        Ok(n) if (1..=MAX_RANK).contains(&n) => vec![],
        Ok(_) => vec![Finding::error(key!("rank.range")).with("max", MAX_RANK.to_string())],
        Err(_) => vec![Finding::error(key!("rank.format"))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks() {
        assert!(check("1").is_empty());
        assert!(check("３").is_empty());
        assert!(check("第2").is_empty());
        assert_eq!(check("0")[0].code, key!("rank.range"));
        assert_eq!(check("一")[0].code, key!("rank.format"));
        assert_eq!(check("-1")[0].code, key!("rank.format"));
    }
}
