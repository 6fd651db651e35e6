//! `sunrota report`: the self-contained HTML report, end to end.
//!
//! Every test runs the real binary into a temporary directory and reads the
//! file it wrote. Without a browser: the page fetches nothing and runs no
//! script, has 7 × 24 heatmap cells per week and one timeline row per agent,
//! escapes hostile names, marks exactly the hours `sunrota check` finds short,
//! shows hours outside the horizon and hours skipped by a clock change as
//! such, and is byte-identical run to run. With headless Chromium (Debian's
//! `chromium`): the page renders to a PNG that is not blank and its DOM keeps
//! every cell and row. Without Chromium those tests are skipped with a note,
//! unless `SUNROTA_REQUIRE_CHROMIUM=1` (CI) makes that a failure.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_sunrota");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run sunrota")
}

#[track_caller]
fn ok(args: &[&str]) -> Output {
    let out = run(args);
    assert!(
        out.status.success(),
        "sunrota {} failed: {:?}\n{}{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn root(p: &str) -> String {
    Path::new(ROOT).join(p).to_string_lossy().into_owned()
}

/// Writes the report of `config` and `rota` (extra flags after) into `dir` and reads it back.
fn report(dir: &Path, name: &str, config: &str, rota: &str, extra: &[&str]) -> (PathBuf, String) {
    let out = dir.join(name);
    let out_s = out.to_string_lossy().into_owned();
    let mut args = vec!["report", config, rota, "-o", &out_s];
    args.extend(extra);
    let printed = ok(&args);
    assert_eq!(
        String::from_utf8_lossy(&printed.stdout).trim(),
        format!("Report written to {out_s}")
    );
    let text = std::fs::read_to_string(&out).expect("report written");
    (out, text)
}

/// Every start tag `<name ...>` with its attributes, entities in values decoded.
fn tags(html: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        let end = rest.find('>').expect("tag closes");
        out.push(attributes(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

/// `a="1" b="x y"` → {a: 1, b: x y}.
fn attributes(mut s: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    while let Some(eq) = s.find("=\"") {
        let key = s[..eq].trim().to_string();
        let after = &s[eq + 2..];
        let close = after.find('"').expect("attribute value closes");
        out.insert(key, unescape(&after[..close]));
        s = &after[close + 1..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Heatmap cells: `(date, hour)` → class list.
fn cells(html: &str) -> BTreeMap<(NaiveDate, u32), String> {
    let all: Vec<_> = tags(html, "td")
        .into_iter()
        .filter(|t| t.get("class").is_some_and(|c| c.split(' ').any(|k| k == "cell")))
        .collect();
    let mut out = BTreeMap::new();
    for t in &all {
        let day: NaiveDate = t["data-day"].parse().expect("data-day is a date");
        let hour: u32 = t["data-hour"].parse().expect("data-hour is a number");
        assert!(hour < 24);
        let dup = out.insert((day, hour), t["class"].clone());
        assert!(dup.is_none(), "two cells for {day} {hour}");
    }
    assert_eq!(out.len(), all.len());
    out
}

fn with_class(cells: &BTreeMap<(NaiveDate, u32), String>, class: &str) -> BTreeSet<(NaiveDate, u32)> {
    cells
        .iter()
        .filter(|(_, c)| c.split(' ').any(|k| k == class))
        .map(|(k, _)| *k)
        .collect()
}

/// `data-agent` of every timeline row, in page order.
fn agent_rows(html: &str) -> Vec<String> {
    tags(html, "div")
        .into_iter()
        .filter(|t| t.get("class").map(String::as_str) == Some("agent-row"))
        .map(|t| t["data-agent"].clone())
        .collect()
}

/// The agents of a config file, in file order.
fn config_agents(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("config");
    let doc: toml::Table = text.parse().expect("config is TOML");
    let agents = doc["agents"].as_table().expect("[agents]");
    let mut names: Vec<String> = agents.keys().cloned().collect();
    // toml::Table is sorted; the report keeps the config's order: compare as sets.
    names.sort();
    names
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn weeks_of(rota: &str) -> i64 {
    let doc: toml::Table = std::fs::read_to_string(rota).expect("rota").parse().expect("TOML");
    doc["rota"]["weeks"].as_integer().expect("weeks")
}

#[track_caller]
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "http://", "https://", "<script", "@import", "url(", "<link", "<img", "<iframe", "src=",
    ] {
        assert!(!lower.contains(bad), "the report contains `{bad}`");
    }
    assert!(lower.starts_with("<!doctype html>"));
    assert!(lower.contains("<style>") && lower.contains("@media print"));
    assert!(lower.trim_end().ends_with("</html>"));
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().expect("UTC instant")
}

/// `[start, end)` of local hour `hour` of `date` in `tz` (a skipped hour is empty).
fn hour_span(tz: Tz, date: NaiveDate, hour: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    let at = |h: u32| {
        let (d, h) = if h == 24 {
            (date + Duration::days(1), 0)
        } else {
            (date, h)
        };
        let local = d.and_hms_opt(h, 0, 0).expect("time");
        // Skipped local times move to the clock change, ambiguous ones take the first.
        (0..180)
            .find_map(|m| tz.from_local_datetime(&(local + Duration::minutes(m))).earliest())
            .expect("a valid local time within 3 hours")
            .with_timezone(&Utc)
    };
    (at(hour), at(hour + 1))
}

// ---------------------------------------------------------------------------
// Without a browser
// ---------------------------------------------------------------------------

#[test]
fn follow_the_sun_report_is_self_contained_complete_and_deterministic() {
    let dir = TempDir::new().unwrap();
    let (config, rota) = (
        root("examples/follow-the-sun.toml"),
        root("schedules/follow-the-sun.toml"),
    );
    let (_, html) = report(dir.path(), "r.html", &config, &rota, &[]);
    assert_self_contained(&html);

    let weeks = weeks_of(&rota);
    assert_eq!(weeks, 4);
    let cells = cells(&html);
    assert_eq!(cells.len() as i64, weeks * 7 * 24);
    assert_eq!(
        tags(&html, "table")
            .iter()
            .filter(|t| t.contains_key("data-week"))
            .count() as i64,
        weeks
    );
    // Coverage zone UTC: every hour of the 28 days, none outside, none skipped.
    let first: NaiveDate = "2026-03-02".parse().unwrap();
    let want: BTreeSet<(NaiveDate, u32)> = (0..28)
        .flat_map(|d| (0..24).map(move |h| (first + Duration::days(d), h)))
        .collect();
    assert_eq!(cells.keys().copied().collect::<BTreeSet<_>>(), want);
    assert!(with_class(&cells, "out").is_empty() && with_class(&cells, "skip").is_empty());
    // The committed rota covers everything: no cell short, and the header says so.
    assert!(with_class(&cells, "short").is_empty());
    assert!(html.contains("No gaps: the whole coverage target is met."));

    let rows = agent_rows(&html);
    assert_eq!(
        sorted(rows.clone()),
        config_agents(&config),
        "one timeline row per agent"
    );
    assert_eq!(rows.len(), 12);
    // Header facts, offsets numeric.
    for fact in [
        "follow-the-sun.toml",
        "Mon 2026-03-02 – Sun 2026-03-29 (4 weeks)",
        "UTC (+00:00)",
        "optimal",
        "0 agent-minutes",
    ] {
        assert!(html.contains(fact), "header lacks `{fact}`");
    }
    // Timelines in local time: maria in Chicago changes offset on 03-08, priya's shifts carry +05:30.
    assert!(html.contains("America/Chicago -06:00 → -05:00"));
    assert!(html.contains("priya · day · Mon 2026-03-02 09:00 +05:30 – 17:00 +05:30 (8h)"));
    assert!(html.contains("maria: time off Wed 2026-03-18"));

    // Same input, same bytes.
    let (_, again) = report(dir.path(), "again.html", &config, &rota, &[]);
    assert!(again == html, "the report is not deterministic");
}

#[test]
fn other_zone_shows_skipped_hour_and_hours_outside_the_horizon() {
    let dir = TempDir::new().unwrap();
    let (config, rota) = (
        root("examples/follow-the-sun.toml"),
        root("schedules/follow-the-sun.toml"),
    );
    let (_, html) = report(dir.path(), "c.html", &config, &rota, &["--tz", "America/Chicago"]);
    assert_self_contained(&html);
    let chicago: Tz = "America/Chicago".parse().unwrap();
    let (w0, w1) = (utc("2026-03-02T00:00:00Z"), utc("2026-03-30T00:00:00Z"));
    let cells = cells(&html);
    // UTC midnight 03-02 is Sunday 03-01 18:00 in Chicago: five weeks of local dates from 03-01.
    let first: NaiveDate = "2026-03-01".parse().unwrap();
    assert_eq!(cells.len(), 5 * 7 * 24);
    let mut out = BTreeSet::new();
    let mut skip = BTreeSet::new();
    for d in 0..35 {
        let date = first + Duration::days(d);
        for h in 0..24 {
            assert!(cells.contains_key(&(date, h)), "no cell for {date} {h}");
            let (a, b) = hour_span(chicago, date, h);
            if a == b {
                skip.insert((date, h));
            } else if b <= w0 || a >= w1 {
                out.insert((date, h));
            }
        }
    }
    assert_eq!(skip, BTreeSet::from([("2026-03-08".parse().unwrap(), 2)]));
    assert_eq!(with_class(&cells, "skip"), skip);
    assert_eq!(with_class(&cells, "out"), out);
    assert_eq!(
        out.len(),
        18 + 24 * 6 + 5,
        "03-01 to 18:00, the last week after 19:00 on 03-29"
    );
    assert!(html.contains("America/Chicago (-06:00; -05:00 from Sun 2026-03-08 03:00)"));
}

/// A two-agent week that cannot cover 24/7, with hostile names.
const TINY: &str = r#"
[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "24/7", agents = 1 }]

[templates]
"d<y>" = { start = "09:00", end = "17:00" }

[agents]
"a<b&c" = { zone = "UTC" }
"x\"y'z" = { zone = "Asia/Kolkata" }
"#;

/// Plans TINY in `dir`: (config, rota) paths.
fn tiny(dir: &Path) -> (String, String) {
    let config = dir.join("team.toml");
    std::fs::write(&config, TINY).unwrap();
    let rota = dir.join("rota.toml");
    let (c, r) = (
        config.to_string_lossy().into_owned(),
        rota.to_string_lossy().into_owned(),
    );
    ok(&["plan", &c, "--time-limit", "20", "--effort", "quick", "-q", "-o", &r]);
    (c, r)
}

/// The gaps `sunrota check --format json` finds.
fn check_gaps(config: &str, rota: &str) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let out = run(&["check", config, rota, "--format", "json"]);
    let doc: Json = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let gaps = doc["rotas"][0]["findings"]["gaps"].as_array().expect("gaps");
    gaps.iter()
        .map(|g| (utc(g["start"].as_str().unwrap()), utc(g["end"].as_str().unwrap())))
        .collect()
}

#[test]
fn hostile_names_are_escaped() {
    let dir = TempDir::new().unwrap();
    let (config, rota) = tiny(dir.path());
    let (_, html) = report(dir.path(), "r.html", &config, &rota, &[]);
    assert_self_contained(&html);
    for raw in ["a<b&c", "x\"y'z", "d<y>"] {
        assert!(!html.contains(raw), "`{raw}` appears unescaped");
    }
    assert!(html.contains(">a&lt;b&amp;c<"));
    assert!(html.contains("x&quot;y&#39;z"));
    assert!(html.contains("a&lt;b&amp;c · d&lt;y&gt; · Mon 2026-03-02 09:00 +00:00 – 17:00 +00:00 (8h)"));
    assert_eq!(agent_rows(&html), vec!["a<b&c".to_string(), "x\"y'z".to_string()]);
    assert_eq!(cells(&html).len(), 7 * 24);
}

#[test]
fn short_cells_are_exactly_the_hours_of_checks_gaps() {
    let dir = TempDir::new().unwrap();
    let (config, rota) = tiny(dir.path());
    let gaps = check_gaps(&config, &rota);
    assert!(gaps.len() >= 3, "two day-shift agents leave nights uncovered: {gaps:?}");
    let (w0, w1) = (utc("2026-03-02T00:00:00Z"), utc("2026-03-09T00:00:00Z"));
    // UTC (default, the coverage zone) and Kolkata, where every hour starts at :30 UTC.
    for (zone, flags) in [("UTC", vec![]), ("Asia/Kolkata", vec!["--tz", "Asia/Kolkata"])] {
        let tz: Tz = zone.parse().unwrap();
        let (_, html) = report(
            dir.path(),
            &format!("{}.html", zone.replace('/', "-")),
            &config,
            &rota,
            &flags,
        );
        let cells = cells(&html);
        let mut short = BTreeSet::new();
        for &(date, hour) in cells.keys() {
            let (a, b) = hour_span(tz, date, hour);
            let (a, b) = (a.max(w0), b.min(w1));
            if gaps.iter().any(|(s, e)| *s < b && *e > a) {
                short.insert((date, hour));
            }
        }
        let marked = with_class(&cells, "short");
        assert_eq!(marked, short, "{zone}: short cells differ from check's gaps");
        assert!(
            !short.is_empty() && short.len() < cells.len() - 20,
            "{zone}: {} short",
            short.len()
        );
        // Short cells say so in text, not only in colour.
        let marks = tags(&html, "td")
            .into_iter()
            .filter(|t| t.get("class").is_some_and(|c| c.contains("short")))
            .all(|t| t["title"].contains("! short"));
        assert!(marks, "{zone}: a short cell's title lacks the shortfall");
        assert_eq!(
            html.matches("<li class=\"gap\">").count(),
            gaps.len(),
            "{zone}: one line per gap"
        );
        assert_eq!(html.matches("class=\"cell short\"").count(), short.len());
        assert_eq!(
            html.matches("!</td>").count(),
            short.len(),
            "{zone}: `!` marks exactly the short cells"
        );
    }
    let (_, kolkata) = report(dir.path(), "k2.html", &config, &rota, &["--tz", "Asia/Kolkata"]);
    // First gap: 00:00–03:30 UTC = 05:30–09:00 +05:30, printed with its offset.
    assert!(kolkata.contains("! Mon 2026-03-02 05:30 – 09:00 +05:30 (3h30): 0 of 1 agents on duty (1 missing)"));
    assert!(!kolkata.contains("IST"), "zone abbreviations are ambiguous");
}

// ---------------------------------------------------------------------------
// With headless Chromium
// ---------------------------------------------------------------------------

/// The Chromium binary, or `None` (after a note) when it is not installed
/// and not required.
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var("SUNROTA_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
            "SUNROTA_REQUIRE_CHROMIUM=1 but chromium is not installed (apt-get install chromium)"
        );
        // Straight to stderr, past the test harness's capture, so the skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "note: chromium not installed; skipping a browser test (set SUNROTA_REQUIRE_CHROMIUM=1 to require it)"
        );
    }
    found
}

/// Runs headless Chromium on `page` with `args` and returns its stdout.
fn browse(chrome: &str, dir: &Path, page: &Path, args: &[&str]) -> String {
    let profile = dir.join("chrome-profile");
    let out = Command::new(chrome)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Distinct colours and the share of pixels that are not near-white.
fn pixels(png_path: &Path) -> (usize, f64, (u32, u32)) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).expect("screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    assert!(channels >= 3, "colour screenshot");
    let data = &buf[..info.buffer_size()];
    let mut colours = BTreeSet::new();
    let mut ink = 0usize;
    let px: Vec<&[u8]> = data.chunks(channels).collect();
    for p in &px {
        colours.insert((p[0], p[1], p[2]));
        if p[..3].iter().any(|c| *c < 235) {
            ink += 1;
        }
    }
    (colours.len(), ink as f64 / px.len() as f64, (info.width, info.height))
}

#[test]
fn chromium_renders_the_report() {
    let Some(chrome) = chromium() else { return };
    let dir = TempDir::new().unwrap();
    let (config, rota) = (
        root("examples/follow-the-sun.toml"),
        root("schedules/follow-the-sun.toml"),
    );
    let (page, html) = report(dir.path(), "r.html", &config, &rota, &[]);
    let shot = dir.path().join("shot.png");
    browse(
        chrome,
        dir.path(),
        &page,
        &[&format!("--screenshot={}", shot.display()), "--window-size=1400,3000"],
    );
    let (colours, ink, size) = pixels(&shot);
    assert_eq!(size, (1400, 3000));
    assert!(colours > 32, "only {colours} distinct colours: blank page?");
    assert!(ink > 0.05, "only {:.1} % of the page is not white", ink * 100.0);

    let dom = browse(chrome, dir.path(), &page, &["--dump-dom"]);
    let weeks = weeks_of(&rota);
    assert_eq!(cells(&dom).len() as i64, weeks * 7 * 24, "cells in the rendered DOM");
    assert_eq!(
        sorted(agent_rows(&dom)),
        config_agents(&config),
        "rows in the rendered DOM"
    );
    assert_eq!(agent_rows(&dom), agent_rows(&html));
}

#[test]
fn chromium_shows_shortfall_in_orange() {
    let Some(chrome) = chromium() else { return };
    let dir = TempDir::new().unwrap();
    let (config, rota) = tiny(dir.path());
    let (page, _) = report(dir.path(), "r.html", &config, &rota, &[]);
    let shot = dir.path().join("shot.png");
    browse(
        chrome,
        dir.path(),
        &page,
        &[&format!("--screenshot={}", shot.display()), "--window-size=1400,1000"],
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let ch = info.color_type.samples();
    // The shortfall colour #e66101 (with its lighter stripes): strong red, mid green, little blue.
    let orange = buf[..info.buffer_size()]
        .chunks(ch)
        .filter(|p| p[0] > 200 && (70..170).contains(&p[1]) && p[2] < 90)
        .count();
    assert!(
        orange > 2000,
        "only {orange} orange pixels: shortfall cells not painted"
    );

    let dom = browse(chrome, dir.path(), &page, &["--dump-dom"]);
    assert_eq!(agent_rows(&dom), vec!["a<b&c".to_string(), "x\"y'z".to_string()]);
    assert_eq!(cells(&dom).len(), 7 * 24);
}

/// A rota planned `--after` earlier ones is checked with them, as `sunrota
/// check` does: the report of February finds what check finds (nothing);
/// read alone, February's comp days would have no credit to come from.
#[test]
fn a_continued_rota_is_reported_with_its_earlier_rotas() {
    let dir = tempfile::tempdir().unwrap();
    let config = root("examples/phone-team.toml");
    let rota = root("schedules/phone-team/2027-02.toml");
    let check = ok(&["check", &config, &rota]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("ok — full coverage, no broken rule"));
    let (_, html) = report(dir.path(), "feb.html", &config, &rota, &[]);
    assert!(
        html.contains("0 agent-minutes of the target"),
        "uncovered as check finds it"
    );
    assert!(!html.contains("class=\"warn"), "no warning for a rota check accepts");
    assert!(html.contains("no broken rule"));
    // The same rota without its history: the report names what check then finds.
    std::fs::copy(&rota, dir.path().join("2027-02.toml")).unwrap();
    let alone = dir.path().join("2027-02.toml").to_string_lossy().into_owned();
    let (_, html) = report(dir.path(), "alone.html", &config, &alone, &[]);
    assert!(
        html.contains("broken rule(s)</strong>") && html.contains("<h2>Broken rules ("),
        "{html}"
    );
    // Refuses to replace the report without --force; the same text is fine.
    let out = dir.path().join("feb.html").to_string_lossy().into_owned();
    ok(&["report", &config, &rota, "-o", &out]);
    std::fs::write(&out, "kept").unwrap();
    let again = run(&["report", &config, &rota, "-o", &out]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept");
}
