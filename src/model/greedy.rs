//! A fast constructive rota used as the solver's first incumbent: candidate
//! shifts in order of start, each taken when it covers unmet target and
//! breaks no hard rule given the shifts already taken. Plain data, no solver
//! types; the MILP then only has to improve on it.

use super::candidates::Candidate;
use super::intervals::Interval;
use crate::config::{weekend_of, Config};
use crate::history::Past;
use crate::time::{self, Instant};
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct AgentState {
    /// Local date → (start, end) of the shift taken that day.
    days: BTreeMap<NaiveDate, (Instant, Instant)>,
    weekends: BTreeSet<NaiveDate>,
    /// Comp days taken in earlier rotas: they fill a working day of their week.
    comp: BTreeSet<NaiveDate>,
    /// Local date → template taken that day.
    templates: BTreeMap<NaiveDate, usize>,
    /// Minutes taken in this rota.
    minutes: i64,
}

/// Which candidates to take (same order as `cands`).
pub fn greedy(cfg: &Config, cands: &[Candidate], ivs: &[Interval], past: &Past) -> Vec<bool> {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let w = cfg.weights;
    let mut covers: Vec<Vec<usize>> = vec![Vec::new(); cands.len()];
    for (i, iv) in ivs.iter().enumerate() {
        for &c in &iv.covering {
            covers[c].push(i);
        }
    }
    let mut residual: Vec<Vec<u32>> = ivs
        .iter()
        .map(|iv| iv.needs.iter().map(|(_, n)| *n).collect())
        .collect();
    let mut state: Vec<AgentState> = cfg
        .agents
        .iter()
        .map(|a| AgentState {
            comp: past
                .taken
                .iter()
                .filter(|c| c.agent == a.name)
                .map(|c| c.date)
                .collect(),
            ..AgentState::default()
        })
        .collect();
    // Shift demands still open: (template, date) → (people missing, price of one short).
    let mut open: BTreeMap<(usize, NaiveDate), (u32, f64)> = BTreeMap::new();
    for d in &cfg.coverage.shifts {
        let e = open.entry((d.template, d.date)).or_insert((0, 0.0));
        e.0 += d.agents;
        e.1 = e.1.max(d.under);
    }
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&c| (cands[c].start, cands[c].agent, cands[c].template));
    let mut take = vec![false; cands.len()];
    // Shifts of earlier rotas come first: they are given, and they bind.
    let fixed: Vec<usize> = order.iter().copied().filter(|&c| cands[c].fixed).collect();
    for c in fixed.into_iter().chain(order.into_iter().filter(|&c| !cands[c].fixed)) {
        let cand = &cands[c];
        let agent = &cfg.agents[cand.agent];
        let mut gain = 0.0;
        for &i in &covers[c] {
            let len = ivs[i].seconds() as f64 / 60.0;
            for (k, (skills, _)) in ivs[i].needs.iter().enumerate() {
                if residual[i][k] > 0 && agent.has_skills(skills) {
                    gain += len * (w.uncovered + if skills.is_empty() { w.overstaffed } else { 0.0 });
                }
            }
        }
        if let Some((missing, price)) = open.get(&(cand.template, cand.date)) {
            if *missing > 0 {
                gain += price;
            }
        }
        let wish = |list: &[crate::config::Request]| -> f64 {
            list.iter()
                .filter(|r| r.matches(cand.template, cand.date))
                .map(|r| r.weight)
                .sum()
        };
        gain += wish(&agent.prefer) - wish(&agent.avoid);
        let cost = cand.cost(&w, w0, w1);
        if !cand.fixed && (gain <= cost || !allowed(cfg, &state[cand.agent], cand)) {
            continue;
        }
        take[c] = true;
        if let Some((missing, _)) = open.get_mut(&(cand.template, cand.date)) {
            *missing = missing.saturating_sub(1);
        }
        let st = &mut state[cand.agent];
        st.days.insert(cand.date, (cand.start, cand.end));
        st.templates.insert(cand.date, cand.template);
        if !cand.fixed {
            st.minutes += cand.seconds() / 60;
        }
        if let Some(sat) = weekend_of(cand.date) {
            st.weekends.insert(sat);
        }
        for &i in &covers[c] {
            for (k, (skills, _)) in ivs[i].needs.iter().enumerate() {
                if residual[i][k] > 0 && agent.has_skills(skills) {
                    residual[i][k] -= 1;
                }
            }
        }
    }
    take
}

/// Whether taking `c` keeps every hard rule, given the shifts already taken.
fn allowed(cfg: &Config, st: &AgentState, c: &Candidate) -> bool {
    let agent = &cfg.agents[c.agent];
    let r = agent.rules;
    let off = &agent.off;
    let d = c.date;
    if st.days.contains_key(&d) {
        return false;
    }
    // Rostering rules: caps, total minutes, successions, weekends over the rota.
    let cap = agent.template_caps.iter().find(|(t, _)| *t == c.template);
    if cap.is_some_and(|(t, n)| st.templates.values().filter(|x| *x == t).count() >= *n as usize) {
        return false;
    }
    if r.max_total_minutes.is_some_and(|m| st.minutes + c.seconds() / 60 > m) {
        return false;
    }
    let before = st.templates.get(&(d - Duration::days(1)));
    let after = st.templates.get(&(d + Duration::days(1)));
    if before.is_some_and(|&p| cfg.templates[p].not_followed_by.contains(&c.template))
        || after.is_some_and(|&n| cfg.templates[c.template].not_followed_by.contains(&n))
    {
        return false;
    }
    if let (Some(max), Some(sat)) = (r.max_weekends, weekend_of(d)) {
        if !st.weekends.contains(&sat) && st.weekends.len() >= max as usize {
            return false;
        }
    }
    let rest = Duration::minutes(r.min_rest_minutes);
    let near = st.days.range(d - Duration::days(3)..=d + Duration::days(3));
    for (_, &(s, e)) in near {
        let clash = if s <= c.start {
            c.start < e + rest
        } else {
            s < c.end + rest
        };
        if clash {
            return false;
        }
    }
    // Rolling 7-day windows containing d.
    for k in 0..7 {
        let from = d - Duration::days(k);
        let to = from + Duration::days(7);
        let taken: Vec<&(Instant, Instant)> = st.days.range(from..to).map(|(_, v)| v).collect();
        let comp = st.comp.range(from..to).count();
        if (taken.len() + comp) as u32 + 1 > r.max_shifts_per_week {
            return false;
        }
        let secs: i64 = taken.iter().map(|(s, e)| time::seconds(*s, *e)).sum::<i64>() + c.seconds();
        if secs > r.max_minutes_per_week * 60 {
            return false;
        }
    }
    // Consecutive working days through d.
    let mut run = 1;
    let mut x = d - Duration::days(1);
    while st.days.contains_key(&x) {
        run += 1;
        x -= Duration::days(1);
    }
    let mut x = d + Duration::days(1);
    while st.days.contains_key(&x) {
        run += 1;
        x += Duration::days(1);
    }
    if run > r.max_consecutive_days {
        return false;
    }
    // Days off together, on both sides.
    let short_run = |a: NaiveDate, b: NaiveDate| {
        let len = (b - a).num_days() - 1;
        len >= 1
            && len < i64::from(r.min_consecutive_days_off)
            && (r.time_off_is_rest || !(1..=len).any(|j| off.contains(&(a + Duration::days(j)))))
    };
    if let Some((&p, _)) = st.days.range(..d).next_back() {
        if short_run(p, d) {
            return false;
        }
    }
    if let Some((&n, _)) = st.days.range(d + Duration::days(1)..).next() {
        if short_run(d, n) {
            return false;
        }
    }
    // Weekends in any 4 weeks.
    if let Some(sat) = weekend_of(d) {
        if !st.weekends.contains(&sat) {
            for k in 0..4 {
                let from = sat - Duration::days(7 * k);
                let count = st.weekends.range(from..from + Duration::days(28)).count() + 1;
                if count as u32 > r.max_weekends_per_4_weeks {
                    return false;
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Source;
    use crate::model::candidates::candidates;
    use crate::model::intervals::intervals;
    use crate::rota::{Rota, Shift, Summary};

    /// The constructive rota keeps every hard rule (the independent checker
    /// finds no violation) and covers what it can of a round-the-clock target.
    #[test]
    fn greedy_rota_breaks_no_rule() {
        let text = r#"
[horizon]
start = 2026-03-02
weeks = 3
[coverage]
need = [{ at = "24/7", agents = 2 }, { at = "Mon-Fri 08:00-16:00", agents = 1, skill = "de" }]
[rules]
max_shifts_per_week = 4
min_consecutive_days_off = 2
max_weekends_per_4_weeks = 1
[templates]
early = { start = "06:00", end = "14:00" }
late = { start = "14:00", end = "22:00" }
night = { start = "22:00", end = "06:00" }
[agents]
a = { zone = "UTC", skills = ["de"], off = ["2026-03-05"] }
b = { zone = "Asia/Kolkata" }
c = { zone = "America/New_York" }
d = { zone = "Europe/Dublin", skills = ["de"] }
e = { zone = "Asia/Kathmandu" }
"#;
        let cfg = Config::from_source(Source {
            name: "t.toml".into(),
            text: text.into(),
        })
        .unwrap();
        let cands = candidates(&cfg, &[]);
        let ivs = intervals(&cfg, &cands, &time::demand(&cfg));
        let take = greedy(&cfg, &cands, &ivs, &Past::default());
        let shifts: Vec<Shift> = cands
            .iter()
            .zip(&take)
            .filter(|(_, t)| **t)
            .map(|(c, _)| {
                let a = &cfg.agents[c.agent];
                Shift {
                    agent: a.name.clone(),
                    template: cfg.templates[c.template].name.clone(),
                    start: c.start.with_timezone(&a.zone).fixed_offset(),
                    end: c.end.with_timezone(&a.zone).fixed_offset(),
                    span: None,
                }
            })
            .collect();
        assert!(shifts.len() > 30, "greedy took only {} shifts", shifts.len());
        let summary = Summary {
            status: "optimal".into(),
            objective: 0.0,
            best_bound: 0.0,
            gap_percent: 0.0,
            uncovered_agent_minutes: 0,
        };
        let rota = Rota {
            start: cfg.horizon.start,
            weeks: 3,
            zone: "UTC".into(),
            summary,
            gaps: vec![],
            shortages: vec![],
            shifts,
            duty: Default::default(),
        };
        let findings = crate::check::check(&cfg, &rota, &crate::history::Past::default(), &|_| 0);
        assert_eq!(findings.violations, vec![], "greedy broke a rule");
    }
}
