//! How many people, where: the smallest team per hub that covers a target,
//! found by planning (not by a rule of thumb), and the standard ladder of
//! coverage stages from 8×5 business hours to 24/7 with what each costs.
//!
//! Every hire works under the team's own `[rules]`, has every skill the team
//! has and may work every template not limited to named agents. The search
//! grows one hub at a time — the hire whose plan leaves the least uncovered
//! time — until a plan leaves only what no template reaches, then drops
//! agents while that still holds, so one agent fewer in any hub leaves a gap.
//! On-call duties are left out: sizing is about coverage.

use crate::config::{Agent, Config, Need};
use crate::history::Past;
use crate::report::cost::{cost_report, CostReport};
use crate::rota::Gap;
use crate::solve::{progress::Progress, Options};
use crate::time::Instant;
use crate::whatif::{minutes, plan, reachable};
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::BTreeSet;

/// Most agents a sizing adds.
const MAX_AGENTS: u32 = 80;

/// A team size and what its verifying plan leaves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sizing {
    /// Agents per hub, in hub order.
    pub hubs: Vec<(String, u32)>,
    pub agents: u32,
    /// Uncovered agent-minutes of the verifying plan, and of those, how many a template could reach.
    pub uncovered_agent_minutes: i64,
    pub reachable_agent_minutes: i64,
    pub gap_lines: Vec<String>,
    /// With `[costs]`: what the verifying plan's rota costs.
    pub cost: Option<CostReport>,
    /// The time limit stopped the search: a larger team may be needed.
    pub stopped: bool,
}

/// The search's fixed inputs.
struct Search<'a> {
    base: Config,
    hubs: &'a [Tz],
    unreachable: Vec<(Instant, Instant)>,
    opts: &'a Options,
    deadline: std::time::Instant,
    progress: &'a Progress,
}

/// `cfg` with its agents replaced by `counts[i]` hires in hub `i`.
fn team(base: &Config, hubs: &[Tz], counts: &[u32]) -> Config {
    let skills: BTreeSet<String> = base.agents.iter().flat_map(|a| a.skills.iter().cloned()).collect();
    let templates: Vec<usize> = (0..base.templates.len())
        .filter(|&t| base.templates[t].agents.is_none())
        .collect();
    let mut t = base.clone();
    t.agents = Vec::new();
    for (tz, &n) in hubs.iter().zip(counts) {
        let city = tz.name().rsplit('/').next().unwrap_or("hub").to_lowercase();
        for k in 1..=n {
            t.agents.push(Agent {
                name: format!("{city}-{k}"),
                zone: *tz,
                skills: skills.clone(),
                templates: templates.clone(),
                off: BTreeSet::new(),
                rules: base.rules,
                comp_opening: 0.0,
                comp_dates: BTreeSet::new(),
                template_caps: base.template_caps.clone(),
                prefer: Vec::new(),
                avoid: Vec::new(),
                rate: None,
            });
        }
    }
    t
}

impl Search<'_> {
    /// The gaps a plan of `counts` leaves (`None`: out of time).
    fn gaps(&self, counts: &[u32]) -> Option<Vec<Gap>> {
        if counts.iter().sum::<u32>() == 0 {
            return None;
        }
        plan(
            &team(&self.base, self.hubs, counts),
            &Past::default(),
            self.opts,
            self.deadline,
            self.progress,
        )
    }

    fn covers(&self, gaps: &[Gap]) -> bool {
        reachable(gaps, &self.unreachable) == 0
    }

    /// Adds the best hire, one at a time, until a plan covers all it can;
    /// `false` when the time limit stopped it first.
    fn grow(&self, counts: &mut [u32], mut gaps: Vec<Gap>) -> (Vec<Gap>, bool) {
        while !self.covers(&gaps) && counts.iter().sum::<u32>() < MAX_AGENTS {
            let mut best: Option<(i64, usize, Vec<Gap>)> = None;
            for i in 0..counts.len() {
                counts[i] += 1;
                let tried = self.gaps(counts);
                counts[i] -= 1;
                let Some(g) = tried else { return (gaps, false) };
                let score = reachable(&g, &self.unreachable) * 1000 + minutes(&g).min(999);
                if best.as_ref().is_none_or(|b| score < b.0) {
                    best = Some((score, i, g));
                }
            }
            let Some((_, i, g)) = best else { break };
            if reachable(&g, &self.unreachable) >= reachable(&gaps, &self.unreachable) {
                break; // no hire in any hub reaches more of the target
            }
            counts[i] += 1;
            gaps = g;
        }
        (gaps, true)
    }

    /// Drops agents while the plan still covers all it can.
    fn shrink(&self, counts: &mut [u32], mut gaps: Vec<Gap>) -> Vec<Gap> {
        let mut i = 0;
        while i < counts.len() {
            if counts[i] > 0 {
                counts[i] -= 1;
                match self.gaps(counts).filter(|g| self.covers(g)) {
                    Some(g) => {
                        gaps = g;
                        continue;
                    }
                    None => counts[i] += 1,
                }
            }
            i += 1;
        }
        gaps
    }
}

/// The smallest team per hub covering `cfg`'s target, verified by planning.
pub fn size(cfg: &Config, hubs: &[Tz], opts: &Options, progress: &Progress) -> Option<Sizing> {
    let mut base = cfg.clone();
    base.duties.clear();
    let probe = team(&base, hubs, &vec![1; hubs.len()]);
    let unreachable = crate::advise::precheck(&probe)
        .unreachable
        .iter()
        .filter(|u| u.skill.is_none())
        .map(|u| (u.start, u.end))
        .collect();
    let limit = opts.time_limit.unwrap_or(600.0).min(1e6);
    let s = Search {
        base,
        hubs,
        unreachable,
        opts,
        deadline: std::time::Instant::now() + std::time::Duration::from_secs_f64(limit),
        progress,
    };
    // Start at the hours bound (agent-hours needed over what one may work),
    // spread over the hubs: fewer agents than that cannot cover the target.
    let bound = crate::advise::precheck(&probe).capacity.map_or(1, |c| c.min_agents);
    let per_hub = u32::try_from(bound / hubs.len().max(1)).unwrap_or(1).max(1);
    let mut counts = vec![per_hub; hubs.len()];
    let first = s.gaps(&counts)?;
    let (grown, finished) = s.grow(&mut counts, first);
    let gaps = if finished && s.covers(&grown) {
        s.shrink(&mut counts, grown)
    } else {
        grown
    };
    let final_team = team(&s.base, hubs, &counts);
    Some(Sizing {
        hubs: hubs
            .iter()
            .zip(&counts)
            .map(|(z, n)| (z.name().to_string(), *n))
            .collect(),
        agents: counts.iter().sum(),
        uncovered_agent_minutes: minutes(&gaps),
        reachable_agent_minutes: reachable(&gaps, &s.unreachable),
        gap_lines: crate::report::gaps::lines(&gaps, cfg.coverage.zone),
        cost: verify_cost(&final_team, opts, progress, s.deadline),
        stopped: !finished,
    })
}

/// The cost of a plan of the sized team (`None` without `[costs]`).
fn verify_cost(team: &Config, opts: &Options, progress: &Progress, deadline: std::time::Instant) -> Option<CostReport> {
    team.costs.as_ref()?;
    let left = deadline
        .saturating_duration_since(std::time::Instant::now())
        .as_secs_f64()
        .max(5.0);
    let quick = Options {
        effort: crate::solve::Effort::Quick,
        time_limit: Some(left),
        gap: 0.01,
        ..*opts
    };
    let planned = crate::plan_rota(team, &Past::default(), &quick, progress).ok()?;
    cost_report(team, &planned.rota.shifts, team.horizon.weeks)
}

/// One rung of the coverage ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub name: String,
    /// Hours of the week with someone on duty.
    pub hours_per_week: f64,
    pub sizing: Sizing,
}

/// The standard ladder in `zone`: (name, `at` of its one need).
pub const LADDER: [(&str, &str); 5] = [
    ("8×5 business hours", "Mon-Fri 09:00-17:00"),
    ("+2 h mornings", "Mon-Fri 07:00-17:00"),
    ("+2 h evenings", "Mon-Fri 07:00-19:00"),
    ("24/5", "24/5"),
    ("24/7", "24/7"),
];

/// The rungs to walk: the config's `[stages]` ladder, else [`LADDER`] with one agent.
pub fn rungs(cfg: &Config) -> Vec<crate::config::stages::Rung> {
    match &cfg.stages {
        Some(l) => l.rungs.clone(),
        None => LADDER
            .iter()
            .map(|(name, at)| crate::config::stages::Rung {
                name: (*name).into(),
                at: (*at).into(),
                agents: 1,
            })
            .collect(),
    }
}

/// Sizes each rung, its hours in `zone`.
pub fn stages(cfg: &Config, hubs: &[Tz], zone: Tz, opts: &Options, progress: &Progress) -> Vec<Stage> {
    let mut out = Vec::new();
    for rung in rungs(cfg) {
        let Ok(spec) = crate::config::values::parse_at(&rung.at) else {
            continue;
        };
        let mut c = cfg.clone();
        c.coverage.zone = zone;
        c.coverage.shifts.clear();
        c.demand.clear();
        c.coverage.needs = vec![Need {
            label: rung.at.clone(),
            days: spec.days,
            from: spec.from,
            to: spec.to,
            agents: rung.agents,
            skills: BTreeSet::new(),
        }];
        if let Some(sizing) = size(&c, hubs, opts, progress) {
            let hours_per_week = crate::config::stages::hours_per_week(&spec);
            out.push(Stage {
                name: rung.name,
                hours_per_week,
                sizing,
            });
        }
    }
    out
}
