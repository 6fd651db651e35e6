//! Pricing: each agent's best whole roster at the master's duals — the
//! agent's movable columns under all of its own rows, every column priced
//! at its reduced cost. This is the exact per-agent sub-model (every rule
//! the model has, on-call holds and comp days included), solved by HiGHS
//! within a node budget; its proven bound is what the Dantzig–Wolfe bound
//! adds up, so a pricing run stopped early still gives a valid bound.
//!
//! [`price_all`] prices `threads` agents at a time, one HiGHS instance
//! each, and returns the answers in agent order: the same answers for the
//! same input whatever the load.

use super::highs::{Ended, Highs, Limits};
use super::master::Split;
use super::stop::Clock;
use crate::model::lp::{ByColumn, Lp};

/// One agent's pricing model: its movable columns and its own rows, the
/// constant columns moved into the row bounds. Costs are set per round.
#[derive(Debug, Clone)]
pub struct Pricer {
    pub agent: usize,
    /// The full model's column of each pricing column.
    pub cols: Vec<u32>,
    pub lp: Lp,
}

impl Pricer {
    /// Agent `agent`'s model over `cols` (its movable columns, sorted or not).
    pub fn new(lp: &Lp, split: &Split, agent: usize, cols: &[u32], pos: &mut [u32]) -> Pricer {
        for (i, &j) in cols.iter().enumerate() {
            pos[j as usize] = i as u32;
        }
        let mut sub = Lp::new();
        sub.cols = cols.iter().map(|&j| lp.cols[j as usize]).collect();
        for &r in &split.agent_rows[agent] {
            let (idx, val) = lp.row(r as usize);
            let mut constant = 0.0;
            for (&j, &a) in idx.iter().zip(val) {
                if pos[j as usize] == u32::MAX {
                    constant += a * lp.cols[j as usize].lo;
                } else {
                    sub.index.push(pos[j as usize]);
                    sub.value.push(a);
                }
            }
            sub.row_lo.push(lp.row_lo[r as usize] - constant);
            sub.row_hi.push(lp.row_hi[r as usize] - constant);
            sub.start.push(sub.index.len());
        }
        for &j in cols {
            pos[j as usize] = u32::MAX;
        }
        Pricer {
            agent,
            cols: cols.to_vec(),
            lp: sub,
        }
    }

    /// Each column's reduced cost at sanitized linking duals `y`.
    pub fn costs(&self, lp: &Lp, t: &ByColumn, split: &Split, y: &[f64]) -> Vec<f64> {
        self.cols.iter().map(|&j| split.reduced(lp, t, y, j as usize)).collect()
    }
}

/// What one pricing run found.
#[derive(Debug, Clone)]
pub struct Priced {
    /// The best roster found (the pricing model's columns), if any.
    pub x: Option<Vec<f64>>,
    /// A proven lower bound on every roster's reduced cost (−∞: none).
    pub bound: f64,
}

impl Priced {
    /// A run that found nothing and proves nothing.
    pub fn failed() -> Priced {
        Priced {
            x: None,
            bound: f64::NEG_INFINITY,
        }
    }
}

/// One pricing run to do: the pricer, its reduced costs, its start.
pub type Job<'a> = (&'a Pricer, Vec<f64>, Option<Vec<f64>>);

/// Work limits of one pricing run: (nodes, LP iterations).
pub type Effort = (i64, i64);

/// Solves `p` at reduced costs `d`, from `start` when given.
pub fn price(p: &Pricer, d: &[f64], start: Option<&[f64]>, (nodes, lp): Effort, clock: &Clock) -> Priced {
    let mut m = p.lp.clone();
    for (c, &v) in m.cols.iter_mut().zip(d) {
        c.cost = v;
    }
    let mut h = Highs::new(false);
    if !h.pass(&m, false) {
        return Priced::failed();
    }
    if let Some(s) = start {
        h.set_start(s);
    }
    let run = h.run(&Limits {
        nodes: Some(nodes),
        lp_iterations: Some(lp),
        gap: 1e-9,
        seconds: clock.left(),
        ..Limits::default()
    });
    if run.ended == Ended::TimeLimit {
        clock.fire();
    }
    let x = run
        .x
        .map(|mut y| {
            crate::model::lp::clean(&m, &mut y);
            y
        })
        .filter(|y| m.violation(y) <= 1e-6);
    let value = x.as_ref().map_or(f64::INFINITY, |y| m.objective(y));
    // A model without rows or integers is solved exactly as an LP by HiGHS:
    // then the value found is the bound.
    let bound = if run.ended == Ended::Optimal && !m.cols.iter().any(|c| c.integer) {
        value
    } else {
        run.bound.min(value)
    };
    Priced { x, bound }
}

/// Prices `jobs` (pricer, reduced costs, start) `threads` at a time; the
/// answers in the order of `jobs`.
pub fn price_all(jobs: &[Job], effort: Effort, threads: usize, clock: &Clock) -> Vec<Priced> {
    let mut out = Vec::with_capacity(jobs.len());
    for chunk in jobs.chunks(threads.max(1)) {
        if chunk.len() == 1 {
            let (p, d, s) = &chunk[0];
            out.push(price(p, d, s.as_deref(), effort, clock));
            continue;
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|(p, d, s)| scope.spawn(move || price(p, d, s.as_deref(), effort, clock)))
                .collect();
            for h in handles {
                out.push(h.join().unwrap_or_else(|_| Priced::failed()));
            }
        });
    }
    out
}
