//! Why each gap is left: for every uncovered stretch, who could reach it
//! with one of their templates, and what stops each of them — time off or a
//! holiday, or the rule `check` names when the shift is added to their
//! roster (weekly hours, shifts per week, rest, one shift a day, …). A gap
//! nobody's template reaches, or one needing a skill nobody has, is
//! unavoidable by construction; otherwise the rota's bound decides whether it
//! is proven unavoidable or only left by the budget or the weights.

use crate::check;
use crate::config::{Agent, Config};
use crate::history::Past;
use crate::report::gaps::Stretch;
use crate::rota::{DutyRecord, Rota, Shift};
use crate::rule::Rule;
use crate::time::{self, Instant};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Most stretches explained (each costs a few small checks per agent).
pub const MAX_EXPLAINED: usize = 30;

/// Why one uncovered stretch is left.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    pub start: Instant,
    pub end: Instant,
    /// Proven: by construction (no template, no skill) or by the rota's bound.
    pub proven_unavoidable: bool,
    /// One reason per agent who could reach it, or one reason for all.
    pub reasons: Vec<String>,
}

/// Why each of (the first [`MAX_EXPLAINED`]) stretches is left.
pub fn explain(cfg: &Config, rota: &Rota, past: &Past, stretches: &[Stretch]) -> Vec<Why> {
    // The bound's proof covers these stretches only if the summary still
    // describes them (a hand edit leaves it behind).
    let total: i64 = stretches
        .iter()
        .flat_map(|s| {
            s.short
                .iter()
                .map(|g| time::minutes(s.start, s.end) * i64::from(g.missing()))
        })
        .sum();
    let s = &rota.summary;
    let all_proven = total > 0 && s.uncovered_agent_minutes == total && s.unavoidable_agent_minutes >= total;
    if stretches.is_empty() {
        return Vec::new();
    }
    let own = Own::new(cfg, rota, past);
    stretches
        .iter()
        .take(MAX_EXPLAINED)
        .map(|s| {
            let (reasons, structural) = reasons(cfg, &own, s);
            Why {
                start: s.start,
                end: s.end,
                proven_unavoidable: structural || all_proven,
                reasons,
            }
        })
        .collect()
}

/// The agents who count towards what is short: anyone for the head count,
/// those with the skills for a skill set.
fn eligible<'a>(cfg: &'a Config, s: &Stretch) -> Result<Vec<&'a Agent>, String> {
    let mut need: BTreeSet<String> = BTreeSet::new();
    let head = s.short.iter().any(|g| g.skill.is_none());
    for g in &s.short {
        if let Some(k) = &g.skill {
            need.extend(k.split('+').map(String::from));
        }
    }
    let agents: Vec<&Agent> = cfg.agents.iter().filter(|a| head || a.has_skills(&need)).collect();
    if agents.is_empty() {
        let skills: Vec<String> = need.into_iter().collect();
        return Err(format!("nobody in the team has the skills {}", skills.join(" + ")));
    }
    Ok(agents)
}

/// The shifts of `a` (template, local date) that would overlap the stretch.
fn reaching(cfg: &Config, a: &Agent, s: &Stretch) -> Vec<Shift> {
    let (first, last) = crate::model::candidates::date_range(a.zone, (s.start, s.end));
    let mut out = Vec::new();
    for d in first.iter_days().take_while(|d| *d <= last) {
        for &t in &a.templates {
            let tpl = &cfg.templates[t];
            let (b, e) = time::span(a.zone, d, tpl.start, tpl.end);
            if b < s.end && e > s.start && b < e {
                out.push(Shift::new(&a.name, a.zone, &tpl.name, d, (b, e)));
            }
        }
    }
    out
}

/// One reason per agent who could reach the stretch; `true` when nobody can
/// (by skills or templates), which no rota can change.
fn reasons(cfg: &Config, own: &Own, s: &Stretch) -> (Vec<String>, bool) {
    let agents = match eligible(cfg, s) {
        Ok(a) => a,
        Err(why) => return (vec![why], true),
    };
    let mut out = Vec::new();
    for a in agents {
        let options = reaching(cfg, a, s);
        if !options.is_empty() {
            out.push(agent_reason(own, a, &options));
        }
    }
    if out.is_empty() {
        return (vec!["no template of any agent who counts reaches it".into()], true);
    }
    (out, false)
}

/// What stops `a` from working any of `options`: the first that breaks
/// nothing is named as free; otherwise the reason of the first option.
fn agent_reason(own: &Own, a: &Agent, options: &[Shift]) -> String {
    let base = own.base(a);
    let mut first = None;
    for o in options {
        let date = o.date_in(a.zone);
        let why = if a.off.contains(&date) {
            format!("time off or a holiday on {}", date.format("%a %Y-%m-%d"))
        } else {
            let now = own.with(a, o, date);
            match now.iter().find(|v| !base.contains(v)) {
                None => {
                    return format!(
                        "{}: could work {} {} — nothing stops it (left by the budget or the weights)",
                        a.name,
                        o.template,
                        date.format("%a %Y-%m-%d")
                    )
                }
                Some((rule, message)) => format!("{rule}: {message}"),
            }
        };
        first.get_or_insert(format!(
            "{}: {} {} — {why}",
            a.name,
            o.template,
            date.format("%a %Y-%m-%d")
        ));
    }
    first.unwrap_or_default()
}

/// Each agent's own roster (its shifts, holds and comp days) as a rota of
/// its own, split once per `explain`: a 300-agent year is 63 000 shifts, and
/// [`Own::rules`] runs once per shift weighed.
struct Own<'a> {
    past: &'a Past,
    rotas: BTreeMap<&'a str, Rota>,
    /// Each agent's team of one: the config with only that agent (a duty
    /// eligible to it, or to nobody), so a check of one roster walks one agent.
    /// Sound because every rule of `check::CHECK_RULES` that names an agent
    /// looks at that agent's own shifts, holds and comp days (rules across
    /// agents report with no agent, and are dropped here).
    solo: BTreeMap<&'a str, Config>,
    /// What each agent's roster breaks as it is: found once, weighed for every stretch.
    base: std::cell::RefCell<BTreeMap<String, std::rc::Rc<Broken>>>,
    /// What it breaks with one shift added, by (agent, template, local date):
    /// stretches of one day reach the same shifts.
    with: std::cell::RefCell<BTreeMap<(String, String, chrono::NaiveDate), std::rc::Rc<Broken>>>,
}

/// The rules broken in one roster: (rule id, message).
type Broken = Vec<(&'static str, String)>;

impl<'a> Own<'a> {
    fn new(cfg: &'a Config, rota: &'a Rota, past: &'a Past) -> Own<'a> {
        let empty = || Rota {
            start: rota.start,
            weeks: rota.weeks,
            zone: rota.zone.clone(),
            team: rota.team.clone(),
            summary: rota.summary.clone(),
            gaps: Vec::new(),
            shortages: Vec::new(),
            shifts: Vec::new(),
            duty: DutyRecord::default(),
        };
        let mut rotas: BTreeMap<&str, Rota> = cfg.agents.iter().map(|a| (a.name.as_str(), empty())).collect();
        for sh in &rota.shifts {
            if let Some(r) = rotas.get_mut(sh.agent.as_str()) {
                r.shifts.push(sh.clone());
            }
        }
        for h in &rota.duty.holds {
            if let Some(r) = rotas.get_mut(h.agent.as_str()) {
                r.duty.holds.push(h.clone());
            }
        }
        for c in &rota.duty.taken {
            if let Some(r) = rotas.get_mut(c.agent.as_str()) {
                r.duty.taken.push(c.clone());
            }
        }
        let mut shell = cfg.clone();
        shell.agents.clear();
        let solo = cfg
            .agents
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.as_str(), solo(&shell, cfg, i)))
            .collect();
        Own {
            past,
            rotas,
            solo,
            base: std::cell::RefCell::default(),
            with: std::cell::RefCell::default(),
        }
    }

    /// The rules `a`'s roster breaks with `o` added (computed on first use).
    fn with(&self, a: &Agent, o: &Shift, date: chrono::NaiveDate) -> std::rc::Rc<Broken> {
        let key = (a.name.clone(), o.template.clone(), date);
        if let Some(b) = self.with.borrow().get(&key) {
            return b.clone();
        }
        let b = std::rc::Rc::new(self.rules(a, Some(o)));
        self.with.borrow_mut().insert(key, b.clone());
        b
    }

    /// The rules `a`'s roster breaks as it is (computed on first use).
    fn base(&self, a: &Agent) -> std::rc::Rc<Broken> {
        if let Some(b) = self.base.borrow().get(&a.name) {
            return b.clone();
        }
        let b = std::rc::Rc::new(self.rules(a, None));
        self.base.borrow_mut().insert(a.name.clone(), b.clone());
        b
    }

    /// The rules `check` finds broken in `a`'s own roster, with `extra` added.
    fn rules(&self, a: &Agent, extra: Option<&Shift>) -> Broken {
        let (Some(base), Some(cfg)) = (self.rotas.get(a.name.as_str()), self.solo.get(a.name.as_str())) else {
            return Vec::new();
        };
        let mut mine = base.clone();
        mine.shifts.extend(extra.cloned());
        mine.duty.earned = crate::oncall::credits(cfg, &mine.duty.holds, &mine.shifts);
        mine.duty.ledger = crate::model::ledger_lines(cfg, self.past, &mine.duty);
        mine.normalize();
        check::broken_rules(cfg, &mine, self.past)
            .into_iter()
            .filter(|v| v.agent == a.name && v.rule != Rule::OncallMissing)
            .map(|v| (v.rule.id(), v.message))
            .collect()
    }
}

/// `cfg` with agent `i` alone (`shell` is `cfg` without agents): duties keep
/// it if it was eligible.
fn solo(shell: &Config, cfg: &Config, i: usize) -> Config {
    let mut one = shell.clone();
    one.agents = vec![cfg.agents[i].clone()];
    for d in &mut one.duties {
        d.eligible = if d.eligible.contains(&i) { vec![0] } else { Vec::new() };
    }
    one
}

/// The lines printed under a gap line: the verdict, then one reason each.
pub fn lines(w: &Why) -> Vec<String> {
    let verdict = if w.proven_unavoidable {
        "proven unavoidable"
    } else {
        "not proven unavoidable"
    };
    let mut out = vec![format!("why ({verdict}):")];
    out.extend(w.reasons.iter().map(|r| format!("  {r}")));
    out
}
