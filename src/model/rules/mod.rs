//! The hard work rules, one named function each, all in [`AGENT_RULES`]:
//! every rule is rows over one agent's columns, so any set of rosters that
//! each keep them is a feasible rota. The checker has its own implementation
//! of each (`check`), under the same rule id.
//!
//! By concept, as `check` files them: [`rest`] (one shift a day, rest and
//! overlap), [`weekly`] (rolling 7-day shift and hour limits), [`runs`]
//! (runs of working days and of days off), [`weekends`], [`totals`]
//! (per-template caps, total hours), [`successions`] (forbidden template
//! sequences) and [`comp`] (comp days are days off). The on-call rules and
//! the comp-day balance live in `model::oncall`.

mod comp;
mod rest;
mod runs;
mod successions;
mod totals;
mod weekends;
mod weekly;

use super::builder::Builder;
use super::candidates::Candidate;
use super::lp::{Tag, Var};
use crate::config::{Agent, Config, Rules};
use crate::rule::Rule;
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};

/// One agent's candidates and decisions, as every rule sees them.
pub struct AgentCtx<'a> {
    pub cfg: &'a Config,
    pub agent: usize,
    pub cands: &'a [Candidate],
    /// This agent's candidates (indices into `cands`, sorted by date).
    pub range: std::ops::Range<usize>,
    /// Column of each candidate (earlier rotas' shifts are constants).
    pub x: &'a [Var],
    /// Local date → this agent's candidates starting that day.
    pub by_day: BTreeMap<NaiveDate, Vec<usize>>,
    /// Comp-day columns of this agent, by local date.
    pub comp: &'a BTreeMap<NaiveDate, Var>,
    /// Comp days taken in earlier rotas.
    pub past_comp: BTreeSet<NaiveDate>,
    /// Saturday → "this weekend is worked" (see [`weekend_flags`]).
    pub weekends: BTreeMap<NaiveDate, Var>,
}

impl AgentCtx<'_> {
    pub fn agent(&self) -> &Agent {
        &self.cfg.agents[self.agent]
    }
    pub fn rules(&self) -> Rules {
        self.agent().rules
    }
    /// Terms "worked on `d`" (one per candidate that day), times `sign`.
    pub fn work(&self, d: NaiveDate, sign: f64) -> Vec<(f64, Var)> {
        self.by_day
            .get(&d)
            .map(|cs| cs.iter().map(|&c| (sign, self.x[c])).collect())
            .unwrap_or_default()
    }
    /// Whether the agent has any candidate on `d`.
    pub fn has(&self, d: NaiveDate) -> bool {
        self.by_day.contains_key(&d)
    }
    /// First and last local dates with a candidate.
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        let start = self.cfg.horizon.start;
        (
            *self.by_day.keys().next().unwrap_or(&start),
            *self.by_day.keys().last().unwrap_or(&start),
        )
    }
    /// Every date from the first to the last with a candidate.
    pub fn dates(&self) -> Vec<NaiveDate> {
        let (first, last) = self.span();
        first.iter_days().take_while(|d| *d <= last).collect()
    }
    /// This rota's (not earlier rotas') candidates.
    pub fn free(&self) -> impl Iterator<Item = usize> + '_ {
        self.range.clone().filter(|&c| !self.cands[c].fixed)
    }
    /// Tag of a column of this agent on local date `d`.
    pub fn tag(&self, d: NaiveDate) -> Tag {
        Tag::agent(self.agent, day_index(self.cfg, d))
    }
}

/// One flag per weekend the agent can work, at least every shift starting
/// on its Saturday or Sunday: `Σ x(day) ≤ w` for each of the two days (one
/// shift a day makes the sum a 0/1 value).
pub fn weekend_flags(
    b: &mut Builder,
    cfg: &Config,
    agent: usize,
    by_day: &BTreeMap<NaiveDate, Vec<usize>>,
    x: &[Var],
) -> BTreeMap<NaiveDate, Var> {
    let mut flags = BTreeMap::new();
    for (&d, cs) in by_day {
        let Some(sat) = crate::config::weekend_of(d) else {
            continue;
        };
        let w = *flags
            .entry(sat)
            .or_insert_with(|| b.continuous(0.0, 1.0, Tag::agent(agent, day_index(cfg, sat))));
        let mut terms: Vec<_> = cs.iter().map(|&c| (1.0, x[c])).collect();
        terms.push((-1.0, w));
        b.leq(&terms, 0.0);
    }
    flags
}

/// Day index of `d` from the horizon's first day.
pub fn day_index(cfg: &Config, d: NaiveDate) -> i32 {
    (d - cfg.horizon.start).num_days() as i32
}

/// Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A hard rule: rows over one agent's columns.
pub type AgentRule = fn(&mut Builder, &AgentCtx);

/// Every hard rule of an agent's roster, in the order they are written.
pub const AGENT_RULES: &[(Rule, AgentRule)] = &[
    (Rule::OneShiftPerDay, rest::one_shift_per_day),
    (Rule::Rest, rest::rest),
    (Rule::CompDayWorked, comp::comp_day_off),
    (Rule::CompDayWorked, comp::earlier_comp_days),
    (Rule::MaxShiftsPerWeek, weekly::max_shifts_per_week),
    (Rule::MaxHoursPerWeek, weekly::max_hours_per_week),
    (Rule::MaxConsecutiveDays, runs::max_consecutive_days),
    (Rule::MinConsecutiveDaysOff, runs::min_consecutive_days_off),
    (Rule::MinConsecutiveDays, runs::min_consecutive_days),
    (Rule::MaxWeekendsPer4Weeks, weekends::max_weekends_per_4_weeks),
    (Rule::MaxWeekends, weekends::max_weekends),
    (Rule::MaxPerTemplate, totals::max_per_template),
    (Rule::MaxTotalHours, totals::max_total_hours),
    (Rule::MinTotalHours, totals::min_total_hours),
    (Rule::ForbiddenSuccession, successions::forbidden_succession),
];

/// Writes every rule of [`AGENT_RULES`] for one agent.
pub fn agent_rules(b: &mut Builder, ctx: &AgentCtx) {
    for (_, rule) in AGENT_RULES {
        rule(b, ctx);
    }
}
