//! The work rules' config layer: the `[rules]` keys as written (defaults for
//! everyone, or one agent's `rules = { … }` overrides), their ranges, and the
//! checked [`Rules`] every layer reads. A new work rule adds its key here, its
//! id in `crate::rule`, its rows in `model::rules::<concept>` and its check in
//! `check::<concept>`.

use super::raw::Spanned;
use super::MAX_WEEKS;
use super::{int_in, num_in};
use crate::error::{Error, Source};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Work rules; defaults for everyone, overridable per agent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    pub min_rest_minutes: i64,
    pub max_shifts_per_week: u32,
    pub max_consecutive_days: u32,
    pub min_consecutive_days_off: u32,
    pub max_minutes_per_week: i64,
    pub max_weekends_per_4_weeks: u32,
    /// Shortest run of working days; runs touching either end of the horizon are exempt.
    pub min_consecutive_days: u32,
    /// Most weekends worked over the whole horizon.
    pub max_weekends: Option<u32>,
    /// Real minutes worked over the whole horizon.
    pub min_total_minutes: i64,
    pub max_total_minutes: Option<i64>,
    /// Time off counts as rest for `min_consecutive_days_off` (a run of days
    /// off holding time off must still be long enough); by default such runs
    /// are exempt.
    pub time_off_is_rest: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            min_rest_minutes: 11 * 60,
            max_shifts_per_week: 5,
            max_consecutive_days: 6,
            min_consecutive_days_off: 2,
            max_minutes_per_week: 40 * 60,
            max_weekends_per_4_weeks: 2,
            min_consecutive_days: 1,
            max_weekends: None,
            min_total_minutes: 0,
            max_total_minutes: None,
            time_off_is_rest: false,
        }
    }
}

/// Work rules: defaults for everyone, or one agent's overrides.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawRules {
    /// Hours between the end of one shift and the start of the next (default 11).
    #[schemars(range(min = 0, max = 48))]
    pub min_rest_hours: Option<Spanned<f64>>,
    /// Most shifts in any 7 consecutive local days (default 5).
    #[schemars(range(min = 1, max = 7))]
    pub max_shifts_per_week: Option<Spanned<i64>>,
    /// Most working days in a row (default 6).
    #[schemars(range(min = 1, max = 28))]
    pub max_consecutive_days: Option<Spanned<i64>>,
    /// Shortest run of days off between two working days (default 2).
    #[schemars(range(min = 0, max = 7))]
    pub min_consecutive_days_off: Option<Spanned<i64>>,
    /// Most real elapsed hours in any 7 consecutive local days (default 40).
    #[schemars(range(min = 1, max = 168))]
    pub max_hours_per_week: Option<Spanned<f64>>,
    /// Most weekends (Saturday or Sunday worked) in any 4 consecutive weeks (default 2).
    #[schemars(range(min = 0, max = 4))]
    pub max_weekends_per_4_weeks: Option<Spanned<i64>>,
    /// Shortest run of working days; runs touching either end of the rota are exempt (default 1).
    #[schemars(range(min = 1, max = 28))]
    pub min_consecutive_days: Option<Spanned<i64>>,
    /// Most weekends worked over the whole rota (default: no limit).
    #[schemars(range(min = 0, max = 104))]
    pub max_weekends: Option<Spanned<i64>>,
    /// Fewest real hours worked over the whole rota (default 0).
    #[schemars(range(min = 0, max = 17472))]
    pub min_total_hours: Option<Spanned<f64>>,
    /// Most real hours worked over the whole rota (default: no limit).
    #[schemars(range(min = 0, max = 17472))]
    pub max_total_hours: Option<Spanned<f64>>,
    /// Whether a run of days off holding time off must still be `min_consecutive_days_off` long (default false).
    pub time_off_is_rest: Option<bool>,
    /// Most shifts of each template over the rota, e.g. { night = 4 }.
    #[schemars(with = "Option<BTreeMap<String, TemplateCap>>")]
    pub max_per_template: Option<BTreeMap<Spanned<String>, Spanned<i64>>>,
}

/// Most shifts of one template over the rota.
#[derive(JsonSchema)]
#[schemars(transparent, inline)]
#[allow(dead_code)]
struct TemplateCap(#[schemars(range(min = 0, max = 10_000))] i64);

pub(super) fn rules(s: &Source, r: &RawRules, base: Rules) -> Result<Rules, Error> {
    // Hours as written, minutes as kept.
    let minutes = |v: &Option<Spanned<f64>>, key: &str, lo: f64, hi: f64, base: i64| {
        num_in(s, v, key, lo, hi, base as f64 / 60.0).map(|h| (h * 60.0).round() as i64)
    };
    let rest = minutes(&r.min_rest_hours, "min_rest_hours", 0.0, 48.0, base.min_rest_minutes)?;
    let week = minutes(
        &r.max_hours_per_week,
        "max_hours_per_week",
        1.0,
        168.0,
        base.max_minutes_per_week,
    )?;
    let most = 24.0 * 7.0 * MAX_WEEKS as f64;
    let count = |v: &Option<Spanned<i64>>, key: &str, range: std::ops::RangeInclusive<i64>, base: u32| {
        int_in(s, v, key, range, base.into()).map(|n| n as u32)
    };
    Ok(Rules {
        min_rest_minutes: rest,
        max_shifts_per_week: count(
            &r.max_shifts_per_week,
            "max_shifts_per_week",
            1..=7,
            base.max_shifts_per_week,
        )?,
        max_consecutive_days: count(
            &r.max_consecutive_days,
            "max_consecutive_days",
            1..=28,
            base.max_consecutive_days,
        )?,
        min_consecutive_days_off: count(
            &r.min_consecutive_days_off,
            "min_consecutive_days_off",
            0..=7,
            base.min_consecutive_days_off,
        )?,
        max_minutes_per_week: week,
        max_weekends_per_4_weeks: count(
            &r.max_weekends_per_4_weeks,
            "max_weekends_per_4_weeks",
            0..=4,
            base.max_weekends_per_4_weeks,
        )?,
        min_consecutive_days: count(
            &r.min_consecutive_days,
            "min_consecutive_days",
            1..=28,
            base.min_consecutive_days,
        )?,
        max_weekends: match &r.max_weekends {
            None => base.max_weekends,
            v => Some(count(v, "max_weekends", 0..=MAX_WEEKS, 0)?),
        },
        min_total_minutes: minutes(&r.min_total_hours, "min_total_hours", 0.0, most, base.min_total_minutes)?,
        max_total_minutes: match &r.max_total_hours {
            None => base.max_total_minutes,
            v => Some(minutes(v, "max_total_hours", 0.0, most, 0)?),
        },
        time_off_is_rest: r.time_off_is_rest.unwrap_or(base.time_off_is_rest),
    })
}
