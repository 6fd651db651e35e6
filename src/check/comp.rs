//! Comp days and the ledger: each comp day of this rota is a known agent's,
//! inside the rota, counted once, on a working day that is not a day off
//! already, free of shifts and of the agent's own on-call periods, and
//! covered by the balance earned before it; `[comp] earned` is exactly what
//! the rota's holds and shifts earn; and the ledger adds up.
//!
//! What holds and shifts earn ([`credits`]) and on which days a comp day may
//! be taken ([`comp_day_allowed`]) are this module's own implementation of
//! the rules as the README states them, not `crate::oncall`'s (which `plan`
//! uses): a test in `check::twin` holds the two equal on random teams.

use super::oncall::Held;
use super::{Scope, Violation};
use crate::config::{Agent, Config, Duty};
use crate::rota::{CompDay, Credit, Hold, Shift};
use crate::rule::Rule;
use crate::time::{self, Instant};
use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use std::collections::{BTreeMap, BTreeSet};

/// What the `holds` and `shifts` of a rota earn: a duty's `credit` per period
/// held, on the holder's local day the period ends; a shift starting on one
/// of `[comp] holidays` earns `holiday_credit`, else one starting on a local
/// Saturday or Sunday `weekend_credit`. Holds and shifts of unknown duties or
/// agents, and holds that start at no handoff, earn nothing. Sorted by date,
/// agent and reason.
pub fn credits(cfg: &Config, holds: &[Hold], shifts: &[Shift]) -> Vec<Credit> {
    let mut out: Vec<Credit> = holds.iter().filter_map(|h| hold_credit(cfg, h)).collect();
    out.extend(shifts.iter().filter_map(|sh| shift_credit(cfg, sh)));
    out.sort_by(|a, b| (a.date, &a.agent, &a.reason).cmp(&(b.date, &b.agent, &b.reason)));
    out
}

fn hold_credit(cfg: &Config, h: &Hold) -> Option<Credit> {
    let duty = cfg.duties.iter().find(|d| d.name == h.duty)?;
    let (_, agent) = cfg.agent(&h.agent)?;
    let (handed_over, end) = handoff_at(duty, h.start.with_timezone(&Utc))?;
    (duty.credit > 0.0).then(|| Credit {
        agent: agent.name.clone(),
        date: time::local_date(agent.zone, end),
        days: duty.credit,
        reason: format!("on-call {} from {handed_over}", duty.name),
    })
}

/// When `start` is a handoff of `duty`: the local date (in the duty's zone)
/// it is the handoff of, and the next handoff, where the period ends. A
/// handoff in a clock change's gap moves to the jump, possibly onto the next
/// local date; where two dates' handoffs meet at one instant, the earlier
/// date's. As everywhere in sunrota, a hold's start names the handoff in the
/// second up to it: a start a fraction of a second before is that handoff's.
fn handoff_at(duty: &Duty, start: Instant) -> Option<(NaiveDate, Instant)> {
    let near = time::local_date(duty.zone, start);
    let hands_over = |d: &NaiveDate| duty.handoff_day.is_none_or(|w: Weekday| d.weekday() == w);
    let at_start = |t: Instant| t >= start && t < start + Duration::seconds(1);
    let mut candidates = (near - Duration::days(2)).iter_days().take(4);
    let day = candidates.find(|d| hands_over(d) && at_start(time::at(duty.zone, *d, duty.handoff)))?;
    let next = day + Duration::days(duty.period_days);
    Some((day, time::at(duty.zone, next, duty.handoff)))
}

fn shift_credit(cfg: &Config, sh: &Shift) -> Option<Credit> {
    let (_, agent) = cfg.agent(&sh.agent)?;
    let date = sh.date_in(agent.zone);
    let c = &cfg.comp;
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    let (days, why) = if c.holiday_credit > 0.0 && c.holidays.contains(&date) {
        (c.holiday_credit, "holiday shift")
    } else if c.weekend_credit > 0.0 && weekend {
        (c.weekend_credit, "weekend shift")
    } else {
        return None;
    };
    Some(Credit {
        agent: agent.name.clone(),
        date,
        days,
        reason: format!("{why} {date}"),
    })
}

/// Whether agent `a` may take local `date` as a comp day: not a day off
/// already, and one of its templates on that day would work while the
/// coverage target (any need, inside the rota) asks for someone — a day off
/// that replaces a working day.
pub fn comp_day_allowed(cfg: &Config, a: usize, date: NaiveDate) -> bool {
    let agent = &cfg.agents[a];
    !agent.off.contains(&date)
        && agent.templates.iter().any(|&t| {
            let tpl = &cfg.templates[t];
            let (s, e) = time::span(agent.zone, date, tpl.start, tpl.end);
            target_during(cfg, s, e)
        })
}

/// Whether some need of the coverage target, inside the rota's window, is
/// in force at an instant of `[s, e]` other than its ends — or at `s`, for a
/// template a clock change swallows (`s == e`) inside it.
fn target_during(cfg: &Config, s: Instant, e: Instant) -> bool {
    let (zone, h) = (cfg.coverage.zone, cfg.horizon);
    let (w0, w1) = time::window(&h, zone);
    // A need's window starts on its local day and ends by the next day's end.
    let first = (time::local_date(zone, s) - Duration::days(2)).max(h.start - Duration::days(1));
    let last = (time::local_date(zone, e) + Duration::days(1)).min(h.end() - Duration::days(1));
    let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    cfg.coverage.needs.iter().any(|n| {
        days.iter().any(|&d| {
            let (ns, ne) = time::span(zone, d, n.from, n.to);
            let (ns, ne) = (ns.max(w0), ne.min(w1));
            n.applies_on(d.weekday()) && ns < ne && ns < e && ne > s
        })
    })
}

/// A comp day of this rota, with its agent when the config has it.
struct Taken<'a> {
    day: &'a CompDay,
    agent: Option<(usize, &'a Agent)>,
    line: Option<usize>,
}

impl Taken<'_> {
    fn violation(&self, rule: Rule, message: String) -> Violation {
        Violation::new(&self.day.agent, self.day.date, self.day.date, rule, message, self.line)
    }
}

fn taken<'a>(scope: &'a Scope) -> impl Iterator<Item = Taken<'a>> + 'a {
    scope.rota.duty.taken.iter().map(move |c| Taken {
        day: c,
        agent: scope.cfg.agent(&c.agent),
        line: c.span.as_ref().map(|s| (scope.line_of)(s.start)),
    })
}

/// Each comp day of a known agent that `found` says something about.
fn each_known(scope: &Scope, rule: Rule, found: impl Fn(&CompDay, usize, &Agent) -> Option<String>) -> Vec<Violation> {
    taken(scope)
        .filter_map(|t| {
            let (a, agent) = t.agent?;
            Some(t.violation(rule, found(t.day, a, agent)?))
        })
        .collect()
}

/// A comp day of an agent the config does not have.
pub fn comp_unknown(scope: &Scope) -> Vec<Violation> {
    taken(scope)
        .filter(|t| t.agent.is_none())
        .map(|t| {
            let message = format!("`{}` is not an agent in the config", t.day.agent);
            t.violation(Rule::CompUnknown, message)
        })
        .collect()
}

/// A comp day outside the rota.
pub fn comp_outside_horizon(scope: &Scope) -> Vec<Violation> {
    let (first, end) = (scope.rota.start, scope.rota.end());
    each_known(scope, Rule::CompOutsideHorizon, |c, _, _| {
        (c.date < first || c.date >= end).then(|| format!("comp day {} is outside this rota ({first}..{end})", c.date))
    })
}

/// A comp day listed before, in this rota or an earlier one.
pub fn comp_twice(scope: &Scope) -> Vec<Violation> {
    let past = scope.past.taken.iter();
    let mut seen: BTreeSet<(&str, NaiveDate)> = past.map(|c| (c.agent.as_str(), c.date)).collect();
    taken(scope)
        .filter(|t| t.agent.is_some() && !seen.insert((t.day.agent.as_str(), t.day.date)))
        .map(|t| t.violation(Rule::CompTwice, format!("comp day {} is counted twice", t.day.date)))
        .collect()
}

/// A comp day on a day off already.
pub fn comp_time_off(scope: &Scope) -> Vec<Violation> {
    each_known(scope, Rule::CompTimeOff, |c, _, agent| {
        agent
            .off
            .contains(&c.date)
            .then(|| format!("comp day {} falls on a day off (time off or holiday)", c.date))
    })
}

/// A comp day (not a day off) on which none of the agent's shifts would
/// serve the target.
pub fn comp_not_a_working_day(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    each_known(scope, Rule::CompNotAWorkingDay, |c, a, agent| {
        (!agent.off.contains(&c.date) && !comp_day_allowed(cfg, a, c.date)).then(|| {
            format!(
                "comp day {} is a day none of the agent's shifts would serve the target",
                c.date
            )
        })
    })
}

/// A comp day of this rota inside one of the agent's own on-call periods
/// (this rota's or an earlier one's).
pub fn comp_on_call(scope: &Scope) -> Vec<Violation> {
    let holds: Vec<&Hold> = scope.rota.duty.holds.iter().chain(&scope.past.holds).collect();
    each_known(scope, Rule::CompOnCall, |c, _, agent| {
        let (d0, d1) = time::local_day(agent.zone, c.date);
        let h = holds
            .iter()
            .find(|h| h.agent == c.agent && h.start.with_timezone(&Utc) < d1 && h.end.with_timezone(&Utc) > d0)?;
        Some(format!(
            "comp day {} falls in the agent's own {} period",
            c.date, h.duty
        ))
    })
}

/// A hold of this rota over a comp day of an earlier rota.
pub fn earlier_comp_on_call(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    let over = |h: &Held| {
        let (agent, p) = (&cfg.agents[h.agent], &h.period);
        let (first, last) = (
            time::local_date(agent.zone, p.start),
            time::local_date(agent.zone, p.end - Duration::seconds(1)),
        );
        let c = scope
            .past
            .taken
            .iter()
            .find(|c| c.agent == agent.name && c.date >= first && c.date <= last)?;
        let message = format!(
            "holds {} from {} over {}, a comp day of an earlier rota",
            cfg.duties[h.duty].name,
            h.local(cfg, p.start),
            c.date
        );
        Some(h.violation(cfg, Rule::CompOnCall, message))
    };
    scope.holds.resolved.iter().filter_map(over).collect()
}

/// A comp day of this rota that a shift touches.
pub fn comp_day_off(scope: &Scope) -> Vec<Violation> {
    each_known(scope, Rule::CompDayWorked, |c, a, agent| {
        let (d0, d1) = time::local_day(agent.zone, c.date);
        let w = scope
            .worked
            .iter()
            .find(|w| w.agent == a && w.start < d1 && w.end > d0)?;
        Some(format!(
            "comp day {} but works {}",
            c.date,
            time::local_text(agent.zone, w.start)
        ))
    })
}

/// A comp day of an earlier rota that a shift of this one touches (one
/// starting the evening before).
pub fn earlier_comp_days(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    let touched = |c: &CompDay| {
        let (a, agent) = cfg.agent(&c.agent)?;
        let (d0, d1) = time::local_day(agent.zone, c.date);
        let w = scope
            .worked
            .iter()
            .find(|w| w.current && w.agent == a && w.start < d1 && w.end > d0)?;
        let message = format!(
            "comp day {} (an earlier rota's) but works {}",
            c.date,
            time::local_text(agent.zone, w.start)
        );
        Some(Violation::new(
            &c.agent,
            c.date,
            c.date,
            Rule::CompDayWorked,
            message,
            w.line,
        ))
    };
    scope.past.taken.iter().filter_map(touched).collect()
}

/// `[comp] earned` differs from what this rota's holds and shifts earn.
pub fn comp_earned(scope: &Scope) -> Vec<Violation> {
    let d = &scope.rota.duty;
    let expected = credits(scope.cfg, &d.holds, &scope.rota.shifts);
    // Days are whole quarters (the rota reader rejects anything else), so this is exact.
    let key = |c: &Credit| (c.agent.clone(), c.date, (c.days * 4.0) as i64, c.reason.clone());
    let mut want: BTreeMap<_, i32> = BTreeMap::new();
    for c in &expected {
        *want.entry(key(c)).or_default() += 1;
    }
    for c in &d.earned {
        *want.entry(key(c)).or_default() -= 1;
    }
    let differs = want.into_iter().filter(|(_, n)| *n != 0);
    differs
        .map(|((agent, date, quarters, reason), n)| {
            let days = quarters as f64 / 4.0;
            let message = if n > 0 {
                format!("earns {days} day(s) on {date} ({reason}) but [comp] earned does not record it")
            } else {
                format!("[comp] earned records {days} day(s) on {date} ({reason}) that nothing in this rota earns")
            };
            Violation::new(&agent, date, date, Rule::CompEarned, message, None)
        })
        .collect()
}

/// A comp day (of this rota) that the balance earned before it does not
/// cover, over the whole chain of rotas.
pub fn comp_balance(scope: &Scope) -> Vec<Violation> {
    let mut out = Vec::new();
    for agent in &scope.cfg.agents {
        let name = agent.name.as_str();
        let (past, d) = (scope.past, &scope.rota.duty);
        let earned: Vec<&Credit> = past
            .earned
            .iter()
            .chain(&d.earned)
            .filter(|c| c.agent == name)
            .collect();
        let mine = past.taken.iter().chain(&d.taken).filter(|c| c.agent == name);
        let mut taken: Vec<NaiveDate> = mine.map(|c| c.date).collect();
        taken.sort();
        for (i, &t) in taken.iter().enumerate().filter(|(_, t)| **t >= scope.rota.start) {
            let before =
                agent.comp_opening + earned.iter().filter(|c| c.date < t).map(|c| c.days).sum::<f64>() - i as f64;
            if before < 1.0 {
                let line = d
                    .taken
                    .iter()
                    .find(|c| c.agent == name && c.date == t)
                    .and_then(|c| c.span.as_ref())
                    .map(|s| (scope.line_of)(s.start));
                let message = format!("takes a comp day on {t} with a balance of {before} (it would go negative)");
                out.push(Violation::new(name, t, t, Rule::CompBalance, message, line));
            }
        }
    }
    out
}

/// The books of each agent: opening + earned − taken = balance, the opening
/// what the config and earlier rotas leave, earned and taken what the rota
/// records, no negative balance.
pub fn ledger(scope: &Scope) -> Vec<Violation> {
    let (first, end) = (scope.rota.start, scope.rota.end());
    let d = &scope.rota.duty;
    let mut out = Vec::new();
    for agent in &scope.cfg.agents {
        let name = agent.name.as_str();
        let opening = scope.past.balance(scope.cfg, name);
        let e: f64 = d.earned.iter().filter(|c| c.agent == name).map(|c| c.days).sum();
        let t = d.taken.iter().filter(|c| c.agent == name).count() as f64;
        let v = |message: String| Violation::new(name, first, end - Duration::days(1), Rule::Ledger, message, None);
        match d.ledger.iter().find(|l| l.agent == name) {
            None if opening != 0.0 || e != 0.0 || t != 0.0 => out.push(v(format!(
                "no [comp] ledger line, but opening {opening} + earned {e} − taken {t} = {}",
                opening + e - t
            ))),
            None => {}
            Some(l) => out.extend(ledger_line(l, opening, e, t).into_iter().map(v)),
        }
    }
    out
}

/// What is wrong with a recorded ledger line, given the opening the earlier
/// rotas leave and what this rota records as earned and taken.
fn ledger_line(l: &crate::rota::LedgerLine, opening: f64, e: f64, t: f64) -> Vec<String> {
    let mut out = Vec::new();
    if l.opening != opening {
        out.push(format!(
            "ledger opening is {} but the config and earlier rotas leave {opening}",
            l.opening
        ));
    }
    if l.earned != e {
        out.push(format!(
            "ledger earned is {} but [comp] earned adds up to {e}",
            l.earned
        ));
    }
    if l.taken != t {
        out.push(format!("ledger taken is {} but [comp] taken lists {t}", l.taken));
    }
    if l.balance != l.opening + l.earned - l.taken {
        out.push(format!(
            "ledger does not add up: {} + {} − {} is {}, not {}",
            l.opening,
            l.earned,
            l.taken,
            l.opening + l.earned - l.taken,
            l.balance
        ));
    }
    if l.balance < 0.0 {
        out.push(format!("balance {} is negative", l.balance));
    }
    out
}

/// A ledger line of an agent the config does not have.
pub fn ledger_unknown_agent(scope: &Scope) -> Vec<Violation> {
    let cfg = scope.cfg;
    let first = scope.rota.start;
    let unknown = scope.rota.duty.ledger.iter().filter(|l| cfg.agent(&l.agent).is_none());
    unknown
        .map(|l| {
            let message = format!("`{}` is not an agent in the config", l.agent);
            Violation::new(&l.agent, first, first, Rule::Ledger, message, None)
        })
        .collect()
}
