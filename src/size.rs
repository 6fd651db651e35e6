//! How many people, where: the smallest team per hub that covers a target,
//! found by planning (not by a rule of thumb), and the standard ladder of
//! coverage stages from 8×5 business hours to 24/7 with what each costs.
//!
//! Every hire works under the team's own `[rules]`, has every skill the team
//! has and may work every template not limited to named agents. The head
//! count comes from one small integer program (`model::headcount`: hires per
//! hub and per template and local day, every rule summed over a hub), whose
//! bound proves that no smaller team can cover the target; one plan of that
//! team verifies it. Should the plan leave a gap a template reaches (a rule
//! the program only sums, such as runs of days off, binds), hires are added
//! one plan at a time — the hire whose plan leaves the least uncovered time —
//! then dropped while plans still cover. On-call duties are left out: sizing
//! is about coverage.
//!
//! Budgeted by work: the program by nodes, each plan by the `quick` effort's
//! budget. The time limit is only a safety net: a plan it cuts short is never
//! used, and the sizing says it was stopped ([`Sizing::stopped`]).

use crate::config::{Agent, Config, Need};
use crate::history::Past;
use crate::report::cost::{cost_report, CostReport};
use crate::rota::Gap;
use crate::solve::{progress::Progress, Options};
use crate::time::Instant;
use crate::whatif::{minutes, reachable, Cut, Planned};

/// The search's safety net when a library caller names none, in seconds.
const LIBRARY_TIME_LIMIT: f64 = 600.0;
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::BTreeSet;

/// Most agents a sizing considers.
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
    /// Proven the fewest: the team covers and has as many agents as the
    /// head-count program's optimum, a lower bound.
    pub minimal: bool,
    /// That lower bound, when the program was solved to optimality.
    pub lower_bound: Option<u32>,
    /// Plans made (the verifying plan and any repairs).
    pub plans: u32,
    /// The time limit (or Ctrl-C) stopped the search — the program, a plan,
    /// adding or dropping hires: the team may be larger or smaller than the
    /// full search would find.
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
    plans: std::cell::Cell<u32>,
}

/// `cfg` with its agents replaced by `counts[i]` hires in hub `i`.
fn team(base: &Config, hubs: &[Tz], counts: &[u32]) -> Config {
    let skills: BTreeSet<String> = base.agents.iter().flat_map(|a| a.skills.iter().cloned()).collect();
    let templates: Vec<usize> = (0..base.templates.len())
        .filter(|&t| base.templates[t].agents.is_none())
        .collect();
    let mut t = base.clone();
    t.agents = Vec::new();
    // Coverage first: a verifying plan may stop within its gap over
    // overstaffing or hours, never over a gap a hire could close.
    t.weights.uncovered = t.weights.uncovered.max(1.0) * 1000.0;
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
                paging: crate::config::paging::Ids::default(),
            });
        }
    }
    t
}

impl Search<'_> {
    /// What a plan of `counts` leaves (`Ok(None)`: no plan; `Err`: the safety net or Ctrl-C cut it).
    fn plan(&self, counts: &[u32]) -> Result<Option<Planned>, Cut> {
        if counts.iter().sum::<u32>() == 0 {
            return Ok(None);
        }
        self.progress.context(&format!("size: plan {}", self.plans.get() + 1));
        let planned = crate::whatif::planned(
            &team(&self.base, self.hubs, counts),
            &Past::default(),
            self.opts,
            self.deadline,
            self.progress,
        );
        if planned.is_ok() {
            self.plans.set(self.plans.get() + 1);
        }
        planned
    }

    fn covers(&self, gaps: &[Gap]) -> bool {
        reachable(gaps, &self.unreachable) == 0
    }

    /// Adds the best hire, one at a time, until a plan covers all it can;
    /// `false` when the time limit (or Ctrl-C) stopped it first.
    fn grow(&self, counts: &mut [u32], mut got: Planned) -> (Planned, bool) {
        while !self.covers(&got.0) && counts.iter().sum::<u32>() < MAX_AGENTS {
            let mut best: Option<(i64, usize, Planned)> = None;
            for i in 0..counts.len() {
                counts[i] += 1;
                let tried = self.plan(counts);
                counts[i] -= 1;
                let p = match tried {
                    Ok(Some(p)) => p,
                    Ok(None) => continue,
                    Err(_) => return (got, false),
                };
                let score = reachable(&p.0, &self.unreachable) * 1000 + minutes(&p.0).min(999);
                if best.as_ref().is_none_or(|b| score < b.0) {
                    best = Some((score, i, p));
                }
            }
            let Some((_, i, p)) = best else { break };
            if reachable(&p.0, &self.unreachable) >= reachable(&got.0, &self.unreachable) {
                break; // no hire in any hub reaches more of the target
            }
            counts[i] += 1;
            got = p;
        }
        (got, true)
    }

    /// Drops agents while a plan still covers all it can; `false` when the
    /// time limit (or Ctrl-C) stopped it first.
    fn shrink(&self, counts: &mut [u32], mut got: Planned) -> (Planned, bool) {
        let mut i = 0;
        while i < counts.len() {
            if counts[i] > 0 {
                counts[i] -= 1;
                match self.plan(counts) {
                    Ok(Some(p)) if self.covers(&p.0) => {
                        got = p;
                        continue;
                    }
                    Ok(_) => counts[i] += 1,
                    Err(_) => {
                        counts[i] += 1;
                        return (got, false);
                    }
                }
            }
            i += 1;
        }
        (got, true)
    }
}

/// Per hub, below one agent in all: cheaper hubs first when `[costs]` prices them.
fn ties(base: &Config, hubs: &[Tz]) -> Vec<f64> {
    let Some(c) = &base.costs else {
        return vec![0.0; hubs.len()];
    };
    let rates: Vec<f64> = hubs.iter().map(|z| c.rate_of(None, *z)).collect();
    let top = rates.iter().copied().fold(0.0, f64::max);
    let n = hubs.len().max(1) as f64;
    rates
        .iter()
        .map(|r| {
            if top > 0.0 {
                0.5 * r / top / n / f64::from(MAX_AGENTS)
            } else {
                0.0
            }
        })
        .collect()
}

/// The smallest team per hub covering `cfg`'s target: the head-count
/// program's answer, verified by planning it; if that plan leaves a gap a
/// template reaches, hires are added one plan at a time.
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
    let limit = opts
        .time_limit
        .unwrap_or(LIBRARY_TIME_LIMIT)
        .min(crate::cli::MAX_SECONDS);
    let s = Search {
        unreachable,
        opts,
        deadline: std::time::Instant::now() + std::time::Duration::try_from_secs_f64(limit).unwrap_or_default(),
        progress,
        plans: std::cell::Cell::new(0),
        hubs,
        base,
    };
    let program = crate::model::headcount::build(&probe, MAX_AGENTS, &ties(&s.base, hubs));
    let answer = crate::solve::head_count(&program, limit, opts.verbose)?;
    let bound = answer.counts.iter().sum::<u32>();
    if bound == 0 {
        return Some(no_hire(&probe, hubs));
    }
    let mut counts = answer.counts;
    let first = s.plan(&counts).ok()??;
    let (grown, mut finished) = s.grow(&mut counts, first);
    let at_bound = counts.iter().sum::<u32>() == bound && answer.proven;
    let (gaps, shifts) = if finished && s.covers(&grown.0) && !at_bound {
        let (shrunk, done) = s.shrink(&mut counts, grown);
        finished = done;
        shrunk
    } else {
        grown
    };
    finished &= !answer.timed_out;
    s.progress.context("");
    // The program's optimum is a lower bound: a covering team of that size is
    // the smallest; plans alone (grow, then one fewer per hub) prove nothing.
    let minimal = answer.proven && s.covers(&gaps) && counts.iter().sum::<u32>() == bound;
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
        cost: cost_report(&final_team, &shifts, final_team.horizon.weeks),
        minimal,
        lower_bound: answer.proven.then_some(bound),
        plans: s.plans.get(),
        stopped: !finished,
    })
}

/// No hire covers any of the target: no template reaches it.
fn no_hire(probe: &Config, hubs: &[Tz]) -> Sizing {
    let cands = crate::model::candidates::candidates(probe, &[]);
    let open: i64 = crate::model::intervals::intervals(probe, &cands, &crate::time::demand(probe))
        .iter()
        .map(|iv| iv.seconds() / 60 * i64::from(iv.needs.iter().map(|(_, n)| *n).max().unwrap_or(0)))
        .sum();
    Sizing {
        hubs: hubs.iter().map(|z| (z.name().to_string(), 0)).collect(),
        agents: 0,
        uncovered_agent_minutes: open,
        reachable_agent_minutes: 0,
        gap_lines: Vec::new(),
        cost: None,
        minimal: true,
        lower_bound: Some(0),
        plans: 0,
        stopped: false,
    }
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
