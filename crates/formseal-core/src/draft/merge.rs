//! One draft, several tabs: a three-way merge of answers, field by field.
//!
//! Each tab remembers the answers as they were when it last read or wrote browser storage (the
//! *base*). When it saves, or hears that another tab saved, it merges: a field only one side
//! changed takes that side's value; a field both changed takes the later change. So no tab ever
//! writes an older copy of a field over newer answers (issue 20).

use crate::form::{Answers, Row, Value};

/// Whether two values hold the same answers (row keys, which are per tab, are ignored).
pub fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(Value::Rows(x)), Some(Value::Rows(y))) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(r, s)| {
                    r.values.len() == s.values.len() && r.values.iter().all(|(k, v)| same(Some(v), s.values.get(k)))
                })
        }
        _ => a == b,
    }
}

/// The outcome of a merge.
#[derive(Debug, Default, PartialEq)]
pub struct Merged {
    /// The merged answers (what storage should hold).
    pub answers: Answers,
    /// Fields whose value came from the other side (to be shown in this tab).
    pub taken: Vec<String>,
    /// Fields both sides changed to different values.
    pub conflicts: Vec<String>,
    /// Fields this side changed that the other had not (what this side adds to storage).
    pub changed: Vec<String>,
}

/// Merges `mine` and `theirs`, both descended from `base`, field by field. When both changed a
/// field to different values, `mine_is_later` decides which change wins.
pub fn merge(base: &Answers, mine: &Answers, theirs: &Answers, mine_is_later: bool) -> Merged {
    let mut out = Merged::default();
    // No sort (it would weigh on the browser's first download): mine's fields, then theirs' others.
    for id in mine.0.keys().chain(theirs.0.keys().filter(|k| !mine.0.contains_key(*k))) {
        let (b, m, t) = (base.get(id), mine.get(id), theirs.get(id));
        let mine_changed = !same(m, b);
        let theirs_changed = !same(t, b);
        let take_theirs = if !theirs_changed || same(m, t) {
            false
        } else if !mine_changed {
            true
        } else {
            out.conflicts.push(id.clone());
            !mine_is_later
        };
        if take_theirs {
            out.taken.push(id.clone());
        } else if mine_changed && !same(m, t) {
            out.changed.push(id.clone());
        }
        if let Some(v) = if take_theirs { t } else { m } {
            out.answers.0.insert(id.clone(), v.clone());
        }
    }
    out
}

/// Gives `value`'s rows (at any depth) the keys of the rows at the same places in `old`, and
/// fresh keys from `next` to the rest, so a list changed in another tab keeps its place on screen.
pub fn rekey(value: &mut Value, old: Option<&Value>, next: &mut u64) {
    let Value::Rows(rows) = value else { return };
    let old_rows: &[Row] = match old {
        Some(Value::Rows(r)) => r,
        _ => &[],
    };
    for (i, row) in rows.iter_mut().enumerate() {
        let was = old_rows.get(i);
        row.key = match was {
            Some(w) => w.key,
            None => {
                *next += 1;
                *next
            }
        };
        for (k, v) in row.values.iter_mut() {
            rekey(v, was.and_then(|w| w.values.get(k)), next);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn text(pairs: &[(&str, &str)]) -> Answers {
        Answers(pairs.iter().map(|(k, v)| (k.to_string(), Value::Text(v.to_string()))).collect())
    }

    fn rows(key0: u64, names: &[&str]) -> Value {
        Value::Rows(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| Row {
                    key: key0 + i as u64,
                    values: BTreeMap::from([("name".to_string(), Value::Text(n.to_string()))]).into(),
                })
                .collect(),
        )
    }

    #[test]
    fn each_side_keeps_the_fields_it_changed() {
        let base = text(&[("unit", ""), ("address", "")]);
        let mine = text(&[("unit", "甲公司"), ("address", "")]);
        let theirs = text(&[("unit", ""), ("address", "北京")]);
        let m = merge(&base, &mine, &theirs, true);
        assert_eq!(m.answers, text(&[("unit", "甲公司"), ("address", "北京")]));
        assert_eq!(m.taken, ["address"]);
        assert_eq!(m.changed, ["unit"]);
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn the_later_change_of_one_field_wins() {
        let base = text(&[("unit", "")]);
        let mine = text(&[("unit", "甲")]);
        let theirs = text(&[("unit", "乙")]);
        let later = merge(&base, &mine, &theirs, true);
        assert_eq!(later.answers, mine);
        assert_eq!((later.conflicts.len(), later.taken.len()), (1, 0));
        let earlier = merge(&base, &mine, &theirs, false);
        assert_eq!(earlier.answers, theirs);
        assert_eq!(earlier.taken, ["unit"]);
        // The same change on both sides is no conflict.
        assert!(merge(&base, &mine, &mine, false).conflicts.is_empty());
    }

    #[test]
    fn rows_compare_without_their_keys_and_keep_them_on_screen() {
        let mut base = Answers::default();
        base.set("writers", rows(1, &["张三", "李四"]));
        let mut theirs = Answers::default();
        theirs.set("writers", rows(40, &["张三", "李四", "王五"]));
        let mut same_rows = Answers::default();
        same_rows.set("writers", rows(90, &["张三", "李四"]));
        assert!(same(base.get("writers"), same_rows.get("writers")));
        assert!(!same(base.get("writers"), theirs.get("writers")));
        let m = merge(&base, &base, &theirs, true);
        assert_eq!(m.taken, ["writers"]);
        let mut v = m.answers.get("writers").cloned().unwrap_or(Value::Bool(false));
        let mut next = 10;
        rekey(&mut v, base.get("writers"), &mut next);
        let Value::Rows(r) = v else { panic!("rows") };
        assert_eq!(r.iter().map(|r| r.key).collect::<Vec<_>>(), [1, 2, 11]);
        assert_eq!(r[2].text("name"), "王五");
    }

    #[test]
    fn a_field_only_one_side_has_is_kept() {
        let base = Answers::default();
        let mine = text(&[("a", "1")]);
        let theirs = text(&[("b", "2")]);
        let m = merge(&base, &mine, &theirs, false);
        assert_eq!(m.answers, text(&[("a", "1"), ("b", "2")]));
    }
}
