//! Improvement: large-neighbourhood search over sub-models. Each step frees
//! a neighbourhood — a group of related agents over the whole horizon, a
//! window of days across more agents, or the agents and days around the
//! worst remaining gap — cuts it out as its own sub-model and solves it
//! within a node budget from the incumbent. Better rotas are kept; equal
//! ones are taken sideways with a probability that falls as the search goes
//! on (a seeded, annealing-like walk across plateaus). Neighbourhoods grow
//! while their sub-models solve to optimality and shrink when they hit the
//! node budget — by counts, never by time.

use super::highs::Ended;
use super::sub::{State, Sub};
use super::Engine;
use crate::model::lp::NO_DAY;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Related agents, whole horizon.
    Agents,
    /// A window of days, more agents.
    Days,
    /// Around a gap (a priced shortfall).
    Gap,
    /// Where the rota and the LP relaxation disagree (RINS).
    Rins,
}

const KINDS: [Kind; 4] = [Kind::Agents, Kind::Days, Kind::Gap, Kind::Rins];

/// For each agent, the others it shares shared rows (coverage, demands)
/// with, most shared first.
fn affinity(eng: &Engine) -> Vec<Vec<usize>> {
    let n = eng.agent_cols.len();
    let mut count = vec![0u32; n * n];
    let mut seen: Vec<usize> = Vec::new();
    for r in 0..eng.lp.num_rows() {
        let (idx, _) = eng.lp.row(r);
        if !idx.iter().any(|&j| eng.lp.cols[j as usize].tag.is_shared()) {
            continue;
        }
        seen.clear();
        seen.extend(
            idx.iter()
                .map(|&j| eng.lp.cols[j as usize].tag)
                .filter(|t| !t.is_shared())
                .map(|t| t.owner as usize),
        );
        seen.sort_unstable();
        seen.dedup();
        for (i, &a) in seen.iter().enumerate() {
            for &b in &seen[i + 1..] {
                count[a * n + b] += 1;
                count[b * n + a] += 1;
            }
        }
    }
    (0..n)
        .map(|a| {
            let mut others: Vec<usize> = (0..n).filter(|&b| b != a && count[a * n + b] > 0).collect();
            others.sort_by_key(|&b| (std::cmp::Reverse(count[a * n + b]), b));
            others
        })
        .collect()
}

/// The largest share of the model's integer columns a neighbourhood frees.
const MOST_FREE: f64 = 0.5;

struct Search {
    related: Vec<Vec<usize>>,
    /// Steps that worked on a shared column without a better rota: each
    /// makes that column less likely to be picked again.
    tried: std::collections::HashMap<usize, u32>,
    days: (i32, i32),
    /// Columns to free: `base`, grown while steps fail (see [`Search::escalate`]).
    size: f64,
    base: f64,
    most: f64,
    /// How well each of [`KINDS`] has done lately (adaptive LNS): kinds are
    /// drawn in proportion, so the search leans on what works for this team.
    weights: [f64; 4],
    /// Running average gain per unit of sub-model size (see [`Search::gain_reward`]).
    rate: f64,
    /// Neighbourhoods solved since the rota last changed (hashes of their
    /// free columns): the same sub-model from the same rota gives the same
    /// answer, so a repeat is skipped.
    seen: std::collections::HashSet<u64>,
}

impl Search {
    fn pick(&self, eng: &mut Engine) -> Kind {
        let total: f64 = self.weights.iter().sum();
        let mut r = eng.rng.unit() * total;
        for (k, &w) in KINDS.iter().zip(&self.weights) {
            if r < w {
                return *k;
            }
            r -= w;
        }
        Kind::Agents
    }

    /// The reward of a step that found a better rota: its gain per unit of
    /// sub-model size (a deterministic measure of its cost), against the
    /// running average — kinds that buy more per unit of work get drawn more.
    fn gain_reward(&mut self, gain: f64, sub: &Sub) -> f64 {
        let work = (sub.lp.nonzeros() + sub.lp.num_rows() + sub.lp.num_cols()) as f64;
        let rate = gain / work.max(1.0);
        self.rate = if self.rate > 0.0 {
            0.9 * self.rate + 0.1 * rate
        } else {
            rate
        };
        (4.0 * rate / self.rate).min(16.0)
    }

    /// Scores a step of `kind`: better rota, taken sideways, or nothing.
    fn score(&mut self, kind: Kind, reward: f64) {
        if let Some(i) = KINDS.iter().position(|&k| k == kind) {
            self.weights[i] = (0.7 * self.weights[i] + 0.3 * reward).max(0.1);
        }
    }

    /// Neighbourhoods grow by a quarter every four steps without a better
    /// rota (up to `most`), and fall back to `base` on success.
    fn escalate(&mut self, stall: usize) {
        self.size = (self.base * 1.25f64.powi((stall / 4) as i32)).min(self.most);
    }
}

impl Search {
    fn new(eng: &Engine) -> Search {
        let days = eng
            .lp
            .cols
            .iter()
            .map(|c| c.tag.day)
            .filter(|&d| d != NO_DAY)
            .fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
        let integers = eng.lp.cols.iter().filter(|c| c.integer && c.lo < c.hi).count();
        let most = (integers as f64 * MOST_FREE).clamp(40.0, 4.0 * eng.budget.size as f64);
        let base = (eng.budget.size as f64).min(most * 0.5);
        Search {
            related: affinity(eng),
            tried: std::collections::HashMap::new(),
            days,
            size: base,
            base,
            most,
            weights: [1.0, 1.0, 1.0, if eng.guide.is_some() { 1.0 } else { 0.0 }],
            rate: 0.0,
            seen: std::collections::HashSet::new(),
        }
    }
}

/// Agent `a`'s movable columns on days `from..=to` (and its day-less ones).
fn cols_in(eng: &Engine, a: usize, from: i32, to: i32, out: &mut Vec<u32>) -> usize {
    let before = out.len();
    out.extend(eng.agent_cols[a].iter().copied().filter(|&j| {
        let d = eng.lp.cols[j as usize].tag.day;
        d == NO_DAY || (from..=to).contains(&d)
    }));
    out.len() - before
}

/// Starting from `first`, adds agents related to them (shuffled among the
/// most related) until `size` columns on `from..=to` are free.
fn grow(eng: &mut Engine, s: &Search, first: &[usize], from: i32, to: i32) -> Vec<u32> {
    grow_to(eng, s, first, from, to, s.size)
}

/// [`grow`] up to `size` columns.
fn grow_to(eng: &mut Engine, s: &Search, first: &[usize], from: i32, to: i32, size: f64) -> Vec<u32> {
    let mut free = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    for &a in first {
        if free.len() as f64 >= size {
            break;
        }
        if !taken.contains(&a) {
            taken.push(a);
            cols_in(eng, a, from, to, &mut free);
        }
    }
    let seed = first.first().copied().unwrap_or(0);
    let mut pool: Vec<usize> = s.related[seed].iter().copied().filter(|b| !taken.contains(b)).collect();
    let wide = (pool.len()).min(3 * (taken.len() + 4));
    eng.rng.shuffle(&mut pool[..wide]);
    for b in pool {
        if free.len() as f64 >= size {
            break;
        }
        cols_in(eng, b, from, to, &mut free);
    }
    free
}

/// A priced shared column to work on — a shortfall, a fairness maximum —
/// with a positive cost at a positive value, drawn with weight cost × value,
/// divided by (1 + failed tries)² so unfixable gaps stop hogging the steps.
fn gap_column(eng: &mut Engine, s: &Search, st: &State) -> Option<usize> {
    let weighted: Vec<(usize, f64)> = eng
        .lp
        .cols
        .iter()
        .enumerate()
        .filter(|(j, c)| c.tag.is_shared() && c.cost > 0.0 && st.x[*j] > 1e-9)
        .map(|(j, c)| {
            let tries = f64::from(s.tried.get(&j).copied().unwrap_or(0));
            (j, c.cost * st.x[j] / (1.0 + tries).powi(2))
        })
        .collect();
    let total: f64 = weighted.iter().map(|w| w.1).sum();
    if total <= 0.0 {
        return None;
    }
    let mut pick = eng.rng.unit() * total;
    for &(j, w) in &weighted {
        if pick < w {
            return Some(j);
        }
        pick -= w;
    }
    weighted.last().map(|w| w.0)
}

/// Around shared column `j`: the agents who can change it — first those
/// in its tight rows (the most loaded, for a fairness maximum) — with their
/// columns within a few days of it (or over the whole horizon for a
/// day-less column), and related agents, up to the size.
fn around(eng: &mut Engine, s: &Search, st: &State, j: usize) -> Vec<u32> {
    // A radius of 1 to 14 days, or the whole horizon: different steps
    // around the same gap look at different ways of closing it.
    const RADII: [i32; 6] = [1, 2, 3, 5, 7, 14];
    let (rows, _) = eng.t.col(j);
    let mut tight: Vec<usize> = Vec::new();
    let mut loose: Vec<usize> = Vec::new();
    for &r in rows {
        let r = r as usize;
        let at_bound = (st.act[r] - eng.lp.row_lo[r]).abs() < 1e-9 || (st.act[r] - eng.lp.row_hi[r]).abs() < 1e-9;
        for &k in eng.lp.row(r).0 {
            let t = eng.lp.cols[k as usize].tag;
            let a = t.owner as usize;
            if !t.is_shared() && !tight.contains(&a) && !loose.contains(&a) {
                if at_bound {
                    tight.push(a);
                } else {
                    loose.push(a);
                }
            }
        }
    }
    eng.rng.shuffle(&mut tight);
    eng.rng.shuffle(&mut loose);
    tight.extend(loose);
    let day = eng.lp.cols[j].tag.day;
    if day == NO_DAY {
        return grow(eng, s, &tight, s.days.0, s.days.1);
    }
    let k = eng.rng.below(RADII.len() + 1);
    let (from, to) = RADII.get(k).map_or(s.days, |&r| (day - r, day + r));
    grow(eng, s, &tight, from, to)
}

/// What a step frees: its columns, the shared column it works on (if any),
/// and whether that column is a day-less maximum (for [`tie_break`]).
struct Hood {
    free: Vec<u32>,
    target: Option<usize>,
    maximum: bool,
}

/// The columns a step frees.
fn neighbourhood(eng: &mut Engine, s: &Search, kind: Kind, st: &State) -> Hood {
    let plain = |free| Hood {
        free,
        target: None,
        maximum: false,
    };
    let agents = eng.agent_cols.len();
    let (lo, hi) = s.days;
    match kind {
        Kind::Agents => {
            let a = eng.rng.below(agents);
            plain(grow(eng, s, &[a], lo, hi))
        }
        Kind::Days => {
            // Windows of 3 days to a fortnight: rules over a week (rest,
            // rolling limits, days off together) need room on both sides.
            const LENGTHS: [i32; 5] = [3, 5, 7, 10, 14];
            let len = LENGTHS[eng.rng.below(LENGTHS.len())].min(hi - lo + 1);
            let from = lo + eng.rng.below((hi - lo + 2 - len).max(1) as usize) as i32;
            let a = eng.rng.below(agents);
            plain(grow_to(eng, s, &[a], from, from + len - 1, s.most.max(s.size)))
        }
        Kind::Rins => {
            if let Some(g) = eng.guide.clone() {
                let mut free: Vec<u32> = (0..eng.lp.num_cols())
                    .filter(|&j| {
                        let c = &eng.lp.cols[j];
                        !c.tag.is_shared() && c.lo < c.hi && c.integer && (st.x[j] - g[j]).abs() > 0.01
                    })
                    .map(|j| j as u32)
                    .collect();
                if eng.trace {
                    crate::stderrln!("trace: RINS disagreement {}", free.len());
                }
                eng.rng.shuffle(&mut free);
                free.truncate(s.size as usize);
                plain(free)
            } else {
                let a = eng.rng.below(agents);
                plain(grow(eng, s, &[a], lo, hi))
            }
        }
        Kind::Gap => {
            if let Some(j) = gap_column(eng, s, st) {
                Hood {
                    free: around(eng, s, st, j),
                    target: Some(j),
                    maximum: eng.lp.cols[j].tag.day == NO_DAY,
                }
            } else {
                let a = eng.rng.below(agents);
                plain(grow(eng, s, &[a], lo, hi))
            }
        }
    }
}

/// A maximum (or minimum) over agents — `top ≥ load(a)` for every agent —
/// only falls when every agent at it sheds load at once: a plateau. Steps
/// around such a column price the load of the agents at it by a tiny `ε`,
/// so the sub-model also moves load off them when the objective stays the
/// same; such a move is taken (see [`improve`]) and the next step can then
/// lower the maximum. Returns whether any cost was changed.
fn tie_break(eng: &Engine, sub: &mut Sub, st: &State, j: usize) -> bool {
    let cj = eng.lp.cols[j].cost;
    let (rows, coefs) = eng.t.col(j);
    let tight: Vec<(usize, f64)> = rows
        .iter()
        .zip(coefs)
        .map(|(&r, &a)| (r as usize, a))
        .filter(|&(r, _)| (st.act[r] - eng.lp.row_hi[r]).abs() < 1e-9)
        .collect();
    let count: usize = tight.iter().map(|&(r, _)| eng.lp.row(r).0.len()).sum();
    let eps = 1e-4 * cj.abs() / count.max(1) as f64;
    let mut changed = false;
    for (r, aj) in tight {
        let sign = -aj.signum() * cj.signum();
        let (idx, val) = eng.lp.row(r);
        for (&k, &a) in idx.iter().zip(val) {
            if eng.lp.cols[k as usize].tag.is_shared() {
                continue;
            }
            if let Ok(p) = sub.cols.binary_search(&k) {
                sub.lp.cols[p].cost += eps * a * sign;
                changed = true;
            }
        }
    }
    changed
}

/// A neighbourhood's identity: its free columns and what it works on.
fn fingerprint(hood: &Hood) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut free = hood.free.clone();
    free.sort_unstable();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (free, hood.target, hood.maximum).hash(&mut h);
    h.finish()
}

/// One step's plan: what it frees and how its sub-model is priced.
struct Plan {
    kind: Kind,
    target: Option<usize>,
    sub: Sub,
    /// The sub-model carries the tie-break of [`tie_break`].
    tied: bool,
}

/// Up to `threads` steps from the same incumbent, on disjoint agents.
fn plans(eng: &mut Engine, s: &mut Search, st: &State, count: usize) -> Vec<Plan> {
    let mut used = vec![false; eng.agent_cols.len()];
    let mut out = Vec::new();
    for _ in 0..count {
        let kind = s.pick(eng);
        let mut hood = neighbourhood(eng, s, kind, st);
        hood.free.retain(|&j| !used[eng.lp.cols[j as usize].tag.owner as usize]);
        if hood.free.is_empty() || !s.seen.insert(fingerprint(&hood)) {
            continue;
        }
        for &j in &hood.free {
            used[eng.lp.cols[j as usize].tag.owner as usize] = true;
        }
        let mut sub = eng.cutter.cut(&eng.lp, &eng.t, st, &hood.free);
        let tied = match hood.target {
            Some(j) if hood.maximum => tie_break(eng, &mut sub, st, j),
            _ => false,
        };
        out.push(Plan {
            kind,
            target: hood.target,
            sub,
            tied,
        });
    }
    out
}

/// Whether a step's result is taken: better, or the same objective with
/// less load at a maximum, or sideways with a probability `sideways`.
fn accept(eng: &mut Engine, st: &State, plan: &Plan, y: &[f64], sideways: f64) -> Option<bool> {
    let obj = st.objective_with(&eng.lp, &plan.sub, y);
    let tol = 1e-9 * st.obj.abs().max(1.0);
    if obj < st.obj - tol {
        return Some(true);
    }
    let level = obj <= st.obj + tol;
    if level && plan.tied && plan.sub.lp.objective(y) < plan.sub.lp.objective(&plan.sub.start) - 1e-12 {
        return Some(true);
    }
    (level && st.differs(&eng.lp, &plan.sub, y) && eng.rng.unit() < sideways).then_some(false)
}

/// A later result of a round: the incumbent moved since its sub-model was
/// cut (on other agents), so its agents' columns are set and the shared
/// columns they touch re-optimised; kept only if the rota is better.
fn merge(eng: &mut Engine, st: &mut State, sub: &Sub, y: &[f64]) -> bool {
    let before = st.obj;
    let mut undo: Vec<(usize, f64)> = Vec::new();
    let mut shared = Vec::new();
    for (&j, &v) in sub.cols.iter().zip(y) {
        if eng.lp.cols[j as usize].tag.is_shared() {
            shared.push(j);
        } else {
            undo.push((j as usize, st.x[j as usize]));
            st.set(&eng.lp, &eng.t, j as usize, v);
        }
    }
    let again = eng.cutter.cut(&eng.lp, &eng.t, st, &shared);
    if let (Some(z), _, _) = eng.solve_sub(&again, 1000, 100_000) {
        undo.extend(again.cols.iter().map(|&j| (j as usize, st.x[j as usize])));
        st.apply(&eng.lp, &eng.t, &again, &z);
        if st.obj < before - 1e-9 * before.abs().max(1.0) {
            return true;
        }
    }
    for &(j, v) in undo.iter().rev() {
        st.set(&eng.lp, &eng.t, j, v);
    }
    false
}

/// Improves `st` within the step budget, until it is proven within the gap
/// of `bound`, or improvement stalls. With `--threads N`, N steps on
/// disjoint agents are solved side by side from the same incumbent and
/// merged in order.
pub fn improve(eng: &mut Engine, st: &mut State, bound: f64) {
    if eng.agent_cols.is_empty() {
        return;
    }
    let mut s = Search::new(eng);
    let budget = eng.budget.work;
    let threads = eng.opts.threads.max(1);
    let mut stall = 0;
    while eng.work.work < budget {
        if eng.clock.stop() || stall >= eng.budget.stall || within(eng, st.obj, bound) {
            break;
        }
        let round = plans(eng, &mut s, st, threads);
        if round.is_empty() {
            // Only repeats drawn: a step without a better rota.
            eng.work.steps += 1;
            stall += 1;
            s.escalate(stall);
            continue;
        }
        for p in &round {
            let lp = &p.sub.lp;
            eng.work.work += (lp.num_rows() + lp.num_cols() + lp.nonzeros()) as f64;
        }
        let subs: Vec<Sub> = round.iter().map(|p| p.sub.clone()).collect();
        let results = eng.solve_subs(&subs, eng.budget.step_nodes, eng.budget.step_lp);
        let mut changed = false;
        for (plan, (y, ended, lp)) in round.iter().zip(results) {
            eng.work.steps += 1;
            stall += 1;
            if let Some(j) = plan.target {
                *s.tried.entry(j).or_default() += 1;
            }
            s.base = match ended {
                Ended::Optimal if lp < eng.budget.step_lp / 4 => (s.base * 1.1).min(s.most * 0.5),
                Ended::WorkLimit => (s.base * 0.85).max(40.0),
                _ => s.base,
            };
            let Some(y) = y else {
                s.score(plan.kind, 0.0);
                continue;
            };
            let sideways = 0.5 * (1.0 - eng.work.work / budget).max(0.0);
            let mut reward = 0.0;
            let obj_before = st.obj;
            if !changed {
                if let Some(better) = accept(eng, st, plan, &y, sideways) {
                    st.apply(&eng.lp, &eng.t, &plan.sub, &y);
                    changed = true;
                    reward = 0.5;
                    if better {
                        reward = 4.0;
                        eng.work.improvements += 1;
                        stall = 0;
                        if let Some(j) = plan.target {
                            s.tried.remove(&j);
                        }
                    }
                }
            } else if merge(eng, st, &plan.sub, &y) {
                reward = 4.0;
                eng.work.improvements += 1;
                stall = 0;
            }
            if st.obj < obj_before {
                reward = s.gain_reward(obj_before - st.obj, &plan.sub);
            }
            s.score(plan.kind, reward);
            trace_step(eng, &s, st, plan.kind, reward);
        }
        if changed {
            s.seen.clear();
        }
        s.escalate(stall);
        let done = (eng.work.work / budget * 100.0).min(100.0) as usize;
        eng.show("improve (% of budget)", done, 100, st, bound);
    }
}

/// `SUNROTA_TRACE`: one line per step, and the kinds' weights every tenth.
fn trace_step(eng: &Engine, s: &Search, st: &State, kind: Kind, reward: f64) {
    if !eng.trace {
        return;
    }
    if eng.work.steps % 10 == 0 {
        crate::stderrln!("trace: weights {:?} reward {reward}", s.weights);
    }
    crate::stderrln!(
        "trace: step {} {kind:?} size {:.0}: objective {} uncovered {}",
        eng.work.steps,
        s.size,
        st.obj,
        eng.uncovered(&st.x)
    );
}

/// Whether `obj` is proven within the requested gap of `bound`.
pub fn within(eng: &Engine, obj: f64, bound: f64) -> bool {
    bound.is_finite() && obj - bound <= eng.opts.gap * obj.abs().max(1e-9) + 1e-9 * obj.abs().max(1.0)
}
