//! Weekends worked: in any 4 weeks, and over the whole rota. A weekend is
//! worked when a shift starts on its Saturday or Sunday (local).

use super::AgentCtx;
use crate::model::builder::Builder;
use chrono::Duration;

/// At most `max_weekends_per_4_weeks` weekends worked in any 4 consecutive weeks.
pub fn max_weekends_per_4_weeks(b: &mut Builder, ctx: &AgentCtx) {
    let max = ctx.rules().max_weekends_per_4_weeks as usize;
    let sats: Vec<_> = ctx.weekends.keys().copied().collect();
    for (i, s) in sats.iter().enumerate() {
        let window: Vec<_> = sats[i..]
            .iter()
            .take_while(|t| **t < *s + Duration::days(28))
            .map(|t| (1.0, ctx.weekends[t]))
            .collect();
        if window.len() > max {
            b.leq(&window, max as f64);
        }
    }
}

/// At most `max_weekends` weekends worked over the rota (earlier rotas' weekends do not count).
pub fn max_weekends(b: &mut Builder, ctx: &AgentCtx) {
    let Some(max) = ctx.rules().max_weekends else { return };
    let ours: Vec<_> = ctx
        .weekends
        .iter()
        .filter(|(sat, _)| {
            ctx.free()
                .any(|c| crate::config::weekend_of(ctx.cands[c].date) == Some(**sat))
        })
        .map(|(_, &v)| (1.0, v))
        .collect();
    if (max as usize) < ours.len() {
        b.leq(&ours, f64::from(max));
    }
}
