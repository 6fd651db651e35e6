//! What people and machines read: terminal tables (comfy-table) and JSON for
//! `plan`, `show` and `check`. Pure formatting over rota data; no solving here.
//! The weekly grid and its fitting live in [`grid`], agendas in [`agenda`],
//! gap lines in [`gaps`], how dates and times are written in [`clock`],
//! prose fitted to a width in [`wrap`].

pub mod agenda;
pub mod clock;
pub mod cost;
pub mod diff;
pub mod gaps;
pub mod github;
pub mod grid;
pub mod wrap;

pub use grid::grid;

use crate::advise::Precheck;
use crate::check::Findings;
use crate::config::{weekend_of, Config};
use crate::model::Stats;
use crate::rota::{Gap, Rota, Shift};
use crate::time::{self, Instant};
use chrono::{Datelike, Duration, NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Per-agent totals over a rota.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AgentTotals {
    pub agent: String,
    pub zone: String,
    pub shifts: u32,
    pub hours: f64,
    pub nights: u32,
    pub weekend_shifts: u32,
    pub weekends: u32,
    /// On-call periods held (all duties).
    pub oncall: u32,
    pub comp_earned: f64,
    pub comp_taken: f64,
    pub comp_balance: f64,
}

/// Totals over a rota: shifts, hours, nights and weekends, on-call periods and comp days.
pub fn rota_totals(cfg: &Config, rota: &Rota) -> Vec<AgentTotals> {
    let mut rows = totals(cfg, &rota.shifts);
    for t in &mut rows {
        t.oncall = rota.duty.holds.iter().filter(|h| h.agent == t.agent).count() as u32;
        if let Some(l) = rota.duty.ledger.iter().find(|l| l.agent == t.agent) {
            t.comp_earned = l.earned;
            t.comp_taken = l.taken;
            t.comp_balance = l.balance;
        }
    }
    rows
}

pub fn totals(cfg: &Config, shifts: &[Shift]) -> Vec<AgentTotals> {
    let mut by: BTreeMap<&str, (AgentTotals, Vec<NaiveDate>)> = BTreeMap::new();
    for a in &cfg.agents {
        let t = AgentTotals {
            agent: a.name.clone(),
            zone: a.zone.name().into(),
            ..Default::default()
        };
        by.insert(&a.name, (t, Vec::new()));
    }
    for s in shifts {
        let (Some((_, agent)), Some(entry)) = (cfg.agent(&s.agent), by.get_mut(s.agent.as_str())) else {
            continue;
        };
        let date = s.date_in(agent.zone);
        let (t, weekends) = entry;
        t.shifts += 1;
        t.hours += time::seconds(s.start_utc(), s.end_utc()) as f64 / 3600.0;
        if cfg.template(&s.template).is_some_and(|(_, tpl)| tpl.night) {
            t.nights += 1;
        }
        if let Some(sat) = weekend_of(date) {
            t.weekend_shifts += 1;
            weekends.push(sat);
        }
    }
    cfg.agents
        .iter()
        .filter_map(|a| by.remove(a.name.as_str()))
        .map(|(mut t, mut w)| {
            w.sort();
            w.dedup();
            t.weekends = w.len() as u32;
            t
        })
        .collect()
}

/// Lets a table wrap its cells to fit `width` columns (none: never wraps).
pub(crate) fn fit(mut t: Table, width: Option<usize>) -> Table {
    if let Some(w) = width {
        t.set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(w).unwrap_or(u16::MAX));
    }
    t
}

pub(crate) fn table(header: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    t
}

fn hhmm(minute_of_day: u32) -> String {
    format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

pub fn duration(seconds: i64) -> String {
    let m = seconds / 60;
    if m % 60 == 0 {
        format!("{}h", m / 60)
    } else {
        format!("{}h{:02}", m / 60, m % 60)
    }
}

fn when(t: Instant, tz: Tz) -> String {
    clock::day_and_time(&t.with_timezone(&tz))
}

/// "Mon 2026-03-02 01:00 – 02:00 UTC (1h)", with the end's date when it
/// differs, and UTC offsets when the offset changes inside or a time is one
/// a clock change makes happen twice (DST).
pub fn stretch(start: Instant, end: Instant, tz: Tz) -> String {
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    // Offsets when the clock changes inside, or a time happens twice (fall back).
    let twice = |t: &chrono::DateTime<Tz>| {
        matches!(
            tz.from_local_datetime(&t.naive_local()),
            chrono::LocalResult::Ambiguous(..)
        )
    };
    let shifted = s.offset().fix() != e.offset().fix() || twice(&s) || twice(&e);
    let mut start_text = when(start, tz);
    if shifted {
        start_text.push_str(&format!(" {}", clock::offset(&s)));
    }
    let mut end_text = if s.date_naive() == e.date_naive() {
        clock::local_minute(&e)
    } else {
        when(end, tz)
    };
    if shifted {
        end_text.push_str(&format!(" {}", clock::offset(&e)));
    }
    format!(
        "{start_text} – {end_text} {} ({})",
        tz.name(),
        duration(time::seconds(start, end))
    )
}

/// "Tue 2026-03-03 late: 1 of 3 on shift (2 missing)".
pub fn shortage_line(s: &crate::rota::Shortage) -> String {
    format!(
        "{} {}: {} of {} on shift ({} missing)",
        clock::day(s.date),
        s.template,
        s.have,
        s.need,
        s.need - s.have
    )
}

/// Weekday × hour view in `tz`: the fewest agents on duty in each hour over
/// all weeks, marked `!` where some week falls short of the target.
pub fn coverage_view(cfg: &Config, rota: &Rota, tz: Tz) -> String {
    let iv: Vec<(Instant, Instant)> = rota
        .shifts
        .iter()
        .filter(|s| cfg.agent(&s.agent).is_some())
        .map(|s| (s.start_utc(), s.end_utc()))
        .collect();
    let mut iv = iv;
    iv.sort();
    let (w0, w1) = time::window(
        &crate::config::Horizon {
            start: rota.start,
            weeks: rota.weeks,
        },
        cfg.coverage.zone,
    );
    let mut fewest: BTreeMap<(u32, usize), u32> = BTreeMap::new();
    let mut short: BTreeMap<(u32, usize), bool> = BTreeMap::new();
    let first = time::local_date(tz, w0);
    let last = time::local_date(tz, w1);
    for date in first.iter_days().take_while(|d| *d <= last) {
        for h in 0..24u32 {
            let (a, b) = (time::at(tz, date, h * 60), time::at(tz, date, (h + 1) * 60));
            let (a, b) = (a.max(w0), b.min(w1));
            if a >= b {
                continue;
            }
            let key = (h, date.weekday().num_days_from_monday() as usize);
            let n = min_on_duty(&iv, a, b);
            let e = fewest.entry(key).or_insert(n);
            *e = (*e).min(n);
            let gap = rota.gaps.iter().any(|g| g.start < b && g.end > a);
            *short.entry(key).or_default() |= gap;
        }
    }
    let mut header = vec![format!("{} hour", tz.name())];
    header.extend(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(String::from));
    let mut t = table(header);
    for h in 0..24u32 {
        let mut row = vec![format!("{}–{}", hhmm(h * 60), hhmm((h + 1) * 60))];
        for d in 0..7 {
            row.push(match fewest.get(&(h, d)) {
                None => "·".into(),
                Some(n) if short.get(&(h, d)).copied().unwrap_or(false) => format!("{n} !"),
                Some(n) => n.to_string(),
            });
        }
        t.add_row(row);
    }
    format!(
        "Coverage: fewest agents on duty per hour over all weeks\n({}; ! = below target in some week)\n{t}\n",
        tz.name()
    )
}

/// Fewest shifts on duty at any moment of `[a, b)`; `iv` is sorted by start.
fn min_on_duty(iv: &[(Instant, Instant)], a: Instant, b: Instant) -> u32 {
    // No shift is longer than two days, so only these can overlap the hour.
    let from = iv.partition_point(|(s, _)| *s < a - Duration::days(2));
    let to = iv.partition_point(|(s, _)| *s < b);
    let near: Vec<&(Instant, Instant)> = iv[from..to].iter().filter(|(_, e)| *e > a).collect();
    let mut points = vec![a];
    for &&(s, e) in &near {
        if s > a {
            points.push(s);
        }
        if e < b {
            points.push(e);
        }
    }
    points
        .iter()
        .map(|&p| near.iter().filter(|(s, e)| *s <= p && *e > p).count() as u32)
        .min()
        .unwrap_or(0)
}

/// Per-agent totals; `duty` adds the on-call and comp-day columns.
pub fn totals_table(rows: &[AgentTotals], duty: bool, width: Option<usize>) -> String {
    let mut header: Vec<String> = [
        "agent",
        "zone",
        "shifts",
        "hours",
        "nights",
        "weekend shifts",
        "weekends",
    ]
    .map(String::from)
    .to_vec();
    if duty {
        header.extend(["on-call", "comp earned", "comp taken", "comp balance"].map(String::from));
    }
    let mut t = fit(table(header), width);
    for r in rows {
        let mut row = vec![
            r.agent.clone(),
            r.zone.clone(),
            r.shifts.to_string(),
            format!("{:.1}", r.hours),
            r.nights.to_string(),
            r.weekend_shifts.to_string(),
            r.weekends.to_string(),
        ];
        if duty {
            row.extend([
                r.oncall.to_string(),
                days(r.comp_earned),
                days(r.comp_taken),
                days(r.comp_balance),
            ]);
        }
        t.add_row(row);
    }
    format!("Per agent\n{t}\n")
}

/// A number of days: "1", "1.5", "0.25".
pub fn days(x: f64) -> String {
    let x = if x.abs() < 1e-9 { 0.0 } else { x };
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The on-call table of a rota: each period, its holder(s) and handoffs in
/// each holder's local time, then the comp days placed and not placed.
pub fn oncall_text(cfg: &Config, rota: &Rota, width: Option<usize>) -> String {
    let mut out = String::new();
    let horizon = crate::config::Horizon {
        start: rota.start,
        weeks: rota.weeks,
    };
    let (w0, w1) = time::window(&horizon, cfg.coverage.zone);
    for duty in &cfg.duties {
        let head = format!(
            "On-call: {} — {}, {} holder(s), active {}{}",
            duty.name,
            duty.describe(),
            duty.holders,
            duty.active.label(),
            if duty.nights {
                ""
            } else {
                ", no night shifts while holding"
            }
        );
        out.push_str(&wrap::item(&head, 0, wrap::HANG, width));
        let _ = writeln!(out, "{}", duty_table(cfg, rota, duty, (w0, w1), width));
    }
    out.push_str(&wrap::block(&comp_text(cfg, rota), width));
    out
}

/// One row per holder of each period of `duty` in the window; "(nobody)"
/// for each holder missing.
fn duty_table(
    cfg: &Config,
    rota: &Rota,
    duty: &crate::config::Duty,
    window: (Instant, Instant),
    width: Option<usize>,
) -> Table {
    let header = [
        "period",
        "holder",
        "takes over (holder's time)",
        "hands over (holder's time)",
        "active",
    ];
    let mut t = fit(table(header.map(String::from).to_vec()), width);
    for p in crate::oncall::periods(duty, window.0, window.1) {
        let active = duration(crate::oncall::active_minutes(cfg, duty, &p) * 60);
        let holders: Vec<_> = rota
            .duty
            .holds
            .iter()
            .filter(|h| h.duty == duty.name && h.start.to_utc() == p.start)
            .collect();
        for h in &holders {
            let zone = cfg.agent(&h.agent).map_or(duty.zone, |(_, a)| a.zone);
            let local = |t: &chrono::DateTime<chrono::FixedOffset>| time::local_text(zone, t.to_utc());
            t.add_row(vec![
                p.date.to_string(),
                h.agent.clone(),
                local(&h.start),
                local(&h.end),
                active.clone(),
            ]);
        }
        for _ in holders.len()..duty.holders as usize {
            let (from, to) = (time::local_text(duty.zone, p.start), time::local_text(duty.zone, p.end));
            t.add_row(vec![p.date.to_string(), "(nobody)".into(), from, to, active.clone()]);
        }
    }
    t
}

/// "Comp days placed: …" and, per agent, the dates asked for but not placed.
fn comp_text(cfg: &Config, rota: &Rota) -> String {
    let mut out = String::new();
    let taken: Vec<String> = rota
        .duty
        .taken
        .iter()
        .map(|c| format!("{} {}", c.agent, c.date))
        .collect();
    if !taken.is_empty() {
        let _ = writeln!(out, "Comp days placed: {}", taken.join(", "));
    }
    for a in &cfg.agents {
        let asked: Vec<String> = a
            .comp_dates
            .iter()
            .filter(|d| **d >= rota.start && **d < rota.end())
            .filter(|d| !rota.duty.taken.iter().any(|c| c.agent == a.name && c.date == **d))
            .map(std::string::ToString::to_string)
            .collect();
        if !asked.is_empty() {
            let _ = writeln!(
                out,
                "Comp days asked for but not placed: {} {}",
                a.name,
                asked.join(", ")
            );
        }
    }
    out
}

/// Advice printed before solving, to stderr.
pub fn precheck_text(cfg: &Config, pre: &Precheck) -> String {
    let mut out = String::new();
    for note in &pre.clock {
        let level = if note.kind == "collapses" { "warning" } else { "note" };
        let _ = writeln!(out, "{level}: {}", note.message);
    }
    let tz = cfg.coverage.zone;
    // The same hours on many days are one finding: group by local clock times.
    let mut groups: BTreeMap<(String, &str), Vec<&crate::advise::Unreachable>> = BTreeMap::new();
    for u in &pre.unreachable {
        let (s, e) = (u.start.with_timezone(&tz), u.end.with_timezone(&tz));
        let key = format!("{}–{} {}", clock::local_minute(&s), clock::local_minute(&e), tz.name());
        groups.entry((key, u.reason.as_str())).or_default().push(u);
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_key(|(_, list)| list[0].start);
    for ((clock_times, reason), list) in groups {
        let text = if list.len() == 1 {
            stretch(list[0].start, list[0].end, tz)
        } else {
            let first = list[0].start.with_timezone(&tz).date_naive();
            let last = list[list.len() - 1].start.with_timezone(&tz).date_naive();
            format!(
                "{clock_times} on {} days from {} to {}",
                list.len(),
                clock::day(first),
                clock::day(last)
            )
        };
        let _ = writeln!(out, "warning: the target cannot be covered {text}: {reason}");
    }
    if let Some(c) = pre.capacity.filter(|_| pre.short_of_hours()) {
        let _ = writeln!(
            out,
            "warning: the target needs {:.0} agent-hours but {} agents may work at most {:.0} under their rules \
             ({:.0} h a week each on average): full coverage is impossible; at least {} such agents are needed.",
            c.needed_hours,
            cfg.agents.len(),
            c.available_hours,
            c.hours_per_agent_week,
            c.min_agents
        );
    }
    out
}

/// The what-if as a hint: the additions to paste, what each leaves, and
/// other first steps.
#[cfg(feature = "solver")]
pub fn what_if_text(w: &crate::whatif::WhatIf, width: Option<usize>) -> String {
    let last = w.steps.last().map_or(w.before, |s| s.uncovered_agent_minutes);
    let covers = match w.cut_short {
        Some(cut) if w.steps.is_empty() => {
            return format!("hint: {}\n", cut_short_text(w, cut));
        }
        Some(cut) => format!("closes the most uncovered time found ({})", cut_short_text(w, cut)),
        None if w.complete => "covers every hour a template can reach".into(),
        None => "closes the most uncovered time found".into(),
    };
    let head = format!(
        "hint: adding {} agent(s) {covers} — verified by planning: {} → {last} uncovered agent-minutes{}. \
         Paste under [agents]:",
        w.steps.len(),
        w.before,
        if w.complete && last > 0 {
            " (the rest no template reaches)"
        } else {
            ""
        }
    );
    // The fragment is TOML to paste: its lines are never wrapped, and the
    // hint's own continuation hangs deeper than them.
    let mut out = wrap::item(&head, 0, 2 + wrap::HANG, width);
    for (line, s) in crate::whatif::fragment(w).lines().zip(&w.steps) {
        let _ = writeln!(out, "  {line}    # → {}", s.uncovered_agent_minutes);
    }
    for s in &w.alternatives {
        let a = &s.addition;
        let alt = format!(
            "or first: one agent in {} on `{}` → {}",
            a.zone, a.template, s.uncovered_agent_minutes
        );
        out.push_str(&wrap::item(&alt, 2, 2 + wrap::HANG, width));
    }
    out
}

/// "the time limit cut the team suggestion short after 5 candidate plan(s) …".
#[cfg(feature = "solver")]
fn cut_short_text(w: &crate::whatif::WhatIf, cut: crate::whatif::Cut) -> String {
    let verified = if w.steps.is_empty() {
        ", before it verified any addition"
    } else {
        ""
    };
    let again = match cut {
        crate::whatif::Cut::TimeLimit => {
            "the plan and the suggestion share --time-limit: raise it for the full suggestion"
        }
        crate::whatif::Cut::Interrupted => "plan again for the full suggestion",
    };
    format!(
        "{} cut the team suggestion short after {} candidate plan(s){verified}; {again}",
        cut.by(),
        w.candidates
    )
}

/// The first line of `plan` and `show`: team, horizon, coverage zone.
pub fn heading(cfg: &Config, rota: &Rota) -> String {
    format!(
        "{} — {} week(s) from {}, coverage zone {}\n",
        cfg.source.name,
        rota.weeks,
        rota.start,
        cfg.coverage.zone.name()
    )
}

/// Everything `plan` prints for people.
pub fn plan_text(cfg: &Config, rota: &Rota, stats: &Stats, seconds: f64, view: &View) -> String {
    let s = &rota.summary;
    let head = format!(
        "{}Solver: {}, objective {:.1}, bound {:.1}, gap {:.2} %, {seconds:.1} s ({} binaries, {} constraints)\n",
        heading(cfg, rota),
        s.status,
        s.objective,
        s.best_bound,
        s.gap_percent,
        stats.binaries,
        stats.constraints,
    );
    format!("{}\n{}", wrap::block(&head, view.width), views(cfg, rota, view))
}

/// What part of a rota to show, and how.
#[derive(Debug, Clone)]
pub struct View {
    /// Zone of the coverage view and the gap lines.
    pub tz: Tz,
    /// Weeks shown (0 = the first).
    pub weeks: std::ops::Range<u32>,
    /// Columns to fit the grid in; `None` prints it in full.
    pub width: Option<usize>,
    /// Why each gap is left ([`crate::explain`]), printed under its line.
    pub whys: Vec<crate::explain::Why>,
}

impl View {
    /// The whole rota in `tz`.
    pub fn all(rota: &Rota, tz: Tz, width: Option<usize>) -> View {
        View {
            tz,
            weeks: 0..rota.weeks,
            width,
            whys: Vec::new(),
        }
    }
}

/// The views `plan` and `show` share: grid, coverage, on-call, totals, gaps.
pub fn views(cfg: &Config, rota: &Rota, view: &View) -> String {
    let whole = view.weeks == (0..rota.weeks);
    let part = part(cfg, rota, &view.weeks);
    let mut out = grid(cfg, rota, view.weeks.clone(), view.width);
    out.push('\n');
    out.push_str(&coverage_view(cfg, &part, view.tz));
    out.push('\n');
    let duty = !cfg.duties.is_empty() || !rota.duty.is_empty();
    if duty {
        out.push_str(&oncall_text(cfg, &part, view.width));
        out.push('\n');
    }
    let rows = if whole {
        rota_totals(cfg, rota)
    } else {
        totals(cfg, &shifts_of_weeks(cfg, rota, &view.weeks))
    };
    out.push_str(&totals_table(&rows, duty && whole, view.width));
    out.push('\n');
    let worked = shifts_of_weeks(cfg, rota, &view.weeks);
    if let Some(c) = cost::cost_report(cfg, &worked, view.weeks.end - view.weeks.start) {
        out.push_str(&cost::cost_text(&c, view.width));
        out.push('\n');
    }
    out.push_str(&wrap::block(&findings_text(cfg, &part, view), view.width));
    out
}

/// Unfilled on-call periods, short shift demands and gap lines (each with
/// why it is left, when known).
fn findings_text(cfg: &Config, rota: &Rota, view: &View) -> String {
    let tz = view.tz;
    let mut out = String::new();
    for u in &rota.duty.unfilled {
        let _ = writeln!(
            out,
            "On-call {} has {} of {} holder(s) for {}",
            u.duty,
            u.have,
            u.need,
            stretch(u.start, u.end, cfg.coverage.zone)
        );
    }
    if !rota.shortages.is_empty() {
        let _ = writeln!(out, "{} shift demand(s) short:", rota.shortages.len());
        for sh in &rota.shortages {
            let _ = writeln!(out, "  {}", shortage_line(sh));
        }
    }
    let stretches = gaps::stretches(&rota.gaps);
    if stretches.is_empty() {
        if rota.shortages.is_empty() {
            let _ = writeln!(out, "No gaps: the whole coverage target is met.");
        }
        return out;
    }
    let uncovered: i64 = rota.gaps.iter().map(Gap::agent_minutes).sum();
    let _ = writeln!(
        out,
        "{} gap(s), {uncovered} uncovered agent-minutes ({}; {}):",
        stretches.len(),
        gaps::UNCOVERED_MEANS,
        unavoidable_text(&rota.summary)
    );
    for s in &stretches {
        let _ = writeln!(out, "  {}", gaps::line(s, tz));
        out.push_str(&why_text(&view.whys, s, "    "));
    }
    out
}

/// The why lines of stretch `s`, indented, if it was explained.
pub fn why_text(whys: &[crate::explain::Why], s: &gaps::Stretch, indent: &str) -> String {
    let mut out = String::new();
    for w in whys.iter().filter(|w| (w.start, w.end) == (s.start, s.end)) {
        for l in crate::explain::lines(w) {
            let _ = writeln!(out, "{indent}{l}");
        }
    }
    out
}

/// Weeks `weeks` of a rota as a rota of their own: the shifts, holds,
/// gaps and comp days that touch them (the whole rota when that is all).
pub fn part(cfg: &Config, rota: &Rota, weeks: &std::ops::Range<u32>) -> Rota {
    if *weeks == (0..rota.weeks) {
        return rota.clone();
    }
    let start = rota.start + Duration::days(i64::from(weeks.start) * 7);
    let horizon = crate::config::Horizon {
        start,
        weeks: weeks.end - weeks.start,
    };
    let (w0, w1) = time::window(&horizon, cfg.coverage.zone);
    let mut p = rota.clone();
    p.start = start;
    p.weeks = horizon.weeks;
    let end = horizon.end();
    p.shifts.retain(|s| s.start_utc() < w1 && s.end_utc() > w0);
    p.gaps.retain(|g| g.start < w1 && g.end > w0);
    p.shortages.retain(|s| s.date >= start && s.date < end);
    p.duty.holds.retain(|h| h.start.to_utc() < w1 && h.end.to_utc() > w0);
    p.duty.unfilled.retain(|u| u.start < w1 && u.end > w0);
    p.duty.taken.retain(|c| c.date >= start && c.date < end);
    p.summary.uncovered_agent_minutes = p.gaps.iter().map(Gap::agent_minutes).sum();
    // A proof that every uncovered minute is unavoidable holds for each week.
    let all_proven = rota.summary.unavoidable_agent_minutes >= rota.summary.uncovered_agent_minutes;
    p.summary.unavoidable_agent_minutes = if all_proven {
        p.summary.uncovered_agent_minutes
    } else {
        0
    };
    p
}

/// The shifts that belong to weeks `weeks`: those starting on one of their
/// local dates (the agent's), and at the rota's ends those starting on a
/// local day just outside it. Each shift belongs to exactly one week.
pub fn shifts_of_weeks(cfg: &Config, rota: &Rota, weeks: &std::ops::Range<u32>) -> Vec<Shift> {
    let first = rota.start + Duration::days(i64::from(weeks.start) * 7);
    let end = rota.start + Duration::days(i64::from(weeks.end) * 7);
    rota.shifts
        .iter()
        .filter(|s| {
            let Some((_, a)) = cfg.agent(&s.agent) else {
                return false;
            };
            let d = s.date_in(a.zone);
            (d >= first || weeks.start == 0) && (d < end || weeks.end == rota.weeks)
        })
        .cloned()
        .collect()
}

/// How much of the uncovered time a bound proves no rota can cover.
pub fn unavoidable_text(s: &crate::rota::Summary) -> String {
    let (u, p) = (s.uncovered_agent_minutes, s.unavoidable_agent_minutes);
    if p >= u {
        "all proven unavoidable: no rota under these rules covers more".to_string()
    } else if s.status == "optimal" {
        format!(
            "{p} proven unavoidable; the rota is optimal, so covering the rest costs more than it saves \
             under the weights (e.g. weights.change with --keep)"
        )
    } else if p > 0 {
        format!("{p} proven unavoidable; the rest may be left by the work budget — try --effort thorough")
    } else {
        "none proven unavoidable; they may be left by the work budget — try --effort thorough".to_string()
    }
}

/// What `plan --format json` prints.
#[cfg(feature = "solver")]
#[derive(Serialize)]
pub struct PlanJson<'a> {
    pub config: &'a str,
    pub output: Option<String>,
    pub rota: &'a Rota,
    pub seconds: f64,
    pub model: &'a Stats,
    pub agents: Vec<AgentTotals>,
    /// `[costs]`: what the rota costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub costs: Option<cost::CostReport>,
    pub precheck: &'a Precheck,
    pub what_if: Option<&'a crate::whatif::WhatIf>,
    /// `plan --keep`: what changed from the kept rota.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<&'a diff::RotaDiff>,
    /// `plan --keep`: what the local repair restored and what a full one takes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<&'a crate::solve::repair::Report>,
    /// Comp days overdue at the rota's end (also warned of on stderr).
    pub overdue_comp_days: &'a [crate::ledger::Overdue],
}

#[derive(Serialize)]
pub struct CheckJson<'a> {
    pub rota: String,
    pub ok: bool,
    /// Whether the rota's recorded gaps equal the ones check finds.
    pub summary_matches: bool,
    pub uncovered_agent_minutes: i64,
    /// Whether the summary's objective, bound and status hold for this rota
    /// (the objective recomputed by `check`, in `findings.objective`).
    pub summary_confirmed: bool,
    pub summary_problems: &'a [String],
    pub findings: &'a Findings,
    /// Why each uncovered stretch is left ([`crate::explain`]).
    pub gap_reasons: &'a [crate::explain::Why],
    /// Comp days overdue at the rota's end (warnings: `ok` does not count them).
    pub overdue_comp_days: &'a [crate::ledger::Overdue],
}

/// Who and when a broken rule is about: "ana 2026-03-02..2026-03-04".
pub(crate) fn violation_subject(v: &crate::check::Violation) -> String {
    let dates = if v.first == v.last {
        v.first.to_string()
    } else {
        format!("{}..{}", v.first, v.last)
    };
    if v.agent.is_empty() {
        dates
    } else {
        format!("{} {dates}", v.agent)
    }
}

/// "rota.toml:47: error[rest]: lukas 2026-03-03..2026-03-04: …", with the
/// line where one shift is at fault.
pub fn violation_line(file: &str, v: &crate::check::Violation) -> String {
    let place = v.line.map_or_else(|| file.to_string(), |l| format!("{file}:{l}"));
    format!("{place}: error[{}]: {}: {}", v.rule, violation_subject(v), v.message)
}

/// `check`'s plain report: one line per finding, with `file:line` where known.
pub fn check_text(cfg: &Config, file: &str, f: &Findings, whys: &[crate::explain::Why]) -> String {
    let mut out = String::new();
    for v in &f.violations {
        let _ = writeln!(out, "{}", violation_line(file, v));
    }
    for s in gaps::stretches(&f.gaps) {
        let _ = writeln!(out, "{file}: gap: {}", gaps::line(&s, cfg.coverage.zone));
        out.push_str(&why_text(whys, &s, "    "));
    }
    for sh in &f.shortages {
        let _ = writeln!(out, "{file}: short: {}", shortage_line(sh));
    }
    if f.is_clean() {
        let _ = writeln!(out, "{file}: ok — full coverage, no broken rule");
    } else {
        let short = if f.shortages.is_empty() {
            String::new()
        } else {
            format!("{} shift demand(s) short, ", f.shortages.len())
        };
        let _ = writeln!(
            out,
            "{file}: {} gap(s) ({} uncovered agent-minutes), {short}{} violation(s)",
            gaps::stretches(&f.gaps).len(),
            f.uncovered_agent_minutes(),
            f.violations.len()
        );
    }
    out
}
