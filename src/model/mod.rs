//! The planning model: candidate shifts and elementary intervals (plain
//! data), and the mixed-integer program over them as a plain-data [`lp::Lp`]
//! — one binary per candidate shift ("agent works template on local day"),
//! hard rules per agent ([`rules`], [`oncall`]), coverage, demands and requests
//! in the objective ([`coverage`], [`fairness`]). [`extract`] turns solver
//! values back into a rota. Nothing here knows a solver.

mod builder;
pub mod candidates;
mod coverage;
mod extract;
mod fairness;
pub mod headcount;
pub mod intervals;
pub mod keep;
pub mod lp;
mod oncall;
pub mod repair;
pub mod rules;

use crate::config::Config;
use crate::history::Past;
use crate::time;
use builder::Builder;
use candidates::{candidates, Candidate};
use chrono::NaiveDate;
use coverage::{DemandCols, Short};
pub use extract::{ledger_lines, merge_gaps, rules_label};
use intervals::{intervals, Interval};
use lp::{Lp, Tag, Var};
use oncall::{CompVars, DutyVars};
use rules::{day_index, AgentCtx};
use std::collections::{BTreeMap, BTreeSet};

/// Size of the built model.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Stats {
    pub candidates: usize,
    pub intervals: usize,
    pub variables: usize,
    pub binaries: usize,
    pub constraints: usize,
    pub nonzeros: usize,
}

/// What the solver gets: the program, and the slacks of "at least" rules.
pub struct Problem {
    pub lp: Lp,
    /// Slack columns of "at least" rules (minimum hours, minimum runs) with
    /// their upper bounds. They are held at 0 — the rules are hard — unless
    /// the agent they belong to has no roster that keeps all its rules; then
    /// they open, priced far above every other cost, so a rota still exists.
    pub relaxable: Vec<(Var, f64)>,
    /// Coverage shortfall columns with the minutes one unit stands for:
    /// `Σ value × minutes` is the rota's uncovered agent-minutes.
    pub coverage: Vec<(Var, f64)>,
}

pub struct Model {
    pub cands: Vec<Candidate>,
    pub intervals: Vec<Interval>,
    pub stats: Stats,
    problem: Option<Problem>,
    /// Column of each candidate's binary.
    x: Vec<Var>,
    shorts: Vec<Short>,
    duty: DutyVars,
    comp: CompVars,
    past: Past,
    demands: DemandCols,
}

impl Model {
    /// Builds the model for `cfg`, continuing from `past` (earlier rotas; empty for a first rota).
    pub fn build(cfg: &Config, past: &Past) -> Model {
        Model::build_keeping(cfg, past, None)
    }

    /// As [`Model::build`], changing the rota `keep` as little as possible.
    pub fn build_keeping(cfg: &Config, past: &Past, keep: Option<&keep::Keep>) -> Model {
        let cands = candidates(cfg, &past.shifts);
        let ivs = intervals(cfg, &cands, &time::demand(cfg));
        let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
        let mut b = Builder::default();
        // An earlier rota's shift reaching into the window overstaffs it like any other.
        let mut earlier = 0.0;
        let x: Vec<Var> = cands
            .iter()
            .map(|c| {
                let tag = Tag::agent(c.agent, day_index(cfg, c.date));
                if c.fixed {
                    earlier += cfg.weights.overstaffed * c.minutes_inside(w0, w1);
                    b.constant_one(tag)
                } else {
                    let v = b.binary(tag);
                    b.cost(v, c.cost(&cfg.weights, w0, w1));
                    v
                }
            })
            .collect();
        let (shorts, overstaffing) = coverage::coverage(cfg, &mut b, &cands, &ivs, &x);
        let demands = coverage::shift_demands(cfg, &mut b, &cands, &x);
        let requested = coverage::requests(cfg, &mut b, &cands, &x);
        let comp = oncall::comp_vars(cfg, &mut b, past);
        for (a, range) in agent_ranges(&cands) {
            let ctx = agent_ctx(cfg, &mut b, &cands, &x, a, range, &comp[a], past);
            rules::agent_rules(&mut b, &ctx);
        }
        fairness::fairness(cfg, &mut b, past, &cands, &x);
        let duty_vars = oncall::holds(cfg, &mut b, past, &cands, &x);
        oncall::comp_rules(cfg, &mut b, past, &cands, &x, &duty_vars, &comp);
        let kept = keep.map_or(0.0, |k| keep::apply(cfg, &mut b, k, &cands, &x, &duty_vars, &comp));
        b.lp.offset = overstaffing + requested + earlier + kept;
        let stats = Stats {
            candidates: cands.len(),
            intervals: ivs.len(),
            variables: b.lp.num_cols(),
            binaries: b.binaries,
            constraints: b.lp.num_rows(),
            nonzeros: b.lp.nonzeros(),
        };
        let coverage = shorts
            .iter()
            .map(|s| (s.var, s.intervals.iter().map(|&i| ivs[i].seconds() as f64 / 60.0).sum()))
            .collect();
        Model {
            cands,
            intervals: ivs,
            stats,
            problem: Some(Problem {
                relaxable: std::mem::take(&mut b.relaxable),
                coverage,
                lp: b.lp,
            }),
            x,
            shorts,
            duty: duty_vars,
            comp,
            past: past.clone(),
            demands,
        }
    }

    /// Hands the problem to the solver (once).
    pub fn take_problem(&mut self) -> Option<Problem> {
        self.problem.take()
    }
}

/// Each agent's run of candidates (candidates are sorted by agent).
fn agent_ranges(cands: &[Candidate]) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < cands.len() {
        let a = cands[start].agent;
        let end = start + cands[start..].iter().take_while(|c| c.agent == a).count();
        out.push((a, start..end));
        start = end;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn agent_ctx<'a>(
    cfg: &'a Config,
    b: &mut Builder,
    cands: &'a [Candidate],
    x: &'a [Var],
    agent: usize,
    range: std::ops::Range<usize>,
    comp: &'a BTreeMap<NaiveDate, Var>,
    past: &Past,
) -> AgentCtx<'a> {
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for c in range.clone() {
        by_day.entry(cands[c].date).or_default().push(c);
    }
    let name = &cfg.agents[agent].name;
    let past_comp: BTreeSet<NaiveDate> = past.taken.iter().filter(|c| &c.agent == name).map(|c| c.date).collect();
    let weekends = rules::weekend_flags(b, cfg, agent, &by_day, x);
    AgentCtx {
        cfg,
        agent,
        cands,
        range,
        x,
        by_day,
        comp,
        past_comp,
        weekends,
    }
}
