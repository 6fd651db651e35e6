//! The rota's objective, recomputed from its shifts, holds and comp days —
//! a second implementation of what the model prices, term by term, so that
//! `check` can confirm (or refute) the `[summary]` the planner wrote: its
//! objective, its bound and its status.
//!
//! Every term is one named function over the rota as written; [`TERMS`]
//! lists them all. The sum equals the model's `c·x + offset` for the
//! planner's values whenever the rota keeps every rule (a rota that breaks
//! one was planned with priced slacks, and its objective is not confirmed).

use super::comp;
use super::Worked;
use crate::config::{Config, Duty};
use crate::history::Past;
use crate::oncall::{self, Period, COMP_REQUEST_REWARD, COMP_REWARD, ORDER_TIE, ROTATION, YEAR_DAYS};
use crate::rota::{Rota, Summary};
use crate::time;
use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::Serialize;

/// What one term needs: the config (horizon = the rota's), the rota, the
/// earlier rotas, every shift worked, and the coverage sweep's totals.
pub struct Ctx<'a> {
    pub cfg: &'a Config,
    pub rota: &'a Rota,
    pub past: &'a Past,
    pub worked: &'a [Worked],
    /// Uncovered agent-minutes, head count and skill sets.
    pub uncovered_head: f64,
    pub uncovered_skilled: f64,
    /// Agent-minutes on duty beyond the head-count target.
    pub overstaffed: f64,
}

/// One term: its value in a rota.
pub type TermFn = fn(&Ctx) -> f64;

/// Every term of the objective, by name.
pub const TERMS: &[(&str, TermFn)] = &[
    ("uncovered", uncovered),
    ("overstaffed", overstaffed),
    ("hours", hours),
    ("shift-demands", shift_demands),
    ("requests", requests),
    ("night-fairness", night_fairness),
    ("weekend-fairness", weekend_fairness),
    ("missing-holders", missing_holders),
    ("holder-order", holder_order),
    ("rotation", rotation),
    ("oncall-balance", oncall_balance),
    ("comp-days", comp_days),
    ("comp-overdue", comp_overdue),
    ("changes", changes),
];

/// One term's value in a rota.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub term: &'static str,
    pub value: f64,
}

/// Every term's value, in [`TERMS`] order (their sum is the objective).
pub fn terms(ctx: &Ctx) -> Vec<Term> {
    TERMS.iter().map(|(term, f)| Term { term, value: f(ctx) }).collect()
}

fn current<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = &'a Worked> {
    ctx.worked.iter().filter(|w| w.current)
}

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `plan --keep`: each assignment added to or dropped from the kept rota.
/// The one term taken from the summary: the kept rota is not an input of
/// `check` (`sunrota diff KEPT NEW` lists the changes).
fn changes(ctx: &Ctx) -> f64 {
    f64::from(ctx.rota.summary.changes.unwrap_or(0)) * ctx.cfg.weights.change
}

/// Every uncovered agent-minute, of the head count and of each skill set.
fn uncovered(ctx: &Ctx) -> f64 {
    ctx.cfg.weights.uncovered * (ctx.uncovered_head + ctx.uncovered_skilled)
}

fn overstaffed(ctx: &Ctx) -> f64 {
    ctx.cfg.weights.overstaffed * ctx.overstaffed
}

/// Labour: every hour worked in this rota.
fn hours(ctx: &Ctx) -> f64 {
    let secs: i64 = current(ctx).map(|w| time::seconds(w.start, w.end)).sum();
    ctx.cfg.weights.hours * secs as f64 / 3600.0
}

/// People on a template on a day, against each demand: under and over priced.
fn shift_demands(ctx: &Ctx) -> f64 {
    ctx.cfg
        .coverage
        .shifts
        .iter()
        .map(|d| {
            let n = ctx
                .worked
                .iter()
                .filter(|w| w.template == Some(d.template) && w.date == d.date)
                .count() as f64;
            let need = f64::from(d.agents);
            d.under * (need - n).max(0.0) + d.over * (n - need).max(0.0)
        })
        .sum()
}

/// A `prefer` not granted costs its weight, an `avoid` granted costs its weight.
fn requests(ctx: &Ctx) -> f64 {
    let mut cost = 0.0;
    for (a, agent) in ctx.cfg.agents.iter().enumerate() {
        let works = |r: &crate::config::Request| {
            current(ctx).any(|w| w.agent == a && w.template.is_some_and(|t| r.matches(t, w.date)))
        };
        cost += agent.prefer.iter().filter(|r| !works(r)).map(|r| r.weight).sum::<f64>();
        cost += agent.avoid.iter().filter(|r| works(r)).map(|r| r.weight).sum::<f64>();
    }
    cost
}

/// `weight × the largest per-agent count` of this rota's shifts that `counts`,
/// earlier rotas' last year included.
fn most_loaded(ctx: &Ctx, counts: impl Fn(Option<usize>, NaiveDate) -> bool) -> f64 {
    let cfg = ctx.cfg;
    if cfg.weights.fairness <= 0.0 {
        return 0.0;
    }
    let from = cfg.horizon.start - Duration::days(YEAR_DAYS);
    let mut load = vec![0usize; cfg.agents.len()];
    for sh in &ctx.past.shifts {
        let Some((a, agent)) = cfg.agent(&sh.agent) else {
            continue;
        };
        let t = cfg.template(&sh.template).map(|(t, _)| t);
        let date = sh.date_in(agent.zone);
        if date >= from && date < cfg.horizon.start && counts(t, date) {
            load[a] += 1;
        }
    }
    for w in current(ctx) {
        if counts(w.template, w.date) {
            load[w.agent] += 1;
        }
    }
    cfg.weights.fairness * load.into_iter().max().unwrap_or(0) as f64
}

fn night_fairness(ctx: &Ctx) -> f64 {
    most_loaded(ctx, |t, _| t.is_some_and(|t| ctx.cfg.templates[t].night))
}

fn weekend_fairness(ctx: &Ctx) -> f64 {
    most_loaded(ctx, |_, d| weekend(d))
}

/// The periods of `duty` in this rota, with the agents who hold each.
fn held(ctx: &Ctx, duty: &Duty) -> Vec<(Period, Vec<usize>)> {
    let (w0, w1) = time::window(&ctx.cfg.horizon, ctx.cfg.coverage.zone);
    oncall::periods(duty, w0, w1)
        .into_iter()
        .map(|p| {
            let who = ctx
                .rota
                .duty
                .holds
                .iter()
                .filter(|h| h.duty == duty.name && h.start.with_timezone(&Utc) == p.start)
                .filter_map(|h| ctx.cfg.agent(&h.agent).map(|(a, _)| a))
                .collect();
            (p, who)
        })
        .collect()
}

/// Earlier rotas' holds of `duty`: (agent, period).
fn held_before(ctx: &Ctx, duty: &Duty) -> Vec<(usize, Period)> {
    ctx.past
        .holds
        .iter()
        .filter(|h| h.duty == duty.name)
        .filter_map(|h| {
            let (a, _) = ctx.cfg.agent(&h.agent)?;
            Some((a, oncall::period_starting(duty, h.start.with_timezone(&Utc))?))
        })
        .collect()
}

fn missing_holders(ctx: &Ctx) -> f64 {
    let w = ctx.cfg.weights.missing_holder;
    let mut missing = 0.0;
    for duty in &ctx.cfg.duties {
        for (_, who) in held(ctx, duty) {
            missing += (f64::from(duty.holders) - who.len() as f64).max(0.0);
        }
    }
    w * missing
}

/// Ties go to whoever held the duty longest ago (never held first): a hold
/// costs `ORDER_TIE × rank/eligible × (periods − index)/periods`.
fn holder_order(ctx: &Ctx) -> f64 {
    let mut cost = 0.0;
    for duty in &ctx.cfg.duties {
        let before = held_before(ctx, duty);
        let last = |a: usize| before.iter().filter(|(x, _)| *x == a).map(|(_, p)| p.start).max();
        let mut order = duty.eligible.clone();
        order.sort_by_key(|&a| (last(a), a));
        let n = order.len().max(1) as f64;
        let periods = held(ctx, duty);
        let np = periods.len().max(1) as f64;
        for (pi, (_, who)) in periods.iter().enumerate() {
            for a in who {
                let rank = order.iter().position(|x| x == a).unwrap_or(0) as f64;
                cost += ORDER_TIE * (rank / n) * ((np - pi as f64) / np);
            }
        }
    }
    cost
}

/// Within any turn (⌈eligible ÷ holders⌉ consecutive periods) each agent
/// holds at most one period, earlier rotas included; each extra is priced.
fn rotation(ctx: &Ctx) -> f64 {
    let mut extra = 0.0;
    for duty in &ctx.cfg.duties {
        let turn = (duty.eligible.len() as i64 + i64::from(duty.holders) - 1) / i64::from(duty.holders.max(1));
        if turn <= 1 {
            continue;
        }
        let before = held_before(ctx, duty);
        let periods = held(ctx, duty);
        for &a in &duty.eligible {
            let mine: Vec<i64> = periods
                .iter()
                .filter(|(_, who)| who.contains(&a))
                .map(|(p, _)| p.index)
                .collect();
            let (Some(&lo), Some(&hi)) = (mine.first(), mine.last()) else {
                continue;
            };
            for k in lo - (turn - 1)..=hi {
                let inside = |i: i64| (k..k + turn).contains(&i);
                let now = mine.iter().filter(|&&i| inside(i)).count() as f64;
                let already = before.iter().filter(|(x, p)| *x == a && inside(p.index)).count();
                extra += (now - if already > 0 { 0.0 } else { 1.0 }).max(0.0);
            }
        }
    }
    ROTATION * extra
}

/// `oncall_fairness × (most − fewest)` periods held over the rolling year.
fn oncall_balance(ctx: &Ctx) -> f64 {
    let w = ctx.cfg.weights.oncall_fairness;
    if w <= 0.0 {
        return 0.0;
    }
    let (w0, _) = time::window(&ctx.cfg.horizon, ctx.cfg.coverage.zone);
    let year_ago = w0 - Duration::days(YEAR_DAYS);
    let mut cost = 0.0;
    for duty in &ctx.cfg.duties {
        let periods = held(ctx, duty);
        if periods.is_empty() || duty.eligible.is_empty() {
            continue;
        }
        let before = held_before(ctx, duty);
        let count = |a: usize| {
            let base = before.iter().filter(|(x, p)| *x == a && p.start >= year_ago).count();
            base + periods.iter().filter(|(_, who)| who.contains(&a)).count()
        };
        let loads: Vec<usize> = duty.eligible.iter().map(|&a| count(a)).collect();
        let (most, fewest) = (loads.iter().max(), loads.iter().min());
        if let (Some(most), Some(fewest)) = (most, fewest) {
            cost += w * (most - fewest) as f64;
        }
    }
    cost
}

/// Each comp day placed is a reward, more so on a date the agent asked for.
fn comp_days(ctx: &Ctx) -> f64 {
    ctx.rota
        .duty
        .taken
        .iter()
        .map(|c| {
            let asked = ctx
                .cfg
                .agent(&c.agent)
                .is_some_and(|(_, a)| a.comp_dates.contains(&c.date));
            -(COMP_REWARD + if asked { COMP_REQUEST_REWARD } else { 0.0 })
        })
        .sum()
}

/// Credit earned on day E is due by E + window: per day of the horizon, the
/// days still owed beyond three quarters of a day are priced.
fn comp_overdue(ctx: &Ctx) -> f64 {
    let cfg = ctx.cfg;
    let credits = comp::credits(cfg, &ctx.rota.duty.holds, &ctx.rota.shifts);
    let opening_day = ctx.past.opening_day(cfg.horizon.start);
    let mut overdue = 0.0;
    for agent in &cfg.agents {
        let past_taken = ctx.past.taken.iter().filter(|c| c.agent == agent.name).count() as f64;
        for d in cfg.horizon.dates() {
            let cutoff = d - Duration::days(cfg.comp.window_days);
            let earned = |list: &mut dyn Iterator<Item = &crate::rota::Credit>| -> f64 {
                list.filter(|c| c.agent == agent.name && c.date <= cutoff)
                    .map(|c| c.days)
                    .sum()
            };
            let mut due = earned(&mut ctx.past.earned.iter()) + earned(&mut credits.iter());
            if opening_day <= cutoff {
                due += agent.comp_opening;
            }
            let taken = ctx
                .rota
                .duty
                .taken
                .iter()
                .filter(|c| c.agent == agent.name && c.date <= d)
                .count() as f64;
            overdue += (due - past_taken - taken - 0.75).max(0.0);
        }
    }
    cfg.weights.comp_overdue * overdue
}

/// What `check` makes of a rota's `[summary]`.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The objective recomputed from the rota (`None` when it breaks a rule:
    /// the planner then priced slacks this recomputation does not know).
    pub objective: Option<f64>,
    /// Claims of the summary that do not hold, in words.
    pub problems: Vec<String>,
}

/// Confirms the summary's objective, bound, gap and status against the
/// recomputed objective (`None`: the rota breaks a rule, nothing is confirmed).
pub fn verdict(summary: &Summary, objective: Option<f64>) -> Verdict {
    let mut problems = Vec::new();
    let tol = |x: f64| 1e-2 + 1e-9 * x.abs();
    let claimed = summary.objective;
    let Some(obj) = objective else {
        problems.push("the rota breaks a rule, so its objective (with priced shortfalls) is not recomputed".into());
        return Verdict { objective, problems };
    };
    if (obj - claimed).abs() > tol(obj) {
        problems.push(format!(
            "its objective is {obj:.3}, not {claimed:.3} as the summary says"
        ));
    }
    let bound = summary.best_bound;
    if bound > obj + tol(obj) {
        problems.push(format!(
            "its bound {bound:.3} is above the objective {obj:.3}, so it proves nothing"
        ));
    }
    let gap = if obj.abs() > 1e-9 {
        (obj - bound) / obj.abs()
    } else {
        obj - bound
    };
    let gap = gap.max(0.0);
    let proven = match summary.status.as_str() {
        "optimal" => obj - bound <= tol(obj),
        "within-gap" => gap * 100.0 <= summary.gap_percent + 1e-6,
        _ => true,
    };
    if !proven {
        problems.push(format!(
            "status \"{}\" is not proven: objective {obj:.3}, bound {bound:.3}",
            summary.status
        ));
    }
    if summary.unavoidable_agent_minutes > summary.uncovered_agent_minutes {
        problems.push(format!(
            "{} unavoidable agent-minutes exceed the {} uncovered",
            summary.unavoidable_agent_minutes, summary.uncovered_agent_minutes
        ));
    }
    Verdict { objective, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(status: &str, objective: f64, bound: f64) -> Summary {
        Summary {
            status: status.into(),
            objective,
            best_bound: bound,
            gap_percent: if objective > 0.0 {
                (objective - bound) / objective * 100.0
            } else {
                0.0
            },
            uncovered_agent_minutes: 0,
            unavoidable_agent_minutes: 0,
            changes: None,
        }
    }

    #[test]
    fn a_true_summary_is_confirmed() {
        let v = verdict(&summary("optimal", 22_862.0, 22_862.0), Some(22_862.0));
        assert!(v.problems.is_empty(), "{:?}", v.problems);
        let v = verdict(&summary("budget", 22_900.0, 22_000.0), Some(22_900.0));
        assert!(v.problems.is_empty(), "{:?}", v.problems);
    }

    #[test]
    fn optimal_at_a_wrong_objective_is_refuted() {
        // The artefact of the old engine: HiGHS's reduced-space value taken as the rota's.
        let v = verdict(&summary("optimal", 22_404.0, 22_404.0), Some(22_892.0));
        assert_eq!(v.problems.len(), 2, "{:?}", v.problems);
        assert!(v.problems[0].contains("22892.000, not 22404.000"), "{:?}", v.problems);
        assert!(v.problems[1].contains("\"optimal\" is not proven"), "{:?}", v.problems);
    }

    #[test]
    fn a_bound_above_the_objective_or_an_unproven_status_is_refuted() {
        let v = verdict(&summary("budget", 100.0, 150.0), Some(100.0));
        assert!(
            v.problems.iter().any(|p| p.contains("proves nothing")),
            "{:?}",
            v.problems
        );
        let v = verdict(&summary("optimal", 120.0, 100.0), Some(120.0));
        assert!(v.problems.iter().any(|p| p.contains("not proven")), "{:?}", v.problems);
    }
}
