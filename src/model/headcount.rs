//! The head-count model behind `sunrota size`: how many agents each hub
//! needs, as one small integer program over the whole horizon in exact
//! instants (plain data; `solve::head_count` solves it).
//!
//! `team` has one agent per hub (agent `h` stands for hub `h`). Per hub and
//! candidate shift (template × local date) an integer column counts the
//! hub's agents working it, and per hub an integer column `N_h` counts the
//! hub's agents. Every row is a sum over agents of a rule each agent keeps,
//! so any rota of `N_h` agents per hub that keeps the rules gives a feasible
//! point: the optimum is a lower bound on the team, and a team of that size
//! that a plan shows covering the target is the smallest.
//!
//! Rows: coverage (soft, a shortfall priced far above an agent), one shift a
//! local day, rest between shifts of consecutive days, rolling 7-day shift
//! and hour limits, weekends worked in any 4 weeks and over the rota,
//! per-template caps and total hours. Objective: agents, then (a tie-break) cheaper hubs.

use super::builder::Builder;
use super::candidates::{candidates, Candidate};
use super::intervals::intervals;
use super::lp::{Lp, Tag, Var};
use super::rules::day_index;
use crate::config::{weekend_of, Config, Rules};
use crate::rule::Rule;
use crate::time;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

/// Price of one uncovered agent-minute, in agents: covering any minute a
/// template reaches is worth more than the largest team `size` considers.
pub const MINUTE: f64 = 100.0;

/// The program and its head-count columns, one per hub.
pub struct HeadCount {
    pub lp: Lp,
    pub hubs: Vec<Var>,
    /// Shortfall columns with the minutes one unit stands for.
    pub shortfall: Vec<(Var, f64)>,
}

/// One hub's columns: candidates by local date, and its head count.
struct Hub<'a> {
    rules: Rules,
    by_day: BTreeMap<NaiveDate, Vec<(&'a Candidate, Var)>>,
    n: Var,
}

impl Hub<'_> {
    fn day(&self, d: NaiveDate) -> Vec<(f64, Var)> {
        self.by_day
            .get(&d)
            .map(|cs| cs.iter().map(|&(_, v)| (1.0, v)).collect())
            .unwrap_or_default()
    }
    /// `Σ terms ≤ per_agent × N`.
    fn at_most(&self, b: &mut Builder, mut terms: Vec<(f64, Var)>, per_agent: f64) {
        if !terms.is_empty() {
            terms.push((-per_agent, self.n));
            b.leq(&terms, 0.0);
        }
    }
}

/// Builds the program for `team` (one agent per hub), agents at most `max` a
/// hub; `tie[h]` (below 1) is added to each agent of hub `h` to break ties.
pub fn build(team: &Config, max: u32, tie: &[f64]) -> HeadCount {
    let cands: Vec<Candidate> = candidates(team, &[]);
    let mut b = Builder::default();
    let x: Vec<Var> = cands
        .iter()
        .map(|c| {
            let v = b.integer(0.0, f64::from(max), Tag::agent(c.agent, day_index(team, c.date)));
            b.cost(v, 1e-6 * c.seconds() as f64 / 60.0);
            v
        })
        .collect();
    let mut hubs = Vec::new();
    for (h, agent) in team.agents.iter().enumerate() {
        let n = b.integer(0.0, f64::from(max), Tag::agent_any_day(h));
        b.cost(n, 1.0 + tie.get(h).copied().unwrap_or(0.0));
        let mut by_day: BTreeMap<NaiveDate, Vec<(&Candidate, Var)>> = BTreeMap::new();
        for (c, &v) in cands.iter().zip(&x).filter(|(c, _)| c.agent == h) {
            by_day.entry(c.date).or_default().push((c, v));
        }
        let hub = Hub {
            rules: agent.rules,
            by_day,
            n,
        };
        for (_, rule) in HUB_RULES {
            rule(&mut b, &hub, agent);
        }
        hubs.push(n);
    }
    let shortfall = coverage(team, &mut b, &cands, &x);
    HeadCount {
        lp: b.lp,
        hubs,
        shortfall,
    }
}

type HubRule = fn(&mut Builder, &Hub, &crate::config::Agent);

/// Every per-agent rule summed over a hub's agents, by the rule it relaxes
/// (`weekends` sums both weekend rules). The others (runs of days,
/// successions, minima) are not summed: the verifying plan keeps them, and
/// hires more if they bind.
const HUB_RULES: [(Rule, HubRule); 7] = [
    (Rule::OneShiftPerDay, one_shift_per_day),
    (Rule::Rest, min_rest),
    (Rule::MaxShiftsPerWeek, max_shifts_per_week),
    (Rule::MaxHoursPerWeek, max_minutes_per_week),
    (Rule::MaxWeekendsPer4Weeks, weekends),
    (Rule::MaxPerTemplate, max_per_template),
    (Rule::MaxTotalHours, max_total_minutes),
];

fn one_shift_per_day(b: &mut Builder, hub: &Hub, _: &crate::config::Agent) {
    for d in hub.by_day.keys() {
        hub.at_most(b, hub.day(*d), 1.0);
    }
}

/// Two shifts of different days closer than the rest: no agent works both.
fn min_rest(b: &mut Builder, hub: &Hub, _: &crate::config::Agent) {
    let rest = hub.rules.min_rest_minutes * 60;
    for (d, today) in &hub.by_day {
        let Some(next) = hub.by_day.get(&(*d + Duration::days(1))) else {
            continue;
        };
        for (a, va) in today {
            for (c, vc) in next {
                let (first, second) = if a.start <= c.start { (a, c) } else { (c, a) };
                if time::seconds(first.end, second.start) < rest {
                    hub.at_most(b, vec![(1.0, *va), (1.0, *vc)], 1.0);
                }
            }
        }
    }
}

/// The 7-day windows of local dates over the hub's candidates.
fn weeks(hub: &Hub) -> Vec<Vec<NaiveDate>> {
    let (Some(first), Some(last)) = (hub.by_day.keys().next(), hub.by_day.keys().last()) else {
        return Vec::new();
    };
    (*first - Duration::days(6))
        .iter_days()
        .take_while(|d| d <= last)
        .map(|w| w.iter_days().take(7).collect())
        .collect()
}

fn max_shifts_per_week(b: &mut Builder, hub: &Hub, _: &crate::config::Agent) {
    let max = f64::from(hub.rules.max_shifts_per_week);
    for week in weeks(hub) {
        let terms: Vec<_> = week.iter().flat_map(|d| hub.day(*d)).collect();
        if terms.len() as f64 > max {
            hub.at_most(b, terms, max);
        }
    }
}

fn max_minutes_per_week(b: &mut Builder, hub: &Hub, _: &crate::config::Agent) {
    for week in weeks(hub) {
        let terms: Vec<_> = week
            .iter()
            .filter_map(|d| hub.by_day.get(d))
            .flatten()
            .map(|(c, v)| (c.seconds() as f64 / 60.0, *v))
            .collect();
        hub.at_most(b, terms, hub.rules.max_minutes_per_week as f64);
    }
}

/// `W_k` agents work weekend `k` (at least the Saturday and the Sunday
/// counts); at most `max_weekends_per_4_weeks × N` in any 4 weeks and
/// `max_weekends × N` over the rota.
fn weekends(b: &mut Builder, hub: &Hub, _: &crate::config::Agent) {
    let mut sats: BTreeMap<NaiveDate, Var> = BTreeMap::new();
    for d in hub.by_day.keys() {
        let Some(sat) = weekend_of(*d) else { continue };
        let w = *sats
            .entry(sat)
            .or_insert_with(|| b.integer(0.0, f64::INFINITY, Tag::SHARED));
        let mut terms = hub.day(*d);
        terms.push((-1.0, w));
        b.leq(&terms, 0.0);
    }
    let list: Vec<(NaiveDate, Var)> = sats.into_iter().collect();
    let per4 = f64::from(hub.rules.max_weekends_per_4_weeks);
    for (i, (s, _)) in list.iter().enumerate() {
        let window: Vec<_> = list[i..]
            .iter()
            .take_while(|(t, _)| *t < *s + Duration::days(28))
            .map(|&(_, w)| (1.0, w))
            .collect();
        hub.at_most(b, window, per4);
    }
    if let Some(max) = hub.rules.max_weekends {
        hub.at_most(b, list.iter().map(|&(_, w)| (1.0, w)).collect(), f64::from(max));
    }
}

/// `max_total_hours`: real minutes over the rota.
fn max_total_minutes(b: &mut Builder, hub: &Hub, _: &crate::config::Agent) {
    let Some(max) = hub.rules.max_total_minutes else { return };
    let terms: Vec<_> = hub
        .by_day
        .values()
        .flatten()
        .map(|(c, v)| (c.seconds() as f64 / 60.0, *v))
        .collect();
    hub.at_most(b, terms, max as f64);
}

fn max_per_template(b: &mut Builder, hub: &Hub, agent: &crate::config::Agent) {
    for &(t, cap) in &agent.template_caps {
        let terms: Vec<_> = hub
            .by_day
            .values()
            .flatten()
            .filter(|(c, _)| c.template == t)
            .map(|&(_, v)| (1.0, v))
            .collect();
        hub.at_most(b, terms, f64::from(cap));
    }
}

/// `Σ covering + shortfall ≥ need` per elementary interval (every hire has
/// every skill, so the head count, the largest need, is the one that binds).
fn coverage(team: &Config, b: &mut Builder, cands: &[Candidate], x: &[Var]) -> Vec<(Var, f64)> {
    let mut out = Vec::new();
    for iv in intervals(team, cands, &time::demand(team)) {
        let need = iv.needs.iter().map(|(_, n)| *n).max().unwrap_or(0);
        if need == 0 {
            continue;
        }
        let minutes = iv.seconds() as f64 / 60.0;
        let s = b.continuous(0.0, f64::from(need), Tag::SHARED);
        b.cost(s, MINUTE * minutes);
        let mut terms: Vec<_> = iv.covering.iter().map(|&c| (1.0, x[c])).collect();
        terms.push((1.0, s));
        b.geq(&terms, f64::from(need));
        out.push((s, minutes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(toml: &str) -> Config {
        Config::from_source(crate::error::Source {
            name: "t.toml".into(),
            text: toml.into(),
        })
        .expect("valid config")
    }

    #[test]
    fn rows_scale_with_the_head_count() {
        let cfg = team(
            r#"
[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = "UTC"
need = [{ at = "24/7", agents = 1 }]
[templates]
day = { start = "09:00", end = "17:00" }
[agents]
ana = { zone = "Europe/Dublin" }
"#,
        );
        let hc = build(&cfg, 10, &[0.0]);
        // One hub column, integer, costing one agent.
        let n = hc.hubs[0].index();
        assert!(hc.lp.cols[n].integer);
        assert!((hc.lp.cols[n].cost - 1.0).abs() < 1e-9);
        // Every shortfall unit is priced per minute far above an agent.
        assert!(hc
            .shortfall
            .iter()
            .all(|&(s, m)| (hc.lp.cols[s.index()].cost - MINUTE * m).abs() < 1e-6));
        // The rows span the whole 24/7 week, hours no day shift reaches included.
        let rows: f64 = hc.shortfall.iter().map(|(_, m)| m).sum();
        assert!((rows - 7.0 * 24.0 * 60.0).abs() < 1e-6);
        // One shift a day: a row per local date bounding the day's shifts by N.
        let per_day = (0..hc.lp.num_rows())
            .filter(|&r| {
                let (cols, vals) = hc.lp.row(r);
                cols.len() == 2 && cols.contains(&(n as u32)) && vals.contains(&-1.0)
            })
            .count();
        assert!(per_day >= 7);
    }
}
