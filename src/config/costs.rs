//! `[costs]`: what an hour of each agent costs, the premiums for nights,
//! weekends and holidays, and the seat cost of tooling — checked once here.

use super::raw::RawCosts;
use super::{num_in, values, Spanned};
use crate::error::{Error, Source};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// Pay and tooling. Premiums do not compound: a shift is paid at the largest
/// multiplier that applies to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Costs {
    pub currency: String,
    /// Per agent-hour, for agents without a hub or own rate.
    pub rate: f64,
    /// Per agent-hour by hub (zone name).
    pub zones: BTreeMap<String, f64>,
    pub night: f64,
    pub weekend: f64,
    pub holiday: f64,
    /// Per agent per month (1/12 of a year).
    pub seat_per_month: f64,
}

impl Costs {
    /// The hourly rate of an agent: its own, else its hub's, else the team's.
    pub fn rate_of(&self, own: Option<f64>, zone: Tz) -> f64 {
        own.or_else(|| self.zones.get(zone.name()).copied())
            .unwrap_or(self.rate)
    }
}

/// Reads `[costs]` (absent: no cost report).
pub fn costs(s: &Source, raw: Option<&Spanned<RawCosts>>) -> Result<Option<Costs>, Error> {
    let Some(raw) = raw else { return Ok(None) };
    let c = raw.get_ref();
    let rate = num_in(s, &Some(c.rate.clone()), "rate", 0.0, 100_000.0, 0.0)?;
    let mut zones = BTreeMap::new();
    for (zone, r) in &c.zones {
        let tz = values::zone(s, zone)?;
        zones.insert(
            tz.name().to_string(),
            num_in(s, &Some(r.clone()), "rate", 0.0, 100_000.0, 0.0)?,
        );
    }
    let premium = |v: &Option<Spanned<f64>>, key: &str| num_in(s, v, key, 1.0, 10.0, 1.0);
    Ok(Some(Costs {
        currency: c
            .currency
            .as_ref()
            .map_or_else(|| "USD".to_string(), |v| v.get_ref().trim().to_string()),
        rate,
        zones,
        night: premium(&c.night, "night")?,
        weekend: premium(&c.weekend, "weekend")?,
        holiday: premium(&c.holiday, "holiday")?,
        seat_per_month: num_in(s, &c.seat_per_month, "seat_per_month", 0.0, 100_000.0, 0.0)?,
    }))
}
