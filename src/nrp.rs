//! The Curtois & Qu staff-rostering benchmark format ("NRP", Instance1–24):
//! read an instance, turn it into a sunrota config with the same constraints
//! and objective (`sunrota import nrp`), and evaluate a roster
//! (`employee,day,shift`) against the instance directly — without the config
//! or the model, so the benchmark's objective is computed twice, independently.

use crate::error::{Error, Source};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Day 0 of every imported instance: a Monday, as in the benchmark.
pub const DAY0: &str = "2024-01-01";

#[derive(Debug, Clone, PartialEq)]
pub struct ShiftType {
    pub id: String,
    pub minutes: u32,
    pub cannot_follow: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub id: String,
    /// Most shifts of each type (0: may not work it).
    pub max_shifts: BTreeMap<String, u32>,
    pub max_total_minutes: u32,
    pub min_total_minutes: u32,
    pub max_consecutive: u32,
    pub min_consecutive: u32,
    pub min_days_off: u32,
    pub max_weekends: u32,
}

/// A shift request: `staff` wants (on) or does not want (off) `shift` on `day`.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub staff: String,
    pub day: usize,
    pub shift: String,
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub day: usize,
    pub shift: String,
    pub requirement: u32,
    pub under: u32,
    pub over: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Instance {
    pub days: usize,
    pub shifts: Vec<ShiftType>,
    pub staff: Vec<Staff>,
    pub days_off: BTreeMap<String, BTreeSet<usize>>,
    pub on: Vec<Request>,
    pub off: Vec<Request>,
    pub cover: Vec<Cover>,
}

/// Reads an instance; a malformed line is an error pointing at it.
pub fn parse(src: &Source) -> Result<Instance, Error> {
    let mut inst = Instance::default();
    let mut section = String::new();
    let mut offset = 0;
    for raw in src.text.split_inclusive('\n') {
        let span = offset..offset + raw.trim_end().len();
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            section.clear();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.starts_with("SECTION_") {
            section = line.to_string();
            continue;
        }
        let bad = |why: &str| {
            src.error(
                span.clone(),
                format!("cannot read this {section} line: {why}"),
                "here",
                Some("see FORMAT.md of the Curtois & Qu benchmark for each section's fields".into()),
            )
        };
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        // Whole numbers; some files write a zero as "-0".
        let num = |i: usize| -> Result<u32, Error> {
            f.get(i)
                .and_then(|x| x.parse::<i64>().ok())
                .and_then(|x| u32::try_from(x).ok())
                .ok_or_else(|| bad(&format!("field {} is not a whole number", i + 1)))
        };
        let day = |i: usize, days: usize| -> Result<usize, Error> {
            let d = num(i)? as usize;
            if d >= days {
                return Err(bad(&format!("day {d} is outside the horizon of {days} days")));
            }
            Ok(d)
        };
        match section.as_str() {
            "SECTION_HORIZON" => {
                inst.days = num(0)? as usize;
                if inst.days == 0 || inst.days % 7 != 0 || inst.days > 728 {
                    return Err(bad("the horizon is a whole number of weeks, 7 to 728 days"));
                }
            }
            "SECTION_SHIFTS" => {
                let minutes = num(1)?;
                if minutes == 0 || minutes >= 1440 {
                    return Err(bad("a shift lasts 1 to 1439 minutes"));
                }
                inst.shifts.push(ShiftType {
                    id: f[0].to_string(),
                    minutes,
                    cannot_follow: f
                        .get(2)
                        .map(|x| x.split('|').filter(|s| !s.is_empty()).map(String::from).collect())
                        .unwrap_or_default(),
                });
            }
            "SECTION_STAFF" => {
                if f.len() < 8 {
                    return Err(bad("a staff line has 8 fields"));
                }
                let mut max_shifts = BTreeMap::new();
                for part in f[1].split('|').filter(|s| !s.is_empty()) {
                    let (s, n) = part.split_once('=').ok_or_else(|| bad("MaxShifts is S=n|S=n"))?;
                    max_shifts.insert(s.to_string(), n.parse().map_err(|_| bad("MaxShifts is S=n|S=n"))?);
                }
                inst.staff.push(Staff {
                    id: f[0].to_string(),
                    max_shifts,
                    max_total_minutes: num(2)?,
                    min_total_minutes: num(3)?,
                    max_consecutive: num(4)?,
                    min_consecutive: num(5)?,
                    min_days_off: num(6)?,
                    max_weekends: num(7)?,
                });
            }
            "SECTION_DAYS_OFF" => {
                let set = inst.days_off.entry(f[0].to_string()).or_default();
                for (i, x) in f.iter().enumerate().skip(1) {
                    if !x.is_empty() {
                        set.insert(day(i, inst.days)?);
                    }
                }
            }
            "SECTION_SHIFT_ON_REQUESTS" | "SECTION_SHIFT_OFF_REQUESTS" => {
                let r = Request {
                    staff: f[0].to_string(),
                    day: day(1, inst.days)?,
                    shift: f.get(2).ok_or_else(|| bad("missing shift"))?.to_string(),
                    weight: num(3)?,
                };
                if section.contains("_ON_") {
                    inst.on.push(r);
                } else {
                    inst.off.push(r);
                }
            }
            "SECTION_COVER" => inst.cover.push(Cover {
                day: day(0, inst.days)?,
                shift: f.get(1).ok_or_else(|| bad("missing shift"))?.to_string(),
                requirement: num(2)?,
                under: num(3)?,
                over: num(4)?,
            }),
            _ => return Err(bad("a data line outside any known section")),
        }
    }
    if inst.days == 0 || inst.shifts.is_empty() || inst.staff.is_empty() {
        return Err(src.error(
            0..0,
            "not a complete NRP instance: it needs SECTION_HORIZON, SECTION_SHIFTS and SECTION_STAFF",
            "here",
            None,
        ));
    }
    Ok(inst)
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn date(day: usize) -> String {
    let d0: chrono::NaiveDate = DAY0.parse().unwrap_or_default();
    (d0 + chrono::Duration::days(day as i64)).to_string()
}

fn hours(minutes: u32) -> String {
    let h = f64::from(minutes) / 60.0;
    let s = format!("{h:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The instance as a sunrota config (TOML text). Every shift type becomes a
/// template starting 00:00 UTC (no two overlap), and sunrota's own weekly
/// rules are set so they never bind; the objective is exactly the benchmark's.
pub fn to_config(inst: &Instance, name: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# {name}: Curtois & Qu staff-rostering benchmark, imported by `sunrota import nrp`."
    );
    let _ = writeln!(
        o,
        "# Day 0 is {DAY0} (a Monday). Objective: request weights plus cover under/over weights."
    );
    let _ = writeln!(o, "\n[horizon]\nstart = {DAY0}\nweeks = {}", inst.days / 7);
    o.push_str("\n[coverage]\nzone = \"UTC\"\nshifts = [\n");
    for c in &inst.cover {
        let _ = writeln!(
            o,
            "  {{ on = {}, template = {}, agents = {}, under = {}, over = {} }},",
            date(c.day),
            quoted(&c.shift),
            c.requirement,
            c.under,
            c.over
        );
    }
    o.push_str("]\n\n# sunrota's own rules, set so that they never bind:\n[rules]\n");
    o.push_str("min_rest_hours = 0\nmax_shifts_per_week = 7\nmax_hours_per_week = 168\nmax_weekends_per_4_weeks = 4\n");
    o.push_str("time_off_is_rest = true   # days off count as rest, as in the benchmark\n");
    o.push_str("\n[weights]\nuncovered = 0\noverstaffed = 0\nfairness = 0\nhours = 0\n\n[templates]\n");
    for s in &inst.shifts {
        let follow: Vec<String> = s.cannot_follow.iter().map(|x| quoted(x)).collect();
        let _ = writeln!(
            o,
            "{} = {{ start = \"00:00\", end = \"{:02}:{:02}\", night = false, not_followed_by = [{}] }}",
            quoted(&s.id),
            s.minutes / 60,
            s.minutes % 60,
            follow.join(", ")
        );
    }
    for st in &inst.staff {
        let _ = writeln!(o, "\n[agents.{}]\nzone = \"UTC\"", quoted(&st.id));
        let allowed: Vec<String> = inst
            .shifts
            .iter()
            .filter(|s| st.max_shifts.get(&s.id).is_none_or(|n| *n > 0))
            .map(|s| quoted(&s.id))
            .collect();
        let _ = writeln!(o, "templates = [{}]", allowed.join(", "));
        if let Some(off) = inst.days_off.get(&st.id) {
            let days: Vec<String> = off.iter().map(|d| date(*d)).collect();
            let _ = writeln!(o, "off = [{}]", days.join(", "));
        }
        let caps: Vec<String> = st
            .max_shifts
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| format!("{} = {n}", quoted(s)))
            .collect();
        let _ = writeln!(
            o,
            "rules = {{ max_consecutive_days = {}, min_consecutive_days = {}, min_consecutive_days_off = {}, \
             max_weekends = {}, min_total_hours = {}, max_total_hours = {}, max_per_template = {{ {} }} }}",
            st.max_consecutive.clamp(1, 28),
            st.min_consecutive.clamp(1, 28),
            st.min_days_off.min(7),
            st.max_weekends,
            hours(st.min_total_minutes),
            hours(st.max_total_minutes),
            caps.join(", ")
        );
        for (key, list) in [("prefer", &inst.on), ("avoid", &inst.off)] {
            let mine: Vec<String> = list
                .iter()
                .filter(|r| r.staff == st.id)
                .map(|r| {
                    format!(
                        "{{ on = {}, template = {}, weight = {} }}",
                        date(r.day),
                        quoted(&r.shift),
                        r.weight
                    )
                })
                .collect();
            if !mine.is_empty() {
                let _ = writeln!(o, "{key} = [\n  {},\n]", mine.join(",\n  "));
            }
        }
    }
    o
}

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

/// The benchmark objective and the hard constraints it breaks, from the
/// instance's own definitions (FORMAT.md), independently of sunrota's model.
pub fn evaluate(inst: &Instance, roster: &[Assignment]) -> Evaluation {
    let mut v = Vec::new();
    let len: BTreeMap<&str, u32> = inst.shifts.iter().map(|s| (s.id.as_str(), s.minutes)).collect();
    let mut work: BTreeMap<&str, BTreeMap<usize, &str>> = BTreeMap::new();
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
    let empty = BTreeMap::new();
    for st in &inst.staff {
        let w = work.get(st.id.as_str()).unwrap_or(&empty);
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
        for sh in &inst.shifts {
            let n = w.values().filter(|s| **s == sh.id).count() as u32;
            let max = st.max_shifts.get(&sh.id).copied().unwrap_or(u32::MAX);
            if n > max {
                v.push(format!("{id}: {n} {} shifts (max {max})", sh.id));
            }
        }
        let minutes: u32 = w.values().map(|s| len[s]).sum();
        if minutes > st.max_total_minutes || minutes < st.min_total_minutes {
            v.push(format!(
                "{id}: {minutes} minutes (allowed {}..{})",
                st.min_total_minutes, st.max_total_minutes
            ));
        }
        // Runs of work and of days off; runs touching either end are exempt from the minimums.
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
        let weekends = (0..inst.days / 7)
            .filter(|k| worked(7 * k + 5) || worked(7 * k + 6))
            .count() as u32;
        if weekends > st.max_weekends {
            v.push(format!("{id}: {weekends} weekends (max {})", st.max_weekends));
        }
    }
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
    Evaluation {
        objective,
        violations: v,
    }
}

/// A planned rota as a roster: one row per shift, days from [`DAY0`].
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

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(text: &str) -> Instance {
        parse(&Source {
            name: "i.txt".into(),
            text: text.into(),
        })
        .unwrap()
    }

    const TINY: &str = "SECTION_HORIZON\r\n7\r\n\r\nSECTION_SHIFTS\r\nE,480,\r\nL,480,E\r\n\r\n\
        SECTION_STAFF\r\nA,E=7|L=2,2400,960,3,2,2,1\r\n\r\nSECTION_DAYS_OFF\r\nA,6\r\n\r\n\
        SECTION_SHIFT_ON_REQUESTS\r\nA,0,E,2\r\n\r\nSECTION_SHIFT_OFF_REQUESTS\r\nA,1,L,3\r\n\r\n\
        SECTION_COVER\r\n0,E,1,100,1\r\n1,E,2,100,1\r\n";

    #[test]
    fn objective_by_hand() {
        let i = inst(TINY);
        let r = |d: usize, s: &str| Assignment {
            staff: "A".into(),
            day: d,
            shift: s.into(),
        };
        // Works L on day 1 (off request: 3), E on day 0 (on request met),
        // cover: day 0 met, day 1 needs 2 E, has 0: 200.
        let e = evaluate(&i, &[r(0, "E"), r(1, "L")]);
        assert_eq!(e.objective, 203);
        assert_eq!(e.violations, Vec::<String>::new());
        // L then E breaks the rotation; a run of 1 inside the horizon is too short.
        let e = evaluate(&i, &[r(2, "L"), r(3, "E"), r(5, "E")]);
        assert!(
            e.violations.iter().any(|v| v.contains("L followed by E")),
            "{:?}",
            e.violations
        );
        assert!(
            e.violations
                .iter()
                .any(|v| v.contains("days 5-5: 1 shifts in a row (min 2)")),
            "{:?}",
            e.violations
        );
        // Saturday (day 5) is one weekend, within MaxWeekends = 1.
        assert!(
            !e.violations.iter().any(|v| v.contains("weekends")),
            "{:?}",
            e.violations
        );
    }

    #[test]
    fn minus_zero_is_zero() {
        let i = inst(&TINY.replace("1,E,2,100,1", "1,E,-0,100,1"));
        assert_eq!(i.cover[1].requirement, 0);
    }

    #[test]
    fn bad_lines_point_at_the_line() {
        let err = parse(&Source {
            name: "i.txt".into(),
            text: "SECTION_HORIZON\n7\n\nSECTION_COVER\n0,E,x,100,1\n".into(),
        })
        .unwrap_err();
        assert!(err.to_string().contains("cannot read this SECTION_COVER line"), "{err}");
    }
}
