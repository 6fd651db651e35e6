//! A fast roster for one agent, for large teams where a sub-model per agent
//! costs too much: the agent's columns are taken greedily, most valuable
//! first, each only if every row of the model still holds. The model's rows
//! are the rule book — there is no second implementation of the rules here.
//!
//! A column's value is what taking it saves: its own cost plus the change of
//! the shared columns its rows settle to (a coverage shortfall drops by one,
//! a demand slack moves). Rows of the agent that a new shift would break may
//! be mended by the agent's own continuous columns (a "weekend worked" flag
//! rising to 1), if their other rows still hold. An agent whose roster must
//! reach a minimum (hours, runs) is left to the exact sub-model instead.

use super::sub::State;
use super::Engine;

const TOL: f64 = 1e-9;

/// Whether row `r` holds at activity `act`.
fn holds(eng: &Engine, r: usize, act: f64) -> bool {
    act >= eng.lp.row_lo[r] - TOL && act <= eng.lp.row_hi[r] + TOL
}

/// How far row `r` is from holding at activity `act`.
fn excess(eng: &Engine, r: usize, act: f64) -> f64 {
    (eng.lp.row_lo[r] - act).max(act - eng.lp.row_hi[r]).max(0.0)
}

/// Per row, its own slacks: the shared columns in it that appear in no
/// other row (a shortfall, a demand's under and over), with coefficients.
#[derive(Default)]
pub struct Slacks {
    start: Vec<usize>,
    cols: Vec<(usize, f64)>,
}

impl Slacks {
    pub fn new(eng: &Engine) -> Slacks {
        let mut start = vec![0];
        let mut cols = Vec::new();
        for r in 0..eng.lp.num_rows() {
            let (idx, val) = eng.lp.row(r);
            cols.extend(idx.iter().zip(val).filter_map(|(&j, &a)| {
                let c = &eng.lp.cols[j as usize];
                (c.tag.is_shared() && c.lo < c.hi && eng.t.col(j as usize).0.len() == 1).then_some((j as usize, a))
            }));
            start.push(cols.len());
        }
        Slacks { start, cols }
    }
}

fn own_slacks<'a>(eng: &'a Engine, r: usize) -> &'a [(usize, f64)] {
    let s = &eng.slacks;
    &s.cols[s.start[r]..s.start[r + 1]]
}

/// The cheapest values of row `r`'s own slacks once the rest of its activity
/// moves by `delta`: `(cost change, new values)`, or `None` when they cannot
/// make it hold.
fn settle(eng: &Engine, st: &State, r: usize, delta: f64) -> Option<(f64, Vec<(usize, f64)>)> {
    let slacks = own_slacks(eng, r);
    let rest = st.act[r] + delta - slacks.iter().map(|&(j, a)| a * st.x[j]).sum::<f64>();
    let (lo, hi) = (eng.lp.row_lo[r] - rest, eng.lp.row_hi[r] - rest);
    let mut best: Option<(f64, Vec<(usize, f64)>)> = None;
    // Each slack in turn carries the row, the others at their cheapest bound.
    for k in 0..slacks.len().max(1) {
        let mut vals: Vec<(usize, f64)> = Vec::new();
        let mut sum = 0.0;
        for (i, &(j, a)) in slacks.iter().enumerate() {
            if i != k {
                let c = &eng.lp.cols[j];
                let v = if c.cost >= 0.0 { c.lo } else { c.hi };
                sum += a * v;
                vals.push((j, v));
            }
        }
        if let Some(&(j, a)) = slacks.get(k) {
            let c = &eng.lp.cols[j];
            let (mut from, mut to) = ((lo - sum) / a, (hi - sum) / a);
            if a < 0.0 {
                std::mem::swap(&mut from, &mut to);
            }
            let (from, to) = (from.max(c.lo), to.min(c.hi));
            if from > to + TOL {
                continue;
            }
            let v = if c.cost >= 0.0 { from } else { to };
            let v = if c.integer { v.round() } else { v };
            vals.push((j, v));
            sum += a * v;
        }
        if sum < lo - TOL || sum > hi + TOL {
            continue;
        }
        let cost: f64 = vals.iter().map(|&(j, v)| eng.lp.cols[j].cost * (v - st.x[j])).sum();
        if best.as_ref().is_none_or(|(b, _)| cost < *b) {
            best = Some((cost, vals));
        }
    }
    best
}

/// What setting column `j` to 1 saves (negative: it costs), with the shared
/// rows it touches settled; `None` when a shared row could not hold.
fn value(eng: &Engine, st: &State, j: usize) -> Option<f64> {
    let mut change = eng.lp.cols[j].cost;
    let (rows, vals) = eng.t.col(j);
    for (&r, &a) in rows.iter().zip(vals) {
        let r = r as usize;
        if own_slacks(eng, r).is_empty() {
            continue;
        }
        change += settle(eng, st, r, a)?.0;
    }
    Some(-change)
}

/// Sets column `j` to 1 if every row it touches still holds (mending the
/// agent's own rows through its continuous columns); undoes it otherwise.
fn take(eng: &Engine, st: &mut State, j: usize) -> bool {
    let mut undo: Vec<(usize, f64)> = vec![(j, st.x[j])];
    let before: Vec<(usize, f64)> = eng
        .t
        .col(j)
        .0
        .iter()
        .map(|&r| (r as usize, st.act[r as usize]))
        .collect();
    st.set(&eng.lp, &eng.t, j, 1.0);
    let mut ok = true;
    for &(r, act) in &before {
        if own_slacks(eng, r).is_empty() {
            ok &= excess(eng, r, st.act[r]) <= excess(eng, r, act) + TOL || mend(eng, st, r, &mut undo);
        } else if let Some((_, vals)) = settle(eng, st, r, 0.0) {
            for (k, v) in vals {
                undo.push((k, st.x[k]));
                st.set(&eng.lp, &eng.t, k, v);
            }
        } else {
            ok = false;
        }
        if !ok {
            break;
        }
    }
    if !ok {
        for &(k, v) in undo.iter().rev() {
            st.set(&eng.lp, &eng.t, k, v);
        }
    }
    ok
}

/// Makes row `r` hold again by moving one continuous column of the agent
/// or a shared maximum in it (a "weekend worked" flag, the most night
/// shifts of anyone), if that column's other rows still hold.
fn mend(eng: &Engine, st: &mut State, r: usize, undo: &mut Vec<(usize, f64)>) -> bool {
    let (idx, val) = eng.lp.row(r);
    let need = if st.act[r] > eng.lp.row_hi[r] {
        eng.lp.row_hi[r] - st.act[r]
    } else {
        eng.lp.row_lo[r] - st.act[r]
    };
    for (&k, &a) in idx.iter().zip(val) {
        let (k, c) = (k as usize, &eng.lp.cols[k as usize]);
        if !c.tag.is_shared() && c.integer {
            continue;
        }
        let v = st.x[k] + need / a;
        let v = if c.integer { v.round() } else { v };
        if v < c.lo - TOL || v > c.hi + TOL {
            continue;
        }
        let others: Vec<(usize, f64)> = eng
            .t
            .col(k)
            .0
            .iter()
            .map(|&q| (q as usize, st.act[q as usize]))
            .collect();
        let old = st.x[k];
        st.set(&eng.lp, &eng.t, k, v);
        if others
            .iter()
            .all(|&(q, act)| holds(eng, q, st.act[q]) || excess(eng, q, st.act[q]) <= excess(eng, q, act))
        {
            undo.push((k, old));
            return true;
        }
        st.set(&eng.lp, &eng.t, k, old);
    }
    false
}

/// Agent `a`'s roster, greedily (see the module doc), from scratch: the old
/// roster is cleared first and comes back if the new one is not better.
/// Returns whether the rota improved.
pub fn roster(eng: &mut Engine, st: &mut State, a: usize) -> bool {
    let before = st.obj;
    let old: Vec<(usize, f64)> = eng.agent_cols[a]
        .iter()
        .map(|&j| (j as usize, st.x[j as usize]))
        .collect();
    st.record();
    let mut undo = Vec::new();
    for &(j, v) in &old {
        if eng.lp.cols[j].integer && v != 0.0 && !drop(eng, st, j, &mut undo) {
            restore(eng, st, &mut undo);
            break;
        }
    }
    fill(eng, st, a);
    if st.obj < before - TOL {
        st.keep();
        return true;
    }
    // Not better: put everything back exactly (shared columns included).
    st.undo(&eng.lp, &eng.t);
    false
}

/// Sets column `j` to 0 and settles the shared rows it leaves.
fn drop(eng: &Engine, st: &mut State, j: usize, undo: &mut Vec<(usize, f64)>) -> bool {
    undo.push((j, st.x[j]));
    st.set(&eng.lp, &eng.t, j, 0.0);
    for &r in eng.t.col(j).0 {
        let r = r as usize;
        if own_slacks(eng, r).is_empty() {
            continue;
        }
        let Some((_, vals)) = settle(eng, st, r, 0.0) else {
            return false;
        };
        for (k, v) in vals {
            undo.push((k, st.x[k]));
            st.set(&eng.lp, &eng.t, k, v);
        }
    }
    true
}

fn restore(eng: &Engine, st: &mut State, undo: &mut Vec<(usize, f64)>) {
    while let Some((k, v)) = undo.pop() {
        st.set(&eng.lp, &eng.t, k, v);
    }
}

/// Adds agent `a`'s most valuable columns that keep every row.
fn fill(eng: &mut Engine, st: &mut State, a: usize) {
    let cols: Vec<usize> = eng.agent_cols[a]
        .iter()
        .map(|&j| j as usize)
        .filter(|&j| eng.lp.cols[j].integer && st.x[j] == 0.0)
        .collect();
    let mut ranked: Vec<(f64, usize)> = cols
        .iter()
        .filter_map(|&j| value(eng, st, j).map(|v| (v, j)))
        .filter(|&(v, _)| v > TOL)
        .collect();
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    for (_, j) in ranked {
        // What the rota already holds may have taken this column's value.
        if value(eng, st, j).is_some_and(|v| v > TOL) {
            take(eng, st, j);
        }
    }
}

/// Whether agent `a`'s rows all hold with its columns as they are (an empty
/// roster breaks a minimum of hours or of days in a row).
pub fn rows_hold(eng: &Engine, st: &State, a: usize) -> bool {
    eng.agent_cols[a].iter().all(|&j| {
        eng.t
            .col(j as usize)
            .0
            .iter()
            .all(|&r| holds(eng, r as usize, st.act[r as usize]))
    })
}
