//! Calendar dates: stored as `YYYY-MM-DD` (GB/T 7408.1-2023), shown as `2025年4月1日` or `1 April 2025`.

use crate::issue::Finding;
use std::fmt;

/// A date of the proleptic Gregorian calendar, without time or zone. Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1–12) of `year`, or 0 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl CivilDate {
    /// A date, if it exists (year 1–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        ((1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month)).then_some(CivilDate {
            year,
            month,
            day,
        })
    }

    /// Parses exactly `YYYY-MM-DD` (surrounding spaces ignored); `None` for any other shape or a
    /// date that does not exist (`2023-02-29`, `2025-13-01`).
    pub fn parse(input: &str) -> Option<CivilDate> {
        let (year, month, day) = split_iso(input.trim())?;
        CivilDate::new(year, month, day)
    }

    /// `2025年4月1日` (no leading zeros).
    pub fn display_zh(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// `1 April 2025`.
    pub fn display_en(&self) -> String {
        format!("{} {} {}", self.day, MONTHS_EN[usize::from(self.month.clamp(1, 12)) - 1], self.year)
    }
}

/// The numbers of a `YYYY-MM-DD` string, without checking that the date exists.
fn split_iso(s: &str) -> Option<(i32, u8, u8)> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return None;
    }
    Some((s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?))
}

impl fmt::Display for CivilDate {
    /// ISO 8601 calendar date: `2025-04-01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Checks a date field value `YYYY-MM-DD`. Errors: `date.format` (not `YYYY-MM-DD`),
/// `date.month` (`month`: not 1–12), `date.day` (`year`, `month`, `days`: the day does not exist
/// in that month), `date.future` (`today`, ISO) when `not_future` and the date is after `today`.
/// Blank → no findings.
pub fn check(input: &str, today: CivilDate, not_future: bool) -> Vec<Finding> {
    let s = input.trim();
    if s.is_empty() {
        return Vec::new();
    }
    let Some((year, month, day)) = split_iso(s) else {
        return vec![Finding::error(key!("date.format"))];
    };
    if !(1..=12).contains(&month) {
        return vec![Finding::error(key!("date.month")).with("month", month.to_string())];
    }
    let Some(date) = CivilDate::new(year, month, day) else {
        if year == 0 {
            return vec![Finding::error(key!("date.format"))];
        }
        return vec![Finding::error(key!("date.day"))
            .with("year", year.to_string())
            .with("month", month.to_string())
            .with("days", days_in_month(year, month).to_string())];
    };
    if not_future && date > today {
        return vec![Finding::error(key!("date.future")).with("today", today.to_string())];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> CivilDate {
        CivilDate::new(y, m, day).unwrap()
    }

    #[test]
    fn parse_and_display() {
        let x = CivilDate::parse("2025-04-01").unwrap();
        assert_eq!(x, CivilDate { year: 2025, month: 4, day: 1 });
        assert_eq!(x.to_string(), "2025-04-01");
        assert_eq!(x.display_zh(), "2025年4月1日");
        assert_eq!(x.display_en(), "1 April 2025");
        assert_eq!(d(2024, 12, 31).display_zh(), "2024年12月31日");
        assert_eq!(d(2024, 12, 31).display_en(), "31 December 2024");
        assert_eq!(d(987, 1, 2).to_string(), "0987-01-02");
    }

    #[test]
    fn leap_years() {
        assert!(CivilDate::parse("2024-02-29").is_some());
        assert!(CivilDate::parse("2000-02-29").is_some());
        assert!(CivilDate::parse("2023-02-29").is_none());
        assert!(CivilDate::parse("1900-02-29").is_none());
        assert!(CivilDate::parse("2023-02-28").is_some());
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "2025-4-1",
            "2025/04/01",
            "20250401",
            "2025-04-01T00:00",
            "２０２５-04-01",
            "2025-04-00",
            "2025-00-10",
            "0000-01-01",
            "+025-04-01",
        ] {
            assert!(CivilDate::parse(bad).is_none(), "{bad}");
        }
        assert!(CivilDate::parse(" 2025-04-01 ").is_some());
    }

    #[test]
    fn ordering() {
        assert!(d(2025, 4, 1) < d(2025, 4, 2));
        assert!(d(2024, 12, 31) < d(2025, 1, 1));
        assert!(d(2025, 2, 1) > d(2025, 1, 31));
    }

    #[test]
    fn check_codes() {
        let today = d(2025, 4, 1);
        assert!(check("2025-04-01", today, true).is_empty());
        assert!(check("2025-04-02", today, false).is_empty());
        assert_eq!(
            check("2025-04-02", today, true),
            vec![Finding::error(key!("date.future")).with("today", "2025-04-01")]
        );
        assert_eq!(check("2025/04/01", today, true), vec![Finding::error(key!("date.format"))]);
        assert_eq!(check("2025-13-01", today, true), vec![Finding::error(key!("date.month")).with("month", "13")]);
        assert_eq!(
            check("2023-02-29", today, true),
            vec![Finding::error(key!("date.day")).with("year", "2023").with("month", "2").with("days", "28")]
        );
        assert_eq!(
            check("2025-04-31", today, true),
            vec![Finding::error(key!("date.day")).with("year", "2025").with("month", "4").with("days", "30")]
        );
        assert_eq!(check("0000-01-01", today, true), vec![Finding::error(key!("date.format"))]);
        assert!(check("", today, true).is_empty());
    }
}
