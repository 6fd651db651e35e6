//! What would fix the gaps: the smallest additions to the team — one agent
//! at a time, in a zone the team already has, working one template — that
//! close the most uncovered time, each verified by planning the team with it.
//! Greedy: the best addition, then the best next one, until a plan leaves
//! only what no template reaches (or nothing improves, or time is up).

use crate::config::{Agent, Config};
use crate::history::Past;
use crate::model::Model;
use crate::rota::Gap;
use crate::solve::{self, progress::Progress, Effort, Options};
use crate::time::{self, Instant};
use serde::Serialize;
use std::collections::BTreeSet;

/// Most additions tried per step (the ones whose shifts reach the most gap time).
const TRIED_PER_STEP: usize = 4;
/// Most agents added.
const MAX_ADDED: usize = 10;

/// One agent to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Addition {
    pub name: String,
    pub zone: String,
    pub template: String,
    pub skills: Vec<String>,
}

/// An addition and the uncovered agent-minutes a plan with it leaves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub addition: Addition,
    pub uncovered_agent_minutes: i64,
}

/// The what-if: from `before`, the additions in order, and other first steps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    pub before: i64,
    pub steps: Vec<Step>,
    /// Other single additions, best first (`--suggest N` asks for N in all).
    pub alternatives: Vec<Step>,
    /// The last step leaves only time no template of the team reaches.
    pub complete: bool,
}

/// Agent-minutes of `gaps` that some template could reach (not in `unreachable`).
pub(crate) fn reachable(gaps: &[Gap], unreachable: &[(Instant, Instant)]) -> i64 {
    gaps.iter()
        .map(|g| {
            let blocked: i64 = unreachable
                .iter()
                .map(|(a, b)| time::seconds(g.start.max(*a), g.end.min(*b)).max(0))
                .sum();
            (time::seconds(g.start, g.end) - blocked).max(0) / 60 * i64::from(g.missing())
        })
        .sum()
}

/// `team` with `add` as a new agent under the team's own rules (no overrides).
fn with(team: &Config, add: &Addition) -> Config {
    let mut t = team.clone();
    t.agents.push(Agent {
        name: add.name.clone(),
        zone: add.zone.parse().unwrap_or(chrono_tz::UTC),
        skills: add.skills.iter().cloned().collect(),
        templates: team.template(&add.template).map(|(i, _)| vec![i]).unwrap_or_default(),
        off: BTreeSet::new(),
        rules: team.rules,
        comp_opening: 0.0,
        comp_dates: BTreeSet::new(),
        template_caps: team.template_caps.clone(),
        prefer: Vec::new(),
        avoid: Vec::new(),
        rate: None,
    });
    t
}

/// Every (zone, template) addition, ranked by how much gap time its shifts reach.
fn options(team: &Config, gaps: &[Gap], name: &str) -> Vec<Addition> {
    let zones: BTreeSet<&str> = team.agents.iter().map(|a| a.zone.name()).collect();
    let short: BTreeSet<String> = gaps
        .iter()
        .filter_map(|g| g.skill.as_ref())
        .flat_map(|s| s.split('+').map(String::from))
        .collect();
    let mut ranked: Vec<(i64, Addition)> = Vec::new();
    for z in zones {
        let tz: chrono_tz::Tz = z.parse().unwrap_or(chrono_tz::UTC);
        // A template limited to named agents is not one a new hire may work.
        for tpl in team.templates.iter().filter(|t| t.agents.is_none()) {
            let reach: i64 = team
                .horizon
                .dates()
                .iter()
                .map(|d| time::span(tz, *d, tpl.start, tpl.end))
                .map(|(s, e)| {
                    gaps.iter()
                        .map(|g| time::seconds(g.start.max(s), g.end.min(e)).max(0))
                        .sum::<i64>()
                })
                .sum();
            let add = Addition {
                name: name.to_string(),
                zone: z.to_string(),
                template: tpl.name.clone(),
                skills: short.union(&tpl.skills).cloned().collect(),
            };
            ranked.push((-reach, add));
        }
    }
    ranked.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.zone.cmp(&b.1.zone))
            .then(a.1.template.cmp(&b.1.template))
    });
    ranked.into_iter().filter(|(r, _)| *r < 0).map(|(_, a)| a).collect()
}

/// Plans `team` quickly; the gaps it leaves (`None` when out of time).
pub(crate) fn plan(
    team: &Config,
    past: &Past,
    opts: &Options,
    deadline: std::time::Instant,
    progress: &Progress,
) -> Option<Vec<Gap>> {
    planned(team, past, opts, deadline, progress).map(|(gaps, _)| gaps)
}

/// A quick plan of `team`: its gaps and its shifts (`None`: out of time).
pub(crate) fn planned(
    team: &Config,
    past: &Past,
    opts: &Options,
    deadline: std::time::Instant,
    progress: &Progress,
) -> Option<(Vec<Gap>, Vec<crate::rota::Shift>)> {
    let left = deadline
        .saturating_duration_since(std::time::Instant::now())
        .as_secs_f64();
    if left <= 0.5 || solve::stop::interrupted() {
        return None;
    }
    let quick = Options {
        effort: Effort::Quick,
        time_limit: Some(left),
        gap: 0.01,
        ..*opts
    };
    let mut model = Model::build(team, past);
    let out = solve::solve(model.take_problem()?, &quick, progress).ok()?;
    Some((model.gaps(team, &out.values), model.shifts(team, &out.values)))
}

pub(crate) fn minutes(gaps: &[Gap]) -> i64 {
    gaps.iter().map(Gap::agent_minutes).sum()
}

/// Tries the best-ranked additions to `team`; the steps, best first.
/// What a search step needs besides the team: earlier rotas, solver options, the deadline.
struct Search<'a> {
    past: &'a Past,
    opts: &'a Options,
    deadline: std::time::Instant,
    progress: &'a Progress,
}

fn tried(team: &Config, gaps: &[Gap], name: &str, n: usize, s: &Search) -> Vec<(Step, Vec<Gap>)> {
    let mut out = Vec::new();
    for add in options(team, gaps, name).into_iter().take(n.max(TRIED_PER_STEP)) {
        let Some(left) = plan(&with(team, &add), s.past, s.opts, s.deadline, s.progress) else {
            break;
        };
        out.push((
            Step {
                addition: add,
                uncovered_agent_minutes: minutes(&left),
            },
            left,
        ));
    }
    out.sort_by_key(|(s, _)| s.uncovered_agent_minutes);
    out
}

/// The what-if for `cfg` whose rota left `gaps`, within `opts.time_limit`;
/// `n` first steps are reported. `None` when no addition helps.
pub fn what_if(
    cfg: &Config,
    past: &Past,
    gaps: &[Gap],
    n: usize,
    opts: &Options,
    progress: &Progress,
) -> Option<WhatIf> {
    let deadline =
        std::time::Instant::now() + std::time::Duration::from_secs_f64(opts.time_limit.unwrap_or(60.0).min(1e6));
    let unreachable: Vec<(Instant, Instant)> = crate::advise::precheck(cfg)
        .unreachable
        .iter()
        .filter(|u| u.skill.is_none())
        .map(|u| (u.start, u.end))
        .collect();
    let before = minutes(gaps);
    let mut team = cfg.clone();
    let (mut current, mut left) = (gaps.to_vec(), before);
    let mut steps = Vec::new();
    let mut alternatives = Vec::new();
    while steps.len() < MAX_ADDED && reachable(&current, &unreachable) > 0 {
        let name = format!("new-{}", steps.len() + 1);
        let search = Search {
            past,
            opts,
            deadline,
            progress,
        };
        let mut found = tried(&team, &current, &name, if steps.is_empty() { n } else { 1 }, &search);
        if found.is_empty() || found[0].0.uncovered_agent_minutes >= left {
            break;
        }
        let (best, gaps_after) = found.remove(0);
        if steps.is_empty() {
            alternatives = found.into_iter().map(|(s, _)| s).take(n.saturating_sub(1)).collect();
        }
        team = with(&team, &best.addition);
        left = best.uncovered_agent_minutes;
        current = gaps_after;
        steps.push(best);
    }
    (!steps.is_empty()).then(|| WhatIf {
        before,
        complete: reachable(&current, &unreachable) == 0,
        steps,
        alternatives,
    })
}

/// The additions as a config fragment to paste under `[agents]`.
pub fn fragment(w: &WhatIf) -> String {
    w.steps
        .iter()
        .map(|s| {
            let a = &s.addition;
            let skills = if a.skills.is_empty() {
                String::new()
            } else {
                let quoted: Vec<String> = a.skills.iter().map(|k| format!("{k:?}")).collect();
                format!(", skills = [{}]", quoted.join(", "))
            };
            format!(
                "{} = {{ zone = {:?}, templates = [{:?}]{skills} }}\n",
                a.name, a.zone, a.template
            )
        })
        .collect()
}
