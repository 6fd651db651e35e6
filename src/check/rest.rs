//! Rest and overlap: one shift a local day, no two shifts of one agent
//! overlapping, and `min_rest_hours` between one shift's end and the next
//! one's start — over each agent's shifts in start order, earlier rotas'
//! last weeks included.

use super::{AgentShifts, Violation, Worked};
use crate::rule::Rule;
use crate::time;

/// Each shift and the one after it.
fn pairs<'a>(ctx: &'a AgentShifts) -> impl Iterator<Item = (&'a Worked, &'a Worked)> + 'a {
    ctx.chain.windows(2).map(|pair| (pair[0], pair[1]))
}

/// `h:mm` of a number of seconds.
pub fn hm(seconds: i64) -> String {
    format!("{}h{:02}", seconds / 3600, (seconds % 3600) / 60)
}

/// Two shifts starting on one local day.
pub fn one_shift_per_day(ctx: &AgentShifts) -> Vec<Violation> {
    pairs(ctx)
        .filter(|(p, n)| p.date == n.date)
        .map(|(p, n)| {
            let message = format!("two shifts start on {}", p.date);
            ctx.violation(p.date, n.date, Rule::OneShiftPerDay, message, n.line)
        })
        .collect()
}

/// A shift starting before the one before it ends.
pub fn overlap(ctx: &AgentShifts) -> Vec<Violation> {
    let at = |t| time::local_text(ctx.agent.zone, t);
    pairs(ctx)
        .filter(|(p, n)| time::seconds(p.end, n.start) < 0)
        .map(|(p, n)| {
            let message = format!("shifts overlap: {} starts before {} ends", at(n.start), at(p.end));
            ctx.violation(p.date, n.date, Rule::Overlap, message, n.line)
        })
        .collect()
}

/// Less than `min_rest_hours` between two shifts that do not overlap.
pub fn rest(ctx: &AgentShifts) -> Vec<Violation> {
    let min = ctx.rules().min_rest_minutes * 60;
    let at = |t| time::local_text(ctx.agent.zone, t);
    pairs(ctx)
        .filter_map(|(p, n)| {
            let gap = time::seconds(p.end, n.start);
            // The message only for a pair that breaks the rule: formatting is most of the cost.
            (gap >= 0 && gap < min).then(|| {
                let message = format!(
                    "{} rest between the shift ending {} and the one starting {} (minimum {})",
                    hm(gap),
                    at(p.end),
                    at(n.start),
                    hm(min)
                );
                ctx.violation(p.date, n.date, Rule::Rest, message, n.line)
            })
        })
        .collect()
}
