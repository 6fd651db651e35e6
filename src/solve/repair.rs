//! `plan --keep` as a local repair ([`crate::model::repair`]), solved as a
//! whole-model MIP in HiGHS with a lexicographic objective in integers —
//! restored coverage, then the fewest changes, then their distance from the
//! event — and a budget row on the number of changes (a local-branching
//! constraint around the kept rota):
//!
//! 1. **Local**: within the budget. A budget no rota keeping every hard rule
//!    fits is dropped (the rules reach further); then the "at least" rules
//!    open at a price, as in a first plan.
//! 2. **Full**: when the local repair leaves coverage the kept rota had, the
//!    most coverage any number of changes restores, and the fewest changes
//!    that restore it — so the output can name what a full repair takes.
//! 3. The rota's own objective: the agents' columns as repaired, every
//!    shared and continuous column re-optimised under the plan's weights, so
//!    the summary is the rota's and `check` confirms it.
//!
//! Every run is bounded by nodes and LP iterations, never by wall time.

use super::highs::{Ended, Highs, Limits};
use super::progress::{Progress, Snapshot};
use super::stop::Clock;
use super::sub::State;
use super::{bound, Budget, Engine, Options, Outcome, Status};
use crate::error::Error;
use crate::model::lp::{Lp, Tag, Var};
use crate::model::repair::Repair;
use crate::model::Problem;

/// What the repair achieved, beside the rota.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Report {
    /// Kept assignments the new inputs make impossible (each is a change).
    pub lost: u32,
    /// Changes the local repair could make besides the lost ones.
    pub budget: u32,
    /// Whether the budget had to go: no rota within it keeps every hard rule.
    pub budget_dropped: bool,
    /// Whether every run was solved to optimality (the repair is proven the best).
    pub proven: bool,
    /// Agent-minutes (and weighted shift and on-call shortfalls) the kept
    /// rota covered that the repaired rota leaves uncovered.
    pub not_restored: f64,
    /// A full repair, when the local one left coverage that changes could restore.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full: Option<Full>,
}

/// The full repair: what it restores beyond the local one, and at how many changes.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Full {
    /// Of `not_restored`, what no number of changes restores.
    pub not_restorable: f64,
    /// Changes of the full repair, lost assignments included.
    pub changes: u32,
    pub proven: bool,
}

/// The repaired rota's outcome and its report.
pub struct Repaired {
    pub outcome: Outcome,
    pub report: Report,
}

/// What a run ranks.
#[derive(Debug, Clone, Copy)]
enum Rank {
    /// Restored coverage, then changes and their distance, within `Option<u32>` changes.
    Local(Option<u32>),
    /// Restored coverage alone.
    Coverage,
    /// Changes alone, with no more than this shortfall.
    Fewest(f64),
}

/// Repairs the kept rota in `problem` (built with its `Keep`) as `r` says.
pub fn repair(problem: Problem, r: &Repair, opts: &Options, progress: &Progress) -> Result<Repaired, Error> {
    let clock = Clock::new(opts.time_limit);
    let mut eng = Engine::new(problem, opts, &clock, progress);
    let lower = bound::first(&mut eng).0;
    let budget = Budget::new(opts.effort);
    let mut report = Report {
        lost: r.lost,
        budget: r.budget,
        proven: true,
        ..Report::default()
    };
    let x = local(&mut eng, r, &budget, &mut report)?;
    report.not_restored = paid(r, &x);
    if report.not_restored > 0.5 && !clock.stop() {
        report.full = full(&mut eng, r, &budget, &x);
    }
    let n = eng.lp.num_cols();
    let mut st = State::new(&eng.lp, x[..n].to_vec());
    eng.complete(&mut st);
    progress.finish();
    let mut outcome = super::finish(&eng, st, lower, 0.0);
    if !matches!(outcome.status, Status::Optimal | Status::WithinGap) {
        outcome.status = if stop_status(&clock) != Status::Budget {
            stop_status(&clock)
        } else if report.proven {
            Status::Repaired
        } else {
            Status::Budget
        };
    }
    Ok(Repaired { outcome, report })
}

fn stop_status(clock: &Clock) -> Status {
    if super::stop::interrupted() {
        Status::Interrupted
    } else if clock.fired() {
        Status::TimeLimit
    } else {
        Status::Budget
    }
}

/// The local repair: within the budget, else (no rota within it keeps
/// every hard rule, or none was found within the work) without it, else
/// with the "at least" rules open at a price.
fn local(eng: &mut Engine, r: &Repair, budget: &Budget, report: &mut Report) -> Result<Vec<f64>, Error> {
    for (cap, relax) in [(Some(r.budget), false), (None, false), (None, true)] {
        if relax && !open_all(eng) {
            break;
        }
        eng.show_repair(if cap.is_some() { "repair" } else { "repair (wider)" });
        let (x, ended) = run(eng, r, Rank::Local(cap), budget, None);
        if let Some(x) = x {
            report.proven &= ended == Ended::Optimal;
            return Ok(x);
        }
        if ended != Ended::Infeasible {
            // Not proven impossible, only not found within the work.
            report.proven = false;
        } else if cap.is_some() {
            report.budget_dropped = true;
        }
        if eng.clock.stop() || matches!(ended, Ended::Failed | Ended::Interrupted | Ended::TimeLimit) {
            break;
        }
    }
    Err(Error::Solver(
        "the re-plan found no rota that keeps every rule within its work budget; plan again with --effort thorough, or with --keep --improve".into(),
    ))
}

/// Opens every agent's "at least" slacks; false when there are none.
fn open_all(eng: &mut Engine) -> bool {
    let mut any = false;
    for a in 0..eng.relaxable.len() {
        any |= eng.relax(a);
    }
    any
}

/// The most coverage any number of changes restores, and the fewest changes for it.
fn full(eng: &mut Engine, r: &Repair, budget: &Budget, local: &[f64]) -> Option<Full> {
    eng.show_repair("full repair");
    let (x, ended) = run(eng, r, Rank::Coverage, budget, Some(local));
    let x = x?;
    let mut proven = ended == Ended::Optimal;
    let best = paid(r, &x);
    let (y, ended) = run(eng, r, Rank::Fewest(best + 0.5), budget, Some(&x));
    proven &= ended == Ended::Optimal;
    let y = y.unwrap_or(x);
    Some(Full {
        not_restorable: paid(r, &y),
        changes: changes(r, &y) + r.lost,
        proven,
    })
}

/// Shortfall beyond what the kept rota lacked, weighted by minutes.
fn paid(r: &Repair, x: &[f64]) -> f64 {
    r.shortfalls
        .iter()
        .map(|s| (x[s.var.index()] - s.free).max(0.0) * s.minutes)
        .sum()
}

/// Changes in `x` besides the lost assignments.
pub fn changes(r: &Repair, x: &[f64]) -> u32 {
    r.choices.iter().filter(|c| (x[c.var.index()] > 0.5) != c.kept).count() as u32
}

/// One run of the repair model ranked by `rank`, from `start` when given.
fn run(eng: &Engine, r: &Repair, rank: Rank, budget: &Budget, start: Option<&[f64]>) -> (Option<Vec<f64>>, Ended) {
    let slacks: Vec<Var> = eng.relaxable.iter().flatten().map(|&(v, _)| v).collect();
    let lp = model(&eng.lp, r, rank, &slacks);
    let mut h = Highs::new(eng.opts.verbose);
    if !h.pass(&lp, false) {
        return (None, Ended::Failed);
    }
    if let Some(s) = start {
        h.set_start(&completed(&lp, r, s));
    }
    // Every cost is a whole number: a gap below one proves the optimum.
    h.set_double("mip_abs_gap", 0.5);
    let run = h.run(&Limits {
        nodes: Some(budget.bound_nodes * 4),
        lp_iterations: Some(budget.bound_lp * 4),
        gap: 0.0,
        seconds: eng.clock.left(),
        ..Limits::default()
    });
    if run.ended == Ended::TimeLimit {
        eng.clock.fire();
    }
    let x = run.x.map(|mut y| {
        crate::model::lp::clean(&lp, &mut y);
        y
    });
    let x = x.filter(|y| lp.violation(y) <= 1e-6);
    if eng.trace {
        crate::stderrln!(
            "trace: {:8.3}s repair {rank:?}: {:?}, lp {}, not restored {:?}, changes {:?}",
            eng.clock.elapsed(),
            run.ended,
            run.lp_iterations,
            x.as_ref().map(|y| paid(r, y)),
            x.as_ref().map(|y| changes(r, y))
        );
    }
    (x, run.ended)
}

/// A start for `lp` from the values of the plan's columns: each priced
/// shortfall at what they leave.
fn completed(lp: &Lp, r: &Repair, x: &[f64]) -> Vec<f64> {
    let mut y = x.to_vec();
    y.truncate(lp.num_cols() - r.shortfalls.len());
    for s in &r.shortfalls {
        y.push((x[s.var.index()] - s.free).max(0.0));
    }
    y
}

/// The plan's program with the repair's objective: its own costs dropped, a
/// priced column per shortfall beyond what the kept rota lacked, changes
/// priced as `rank` says.
fn model(base: &Lp, r: &Repair, rank: Rank, slacks: &[Var]) -> Lp {
    let mut lp = base.clone();
    lp.offset = 0.0;
    for c in &mut lp.cols {
        c.cost = 0.0;
    }
    let cap = match rank {
        Rank::Local(Some(b)) => Some(f64::from(b)),
        _ => None,
    };
    let step = change_price(r, rank);
    for c in &r.choices {
        let price = match rank {
            Rank::Local(_) => step + f64::from(r.distance(c.date)),
            Rank::Fewest(_) => 1.0,
            Rank::Coverage => 0.0,
        };
        charge(&mut lp, c.var, c.kept, price);
    }
    if let Some(cap) = cap {
        let kept = r.choices.iter().filter(|c| c.kept).count() as f64;
        let terms: Vec<(f64, Var)> = r
            .choices
            .iter()
            .map(|c| (if c.kept { -1.0 } else { 1.0 }, c.var))
            .collect();
        lp.add_row(&terms, f64::NEG_INFINITY, cap - kept);
    }
    let per_minute = match rank {
        Rank::Local(_) => minute_price(r, rank, step),
        Rank::Coverage | Rank::Fewest(_) => 1.0,
    };
    let mut weighted = Vec::new();
    for s in &r.shortfalls {
        let hi = lp.cols[s.var.index()].hi;
        let p = lp.add_col(0.0, hi, per_minute * s.minutes, false, Tag::SHARED);
        lp.add_row(&[(1.0, p), (-1.0, s.var)], -s.free, f64::INFINITY);
        weighted.push((s.minutes, p));
    }
    if let Rank::Fewest(most) = rank {
        lp.add_row(&weighted, f64::NEG_INFINITY, most);
    }
    // An opened "at least" slack costs as much as a shift's worth of
    // coverage per unit: the repair meets the minimums where it can.
    for &v in slacks {
        lp.cols[v.index()].cost = per_minute * SLACK_MINUTES;
    }
    lp
}

/// Coverage minutes one unit of an opened "at least" slack weighs.
const SLACK_MINUTES: f64 = 480.0;

/// Changes a run's prices are scaled for: the budget, or for a run
/// without one a generous multiple of it (beyond that the ranking of
/// coverage over changes is by weight, not strict).
fn most_changes(r: &Repair, rank: Rank) -> u32 {
    match rank {
        Rank::Local(Some(b)) => b,
        _ => r.budget.saturating_mul(4).max(64),
    }
}

/// One change outweighs every distance term of a local repair together.
fn change_price(r: &Repair, rank: Rank) -> f64 {
    f64::from(most_changes(r, rank).saturating_add(1)) * f64::from(Repair::FAR + Repair::BEFORE + 1)
}

/// One uncovered minute outweighs every change a local repair may make.
fn minute_price(r: &Repair, rank: Rank, step: f64) -> f64 {
    f64::from(most_changes(r, rank)) * (step + f64::from(Repair::FAR + Repair::BEFORE)) + 1.0
}

/// Prices a change of column `v` from the kept rota at `price`.
fn charge(lp: &mut Lp, v: Var, kept: bool, price: f64) {
    if price == 0.0 {
        return;
    }
    if kept {
        lp.cols[v.index()].cost = -price;
        lp.offset += price;
    } else {
        lp.cols[v.index()].cost = price;
    }
}

impl Engine<'_> {
    fn show_repair(&self, phase: &str) {
        self.progress.update(&Snapshot {
            phase,
            done: 0,
            total: 0,
            uncovered: f64::NAN,
            objective: f64::NAN,
            bound: f64::NEG_INFINITY,
        });
    }
}
