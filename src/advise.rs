//! Advice before and after solving: target hours no template can reach, the
//! head-count bound ("3 agents × 40 h < 168 h"), and — when a team cannot
//! cover its target — a larger team that does, verified by planning it.

use crate::config::{Agent, Config};
use crate::model::candidates::candidates;
use crate::model::intervals::intervals;
use crate::model::Model;
use crate::solve::progress::Progress;
use crate::solve::{self, Effort, Options};
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
    Precheck { unreachable, capacity }
}

/// A team that covers the target with no gap.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    pub agents: usize,
    /// (zone, agents) for the whole suggested team.
    pub by_zone: Vec<(String, usize)>,
    /// True when a plan for this team was solved and left no avoidable gap.
    pub verified: bool,
    /// Hours of the target no template can reach, which no team size fixes.
    pub unreachable_hours: f64,
}

/// Grows the team by copies of its agents (round robin, in file order,
/// without their time off) until a plan leaves no gap other than the hours
/// no template can reach (more people cannot fix those). Tries at most
/// `max_extra` extra agents, each plan with a short time limit.
pub fn suggest(cfg: &Config, opts: &Options, max_extra: usize, progress: &Progress) -> Option<Suggestion> {
    let clock = std::time::Instant::now();
    let limit = opts.time_limit.unwrap_or(f64::INFINITY);
    let base = cfg.agents.len();
    let pre = precheck(cfg);
    let bound = pre.capacity.map_or(base, |c| c.min_agents.max(base));
    let unreachable: i64 = pre
        .unreachable
        .iter()
        .filter(|u| u.skill.is_none())
        .map(|u| time::seconds(u.start, u.end))
        .sum();
    for size in bound.max(base + 1)..=base + max_extra {
        let left = limit - clock.elapsed().as_secs_f64();
        if left <= 0.5 || crate::solve::stop::interrupted() {
            return None;
        }
        let quick = Options {
            effort: Effort::Quick,
            time_limit: Some(left),
            gap: 0.01,
            ..*opts
        };
        let team = grow(cfg, size);
        let mut model = Model::build(&team, &crate::history::Past::default());
        let problem = model.take_problem()?;
        let Ok(out) = solve::solve(problem, &quick, progress) else {
            continue;
        };
        let gaps = model.gaps(&team, &out.values);
        let left: i64 = gaps
            .iter()
            .filter(|g| g.skill.is_none())
            .map(|g| time::seconds(g.start, g.end))
            .sum();
        if left <= unreachable {
            let mut zones: BTreeMap<String, usize> = BTreeMap::new();
            for a in &team.agents {
                *zones.entry(a.zone.name().to_string()).or_default() += 1;
            }
            let mut by_zone: Vec<(String, usize)> = zones.into_iter().collect();
            by_zone.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            return Some(Suggestion {
                agents: size,
                by_zone,
                verified: true,
                unreachable_hours: unreachable as f64 / 3600.0,
            });
        }
    }
    None
}

fn grow(cfg: &Config, size: usize) -> Config {
    let mut team = cfg.clone();
    let base = cfg.agents.len();
    for i in base..size {
        let mut a = cfg.agents[(i - base) % base].clone();
        a.name = format!("{}+{}", a.name, (i - base) / base + 1);
        a.off.clear();
        team.agents.push(a);
    }
    team
}
