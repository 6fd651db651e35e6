//! Candidate shifts: every (agent, template, local day) the agent could work
//! inside the horizon, with exact UTC instants. Plain data, no solver types.
//! Also the templates a clock change alters on some local date ([`clock_notes`]).

use crate::config::{Config, Weights};
use crate::rota::Shift;
use crate::time::{self, Instant};
use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub agent: usize,
    pub template: usize,
    /// Local date (agent's zone) the shift starts on.
    pub date: NaiveDate,
    pub start: Instant,
    pub end: Instant,
    /// Worked in an earlier rota (`plan --after`): a constant, not a choice.
    pub fixed: bool,
}

impl Candidate {
    /// Agent `agent` working `template` on local `date`, from `span.0` to
    /// `span.1`; `fixed` for a shift of an earlier rota.
    pub fn at(agent: usize, template: usize, date: NaiveDate, span: (Instant, Instant), fixed: bool) -> Candidate {
        Candidate {
            agent,
            template,
            date,
            start: span.0,
            end: span.1,
            fixed,
        }
    }

    /// Real elapsed length in seconds.
    pub fn seconds(&self) -> i64 {
        time::seconds(self.start, self.end)
    }

    /// What scheduling it costs in the objective: overstaffing is priced per
    /// minute inside the horizon window `[w0, w1)`, labour per hour worked.
    pub fn cost(&self, w: &Weights, w0: Instant, w1: Instant) -> f64 {
        w.overstaffed * self.minutes_inside(w0, w1) + w.hours * self.seconds() as f64 / 3600.0
    }

    /// Minutes of the shift inside `[w0, w1)`.
    pub fn minutes_inside(&self, w0: Instant, w1: Instant) -> f64 {
        time::seconds(self.start.max(w0), self.end.min(w1)).max(0) as f64 / 60.0
    }
}

/// Local dates an agent in `zone` may start a shift on, for the horizon
/// window `[w0, w1)`: however far the zone lies from the coverage zone (a
/// Honolulu agent's night two local days before a Kiritimati horizon reaches
/// into it). A template lasts at most 24 h, so a shift of local date `d` ends
/// by the local midnight after `d + 1` and starts at or after `d`'s: the day
/// before `w0`'s local date to `w1`'s local date hold every shift that can
/// overlap the window. One more day on each side is a margin for clock
/// changes; each candidate must still overlap the window.
pub fn date_range(zone: Tz, (w0, w1): (Instant, Instant)) -> (NaiveDate, NaiveDate) {
    (
        time::local_date(zone, w0) - Duration::days(2),
        time::local_date(zone, w1) + Duration::days(1),
    )
}

/// All candidates, sorted by (agent, date, template), plus the shifts of
/// earlier rotas from the last [`crate::history::HISTORY_DAYS`] as fixed candidates (shifts
/// of agents or templates no longer in the config are left out).
pub fn candidates(cfg: &Config, history: &[Shift]) -> Vec<Candidate> {
    let mut out = free_candidates(cfg);
    let from = cfg.horizon.start - Duration::days(crate::history::HISTORY_DAYS + 1);
    for sh in history {
        let (Some((a, agent)), Some((t, _))) = (cfg.agent(&sh.agent), cfg.template(&sh.template)) else {
            continue;
        };
        let (start, end) = (sh.start_utc(), sh.end_utc());
        let date = sh.date_in(agent.zone);
        if date >= from {
            out.push(Candidate::at(a, t, date, (start, end), true));
        }
    }
    out.sort_by_key(|c| (c.agent, c.date, c.template, !c.fixed));
    out
}

/// Every shift an agent may work: one per template and local date that
/// overlaps the window, lasts some time (a template inside a clock-change gap
/// lasts none that day) and touches no day off.
fn free_candidates(cfg: &Config) -> Vec<Candidate> {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let mut out = Vec::new();
    for (a, agent) in cfg.agents.iter().enumerate() {
        let (first, last) = date_range(agent.zone, (w0, w1));
        for date in first.iter_days().take_while(|d| *d <= last) {
            for &t in &agent.templates {
                let tpl = &cfg.templates[t];
                let (start, end) = time::span(agent.zone, date, tpl.start, tpl.end);
                if end <= w0 || start >= w1 || end <= start || time::off_day_within(agent, start, end).is_some() {
                    continue;
                }
                out.push(Candidate::at(a, t, date, (start, end), false));
            }
        }
    }
    out
}

/// What a clock change does to a template on one local date in one zone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct ClockNote {
    pub date: NaiveDate,
    pub zone: String,
    pub template: String,
    /// `collapses`: the template lies wholly in a gap and lasts no time, so no
    /// shift of it is planned that day; `moves`: its start lies in a gap that
    /// ends on a later local date, so that day's shift starts on the next
    /// date and still counts as the day's.
    pub kind: &'static str,
    pub message: String,
}

/// The templates that a clock change collapses or moves onto another date,
/// on the local dates of the horizon (and the days around it that can reach
/// into it), once per zone of the agents who may work them.
pub fn clock_notes(cfg: &Config) -> Vec<ClockNote> {
    let window = time::window(&cfg.horizon, cfg.coverage.zone);
    let mut out = BTreeSet::new();
    for agent in &cfg.agents {
        let (first, last) = date_range(agent.zone, window);
        for date in first.iter_days().take_while(|d| *d <= last) {
            for &t in &agent.templates {
                if let Some(note) = clock_note(cfg, agent.zone, t, date, window) {
                    out.insert(note);
                }
            }
        }
    }
    out.into_iter().collect()
}

/// The note for template `t` on local `date` in `zone`, when a clock change
/// collapses it or moves its start to another date, and it meets the window.
fn clock_note(cfg: &Config, zone: Tz, t: usize, date: NaiveDate, (w0, w1): (Instant, Instant)) -> Option<ClockNote> {
    let tpl = &cfg.templates[t];
    let (start, end) = time::span(zone, date, tpl.start, tpl.end);
    if end < w0 || start >= w1 {
        return None;
    }
    let day = |d: NaiveDate| d.format("%a %Y-%m-%d");
    let clock = |m: crate::config::values::Minute| format!("{:02}:{:02}", m / 60, m % 60);
    let (kind, message) = if end <= start {
        let message = format!(
            "template `{}` ({}–{}) lasts no time in {} on {}: the clocks {}, so no shift of it is planned that day",
            tpl.name,
            clock(tpl.start),
            clock(tpl.end),
            zone.name(),
            day(date),
            time::jump_text(zone, start)
        );
        ("collapses", message)
    } else if time::local_date(zone, start) != date {
        let message = format!(
            "template `{}` starts at {}, which {} skips on {} (the clocks {}): that day's shift starts {} \
             and still counts as {}'s",
            tpl.name,
            clock(tpl.start),
            zone.name(),
            day(date),
            time::jump_text(zone, start),
            time::local_text(zone, start),
            date.format("%a %Y-%m-%d")
        );
        ("moves", message)
    } else {
        return None;
    };
    Some(ClockNote {
        date,
        zone: zone.name().to_string(),
        template: tpl.name.clone(),
        kind,
        message,
    })
}
