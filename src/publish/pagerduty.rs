//! PagerDuty's three schedule-override calls (REST API v2, as its OpenAPI
//! document `tests/data/openapi/pagerduty.json` has them) and publishing a
//! [`Diff`] through them: list the window, delete what differs one by one,
//! create the missing in one call — and undo on failure.

use super::http::{Client, Failure, Method};
use super::{Diff, Existing, Window};
use crate::config::Duty;
use crate::export::paging::{self, Override};
use chrono::{DateTime, SecondsFormat};
use serde_json::Value;

/// The environment variable holding the REST API key.
pub const TOKEN: &str = "PAGERDUTY_TOKEN";

/// One schedule of one PagerDuty account.
pub struct Schedule<'a> {
    client: Client,
    id: String,
    duty: &'a Duty,
}

impl<'a> Schedule<'a> {
    pub fn new(api: &str, token: &str, id: &str, duty: &'a Duty) -> Result<Self, String> {
        let headers = vec![
            ("Authorization", format!("Token token={token}")),
            ("Accept", "application/vnd.pagerduty+json;version=2".to_string()),
        ];
        Ok(Schedule {
            client: Client::new(api, headers)?,
            id: id.to_string(),
            duty,
        })
    }

    fn path(&self) -> String {
        format!("/schedules/{}/overrides", segment(&self.id))
    }

    /// `GET /schedules/{id}/overrides?since&until&overflow=true`: the
    /// overrides touching the window, whole (without `overflow` PagerDuty cuts
    /// them at the window's bounds, and one reaching in from last month would
    /// look like the rota's).
    pub fn list(&self, w: &Window) -> Result<Vec<Existing>, Failure> {
        let stamp = |t: DateTime<chrono::Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
        let query = [
            ("since", stamp(w.from)),
            ("until", stamp(w.to)),
            ("overflow", "true".to_string()),
        ];
        let (_, text) = self.client.call(Method::Get, &self.path(), &query, None)?;
        let v: Value = serde_json::from_str(&text).map_err(|e| malformed(&e.to_string()))?;
        let items = v
            .get("overrides")
            .and_then(Value::as_array)
            .ok_or_else(|| malformed("no `overrides` list"))?;
        items.iter().map(existing).collect()
    }

    /// `DELETE /schedules/{id}/overrides/{override_id}`.
    pub fn delete(&self, id: &str) -> Result<(), Failure> {
        let path = format!("{}/{}", self.path(), segment(id));
        self.client.call(Method::Delete, &path, &[], None).map(|_| ())
    }

    /// `POST /schedules/{id}/overrides` with every override in one body: the
    /// created ids, or the first override PagerDuty rejected (with the ids of
    /// the ones it did create, to undo).
    pub fn create(&self, overrides: &[Override]) -> Result<Vec<String>, (Vec<String>, Failure)> {
        if overrides.is_empty() {
            return Ok(Vec::new());
        }
        let body = paging::pagerduty(overrides, self.duty).to_string();
        let (_, text) = self
            .client
            .call(Method::Post, &self.path(), &[], Some(&body))
            .map_err(|f| (Vec::new(), f))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| (Vec::new(), malformed(&e.to_string())))?;
        let items = v.as_array().cloned().unwrap_or_default();
        let mut ids = Vec::new();
        let mut refused = None;
        for item in &items {
            let status = item.get("status").and_then(Value::as_f64).unwrap_or(201.0) as u16;
            match item.pointer("/override/id").and_then(Value::as_str) {
                Some(id) if (200..300).contains(&status) => ids.push(id.to_string()),
                _ => {
                    refused.get_or_insert(Failure::Status {
                        status,
                        message: item.get("errors").map(Value::to_string).unwrap_or_default(),
                    });
                }
            }
        }
        if refused.is_none() && ids.len() != overrides.len() {
            refused = Some(malformed(&format!(
                "{} of {} overrides answered",
                ids.len(),
                overrides.len()
            )));
        }
        match refused {
            None => Ok(ids),
            Some(f) => Err((ids, f)),
        }
    }

    /// Applies `d`: deletions, then creations. On a failure, undoes what was
    /// done. `Ok` when converged; `Err` says the failure and the state left.
    pub fn apply(&self, d: &Diff) -> Result<(), String> {
        let mut deleted: Vec<&Existing> = Vec::new();
        for e in &d.delete {
            if let Err(f) = self.delete(&e.id) {
                return Err(self.undo(&f, &deleted, &[]));
            }
            deleted.push(e);
        }
        match self.create(&d.create) {
            Ok(_) => Ok(()),
            Err((created, f)) => Err(self.undo(&f, &deleted, &created)),
        }
    }

    /// Puts back what was deleted and removes what was created; says which state it left.
    fn undo(&self, f: &Failure, deleted: &[&Existing], created: &[String]) -> String {
        let done = deleted.len() + created.len();
        if done == 0 {
            return format!("PagerDuty answered {f}; nothing was changed: the schedule is unchanged");
        }
        let back: Vec<Override> = deleted
            .iter()
            .map(|e| Override {
                start: e.start,
                end: e.end,
                agent: String::new(),
                user: e.user.clone(),
            })
            .collect();
        let undone = created
            .iter()
            .try_for_each(|id| self.delete(id))
            .and_then(|()| self.create(&back).map(|_| ()).map_err(|(_, f)| f));
        match undone {
            Ok(()) => format!("PagerDuty answered {f}; the {done} change(s) already made were undone: the schedule is unchanged"),
            Err(g) => format!(
                "PagerDuty answered {f}, and undoing the {done} change(s) already made failed too ({g}): the schedule is part-way; run `sunrota publish` again to converge"
            ),
        }
    }
}

/// An override of the list answer.
fn existing(v: &Value) -> Result<Existing, Failure> {
    let text = |p: &str| {
        v.pointer(p)
            .and_then(Value::as_str)
            .ok_or_else(|| malformed(&format!("an override without `{p}`")))
    };
    let time = |p: &str| {
        text(p).and_then(|s| DateTime::parse_from_rfc3339(s).map_err(|e| malformed(&format!("`{p}` {s}: {e}"))))
    };
    Ok(Existing {
        id: text("/id")?.to_string(),
        start: time("/start")?,
        end: time("/end")?,
        user: text("/user/id")?.to_string(),
    })
}

fn malformed(what: &str) -> Failure {
    Failure::Status {
        status: 200,
        message: format!("an answer sunrota cannot read: {what}"),
    }
}

/// A path segment: unreserved characters as they are, the rest percent-encoded.
fn segment(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
