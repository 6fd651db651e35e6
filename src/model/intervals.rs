//! Elementary intervals: the horizon cut at every candidate start and end and
//! every coverage boundary, so that inside one interval nothing changes. Each
//! carries what it needs (in total and per skill set) and which candidates
//! cover it whole. Plain data, no solver types.

use super::candidates::Candidate;
use crate::config::Config;
use crate::time::{self, Demand, Instant};
use std::collections::{BTreeMap, BTreeSet};

/// A set of required skills; the empty set is the head count.
pub type SkillSet = BTreeSet<String>;

#[derive(Debug, Clone)]
pub struct Interval {
    pub start: Instant,
    pub end: Instant,
    /// Need per skill set; the empty set (head count) comes first when present.
    pub needs: Vec<(SkillSet, u32)>,
    /// Indices of active coverage needs (`config.coverage.needs`).
    pub rules: Vec<usize>,
    /// Indices of candidates covering the whole interval.
    pub covering: Vec<usize>,
}

impl Interval {
    pub fn seconds(&self) -> i64 {
        time::seconds(self.start, self.end)
    }
}

/// The requirement in force at a moment: head count and per skill set.
/// Rules add up: every rule adds to the head count, and skilled rules also add
/// to their skill set's count.
pub fn needs_of(cfg: &Config, rules: &[usize]) -> Vec<(SkillSet, u32)> {
    let mut by: BTreeMap<SkillSet, u32> = BTreeMap::new();
    for &r in rules {
        let need = &cfg.coverage.needs[r];
        *by.entry(SkillSet::new()).or_default() += need.agents;
        if !need.skills.is_empty() {
            *by.entry(need.skills.clone()).or_default() += need.agents;
        }
    }
    by.into_iter().collect()
}

/// Intervals of the horizon window with a positive need.
pub fn intervals(cfg: &Config, cands: &[Candidate], demand: &[Demand]) -> Vec<Interval> {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let mut points: BTreeSet<Instant> = BTreeSet::new();
    for d in demand {
        points.insert(d.start);
        points.insert(d.end);
    }
    for c in cands {
        points.insert(c.start.clamp(w0, w1));
        points.insert(c.end.clamp(w0, w1));
    }
    let points: Vec<Instant> = points.into_iter().filter(|p| *p >= w0 && *p <= w1).collect();

    // Sweep: events sorted by time; a candidate is active on [start, end).
    let mut starts: Vec<usize> = (0..cands.len()).collect();
    starts.sort_by_key(|&i| cands[i].start);
    let mut ends: Vec<usize> = (0..cands.len()).collect();
    ends.sort_by_key(|&i| cands[i].end);
    let mut dstarts: Vec<usize> = (0..demand.len()).collect();
    dstarts.sort_by_key(|&i| demand[i].start);
    let mut dends: Vec<usize> = (0..demand.len()).collect();
    dends.sort_by_key(|&i| demand[i].end);

    let (mut si, mut ei, mut dsi, mut dei) = (0, 0, 0, 0);
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut rules_active: BTreeMap<usize, u32> = BTreeMap::new();
    let mut out = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        while si < starts.len() && cands[starts[si]].start <= a {
            active.insert(starts[si]);
            si += 1;
        }
        while ei < ends.len() && cands[ends[ei]].end <= a {
            active.remove(&ends[ei]);
            ei += 1;
        }
        while dsi < dstarts.len() && demand[dstarts[dsi]].start <= a {
            *rules_active.entry(demand[dstarts[dsi]].need).or_default() += 1;
            dsi += 1;
        }
        while dei < dends.len() && demand[dends[dei]].end <= a {
            let n = demand[dends[dei]].need;
            if let Some(c) = rules_active.get_mut(&n) {
                *c -= 1;
                if *c == 0 {
                    rules_active.remove(&n);
                }
            }
            dei += 1;
        }
        if rules_active.is_empty() {
            continue;
        }
        // A need listed twice (overlapping windows of one rule) counts twice.
        let rules: Vec<usize> = rules_active
            .iter()
            .flat_map(|(&r, &k)| std::iter::repeat_n(r, k as usize))
            .collect();
        out.push(Interval {
            start: a,
            end: b,
            needs: needs_of(cfg, &rules),
            rules,
            covering: active.iter().copied().collect(),
        });
    }
    out
}
