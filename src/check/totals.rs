//! Totals and caps over the rota's own shifts: shifts per template
//! (`max_per_template`) and real hours (`max_total_hours`,
//! `min_total_hours`). Each is reported over the whole rota.

use super::{AgentShifts, Violation};
use crate::rule::Rule;
use crate::time;
use chrono::{Duration, NaiveDate};

/// The rota's first and last day.
fn rota_days(ctx: &AgentShifts) -> (NaiveDate, NaiveDate) {
    let h = ctx.cfg.horizon;
    (h.start, h.end() - Duration::days(1))
}

/// Minutes worked in this rota.
fn minutes(ctx: &AgentShifts) -> i64 {
    ctx.own.iter().map(|w| time::seconds(w.start, w.end)).sum::<i64>() / 60
}

/// `h:mm` of a number of minutes.
fn hm(minutes: i64) -> String {
    format!("{}h{:02}", minutes / 60, minutes % 60)
}

/// More shifts of a template than its cap.
pub fn max_per_template(ctx: &AgentShifts) -> Vec<Violation> {
    let (first, last) = rota_days(ctx);
    ctx.agent
        .template_caps
        .iter()
        .filter_map(|&(t, n)| {
            let count = ctx.own.iter().filter(|w| w.template == Some(t)).count();
            let message = format!("{count} `{}` shifts (maximum {n})", ctx.cfg.templates[t].name);
            (count > n as usize).then(|| ctx.violation(first, last, Rule::MaxPerTemplate, message, None))
        })
        .collect()
}

/// More hours than `max_total_hours`.
pub fn max_total_hours(ctx: &AgentShifts) -> Vec<Violation> {
    let (first, last) = rota_days(ctx);
    let worked = minutes(ctx);
    let Some(max) = ctx.rules().max_total_minutes.filter(|m| worked > *m) else {
        return Vec::new();
    };
    let message = format!("{} worked (maximum {})", hm(worked), hm(max));
    vec![ctx.violation(first, last, Rule::MaxTotalHours, message, None)]
}

/// Fewer hours than `min_total_hours`.
pub fn min_total_hours(ctx: &AgentShifts) -> Vec<Violation> {
    let (first, last) = rota_days(ctx);
    let (worked, min) = (minutes(ctx), ctx.rules().min_total_minutes);
    if worked >= min {
        return Vec::new();
    }
    let message = format!("{} worked (minimum {})", hm(worked), hm(min));
    vec![ctx.violation(first, last, Rule::MinTotalHours, message, None)]
}
