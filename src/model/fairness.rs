//! Fairness: the largest per-agent count of night shifts and of weekend
//! shifts (earlier rotas' last year included), priced per shift.

use super::builder::Builder;
use super::candidates::Candidate;
use super::lp::{Tag, Var};
use super::rules::is_weekend;
use crate::config::Config;
use crate::history::Past;
use crate::oncall;
use chrono::Duration;

/// Night and weekend shifts an agent worked in earlier rotas over the last year.
fn year_loads(cfg: &Config, past: &Past, a: usize) -> (f64, f64) {
    let agent = &cfg.agents[a];
    let from = cfg.horizon.start - Duration::days(oncall::YEAR_DAYS);
    let mut nights = 0.0;
    let mut weekends = 0.0;
    for sh in past.shifts.iter().filter(|s| s.agent == agent.name) {
        let date = sh.date_in(agent.zone);
        if date < from || date >= cfg.horizon.start {
            continue;
        }
        if cfg.template(&sh.template).is_some_and(|(_, t)| t.night) {
            nights += 1.0;
        }
        if is_weekend(date) {
            weekends += 1.0;
        }
    }
    (nights, weekends)
}

/// `weight × max over agents (count)` for night shifts and for weekend shifts.
pub fn fairness(cfg: &Config, b: &mut Builder, past: &Past, cands: &[Candidate], x: &[Var]) {
    let mut nights = vec![(Vec::new(), 0.0); cfg.agents.len()];
    let mut weekends = vec![(Vec::new(), 0.0); cfg.agents.len()];
    for (a, (n, w)) in nights.iter_mut().zip(weekends.iter_mut()).enumerate() {
        let (pn, pw) = year_loads(cfg, past, a);
        n.1 = pn;
        w.1 = pw;
    }
    for (c, cand) in cands.iter().enumerate().filter(|(_, c)| !c.fixed) {
        if cfg.templates[cand.template].night {
            nights[cand.agent].0.push(x[c]);
        }
        if is_weekend(cand.date) {
            weekends[cand.agent].0.push(x[c]);
        }
    }
    most(b, cfg.weights.fairness, &nights);
    most(b, cfg.weights.fairness, &weekends);
}

/// weight × (the largest per-agent count), as an integer column `top` with
/// `count + base ≤ top` per agent.
/// An agent with no such candidate still counts with its earlier load.
fn most(b: &mut Builder, weight: f64, loads: &[(Vec<Var>, f64)]) {
    if weight <= 0.0 || loads.iter().all(|(l, base)| l.is_empty() && *base <= 0.0) {
        return;
    }
    let hi = loads.iter().map(|(l, base)| l.len() as f64 + base).fold(0.0, f64::max);
    let lo = loads.iter().map(|(_, base)| *base).fold(0.0, f64::max);
    let top = b.integer(lo, hi, Tag::SHARED);
    b.cost(top, weight);
    for (l, base) in loads.iter().filter(|(l, _)| !l.is_empty()) {
        let mut terms: Vec<_> = l.iter().map(|&v| (1.0, v)).collect();
        terms.push((-1.0, top));
        b.leq(&terms, -base);
    }
}
