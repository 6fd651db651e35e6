//! RFC 5545 calendars of a rota (written with the `icalendar` crate): one per
//! agent — shifts, on-call holds, comp days — and one per on-call duty.
//!
//! Instants are UTC (`DTSTART:20260302T033000Z`), exact across every clock
//! change; calendar apps show them in the viewer's zone, and each description
//! repeats the local times with their offset. UIDs are derived from the team,
//! the agent (or duty), the local date and what the event is, so a re-export
//! updates events instead of duplicating them. [`Previous`] carries SEQUENCE
//! and DTSTAMP over from the last export: an unchanged event keeps both, a
//! changed one gets SEQUENCE + 1, so clients accept the update.

use crate::config::{Agent, Config, Duty};
use crate::rota::Rota;
use crate::time::{self, Instant};
use chrono::{Duration, NaiveDate};
use icalendar::{Calendar, Component, Event, EventLike};
use std::collections::BTreeMap;

/// The property that marks a calendar as this team's sunrota export.
pub const TEAM_PROPERTY: &str = "X-SUNROTA-TEAM";

/// One calendar file: its name inside the output directory and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub name: String,
    pub text: String,
    /// Events in it.
    pub events: usize,
}

/// What an earlier export said of an event: its SEQUENCE, DTSTAMP and
/// content, by UID.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    events: BTreeMap<String, (u32, String, String)>,
}

impl Previous {
    /// Reads the events of an earlier export (unreadable text gives none).
    pub fn read(text: &str) -> Previous {
        let Ok(cal) = text.parse::<Calendar>() else {
            return Previous::default();
        };
        let events = cal
            .events()
            .filter_map(|e| {
                let uid = e.get_uid()?.to_string();
                let stamp = e.property_value("DTSTAMP")?.to_string();
                Some((uid, (e.get_sequence().unwrap_or(0), stamp, content(e))))
            })
            .collect();
        Previous { events }
    }
}

/// What makes two versions of an event the same for a client.
fn content(e: &Event) -> String {
    ["DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"]
        .map(|k| e.property_value(k).unwrap_or(""))
        .join("\n")
}

/// When an event happens.
#[derive(Debug, Clone, Copy)]
enum When {
    Exact(Instant, Instant),
    /// A whole local day (comp days).
    Day(NaiveDate),
}

/// An event before it is written.
struct Draft {
    uid: String,
    summary: String,
    description: String,
    when: When,
}

/// Export settings: the team's name (from the config file), the time of
/// this export (DTSTAMP of new and changed events).
pub struct Export<'a> {
    pub team: &'a str,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// Every calendar of the rota: one per agent, then one per duty.
/// `previous(name)` is the earlier export of that file, if any.
pub fn calendars(cfg: &Config, rota: &Rota, ex: &Export, previous: &dyn Fn(&str) -> Previous) -> Vec<File> {
    let mut files = Vec::new();
    let mut names = Names::default();
    for a in &cfg.agents {
        let name = names.file(&a.name, "");
        let drafts = agent_drafts(cfg, rota, ex.team, a);
        let title = format!("{} — {} (sunrota)", a.name, ex.team);
        files.push(write(&name, &title, a.zone.name(), drafts, ex, &previous(&name)));
    }
    for d in &cfg.duties {
        let name = names.file(&d.name, "oncall-");
        let title = format!("On-call {} — {} (sunrota)", d.name, ex.team);
        files.push(write(
            &name,
            &title,
            d.zone.name(),
            duty_drafts(rota, ex.team, d),
            ex,
            &previous(&name),
        ));
    }
    files
}

fn agent_drafts(cfg: &Config, rota: &Rota, team: &str, a: &Agent) -> Vec<Draft> {
    let mut out = Vec::new();
    // A second shift on one local date (a rota check rejects, but export
    // must not merge) is "shift-2", and so on: UIDs stay unique.
    let mut on_date: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for s in rota.shifts.iter().filter(|s| s.agent == a.name) {
        let (start, end) = (s.start_utc(), s.end_utc());
        let date = s.date_in(a.zone);
        let night = cfg.template(&s.template).is_some_and(|(_, t)| t.night);
        let n = on_date.entry(date).or_default();
        *n += 1;
        let what = if *n == 1 {
            "shift".to_string()
        } else {
            format!("shift-{n}")
        };
        out.push(Draft {
            uid: uid(team, &a.name, date, &what),
            summary: format!("{} shift{}", s.template, if night { " (night)" } else { "" }),
            description: format!("{}: {} shift, {}", a.name, s.template, local_span(a, start, end)),
            when: When::Exact(start, end),
        });
    }
    for h in rota.duty.holds.iter().filter(|h| h.agent == a.name) {
        let (start, end) = (h.start.to_utc(), h.end.to_utc());
        let date = time::local_date(a.zone, start);
        out.push(Draft {
            uid: uid(team, &a.name, date, &format!("oncall-{}", h.duty)),
            summary: format!("On call: {}", h.duty),
            description: format!("{} holds {} on call, {}", a.name, h.duty, local_span(a, start, end)),
            when: When::Exact(start, end),
        });
    }
    for c in rota.duty.taken.iter().filter(|c| c.agent == a.name) {
        out.push(Draft {
            uid: uid(team, &a.name, c.date, "comp"),
            summary: "Comp day".into(),
            description: format!("{}: comp day (a day off earned by on-call or weekend work)", a.name),
            when: When::Day(c.date),
        });
    }
    out
}

fn duty_drafts(rota: &Rota, team: &str, d: &Duty) -> Vec<Draft> {
    let mut holds: Vec<_> = rota.duty.holds.iter().filter(|h| h.duty == d.name).collect();
    holds.sort_by(|x, y| (x.start, &x.agent).cmp(&(y.start, &y.agent)));
    let mut out: Vec<Draft> = Vec::new();
    let mut slot = 0;
    for (i, h) in holds.iter().enumerate() {
        let (start, end) = (h.start.to_utc(), h.end.to_utc());
        slot = if i > 0 && holds[i - 1].start == h.start {
            slot + 1
        } else {
            0
        };
        let date = time::local_date(d.zone, start);
        out.push(Draft {
            uid: uid(team, &format!("{}#{slot}", d.name), date, "oncall"),
            summary: format!("{} on call: {}", d.name, h.agent),
            description: format!(
                "{} holds {} from {} to {}",
                h.agent,
                d.name,
                time::local_text(d.zone, start),
                time::local_text(d.zone, end)
            ),
            when: When::Exact(start, end),
        });
    }
    out
}

/// "Mon 2026-03-02 12:00 +00:00 to Mon 2026-03-02 20:00 +00:00 Europe/Dublin
/// time": each end with its own offset, exact across a clock change.
fn local_span(a: &Agent, start: Instant, end: Instant) -> String {
    format!(
        "{} to {} {} time",
        time::local_text(a.zone, start),
        time::local_text(a.zone, end),
        a.zone.name()
    )
}

/// A UID from what identifies the event, readable and collision-free: the
/// readable part is cleaned to safe characters, the hash keeps it unique.
pub fn uid(team: &str, who: &str, date: NaiveDate, what: &str) -> String {
    let key = format!("{team}\u{0}{who}\u{0}{date}\u{0}{what}");
    format!(
        "{date}-{}-{}-{:016x}@{}.sunrota",
        slug(what),
        slug(who),
        fnv(&key),
        slug(team)
    )
}

use crate::config::place::fnv64 as fnv;

/// Letters, digits, `-` and `_` kept (ASCII only), everything else `_`.
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// File names, unique even when two names clean to the same slug.
#[derive(Default)]
struct Names(std::collections::BTreeSet<String>);

impl Names {
    fn file(&mut self, name: &str, prefix: &str) -> String {
        let mut file = format!("{prefix}{}.ics", slug(name));
        if !self.0.insert(file.clone()) {
            file = format!("{prefix}{}-{:08x}.ics", slug(name), fnv(name) as u32);
            self.0.insert(file.clone());
        }
        file
    }
}

fn write(name: &str, title: &str, zone: &str, drafts: Vec<Draft>, ex: &Export, prev: &Previous) -> File {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//sunrota//sunrota rota export//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .append_property((TEAM_PROPERTY, ex.team))
        .append_property(("NAME", text_value(title).as_str()))
        .append_property(("X-WR-CALNAME", title))
        .append_property(("X-WR-TIMEZONE", zone));
    let events = drafts.len();
    for d in drafts {
        cal.push(event(&d, ex, prev));
    }
    File {
        name: name.to_string(),
        text: cal.done().to_string(),
        events,
    }
}

/// A TEXT value as RFC 5545 writes it (the crate escapes only the properties
/// it knows, not NAME): `\\`, `\;`, `\,` and `\n` escaped.
fn text_value(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

fn event(d: &Draft, ex: &Export, prev: &Previous) -> Event {
    let mut e = Event::new();
    e.uid(&d.uid).summary(&d.summary).description(&d.description);
    match d.when {
        When::Exact(s, t) => e.starts(s).ends(t),
        When::Day(day) => e.starts(day).ends(day + Duration::days(1)),
    };
    let now = ex.now.format("%Y%m%dT%H%M%SZ").to_string();
    let (sequence, stamp) = match prev.events.get(&d.uid) {
        Some((seq, stamp, old)) if *old == content(&e) => (*seq, stamp.clone()),
        Some((seq, _, _)) => (seq + 1, now),
        None => (0, now),
    };
    e.sequence(sequence).add_property("DTSTAMP", stamp);
    e.done()
}
