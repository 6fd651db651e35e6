//! Advice before solving: target hours no template can reach and the
//! head-count bound ("3 agents × 40 h < 168 h"). What would fix the gaps
//! after solving is [`crate::whatif`].

use crate::config::{Agent, Config};
use crate::model::candidates::{candidates, clock_notes, ClockNote};
use crate::model::intervals::intervals;
use crate::time::{self, Instant};
use std::collections::BTreeMap;

/// A stretch of the target no candidate shift can cover.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Unreachable {
    pub start: Instant,
    pub end: Instant,
    /// Required skills, `None` for any agent.
    pub skill: Option<String>,
    pub reason: String,
}

/// Supply and demand of agent-hours over the horizon.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Capacity {
    /// Agent-hours the target asks for.
    pub needed_hours: f64,
    /// Most agent-hours the team may work under its rules.
    pub available_hours: f64,
    /// Hours one average agent may work per week.
    pub hours_per_agent_week: f64,
    /// Fewest agents of that kind the hours alone require.
    pub min_agents: usize,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Precheck {
    pub unreachable: Vec<Unreachable>,
    pub capacity: Option<Capacity>,
    /// Templates a clock change collapses (no shift that day) or moves onto the next local date.
    pub clock: Vec<ClockNote>,
}

impl Precheck {
    pub fn short_of_hours(&self) -> bool {
        self.capacity.is_some_and(|c| c.available_hours + 1e-9 < c.needed_hours)
    }
}

/// Hours per week an agent may work: the lesser of its hour limit and its
/// shift limit times its longest template.
pub fn weekly_hours(cfg: &Config, a: &Agent) -> f64 {
    let longest = a
        .templates
        .iter()
        .map(|&t| cfg.templates[t].nominal_minutes())
        .max()
        .unwrap_or(0);
    let by_shifts = i64::from(a.rules.max_shifts_per_week) * longest;
    by_shifts.min(a.rules.max_minutes_per_week) as f64 / 60.0
}

pub fn precheck(cfg: &Config) -> Precheck {
    let cands = candidates(cfg, &[]);
    let demand = time::demand(cfg);
    let ivs = intervals(cfg, &cands, &demand);

    let mut pieces: BTreeMap<Option<String>, Vec<(Instant, Instant)>> = BTreeMap::new();
    let mut needed = 0.0;
    for iv in &ivs {
        for (skills, need) in &iv.needs {
            let head = skills.is_empty();
            if head {
                needed += f64::from(*need) * iv.seconds() as f64 / 3600.0;
            }
            let reachable = iv
                .covering
                .iter()
                .any(|&c| head || cfg.agents[cands[c].agent].has_skills(skills));
            if !reachable {
                let key = (!head).then(|| skills.iter().cloned().collect::<Vec<_>>().join("+"));
                let list = pieces.entry(key).or_default();
                match list.last_mut() {
                    Some(last) if last.1 == iv.start => last.1 = iv.end,
                    _ => list.push((iv.start, iv.end)),
                }
            }
        }
    }
    let mut unreachable = Vec::new();
    for (skill, list) in pieces {
        for (start, end) in list {
            let reason = match &skill {
                None => "no agent has a shift template that covers this time".to_string(),
                Some(s) => format!("no agent with skill {s} has a shift template that covers this time"),
            };
            unreachable.push(Unreachable {
                start,
                end,
                skill: skill.clone(),
                reason,
            });
        }
    }

    let weeks = f64::from(cfg.horizon.weeks);
    let days = cfg.horizon.days() as f64;
    let mut available = 0.0;
    for a in &cfg.agents {
        let (first, last) = (cfg.horizon.start, cfg.horizon.end());
        let off = first
            .iter_days()
            .take_while(|d| *d < last)
            .filter(|d| a.off.contains(d))
            .count() as f64;
        available += weekly_hours(cfg, a) * weeks * (days - off) / days;
    }
    let per_agent = cfg.agents.iter().map(|a| weekly_hours(cfg, a)).sum::<f64>() / cfg.agents.len() as f64;
    let min_agents = if per_agent > 0.0 {
        (needed / (per_agent * weeks) - 1e-9).ceil().max(1.0) as usize
    } else {
        0
    };
    let capacity = Some(Capacity {
        needed_hours: needed,
        available_hours: available,
        hours_per_agent_week: per_agent,
        min_agents,
    });
    Precheck {
        unreachable,
        capacity,
        clock: clock_notes(cfg),
    }
}
