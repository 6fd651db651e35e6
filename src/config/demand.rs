//! `[demand.CHANNEL]`: contact volume by hour, a handle time and a service
//! goal, turned with Erlang C ([`crate::erlang`]) into coverage needs for
//! the channel's skill — one per weekday and run of hours with one count.

use super::raw::RawDemand;
use super::{num_in, values, Need, Spanned};
use crate::erlang::{self, Goal};
use crate::error::{Error, Source};
use std::collections::{BTreeMap, BTreeSet};

/// One channel's demand, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    pub name: String,
    pub skill: String,
    /// Monday first.
    pub days: [bool; 7],
    /// Contacts in each hour 0–23 (coverage zone) of those days.
    pub per_hour: [f64; 24],
    pub handle_seconds: f64,
    pub goal: Goal,
    pub shrinkage: f64,
    pub max_occupancy: f64,
}

/// What one hour of a channel needs.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Staffing {
    pub contacts: f64,
    pub erlangs: f64,
    /// On duty, by Erlang C.
    pub agents: u32,
    /// To schedule: agents / (1 − shrinkage), rounded up.
    pub scheduled: u32,
}

impl Channel {
    /// The staffing of hour `h`.
    pub fn staffing(&self, h: usize) -> Staffing {
        let contacts = self.per_hour[h];
        let erlangs = contacts * self.handle_seconds / 3600.0;
        let agents = erlang::agents_needed(erlangs, self.handle_seconds, self.goal, self.max_occupancy);
        let scheduled = (f64::from(agents) / (1.0 - self.shrinkage) - 1e-9).ceil().max(0.0) as u32;
        Staffing {
            contacts,
            erlangs,
            agents,
            scheduled,
        }
    }

    /// Coverage needs for the channel's skill: per weekday, one per run of
    /// hours with the same count to schedule.
    pub fn needs(&self) -> Vec<Need> {
        let counts: Vec<u32> = (0..24).map(|h| self.staffing(h).scheduled).collect();
        let mut out = Vec::new();
        let mut h = 0;
        while h < 24 {
            let end = h + counts[h..].iter().take_while(|&&c| c == counts[h]).count();
            if counts[h] > 0 {
                out.push(Need {
                    label: format!("{} demand {:02}:00-{:02}:00", self.name, h, end),
                    days: self.days,
                    from: (h * 60) as u32,
                    to: (end * 60) as u32,
                    agents: counts[h],
                    skills: BTreeSet::from([self.skill.clone()]),
                });
            }
            h = end;
        }
        out
    }
}

fn hours(s: &Source, v: &Spanned<Vec<f64>>, key: &str) -> Result<[f64; 24], Error> {
    let list = v.get_ref();
    let bad = list.iter().any(|x| !x.is_finite() || *x < 0.0 || *x > MAX_PER_HOUR);
    if list.len() != 24 || bad {
        return Err(s.error(
            v.span(),
            format!(
                "{key} needs 24 numbers from 0 to {MAX_PER_HOUR} (hours 0–23), found {}",
                list.len()
            ),
            key,
            Some("one number per hour of the day, in the coverage zone".into()),
        ));
    }
    let mut out = [0.0; 24];
    out.copy_from_slice(list);
    Ok(out)
}

/// The most contacts an hour may bring (a million: a national call centre's peak, and then some).
const MAX_PER_HOUR: f64 = 1e6;

/// The most agents a derived need may ask for in an hour, as a written `need` may.
const MAX_NEED: u32 = 1000;

/// The 24 hourly volumes: `per_hour`, or `daily` spread by `profile`.
fn volumes(s: &Source, name: &Spanned<String>, d: &RawDemand) -> Result<[f64; 24], Error> {
    let curve = match (&d.per_hour, &d.daily, &d.profile) {
        (Some(p), None, None) => hours(s, p, "per_hour")?,
        (None, Some(total), Some(profile)) => {
            let w = hours(s, profile, "profile")?;
            let daily = num_in(s, &Some(total.clone()), "daily", 0.0, 1e7, 0.0)?;
            let sum: f64 = w.iter().sum();
            let spread = w.map(|x| if sum > 0.0 { daily * x / sum } else { 0.0 });
            if let Some(h) = spread.iter().position(|x| *x > MAX_PER_HOUR) {
                return Err(s.error(
                    total.span(),
                    format!("daily spread by the profile brings {:.0} contacts at {h:02}:00, more than {MAX_PER_HOUR} an hour", spread[h]),
                    "daily",
                    Some("check daily (contacts per day) and the profile".into()),
                ));
            }
            spread
        }
        _ => {
            return Err(s.error(
                name.span(),
                format!(
                    "demand `{}` needs `per_hour`, or `daily` with a `profile`",
                    name.get_ref()
                ),
                "volume",
                Some("e.g. per_hour = [0, 0, …, 40, 55, …] (24 numbers)".into()),
            ))
        }
    };
    if curve.iter().all(|x| *x == 0.0) {
        return Err(s.error(
            name.span(),
            format!("demand `{}` has no contacts", name.get_ref()),
            "zero volume",
            None,
        ));
    }
    Ok(curve)
}

/// The service goal: a service level within seconds, or an average speed of answer.
fn goal(s: &Source, name: &Spanned<String>, d: &RawDemand) -> Result<Goal, Error> {
    match (&d.service_level, &d.answer_seconds, &d.asa_seconds) {
        (Some(level), Some(t), None) => Ok(Goal::ServiceLevel {
            level: num_in(s, &Some(level.clone()), "service_level", 0.01, 0.999, 0.8)?,
            seconds: num_in(s, &Some(t.clone()), "answer_seconds", 0.0, 86_400.0, 20.0)?,
        }),
        (None, None, Some(asa)) => Ok(Goal::AverageSpeed {
            seconds: num_in(s, &Some(asa.clone()), "asa_seconds", 0.1, 86_400.0, 30.0)?,
        }),
        _ => Err(s.error(
            name.span(),
            format!(
                "demand `{}` needs a goal: service_level with answer_seconds, or asa_seconds",
                name.get_ref()
            ),
            "goal",
            Some("e.g. service_level = 0.8, answer_seconds = 20 (80 % in 20 s)".into()),
        )),
    }
}

/// A derived need the model can hold: at most [`MAX_NEED`] agents in any hour.
fn fits(s: &Source, name: &Spanned<String>, c: &Channel) -> Result<(), Error> {
    let Some((h, top)) = (0..24).map(|h| (h, c.staffing(h).scheduled)).max_by_key(|(_, n)| *n) else {
        return Ok(());
    };
    if top <= MAX_NEED {
        return Ok(());
    }
    Err(s.error(
        name.span(),
        format!(
            "demand `{}` needs {top} agents at {h:02}:00, more than a coverage need may ask ({MAX_NEED})",
            name.get_ref()
        ),
        "this demand",
        Some("check per_hour / daily (contacts per hour, not per year) and handle_seconds".into()),
    ))
}

/// Reads every `[demand.CHANNEL]`; `skills` are the team's.
pub fn channels(
    s: &Source,
    raw: &BTreeMap<Spanned<String>, Spanned<RawDemand>>,
    skills: &BTreeSet<&str>,
) -> Result<Vec<Channel>, Error> {
    let mut out = Vec::new();
    for (name, d) in raw {
        let d = d.get_ref();
        let skill = d.skill.as_ref().map_or(name, |k| k).get_ref().trim().to_lowercase();
        if !skills.contains(skill.as_str()) {
            let at = d.skill.as_ref().map_or(name.span(), |k| k.span());
            return Err(super::unknown_skill(
                s,
                at,
                &skill,
                skills,
                &format!("demand `{}`", name.get_ref()),
            ));
        }
        let days = match &d.days {
            Some(v) => {
                values::parse_at(v.get_ref())
                    .map_err(|why| {
                        s.error(
                            v.span(),
                            format!("cannot read days `{}`: {why}", v.get_ref()),
                            "days",
                            None,
                        )
                    })?
                    .days
            }
            None => [true; 7],
        };
        out.push(Channel {
            name: name.get_ref().clone(),
            skill,
            days,
            per_hour: volumes(s, name, d)?,
            handle_seconds: num_in(
                s,
                &Some(d.handle_seconds.clone()),
                "handle_seconds",
                1.0,
                86_400.0,
                180.0,
            )?,
            goal: goal(s, name, d)?,
            shrinkage: num_in(s, &d.shrinkage, "shrinkage", 0.0, 0.95, 0.0)?,
            max_occupancy: num_in(s, &d.max_occupancy, "max_occupancy", 0.05, 1.0, 1.0)?,
        });
        fits(s, name, out.last().expect("just pushed"))?;
    }
    Ok(out)
}
