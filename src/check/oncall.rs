//! On-call holds, checked from the rota's own records and the earlier rotas
//! beside it: every period of the rota has its holders, each hold is one
//! period of a known duty for a known, eligible agent with no day off in it
//! (nor a night shift, where the duty forbids them), and the yearly limit and
//! the gap between two periods of one agent hold.
//!
//! Which instants a duty's periods start and end at is the one thing taken
//! from [`crate::oncall`] (`periods`, `period_starting`): the geometry of
//! handoffs, shared like [`crate::time`]. What holds earn and where comp days
//! may fall the checker derives itself (`check::comp`).

use super::{Scope, Violation};
use crate::config::Config;
use crate::history::Past;
use crate::oncall::{self, Period, YEAR_DAYS};
use crate::rota::{Hold, Rota};
use crate::rule::Rule;
use crate::time;
use chrono::{Duration, Utc};
use std::collections::BTreeMap;

/// A hold of this rota that is a period of a known duty, for a known agent.
pub struct Held<'a> {
    pub hold: &'a Hold,
    pub duty: usize,
    pub agent: usize,
    pub period: Period,
    pub line: Option<usize>,
    /// The agent holds this period already (listed twice, or in an earlier rota).
    pub duplicate: bool,
}

/// The holds of this rota and the earlier rotas, resolved once.
pub struct Holds<'a> {
    /// This rota's holds that are periods of known duties, in file order.
    pub resolved: Vec<Held<'a>>,
    /// Duty → agent → periods held (earlier rotas and this one, each once),
    /// sorted, with whether in this rota.
    pub held: Vec<BTreeMap<usize, Vec<(Period, bool)>>>,
    /// Duty → period index → holders in this rota (each once).
    pub count: Vec<BTreeMap<i64, u32>>,
}

fn duty_index(cfg: &Config, name: &str) -> Option<usize> {
    cfg.duties.iter().position(|d| d.name == name)
}

/// The period a hold of a known duty and agent is, if it is one.
fn period_of(cfg: &Config, duty: usize, h: &Hold) -> Option<Period> {
    oncall::period_starting(&cfg.duties[duty], h.start.with_timezone(&Utc))
        .filter(|p| p.end == h.end.with_timezone(&Utc))
}

/// Resolves the holds of `rota` and of the earlier rotas.
pub fn resolve<'a>(cfg: &Config, rota: &'a Rota, past: &Past, line_of: &dyn Fn(usize) -> usize) -> Holds<'a> {
    let mut held: Vec<BTreeMap<usize, Vec<(Period, bool)>>> = vec![BTreeMap::new(); cfg.duties.len()];
    let mut count: Vec<BTreeMap<i64, u32>> = vec![BTreeMap::new(); cfg.duties.len()];
    for h in &past.holds {
        let (Some(di), Some((a, _))) = (duty_index(cfg, &h.duty), cfg.agent(&h.agent)) else {
            continue;
        };
        if let Some(p) = oncall::period_starting(&cfg.duties[di], h.start.with_timezone(&Utc)) {
            held[di].entry(a).or_default().push((p, false));
        }
    }
    let mut resolved = Vec::new();
    for h in &rota.duty.holds {
        let (Some(di), Some((a, _))) = (duty_index(cfg, &h.duty), cfg.agent(&h.agent)) else {
            continue;
        };
        let Some(p) = period_of(cfg, di, h) else {
            continue;
        };
        let list = held[di].entry(a).or_default();
        let duplicate = list.iter().any(|(q, _)| q.index == p.index);
        if !duplicate {
            list.push((p, true));
            *count[di].entry(p.index).or_default() += 1;
        }
        resolved.push(Held {
            hold: h,
            duty: di,
            agent: a,
            period: p,
            line: h.span.as_ref().map(|s| line_of(s.start)),
            duplicate,
        });
    }
    for lists in &mut held {
        for l in lists.values_mut() {
            l.sort();
        }
    }
    Holds { resolved, held, count }
}

impl Held<'_> {
    /// A violation over the hold's period.
    pub fn violation(&self, cfg: &Config, rule: Rule, message: String) -> Violation {
        let (p, duty) = (&self.period, &cfg.duties[self.duty]);
        let last = p.date + Duration::days(duty.period_days - 1);
        Violation::new(&cfg.agents[self.agent].name, p.date, last, rule, message, self.line)
    }
    /// An instant in the holder's local time.
    pub fn local(&self, cfg: &Config, t: time::Instant) -> String {
        time::local_text(cfg.agents[self.agent].zone, t)
    }
}

/// A hold of an unknown duty, or of an unknown agent.
pub fn oncall_unknown(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    let unknown = |h: &Hold| match (duty_index(cfg, &h.duty), cfg.agent(&h.agent)) {
        (None, _) => Some(format!("`{}` is not an on-call duty in the config", h.duty)),
        (Some(_), None) => Some(format!("`{}` is not an agent in the config", h.agent)),
        _ => None,
    };
    let holds = scope.rota.duty.holds.iter();
    holds
        .filter_map(|h| {
            let message = unknown(h)?;
            let date = h.start.with_timezone(&Utc).date_naive();
            let line = h.span.as_ref().map(|s| (scope.line_of)(s.start));
            Some(Violation::new(&h.agent, date, date, Rule::OncallUnknown, message, line))
        })
        .collect()
}

/// A hold of a known duty and agent that is not one of the duty's periods.
pub fn oncall_times(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    let holds = scope.rota.duty.holds.iter();
    holds
        .filter_map(|h| {
            let di = duty_index(cfg, &h.duty)?;
            let (_, agent) = cfg.agent(&h.agent)?;
            if period_of(cfg, di, h).is_some() {
                return None;
            }
            let duty = &cfg.duties[di];
            let (start, end) = (h.start.with_timezone(&Utc), h.end.with_timezone(&Utc));
            let local = |t| time::local_text(agent.zone, t);
            let message = format!(
                "{} {}–{} is not a period of the duty ({})",
                duty.name,
                local(start),
                local(end),
                duty.describe()
            );
            let date = start.date_naive();
            let line = h.span.as_ref().map(|s| (scope.line_of)(s.start));
            Some(Violation::new(
                &agent.name,
                date,
                date,
                Rule::OncallTimes,
                message,
                line,
            ))
        })
        .collect()
}

/// Each resolved hold `found` says something about.
fn each_hold(scope: &Scope, rule: Rule, found: impl Fn(&Held) -> Option<String>) -> Vec<Violation> {
    let holds = scope.holds.resolved.iter();
    holds
        .filter_map(|h| Some(h.violation(scope.cfg, rule, found(h)?)))
        .collect()
}

/// A hold of a period that does not start in this rota.
pub fn oncall_outside_horizon(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    each_hold(scope, Rule::OncallOutsideHorizon, |h| {
        let p = &h.period;
        let name = &cfg.duties[h.duty].name;
        (p.start < w0 || p.start >= w1).then(|| {
            format!(
                "{name} period from {} does not start in this rota",
                h.local(cfg, p.start)
            )
        })
    })
}

/// A hold by an agent the duty does not admit.
pub fn oncall_not_eligible(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    each_hold(scope, Rule::OncallNotEligible, |h| {
        let duty = &cfg.duties[h.duty];
        (!duty.eligible.contains(&h.agent)).then(|| format!("may not hold {}", duty.name))
    })
}

/// A hold over a local day off of the holder.
pub fn oncall_time_off(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    each_hold(scope, Rule::OncallTimeOff, |h| {
        let p = &h.period;
        let off = time::off_day_within(&cfg.agents[h.agent], p.start, p.end)?;
        Some(format!(
            "holds {} from {} but {off} is a day off (time off or holiday)",
            cfg.duties[h.duty].name,
            h.local(cfg, p.start)
        ))
    })
}

/// A night shift of the holder in a period of a duty with `nights = false`.
pub fn oncall_night(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    each_hold(scope, Rule::OncallNight, |h| {
        let (p, duty) = (&h.period, &cfg.duties[h.duty]);
        if duty.nights {
            return None;
        }
        let w = scope
            .worked
            .iter()
            .find(|w| w.agent == h.agent && w.night && w.start < p.end && w.end > p.start)?;
        Some(format!(
            "works a night shift from {} while holding {} (nights = false)",
            h.local(cfg, w.start),
            duty.name
        ))
    })
}

/// A night shift of this rota in a period held in an earlier rota.
pub fn earlier_holds_night(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    let mut out = Vec::new();
    for h in &scope.past.holds {
        let (Some(di), Some((a, agent))) = (duty_index(cfg, &h.duty), cfg.agent(&h.agent)) else {
            continue;
        };
        let duty = &cfg.duties[di];
        let (s, e) = (h.start.with_timezone(&Utc), h.end.with_timezone(&Utc));
        let late = scope
            .worked
            .iter()
            .find(|w| w.current && w.agent == a && w.night && w.start < e && w.end > s);
        if let (false, Some(w)) = (duty.nights, late) {
            let message = format!(
                "works a night shift from {} while holding {} (from an earlier rota; nights = false)",
                time::local_text(agent.zone, w.start),
                duty.name
            );
            out.push(Violation::new(
                &agent.name,
                w.date,
                w.date,
                Rule::OncallNight,
                message,
                w.line,
            ));
        }
    }
    out
}

/// A period the agent holds already, in this rota or an earlier one.
pub fn oncall_duplicate(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    each_hold(scope, Rule::OncallDuplicate, |h| {
        let name = &cfg.duties[h.duty].name;
        h.duplicate
            .then(|| format!("holds {name} from {} twice", h.local(cfg, h.period.start)))
    })
}

/// Each period of each duty starting in this rota with its number of
/// holders, for which `found` says something.
fn each_period(
    scope: &Scope,
    rule: Rule,
    found: impl Fn(&crate::config::Duty, &Period, u32) -> Option<String>,
) -> Vec<Violation> {
    let cfg = scope.cfg;
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let mut out = Vec::new();
    for (di, duty) in cfg.duties.iter().enumerate() {
        for p in oncall::periods(duty, w0, w1) {
            let have = scope.holds.count[di].get(&p.index).copied().unwrap_or(0);
            if let Some(message) = found(duty, &p, have) {
                let last = p.date + Duration::days(duty.period_days - 1);
                out.push(Violation::new("", p.date, last, rule, message, None));
            }
        }
    }
    out
}

/// A period of this rota with more holders than `holders`.
pub fn oncall_too_many(scope: &Scope) -> Vec<Violation> {
    each_period(scope, Rule::OncallTooMany, |duty, p, have| {
        let at = time::local_text(duty.zone, p.start);
        (have > duty.holders).then(|| {
            format!(
                "{} period from {at} has {have} holders, more than {}",
                duty.name, duty.holders
            )
        })
    })
}

/// A period of this rota with fewer holders than `holders`.
pub fn oncall_missing(scope: &Scope) -> Vec<Violation> {
    each_period(scope, Rule::OncallMissing, |duty, p, have| {
        let at = |t| time::local_text(duty.zone, t);
        (have < duty.holders).then(|| {
            format!(
                "{} period {} – {} has {have} of {} holder(s)",
                duty.name,
                at(p.start),
                at(p.end),
                duty.holders
            )
        })
    })
}

/// Each period held in this rota, with the agent's earlier ones (sorted), for
/// which `found` gives a violation.
fn each_held(
    scope: &Scope,
    found: impl Fn(&crate::config::Duty, &str, &[(Period, bool)], usize) -> Option<Violation>,
) -> Vec<Violation> {
    let cfg = scope.cfg;
    let mut out = Vec::new();
    for (di, duty) in cfg.duties.iter().enumerate() {
        for (&a, list) in &scope.holds.held[di] {
            let name = &cfg.agents[a].name;
            let current = (0..list.len()).filter(|&i| list[i].1);
            out.extend(current.filter_map(|i| found(duty, name, list, i)));
        }
    }
    out
}

/// More than `max_per_year` periods in the 365 days up to one of this rota.
pub fn oncall_max_per_year(scope: &Scope) -> Vec<Violation> {
    each_held(scope, |duty, name, list, i| {
        let max = duty.max_per_year?;
        let p = &list[i].0;
        let from = p.start - Duration::days(YEAR_DAYS);
        let n = list[..=i].iter().filter(|(q, _)| q.start > from).count() as u32;
        let message = format!(
            "{n} {} periods in the 365 days up to {} (maximum {max})",
            duty.name, p.date
        );
        (n > max).then(|| Violation::new(name, p.date, p.date, Rule::OncallMaxPerYear, message, None))
    })
}

/// Fewer than `min_gap` periods between one of this rota and the one before.
pub fn oncall_back_to_back(scope: &Scope) -> Vec<Violation> {
    each_held(scope, |duty, name, list, i| {
        let (p, q) = (&list[i].0, &list[i.checked_sub(1)?].0);
        let between = p.index - q.index - 1;
        let message = format!(
            "holds {} from {} and from {}: {between} period(s) apart (minimum {})",
            duty.name, q.date, p.date, duty.min_gap
        );
        (between < i64::from(duty.min_gap))
            .then(|| Violation::new(name, q.date, p.date, Rule::OncallBackToBack, message, None))
    })
}
