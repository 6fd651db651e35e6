//! `sunrota ledger`: the comp-day books over every rota in a directory, in
//! date order — per agent the opening balance, what was earned and taken,
//! the balance, and what is still owed with its due date (oldest credit
//! first). Each rota's own `[comp]` records are re-checked on the way, so a
//! hand-edited or miscounted ledger is reported, not summed.

use crate::check::{self, Violation};
use crate::config::Config;
use crate::history::{Loaded, Past};
use crate::report::days;
use crate::rule::Concept;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Serialize)]
pub struct RotaRef {
    pub file: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Comp days still owed from one credit, due by a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Owed {
    pub days: f64,
    pub earned: NaiveDate,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub agent: String,
    pub opening: f64,
    pub earned: f64,
    pub taken: f64,
    pub balance: f64,
    /// On-call periods held, all duties.
    pub oncall: u32,
    /// The balance, credit by credit, oldest first.
    pub owed: Vec<Owed>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ledger {
    pub rotas: Vec<RotaRef>,
    pub agents: Vec<Account>,
    /// Comp-day and ledger violations found in the rotas' records.
    pub problems: Vec<(String, Violation)>,
}

impl Ledger {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The books over `rotas` (oldest first, one chain).
pub fn ledger(cfg: &Config, rotas: &[Loaded]) -> Ledger {
    let all: Vec<&crate::rota::Rota> = rotas.iter().map(|l| &l.rota).collect();
    let mut problems = Vec::new();
    for (i, l) in rotas.iter().enumerate() {
        let past = Past::of(&all[..i]);
        let line_of = l.src.line_lookup();
        let f = check::check(cfg, &l.rota, &past, &line_of);
        for v in f.violations {
            if v.rule.concept() == Concept::CompDays {
                problems.push((l.src.name.clone(), v));
            }
        }
    }
    let past = Past::of(&all);
    let first = past.first_start.unwrap_or(cfg.horizon.start);
    let agents = cfg
        .agents
        .iter()
        .map(|a| {
            let earned: f64 = past.earned.iter().filter(|c| c.agent == a.name).map(|c| c.days).sum();
            let taken = past.taken.iter().filter(|c| c.agent == a.name).count() as f64;
            Account {
                agent: a.name.clone(),
                opening: a.comp_opening,
                earned,
                taken,
                balance: a.comp_opening + earned - taken,
                oncall: past.holds.iter().filter(|h| h.agent == a.name).count() as u32,
                owed: owed(cfg, &past, &a.name, a.comp_opening, past.opening_day(first)),
            }
        })
        .collect();
    Ledger {
        rotas: rotas
            .iter()
            .map(|l| RotaRef {
                file: l.src.name.clone(),
                start: l.rota.start,
                end: l.rota.end(),
            })
            .collect(),
        agents,
        problems,
    }
}

/// What is left of each credit once days taken are set against the oldest first.
fn owed(cfg: &Config, past: &Past, agent: &str, opening: f64, opening_day: NaiveDate) -> Vec<Owed> {
    let mut credits: Vec<(NaiveDate, f64)> = past
        .earned
        .iter()
        .filter(|c| c.agent == agent)
        .map(|c| (c.date, c.days))
        .collect();
    if opening > 0.0 {
        credits.push((opening_day, opening));
    }
    credits.sort_by_key(|c| c.0);
    let mut taken = past.taken.iter().filter(|c| c.agent == agent).count() as f64;
    let mut out = Vec::new();
    for (date, mut left) in credits {
        let used = left.min(taken);
        left -= used;
        taken -= used;
        if left > 0.0 {
            out.push(Owed {
                days: left,
                earned: date,
                due: date + Duration::days(cfg.comp.window_days),
            });
        }
    }
    out
}

/// Comp days owed from one credit past their due date: what `plan` and
/// `check` warn of, as the ledger counts it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overdue {
    pub agent: String,
    pub days: f64,
    pub earned: NaiveDate,
    pub due: NaiveDate,
    /// The last day of the rota it is overdue at.
    pub by: NaiveDate,
}

impl Overdue {
    /// "aoife: 1 comp day(s) due by 2027-01-31 (earned 2027-01-03) not taken by 2027-02-28".
    pub fn message(&self) -> String {
        format!(
            "{}: {} comp day(s) due by {} (earned {}) not taken by {}",
            self.agent,
            days(self.days),
            self.due,
            self.earned,
            self.by
        )
    }
}

/// The comp days overdue at the end of `rota`, whose earlier rotas are
/// `past`: credits still owed once the days taken in them and in `rota` are
/// set against the oldest first (as [`ledger`] does), due before the day
/// after `rota` — a due date on or before its last day. Later rotas do not
/// count: a day taken after it was due was overdue then.
pub fn overdue_at_end(cfg: &Config, past: &Past, rota: &crate::rota::Rota) -> Vec<Overdue> {
    let mut all = past.clone();
    all.first_start = Some(past.first_start.map_or(rota.start, |s| s.min(rota.start)));
    all.earned.extend(rota.duty.earned.iter().cloned());
    all.taken.extend(rota.duty.taken.iter().cloned());
    let (today, first) = (rota.end(), all.first_start.unwrap_or(rota.start));
    let by = today - Duration::days(1);
    cfg.agents
        .iter()
        .flat_map(|a| {
            owed(cfg, &all, &a.name, a.comp_opening, all.opening_day(first))
                .into_iter()
                .map(move |o| (a, o))
        })
        .filter(|(_, o)| o.due < today)
        .map(|(a, o)| Overdue {
            agent: a.name.clone(),
            days: o.days,
            earned: o.earned,
            due: o.due,
            by,
        })
        .collect()
}

/// "1 by 2027-04-26", or for many credits a summary: "11, 4.5 overdue since
/// 2026-11-07" (overdue: due before `today`, the day after the last rota).
fn owed_text(owed: &[Owed], today: Option<NaiveDate>) -> String {
    let total: f64 = owed.iter().map(|o| o.days).sum();
    let late: Vec<&Owed> = owed.iter().filter(|o| today.is_some_and(|t| o.due < t)).collect();
    match (owed, late.first()) {
        ([], _) => "—".to_string(),
        (_, Some(oldest)) => {
            let overdue: f64 = late.iter().map(|o| o.days).sum();
            format!("{}, {} overdue since {}", days(total), days(overdue), oldest.due)
        }
        ([o], None) => format!("{} by {}", days(o.days), o.due),
        ([o, p], None) => format!("{} by {}, {} by {}", days(o.days), o.due, days(p.days), p.due),
        ([o, ..], None) => format!("{}, first {} by {}", days(total), days(o.days), o.due),
    }
}

pub fn ledger_text(l: &Ledger) -> String {
    let mut out = String::new();
    match (l.rotas.first(), l.rotas.last()) {
        (Some(a), Some(b)) => {
            let _ = writeln!(
                out,
                "Comp-day ledger over {} rota(s), {} – {}:",
                l.rotas.len(),
                a.start,
                b.end - Duration::days(1)
            );
        }
        _ => {
            let _ = writeln!(out, "Comp-day ledger: no rotas yet; opening balances only.");
        }
    }
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED).set_header([
        "agent",
        "on-call",
        "opening",
        "earned",
        "taken",
        "balance",
        "still owed",
    ]);
    for a in &l.agents {
        let owed = owed_text(&a.owed, l.rotas.last().map(|r| r.end));
        t.add_row(vec![
            a.agent.clone(),
            a.oncall.to_string(),
            days(a.opening),
            days(a.earned),
            days(a.taken),
            days(a.balance),
            owed,
        ]);
    }
    let _ = writeln!(out, "{t}");
    for (file, v) in &l.problems {
        let place = v.line.map_or_else(|| file.clone(), |n| format!("{file}:{n}"));
        let _ = writeln!(
            out,
            "{place}: error[{}]: {} {}: {}",
            v.rule, v.agent, v.first, v.message
        );
    }
    out
}
