//! Weekly limits: shifts (comp days count as shifts) and real hours in any 7
//! consecutive local days, over each agent's shifts, earlier rotas' last
//! weeks included. A stretch of too many is reported once, from the first
//! day it starts.

use super::rest::hm;
use super::{AgentShifts, Violation, Worked};
use crate::rule::Rule;
use crate::time;
use chrono::{Duration, NaiveDate};

/// The days a 7-day window is anchored at: each worked day or comp day.
fn anchors(ctx: &AgentShifts) -> Vec<NaiveDate> {
    let mut anchors = AgentShifts::dates(&ctx.chain);
    anchors.extend(ctx.comp);
    anchors.sort_unstable();
    anchors.dedup();
    anchors
}

/// The shifts in the 7 days from `d`.
fn week<'a>(ctx: &AgentShifts<'a>, d: NaiveDate) -> Vec<&'a Worked> {
    let end = d + Duration::days(7);
    ctx.chain
        .iter()
        .copied()
        .filter(|w| w.date >= d && w.date < end)
        .collect()
}

/// Windows that break a limit, each reported unless a window already
/// reported covers its first day; `over` gives the message of a window that
/// breaks it.
fn report(ctx: &AgentShifts, rule: Rule, over: impl Fn(NaiveDate) -> Option<String>) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut until = NaiveDate::MIN;
    for d in anchors(ctx) {
        let end = d + Duration::days(7);
        if d < until {
            continue;
        }
        if let Some(message) = over(d) {
            out.push(ctx.violation(d, end - Duration::days(1), rule, message, None));
            until = end;
        }
    }
    out
}

/// More shifts and comp days than `max_shifts_per_week` in 7 days.
pub fn max_shifts_per_week(ctx: &AgentShifts) -> Vec<Violation> {
    let max = ctx.rules().max_shifts_per_week;
    report(ctx, Rule::MaxShiftsPerWeek, |d| {
        let end = d + Duration::days(7);
        let shifts = week(ctx, d).len();
        let comp_in = ctx.comp.iter().filter(|c| **c >= d && **c < end).count();
        let with_comp = if comp_in > 0 {
            format!(" and {comp_in} comp day(s)")
        } else {
            String::new()
        };
        ((shifts + comp_in) as u32 > max)
            .then(|| format!("{shifts} shifts{with_comp} in the 7 days from {d} (maximum {max})"))
    })
}

/// More real hours than `max_hours_per_week` in 7 days.
pub fn max_hours_per_week(ctx: &AgentShifts) -> Vec<Violation> {
    let max = ctx.rules().max_minutes_per_week * 60;
    report(ctx, Rule::MaxHoursPerWeek, |d| {
        let secs: i64 = week(ctx, d).iter().map(|w| time::seconds(w.start, w.end)).sum();
        (secs > max).then(|| format!("{} worked in the 7 days from {d} (maximum {})", hm(secs), hm(max)))
    })
}
