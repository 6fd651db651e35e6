//! Day-based rostering rules, checked from the rota's shifts: shift demands
//! (people on a template on a day), per-template caps, total minutes, minimum
//! runs of working days, worked weekends over the rota, forbidden successions.

use super::rules::Worked;
use super::Violation;
use crate::config::{weekend_of, Config};
use crate::rota::Shortage;
use crate::rule::Rule;
use crate::time;
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// Shift demands not met by the rota's shifts.
pub fn shortages(cfg: &Config, worked: &[Worked]) -> Vec<Shortage> {
    let mut on: BTreeMap<(usize, NaiveDate), u32> = BTreeMap::new();
    for w in worked.iter().filter(|w| w.current) {
        if let Some(t) = w.template {
            *on.entry((t, w.date)).or_default() += 1;
        }
    }
    let mut out: Vec<Shortage> = cfg
        .coverage
        .shifts
        .iter()
        .filter_map(|d| {
            let have = on.get(&(d.template, d.date)).copied().unwrap_or(0);
            (have < d.agents).then(|| Shortage {
                date: d.date,
                template: cfg.templates[d.template].name.clone(),
                need: d.agents,
                have,
            })
        })
        .collect();
    out.sort();
    out
}

/// Per-agent rules over the rota's own shifts.
pub fn check_agents(cfg: &Config, worked: &[Worked], out: &mut Vec<Violation>) {
    let (first, last) = (cfg.horizon.start, cfg.horizon.end() - Duration::days(1));
    for (a, agent) in cfg.agents.iter().enumerate() {
        let mut mine: Vec<&Worked> = worked.iter().filter(|w| w.current && w.agent == a).collect();
        mine.sort_by_key(|w| w.start);
        let r = agent.rules;
        let mut v = |first: NaiveDate, last: NaiveDate, rule: Rule, message: String, line: Option<usize>| {
            out.push(Violation::new(&agent.name, first, last, rule, message, line));
        };
        for &(t, n) in &agent.template_caps {
            let count = mine.iter().filter(|w| w.template == Some(t)).count();
            if count > n as usize {
                v(
                    first,
                    last,
                    Rule::MaxPerTemplate,
                    format!("{count} `{}` shifts (maximum {n})", cfg.templates[t].name),
                    None,
                );
            }
        }
        let minutes: i64 = mine.iter().map(|w| time::seconds(w.start, w.end)).sum::<i64>() / 60;
        if let Some(max) = r.max_total_minutes.filter(|m| minutes > *m) {
            v(
                first,
                last,
                Rule::MaxTotalHours,
                format!("{} worked (maximum {})", hm(minutes), hm(max)),
                None,
            );
        }
        if minutes < r.min_total_minutes {
            v(
                first,
                last,
                Rule::MinTotalHours,
                format!("{} worked (minimum {})", hm(minutes), hm(r.min_total_minutes)),
                None,
            );
        }
        let weekends: BTreeSet<NaiveDate> = mine.iter().filter_map(|w| weekend_of(w.date)).collect();
        if let Some(max) = r.max_weekends.filter(|m| weekends.len() > *m as usize) {
            v(
                first,
                last,
                Rule::MaxWeekends,
                format!("{} weekends worked (maximum {max})", weekends.len()),
                None,
            );
        }
        for pair in mine.windows(2) {
            let (p, n) = (pair[0], pair[1]);
            let (Some(tp), Some(tn)) = (p.template, n.template) else {
                continue;
            };
            if n.date == p.date + Duration::days(1) && cfg.templates[tp].not_followed_by.contains(&tn) {
                v(
                    p.date,
                    n.date,
                    Rule::ForbiddenSuccession,
                    format!(
                        "`{}` on {} is followed by `{}` on {}",
                        cfg.templates[tp].name, p.date, cfg.templates[tn].name, n.date
                    ),
                    n.line,
                );
            }
        }
        // Runs of working days too short, unless they touch an end of the rota.
        let dates: BTreeSet<NaiveDate> = mine.iter().map(|w| w.date).collect();
        let dates: Vec<NaiveDate> = dates.into_iter().collect();
        let mut i = 0;
        while i < dates.len() {
            let mut j = i;
            while j + 1 < dates.len() && dates[j + 1] == dates[j] + Duration::days(1) {
                j += 1;
            }
            let len = (j - i + 1) as u32;
            if len < r.min_consecutive_days && dates[i] > first && dates[j] < last {
                v(
                    dates[i],
                    dates[j],
                    Rule::MinConsecutiveDays,
                    format!("a run of {len} working day(s) (minimum {})", r.min_consecutive_days),
                    None,
                );
            }
            i = j + 1;
        }
    }
}

fn hm(minutes: i64) -> String {
    format!("{}h{:02}", minutes / 60, minutes % 60)
}
