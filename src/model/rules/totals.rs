//! Totals over the rota: shifts per template, real hours worked.

use super::AgentCtx;
use crate::model::builder::Builder;

/// Price per minute short of `min_total_hours`, when the agent's rules admit
/// no roster at all (see `Problem::relaxable`).
const SHORT_MINUTE: f64 = 100.0;

/// At most `max_per_template` shifts of a template over the rota.
pub fn max_per_template(b: &mut Builder, ctx: &AgentCtx) {
    for &(t, n) in &ctx.agent().template_caps {
        let terms: Vec<_> = ctx
            .free()
            .filter(|&c| ctx.cands[c].template == t)
            .map(|c| (1.0, ctx.x[c]))
            .collect();
        if terms.len() > n as usize {
            b.leq(&terms, f64::from(n));
        }
    }
}

fn minutes(ctx: &AgentCtx) -> Vec<(f64, crate::model::lp::Var)> {
    ctx.free()
        .map(|c| (ctx.cands[c].seconds() as f64 / 60.0, ctx.x[c]))
        .collect()
}

/// At most `max_total_hours` real hours over the rota.
pub fn max_total_hours(b: &mut Builder, ctx: &AgentCtx) {
    let Some(max) = ctx.rules().max_total_minutes else {
        return;
    };
    let most: f64 = ctx
        .by_day
        .values()
        .map(|cs| {
            cs.iter()
                .filter(|&&c| !ctx.cands[c].fixed)
                .map(|&c| ctx.cands[c].seconds() as f64 / 60.0)
                .fold(0.0, f64::max)
        })
        .sum();
    if (max as f64) < most {
        b.leq(&minutes(ctx), max as f64);
    }
}

/// At least `min_total_hours` real hours over the rota.
pub fn min_total_hours(b: &mut Builder, ctx: &AgentCtx) {
    let min = ctx.rules().min_total_minutes;
    if min > 0 {
        let short = b.relaxable_slack(
            min as f64,
            SHORT_MINUTE,
            crate::model::lp::Tag::agent_any_day(ctx.agent),
        );
        let mut terms = minutes(ctx);
        terms.push((1.0, short));
        b.geq(&terms, min as f64);
    }
}
