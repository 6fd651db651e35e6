//! One timeline per agent, in the agent's own local time: the same run of
//! local dates for everyone, shifts as bars placed by wall-clock time, time
//! off and comp days as labelled days, on-call holds as a stripe.

use super::{esc, offset, Ctx};
use crate::config::Agent;
use crate::report::{clock, duration};
use crate::time;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Weekday};
use std::fmt::Write as _;

/// The local dates every row shows, `first..=last`.
struct Days {
    first: NaiveDate,
    count: i64,
}

impl Days {
    /// Left edge of a local date-time, in percent of the track.
    fn pos(&self, t: NaiveDateTime) -> f64 {
        let start = self.first.and_hms_opt(0, 0, 0).unwrap_or_default();
        let m = (t - start).num_minutes() as f64;
        (m / (self.count as f64 * 1440.0) * 100.0).clamp(0.0, 100.0)
    }
    /// `style` placing `[a, b)` on the track.
    fn place(&self, a: NaiveDateTime, b: NaiveDateTime) -> String {
        let (l, r) = (self.pos(a), self.pos(b));
        format!("left:{l:.3}%;width:{:.3}%", (r - l).max(0.15))
    }
    fn day(&self, d: NaiveDate) -> String {
        let a = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        self.place(a, a + Duration::days(1))
    }
    fn dates(&self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take(self.count as usize)
    }
}

/// The timelines section.
pub(super) fn section(cx: &Ctx, o: &mut String) {
    let days = span_of(cx);
    o.push_str("<section id=\"timelines\">\n<h2>Agents, each in local time</h2>\n");
    o.push_str(
        "<p class=\"legend\"><span class=\"key bar\"></span> shift \
         <span class=\"key bar night\"></span> night shift \
         <span class=\"key off\">off</span> time off or holiday \
         <span class=\"key comp\">comp</span> comp day \
         <span class=\"key hold\"></span> holds on-call \
         <span class=\"key edge\"></span> outside the horizon. \
         Hover a bar for its local start and end.</p>\n",
    );
    let _ = write!(
        o,
        "<div class=\"timeline\">\n<div class=\"axis\"><div class=\"name\">agent</div>"
    );
    let _ = write!(o, "<div class=\"track\">");
    for d in days.dates() {
        let we = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        let _ = write!(
            o,
            "<div class=\"day{}\" style=\"{}\">{}<br>{}</div>",
            if we { " we" } else { "" },
            days.day(d),
            d.format("%a"),
            d.format("%m-%d")
        );
    }
    o.push_str("</div></div>\n");
    for a in &cx.cfg.agents {
        row(cx, &days, a, o);
    }
    o.push_str("</div>\n</section>\n");
}

/// The local dates to show: the horizon, widened to the local dates of
/// shifts that cover its edges from an agent's previous or next day.
fn span_of(cx: &Ctx) -> Days {
    let (mut first, mut last) = (cx.rota.start, cx.rota.end() - Duration::days(1));
    for s in &cx.rota.shifts {
        if let Some((_, a)) = cx.cfg.agent(&s.agent) {
            first = first.min(time::local_date(a.zone, s.start_utc()));
            last = last.max(time::local_date(a.zone, s.end_utc() - Duration::seconds(1)));
        }
    }
    Days {
        first,
        count: (last - first).num_days() + 1,
    }
}

/// One agent's row.
fn row(cx: &Ctx, days: &Days, a: &Agent, o: &mut String) {
    let mut zone = offset(a.zone, cx.w0);
    for c in super::changes(a.zone, cx.w0, cx.w1) {
        let _ = write!(zone, " → {}", offset(a.zone, c));
    }
    let _ = write!(
        o,
        "<div class=\"agent-row\" data-agent=\"{}\"><div class=\"name\">{}<small>{} {zone}</small></div>",
        esc(&a.name),
        esc(&a.name),
        esc(a.zone.name())
    );
    let _ = write!(
        o,
        "<div class=\"track\" style=\"background-size:calc(100% / {}) 100%\">",
        days.count
    );
    for d in days.dates().filter(|d| *d < cx.rota.start || *d >= cx.rota.end()) {
        let _ = write!(o, "<div class=\"edge\" style=\"{}\"></div>", days.day(d));
    }
    marks(cx, days, a, o);
    holds(cx, days, a, o);
    bars(cx, days, a, o);
    o.push_str("</div></div>\n");
}

/// Time off, holidays and comp days taken.
fn marks(cx: &Ctx, days: &Days, a: &Agent, o: &mut String) {
    for d in days.dates() {
        let comp = cx.rota.duty.taken.iter().any(|c| c.agent == a.name && c.date == d);
        let (class, text) = if comp {
            ("comp", "comp day")
        } else if a.off.contains(&d) {
            ("off", "time off")
        } else {
            continue;
        };
        let label = if comp { "comp" } else { "off" };
        let _ = write!(
            o,
            "<div class=\"{class}\" style=\"{}\" title=\"{}: {text} {}\">{label}</div>",
            days.day(d),
            esc(&a.name),
            clock::day(d)
        );
    }
}

/// On-call holds of this agent, handoffs in the agent's local time.
fn holds(cx: &Ctx, days: &Days, a: &Agent, o: &mut String) {
    for h in cx.rota.duty.holds.iter().filter(|h| h.agent == a.name) {
        let (s, e) = (local(&h.start, a), local(&h.end, a));
        let _ = write!(
            o,
            "<div class=\"hold\" style=\"{}\" title=\"{}: on call {} from {} to {}\"></div>",
            days.place(s.naive_local(), e.naive_local()),
            esc(&a.name),
            esc(&h.duty),
            clock::day_time_and_offset(&s),
            clock::day_time_and_offset(&e)
        );
    }
}

/// Shifts as bars, local start and end in the title.
fn bars(cx: &Ctx, days: &Days, a: &Agent, o: &mut String) {
    for s in cx.rota.shifts.iter().filter(|s| s.agent == a.name) {
        let night = cx.cfg.template(&s.template).is_some_and(|(_, t)| t.night);
        let (b, e) = (local(&s.start, a), local(&s.end, a));
        let end = if b.date_naive() == e.date_naive() && b.offset() == e.offset() {
            clock::minute_and_offset(&e)
        } else {
            clock::day_time_and_offset(&e)
        };
        let tail = if b.offset() == e.offset() {
            ""
        } else {
            " (clock change)"
        };
        let _ = write!(
            o,
            "<div class=\"bar{}\" style=\"{}\" title=\"{} · {}{} · {} – {end} ({}){tail}\"></div>",
            if night { " night" } else { "" },
            days.place(b.naive_local(), e.naive_local()),
            esc(&a.name),
            esc(&s.template),
            if night { " (night)" } else { "" },
            clock::day_time_and_offset(&b),
            duration(time::seconds(s.start_utc(), s.end_utc()))
        );
    }
}

/// An instant in the agent's zone, with its offset.
fn local(t: &DateTime<FixedOffset>, a: &Agent) -> DateTime<FixedOffset> {
    t.with_timezone(&a.zone).fixed_offset()
}
