//! The mixed-integer program. One binary per candidate shift ("agent works
//! template on local day"); hard work rules; coverage as a soft constraint
//! with shortfall variables priced per uncovered agent-minute.
//!
//! Overstaffing needs no variables of its own: on an interval, overstaffing
//! equals cover − need + shortfall, so its price becomes a cost per scheduled
//! minute plus a surcharge on shortfall, minus a constant that the solver
//! carries as its objective offset, so its gap is the gap of the real objective.

use super::candidates::{candidates, Candidate};
use super::duty::{self, CompVars, DutyVars};
use super::intervals::{intervals, Interval};
use crate::config::{weekend_of, Config};
use crate::history::Past;
use crate::oncall;
use crate::rota::{CompDay, DutyRecord, Gap, Hold, LedgerLine, Shift, Shortage, Summary, Unfilled};
use crate::solve::{Outcome, Problem, ShiftCol};
use crate::time;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Size of the built model.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Stats {
    pub candidates: usize,
    pub intervals: usize,
    pub variables: usize,
    pub binaries: usize,
    pub constraints: usize,
    pub nonzeros: usize,
}

pub struct Model {
    pub cands: Vec<Candidate>,
    pub intervals: Vec<Interval>,
    pub stats: Stats,
    problem: Option<Problem>,
    /// Column of each candidate's binary.
    x_cols: Vec<usize>,
    /// (interval, index into its needs, column of its shortfall variable)
    shorts: Vec<(usize, usize, usize)>,
    duty: DutyVars,
    comp: CompVars,
    past: Past,
    demand_cols: super::roster::DemandCols,
}

pub struct Builder {
    pub vars: ProblemVariables,
    pub objective: Expression,
    constraints: Vec<Constraint>,
    nonzeros: usize,
    binaries: usize,
    /// Variables fixed at 1 (shifts of earlier rotas): moved to the right-hand side.
    fixed: HashSet<Variable>,
    /// Slack columns of "at least" rules and their upper bounds (see `Problem::soft`).
    pub soft: Vec<(usize, f64)>,
}

impl Builder {
    pub fn binary(&mut self) -> Variable {
        self.binaries += 1;
        self.vars.add(variable().binary())
    }
    pub fn continuous(&mut self, lo: f64, hi: f64) -> Variable {
        self.vars.add(variable().min(lo).max(hi))
    }
    /// A slack that lets an "at least" rule fall short by up to `hi`, at `price` each.
    pub fn soft_slack(&mut self, hi: f64, price: f64) -> Variable {
        let col = self.vars.len();
        let v = self.continuous(0.0, hi);
        self.objective.add_mul(price, v);
        self.soft.push((col, hi));
        v
    }
    /// Splits fixed variables off `terms` into the right-hand side; `None` when nothing is left to decide.
    fn free_terms(&self, terms: &[(f64, Variable)], rhs: f64) -> Option<(Expression, usize, f64)> {
        let mut e = Expression::with_capacity(terms.len());
        let (mut n, mut rhs) = (0, rhs);
        for &(c, v) in terms {
            if self.fixed.contains(&v) {
                rhs -= c;
            } else {
                e.add_mul(c, v);
                n += 1;
            }
        }
        (n > 0).then_some((e, n, rhs))
    }
    pub fn leq(&mut self, terms: &[(f64, Variable)], rhs: f64) {
        if let Some((e, n, rhs)) = self.free_terms(terms, rhs) {
            self.nonzeros += n;
            self.constraints.push(e.leq(rhs));
        }
    }
    pub fn geq(&mut self, terms: &[(f64, Variable)], rhs: f64) {
        let neg: Vec<(f64, Variable)> = terms.iter().map(|&(c, v)| (-c, v)).collect();
        self.leq(&neg, -rhs);
    }
    pub fn eq(&mut self, terms: &[(f64, Variable)], rhs: f64) {
        if let Some((e, n, rhs)) = self.free_terms(terms, rhs) {
            self.nonzeros += n;
            self.constraints.push(e.eq(rhs));
        }
    }
}

fn minutes(seconds: i64) -> f64 {
    seconds as f64 / 60.0
}

impl Model {
    /// Builds the model for `cfg`, continuing from `past` (earlier rotas; empty for a first rota).
    pub fn build(cfg: &Config, past: &Past) -> Model {
        let cands = candidates(cfg, &past.shifts);
        let demand = time::demand(cfg);
        let ivs = intervals(cfg, &cands, &demand);
        let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
        let w = cfg.weights;

        let mut b = Builder {
            vars: ProblemVariables::new(),
            objective: Expression::with_capacity(cands.len() + ivs.len() * 2),
            constraints: Vec::new(),
            nonzeros: 0,
            binaries: 0,
            fixed: HashSet::new(),
            soft: Vec::new(),
        };
        let x_cols: Vec<usize> = (0..cands.len()).map(|i| b.vars.len() + i).collect();
        let x: Vec<Variable> = cands
            .iter()
            .map(|c| {
                if c.fixed {
                    let v = b.vars.add(variable().min(1.0).max(1.0));
                    b.fixed.insert(v);
                    v
                } else {
                    b.binary()
                }
            })
            .collect();
        for (c, &v) in cands.iter().zip(&x) {
            let cost = c.cost(&w, w0, w1);
            if cost > 0.0 && !c.fixed {
                b.objective.add_mul(cost, v);
            }
        }

        // Coverage: cover + shortfall >= need, per interval and skill set.
        let mut shorts = Vec::new();
        let mut constant = 0.0;
        for (i, iv) in ivs.iter().enumerate() {
            let len = minutes(iv.seconds());
            for (k, (skills, need)) in iv.needs.iter().enumerate() {
                let need = f64::from(*need);
                let col = b.vars.len();
                let s = b.continuous(0.0, need);
                let head = skills.is_empty();
                let price = w.uncovered + if head { w.overstaffed } else { 0.0 };
                b.objective.add_mul(price * len, s);
                if head {
                    constant -= w.overstaffed * len * need;
                }
                let mut terms: Vec<(f64, Variable)> = iv
                    .covering
                    .iter()
                    .filter(|&&c| head || cfg.agents[cands[c].agent].has_skills(skills))
                    .map(|&c| (1.0, x[c]))
                    .collect();
                terms.push((1.0, s));
                b.geq(&terms, need);
                shorts.push((i, k, col));
            }
        }

        let (demand_cols, requested) = super::roster::demands_and_requests(cfg, &mut b, &cands, &x);
        constant += requested;

        let comp = duty::comp_vars(cfg, &mut b, past);
        let mut night_loads = Vec::new();
        let mut weekend_loads = Vec::new();
        let mut start = 0;
        while start < cands.len() {
            let a = cands[start].agent;
            let end = start + cands[start..].iter().take_while(|c| c.agent == a).count();
            let past_comp: BTreeSet<NaiveDate> = past
                .taken
                .iter()
                .filter(|c| c.agent == cfg.agents[a].name)
                .map(|c| c.date)
                .collect();
            let per = agent_rules(cfg, &mut b, &cands, &x, start..end, &comp[a], &past_comp);
            let (nights, weekends) = year_loads(cfg, past, a);
            night_loads.push((per.nights, nights));
            weekend_loads.push((per.weekends, weekends));
            start = end;
        }
        fairness(&mut b, w.fairness, &night_loads);
        fairness(&mut b, w.fairness, &weekend_loads);
        let duty_vars = duty::oncall(cfg, &mut b, past, &cands, &x);
        duty::comp_rules(cfg, &mut b, past, &cands, &x, &duty_vars, &comp);

        let greedy = super::greedy::greedy(cfg, &cands, &ivs, past);
        let first_day = cands
            .iter()
            .filter(|c| !c.fixed)
            .map(|c| c.date)
            .min()
            .unwrap_or(cfg.horizon.start);
        let free: Vec<usize> = (0..cands.len()).filter(|&c| !cands[c].fixed).collect();
        let shift_cols = free
            .iter()
            .map(|&c| ShiftCol {
                col: x_cols[c],
                day: (cands[c].date - first_day).num_days(),
                agent: cands[c].agent,
            })
            .collect();
        let start: Vec<bool> = free.iter().map(|&c| greedy[c]).collect();
        let stats = Stats {
            candidates: cands.len(),
            intervals: ivs.len(),
            variables: b.vars.len(),
            binaries: b.binaries,
            constraints: b.constraints.len(),
            nonzeros: b.nonzeros,
        };
        Model {
            cands,
            intervals: ivs,
            stats,
            problem: Some(Problem {
                vars: b.vars,
                objective: b.objective,
                constraints: b.constraints,
                shifts: shift_cols,
                offset: constant,
                start: start.into_iter().map(|t| if t { 1.0 } else { 0.0 }).collect(),
                polish: !duty_vars.holds.is_empty() || comp.iter().any(|z| !z.is_empty()),
                soft: std::mem::take(&mut b.soft),
            }),
            x_cols,
            shorts,
            duty: duty_vars,
            comp,
            past: past.clone(),
            demand_cols,
        }
    }

    /// Hands the problem to the solver (once).
    pub fn take_problem(&mut self) -> Option<Problem> {
        self.problem.take()
    }

    /// Turns solver values into shifts, gaps and a summary.
    /// Shift demands not met: (date, template, need, have).
    pub fn shortages(&self, cfg: &Config, out: &Outcome) -> Vec<Shortage> {
        self.demand_cols
            .iter()
            .filter_map(|&(i, under, _)| {
                let d = &cfg.coverage.shifts[i];
                let missing = (out.value(under).round().max(0.0) as u32).min(d.agents);
                (missing > 0).then(|| Shortage {
                    date: d.date,
                    template: cfg.templates[d.template].name.clone(),
                    need: d.agents,
                    have: d.agents - missing,
                })
            })
            .collect()
    }

    pub fn extract(&self, cfg: &Config, out: &Outcome) -> (Vec<Shift>, Vec<Gap>, Summary, DutyRecord) {
        let mut shifts = Vec::new();
        for (c, &col) in self.cands.iter().zip(&self.x_cols) {
            if out.value(col) > 0.5 && !c.fixed {
                let agent = &cfg.agents[c.agent];
                shifts.push(Shift {
                    agent: agent.name.clone(),
                    template: cfg.templates[c.template].name.clone(),
                    start: c.start.with_timezone(&agent.zone).fixed_offset(),
                    end: c.end.with_timezone(&agent.zone).fixed_offset(),
                    span: None,
                });
            }
        }
        let mut pieces = Vec::new();
        for &(i, k, s) in &self.shorts {
            let iv = &self.intervals[i];
            let (skills, need) = &iv.needs[k];
            let missing = out.value(s).round().max(0.0) as u32;
            if missing > 0 {
                pieces.push(piece(cfg, iv, skills, *need, need - missing.min(*need)));
            }
        }
        let gaps = merge_gaps(pieces);
        let uncovered = gaps.iter().map(Gap::agent_minutes).sum();
        let summary = Summary {
            status: out.status.to_string(),
            objective: out.objective,
            best_bound: out.bound,
            gap_percent: out.gap * 100.0,
            uncovered_agent_minutes: uncovered,
        };
        let duty = self.extract_duty(cfg, out, &shifts);
        (shifts, gaps, summary, duty)
    }

    fn extract_duty(&self, cfg: &Config, out: &Outcome, shifts: &[Shift]) -> DutyRecord {
        let mut d = DutyRecord::default();
        for h in self.duty.holds.iter().filter(|h| out.value(h.v.col) > 0.5) {
            let agent = &cfg.agents[h.agent];
            d.holds.push(Hold {
                duty: cfg.duties[h.duty].name.clone(),
                agent: agent.name.clone(),
                start: h.period.start.with_timezone(&agent.zone).fixed_offset(),
                end: h.period.end.with_timezone(&agent.zone).fixed_offset(),
                span: None,
            });
        }
        for &(di, p, col) in &self.duty.missing {
            let missing = out.value(col).round().max(0.0) as u32;
            if missing > 0 {
                let need = cfg.duties[di].holders;
                d.unfilled.push(Unfilled {
                    start: p.start,
                    end: p.end,
                    duty: cfg.duties[di].name.clone(),
                    need,
                    have: need - missing.min(need),
                });
            }
        }
        for (a, days) in self.comp.iter().enumerate() {
            for (&date, c) in days {
                if out.value(c.col) > 0.5 {
                    d.taken.push(CompDay {
                        agent: cfg.agents[a].name.clone(),
                        date,
                        span: None,
                    });
                }
            }
        }
        d.earned = oncall::credits(cfg, &d.holds, shifts);
        d.ledger = ledger_lines(cfg, &self.past, &d);
        d
    }
}

/// Per agent with anything to account for: opening + earned − taken = balance.
pub fn ledger_lines(cfg: &Config, past: &Past, d: &DutyRecord) -> Vec<LedgerLine> {
    cfg.agents
        .iter()
        .filter_map(|a| {
            let opening = past.balance(cfg, &a.name);
            let earned: f64 = d.earned.iter().filter(|c| c.agent == a.name).map(|c| c.days).sum();
            let taken = d.taken.iter().filter(|c| c.agent == a.name).count() as f64;
            (opening != 0.0 || earned != 0.0 || taken != 0.0).then(|| LedgerLine {
                agent: a.name.clone(),
                opening,
                earned,
                taken,
                balance: opening + earned - taken,
            })
        })
        .collect()
}

/// Night and weekend shifts an agent worked in earlier rotas over the last year.
fn year_loads(cfg: &Config, past: &Past, a: usize) -> (f64, f64) {
    let agent = &cfg.agents[a];
    let from = cfg.horizon.start - Duration::days(oncall::YEAR_DAYS);
    let mut nights = 0.0;
    let mut weekends = 0.0;
    for sh in past.shifts.iter().filter(|s| s.agent == agent.name) {
        let date = time::local_date(agent.zone, sh.start_utc());
        if date < from || date >= cfg.horizon.start {
            continue;
        }
        if cfg.template(&sh.template).is_some_and(|(_, t)| t.night) {
            nights += 1.0;
        }
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            weekends += 1.0;
        }
    }
    (nights, weekends)
}

fn piece(cfg: &Config, iv: &Interval, skills: &super::intervals::SkillSet, need: u32, have: u32) -> Gap {
    let skill = (!skills.is_empty()).then(|| skills.iter().cloned().collect::<Vec<_>>().join("+"));
    Gap {
        start: iv.start,
        end: iv.end,
        skill,
        need,
        have,
        rules: rules_label(cfg, &iv.rules),
    }
}

/// "24/7 ×1 + Mon-Fri 14:00-17:00 ×2 phone": the rules in force, as written.
pub fn rules_label(cfg: &Config, rules: &[usize]) -> String {
    rules
        .iter()
        .map(|&r| cfg.coverage.needs[r].describe())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Joins touching pieces with the same skill, need, have and rules.
pub fn merge_gaps(mut pieces: Vec<Gap>) -> Vec<Gap> {
    pieces.sort_by(|a, b| (&a.skill, a.start).cmp(&(&b.skill, b.start)));
    let mut out: Vec<Gap> = Vec::new();
    for p in pieces {
        match out.last_mut() {
            Some(g)
                if g.skill == p.skill
                    && g.end == p.start
                    && g.need == p.need
                    && g.have == p.have
                    && g.rules == p.rules =>
            {
                g.end = p.end;
            }
            _ => out.push(p),
        }
    }
    out.sort();
    out
}

struct AgentLoads {
    nights: Vec<Variable>,
    weekends: Vec<Variable>,
}

/// Hard work rules for one agent's candidates `range` (sorted by date).
fn agent_rules(
    cfg: &Config,
    b: &mut Builder,
    cands: &[Candidate],
    x: &[Variable],
    range: std::ops::Range<usize>,
    comp: &BTreeMap<NaiveDate, duty::Col>,
    past_comp: &BTreeSet<NaiveDate>,
) -> AgentLoads {
    let agent = &cfg.agents[cands[range.start].agent];
    let r = agent.rules;
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for c in range.clone() {
        by_day.entry(cands[c].date).or_default().push(c);
    }
    let work = |d: NaiveDate| -> Vec<(f64, Variable)> {
        by_day
            .get(&d)
            .map(|cs| cs.iter().map(|&c| (1.0, x[c])).collect())
            .unwrap_or_default()
    };
    let has = |d: NaiveDate| by_day.contains_key(&d);
    let (first, last) = (
        *by_day.keys().next().unwrap_or(&cfg.horizon.start),
        *by_day.keys().last().unwrap_or(&cfg.horizon.start),
    );

    // At most one shift per local day.
    for cs in by_day.values().filter(|cs| cs.len() > 1) {
        let terms: Vec<_> = cs.iter().map(|&c| (1.0, x[c])).collect();
        b.leq(&terms, 1.0);
    }

    // Rest and overlap: a shift excludes every later-day shift starting too soon.
    let rest = Duration::minutes(r.min_rest_minutes);
    for c1 in range.clone() {
        let a = &cands[c1];
        for k in 1..=3 {
            let d2 = a.date + Duration::days(k);
            let Some(cs) = by_day.get(&d2) else { continue };
            let clash: Vec<usize> = cs
                .iter()
                .copied()
                .filter(|&c2| conflicts(a, &cands[c2], rest))
                .collect();
            if !clash.is_empty() {
                let mut terms = vec![(1.0, x[c1])];
                terms.extend(clash.iter().map(|&c| (1.0, x[c])));
                b.leq(&terms, 1.0);
            }
        }
    }

    // A comp day of an earlier rota: no shift of this one touches it.
    for c in range.clone().filter(|&c| !cands[c].fixed) {
        let (s, e) = (cands[c].start, cands[c].end - Duration::seconds(1));
        let (d0, d1) = (time::local_date(agent.zone, s), time::local_date(agent.zone, e));
        if past_comp.range(d0..=d1).next().is_some() {
            b.leq(&[(1.0, x[c])], 0.0);
        }
    }
    // A comp day: no shift touches it (one starting the evening before included).
    for (&d, z) in comp {
        for day in [d, d - Duration::days(1)] {
            let touching: Vec<_> = by_day
                .get(&day)
                .map(|cs| {
                    cs.iter()
                        .filter(|&&c| {
                            day == d || time::local_date(agent.zone, cands[c].end - Duration::seconds(1)) >= d
                        })
                        .map(|&c| (1.0, x[c]))
                        .collect()
                })
                .unwrap_or_default();
            if !touching.is_empty() {
                let mut terms = touching;
                terms.push((1.0, z.var));
                b.leq(&terms, 1.0);
            }
        }
    }

    let dates: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    // Rolling 7-day windows: shifts (a comp day counts as one) and hours.
    let week_from = first.min(comp.keys().next().copied().unwrap_or(first)).min(
        past_comp
            .iter()
            .next()
            .copied()
            .unwrap_or(first)
            .max(first - Duration::days(7)),
    );
    let week_to = last.max(comp.keys().last().copied().unwrap_or(last));
    for w in (week_from - Duration::days(6))
        .iter_days()
        .take_while(|d| *d <= week_to)
    {
        let week: Vec<NaiveDate> = w.iter_days().take(7).collect();
        let comp_days: Vec<(f64, Variable)> = week.iter().filter_map(|d| comp.get(d)).map(|z| (1.0, z.var)).collect();
        let taken = week.iter().filter(|d| past_comp.contains(d)).count();
        let days: Vec<NaiveDate> = week.into_iter().filter(|d| has(*d)).collect();
        if days.len() + comp_days.len() + taken > r.max_shifts_per_week as usize {
            let mut terms: Vec<_> = days.iter().flat_map(|d| work(*d)).collect();
            terms.extend(comp_days);
            b.leq(&terms, (r.max_shifts_per_week as usize).saturating_sub(taken) as f64);
        }
        let longest: i64 = days
            .iter()
            .map(|d| by_day[d].iter().map(|&c| cands[c].seconds()).max().unwrap_or(0))
            .sum();
        if longest > r.max_minutes_per_week * 60 {
            let terms: Vec<_> = days
                .iter()
                .flat_map(|d| by_day[d].iter().map(|&c| (minutes(cands[c].seconds()), x[c])))
                .collect();
            b.leq(&terms, r.max_minutes_per_week as f64);
        }
    }

    // Consecutive working days.
    let m = r.max_consecutive_days as usize;
    for win in dates.windows(m + 1) {
        if win.iter().all(|d| has(*d)) {
            let terms: Vec<_> = win.iter().flat_map(|d| work(*d)).collect();
            b.leq(&terms, m as f64);
        }
    }

    // Days off together: no off-run shorter than the minimum between two
    // working days, unless the run holds time off (a holiday is not a rest day).
    for len in 1..r.min_consecutive_days_off as i64 {
        for &d in &dates {
            let after = d + Duration::days(len + 1);
            if !has(d) || !has(after) {
                continue;
            }
            let run: Vec<NaiveDate> = (1..=len).map(|j| d + Duration::days(j)).collect();
            if !r.time_off_is_rest && run.iter().any(|o| agent.off.contains(o)) {
                continue;
            }
            let mut terms = work(d);
            terms.extend(work(after));
            for o in &run {
                terms.extend(work(*o).into_iter().map(|(c, v)| (-c, v)));
            }
            b.leq(&terms, 1.0);
        }
    }

    // Weekends: a weekend is worked if any shift starts on its Saturday or Sunday.
    let mut weekends: BTreeMap<NaiveDate, Vec<Variable>> = BTreeMap::new();
    for c in range.clone() {
        if let Some(sat) = weekend_of(cands[c].date) {
            weekends.entry(sat).or_default().push(x[c]);
        }
    }
    let mut wk_vars = Vec::new();
    for xs in weekends.values() {
        let wk = b.continuous(0.0, 1.0);
        for &v in xs {
            b.leq(&[(1.0, v), (-1.0, wk)], 0.0);
        }
        wk_vars.push(wk);
    }
    let max_w = r.max_weekends_per_4_weeks as usize;
    let sats: Vec<NaiveDate> = weekends.keys().copied().collect();
    for (i, s) in sats.iter().enumerate() {
        let window: Vec<usize> = (i..sats.len())
            .take_while(|&j| sats[j] < *s + Duration::days(28))
            .collect();
        if window.len() > max_w {
            let terms: Vec<_> = window.iter().map(|&j| (1.0, wk_vars[j])).collect();
            b.leq(&terms, max_w as f64);
        }
    }
    // Weekends over the whole rota (earlier rotas' weekends do not count).
    let ours: Vec<(f64, Variable)> = weekends
        .keys()
        .zip(&wk_vars)
        .filter(|(sat, _)| {
            range
                .clone()
                .any(|c| !cands[c].fixed && weekend_of(cands[c].date) == Some(**sat))
        })
        .map(|(_, &v)| (1.0, v))
        .collect();
    if let Some(max) = r.max_weekends.filter(|m| (*m as usize) < ours.len()) {
        b.leq(&ours, f64::from(max));
    }
    super::roster::agent_rules(cfg, b, cands, x, range.clone(), &by_day);

    let nights = range
        .clone()
        .filter(|&c| !cands[c].fixed && cfg.templates[cands[c].template].night)
        .map(|c| x[c])
        .collect();
    let weekend_shifts = range
        .clone()
        .filter(|&c| !cands[c].fixed)
        .filter(|&c| matches!(cands[c].date.weekday(), Weekday::Sat | Weekday::Sun))
        .map(|c| x[c])
        .collect();
    AgentLoads {
        nights,
        weekends: weekend_shifts,
    }
}

/// Two shifts of one agent clash when they overlap or leave less than `rest` between them.
fn conflicts(a: &Candidate, b: &Candidate, rest: Duration) -> bool {
    let (first, second): (&Candidate, &Candidate) = if a.start <= b.start { (a, b) } else { (b, a) };
    second.start < first.end + rest
}

/// weight × (the largest per-agent count, earlier rotas' last year included).
fn fairness(b: &mut Builder, weight: f64, loads: &[(Vec<Variable>, f64)]) {
    if weight <= 0.0 || loads.iter().all(|(l, _)| l.is_empty()) {
        return;
    }
    // Integral: counts are whole, and saying so lets the solver round its bound.
    let top = b.vars.add(variable().integer().min(0.0));
    for (l, base) in loads.iter().filter(|(l, _)| !l.is_empty()) {
        let mut terms: Vec<_> = l.iter().map(|&v| (1.0, v)).collect();
        terms.push((-1.0, top));
        b.leq(&terms, -base);
    }
    b.objective.add_mul(weight, top);
}
