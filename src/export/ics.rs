//! RFC 5545 calendars of a rota (written with the `icalendar` crate): one per
//! agent — shifts, on-call holds, and as all-day events time off, holidays and
//! comp days — and one per on-call duty, each merged into the calendar already
//! there ([`super::feed`]): one feed per agent across months.
//!
//! Instants are UTC (`DTSTART:20260302T033000Z`), exact across every clock
//! change; calendar apps show them in the viewer's zone, and each description
//! repeats the local times with their offset. UIDs are derived from the
//! team's `[rota] team` name (none for an unnamed team; never a file name),
//! the agent (or duty), the local date and what the event is, so a re-export
//! updates events instead of duplicating them. [`Previous`] carries SEQUENCE
//! and DTSTAMP over from the last export: an unchanged event keeps both, a
//! changed one gets SEQUENCE + 1, so clients accept the update.

use super::feed::{self, Block};
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
    /// Events in it, kept ones included.
    pub events: usize,
    /// Events of this rota in it.
    pub fresh: usize,
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

/// Export settings: the team's `[rota] team` name (`None`: unnamed), the
/// time of this export (DTSTAMP of new and changed events), and whether
/// agents' calendars show their days off (time off, holidays, comp days).
pub struct Export<'a> {
    pub team: Option<&'a str>,
    pub now: chrono::DateTime<chrono::Utc>,
    pub days_off: bool,
}

impl Export<'_> {
    /// The team in UIDs: its name, or nothing for an unnamed team.
    fn key(&self) -> &str {
        self.team.unwrap_or_default()
    }

    /// A calendar's title: "dev — phone-team (sunrota)", or "dev (sunrota)".
    fn title(&self, what: &str) -> String {
        match self.team {
            Some(t) => format!("{what} — {t} (sunrota)"),
            None => format!("{what} (sunrota)"),
        }
    }
}

/// The calendar files of `cfg`'s team: one per agent, then one per duty.
pub fn file_names(cfg: &Config) -> Vec<String> {
    let mut names = Names::default();
    let agents = cfg.agents.iter().map(|a| names.file(&a.name, "")).collect::<Vec<_>>();
    let duties = cfg
        .duties
        .iter()
        .map(|d| names.file(&d.name, "oncall-"))
        .collect::<Vec<_>>();
    agents.into_iter().chain(duties).collect()
}

/// Every calendar of the rota ([`file_names`]), each merged into its earlier
/// text in `earlier` (by file name), if any: events outside the rota's
/// horizon kept, the rest this rota's.
pub fn calendars(cfg: &Config, rota: &Rota, ex: &Export, earlier: &BTreeMap<String, String>) -> Vec<File> {
    let zone = cfg.coverage.zone;
    let horizon = feed::Horizon {
        start: rota.start,
        end: rota.end(),
        from: time::at(zone, rota.start, 0),
        until: time::at(zone, rota.end(), 0),
    };
    let names = file_names(cfg);
    let agents = cfg.agents.iter().map(|a| {
        let drafts = agent_drafts(cfg, rota, ex, a);
        (ex.title(&a.name), a.zone.name(), drafts)
    });
    let duties = cfg.duties.iter().map(|d| {
        let title = ex.title(&format!("On-call {}", d.name));
        (title, d.zone.name(), duty_drafts(rota, ex.key(), d))
    });
    names
        .iter()
        .zip(agents.chain(duties))
        .map(|(name, (title, zone, drafts))| {
            let cal = Target {
                name,
                title: &title,
                zone,
                earlier: earlier.get(name).map(String::as_str),
                horizon: &horizon,
            };
            write(&cal, &drafts, ex)
        })
        .collect()
}

fn agent_drafts(cfg: &Config, rota: &Rota, ex: &Export, a: &Agent) -> Vec<Draft> {
    let team = ex.key();
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
    if ex.days_off {
        out.extend(days_off(cfg, rota, team, a));
    }
    out
}

/// An agent's all-day events: comp days taken, and the days of time off and
/// holidays (of their calendars) within the rota's horizon.
fn days_off(cfg: &Config, rota: &Rota, team: &str, a: &Agent) -> Vec<Draft> {
    let mut out = Vec::new();
    for c in rota.duty.taken.iter().filter(|c| c.agent == a.name) {
        out.push(Draft {
            uid: uid(team, &a.name, c.date, "comp"),
            summary: "Comp day".into(),
            description: format!("{}: comp day (a day off earned by on-call or weekend work)", a.name),
            when: When::Day(c.date),
        });
    }
    let holidays = cfg.holidays.get(&a.name);
    for &day in a.off.range(rota.start..rota.end()) {
        let draft = match holidays.and_then(|h| h.get(&day)) {
            Some(cal) => Draft {
                uid: uid(team, &a.name, day, "holiday"),
                summary: format!("Holiday ({cal})"),
                description: format!("{}: holiday of calendar {cal}, no shift", a.name),
                when: When::Day(day),
            },
            None => Draft {
                uid: uid(team, &a.name, day, "off"),
                summary: "Time off".into(),
                description: format!("{}: time off, no shift", a.name),
                when: When::Day(day),
            },
        };
        out.push(draft);
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
/// An unnamed team (`team` empty) has no domain part: `…@sunrota`.
pub fn uid(team: &str, who: &str, date: NaiveDate, what: &str) -> String {
    let key = format!("{team}\u{0}{who}\u{0}{date}\u{0}{what}");
    let domain = if team.is_empty() {
        "sunrota".to_string()
    } else {
        format!("{}.sunrota", slug(team))
    };
    format!("{date}-{}-{}-{:016x}@{domain}", slug(what), slug(who), fnv(&key))
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

/// One calendar file to write: its name, title and zone, its earlier text
/// and the horizon of the rota exported into it.
struct Target<'a> {
    name: &'a str,
    title: &'a str,
    zone: &'a str,
    earlier: Option<&'a str>,
    horizon: &'a feed::Horizon,
}

fn write(c: &Target, drafts: &[Draft], ex: &Export) -> File {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//sunrota//sunrota rota export//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .append_property((TEAM_PROPERTY, ex.key()))
        .append_property(("NAME", text_value(c.title).as_str()))
        .append_property(("X-WR-CALNAME", c.title))
        .append_property(("X-WR-TIMEZONE", c.zone));
    let whole = cal.done().to_string();
    let header = whole.strip_suffix("END:VCALENDAR\r\n").unwrap_or(&whole);
    let prev = c.earlier.map(Previous::read).unwrap_or_default();
    let fresh: Vec<Block> = drafts
        .iter()
        .map(|d| Block::new(event(d, ex, &prev).to_string()))
        .collect();
    let count = fresh.len();
    let merged = feed::merge(header, fresh, c.earlier, c.horizon);
    File {
        name: c.name.to_string(),
        text: merged.text,
        events: merged.events,
        fresh: count,
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
