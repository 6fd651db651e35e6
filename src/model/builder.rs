//! Writes rows and columns into an [`Lp`]: typed columns with their owner
//! and day, rows written as `≤`, `≥` or `=`, and shifts of earlier rotas
//! (constants, not choices) moved into the row bounds.

use super::lp::{Lp, Tag, Var};

pub struct Builder {
    pub lp: Lp,
    pub binaries: usize,
    /// Per column: a constant 1 (a shift of an earlier rota), moved to the bounds of every row.
    fixed: Vec<bool>,
    /// Slack columns of "at least" rules with their upper bounds (see `Problem::relaxable`).
    pub relaxable: Vec<(Var, f64)>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            lp: Lp::new(),
            binaries: 0,
            fixed: Vec::new(),
            relaxable: Vec::new(),
        }
    }
}

impl Builder {
    fn col(&mut self, lo: f64, hi: f64, integer: bool, tag: Tag) -> Var {
        self.fixed.push(false);
        self.lp.add_col(lo, hi, 0.0, integer, tag)
    }

    pub fn binary(&mut self, tag: Tag) -> Var {
        self.binaries += 1;
        self.col(0.0, 1.0, true, tag)
    }

    pub fn integer(&mut self, lo: f64, hi: f64, tag: Tag) -> Var {
        self.col(lo, hi, true, tag)
    }

    pub fn continuous(&mut self, lo: f64, hi: f64, tag: Tag) -> Var {
        self.col(lo, hi, false, tag)
    }

    /// A column held at 1: a shift worked in an earlier rota.
    pub fn constant_one(&mut self, tag: Tag) -> Var {
        let v = self.col(1.0, 1.0, false, tag);
        self.fixed[v.index()] = true;
        v
    }

    /// Holds a column at `value` (its bounds; it stays a column).
    pub fn fix(&mut self, v: Var, value: f64) {
        let col = &mut self.lp.cols[v.index()];
        col.lo = value;
        col.hi = value;
    }

    /// Adds `c` to the objective coefficient of `v`.
    pub fn cost(&mut self, v: Var, c: f64) {
        self.lp.cols[v.index()].cost += c;
    }

    /// A slack that lets an "at least" rule fall short by up to `hi`, at
    /// `price` each; held at 0 unless the agent has no roster without it.
    pub fn relaxable_slack(&mut self, hi: f64, price: f64, tag: Tag) -> Var {
        let v = self.continuous(0.0, 0.0, tag);
        self.cost(v, price);
        self.relaxable.push((v, hi));
        v
    }

    /// Splits constant columns off `terms` into the bound; `None` when nothing is left to decide.
    fn free_terms(&self, terms: &[(f64, Var)]) -> Option<(Vec<(f64, Var)>, f64)> {
        let mut free = Vec::with_capacity(terms.len());
        let mut constant = 0.0;
        for &(c, v) in terms {
            if self.fixed[v.index()] {
                constant += c;
            } else {
                free.push((c, v));
            }
        }
        (!free.is_empty()).then_some((free, constant))
    }

    fn range(&mut self, terms: &[(f64, Var)], lo: f64, hi: f64) {
        if let Some((free, constant)) = self.free_terms(terms) {
            self.lp.add_row(&free, lo - constant, hi - constant);
        }
    }

    pub fn leq(&mut self, terms: &[(f64, Var)], rhs: f64) {
        self.range(terms, f64::NEG_INFINITY, rhs);
    }

    pub fn geq(&mut self, terms: &[(f64, Var)], rhs: f64) {
        self.range(terms, rhs, f64::INFINITY);
    }

    pub fn eq(&mut self, terms: &[(f64, Var)], rhs: f64) {
        self.range(terms, rhs, rhs);
    }
}
