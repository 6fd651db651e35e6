//! Runs HiGHS on a built problem and reports exactly how it finished:
//! optimal, within the requested gap, or stopped at the time limit with its
//! gap and best bound. With `model`, the only module that knows good_lp.
//!
//! Strategy, within the time limit T:
//! 0. a constructive rota (`model::greedy`), completed by the solver;
//! 1. the whole MIP for a quarter of T — small teams end here, proven optimal;
//! 2. otherwise fix-and-optimise (large-neighbourhood search): free the shifts
//!    of a window of days × a group of agents, fix the rest at the incumbent,
//!    re-solve, keep improvements, slide on — until 75 % of T;
//! 3. the whole MIP again, warm-started from the incumbent, for the rest,
//!    which improves the bound (and often the rota) — skipped, its time given
//!    to phase 2, when phase 1 got no bound at all (a root LP too big for T).
//!
//! The bound reported is the best proven in phases 1 and 3.

use crate::error::Error;
use good_lp::solvers::highs::highs;
use good_lp::{Constraint, Expression, ProblemVariables, SolverModel};
use highs::HighsModelStatus;
use std::fmt;
use std::time::Instant;

/// A problem ready for the solver.
pub struct Problem {
    pub vars: ProblemVariables,
    pub objective: Expression,
    pub constraints: Vec<Constraint>,
    /// The shift binaries, for choosing neighbourhoods.
    pub shifts: Vec<ShiftCol>,
    /// Constant added to the objective (good_lp drops expression constants).
    pub offset: f64,
    /// A first rota: a value per entry of `shifts` that keeps every hard rule.
    pub start: Vec<f64>,
    /// Finish by re-solving everything but the shifts to optimality (on-call
    /// holders and comp days: small, and their tie-breaks are finer than any
    /// useful MIP gap).
    pub polish: bool,
    /// Slack columns of "at least" rules, with their upper bounds: held at 0
    /// (the rules are hard) unless the whole model finds no rota in phase 1.
    pub soft: Vec<(usize, f64)>,
}

/// A shift binary: its column, day index and agent.
#[derive(Debug, Clone, Copy)]
pub struct ShiftCol {
    pub col: usize,
    pub day: i64,
    pub agent: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Seconds; `None` runs to the gap.
    pub time_limit: Option<f64>,
    /// Relative MIP gap at which to stop (0.001 = 0.1 %).
    pub gap: f64,
    /// Solver threads; `None` lets HiGHS decide.
    pub threads: Option<u32>,
    /// Print the solver log to stderr.
    pub verbose: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            time_limit: Some(60.0),
            gap: 0.001,
            threads: None,
            verbose: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proven optimal.
    Optimal,
    /// Stopped once proven within the requested gap of optimal.
    WithinGap,
    /// Stopped by the time limit with a feasible rota.
    TimeLimit,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Optimal => "optimal",
            Status::WithinGap => "within-gap",
            Status::TimeLimit => "time-limit",
        })
    }
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    pub objective: f64,
    pub bound: f64,
    /// Relative gap (fraction).
    pub gap: f64,
    pub seconds: f64,
    values: Vec<f64>,
}

impl Outcome {
    /// Value of column `col` (good_lp numbers columns in the order variables were added).
    pub fn value(&self, col: usize) -> f64 {
        self.values.get(col).copied().unwrap_or(0.0)
    }
}

/// One HiGHS run.
struct Run {
    proven: bool,
    objective: f64,
    bound: f64,
    values: Option<Vec<f64>>,
}

struct Engine {
    model: Option<highs::Model>,
    cols: usize,
}

impl Engine {
    fn run(&mut self, seconds: f64, gap: f64, start: Option<&[f64]>) -> Result<Run, Error> {
        let mut model = self.model.take().ok_or_else(|| Error::Solver("model lost".into()))?;
        model.set_option("time_limit", seconds.max(0.05));
        model.set_option("mip_rel_gap", gap);
        if let Some(values) = start {
            let _ = model.try_set_solution(Some(values), None, None, None);
        }
        let solved = model.try_solve().map_err(|e| Error::Solver(format!("{e:?}")))?;
        let status = solved.status();
        let proven = match status {
            HighsModelStatus::Optimal | HighsModelStatus::ObjectiveBound | HighsModelStatus::ObjectiveTarget => true,
            HighsModelStatus::ReachedTimeLimit
            | HighsModelStatus::ReachedIterationLimit
            | HighsModelStatus::ReachedSolutionLimit
            | HighsModelStatus::ReachedInterrupt => false,
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
                // Keep the model: an infeasible step (a fixed start that breaks
                // a rule) must not cost the runs after it.
                self.model = Some(highs::Model::from(solved));
                return Err(Error::Solver(
                    "the work rules cannot all hold at once (infeasible)".into(),
                ));
            }
            other => return Err(Error::Solver(format!("HiGHS stopped with status {other:?}"))),
        };
        let has = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
        let objective = if has { solved.objective_value() } else { f64::INFINITY };
        let bound = solved.double_info_value(c"mip_dual_bound").unwrap_or(f64::NEG_INFINITY);
        let values = has.then(|| solved.get_solution().columns().to_vec());
        self.model = Some(highs::Model::from(solved));
        Ok(Run {
            proven,
            objective,
            bound,
            values,
        })
    }

    /// Sets each shift binary: `Some(v)` fixes it at `v`, `None` frees it to `[0, 1]`.
    fn fix(&mut self, shifts: &[ShiftCol], value: impl Fn(usize, &ShiftCol) -> Option<f64>) {
        for (i, s) in shifts.iter().enumerate() {
            let (lo, hi) = value(i, s).map_or((0.0, 1.0), |v| (v, v));
            self.bounds(s.col, lo, hi);
        }
    }

    /// Opens the soft slacks (to their upper bounds) or closes them (at 0).
    fn soften(&mut self, soft: &[(usize, f64)], open: bool) {
        for &(col, hi) in soft {
            self.bounds(col, 0.0, if open { hi } else { 0.0 });
        }
    }

    /// Sets the bounds of column `col` to `[lo, hi]`.
    fn bounds(&mut self, col: usize, lo: f64, hi: f64) {
        if let Some(m) = self.model.as_mut() {
            if col < self.cols {
                // SAFETY: the pointer is the live HiGHS object owned by `m`, and
                // `col` is a valid column index (checked above).
                unsafe {
                    highs_sys::Highs_changeColBounds(m.as_mut_ptr(), col as highs_sys::HighsInt, lo, hi);
                }
            }
        }
    }
}

/// Solves `problem` with HiGHS (see the module doc for the strategy).
pub fn solve(problem: Problem, opts: &Options) -> Result<Outcome, Error> {
    let clock = Instant::now();
    let total = opts.time_limit.unwrap_or(f64::INFINITY);
    let left = |clock: &Instant| total - clock.elapsed().as_secs_f64();
    let shifts = problem.shifts;
    let greedy = problem.start;
    let offset = problem.offset;
    let problem_polish = problem.polish;
    let soft = problem.soft;
    let mut hp = problem.vars.minimise(problem.objective).using(highs);
    for c in problem.constraints {
        hp.add_constraint(c);
    }
    let mut model = hp.try_into_inner().map_err(|e| Error::Solver(e.to_string()))?;
    // SAFETY: the pointer is the live HiGHS object owned by `model`.
    unsafe {
        highs_sys::Highs_changeObjectiveOffset(model.as_mut_ptr(), offset);
    }
    let cols = model.num_cols();
    model.set_option("output_flag", opts.verbose);
    model.set_option("log_to_console", opts.verbose);
    model.set_option("random_seed", 0);
    if let Some(n) = opts.threads {
        model.set_option("threads", n as i32);
    }
    let mut eng = Engine {
        model: Some(model),
        cols,
    };

    // Phase 0: the constructive rota, completed by the solver (every shift
    // fixed, so this is quick). A failure here only means no head start.
    // "At least" rules may fall short here (priced), so that a rota exists
    // even when they are hard to meet; the later phases hold them to 0.
    let mut best: Option<(f64, Vec<f64>)> = None;
    let mut fallback: Option<(f64, Vec<f64>)> = None;
    if greedy.len() == shifts.len() && !shifts.is_empty() {
        eng.soften(&soft, true);
        eng.fix(&shifts, |i, _| Some(greedy[i]));
        let limit = if total.is_finite() {
            (total * 0.1).max(0.5)
        } else {
            60.0
        };
        if let Ok(run) = eng.run(limit, opts.gap, None) {
            let found = run.values.map(|v| (run.objective, v));
            let short = found
                .as_ref()
                .is_some_and(|(_, v)| soft.iter().any(|&(c, _)| v[c] > 1e-6));
            if short {
                fallback = found;
            } else {
                best = found;
            }
        }
        eng.fix(&shifts, |_, _| None);
        eng.soften(&soft, false);
    }

    // Phase 1: the whole problem, from the constructive rota.
    let phase1 = if total.is_finite() {
        (total * 0.25 - clock.elapsed().as_secs_f64()).max(0.1)
    } else {
        total
    };
    let start = best.as_ref().map(|(_, v)| v.clone());
    let first = match eng.run(phase1, opts.gap, start.as_deref()) {
        Ok(run) => run,
        // Infeasible with the "at least" rules hard: the fallback below takes over.
        Err(_) if fallback.is_some() => Run {
            proven: false,
            objective: f64::INFINITY,
            bound: f64::NEG_INFINITY,
            values: None,
        },
        Err(e) => return Err(e),
    };
    let mut bound = first.bound;
    if let Some(v) = first.values {
        if best.as_ref().is_none_or(|(obj, _)| first.objective <= *obj) {
            best = Some((first.objective, v));
        }
    }
    // No rota at all with the "at least" rules hard: let them fall short
    // (priced) from here on, starting from the constructive rota.
    if best.is_none() && fallback.is_some() {
        eng.soften(&soft, true);
        best = fallback.take();
    }
    let within = |obj: f64, bound: f64| obj - bound <= opts.gap * obj.abs().max(1e-9) + 1e-9;
    if first.proven {
        if let Some((objective, values)) = best {
            let (objective, values) = if problem_polish {
                polish(&mut eng, &shifts, objective, values, left(&clock))
            } else {
                (objective, values)
            };
            return Ok(finish(Status::Optimal, objective, bound, values, &clock));
        }
    }

    // Phase 2: fix-and-optimise while the incumbent is not proven good enough.
    if !shifts.is_empty() {
        let hoods = neighbourhoods(&shifts);
        let sub_time = if total.is_finite() {
            (total * 0.05).clamp(0.5, 10.0)
        } else {
            10.0
        };
        let mut idle = 0;
        let mut k = 0;
        // When the whole model did not even get past its root LP (no bound
        // beyond the trivial one), a final whole-model run would not either:
        // give its time to fix-and-optimise.
        let reserve = if bound > offset + 1e-6 { total * 0.25 } else { 0.0 };
        while left(&clock) > reserve + 0.1 && idle < hoods.len() {
            if let Some((obj, _)) = &best {
                if within(*obj, bound) {
                    break;
                }
            }
            let free = &hoods[k % hoods.len()];
            k += 1;
            eng.fix(&shifts, |_, s| {
                let kept = best.as_ref().map_or(0.0, |(_, v)| v[s.col].round());
                free.binary_search(&s.col).is_err().then_some(kept)
            });
            let start = best.as_ref().map(|(_, v)| v.as_slice());
            let limit = sub_time.min(left(&clock) - reserve).max(0.1);
            // A neighbourhood can be infeasible with the rest fixed (before any
            // incumbent, everything else is fixed at 0, which rules with a
            // minimum — total hours, runs — may forbid): no improvement, go on.
            let Ok(run) = eng.run(limit, 1e-4, start) else {
                idle += 1;
                continue;
            };
            match (run.values, &best) {
                (Some(v), Some((obj, _))) if run.objective < *obj - 1e-6 => {
                    best = Some((run.objective, v));
                    idle = 0;
                }
                (Some(v), None) => {
                    best = Some((run.objective, v));
                    idle = 0;
                }
                _ => idle += 1,
            }
        }
        eng.fix(&shifts, |_, _| None);
    }

    // Phase 3: the whole problem again, from the incumbent (when time is left).
    let rest = left(&clock).max(0.1);
    let start = best.as_ref().map(|(_, v)| v.clone());
    let last = if rest > 0.2 || best.is_none() {
        eng.run(rest, opts.gap, start.as_deref())?
    } else {
        Run {
            proven: false,
            objective: f64::INFINITY,
            bound: f64::NEG_INFINITY,
            values: None,
        }
    };
    bound = bound.max(last.bound);
    if let Some(v) = last.values {
        if best.as_ref().is_none_or(|(obj, _)| last.objective <= *obj) {
            best = Some((last.objective, v));
        }
    }
    let (objective, values) = best.ok_or_else(|| {
        Error::Solver(format!(
            "no rota found within the time limit ({total:.0} s); raise --time-limit"
        ))
    })?;
    let (objective, values) = if problem_polish {
        polish(&mut eng, &shifts, objective, values, left(&clock))
    } else {
        (objective, values)
    };
    let status = if last.proven && objective <= last.objective + 1e-6 {
        Status::Optimal
    } else if within(objective, bound) {
        Status::WithinGap
    } else {
        Status::TimeLimit
    };
    Ok(finish(status, objective, bound, values, &clock))
}

/// Shifts fixed at the incumbent, everything else solved to a zero gap;
/// keeps the better of the two.
fn polish(eng: &mut Engine, shifts: &[ShiftCol], objective: f64, values: Vec<f64>, left: f64) -> (f64, Vec<f64>) {
    eng.fix(shifts, |_, s| Some(values[s.col].round()));
    let limit = left.clamp(0.2, 2.0);
    let better = match eng.run(limit, 0.0, Some(&values)) {
        Ok(Run {
            objective: o,
            values: Some(v),
            ..
        }) if o < objective - 1e-9 => Some((o, v)),
        _ => None,
    };
    eng.fix(shifts, |_, _| None);
    better.unwrap_or((objective, values))
}

fn finish(status: Status, objective: f64, bound: f64, values: Vec<f64>, clock: &Instant) -> Outcome {
    let bound = bound.min(objective);
    let gap = if objective.abs() > 1e-9 {
        ((objective - bound) / objective.abs()).max(0.0)
    } else {
        0.0
    };
    let status = if status == Status::Optimal && gap > 1e-9 {
        Status::WithinGap
    } else {
        status
    };
    Outcome {
        status,
        objective,
        bound,
        gap,
        seconds: clock.elapsed().as_secs_f64(),
        values,
    }
}

/// Neighbourhoods: windows of days (half-overlapping) × groups of agents,
/// sized to about 600 free binaries each, or an eighth of the model when it
/// is large (each step re-presolves the whole model, so tiny steps waste it);
/// then, for horizons longer than a window, the whole horizon × small groups
/// of agents. Deterministic.
fn neighbourhoods(shifts: &[ShiftCol]) -> Vec<Vec<usize>> {
    let target = (shifts.len() / 8).max(600);
    let days = shifts.iter().map(|s| s.day).max().unwrap_or(0) + 1;
    let agents = shifts.iter().map(|s| s.agent).max().unwrap_or(0) + 1;
    let per_cell = (shifts.len() as f64 / (days as f64 * agents as f64)).max(1.0);
    let len = days.clamp(1, 14);
    let group = ((target as f64 / (len as f64 * per_cell)).floor() as usize).clamp(1, agents);
    // Interleave agents so each group mixes zones (agents are listed by hub).
    let stride = agents.div_ceil(group);
    let groups: Vec<Vec<usize>> = (0..stride).map(|g| (g..agents).step_by(stride).collect()).collect();
    let step = (len / 2).max(1);
    let mut out = Vec::new();
    let mut w = 0;
    loop {
        for g in &groups {
            let mut cols: Vec<usize> = shifts
                .iter()
                .filter(|s| s.day >= w && s.day < w + len && g.binary_search(&s.agent).is_ok())
                .map(|s| s.col)
                .collect();
            cols.sort_unstable();
            if !cols.is_empty() {
                out.push(cols);
            }
        }
        if w + len >= days {
            break;
        }
        w += step;
    }
    // Whole-horizon neighbourhoods of a few agents each: rules that span the
    // horizon (total hours, per-template caps, weekends) leave a window of
    // days little to move, while trading work between agents is free.
    if days > len {
        let size = ((target as f64 / (days as f64 * per_cell)).floor() as usize).clamp(2, agents.max(2));
        let stride = agents.div_ceil(size);
        for g in 0..stride {
            let members: Vec<usize> = (g..agents).step_by(stride).collect();
            let mut cols: Vec<usize> = shifts
                .iter()
                .filter(|s| members.binary_search(&s.agent).is_ok())
                .map(|s| s.col)
                .collect();
            cols.sort_unstable();
            if !cols.is_empty() {
                out.push(cols);
            }
        }
    }
    out
}
