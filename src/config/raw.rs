//! The config file exactly as written: serde structs with spans, no meaning yet.
//!
//! Values whose form is flexible (dates, times, skills) are kept as spanned
//! [`toml::Value`]s so that `build` can point at the exact place of a mistake.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::{Spanned, Value};

pub type Sp<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub horizon: Sp<RawHorizon>,
    pub coverage: Sp<RawCoverage>,
    #[serde(default)]
    pub rules: RawRules,
    #[serde(default)]
    pub weights: RawWeights,
    #[serde(default)]
    pub calendars: BTreeMap<Sp<String>, Sp<Vec<Sp<Value>>>>,
    #[serde(default)]
    pub templates: BTreeMap<Sp<String>, Sp<RawTemplate>>,
    #[serde(default)]
    pub agents: BTreeMap<Sp<String>, Sp<RawAgent>>,
    #[serde(default)]
    pub oncall: BTreeMap<Sp<String>, Sp<RawDuty>>,
    #[serde(default)]
    pub comp: RawComp,
}

/// `[oncall.NAME]`: one on-call duty.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDuty {
    pub period: Option<Sp<String>>,
    pub handoff: Sp<String>,
    pub zone: Option<Sp<String>>,
    pub holders: Option<Sp<i64>>,
    pub agents: Option<Vec<Sp<String>>>,
    pub skill: Option<Sp<Value>>,
    pub max_per_year: Option<Sp<i64>>,
    pub min_gap: Option<Sp<i64>>,
    pub active: Option<Sp<String>>,
    pub nights: Option<bool>,
    pub credit: Option<Sp<f64>>,
}

/// `[comp]`: how comp days are earned and when they must be taken.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawComp {
    pub window_weeks: Option<Sp<i64>>,
    pub weekend_credit: Option<Sp<f64>>,
    pub holiday_credit: Option<Sp<f64>>,
    #[serde(default)]
    pub holidays: Vec<Sp<Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHorizon {
    pub start: Sp<Value>,
    pub weeks: Sp<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCoverage {
    pub zone: Option<Sp<String>>,
    #[serde(default)]
    pub need: Vec<Sp<RawNeed>>,
    /// Shift-demand coverage: people on a template on a day.
    #[serde(default)]
    pub shifts: Vec<Sp<RawShiftDemand>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShiftDemand {
    pub on: Sp<Value>,
    pub template: Sp<String>,
    #[serde(default = "one")]
    pub agents: Sp<i64>,
    pub under: Option<Sp<f64>>,
    pub over: Option<Sp<f64>>,
}

/// A wish to work (`prefer`) or not to work (`avoid`) on a day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequest {
    pub on: Sp<Value>,
    pub template: Option<Sp<String>>,
    pub weight: Option<Sp<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNeed {
    pub at: Sp<String>,
    #[serde(default = "one")]
    pub agents: Sp<i64>,
    pub skill: Option<Sp<Value>>,
}

fn one() -> Sp<i64> {
    Spanned::new(0..0, 1)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    pub min_rest_hours: Option<Sp<f64>>,
    pub max_shifts_per_week: Option<Sp<i64>>,
    pub max_consecutive_days: Option<Sp<i64>>,
    pub min_consecutive_days_off: Option<Sp<i64>>,
    pub max_hours_per_week: Option<Sp<f64>>,
    pub max_weekends_per_4_weeks: Option<Sp<i64>>,
    pub min_consecutive_days: Option<Sp<i64>>,
    pub max_weekends: Option<Sp<i64>>,
    pub min_total_hours: Option<Sp<f64>>,
    pub max_total_hours: Option<Sp<f64>>,
    pub time_off_is_rest: Option<bool>,
    pub max_per_template: Option<BTreeMap<Sp<String>, Sp<i64>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeights {
    pub uncovered: Option<Sp<f64>>,
    pub overstaffed: Option<Sp<f64>>,
    pub fairness: Option<Sp<f64>>,
    pub hours: Option<Sp<f64>>,
    pub missing_holder: Option<Sp<f64>>,
    pub oncall_fairness: Option<Sp<f64>>,
    pub comp_overdue: Option<Sp<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemplate {
    pub start: Sp<Value>,
    pub end: Sp<Value>,
    pub skills: Option<Sp<Value>>,
    pub agents: Option<Vec<Sp<String>>>,
    pub night: Option<bool>,
    pub not_followed_by: Option<Vec<Sp<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgent {
    pub zone: Sp<String>,
    pub skills: Option<Sp<Value>>,
    pub templates: Option<Vec<Sp<String>>>,
    #[serde(default)]
    pub off: Vec<Sp<Value>>,
    #[serde(default)]
    pub calendars: Vec<Sp<String>>,
    #[serde(default)]
    pub rules: RawRules,
    pub comp_opening: Option<Sp<f64>>,
    #[serde(default)]
    pub comp_dates: Vec<Sp<Value>>,
    #[serde(default)]
    pub prefer: Vec<Sp<RawRequest>>,
    #[serde(default)]
    pub avoid: Vec<Sp<RawRequest>>,
}
