//! The self-contained HTML report: a header with the solver's status and
//! `check`'s gaps, a weekday × hour coverage heatmap per week, one timeline
//! per agent in local time, the on-call strip with handoffs, comp days and
//! fairness bars.
//!
//! One file, nothing fetched at view time: inline CSS only, no scripts, no
//! fonts, no images. Every name from the config is HTML-escaped. The output
//! is a pure function of config, rota and zone (no timestamps, ordered
//! collections only), so the same input gives a byte-identical file.
//!
//! Times are always printed with their numeric UTC offset (`+05:30`), never a
//! zone abbreviation, and colour is never the only signal: shortfall carries
//! `!`, overstaffing `+`, and every cell's numbers are in its `title`.

mod heat;
mod oncall;
mod style;
mod timeline;

use crate::check::{self, Findings};
use crate::config::{Config, Horizon};
use crate::history::Past;
use crate::report::{clock, duration};
use crate::rota::Rota;
use crate::time::{self, Instant};
use chrono::{Duration, Offset};
use chrono_tz::Tz;
use std::fmt::Write as _;

/// Everything the report's parts share.
struct Ctx<'a> {
    cfg: &'a Config,
    rota: &'a Rota,
    /// The heatmap's zone.
    tz: Tz,
    /// The horizon as a UTC window (midnights in the coverage zone).
    w0: Instant,
    w1: Instant,
    /// What `check` finds in this rota: the report's gaps are its gaps.
    found: Findings,
}

/// The whole report as one HTML document; `tz` is the heatmap's zone and
/// `past` the earlier rotas it continues (as `check` reads them).
pub fn html(cfg: &Config, rota: &Rota, past: &Past, tz: Tz) -> String {
    let found = check::check(cfg, rota, past, &|_| 0);
    let horizon = Horizon {
        start: rota.start,
        weeks: rota.weeks,
    };
    let (w0, w1) = time::window(&horizon, cfg.coverage.zone);
    let cx = Ctx {
        cfg,
        rota,
        tz,
        w0,
        w1,
        found,
    };
    let mut o = String::with_capacity(256 * 1024);
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(o, "<title>sunrota report — {}</title>", esc(&team(cfg)));
    let _ = writeln!(o, "<style>\n{}</style>\n</head>\n<body>", style::CSS);
    header(&cx, &mut o);
    heat::section(&cx, &mut o);
    timeline::section(&cx, &mut o);
    oncall::section(&cx, &mut o);
    oncall::fairness(&cx, &mut o);
    o.push_str("<footer>Made by <code>sunrota report</code>. Times carry their UTC offset; ");
    o.push_str("hover a cell or bar for its exact numbers.</footer>\n</body>\n</html>\n");
    o
}

/// The team's name: the config file's name, without its directories.
fn team(cfg: &Config) -> String {
    std::path::Path::new(&cfg.source.name)
        .file_name()
        .map_or_else(|| cfg.source.name.clone(), |n| n.to_string_lossy().into_owned())
}

/// The header: team, horizon, zones, solver status, uncovered time and gaps.
fn header(cx: &Ctx, o: &mut String) {
    let (cfg, rota) = (cx.cfg, cx.rota);
    let s = &rota.summary;
    let _ = writeln!(
        o,
        "<header>\n<h1>Rota report — {}</h1>\n<dl class=\"facts\">",
        esc(&team(cfg))
    );
    let last = rota.end() - Duration::days(1);
    let fact = |o: &mut String, k: &str, v: String| {
        let _ = writeln!(o, "<dt>{k}</dt><dd>{v}</dd>");
    };
    fact(o, "Team", esc(&team(cfg)));
    fact(
        o,
        "Horizon",
        format!(
            "{} – {} ({} week{}): {} to {}",
            clock::day(rota.start),
            clock::day(last),
            rota.weeks,
            if rota.weeks == 1 { "" } else { "s" },
            stamp(cx.w0, cfg.coverage.zone),
            stamp(cx.w1, cfg.coverage.zone)
        ),
    );
    fact(o, "Coverage zone", zone_text(cfg.coverage.zone, cx.w0, cx.w1));
    fact(o, "Heatmap zone", zone_text(cx.tz, cx.w0, cx.w1));
    fact(
        o,
        "Solver",
        format!(
            "{}, objective {:.1}, bound {:.1}, gap {:.2} %",
            esc(&s.status),
            s.objective,
            s.best_bound,
            s.gap_percent
        ),
    );
    fact(o, "Uncovered", uncovered_text(cx));
    fact(o, "Rules", rules_text(cx));
    o.push_str("</dl>\n");
    gaps(cx, o);
    broken(cx, o);
    o.push_str("</header>\n");
}

/// Uncovered agent-minutes as the rota records them and as `check` finds them.
fn uncovered_text(cx: &Ctx) -> String {
    let recorded = cx.rota.summary.uncovered_agent_minutes;
    let found = cx.found.uncovered_agent_minutes();
    let mut t = format!("{found} agent-minutes of the target (found by <code>sunrota check</code>)");
    if recorded != found {
        let _ = write!(
            t,
            " <strong class=\"warn\">! the rota file records {recorded}: it was edited after planning</strong>"
        );
    }
    t
}

/// Whether `check` (with the earlier rotas) finds a broken rule.
fn rules_text(cx: &Ctx) -> String {
    match cx.found.violations.len() {
        0 => "no broken rule (found by <code>sunrota check</code>)".into(),
        n => format!("<strong class=\"warn\">! {n} broken rule(s)</strong> (found by <code>sunrota check</code>)"),
    }
}

/// Each broken rule as `check` words it.
fn broken(cx: &Ctx, o: &mut String) {
    let v = &cx.found.violations;
    if v.is_empty() {
        return;
    }
    let _ = writeln!(o, "<h2>Broken rules ({})</h2>\n<ol class=\"gaps\">", v.len());
    for x in v {
        let _ = writeln!(
            o,
            "<li>! [{}] {} {}: {}</li>",
            x.rule,
            esc(&x.agent),
            x.first,
            esc(&x.message)
        );
    }
    o.push_str("</ol>\n");
}

/// One line per uncovered stretch, exactly as `check` finds them.
fn gaps(cx: &Ctx, o: &mut String) {
    let f = &cx.found;
    if f.gaps.is_empty() && f.shortages.is_empty() {
        o.push_str("<p class=\"ok\">No gaps: the whole coverage target is met.</p>\n");
        return;
    }
    let stretches = crate::report::gaps::stretches(&f.gaps);
    if !stretches.is_empty() {
        let _ = writeln!(o, "<h2>Gaps ({})</h2>\n<ol class=\"gaps\">", stretches.len());
        for g in &stretches {
            let text = format!("{}: {}", span(g.start, g.end, cx.tz), crate::report::gaps::counts(g));
            let _ = writeln!(o, "<li class=\"gap\">! {}</li>", esc(&text));
        }
        o.push_str("</ol>\n");
    }
    if !f.shortages.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Shift demands short ({})</h2>\n<ol class=\"gaps\">",
            f.shortages.len()
        );
        for s in &f.shortages {
            let _ = writeln!(o, "<li>! {}</li>", esc(&crate::report::shortage_line(s)));
        }
        o.push_str("</ol>\n");
    }
}

/// "Mon 2026-03-02 14:00 +05:30".
fn stamp(t: Instant, tz: Tz) -> String {
    time::local_text(tz, t)
}

/// "Mon 2026-03-02 14:00 – 16:30 +05:30 (2h30)", dates and offsets on both
/// ends when they differ.
fn span(a: Instant, b: Instant, tz: Tz) -> String {
    let (s, e) = (a.with_timezone(&tz), b.with_timezone(&tz));
    let same_offset = s.offset().fix() == e.offset().fix();
    let head = if same_offset {
        clock::day_and_time(&s)
    } else {
        stamp(a, tz)
    };
    let tail = if s.date_naive() == e.date_naive() {
        clock::minute_and_offset(&e)
    } else {
        stamp(b, tz)
    };
    format!("{head} – {tail} ({})", duration(time::seconds(a, b)))
}

/// "America/Chicago (-06:00; -05:00 from Sun 2026-03-08 03:00)": a zone and
/// its offsets over the window.
fn zone_text(tz: Tz, w0: Instant, w1: Instant) -> String {
    let mut t = format!("{} ({}", esc(tz.name()), offset(tz, w0));
    for c in changes(tz, w0, w1) {
        let at = clock::day_and_time(&c.with_timezone(&tz));
        let _ = write!(t, "; {} from {at}", offset(tz, c));
    }
    t.push(')');
    t
}

/// "+05:30": the offset of `tz` at `t`.
fn offset(tz: Tz, t: Instant) -> String {
    clock::offset(&t.with_timezone(&tz))
}

/// Instants in `[w0, w1)` where the offset of `tz` changes, to the minute.
fn changes(tz: Tz, w0: Instant, w1: Instant) -> Vec<Instant> {
    let fix = |t: Instant| t.with_timezone(&tz).offset().fix();
    let mut out = Vec::new();
    let mut t = w0;
    while t < w1 {
        let next = (t + Duration::hours(1)).min(w1);
        if fix(next) != fix(t) {
            // Offsets change on whole minutes: narrow down to the first minute.
            let mut m = t;
            while fix(m) == fix(t) {
                m += Duration::minutes(1);
            }
            out.push(m);
        }
        t = next;
    }
    out
}

/// HTML-escapes text for element content and quoted attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>a & 'b' \"c\"</script>"),
            "&lt;script&gt;a &amp; &#39;b&#39; &quot;c&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn offsets_are_numeric_and_changes_exact() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let a: Instant = "2026-03-07T00:00:00Z".parse().unwrap();
        let b: Instant = "2026-03-10T00:00:00Z".parse().unwrap();
        assert_eq!(
            changes(ny, a, b),
            vec!["2026-03-08T07:00:00Z".parse::<Instant>().unwrap()]
        );
        let text = zone_text(ny, a, b);
        assert_eq!(text, "America/New_York (-05:00; -04:00 from Sun 2026-03-08 03:00)");
    }
}
