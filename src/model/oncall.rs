//! On-call holders (of each on-call duty, `[oncall.NAME]`) and comp days in
//! the MILP, decided together with the shifts.
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
//!
//! Each hard rule is one function named as the checker's function for the
//! same [`Rule`](crate::rule::Rule) (`check::oncall`, `check::comp`):
//! `oncall_night` and `earlier_holds_night` (`oncall-night`),
//! `oncall_max_per_year`, `oncall_back_to_back`, `comp_on_call` and
//! `earlier_comp_on_call` (`comp-on-call`), `comp_balance`. Holders per period
//! (`oncall-missing`, `oncall-too-many`) are rows of `hold_vars`; which agent
//! may hold a period (`oncall-not-eligible`, `oncall-time-off`) decides which
//! binaries exist. Rotation, balance and overdue comp days are costs.

use super::builder::Builder;
use super::candidates::Candidate;
use super::lp::{Tag, Var};
use super::rules::day_index;
use crate::config::{Agent, Config, Duty};
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

/// On-call variables and rules: for every on-call duty (`[oncall.NAME]`),
/// its hold binaries and the rules over them.
pub fn holds(cfg: &Config, b: &mut Builder, past: &Past, cands: &[Candidate], x: &[Var]) -> DutyVars {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let mut out = DutyVars::default();
    let nights = Nights::of(cfg, cands);
    for (di, duty) in cfg.duties.iter().enumerate() {
        let plan = DutyPlan {
            index: di,
            duty,
            periods: oncall::periods(duty, w0, w1),
            before: earlier_holds(cfg, past, duty),
        };
        let mine = hold_vars(cfg, b, past, &plan, &mut out);
        if !duty.nights {
            earlier_holds_night(b, &nights, &plan.before, x);
        }
        for (&a, held) in &mine {
            let hist: Vec<&Period> = plan.before.iter().filter(|(x, _)| *x == a).map(|(_, p)| p).collect();
            if let Some(max) = duty.max_per_year {
                oncall_max_per_year(b, max, held, &hist);
            }
            oncall_back_to_back(b, duty, held, &hist);
            rotation(b, duty, a, held, &hist);
            if !duty.nights {
                oncall_night(b, &nights, a, held, x);
            }
        }
        // Balance over the rolling year, earlier rotas included.
        if cfg.weights.oncall_fairness > 0.0 && !plan.periods.is_empty() {
            balance(cfg, b, duty, w0, plan.periods.len(), &plan.before, &mine);
        }
    }
    out
}

/// One on-call duty (`[oncall.NAME]`) being modelled: its periods in this
/// rota's window and its holds in earlier rotas.
struct DutyPlan<'a> {
    /// Index into `Config::duties`.
    index: usize,
    duty: &'a Duty,
    periods: Vec<Period>,
    /// Earlier holds of this duty: (agent, period).
    before: Vec<(usize, Period)>,
}

/// Each agent's periods held, with the binary that holds it.
type Held = BTreeMap<usize, Vec<(Period, Var)>>;

/// Night-shift candidates per agent, for `nights = false` (found once, not per hold).
struct Nights<'a> {
    by_agent: Vec<Vec<usize>>,
    cands: &'a [Candidate],
}

impl<'a> Nights<'a> {
    fn of(cfg: &Config, cands: &'a [Candidate]) -> Self {
        let mut by_agent: Vec<Vec<usize>> = vec![Vec::new(); cfg.agents.len()];
        for (c, cand) in cands.iter().enumerate() {
            if cfg.templates[cand.template].night {
                by_agent[cand.agent].push(c);
            }
        }
        Nights { by_agent, cands }
    }

    /// Agent `a`'s night candidates that overlap period `p`.
    fn overlapping(&self, a: usize, p: Period) -> impl Iterator<Item = usize> + '_ {
        self.by_agent[a]
            .iter()
            .copied()
            .filter(move |&c| self.cands[c].start < p.end && self.cands[c].end > p.start)
    }
}

/// The local dates (in `zone`) that a period from `start` to `end` touches.
fn local_days(zone: chrono_tz::Tz, start: time::Instant, end: time::Instant) -> impl Iterator<Item = NaiveDate> {
    let last = time::local_date(zone, end - Duration::seconds(1));
    time::local_date(zone, start)
        .iter_days()
        .take_while(move |d| *d <= last)
}

/// Earlier rotas' holds of `duty`, as (agent, period).
fn earlier_holds(cfg: &Config, past: &Past, duty: &Duty) -> Vec<(usize, Period)> {
    past.holds
        .iter()
        .filter(|h| h.duty == duty.name)
        .filter_map(|h| {
            let (a, _) = cfg.agent(&h.agent)?;
            Some((a, oncall::period_starting(duty, h.start.with_timezone(&chrono::Utc))?))
        })
        .collect()
}

/// A binary per (period, agent who can hold it), holders per period met or a
/// shortfall priced at `missing_holder`; ties go to whoever held it longest ago.
fn hold_vars(cfg: &Config, b: &mut Builder, past: &Past, plan: &DutyPlan, out: &mut DutyVars) -> Held {
    let duty = plan.duty;
    // Rank for the tie-break: never held first, then longest ago.
    let mut order: Vec<usize> = duty.eligible.clone();
    let last = |a: usize| plan.before.iter().filter(|(x, _)| *x == a).map(|(_, p)| p.start).max();
    order.sort_by_key(|&a| (last(a), a));
    let n = order.len().max(1) as f64;
    let np = plan.periods.len().max(1) as f64;

    let mut mine = Held::new();
    for (pi, p) in plan.periods.iter().enumerate() {
        let mut terms = Vec::new();
        for (rank, &a) in order.iter().enumerate() {
            // Nor on a comp day an earlier rota already gave this agent.
            let agent = &cfg.agents[a];
            let comp_day = local_days(agent.zone, p.start, p.end)
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
                duty: plan.index,
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
        out.missing.push((plan.index, *p, short));
    }
    mine
}

/// `nights = false`: a period held in an earlier rota may run on into this
/// one, and no new night shift overlaps it.
fn earlier_holds_night(b: &mut Builder, nights: &Nights, before: &[(usize, Period)], x: &[Var]) {
    for (a, p) in before {
        for c in nights.overlapping(*a, *p).filter(|&c| !nights.cands[c].fixed) {
            b.leq(&[(1.0, x[c])], 0.0);
        }
    }
}

/// `nights = false`: no night shift overlapping a period the agent holds.
fn oncall_night(b: &mut Builder, nights: &Nights, a: usize, held: &[(Period, Var)], x: &[Var]) {
    for (p, v) in held {
        for c in nights.overlapping(a, *p) {
            b.leq(&[(1.0, x[c]), (1.0, *v)], 1.0);
        }
    }
}

/// `max_per_year`: at most `max` periods starting in any 365 days, earlier holds counted.
fn oncall_max_per_year(b: &mut Builder, max: u32, held: &[(Period, Var)], hist: &[&Period]) {
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

/// `min_gap`: any g + 1 consecutive periods hold at most one of this agent's.
fn oncall_back_to_back(b: &mut Builder, duty: &Duty, held: &[(Period, Var)], hist: &[&Period]) {
    let g = i64::from(duty.min_gap);
    if g == 0 {
        return;
    }
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

/// Round-robin: within any turn of the rotation (⌈eligible ÷ holders⌉
/// consecutive periods), one period each (soft, priced at `ROTATION`).
fn rotation(b: &mut Builder, duty: &Duty, a: usize, held: &[(Period, Var)], hist: &[&Period]) {
    let turn = (duty.eligible.len() as i64 + i64::from(duty.holders) - 1) / i64::from(duty.holders);
    if turn <= 1 {
        return;
    }
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

/// `oncall_fairness × (most − fewest)` periods held over the rolling year:
/// integer `top` and `bottom` with `bottom ≤ base + held ≤ top` per eligible agent.
fn balance(
    cfg: &Config,
    b: &mut Builder,
    duty: &Duty,
    w0: time::Instant,
    periods: usize,
    before: &[(usize, Period)],
    mine: &Held,
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
    let dates = cfg.horizon.dates();
    for (a, agent) in cfg.agents.iter().enumerate() {
        let days = &comp[a];
        comp_on_call(b, agent, a, duty, days);
        earlier_comp_on_call(b, agent, past, days);
        let book = CompBook {
            index: a,
            agent,
            days,
            credits: credits(cfg, a, cands, x, duty),
            closing: past.balance(cfg, &agent.name),
            past_earned: past
                .earned
                .iter()
                .filter(|c| c.agent == agent.name)
                .map(|c| (c.date, c.days))
                .collect(),
            past_taken: past.taken.iter().filter(|c| c.agent == agent.name).count() as f64,
        };
        if book.days.is_empty() && book.credits.is_empty() && book.closing <= 0.0 && book.past_earned.is_empty() {
            continue;
        }
        comp_balance(b, &book);
        comp_due(cfg, b, past, &book, &dates);
    }
}

/// One agent's comp days as the model sees them.
struct CompBook<'a> {
    /// Index into `Config::agents`.
    index: usize,
    agent: &'a Agent,
    /// Local date → comp-day binary.
    days: &'a BTreeMap<NaiveDate, Var>,
    /// Credits this rota may earn: (date earned, days, variable).
    credits: Vec<(NaiveDate, f64, Var)>,
    /// The balance earlier rotas hand on.
    closing: f64,
    /// Credits earned in earlier rotas: (date, days).
    past_earned: Vec<(NaiveDate, f64)>,
    /// Comp days taken in earlier rotas.
    past_taken: f64,
}

/// Credits agent `a` may earn in this rota: per period held and per
/// weekend or holiday shift, as (date earned, days, variable).
fn credits(cfg: &Config, a: usize, cands: &[Candidate], x: &[Var], duty: &DutyVars) -> Vec<(NaiveDate, f64, Var)> {
    let agent = &cfg.agents[a];
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
    credits
}

/// No comp day on a day of one's own on-call period in this rota.
fn comp_on_call(b: &mut Builder, agent: &Agent, a: usize, duty: &DutyVars, days: &BTreeMap<NaiveDate, Var>) {
    for h in duty.holds.iter().filter(|h| h.agent == a) {
        for d in local_days(agent.zone, h.period.start, h.period.end) {
            if let Some(&c) = days.get(&d) {
                b.leq(&[(1.0, c), (1.0, h.v)], 1.0);
            }
        }
    }
}

/// Nor on a day of a period held in an earlier rota.
fn earlier_comp_on_call(b: &mut Builder, agent: &Agent, past: &Past, days: &BTreeMap<NaiveDate, Var>) {
    for h in past.holds.iter().filter(|h| h.agent == agent.name) {
        let (s, e) = (h.start.with_timezone(&chrono::Utc), h.end.with_timezone(&chrono::Utc));
        for d in local_days(agent.zone, s, e) {
            if let Some(&c) = days.get(&d) {
                b.leq(&[(1.0, c)], 0.0);
            }
        }
    }
}

/// Never below zero: days taken up to d ≤ balance earned before d.
fn comp_balance(b: &mut Builder, book: &CompBook) {
    for &d in book.days.keys() {
        let later: f64 = book.past_earned.iter().filter(|(e, _)| *e >= d).map(|(_, x)| x).sum();
        let mut terms: Vec<(f64, Var)> = book.days.range(..=d).map(|(_, &c)| (1.0, c)).collect();
        terms.extend(
            book.credits
                .iter()
                .filter(|(e, _, _)| *e < d)
                .map(|&(_, days, v)| (-days, v)),
        );
        // A negative balance handed on (check reports it) only blocks comp days.
        b.leq(&terms, (book.closing - later).max(0.0));
    }
}

/// Due: what was earned by d − window is taken by d, to within a part-day
/// (or priced as overdue per day).
fn comp_due(cfg: &Config, b: &mut Builder, past: &Past, book: &CompBook, dates: &[NaiveDate]) {
    let window = cfg.comp.window_days;
    let opening_day = past.opening_day(cfg.horizon.start);
    for &d in dates {
        let cutoff = d - Duration::days(window);
        let mut due = book
            .past_earned
            .iter()
            .filter(|(e, _)| *e <= cutoff)
            .map(|(_, x)| x)
            .sum::<f64>();
        if opening_day <= cutoff {
            due += book.agent.comp_opening;
        }
        let due_vars: Vec<(f64, Var)> = book
            .credits
            .iter()
            .filter(|(e, _, _)| *e <= cutoff)
            .map(|&(_, days, v)| (days, v))
            .collect();
        if due - book.past_taken <= 0.75 && due_vars.is_empty() {
            continue;
        }
        let most = due + due_vars.iter().map(|(days, _)| days).sum::<f64>() + 1.0;
        let overdue = b.continuous(0.0, most, Tag::agent(book.index, day_index(cfg, d)));
        b.cost(overdue, cfg.weights.comp_overdue);
        let mut terms = due_vars;
        terms.extend(book.days.range(..=d).map(|(_, &c)| (-1.0, c)));
        terms.push((-1.0, overdue));
        b.leq(&terms, 0.75 + book.past_taken - due);
    }
}
