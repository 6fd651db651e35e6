//! PagerDuty's three schedule-override calls (REST API v2, as its OpenAPI
//! document `tests/data/openapi/pagerduty.json` has them) and publishing a
//! [`Diff`] through them: list the window, create the missing in one call,
//! delete what differs one by one — and, on a failure, look again and undo.

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

    /// `DELETE /schedules/{id}/overrides/{override_id}`; one already gone (404) is done too.
    pub fn delete(&self, id: &str) -> Result<(), Failure> {
        let path = format!("{}/{}", self.path(), segment(id));
        match self.client.call(Method::Delete, &path, &[], None) {
            Ok(_) | Err(Failure::Status { status: 404, .. }) => Ok(()),
            Err(f) => Err(f),
        }
    }

    /// `POST /schedules/{id}/overrides` with every override in one body. An
    /// answer that rejects any of them (per-override statuses) is a failure.
    pub fn create(&self, overrides: &[Override]) -> Result<(), Failure> {
        if overrides.is_empty() {
            return Ok(());
        }
        let body = paging::pagerduty(overrides, self.duty).to_string();
        let (_, text) = self.client.call(Method::Post, &self.path(), &[], Some(&body))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| malformed(&e.to_string()))?;
        let items = v
            .as_array()
            .ok_or_else(|| malformed("the create answer is not a list"))?;
        for item in items {
            let status = item.get("status").and_then(Value::as_f64).unwrap_or(201.0) as u16;
            if !(200..300).contains(&status) {
                let errors: Vec<&str> = item
                    .get("errors")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                return Err(Failure::Status {
                    status,
                    message: format!("an override was refused: {}", errors.join("; ")),
                });
            }
        }
        if items.len() != overrides.len() {
            return Err(malformed(&format!(
                "{} of {} overrides answered",
                items.len(),
                overrides.len()
            )));
        }
        Ok(())
    }

    /// Sends `d`: the missing overrides first (the last created wins, so the
    /// phone is never without its holder), then the deletions.
    fn send(&self, d: &Diff) -> Result<(), Failure> {
        self.create(&d.create)?;
        d.delete.iter().try_for_each(|e| self.delete(&e.id))
    }

    /// Applies `d` to make the window say `want`. On a failure it looks again
    /// (the failed call may have done its work) and, unless the schedule is
    /// unchanged or already converged, puts back what it had. `Ok` when the
    /// schedule says what the rota says; `Err` names the failure and the state.
    pub fn apply(&self, d: &Diff, want: &[Override], w: &Window) -> Result<(), (String, Failure)> {
        let Err(f) = self.send(d) else { return Ok(()) };
        self.recover(&f, d, want, w).map_err(|m| (m, f))
    }

    /// After `f`: converged, unchanged, undone, or part-way — and which.
    fn recover(&self, f: &Failure, d: &Diff, want: &[Override], w: &Window) -> Result<(), String> {
        let before: Vec<Existing> = d.keep.iter().chain(&d.delete).cloned().collect();
        let lost = |g: &Failure| {
            format!("{}, and listing the schedule again failed ({g}): its state is not known; run `sunrota publish` again to converge", said(f))
        };
        let now = self.list(w).map_err(|g| lost(&g))?;
        let after = super::diff(want, now.clone(), w);
        if after.is_empty() {
            crate::stderrln!("note: {}, but the schedule now says what the rota says", said(f));
            return Ok(());
        }
        if same(&before, &now, w) {
            return Err(format!("{}: the schedule is unchanged", said(f)));
        }
        let back: Vec<Override> = before.iter().map(as_override).collect();
        let undone = self.send(&super::diff(&back, now, w)).and_then(|()| self.list(w));
        match undone {
            Ok(again) if same(&before, &again, w) => {
                Err(format!("{}; what was already sent is undone: the schedule is unchanged", said(f)))
            }
            Ok(_) | Err(_) => Err(format!(
                "{}, and undoing what was already sent did not finish: the schedule is part-way; run `sunrota publish` again to converge",
                said(f)
            )),
        }
    }
}

/// A failed call in words: "PagerDuty answered HTTP 500: …", "PagerDuty did not answer: …".
pub fn said(f: &Failure) -> String {
    match f {
        Failure::Status { .. } => format!("PagerDuty answered {f}"),
        Failure::RateLimited => format!(
            "PagerDuty kept answering HTTP 429 (rate-limited) after {} waits",
            super::http::RETRIES
        ),
        Failure::Transport(e) => format!("PagerDuty did not answer: {e}"),
        Failure::Unreadable(e) => format!("PagerDuty's answer could not be read: {e}"),
    }
}

/// Whether the window's overrides in `now` are those of `before` (by instants and person).
fn same(before: &[Existing], now: &[Existing], w: &Window) -> bool {
    let back: Vec<Override> = before.iter().map(as_override).collect();
    super::diff(&back, now.to_vec(), w).is_empty()
}

fn as_override(e: &Existing) -> Override {
    Override {
        start: e.start,
        end: e.end,
        agent: String::new(),
        user: e.user.clone(),
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
    Failure::Unreadable(what.to_string())
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
