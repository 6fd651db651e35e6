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

/// Declares one formatter per local-time pattern: `name(&DateTime<Z>) -> String`.
macro_rules! local_formats {
    ($($(#[$doc:meta])* $name:ident = $pattern:literal;)+) => {
        $(
            $(#[$doc])*
            pub fn $name<Z: TimeZone>(t: &DateTime<Z>) -> String
            where
                Z::Offset: Display,
            {
                t.format($pattern).to_string()
            }
        )+
    };
}

local_formats! {
    /// "20:00": the wall-clock minute of `t` in its own zone.
    local_minute = "%H:%M";
    /// "+05:30": the UTC offset of `t`.
    offset = "%:z";
    /// "20:00 +05:30".
    minute_and_offset = "%H:%M %:z";
    /// "Tue 2026-03-03 20:00".
    day_and_time = "%a %Y-%m-%d %H:%M";
    /// "Tue 2026-03-03 20:00 +05:30": unambiguous where zone abbreviations are
    /// not (IST is Dublin's summer and India).
    day_time_and_offset = "%a %Y-%m-%d %H:%M %:z";
}
