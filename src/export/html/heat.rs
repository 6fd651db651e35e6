//! The coverage heatmap: one table per week, a row per local date and a
//! column per hour in the report's zone. Each cell counts the distinct agents
//! on duty (fewest and most within the hour) against the head-count target,
//! exactly, from the rota's instants; a cell is short exactly when one of
//! `check`'s gaps (head count or skill) overlaps its hour.

use super::{esc, offset, span, Ctx};
use crate::config::Horizon;
use crate::report::clock;
use crate::rota::Gap;
use crate::time::{self, Instant};
use chrono::{Duration, NaiveDate};
use std::fmt::Write as _;

/// Agents on duty and agents needed from `start` until the next step.
struct Step {
    start: Instant,
    have: u32,
    need: u32,
}

/// What one hour holds.
struct Hour {
    /// Fewest and most agents on duty.
    have: (u32, u32),
    /// Smallest and largest head-count target.
    need: (u32, u32),
    /// More agents than the target at every moment of the hour.
    over: bool,
}

/// The coverage section: legend, then one heatmap per week.
pub(super) fn section(cx: &Ctx, o: &mut String) {
    let steps = steps(cx);
    let first = time::local_date(cx.tz, cx.w0);
    let last = time::local_date(cx.tz, cx.w1 - Duration::seconds(1));
    let weeks = (last - first).num_days() / 7 + 1;
    let _ = writeln!(
        o,
        "<section id=\"coverage\">\n<h2>Coverage by hour ({})</h2>",
        esc(cx.tz.name())
    );
    legend(o);
    for w in 0..weeks {
        week(cx, &steps, first + Duration::days(7 * w), w + 1, o);
    }
    o.push_str("</section>\n");
}

fn legend(o: &mut String) {
    o.push_str(
        "<p class=\"legend\">Each cell: agents on duty / target in that hour (fewest–most when it \
         varies). \
         <span class=\"key cell short\">1/2!</span> short of the target (a gap <code>sunrota check</code> \
         reports) \
         <span class=\"key cell c0\">2/2</span> at target \
         <span class=\"key cell c1\">3/2</span> one spare at some moment \
         <span class=\"key cell c2\">4/2+</span> two or more spare, \
         <b>+</b> more than the target all hour \
         <span class=\"key cell idle\">0/0</span> no target \
         <span class=\"key cell out\">·</span> outside the horizon \
         <span class=\"key cell skip\">–</span> hour skipped by a clock change. \
         Hover a cell for exact numbers and times.</p>\n",
    );
}

/// The step function of agents on duty and the target, over the horizon.
fn steps(cx: &Ctx) -> Vec<Step> {
    let mut cfg = cx.cfg.clone();
    cfg.horizon = Horizon {
        start: cx.rota.start,
        weeks: cx.rota.weeks,
    };
    // (instant, agent or None for the target, change)
    let mut ev: Vec<(Instant, Option<usize>, i64)> = Vec::new();
    for s in &cx.rota.shifts {
        let (a, b) = (s.start_utc().max(cx.w0), s.end_utc().min(cx.w1));
        if let (Some((i, _)), true) = (cfg.agent(&s.agent), a < b) {
            ev.extend([(a, Some(i), 1), (b, Some(i), -1)]);
        }
    }
    for d in time::demand(&cfg) {
        let n = i64::from(cfg.coverage.needs[d.need].agents);
        ev.extend([(d.start, None, n), (d.end, None, -n)]);
    }
    ev.sort_by_key(|e| e.0);
    let mut per = vec![0i64; cfg.agents.len()];
    let (mut head, mut need) = (0i64, 0i64);
    let mut out = vec![Step {
        start: cx.w0,
        have: 0,
        need: 0,
    }];
    for (k, &(t, who, delta)) in ev.iter().enumerate() {
        match who {
            Some(i) => {
                let before = per[i] > 0;
                per[i] += delta;
                head += i64::from(per[i] > 0) - i64::from(before);
            }
            None => need += delta,
        }
        if ev.get(k + 1).is_some_and(|n| n.0 == t) {
            continue;
        }
        let step = Step {
            start: t,
            have: head.max(0) as u32,
            need: need.max(0) as u32,
        };
        match out.last_mut() {
            Some(l) if l.start == t => *l = step,
            _ => out.push(step),
        }
    }
    out
}

/// Agents on duty and the target over `[a, b)`.
fn measure(steps: &[Step], a: Instant, b: Instant) -> Hour {
    let from = steps.partition_point(|s| s.start <= a).saturating_sub(1);
    let mut h = Hour {
        have: (u32::MAX, 0),
        need: (u32::MAX, 0),
        over: true,
    };
    for s in steps[from..].iter().take_while(|s| s.start < b) {
        h.have = (h.have.0.min(s.have), h.have.1.max(s.have));
        h.need = (h.need.0.min(s.need), h.need.1.max(s.need));
        h.over &= s.have > s.need;
    }
    if h.have.0 == u32::MAX {
        h.have.0 = 0;
        h.need.0 = 0;
    }
    h
}

/// One week's table, from local date `first` in the report's zone.
fn week(cx: &Ctx, steps: &[Step], first: NaiveDate, n: i64, o: &mut String) {
    let end = first + Duration::days(7);
    let (a, b) = (time::at(cx.tz, first, 0), time::at(cx.tz, end, 0));
    let mut offsets = vec![offset(cx.tz, a)];
    offsets.extend(super::changes(cx.tz, a, b).into_iter().map(|c| offset(cx.tz, c)));
    let _ = writeln!(
        o,
        "<table class=\"heat\" data-week=\"{n}\">\n<caption>Week {n}: {} – {} ({}, UTC {})</caption>",
        clock::day(first),
        clock::day(end - Duration::days(1)),
        esc(cx.tz.name()),
        offsets.join(" → ")
    );
    o.push_str("<thead><tr><th>date</th>");
    for h in 0..24 {
        let _ = write!(o, "<th>{h:02}</th>");
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for date in first.iter_days().take(7) {
        let _ = write!(o, "<tr><th>{}</th>", clock::short_day(date));
        for h in 0..24 {
            cell(cx, steps, date, h, o);
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}

/// One hour's cell: class and text for the eye, title for the numbers.
fn cell(cx: &Ctx, steps: &[Step], date: NaiveDate, hour: u32, o: &mut String) {
    let (a, b) = (time::at(cx.tz, date, hour * 60), time::at(cx.tz, date, (hour + 1) * 60));
    let (ca, cb) = (a.max(cx.w0), b.min(cx.w1));
    let when = format!("{} {hour:02}:00", clock::day(date));
    let (class, text, title) = if a >= b {
        (
            "skip",
            "–".to_string(),
            format!("{when}: no such hour, the clocks go forward"),
        )
    } else if ca >= cb {
        ("out", "·".to_string(), format!("{when}: outside the horizon"))
    } else {
        let gaps: Vec<&Gap> = cx.found.gaps.iter().filter(|g| g.start < cb && g.end > ca).collect();
        let h = measure(steps, ca, cb);
        let class = class_of(&h, !gaps.is_empty());
        let mut text = format!("{}/{}", range(h.have), range(h.need));
        text.push_str(if !gaps.is_empty() {
            "!"
        } else if h.over {
            "+"
        } else {
            ""
        });
        (class, text, title(cx, &h, &gaps, (a, b), (ca, cb)))
    };
    let _ = write!(
        o,
        "<td class=\"cell {class}\" data-day=\"{date}\" data-hour=\"{hour}\" title=\"{}\">{}</td>",
        esc(&title),
        esc(&text)
    );
}

fn class_of(h: &Hour, short: bool) -> &'static str {
    if short {
        return "short";
    }
    if h.need.1 == 0 && h.have.1 == 0 {
        return "idle";
    }
    match h.have.1.saturating_sub(h.need.1.max(h.need.0)) {
        0 => "c0",
        1 => "c1",
        _ => "c2",
    }
}

/// "3" or "2–4".
fn range((lo, hi): (u32, u32)) -> String {
    if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}–{hi}")
    }
}

/// The hover text: the hour's exact span, counts, and the gaps in it.
fn title(cx: &Ctx, h: &Hour, gaps: &[&Gap], (a, b): (Instant, Instant), (ca, cb): (Instant, Instant)) -> String {
    let mut t = span(ca, cb, cx.tz);
    if (ca, cb) != (a, b) {
        t.push_str(", partly outside the horizon");
    } else if b - a > Duration::hours(1) {
        t.push_str(", the clocks go back: this hour happens twice");
    }
    let _ = write!(t, ": {} agent(s) on duty, target {}", range(h.have), range(h.need));
    if h.over {
        t.push_str(" (+ more than the target all hour)");
    }
    for g in gaps {
        let who = g.skill.as_deref().map_or("agents".into(), |s| format!("{s} agents"));
        let _ = write!(
            t,
            "; ! short: {} of {} {who} {}",
            g.have,
            g.need,
            span(g.start.max(ca), g.end.min(cb), cx.tz)
        );
    }
    t
}
