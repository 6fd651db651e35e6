//! On-call and fairness: the strip of who holds each on-call duty
//! (`[oncall.NAME]`) when (handoffs in the holder's local time), the comp-day
//! ledger, and bars of each agent's hours, nights and weekend shifts.

use super::{esc, span, stamp, Ctx};
use crate::config::Duty;
use crate::oncall::{self, Period};
use crate::report::{clock, days, duration, rota_totals};
use crate::rota::Hold;
use chrono::Utc;
use std::fmt::Write as _;

/// On-call strips and comp days; nothing when the team has neither.
pub(super) fn section(cx: &Ctx, o: &mut String) {
    if cx.cfg.duties.is_empty() && cx.rota.duty.is_empty() {
        return;
    }
    o.push_str("<section id=\"oncall\">\n<h2>On-call</h2>\n");
    for duty in &cx.cfg.duties {
        strip(cx, duty, o);
    }
    comp(cx, o);
    o.push_str("</section>\n");
}

/// Holders of one period, in file order.
fn holders<'a>(cx: &'a Ctx, duty: &Duty, p: &Period) -> Vec<&'a Hold> {
    let holds = cx.rota.duty.holds.iter();
    holds
        .filter(|h| h.duty == duty.name && h.start.with_timezone(&Utc) == p.start)
        .collect()
}

/// "Mon 2027-01-04 09:00 +00:00" in the holder's zone.
fn handoff(cx: &Ctx, h: &Hold, t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    match cx.cfg.agent(&h.agent) {
        Some((_, a)) => stamp(t.with_timezone(&Utc), a.zone),
        None => clock::day_time_and_offset(t),
    }
}

/// One duty: a strip of periods, then a table of handoffs.
fn strip(cx: &Ctx, duty: &Duty, o: &mut String) {
    let periods = oncall::periods(duty, cx.w0, cx.w1);
    let _ = writeln!(
        o,
        "<h3>{} — {}, {} holder(s), active {}</h3>\n<div class=\"strip\">",
        esc(&duty.name),
        esc(&duty.describe()),
        duty.holders,
        esc(&duty.active.label())
    );
    for p in &periods {
        let hs = holders(cx, duty, p);
        let mut names: Vec<String> = hs.iter().map(|h| esc(&h.agent)).collect();
        let short = hs.len() < duty.holders as usize;
        if short {
            names.push("! nobody".into());
        }
        let _ = writeln!(
            o,
            "<div class=\"period{}\" style=\"flex-grow:{}\" title=\"{}: {}\">{}</div>",
            if short { " unfilled" } else { "" },
            (p.end - p.start).num_minutes(),
            esc(&span(p.start, p.end, duty.zone)),
            names.join(", "),
            names.join(", ")
        );
    }
    o.push_str("</div>\n<table class=\"handoffs\"><thead><tr><th>period</th><th>holder</th>");
    o.push_str(
        "<th>takes over (holder's time)</th><th>hands over (holder's time)</th><th>active</th></tr></thead>\n<tbody>\n",
    );
    for p in &periods {
        let active = duration(oncall::active_minutes(cx.cfg, duty, p) * 60);
        let hs = holders(cx, duty, p);
        for h in &hs {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{active}</td></tr>",
                p.date,
                esc(&h.agent),
                handoff(cx, h, &h.start),
                handoff(cx, h, &h.end)
            );
        }
        for _ in hs.len()..duty.holders as usize {
            let _ = writeln!(
                o,
                "<tr class=\"warn\"><td>{}</td><td>! nobody</td><td>{}</td><td>{}</td><td>{active}</td></tr>",
                p.date,
                stamp(p.start, duty.zone),
                stamp(p.end, duty.zone)
            );
        }
    }
    o.push_str("</tbody></table>\n");
}

/// The comp-day ledger: per agent, opening + earned − taken = balance, the
/// days taken, and days asked for but not placed.
fn comp(cx: &Ctx, o: &mut String) {
    let d = &cx.rota.duty;
    if d.ledger.is_empty() && d.taken.is_empty() && d.earned.is_empty() {
        return;
    }
    o.push_str("<h3>Comp days</h3>\n<table class=\"ledger\"><thead><tr><th>agent</th><th>opening</th>");
    o.push_str("<th>earned</th><th>taken</th><th>balance</th><th>days taken</th><th>asked, not placed</th></tr></thead>\n<tbody>\n");
    for a in &cx.cfg.agents {
        let line = d.ledger.iter().find(|l| l.agent == a.name);
        let taken: Vec<String> = d
            .taken
            .iter()
            .filter(|c| c.agent == a.name)
            .map(|c| clock::day(c.date))
            .collect();
        let asked: Vec<String> = a
            .comp_dates
            .iter()
            .filter(|x| **x >= cx.rota.start && **x < cx.rota.end())
            .filter(|x| !d.taken.iter().any(|c| c.agent == a.name && c.date == **x))
            .map(|x| format!("! {}", clock::day(*x)))
            .collect();
        let num = |f: fn(&crate::rota::LedgerLine) -> f64| line.map(|l| days(f(l))).unwrap_or_default();
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.name),
            num(|l| l.opening),
            num(|l| l.earned),
            num(|l| l.taken),
            num(|l| l.balance),
            taken.join(", "),
            asked.join(", ")
        );
    }
    o.push_str("</tbody></table>\n");
    if !d.earned.is_empty() {
        o.push_str("<p class=\"credits\">Earned: ");
        let items: Vec<String> = d
            .earned
            .iter()
            .map(|c| format!("{} {} +{} ({})", esc(&c.agent), c.date, days(c.days), esc(&c.reason)))
            .collect();
        o.push_str(&items.join("; "));
        o.push_str("</p>\n");
    }
}

/// Fairness bars: hours, nights, weekend shifts (and on-call periods) per
/// agent, each scaled to the largest value, with the number beside the bar.
pub(super) fn fairness(cx: &Ctx, o: &mut String) {
    let rows = rota_totals(cx.cfg, cx.rota);
    let oncall = !cx.cfg.duties.is_empty();
    let max = |f: &dyn Fn(&crate::report::AgentTotals) -> f64| rows.iter().map(f).fold(0.0, f64::max);
    let cols: Vec<(&str, f64)> = [
        ("hours", max(&|r| r.hours)),
        ("nights", max(&|r| f64::from(r.nights))),
        ("weekend shifts", max(&|r| f64::from(r.weekend_shifts))),
        ("on-call periods", max(&|r| f64::from(r.oncall))),
    ]
    .into_iter()
    .take(if oncall { 4 } else { 3 })
    .collect();
    o.push_str("<section id=\"fairness\">\n<h2>Fairness</h2>\n<table class=\"fair\"><thead><tr><th>agent</th>");
    for (name, _) in &cols {
        let _ = write!(o, "<th>{name}</th>");
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for r in &rows {
        let values = [
            r.hours,
            f64::from(r.nights),
            f64::from(r.weekend_shifts),
            f64::from(r.oncall),
        ];
        let _ = write!(
            o,
            "<tr class=\"fair-row\" data-agent=\"{}\"><td>{}</td>",
            esc(&r.agent),
            esc(&r.agent)
        );
        for ((name, top), v) in cols.iter().zip(values) {
            let pct = if *top > 0.0 { v / top * 100.0 } else { 0.0 };
            let text = if *name == "hours" {
                format!("{v:.1}")
            } else {
                format!("{v:.0}")
            };
            let _ = write!(
                o,
                "<td title=\"{}: {text} {name}\"><span class=\"fwrap\"><span class=\"fbar\" style=\"width:{pct:.1}%\"></span></span> {text}</td>",
                esc(&r.agent)
            );
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table>\n</section>\n");
}
