//! Candidate shifts: every (agent, template, local day) the agent could work
//! inside the horizon, with exact UTC instants. Plain data, no solver types.

use crate::config::{Agent, Config, Weights};
use crate::time::{self, Instant};
use chrono::{Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub agent: usize,
    pub template: usize,
    /// Local date (agent's zone) the shift starts on.
    pub date: NaiveDate,
    pub start: Instant,
    pub end: Instant,
}

impl Candidate {
    /// Real elapsed length in seconds.
    pub fn seconds(&self) -> i64 {
        time::seconds(self.start, self.end)
    }

    /// What scheduling it costs in the objective: overstaffing is priced per
    /// minute inside the horizon window `[w0, w1)`, labour per hour worked.
    pub fn cost(&self, w: &Weights, w0: Instant, w1: Instant) -> f64 {
        let inside = time::seconds(self.start.max(w0), self.end.min(w1)).max(0) as f64 / 60.0;
        w.overstaffed * inside + w.hours * self.seconds() as f64 / 3600.0
    }
}

/// Local dates an agent may start a shift on: the horizon's dates plus one on
/// each side, so that agents far east or west of the coverage zone can cover
/// its first and last hours. Shifts must still overlap the horizon window.
pub fn date_range(cfg: &Config) -> (NaiveDate, NaiveDate) {
    (cfg.horizon.start - Duration::days(1), cfg.horizon.end())
}

/// True when a shift `[s, e)` of `agent` touches a local day it has off.
pub fn touches_off_day(agent: &Agent, s: Instant, e: Instant) -> bool {
    if agent.off.is_empty() {
        return false;
    }
    let first = time::local_date(agent.zone, s);
    let last = time::local_date(agent.zone, e - Duration::seconds(1));
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .any(|d| agent.off.contains(&d))
}

/// All candidates, sorted by (agent, date, template).
pub fn candidates(cfg: &Config) -> Vec<Candidate> {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let (first, last) = date_range(cfg);
    let mut out = Vec::new();
    for (a, agent) in cfg.agents.iter().enumerate() {
        for date in first.iter_days().take_while(|d| *d <= last) {
            for &t in &agent.templates {
                let tpl = &cfg.templates[t];
                let (start, end) = time::span(agent.zone, date, tpl.start, tpl.end);
                if end <= w0 || start >= w1 || touches_off_day(agent, start, end) {
                    continue;
                }
                out.push(Candidate {
                    agent: a,
                    template: t,
                    date,
                    start,
                    end,
                });
            }
        }
    }
    out
}
