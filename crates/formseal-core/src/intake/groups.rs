//! The groups of an intake: the same unit submitting more than once (the latest valid one by
//! signing time is current, the others superseded), the same key used by different units, the same package
//! twice. Each group says which rule made it.

use super::{Row, Verdict};
use crate::messages::render;
use crate::rules::normalize::{fullwidth_char_to_ascii, is_invisible};
use crate::Locale;

/// What the grouping needs of one row.
#[derive(Clone, Debug)]
pub struct Key {
    pub file: String,
    pub verdict: Verdict,
    pub form_id: String,
    /// How the unit is recognised: its credit code, else its normalised name.
    pub unit: Option<(UnitRule, String)>,
    pub unit_name: String,
    pub fingerprint: String,
    pub manifest: String,
    pub application: String,
    /// Signing time in seconds since 1970 (UTC), when it could be read.
    pub signed: Option<i64>,
    /// Where the row is in the rows file.
    pub offset: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitRule {
    Uscc,
    Name,
}

impl Key {
    pub fn of(row: &Row) -> Key {
        let unit = if !row.registration.is_empty() {
            Some((UnitRule::Uscc, row.registration.clone()))
        } else {
            let name = normalised_name(&row.unit);
            (!name.is_empty()).then_some((UnitRule::Name, name))
        };
        Key {
            file: row.file.clone(),
            verdict: row.verdict,
            form_id: row.form.split(' ').next().unwrap_or_default().to_string(),
            unit,
            unit_name: row.unit.clone(),
            fingerprint: row.fingerprint.clone(),
            manifest: row.manifest_sha256.clone(),
            application: row.application_sha256.clone(),
            signed: seconds(&row.signed_at),
            offset: 0,
        }
    }
    fn readable(&self) -> bool {
        matches!(self.verdict, Verdict::Valid | Verdict::Invalid)
    }
}

/// A unit's name compared loosely: no spaces, full-width letters and brackets as ASCII, case.
pub fn normalised_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .map(fullwidth_char_to_ascii)
        .flat_map(char::to_lowercase)
        .collect()
}

/// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` as seconds since 1970 (UTC).
pub fn seconds(iso: &str) -> Option<i64> {
    let b = iso.as_bytes();
    let num = |r: std::ops::Range<usize>| iso.get(r)?.parse::<i64>().ok();
    if b.len() < 19 || b.get(10) != Some(&b'T') {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &iso[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest.as_bytes().first() {
        Some(b'Z') | None => 0,
        Some(sign @ (b'+' | b'-')) => {
            let (oh, om) = (rest.get(1..3)?.parse::<i64>().ok()?, rest.get(4..6)?.parse::<i64>().ok()?);
            (if *sign == b'+' { 1 } else { -1 }) * (oh * 3600 + om * 60)
        }
        Some(_) => return None,
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (mo + if mo > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + s - offset)
}

/// What the grouping says of one row.
#[derive(Clone, Debug, Default)]
pub struct Grouped {
    /// `current`, `superseded` or `duplicate` (empty: in no group).
    pub status: &'static str,
    pub superseded_by: Option<String>,
    /// One line per group the row is in, naming the rule.
    pub notes: Vec<String>,
    /// Whether its paper form arrived (`intake --scans`).
    pub paper: Option<String>,
}

/// Groups `keys` (in report order); the result is in the same order. Linear in the number of
/// keys (each rule indexes them once), so ten thousand packages group at once.
pub fn group(keys: &[Key], locale: Locale) -> Vec<Grouped> {
    use std::collections::HashMap;
    let mut out: Vec<Grouped> = vec![Grouped::default(); keys.len()];
    let readable = |k: &&Key| k.readable();
    // The same package twice: the same manifest digest.
    let mut duplicate = vec![false; keys.len()];
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate().filter(|(_, k)| readable(k) && !k.manifest.is_empty()) {
        let first = *first_of.entry(&k.manifest).or_insert(i);
        if first != i {
            duplicate[i] = true;
            out[i].status = "duplicate";
            out[i].notes.push(render(locale, key!("intake.same_package"), &[("file", keys[first].file.clone())]));
        }
    }
    // The same unit, more than once for the same form: the latest signed is current.
    let mut units: HashMap<(&str, &(UnitRule, String)), Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for (i, k) in keys.iter().enumerate().filter(|(i, k)| readable(k) && !duplicate[*i]) {
        if let Some(unit) = &k.unit {
            let members = units.entry((&k.form_id, unit)).or_default();
            if members.is_empty() {
                order.push((k.form_id.as_str(), unit));
            }
            members.push(i);
        }
    }
    for key in order {
        let members = &units[&key];
        if members.len() < 2 {
            continue;
        }
        // Latest signing time; a time that cannot be read counts as the earliest; ties: the later
        // file. A package that failed verification proves nothing of when, or by whom, it was
        // signed: it never replaces a valid one (anyone could copy a unit's credit code and claim a
        // later time), and is current only in a group with no valid package.
        let when = |&&j: &&usize| (keys[j].signed.unwrap_or(i64::MIN), j);
        let valid = members.iter().filter(|&&j| matches!(keys[j].verdict, Verdict::Valid)).max_by_key(when);
        let latest = *valid.or_else(|| members.iter().max_by_key(when)).unwrap_or(&members[0]);
        let unit = key.1;
        let rule = match unit.0 {
            UnitRule::Uscc => render(locale, key!("intake.rule_uscc"), &[("code", unit.1.clone())]),
            UnitRule::Name => render(locale, key!("intake.rule_name"), &[("name", keys[members[0]].unit_name.clone())]),
        };
        let note = render(locale, key!("intake.same_unit"), &[("rule", rule), ("n", members.len().to_string())]);
        for &j in members {
            out[j].notes.push(note.clone());
            if j == latest {
                out[j].status = "current";
            } else {
                out[j].status = "superseded";
                out[j].superseded_by = Some(keys[latest].file.clone());
            }
        }
    }
    // The same key used by different units: each unit once, with its first file; at most
    // `NAMED` of them named in a row (a key shared by hundreds of units would otherwise make every
    // row's note, and the time to make them, grow with the square of the number of packages).
    const NAMED: usize = 5;
    let mut units_of_key: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut counted: std::collections::HashSet<(&str, &(UnitRule, String))> = Default::default();
    for (i, k) in keys.iter().enumerate().filter(|(_, k)| readable(k) && !k.fingerprint.is_empty()) {
        if let Some(unit) = &k.unit {
            if counted.insert((&k.fingerprint, unit)) {
                units_of_key.entry(&k.fingerprint).or_default().push(i);
            }
        }
    }
    for (i, k) in keys.iter().enumerate().filter(|(_, k)| readable(k) && !k.fingerprint.is_empty()) {
        let units = &units_of_key.get(k.fingerprint.as_str()).map_or(&[][..], Vec::as_slice);
        let n = units.len() - usize::from(k.unit.is_some());
        if n == 0 {
            continue;
        }
        let others = units.iter().map(|&j| &keys[j]).filter(|o| o.unit != k.unit);
        let mut named: Vec<String> = others.take(NAMED).map(|o| format!("{} ({})", o.unit_name, o.file)).collect();
        if n > NAMED {
            let more = [("n", n.to_string()), ("shown", NAMED.to_string())];
            named.push(render(locale, key!("intake.same_key_more"), &more));
        }
        let note = render(locale, key!("intake.same_key"), &[("n", n.to_string()), ("units", named.join("; "))]);
        out[i].notes.push(note);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn signing_times_compare_across_offsets() {
        let a = super::seconds("2026-12-01T09:00:00+08:00").unwrap();
        let b = super::seconds("2026-12-01T02:00:00Z").unwrap();
        assert_eq!(a + 3600, b);
        assert_eq!(super::seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(super::seconds("2026-12-01T02:00:00.123Z"), Some(b));
        assert_eq!(super::seconds("yesterday"), None);
        assert_eq!(super::seconds("2026-12-01T02:00:00+0"), None);
    }

    #[test]
    fn a_key_shared_by_many_units_names_five_and_counts_the_rest() {
        use super::{group, Key, UnitRule};
        use crate::intake::Verdict;
        let keys: Vec<Key> = (0..8)
            .map(|i| Key {
                file: format!("{i}.zip"),
                verdict: Verdict::Valid,
                form_id: "tc260-wg".into(),
                unit: Some((UnitRule::Name, format!("unit{i}"))),
                unit_name: format!("单位{i}"),
                fingerprint: "ab".repeat(32),
                manifest: format!("{i:064}"),
                application: String::new(),
                signed: Some(i),
                offset: 0,
            })
            .collect();
        let out = group(&keys, crate::Locale::ZhCn);
        let note = &out[0].notes[0];
        assert!(note.starts_with("同一签名密钥也用于其他 7 个单位：单位1 (1.zip); 单位2 (2.zip)"), "{note}");
        assert!(note.contains("单位5 (5.zip); 等（共 7 个，只列出前 5 个）") && !note.contains("6.zip"), "{note}");
        assert!(out[7].notes[0].contains("单位0 (0.zip)") && !out[7].notes[0].contains("单位7"));
    }

    #[test]
    fn names_compare_loosely() {
        assert_eq!(
            super::normalised_name(" 北京（示例）Ｔech 有限公司"),
            super::normalised_name("北京(示例)tech有限公司")
        );
    }

    /// A package that failed verification (here: a forged signature claiming a later time)
    /// never supersedes a valid one of the same unit; among invalid ones alone, the latest is current.
    #[test]
    fn an_invalid_package_never_supersedes_a_valid_one() {
        use super::{group, Key, UnitRule};
        use crate::intake::Verdict;
        let key = |file: &str, verdict: Verdict, signed: i64| Key {
            file: file.into(),
            verdict,
            form_id: "tc260-wg".into(),
            unit: Some((UnitRule::Uscc, "91350100M000100Y43".into())),
            unit_name: "示例".into(),
            fingerprint: String::new(),
            manifest: format!("{file:0>64}"),
            application: String::new(),
            signed: Some(signed),
            offset: 0,
        };
        let keys =
            [key("a.zip", Verdict::Valid, 10), key("b.zip", Verdict::Invalid, 20), key("c.zip", Verdict::Valid, 5)];
        let out = group(&keys, crate::Locale::ZhCn);
        let status: Vec<&str> = out.iter().map(|g| g.status).collect();
        assert_eq!(status, ["current", "superseded", "superseded"]);
        assert_eq!(out[1].superseded_by.as_deref(), Some("a.zip"));
        let keys = [key("a.zip", Verdict::Invalid, 10), key("b.zip", Verdict::Invalid, 20)];
        let status: Vec<&str> = group(&keys, crate::Locale::ZhCn).iter().map(|g| g.status).collect();
        assert_eq!(status, ["superseded", "current"]);
    }
}
