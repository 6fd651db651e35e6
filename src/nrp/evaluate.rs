//! Rosters (`employee,day,shift`) and their score against an instance,
//! computed from the benchmark's own definitions (FORMAT.md), independently
//! of sunrota's config and model.

use super::{Instance, Staff};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One worked day of a roster.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assignment {
    pub staff: String,
    pub day: usize,
    pub shift: String,
}

/// A roster scored against an instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub objective: u64,
    /// Broken hard constraints, one line each.
    pub violations: Vec<String>,
}

/// Reads a roster CSV (`employee,day,shift`, header optional).
pub fn read_roster(text: &str) -> Result<Vec<Assignment>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        if line.trim().is_empty() || (i == 0 && f.first() == Some(&"employee")) {
            continue;
        }
        let day = f.get(1).and_then(|d| d.parse().ok());
        match (f.first(), day, f.get(2)) {
            (Some(s), Some(day), Some(sh)) if f.len() == 3 => out.push(Assignment {
                staff: s.to_string(),
                day,
                shift: sh.to_string(),
            }),
            _ => return Err(format!("line {}: expected employee,day,shift", i + 1)),
        }
    }
    Ok(out)
}

pub fn write_roster(roster: &[Assignment]) -> String {
    let mut o = String::from("employee,day,shift\n");
    for a in roster {
        let _ = writeln!(o, "{},{},{}", a.staff, a.day, a.shift);
    }
    o
}

/// Per staff member, day → shift worked.
type Work<'a> = BTreeMap<&'a str, BTreeMap<usize, &'a str>>;

/// One staff member's worked days: day → shift.
type Days<'a> = BTreeMap<usize, &'a str>;

/// The benchmark objective and the hard constraints it breaks, from the
/// instance's own definitions (FORMAT.md), independently of sunrota's model.
pub fn evaluate(inst: &Instance, roster: &[Assignment]) -> Evaluation {
    let mut v = Vec::new();
    let work = work(inst, roster, &mut v);
    let empty = BTreeMap::new();
    for st in &inst.staff {
        let w = work.get(st.id.as_str()).unwrap_or(&empty);
        successions_and_days_off(inst, st, w, &mut v);
        shift_caps(inst, st, w, &mut v);
        total_minutes(inst, st, w, &mut v);
        runs(inst, st, w, &mut v);
        weekends(inst, st, w, &mut v);
    }
    Evaluation {
        objective: objective(inst, &work),
        violations: v,
    }
}

/// The roster by staff member and day; an unknown shift or day, or two
/// shifts on one day, is a violation.
fn work<'a>(inst: &Instance, roster: &'a [Assignment], v: &mut Vec<String>) -> Work<'a> {
    let len: BTreeMap<&str, u32> = inst.shifts.iter().map(|s| (s.id.as_str(), s.minutes)).collect();
    let mut work = Work::new();
    for a in roster {
        if !len.contains_key(a.shift.as_str()) || a.day >= inst.days {
            v.push(format!("{} day {}: unknown shift or day `{}`", a.staff, a.day, a.shift));
            continue;
        }
        if work
            .entry(a.staff.as_str())
            .or_default()
            .insert(a.day, a.shift.as_str())
            .is_some()
        {
            v.push(format!("{} day {}: two shifts", a.staff, a.day));
        }
    }
    work
}

/// Per worked day: a shift the next day may not follow it, and no work on a day off.
fn successions_and_days_off(inst: &Instance, st: &Staff, w: &Days, v: &mut Vec<String>) {
    let id = &st.id;
    for (&d, &s) in w {
        if let Some(&t) = w.get(&(d + 1)) {
            let rule = inst.shifts.iter().find(|x| x.id == s);
            if rule.is_some_and(|r| r.cannot_follow.iter().any(|c| c == t)) {
                v.push(format!("{id} days {d}-{}: {s} followed by {t}", d + 1));
            }
        }
        if inst.days_off.get(id).is_some_and(|o| o.contains(&d)) {
            v.push(format!("{id} day {d}: works a day off"));
        }
    }
}

/// MaxShifts: at most so many shifts of each type.
fn shift_caps(inst: &Instance, st: &Staff, w: &Days, v: &mut Vec<String>) {
    for sh in &inst.shifts {
        let n = w.values().filter(|s| **s == sh.id).count() as u32;
        let max = st.max_shifts.get(&sh.id).copied().unwrap_or(u32::MAX);
        if n > max {
            v.push(format!("{}: {n} {} shifts (max {max})", st.id, sh.id));
        }
    }
}

/// MinTotalMinutes ≤ minutes worked ≤ MaxTotalMinutes.
fn total_minutes(inst: &Instance, st: &Staff, w: &Days, v: &mut Vec<String>) {
    let len: BTreeMap<&str, u32> = inst.shifts.iter().map(|s| (s.id.as_str(), s.minutes)).collect();
    let minutes: u32 = w.values().map(|s| len[s]).sum();
    if minutes > st.max_total_minutes || minutes < st.min_total_minutes {
        v.push(format!(
            "{}: {minutes} minutes (allowed {}..{})",
            st.id, st.min_total_minutes, st.max_total_minutes
        ));
    }
}

/// Runs of work and of days off; runs touching either end are exempt from the minimums.
fn runs(inst: &Instance, st: &Staff, w: &Days, v: &mut Vec<String>) {
    let id = &st.id;
    let worked = |d: usize| w.contains_key(&d);
    let mut d = 0;
    while d < inst.days {
        let on = worked(d);
        let mut e = d;
        while e + 1 < inst.days && worked(e + 1) == on {
            e += 1;
        }
        let n = (e - d + 1) as u32;
        let inner = d > 0 && e + 1 < inst.days;
        if on && n > st.max_consecutive {
            v.push(format!(
                "{id} days {d}-{e}: {n} shifts in a row (max {})",
                st.max_consecutive
            ));
        }
        if on && inner && n < st.min_consecutive {
            v.push(format!(
                "{id} days {d}-{e}: {n} shifts in a row (min {})",
                st.min_consecutive
            ));
        }
        if !on && inner && n < st.min_days_off {
            v.push(format!(
                "{id} days {d}-{e}: {n} days off in a row (min {})",
                st.min_days_off
            ));
        }
        d = e + 1;
    }
}

/// MaxWeekends: weekends (day 5 or 6 of a week) with any work.
fn weekends(inst: &Instance, st: &Staff, w: &Days, v: &mut Vec<String>) {
    let worked = |d: usize| w.contains_key(&d);
    let weekends = (0..inst.days / 7)
        .filter(|k| worked(7 * k + 5) || worked(7 * k + 6))
        .count() as u32;
    if weekends > st.max_weekends {
        v.push(format!("{}: {weekends} weekends (max {})", st.id, st.max_weekends));
    }
}

/// Request weights not honoured, plus cover under and over weights.
fn objective(inst: &Instance, work: &Work) -> u64 {
    let works = |s: &str, d: usize, sh: &str| work.get(s).and_then(|w| w.get(&d)).is_some_and(|x| *x == sh);
    let mut objective: u64 = 0;
    for r in &inst.on {
        if !works(&r.staff, r.day, &r.shift) {
            objective += u64::from(r.weight);
        }
    }
    for r in &inst.off {
        if works(&r.staff, r.day, &r.shift) {
            objective += u64::from(r.weight);
        }
    }
    for c in &inst.cover {
        let have = work
            .values()
            .filter(|w| w.get(&c.day).is_some_and(|s| *s == c.shift))
            .count() as u32;
        objective += u64::from(c.requirement.saturating_sub(have)) * u64::from(c.under);
        objective += u64::from(have.saturating_sub(c.requirement)) * u64::from(c.over);
    }
    objective
}

/// A planned rota as a roster: one row per shift, days from [`DAY0`](super::DAY0).
pub fn roster_of(rota: &crate::rota::Rota) -> Vec<Assignment> {
    let mut out: Vec<Assignment> = rota
        .shifts
        .iter()
        .map(|s| Assignment {
            staff: s.agent.clone(),
            day: (s.start.date_naive() - rota.start).num_days().max(0) as usize,
            shift: s.template.clone(),
        })
        .collect();
    out.sort();
    out
}
