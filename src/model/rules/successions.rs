//! Forbidden successions: template A on one local day, B the next.

use super::AgentCtx;
use crate::model::builder::Builder;
use chrono::Duration;

/// `x(A, d) + x(B, d + 1) ≤ 1` for every B in A's `not_followed_by`.
pub fn forbidden_succession(b: &mut Builder, ctx: &AgentCtx) {
    for c1 in ctx.range.clone() {
        let next = &ctx.cfg.templates[ctx.cands[c1].template].not_followed_by;
        if next.is_empty() {
            continue;
        }
        let Some(cs) = ctx.by_day.get(&(ctx.cands[c1].date + Duration::days(1))) else {
            continue;
        };
        for &c2 in cs.iter().filter(|&&c2| next.contains(&ctx.cands[c2].template)) {
            b.leq(&[(1.0, ctx.x[c1]), (1.0, ctx.x[c2])], 1.0);
        }
    }
}
