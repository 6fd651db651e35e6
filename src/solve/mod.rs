//! The solver: the only code that knows HiGHS. One pipeline, one file a stage:
//!
//! 1. [`construct`]: every agent's roster in turn, the best one under all of
//!    its own rules given the rosters before it (an exact sub-model per
//!    agent). Every hard rule is per agent, so the result is a feasible rota.
//! 2. [`improve`]: large-neighbourhood search — agents over the whole
//!    horizon, days across all agents, the people and days around the worst
//!    remaining gap — each neighbourhood cut out as its own small sub-model
//!    ([`sub`]) and solved by HiGHS within a node budget.
//! 3. [`bound`]: a lower bound that means something at every size — the LP
//!    relaxation (its dual turned into a bound by our own arithmetic), a
//!    node-limited run of the whole model when it is small, and a relaxation
//!    by windows of days when it is large; also a bound on the uncovered time.
//! 4. The status: `optimal` or `within-gap` only when that bound proves it
//!    for the returned rota; otherwise `budget` (the work budget was spent),
//!    `time-limit` (the safety net fired) or `interrupted` (Ctrl-C).
//!
//! Every stage is bounded by work (nodes, iterations, steps) and every
//! choice is drawn from a seeded generator, so the same input, version and
//! `--threads` give the same rota on any machine and under any load. Every
//! objective compared or reported is recomputed from the column values
//! (`cost · x + offset`), never taken from a solver.

mod bound;
pub mod budget;
mod colgen;
mod construct;
mod greedy;
mod highs;
mod improve;
mod master;
mod pricing;
pub mod progress;
pub mod repair;
mod rng;
pub mod stop;
mod sub;

use crate::error::Error;
use crate::model::lp::{ByColumn, Lp, Var};
use crate::model::Problem;
pub use budget::{Budget, Effort};
use highs::{Ended, Highs, Limits};
use progress::{Progress, Snapshot};
use rng::Rng;
use std::fmt;
use stop::Clock;
use sub::{Cutter, State, Sub};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub effort: Effort,
    /// Seconds: a safety net the status reports when it fires; `None` for none.
    pub time_limit: Option<f64>,
    /// Relative gap at which a rota counts as good enough (0.001 = 0.1 %).
    pub gap: f64,
    /// Sub-models solved side by side. Part of the input: the rota depends on it.
    pub threads: usize,
    /// The HiGHS log on stderr.
    pub verbose: bool,
    pub seed: u64,
}

/// The library's safety net when the caller names none, in seconds.
pub const DEFAULT_TIME_LIMIT: f64 = 60.0;

impl Default for Options {
    fn default() -> Self {
        Options {
            effort: Effort::Normal,
            time_limit: Some(DEFAULT_TIME_LIMIT),
            gap: 0.001,
            threads: 1,
            verbose: false,
            seed: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proven optimal.
    Optimal,
    /// Proven within the requested gap of optimal.
    WithinGap,
    /// The work budget was spent before the gap was proven.
    Budget,
    /// The safety-net time limit stopped the search.
    TimeLimit,
    /// Ctrl-C stopped the search; the rota is the best found until then.
    Interrupted,
    /// `plan --keep`: proven the repair that restores the most of what the
    /// kept rota covered with the fewest changes (not the best rota overall).
    Repaired,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Optimal => "optimal",
            Status::WithinGap => "within-gap",
            Status::Budget => "budget",
            Status::TimeLimit => "time-limit",
            Status::Interrupted => "interrupted",
            Status::Repaired => "repaired",
        })
    }
}

/// Work done, for reports and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Work {
    /// Sub-models solved (construction, improvement, completion).
    pub submodels: usize,
    /// Improvement steps taken.
    pub steps: usize,
    /// Their work (see [`Budget::work`]).
    pub work: f64,
    /// Steps that found a better rota.
    pub improvements: usize,
    /// Seconds in each stage.
    pub construct_s: f64,
    pub improve_s: f64,
    pub bound_s: f64,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    /// `cost · x + offset` of the returned values.
    pub objective: f64,
    /// A proven lower bound on every rota's objective.
    pub bound: f64,
    /// Relative gap (fraction).
    pub gap: f64,
    pub seconds: f64,
    /// Uncovered agent-minutes of the returned rota.
    pub uncovered: f64,
    /// A proven lower bound on the uncovered agent-minutes of every rota.
    pub unavoidable: f64,
    /// Agents whose "at least" rules had to open (their rules admit no roster).
    pub relaxed: Vec<usize>,
    pub work: Work,
    pub values: Vec<f64>,
}

/// Everything a stage needs: the model, its transpose, the budget, the clock.
pub(crate) struct Engine<'a> {
    lp: Lp,
    t: ByColumn,
    cutter: Cutter,
    /// Per agent: its columns that can move, by day.
    agent_cols: Vec<Vec<u32>>,
    /// Per agent: its relaxable slacks and their upper bounds.
    relaxable: Vec<Vec<(Var, f64)>>,
    relaxed: Vec<usize>,
    /// Coverage shortfall columns with their minutes.
    coverage: Vec<(Var, f64)>,
    opts: &'a Options,
    budget: Budget,
    clock: &'a Clock,
    progress: &'a Progress,
    rng: Rng,
    work: Work,
    /// Own slacks per row, for the greedy construction (built on first use).
    slacks: greedy::Slacks,
    /// An LP solution to steer by (the relaxation's), when there is one.
    guide: Option<Vec<f64>>,
    /// `SUNROTA_TRACE` set: one line per sub-model on stderr (for developers).
    trace: bool,
}

impl<'a> Engine<'a> {
    fn new(problem: Problem, opts: &'a Options, clock: &'a Clock, progress: &'a Progress) -> Engine<'a> {
        let lp = problem.lp;
        let agents = lp.agents();
        let mut agent_cols = vec![Vec::new(); agents];
        for (j, c) in lp.cols.iter().enumerate() {
            if !c.tag.is_shared() && c.lo < c.hi {
                agent_cols[c.tag.owner as usize].push(j as u32);
            }
        }
        for cols in &mut agent_cols {
            cols.sort_by_key(|&j| (lp.cols[j as usize].tag.day, j));
        }
        let mut relaxable = vec![Vec::new(); agents];
        for &(v, hi) in &problem.relaxable {
            let owner = lp.cols[v.index()].tag.owner as usize;
            if owner < agents {
                relaxable[owner].push((v, hi));
            }
        }
        Engine {
            t: lp.by_column(),
            cutter: Cutter::new(&lp),
            budget: Budget::new(opts.effort),
            lp,
            agent_cols,
            relaxable,
            relaxed: Vec::new(),
            coverage: problem.coverage,
            opts,
            clock,
            progress,
            rng: Rng::new(opts.seed),
            work: Work::default(),
            guide: None,
            slacks: greedy::Slacks::default(),
            trace: std::env::var_os("SUNROTA_TRACE").is_some(),
        }
    }

    /// Uncovered agent-minutes of `x`.
    fn uncovered(&self, x: &[f64]) -> f64 {
        self.coverage.iter().map(|&(v, m)| x[v.index()] * m).sum()
    }

    fn show(&self, phase: &str, done: usize, total: usize, st: &State, bound: f64) {
        self.progress.update(&Snapshot {
            phase,
            done,
            total,
            uncovered: self.uncovered(&st.x),
            objective: st.obj,
            bound,
        });
    }

    /// Solves a sub-model within `nodes` and `lp` iterations; returns its
    /// cleaned values, if any, how it ended and the LP iterations it used.
    fn solve_sub(&mut self, sub: &Sub, nodes: i64, lp: i64) -> Solved {
        let solved = solve_sub(sub, (nodes, lp, SUB_GAP), self.opts.verbose, self.clock);
        self.note(sub, &solved);
        solved
    }

    /// Solves `subs` side by side, one thread each, in order.
    fn solve_subs(&mut self, subs: &[Sub], nodes: i64, lp: i64) -> Vec<Solved> {
        let (verbose, clock) = (self.opts.verbose, self.clock);
        let solved: Vec<Solved> = if subs.len() == 1 {
            vec![solve_sub(&subs[0], (nodes, lp, SUB_GAP), verbose, clock)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = subs
                    .iter()
                    .map(|sub| scope.spawn(move || solve_sub(sub, (nodes, lp, SUB_GAP), verbose, clock)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or((None, Ended::Failed, 0)))
                    .collect()
            })
        };
        for (sub, s) in subs.iter().zip(&solved) {
            self.note(sub, s);
        }
        solved
    }

    /// Counts a solved sub-model (and traces it).
    fn note(&mut self, sub: &Sub, (x, ended, lp): &Solved) {
        self.work.submodels += 1;
        if self.trace {
            crate::stderrln!(
                "trace: {:8.3}s sub {} cols {} rows {} nnz {:?} lp {} {}",
                self.clock.elapsed(),
                sub.lp.num_cols(),
                sub.lp.num_rows(),
                sub.lp.nonzeros(),
                ended,
                lp,
                if x.is_some() { "solution" } else { "none" }
            );
        }
    }

    /// Re-optimises every shared column (shortfalls, maxima) and every
    /// continuous one (an agent's priced excess) for the agents' integer
    /// columns as they are: a search stopped within a gap may leave a
    /// penalty above what its rota really incurs, and the reported
    /// objective must be the rota's.
    fn complete(&mut self, st: &mut State) {
        let shared: Vec<u32> = (0..self.lp.num_cols() as u32)
            .filter(|&j| {
                let c = &self.lp.cols[j as usize];
                (c.tag.is_shared() || !c.integer) && c.lo < c.hi
            })
            .collect();
        if shared.is_empty() {
            return;
        }
        let sub = self.cutter.cut(&self.lp, &self.t, st, &shared);
        let solved = solve_sub(&sub, (1000, 100_000, 0.0), self.opts.verbose, self.clock);
        self.note(&sub, &solved);
        // HiGHS starts from the current values, so a completion stopped on
        // its node limit is no worse than them.
        if let (Some(y), _, _) = solved {
            st.apply(&self.lp, &self.t, &sub, &y);
        }
    }

    /// Opens agent `a`'s relaxable slacks (its rules admit no roster otherwise).
    fn relax(&mut self, a: usize) -> bool {
        if self.relaxable[a].is_empty() || self.relaxed.contains(&a) {
            return false;
        }
        for &(v, hi) in &self.relaxable[a] {
            self.lp.cols[v.index()].hi = hi;
            self.agent_cols[a].push(v.0);
        }
        let lp = &self.lp;
        self.agent_cols[a].sort_by_key(|&j| (lp.cols[j as usize].tag.day, j));
        self.relaxed.push(a);
        true
    }
}

/// Relative gap at which a sub-model counts as solved: a ten-thousandth of
/// what its columns cost (closing the last sliver costs HiGHS far more than
/// it is worth inside a search).
const SUB_GAP: f64 = 1e-4;

/// A solved sub-model: its cleaned values (if any), how it ended, the LP
/// iterations it used.
type Solved = (Option<Vec<f64>>, Ended, i64);

/// Solves one sub-model in its own HiGHS instance (any thread), within
/// (nodes, LP iterations, relative gap).
fn solve_sub(sub: &Sub, (nodes, lp, gap): (i64, i64, f64), verbose: bool, clock: &Clock) -> Solved {
    let mut h = Highs::new(verbose);
    if !h.pass(&sub.lp, false) {
        return (None, Ended::Failed, 0);
    }
    h.set_start(&sub.start);
    let run = h.run(&Limits {
        nodes: Some(nodes),
        lp_iterations: Some(lp),
        gap,
        seconds: clock.left(),
        ..Limits::default()
    });
    if run.ended == Ended::TimeLimit {
        clock.fire();
    }
    let x = run.x.map(|mut y| {
        crate::model::lp::clean(&sub.lp, &mut y);
        y
    });
    // A solution that breaks a row beyond tolerance (numerics) is no solution.
    let x = x.filter(|y| sub.lp.violation(y) <= 1e-6);
    (x, run.ended, run.lp_iterations)
}

/// Solves `problem` (see the module doc for the stages).
pub fn solve(problem: Problem, opts: &Options, progress: &Progress) -> Result<Outcome, Error> {
    let clock = Clock::new(opts.time_limit);
    let mut eng = Engine::new(problem, opts, &clock, progress);
    let (mut st, mut bound) = start(&mut eng);

    let t0 = clock.elapsed();
    improve::improve(&mut eng, &mut st, bound);
    eng.work.improve_s = clock.elapsed() - t0;

    let t0 = clock.elapsed();
    bound = bound.max(bound::last(&mut eng, &mut st, bound));
    eng.complete(&mut st);
    let unavoidable = bound::unavoidable(&mut eng, &st);
    eng.work.bound_s += clock.elapsed() - t0;
    if eng.trace {
        crate::stderrln!("trace: {:?}; rows broken by {}", eng.work, eng.lp.violation(&st.x));
    }
    progress.finish();
    Ok(finish(&eng, st, bound, unavoidable))
}

/// The first rota and bound (see the README's "How it solves"): the compact
/// LP relaxation; then column generation where [`engine`] chooses it (its
/// bound, and the rota of the master MIP over its pool), else — or when
/// column generation yields no rota — the construction.
fn start(eng: &mut Engine) -> (State, f64) {
    let t0 = eng.clock.elapsed();
    let (mut bound, duals) = bound::first(eng);
    eng.work.bound_s += eng.clock.elapsed() - t0;
    let t0 = eng.clock.elapsed();
    let mut st = None;
    if let Some(cg) = engine(eng, &mut bound, duals.as_deref()) {
        let g = cg.generate(eng);
        bound = bound.max(g.bound);
        eng.guide = g.guide.or(eng.guide.take());
        st = g.st;
    }
    let st = st.unwrap_or_else(|| construct::construct(eng));
    eng.work.construct_s += eng.clock.elapsed() - t0;
    if eng.trace {
        crate::stderrln!(
            "trace: first bound {bound}, rota {}, relaxed agents {:?}",
            st.obj,
            eng.relaxed
        );
    }
    // Opened minimums make a looser model: the first bound is not its bound.
    (
        st,
        if eng.relaxed.is_empty() {
            bound
        } else {
            f64::NEG_INFINITY
        },
    )
}

/// Which engine solves the model, with column generation's first pricing
/// round done when it is the one (the rule the README's "How it solves"
/// gives). `SUNROTA_ENGINE=compact` or `colgen` forces a choice; otherwise
/// column generation runs when the model had its compact LP, has at most
/// [`COLGEN_AGENT_DAYS`] agent-days, and pricing every agent once at the
/// LP's duals raises the LP bound by more than the accepted gap (the
/// agents' own rules cut the LP optimum off, so the compact path could
/// prove it only by branching). That round's bound is kept either way.
fn engine(eng: &mut Engine, bound: &mut f64, duals: Option<&[f64]>) -> Option<colgen::Cg> {
    let forced = std::env::var("SUNROTA_ENGINE").ok();
    let forced = forced.as_deref();
    let y = duals?;
    let small = agent_days(eng) <= COLGEN_AGENT_DAYS;
    if forced == Some("compact")
        || eng.agent_cols.is_empty()
        || eng.clock.stop()
        || !(small || forced == Some("colgen"))
    {
        return None;
    }
    let mut cg = colgen::Cg::new(eng);
    let lagrangian = cg.probe(eng, y);
    if eng.trace {
        crate::stderrln!(
            "trace: {:8.3}s engine: LP bound {bound}, Lagrangian at its duals {lagrangian}",
            eng.clock.elapsed()
        );
    }
    let wins = lagrangian - *bound > eng.opts.gap * lagrangian.abs().max(1.0);
    *bound = bound.max(lagrangian);
    (forced == Some("colgen") || wins).then_some(cg)
}

/// The largest model (agents × days of the horizon) column generation is
/// chosen for: pricing is one exact sub-MIP per agent and round (about 0.1 s
/// for an agent's month), so larger teams spend their budget pricing
/// before the improvement starts (measured on Curtois Instance6–12, see
/// BENCHMARKS.md).
const COLGEN_AGENT_DAYS: usize = 16 * 28;

/// Agents times the days their movable columns span.
fn agent_days(eng: &Engine) -> usize {
    let days = eng
        .agent_cols
        .iter()
        .flatten()
        .map(|&j| eng.lp.cols[j as usize].tag.day)
        .filter(|&d| d != crate::model::lp::NO_DAY);
    let (lo, hi) = days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let span = if lo > hi { 0 } else { (hi - lo + 1) as usize };
    eng.agent_cols.len() * span
}

fn finish(eng: &Engine, st: State, bound: f64, unavoidable: f64) -> Outcome {
    let objective = eng.lp.objective(&st.x);
    // A rota that breaks a row of the model (stopped before every agent had
    // a roster that keeps its minimums) is proven nothing about.
    // A bound above the objective (beyond rounding) is no bound: report none
    // rather than clamp it into a false proof.
    let tolerance = 1e-6 * objective.abs().max(1.0);
    let bound = if eng.lp.violation(&st.x) <= 1e-6 && bound <= objective + tolerance {
        bound.min(objective)
    } else {
        f64::NEG_INFINITY
    };
    let gap = if objective.abs() > 1e-9 {
        ((objective - bound) / objective.abs()).max(0.0)
    } else {
        (objective - bound).max(0.0)
    };
    let status = if gap <= 1e-9 || objective - bound < 1e-6 {
        Status::Optimal
    } else if gap <= eng.opts.gap + 1e-12 {
        Status::WithinGap
    } else if stop::interrupted() {
        Status::Interrupted
    } else if eng.clock.fired() {
        Status::TimeLimit
    } else {
        Status::Budget
    };
    Outcome {
        status,
        objective,
        bound,
        gap,
        seconds: eng.clock.elapsed(),
        uncovered: eng.uncovered(&st.x),
        unavoidable,
        relaxed: eng.relaxed.clone(),
        work: eng.work,
        values: st.x,
    }
}

/// The head-count program's answer: agents per hub, and whether it is proven
/// the fewest (the node budget ran out before the bound met it otherwise).
pub struct HeadCount {
    pub counts: Vec<u32>,
    pub proven: bool,
    /// The safety net stopped the program (its answer then depends on the clock).
    pub timed_out: bool,
}

/// Solves `sunrota size`'s head-count program exactly, within a node budget
/// (deterministic) and `seconds` as the safety net; the HiGHS log on stderr
/// when `verbose`.
pub fn head_count(hc: &crate::model::headcount::HeadCount, seconds: f64, verbose: bool) -> Option<HeadCount> {
    let mut h = Highs::new(verbose);
    if !h.pass(&hc.lp, false) {
        return None;
    }
    let run = h.run(&Limits {
        nodes: Some(200_000),
        gap: 0.0,
        seconds,
        ..Limits::default()
    });
    let x = run.x?;
    let counts = hc.hubs.iter().map(|v| x[v.index()].round() as u32).collect();
    // Agents cost about one each: a bound within one agent of the objective
    // proves the count (the tie-breaks are below one agent in all).
    let proven = run.ended == Ended::Optimal || hc.lp.objective(&x) - run.bound < 0.5;
    Some(HeadCount {
        counts,
        proven,
        timed_out: run.ended == Ended::TimeLimit,
    })
}
