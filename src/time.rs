//! Exact time: turns local dates and wall-clock minutes in IANA zones into UTC
//! instants, and the coverage target into UTC demand segments.
//!
//! The rules (stated in the README too):
//! * a local time that does not exist (spring forward) moves to the first valid
//!   instant after the gap — the moment the clocks jump;
//! * an ambiguous local time (fall back) takes its first occurrence;
//! * a shift lasts its real elapsed time, so a 22:00–06:00 shift is 7 h on a
//!   spring-forward night and 9 h on a fall-back night;
//! * a wall-clock end at or before the start means the next local day.
//!
//! No fixed slot size exists anywhere: all instants are exact to the second.

use crate::config::{values::Minute, Config, Horizon};
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

pub type Instant = DateTime<Utc>;

/// The UTC instant of a local date-time in `tz`, by the rules above.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> Instant {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, second) => first.min(second).with_timezone(&Utc),
        LocalResult::None => first_after_gap(tz, local),
    }
}

/// The first valid instant after a skipped local time: walk forward minute by
/// minute to the first local time that exists, then back second by second to
/// the exact edge of the gap.
fn first_after_gap(tz: Tz, local: NaiveDateTime) -> Instant {
    let exists = |t: NaiveDateTime| !matches!(tz.from_local_datetime(&t), LocalResult::None);
    let mut t = local;
    for _ in 0..(48 * 60) {
        t += Duration::minutes(1);
        if exists(t) {
            let mut edge = t;
            while edge - Duration::seconds(1) > local && exists(edge - Duration::seconds(1)) {
                edge -= Duration::seconds(1);
            }
            return resolve(tz, edge);
        }
    }
    // No zone in the tz database has a gap longer than a day; treat the
    // local time as UTC rather than loop forever on corrupt data.
    Utc.from_utc_datetime(&local)
}

/// `minute` (0..=1440) after local midnight of `date` in `tz`.
pub fn at(tz: Tz, date: NaiveDate, minute: Minute) -> Instant {
    let (date, minute) = if minute >= 1440 {
        (date + Duration::days(1), minute - 1440)
    } else {
        (date, minute)
    };
    let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap_or(NaiveTime::MIN);
    resolve(tz, date.and_time(time))
}

/// Start and end of a wall-clock span starting on local `date`; an end at or
/// before the start belongs to the next day.
pub fn span(tz: Tz, date: NaiveDate, start: Minute, end: Minute) -> (Instant, Instant) {
    let end_minute = if end <= start { end + 1440 } else { end };
    (at(tz, date, start), at(tz, date, end_minute))
}

/// Local midnight to midnight of `date` in `tz`.
pub fn local_day(tz: Tz, date: NaiveDate) -> (Instant, Instant) {
    (at(tz, date, 0), at(tz, date, 1440))
}

/// The horizon as a UTC window: its first midnight to the midnight after it,
/// both in the coverage zone.
pub fn window(h: &Horizon, zone: Tz) -> (Instant, Instant) {
    (at(zone, h.start, 0), at(zone, h.end(), 0))
}

/// An instant as local time with its UTC offset, "Tue 2026-03-03 20:00 +00:00":
/// unambiguous where abbreviations are not (IST is Dublin's summer and India).
pub fn local_text(tz: Tz, t: Instant) -> String {
    t.with_timezone(&tz).format("%a %Y-%m-%d %H:%M %:z").to_string()
}

/// The clock change that ends at `t` (the first instant after a gap), in
/// words: "jump from 02:00 to 03:00", with the dates when it crosses midnight.
pub fn jump_text(tz: Tz, t: Instant) -> String {
    let before = (t - Duration::seconds(1)).with_timezone(&tz).naive_local() + Duration::seconds(1);
    let after = t.with_timezone(&tz).naive_local();
    if before.date() == after.date() {
        format!("jump from {} to {}", before.format("%H:%M"), after.format("%H:%M"))
    } else {
        format!(
            "jump from {} to {}",
            before.format("%H:%M on %a %Y-%m-%d"),
            after.format("%H:%M on %a %Y-%m-%d")
        )
    }
}

/// The local date in `tz` of an instant.
pub fn local_date(tz: Tz, t: Instant) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// One stretch of demand from one coverage need, in UTC, inside the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Demand {
    pub start: Instant,
    pub end: Instant,
    /// Index into `config.coverage.needs`.
    pub need: usize,
}

/// Every stretch of the coverage target, clipped to the horizon window,
/// sorted by start. A window that crosses midnight is counted from the day it
/// starts, so "Mon-Fri 22:00-06:00" runs Monday night to Saturday morning.
pub fn demand(cfg: &Config) -> Vec<Demand> {
    let zone = cfg.coverage.zone;
    let (w0, w1) = window(&cfg.horizon, zone);
    let mut out = Vec::new();
    let first = cfg.horizon.start - Duration::days(1);
    for (i, need) in cfg.coverage.needs.iter().enumerate() {
        for date in first.iter_days().take_while(|d| *d < cfg.horizon.end()) {
            if !need.applies_on(chrono::Datelike::weekday(&date)) {
                continue;
            }
            let (s, e) = if need.from == 0 && need.to == 1440 {
                local_day(zone, date)
            } else {
                span(zone, date, need.from, need.to)
            };
            let (s, e) = (s.max(w0), e.min(w1));
            if s < e {
                out.push(Demand {
                    start: s,
                    end: e,
                    need: i,
                });
            }
        }
    }
    out.sort();
    out
}

/// The first local day of `agent` that `[s, e)` touches and the agent has off
/// (time off or a holiday), if any.
pub fn off_day_within(agent: &crate::config::Agent, s: Instant, e: Instant) -> Option<NaiveDate> {
    if agent.off.is_empty() || e <= s {
        return None;
    }
    let first = local_date(agent.zone, s);
    let last = local_date(agent.zone, e - Duration::seconds(1));
    // A lookup in the set, not a walk over the days: a hand-edited rota's
    // shift may span millennia. (A clock change at midnight can put `last`
    // before `first`.)
    if last < first {
        return None;
    }
    agent.off.range(first..=last).next().copied()
}

/// Minutes between two instants, rounded down (exact seconds kept elsewhere).
pub fn minutes(a: Instant, b: Instant) -> i64 {
    (b - a).num_seconds().div_euclid(60)
}

/// Seconds between two instants.
pub fn seconds(a: Instant, b: Instant) -> i64 {
    (b - a).num_seconds()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn utc(s: &str) -> Instant {
        s.parse().unwrap()
    }

    #[test]
    fn spring_forward_moves_to_end_of_gap() {
        // 2026-03-08 02:30 does not exist in New York; clocks jump 02:00 EST -> 03:00 EDT.
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(at(ny, d("2026-03-08"), 150), utc("2026-03-08T07:00:00Z"));
        // A 22:00-06:00 night across the jump lasts 7 hours.
        let (s, e) = span(ny, d("2026-03-07"), 1320, 360);
        assert_eq!(seconds(s, e), 7 * 3600);
    }

    #[test]
    fn fall_back_takes_first_occurrence() {
        // 2026-11-01 01:30 happens twice in New York; take the EDT one.
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(at(ny, d("2026-11-01"), 90), utc("2026-11-01T05:30:00Z"));
        let (s, e) = span(ny, d("2026-10-31"), 1320, 360);
        assert_eq!(seconds(s, e), 9 * 3600);
    }

    #[test]
    fn europe_changes_three_weeks_after_us() {
        let dublin: Tz = "Europe/Dublin".parse().unwrap();
        // 2026-03-29 01:00 GMT -> 02:00 IST; 01:30 does not exist.
        assert_eq!(at(dublin, d("2026-03-29"), 90), utc("2026-03-29T01:00:00Z"));
        assert_eq!(
            local_day(dublin, d("2026-03-29")).1 - local_day(dublin, d("2026-03-29")).0,
            Duration::hours(23)
        );
        assert_eq!(
            local_day(dublin, d("2026-10-25")).1 - local_day(dublin, d("2026-10-25")).0,
            Duration::hours(25)
        );
    }

    #[test]
    fn sydney_opposite_season() {
        // Sydney leaves DST on 2026-04-05 (03:00 AEDT -> 02:00 AEST) and enters it on 2026-10-04.
        let syd: Tz = "Australia/Sydney".parse().unwrap();
        let (s, e) = span(syd, d("2026-04-04"), 1320, 360);
        assert_eq!(seconds(s, e), 9 * 3600);
        let (s, e) = span(syd, d("2026-10-03"), 1320, 360);
        assert_eq!(seconds(s, e), 7 * 3600);
        // 02:30 on 2026-10-04 does not exist: 02:00 AEST jumps to 03:00 AEDT = 16:00 UTC.
        assert_eq!(at(syd, d("2026-10-04"), 150), utc("2026-10-03T16:00:00Z"));
    }

    #[test]
    fn odd_offsets_are_exact() {
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        let kathmandu: Tz = "Asia/Kathmandu".parse().unwrap();
        assert_eq!(at(kolkata, d("2026-03-02"), 9 * 60), utc("2026-03-02T03:30:00Z"));
        assert_eq!(at(kathmandu, d("2026-03-02"), 9 * 60), utc("2026-03-02T03:15:00Z"));
    }

    #[test]
    fn gap_edge_found_to_the_second() {
        // Lord Howe Island shifts by 30 minutes: 02:00 -> 02:30 on 2026-10-04.
        let lh: Tz = "Australia/Lord_Howe".parse().unwrap();
        let t = at(lh, d("2026-10-04"), 2 * 60 + 10);
        assert_eq!(t.with_timezone(&lh).format("%H:%M:%S").to_string(), "02:30:00");
    }
}
