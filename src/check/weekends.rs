//! Weekends worked (a Saturday–Sunday pair, worked when a shift starts on
//! either day): at most `max_weekends_per_4_weeks` in any 4 consecutive
//! weeks (earlier rotas' last weeks included) and `max_weekends` over the rota.

use super::{AgentShifts, Violation, Worked};
use crate::config::weekend_of;
use crate::rule::Rule;
use chrono::{Duration, NaiveDate};

/// The Saturdays of the weekends worked in `shifts`, in order, each once.
fn weekends(shifts: &[&Worked]) -> Vec<NaiveDate> {
    let mut weekends: Vec<NaiveDate> = AgentShifts::dates(shifts).into_iter().filter_map(weekend_of).collect();
    weekends.dedup();
    weekends
}

/// More than `max_weekends_per_4_weeks` weekends in the 4 weeks from a worked
/// weekend, reported once per stretch.
pub fn max_weekends_per_4_weeks(ctx: &AgentShifts) -> Vec<Violation> {
    let max = ctx.rules().max_weekends_per_4_weeks;
    let weekends = weekends(&ctx.chain);
    let mut out = Vec::new();
    let mut reported_until = NaiveDate::MIN;
    for (i, &s) in weekends.iter().enumerate() {
        let end = s + Duration::days(28);
        let count = weekends[i..].iter().take_while(|w| **w < end).count();
        if count as u32 > max && s >= reported_until {
            let message = format!("{count} weekends worked in the 4 weeks from {s} (maximum {max})");
            out.push(ctx.violation(s, end - Duration::days(1), Rule::MaxWeekendsPer4Weeks, message, None));
            reported_until = end;
        }
    }
    out
}

/// More than `max_weekends` weekends worked in this rota.
pub fn max_weekends(ctx: &AgentShifts) -> Vec<Violation> {
    let h = ctx.cfg.horizon;
    let worked = weekends(&ctx.own).len();
    match ctx.rules().max_weekends.filter(|m| worked > *m as usize) {
        Some(max) => {
            let message = format!("{worked} weekends worked (maximum {max})");
            let last = h.end() - Duration::days(1);
            vec![ctx.violation(h.start, last, Rule::MaxWeekends, message, None)]
        }
        None => Vec::new(),
    }
}
