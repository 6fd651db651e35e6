//! One on-call duty of a rota as the paging tools' schedule overrides: which
//! holds (one override each, whatever its length — an overnight or a
//! week-long hold stays one), who in the tool's user ids, and the JSON body of
//! each vendor's "create overrides" call (PagerDuty, Datadog On-Call,
//! Opsgenie). Pure functions of config and rota; `export` writes the body,
//! `publish` sends it.

use crate::config::paging::Tool;
use crate::config::{Config, Duty};
use crate::error::Error;
use crate::rota::Rota;
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde_json::{json, Value};

/// One hold as an override: the holder's id in the tool and the exact instants.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Override {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub agent: String,
    /// The agent's user id in the tool.
    pub user: String,
}

/// The duty to export: the one named, or the config's only one.
pub fn duty<'a>(cfg: &'a Config, name: Option<&str>) -> Result<&'a Duty, Error> {
    let names = || {
        cfg.duties
            .iter()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match name {
        Some(n) => cfg.duties.iter().find(|d| d.name == n).ok_or_else(|| {
            let hint = if cfg.duties.is_empty() {
                "the config has no [oncall.NAME] duty".to_string()
            } else {
                format!("the config's duties: {}", names())
            };
            Error::invalid(format!("no on-call duty named `{n}`"), Some(hint))
        }),
        None => match cfg.duties.as_slice() {
            [only] => Ok(only),
            [] => Err(Error::invalid(
                "the config has no on-call duty to export",
                Some("on-call duties are [oncall.NAME] tables (README: \"On-call\")".into()),
            )),
            _ => Err(Error::invalid(
                "the config has several on-call duties",
                Some(format!("name one with --duty: {}", names())),
            )),
        },
    }
}

/// The rota's holds of `duty` as overrides, in time order. Every holder must
/// have an id in the tool: one message names all who lack it.
pub fn overrides(cfg: &Config, rota: &Rota, duty: &Duty, tool: Tool) -> Result<Vec<Override>, Error> {
    if duty.holders > 1 {
        return Err(Error::invalid(
            format!(
                "on-call duty `{}` has {} holders per period, but {tool} schedules page one person at a time",
                duty.name, duty.holders
            ),
            Some("give each holder a duty of its own (holders = 1), one schedule each".into()),
        ));
    }
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for h in rota.duty.holds.iter().filter(|h| h.duty == duty.name) {
        match cfg.agent(&h.agent).and_then(|(_, a)| a.paging.get(tool)) {
            Some(user) => out.push(Override {
                start: h.start,
                end: h.end,
                agent: h.agent.clone(),
                user: user.to_string(),
            }),
            None if !missing.contains(&h.agent) => missing.push(h.agent.clone()),
            None => {}
        }
    }
    if !missing.is_empty() {
        return Err(Error::invalid(
            match missing.len() {
                1 => format!(
                    "1 agent holds `{}` but has no {tool} user id: {}",
                    duty.name, missing[0]
                ),
                n => format!(
                    "{n} agents hold `{}` but have no {tool} user id: {}",
                    duty.name,
                    missing.join(", ")
                ),
            },
            Some(format!(
                "add `{} = \"…\"` to each of them under [agents], e.g. {} = {{ zone = …, {} = \"{}\" }}",
                tool.key(),
                missing[0],
                tool.key(),
                placeholder(tool)
            )),
        ));
    }
    out.sort();
    Ok(out)
}

/// The duty's periods the rota leaves without (enough) holders, each said on stderr.
pub fn unfilled(rota: &Rota, duty: &Duty) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::new();
    for u in rota.duty.unfilled.iter().filter(|u| u.duty == duty.name) {
        let at = |t: DateTime<Utc>| t.with_timezone(&duty.zone).format("%a %Y-%m-%d %H:%M");
        crate::stderrln!(
            "note: `{}` has no holder {} → {} ({}): the rota leaves it unfilled, so it gets no override and the schedule's own layers page then",
            duty.name,
            at(u.start),
            at(u.end),
            duty.zone.name()
        );
        out.push((u.start, u.end));
    }
    out
}

fn placeholder(tool: Tool) -> &'static str {
    match tool {
        Tool::Pagerduty => "PABC123",
        Tool::Datadog => "00000000-0000-0000-0000-000000000000",
        Tool::Opsgenie => "name@example.com",
    }
}

/// An instant as the APIs take it: RFC 3339 with the offset it carries.
pub fn instant(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// PagerDuty's `POST /schedules/{id}/overrides` body: every override in one call.
pub fn pagerduty(overrides: &[Override], duty: &Duty) -> Value {
    let items: Vec<Value> = overrides
        .iter()
        .map(|o| {
            json!({
                "start": instant(&o.start),
                "end": instant(&o.end),
                "user": { "id": o.user, "type": "user_reference" },
                "time_zone": duty.zone.name(),
            })
        })
        .collect();
    json!({ "overrides": items })
}

/// Opsgenie's `POST /v2/schedules/{identifier}/overrides` takes one override
/// per call: the bodies in order, as a JSON array. Each alias is stable (duty and start), so
/// sending one again names the same override.
pub fn opsgenie(overrides: &[Override], duty: &Duty) -> Value {
    let items: Vec<Value> = overrides
        .iter()
        .map(|o| {
            let user = if o.user.contains('@') {
                json!({ "type": "user", "username": o.user })
            } else {
                json!({ "type": "user", "id": o.user })
            };
            json!({
                "alias": alias(duty, o),
                "user": user,
                "startDate": instant(&o.start),
                "endDate": instant(&o.end),
            })
        })
        .collect();
    Value::Array(items)
}

/// "sunrota-phone-20270104T090000Z": one override's stable name.
pub fn alias(duty: &Duty, o: &Override) -> String {
    format!("sunrota-{}-{}", duty.name, o.start.to_utc().format("%Y%m%dT%H%M%SZ"))
}

/// The body of `tool`'s create call(s) for these overrides.
pub fn body(tool: Tool, overrides: &[Override], duty: &Duty) -> Value {
    match tool {
        Tool::Pagerduty => pagerduty(overrides, duty),
        Tool::Datadog => datadog(overrides),
        Tool::Opsgenie => opsgenie(overrides, duty),
    }
}

/// Datadog On-Call's `POST /api/v2/on-call/schedules/{schedule_id}/overrides`
/// takes at most this many overrides per call.
pub const DATADOG_BATCH: usize = 25;

/// Datadog On-Call's create-overrides bodies (JSON:API), one per call of at
/// most [`DATADOG_BATCH`] overrides, in order.
pub fn datadog(overrides: &[Override]) -> Value {
    let bodies: Vec<Value> = overrides
        .chunks(DATADOG_BATCH)
        .map(|chunk| {
            let data: Vec<Value> = chunk
                .iter()
                .map(|o| {
                    json!({
                        "type": "overrides",
                        "attributes": { "start": instant(&o.start), "end": instant(&o.end) },
                        "relationships": { "user": { "data": { "id": o.user, "type": "users" } } },
                    })
                })
                .collect();
            json!({ "data": data })
        })
        .collect();
    Value::Array(bodies)
}
