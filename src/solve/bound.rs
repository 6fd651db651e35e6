//! Lower bounds on every rota's objective, so the status can prove what it
//! says and the gaps can say whether they are unavoidable.
//!
//! * Any row duals `y` give a bound by weak duality — `offset + Σ_r (y_r⁺
//!   lo_r − y_r⁻ hi_r) + Σ_j min(d_j lo_j, d_j hi_j)` with reduced costs
//!   `d = c − Aᵀy` — whatever the solver's tolerances or where it stopped.
//!   [`dual_bound`] computes it ourselves from HiGHS's duals.
//! * Small models (up to `Budget::whole_nonzeros`): the LP relaxation first,
//!   then a node-limited run of the whole model from the incumbent, whose
//!   branch-and-bound bound HiGHS reports.
//! * Large models: the model relaxed by weeks — every row spanning two
//!   weeks dropped — falls apart into one small LP per week; their bounds
//!   add up to a bound of the whole.

use super::highs::{Ended, Highs, Limits};
use super::sub::State;
use super::Engine;
use crate::model::lp::{Lp, NO_DAY};

/// The weak-duality bound of `lp` at row duals `y` (signs that cannot be
/// used are treated as 0).
pub fn dual_bound(lp: &Lp, y: &[f64]) -> f64 {
    let mut bound = lp.offset;
    let mut d: Vec<f64> = lp.cols.iter().map(|c| c.cost).collect();
    for (r, &yr) in y.iter().enumerate().take(lp.num_rows()) {
        let yr = if yr > 0.0 && lp.row_lo[r].is_finite() {
            bound += yr * lp.row_lo[r];
            yr
        } else if yr < 0.0 && lp.row_hi[r].is_finite() {
            bound += yr * lp.row_hi[r];
            yr
        } else {
            0.0
        };
        if yr != 0.0 {
            let (idx, val) = lp.row(r);
            for (&j, &a) in idx.iter().zip(val) {
                d[j as usize] -= yr * a;
            }
        }
    }
    for (c, dj) in lp.cols.iter().zip(d) {
        bound += (dj * c.lo).min(dj * c.hi);
    }
    bound
}

/// The LP relaxation's bound (from its duals) within `iterations`, its
/// primal values and its row duals when it has them.
fn relaxation(eng: &mut Engine, lp: &Lp, iterations: i64) -> Relaxed {
    let mut h = Highs::new(eng.opts.verbose);
    if !h.pass(lp, true) {
        return (f64::NEG_INFINITY, None, None);
    }
    let run = h.run(&Limits {
        simplex_iterations: Some(iterations),
        seconds: eng.clock.left(),
        ..Limits::default()
    });
    if run.ended == Ended::TimeLimit {
        eng.clock.fire();
    }
    // An infeasible LP proves nothing we can use (the rota itself must then
    // break a row, which `solve` refuses to report as a bound's).
    if run.ended == Ended::Infeasible {
        return (f64::NEG_INFINITY, None, None);
    }
    let bound = run.duals.as_ref().map_or(f64::NEG_INFINITY, |y| dual_bound(lp, y));
    (bound, run.x, run.duals)
}

/// A relaxation's bound, primal values and row duals.
type Relaxed = (f64, Option<Vec<f64>>, Option<Vec<f64>>);

fn small(eng: &Engine) -> bool {
    eng.lp.nonzeros() <= eng.budget.whole_nonzeros
}

/// The bound before improvement: the LP relaxation of a small model (so the
/// search can stop once it is proven good enough), with its row duals;
/// large models wait.
pub fn first(eng: &mut Engine) -> (f64, Option<Vec<f64>>) {
    if !small(eng) || eng.clock.stop() {
        return (f64::NEG_INFINITY, None);
    }
    let lp = eng.lp.clone();
    let (bound, x, y) = relaxation(eng, &lp, eng.budget.lp_iterations);
    eng.guide = x;
    (bound, y)
}

/// The bound after improvement: a node-limited run of the whole model from
/// the incumbent (small models; a better rota it finds is kept), or the
/// relaxation by weeks (large ones).
pub fn last(eng: &mut Engine, st: &mut State, bound: f64) -> f64 {
    if eng.clock.stop() || super::improve::within(eng, st.obj, bound) {
        return f64::NEG_INFINITY;
    }
    if !small(eng) {
        let lp = eng.lp.clone();
        return by_weeks(eng, &lp);
    }
    eng.show("bound", 0, 0, st, f64::NEG_INFINITY);
    let lp = eng.lp.clone();
    let (bound, x) = whole_run(eng, &lp, st, eng.opts.gap);
    if let Some(mut x) = x {
        crate::model::lp::clean(&eng.lp, &mut x);
        let obj = eng.lp.objective(&x);
        if obj < st.obj - 1e-9 * st.obj.abs().max(1.0) && eng.lp.violation(&x) <= 1e-6 {
            *st = State::new(&eng.lp, x);
        }
    }
    bound
}

/// The model relaxed by weeks: each week's columns with the rows that lie
/// wholly inside it; day-less columns and rows spanning weeks are dropped
/// (a dropped column counts its cheapest value).
pub fn by_weeks(eng: &mut Engine, lp: &Lp) -> f64 {
    const WEEK: i32 = 7;
    let (lo, hi) = lp
        .cols
        .iter()
        .map(|c| c.tag.day)
        .filter(|&d| d != NO_DAY)
        .fold((i32::MAX, i32::MIN), |(a, b), d| (a.min(d), b.max(d)));
    if lo > hi {
        return f64::NEG_INFINITY;
    }
    let week = |j: u32| {
        let d = lp.cols[j as usize].tag.day;
        (d != NO_DAY).then(|| (d - lo) / WEEK)
    };
    let weeks = ((hi - lo) / WEEK + 1) as usize;
    let mut parts: Vec<Lp> = (0..weeks).map(|_| Lp::new()).collect();
    let mut pos = vec![u32::MAX; lp.num_cols()];
    let mut bound = lp.offset;
    for (j, c) in lp.cols.iter().enumerate() {
        match week(j as u32) {
            Some(w) => {
                let p = &mut parts[w as usize];
                pos[j] = p.cols.len() as u32;
                p.cols.push(*c);
            }
            None => bound += (c.cost * c.lo).min(c.cost * c.hi),
        }
    }
    for r in 0..lp.num_rows() {
        let (idx, val) = lp.row(r);
        let Some(&first) = idx.first() else { continue };
        let w = week(first);
        if w.is_none() || idx.iter().any(|&j| week(j) != w) {
            continue;
        }
        let p = &mut parts[w.unwrap_or(0) as usize];
        for (&j, &a) in idx.iter().zip(val) {
            p.index.push(pos[j as usize]);
            p.value.push(a);
        }
        p.row_lo.push(lp.row_lo[r]);
        p.row_hi.push(lp.row_hi[r]);
        p.start.push(p.index.len());
    }
    let iterations = eng.budget.lp_iterations;
    for (i, p) in parts.iter().enumerate() {
        if eng.clock.stop() {
            return f64::NEG_INFINITY;
        }
        eng.progress.update(&super::progress::Snapshot {
            phase: "bound by weeks",
            done: i,
            total: parts.len(),
            uncovered: f64::NAN,
            objective: f64::NAN,
            bound: f64::NEG_INFINITY,
        });
        bound += relaxation(eng, p, iterations).0;
    }
    bound
}

/// A lower bound on the uncovered agent-minutes of every rota: the same
/// bounds with the objective replaced by the uncovered time. 0 when the
/// rota covers everything.
pub fn unavoidable(eng: &mut Engine, st: &State) -> f64 {
    if eng.uncovered(&st.x) < 0.5 || eng.clock.stop() {
        return 0.0;
    }
    let mut lp = eng.lp.clone();
    lp.offset = 0.0;
    for c in &mut lp.cols {
        c.cost = 0.0;
    }
    for &(v, m) in &eng.coverage {
        lp.cols[v.index()].cost = m;
    }
    let b = if small(eng) {
        let relaxed = relaxation(eng, &lp, eng.budget.lp_iterations).0;
        relaxed.max(whole_run(eng, &lp, st, 0.0).0)
    } else {
        by_weeks(eng, &lp)
    };
    // Uncovered time comes in whole agent-minutes on whole-minute intervals.
    (b - 1e-6).ceil().max(0.0)
}

/// A node-limited run of `lp` (the whole model, or it with another
/// objective) from the incumbent: HiGHS's branch-and-bound bound and the
/// best solution it found.
fn whole_run(eng: &mut Engine, lp: &Lp, st: &State, gap: f64) -> (f64, Option<Vec<f64>>) {
    let mut h = Highs::new(eng.opts.verbose);
    if !h.pass(lp, false) {
        return (f64::NEG_INFINITY, None);
    }
    h.set_start(&st.x);
    let run = h.run(&Limits {
        nodes: Some(eng.budget.bound_nodes),
        lp_iterations: Some(eng.budget.bound_lp),
        gap,
        seconds: eng.clock.left(),
        ..Limits::default()
    });
    if run.ended == Ended::TimeLimit {
        eng.clock.fire();
    }
    (run.bound, run.x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lp::Tag;

    #[test]
    fn dual_bound_is_weak_duality_for_any_duals() {
        // min x + y  s.t.  x + y >= 1.5,  x <= 1 (row), 0 <= x, y <= 2.
        let mut lp = Lp::new();
        let x = lp.add_col(0.0, 2.0, 1.0, false, Tag::SHARED);
        let y = lp.add_col(0.0, 2.0, 1.0, false, Tag::SHARED);
        lp.add_row(&[(1.0, x), (1.0, y)], 1.5, f64::INFINITY);
        lp.add_row(&[(1.0, x)], f64::NEG_INFINITY, 1.0);
        // The optimal dual (1, 0) proves 1.5.
        assert!((dual_bound(&lp, &[1.0, 0.0]) - 1.5).abs() < 1e-12);
        // Any other duals give something no larger; wrong signs count as 0.
        for y in [[0.5, 0.0], [2.0, -1.0], [-1.0, 3.0], [0.0, 0.0]] {
            assert!(dual_bound(&lp, &y) <= 1.5 + 1e-12, "{y:?}");
        }
        assert_eq!(dual_bound(&lp, &[-1.0, 3.0]), dual_bound(&lp, &[0.0, 0.0]));
    }
}
