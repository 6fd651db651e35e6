//! On-call periods and comp-day credits as exact instants and dates: the
//! time rules of on-call duty, shared by `plan`, `check` and `ledger` the way
//! [`crate::time`] is. Plain data; no solver types.
//!
//! A period starts at a handoff (weekday + wall-clock time in the duty's zone,
//! resolved like every other local time: a time skipped by a clock change
//! moves to the first instant after it, an ambiguous one takes the first) and
//! ends at the next handoff, so periods tile time without gap or overlap even
//! across DST changes. A period belongs to the rota in which it starts.
//!
//! `check` takes only the periods from here; it derives [`credits`] and
//! [`comp_day_allowed`] itself (`check::comp`), and a property test holds the
//! two implementations equal.

use crate::config::{Active, Agent, Config, Duty};
use crate::rota::{Credit, Hold, Shift};
use crate::time::{self, Instant};
use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};

/// Days in a rolling year, for `max_per_year`.
pub const YEAR_DAYS: i64 = 365;

/// Objective terms of on-call and comp days that are not weights in the
/// config (the model prices them, `check` recomputes them):
/// a reward for each comp day placed, and extra for one the agent asked for;
pub const COMP_REWARD: f64 = 20.0;
pub const COMP_REQUEST_REWARD: f64 = 200.0;
/// the total weight of the "longest ago first" tie-break per hold (kept
/// below every real cost);
pub const ORDER_TIE: f64 = 1.0;
/// per extra period an agent holds within one turn of the rotation (a run of
/// ⌈eligible ÷ holders⌉ periods): everyone takes a turn before anyone takes two.
pub const ROTATION: f64 = 50.0;

/// One period of a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    /// Global number (consecutive periods differ by one), for gaps between holds.
    pub index: i64,
    /// Local handoff date in the duty's zone.
    pub date: NaiveDate,
    pub start: Instant,
    pub end: Instant,
}

/// A Monday far in the past: period numbers count from it.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 5).unwrap_or_default()
}

/// The period handed over on local `date` (which must be a handoff date).
pub fn period_on(duty: &Duty, date: NaiveDate) -> Period {
    Period {
        index: (date - epoch()).num_days().div_euclid(duty.period_days),
        date,
        start: time::at(duty.zone, date, duty.handoff),
        end: time::at(duty.zone, date + Duration::days(duty.period_days), duty.handoff),
    }
}

fn is_handoff_date(duty: &Duty, d: NaiveDate) -> bool {
    duty.handoff_day.is_none_or(|w: Weekday| d.weekday() == w)
}

/// Periods starting in `[from, to)`, in order.
pub fn periods(duty: &Duty, from: Instant, to: Instant) -> Vec<Period> {
    if to <= from {
        return Vec::new();
    }
    let first = time::local_date(duty.zone, from) - Duration::days(2);
    let last = time::local_date(duty.zone, to) + Duration::days(1);
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| is_handoff_date(duty, *d))
        .map(|d| period_on(duty, d))
        .filter(|p| p.start >= from && p.start < to)
        .collect()
}

/// The period of `duty` that starts exactly at `start`, if any.
pub fn period_starting(duty: &Duty, start: Instant) -> Option<Period> {
    periods(duty, start, start + Duration::seconds(1)).into_iter().next()
}

/// Whether `agent` may hold `p`: eligible, and no local day of the period is time off.
pub fn can_hold(cfg: &Config, duty: &Duty, agent: usize, p: &Period) -> bool {
    duty.eligible.contains(&agent) && time::off_day_within(&cfg.agents[agent], p.start, p.end).is_none()
}

/// The local date a holder earns the period's credit: the day it ends.
pub fn earned_on(agent: &Agent, p: &Period) -> NaiveDate {
    time::local_date(agent.zone, p.end)
}

/// The reason recorded for a period's credit.
pub fn hold_reason(duty: &Duty, p: &Period) -> String {
    format!("on-call {} from {}", duty.name, p.date)
}

/// Credit for a shift starting on local `date`: a holiday beats a weekend.
pub fn shift_credit(cfg: &Config, date: NaiveDate) -> Option<(f64, &'static str)> {
    let c = &cfg.comp;
    if c.holiday_credit > 0.0 && c.holidays.contains(&date) {
        return Some((c.holiday_credit, "holiday shift"));
    }
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    (c.weekend_credit > 0.0 && weekend).then_some((c.weekend_credit, "weekend shift"))
}

/// The comp days that `holds` and `shifts` earn, by the config's rules
/// (holds and shifts of unknown duties or agents earn nothing).
pub fn credits(cfg: &Config, holds: &[Hold], shifts: &[Shift]) -> Vec<Credit> {
    let mut out = Vec::new();
    for h in holds {
        let (Some(duty), Some((_, agent))) = (cfg.duties.iter().find(|d| d.name == h.duty), cfg.agent(&h.agent)) else {
            continue;
        };
        let Some(p) = period_starting(duty, h.start.with_timezone(&Utc)) else {
            continue;
        };
        if duty.credit > 0.0 {
            out.push(Credit {
                agent: agent.name.clone(),
                date: earned_on(agent, &p),
                days: duty.credit,
                reason: hold_reason(duty, &p),
            });
        }
    }
    for sh in shifts {
        let Some((_, agent)) = cfg.agent(&sh.agent) else {
            continue;
        };
        let date = sh.date_in(agent.zone);
        if let Some((days, why)) = shift_credit(cfg, date) {
            out.push(Credit {
                agent: agent.name.clone(),
                date,
                days,
                reason: format!("{why} {date}"),
            });
        }
    }
    out.sort_by(|a, b| (a.date, &a.agent, &a.reason).cmp(&(b.date, &b.agent, &b.reason)));
    out
}

/// Whether `agent` may take local `date` as a comp day: one of its templates
/// that day would serve the target (`demand` of [`time::demand`]), so the day
/// off replaces a working day — not a Sunday nobody is needed on — and it is
/// not a day off already.
pub fn comp_day_allowed(cfg: &Config, agent: usize, date: NaiveDate, demand: &[time::Demand]) -> bool {
    let a = &cfg.agents[agent];
    !a.off.contains(&date)
        && a.templates.iter().any(|&t| {
            let tpl = &cfg.templates[t];
            let (s, e) = time::span(a.zone, date, tpl.start, tpl.end);
            demand.iter().any(|d| d.start < e && d.end > s)
        })
}

/// Minutes of `p` in which the holder is on duty.
pub fn active_minutes(cfg: &Config, duty: &Duty, p: &Period) -> i64 {
    let total = time::minutes(p.start, p.end);
    match &duty.active {
        Active::Always => total,
        Active::Window { days, from, to, .. } => {
            let ws = windows(duty.zone, *days, *from, *to, p.start, p.end);
            overlap_minutes(&ws, p.start, p.end)
        }
        Active::OutsideCoverage => {
            let mut ws = Vec::new();
            for n in &cfg.coverage.needs {
                ws.extend(windows(cfg.coverage.zone, n.days, n.from, n.to, p.start, p.end));
            }
            total - overlap_minutes(&ws, p.start, p.end)
        }
    }
}

/// Local weekly windows (`days`, `from`–`to` in `zone`) touching `[a, b)`.
fn windows(
    zone: chrono_tz::Tz,
    days: [bool; 7],
    from: u32,
    to: u32,
    a: Instant,
    b: Instant,
) -> Vec<(Instant, Instant)> {
    let first = time::local_date(zone, a) - Duration::days(2);
    let last = time::local_date(zone, b) + Duration::days(1);
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| days[d.weekday().num_days_from_monday() as usize])
        .map(|d| {
            if from == 0 && to == 1440 {
                time::local_day(zone, d)
            } else {
                time::span(zone, d, from, to)
            }
        })
        .collect()
}

/// Minutes of `[a, b)` covered by the union of `ws`.
fn overlap_minutes(ws: &[(Instant, Instant)], a: Instant, b: Instant) -> i64 {
    let mut parts: Vec<(Instant, Instant)> = ws
        .iter()
        .map(|&(s, e)| (s.max(a), e.min(b)))
        .filter(|(s, e)| s < e)
        .collect();
    parts.sort();
    let mut total = 0;
    let mut cur: Option<(Instant, Instant)> = None;
    for (s, e) in parts {
        match cur {
            Some((cs, ce)) if s <= ce => cur = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += time::seconds(cs, ce);
                cur = Some((s, e));
            }
            None => cur = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = cur {
        total += time::seconds(cs, ce);
    }
    total / 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Active;
    use chrono_tz::Tz;

    fn duty(zone: &str, day: Option<Weekday>, handoff: u32) -> Duty {
        Duty {
            name: "phone".into(),
            period_days: if day.is_some() { 7 } else { 1 },
            handoff_day: day,
            handoff,
            zone: zone.parse::<Tz>().unwrap(),
            holders: 1,
            eligible: vec![0],
            max_per_year: None,
            min_gap: 1,
            active: Active::Always,
            nights: true,
            credit: 1.0,
            paging: crate::config::paging::Ids::default(),
        }
    }
    fn utc(s: &str) -> Instant {
        s.parse().unwrap()
    }

    #[test]
    fn weekly_periods_tile_time_across_a_spring_forward() {
        // Sunday 02:30 does not exist in New York on 2026-03-08: that handoff
        // happens at 03:00 EDT, the first instant after the gap.
        let d = duty("America/New_York", Some(Weekday::Sun), 150);
        let ps = periods(&d, utc("2026-02-25T00:00:00Z"), utc("2026-03-20T00:00:00Z"));
        let starts: Vec<String> = ps.iter().map(|p| p.start.to_rfc3339()).collect();
        assert_eq!(
            starts,
            [
                "2026-03-01T07:30:00+00:00",
                "2026-03-08T07:00:00+00:00",
                "2026-03-15T06:30:00+00:00"
            ]
        );
        for w in ps.windows(2) {
            assert_eq!(w[0].end, w[1].start, "no gap, no overlap at a handoff");
            assert_eq!(w[1].index, w[0].index + 1);
        }
        assert_eq!(time::minutes(ps[0].start, ps[0].end), 7 * 1440 - 30);
        assert_eq!(time::minutes(ps[1].start, ps[1].end), 7 * 1440 - 30);
    }

    #[test]
    fn fall_back_handoff_takes_the_first_one_thirty() {
        let d = duty("America/New_York", Some(Weekday::Sun), 90);
        let ps = periods(&d, utc("2026-10-30T00:00:00Z"), utc("2026-11-03T00:00:00Z"));
        assert_eq!(ps[0].start, utc("2026-11-01T05:30:00Z"), "01:30 EDT, not EST");
        assert_eq!(
            time::minutes(ps[0].start, ps[0].end),
            7 * 1440 + 60,
            "the week has 169 hours"
        );
    }

    #[test]
    fn daily_periods_in_kathmandu() {
        let d = duty("Asia/Kathmandu", None, 9 * 60);
        let ps = periods(&d, utc("2026-03-02T00:00:00Z"), utc("2026-03-04T00:00:00Z"));
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].start, utc("2026-03-02T03:15:00Z"));
        assert_eq!(ps[1].index, ps[0].index + 1);
    }

    #[test]
    fn union_of_windows() {
        let w = |a: &str, b: &str| (utc(a), utc(b));
        let ws = [
            w("2026-03-02T00:00:00Z", "2026-03-02T02:00:00Z"),
            w("2026-03-02T01:00:00Z", "2026-03-02T03:00:00Z"),
            w("2026-03-02T05:00:00Z", "2026-03-02T06:00:00Z"),
        ];
        assert_eq!(
            overlap_minutes(&ws, utc("2026-03-02T00:30:00Z"), utc("2026-03-02T05:30:00Z")),
            180
        );
    }
}
