//! The independent verifier behind `sunrota check`, the CI gate.
//!
//! It re-derives everything from the rota's own instants and the config: it
//! never calls the model builder, so `plan` and `check` cross-examine each
//! other. It shares only the data types (`config`, `rota`), the time rules
//! (`time`) and the geometry of on-call periods (`crate::oncall::periods`
//! and `period_starting`, which `check::oncall` uses); what holds and shifts
//! earn and on which days a comp day may fall it derives itself
//! (`check::comp`, held equal to `crate::oncall`'s by a property test).
//!
//! Every rule is one function, in a file named after its concept and named
//! as the model's function for it where the model has one, and
//! [`CHECK_RULES`] lists them all: `shifts` (whether a shift is allowed at
//! all), `rest` (one shift a day, overlap, rest), `weekly`, `runs`,
//! `weekends`, `totals`, `successions`, `oncall` and `comp` (comp
//! days and the ledger). `coverage` sweeps the gaps and shift demands,
//! [`objective`] recomputes the objective.

mod comp;
mod coverage;
pub mod objective;
mod oncall;
mod rest;
mod runs;
mod shifts;
mod successions;
mod totals;
mod weekends;
mod weekly;

#[cfg(test)]
mod broken;
#[cfg(test)]
mod twin;

use crate::config::{Agent, Config, Horizon, Rules};
use crate::history::Past;
use crate::history::HISTORY_DAYS;
use crate::rota::{Gap, Rota, Shortage};
use crate::rule::Rule;
use crate::time;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use shifts::Worked;

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
    let cfg = &on_horizon_of(cfg, rota);
    let worked = worked(cfg, rota, past, line_of);
    let violations = violations(&scope(cfg, rota, past, &worked, line_of));
    let (gaps, overstaffed) = coverage::sweep(cfg, &worked);
    let terms = objective_terms(cfg, rota, past, &worked, &gaps, overstaffed);
    let objective = violations.is_empty().then(|| terms.iter().map(|t| t.value).sum());
    Findings {
        shortages: coverage::shortages(cfg, &worked),
        gaps,
        violations,
        objective,
        objective_terms: terms,
    }
}

/// The broken rules of `rota` alone, as [`check`] finds them, without the
/// coverage sweep and the objective: what `explain` asks of one agent's
/// roster with a shift added, once per shift it weighs.
pub fn broken_rules(cfg: &Config, rota: &Rota, past: &Past) -> Vec<Violation> {
    let cfg = &on_horizon_of(cfg, rota);
    let worked = worked(cfg, rota, past, &|_| 0);
    violations(&scope(cfg, rota, past, &worked, &|_| 0))
}

/// The coverage gaps of `rota` alone, as [`check`] sweeps them (its
/// horizon the rota's, the earlier rotas' last shifts included), without
/// the rules and the objective: what `now` asks of one instant.
pub fn gaps(cfg: &Config, rota: &Rota, past: &Past) -> Vec<Gap> {
    let cfg = &on_horizon_of(cfg, rota);
    coverage::sweep(cfg, &worked(cfg, rota, past, &|_| 0)).0
}

/// The config with the rota's own horizon (`[rota] start`, `weeks`), cloned
/// only when that differs.
fn on_horizon_of<'a>(cfg: &'a Config, rota: &Rota) -> std::borrow::Cow<'a, Config> {
    let horizon = Horizon {
        start: rota.start,
        weeks: rota.weeks,
    };
    if cfg.horizon == horizon {
        return std::borrow::Cow::Borrowed(cfg);
    }
    let mut cfg = cfg.clone();
    cfg.horizon = horizon;
    std::borrow::Cow::Owned(cfg)
}

/// The rota's shifts with the last weeks of the earlier rotas'.
fn worked(cfg: &Config, rota: &Rota, past: &Past, line_of: &dyn Fn(usize) -> usize) -> Vec<Worked> {
    let mut worked = shifts::earlier(cfg, &past.shifts, rota.start - Duration::days(HISTORY_DAYS + 1));
    worked.extend(shifts::worked(cfg, rota, line_of));
    worked
}

fn scope<'a>(
    cfg: &'a Config,
    rota: &'a Rota,
    past: &'a Past,
    worked: &'a [Worked],
    line_of: &'a dyn Fn(usize) -> usize,
) -> Scope<'a> {
    Scope {
        cfg,
        rota,
        past,
        worked,
        line_of,
        comp: comp_days(cfg, rota, past),
        holds: oncall::resolve(cfg, rota, past, line_of),
        agent_index: cfg
            .agents
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.as_str(), i))
            .collect(),
    }
}

/// What every rule looks at: the config (its horizon the rota's), the rota,
/// the earlier rotas, and what is derived from them once.
pub struct Scope<'a> {
    pub cfg: &'a Config,
    pub rota: &'a Rota,
    pub past: &'a Past,
    /// Shifts of this rota and the last weeks of earlier ones.
    pub worked: &'a [Worked],
    pub line_of: &'a dyn Fn(usize) -> usize,
    /// Agent → comp days taken (earlier rotas and this one).
    pub comp: BTreeMap<usize, Vec<NaiveDate>>,
    /// The rota's holds resolved to periods, with the earlier rotas' ones.
    pub holds: oncall::Holds<'a>,
    /// Agent name → index into `cfg.agents`: a shift's agent is looked up
    /// by every rule on shifts.
    pub agent_index: HashMap<&'a str, usize>,
}

fn comp_days(cfg: &Config, rota: &Rota, past: &Past) -> BTreeMap<usize, Vec<NaiveDate>> {
    let mut comp: BTreeMap<usize, Vec<NaiveDate>> = BTreeMap::new();
    for c in past.taken.iter().chain(&rota.duty.taken) {
        if let Some((a, _)) = cfg.agent(&c.agent) {
            comp.entry(a).or_default().push(c.date);
        }
    }
    comp
}

/// One agent's shifts, as the per-agent rules see them.
pub struct AgentShifts<'a> {
    pub cfg: &'a Config,
    pub agent: &'a Agent,
    /// Its shifts in this rota and the last weeks of earlier ones, by start
    /// and end.
    pub chain: Vec<&'a Worked>,
    /// Its shifts in this rota, by start.
    pub own: Vec<&'a Worked>,
    /// Its comp days (earlier rotas and this one).
    pub comp: &'a [NaiveDate],
}

impl<'a> AgentShifts<'a> {
    fn new(scope: &'a Scope, a: usize) -> AgentShifts<'a> {
        let mut chain: Vec<&Worked> = scope.worked.iter().filter(|w| w.agent == a).collect();
        chain.sort_by_key(|w| (w.start, w.end));
        let mut own: Vec<&Worked> = scope.worked.iter().filter(|w| w.current && w.agent == a).collect();
        own.sort_by_key(|w| w.start);
        AgentShifts {
            cfg: scope.cfg,
            agent: &scope.cfg.agents[a],
            chain,
            own,
            comp: scope.comp.get(&a).map_or(&[], Vec::as_slice),
        }
    }

    pub fn rules(&self) -> Rules {
        self.agent.rules
    }

    /// A violation of this agent.
    pub fn violation(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        rule: Rule,
        message: String,
        line: Option<usize>,
    ) -> Violation {
        Violation::new(&self.agent.name, first, last, rule, message, line)
    }

    /// The local dates worked in `shifts`, in order, each once.
    pub fn dates(shifts: &[&Worked]) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = shifts.iter().map(|w| w.date).collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    }
}

/// How a rule is checked.
#[derive(Clone, Copy)]
pub enum Check {
    /// Over the whole rota: its shifts, holds and comp records, beside the
    /// earlier rotas'.
    Rota(fn(&Scope) -> Vec<Violation>),
    /// Per agent with a shift, over [`AgentShifts::chain`]; a violation is
    /// kept when a shift or comp day of this rota lies in its days or next to
    /// them.
    Chain(fn(&AgentShifts) -> Vec<Violation>),
    /// Per agent, over [`AgentShifts::own`].
    Own(fn(&AgentShifts) -> Vec<Violation>),
}

/// Every rule `check` keeps, with the function that finds it broken.
pub const CHECK_RULES: &[(Rule, Check)] = &[
    (Rule::UnknownAgent, Check::Rota(shifts::unknown_agent)),
    (Rule::UnknownTemplate, Check::Rota(shifts::unknown_template)),
    (Rule::TemplateNotAllowed, Check::Rota(shifts::template_not_allowed)),
    (Rule::ShiftTimes, Check::Rota(shifts::shift_times)),
    (Rule::TimeOff, Check::Rota(shifts::time_off)),
    (Rule::OutsideHorizon, Check::Rota(shifts::outside_horizon)),
    (Rule::CoverageZone, Check::Rota(shifts::coverage_zone)),
    (Rule::OneShiftPerDay, Check::Chain(rest::one_shift_per_day)),
    (Rule::Overlap, Check::Chain(rest::overlap)),
    (Rule::Rest, Check::Chain(rest::rest)),
    (Rule::MaxShiftsPerWeek, Check::Chain(weekly::max_shifts_per_week)),
    (Rule::MaxHoursPerWeek, Check::Chain(weekly::max_hours_per_week)),
    (Rule::MaxConsecutiveDays, Check::Chain(runs::max_consecutive_days)),
    (
        Rule::MinConsecutiveDaysOff,
        Check::Chain(runs::min_consecutive_days_off),
    ),
    (Rule::MinConsecutiveDays, Check::Own(runs::min_consecutive_days)),
    (
        Rule::MaxWeekendsPer4Weeks,
        Check::Chain(weekends::max_weekends_per_4_weeks),
    ),
    (Rule::MaxWeekends, Check::Own(weekends::max_weekends)),
    (Rule::MaxPerTemplate, Check::Own(totals::max_per_template)),
    (Rule::MaxTotalHours, Check::Own(totals::max_total_hours)),
    (Rule::MinTotalHours, Check::Own(totals::min_total_hours)),
    (Rule::ForbiddenSuccession, Check::Own(successions::forbidden_succession)),
    (Rule::OncallMissing, Check::Rota(oncall::oncall_missing)),
    (Rule::OncallTooMany, Check::Rota(oncall::oncall_too_many)),
    (Rule::OncallUnknown, Check::Rota(oncall::oncall_unknown)),
    (Rule::OncallTimes, Check::Rota(oncall::oncall_times)),
    (Rule::OncallOutsideHorizon, Check::Rota(oncall::oncall_outside_horizon)),
    (Rule::OncallDuplicate, Check::Rota(oncall::oncall_duplicate)),
    (Rule::OncallNotEligible, Check::Rota(oncall::oncall_not_eligible)),
    (Rule::OncallTimeOff, Check::Rota(oncall::oncall_time_off)),
    (Rule::OncallNight, Check::Rota(oncall::oncall_night)),
    (Rule::OncallNight, Check::Rota(oncall::earlier_holds_night)),
    (Rule::OncallMaxPerYear, Check::Rota(oncall::oncall_max_per_year)),
    (Rule::OncallBackToBack, Check::Rota(oncall::oncall_back_to_back)),
    (Rule::CompDayWorked, Check::Rota(comp::comp_day_off)),
    (Rule::CompDayWorked, Check::Rota(comp::earlier_comp_days)),
    (Rule::CompOnCall, Check::Rota(comp::comp_on_call)),
    (Rule::CompOnCall, Check::Rota(comp::earlier_comp_on_call)),
    (Rule::CompTimeOff, Check::Rota(comp::comp_time_off)),
    (Rule::CompNotAWorkingDay, Check::Rota(comp::comp_not_a_working_day)),
    (Rule::CompBalance, Check::Rota(comp::comp_balance)),
    (Rule::CompTwice, Check::Rota(comp::comp_twice)),
    (Rule::CompOutsideHorizon, Check::Rota(comp::comp_outside_horizon)),
    (Rule::CompUnknown, Check::Rota(comp::comp_unknown)),
    (Rule::CompEarned, Check::Rota(comp::comp_earned)),
    (Rule::Ledger, Check::Rota(comp::ledger)),
    (Rule::Ledger, Check::Rota(comp::ledger_unknown_agent)),
];

/// Every violation of the scope's rota: [`CHECK_RULES`] walked, sorted, each once.
fn violations(scope: &Scope) -> Vec<Violation> {
    let agents: Vec<AgentShifts> = (0..scope.cfg.agents.len())
        .map(|a| AgentShifts::new(scope, a))
        .collect();
    let mut out = Vec::new();
    for &(rule, check) in CHECK_RULES {
        let found: Vec<Violation> = match check {
            Check::Rota(f) => f(scope),
            Check::Chain(f) => agents
                .iter()
                .filter(|a| !a.chain.is_empty())
                .flat_map(f)
                .filter(|v| involves_this_rota(scope, v))
                .collect(),
            Check::Own(f) => agents.iter().flat_map(f).collect(),
        };
        debug_assert!(
            found.iter().all(|v| v.rule == rule),
            "a check listed for {rule} found another rule broken"
        );
        out.extend(found);
    }
    out.sort();
    out.dedup();
    out
}

/// With earlier rotas, whether a violation involves this one: a shift or comp
/// day of this rota in the violation's days or next to them (a short rest
/// between runs names only the days off).
fn involves_this_rota(scope: &Scope, v: &Violation) -> bool {
    let Some((a, _)) = scope.cfg.agent(&v.agent) else {
        return true;
    };
    let (first, last) = (v.first - Duration::days(1), v.last + Duration::days(1));
    scope.past.shifts.is_empty()
        || scope
            .worked
            .iter()
            .any(|w| w.current && w.agent == a && w.date >= first && w.date <= last)
        || scope
            .rota
            .duty
            .taken
            .iter()
            .any(|c| c.agent == v.agent && c.date >= first && c.date <= last)
}

/// The objective's terms for this rota, from the coverage sweep's gaps and
/// overstaffed minutes.
fn objective_terms(
    cfg: &Config,
    rota: &Rota,
    past: &Past,
    worked: &[Worked],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_check() {
        let missing: Vec<&str> = Rule::ALL
            .iter()
            .filter(|r| !CHECK_RULES.iter().any(|(listed, _)| listed == *r))
            .map(|r| r.id())
            .collect();
        assert!(missing.is_empty(), "rules with no function in CHECK_RULES: {missing:?}");
    }

    #[test]
    fn check_rules_follow_rule_all() {
        let order = |r: &Rule| Rule::ALL.iter().position(|x| x == r);
        let listed: Vec<Option<usize>> = CHECK_RULES.iter().map(|(r, _)| order(r)).collect();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted, "CHECK_RULES lists the rules in Rule::ALL's order");
    }
}
