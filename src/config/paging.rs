//! Ids in the paging tools the on-call rota is handed to: an agent's user id
//! (`pagerduty = "PABC123"`, `datadog = "…"`, `opsgenie = "…"` on the agent)
//! and a duty's schedule id (the same keys on `[oncall.NAME]`). Read and
//! checked here; `export::paging` and `publish` use them.

use super::raw::Spanned;
use crate::error::{Error, Source};
use std::fmt;

/// A paging tool sunrota exports on-call holds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Tool {
    /// PagerDuty: schedule overrides (REST API v2).
    Pagerduty,
    /// Datadog On-Call: schedule overrides (API v2).
    Datadog,
    /// Opsgenie / Jira Service Management: schedule overrides (API v2).
    Opsgenie,
}

impl Tool {
    /// The config key naming an id in this tool: "pagerduty".
    pub fn key(self) -> &'static str {
        match self {
            Tool::Pagerduty => "pagerduty",
            Tool::Datadog => "datadog",
            Tool::Opsgenie => "opsgenie",
        }
    }
}

impl fmt::Display for Tool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tool::Pagerduty => "PagerDuty",
            Tool::Datadog => "Datadog On-Call",
            Tool::Opsgenie => "Opsgenie",
        })
    }
}

/// One id per tool, each optional: an agent's user ids or a duty's schedule ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ids {
    pub pagerduty: Option<String>,
    pub datadog: Option<String>,
    pub opsgenie: Option<String>,
}

impl Ids {
    pub fn get(&self, tool: Tool) -> Option<&str> {
        match tool {
            Tool::Pagerduty => self.pagerduty.as_deref(),
            Tool::Datadog => self.datadog.as_deref(),
            Tool::Opsgenie => self.opsgenie.as_deref(),
        }
    }
}

/// The longest id accepted: vendors' ids are short (PagerDuty 7, UUIDs 36, e-mail addresses ≤ 254).
const MAX_ID: usize = 254;

/// Reads the three optional ids; `what` is "user" or "schedule".
pub fn ids(
    s: &Source,
    pagerduty: &Option<Spanned<String>>,
    datadog: &Option<Spanned<String>>,
    opsgenie: &Option<Spanned<String>>,
    what: &str,
) -> Result<Ids, Error> {
    Ok(Ids {
        pagerduty: id(s, pagerduty, Tool::Pagerduty, what)?,
        datadog: id(s, datadog, Tool::Datadog, what)?,
        opsgenie: id(s, opsgenie, Tool::Opsgenie, what)?,
    })
}

/// An id is 1 to 254 visible ASCII characters: it goes into URLs and JSON as written.
fn id(s: &Source, raw: &Option<Spanned<String>>, tool: Tool, what: &str) -> Result<Option<String>, Error> {
    let Some(v) = raw else { return Ok(None) };
    let text = v.get_ref();
    if !text.is_empty() && text.len() <= MAX_ID && text.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(Some(text.clone()));
    }
    let shown: String = text.escape_debug().take(40).collect();
    Err(s.error(
        v.span(),
        format!("{tool} {what} id \"{shown}\" is not an id"),
        "this id",
        Some(format!(
            "copy the {what}'s id from {tool} (e.g. {}): 1 to {MAX_ID} visible characters, no spaces",
            example(tool, what)
        )),
    ))
}

fn example(tool: Tool, what: &str) -> &'static str {
    match (tool, what) {
        (Tool::Pagerduty, "user") => "\"PABC123\" from the user's page URL",
        (Tool::Pagerduty, _) => "\"P2N5SCH\" from the schedule's page URL",
        (Tool::Opsgenie, "user") => "the user's e-mail address or id",
        _ => "a UUID like \"3fa85f64-5717-4562-b3fc-2c963f66afa6\"",
    }
}
