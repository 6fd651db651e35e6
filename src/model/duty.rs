//! On-call holders and comp days in the MILP, decided together with the shifts.
//!
//! * A binary per (period, agent who can hold it); holders per period are
//!   met, or a shortfall is priced at `missing_holder`.
//! * Per agent: at most `max_per_year` periods in any 365 days and `min_gap`
//!   free periods between two held ones, counting earlier rotas' holds as
//!   constants; no night shift overlapping a held period when the duty says so.
//! * Balance: `oncall_fairness` × (most − fewest periods held over the rolling
//!   year); a rotation: within any ⌈eligible ÷ holders⌉ consecutive periods an
//!   agent holds one (soft, earlier rotas included); ties go to whoever held
//!   it longest ago (a tiny, ordered cost).
//! * A binary per (agent, local day) for a comp day, on days one of the
//!   agent's templates would serve the target: no shift touches the day, nor
//!   the agent's own on-call period,
//!   it counts as a working day in the rolling week, it never drives the
//!   balance below zero, and credit earned on day E is taken by E + window
//!   (or priced as overdue per day).

use super::builder::Builder;
use super::candidates::Candidate;
use super::lp::{Tag, Var};
use super::rules::day_index;
use crate::config::Config;
use crate::history::Past;
use crate::oncall::{self, Period, COMP_REQUEST_REWARD, COMP_REWARD, ORDER_TIE, ROTATION, YEAR_DAYS};
use crate::time;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

pub struct HoldVar {
    pub duty: usize,
    pub period: Period,
    pub agent: usize,
    pub v: Var,
}

/// Per agent, local date → comp-day binary.
pub type CompVars = Vec<BTreeMap<NaiveDate, Var>>;

#[derive(Default)]
pub struct DutyVars {
    pub holds: Vec<HoldVar>,
    /// (duty, period, column of the shortfall)
    pub missing: Vec<(usize, Period, Var)>,
}

/// Comp-day binaries for agents who have or may earn a balance.
pub fn comp_vars(cfg: &Config, b: &mut Builder, past: &Past) -> CompVars {
    let dates = cfg.horizon.dates();
    let demand = time::demand(cfg);
    cfg.agents
        .iter()
        .enumerate()
        .map(|(ai, agent)| {
            let may_earn = cfg
                .duties
                .iter()
                .any(|d| d.credit > 0.0 && d.eligible.iter().any(|&i| cfg.agents[i].name == agent.name))
                || cfg.comp.weekend_credit > 0.0
                || cfg.comp.holiday_credit > 0.0;
            if !may_earn && past.balance(cfg, &agent.name) <= 0.0 {
                return BTreeMap::new();
            }
            let mut m = BTreeMap::new();
            for &d in dates.iter().filter(|d| oncall::comp_day_allowed(cfg, ai, **d, &demand)) {
                let v = b.binary(Tag::agent(ai, day_index(cfg, d)));
                let reward = COMP_REWARD
                    + if agent.comp_dates.contains(&d) {
                        COMP_REQUEST_REWARD
                    } else {
                        0.0
                    };
                b.cost(v, -reward);
                m.insert(d, v);
            }
            m
        })
        .collect()
}

/// On-call variables and rules.
pub fn oncall(cfg: &Config, b: &mut Builder, past: &Past, cands: &[Candidate], x: &[Var]) -> DutyVars {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let mut out = DutyVars::default();
    // Night candidates per agent, for `nights = false` (once, not per hold).
    let mut nights: Vec<Vec<usize>> = vec![Vec::new(); cfg.agents.len()];
    for (c, cand) in cands.iter().enumerate() {
        if cfg.templates[cand.template].night {
            nights[cand.agent].push(c);
        }
    }
    let overlapping = |a: usize, p: Period| {
        nights[a]
            .iter()
            .copied()
            .filter(move |&c| cands[c].start < p.end && cands[c].end > p.start)
    };
    for (di, duty) in cfg.duties.iter().enumerate() {
        let periods = oncall::periods(duty, w0, w1);
        // Earlier holds of this duty: (agent, period).
        let before: Vec<(usize, Period)> = past
            .holds
            .iter()
            .filter(|h| h.duty == duty.name)
            .filter_map(|h| {
                let (a, _) = cfg.agent(&h.agent)?;
                Some((a, oncall::period_starting(duty, h.start.with_timezone(&chrono::Utc))?))
            })
            .collect();
        // Rank for the tie-break: never held first, then longest ago.
        let mut order: Vec<usize> = duty.eligible.clone();
        let last = |a: usize| before.iter().filter(|(x, _)| *x == a).map(|(_, p)| p.start).max();
        order.sort_by_key(|&a| (last(a), a));
        let n = order.len().max(1) as f64;
        let np = periods.len().max(1) as f64;

        let mut mine: BTreeMap<usize, Vec<(Period, Var)>> = BTreeMap::new();
        for (pi, p) in periods.iter().enumerate() {
            let mut terms = Vec::new();
            for (rank, &a) in order.iter().enumerate() {
                // Nor on a comp day an earlier rota already gave this agent.
                let agent = &cfg.agents[a];
                let last = time::local_date(agent.zone, p.end - Duration::seconds(1));
                let days = time::local_date(agent.zone, p.start)
                    .iter_days()
                    .take_while(|d| *d <= last);
                let comp_day = days
                    .into_iter()
                    .any(|d| past.taken.iter().any(|c| c.agent == agent.name && c.date == d));
                if !oncall::can_hold(cfg, duty, a, p) || comp_day {
                    continue;
                }
                let v = b.binary(Tag::agent(a, day_index(cfg, p.date)));
                let tie = ORDER_TIE * (rank as f64 / n) * ((np - pi as f64) / np);
                if tie > 0.0 {
                    b.cost(v, tie);
                }
                terms.push((1.0, v));
                mine.entry(a).or_default().push((*p, v));
                out.holds.push(HoldVar {
                    duty: di,
                    period: *p,
                    agent: a,
                    v,
                });
            }
            let holders = f64::from(duty.holders);
            let short = b.continuous(0.0, holders, Tag::shared_on(day_index(cfg, p.date)));
            b.cost(short, cfg.weights.missing_holder);
            terms.push((1.0, short));
            b.eq(&terms, holders);
            out.missing.push((di, *p, short));
        }

        // A period held in an earlier rota may run on into this one.
        if !duty.nights {
            for (a, p) in &before {
                for c in overlapping(*a, *p).filter(|&c| !cands[c].fixed) {
                    b.leq(&[(1.0, x[c])], 0.0);
                }
            }
        }
        for (&a, held) in &mine {
            let hist: Vec<&Period> = before.iter().filter(|(x, _)| *x == a).map(|(_, p)| p).collect();
            if let Some(max) = duty.max_per_year {
                for (p, _) in held {
                    let from = p.start - Duration::days(YEAR_DAYS);
                    let within = |q: &Period| q.start > from && q.start <= p.start;
                    let terms: Vec<_> = held.iter().filter(|(q, _)| within(q)).map(|&(_, v)| (1.0, v)).collect();
                    let already = hist.iter().filter(|q| within(q)).count() as u32;
                    if terms.len() as u32 + already > max {
                        b.leq(&terms, f64::from(max.saturating_sub(already)));
                    }
                }
            }
            let g = i64::from(duty.min_gap);
            if g > 0 {
                // Any g + 1 consecutive periods hold at most one of this agent's.
                let lo = held.iter().map(|(p, _)| p.index).min().unwrap_or(0) - g;
                let hi = held.iter().map(|(p, _)| p.index).max().unwrap_or(0);
                for k in lo..=hi {
                    let terms: Vec<_> = held
                        .iter()
                        .filter(|(p, _)| (k..=k + g).contains(&p.index))
                        .map(|&(_, v)| (1.0, v))
                        .collect();
                    let already = hist.iter().filter(|p| (k..=k + g).contains(&p.index)).count();
                    if terms.len() + already > 1 {
                        b.leq(&terms, if already > 0 { 0.0 } else { 1.0 });
                    }
                }
            }
            // Round-robin: within any turn of the rotation, one period each (soft).
            let turn = (duty.eligible.len() as i64 + i64::from(duty.holders) - 1) / i64::from(duty.holders);
            if turn > 1 {
                let lo = held.iter().map(|(p, _)| p.index).min().unwrap_or(0) - (turn - 1);
                let hi = held.iter().map(|(p, _)| p.index).max().unwrap_or(0);
                for k in lo..=hi {
                    let inside = |i: i64| (k..k + turn).contains(&i);
                    let mut terms: Vec<_> = held
                        .iter()
                        .filter(|(p, _)| inside(p.index))
                        .map(|&(_, v)| (1.0, v))
                        .collect();
                    let already = hist.iter().filter(|p| inside(p.index)).count() as f64;
                    if terms.is_empty() || terms.len() as f64 + already <= 1.0 {
                        continue;
                    }
                    let extra = b.continuous(0.0, terms.len() as f64, Tag::agent_any_day(a));
                    b.cost(extra, ROTATION);
                    terms.push((-1.0, extra));
                    b.leq(&terms, (1.0 - already).max(0.0));
                }
            }
            if !duty.nights {
                for (p, v) in held {
                    for c in overlapping(a, *p) {
                        b.leq(&[(1.0, x[c]), (1.0, *v)], 1.0);
                    }
                }
            }
        }

        // Balance over the rolling year, earlier rotas included.
        if cfg.weights.oncall_fairness > 0.0 && !periods.is_empty() {
            balance(cfg, b, duty, w0, periods.len(), &before, &mine);
        }
    }
    out
}

/// `oncall_fairness × (most − fewest)` periods held over the rolling year:
/// integer `top` and `bottom` with `bottom ≤ base + held ≤ top` per eligible agent.
fn balance(
    cfg: &Config,
    b: &mut Builder,
    duty: &crate::config::Duty,
    w0: time::Instant,
    periods: usize,
    before: &[(usize, Period)],
    mine: &BTreeMap<usize, Vec<(Period, Var)>>,
) {
    let most = (periods + before.len()) as f64;
    let top = b.integer(0.0, most, Tag::SHARED);
    let bottom = b.integer(0.0, most, Tag::SHARED);
    let year_ago = w0 - Duration::days(YEAR_DAYS);
    for &a in &duty.eligible {
        let base = before.iter().filter(|(x, p)| *x == a && p.start >= year_ago).count() as f64;
        let held: Vec<Var> = mine
            .get(&a)
            .map(|h| h.iter().map(|&(_, v)| v).collect())
            .unwrap_or_default();
        // base + held ≤ top, and bottom ≤ base + held.
        let mut up: Vec<(f64, Var)> = held.iter().map(|&v| (1.0, v)).collect();
        up.push((-1.0, top));
        b.leq(&up, -base);
        let mut down: Vec<(f64, Var)> = held.iter().map(|&v| (-1.0, v)).collect();
        down.push((1.0, bottom));
        b.leq(&down, base);
    }
    b.cost(top, cfg.weights.oncall_fairness);
    b.cost(bottom, -cfg.weights.oncall_fairness);
}

/// Comp-day balance and due dates, for every agent with comp-day binaries.
pub fn comp_rules(
    cfg: &Config,
    b: &mut Builder,
    past: &Past,
    cands: &[Candidate],
    x: &[Var],
    duty: &DutyVars,
    comp: &CompVars,
) {
    let window = cfg.comp.window_days;
    let dates = cfg.horizon.dates();
    for (a, agent) in cfg.agents.iter().enumerate() {
        // Credits this rota may earn: (date earned, days, variable).
        let mut credits: Vec<(NaiveDate, f64, Var)> = Vec::new();
        for h in duty.holds.iter().filter(|h| h.agent == a) {
            let d = &cfg.duties[h.duty];
            if d.credit > 0.0 {
                credits.push((oncall::earned_on(agent, &h.period), d.credit, h.v));
            }
        }
        for (c, cand) in cands.iter().enumerate().filter(|(_, c)| c.agent == a && !c.fixed) {
            if let Some((days, _)) = oncall::shift_credit(cfg, cand.date) {
                credits.push((cand.date, days, x[c]));
            }
        }
        let z = &comp[a];
        // No comp day on a day of one's own on-call period.
        for h in duty.holds.iter().filter(|h| h.agent == a) {
            let last = time::local_date(agent.zone, h.period.end - Duration::seconds(1));
            for d in time::local_date(agent.zone, h.period.start)
                .iter_days()
                .take_while(|d| *d <= last)
            {
                if let Some(&c) = z.get(&d) {
                    b.leq(&[(1.0, c), (1.0, h.v)], 1.0);
                }
            }
        }
        for h in past.holds.iter().filter(|h| h.agent == agent.name) {
            let (s, e) = (h.start.with_timezone(&chrono::Utc), h.end.with_timezone(&chrono::Utc));
            let last = time::local_date(agent.zone, e - Duration::seconds(1));
            for d in time::local_date(agent.zone, s).iter_days().take_while(|d| *d <= last) {
                if let Some(&c) = z.get(&d) {
                    b.leq(&[(1.0, c)], 0.0);
                }
            }
        }
        let closing = past.balance(cfg, &agent.name);
        let past_earned: Vec<(NaiveDate, f64)> = past
            .earned
            .iter()
            .filter(|c| c.agent == agent.name)
            .map(|c| (c.date, c.days))
            .collect();
        let past_taken = past.taken.iter().filter(|c| c.agent == agent.name).count() as f64;
        if z.is_empty() && credits.is_empty() && closing <= 0.0 && past_earned.is_empty() {
            continue;
        }

        // Never below zero: days taken up to d ≤ balance earned before d.
        for &d in z.keys() {
            let later: f64 = past_earned.iter().filter(|(e, _)| *e >= d).map(|(_, x)| x).sum();
            let mut terms: Vec<(f64, Var)> = z.range(..=d).map(|(_, &c)| (1.0, c)).collect();
            terms.extend(
                credits
                    .iter()
                    .filter(|(e, _, _)| *e < d)
                    .map(|&(_, days, v)| (-days, v)),
            );
            // A negative balance handed on (check reports it) only blocks comp days.
            b.leq(&terms, (closing - later).max(0.0));
        }

        // Due: what was earned by d − window is taken by d, to within a part-day.
        let opening_day = past.opening_day(cfg.horizon.start);
        for &d in &dates {
            let cutoff = d - Duration::days(window);
            let mut due = past_earned
                .iter()
                .filter(|(e, _)| *e <= cutoff)
                .map(|(_, x)| x)
                .sum::<f64>();
            if opening_day <= cutoff {
                due += agent.comp_opening;
            }
            let due_vars: Vec<(f64, Var)> = credits
                .iter()
                .filter(|(e, _, _)| *e <= cutoff)
                .map(|&(_, days, v)| (days, v))
                .collect();
            if due - past_taken <= 0.75 && due_vars.is_empty() {
                continue;
            }
            let most = due + due_vars.iter().map(|(days, _)| days).sum::<f64>() + 1.0;
            let overdue = b.continuous(0.0, most, Tag::agent(a, day_index(cfg, d)));
            b.cost(overdue, cfg.weights.comp_overdue);
            let mut terms = due_vars;
            terms.extend(z.range(..=d).map(|(_, &c)| (-1.0, c)));
            terms.push((-1.0, overdue));
            b.leq(&terms, 0.75 + past_taken - due);
        }
    }
}
