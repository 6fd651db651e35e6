//! What the target asks for, in the objective: coverage of the time-based
//! target (soft, a shortfall per row priced per uncovered agent-minute),
//! shift demands (people on a template on a day) and shift requests.
//!
//! Overstaffing needs no variables of its own: on an interval, overstaffing
//! equals cover − need + shortfall, so its price becomes a cost per scheduled
//! minute (in [`Candidate::cost`]) plus a surcharge on shortfall, minus a
//! constant carried as the objective offset.
//!
//! Adjacent intervals whose rows would have the same columns and the same
//! need share one row, its shortfall priced by their total length (their
//! shortfalls are equal in every rota).

use super::builder::Builder;
use super::candidates::Candidate;
use super::intervals::{Interval, SkillSet};
use super::lp::{Tag, Var};
use super::rules::day_index;
use crate::config::Config;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One coverage row: the intervals it stands for, their skill set and need,
/// and the shortfall column.
pub struct Short {
    pub intervals: Vec<usize>,
    pub skills: SkillSet,
    pub need: u32,
    pub var: Var,
}

fn minutes(iv: &Interval) -> f64 {
    iv.seconds() as f64 / 60.0
}

/// `cover + shortfall ≥ need` per interval and skill set (merged where
/// identical); returns the rows and the objective constant of overstaffing.
pub fn coverage(cfg: &Config, b: &mut Builder, cands: &[Candidate], ivs: &[Interval], x: &[Var]) -> (Vec<Short>, f64) {
    let w = cfg.weights;
    let mut constant = 0.0;
    // Per skill set: (columns, need, index into `rows`) of the last row, to merge into.
    let mut open: BTreeMap<SkillSet, (Vec<usize>, u32, usize, i64)> = BTreeMap::new();
    let mut rows: Vec<(Short, Vec<usize>)> = Vec::new();
    for (i, iv) in ivs.iter().enumerate() {
        for (skills, need) in &iv.needs {
            let head = skills.is_empty();
            if head {
                constant -= w.overstaffed * minutes(iv) * f64::from(*need);
            }
            let cols: Vec<usize> = iv
                .covering
                .iter()
                .copied()
                .filter(|&c| head || cfg.agents[cands[c].agent].has_skills(skills))
                .collect();
            let start = iv.start.timestamp();
            match open.get(skills) {
                Some((c, n, r, end)) if *c == cols && n == need && *end == start => {
                    rows[*r].0.intervals.push(i);
                }
                _ => {
                    let short = Short {
                        intervals: vec![i],
                        skills: skills.clone(),
                        need: *need,
                        var: Var(0),
                    };
                    rows.push((short, cols.clone()));
                    open.insert(skills.clone(), (cols, *need, rows.len() - 1, 0));
                }
            }
            if let Some(o) = open.get_mut(skills) {
                o.3 = iv.end.timestamp();
            }
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for (mut short, cols) in rows {
        let head = short.skills.is_empty();
        let price = w.uncovered + if head { w.overstaffed } else { 0.0 };
        let len: f64 = short.intervals.iter().map(|&i| minutes(&ivs[i])).sum();
        let day = ivs[short.intervals[0]].start.date_naive();
        let need = f64::from(short.need);
        let s = b.continuous(0.0, need, Tag::shared_on(day_index(cfg, day)));
        b.cost(s, price * len);
        let mut terms: Vec<_> = cols.iter().map(|&c| (1.0, x[c])).collect();
        terms.push((1.0, s));
        b.geq(&terms, need);
        short.var = s;
        out.push(short);
    }
    (out, constant)
}

/// Shift-demand rows: (demand index, `under` column, `over` column).
pub type DemandCols = Vec<(usize, Var, Var)>;

/// `people on the template that day + under − over = agents` per shift demand.
pub fn shift_demands(cfg: &Config, b: &mut Builder, cands: &[Candidate], x: &[Var]) -> DemandCols {
    let mut by_key: BTreeMap<(usize, NaiveDate), Vec<usize>> = BTreeMap::new();
    for (c, cand) in cands.iter().enumerate() {
        by_key.entry((cand.template, cand.date)).or_default().push(c);
    }
    let mut cols = Vec::new();
    for (i, d) in cfg.coverage.shifts.iter().enumerate() {
        let mut terms: Vec<(f64, Var)> = by_key
            .get(&(d.template, d.date))
            .map(|cs| cs.iter().map(|&c| (1.0, x[c])).collect())
            .unwrap_or_default();
        let need = f64::from(d.agents);
        let tag = Tag::shared_on(day_index(cfg, d.date));
        let under = b.continuous(0.0, need, tag);
        let over = b.continuous(0.0, terms.len() as f64, tag);
        b.cost(under, d.under);
        b.cost(over, d.over);
        terms.push((1.0, under));
        terms.push((-1.0, over));
        b.eq(&terms, need);
        cols.push((i, under, over));
    }
    cols
}

/// Shift requests: a `prefer` costs `weight × (1 − x)` (a constant plus a
/// negative price on the shift), an `avoid` `weight × x`. Returns the constant.
pub fn requests(cfg: &Config, b: &mut Builder, cands: &[Candidate], x: &[Var]) -> f64 {
    for (c, cand) in cands.iter().enumerate().filter(|(_, c)| !c.fixed) {
        let agent = &cfg.agents[cand.agent];
        let sum = |list: &[crate::config::Request]| -> f64 {
            list.iter()
                .filter(|r| r.matches(cand.template, cand.date))
                .map(|r| r.weight)
                .sum()
        };
        let w = sum(&agent.avoid) - sum(&agent.prefer);
        if w != 0.0 {
            b.cost(x[c], w);
        }
    }
    cfg.agents
        .iter()
        .map(|a| a.prefer.iter().map(|r| r.weight).sum::<f64>())
        .sum()
}
