//! The local date and time from the browser (the core never reads a clock).

use formseal_core::rules::date::CivilDate;

/// Today in the browser's time zone.
pub fn today() -> CivilDate {
    let d = js_sys::Date::new_0();
    CivilDate { year: d.get_full_year() as i32, month: (d.get_month() + 1) as u8, day: d.get_date() as u8 }
}

/// Local time as `HH:MM`.
pub fn hh_mm() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// Now as an ISO 8601 string with the local offset, e.g. `2026-11-22T14:02:05+08:00`.
pub fn now_iso() -> String {
    let d = js_sys::Date::new_0();
    let offset = -(d.get_timezone_offset() as i32);
    let sign = if offset >= 0 { '+' } else { '-' };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
        sign,
        offset.abs() / 60,
        offset.abs() % 60
    )
}
