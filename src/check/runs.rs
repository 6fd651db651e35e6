//! Runs of working days and of days off: no run longer than
//! `max_consecutive_days` and none shorter than `min_consecutive_days` (but
//! those touching an end of the rota), and no run of days off shorter than
//! `min_consecutive_days_off` between two working days.

use super::{AgentShifts, Violation};
use crate::rule::Rule;
use chrono::{Duration, NaiveDate};

/// Runs of consecutive dates in `dates` (sorted, distinct), as their first
/// and last date.
fn runs(dates: &[NaiveDate]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..dates.len() {
        if i + 1 < dates.len() && dates[i + 1] == dates[i] + Duration::days(1) {
            continue;
        }
        out.push((dates[start], dates[i]));
        start = i + 1;
    }
    out
}

fn days(first: NaiveDate, last: NaiveDate) -> u32 {
    (last - first).num_days() as u32 + 1
}

/// A run of working days longer than `max_consecutive_days`.
pub fn max_consecutive_days(ctx: &AgentShifts) -> Vec<Violation> {
    let max = ctx.rules().max_consecutive_days;
    runs(&AgentShifts::dates(&ctx.chain))
        .into_iter()
        .filter(|&(first, last)| days(first, last) > max)
        .map(|(first, last)| {
            let message = format!("{} consecutive working days (maximum {max})", days(first, last));
            ctx.violation(first, last, Rule::MaxConsecutiveDays, message, None)
        })
        .collect()
}

/// Fewer than `min_consecutive_days_off` days off between two runs, unless
/// they hold time off and `time_off_is_rest` is false.
pub fn min_consecutive_days_off(ctx: &AgentShifts) -> Vec<Violation> {
    let r = ctx.rules();
    let runs = runs(&AgentShifts::dates(&ctx.chain));
    runs.windows(2)
        .filter_map(|pair| {
            let (last_worked, next_worked) = (pair[0].1, pair[1].0);
            let off_days = (next_worked - last_worked).num_days() - 1;
            let first_off = last_worked + Duration::days(1);
            // A lookup, not a walk over the days off: they may span millennia.
            let holds_time_off = !r.time_off_is_rest && ctx.agent.off.range(first_off..next_worked).next().is_some();
            let message = format!(
                "only {off_days} day(s) off between {last_worked} and {next_worked} (minimum {})",
                r.min_consecutive_days_off
            );
            (off_days < i64::from(r.min_consecutive_days_off) && !holds_time_off).then(|| {
                let last_off = next_worked - Duration::days(1);
                ctx.violation(first_off, last_off, Rule::MinConsecutiveDaysOff, message, None)
            })
        })
        .collect()
}

/// A run of this rota's working days shorter than `min_consecutive_days`
/// that touches neither end of the rota.
pub fn min_consecutive_days(ctx: &AgentShifts) -> Vec<Violation> {
    let min = ctx.rules().min_consecutive_days;
    let h = ctx.cfg.horizon;
    let (start, end) = (h.start, h.end() - Duration::days(1));
    runs(&AgentShifts::dates(&ctx.own))
        .into_iter()
        .filter(|&(first, last)| days(first, last) < min && first > start && last < end)
        .map(|(first, last)| {
            let len = days(first, last);
            let message = format!("a run of {len} working day(s) (minimum {min})");
            ctx.violation(first, last, Rule::MinConsecutiveDays, message, None)
        })
        .collect()
}
