//! `plan --keep` as a local repair: what the new inputs broke in the kept
//! rota, and how a re-plan's changes are counted and placed. Plain data
//! over the model's columns; the solver ([`crate::solve::repair`]) ranks
//! rotas by it lexicographically:
//!
//! 1. coverage the kept rota achieved and the new rota loses — shortfall
//!    beyond what the kept rota already lacked (its recorded gaps, shift
//!    shortages and unfilled on-call periods) — is restored first;
//! 2. then the fewest changes (added or dropped shifts, holds, comp days);
//! 3. then changes nearest the event, and after it rather than before.
//!
//! Nothing else is priced: overstaffing, fairness, hours and requests the
//! kept rota had are left as they were (`plan --keep --improve` prices them
//! all, as a first plan does).

use super::keep::Keep;
use super::lp::Var;
use super::Model;
use crate::config::Config;
use crate::rota::Rota;
use crate::time::{self, Instant};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// One column that is a change when it differs from the kept rota.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub var: Var,
    /// The kept rota has it (dropping it is a change).
    pub kept: bool,
    /// Its local date, for how far it lies from the event.
    pub date: NaiveDate,
}

/// A shortfall column the repair prices: units beyond `free` (what the kept
/// rota already lacked there) cost `minutes` each.
#[derive(Debug, Clone, Copy)]
pub struct Shortfall {
    pub var: Var,
    pub free: f64,
    pub minutes: f64,
}

/// The repair problem over a built model.
#[derive(Debug, Clone, Default)]
pub struct Repair {
    pub choices: Vec<Choice>,
    /// Kept assignments no column can make any more (a shift on a new day
    /// off, a leaver's hold): changes every rota makes.
    pub lost: u32,
    pub shortfalls: Vec<Shortfall>,
    /// Local dates where the new inputs break the kept rota, sorted.
    pub events: Vec<NaiveDate>,
    /// Most changes besides the lost ones a local repair may make.
    pub budget: u32,
}

/// Changes a local repair may make per day the event touches (besides the
/// assignments it loses), unless `--max-changes` says otherwise.
pub const CHANGES_PER_EVENT_DAY: u32 = 4;

impl Repair {
    /// Penalty days of a change before the first event (on top of its distance).
    pub const BEFORE: u32 = 16;
    /// Distances beyond this many days count as this many.
    pub const FAR: u32 = 31;

    /// How far a change on `date` lies from the event, in days (changes
    /// before the first event count [`Repair::BEFORE`] more).
    pub fn distance(&self, date: NaiveDate) -> u32 {
        let Some(first) = self.events.first() else {
            return 0;
        };
        let near = self
            .events
            .iter()
            .map(|e| (date - *e).num_days().unsigned_abs())
            .min()
            .unwrap_or(0);
        let near = u32::try_from(near).unwrap_or(u32::MAX).min(Self::FAR);
        near + if date < *first { Self::BEFORE } else { 0 }
    }
}

impl Model {
    /// The repair of `old` (the rota `keep` was read from) under this
    /// model's inputs; `broken` are the local dates where `check` finds the
    /// kept rota breaking a rule of the new config; `max_changes` overrides
    /// the default budget.
    pub fn repair(
        &self,
        cfg: &Config,
        keep: &Keep,
        old: &Rota,
        broken: &[NaiveDate],
        max_changes: Option<u32>,
    ) -> Repair {
        let mut r = Repair::default();
        let mut lost_dates: BTreeSet<NaiveDate> = BTreeSet::new();
        let mut matched = BTreeSet::new();
        for (c, &v) in self.cands.iter().zip(&self.x).filter(|(c, _)| !c.fixed) {
            let key = (c.agent, c.template, c.date, c.start);
            let kept = keep.shifts.contains(&key);
            if kept {
                matched.insert(key);
            }
            r.choices.push(Choice {
                var: v,
                kept,
                date: c.date,
            });
        }
        for k in keep.shifts.iter().filter(|k| !matched.contains(*k)) {
            r.lost += 1;
            lost_dates.insert(k.2);
        }
        self.hold_choices(keep, &mut r, &mut lost_dates);
        self.comp_choices(keep, &mut r, &mut lost_dates);
        r.shortfalls = self.coverage_shortfalls(old);
        r.shortfalls.extend(self.demand_shortfalls(cfg, keep));
        r.shortfalls.extend(self.duty_shortfalls(cfg, old));
        r.events = lost_dates.into_iter().chain(broken.iter().copied()).collect();
        r.events.sort_unstable();
        r.events.dedup();
        let days = u32::try_from(r.events.len()).unwrap_or(u32::MAX).max(1);
        r.budget = max_changes.unwrap_or(CHANGES_PER_EVENT_DAY.saturating_mul(days));
        r
    }

    fn hold_choices(&self, keep: &Keep, r: &mut Repair, lost: &mut BTreeSet<NaiveDate>) {
        let mut matched = BTreeSet::new();
        for h in &self.duty.holds {
            let key = (h.duty, h.agent, h.period.start);
            let kept = keep.holds.contains(&key);
            if kept {
                matched.insert(key);
            }
            r.choices.push(Choice {
                var: h.v,
                kept,
                date: h.period.date,
            });
        }
        for k in keep.holds.iter().filter(|k| !matched.contains(*k)) {
            r.lost += 1;
            lost.insert(k.2.date_naive());
        }
    }

    fn comp_choices(&self, keep: &Keep, r: &mut Repair, lost: &mut BTreeSet<NaiveDate>) {
        let mut matched = BTreeSet::new();
        for (a, dates) in self.comp.iter().enumerate() {
            for (&d, &v) in dates {
                let kept = keep.comp.contains(&(a, d));
                if kept {
                    matched.insert((a, d));
                }
                r.choices.push(Choice { var: v, kept, date: d });
            }
        }
        for k in keep.comp.iter().filter(|k| !matched.contains(*k)) {
            r.lost += 1;
            lost.insert(k.1);
        }
    }

    /// Per coverage row: what the kept rota lacked there (its recorded
    /// gaps, as planned; the least over the row's intervals).
    fn coverage_shortfalls(&self, old: &Rota) -> Vec<Shortfall> {
        self.shorts
            .iter()
            .map(|s| {
                let skill = (!s.skills.is_empty()).then(|| s.skills.iter().cloned().collect::<Vec<_>>().join("+"));
                let lacked = |&i: &usize| {
                    let iv = &self.intervals[i];
                    lacked_over(old, (iv.start, iv.end), skill.as_deref(), s.need)
                };
                let free = s.intervals.iter().map(lacked).min().unwrap_or(0);
                let minutes = s
                    .intervals
                    .iter()
                    .map(|&i| self.intervals[i].seconds() as f64 / 60.0)
                    .sum();
                Shortfall {
                    var: s.var,
                    free: f64::from(free.min(s.need)),
                    minutes,
                }
            })
            .collect()
    }

    /// Per shift demand: the people the kept rota lacked on it; a missing
    /// person weighs the template's minutes.
    fn demand_shortfalls(&self, cfg: &Config, keep: &Keep) -> Vec<Shortfall> {
        let mut people: BTreeMap<(usize, NaiveDate), u32> = BTreeMap::new();
        for &(_, t, d, _) in &keep.shifts {
            *people.entry((t, d)).or_default() += 1;
        }
        self.demands
            .iter()
            .map(|&(i, under, _)| {
                let d = &cfg.coverage.shifts[i];
                let had = people.get(&(d.template, d.date)).copied().unwrap_or(0);
                let t = &cfg.templates[d.template];
                Shortfall {
                    var: under,
                    free: f64::from(d.agents.saturating_sub(had)),
                    minutes: t.nominal_minutes() as f64,
                }
            })
            .collect()
    }

    /// Per on-call period: the holders the kept rota lacked; a missing
    /// holder weighs the period's minutes.
    fn duty_shortfalls(&self, cfg: &Config, old: &Rota) -> Vec<Shortfall> {
        self.duty
            .missing
            .iter()
            .map(|&(d, p, v)| {
                let name = &cfg.duties[d].name;
                let lacked = old
                    .duty
                    .unfilled
                    .iter()
                    .filter(|u| &u.duty == name && u.start.to_utc() == p.start)
                    .map(|u| u.need.saturating_sub(u.have))
                    .max()
                    .unwrap_or(0);
                Shortfall {
                    var: v,
                    free: f64::from(lacked),
                    minutes: time::seconds(p.start, p.end) as f64 / 60.0,
                }
            })
            .collect()
    }
}

/// The fewest agents `old` lacked, measured against today's `need`, at
/// any moment of `[a, b)`: 0 unless its recorded gaps of `skill` (which say
/// how many it had on duty there) cover the whole of it.
fn lacked_over(old: &Rota, (a, b): (Instant, Instant), skill: Option<&str>, need: u32) -> u32 {
    let mut pieces: Vec<&crate::rota::Gap> = old
        .gaps
        .iter()
        .filter(|g| g.skill.as_deref() == skill && g.start < b && a < g.end)
        .collect();
    pieces.sort_by_key(|g| g.start);
    let (mut at, mut least) = (a, need);
    for g in pieces {
        if g.start > at {
            return 0;
        }
        least = least.min(need.saturating_sub(g.have));
        at = at.max(g.end);
    }
    if at < b {
        0
    } else {
        least
    }
}
