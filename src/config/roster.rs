//! Day-based rostering rules: shift-demand coverage (people on a template on
//! a day), shift requests (`prefer` / `avoid`), per-template caps and
//! forbidden successions — their validated form and how they are read.

use super::raw::{RawRequest, RawShiftDemand, Spanned};
use super::{check_ref, int_in, num_in, values, Template};
use crate::error::{Error, Source};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use toml::Value;

/// A required number of people on `template` on local `date`, with the price
/// of each one short (`under`) and each one too many (`over`).
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftDemand {
    pub date: NaiveDate,
    pub template: usize,
    pub agents: u32,
    pub under: f64,
    pub over: f64,
}

/// An agent's wish to work (prefer) or not to work (avoid) on `date`, on
/// `template` or (when `None`) on any shift, at a price of `weight` if unmet.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub date: NaiveDate,
    pub template: Option<usize>,
    pub weight: f64,
}

impl Request {
    pub fn matches(&self, template: usize, date: NaiveDate) -> bool {
        self.date == date && self.template.is_none_or(|t| t == template)
    }
}

/// The dates an `on` value names within `[first, end)`: a date, a range
/// `"FIRST..LAST"`, or days of the week (`"Mon-Fri"`, `"daily"`, `"Sat,Sun"`).
fn on_dates(s: &Source, v: &Spanned<Value>, first: NaiveDate, end: NaiveDate) -> Result<Vec<NaiveDate>, Error> {
    if let Value::String(text) = v.get_ref() {
        let looks_like_date = text.trim().starts_with(|c: char| c.is_ascii_digit());
        if !looks_like_date {
            let at = values::parse_at(text).map_err(|why| {
                s.error(
                    v.span(),
                    format!("cannot read days `{text}`: {why}"),
                    "days",
                    Some(
                        "write a date (2026-03-02), a range (\"2026-03-02..2026-03-06\") or days (\"Mon-Fri\")".into(),
                    ),
                )
            })?;
            return Ok(first
                .iter_days()
                .take_while(|d| *d < end)
                .filter(|d| at.days[d.weekday().num_days_from_monday() as usize])
                .collect());
        }
    }
    values::dates(s, v)
}

fn template_ref(s: &Source, name: &Spanned<String>, templates: &[Template]) -> Result<usize, Error> {
    check_ref(s, name, "template", templates.iter().map(|t| t.name.as_str()))?;
    Ok(templates.iter().position(|t| &t.name == name.get_ref()).unwrap_or(0))
}

pub fn demands(
    s: &Source,
    raw: &[Spanned<RawShiftDemand>],
    templates: &[Template],
    first: NaiveDate,
    end: NaiveDate,
) -> Result<Vec<ShiftDemand>, Error> {
    let mut out = Vec::new();
    for d in raw {
        let d = d.get_ref();
        let template = template_ref(s, &d.template, templates)?;
        let agents = int_in(s, &Some(d.agents.clone()), "agents", 0..=1000, 1)? as u32;
        let under = num_in(s, &d.under, "under", 0.0, 1e6, 100.0)?;
        let over = num_in(s, &d.over, "over", 0.0, 1e6, 1.0)?;
        for date in on_dates(s, &d.on, first, end)? {
            out.push(ShiftDemand {
                date,
                template,
                agents,
                under,
                over,
            });
        }
    }
    Ok(out)
}

pub fn requests(
    s: &Source,
    raw: &[Spanned<RawRequest>],
    templates: &[Template],
    first: NaiveDate,
    end: NaiveDate,
) -> Result<Vec<Request>, Error> {
    let mut out = Vec::new();
    for r in raw {
        let r = r.get_ref();
        let template = match &r.template {
            Some(t) => Some(template_ref(s, t, templates)?),
            None => None,
        };
        let weight = num_in(s, &r.weight, "weight", 0.0, 1e6, 1.0)?;
        for date in on_dates(s, &r.on, first, end)? {
            out.push(Request { date, template, weight });
        }
    }
    Ok(out)
}

/// `max_per_template = { D = 14 }`: template index → most shifts over the horizon.
pub fn caps(
    s: &Source,
    raw: Option<&BTreeMap<Spanned<String>, Spanned<i64>>>,
    templates: &[Template],
    base: &[(usize, u32)],
) -> Result<Vec<(usize, u32)>, Error> {
    let mut out: BTreeMap<usize, u32> = base.iter().copied().collect();
    for (name, n) in raw.into_iter().flatten() {
        let t = template_ref(s, name, templates)?;
        out.insert(
            t,
            int_in(s, &Some(n.clone()), "max_per_template", 0..=10_000, 0)? as u32,
        );
    }
    Ok(out.into_iter().collect())
}

/// `not_followed_by = ["E"]` of every template, resolved to indices.
pub fn successions(s: &Source, raw: &[Option<&Vec<Spanned<String>>>], templates: &mut [Template]) -> Result<(), Error> {
    for (i, list) in raw.iter().enumerate() {
        let mut next = Vec::new();
        for name in list.iter().copied().flatten() {
            let t = template_ref(s, name, templates)?;
            if !next.contains(&t) {
                next.push(t);
            }
        }
        next.sort_unstable();
        templates[i].not_followed_by = next;
    }
    Ok(())
}
