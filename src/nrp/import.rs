//! `sunrota import nrp`: an instance as a sunrota config (TOML text) with the
//! same constraints and objective.

use super::{Instance, Staff, DAY0};
use std::fmt::Write as _;

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
    coverage(&mut o, inst);
    o.push_str("\n# sunrota's own rules, set so that they never bind:\n[rules]\n");
    o.push_str("min_rest_hours = 0\nmax_shifts_per_week = 7\nmax_hours_per_week = 168\nmax_weekends_per_4_weeks = 4\n");
    o.push_str("time_off_is_rest = true   # days off count as rest, as in the benchmark\n");
    o.push_str("\n[weights]\nuncovered = 0\noverstaffed = 0\nfairness = 0\nhours = 0\n\n[templates]\n");
    templates(&mut o, inst);
    for st in &inst.staff {
        agent(&mut o, inst, st);
    }
    o
}

/// `[coverage]`: one shift demand per cover line.
fn coverage(o: &mut String, inst: &Instance) {
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
    o.push_str("]\n");
}

/// `[templates]`: one per shift type, from 00:00 UTC, with what may not follow it.
fn templates(o: &mut String, inst: &Instance) {
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
}

/// `[agents.ID]`: the shift types the staff member may work, days off, their
/// own rules and caps, and their shift requests as `prefer` and `avoid`.
fn agent(o: &mut String, inst: &Instance, st: &Staff) {
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
