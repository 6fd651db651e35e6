//! Parsers for the small value languages inside the config: dates and date
//! ranges, wall-clock times, skill lists, IANA zones and coverage `at` specs.
//!
//! Each takes a spanned value and returns either the meaning or an error that
//! points at the value in the file, with a hint where one helps.

use super::raw::Spanned;
use crate::error::{Error, Source};
use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use std::collections::BTreeSet;
use toml::Value;

/// Minutes after local midnight, 0..=1440 (1440 only as an end, "24:00").
pub type Minute = u32;

fn span<T>(v: &Spanned<T>) -> std::ops::Range<usize> {
    v.span()
}

/// A date: a TOML local date (`2026-03-02`) or a string `"2026-03-02"`.
pub fn date(src: &Source, v: &Spanned<Value>) -> Result<NaiveDate, Error> {
    let text = match v.get_ref() {
        Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        Value::String(s) => s.clone(),
        other => {
            return Err(src.error(
                span(v),
                format!("expected a date, found {}", other.type_str()),
                "not a date",
                Some("write a date as 2026-03-02".into()),
            ))
        }
    };
    parse_date(&text).map_err(|bad| match bad {
        BadDate::Malformed => src.error(
            span(v),
            format!("`{text}` is not a valid date"),
            "bad date",
            Some("dates are YYYY-MM-DD, e.g. 2026-03-02".into()),
        ),
        BadDate::OutOfRange(_) => src.error(
            span(v),
            format!("the date `{text}` is out of range"),
            "out of range",
            Some(years_hint()),
        ),
    })
}

/// The years every date falls in: the config's dates, a rota file's start,
/// the start `plan --after` moves a horizon to. One rule everywhere, so that
/// `plan` never writes a rota `check` rejects, and time arithmetic over a
/// horizon (two years at most) stays far from chrono's limits.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9000;

/// Why a text is not a usable date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadDate {
    /// Not `YYYY-MM-DD`, or no such day.
    Malformed,
    /// A real date outside [`YEARS`].
    OutOfRange(NaiveDate),
}

/// Whether `date` falls in [`YEARS`].
pub fn in_years(date: NaiveDate) -> bool {
    YEARS.contains(&date.year())
}

/// The hint for a date outside [`YEARS`].
pub fn years_hint() -> String {
    format!("dates fall in the years {} to {}", YEARS.start(), YEARS.end())
}

/// A `YYYY-MM-DD` date within [`YEARS`].
pub fn parse_date(s: &str) -> Result<NaiveDate, BadDate> {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| BadDate::Malformed)?;
    if in_years(date) {
        Ok(date)
    } else {
        Err(BadDate::OutOfRange(date))
    }
}

/// A date or an inclusive range `"2026-03-20..2026-03-24"`, expanded to its days.
pub fn dates(src: &Source, v: &Spanned<Value>) -> Result<Vec<NaiveDate>, Error> {
    if let Value::String(s) = v.get_ref() {
        if let Some((a, b)) = s.split_once("..") {
            let bad = |what: &str| {
                src.error(
                    span(v),
                    format!("`{s}` is not a valid date range: {what}"),
                    "bad date range",
                    Some("a range is \"FIRST..LAST\", both days included, e.g. \"2026-03-20..2026-03-24\"".into()),
                )
            };
            let why = |b: BadDate, which: &str| match b {
                BadDate::Malformed => bad(&format!("bad {which} date")),
                BadDate::OutOfRange(_) => bad(&format!("the {which} date is out of range ({})", years_hint())),
            };
            let first = parse_date(a).map_err(|b| why(b, "first"))?;
            let last = parse_date(b).map_err(|b| why(b, "last"))?;
            if last < first {
                return Err(bad("the last date is before the first"));
            }
            if (last - first).num_days() > 3660 {
                return Err(bad("longer than ten years"));
            }
            return Ok(first.iter_days().take_while(|d| *d <= last).collect());
        }
    }
    Ok(vec![date(src, v)?])
}

/// A wall-clock time `"09:00"` (or a TOML local time `09:00:00`) as minutes.
/// `allow_24` accepts `"24:00"` (end of day).
pub fn time(src: &Source, v: &Spanned<Value>, allow_24: bool) -> Result<Minute, Error> {
    let text = match v.get_ref() {
        Value::String(s) => s.clone(),
        Value::Datetime(d) if d.date.is_none() => d.to_string(),
        other => {
            return Err(src.error(
                span(v),
                format!("expected a time of day, found {}", other.type_str()),
                "not a time",
                Some("write times as \"HH:MM\", e.g. \"09:00\"".into()),
            ))
        }
    };
    parse_hhmm(&text, allow_24).ok_or_else(|| {
        src.error(
            span(v),
            format!("`{text}` is not a valid time of day"),
            "bad time",
            Some("times are \"HH:MM\" from 00:00 to 23:59".into()),
        )
    })
}

/// Parses `HH:MM` (or `HH:MM:00`) into minutes after midnight.
pub fn parse_hhmm(s: &str, allow_24: bool) -> Option<Minute> {
    let s = s.trim();
    let s = s
        .strip_suffix(":00")
        .filter(|r| r.len() >= 4 && r.contains(':'))
        .unwrap_or(s);
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    match (h, m) {
        (24, 0) if allow_24 => Some(1440),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

/// A skill name or a list of them; names are lower-cased.
pub fn skills(src: &Source, v: &Spanned<Value>) -> Result<BTreeSet<String>, Error> {
    let bad = || {
        src.error(
            span(v),
            "skills must be a name or a list of names",
            "not a skill list",
            Some("e.g. skills = [\"phone\", \"chat\", \"de\"]".into()),
        )
    };
    let items: Vec<&Value> = match v.get_ref() {
        Value::String(_) => vec![v.get_ref()],
        Value::Array(a) => a.iter().collect(),
        _ => return Err(bad()),
    };
    let mut out = BTreeSet::new();
    for item in items {
        match item {
            Value::String(s) if !s.trim().is_empty() => {
                super::place::name(src, span(v), s.trim(), "skill")?;
                out.insert(s.trim().to_lowercase());
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// An IANA zone name; unknown names get the closest real names as a hint.
pub fn zone(src: &Source, v: &Spanned<String>) -> Result<Tz, Error> {
    let name = v.get_ref().trim();
    name.parse::<Tz>().map_err(|_| {
        let near = closest_zones(name);
        let help = if near.is_empty() {
            "use an IANA zone name such as \"Europe/Dublin\" or \"America/New_York\"".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        src.error(
            span(v),
            format!("unknown time zone `{name}`"),
            "not an IANA time zone",
            Some(help),
        )
    })
}

/// Up to three zone names closest to `name`, best first.
pub fn closest_zones(name: &str) -> Vec<String> {
    let needle = name.to_lowercase().replace(' ', "_");
    let mut scored: Vec<(f64, &str)> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| {
            let full = tz.name();
            let lower = full.to_lowercase();
            let city = lower.rsplit('/').next().unwrap_or(&lower);
            let score = strsim::jaro_winkler(&needle, &lower).max(strsim::jaro_winkler(&needle, city));
            (score, full)
        })
        .filter(|(s, _)| *s > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, n)| n.to_string()).collect()
}

/// The closest name in `known` to `name`, for "did you mean" hints.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| {
            // Jaro-Winkler for longer names; an edit or a swap of two letters
            // counts as close for short ones ("dya" -> "day").
            let near = strsim::osa_distance(name, k) <= (name.chars().count() / 3).max(1);
            (strsim::jaro_winkler(name, k).max(if near { 0.71 } else { 0.0 }), k)
        })
        .filter(|(s, _)| *s > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// When a coverage need applies: weekdays plus a local time window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtSpec {
    /// Monday first.
    pub days: [bool; 7],
    pub from: Minute,
    /// End; `to <= from` means the window ends on the next day.
    pub to: Minute,
}

/// Parses `"24/7"`, `"24/5"`, `"Mon-Fri 09:00-17:00"`, `"Sat,Sun"`,
/// `"22:00-06:00"` (every day, ending the next morning), `"weekdays 08:00-20:00"`.
pub fn parse_at(s: &str) -> Result<AtSpec, String> {
    let s = s.trim();
    let lower = s.to_lowercase();
    match lower.as_str() {
        "24/7" => {
            return Ok(AtSpec {
                days: [true; 7],
                from: 0,
                to: 1440,
            })
        }
        "24/5" => {
            return Ok(AtSpec {
                days: weekdays(),
                from: 0,
                to: 1440,
            })
        }
        _ => {}
    }
    let mut parts = lower.split_whitespace();
    let first = parts.next().ok_or("empty")?;
    let (days, window) = if first.contains(':') {
        ([true; 7], Some(first))
    } else {
        (parse_days(first)?, parts.next())
    };
    if parts.next().is_some() {
        return Err("too many parts; expected DAYS HH:MM-HH:MM".into());
    }
    let (from, to) = match window {
        None => (0, 1440),
        Some(w) => {
            let (a, b) = w.split_once('-').ok_or("a time window is HH:MM-HH:MM")?;
            let from = parse_hhmm(a, false).ok_or_else(|| format!("`{a}` is not a time"))?;
            let to = parse_hhmm(b, true).ok_or_else(|| format!("`{b}` is not a time"))?;
            if from == to {
                return Err("the window starts and ends at the same time".into());
            }
            (from, to)
        }
    };
    Ok(AtSpec { days, from, to })
}

fn weekdays() -> [bool; 7] {
    [true, true, true, true, true, false, false]
}

fn parse_days(s: &str) -> Result<[bool; 7], String> {
    match s {
        "daily" | "everyday" => return Ok([true; 7]),
        "weekdays" => return Ok(weekdays()),
        "weekends" => return Ok([false, false, false, false, false, true, true]),
        _ => {}
    }
    let mut days = [false; 7];
    for item in s.split(',') {
        match item.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (weekday(a)?, weekday(b)?);
                let mut d = a;
                loop {
                    days[d.num_days_from_monday() as usize] = true;
                    if d == b {
                        break;
                    }
                    d = d.succ();
                }
            }
            None => days[weekday(item)?.num_days_from_monday() as usize] = true,
        }
    }
    Ok(days)
}

pub fn weekday(s: &str) -> Result<Weekday, String> {
    s.trim()
        .parse::<Weekday>()
        .map_err(|_| format!("`{s}` is not a weekday (Mon, Tue, … Sun)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_specs() {
        assert_eq!(
            parse_at("24/7").unwrap(),
            AtSpec {
                days: [true; 7],
                from: 0,
                to: 1440
            }
        );
        let peak = parse_at("Mon-Fri 14:00-17:00").unwrap();
        assert_eq!(peak.days, weekdays());
        assert_eq!((peak.from, peak.to), (840, 1020));
        let wrap = parse_at("Fri-Mon").unwrap();
        assert_eq!(wrap.days, [true, false, false, false, true, true, true]);
        let night = parse_at("22:00-06:00").unwrap();
        assert_eq!((night.from, night.to), (1320, 360));
        assert_eq!(parse_at("sat,sun 10:00-24:00").unwrap().to, 1440);
        assert!(parse_at("Mon-Fri 09:00-09:00").is_err());
        assert!(parse_at("Mon-Fry 09:00-17:00").is_err());
        assert!(parse_at("Mon 9-17").is_err());
        assert!(parse_at("Mon 09:00-17:00 extra").is_err());
    }

    #[test]
    fn hhmm() {
        assert_eq!(parse_hhmm("09:30", false), Some(570));
        assert_eq!(parse_hhmm("9:30", false), Some(570));
        assert_eq!(parse_hhmm("09:30:00", false), Some(570));
        assert_eq!(parse_hhmm("24:00", false), None);
        assert_eq!(parse_hhmm("24:00", true), Some(1440));
        assert_eq!(parse_hhmm("23:60", false), None);
        assert_eq!(parse_hhmm("0930", false), None);
    }

    #[test]
    fn zone_suggestions() {
        assert_eq!(closest_zones("Europe/Dublni")[0], "Europe/Dublin");
        assert!(closest_zones("Kolkata").contains(&"Asia/Kolkata".to_string()));
        assert_eq!(closest("phnoe", ["chat", "phone"]), Some("phone"));
        assert_eq!(closest("dya", ["day", "late"]), Some("day"));
        assert_eq!(closest("xyz", ["day", "late"]), None);
    }
}
