//! Forbidden successions: template A on one local day followed by a
//! template in A's `not_followed_by` the next, over the rota's own shifts.

use super::{AgentShifts, Violation};
use crate::rule::Rule;
use chrono::Duration;

/// A shift followed the next local day by one its template forbids.
pub fn forbidden_succession(ctx: &AgentShifts) -> Vec<Violation> {
    let templates = &ctx.cfg.templates;
    ctx.own
        .windows(2)
        .filter_map(|pair| {
            let (p, n) = (pair[0], pair[1]);
            let (tp, tn) = (p.template?, n.template?);
            let next_day = n.date == p.date + Duration::days(1);
            let message = format!(
                "`{}` on {} is followed by `{}` on {}",
                templates[tp].name, p.date, templates[tn].name, n.date
            );
            (next_day && templates[tp].not_followed_by.contains(&tn))
                .then(|| ctx.violation(p.date, n.date, Rule::ForbiddenSuccession, message, n.line))
        })
        .collect()
}
