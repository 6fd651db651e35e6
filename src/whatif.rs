//! What would fix the gaps: the smallest additions to the team — one agent
//! at a time, in a zone the team already has, working one template — that
//! close the most uncovered time, each verified by planning the team with it.
//! Greedy: the best addition, then the best next one, until a plan leaves
//! only what no template reaches (or nothing improves).
//!
//! Budgeted by work, like the solve: [`Budget`] (from `--effort`) sets how
//! many candidate additions each hire tries, every candidate is planned at
//! `quick` effort, and candidates are tried in a fixed order (most gap time
//! reached first, then zone, then template). So the same input, version and
//! `--threads` give the same suggestion at any time limit that does not fire.
//! The time limit is only a safety net: a candidate plan it (or Ctrl-C) cuts
//! short is dropped, the search stops, and the suggestion keeps the hires it
//! had finished — the first steps of the full answer — and says it was cut
//! short after how many candidate plans ([`WhatIf::cut_short`]).

use crate::config::{Agent, Config};
use crate::history::Past;
use crate::model::Model;
use crate::rota::{Gap, Shift};
use crate::solve::{self, progress::Progress, Effort, Options, Status};
use crate::time::{self, Instant};
use serde::Serialize;
use std::collections::BTreeSet;

/// Most agents added.
const MAX_ADDED: usize = 10;

/// The suggestion's work budget, by `--effort`: candidate plans, each a
/// `quick` plan of the team with one more agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Candidate additions planned per hire, the ones whose shifts reach the
    /// most gap time (the first hire: at least `--suggest N`).
    pub per_hire: usize,
    /// Most agents added.
    pub hires: usize,
}

impl Budget {
    /// `quick` 2 candidates per hire, `normal` 4, `thorough` 8; at most 10 hires.
    pub fn new(effort: Effort) -> Budget {
        let per_hire = match effort {
            Effort::Quick => 2,
            Effort::Normal => 4,
            Effort::Thorough => 8,
        };
        Budget {
            per_hire,
            hires: MAX_ADDED,
        }
    }
}

/// What stopped a search before its work budget was spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cut {
    /// The safety-net time limit.
    TimeLimit,
    /// Ctrl-C.
    Interrupted,
}

impl Cut {
    /// What a stop now is: Ctrl-C if it was pressed, else the time limit.
    fn now() -> Cut {
        if solve::stop::interrupted() {
            Cut::Interrupted
        } else {
            Cut::TimeLimit
        }
    }

    /// Who cut it, for prose.
    pub fn by(self) -> &'static str {
        match self {
            Cut::TimeLimit => "the time limit",
            Cut::Interrupted => "Ctrl-C",
        }
    }
}

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
    /// Candidate plans made (teams with one more agent, planned to the end).
    pub candidates: usize,
    /// What stopped the search before its work budget was spent (`None`:
    /// it ran to the end). The steps are then the first ones of the full answer.
    pub cut_short: Option<Cut>,
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
        paging: crate::config::paging::Ids::default(),
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

/// A plan: its gaps and its shifts.
pub(crate) type Planned = (Vec<Gap>, Vec<Shift>);

/// A `quick` plan of `team` (its work budget, `deadline` only a safety net):
/// `Ok(None)` when there is nothing to plan or the solver failed; `Err` when
/// the safety net or Ctrl-C stopped it — a plan cut short depends on the
/// clock, so it is never used.
pub(crate) fn planned(
    team: &Config,
    past: &Past,
    opts: &Options,
    deadline: std::time::Instant,
    progress: &Progress,
) -> Result<Option<Planned>, Cut> {
    let left = || {
        deadline
            .saturating_duration_since(std::time::Instant::now())
            .as_secs_f64()
    };
    if left() <= 0.5 || solve::stop::interrupted() {
        return Err(Cut::now());
    }
    let mut model = Model::build(team, past);
    let quick = Options {
        effort: Effort::Quick,
        time_limit: Some(left().max(0.01)),
        gap: 0.01,
        ..*opts
    };
    let Some(problem) = model.take_problem() else {
        return Ok(None);
    };
    let out = solve::solve(problem, &quick, progress);
    let stopped = out
        .as_ref()
        .is_ok_and(|o| matches!(o.status, Status::TimeLimit | Status::Interrupted));
    // The solve's clock started after `deadline` was set: past it, the clock may have fired.
    if stopped || solve::stop::interrupted() || left() <= 0.0 {
        return Err(Cut::now());
    }
    Ok(out
        .ok()
        .map(|out| (model.gaps(team, &out.values), model.shifts(team, &out.values))))
}

pub(crate) fn minutes(gaps: &[Gap]) -> i64 {
    gaps.iter().map(Gap::agent_minutes).sum()
}

/// What a search step needs besides the team: earlier rotas, solver
/// options, the budget, the safety net; and the candidate plans made so far.
struct Search<'a> {
    past: &'a Past,
    opts: &'a Options,
    budget: Budget,
    deadline: std::time::Instant,
    progress: &'a Progress,
    candidates: usize,
}

/// One hire's candidates, planned: the steps best first (ties in the
/// candidates' order), or what cut the hire short.
type Tried = Result<Vec<(Step, Vec<Gap>)>, Cut>;

impl Search<'_> {
    /// Plans the `n` best-ranked additions to `team` as hire number `hire`.
    fn tried(&mut self, team: &Config, gaps: &[Gap], hire: usize, n: usize) -> Tried {
        let all = options(team, gaps, &format!("new-{hire}"));
        let total = all.len().min(n);
        let mut out = Vec::new();
        for (i, add) in all.into_iter().take(total).enumerate() {
            let context = format!("team suggestion, hire {hire}: candidate {} of {total}", i + 1);
            self.progress.context(&context);
            let Some((left, _)) = planned(&with(team, &add), self.past, self.opts, self.deadline, self.progress)?
            else {
                continue;
            };
            self.candidates += 1;
            out.push((
                Step {
                    addition: add,
                    uncovered_agent_minutes: minutes(&left),
                },
                left,
            ));
        }
        out.sort_by_key(|(s, _)| s.uncovered_agent_minutes);
        Ok(out)
    }
}

/// The what-if for `cfg` whose rota left `gaps`: `opts.effort` sets the work
/// budget, `opts.time_limit` the safety net; `n` first steps are reported.
/// `None` when no addition helps (and nothing cut the search short).
pub fn what_if(
    cfg: &Config,
    past: &Past,
    gaps: &[Gap],
    n: usize,
    opts: &Options,
    progress: &Progress,
) -> Option<WhatIf> {
    let limit = opts
        .time_limit
        .unwrap_or(solve::DEFAULT_TIME_LIMIT)
        .clamp(0.0, crate::cli::MAX_SECONDS);
    let mut search = Search {
        past,
        opts,
        budget: Budget::new(opts.effort),
        deadline: std::time::Instant::now() + std::time::Duration::try_from_secs_f64(limit).unwrap_or_default(),
        progress,
        candidates: 0,
    };
    let unreachable: Vec<(Instant, Instant)> = crate::advise::precheck(cfg)
        .unreachable
        .iter()
        .filter(|u| u.skill.is_none())
        .map(|u| (u.start, u.end))
        .collect();
    let before = minutes(gaps);
    let mut team = cfg.clone();
    let (mut current, mut left) = (gaps.to_vec(), before);
    let (mut steps, mut alternatives, mut cut_short) = (Vec::new(), Vec::new(), None);
    while steps.len() < search.budget.hires && reachable(&current, &unreachable) > 0 {
        let first = steps.is_empty();
        let per_hire = search.budget.per_hire.max(if first { n } else { 1 });
        let mut found = match search.tried(&team, &current, steps.len() + 1, per_hire) {
            Ok(found) => found,
            Err(cut) => {
                cut_short = Some(cut);
                break;
            }
        };
        if found.is_empty() || found[0].0.uncovered_agent_minutes >= left {
            break;
        }
        let (best, gaps_after) = found.remove(0);
        if first {
            alternatives = found.into_iter().map(|(s, _)| s).take(n.saturating_sub(1)).collect();
        }
        team = with(&team, &best.addition);
        left = best.uncovered_agent_minutes;
        current = gaps_after;
        steps.push(best);
    }
    progress.context("");
    (!steps.is_empty() || cut_short.is_some()).then(|| WhatIf {
        before,
        complete: cut_short.is_none() && reachable(&current, &unreachable) == 0,
        steps,
        alternatives,
        candidates: search.candidates,
        cut_short,
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
