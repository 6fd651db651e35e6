//! `[stages]`: a custom coverage ladder for `sunrota size --stages` — rungs
//! with a name, the hours someone is on duty and how many, each covering at
//! least the hours of the one before.

use super::raw::RawStages;
use super::{values, Spanned};
use crate::error::{Error, Source};
use chrono_tz::Tz;

/// One rung: its name, its hours as in a coverage need, agents on duty.
#[derive(Debug, Clone, PartialEq)]
pub struct Rung {
    pub name: String,
    pub at: String,
    pub agents: u32,
}

/// The ladder and the zone of its hours.
#[derive(Debug, Clone, PartialEq)]
pub struct Ladder {
    pub zone: Option<Tz>,
    pub rungs: Vec<Rung>,
}

/// Hours a week with someone on duty under `at`.
pub fn hours_per_week(spec: &values::AtSpec) -> f64 {
    let days = spec.days.iter().filter(|d| **d).count() as f64;
    let span = if spec.to > spec.from {
        spec.to - spec.from
    } else {
        spec.to + 1440 - spec.from
    };
    days * f64::from(span) / 60.0
}

/// Reads `[stages]`; a rung with fewer hours or agents than the one before is an error.
pub fn ladder(s: &Source, raw: Option<&Spanned<RawStages>>) -> Result<Option<Ladder>, Error> {
    let Some(raw) = raw else { return Ok(None) };
    let r = raw.get_ref();
    let zone = r.zone.as_ref().map(|z| values::zone(s, z)).transpose()?;
    let mut rungs = Vec::new();
    let mut last = (0.0, 0);
    for rung in &r.ladder {
        let g = rung.get_ref();
        let spec = values::parse_at(g.at.get_ref()).map_err(|why| {
            s.error(
                g.at.span(),
                format!("cannot read `{}`: {why}", g.at.get_ref()),
                "stage hours",
                None,
            )
        })?;
        let agents = g.agents.as_ref().map_or(1, |a| *a.get_ref());
        if !(1..=1000).contains(&agents) {
            let at = g.agents.as_ref().map_or(rung.span(), |a| a.span());
            return Err(s.error(at, format!("a rung of {agents} agents is out of range"), "agents", None));
        }
        let now = (hours_per_week(&spec), agents as u32);
        if now.0 < last.0 || now.1 < last.1 {
            return Err(s.error(
                rung.span(),
                format!(
                    "stage `{}` shrinks the ladder: {} h a week × {} after {} h × {}",
                    g.name.get_ref(),
                    now.0,
                    now.1,
                    last.0,
                    last.1
                ),
                "shrinks",
                Some("list the rungs from the smallest coverage to the largest".into()),
            ));
        }
        last = now;
        rungs.push(Rung {
            name: g.name.get_ref().clone(),
            at: g.at.get_ref().trim().to_string(),
            agents: now.1,
        });
    }
    Ok(Some(Ladder { zone, rungs }))
}
