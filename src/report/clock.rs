//! How dates and local times are written in reports and exports: one home
//! for the clock formats, so every view spells a time the same way.

use chrono::{DateTime, NaiveDate, TimeZone};
use std::fmt::Display;

/// "Tue 2026-03-03".
pub fn day(d: NaiveDate) -> String {
    d.format("%a %Y-%m-%d").to_string()
}

/// "Tue 03-03": a day as a column or row heading.
pub fn short_day(d: NaiveDate) -> String {
    d.format("%a %m-%d").to_string()
}

/// "20:00": the wall-clock minute of `t` in its own zone.
pub fn local_minute<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    t.format("%H:%M").to_string()
}

/// "+05:30": the UTC offset of `t`.
pub fn offset<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    t.format("%:z").to_string()
}

/// "20:00 +05:30".
pub fn minute_and_offset<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    t.format("%H:%M %:z").to_string()
}

/// "Tue 2026-03-03 20:00".
pub fn day_and_time<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    t.format("%a %Y-%m-%d %H:%M").to_string()
}

/// "Tue 2026-03-03 20:00 +05:30": unambiguous where zone abbreviations are
/// not (IST is Dublin's summer and India).
pub fn day_time_and_offset<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    t.format("%a %Y-%m-%d %H:%M %:z").to_string()
}
