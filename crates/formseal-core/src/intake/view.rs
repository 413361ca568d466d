//! What the intake page shows of the rows: filtered by a search text, a verdict and a group
//! status, and ordered by a column. Pure, so it is tested here and the page only draws.

use super::{normalised_name, Grouped, Row, Verdict};

/// The columns the page can order by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    File,
    Verdict,
    Status,
    Unit,
    Registration,
    SignedAt,
    Failures,
}

/// The page's choices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// Matched loosely (as unit names are compared) against file, unit, credit code, key
    /// fingerprint and digests.
    pub query: String,
    pub verdict: Option<Verdict>,
    /// `current`, `superseded`, `duplicate`, or `none` for rows in no group.
    pub status: Option<String>,
    /// The column and whether descending; `None`: the order the files were given in.
    pub sort: Option<(Column, bool)>,
}

fn verdict_rank(v: Verdict) -> u8 {
    Verdict::ALL.iter().position(|x| *x == v).unwrap_or(0) as u8
}

/// The indices of the rows to show, in order. Rows and groups are in the same order.
pub fn select(rows: &[Row], groups: &[Grouped], view: &View) -> Vec<usize> {
    let query = normalised_name(&view.query);
    let mut out: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let (r, g) = (&rows[i], groups.get(i));
            let status = g.map_or("", |g| g.status);
            view.verdict.is_none_or(|v| r.verdict == v)
                && view.status.as_deref().is_none_or(|s| s == status || (s == "none" && status.is_empty()))
                && (query.is_empty()
                    || [&r.file, &r.unit, &r.registration, &r.fingerprint, &r.application_sha256, &r.manifest_sha256]
                        .iter()
                        .any(|f| normalised_name(f).contains(&query)))
        })
        .collect();
    if let Some((column, descending)) = view.sort {
        let status = |i: usize| groups.get(i).map_or("", |g| g.status);
        // Stable: equal rows keep the files' order, whichever direction.
        out.sort_by(|&a, &b| {
            let (x, y) = (&rows[a], &rows[b]);
            let order = match column {
                Column::File => x.file.cmp(&y.file),
                Column::Verdict => verdict_rank(x.verdict).cmp(&verdict_rank(y.verdict)),
                Column::Status => status(a).cmp(status(b)),
                Column::Unit => x.unit.cmp(&y.unit),
                Column::Registration => x.registration.cmp(&y.registration),
                Column::SignedAt => super::seconds(&x.signed_at).cmp(&super::seconds(&y.signed_at)),
                Column::Failures => x.failures.len().cmp(&y.failures.len()),
            };
            if descending {
                order.reverse()
            } else {
                order
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, verdict: Verdict, unit: &str, signed: &str) -> Row {
        let mut r = Row::new(file.into());
        r.verdict = verdict;
        r.unit = unit.into();
        r.signed_at = signed.into();
        r
    }

    #[test]
    fn filters_and_orders() {
        let rows = vec![
            row("b.zip", Verdict::Valid, "北京（示例）科技", "2026-12-01T10:00:00+08:00"),
            row("a.zip", Verdict::Invalid, "上海示例", "2026-12-01T09:00:00+08:00"),
            row("c.txt", Verdict::NotPackage, "", ""),
        ];
        let mut groups = vec![Grouped::default(); 3];
        groups[0].status = "current";
        let all = View::default();
        assert_eq!(select(&rows, &groups, &all), [0, 1, 2]);
        let by_file = View { sort: Some((Column::File, false)), ..all.clone() };
        assert_eq!(select(&rows, &groups, &by_file), [1, 0, 2]);
        let latest_first = View { sort: Some((Column::SignedAt, true)), ..all.clone() };
        assert_eq!(select(&rows, &groups, &latest_first), [0, 1, 2]);
        let invalid = View { verdict: Some(Verdict::Invalid), ..all.clone() };
        assert_eq!(select(&rows, &groups, &invalid), [1]);
        // Loose: full-width brackets and spaces do not matter.
        let query = View { query: "北京 (示例)".into(), ..all.clone() };
        assert_eq!(select(&rows, &groups, &query), [0]);
        let ungrouped = View { status: Some("none".into()), ..all.clone() };
        assert_eq!(select(&rows, &groups, &ungrouped), [1, 2]);
        let current = View { status: Some("current".into()), ..all };
        assert_eq!(select(&rows, &groups, &current), [0]);
    }
}
