//! Comp days as days off: a comp day of this rota, or of an earlier one, is
//! touched by no shift (`comp-day-worked`). The balance, due dates and
//! on-call rules of comp days are in `model::oncall`.

use super::AgentCtx;
use crate::model::builder::Builder;
use crate::time;
use chrono::Duration;

/// A comp day is a whole day off: no shift touches it, one starting the
/// evening before included.
pub fn comp_day_off(b: &mut Builder, ctx: &AgentCtx) {
    let zone = ctx.agent().zone;
    for (&d, &z) in ctx.comp {
        for day in [d, d - Duration::days(1)] {
            let Some(cs) = ctx.by_day.get(&day) else { continue };
            let mut terms: Vec<_> = cs
                .iter()
                .filter(|&&c| day == d || time::local_date(zone, ctx.cands[c].end - Duration::seconds(1)) >= d)
                .map(|&c| (1.0, ctx.x[c]))
                .collect();
            if !terms.is_empty() {
                terms.push((1.0, z));
                b.leq(&terms, 1.0);
            }
        }
    }
}

/// A comp day of an earlier rota: no shift of this one touches it.
pub fn earlier_comp_days(b: &mut Builder, ctx: &AgentCtx) {
    let zone = ctx.agent().zone;
    for c in ctx.free() {
        let cand = &ctx.cands[c];
        let (d0, d1) = (
            time::local_date(zone, cand.start),
            time::local_date(zone, cand.end - Duration::seconds(1)),
        );
        if ctx.past_comp.range(d0..=d1).next().is_some() {
            b.leq(&[(1.0, ctx.x[c])], 0.0);
        }
    }
}
