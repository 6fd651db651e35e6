//! What changed between two rotas of one team: per agent, each shift, on-call
//! hold and comp day that one rota has and the other lacks, in the agent's
//! local time, and the coverage each leaves. Pure data and text; the
//! command reads the files and finds the gaps with `check`.

use super::clock;
use crate::config::Config;
use crate::rota::{Gap, Rota, Shift};
use crate::time::{self, Instant};
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One shift, hold or comp day as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Item {
    /// The local date it starts on.
    pub date: NaiveDate,
    /// "shift late", "on-call phone", "comp day".
    pub what: String,
    /// "12:00–20:00 +00:00" (empty for a comp day).
    pub when: String,
    /// `plan --keep`: why the re-plan made this change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// One agent's changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AgentDiff {
    pub agent: String,
    pub zone: String,
    /// In the first rota only.
    pub removed: Vec<Item>,
    /// In the second rota only.
    pub added: Vec<Item>,
}

/// The coverage one rota leaves, as `check` finds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub uncovered_agent_minutes: i64,
    pub gap_lines: Vec<String>,
}

/// Everything that differs between two rotas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RotaDiff {
    pub agents: Vec<AgentDiff>,
    pub before: Coverage,
    pub after: Coverage,
}

impl RotaDiff {
    /// Whether the two rotas assign the same work and leave the same gaps.
    pub fn is_empty(&self) -> bool {
        self.agents.is_empty() && self.before == self.after
    }
}

fn span(tz: Tz, s: Instant, e: Instant) -> String {
    super::agenda::clock_span(s.with_timezone(&tz).fixed_offset(), e.with_timezone(&tz).fixed_offset())
}

/// A shift as the diff lists it, in its agent's zone.
pub fn shift_item(cfg: &Config, s: &Shift) -> Item {
    let tz = cfg.agent(&s.agent).map_or(chrono_tz::UTC, |(_, a)| a.zone);
    let (a, b) = (s.start_utc(), s.end_utc());
    Item {
        date: time::local_date(tz, a),
        what: format!("shift {}", s.template),
        when: span(tz, a, b),
        why: None,
    }
}

/// Every shift, hold and comp day of `rota`, by agent, in the agent's zone.
fn items(cfg: &Config, rota: &Rota) -> BTreeMap<String, Vec<Item>> {
    let zone = |name: &str| cfg.agent(name).map_or(chrono_tz::UTC, |(_, a)| a.zone);
    let mut out: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for s in &rota.shifts {
        out.entry(s.agent.clone()).or_default().push(shift_item(cfg, s));
    }
    for h in &rota.duty.holds {
        let tz = zone(&h.agent);
        let (a, b) = (h.start.to_utc(), h.end.to_utc());
        let when = format!("{} to {}", time::local_text(tz, a), time::local_text(tz, b));
        let item = Item {
            date: time::local_date(tz, a),
            what: format!("on-call {}", h.duty),
            when,
            why: None,
        };
        out.entry(h.agent.clone()).or_default().push(item);
    }
    for c in &rota.duty.taken {
        let item = Item {
            date: c.date,
            what: "comp day".into(),
            when: String::new(),
            why: None,
        };
        out.entry(c.agent.clone()).or_default().push(item);
    }
    out
}

/// The coverage a rota's gaps leave, with gap lines in `tz`.
pub fn coverage(gaps: &[Gap], tz: Tz) -> Coverage {
    Coverage {
        uncovered_agent_minutes: gaps.iter().map(Gap::agent_minutes).sum(),
        gap_lines: super::gaps::lines(gaps, tz),
    }
}

/// The changes from `a` to `b`, per agent in config order.
pub fn diff(cfg: &Config, a: &Rota, b: &Rota, before: Coverage, after: Coverage) -> RotaDiff {
    let (mut old, mut new) = (items(cfg, a), items(cfg, b));
    let mut agents = Vec::new();
    for agent in &cfg.agents {
        let mut x = old.remove(&agent.name).unwrap_or_default();
        let mut y = new.remove(&agent.name).unwrap_or_default();
        x.sort();
        y.sort();
        let removed: Vec<Item> = x.iter().filter(|i| !y.contains(i)).cloned().collect();
        let added: Vec<Item> = y.iter().filter(|i| !x.contains(i)).cloned().collect();
        if !removed.is_empty() || !added.is_empty() {
            agents.push(AgentDiff {
                agent: agent.name.clone(),
                zone: agent.zone.name().to_string(),
                removed,
                added,
            });
        }
    }
    RotaDiff { agents, before, after }
}

/// "ana (Europe/Dublin)" then one `-` / `+` line per item by date, then coverage.
pub fn text(d: &RotaDiff, names: (&str, &str)) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {}\n+++ {}", names.0, names.1);
    for a in &d.agents {
        let _ = writeln!(out, "{} ({}, local time)", a.agent, a.zone);
        let mut lines: Vec<(&Item, char)> = a.removed.iter().map(|i| (i, '-')).collect();
        lines.extend(a.added.iter().map(|i| (i, '+')));
        lines.sort_by_key(|(i, sign)| (i.date, *sign == '+'));
        for (i, sign) in lines {
            let _ = writeln!(out, "  {sign} {}  {:<16} {}", clock::day(i.date), i.what, i.when);
            if let Some(why) = &i.why {
                let _ = writeln!(out, "      {why}");
            }
        }
    }
    if d.agents.is_empty() {
        let _ = writeln!(out, "The same shifts, on-call holds and comp days.");
    }
    let _ = writeln!(
        out,
        "Coverage: {} → {} uncovered agent-minutes",
        d.before.uncovered_agent_minutes, d.after.uncovered_agent_minutes
    );
    for l in d.before.gap_lines.iter().filter(|l| !d.after.gap_lines.contains(l)) {
        let _ = writeln!(out, "  - gap {l}");
    }
    for l in d.after.gap_lines.iter().filter(|l| !d.before.gap_lines.contains(l)) {
        let _ = writeln!(out, "  + gap {l}");
    }
    out
}
