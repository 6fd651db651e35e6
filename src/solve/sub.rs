//! Sub-models. A neighbourhood frees some columns of the full model; the
//! sub-model holds only those, the shared columns next to them (a coverage
//! row's shortfall, a fairness maximum) and the rows they touch, with every
//! fixed column's contribution moved into the row bounds. Its optimum is the
//! full model's optimum with the other columns fixed — in a model a fraction
//! of the size, so HiGHS presolves only what can move.
//!
//! A sub-model carries no objective offset: what its columns cost is all
//! HiGHS sees, so its relative gap is a gap on what can move; the full
//! objective is recomputed from the columns ([`State::objective_with`]).
//!
//! [`State`] is the incumbent: column values, row activities and its
//! objective `cost · x + offset`, updated exactly as columns change.

use crate::model::lp::{ByColumn, Column, Lp};

/// The incumbent: a full assignment with its row activities and objective.
#[derive(Debug, Clone)]
pub struct State {
    pub x: Vec<f64>,
    pub act: Vec<f64>,
    pub obj: f64,
    /// While recording ([`State::record`]): every change as (column, old value).
    journal: Option<Vec<(usize, f64)>>,
}

impl State {
    pub fn new(lp: &Lp, x: Vec<f64>) -> State {
        State {
            act: lp.activity(&x),
            obj: lp.objective(&x),
            x,
            journal: None,
        }
    }

    /// Starts recording changes, so that [`State::undo`] can take them back.
    pub fn record(&mut self) {
        self.journal = Some(Vec::new());
    }

    /// Stops recording and keeps the changes.
    pub fn keep(&mut self) {
        self.journal = None;
    }

    /// Takes back every change since [`State::record`], and stops recording.
    pub fn undo(&mut self, lp: &Lp, t: &ByColumn) {
        if let Some(journal) = self.journal.take() {
            for &(j, v) in journal.iter().rev() {
                self.set(lp, t, j, v);
            }
        }
    }

    /// Sets column `j` to `v`, keeping activities and objective current.
    pub fn set(&mut self, lp: &Lp, t: &ByColumn, j: usize, v: f64) {
        let delta = v - self.x[j];
        if delta == 0.0 {
            return;
        }
        if let Some(journal) = &mut self.journal {
            journal.push((j, self.x[j]));
        }
        self.x[j] = v;
        self.obj += lp.cols[j].cost * delta;
        let (rows, vals) = t.col(j);
        for (&r, &a) in rows.iter().zip(vals) {
            self.act[r as usize] += a * delta;
        }
    }

    /// The objective this state would have with `sub`'s columns at `y`.
    pub fn objective_with(&self, lp: &Lp, sub: &Sub, y: &[f64]) -> f64 {
        self.obj
            + sub
                .cols
                .iter()
                .zip(y)
                .map(|(&j, v)| lp.cols[j as usize].cost * (v - self.x[j as usize]))
                .sum::<f64>()
    }

    /// Puts `sub`'s columns at `y`.
    pub fn apply(&mut self, lp: &Lp, t: &ByColumn, sub: &Sub, y: &[f64]) {
        for (&j, &v) in sub.cols.iter().zip(y) {
            self.set(lp, t, j as usize, v);
        }
    }

    /// Whether `y` changes any integer column of `sub`.
    pub fn differs(&self, lp: &Lp, sub: &Sub, y: &[f64]) -> bool {
        sub.cols
            .iter()
            .zip(y)
            .any(|(&j, &v)| lp.cols[j as usize].integer && v != self.x[j as usize])
    }
}

/// A cut-out sub-model: its program, the full column of each of its
/// columns, and the incumbent's values as a start.
#[derive(Debug, Clone)]
pub struct Sub {
    pub lp: Lp,
    pub cols: Vec<u32>,
    pub start: Vec<f64>,
}

/// Cuts sub-models; keeps its marks between calls so a cut costs only the
/// size of what it returns.
#[derive(Debug, Default)]
pub struct Cutter {
    col_mark: Vec<u32>,
    row_mark: Vec<u32>,
    pos: Vec<u32>,
    epoch: u32,
}

impl Cutter {
    pub fn new(lp: &Lp) -> Cutter {
        Cutter {
            col_mark: vec![0; lp.num_cols()],
            row_mark: vec![0; lp.num_rows()],
            pos: vec![0; lp.num_cols()],
            epoch: 0,
        }
    }

    fn next_epoch(&mut self) -> u32 {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.col_mark.fill(0);
            self.row_mark.fill(0);
            self.epoch = 1;
        }
        self.epoch
    }

    /// The sub-model freeing `free` (and the shared columns next to them)
    /// around the incumbent `st`.
    pub fn cut(&mut self, lp: &Lp, t: &ByColumn, st: &State, free: &[u32]) -> Sub {
        let e = self.next_epoch();
        let mut cols: Vec<u32> = Vec::with_capacity(free.len() * 2);
        for &j in free {
            if self.col_mark[j as usize] != e {
                self.col_mark[j as usize] = e;
                cols.push(j);
            }
        }
        let mut rows: Vec<u32> = Vec::new();
        let mut k = 0;
        while k < cols.len() {
            let (rs, _) = t.col(cols[k] as usize);
            for &r in rs {
                if self.row_mark[r as usize] == e {
                    continue;
                }
                self.row_mark[r as usize] = e;
                rows.push(r);
                for &j in lp.row(r as usize).0 {
                    let c = &lp.cols[j as usize];
                    if c.tag.is_shared() && c.lo < c.hi && self.col_mark[j as usize] != e {
                        self.col_mark[j as usize] = e;
                        cols.push(j);
                    }
                }
            }
            k += 1;
        }
        cols.sort_unstable();
        rows.sort_unstable();
        for (i, &j) in cols.iter().enumerate() {
            self.pos[j as usize] = i as u32;
        }
        let mut sub = Lp::new();
        sub.cols = cols.iter().map(|&j| lp.cols[j as usize]).collect::<Vec<Column>>();
        // No offset: HiGHS's relative gap then measures only what can move.
        for &r in &rows {
            let (idx, val) = lp.row(r as usize);
            let mut fixed = st.act[r as usize];
            for (&j, &a) in idx.iter().zip(val) {
                if self.col_mark[j as usize] == e {
                    fixed -= a * st.x[j as usize];
                    sub.index.push(self.pos[j as usize]);
                    sub.value.push(a);
                }
            }
            sub.row_lo.push(lp.row_lo[r as usize] - fixed);
            sub.row_hi.push(lp.row_hi[r as usize] - fixed);
            sub.start.push(sub.index.len());
        }
        let start = cols.iter().map(|&j| st.x[j as usize]).collect();
        Sub { lp: sub, cols, start }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lp::{Tag, Var};

    /// Two agents covering one row, a shortfall priced on it; agent 1 fixed.
    fn model() -> (Lp, Vec<Var>) {
        let mut lp = Lp::new();
        let a = lp.add_col(0.0, 1.0, 1.0, true, Tag::agent(0, 0));
        let b = lp.add_col(0.0, 1.0, 1.0, true, Tag::agent(1, 0));
        let s = lp.add_col(0.0, 2.0, 10.0, false, Tag::shared_on(0));
        lp.add_row(&[(1.0, a), (1.0, b), (1.0, s)], 2.0, f64::INFINITY);
        lp.add_row(&[(1.0, b)], f64::NEG_INFINITY, 1.0);
        (lp, vec![a, b, s])
    }

    #[test]
    fn cut_moves_fixed_columns_into_bounds_and_frees_shared_neighbours() {
        let (lp, v) = model();
        let t = lp.by_column();
        let st = State::new(&lp, vec![0.0, 1.0, 1.0]);
        assert_eq!(st.obj, 11.0);
        let sub = Cutter::new(&lp).cut(&lp, &t, &st, &[v[0].0]);
        assert_eq!(sub.cols, vec![0, 2]);
        assert_eq!(sub.lp.num_rows(), 1);
        // a + s >= 2 - 1 (b fixed at 1)
        assert_eq!(sub.lp.row_lo, vec![1.0]);
        assert_eq!(sub.lp.offset, 0.0);
        assert_eq!(st.objective_with(&lp, &sub, &sub.start), st.obj);
        let mut st2 = st.clone();
        st2.apply(&lp, &lp.by_column(), &sub, &[1.0, 0.0]);
        assert_eq!(st2.obj, 2.0);
        assert_eq!(st2.obj, lp.objective(&st2.x));
        assert_eq!(st2.act, lp.activity(&st2.x));
    }
}
