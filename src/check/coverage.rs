//! Coverage from the rota's own instants: a sweep over shift and target
//! boundaries that counts distinct agents on duty, in total and per required
//! skill set, and reports every stretch below target; and the shift demands
//! (people on a template on a day) the rota's shifts leave short.

use super::Worked;
use crate::config::Config;
use crate::rota::{Gap, Shortage};
use crate::time::{self, Instant};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    // Ends sort before starts at the same instant: touching shifts hand over.
    ShiftEnd(usize),
    DemandEnd(usize),
    ShiftStart(usize),
    DemandStart(usize),
}

/// The gaps, and the overstaffed agent-minutes: agents on duty beyond the
/// head-count target, summed over the horizon window.
pub fn sweep(cfg: &Config, shifts: &[Worked]) -> (Vec<Gap>, f64) {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let demand = time::demand(cfg);

    // Distinct skill sets of the target; each agent qualifies for some.
    let sets: Vec<BTreeSet<String>> = {
        let s: BTreeSet<BTreeSet<String>> = cfg
            .coverage
            .needs
            .iter()
            .filter(|n| !n.skills.is_empty())
            .map(|n| n.skills.clone())
            .collect();
        s.into_iter().collect()
    };
    let qualifies: Vec<Vec<bool>> = cfg
        .agents
        .iter()
        .map(|a| sets.iter().map(|s| a.has_skills(s)).collect())
        .collect();

    let mut events: Vec<(Instant, Event)> = Vec::with_capacity(shifts.len() * 2 + demand.len() * 2);
    for (i, w) in shifts.iter().enumerate().filter(|(_, w)| w.end > w0 && w.start < w1) {
        events.push((w.start.max(w0), Event::ShiftStart(i)));
        events.push((w.end.min(w1), Event::ShiftEnd(i)));
    }
    for (i, d) in demand.iter().enumerate() {
        events.push((d.start, Event::DemandStart(i)));
        events.push((d.end, Event::DemandEnd(i)));
    }
    events.retain(|(t, _)| *t >= w0 && *t <= w1);
    events.sort();

    let mut on_duty: BTreeMap<usize, u32> = BTreeMap::new();
    let mut head = 0u32;
    let mut skilled = vec![0u32; sets.len()];
    let mut rules: BTreeMap<usize, u32> = BTreeMap::new();
    let mut open: BTreeMap<Option<usize>, Gap> = BTreeMap::new();
    let mut done: Vec<Gap> = Vec::new();
    let mut over_seconds = 0i64;

    let mut i = 0;
    while i < events.len() {
        let now = events[i].0;
        while i < events.len() && events[i].0 == now {
            match events[i].1 {
                Event::ShiftStart(s) | Event::ShiftEnd(s) => {
                    let a = shifts[s].agent;
                    let starting = matches!(events[i].1, Event::ShiftStart(_));
                    let n = on_duty.entry(a).or_default();
                    let before = *n;
                    if starting {
                        *n += 1;
                    } else {
                        *n = n.saturating_sub(1);
                    }
                    let delta: i64 = match (before, *n) {
                        (0, 1) => 1,
                        (1, 0) => -1,
                        _ => 0,
                    };
                    head = (i64::from(head) + delta) as u32;
                    for (k, q) in qualifies[a].iter().enumerate() {
                        if *q {
                            skilled[k] = (i64::from(skilled[k]) + delta) as u32;
                        }
                    }
                }
                Event::DemandStart(d) => *rules.entry(demand[d].need).or_default() += 1,
                Event::DemandEnd(d) => {
                    let n = demand[d].need;
                    if let Some(c) = rules.get_mut(&n) {
                        *c -= 1;
                        if *c == 0 {
                            rules.remove(&n);
                        }
                    }
                }
            }
            i += 1;
        }
        // State now holds on [now, next event).
        let mut need_head = 0;
        let mut need_set = vec![0u32; sets.len()];
        let mut labels = Vec::new();
        for (&r, &k) in &rules {
            let need = &cfg.coverage.needs[r];
            for _ in 0..k {
                need_head += need.agents;
                if let Some(pos) = sets.iter().position(|s| *s == need.skills) {
                    need_set[pos] += need.agents;
                }
                labels.push(need.describe());
            }
        }
        let label = labels.join(" + ");
        let next = events.get(i).map_or(w1, |e| e.0);
        over_seconds += i64::from(head.saturating_sub(need_head)) * time::seconds(now, next);
        let mut current: Vec<(Option<usize>, u32, u32)> = Vec::new();
        if need_head > head {
            current.push((None, need_head, head));
        }
        for k in 0..sets.len() {
            if need_set[k] > skilled[k] {
                current.push((Some(k), need_set[k], skilled[k]));
            }
        }
        // Close open gaps that changed or ended; open new ones.
        let keys: Vec<Option<usize>> = open.keys().copied().collect();
        for key in keys {
            let still = current.iter().any(|(k, n, h)| {
                *k == key && open[&key].need == *n && open[&key].have == *h && open[&key].rules == label
            });
            if !still {
                let mut g = open.remove(&key).expect("key listed");
                g.end = now;
                done.push(g);
            }
        }
        for (k, need, have) in current {
            open.entry(k).or_insert_with(|| Gap {
                start: now,
                end: now,
                skill: k.map(|k| sets[k].iter().cloned().collect::<Vec<_>>().join("+")),
                need,
                have,
                rules: label.clone(),
            });
        }
    }
    for (_, mut g) in open {
        g.end = w1;
        done.push(g);
    }
    done.retain(|g| g.end > g.start);
    done.sort();
    (done, over_seconds as f64 / 60.0)
}

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
