//! The model as plain data: columns with bounds, costs and an owner, rows as
//! ranges over a sparse matrix (compressed rows). This is what `solve` hands
//! to HiGHS, cuts sub-models from and computes bounds on; nothing here knows
//! a solver.
//!
//! Every column belongs to one agent's roster (its shifts, weekend and comp
//! flags, on-call holds, …) or is shared (coverage shortfalls, fairness
//! maxima, shift-demand slacks). Every hard rule is a row over one agent's
//! columns; the shared rows (coverage, demands, holders, fairness) are soft
//! or always satisfiable. So any set of rosters that each keep their own
//! agent's rows is a feasible rota — the fact construction and the bound
//! are built on.

/// A column (variable) of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(pub u32);

impl Var {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Owner of a column that belongs to no agent.
pub const SHARED: u32 = u32::MAX;
/// Day of a column that belongs to no day.
pub const NO_DAY: i32 = i32::MIN;

/// Who a column belongs to and which day, for neighbourhoods and bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    /// Agent index, or [`SHARED`].
    pub owner: u32,
    /// Day index from the horizon's first day (−1 the day before), or [`NO_DAY`].
    pub day: i32,
}

impl Tag {
    pub const SHARED: Tag = Tag {
        owner: SHARED,
        day: NO_DAY,
    };
    pub fn agent(agent: usize, day: i32) -> Tag {
        Tag {
            owner: agent as u32,
            day,
        }
    }
    pub fn agent_any_day(agent: usize) -> Tag {
        Tag::agent(agent, NO_DAY)
    }
    pub fn shared_on(day: i32) -> Tag {
        Tag { owner: SHARED, day }
    }
    pub fn is_shared(self) -> bool {
        self.owner == SHARED
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub lo: f64,
    pub hi: f64,
    pub cost: f64,
    pub integer: bool,
    pub tag: Tag,
}

/// A mixed-integer program: minimise `cost · x + offset` subject to
/// `row_lo ≤ A x ≤ row_hi` and the column bounds.
#[derive(Debug, Clone, Default)]
pub struct Lp {
    pub cols: Vec<Column>,
    pub row_lo: Vec<f64>,
    pub row_hi: Vec<f64>,
    /// Row r's entries are `index[start[r]..start[r + 1]]` with `value[..]`.
    pub start: Vec<usize>,
    pub index: Vec<u32>,
    pub value: Vec<f64>,
    pub offset: f64,
}

impl Lp {
    pub fn new() -> Lp {
        Lp {
            start: vec![0],
            ..Lp::default()
        }
    }

    pub fn num_rows(&self) -> usize {
        self.row_lo.len()
    }

    pub fn num_cols(&self) -> usize {
        self.cols.len()
    }

    pub fn nonzeros(&self) -> usize {
        self.index.len()
    }

    pub fn add_col(&mut self, lo: f64, hi: f64, cost: f64, integer: bool, tag: Tag) -> Var {
        self.cols.push(Column {
            lo,
            hi,
            cost,
            integer,
            tag,
        });
        Var((self.cols.len() - 1) as u32)
    }

    /// Adds `lo ≤ Σ coef · x ≤ hi`; terms on the same column are summed.
    pub fn add_row(&mut self, terms: &[(f64, Var)], lo: f64, hi: f64) {
        let mut sorted: Vec<(u32, f64)> = terms.iter().map(|&(c, v)| (v.0, c)).collect();
        sorted.sort_by_key(|t| t.0);
        let from = self.index.len();
        for (j, c) in sorted {
            let n = self.index.len();
            if n > from && self.index[n - 1] == j {
                self.value[n - 1] += c;
            } else {
                self.index.push(j);
                self.value.push(c);
            }
        }
        self.row_lo.push(lo);
        self.row_hi.push(hi);
        self.start.push(self.index.len());
    }

    /// Row `r`'s columns and coefficients.
    pub fn row(&self, r: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.start[r], self.start[r + 1]);
        (&self.index[a..b], &self.value[a..b])
    }

    /// `cost · x + offset`, the objective of a full assignment.
    pub fn objective(&self, x: &[f64]) -> f64 {
        self.offset + self.cols.iter().zip(x).map(|(c, v)| c.cost * v).sum::<f64>()
    }

    /// Row activities `A x`.
    pub fn activity(&self, x: &[f64]) -> Vec<f64> {
        (0..self.num_rows())
            .map(|r| {
                let (idx, val) = self.row(r);
                idx.iter().zip(val).map(|(&j, a)| a * x[j as usize]).sum()
            })
            .collect()
    }

    /// The largest violation of a bound, a row or integrality by `x`.
    pub fn violation(&self, x: &[f64]) -> f64 {
        let mut worst: f64 = 0.0;
        for (c, &v) in self.cols.iter().zip(x) {
            worst = worst.max(c.lo - v).max(v - c.hi);
            if c.integer {
                worst = worst.max((v - v.round()).abs());
            }
        }
        for (r, a) in self.activity(x).into_iter().enumerate() {
            worst = worst.max(self.row_lo[r] - a).max(a - self.row_hi[r]);
        }
        worst
    }

    /// The matrix by columns: for each column, its rows and coefficients.
    pub fn by_column(&self) -> ByColumn {
        let n = self.num_cols();
        let mut count = vec![0usize; n + 1];
        for &j in &self.index {
            count[j as usize + 1] += 1;
        }
        for j in 0..n {
            count[j + 1] += count[j];
        }
        let start = count.clone();
        let mut fill = count;
        let mut rows = vec![0u32; self.index.len()];
        let mut value = vec![0.0; self.index.len()];
        for r in 0..self.num_rows() {
            let (idx, val) = self.row(r);
            for (&j, &a) in idx.iter().zip(val) {
                let k = fill[j as usize];
                rows[k] = r as u32;
                value[k] = a;
                fill[j as usize] += 1;
            }
        }
        ByColumn { start, rows, value }
    }

    /// Agents owning columns (the largest owner index + 1).
    pub fn agents(&self) -> usize {
        self.cols
            .iter()
            .filter(|c| !c.tag.is_shared())
            .map(|c| c.tag.owner as usize + 1)
            .max()
            .unwrap_or(0)
    }
}

/// The transposed matrix (compressed columns).
#[derive(Debug, Clone, Default)]
pub struct ByColumn {
    pub start: Vec<usize>,
    pub rows: Vec<u32>,
    pub value: Vec<f64>,
}

impl ByColumn {
    /// Column `j`'s rows and coefficients.
    pub fn col(&self, j: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.start[j], self.start[j + 1]);
        (&self.rows[a..b], &self.value[a..b])
    }
}

/// Rounds integer columns to whole numbers and snaps continuous values that
/// sit within the solver's tolerance of a 1/64 grid (the model's data are
/// whole minutes and quarter days), so an objective computed from `x` is
/// exact and the same on every machine.
pub fn clean(lp: &Lp, x: &mut [f64]) {
    for (c, v) in lp.cols.iter().zip(x.iter_mut()) {
        let snapped = if c.integer {
            v.round()
        } else {
            let g = (*v * 64.0).round() / 64.0;
            if (g - *v).abs() <= 1e-6 {
                g
            } else {
                *v
            }
        };
        *v = snapped.clamp(c.lo, c.hi);
        if *v == 0.0 {
            *v = 0.0; // no negative zero
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Lp {
        // min x + 2y  s.t.  x + y >= 1,  x - y <= 0, x, y binary.
        let mut lp = Lp::new();
        let x = lp.add_col(0.0, 1.0, 1.0, true, Tag::agent(0, 0));
        let y = lp.add_col(0.0, 1.0, 2.0, true, Tag::SHARED);
        lp.add_row(&[(1.0, x), (1.0, y)], 1.0, f64::INFINITY);
        lp.add_row(&[(1.0, x), (-1.0, y), (1.0, x)], f64::NEG_INFINITY, 0.0);
        lp
    }

    #[test]
    fn rows_merge_repeated_columns_and_transpose() {
        let lp = small();
        assert_eq!(lp.row(1), (&[0u32, 1][..], &[2.0, -1.0][..]));
        let t = lp.by_column();
        assert_eq!(t.col(0), (&[0u32, 1][..], &[1.0, 2.0][..]));
        assert_eq!(t.col(1), (&[0u32, 1][..], &[1.0, -1.0][..]));
        assert_eq!(lp.agents(), 1);
    }

    #[test]
    fn objective_and_violation() {
        let lp = small();
        assert_eq!(lp.objective(&[1.0, 1.0]), 3.0);
        assert_eq!(lp.violation(&[1.0, 1.0]), 1.0); // 2x - y = 1 > 0
        assert_eq!(lp.violation(&[0.0, 1.0]), 0.0);
        assert!((lp.violation(&[0.5, 1.0]) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn clean_rounds_integers_and_snaps_near_grid() {
        let mut lp = small();
        lp.add_col(0.0, 10.0, 0.0, false, Tag::SHARED);
        lp.add_col(0.0, 10.0, 0.0, false, Tag::SHARED);
        let mut x = vec![0.999_999_9, -1e-9, 0.250_000_000_1, 0.3];
        clean(&lp, &mut x);
        assert_eq!(x, vec![1.0, 0.0, 0.25, 0.3]);
    }
}
