//! Column generation over whole agent rosters (Dantzig–Wolfe by agent).
//!
//! 1. **First pricing round** (the construction, [`Cg::probe`]): every
//!    agent's best roster at the compact LP's duals is its first column, and
//!    the Lagrangian bound there is the first bound (the engine's choice is
//!    made on it, see `solve::engine`). When some agent gets no roster
//!    there, column generation does not run and the construction (which
//!    tries harder, then opens that agent's minimums) takes over.
//! 2. **Rounds**: the master LP over the pool (HiGHS, warm-started as
//!    columns are added); its duals, smoothed towards the duals of the best
//!    bound so far (Wentges), price every agent; a roster with a negative
//!    reduced cost at the master's own duals joins the pool. Each round's
//!    pricing bounds give the Dantzig–Wolfe bound ([`master::lagrangian`]).
//!    It ends when the bound meets the master, when no agent prices out, or
//!    on its round budget.
//! 3. **Price and branch**: the master as a MIP over the pool gives the
//!    first rota, which the improvement (LNS) then takes on.
//!
//! Pricing runs `--threads` agents at a time and merges in agent order, and
//! every limit is work (rounds, nodes, iterations), so the result is the
//! same for the same input and `--threads` under any load.

use super::highs::{Ended, Highs, Limits, NewCol};
use super::master::{self, Roster, Split};
use super::pricing::{self, Priced, Pricer};
use super::sub::State;
use super::Engine;
use std::collections::HashSet;

/// What column generation hands on.
pub struct Generated {
    /// The price-and-branch rota, when the master MIP found one that keeps every row.
    pub st: Option<State>,
    /// The Dantzig–Wolfe bound (−∞ when none could be proven).
    pub bound: f64,
    /// The master LP's values as a full assignment (steers the improvement).
    pub guide: Option<Vec<f64>>,
}

/// The master LP's answer.
struct Answer {
    /// Its objective with the model's constant.
    z: f64,
    /// Sanitized duals of the linking rows.
    y: Vec<f64>,
    /// Duals of the convexity rows.
    mu: Vec<f64>,
    /// Column values: shared, artificial, then the pool's rosters.
    x: Vec<f64>,
}

/// Column generation's state: the split, a pricer per agent, the pool.
pub struct Cg {
    split: Split,
    pricers: Vec<Pricer>,
    pool: Vec<Roster>,
    seen: HashSet<(usize, Vec<(u32, u64)>)>,
    /// Per agent: its last roster (the start of its next pricing run).
    last: Vec<Option<Vec<f64>>>,
    /// Master columns before the pool's (shared and artificial).
    fixed_cols: usize,
    master: Option<Highs>,
    /// Best bound so far, and the duals that gave it (the stability centre).
    best: f64,
    centre: Option<Vec<f64>>,
    /// Pricing runs and their LP iterations (for the trace).
    priced: usize,
}

/// Column generation on the engine's model, started by [`Cg::probe`] (see
/// the module doc).
impl Cg {
    /// Everything after the first pricing round: the rounds, then price and branch.
    pub fn generate(mut self, eng: &mut Engine) -> Generated {
        if !self.pass_master(eng) {
            return self.nothing();
        }
        let last = self.rounds(eng);
        let guide = last.as_ref().map(|a| self.assemble(eng, &a.x, 0.0));
        let st = self.branch(eng, last.as_ref().map(|a| a.x.as_slice()));
        if eng.trace {
            crate::stderrln!(
                "trace: {:8.3}s cg done: {} columns, {} pricing runs, bound {}, rota {}",
                eng.clock.elapsed(),
                self.pool.len(),
                self.priced,
                self.best,
                st.as_ref().map_or(f64::NAN, |s| s.obj)
            );
        }
        Generated {
            st,
            bound: self.best,
            guide,
        }
    }

    /// What a run that found no rosters hands on: its bound alone.
    fn nothing(&self) -> Generated {
        Generated {
            st: None,
            bound: self.best,
            guide: None,
        }
    }
}

impl Cg {
    pub fn new(eng: &Engine) -> Cg {
        let agents = eng.agent_cols.len();
        let split = Split::new(&eng.lp, agents);
        let mut pos = vec![u32::MAX; eng.lp.num_cols()];
        let pricers = (0..agents)
            .map(|a| Pricer::new(&eng.lp, &split, a, &eng.agent_cols[a], &mut pos))
            .collect();
        Cg {
            fixed_cols: split.shared.len() + 2 * split.hard.len(),
            split,
            pricers,
            pool: Vec::new(),
            seen: HashSet::new(),
            last: vec![None; agents],
            master: None,
            best: f64::NEG_INFINITY,
            centre: None,
            priced: 0,
        }
    }

    /// The first pricing round at the compact LP's row duals `lp_y`: every
    /// agent's best roster joins the pool, and the Lagrangian bound at those
    /// duals becomes the best bound and the stability centre. That bound
    /// (−∞ when some agent has no roster).
    pub fn probe(&mut self, eng: &mut Engine, lp_y: &[f64]) -> f64 {
        let mut y: Vec<f64> = self.split.link.iter().map(|&r| lp_y[r as usize]).collect();
        self.split.sanitize(&mut y);
        let priced = self.price(eng, &y);
        // An agent without a roster here is left to the construction, which
        // tries harder before it opens the agent's minimums.
        if priced.iter().any(|p| p.x.is_none()) {
            return f64::NEG_INFINITY;
        }
        self.bound(eng, &y, &priced);
        self.take(eng, priced);
        self.best
    }

    /// Puts each agent's first roster into the pool.
    fn take(&mut self, eng: &Engine, priced: Vec<Priced>) {
        for (agent, p) in priced.into_iter().enumerate() {
            if let Some(x) = p.x {
                self.add(eng, agent, &x);
            }
        }
    }

    /// Passes the master over the pool to HiGHS (kept for the rounds).
    fn pass_master(&mut self, eng: &Engine) -> bool {
        if self.pool.len() < self.pricers.len() {
            return false;
        }
        let m = master::master(&eng.lp, &self.split, &self.pool, false, false);
        let mut h = Highs::new(eng.opts.verbose);
        if !h.pass(&m, true) {
            return false;
        }
        self.master = Some(h);
        true
    }

    /// Adds agent `a`'s roster `x` to the pool (once); returns its column.
    fn add(&mut self, eng: &Engine, a: usize, x: &[f64]) -> Option<NewCol> {
        self.last[a] = Some(x.to_vec());
        let r = Roster::new(&eng.lp, &eng.t, &self.split, a, &self.pricers[a].cols, x);
        let key = (a, r.x.iter().map(|&(j, v)| (j, v.to_bits())).collect());
        if !self.seen.insert(key) {
            return None;
        }
        let col = master::column(&self.split, &r);
        self.pool.push(r);
        Some(col)
    }

    /// Prices every agent at sanitized duals `y`, `--threads` at a time.
    fn price(&mut self, eng: &Engine, y: &[f64]) -> Vec<Priced> {
        let jobs: Vec<pricing::Job> = self
            .pricers
            .iter()
            .map(|p| (p, p.costs(&eng.lp, &eng.t, &self.split, y), self.last[p.agent].clone()))
            .collect();
        let effort = (eng.budget.construct_nodes, eng.budget.construct_lp);
        self.priced += jobs.len();
        pricing::price_all(&jobs, effort, eng.opts.threads, eng.clock)
    }

    /// Solves a master LP (`m`, or the kept master when `None`).
    fn solve_lp(&mut self, eng: &Engine, m: &crate::model::lp::Lp, cost: Option<&[f64]>) -> Option<Answer> {
        let mut fresh;
        let h = match self.master.as_mut() {
            Some(h) if cost.is_some() => h,
            _ => {
                fresh = Highs::new(eng.opts.verbose);
                if !fresh.pass(m, true) {
                    return None;
                }
                &mut fresh
            }
        };
        let run = h.run(&Limits {
            simplex_iterations: Some(eng.budget.lp_iterations),
            seconds: eng.clock.left(),
            ..Limits::default()
        });
        if run.ended == Ended::TimeLimit {
            eng.clock.fire();
        }
        let x = run.x?;
        let duals = run.duals?;
        let n = self.split.link.len();
        let mut y = duals[..n].to_vec();
        self.split.sanitize(&mut y);
        let costs: Vec<f64> = match cost {
            Some(c) => c.to_vec(),
            None => m.cols.iter().map(|c| c.cost).collect(),
        };
        let z = self.split.constant + costs.iter().zip(&x).map(|(c, v)| c * v).sum::<f64>();
        Some(Answer {
            z,
            y,
            mu: duals[n..].to_vec(),
            x,
        })
    }

    /// The master's column costs: shared and artificial, then the pool's.
    fn master_costs(&self, eng: &Engine) -> Vec<f64> {
        let m = master::master(&eng.lp, &self.split, &[], false, true);
        let mut c: Vec<f64> = m.cols.iter().map(|c| c.cost).collect();
        c.extend(self.pool.iter().map(|r| r.cost));
        c
    }

    /// The rounds (see the module doc); the master's last answer.
    fn rounds(&mut self, eng: &mut Engine) -> Option<Answer> {
        let mut costs = self.master_costs(eng);
        let empty = crate::model::lp::Lp::new();
        let mut alpha = STABILITY;
        let mut last = None;
        for round in 1..=eng.budget.cg_rounds {
            let a = self.solve_lp(eng, &empty, Some(&costs))?;
            let tol = 1e-7 * a.z.abs().max(1.0);
            // The bound is as good as the LP's optimum can make it (to a
            // quarter of the gap a rota is accepted within).
            let closed = (a.z - self.best).max(0.0) <= (0.25 * eng.opts.gap * a.z.abs()).max(tol);
            if closed || eng.clock.stop() {
                return Some(a);
            }
            let y = self.smoothed(&a.y, alpha);
            let priced = self.price(eng, &y);
            self.bound(eng, &y, &priced);
            let added = self.grow(eng, &a, &priced, tol, &mut costs);
            self.trace(eng, round, &a, added, alpha);
            let misprice = added == 0;
            if misprice && alpha == 0.0 {
                return Some(a);
            }
            alpha = if misprice { 0.0 } else { STABILITY };
            last = Some(a);
        }
        last
    }

    /// Duals to price at: `alpha` of the way from the master's to the centre.
    fn smoothed(&self, y: &[f64], alpha: f64) -> Vec<f64> {
        let mut out = match &self.centre {
            Some(c) if alpha > 0.0 => c.iter().zip(y).map(|(c, y)| alpha * c + (1.0 - alpha) * y).collect(),
            _ => y.to_vec(),
        };
        self.split.sanitize(&mut out);
        out
    }

    /// The round's Dantzig–Wolfe bound; keeps the best and its duals.
    fn bound(&mut self, eng: &Engine, y: &[f64], priced: &[Priced]) {
        let lbs: Vec<f64> = priced.iter().map(|p| p.bound).collect();
        if lbs.iter().any(|b| !b.is_finite()) {
            return;
        }
        let b = master::lagrangian(&eng.lp, &eng.t, &self.split, y, &lbs);
        if b > self.best {
            self.best = b;
            self.centre = Some(y.to_vec());
        }
    }

    /// Adds every priced roster with a negative reduced cost at the
    /// master's duals to the pool and the master; returns how many.
    fn grow(&mut self, eng: &Engine, a: &Answer, priced: &[Priced], tol: f64, costs: &mut Vec<f64>) -> usize {
        let mut cols = Vec::new();
        for (agent, p) in priced.iter().enumerate() {
            let Some(x) = &p.x else { continue };
            let r = Roster::new(&eng.lp, &eng.t, &self.split, agent, &self.pricers[agent].cols, x);
            if r.reduced(&a.y, a.mu[agent]) < -tol {
                if let Some(c) = self.add(eng, agent, x) {
                    costs.push(c.0);
                    cols.push(c);
                }
            }
        }
        if let Some(h) = self.master.as_mut() {
            if !cols.is_empty() && !h.add_cols(&cols) {
                return 0;
            }
        }
        cols.len()
    }

    fn trace(&self, eng: &Engine, round: usize, a: &Answer, added: usize, alpha: f64) {
        eng.progress.update(&super::progress::Snapshot {
            phase: "price",
            done: round,
            total: eng.budget.cg_rounds,
            uncovered: f64::NAN,
            objective: a.z,
            bound: self.best,
        });
        if eng.trace {
            crate::stderrln!(
                "trace: {:8.3}s cg round {round}: master {:.3} bound {:.3} columns {} added {added} alpha {alpha}",
                eng.clock.elapsed(),
                a.z,
                self.best,
                self.pool.len()
            );
        }
    }

    /// A full assignment from master values `x` (rosters weighted by their
    /// values); columns no roster sets stay at `base`, clamped to their bounds.
    fn assemble(&self, eng: &Engine, x: &[f64], base: f64) -> Vec<f64> {
        let mut full: Vec<f64> = eng.lp.cols.iter().map(|c| base.clamp(c.lo, c.hi)).collect();
        // A roster carries every value of its agent's movable columns.
        for &j in self.pricers.iter().flat_map(|p| &p.cols) {
            full[j as usize] = 0.0;
        }
        for (i, &j) in self.split.shared.iter().enumerate() {
            full[j as usize] = x[i];
        }
        for (r, &w) in self.pool.iter().zip(&x[self.fixed_cols..]) {
            if w != 0.0 {
                for &(j, v) in &r.x {
                    full[j as usize] += w * v;
                }
            }
        }
        full
    }

    /// Rounds the master's values `x`: each agent takes its heaviest
    /// roster. The rota, with the shared columns re-optimised, and the
    /// master values it stands for.
    fn round_off(&self, eng: &mut Engine, x: &[f64]) -> (State, Vec<f64>) {
        let mut pick = vec![(f64::NEG_INFINITY, usize::MAX); self.pricers.len()];
        for (k, (r, &w)) in self.pool.iter().zip(&x[self.fixed_cols..]).enumerate() {
            if w > pick[r.agent].0 {
                pick[r.agent] = (w, k);
            }
        }
        let mut m = vec![0.0; self.fixed_cols + self.pool.len()];
        for &(_, k) in &pick {
            if k != usize::MAX {
                m[self.fixed_cols + k] = 1.0;
            }
        }
        let mut st = State::new(&eng.lp, self.assemble(eng, &m, 0.0));
        eng.complete(&mut st);
        for (i, &j) in self.split.shared.iter().enumerate() {
            m[i] = st.x[j as usize];
        }
        (st, m)
    }

    /// Price and branch: the master LP rounded off, then the master as a
    /// MIP over the pool from that start; the better rota that keeps every row.
    fn branch(&mut self, eng: &mut Engine, lp_x: Option<&[f64]>) -> Option<State> {
        let rounded = lp_x.map(|x| self.round_off(eng, x));
        if eng.clock.stop() {
            return rounded.map(|r| r.0);
        }
        let m = master::master(&eng.lp, &self.split, &self.pool, true, false);
        let mut h = Highs::new(eng.opts.verbose);
        if !h.pass(&m, false) {
            return rounded.map(|r| r.0);
        }
        if let Some((_, start)) = &rounded {
            h.set_start(start);
        }
        let run = h.run(&Limits {
            nodes: Some(eng.budget.construct_nodes),
            lp_iterations: Some(eng.budget.bound_lp),
            gap: eng.opts.gap,
            seconds: eng.clock.left(),
            ..Limits::default()
        });
        if run.ended == Ended::TimeLimit {
            eng.clock.fire();
        }
        let mipped = run.x.map(|mut x| {
            crate::model::lp::clean(&m, &mut x);
            let mut full = self.assemble(eng, &x, 0.0);
            crate::model::lp::clean(&eng.lp, &mut full);
            let mut st = State::new(&eng.lp, full);
            eng.complete(&mut st);
            st
        });
        if eng.trace {
            crate::stderrln!(
                "trace: {:8.3}s cg master MIP {:?}: rounded {}, MIP {}",
                eng.clock.elapsed(),
                run.ended,
                rounded.as_ref().map_or(f64::NAN, |r| r.0.obj),
                mipped.as_ref().map_or(f64::NAN, |s| s.obj)
            );
        }
        [rounded.map(|r| r.0), mipped]
            .into_iter()
            .flatten()
            .filter(|st| eng.lp.violation(&st.x) <= 1e-6)
            .min_by(|a, b| a.obj.total_cmp(&b.obj))
    }
}

/// How far pricing duals lean towards the best bound's duals (Wentges).
const STABILITY: f64 = 0.5;
