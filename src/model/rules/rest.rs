//! One shift a day, rest and overlap.

use super::AgentCtx;
use crate::model::builder::Builder;
use crate::model::candidates::Candidate;
use chrono::Duration;

/// At most one shift per local day.
pub fn one_shift_per_day(b: &mut Builder, ctx: &AgentCtx) {
    for cs in ctx.by_day.values().filter(|cs| cs.len() > 1) {
        let terms: Vec<_> = cs.iter().map(|&c| (1.0, ctx.x[c])).collect();
        b.leq(&terms, 1.0);
    }
}

/// Two shifts of one agent clash when they overlap or leave less than `rest` between them.
pub fn clash(a: &Candidate, b: &Candidate, rest: Duration) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    second.start < first.end + rest
}

/// No overlap and at least `min_rest` between shifts: each shift excludes
/// every shift of the next three days that starts too soon after it.
pub fn rest(b: &mut Builder, ctx: &AgentCtx) {
    let rest = Duration::minutes(ctx.rules().min_rest_minutes);
    for c1 in ctx.range.clone() {
        let a = &ctx.cands[c1];
        for k in 1..=3 {
            let Some(cs) = ctx.by_day.get(&(a.date + Duration::days(k))) else {
                continue;
            };
            let mut terms: Vec<_> = cs
                .iter()
                .filter(|&&c2| clash(a, &ctx.cands[c2], rest))
                .map(|&c2| (1.0, ctx.x[c2]))
                .collect();
            if !terms.is_empty() {
                terms.push((1.0, ctx.x[c1]));
                b.leq(&terms, 1.0);
            }
        }
    }
}
