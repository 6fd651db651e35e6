//! Day-based rostering rules in the MILP: shift-demand coverage (under- and
//! over-staffing variables per demand), shift requests, per-template caps,
//! total minutes, minimum runs of working days and forbidden successions.
//! Maxima are hard; minima are hard unless no rota can be found at all (see
//! `SHORT_MINUTE`, `SHORT_RUN` and `solve`).

use super::candidates::Candidate;
use super::milp::Builder;
use crate::config::Config;
use chrono::{Duration, NaiveDate};
use good_lp::Variable;
use std::collections::BTreeMap;

/// The "at least" rules (total hours, runs of working days) carry slacks the
/// solver keeps at 0 — hard rules — unless the whole model finds no rota at
/// all in its first phase; then they open, priced far above every other cost,
/// so that a rota still exists (`check` reports what is left short).
const SHORT_MINUTE: f64 = 100.0;
const SHORT_RUN: f64 = 10_000.0;

/// Shift-demand rows: (demand index, column of `under`, column of `over`).
pub type DemandCols = Vec<(usize, usize, usize)>;

/// Shift demands and requests. Returns the demand columns and the objective
/// constant (unmet `prefer` requests are priced as weight − weight·x).
pub fn demands_and_requests(cfg: &Config, b: &mut Builder, cands: &[Candidate], x: &[Variable]) -> (DemandCols, f64) {
    let mut by_key: BTreeMap<(usize, NaiveDate), Vec<usize>> = BTreeMap::new();
    for (c, cand) in cands.iter().enumerate() {
        by_key.entry((cand.template, cand.date)).or_default().push(c);
    }
    let mut cols = Vec::new();
    for (i, d) in cfg.coverage.shifts.iter().enumerate() {
        let mut terms: Vec<(f64, Variable)> = by_key
            .get(&(d.template, d.date))
            .map(|cs| cs.iter().map(|&c| (1.0, x[c])).collect())
            .unwrap_or_default();
        let need = f64::from(d.agents);
        let under_col = b.vars.len();
        let under = b.continuous(0.0, need);
        let over_col = b.vars.len();
        let over = b.continuous(0.0, f64::INFINITY);
        b.objective.add_mul(d.under, under);
        b.objective.add_mul(d.over, over);
        terms.push((1.0, under));
        terms.push((-1.0, over));
        b.eq(&terms, need);
        cols.push((i, under_col, over_col));
    }
    let mut constant = 0.0;
    for (c, cand) in cands.iter().enumerate().filter(|(_, c)| !c.fixed) {
        let agent = &cfg.agents[cand.agent];
        let w: f64 = agent
            .avoid
            .iter()
            .filter(|r| r.matches(cand.template, cand.date))
            .map(|r| r.weight)
            .sum::<f64>()
            - agent
                .prefer
                .iter()
                .filter(|r| r.matches(cand.template, cand.date))
                .map(|r| r.weight)
                .sum::<f64>();
        if w != 0.0 {
            b.objective.add_mul(w, x[c]);
        }
    }
    for agent in &cfg.agents {
        constant += agent.prefer.iter().map(|r| r.weight).sum::<f64>();
    }
    (cols, constant)
}

/// Per-agent rules over `range` (one agent's candidates, sorted by date).
pub fn agent_rules(
    cfg: &Config,
    b: &mut Builder,
    cands: &[Candidate],
    x: &[Variable],
    range: std::ops::Range<usize>,
    by_day: &BTreeMap<NaiveDate, Vec<usize>>,
) {
    let agent = &cfg.agents[cands[range.start].agent];
    let r = agent.rules;
    let free: Vec<usize> = range.clone().filter(|&c| !cands[c].fixed).collect();

    for &(t, n) in &agent.template_caps {
        let terms: Vec<_> = free
            .iter()
            .filter(|&&c| cands[c].template == t)
            .map(|&c| (1.0, x[c]))
            .collect();
        if terms.len() > n as usize {
            b.leq(&terms, f64::from(n));
        }
    }

    let minutes: Vec<(f64, Variable)> = free.iter().map(|&c| (cands[c].seconds() as f64 / 60.0, x[c])).collect();
    let most: f64 = by_day
        .values()
        .map(|cs| {
            cs.iter()
                .filter(|&&c| !cands[c].fixed)
                .map(|&c| cands[c].seconds() as f64 / 60.0)
                .fold(0.0, f64::max)
        })
        .sum();
    if let Some(max) = r.max_total_minutes.filter(|m| (*m as f64) < most) {
        b.leq(&minutes, max as f64);
    }
    if r.min_total_minutes > 0 {
        let short = b.soft_slack(r.min_total_minutes as f64, SHORT_MINUTE);
        let mut terms = minutes;
        terms.push((1.0, short));
        b.geq(&terms, r.min_total_minutes as f64);
    }

    // Forbidden successions: template A on day d, B on day d + 1.
    for c1 in range.clone() {
        let next = &cfg.templates[cands[c1].template].not_followed_by;
        if next.is_empty() {
            continue;
        }
        let Some(cs) = by_day.get(&(cands[c1].date + Duration::days(1))) else {
            continue;
        };
        for &c2 in cs.iter().filter(|&&c2| next.contains(&cands[c2].template)) {
            b.leq(&[(1.0, x[c1]), (1.0, x[c2])], 1.0);
        }
    }

    // Runs of working days at least `min_consecutive_days` long, except runs
    // touching either end of the horizon.
    let k = i64::from(r.min_consecutive_days);
    if k > 1 {
        let (first, last) = (cfg.horizon.start, cfg.horizon.end() - Duration::days(1));
        let work = |d: NaiveDate, sign: f64| -> Vec<(f64, Variable)> {
            by_day
                .get(&d)
                .map(|cs| cs.iter().map(|&c| (sign, x[c])).collect())
                .unwrap_or_default()
        };
        for len in 1..k {
            for d in first.iter_days().take_while(|d| *d + Duration::days(len) <= last) {
                if d <= first {
                    continue;
                }
                let mut terms = work(d - Duration::days(1), -1.0);
                for j in 0..len {
                    terms.extend(work(d + Duration::days(j), 1.0));
                }
                terms.extend(work(d + Duration::days(len), -1.0));
                // Only when every day of the run can be worked (else it cannot happen).
                if (0..len).all(|j| by_day.contains_key(&(d + Duration::days(j)))) {
                    let slack = b.soft_slack(1.0, SHORT_RUN);
                    terms.push((-1.0, slack));
                    b.leq(&terms, (len - 1) as f64);
                }
            }
        }
    }
}
