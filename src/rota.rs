//! The rota: plain data shared by `plan`, `check` and the reports, and its
//! file format — a TOML file with one line per shift, sorted, with no
//! timestamps, so the same rota is byte-identical and diffs read like edits.

use crate::error::{Error, Source};
use crate::time::Instant;
use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::Path;
use toml::Spanned;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rota {
    pub start: NaiveDate,
    pub weeks: u32,
    /// The coverage zone's name.
    pub zone: String,
    /// The team it was planned for (rotas before `[rota] team` have none).
    pub team: Option<TeamMark>,
    pub summary: Summary,
    pub gaps: Vec<Gap>,
    /// Shift demands left short (day-based coverage).
    pub shortages: Vec<Shortage>,
    pub shifts: Vec<Shift>,
    /// On-call holders and comp days (empty when the config has neither).
    pub duty: DutyRecord,
}

/// Which team a rota belongs to: the config's `[rota] team` and fingerprint
/// (`plan` writes both; a hand-written file may name the team only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamMark {
    pub name: String,
    pub fingerprint: Option<String>,
}

/// What a rota says about on-call duty and comp days.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DutyRecord {
    /// Who holds which on-call period.
    pub holds: Vec<Hold>,
    /// Periods the planner could not give all their holders.
    pub unfilled: Vec<Unfilled>,
    /// Comp days earned by duty held or shifts worked in this rota.
    pub earned: Vec<Credit>,
    /// Comp days taken in this rota.
    pub taken: Vec<CompDay>,
    /// Per agent: opening + earned − taken = balance.
    pub ledger: Vec<LedgerLine>,
}

impl DutyRecord {
    pub fn is_empty(&self) -> bool {
        self.holds.is_empty()
            && self.unfilled.is_empty()
            && self.earned.is_empty()
            && self.taken.is_empty()
            && self.ledger.is_empty()
    }
}

/// One agent holding one period of an on-call duty. Instants carry the holder's UTC offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hold {
    pub duty: String,
    pub agent: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    #[serde(skip)]
    pub span: Option<std::ops::Range<usize>>,
}

/// A period short of holders.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unfilled {
    pub start: Instant,
    pub end: Instant,
    pub duty: String,
    pub need: u32,
    pub have: u32,
}

/// Comp days earned on `date` (the agent's local date).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Credit {
    pub agent: String,
    pub date: NaiveDate,
    pub days: f64,
    /// What earned it: "on-call phone from 2027-01-04", "weekend shift", "holiday shift".
    pub reason: String,
}

/// A comp day taken: a local date with no shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompDay {
    pub agent: String,
    pub date: NaiveDate,
    #[serde(skip)]
    pub span: Option<std::ops::Range<usize>>,
}

/// One agent's comp-day account over one rota.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerLine {
    pub agent: String,
    pub opening: f64,
    pub earned: f64,
    pub taken: f64,
    pub balance: f64,
}

/// How the solver finished.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// `optimal`, `within-gap` (both proven by `best_bound`), `budget` (the
    /// work budget was spent first), `time-limit`, `interrupted`, or
    /// `repaired` (`plan --keep`: the proven best local repair).
    pub status: String,
    pub objective: f64,
    pub best_bound: f64,
    /// Relative gap between objective and bound, in percent.
    pub gap_percent: f64,
    pub uncovered_agent_minutes: i64,
    /// Of the uncovered agent-minutes, how many every rota leaves (proven by a bound).
    pub unavoidable_agent_minutes: i64,
    /// `plan --keep`: shifts, holds and comp days added to or dropped from
    /// the kept rota (each priced `weights.change` in the objective).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<u32>,
}

/// A stretch of time where the target is not met.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Gap {
    pub start: Instant,
    pub end: Instant,
    /// Required skills, `None` for the head count over all agents.
    pub skill: Option<String>,
    pub need: u32,
    pub have: u32,
    /// The coverage rules in force, as written.
    pub rules: String,
}

impl Gap {
    pub fn missing(&self) -> u32 {
        self.need.saturating_sub(self.have)
    }
    pub fn agent_minutes(&self) -> i64 {
        crate::time::minutes(self.start, self.end) * i64::from(self.missing())
    }
}

/// A shift demand (people on a template on a day) left short.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Shortage {
    pub date: NaiveDate,
    pub template: String,
    pub need: u32,
    pub have: u32,
}

/// One worked shift. Instants carry the agent's UTC offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shift {
    pub agent: String,
    pub template: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// The agent's local date the shift was planned for, recorded only when
    /// it is not the local date of its start: a start in a clock-change gap
    /// that ends at midnight (America/Nuuk, 23:00 on 2026-03-28) moves to the
    /// next day, yet the shift is still the one of the day before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Byte range of this shift in the rota file it was read from (for messages).
    #[serde(skip)]
    pub span: Option<std::ops::Range<usize>>,
}

impl Shift {
    /// `agent`'s shift of `template` planned for local `date` in `zone`,
    /// `[start, end)`; the date is recorded only when the start's local date differs.
    pub fn new(agent: &str, zone: Tz, template: &str, date: NaiveDate, (start, end): (Instant, Instant)) -> Shift {
        Shift {
            agent: agent.to_string(),
            template: template.to_string(),
            start: start.with_timezone(&zone).fixed_offset(),
            end: end.with_timezone(&zone).fixed_offset(),
            date: (crate::time::local_date(zone, start) != date).then_some(date),
            span: None,
        }
    }

    /// The local date the shift belongs to, in its agent's `zone`: the
    /// recorded date, else the local date of its start.
    pub fn date_in(&self, zone: Tz) -> NaiveDate {
        self.date
            .unwrap_or_else(|| crate::time::local_date(zone, self.start_utc()))
    }

    pub fn start_utc(&self) -> Instant {
        self.start.with_timezone(&Utc)
    }
    pub fn end_utc(&self) -> Instant {
        self.end.with_timezone(&Utc)
    }
    fn sort_key(&self) -> (Instant, &str, &str) {
        (self.start_utc(), &self.agent, &self.template)
    }
}

impl Rota {
    /// Sorts shifts and gaps into the canonical file order.
    pub fn normalize(&mut self) {
        self.shifts.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.gaps.sort();
        self.shortages.sort();
        let d = &mut self.duty;
        d.holds.sort_by(|a, b| {
            (a.start.with_timezone(&Utc), &a.duty, &a.agent).cmp(&(b.start.with_timezone(&Utc), &b.duty, &b.agent))
        });
        d.unfilled.sort();
        d.earned
            .sort_by(|a, b| (a.date, &a.agent, &a.reason).cmp(&(b.date, &b.agent, &b.reason)));
        d.taken.sort_by(|a, b| (a.date, &a.agent).cmp(&(b.date, &b.agent)));
    }

    /// First day after the rota.
    pub fn end(&self) -> NaiveDate {
        self.start + chrono::Duration::days(i64::from(self.weeks) * 7)
    }

    /// The rota file text (deterministic).
    pub fn to_toml(&self) -> String {
        let mut o = String::new();
        o.push_str("# sunrota rota. Planned by `sunrota plan`; after any hand edit run\n");
        o.push_str("# `sunrota check CONFIG THIS_FILE` (CI does).\n");
        o.push_str("[rota]\n");
        let _ = writeln!(o, "start = {}", self.start);
        let _ = writeln!(o, "weeks = {}", self.weeks);
        let _ = writeln!(o, "zone = {}", quote(&self.zone));
        if let Some(t) = &self.team {
            let _ = writeln!(o, "team = {}", quote(&t.name));
            if let Some(f) = &t.fingerprint {
                let _ = writeln!(o, "fingerprint = {}", quote(f));
            }
        }
        o.push_str("\n[summary]\n");
        let s = &self.summary;
        let _ = writeln!(o, "status = {}", quote(&s.status));
        let _ = writeln!(o, "objective = {}", float(s.objective));
        let _ = writeln!(o, "best_bound = {}", float(s.best_bound));
        let _ = writeln!(o, "gap_percent = {}", float(s.gap_percent));
        let _ = writeln!(o, "uncovered_agent_minutes = {}", s.uncovered_agent_minutes);
        let _ = writeln!(o, "unavoidable_agent_minutes = {}", s.unavoidable_agent_minutes);
        if let Some(n) = s.changes {
            let _ = writeln!(o, "changes = {n}");
        }
        o.push_str("gaps = [\n");
        for g in &self.gaps {
            let skill = g
                .skill
                .as_deref()
                .map(|k| format!(", skill = {}", quote(k)))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  {{ start = {}, end = {}, need = {}, have = {}{skill}, rules = {} }},",
                utc(g.start),
                utc(g.end),
                g.need,
                g.have,
                quote(&g.rules)
            );
        }
        if !self.shortages.is_empty() {
            o.push_str("]\nshortages = [\n");
            for sh in &self.shortages {
                let _ = writeln!(
                    o,
                    "  {{ date = {}, template = {}, need = {}, have = {} }},",
                    sh.date,
                    quote(&sh.template),
                    sh.need,
                    sh.have
                );
            }
        }
        o.push_str("]\n\n[shifts]\nlist = [\n");
        for sh in &self.shifts {
            let date = sh.date.map(|d| format!(", date = {d}")).unwrap_or_default();
            let _ = writeln!(
                o,
                "  {{ agent = {}, template = {}, start = {}, end = {}{date} }},",
                quote(&sh.agent),
                quote(&sh.template),
                sh.start.to_rfc3339_opts(SecondsFormat::Secs, false),
                sh.end.to_rfc3339_opts(SecondsFormat::Secs, false)
            );
        }
        o.push_str("]\n");
        self.duty_toml(&mut o);
        o
    }

    fn duty_toml(&self, o: &mut String) {
        let d = &self.duty;
        if !d.holds.is_empty() || !d.unfilled.is_empty() {
            o.push_str("\n[oncall]\nlist = [\n");
            for h in &d.holds {
                let _ = writeln!(
                    o,
                    "  {{ duty = {}, agent = {}, start = {}, end = {} }},",
                    quote(&h.duty),
                    quote(&h.agent),
                    h.start.to_rfc3339_opts(SecondsFormat::Secs, false),
                    h.end.to_rfc3339_opts(SecondsFormat::Secs, false)
                );
            }
            o.push_str("]\nunfilled = [\n");
            for u in &d.unfilled {
                let _ = writeln!(
                    o,
                    "  {{ duty = {}, start = {}, end = {}, need = {}, have = {} }},",
                    quote(&u.duty),
                    utc(u.start),
                    utc(u.end),
                    u.need,
                    u.have
                );
            }
            o.push_str("]\n");
        }
        if !d.earned.is_empty() || !d.taken.is_empty() || !d.ledger.is_empty() {
            o.push_str("\n[comp]\nearned = [\n");
            for c in &d.earned {
                let _ = writeln!(
                    o,
                    "  {{ agent = {}, date = {}, days = {}, reason = {} }},",
                    quote(&c.agent),
                    c.date,
                    float(c.days),
                    quote(&c.reason)
                );
            }
            o.push_str("]\ntaken = [\n");
            for c in &d.taken {
                let _ = writeln!(o, "  {{ agent = {}, date = {} }},", quote(&c.agent), c.date);
            }
            o.push_str("]\nledger = [\n");
            for l in &d.ledger {
                let _ = writeln!(
                    o,
                    "  {{ agent = {}, opening = {}, earned = {}, taken = {}, balance = {} }},",
                    quote(&l.agent),
                    float(l.opening),
                    float(l.earned),
                    float(l.taken),
                    float(l.balance)
                );
            }
            o.push_str("]\n");
        }
    }

    pub fn read(path: &Path) -> Result<(Rota, Source), Error> {
        let src = Source::read(path)?;
        let rota = Self::parse(&src)?;
        Ok((rota, src))
    }

    pub fn parse(src: &Source) -> Result<Rota, Error> {
        let raw: RawFile = toml::from_str(&src.text).map_err(|e| {
            src.error(
                e.span().unwrap_or(0..0),
                format!("invalid rota file: {}", crate::error::plain_toml_message(e.message())),
                "here",
                Some("a rota file is written by `sunrota plan`; compare with a fresh one".into()),
            )
        })?;
        let shifts = parse_shifts(src, raw.shifts)?;
        let mut shortages = Vec::new();
        for sh in raw.summary.shortages {
            shortages.push(Shortage {
                date: local_date(src, &sh.date)?,
                template: sh.template,
                need: sh.need,
                have: sh.have,
            });
        }
        let mut gaps = Vec::new();
        for g in raw.summary.gaps {
            gaps.push(Gap {
                start: instant(src, &g.start)?.with_timezone(&Utc),
                end: instant(src, &g.end)?.with_timezone(&Utc),
                skill: g.skill,
                need: g.need,
                have: g.have,
                rules: g.rules,
            });
        }
        let (start, weeks) = parse_head(src, &raw.rota)?;
        let duty = parse_duty(src, raw.oncall, raw.comp)?;
        Ok(Rota {
            duty,
            start,
            weeks,
            team: raw.rota.team.map(|name| TeamMark {
                name,
                fingerprint: raw.rota.fingerprint,
            }),
            zone: raw.rota.zone,
            summary: Summary {
                status: raw.summary.status,
                objective: raw.summary.objective,
                best_bound: raw.summary.best_bound,
                gap_percent: raw.summary.gap_percent,
                uncovered_agent_minutes: raw.summary.uncovered_agent_minutes,
                unavoidable_agent_minutes: raw.summary.unavoidable_agent_minutes,
                changes: raw.summary.changes,
            },
            gaps,
            shortages,
            shifts,
        })
    }
}

/// The `[shifts] list`: each shift's instants, which must end after they
/// start, and the local date it was planned for when recorded.
fn parse_shifts(src: &Source, raw: RawShifts) -> Result<Vec<Shift>, Error> {
    let mut shifts = Vec::with_capacity(raw.list.len());
    for item in raw.list {
        let span = item.span();
        let r = item.into_inner();
        let start = instant(src, &r.start)?;
        let end = instant(src, &r.end)?;
        if end == start {
            return Err(src.error(
                span,
                "a shift lasts no time: it ends at the instant it starts",
                "this shift",
                Some("a template inside a clock change can last no time that day; remove this shift".into()),
            ));
        }
        if end < start {
            return Err(src.error(span, "a shift ends before it starts", "this shift", None));
        }
        let date = r.date.as_ref().map(|d| local_date(src, d)).transpose()?;
        shifts.push(Shift {
            agent: r.agent,
            template: r.template,
            start,
            end,
            date,
            span: Some(span),
        });
    }
    Ok(shifts)
}

/// `[rota] start` and `weeks`, in range.
fn parse_head(src: &Source, head: &RawHead) -> Result<(NaiveDate, u32), Error> {
    let start = NaiveDate::parse_from_str(&head.start.get_ref().to_string(), "%Y-%m-%d")
        .map_err(|_| src.error(head.start.span(), "rota start is not a date", "here", None))?;
    if !crate::config::values::in_years(start) {
        return Err(src.error(
            head.start.span(),
            format!("rota start {start} is out of range"),
            "start",
            Some(crate::config::values::years_hint()),
        ));
    }
    let weeks = *head.weeks.get_ref();
    if !(1..=crate::config::MAX_WEEKS).contains(&weeks) {
        return Err(src.error(
            head.weeks.span(),
            format!("a rota of {weeks} weeks is out of range"),
            "weeks",
            Some(format!("rotas span 1 to {} weeks", crate::config::MAX_WEEKS)),
        ));
    }
    Ok((start, weeks as u32))
}

fn parse_duty(src: &Source, oncall: Option<RawOncall>, comp: Option<RawCompPart>) -> Result<DutyRecord, Error> {
    let mut d = DutyRecord::default();
    if let Some(oc) = oncall {
        for item in oc.list {
            let span = item.span();
            let h = item.into_inner();
            let (start, end) = (instant(src, &h.start)?, instant(src, &h.end)?);
            if end <= start {
                return Err(src.error(span, "an on-call period ends before it starts", "this period", None));
            }
            d.holds.push(Hold {
                duty: h.duty,
                agent: h.agent,
                start,
                end,
                span: Some(span),
            });
        }
        for u in oc.unfilled {
            d.unfilled.push(Unfilled {
                start: instant(src, &u.start)?.with_timezone(&Utc),
                end: instant(src, &u.end)?.with_timezone(&Utc),
                duty: u.duty,
                need: u.need,
                have: u.have,
            });
        }
    }
    if let Some(c) = comp {
        let bad = c
            .earned
            .iter()
            .map(|e| e.days)
            .chain(c.ledger.iter().flat_map(|l| [l.opening, l.earned, l.taken, l.balance]))
            .find(|x| !(x.is_finite() && x.abs() < 1e6 && (x * 4.0).fract() == 0.0));
        if let Some(x) = bad {
            return Err(src.error(
                0..0,
                format!("[comp] holds {x} days, which is not a whole number of quarter days"),
                "[comp]",
                Some("comp days are counted in quarter days: 1, 0.5, 0.25 …; re-plan the rota".into()),
            ));
        }
        for e in c.earned {
            d.earned.push(Credit {
                agent: e.agent,
                date: local_date(src, &e.date)?,
                days: e.days,
                reason: e.reason,
            });
        }
        for item in c.taken {
            let span = item.span();
            let t = item.into_inner();
            d.taken.push(CompDay {
                agent: t.agent,
                date: local_date(src, &t.date)?,
                span: Some(span),
            });
        }
        d.ledger = c
            .ledger
            .into_iter()
            .map(|l| LedgerLine {
                agent: l.agent,
                opening: l.opening,
                earned: l.earned,
                taken: l.taken,
                balance: l.balance,
            })
            .collect();
    }
    Ok(d)
}

fn local_date(src: &Source, v: &Spanned<toml::value::Datetime>) -> Result<NaiveDate, Error> {
    let d = v.get_ref();
    match (&d.date, &d.time) {
        (Some(date), None) => NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into()),
        _ => None,
    }
    .ok_or_else(|| {
        src.error(
            v.span(),
            format!("`{d}` is not a date"),
            "expected a date",
            Some("write dates as 2027-01-18".into()),
        )
    })
}

/// Writes `text` to `path` through a temporary file and a rename.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn float(x: f64) -> String {
    let v = if x.abs() < 5e-7 { 0.0 } else { x };
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0');
    if s.ends_with('.') {
        format!("{s}0")
    } else {
        s.to_string()
    }
}

fn utc(t: Instant) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn instant(src: &Source, v: &Spanned<toml::value::Datetime>) -> Result<DateTime<FixedOffset>, Error> {
    let text = v.get_ref().to_string();
    DateTime::parse_from_rfc3339(&text).map_err(|_| {
        src.error(
            v.span(),
            format!("`{text}` is not a date-time with a UTC offset"),
            "needs an offset",
            Some("write instants as 2026-03-02T09:00:00-08:00".into()),
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    rota: RawHead,
    summary: RawSummary,
    shifts: RawShifts,
    oncall: Option<RawOncall>,
    comp: Option<RawCompPart>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOncall {
    #[serde(default)]
    list: Vec<Spanned<RawHold>>,
    #[serde(default)]
    unfilled: Vec<RawUnfilled>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHold {
    duty: String,
    agent: String,
    start: Spanned<toml::value::Datetime>,
    end: Spanned<toml::value::Datetime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnfilled {
    duty: String,
    start: Spanned<toml::value::Datetime>,
    end: Spanned<toml::value::Datetime>,
    need: u32,
    have: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompPart {
    #[serde(default)]
    earned: Vec<RawCredit>,
    #[serde(default)]
    taken: Vec<Spanned<RawCompDay>>,
    #[serde(default)]
    ledger: Vec<RawLedgerLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCredit {
    agent: String,
    date: Spanned<toml::value::Datetime>,
    days: f64,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompDay {
    agent: String,
    date: Spanned<toml::value::Datetime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLedgerLine {
    agent: String,
    opening: f64,
    earned: f64,
    taken: f64,
    balance: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    start: Spanned<toml::value::Datetime>,
    weeks: Spanned<i64>,
    zone: String,
    team: Option<String>,
    fingerprint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    status: String,
    objective: f64,
    best_bound: f64,
    gap_percent: f64,
    uncovered_agent_minutes: i64,
    #[serde(default)]
    unavoidable_agent_minutes: i64,
    #[serde(default)]
    changes: Option<u32>,
    #[serde(default)]
    gaps: Vec<RawGap>,
    #[serde(default)]
    shortages: Vec<RawShortage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShortage {
    date: Spanned<toml::value::Datetime>,
    template: String,
    need: u32,
    have: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGap {
    start: Spanned<toml::value::Datetime>,
    end: Spanned<toml::value::Datetime>,
    need: u32,
    have: u32,
    skill: Option<String>,
    rules: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShifts {
    list: Vec<Spanned<RawShift>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShift {
    agent: String,
    template: String,
    start: Spanned<toml::value::Datetime>,
    end: Spanned<toml::value::Datetime>,
    /// Written only when the start falls on another local date (see [`Shift::date`]).
    #[serde(default)]
    date: Option<Spanned<toml::value::Datetime>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_is_exact() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        let mut rota = Rota {
            start: "2026-03-02".parse().unwrap(),
            weeks: 1,
            zone: "UTC".into(),
            team: Some(TeamMark {
                name: "desk \"A\"".into(),
                fingerprint: Some("0123456789abcdef".into()),
            }),
            summary: Summary {
                status: "optimal".into(),
                objective: 12.5,
                best_bound: 12.5,
                gap_percent: 0.0,
                uncovered_agent_minutes: 60,
                unavoidable_agent_minutes: 30,
                changes: Some(2),
            },
            gaps: vec![Gap {
                start: "2026-03-02T00:00:00Z".parse().unwrap(),
                end: "2026-03-02T01:00:00Z".parse().unwrap(),
                skill: Some("phone".into()),
                need: 2,
                have: 1,
                rules: "Mon-Fri 00:00-01:00 ×2 phone".into(),
            }],
            duty: DutyRecord::default(),
            shortages: vec![Shortage {
                date: "2026-03-03".parse().unwrap(),
                template: "late".into(),
                need: 3,
                have: 1,
            }],
            shifts: vec![
                Shift {
                    agent: "bo \"b\"".into(),
                    template: "late".into(),
                    start: t("2026-03-02T14:00:00+05:45"),
                    end: t("2026-03-02T22:00:00+05:45"),
                    date: None,
                    span: None,
                },
                Shift {
                    agent: "nuka".into(),
                    template: "night".into(),
                    start: t("2026-03-29T00:00:00-01:00"),
                    end: t("2026-03-29T07:00:00-01:00"),
                    date: Some("2026-03-28".parse().unwrap()),
                    span: None,
                },
                Shift {
                    agent: "ana".into(),
                    template: "day".into(),
                    start: t("2026-03-02T09:00:00-08:00"),
                    end: t("2026-03-02T17:00:00-08:00"),
                    date: None,
                    span: None,
                },
            ],
        };
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        rota.duty = DutyRecord {
            holds: vec![Hold {
                duty: "phone".into(),
                agent: "ana".into(),
                start: t("2026-03-02T09:00:00+00:00"),
                end: t("2026-03-09T09:00:00+00:00"),
                span: None,
            }],
            unfilled: vec![Unfilled {
                start: "2026-03-09T09:00:00Z".parse().unwrap(),
                end: "2026-03-16T09:00:00Z".parse().unwrap(),
                duty: "phone".into(),
                need: 1,
                have: 0,
            }],
            earned: vec![Credit {
                agent: "ana".into(),
                date: d("2026-03-09"),
                days: 1.25,
                reason: "on-call phone from 2026-03-02".into(),
            }],
            taken: vec![CompDay {
                agent: "ana".into(),
                date: d("2026-03-12"),
                span: None,
            }],
            ledger: vec![LedgerLine {
                agent: "ana".into(),
                opening: 0.5,
                earned: 1.25,
                taken: 1.0,
                balance: 0.75,
            }],
        };
        rota.normalize();
        let text = rota.to_toml();
        let src = Source {
            name: "r.toml".into(),
            text: text.clone(),
        };
        let mut back = Rota::parse(&src).unwrap();
        for s in &mut back.shifts {
            s.span = None;
        }
        back.duty.holds[0].span = None;
        back.duty.taken[0].span = None;
        assert_eq!(back, rota);
        assert_eq!(back.to_toml(), text);
        assert_eq!(rota.shifts[0].agent, "bo \"b\"", "08:15 UTC sorts before 17:00 UTC");
        assert!(
            text.contains("end = 2026-03-29T07:00:00-01:00, date = 2026-03-28 }"),
            "{text}"
        );
        let dated = text
            .lines()
            .filter(|l| l.contains("template =") && l.contains("start =") && l.contains(", date ="));
        assert_eq!(
            dated.count(),
            1,
            "a shift's date is recorded only when it differs\n{text}"
        );
    }

    #[test]
    fn floats_are_stable() {
        assert_eq!(float(3.0), "3.0");
        assert_eq!(float(0.1 + 0.2), "0.3");
        assert_eq!(float(-1e-9), "0.0");
    }
}
