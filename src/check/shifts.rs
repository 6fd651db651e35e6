//! Shifts: whether each shift of the rota is one the config allows at all —
//! a known agent and template, the template's instants on its local day, no
//! day off touched, inside the horizon — and the rota's coverage zone. Also
//! resolves the shifts to [`Worked`] for every other rule.

use super::{Scope, Violation};
use crate::config::{Agent, Config, Template};
use crate::rota::{Rota, Shift};
use crate::rule::Rule;
use crate::time::{self, Instant};
use chrono::NaiveDate;

/// A shift whose agent exists, resolved to instants and its local date.
#[derive(Debug, Clone)]
pub struct Worked {
    pub agent: usize,
    pub date: NaiveDate,
    pub start: Instant,
    pub end: Instant,
    pub line: Option<usize>,
    /// Its template is a night shift.
    pub night: bool,
    /// Its template, when the config has it.
    pub template: Option<usize>,
    /// In the rota being checked (not an earlier one).
    pub current: bool,
}

/// The shifts of the rota whose agent exists, as [`Worked`] (a shift with
/// wrong times still counts with its real instants: it is reported, and it
/// does cover what it covers).
pub fn worked(cfg: &Config, rota: &Rota, line_of: &dyn Fn(usize) -> usize) -> Vec<Worked> {
    rota.shifts
        .iter()
        .filter_map(|sh| {
            let (ai, agent) = cfg.agent(&sh.agent)?;
            let template = cfg.template(&sh.template);
            Some(Worked {
                agent: ai,
                date: sh.date_in(agent.zone),
                start: sh.start_utc(),
                end: sh.end_utc(),
                line: line(sh, line_of),
                night: template.is_some_and(|(_, t)| t.night),
                template: template.map(|(i, _)| i),
                current: true,
            })
        })
        .collect()
}

/// Shifts of earlier rotas that still bind this one (rest, runs, weeks), as
/// [`Worked`] with `current = false`.
pub fn earlier(cfg: &Config, shifts: &[Shift], since: NaiveDate) -> Vec<Worked> {
    shifts
        .iter()
        .filter_map(|sh| {
            // As in planning: shifts of agents or templates no longer in the config are left out.
            let (ai, agent) = cfg.agent(&sh.agent)?;
            let (ti, tpl) = cfg.template(&sh.template)?;
            let (start, end) = (sh.start_utc(), sh.end_utc());
            let date = sh.date_in(agent.zone);
            (date >= since).then_some(Worked {
                agent: ai,
                date,
                start,
                end,
                line: None,
                night: tpl.night,
                template: Some(ti),
                current: false,
            })
        })
        .collect()
}

fn line(sh: &Shift, line_of: &dyn Fn(usize) -> usize) -> Option<usize> {
    sh.span.as_ref().map(|s| line_of(s.start))
}

fn fmt_local(agent: &Agent, t: Instant) -> String {
    time::local_text(agent.zone, t)
}

/// A shift of the rota whose agent the config has.
struct Known<'a> {
    shift: &'a Shift,
    agent: &'a Agent,
    date: NaiveDate,
    line: Option<usize>,
}

impl Known<'_> {
    fn violation(&self, rule: Rule, message: String) -> Violation {
        Violation::new(&self.agent.name, self.date, self.date, rule, message, self.line)
    }
    fn template<'c>(&self, cfg: &'c Config) -> Option<(usize, &'c Template)> {
        cfg.template(&self.shift.template)
    }
}

/// The rota's shifts whose agent exists.
fn known<'a>(scope: &'a Scope) -> impl Iterator<Item = Known<'a>> + 'a {
    scope.rota.shifts.iter().filter_map(move |sh| {
        let agent = &scope.cfg.agents[*scope.agent_index.get(sh.agent.as_str())?];
        Some(Known {
            shift: sh,
            agent,
            date: sh.date_in(agent.zone),
            line: line(sh, scope.line_of),
        })
    })
}

/// A shift of an agent the config does not have.
pub fn unknown_agent(scope: &Scope) -> Vec<Violation> {
    let unknown = scope
        .rota
        .shifts
        .iter()
        .filter(|sh| !scope.agent_index.contains_key(sh.agent.as_str()));
    unknown
        .map(|sh| {
            let date = sh.start_utc().date_naive();
            let message = format!("`{}` is not an agent in the config", sh.agent);
            Violation::new(
                &sh.agent,
                date,
                date,
                Rule::UnknownAgent,
                message,
                line(sh, scope.line_of),
            )
        })
        .collect()
}

/// A shift of a template the config does not have.
pub fn unknown_template(scope: &Scope) -> Vec<Violation> {
    known(scope)
        .filter(|k| k.template(scope.cfg).is_none())
        .map(|k| {
            let message = format!("template `{}` does not exist", k.shift.template);
            k.violation(Rule::UnknownTemplate, message)
        })
        .collect()
}

/// A shift of a template its agent may not work.
pub fn template_not_allowed(scope: &Scope) -> Vec<Violation> {
    known(scope)
        .filter_map(|k| {
            let (ti, tpl) = k.template(scope.cfg)?;
            let message = format!("may not work template `{}`", tpl.name);
            (!k.agent.templates.contains(&ti)).then(|| k.violation(Rule::TemplateNotAllowed, message))
        })
        .collect()
}

/// A shift whose instants are not its template's on its local day.
pub fn shift_times(scope: &Scope) -> Vec<Violation> {
    known(scope)
        .filter_map(|k| {
            let (_, tpl) = k.template(scope.cfg)?;
            let (start, end) = (k.shift.start_utc(), k.shift.end_utc());
            let (es, ee) = time::span(k.agent.zone, k.date, tpl.start, tpl.end);
            if (es, ee) == (start, end) {
                return None;
            }
            let at = |t| fmt_local(k.agent, t);
            let message = format!(
                "shift {}–{} does not match template `{}` ({}–{})",
                at(start),
                at(end),
                tpl.name,
                at(es),
                at(ee)
            );
            Some(k.violation(Rule::ShiftTimes, message))
        })
        .collect()
}

/// A shift that does not overlap the rota's horizon.
pub fn outside_horizon(scope: &Scope) -> Vec<Violation> {
    let (w0, w1) = time::window(&scope.cfg.horizon, scope.cfg.coverage.zone);
    known(scope)
        .filter(|k| k.shift.end_utc() <= w0 || k.shift.start_utc() >= w1)
        .map(|k| {
            let start = fmt_local(k.agent, k.shift.start_utc());
            let message = format!("shift starting {start} lies outside the horizon");
            k.violation(Rule::OutsideHorizon, message)
        })
        .collect()
}

/// A shift touching a local day off of its agent.
pub fn time_off(scope: &Scope) -> Vec<Violation> {
    known(scope)
        .filter_map(|k| {
            let off = time::off_day_within(k.agent, k.shift.start_utc(), k.shift.end_utc())?;
            let message = format!("works on {off}, a day off (time off or holiday)");
            Some(k.violation(Rule::TimeOff, message))
        })
        .collect()
}

/// The rota was planned for another coverage zone.
pub fn coverage_zone(scope: &Scope) -> Vec<Violation> {
    let (rota, cfg) = (scope.rota, scope.cfg);
    if rota.zone == cfg.coverage.zone.name() {
        return Vec::new();
    }
    let message = format!(
        "rota was planned for coverage zone {}, config says {}",
        rota.zone,
        cfg.coverage.zone.name()
    );
    vec![Violation::new(
        "",
        rota.start,
        rota.start,
        Rule::CoverageZone,
        message,
        None,
    )]
}
