//! Work rules, checked shift by shift and agent by agent from the rota's
//! instants: templates, time off, rest, weekly limits, runs of days, weekends.

use super::Violation;
use crate::config::{weekend_of, Agent, Config};
use crate::rota::Rota;
use crate::rule::Rule;
use crate::time::{self, Instant};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

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

fn fmt_local(agent: &Agent, t: Instant) -> String {
    crate::time::local_text(agent.zone, t)
}

fn hm(seconds: i64) -> String {
    format!("{}h{:02}", seconds / 3600, (seconds % 3600) / 60)
}

/// Checks each shift on its own; returns those of known agents for the
/// agent-level rules and coverage (a shift with wrong times still counts with
/// its real instants: it is reported, and it does cover what it covers).
pub fn check_shifts(
    cfg: &Config,
    rota: &Rota,
    line_of: &dyn Fn(usize) -> usize,
    out: &mut Vec<Violation>,
) -> Vec<Worked> {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let mut valid = Vec::new();
    for sh in &rota.shifts {
        let line = sh.span.as_ref().map(|s| line_of(s.start));
        let (start, end) = (sh.start_utc(), sh.end_utc());
        let Some((ai, agent)) = cfg.agent(&sh.agent) else {
            let date = start.date_naive();
            out.push(Violation {
                agent: sh.agent.clone(),
                first: date,
                last: date,
                rule: Rule::UnknownAgent,
                message: format!("`{}` is not an agent in the config", sh.agent),
                line,
            });
            continue;
        };
        let date = sh.date_in(agent.zone);
        let mut flag = |rule: Rule, message: String| {
            out.push(Violation {
                agent: agent.name.clone(),
                first: date,
                last: date,
                rule,
                message,
                line,
            });
        };
        match cfg.template(&sh.template) {
            None => flag(
                Rule::UnknownTemplate,
                format!("template `{}` does not exist", sh.template),
            ),
            Some((ti, tpl)) => {
                if !agent.templates.contains(&ti) {
                    flag(
                        Rule::TemplateNotAllowed,
                        format!("may not work template `{}`", tpl.name),
                    );
                }
                let (es, ee) = time::span(agent.zone, date, tpl.start, tpl.end);
                if (es, ee) != (start, end) {
                    flag(
                        Rule::ShiftTimes,
                        format!(
                            "shift {}–{} does not match template `{}` ({}–{})",
                            fmt_local(agent, start),
                            fmt_local(agent, end),
                            tpl.name,
                            fmt_local(agent, es),
                            fmt_local(agent, ee)
                        ),
                    );
                }
            }
        }
        if end <= w0 || start >= w1 {
            flag(
                Rule::OutsideHorizon,
                format!("shift starting {} lies outside the horizon", fmt_local(agent, start)),
            );
        }
        if let Some(off) = time::off_day_within(agent, start, end) {
            flag(
                Rule::TimeOff,
                format!("works on {off}, a day off (time off or holiday)"),
            );
        }
        valid.push(Worked {
            agent: ai,
            date,
            start,
            end,
            line,
            night: cfg.template(&sh.template).is_some_and(|(_, t)| t.night),
            template: cfg.template(&sh.template).map(|(i, _)| i),
            current: true,
        });
    }
    valid
}

/// Shifts of earlier rotas that still bind this one (rest, runs, weeks), as
/// [`Worked`] with `current = false`.
pub fn earlier(cfg: &Config, shifts: &[crate::rota::Shift], since: NaiveDate) -> Vec<Worked> {
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

/// Checks the rules that span several shifts of one agent. A comp day counts
/// as a working day in the rolling week (`comp`: agent → comp dates).
pub fn check_agents(cfg: &Config, shifts: &[Worked], comp: &BTreeMap<usize, Vec<NaiveDate>>, out: &mut Vec<Violation>) {
    let mut by_agent: BTreeMap<usize, Vec<&Worked>> = BTreeMap::new();
    for w in shifts {
        by_agent.entry(w.agent).or_default().push(w);
    }
    for (a, mut list) in by_agent {
        list.sort_by_key(|w| (w.start, w.end));
        let agent = &cfg.agents[a];
        let mut v = |first: NaiveDate, last: NaiveDate, rule: Rule, message: String, line: Option<usize>| {
            out.push(Violation::new(&agent.name, first, last, rule, message, line));
        };
        let r = agent.rules;

        for pair in list.windows(2) {
            let (p, n) = (pair[0], pair[1]);
            if p.date == n.date {
                v(
                    p.date,
                    n.date,
                    Rule::OneShiftPerDay,
                    format!("two shifts start on {}", p.date),
                    n.line,
                );
            }
            let gap = time::seconds(p.end, n.start);
            if gap < 0 {
                v(
                    p.date,
                    n.date,
                    Rule::Overlap,
                    format!(
                        "shifts overlap: {} starts before {} ends",
                        fmt_local(agent, n.start),
                        fmt_local(agent, p.end)
                    ),
                    n.line,
                );
            } else if gap < r.min_rest_minutes * 60 {
                v(
                    p.date,
                    n.date,
                    Rule::Rest,
                    format!(
                        "{} rest between the shift ending {} and the one starting {} (minimum {})",
                        hm(gap),
                        fmt_local(agent, p.end),
                        fmt_local(agent, n.start),
                        hm(r.min_rest_minutes * 60)
                    ),
                    n.line,
                );
            }
        }

        // Work per local date (a date with two shifts is already reported).
        let mut days: BTreeMap<NaiveDate, i64> = BTreeMap::new();
        for w in &list {
            *days.entry(w.date).or_default() += time::seconds(w.start, w.end);
        }
        let dates: Vec<NaiveDate> = days.keys().copied().collect();

        // Rolling 7-day windows, anchored at each worked day or comp day.
        let comp_days: &[NaiveDate] = comp.get(&a).map_or(&[], Vec::as_slice);
        let mut anchors: Vec<NaiveDate> = dates.iter().chain(comp_days).copied().collect();
        anchors.sort_unstable();
        anchors.dedup();
        let mut shifts_until = NaiveDate::MIN;
        let mut hours_until = NaiveDate::MIN;
        for &d in &anchors {
            let end = d + Duration::days(7);
            let in_week: Vec<&Worked> = list.iter().copied().filter(|w| w.date >= d && w.date < end).collect();
            let comp_in = comp_days.iter().filter(|c| **c >= d && **c < end).count();
            if (in_week.len() + comp_in) as u32 > r.max_shifts_per_week && d >= shifts_until {
                let with_comp = if comp_in > 0 {
                    format!(" and {comp_in} comp day(s)")
                } else {
                    String::new()
                };
                v(
                    d,
                    end - Duration::days(1),
                    Rule::MaxShiftsPerWeek,
                    format!(
                        "{} shifts{with_comp} in the 7 days from {d} (maximum {})",
                        in_week.len(),
                        r.max_shifts_per_week
                    ),
                    None,
                );
                shifts_until = end;
            }
            let secs: i64 = in_week.iter().map(|w| time::seconds(w.start, w.end)).sum();
            if secs > r.max_minutes_per_week * 60 && d >= hours_until {
                v(
                    d,
                    end - Duration::days(1),
                    Rule::MaxHoursPerWeek,
                    format!(
                        "{} worked in the 7 days from {d} (maximum {})",
                        hm(secs),
                        hm(r.max_minutes_per_week * 60)
                    ),
                    None,
                );
                hours_until = end;
            }
        }

        // Runs of consecutive working days, and the days off between them.
        let mut run_start = 0;
        for i in 0..dates.len() {
            let next_is_consecutive = i + 1 < dates.len() && dates[i + 1] == dates[i] + Duration::days(1);
            if next_is_consecutive {
                continue;
            }
            let len = (i - run_start + 1) as u32;
            if len > r.max_consecutive_days {
                v(
                    dates[run_start],
                    dates[i],
                    Rule::MaxConsecutiveDays,
                    format!("{len} consecutive working days (maximum {})", r.max_consecutive_days),
                    None,
                );
            }
            if i + 1 < dates.len() {
                let off_days = (dates[i + 1] - dates[i]).num_days() - 1;
                let first_off = dates[i] + Duration::days(1);
                // A lookup, not a walk over the days off: they may span millennia.
                let holds_time_off = !r.time_off_is_rest && agent.off.range(first_off..dates[i + 1]).next().is_some();
                if off_days < i64::from(r.min_consecutive_days_off) && !holds_time_off {
                    v(
                        first_off,
                        dates[i + 1] - Duration::days(1),
                        Rule::MinConsecutiveDaysOff,
                        format!(
                            "only {off_days} day(s) off between {} and {} (minimum {})",
                            dates[i],
                            dates[i + 1],
                            r.min_consecutive_days_off
                        ),
                        None,
                    );
                }
            }
            run_start = i + 1;
        }

        // Weekends worked in any 4 weeks.
        let mut weekends: Vec<NaiveDate> = dates.iter().filter_map(|d| weekend_of(*d)).collect();
        weekends.dedup();
        let mut reported_until = NaiveDate::MIN;
        for (i, &s) in weekends.iter().enumerate() {
            let end = s + Duration::days(28);
            let count = weekends[i..].iter().take_while(|w| **w < end).count();
            if count as u32 > r.max_weekends_per_4_weeks && s >= reported_until {
                v(
                    s,
                    end - Duration::days(1),
                    Rule::MaxWeekendsPer4Weeks,
                    format!(
                        "{count} weekends worked in the 4 weeks from {s} (maximum {})",
                        r.max_weekends_per_4_weeks
                    ),
                    None,
                );
                reported_until = end;
            }
        }
    }
}
