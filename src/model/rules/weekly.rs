//! Rolling 7-day limits: shifts (a comp day counts as one) and real hours.

use super::AgentCtx;
use crate::model::builder::Builder;
use chrono::{Duration, NaiveDate};

/// The 7-day windows that can hold this agent's shifts or comp days.
fn windows(ctx: &AgentCtx) -> Vec<Vec<NaiveDate>> {
    let (first, last) = ctx.span();
    let first_comp = ctx.comp.keys().next().copied().unwrap_or(first);
    let past = ctx
        .past_comp
        .iter()
        .next()
        .copied()
        .unwrap_or(first)
        .max(first - Duration::days(7));
    let from = first.min(first_comp).min(past) - Duration::days(6);
    let to = last.max(ctx.comp.keys().last().copied().unwrap_or(last));
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|w| w.iter_days().take(7).collect())
        .collect()
}

/// At most `max_shifts_per_week` shifts and comp days in any 7 consecutive local days.
pub fn max_shifts_per_week(b: &mut Builder, ctx: &AgentCtx) {
    let max = ctx.rules().max_shifts_per_week as usize;
    for week in windows(ctx) {
        let comp: Vec<_> = week.iter().filter_map(|d| ctx.comp.get(d)).map(|&z| (1.0, z)).collect();
        let taken = week.iter().filter(|d| ctx.past_comp.contains(d)).count();
        let days: Vec<NaiveDate> = week.into_iter().filter(|d| ctx.has(*d)).collect();
        if days.len() + comp.len() + taken > max {
            let mut terms: Vec<_> = days.iter().flat_map(|d| ctx.work(*d, 1.0)).collect();
            terms.extend(comp);
            b.leq(&terms, max.saturating_sub(taken) as f64);
        }
    }
}

/// At most `max_hours_per_week` real hours in any 7 consecutive local days.
/// A window is left out when its `max_shifts_per_week` longest days cannot
/// exceed the limit (the shift limit already holds it).
pub fn max_hours_per_week(b: &mut Builder, ctx: &AgentCtx) {
    let r = ctx.rules();
    let limit = r.max_minutes_per_week * 60;
    for week in windows(ctx) {
        let days: Vec<NaiveDate> = week.into_iter().filter(|d| ctx.has(*d)).collect();
        let mut longest: Vec<i64> = days
            .iter()
            .map(|d| ctx.by_day[d].iter().map(|&c| ctx.cands[c].seconds()).max().unwrap_or(0))
            .collect();
        longest.sort_unstable_by(|a, b| b.cmp(a));
        let most: i64 = longest.iter().take(r.max_shifts_per_week as usize).sum();
        if most > limit {
            let terms: Vec<_> = days
                .iter()
                .flat_map(|d| {
                    ctx.by_day[d]
                        .iter()
                        .map(|&c| (ctx.cands[c].seconds() as f64 / 60.0, ctx.x[c]))
                })
                .collect();
            b.leq(&terms, r.max_minutes_per_week as f64);
        }
    }
}
