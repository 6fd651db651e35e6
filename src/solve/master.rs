//! The Dantzig–Wolfe split of the model by agent, and its master problem.
//!
//! Every hard rule is a row over one agent's columns; coverage, demands,
//! on-call holders and fairness maxima are rows across agents (or with a
//! shared column). [`Split`] sorts the rows of the plain-data model that
//! way, read from the column tags alone, so it holds for every rule the
//! model has or will have. The master keeps the shared columns and the
//! linking rows, and chooses for each agent a convex combination of whole
//! rosters ([`Roster`]: one agent's values over the horizon) — one
//! convexity row per agent.
//!
//! [`lagrangian`] turns any duals of the linking rows, with a proven lower
//! bound of each agent's pricing problem at those duals, into a lower bound
//! on every rota (weak duality, by our own arithmetic from the duals; each
//! agent's term is HiGHS's proven MIP bound of its pricing run): the
//! Dantzig–Wolfe bound, valid at every round.

use crate::model::lp::{ByColumn, Lp, Tag};

/// The rows and columns of the model, sorted into the master's and each agent's.
#[derive(Debug, Clone)]
pub struct Split {
    /// Per agent: the rows whose every column is that agent's (or a constant).
    pub agent_rows: Vec<Vec<u32>>,
    /// Rows across agents or with a shared column: the master's rows.
    pub link: Vec<u32>,
    /// Each row's position among `link` (`u32::MAX`: not a linking row).
    pub link_pos: Vec<u32>,
    /// The linking rows' bounds, net of the constant columns.
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// Shared columns that can move.
    pub shared: Vec<u32>,
    /// Linking rows (positions) that no shared column can satisfy on its own:
    /// the master gives them priced artificial columns, so it is always feasible.
    pub hard: Vec<u32>,
    /// The objective's constant: the offset and every fixed column's cost.
    pub constant: f64,
}

/// Whether column `j` can move.
fn movable(lp: &Lp, j: usize) -> bool {
    lp.cols[j].lo < lp.cols[j].hi
}

impl Split {
    pub fn new(lp: &Lp, agents: usize) -> Split {
        let mut s = Split {
            agent_rows: vec![Vec::new(); agents],
            link: Vec::new(),
            link_pos: vec![u32::MAX; lp.num_rows()],
            lo: Vec::new(),
            hi: Vec::new(),
            shared: (0..lp.num_cols() as u32)
                .filter(|&j| lp.cols[j as usize].tag.is_shared() && movable(lp, j as usize))
                .collect(),
            hard: Vec::new(),
            constant: lp.offset
                + lp.cols
                    .iter()
                    .filter(|c| c.lo >= c.hi)
                    .map(|c| c.cost * c.lo)
                    .sum::<f64>(),
        };
        for r in 0..lp.num_rows() {
            s.place(lp, r, agents);
        }
        s
    }

    /// Sorts row `r` into an agent's rows or the linking rows.
    fn place(&mut self, lp: &Lp, r: usize, agents: usize) {
        let (idx, val) = lp.row(r);
        let mut owner: Option<u32> = None;
        let mut linking = false;
        let mut can_slack = false;
        let mut constant = 0.0;
        for (&j, &a) in idx.iter().zip(val) {
            let c = &lp.cols[j as usize];
            if !movable(lp, j as usize) && c.tag.is_shared() {
                constant += a * c.lo;
                continue;
            }
            if !movable(lp, j as usize) {
                constant += a * c.lo;
            }
            if c.tag.is_shared() {
                linking = true;
                can_slack |= c.hi > c.lo;
            } else if owner.is_some_and(|o| o != c.tag.owner) || c.tag.owner as usize >= agents {
                linking = true;
            } else {
                owner = Some(c.tag.owner);
            }
        }
        match owner {
            Some(a) if !linking => self.agent_rows[a as usize].push(r as u32),
            None if !linking => {} // constants only
            _ => {
                self.link_pos[r] = self.link.len() as u32;
                if !can_slack {
                    self.hard.push(self.link.len() as u32);
                }
                self.link.push(r as u32);
                self.lo.push(lp.row_lo[r] - constant);
                self.hi.push(lp.row_hi[r] - constant);
            }
        }
    }

    /// Duals the bound can use: a positive dual needs a finite lower bound,
    /// a negative one a finite upper bound; any other is 0.
    pub fn sanitize(&self, y: &mut [f64]) {
        for (k, v) in y.iter_mut().enumerate() {
            if !v.is_finite() || (*v > 0.0 && !self.lo[k].is_finite()) || (*v < 0.0 && !self.hi[k].is_finite()) {
                *v = 0.0;
            }
        }
    }

    /// Column `j`'s reduced cost `c_j − Σ_r y_r a_rj` over the linking rows.
    pub fn reduced(&self, lp: &Lp, t: &ByColumn, y: &[f64], j: usize) -> f64 {
        let (rows, vals) = t.col(j);
        let mut d = lp.cols[j].cost;
        for (&r, &a) in rows.iter().zip(vals) {
            let k = self.link_pos[r as usize];
            if k != u32::MAX {
                d -= y[k as usize] * a;
            }
        }
        d
    }
}

/// One agent's whole roster: its values, its cost, its entries in the
/// linking rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub agent: usize,
    pub cost: f64,
    /// Non-zero values of the agent's movable columns.
    pub x: Vec<(u32, f64)>,
    /// Entries in the linking rows (positions), summed.
    pub link: Vec<(u32, f64)>,
}

impl Roster {
    /// The roster setting `cols` to `x` (zeros dropped).
    pub fn new(lp: &Lp, t: &ByColumn, split: &Split, agent: usize, cols: &[u32], x: &[f64]) -> Roster {
        let nz: Vec<(u32, f64)> = cols
            .iter()
            .zip(x)
            .filter(|(_, &v)| v != 0.0)
            .map(|(&j, &v)| (j, v))
            .collect();
        let mut link: Vec<(u32, f64)> = Vec::new();
        for &(j, v) in &nz {
            let (rows, vals) = t.col(j as usize);
            for (&r, &a) in rows.iter().zip(vals) {
                let k = split.link_pos[r as usize];
                if k != u32::MAX {
                    link.push((k, a * v));
                }
            }
        }
        link.sort_by_key(|e| e.0);
        link.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        let cost = nz.iter().map(|&(j, v)| lp.cols[j as usize].cost * v).sum();
        Roster {
            agent,
            cost,
            x: nz,
            link,
        }
    }

    /// Its reduced cost at linking duals `y` and the agent's convexity dual `mu`.
    pub fn reduced(&self, y: &[f64], mu: f64) -> f64 {
        self.cost - self.link.iter().map(|&(k, a)| y[k as usize] * a).sum::<f64>() - mu
    }
}

/// Price of an artificial column, per unit a linking row without a shared
/// column is missed by: far above every cost a rota can have.
fn artificial_price(lp: &Lp) -> f64 {
    let total: f64 = lp.cols.iter().map(|c| c.cost.abs() * c.hi.abs().min(1e4)).sum();
    (total + lp.offset.abs() + 1.0) * 10.0
}

/// The master problem over `rosters`: shared columns (integer where the
/// model says so when `integer`), artificials, one column per roster
/// (binary when `integer`); linking rows, then one convexity row per agent
/// (`= 1`, or `≤ 1` when `open`).
pub fn master(lp: &Lp, split: &Split, rosters: &[Roster], integer: bool, open: bool) -> Lp {
    let agents = split.agent_rows.len();
    let mut m = Lp::new();
    let mut terms: Vec<Vec<(f64, crate::model::lp::Var)>> = vec![Vec::new(); split.link.len() + agents];
    let mut pos = std::collections::HashMap::new();
    for &j in &split.shared {
        let c = lp.cols[j as usize];
        pos.insert(j, m.add_col(c.lo, c.hi, c.cost, c.integer && integer, Tag::SHARED));
    }
    for (k, &r) in split.link.iter().enumerate() {
        let (idx, val) = lp.row(r as usize);
        for (&j, &a) in idx.iter().zip(val) {
            if let Some(&v) = pos.get(&j) {
                terms[k].push((a, v));
            }
        }
    }
    let price = artificial_price(lp);
    for &k in &split.hard {
        for sign in [1.0, -1.0] {
            let v = m.add_col(0.0, f64::INFINITY, price, false, Tag::SHARED);
            terms[k as usize].push((sign, v));
        }
    }
    for r in rosters {
        let v = m.add_col(0.0, 1.0, r.cost, integer, Tag::agent_any_day(r.agent));
        for &(k, a) in &r.link {
            terms[k as usize].push((a, v));
        }
        terms[split.link.len() + r.agent].push((1.0, v));
    }
    for (k, t) in terms.iter().enumerate() {
        let (lo, hi) = match split.lo.get(k) {
            Some(&lo) => (lo, split.hi[k]),
            None if open => (0.0, 1.0),
            None => (1.0, 1.0),
        };
        m.add_row(t, lo, hi);
    }
    m
}

/// The master column of `r` for HiGHS (cost, bounds, entries by master row).
pub fn column(split: &Split, r: &Roster) -> super::highs::NewCol {
    let mut entries = r.link.clone();
    entries.push(((split.link.len() + r.agent) as u32, 1.0));
    (r.cost, 0.0, 1.0, entries)
}

/// The Dantzig–Wolfe (Lagrangian) lower bound at sanitized linking duals
/// `y`, given a proven lower bound of each agent's pricing problem
/// `min Σ_j (c_j − Σ_r y_r a_rj) x_j` over its own rows.
pub fn lagrangian(lp: &Lp, t: &ByColumn, split: &Split, y: &[f64], agent_lb: &[f64]) -> f64 {
    let mut bound = split.constant + agent_lb.iter().sum::<f64>();
    for (k, &v) in y.iter().enumerate() {
        if v > 0.0 {
            bound += v * split.lo[k];
        } else if v < 0.0 {
            bound += v * split.hi[k];
        }
    }
    for &j in &split.shared {
        let d = split.reduced(lp, t, y, j as usize);
        let c = &lp.cols[j as usize];
        bound += if d == 0.0 { 0.0 } else { (d * c.lo).min(d * c.hi) };
    }
    if bound.is_nan() {
        f64::NEG_INFINITY
    } else {
        bound
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lp::Var;

    /// Two agents, one shift each on one day; the row needs 2 with a
    /// shortfall at 10; agent 0 may work at most once (its own row).
    fn model() -> (Lp, Vec<Var>) {
        let mut lp = Lp::new();
        let a = lp.add_col(0.0, 1.0, 3.0, true, Tag::agent(0, 0));
        let b = lp.add_col(0.0, 1.0, 4.0, true, Tag::agent(1, 0));
        let s = lp.add_col(0.0, 2.0, 10.0, false, Tag::shared_on(0));
        lp.add_row(&[(1.0, a), (1.0, b), (1.0, s)], 2.0, f64::INFINITY);
        lp.add_row(&[(1.0, a)], f64::NEG_INFINITY, 1.0);
        (lp, vec![a, b, s])
    }

    #[test]
    fn split_sorts_rows_by_owner() {
        let (lp, _) = model();
        let s = Split::new(&lp, 2);
        assert_eq!(s.link, vec![0]);
        assert_eq!(s.agent_rows, vec![vec![1], vec![]]);
        assert_eq!(s.shared, vec![2]);
        assert!(s.hard.is_empty());
    }

    #[test]
    fn lagrangian_is_a_bound_at_any_duals_and_tight_at_the_optimum() {
        let (lp, _) = model();
        let t = lp.by_column();
        let s = Split::new(&lp, 2);
        // The optimum is 7 (both work). Agent pricing: min (c − y) x over x ∈ {0, 1}.
        let lb = |y: f64| vec![(3.0 - y).min(0.0), (4.0 - y).min(0.0)];
        for y in [0.0, 2.0, 4.0, 7.0, 10.0, 12.0] {
            let b = lagrangian(&lp, &t, &s, &[y], &lb(y));
            assert!(b <= 7.0 + 1e-12, "y = {y}: {b}");
        }
        assert_eq!(lagrangian(&lp, &t, &s, &[4.0], &lb(4.0)), 7.0);
        assert_eq!(lagrangian(&lp, &t, &s, &[10.0], &lb(10.0)), 7.0);
    }

    #[test]
    fn roster_columns_carry_cost_and_link_entries() {
        let (lp, v) = model();
        let t = lp.by_column();
        let s = Split::new(&lp, 2);
        let r = Roster::new(&lp, &t, &s, 0, &[v[0].0], &[1.0]);
        assert_eq!((r.cost, r.link.clone()), (3.0, vec![(0, 1.0)]));
        assert_eq!(r.reduced(&[4.0], 0.0), -1.0);
        let m = master(&lp, &s, &[r], true, false);
        // Shared shortfall, then the roster; the linking row, then two convexity rows.
        assert_eq!((m.num_cols(), m.num_rows()), (2, 3));
        assert_eq!(m.row_lo[1..], [1.0, 1.0]);
    }
}
