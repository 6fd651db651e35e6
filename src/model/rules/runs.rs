//! Runs of working days and of days off.

use super::AgentCtx;
use crate::model::builder::Builder;
use chrono::{Duration, NaiveDate};

/// Price of one missing day in a run shorter than `min_consecutive_days`,
/// when the agent's rules admit no roster at all (see `Problem::relaxable`).
const SHORT_RUN: f64 = 10_000.0;

/// At most `max_consecutive_days` working days in a row.
pub fn max_consecutive_days(b: &mut Builder, ctx: &AgentCtx) {
    let m = ctx.rules().max_consecutive_days as usize;
    for win in ctx.dates().windows(m + 1) {
        if win.iter().all(|d| ctx.has(*d)) {
            let terms: Vec<_> = win.iter().flat_map(|d| ctx.work(*d, 1.0)).collect();
            b.leq(&terms, m as f64);
        }
    }
}

/// Days off together: no run of days off shorter than the minimum between
/// two working days, unless it holds time off (a holiday is not a rest day)
/// and `time_off_is_rest` is false.
pub fn min_consecutive_days_off(b: &mut Builder, ctx: &AgentCtx) {
    let r = ctx.rules();
    let dates = ctx.dates();
    for len in 1..i64::from(r.min_consecutive_days_off) {
        for &d in &dates {
            let after = d + Duration::days(len + 1);
            if !ctx.has(d) || !ctx.has(after) {
                continue;
            }
            let run: Vec<NaiveDate> = (1..=len).map(|j| d + Duration::days(j)).collect();
            if !r.time_off_is_rest && run.iter().any(|o| ctx.agent().off.contains(o)) {
                continue;
            }
            let mut terms = ctx.work(d, 1.0);
            terms.extend(ctx.work(after, 1.0));
            for o in &run {
                terms.extend(ctx.work(*o, -1.0));
            }
            b.leq(&terms, 1.0);
        }
    }
}

/// Runs of working days at least `min_consecutive_days` long, except runs
/// touching either end of the horizon: a run of ℓ days from an inner day d
/// is excluded by `w(d−1) + w(d+ℓ) − Σ w(run) ≥ 1 − ℓ`.
pub fn min_consecutive_days(b: &mut Builder, ctx: &AgentCtx) {
    let k = i64::from(ctx.rules().min_consecutive_days);
    let h = ctx.cfg.horizon;
    let (first, last) = (h.start, h.end() - Duration::days(1));
    for len in 1..k {
        for d in first.iter_days().take_while(|d| *d + Duration::days(len) <= last) {
            // Only when every day of the run can be worked (else it cannot happen).
            if d <= first || !(0..len).all(|j| ctx.has(d + Duration::days(j))) {
                continue;
            }
            let mut terms = ctx.work(d - Duration::days(1), -1.0);
            for j in 0..len {
                terms.extend(ctx.work(d + Duration::days(j), 1.0));
            }
            terms.extend(ctx.work(d + Duration::days(len), -1.0));
            let slack = b.relaxable_slack(1.0, SHORT_RUN, ctx.tag(d));
            terms.push((-1.0, slack));
            b.leq(&terms, (len - 1) as f64);
        }
    }
}
