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
    let events = events(shifts, &demand, w0, w1);
    let mut state = State::new(cfg, shifts, &demand);
    let mut i = 0;
    while i < events.len() {
        let now = events[i].0;
        while i < events.len() && events[i].0 == now {
            state.apply(events[i].1);
            i += 1;
        }
        // State now holds on [now, next event).
        let next = events.get(i).map_or(w1, |e| e.0);
        state.settle(now, next);
    }
    state.finish(w1)
}

/// Distinct skill sets of the target.
fn skill_sets(cfg: &Config) -> Vec<BTreeSet<String>> {
    let needs = cfg.coverage.needs.iter().filter(|n| !n.skills.is_empty());
    let sets: BTreeSet<BTreeSet<String>> = needs.map(|n| n.skills.clone()).collect();
    sets.into_iter().collect()
}

/// Shift and demand boundaries inside the window, in order.
fn events(shifts: &[Worked], demand: &[time::Demand], w0: Instant, w1: Instant) -> Vec<(Instant, Event)> {
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
    events
}

/// Who is on duty and what the target asks for, as the sweep goes.
struct State<'a> {
    cfg: &'a Config,
    shifts: &'a [Worked],
    demand: &'a [time::Demand],
    sets: Vec<BTreeSet<String>>,
    /// Agent → skill set → whether the agent has it.
    qualifies: Vec<Vec<bool>>,
    /// Agent → shifts of it in progress.
    on_duty: BTreeMap<usize, u32>,
    head: u32,
    skilled: Vec<u32>,
    /// Need → its windows in force.
    rules: BTreeMap<usize, u32>,
    open: BTreeMap<Option<usize>, Gap>,
    done: Vec<Gap>,
    over_seconds: i64,
}

impl<'a> State<'a> {
    fn new(cfg: &'a Config, shifts: &'a [Worked], demand: &'a [time::Demand]) -> State<'a> {
        let sets = skill_sets(cfg);
        let qualifies = cfg
            .agents
            .iter()
            .map(|a| sets.iter().map(|s| a.has_skills(s)).collect())
            .collect();
        State {
            cfg,
            shifts,
            demand,
            skilled: vec![0; sets.len()],
            sets,
            qualifies,
            on_duty: BTreeMap::new(),
            head: 0,
            rules: BTreeMap::new(),
            open: BTreeMap::new(),
            done: Vec::new(),
            over_seconds: 0,
        }
    }

    fn apply(&mut self, event: Event) {
        match event {
            Event::ShiftStart(s) => self.shift(self.shifts[s].agent, true),
            Event::ShiftEnd(s) => self.shift(self.shifts[s].agent, false),
            Event::DemandStart(d) => *self.rules.entry(self.demand[d].need).or_default() += 1,
            Event::DemandEnd(d) => {
                let n = self.demand[d].need;
                if let Some(c) = self.rules.get_mut(&n) {
                    *c -= 1;
                    if *c == 0 {
                        self.rules.remove(&n);
                    }
                }
            }
        }
    }

    /// A shift of agent `a` starts or ends: the counts change when it is the
    /// agent's first shift on duty or its last.
    fn shift(&mut self, a: usize, starting: bool) {
        let n = self.on_duty.entry(a).or_default();
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
        self.head = (i64::from(self.head) + delta) as u32;
        for (k, q) in self.qualifies[a].iter().enumerate() {
            if *q {
                self.skilled[k] = (i64::from(self.skilled[k]) + delta) as u32;
            }
        }
    }

    /// The target in force: head count, per skill set, and its label.
    fn target(&self) -> (u32, Vec<u32>, String) {
        let mut need_head = 0;
        let mut need_set = vec![0u32; self.sets.len()];
        let mut labels = Vec::new();
        for (&r, &k) in &self.rules {
            let need = &self.cfg.coverage.needs[r];
            for _ in 0..k {
                need_head += need.agents;
                if let Some(pos) = self.sets.iter().position(|s| *s == need.skills) {
                    need_set[pos] += need.agents;
                }
                labels.push(need.describe());
            }
        }
        (need_head, need_set, labels.join(" + "))
    }

    /// Counts `[now, next)`: overstaffing, and the gaps that change or end
    /// and begin at `now`.
    fn settle(&mut self, now: Instant, next: Instant) {
        let (need_head, need_set, label) = self.target();
        self.over_seconds += i64::from(self.head.saturating_sub(need_head)) * time::seconds(now, next);
        let mut current: Vec<(Option<usize>, u32, u32)> = Vec::new();
        if need_head > self.head {
            current.push((None, need_head, self.head));
        }
        for (k, (&need, &have)) in need_set.iter().zip(&self.skilled).enumerate() {
            if need > have {
                current.push((Some(k), need, have));
            }
        }
        // Close open gaps that changed or ended; open new ones.
        let keys: Vec<Option<usize>> = self.open.keys().copied().collect();
        for key in keys {
            let g = &self.open[&key];
            let still = current
                .iter()
                .any(|(k, n, h)| *k == key && g.need == *n && g.have == *h && g.rules == label);
            if !still {
                let mut g = self.open.remove(&key).expect("key listed");
                g.end = now;
                self.done.push(g);
            }
        }
        for (k, need, have) in current {
            let sets = &self.sets;
            self.open.entry(k).or_insert_with(|| Gap {
                start: now,
                end: now,
                skill: k.map(|k| sets[k].iter().cloned().collect::<Vec<_>>().join("+")),
                need,
                have,
                rules: label.clone(),
            });
        }
    }

    /// The gaps, sorted, and the overstaffed agent-minutes.
    fn finish(mut self, w1: Instant) -> (Vec<Gap>, f64) {
        for (_, mut g) in std::mem::take(&mut self.open) {
            g.end = w1;
            self.done.push(g);
        }
        self.done.retain(|g| g.end > g.start);
        self.done.sort();
        (self.done, self.over_seconds as f64 / 60.0)
    }
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
