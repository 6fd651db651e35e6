//! On-call duties (each an on-call duty, `[oncall.NAME]`; the type is
//! [`Duty`]) and comp-day rules (`[comp]`): their validated form and how
//! they are read from the raw config.

use super::raw::{RawComp, RawDuty, Spanned};
use super::values::{self, Minute};
use super::{check_ref, int_in, num_in, Agent};
use crate::error::{Error, Source};
use chrono::{NaiveDate, Weekday};
use chrono_tz::Tz;
use std::collections::BTreeSet;
use toml::Value;

/// Credits are whole quarters of a day, so sums are exact.
pub const CREDIT_STEP: f64 = 0.25;

/// An on-call duty (`[oncall.NAME]`): who holds it, when it hands over, what it earns.
#[derive(Debug, Clone)]
pub struct Duty {
    pub name: String,
    /// 7 (a week) or 1 (a day).
    pub period_days: i64,
    /// Handoff weekday for weekly duties; `None` for daily ones.
    pub handoff_day: Option<Weekday>,
    /// Handoff wall-clock time in `zone`.
    pub handoff: Minute,
    pub zone: Tz,
    /// Holders per period.
    pub holders: u32,
    /// Indices into `Config::agents` of who may hold it, in config order.
    pub eligible: Vec<usize>,
    /// Most periods one agent may hold in any 365 days.
    pub max_per_year: Option<u32>,
    /// Periods that must pass between two periods of the same agent (1 = no back-to-back).
    pub min_gap: u32,
    pub active: Active,
    /// Whether a holder may also work night shifts overlapping the period.
    pub nights: bool,
    /// Comp days earned per period held.
    pub credit: f64,
    /// Schedule ids in the paging tools (`pagerduty = "P2N5SCH"` …).
    pub paging: super::paging::Ids,
}

impl Duty {
    /// "weekly, handoff Mon 09:00 Europe/Dublin".
    pub fn describe(&self) -> String {
        let when = match self.handoff_day {
            Some(d) => format!("weekly, handoff {d} {}", hhmm(self.handoff)),
            None => format!("daily, handoff {}", hhmm(self.handoff)),
        };
        format!("{when} {}", self.zone.name())
    }
}

pub fn hhmm(m: Minute) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// When a holder is actually answering the phone within a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Active {
    /// The whole period.
    Always,
    /// Whenever the coverage target asks for nobody.
    OutsideCoverage,
    /// A weekly window in the duty's zone, as in a coverage `at`.
    Window {
        label: String,
        days: [bool; 7],
        from: Minute,
        to: Minute,
    },
}

impl Active {
    pub fn label(&self) -> String {
        match self {
            Active::Always => "always".into(),
            Active::OutsideCoverage => "outside-coverage".into(),
            Active::Window { label, .. } => label.clone(),
        }
    }
}

/// How comp days are earned and how soon they must be taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Comp {
    /// A credit earned on day E is due by day E + `window_days`.
    pub window_days: i64,
    /// Per shift starting on a local Saturday or Sunday.
    pub weekend_credit: f64,
    /// Per shift starting on one of `holidays` (local date).
    pub holiday_credit: f64,
    pub holidays: BTreeSet<NaiveDate>,
}

impl Default for Comp {
    fn default() -> Self {
        Comp {
            window_days: 28,
            weekend_credit: 0.0,
            holiday_credit: 0.0,
            holidays: BTreeSet::new(),
        }
    }
}

/// A number of days in `0..=max` that must be whole quarter days, so sums are exact.
fn quarters(s: &Source, v: &Option<Spanned<f64>>, key: &str, max: f64, default: f64) -> Result<f64, Error> {
    let x = num_in(s, v, key, 0.0, max, default)?;
    if (x / CREDIT_STEP).fract() != 0.0 {
        let span = v.as_ref().map(|v| v.span()).unwrap_or(0..0);
        return Err(s.error(
            span,
            format!("{key} = {x} is not a whole number of quarter days"),
            "days",
            Some("comp days are counted in quarter days: 1, 0.5, 0.25, 1.5 …".into()),
        ));
    }
    Ok(x)
}

fn credit(s: &Source, v: &Option<Spanned<f64>>, key: &str, default: f64) -> Result<f64, Error> {
    quarters(s, v, key, 7.0, default)
}

/// An agent's opening comp-day balance.
pub fn opening(s: &Source, v: &Option<Spanned<f64>>) -> Result<f64, Error> {
    quarters(s, v, "comp_opening", 365.0, 0.0)
}

pub fn comp(s: &Source, raw: &RawComp) -> Result<Comp, Error> {
    let d = Comp::default();
    let mut holidays = BTreeSet::new();
    for h in &raw.holidays {
        holidays.extend(values::dates(s, h)?);
    }
    Ok(Comp {
        window_days: int_in(s, &raw.window_weeks, "window_weeks", 1..=52, d.window_days / 7)? * 7,
        weekend_credit: credit(s, &raw.weekend_credit, "weekend_credit", 0.0)?,
        holiday_credit: credit(s, &raw.holiday_credit, "holiday_credit", 0.0)?,
        holidays,
    })
}

/// One `[oncall.NAME]` entry, read in file order of its keys' checks: name,
/// period, zone, handoff, eligibility, holders, limits, active hours, credit.
pub fn duty(
    s: &Source,
    name: &Spanned<String>,
    raw: &Spanned<RawDuty>,
    agents: &[Agent],
    coverage_zone: Tz,
) -> Result<Duty, Error> {
    super::place::name(s, name.span(), name.get_ref(), "on-call duty name")?;
    let d = raw.get_ref();
    let dname = name.get_ref().clone();
    let period_days = period(s, d)?;
    let zone = match &d.zone {
        Some(z) => values::zone(s, z)?,
        None => coverage_zone,
    };
    let (handoff_day, handoff) = handoff(s, d, period_days)?;
    let eligible = eligible(s, &dname, d, agents)?;
    let holders = holders(s, name, d, eligible.len())?;
    let max_per_year = match &d.max_per_year {
        None => None,
        Some(_) => Some(int_in(s, &d.max_per_year, "max_per_year", 1..=366, 1)? as u32),
    };
    let min_gap = int_in(s, &d.min_gap, "min_gap", 0..=52, 1)? as u32;
    let active = active(s, d)?;
    Ok(Duty {
        name: dname,
        period_days,
        handoff_day,
        handoff,
        zone,
        holders,
        eligible,
        max_per_year,
        min_gap,
        active,
        nights: d.nights.unwrap_or(true),
        credit: credit(s, &d.credit, "credit", 1.0)?,
        paging: super::paging::ids(s, &d.pagerduty, &d.datadog, &d.opsgenie, "schedule")?,
    })
}

/// `period`: 7 days for "week" (the default), 1 for "day".
fn period(s: &Source, d: &RawDuty) -> Result<i64, Error> {
    match d.period.as_ref().map(|p| p.get_ref().trim().to_lowercase()) {
        None => Ok(7),
        Some(p) if p == "week" => Ok(7),
        Some(p) if p == "day" => Ok(1),
        Some(p) => {
            let span = d.period.as_ref().map(|p| p.span()).unwrap_or(0..0);
            Err(s.error(
                span,
                format!("unknown on-call period `{p}`"),
                "period",
                Some("period is \"week\" or \"day\"".into()),
            ))
        }
    }
}

/// `handoff`: a weekday and a time for a weekly duty, only a time for a daily one.
fn handoff(s: &Source, d: &RawDuty, period_days: i64) -> Result<(Option<Weekday>, Minute), Error> {
    let text = d.handoff.get_ref().trim();
    let bad_handoff = |why: &str| {
        let example = if period_days == 7 { "\"Mon 09:00\"" } else { "\"09:00\"" };
        s.error(
            d.handoff.span(),
            format!("cannot read handoff `{text}`: {why}"),
            "handoff",
            Some(format!(
                "a {} duty hands over at e.g. {example}",
                if period_days == 7 { "weekly" } else { "daily" }
            )),
        )
    };
    let (handoff_day, clock) = match (period_days, text.split_once(char::is_whitespace)) {
        (7, Some((day, clock))) => (Some(values::weekday(day).map_err(|e| bad_handoff(&e))?), clock.trim()),
        (7, None) => return Err(bad_handoff("a weekly handoff names a weekday")),
        (_, Some(_)) => return Err(bad_handoff("a daily handoff is only a time")),
        (_, None) => (None, text),
    };
    let handoff = values::parse_hhmm(clock, false).ok_or_else(|| bad_handoff("not a time HH:MM"))?;
    Ok((handoff_day, handoff))
}

/// Who may hold the duty, as indices into `agents` in config order: the
/// named `agents`, those with the `skill`, or (neither given) everyone.
fn eligible(s: &Source, dname: &str, d: &RawDuty, agents: &[Agent]) -> Result<Vec<usize>, Error> {
    match (&d.agents, &d.skill) {
        (Some(_), Some(sk)) => Err(s.error(
            sk.span(),
            format!("on-call duty `{dname}` names both agents and a skill"),
            "choose one",
            Some("eligibility is either agents = [...] or skill = \"...\"".into()),
        )),
        (Some(list), None) => eligible_by_name(s, list, agents),
        (None, Some(sk)) => eligible_by_skill(s, dname, sk, agents),
        (None, None) => Ok((0..agents.len()).collect()),
    }
}

/// `agents = [...]`: each name must be an agent; repeats count once.
fn eligible_by_name(s: &Source, list: &[Spanned<String>], agents: &[Agent]) -> Result<Vec<usize>, Error> {
    let mut idx = Vec::new();
    for a in list {
        check_ref(s, a, "agent", agents.iter().map(|a| a.name.as_str()))?;
        if let Some(i) = agents.iter().position(|x| &x.name == a.get_ref()) {
            if !idx.contains(&i) {
                idx.push(i);
            }
        }
    }
    idx.sort_unstable();
    Ok(idx)
}

/// `skill = ...`: the agents with every skill named; at least one must have them.
fn eligible_by_skill(s: &Source, dname: &str, sk: &Spanned<Value>, agents: &[Agent]) -> Result<Vec<usize>, Error> {
    let need = values::skills(s, sk)?;
    if need.is_empty() {
        return Err(s.error(
            sk.span(),
            format!("on-call duty `{dname}` names an empty skill list"),
            "no skill",
            Some("name a skill (skill = \"phone\") or leave it out to make everyone eligible".into()),
        ));
    }
    let idx: Vec<usize> = (0..agents.len()).filter(|&i| agents[i].has_skills(&need)).collect();
    if idx.is_empty() {
        let known: BTreeSet<&str> = agents
            .iter()
            .flat_map(|a| a.skills.iter().map(String::as_str))
            .collect();
        return Err(super::unknown_skill(
            s,
            sk.span(),
            &need.iter().cloned().collect::<Vec<_>>().join("+"),
            &known,
            &format!("on-call duty `{dname}`"),
        ));
    }
    Ok(idx)
}

/// `holders` (default 1): no more than are eligible.
fn holders(s: &Source, name: &Spanned<String>, d: &RawDuty, eligible: usize) -> Result<u32, Error> {
    let holders = int_in(s, &d.holders, "holders", 1..=100, 1)? as u32;
    if holders as usize > eligible {
        let span = d.holders.as_ref().map(|h| h.span()).unwrap_or(name.span());
        return Err(s.error(
            span,
            format!(
                "on-call duty `{}` needs {holders} holders but only {eligible} agent(s) are eligible",
                name.get_ref()
            ),
            "holders",
            Some("lower holders or make more agents eligible".into()),
        ));
    }
    Ok(holders)
}

/// `active`: "always" (the default), "outside-coverage" or a weekly window.
fn active(s: &Source, d: &RawDuty) -> Result<Active, Error> {
    let Some(a) = &d.active else {
        return Ok(Active::Always);
    };
    match a.get_ref().trim().to_lowercase().as_str() {
        "always" => Ok(Active::Always),
        "outside-coverage" => Ok(Active::OutsideCoverage),
        _ => {
            let at = values::parse_at(a.get_ref()).map_err(|why| {
                s.error(
                    a.span(),
                    format!("cannot read active hours `{}`: {why}", a.get_ref()),
                    "active",
                    Some("write \"always\", \"outside-coverage\" or a window like \"Mon-Fri 17:00-09:00\"".into()),
                )
            })?;
            Ok(Active::Window {
                label: a.get_ref().trim().to_string(),
                days: at.days,
                from: at.from,
                to: at.to,
            })
        }
    }
}
