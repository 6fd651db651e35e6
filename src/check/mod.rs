//! The independent verifier behind `sunrota check`, the CI gate.
//!
//! It re-derives everything from the rota's own instants and the config: it
//! never calls the model builder, so `plan` and `check` cross-examine each
//! other. It shares only the data types (`config`, `rota`) and the time rules
//! (`time`).

mod coverage;
pub mod objective;
mod oncall;
mod roster;
mod rules;

use crate::config::{Config, Horizon};
use crate::history::Past;
use crate::history::HISTORY_DAYS;
use crate::rota::{Gap, Rota, Shortage};
use crate::rule::Rule;
use crate::time;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// A broken rule or an invalid shift.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Violation {
    pub agent: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Stable rule id, e.g. `rest`, `time-off`, `max-shifts-per-week`.
    pub rule: Rule,
    pub message: String,
    /// Line of the offending shift in the rota file, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Violation {
    pub fn new(
        agent: &str,
        first: NaiveDate,
        last: NaiveDate,
        rule: Rule,
        message: String,
        line: Option<usize>,
    ) -> Violation {
        Violation {
            agent: agent.to_string(),
            first,
            last,
            rule,
            message,
            line,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Findings {
    pub gaps: Vec<Gap>,
    /// Shift demands not met.
    pub shortages: Vec<Shortage>,
    pub violations: Vec<Violation>,
    /// The rota's objective, recomputed ([`objective`]); `None` when it
    /// breaks a rule.
    pub objective: Option<f64>,
    /// Its terms, by name.
    pub objective_terms: Vec<objective::Term>,
}

impl Findings {
    pub fn is_clean(&self) -> bool {
        self.gaps.is_empty() && self.shortages.is_empty() && self.violations.is_empty()
    }
    pub fn uncovered_agent_minutes(&self) -> i64 {
        self.gaps.iter().map(Gap::agent_minutes).sum()
    }
}

/// Verifies `rota` against `cfg`. `line_of` maps a byte offset in the rota
/// file to its line, for messages that point at a shift.
///
/// The horizon is the rota's own (`[rota] start`, `weeks`), so one team config
/// checks every rota committed over time. `past` holds the earlier rotas: their
/// last weeks of shifts bind rest, runs and weeks across the boundary (and
/// cover its first hours), their holds bind the on-call limits, and their
/// comp-day records open this rota's ledger.
pub fn check(cfg: &Config, rota: &Rota, past: &Past, line_of: &dyn Fn(usize) -> usize) -> Findings {
    let mut violations = Vec::new();
    let mut cfg = cfg.clone();
    cfg.horizon = Horizon {
        start: rota.start,
        weeks: rota.weeks,
    };
    let cfg = &cfg;
    if rota.zone != cfg.coverage.zone.name() {
        violations.push(Violation {
            agent: String::new(),
            first: rota.start,
            last: rota.start,
            rule: Rule::CoverageZone,
            message: format!(
                "rota was planned for coverage zone {}, config says {}",
                rota.zone,
                cfg.coverage.zone.name()
            ),
            line: None,
        });
    }
    let mut worked = rules::earlier(cfg, &past.shifts, rota.start - Duration::days(HISTORY_DAYS + 1));
    worked.extend(rules::check_shifts(cfg, rota, line_of, &mut violations));
    let mut comp: BTreeMap<usize, Vec<NaiveDate>> = BTreeMap::new();
    for c in past.taken.iter().chain(&rota.duty.taken) {
        if let Some((a, _)) = cfg.agent(&c.agent) {
            comp.entry(a).or_default().push(c.date);
        }
    }
    let mut agent_rules = Vec::new();
    rules::check_agents(cfg, &worked, &comp, &mut agent_rules);
    // With earlier rotas, keep what involves this one: a shift or comp day of
    // this rota in the violation's days or next to them (a short rest between
    // runs names only the days off).
    let ours = |v: &Violation| {
        let Some((a, _)) = cfg.agent(&v.agent) else { return true };
        let (first, last) = (v.first - Duration::days(1), v.last + Duration::days(1));
        past.shifts.is_empty()
            || worked
                .iter()
                .any(|w| w.current && w.agent == a && w.date >= first && w.date <= last)
            || rota
                .duty
                .taken
                .iter()
                .any(|c| c.agent == v.agent && c.date >= first && c.date <= last)
    };
    violations.extend(agent_rules.into_iter().filter(ours));
    let scope = oncall::Scope {
        cfg,
        rota,
        past,
        worked: &worked,
        line_of,
    };
    oncall::check(&scope, &mut violations);
    roster::check_agents(cfg, &worked, &mut violations);
    violations.sort();
    violations.dedup();
    let (gaps, overstaffed) = coverage::sweep(cfg, &worked);
    let terms = objective_terms(cfg, rota, past, &worked, &gaps, overstaffed);
    let objective = violations.is_empty().then(|| terms.iter().map(|t| t.value).sum());
    Findings {
        shortages: roster::shortages(cfg, &worked),
        gaps,
        violations,
        objective,
        objective_terms: terms,
    }
}

/// The objective's terms for this rota, from the coverage sweep's gaps and
/// overstaffed minutes.
fn objective_terms(
    cfg: &Config,
    rota: &Rota,
    past: &Past,
    worked: &[rules::Worked],
    gaps: &[Gap],
    overstaffed: f64,
) -> Vec<objective::Term> {
    let minutes = |head: bool| -> f64 {
        let of = gaps.iter().filter(|g| g.skill.is_none() == head);
        of.map(|g| time::seconds(g.start, g.end) as f64 / 60.0 * f64::from(g.missing()))
            .sum()
    };
    objective::terms(&objective::Ctx {
        cfg,
        rota,
        past,
        worked,
        uncovered_head: minutes(true),
        uncovered_skilled: minutes(false),
        overstaffed,
    })
}
