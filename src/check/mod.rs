//! The independent verifier behind `sunrota check`, the CI gate.
//!
//! It re-derives everything from the rota's own instants and the config: it
//! never calls the model builder, so `plan` and `check` cross-examine each
//! other. It shares only the data types (`config`, `rota`) and the time rules
//! (`time`).

mod coverage;
mod rules;

use crate::config::{Config, Horizon};
use crate::rota::{Gap, Rota};
use chrono::NaiveDate;
use serde::Serialize;

/// A broken rule or an invalid shift.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Violation {
    pub agent: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Stable rule id, e.g. `rest`, `time-off`, `max-shifts-per-week`.
    pub rule: &'static str,
    pub message: String,
    /// Line of the offending shift in the rota file, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Findings {
    pub gaps: Vec<Gap>,
    pub violations: Vec<Violation>,
}

impl Findings {
    pub fn is_clean(&self) -> bool {
        self.gaps.is_empty() && self.violations.is_empty()
    }
    pub fn uncovered_agent_minutes(&self) -> i64 {
        self.gaps.iter().map(Gap::agent_minutes).sum()
    }
}

/// Verifies `rota` against `cfg`. `line_of` maps a byte offset in the rota
/// file to its line, for messages that point at a shift.
///
/// The horizon is the rota's own (`[rota] start`, `weeks`), so one team config
/// checks every rota committed over time.
pub fn check(cfg: &Config, rota: &Rota, line_of: &dyn Fn(usize) -> usize) -> Findings {
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
            rule: "coverage-zone",
            message: format!(
                "rota was planned for coverage zone {}, config says {}",
                rota.zone,
                cfg.coverage.zone.name()
            ),
            line: None,
        });
    }
    let valid = rules::check_shifts(cfg, rota, line_of, &mut violations);
    rules::check_agents(cfg, &valid, &mut violations);
    violations.sort();
    violations.dedup();
    Findings {
        gaps: coverage::gaps(cfg, &valid),
        violations,
    }
}
