//! `sunrota now`: who is on shift and who holds each on-call duty at one
//! instant (default: now), since and until when in their own local time,
//! who comes next, and whether the coverage target is met then (exit 1 when
//! it is not). It owns reading `--at`, finding the rota whose horizon holds
//! the instant, and the snapshot's table and JSON; what is in force comes
//! from elsewhere: coverage from `check`'s own sweep ([`check::gaps`]), the
//! target from [`time::demand`], on-call periods and when a duty rings from
//! [`crate::oncall`]. Intervals are half-open, `[start, end)`: at a handover
//! minute the shift starting then is on and the one ending then is not.

use crate::cli::{Format, NowArgs};
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::history::{self, Loaded, Past};
use crate::report::{clock, gaps};
use crate::rota::{Gap, Rota, Shift};
use crate::time::{self, Instant};
use crate::{check, cmd, oncall};
use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The forms `--at` accepts, for its error message.
const AT_FORMS: &str = "e.g. --at 2027-01-06T15:00:00Z, --at 2027-01-06T10:00-05:00 or --at \"2027-01-06T10:00 America/New_York\" (a local time in an IANA zone)";

pub fn now(args: &NowArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    let at = match args.at.as_deref() {
        Some(text) => parse_at(text)?,
        None => Utc::now(),
    };
    let rotas = read_rotas(&cfg, &args.config, &args.rotas)?;
    let chosen = holding(&cfg, &rotas, at)?;
    let past = history::past_beside(&chosen.path, chosen.rota.start, &cfg)?;
    let later: Vec<&Rota> = rotas
        .iter()
        .map(|l| &l.rota)
        .filter(|r| r.start >= chosen.rota.start)
        .collect();
    let snap = snapshot(&cfg, chosen, &past, &later, at);
    match args.format {
        Format::Table => crate::stdout!("{}", text(&cfg, &snap)),
        Format::Json => crate::stdout!("{}", cmd::json(&snap)?),
    }
    Ok(if snap.covered { Exit::Ok } else { Exit::Findings })
}

/// `--at`: RFC 3339 (seconds optional, `Z` or an offset), or a local time
/// and an IANA zone, resolved by the time rules (a skipped time moves to the
/// end of the clock change, an ambiguous one takes the first).
pub fn parse_at(text: &str) -> Result<Instant, Error> {
    let t = text.trim();
    let bad = || {
        Error::invalid(
            format!("cannot read `{text}` as an instant for --at"),
            Some(AT_FORMS.into()),
        )
    };
    if let Some((local, zone)) = t.rsplit_once(' ').filter(|(_, z)| z.contains('/') || *z == "UTC") {
        let tz: Tz = cmd::zone_flag("--at", zone)?;
        let local = [
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(local.trim(), f).ok())
        .ok_or_else(bad)?;
        return Ok(time::resolve(tz, local));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d.to_utc());
    }
    // RFC 3339 without seconds: 2027-01-06T10:00-05:00, 2027-01-06T15:00Z.
    let offset = t
        .strip_suffix(['Z', 'z'])
        .map_or_else(|| t.to_string(), |s| format!("{s}+00:00"));
    ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"]
        .iter()
        .find_map(|f| DateTime::parse_from_str(&offset, f).ok())
        .map(|d| d.to_utc())
        .ok_or_else(bad)
}

/// The rotas named (files, or directories of the team's rotas), else the
/// config's `[rota] dir`; sorted by start.
fn read_rotas(cfg: &Config, config: &Path, named: &[PathBuf]) -> Result<Vec<Loaded>, Error> {
    let named: Vec<PathBuf> = if named.is_empty() {
        let dir = cfg.place.dir.clone().ok_or_else(|| {
            Error::invalid(
                "no rota to read",
                Some("name rota files or a directory of them, or set [rota] dir in the config".into()),
            )
        })?;
        vec![dir]
    } else {
        named.to_vec()
    };
    let mut all = Vec::new();
    for path in named {
        if path.is_dir() {
            all.extend(history::load_dir(&path, cfg)?);
        } else {
            let (rota, src) = Rota::read(&path)?;
            cmd::belongs(cfg, &rota, &src.name, config)?;
            all.push(Loaded { path, rota, src });
        }
    }
    all.sort_by(|a, b| (a.rota.start, &a.path).cmp(&(b.rota.start, &b.path)));
    Ok(all)
}

/// The rota whose horizon (midnight to midnight in the coverage zone) holds `at`.
fn holding<'a>(cfg: &Config, rotas: &'a [Loaded], at: Instant) -> Result<&'a Loaded, Error> {
    let zone = cfg.coverage.zone;
    let window = |r: &Rota| {
        time::window(
            &crate::config::Horizon {
                start: r.start,
                weeks: r.weeks,
            },
            zone,
        )
    };
    if let Some(l) = rotas.iter().find(|l| {
        let (a, b) = window(&l.rota);
        a <= at && at < b
    }) {
        return Ok(l);
    }
    let at_text = time::local_text(zone, at);
    let help = match (rotas.first(), rotas.last()) {
        (Some(a), Some(b)) => format!(
            "the rotas read cover {} – {} ({} rota(s)); name the rota of that time, or plan it",
            clock::day(a.rota.start),
            clock::day(b.rota.end() - Duration::days(1)),
            rotas.len()
        ),
        _ => "no rota of this team was found; plan one with `sunrota plan CONFIG`".into(),
    };
    Err(Error::invalid(
        format!("{at_text} ({}) is outside every rota read", zone.name()),
        Some(help),
    ))
}

/// One person on one shift, in their own time.
#[derive(Debug, Serialize)]
struct OnShift {
    agent: String,
    template: String,
    zone: String,
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
}

/// One holder of an on-call duty (or nobody) in one period, in the holder's time.
#[derive(Debug, Serialize)]
struct OnCall {
    duty: String,
    holder: Option<String>,
    zone: String,
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
    /// Whether the duty rings at the instant asked about (its `active` rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    active: Option<bool>,
}

/// What `now` prints, in either format.
#[derive(Debug, Serialize)]
struct Snapshot {
    at: Instant,
    rota: String,
    /// Whether the coverage target in force is met.
    covered: bool,
    /// The coverage needs in force, as the config writes them.
    target: Vec<String>,
    /// The rota's gaps that hold the instant (empty when covered).
    gaps: Vec<Gap>,
    on_shift: Vec<OnShift>,
    on_call: Vec<OnCall>,
    /// The shifts starting next after the instant (all that start then).
    next_shifts: Vec<OnShift>,
    /// Each duty's holders of the period after the one in force.
    next_on_call: Vec<OnCall>,
}

fn snapshot(cfg: &Config, chosen: &Loaded, past: &Past, later: &[&Rota], at: Instant) -> Snapshot {
    let mut on_horizon = cfg.clone();
    on_horizon.horizon = crate::config::Horizon {
        start: chosen.rota.start,
        weeks: chosen.rota.weeks,
    };
    let mut target: Vec<String> = time::demand(&on_horizon)
        .iter()
        .filter(|d| d.start <= at && at < d.end)
        .map(|d| cfg.coverage.needs[d.need].describe())
        .collect();
    target.dedup();
    let gaps: Vec<Gap> = check::gaps(cfg, &chosen.rota, past)
        .into_iter()
        .filter(|g| g.start <= at && at < g.end)
        .collect();
    let shifts = pool(past, later);
    let on: Vec<OnShift> = shifts
        .iter()
        .filter(|s| s.start_utc() <= at && at < s.end_utc())
        .map(|s| on_shift(cfg, s))
        .collect();
    let first_next = shifts.iter().map(|s| s.start_utc()).filter(|t| *t > at).min();
    let next_shifts = shifts
        .iter()
        .filter(|s| Some(s.start_utc()) == first_next)
        .map(|s| on_shift(cfg, s))
        .collect();
    let holds: Vec<&crate::rota::Hold> = past
        .holds
        .iter()
        .chain(later.iter().flat_map(|r| &r.duty.holds))
        .collect();
    let (on_call, next_on_call) = on_call(cfg, &holds, at);
    Snapshot {
        at,
        rota: chosen.src.name.clone(),
        covered: gaps.is_empty(),
        target,
        gaps,
        on_shift: on,
        on_call,
        next_shifts,
        next_on_call,
    }
}

/// The shifts of the earlier rotas and of the chosen one and those after it,
/// once each, by start.
fn pool<'a>(past: &'a Past, later: &[&'a Rota]) -> Vec<&'a Shift> {
    let mut all: Vec<&Shift> = past.shifts.iter().chain(later.iter().flat_map(|r| &r.shifts)).collect();
    let key = |s: &Shift| (s.start_utc(), s.end_utc(), s.agent.clone(), s.template.clone());
    all.sort_by_key(|s| key(s));
    all.dedup_by_key(|s| key(s));
    all
}

/// The zone of an agent of the config, else the instant's own offset.
fn local(cfg: &Config, agent: &str, t: DateTime<FixedOffset>) -> (String, DateTime<FixedOffset>) {
    match cfg.agent(agent) {
        Some((_, a)) => (a.zone.name().to_string(), t.with_timezone(&a.zone).fixed_offset()),
        None => (t.offset().to_string(), t),
    }
}

fn on_shift(cfg: &Config, s: &Shift) -> OnShift {
    let (zone, since) = local(cfg, &s.agent, s.start);
    OnShift {
        agent: s.agent.clone(),
        template: s.template.clone(),
        zone,
        since,
        until: local(cfg, &s.agent, s.end).1,
    }
}

/// Per duty: the holders of the period in force at `at` and of the next one
/// (a period nobody holds in the rotas read gets one row with no holder).
fn on_call(cfg: &Config, holds: &[&crate::rota::Hold], at: Instant) -> (Vec<OnCall>, Vec<OnCall>) {
    let (mut now, mut next) = (Vec::new(), Vec::new());
    for duty in &cfg.duties {
        let back = at - Duration::days(duty.period_days + 2);
        let Some(p) = oncall::periods(duty, back, at + Duration::seconds(1))
            .into_iter()
            .rfind(|p| p.start <= at)
        else {
            continue;
        };
        let one_minute = oncall::Period {
            start: at,
            end: at + Duration::minutes(1),
            ..p
        };
        let active = oncall::active_minutes(cfg, duty, &one_minute) > 0;
        now.extend(holders(cfg, duty, holds, p.start, p.end, Some(active)));
        if let Some(after) = oncall::period_starting(duty, p.end) {
            next.extend(holders(cfg, duty, holds, after.start, after.end, None));
        }
    }
    (now, next)
}

/// The holders of `duty` in the period `[start, end)`, or one row of nobody.
fn holders(
    cfg: &Config,
    duty: &crate::config::Duty,
    holds: &[&crate::rota::Hold],
    start: Instant,
    end: Instant,
    active: Option<bool>,
) -> Vec<OnCall> {
    let mut rows: Vec<OnCall> = holds
        .iter()
        .filter(|h| h.duty == duty.name && h.start.to_utc() == start)
        .map(|h| {
            let (zone, since) = local(cfg, &h.agent, h.start);
            OnCall {
                duty: duty.name.clone(),
                holder: Some(h.agent.clone()),
                zone,
                since,
                until: local(cfg, &h.agent, h.end).1,
                active,
            }
        })
        .collect();
    rows.dedup_by(|a, b| a.holder == b.holder);
    if rows.is_empty() {
        let z = duty.zone;
        rows.push(OnCall {
            duty: duty.name.clone(),
            holder: None,
            zone: z.name().to_string(),
            since: start.with_timezone(&z).fixed_offset(),
            until: end.with_timezone(&z).fixed_offset(),
            active,
        });
    }
    rows
}

/// The snapshot for people: the instant, coverage, who is on, who is next.
fn text(cfg: &Config, s: &Snapshot) -> String {
    let zone = cfg.coverage.zone;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "At {} ({}), rota {}",
        time::local_text(zone, s.at),
        zone.name(),
        s.rota
    );
    let target = if s.target.is_empty() {
        "no coverage target in force".to_string()
    } else {
        format!("target {}", s.target.join(" + "))
    };
    if s.covered {
        let _ = writeln!(out, "Covered: {} on shift; {target}", s.on_shift.len());
    } else {
        for g in gaps::stretches(&s.gaps) {
            let _ = writeln!(out, "NOT covered: gap {}", gaps::line(&g, zone));
        }
    }
    out.push_str(&shift_table("On shift", &s.on_shift, "nobody"));
    out.push_str(&call_table("On call", &s.on_call));
    out.push_str(&shift_table("Next shift", &s.next_shifts, "none in the rotas read"));
    out.push_str(&call_table("Next on call", &s.next_on_call));
    out
}

fn table(header: &[&str]) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_header(header.to_vec());
    t
}

fn shift_table(title: &str, rows: &[OnShift], none: &str) -> String {
    if rows.is_empty() {
        return format!("{title}: {none}\n");
    }
    let mut t = table(&["agent", "template", "since", "until", "zone"]);
    for r in rows {
        t.add_row(vec![
            r.agent.clone(),
            r.template.clone(),
            clock::day_time_and_offset(&r.since),
            clock::day_time_and_offset(&r.until),
            r.zone.clone(),
        ]);
    }
    format!("{title}:\n{t}\n")
}

fn call_table(title: &str, rows: &[OnCall]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let ringing = rows.iter().any(|r| r.active.is_some());
    let mut header = vec!["duty", "holder", "since", "until", "zone"];
    if ringing {
        header.push("rings now");
    }
    let mut t = table(&header);
    for r in rows {
        let mut row = vec![
            r.duty.clone(),
            r.holder.clone().unwrap_or_else(|| "nobody".into()),
            clock::day_time_and_offset(&r.since),
            clock::day_time_and_offset(&r.until),
            r.zone.clone(),
        ];
        if let Some(a) = r.active {
            row.push(if a { "yes" } else { "no" }.into());
        }
        t.add_row(row);
    }
    format!("{title}:\n{t}\n")
}
