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
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeights {
    pub uncovered: Option<Sp<f64>>,
    pub overstaffed: Option<Sp<f64>>,
    pub fairness: Option<Sp<f64>>,
    pub hours: Option<Sp<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemplate {
    pub start: Sp<Value>,
    pub end: Sp<Value>,
    pub skills: Option<Sp<Value>>,
    pub agents: Option<Vec<Sp<String>>>,
    pub night: Option<bool>,
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
}
