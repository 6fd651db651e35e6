//! Candidate shifts: every (agent, template, local day) the agent could work
//! inside the horizon, with exact UTC instants. Plain data, no solver types.

use crate::config::{Config, Weights};
use crate::rota::Shift;
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
    /// Worked in an earlier rota (`plan --after`): a constant, not a choice.
    pub fixed: bool,
}

impl Candidate {
    /// Real elapsed length in seconds.
    pub fn seconds(&self) -> i64 {
        time::seconds(self.start, self.end)
    }

    /// What scheduling it costs in the objective: overstaffing is priced per
    /// minute inside the horizon window `[w0, w1)`, labour per hour worked.
    pub fn cost(&self, w: &Weights, w0: Instant, w1: Instant) -> f64 {
        w.overstaffed * self.minutes_inside(w0, w1) + w.hours * self.seconds() as f64 / 3600.0
    }

    /// Minutes of the shift inside `[w0, w1)`.
    pub fn minutes_inside(&self, w0: Instant, w1: Instant) -> f64 {
        time::seconds(self.start.max(w0), self.end.min(w1)).max(0) as f64 / 60.0
    }
}

/// Local dates an agent may start a shift on: the horizon's dates plus one on
/// each side, so that agents far east or west of the coverage zone can cover
/// its first and last hours. Shifts must still overlap the horizon window.
pub fn date_range(cfg: &Config) -> (NaiveDate, NaiveDate) {
    (cfg.horizon.start - Duration::days(1), cfg.horizon.end())
}

/// How far back shifts of earlier rotas still bind the rules (28-day weekend
/// windows, up to 28 consecutive days, rolling weeks, rest).
pub const HISTORY_DAYS: i64 = 35;

/// All candidates, sorted by (agent, date, template), plus the shifts of
/// earlier rotas from the last [`HISTORY_DAYS`] as fixed candidates (shifts
/// of agents or templates no longer in the config are left out).
pub fn candidates(cfg: &Config, history: &[Shift]) -> Vec<Candidate> {
    let mut out = free_candidates(cfg);
    let from = cfg.horizon.start - Duration::days(HISTORY_DAYS + 1);
    for sh in history {
        let (Some((a, agent)), Some((t, _))) = (cfg.agent(&sh.agent), cfg.template(&sh.template)) else {
            continue;
        };
        let (start, end) = (sh.start_utc(), sh.end_utc());
        let date = time::local_date(agent.zone, start);
        if date >= from {
            out.push(Candidate {
                agent: a,
                template: t,
                date,
                start,
                end,
                fixed: true,
            });
        }
    }
    out.sort_by_key(|c| (c.agent, c.date, c.template, !c.fixed));
    out
}

fn free_candidates(cfg: &Config) -> Vec<Candidate> {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let (first, last) = date_range(cfg);
    let mut out = Vec::new();
    for (a, agent) in cfg.agents.iter().enumerate() {
        for date in first.iter_days().take_while(|d| *d <= last) {
            for &t in &agent.templates {
                let tpl = &cfg.templates[t];
                let (start, end) = time::span(agent.zone, date, tpl.start, tpl.end);
                if end <= w0 || start >= w1 || time::off_day_within(agent, start, end).is_some() {
                    continue;
                }
                out.push(Candidate {
                    agent: a,
                    template: t,
                    date,
                    start,
                    end,
                    fixed: false,
                });
            }
        }
    }
    out
}
