//! One agent's agenda in their own time: each local date with its shift,
//! on-call take-over and hand-over, comp day or time off. Lines stay within
//! 80 columns, so an agenda reads on any terminal and in any mail.

use super::clock;
use crate::config::Agent;
use crate::rota::Rota;
use crate::time::Instant;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use std::fmt::Write as _;

/// What an agenda entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum What {
    Shift,
    /// Takes over an on-call duty.
    OncallFrom,
    /// Hands an on-call duty over.
    OncallUntil,
    CompDay,
    TimeOff,
}

/// One thing on one local date of an agent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub date: NaiveDate,
    pub what: What,
    /// The template of a shift, the duty of an on-call entry.
    pub name: Option<String>,
    pub start: Option<DateTime<FixedOffset>>,
    pub end: Option<DateTime<FixedOffset>>,
}

fn local(a: &Agent, t: Instant) -> DateTime<FixedOffset> {
    t.with_timezone(&a.zone).fixed_offset()
}

fn entry(date: NaiveDate, what: What, name: Option<&str>, times: Option<(Instant, Instant)>, a: &Agent) -> Entry {
    Entry {
        date,
        what,
        name: name.map(String::from),
        start: times.map(|(s, _)| local(a, s)),
        end: times.map(|(_, e)| local(a, e)),
    }
}

/// Everything on `days` for agent `a`, by date.
pub fn entries(rota: &Rota, a: &Agent, days: &[NaiveDate]) -> Vec<Entry> {
    let on = |t: Instant| crate::time::local_date(a.zone, t);
    let mut out = Vec::new();
    for s in rota.shifts.iter().filter(|s| s.agent == a.name) {
        let times = (s.start_utc(), s.end_utc());
        out.push(entry(on(times.0), What::Shift, Some(&s.template), Some(times), a));
    }
    for h in rota.duty.holds.iter().filter(|h| h.agent == a.name) {
        let (s, e) = (h.start.to_utc(), h.end.to_utc());
        out.push(entry(on(s), What::OncallFrom, Some(&h.duty), Some((s, e)), a));
        out.push(entry(on(e), What::OncallUntil, Some(&h.duty), Some((s, e)), a));
    }
    for c in rota.duty.taken.iter().filter(|c| c.agent == a.name) {
        out.push(entry(c.date, What::CompDay, None, None, a));
    }
    for d in days.iter().filter(|d| a.off.contains(d)) {
        out.push(entry(*d, What::TimeOff, None, None, a));
    }
    out.retain(|e| days.contains(&e.date));
    out.sort_by_key(|e| (e.date, e.start));
    out
}

fn times(e: &Entry) -> String {
    match (e.start, e.end) {
        (Some(s), Some(t)) => clock_span(s, t),
        _ => String::new(),
    }
}

/// "09:00–17:00 +05:30", "22:00–06:00+1 +01:00", "01:00 -04:00–07:00 -05:00":
/// local clock times, the next day marked, each offset where they differ.
pub fn clock_span(s: DateTime<FixedOffset>, t: DateTime<FixedOffset>) -> String {
    let next = if t.date_naive() > s.date_naive() { "+1" } else { "" };
    if s.offset() == t.offset() {
        format!(
            "{}–{}{next} {}",
            clock::local_minute(&s),
            clock::local_minute(&t),
            clock::offset(&s)
        )
    } else {
        format!(
            "{} {}–{}{next} {}",
            clock::local_minute(&s),
            clock::offset(&s),
            clock::local_minute(&t),
            clock::offset(&t)
        )
    }
}

/// "09:00 +01:00", or nothing without a time.
fn clock_or_blank(t: Option<DateTime<FixedOffset>>) -> String {
    t.map(|t| clock::minute_and_offset(&t)).unwrap_or_default()
}

fn line(e: &Entry) -> String {
    let name = e.name.as_deref().unwrap_or("");
    let text = match e.what {
        What::Shift => {
            let hours = e.start.zip(e.end).map_or(0, |(s, t)| (t - s).num_seconds());
            format!("{name:<10} {}  {}", times(e), super::duration(hours))
        }
        What::OncallFrom => format!("on-call {name}: takes over {}", clock_or_blank(e.start)),
        What::OncallUntil => format!("on-call {name}: hands over {}", clock_or_blank(e.end)),
        What::CompDay => "comp day".into(),
        What::TimeOff => "time off".into(),
    };
    format!("{}  {text}", clock::day(e.date))
}

/// The agenda as text: a heading, one line per entry (a dash on free days),
/// and the agent's totals over the days shown.
pub fn agenda(rota: &Rota, a: &Agent, days: &[NaiveDate]) -> String {
    let list = entries(rota, a, days);
    let mut out = String::new();
    let _ = writeln!(out, "{} — times in {} (UTC offset shown)", a.name, a.zone.name());
    for d in days {
        let mut any = false;
        for e in list.iter().filter(|e| e.date == *d) {
            let _ = writeln!(out, "  {}", line(e));
            any = true;
        }
        if !any {
            let _ = writeln!(out, "  {}  —", clock::day(*d));
        }
    }
    let _ = writeln!(out, "  {}", totals_line(&list));
    out
}

fn totals_line(list: &[Entry]) -> String {
    let shifts: Vec<&Entry> = list.iter().filter(|e| e.what == What::Shift).collect();
    let seconds: i64 = shifts
        .iter()
        .filter_map(|e| e.start.zip(e.end).map(|(s, t)| (t - s).num_seconds()))
        .sum();
    let count = |w: What| list.iter().filter(|e| e.what == w).count();
    format!(
        "{} shift(s), {}; {} on-call period(s); {} comp day(s); {} day(s) of time off",
        shifts.len(),
        super::duration(seconds),
        count(What::OncallFrom),
        count(What::CompDay),
        count(What::TimeOff)
    )
}
