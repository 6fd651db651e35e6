//! The weekly grid (one row per agent, one column per local day) fitted to a
//! width: full cells, then compact ones, then one agenda per agent when even
//! the compact week does not fit. Without a width (piped output) the full
//! grid is printed, so scripts and diffs see a stable layout.

use super::{agenda, clock, table};
use crate::config::{Agent, Config};
use crate::rota::Rota;
use chrono::{Duration, NaiveDate};
use comfy_table::Cell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How much of a cell to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cells {
    /// "late 12:00-20:00", agent zones in full, "Mon 03-02".
    Full,
    /// "late" over "12-20", zone cities, weekday over date.
    Compact,
}

/// The shifts of a rota by agent and local date, as (template, start, end) texts.
type ByDay<'a> = BTreeMap<(&'a str, NaiveDate), Vec<(String, String, String)>>;

fn by_day<'a>(cfg: &Config, rota: &'a Rota) -> ByDay<'a> {
    let mut cells: ByDay = BTreeMap::new();
    for s in &rota.shifts {
        let Some((_, agent)) = cfg.agent(&s.agent) else {
            continue;
        };
        let (a, b) = (
            s.start_utc().with_timezone(&agent.zone),
            s.end_utc().with_timezone(&agent.zone),
        );
        cells
            .entry((s.agent.as_str(), s.date_in(agent.zone)))
            .or_default()
            .push((s.template.clone(), clock::local_minute(&a), clock::local_minute(&b)));
    }
    cells
}

/// "12:00" → "12", "06:30" stays.
fn short_time(t: &str) -> &str {
    t.strip_suffix(":00").unwrap_or(t)
}

fn cell_text(list: Option<&Vec<(String, String, String)>>, status: Option<&str>, cells: Cells) -> String {
    match (list, cells) {
        (Some(list), Cells::Full) => list
            .iter()
            .map(|(t, a, b)| format!("{t} {a}-{b}"))
            .collect::<Vec<_>>()
            .join("\n"),
        (Some(list), Cells::Compact) => list
            .iter()
            .map(|(t, a, b)| format!("{t}\n{}-{}", short_time(a), short_time(b)))
            .collect::<Vec<_>>()
            .join("\n"),
        (None, Cells::Full) => status.map(|s| format!("({s})")).unwrap_or_default(),
        (None, Cells::Compact) => status.map(|s| s.replace("time ", "")).unwrap_or_default(),
    }
}

/// Why an agent has no shift on a day, when the rota or config says.
fn status(rota: &Rota, a: &Agent, d: NaiveDate) -> Option<&'static str> {
    if a.off.contains(&d) {
        Some("time off")
    } else if rota.duty.taken.iter().any(|c| c.agent == a.name && c.date == d) {
        Some("comp day")
    } else {
        None
    }
}

fn week_table(cfg: &Config, rota: &Rota, cells: &ByDay, days: &[NaiveDate], how: Cells) -> String {
    let mut header = vec!["agent (local time)".to_string()];
    header.extend(days.iter().map(|d| match how {
        Cells::Full => clock::short_day(*d),
        Cells::Compact => d.format("%a\n%m-%d").to_string(),
    }));
    let mut t = table(header);
    for a in &cfg.agents {
        let zone = match how {
            Cells::Full => a.zone.name(),
            Cells::Compact => a.zone.name().rsplit('/').next().unwrap_or(a.zone.name()),
        };
        let mut row = vec![Cell::new(format!("{}\n{zone}", a.name))];
        for d in days {
            let list = cells.get(&(a.name.as_str(), *d));
            row.push(Cell::new(cell_text(list, status(rota, a, *d), how)));
        }
        t.add_row(row);
    }
    t.to_string()
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The week that starts `first`: the full grid if it fits `width`, else the
/// compact one, else each agent's agenda.
fn week(cfg: &Config, rota: &Rota, cells: &ByDay, first: NaiveDate, width: Option<usize>) -> String {
    let days: Vec<NaiveDate> = (0..7).map(|k| first + Duration::days(k)).collect();
    let full = week_table(cfg, rota, cells, &days, Cells::Full);
    let Some(width) = width.filter(|w| widest(&full) > *w) else {
        return full;
    };
    let compact = week_table(cfg, rota, cells, &days, Cells::Compact);
    if widest(&compact) <= width {
        return compact;
    }
    let mut out = String::from("(too narrow for the grid: each agent's week in their own time)\n");
    for a in &cfg.agents {
        let _ = write!(out, "{}", agenda::agenda(rota, a, &days));
    }
    super::wrap::block(&out, Some(width))
}

/// The weekly grids of weeks `weeks` (0 = the first), fitted to `width`.
pub fn grid(cfg: &Config, rota: &Rota, weeks: std::ops::Range<u32>, width: Option<usize>) -> String {
    let cells = by_day(cfg, rota);
    let mut out = String::new();
    for w in weeks.clone() {
        let first = rota.start + Duration::days(i64::from(w) * 7);
        let _ = writeln!(
            out,
            "Week {} ({} – {})\n{}",
            w + 1,
            first,
            first + Duration::days(6),
            week(cfg, rota, &cells, first, width)
        );
    }
    let edge = edge_shifts(cfg, rota, &cells, weeks);
    if !edge.is_empty() {
        let _ = writeln!(
            out,
            "Shifts on local days just outside the horizon that cover its edges:"
        );
        for e in edge {
            let _ = writeln!(out, "  {e}");
        }
    }
    out
}

/// Shifts on local dates before the first or after the last week shown.
fn edge_shifts(cfg: &Config, rota: &Rota, cells: &ByDay, weeks: std::ops::Range<u32>) -> Vec<String> {
    let (first, end) = (rota.start, rota.end());
    let (shown0, shown1) = (
        rota.start + Duration::days(i64::from(weeks.start) * 7),
        rota.start + Duration::days(i64::from(weeks.end) * 7),
    );
    let mut edge = Vec::new();
    for ((agent, date), list) in cells {
        let outside = *date < first || *date >= end;
        let next_to_shown = (*date < first && shown0 == first) || (*date >= end && shown1 == end);
        if outside && next_to_shown && cfg.agent(agent).is_some() {
            for (t, a, b) in list {
                edge.push(format!("{agent} {} {t} {a}-{b}", clock::day(*date)));
            }
        }
    }
    edge
}
