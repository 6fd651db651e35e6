//! End-to-end tests of the `sunrota` binary (issue 3; on-call, comp days and
//! `--after` continuity of issue 4 in `cli/oncall.rs`).
//!
//! Every test runs the real binary on small configs written to a temporary
//! directory and reads back what it printed and the rota file it wrote:
//! plan → file → check round trips, clock changes and odd UTC offsets,
//! hand-broken rotas, determinism, a property test in which `plan` and `check`
//! cross-examine each other (and a third, naive coverage count in this file),
//! and bad input.
//!
//! Plans are kept small (≤ 8 agents, ≤ 2 weeks, except the two examples) and
//! run with `--time-limit 20`, so the suite stays fast in debug builds.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

#[path = "cli/cost.rs"]
mod cost;
#[path = "cli/demand.rs"]
mod demand;
#[path = "cli/diff.rs"]
mod diff;
#[path = "cli/export.rs"]
mod export;
#[path = "cli/fuzz.rs"]
mod fuzz;
#[path = "cli/keep.rs"]
mod keep;
#[path = "cli/nrp.rs"]
mod nrp;
#[path = "cli/oncall.rs"]
mod oncall;
#[path = "cli/oncall_prop.rs"]
mod oncall_prop;
#[path = "cli/show.rs"]
mod show;
#[path = "cli/size.rs"]
mod size;
#[path = "cli/summary.rs"]
mod summary;
#[path = "cli/swap.rs"]
mod swap;
#[path = "cli/trust.rs"]
mod trust;
#[path = "cli/whatif.rs"]
mod whatif;
#[path = "cli/why.rs"]
mod why;

const BIN: &str = env!("CARGO_BIN_EXE_sunrota");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ---------------------------------------------------------------------------
// Harness: run the binary, write configs, read rota files.
// ---------------------------------------------------------------------------

/// What one run of the binary did.
struct Run {
    args: Vec<String>,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sunrota {}\nexit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

impl Run {
    #[track_caller]
    fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit code\n{self}");
        assert!(!self.stderr.contains("panicked"), "the binary panicked\n{self}");
        self
    }

    #[track_caller]
    fn json(&self) -> Json {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{self}"))
    }
}

fn sunrota<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_os_string()).collect();
    let out = Command::new(BIN).args(&args).output().expect("the sunrota binary runs");
    let run = Run {
        args: args.iter().map(|a| a.to_string_lossy().into_owned()).collect(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    // Every rota any test plans is cross-examined by `check` inside `plan`:
    // its summary's objective, bound and status must be confirmed.
    assert!(
        !run.stderr.contains("does not confirm the planner's summary"),
        "check refutes the summary plan wrote\n{run}"
    );
    run
}

/// A team config in its own temporary directory, plus the rotas planned from it.
struct Team {
    dir: TempDir,
    config: PathBuf,
}

impl Team {
    /// Writes `toml` as `team.toml` in a fresh directory.
    fn new(toml: &str) -> Team {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("team.toml");
        std::fs::write(&config, toml).expect("write config");
        Team { dir, config }
    }

    /// Uses an existing config file (e.g. one of `examples/`).
    fn at(config: PathBuf) -> Team {
        assert!(config.exists(), "{} is missing", config.display());
        Team {
            dir: tempfile::tempdir().expect("temp dir"),
            config,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `sunrota plan CONFIG -o DIR/out --time-limit 20 EXTRA...`
    fn plan(&self, out: &str, extra: &[&str]) -> Run {
        let mut args = vec!["--time-limit", "20"];
        args.extend_from_slice(extra);
        self.plan_raw(out, &args)
    }

    /// `sunrota plan CONFIG -o DIR/out ARGS...`
    fn plan_raw(&self, out: &str, extra: &[&str]) -> Run {
        let out = self.path(out);
        let mut args: Vec<&OsStr> = vec![
            OsStr::new("plan"),
            self.config.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ];
        args.extend(extra.iter().map(OsStr::new));
        sunrota(args)
    }

    /// `sunrota check CONFIG DIR/rota... EXTRA...`
    fn check(&self, rotas: &[&str], extra: &[&str]) -> Run {
        let paths: Vec<PathBuf> = rotas.iter().map(|r| self.path(r)).collect();
        let mut args: Vec<&OsStr> = vec![OsStr::new("check"), self.config.as_os_str()];
        args.extend(paths.iter().map(|p| p.as_os_str()));
        args.extend(extra.iter().map(OsStr::new));
        sunrota(args)
    }

    fn rota(&self, name: &str) -> RotaFile {
        RotaFile::read(&self.path(name))
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.path(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create dir");
        }
        std::fs::write(path, text).expect("write rota");
    }

    fn shown(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

/// A stretch below target, as written in a rota file or by `check --format json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct GapRow {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    need: u64,
    have: u64,
    skill: Option<String>,
    rules: String,
}

impl GapRow {
    fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes() * (self.need - self.have) as i64
    }
}

/// One `[shifts] list` entry, with its raw instants and its line in the file.
#[derive(Debug, Clone)]
struct ShiftRow {
    agent: String,
    template: String,
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
    /// The instants exactly as written in the file.
    start_text: String,
    end_text: String,
    /// 1-based line number in the file.
    line: usize,
}

impl ShiftRow {
    fn elapsed(&self) -> Duration {
        self.end - self.start
    }
    fn utc(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.start.with_timezone(&Utc), self.end.with_timezone(&Utc))
    }
}

/// A rota file, parsed independently of sunrota's own reader.
#[derive(Debug)]
struct RotaFile {
    text: String,
    start: String,
    weeks: i64,
    zone: String,
    status: String,
    uncovered: i64,
    gaps: Vec<GapRow>,
    shifts: Vec<ShiftRow>,
}

fn toml_instant(v: &toml::Value) -> DateTime<FixedOffset> {
    let text = match v {
        toml::Value::Datetime(d) => d.to_string(),
        other => panic!("expected a date-time, found {other:?}"),
    };
    DateTime::parse_from_rfc3339(&text).unwrap_or_else(|e| panic!("`{text}` is not RFC 3339: {e}"))
}

fn json_instant(v: &Json) -> DateTime<Utc> {
    let s = v.as_str().unwrap_or_else(|| panic!("expected an instant, found {v}"));
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("`{s}` is not RFC 3339: {e}"))
        .with_timezone(&Utc)
}

impl RotaFile {
    #[track_caller]
    fn read(path: &Path) -> RotaFile {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let doc: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("rota file {} is not TOML: {e}\n{text}", path.display()));
        let head = &doc["rota"];
        let summary = &doc["summary"];
        let gaps = summary["gaps"]
            .as_array()
            .expect("summary.gaps")
            .iter()
            .map(|g| GapRow {
                start: toml_instant(&g["start"]).with_timezone(&Utc),
                end: toml_instant(&g["end"]).with_timezone(&Utc),
                need: g["need"].as_integer().expect("need") as u64,
                have: g["have"].as_integer().expect("have") as u64,
                skill: g.get("skill").map(|s| s.as_str().expect("skill").to_string()),
                rules: g["rules"].as_str().expect("rules").to_string(),
            })
            .collect();
        // Shift lines: `{ agent = ...` inside the [shifts] table (on-call and
        // comp-day lines of later tables look alike).
        let mut in_shifts = false;
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                if l.starts_with('[') {
                    in_shifts = *l == "[shifts]";
                }
                in_shifts && l.trim_start().starts_with("{ agent =")
            })
            .map(|(i, _)| i + 1)
            .collect();
        let list = doc["shifts"]["list"].as_array().expect("shifts.list");
        assert_eq!(lines.len(), list.len(), "one line per shift\n{text}");
        let shifts = list
            .iter()
            .zip(lines)
            .map(|(s, line)| ShiftRow {
                agent: s["agent"].as_str().expect("agent").to_string(),
                template: s["template"].as_str().expect("template").to_string(),
                start: toml_instant(&s["start"]),
                end: toml_instant(&s["end"]),
                start_text: s["start"].to_string(),
                end_text: s["end"].to_string(),
                line,
            })
            .collect();
        RotaFile {
            start: head["start"].to_string(),
            weeks: head["weeks"].as_integer().expect("weeks"),
            zone: head["zone"].as_str().expect("zone").to_string(),
            status: summary["status"].as_str().expect("status").to_string(),
            uncovered: summary["uncovered_agent_minutes"].as_integer().expect("uncovered"),
            gaps,
            shifts,
            text,
        }
    }

    /// (agent, template, start, end) exactly as written, sorted.
    fn shift_set(&self) -> BTreeSet<(String, String, String, String)> {
        self.shifts
            .iter()
            .map(|s| {
                (
                    s.agent.clone(),
                    s.template.clone(),
                    s.start_text.clone(),
                    s.end_text.clone(),
                )
            })
            .collect()
    }

    /// The file with line `line` (1-based) replaced by `with` (or removed when `None`).
    fn edit_line(&self, line: usize, with: Option<&str>) -> String {
        let mut out = String::new();
        for (i, l) in self.text.lines().enumerate() {
            if i + 1 == line {
                if let Some(w) = with {
                    out.push_str(w);
                    out.push('\n');
                }
            } else {
                out.push_str(l);
                out.push('\n');
            }
        }
        out
    }

    /// The file with `extra` inserted after line `line`.
    fn insert_after(&self, line: usize, extra: &str) -> String {
        let mut out = String::new();
        for (i, l) in self.text.lines().enumerate() {
            out.push_str(l);
            out.push('\n');
            if i + 1 == line {
                out.push_str(extra);
                out.push('\n');
            }
        }
        out
    }

    #[track_caller]
    fn line_of(&self, agent: &str, start_prefix: &str) -> &ShiftRow {
        self.shifts
            .iter()
            .find(|s| s.agent == agent && s.start_text.starts_with(start_prefix))
            .unwrap_or_else(|| panic!("no shift of {agent} starting {start_prefix}\n{}", self.text))
    }
}

fn gaps_from_json(list: &Json) -> Vec<GapRow> {
    list.as_array()
        .unwrap_or_else(|| panic!("expected a gap list, found {list}"))
        .iter()
        .map(|g| GapRow {
            start: json_instant(&g["start"]),
            end: json_instant(&g["end"]),
            need: g["need"].as_u64().expect("need"),
            have: g["have"].as_u64().expect("have"),
            skill: g["skill"].as_str().map(String::from),
            rules: g["rules"].as_str().expect("rules").to_string(),
        })
        .collect()
}

/// Rule ids of `check --format json` for its `i`-th rota.
fn rule_ids(doc: &Json, i: usize) -> Vec<String> {
    doc["rotas"][i]["findings"]["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| v["rule"].as_str().expect("rule").to_string())
        .collect()
}

fn line(agent: &str, template: &str, start: &str, end: &str) -> String {
    format!("  {{ agent = \"{agent}\", template = \"{template}\", start = {start}, end = {end} }},")
}

fn tz(name: &str) -> Tz {
    name.parse().expect("zone")
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// Local wall-clock `hh:mm` on `d` in `zone` (must exist and be unambiguous).
fn local(zone: Tz, d: NaiveDate, hh: u32, mm: u32) -> DateTime<Utc> {
    zone.from_local_datetime(&d.and_hms_opt(hh, mm, 0).expect("time"))
        .single()
        .unwrap_or_else(|| panic!("{d} {hh}:{mm} is not a single instant in {zone}"))
        .with_timezone(&Utc)
}

/// A third opinion on coverage for single-agent needs: the stretches of
/// `needed` not covered by any shift, merged where they touch.
fn naive_uncovered(
    needed: &[(DateTime<Utc>, DateTime<Utc>)],
    shifts: &[ShiftRow],
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut covered: Vec<(DateTime<Utc>, DateTime<Utc>)> = shifts.iter().map(ShiftRow::utc).collect();
    covered.sort();
    let mut out: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for &(a, b) in needed {
        let mut t = a;
        for &(s, e) in &covered {
            if e <= t || s >= b {
                continue;
            }
            if s > t {
                out.push((t, s.min(b)));
            }
            t = t.max(e);
            if t >= b {
                break;
            }
        }
        if t < b {
            out.push((t, b));
        }
    }
    out.sort();
    let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for (a, b) in out {
        match merged.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Plans `out` as JSON and checks it; asserts no gap anywhere (plan JSON,
/// rota file, check table and check JSON) and no broken rule. Returns the rota.
#[track_caller]
fn plan_and_check_clean(team: &Team, out: &str) -> RotaFile {
    let run = team.plan(out, &["--format", "json", "--strict"]);
    run.expect_code(0);
    let doc = run.json();
    assert_eq!(doc["rota"]["gaps"], Json::Array(vec![]), "plan left gaps\n{run}");
    assert_eq!(doc["rota"]["summary"]["uncovered_agent_minutes"], 0, "{run}");
    let rota = team.rota(out);
    assert!(rota.gaps.is_empty(), "rota file lists gaps\n{}", rota.text);
    assert_eq!(rota.uncovered, 0);
    let check = team.check(&[out], &[]);
    check.expect_code(0);
    assert!(
        check.stdout.contains("ok — full coverage, no broken rule"),
        "check did not report a clean rota\n{check}"
    );
    let check = team.check(&[out], &["--format", "json"]);
    check.expect_code(0);
    let cdoc = check.json();
    assert_eq!(cdoc["ok"], true, "{check}");
    assert_eq!(cdoc["rotas"][0]["findings"]["gaps"], Json::Array(vec![]), "{check}");
    assert_eq!(
        cdoc["rotas"][0]["findings"]["violations"],
        Json::Array(vec![]),
        "{check}"
    );
    rota
}

/// A gap as `plan` and `check` print it when the coverage zone is UTC:
/// "Mon 2026-03-02 00:00 – 01:00 UTC (1h): 0 of 1 agents on duty (1 missing) — 24/7 ×1"
/// (a gap short of one count only).
fn utc_gap_text(g: &GapRow) -> String {
    let when = |t: DateTime<Utc>| t.format("%a %Y-%m-%d %H:%M").to_string();
    let end = if g.start.date_naive() == g.end.date_naive() {
        g.end.format("%H:%M").to_string()
    } else {
        when(g.end)
    };
    let m = (g.end - g.start).num_minutes();
    let len = if m % 60 == 0 {
        format!("{}h", m / 60)
    } else {
        format!("{}h{:02}", m / 60, m % 60)
    };
    let who = g
        .skill
        .as_ref()
        .map_or("agents on duty".to_string(), |s| format!("{s} agents"));
    format!(
        "{} – {end} UTC ({len}): {} of {} {who} ({} missing) — {}",
        when(g.start),
        g.have,
        g.need,
        g.need - g.have,
        g.rules
    )
}

fn weekdays_of(start: NaiveDate, weeks: i64) -> Vec<NaiveDate> {
    start
        .iter_days()
        .take((weeks * 7) as usize)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect()
}

// ---------------------------------------------------------------------------
// 1. The examples: plan → file → check.
// ---------------------------------------------------------------------------

#[test]
fn issue3_example_three_regions_covered_round_trip() {
    let team = Team::at(Path::new(ROOT).join("examples/three-regions-covered.toml"));
    let run = team.plan("rota.toml", &["--strict"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("No gaps: the whole coverage target is met."),
        "{run}"
    );
    assert!(!run.stdout.contains("hint:"), "a covering team needs no hint\n{run}");
    assert!(
        run.stdout
            .contains(&format!("Rota written to {}", team.shown("rota.toml"))),
        "{run}"
    );

    let rota = team.rota("rota.toml");
    assert_eq!(
        (rota.start.as_str(), rota.weeks, rota.zone.as_str()),
        ("2026-03-02", 4, "UTC")
    );
    assert!(rota.gaps.is_empty() && rota.uncovered == 0, "{}", rota.text);
    // Every template is 8 h of wall clock and no clock change falls inside a day shift.
    for s in &rota.shifts {
        assert_eq!(s.elapsed(), Duration::hours(8), "{s:?}");
    }
    // 672 hours of 24/7 need 84 shifts of 8 h at the very least.
    assert!(rota.shifts.len() >= 84, "{} shifts", rota.shifts.len());
    // Sorted by UTC start, one line each.
    let starts: Vec<_> = rota.shifts.iter().map(|s| s.utc().0).collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "shifts not sorted by UTC start"
    );
    // A third opinion on coverage: the union of the shifts covers the window.
    let window = [(
        Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 3, 30, 0, 0, 0).unwrap(),
    )];
    assert_eq!(naive_uncovered(&window, &rota.shifts), vec![]);

    // Written atomically: nothing but the rota is left in the directory.
    let names: Vec<String> = std::fs::read_dir(team.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["rota.toml"]);

    let check = team.check(&["rota.toml"], &[]);
    check.expect_code(0);
    assert_eq!(
        check.stdout,
        format!("{}: ok — full coverage, no broken rule\n", team.shown("rota.toml"))
    );
}

#[test]
fn issue3_example_three_regions_cannot_cover_and_suggests_six() {
    let team = Team::at(Path::new(ROOT).join("examples/three-regions.toml"));
    let run = team.plan("rota.toml", &[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning: the target needs 672 agent-hours but 3 agents may work at most 480 under their rules \
             (40 h a week each on average): full coverage is impossible; at least 5 such agents are needed."
        ),
        "{run}"
    );
    // Between the US (03-08) and EU (03-29) clock changes, 16:00 PDT in LA ends
    // at 00:00 UTC and Manila starts at 01:00 UTC: no template reaches that hour.
    assert!(
        run.stderr.contains(
            "warning: the target cannot be covered 00:00–01:00 UTC on 21 days from Mon 2026-03-09 to Sun 2026-03-29: \
             no agent has a shift template that covers this time"
        ),
        "{run}"
    );
    let hints: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("hint:")).collect();
    assert_eq!(hints.len(), 1, "{run}");
    assert!(
        hints[0].starts_with("hint: adding 3 agent(s) covers every hour a template can reach — verified by planning"),
        "{}",
        hints[0]
    );

    let rota = team.rota("rota.toml");
    assert!(!rota.gaps.is_empty());
    assert_eq!(rota.uncovered, rota.gaps.iter().map(GapRow::minutes).sum::<i64>());
    // 672 h needed, at most 480 h worked.
    assert!(rota.uncovered >= 192 * 60, "uncovered {} min", rota.uncovered);
    let gap_lines = run.stdout.lines().filter(|l| l.contains(" agents on duty (")).count();
    assert_eq!(gap_lines, rota.gaps.len(), "{run}");
    assert!(
        run.stdout.contains(&format!(
            "{} gap(s), {} uncovered agent-minutes (minutes short × agents missing, summed over the head count and \
             each skill; all proven unavoidable: no rota under these rules covers more):",
            rota.gaps.len(),
            rota.uncovered
        )),
        "{run}"
    );

    // --strict turns the same gaps into exit 1 (and --no-suggest drops the hint);
    // the rota is still written.
    let strict = team.plan("strict.toml", &["--strict", "--no-suggest"]);
    strict.expect_code(1);
    assert!(!strict.stdout.contains("hint:"), "{strict}");
    assert!(strict.stderr.contains("full coverage is impossible"), "{strict}");
    assert_eq!(team.rota("strict.toml").text, rota.text, "same config, same rota");

    // check agrees: exit 1, one `gap:` line per gap, the same gaps in JSON.
    let check = team.check(&["rota.toml"], &[]);
    check.expect_code(1);
    let file = team.shown("rota.toml");
    let gap_lines = check
        .stdout
        .lines()
        .filter(|l| l.starts_with(&format!("{file}: gap: ")))
        .count();
    assert_eq!(gap_lines, rota.gaps.len(), "{check}");
    assert!(
        check.stdout.contains(&format!(
            "{file}: {} gap(s) ({} uncovered agent-minutes), 0 violation(s)",
            rota.gaps.len(),
            rota.uncovered
        )),
        "{check}"
    );
    // Every gap, word for word, in both reports.
    for g in &rota.gaps {
        let text = utc_gap_text(g);
        assert!(
            run.stdout.lines().any(|l| l == format!("  {text}")),
            "no `{text}`\n{run}"
        );
        assert!(
            check.stdout.lines().any(|l| l == format!("{file}: gap: {text}")),
            "no `{text}`\n{check}"
        );
    }
    let json = team.check(&["rota.toml"], &["--format", "json"]);
    json.expect_code(1);
    let doc = json.json();
    assert_eq!(doc["ok"], false);
    assert_eq!(gaps_from_json(&doc["rotas"][0]["findings"]["gaps"]), rota.gaps);
    assert_eq!(doc["rotas"][0]["uncovered_agent_minutes"], rota.uncovered);
    assert!(rule_ids(&doc, 0).is_empty(), "{json}");
}

#[test]
fn issue3_committed_follow_the_sun_schedule_checks_clean() {
    let rota = Path::new(ROOT).join("schedules/follow-the-sun.toml");
    if !rota.exists() {
        eprintln!("note: {} does not exist yet; nothing to check", rota.display());
        return;
    }
    let config = Path::new(ROOT).join("examples/follow-the-sun.toml");
    let run = sunrota([OsStr::new("check"), config.as_os_str(), rota.as_os_str()]);
    run.expect_code(0);
    assert!(run.stdout.contains("ok — full coverage, no broken rule"), "{run}");
}

/// The README's walk-through: one hand-edited line of the committed rota
/// (Lukas's Wednesday late shift made early) gives exactly the findings shown.
#[test]
fn issue3_readme_walkthrough_hand_edit_is_caught() {
    let rota = Path::new(ROOT).join("schedules/follow-the-sun.toml");
    let text = std::fs::read_to_string(&rota).expect("committed rota");
    let old = r#"{ agent = "lukas", template = "late", start = 2026-03-04T12:00:00+00:00, end = 2026-03-04T20:00:00+00:00 },"#;
    let new = r#"{ agent = "lukas", template = "early", start = 2026-03-04T06:00:00+00:00, end = 2026-03-04T14:00:00+00:00 },"#;
    let line = text
        .lines()
        .position(|l| l.trim() == old)
        .expect("README's line is in the rota")
        + 1;
    assert_eq!(line, 47, "README quotes line 47");
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("follow-the-sun.toml");
    std::fs::write(&broken, text.replace(old, new)).unwrap();
    let config = Path::new(ROOT).join("examples/follow-the-sun.toml");
    let run = sunrota([OsStr::new("check"), config.as_os_str(), broken.as_os_str()]);
    run.expect_code(1);
    let shown = broken.display().to_string();
    assert!(run.stdout.contains(&format!(
        "{shown}:47: error[rest]: lukas 2026-03-03..2026-03-04: 10h00 rest between the shift ending Tue 2026-03-03 20:00 +00:00 and the one starting Wed 2026-03-04 06:00 +00:00 (minimum 11h00)"
    )), "{run}");
    assert!(
        run.stdout.contains(&format!(
            "{shown}: 1 gap(s) (30 uncovered agent-minutes), 1 violation(s)"
        )),
        "{run}"
    );
}

// ---------------------------------------------------------------------------
// 2. Clock changes and odd offsets.
// ---------------------------------------------------------------------------

/// London covers 08:00–16:00 London time; New York must cover 16:00–24:00
/// London time, which is 11:00 New York time when the zones are 5 hours apart
/// and 12:00 when they are 4 hours apart (between the US and EU changes).
fn handover_config(start: &str) -> String {
    format!(
        r#"[horizon]
start = {start}
weeks = 2

[coverage]
zone = "Europe/London"
need = [{{ at = "Mon-Fri 08:00-24:00", agents = 1 }}]

[templates]
ldn = {{ start = "08:00", end = "16:00" }}
early = {{ start = "11:00", end = "19:00" }}
late = {{ start = "12:00", end = "20:00" }}

[agents]
lou = {{ zone = "Europe/London", templates = ["ldn"] }}
nat = {{ zone = "America/New_York", templates = ["early", "late"] }}
"#
    )
}

/// Plans the handover config from `start` and asserts the exact rota: London
/// every weekday 08–16 local, New York `templates[week]` every weekday.
fn assert_handover(start: &str, templates: [&str; 2]) {
    let team = Team::new(&handover_config(start));
    let rota = plan_and_check_clean(&team, "rota.toml");
    let (london, new_york) = (tz("Europe/London"), tz("America/New_York"));
    let days = weekdays_of(date(start), 2);
    assert_eq!(days.len(), 10);
    let fmt = |t: DateTime<Utc>, zone: Tz| t.with_timezone(&zone).fixed_offset().to_rfc3339();
    let mut expected = BTreeSet::new();
    let mut needed = Vec::new();
    for (i, d) in days.iter().enumerate() {
        let (a, b) = (local(london, *d, 8, 0), local(london, *d, 16, 0));
        expected.insert(("lou".to_string(), "ldn".to_string(), fmt(a, london), fmt(b, london)));
        let tpl = templates[i / 5];
        let h = if tpl == "early" { 11 } else { 12 };
        let (a, b) = (local(new_york, *d, h, 0), local(new_york, *d, h + 8, 0));
        expected.insert(("nat".to_string(), tpl.to_string(), fmt(a, new_york), fmt(b, new_york)));
        // The need, in London time; its end is local midnight of the next day.
        needed.push((local(london, *d, 8, 0), local(london, *d + Duration::days(1), 0, 0)));
    }
    assert_eq!(rota.shift_set(), expected, "from {start}\n{}", rota.text);
    for s in &rota.shifts {
        assert_eq!(s.elapsed(), Duration::hours(8), "{s:?}");
    }
    // The New York shift starts exactly when the London one ends.
    for d in &days {
        let d = d.to_string();
        let l = rota.line_of("lou", &d);
        let n = rota.line_of("nat", &d);
        assert_eq!(l.end.with_timezone(&Utc), n.start.with_timezone(&Utc), "{d}");
    }
    assert_eq!(naive_uncovered(&needed, &rota.shifts), vec![], "from {start}");
}

#[test]
fn issue3_dst_march_us_and_eu_change_three_weeks_apart() {
    // US springs forward on 03-08: 5 h apart in the first week, 4 h in the second.
    assert_handover("2026-03-02", ["early", "late"]);
    // EU springs forward on 03-29: 4 h apart, then 5 h again.
    assert_handover("2026-03-23", ["late", "early"]);
}

#[test]
fn issue3_dst_october_november_eu_and_us_change_a_week_apart() {
    // EU falls back on 10-25: 5 h apart, then 4 h.
    assert_handover("2026-10-19", ["early", "late"]);
    // US falls back on 11-01: 4 h apart, then 5 h again.
    assert_handover("2026-10-26", ["late", "early"]);
}

/// One agent working Friday and Saturday nights 22:00–06:00 in its own zone,
/// which is also the coverage zone; the horizon is the week from `start`.
fn nights_config(zone: &str, start: &str) -> String {
    format!(
        r#"[horizon]
start = {start}
weeks = 1

[coverage]
zone = "{zone}"
need = [{{ at = "Fri,Sat 22:00-06:00", agents = 1 }}]

[templates]
night = {{ start = "22:00", end = "06:00" }}

[agents]
owl = {{ zone = "{zone}" }}
"#
    )
}

/// Asserts the exact night shifts (start, end as written) and their real lengths.
fn assert_nights(zone: &str, start: &str, expected: [(&str, &str, i64); 2]) {
    let team = Team::new(&nights_config(zone, start));
    let rota = plan_and_check_clean(&team, "rota.toml");
    let got: Vec<(String, String, i64)> = rota
        .shifts
        .iter()
        .map(|s| (s.start_text.clone(), s.end_text.clone(), s.elapsed().num_minutes()))
        .collect();
    let want: Vec<(String, String, i64)> = expected
        .iter()
        .map(|(a, b, h)| (a.to_string(), b.to_string(), h * 60))
        .collect();
    assert_eq!(got, want, "{zone} from {start}\n{}", rota.text);
    assert!(rota.shifts.iter().all(|s| s.agent == "owl" && s.template == "night"));
    // The JSON totals count real hours, and the night template as a night.
    let doc = team.plan("again.toml", &["--format", "json"]).json();
    let hours: i64 = expected.iter().map(|e| e.2).sum();
    assert_eq!(doc["agents"][0]["hours"].as_f64(), Some(hours as f64), "{doc}");
    assert_eq!(doc["agents"][0]["nights"], 2);
}

#[test]
fn issue3_dst_night_shift_on_us_transition_nights() {
    assert_nights(
        "America/New_York",
        "2026-03-02",
        [
            ("2026-03-06T22:00:00-05:00", "2026-03-07T06:00:00-05:00", 8),
            ("2026-03-07T22:00:00-05:00", "2026-03-08T06:00:00-04:00", 7),
        ],
    );
    assert_nights(
        "America/New_York",
        "2026-10-26",
        [
            ("2026-10-30T22:00:00-04:00", "2026-10-31T06:00:00-04:00", 8),
            ("2026-10-31T22:00:00-04:00", "2026-11-01T06:00:00-05:00", 9),
        ],
    );
}

#[test]
fn issue3_dst_night_shift_on_eu_transition_nights() {
    assert_nights(
        "Europe/London",
        "2026-03-23",
        [
            ("2026-03-27T22:00:00+00:00", "2026-03-28T06:00:00+00:00", 8),
            ("2026-03-28T22:00:00+00:00", "2026-03-29T06:00:00+01:00", 7),
        ],
    );
    assert_nights(
        "Europe/London",
        "2026-10-19",
        [
            ("2026-10-23T22:00:00+01:00", "2026-10-24T06:00:00+01:00", 8),
            ("2026-10-24T22:00:00+01:00", "2026-10-25T06:00:00+00:00", 9),
        ],
    );
}

#[test]
fn issue3_dst_sydney_opposite_season() {
    // Sydney leaves summer time on 2026-04-05 and enters it on 2026-10-04.
    assert_nights(
        "Australia/Sydney",
        "2026-03-30",
        [
            ("2026-04-03T22:00:00+11:00", "2026-04-04T06:00:00+11:00", 8),
            ("2026-04-04T22:00:00+11:00", "2026-04-05T06:00:00+10:00", 9),
        ],
    );
    assert_nights(
        "Australia/Sydney",
        "2026-09-28",
        [
            ("2026-10-02T22:00:00+10:00", "2026-10-03T06:00:00+10:00", 8),
            ("2026-10-03T22:00:00+10:00", "2026-10-04T06:00:00+11:00", 7),
        ],
    );
}

/// Sydney day shifts seen from a UTC target, across the end of summer time
/// on 2026-04-05: 09:00–17:00 in Sydney is 22:00–06:00 UTC the evening before
/// in the first week and 23:00–07:00 UTC in the second, so the target
/// "Sun-Thu 23:00-06:00" UTC is covered in both. Its last stretch, Sunday
/// 04-12 23:00 UTC until the horizon ends at midnight, needs the shift of
/// Monday 04-13 — a local date outside the horizon, which plan may use.
#[test]
fn issue3_dst_sydney_day_shift_seen_from_utc() {
    let team = Team::new(
        r#"[horizon]
start = 2026-03-30
weeks = 2

[coverage]
zone = "UTC"
need = [{ at = "Sun-Thu 23:00-06:00", agents = 1 }]

[templates]
day = { start = "09:00", end = "17:00" }

[agents]
kim = { zone = "Australia/Sydney" }
"#,
    );
    let rota = plan_and_check_clean(&team, "rota.toml");
    let mut want = Vec::new();
    for d in weekdays_of(date("2026-03-30"), 2)
        .into_iter()
        .chain([date("2026-04-13")])
    {
        let offset = if d < date("2026-04-05") { "+11:00" } else { "+10:00" };
        want.push((format!("{d}T09:00:00{offset}"), format!("{d}T17:00:00{offset}")));
    }
    let got: Vec<(String, String)> = rota
        .shifts
        .iter()
        .map(|s| (s.start_text.clone(), s.end_text.clone()))
        .collect();
    assert_eq!(got, want, "{}", rota.text);
    assert!(rota.shifts.iter().all(|s| s.elapsed() == Duration::hours(8)));
    // The grid lists the shift of 04-13 as covering the horizon's edge.
    let run = team.plan("again.toml", &[]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "Shifts on local days just outside the horizon that cover its edges:\n  kim Mon 2026-04-13 day 09:00-17:00"
        ),
        "{run}"
    );
}

/// Local start times that do not exist (spring forward) move to the moment
/// the clocks jump; ambiguous ones (fall back) take their first occurrence;
/// the shift lasts its real elapsed time. Lord Howe Island moves by 30 minutes.
#[test]
fn issue3_dst_nonexistent_and_ambiguous_start_times() {
    let case = |zone: &str, start: &str, at: &str, from: &str, to: &str| {
        Team::new(&format!(
            r#"[horizon]
start = {start}
weeks = 1

[coverage]
zone = "{zone}"
need = [{{ at = "{at}", agents = 1 }}]

[templates]
odd = {{ start = "{from}", end = "{to}" }}

[agents]
al = {{ zone = "{zone}" }}
"#
        ))
    };
    let cases = [
        // 02:30 does not exist on 03-08 in New York: 02:00 EST jumps to 03:00 EDT.
        (
            case("America/New_York", "2026-03-02", "Sun 02:30-10:30", "02:30", "10:30"),
            ("2026-03-08T03:00:00-04:00", "2026-03-08T10:30:00-04:00", 7 * 60 + 30),
        ),
        // 01:30 happens twice on 11-01 in New York: the first is EDT.
        (
            case("America/New_York", "2026-10-26", "Sun 01:30-09:30", "01:30", "09:30"),
            ("2026-11-01T01:30:00-04:00", "2026-11-01T09:30:00-05:00", 9 * 60),
        ),
        // Lord Howe: 02:00 +10:30 jumps to 02:30 +11:00 on 10-04.
        (
            case("Australia/Lord_Howe", "2026-09-28", "Sat 22:00-06:00", "22:00", "06:00"),
            ("2026-10-03T22:00:00+10:30", "2026-10-04T06:00:00+11:00", 7 * 60 + 30),
        ),
    ];
    for (team, (start, end, minutes)) in &cases {
        let rota = plan_and_check_clean(team, "rota.toml");
        assert_eq!(rota.shifts.len(), 1, "{}", rota.text);
        let s = &rota.shifts[0];
        assert_eq!(
            (s.start_text.as_str(), s.end_text.as_str()),
            (*start, *end),
            "{}",
            rota.text
        );
        assert_eq!(s.elapsed().num_minutes(), *minutes);
    }
    // The second 01:30 of 11-01 is another instant: not the template's time.
    let (team, _) = &cases[1];
    let rota = team.rota("rota.toml");
    let s = &rota.shifts[0];
    let second = line("al", "odd", "2026-11-01T01:30:00-05:00", &s.end_text);
    let (table, doc) = check_broken(team, "second.toml", &rota.edit_line(s.line, Some(&second)));
    assert_eq!(rule_ids(&doc, 0), ["shift-times"], "{table}");
    assert!(
        table.stdout.contains(&format!(
            "{}: gap: Sun 2026-11-01 01:30 -04:00 – 01:30 -05:00 America/New_York (1h)",
            team.shown("second.toml")
        )),
        "{table}"
    );
}

fn odd_offset_config(agents: &str, need: &str) -> String {
    format!(
        r#"[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{{ at = "{need}", agents = 1 }}]

[templates]
day = {{ start = "09:00", end = "17:00" }}

[agents]
{agents}
"#
    )
}

/// Every weekday of the week of 2026-03-02, 09:00–17:00 at `offset`.
fn day_shifts(agent: &str, offset: &str) -> BTreeSet<(String, String, String, String)> {
    weekdays_of(date("2026-03-02"), 1)
        .iter()
        .map(|d| {
            (
                agent.to_string(),
                "day".to_string(),
                format!("{d}T09:00:00{offset}"),
                format!("{d}T17:00:00{offset}"),
            )
        })
        .collect()
}

#[test]
fn issue3_odd_offset_kolkata_half_hour() {
    // 09:00–17:00 IST is 03:30–11:30 UTC exactly.
    let team = Team::new(&odd_offset_config(
        r#"priya = { zone = "Asia/Kolkata" }"#,
        "Mon-Fri 03:30-11:30",
    ));
    let rota = plan_and_check_clean(&team, "rota.toml");
    assert_eq!(rota.shift_set(), day_shifts("priya", "+05:30"), "{}", rota.text);
    assert!(rota.shifts.iter().all(|s| s.elapsed() == Duration::hours(8)));
}

#[test]
fn issue3_odd_offset_kathmandu_quarter_hour() {
    // 09:00–17:00 NPT is 03:15–11:15 UTC exactly.
    let team = Team::new(&odd_offset_config(
        r#"ram = { zone = "Asia/Kathmandu" }"#,
        "Mon-Fri 03:15-11:15",
    ));
    let rota = plan_and_check_clean(&team, "rota.toml");
    assert_eq!(rota.shift_set(), day_shifts("ram", "+05:45"), "{}", rota.text);
    assert!(rota.shifts.iter().all(|s| s.elapsed() == Duration::hours(8)));
}

#[test]
fn issue3_odd_offsets_kolkata_and_kathmandu_need_each_other() {
    // Kathmandu alone covers 03:15–03:30 UTC, Kolkata alone 11:15–11:30 UTC.
    let team = Team::new(&odd_offset_config(
        "priya = { zone = \"Asia/Kolkata\" }\nram = { zone = \"Asia/Kathmandu\" }",
        "Mon-Fri 03:15-11:30",
    ));
    let rota = plan_and_check_clean(&team, "rota.toml");
    let mut want = day_shifts("priya", "+05:30");
    want.extend(day_shifts("ram", "+05:45"));
    assert_eq!(rota.shift_set(), want, "{}", rota.text);
    // Sorted by UTC start: Kathmandu (03:15 UTC) before Kolkata (03:30 UTC) each day.
    let order: Vec<&str> = rota.shifts.iter().map(|s| s.agent.as_str()).collect();
    assert_eq!(order, ["ram", "priya"].repeat(5));
}

// ---------------------------------------------------------------------------
// 3. check on hand-broken rotas.
// ---------------------------------------------------------------------------

/// One agent, forced to work `early` Monday to Friday; `late` would leave 9 h
/// of rest before the next `early`; `mid` has `early`'s times but only for bo,
/// who is away all week; Saturday is ana's day off.
const BROKEN_BASE: &str = r#"[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "Mon-Fri 06:00-14:00", agents = 1 }]

[templates]
early = { start = "06:00", end = "14:00" }
late = { start = "13:00", end = "21:00" }
mid = { start = "06:00", end = "14:00", agents = ["bo"] }

[agents]
ana = { zone = "UTC", templates = ["early", "late"], off = ["2026-03-07"] }
bo = { zone = "UTC", off = ["2026-03-01..2026-03-09"] }
"#;

/// Plans the clean base rota and returns the team and the rota.
fn broken_base() -> (Team, RotaFile) {
    let team = Team::new(BROKEN_BASE);
    let rota = plan_and_check_clean(&team, "clean.toml");
    let want: BTreeSet<_> = weekdays_of(date("2026-03-02"), 1)
        .iter()
        .map(|d| {
            (
                "ana".to_string(),
                "early".to_string(),
                format!("{d}T06:00:00+00:00"),
                format!("{d}T14:00:00+00:00"),
            )
        })
        .collect();
    assert_eq!(rota.shift_set(), want, "{}", rota.text);
    (team, rota)
}

/// Writes `text` as `name`, runs check (table and JSON), asserts exit 1 and
/// returns (table output, JSON document).
fn check_broken(team: &Team, name: &str, text: &str) -> (Run, Json) {
    team.write(name, text);
    let table = team.check(&[name], &[]);
    table.expect_code(1);
    let json = team.check(&[name], &["--format", "json"]);
    json.expect_code(1);
    let doc = json.json();
    assert_eq!(doc["ok"], false, "{json}");
    assert_eq!(doc["rotas"][0]["ok"], false, "{json}");
    assert_eq!(doc["rotas"][0]["rota"], team.shown(name), "{json}");
    (table, doc)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn issue3_check_removed_shift_is_a_gap_with_exact_times() {
    let (team, rota) = broken_base();
    let monday = rota.line_of("ana", "2026-03-02").line;
    let (table, doc) = check_broken(&team, "broken.toml", &rota.edit_line(monday, None));
    let file = team.shown("broken.toml");
    assert_eq!(
        table.stdout,
        format!(
            "{file}: gap: Mon 2026-03-02 06:00 – 14:00 UTC (8h): 0 of 1 agents on duty (1 missing) — Mon-Fri 06:00-14:00 ×1\n\
             \x20   why (not proven unavoidable):\n\
             \x20     ana: could work early Mon 2026-03-02 — nothing stops it (left by the budget or the weights)\n\
             \x20     bo: early Mon 2026-03-02 — time off or a holiday on Mon 2026-03-02\n\
             {file}: 1 gap(s) (480 uncovered agent-minutes), 0 violation(s)\n\
             {file}: note: its [summary] lists 0 gap(s) (0 uncovered agent-minutes) but check finds 1 (480): the file was edited after planning\n\
             {file}: note: its [summary] is not confirmed: its objective is 48032.000, not 40.000 as the summary says\n\
             {file}: note: its [summary] is not confirmed: status \"optimal\" is not proven: objective 48032.000, bound 40.000\n"
        )
    );
    assert_eq!(doc["rotas"][0]["summary_matches"], false);
    let gaps = gaps_from_json(&doc["rotas"][0]["findings"]["gaps"]);
    assert_eq!(
        gaps,
        vec![GapRow {
            start: Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 3, 2, 14, 0, 0).unwrap(),
            need: 1,
            have: 0,
            skill: None,
            rules: "Mon-Fri 06:00-14:00 ×1".into(),
        }]
    );
    assert_eq!(doc["rotas"][0]["uncovered_agent_minutes"], 480);
    assert!(rule_ids(&doc, 0).is_empty());
}

#[test]
fn issue3_check_rest_of_nine_hours() {
    let (team, rota) = broken_base();
    let monday = rota.line_of("ana", "2026-03-02").line;
    let tuesday = rota.line_of("ana", "2026-03-03").line;
    let late = line("ana", "late", "2026-03-02T13:00:00+00:00", "2026-03-02T21:00:00+00:00");
    let (table, doc) = check_broken(&team, "broken.toml", &rota.edit_line(monday, Some(&late)));
    let file = team.shown("broken.toml");
    assert!(
        table.stdout.contains(&format!(
            "{file}:{tuesday}: error[rest]: ana 2026-03-02..2026-03-03: 9h00 rest between the shift ending \
             Mon 2026-03-02 21:00 +00:00 and the one starting Tue 2026-03-03 06:00 +00:00 (minimum 11h00)"
        )),
        "{table}"
    );
    // The late shift leaves Monday 06:00–13:00 uncovered.
    assert!(
        table
            .stdout
            .contains(&format!("{file}: gap: Mon 2026-03-02 06:00 – 13:00 UTC (7h)")),
        "{table}"
    );
    assert_eq!(rule_ids(&doc, 0), ["rest"]);
    let v = &doc["rotas"][0]["findings"]["violations"][0];
    assert_eq!(v["agent"], "ana");
    assert_eq!(v["line"], tuesday);
    assert_eq!(
        (v["first"].as_str(), v["last"].as_str()),
        (Some("2026-03-02"), Some("2026-03-03"))
    );
}

#[test]
fn issue3_check_shift_on_a_day_off() {
    let (team, rota) = broken_base();
    // Move Friday's shift to Saturday, ana's day off.
    let friday = rota.line_of("ana", "2026-03-06").line;
    let saturday = line("ana", "early", "2026-03-07T06:00:00+00:00", "2026-03-07T14:00:00+00:00");
    let (table, doc) = check_broken(&team, "broken.toml", &rota.edit_line(friday, Some(&saturday)));
    let file = team.shown("broken.toml");
    assert!(
        table.stdout.contains(&format!(
            "{file}:{friday}: error[time-off]: ana 2026-03-07: works on 2026-03-07, a day off (time off or holiday)"
        )),
        "{table}"
    );
    // Friday is now a lone day off between Thursday and Saturday.
    assert!(
        table.stdout.contains(&format!(
            "{file}: error[min-consecutive-days-off]: ana 2026-03-06: only 1 day(s) off between 2026-03-05 and 2026-03-07 (minimum 2)"
        )),
        "{table}"
    );
    assert!(
        table
            .stdout
            .contains(&format!("{file}: gap: Fri 2026-03-06 06:00 – 14:00 UTC (8h)")),
        "{table}"
    );
    assert_eq!(sorted(rule_ids(&doc, 0)), ["min-consecutive-days-off", "time-off"]);
}

#[test]
fn issue3_check_template_not_allowed() {
    let (team, rota) = broken_base();
    let s = rota.line_of("ana", "2026-03-04");
    let edited = line("ana", "mid", &s.start_text, &s.end_text);
    let (table, doc) = check_broken(&team, "broken.toml", &rota.edit_line(s.line, Some(&edited)));
    let file = team.shown("broken.toml");
    assert_eq!(
        table.stdout,
        format!(
            "{file}:{}: error[template-not-allowed]: ana 2026-03-04: may not work template `mid`\n\
             {file}: 0 gap(s) (0 uncovered agent-minutes), 1 violation(s)\n",
            s.line
        )
    );
    assert_eq!(rule_ids(&doc, 0), ["template-not-allowed"]);
    assert_eq!(doc["rotas"][0]["findings"]["gaps"], Json::Array(vec![]));
}

#[test]
fn issue3_check_shift_times_do_not_match_template() {
    let (team, rota) = broken_base();
    let s = rota.line_of("ana", "2026-03-02");
    let edited = line("ana", "early", "2026-03-02T06:00:00+00:00", "2026-03-02T15:00:00+00:00");
    let (table, doc) = check_broken(&team, "broken.toml", &rota.edit_line(s.line, Some(&edited)));
    let file = team.shown("broken.toml");
    assert_eq!(
        table.stdout,
        format!(
            "{file}:{}: error[shift-times]: ana 2026-03-02: shift Mon 2026-03-02 06:00 +00:00–Mon 2026-03-02 15:00 +00:00 \
             does not match template `early` (Mon 2026-03-02 06:00 +00:00–Mon 2026-03-02 14:00 +00:00)\n\
             {file}: error[max-hours-per-week]: ana 2026-03-02..2026-03-08: 41h00 worked in the 7 days from 2026-03-02 \
             (maximum 40h00)\n\
             {file}: 0 gap(s) (0 uncovered agent-minutes), 2 violation(s)\n",
            s.line
        )
    );
    // The hour too many counts: rules use the shift's real instants.
    assert_eq!(sorted(rule_ids(&doc, 0)), ["max-hours-per-week", "shift-times"]);
}

#[test]
fn issue3_check_same_instant_other_offset_is_fine() {
    // The same instants written with another UTC offset are the same shift.
    let (team, rota) = broken_base();
    let s = rota.line_of("ana", "2026-03-03");
    let edited = line("ana", "early", "2026-03-03T11:30:00+05:30", "2026-03-03T19:30:00+05:30");
    team.write("same.toml", &rota.edit_line(s.line, Some(&edited)));
    team.check(&["same.toml"], &[]).expect_code(0);
}

#[test]
fn issue3_check_unknown_agent() {
    let (team, rota) = broken_base();
    let s = rota.line_of("ana", "2026-03-02");
    let edited = line("zed", "early", &s.start_text, &s.end_text);
    let (table, doc) = check_broken(&team, "broken.toml", &rota.edit_line(s.line, Some(&edited)));
    let file = team.shown("broken.toml");
    assert!(
        table.stdout.contains(&format!(
            "{file}:{}: error[unknown-agent]: zed 2026-03-02: `zed` is not an agent in the config",
            s.line
        )),
        "{table}"
    );
    // An unknown agent's shift covers nothing.
    assert!(
        table
            .stdout
            .contains(&format!("{file}: gap: Mon 2026-03-02 06:00 – 14:00 UTC (8h)")),
        "{table}"
    );
    assert_eq!(rule_ids(&doc, 0), ["unknown-agent"]);
}

#[test]
fn issue3_check_more_than_max_shifts_per_week() {
    let (team, rota) = broken_base();
    // A sixth shift on Sunday: 6 shifts and 48 h in the 7 days from Monday.
    // (Saturday is time off, so Fri–Sun is not a short break.)
    let last = rota.shifts.last().expect("shifts").line;
    let sunday = line("ana", "early", "2026-03-08T06:00:00+00:00", "2026-03-08T14:00:00+00:00");
    let (table, doc) = check_broken(&team, "broken.toml", &rota.insert_after(last, &sunday));
    let file = team.shown("broken.toml");
    assert!(
        table.stdout.contains(&format!(
            "{file}: error[max-shifts-per-week]: ana 2026-03-02..2026-03-08: 6 shifts in the 7 days from 2026-03-02 (maximum 5)"
        )),
        "{table}"
    );
    assert!(
        table.stdout.contains(&format!(
            "{file}: error[max-hours-per-week]: ana 2026-03-02..2026-03-08: 48h00 worked in the 7 days from 2026-03-02 (maximum 40h00)"
        )),
        "{table}"
    );
    assert_eq!(sorted(rule_ids(&doc, 0)), ["max-hours-per-week", "max-shifts-per-week"]);
    // Week-level findings point at no single line.
    for v in doc["rotas"][0]["findings"]["violations"].as_array().unwrap() {
        assert!(v.get("line").is_none(), "{v}");
    }
}

#[test]
fn issue3_check_several_rotas_at_once() {
    let (team, rota) = broken_base();
    let monday = rota.line_of("ana", "2026-03-02").line;
    team.write("broken.toml", &rota.edit_line(monday, None));
    let run = team.check(&["clean.toml", "broken.toml"], &["--format", "json"]);
    run.expect_code(1);
    let doc = run.json();
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["rotas"][0]["ok"], true);
    assert_eq!(doc["rotas"][1]["ok"], false);
    assert_eq!(doc["rotas"][1]["uncovered_agent_minutes"], 480);
    // Both clean: exit 0.
    team.check(&["clean.toml", "clean.toml"], &[]).expect_code(0);
}

#[test]
fn issue3_check_uses_the_rotas_own_horizon() {
    // The same team config checks a rota of any period: stretch the clean
    // one-week rota to two weeks and the second week is all gaps.
    let (team, rota) = broken_base();
    assert!(rota.text.contains("\nweeks = 1\n"));
    team.write(
        "two-weeks.toml",
        &rota.text.replacen("\nweeks = 1\n", "\nweeks = 2\n", 1),
    );
    let run = team.check(&["two-weeks.toml"], &["--format", "json"]);
    run.expect_code(1);
    let doc = run.json();
    let gaps = gaps_from_json(&doc["rotas"][0]["findings"]["gaps"]);
    let want: Vec<(DateTime<Utc>, DateTime<Utc>)> = weekdays_of(date("2026-03-09"), 1)
        .iter()
        .map(|d| (local(Tz::UTC, *d, 6, 0), local(Tz::UTC, *d, 14, 0)))
        .collect();
    assert_eq!(gaps.iter().map(|g| (g.start, g.end)).collect::<Vec<_>>(), want);
    assert_eq!(doc["rotas"][0]["uncovered_agent_minutes"], 5 * 480);
    assert!(rule_ids(&doc, 0).is_empty());
    // Moved to another week, the same shifts lie outside the rota's horizon
    // (in a directory of its own: beside the others it would continue them).
    team.write(
        "moved/moved.toml",
        &rota
            .text
            .replacen("\nstart = 2026-03-02\n", "\nstart = 2026-03-16\n", 1),
    );
    let run = team.check(&["moved/moved.toml"], &["--format", "json"]);
    run.expect_code(1);
    assert_eq!(rule_ids(&run.json(), 0), ["outside-horizon"; 5]);
}

#[test]
fn issue3_check_coverage_zone_mismatch() {
    let (team, rota) = broken_base();
    team.write(
        "zone.toml",
        &rota.text.replacen("zone = \"UTC\"", "zone = \"Europe/Paris\"", 1),
    );
    let (table, doc) = check_broken(&team, "zone.toml", &team.rota("zone.toml").text);
    let file = team.shown("zone.toml");
    assert!(
        table.stdout.contains(&format!(
            "{file}: error[coverage-zone]: 2026-03-02: rota was planned for coverage zone Europe/Paris, config says UTC"
        )),
        "{table}"
    );
    assert_eq!(rule_ids(&doc, 0), ["coverage-zone"]);
}

#[test]
fn issue3_check_counts_distinct_agents() {
    // Two agents needed on Monday morning; one agent twice is still one agent.
    let team = Team::new(
        r#"[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "Mon 06:00-14:00", agents = 2 }]

[templates]
early = { start = "06:00", end = "14:00" }

[agents]
ana = { zone = "UTC" }
cy = { zone = "Europe/Lisbon" }
"#,
    );
    let rota = plan_and_check_clean(&team, "clean.toml");
    assert_eq!(rota.shifts.len(), 2, "{}", rota.text);
    let cy = rota.line_of("cy", "2026-03-02");
    assert_eq!(cy.start_text, "2026-03-02T06:00:00+00:00");
    let twice = line("ana", "early", &cy.start_text, &cy.end_text);
    let (table, doc) = check_broken(&team, "twice.toml", &rota.edit_line(cy.line, Some(&twice)));
    let file = team.shown("twice.toml");
    assert!(
        table.stdout.contains(&format!(
            "{file}: gap: Mon 2026-03-02 06:00 – 14:00 UTC (8h): 1 of 2 agents on duty (1 missing) — Mon 06:00-14:00 ×2"
        )),
        "{table}"
    );
    assert_eq!(sorted(rule_ids(&doc, 0)), ["one-shift-per-day", "overlap"]);
    assert_eq!(doc["rotas"][0]["uncovered_agent_minutes"], 480);
}

// ---------------------------------------------------------------------------
// 4. Determinism.
// ---------------------------------------------------------------------------

/// Six interchangeable agents and three templates: many optima.
fn interchangeable_config(weeks: u32, peak: &str) -> String {
    format!(
        r#"[horizon]
start = 2026-03-02
weeks = {weeks}

[coverage]
zone = "UTC"
need = [{{ at = "24/7", agents = 1 }}, {{ at = "{peak}", agents = 1 }}]

[templates]
a = {{ start = "00:00", end = "08:00" }}
b = {{ start = "08:00", end = "16:00" }}
c = {{ start = "16:00", end = "00:00" }}

[agents]
p = {{ zone = "UTC" }}
q = {{ zone = "UTC" }}
r = {{ zone = "UTC" }}
s = {{ zone = "UTC" }}
t = {{ zone = "UTC" }}
u = {{ zone = "UTC" }}
"#
    )
}

#[test]
fn issue3_same_plan_is_byte_identical() {
    // Solved to optimality well within the time limit: one answer, one file.
    let team = Team::new(&interchangeable_config(1, "Mon-Fri 09:00-17:00"));
    team.plan("one.toml", &[]).expect_code(0);
    team.plan("two.toml", &["--format", "json"]).expect_code(0);
    let one = std::fs::read(team.path("one.toml")).unwrap();
    let two = std::fs::read(team.path("two.toml")).unwrap();
    assert!(one == two, "two plans of the same config differ");
    // And for an example with several zones.
    let ex = Team::at(Path::new(ROOT).join("examples/three-regions-covered.toml"));
    ex.plan("one.toml", &[]).expect_code(0);
    ex.plan("two.toml", &[]).expect_code(0);
    assert!(
        std::fs::read(ex.path("one.toml")).unwrap() == std::fs::read(ex.path("two.toml")).unwrap(),
        "two plans of three-regions-covered differ"
    );
}

/// `--gap 1` promises a rota proven within 1 % of optimal, and `[summary]`
/// reports `objective`, `best_bound` and `gap_percent`. The gap is computed
/// against the solver's internal objective, which excludes the constant that
/// turns the overstaffing cost back into the reported objective (overstaffed
/// weight × target agent-minutes), so it is far smaller than the gap between
/// the reported objective and bound.
#[test]
fn issue3_summary_gap_percent_matches_objective_and_bound() {
    let team = Team::new(&interchangeable_config(2, "Mon-Fri 08:00-16:00"));
    team.plan("rota.toml", &["--gap", "1", "--no-suggest"]).expect_code(0);
    let text = team.rota("rota.toml").text;
    let doc: toml::Table = text.parse().unwrap();
    let num = |k: &str| doc["summary"][k].as_float().unwrap();
    let (objective, bound, gap) = (num("objective"), num("best_bound"), num("gap_percent"));
    let real = (objective - bound) / objective.abs() * 100.0;
    assert!(
        (gap - real).abs() <= 1e-3 * real.max(1e-3),
        "gap_percent = {gap} but (objective − best_bound) / objective = {real:.4} %\n{text}"
    );
    assert!(real <= 1.0 + 1e-6, "--gap 1 stopped {real:.2} % from the bound\n{text}");
}

// ---------------------------------------------------------------------------
// 5. Property: plan and check cross-examine each other.
// ---------------------------------------------------------------------------

const ZONES: [&str; 9] = [
    "UTC",
    "Asia/Kolkata",
    "America/New_York",
    "Europe/London",
    "Asia/Kathmandu",
    "Australia/Sydney",
    // Issue 13: a gap that ends at midnight (2026-03-28), and 24 h apart.
    "America/Nuuk",
    "Pacific/Kiritimati",
    "Pacific/Honolulu",
];
const STARTS: [&str; 5] = ["2026-03-02", "2026-03-23", "2026-09-28", "2026-10-26", "2026-06-15"];

#[derive(Debug, Clone)]
struct Scenario {
    start: &'static str,
    coverage: &'static str,
    round_the_clock: bool,
    /// (start hour, start minute, length in hours)
    templates: Vec<(u32, u32, u32)>,
    /// (zone, has the skill `phone`)
    agents: Vec<(&'static str, bool)>,
    /// A weekday peak needing a second, skilled agent.
    peak: bool,
    max_shifts: u32,
    min_rest_hours: u32,
    /// A day off for the first agent, counted from the day before the horizon.
    off: Option<i64>,
}

impl Scenario {
    fn toml(&self) -> String {
        let need = if self.round_the_clock {
            "24/7"
        } else {
            "Mon-Fri 09:00-17:00"
        };
        let peak = if self.peak {
            ", { at = \"Mon-Fri 14:00-17:00\", agents = 1, skill = \"phone\" }"
        } else {
            ""
        };
        let mut s = format!(
            "[horizon]\nstart = {}\nweeks = 1\n\n[coverage]\nzone = \"{}\"\nneed = [{{ at = \"{need}\", agents = 1 }}{peak}]\n\n\
             [rules]\nmax_shifts_per_week = {}\nmin_rest_hours = {}\n\n[templates]\n",
            self.start, self.coverage, self.max_shifts, self.min_rest_hours
        );
        for (i, (h, m, len)) in self.templates.iter().enumerate() {
            let end = (h * 60 + m + len * 60) % 1440;
            s.push_str(&format!(
                "t{i} = {{ start = \"{h:02}:{m:02}\", end = \"{:02}:{:02}\" }}\n",
                end / 60,
                end % 60
            ));
        }
        s.push_str("\n[agents]\n");
        for (i, (z, phone)) in self.agents.iter().enumerate() {
            let skills = if *phone || (i == 0 && self.peak) {
                ", skills = [\"phone\"]"
            } else {
                ""
            };
            let off = match self.off {
                Some(k) if i == 0 => format!(", off = [\"{}\"]", date(self.start) + Duration::days(k - 1)),
                _ => String::new(),
            };
            s.push_str(&format!("a{i} = {{ zone = \"{z}\"{skills}{off} }}\n"));
        }
        s
    }

    /// The target in UTC, from the test's own reading of the config.
    fn needed(&self) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let zone = tz(self.coverage);
        let start = date(self.start);
        let midnight = |d: NaiveDate| local(zone, d, 0, 0);
        if self.round_the_clock {
            vec![(midnight(start), midnight(start + Duration::days(7)))]
        } else {
            weekdays_of(start, 1)
                .iter()
                .map(|d| (local(zone, *d, 9, 0), local(zone, *d, 17, 0)))
                .collect()
        }
    }
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::sample::select(STARTS.to_vec()),
        prop::sample::select(ZONES.to_vec()),
        any::<bool>(),
        prop::collection::vec((0u32..24, prop::sample::select(vec![0u32, 30]), 6u32..=10), 1..=3),
        prop::collection::vec((prop::sample::select(ZONES.to_vec()), any::<bool>()), 2..=4),
        any::<bool>(),
        4u32..=6,
        prop::sample::select(vec![8u32, 11, 14]),
        prop::option::of(0i64..9),
    )
        .prop_map(
            |(start, coverage, round_the_clock, templates, agents, peak, max_shifts, min_rest_hours, off)| Scenario {
                start,
                coverage,
                round_the_clock,
                templates,
                agents,
                peak,
                max_shifts,
                min_rest_hours,
                off,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES=200 cargo test --test cli prop  explores further.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(8),
        max_shrink_iters: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn issue3_prop_plan_and_check_agree(sc in scenario()) {
        let team = Team::new(&sc.toml());
        let plan = team.plan("rota.toml", &["--no-suggest"]);
        plan.expect_code(0);
        let rota = team.rota("rota.toml");
        let check = team.check(&["rota.toml"], &["--format", "json"]);
        let doc = check.json();
        prop_assert!(rule_ids(&doc, 0).is_empty(), "plan broke a rule\n{}\n{}\n{}", sc.toml(), rota.text, check);
        let check_gaps = gaps_from_json(&doc["rotas"][0]["findings"]["gaps"]);
        prop_assert_eq!(&check_gaps, &rota.gaps, "plan and check disagree on gaps\n{}\n{}", sc.toml(), rota.text);
        prop_assert_eq!(doc["rotas"][0]["uncovered_agent_minutes"].as_i64(), Some(rota.uncovered));
        prop_assert_eq!(check.code, Some(if rota.gaps.is_empty() { 0 } else { 1 }), "{}", check);
        // A third opinion, for a head count of one: the stretches of the
        // target no shift covers.
        if !sc.peak {
            let naive = naive_uncovered(&sc.needed(), &rota.shifts);
            let spans: Vec<_> = rota.gaps.iter().map(|g| (g.start, g.end)).collect();
            prop_assert_eq!(&spans, &naive, "gaps are not the uncovered stretches\n{}\n{}", sc.toml(), rota.text);
            prop_assert!(rota.gaps.iter().all(|g| g.need == 1 && g.have == 0 && g.skill.is_none()));
        }
        // Shifts last their real elapsed time: the nominal length, ±1 h across a clock change.
        for s in &rota.shifts {
            let i: usize = s.template[1..].parse().unwrap();
            let nominal = i64::from(sc.templates[i].2) * 60;
            let real = s.elapsed().num_minutes();
            prop_assert!((real - nominal).abs() <= 60, "{:?} lasts {} min", s, real);
        }
    }
}

// ---------------------------------------------------------------------------
// 6. Bad input: exit 2, one clear message with file:line:col, no rota written.
// ---------------------------------------------------------------------------

/// A valid config; cases below replace one piece of it.
const GOOD: &str = r#"[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "24/7", agents = 1 }]

[rules]
max_hours_per_week = 40

[calendars]
ie = ["2026-03-17"]

[templates]
day = { start = "09:00", end = "17:00" }

[agents]
ana = { zone = "Europe/Dublin", templates = ["day"], calendars = ["ie"] }
"#;

#[track_caller]
fn bad_config(toml: &str, location: (usize, usize), needles: &[&str]) {
    let team = Team::new(toml);
    let run = team.plan("rota.toml", &[]);
    run.expect_code(2);
    let at = format!("{}:{}:{}", team.config.display(), location.0, location.1);
    assert!(run.stderr.contains(&at), "no `{at}` in the message\n{run}");
    for n in needles {
        assert!(run.stderr.contains(n), "no `{n}` in the message\n{run}");
    }
    assert_eq!(run.stderr.matches('×').count(), 1, "one message\n{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(!team.path("rota.toml").exists(), "a rota was written for bad input");
    // check refuses the same config with the same message.
    team.write("any.toml", "");
    let check = team.check(&["any.toml"], &[]);
    check.expect_code(2);
    assert!(check.stderr.contains(&at), "{check}");
}

#[track_caller]
fn replaced(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "`{from}` not in GOOD");
    GOOD.replacen(from, to, 1)
}

#[test]
fn issue3_bad_input_good_config_is_good() {
    // The base of the bad-input cases is itself valid (so each case tests one thing).
    let team = Team::new(GOOD);
    team.plan("rota.toml", &["--no-suggest"]).expect_code(0);
    assert!(team.path("rota.toml").exists());
}

#[test]
fn issue3_bad_input_malformed_toml() {
    bad_config(
        &replaced("[rules]", "[rules"),
        (9, 7),
        &["invalid config", "unclosed table"],
    );
    bad_config(
        &replaced("max_hours_per_week = 40", "max_hours_per_week = 40 40"),
        (10, 22),
        &["invalid config"],
    );
}

#[test]
fn issue3_bad_input_unknown_field() {
    bad_config(
        &replaced("max_hours_per_week", "max_hour_per_week"),
        (10, 1),
        &["unknown field `max_hour_per_week`", "README"],
    );
}

#[test]
fn issue3_bad_input_unknown_zone_suggests_closest() {
    bad_config(
        &replaced("\"Europe/Dublin\"", "\"Europe/Dublni\""),
        (19, 16),
        &["unknown time zone `Europe/Dublni`", "did you mean Europe/Dublin"],
    );
    bad_config(
        &replaced("zone = \"UTC\"", "zone = \"Asia/Kolkatta\""),
        (6, 8),
        &["unknown time zone `Asia/Kolkatta`", "did you mean Asia/Kolkata"],
    );
}

#[test]
fn issue3_bad_input_unknown_references_say_did_you_mean() {
    bad_config(
        &replaced("templates = [\"day\"]", "templates = [\"days\"]"),
        (19, 46),
        &["unknown template `days`", "did you mean `day`?"],
    );
    bad_config(
        &replaced("calendars = [\"ie\"]", "calendars = [\"iee\"]"),
        (19, 67),
        &["unknown calendar `iee`", "did you mean `ie`?"],
    );
    bad_config(
        &replaced(
            "day = { start = \"09:00\", end = \"17:00\" }",
            "day = { start = \"09:00\", end = \"17:00\", agents = [\"anna\"] }",
        ),
        (16, 51),
        &["unknown agent `anna`", "did you mean `ana`?"],
    );
}

#[test]
fn issue3_bad_input_template_ends_when_it_starts() {
    bad_config(
        &replaced("end = \"17:00\"", "end = \"09:00\""),
        (16, 32),
        &["template `day` ends when it starts"],
    );
}

#[test]
fn issue3_bad_input_bad_dates() {
    // A TOML date literal that does not exist.
    bad_config(
        &replaced("start = 2026-03-02", "start = 2026-02-30"),
        (2, 9),
        &["invalid"],
    );
    // The same as a string in a time-off list.
    bad_config(
        &replaced(
            "calendars = [\"ie\"] }",
            "calendars = [\"ie\"], off = [\"2026-02-30\"] }",
        ),
        (19, 81),
        &["`2026-02-30` is not a valid date"],
    );
    // A backwards range.
    bad_config(
        &replaced("ie = [\"2026-03-17\"]", "ie = [\"2026-03-17..2026-03-10\"]"),
        (13, 7),
        &["the last date is before the first"],
    );
}

#[test]
fn issue3_bad_input_empty_team() {
    let (head, _) = GOOD.split_once("[agents]").unwrap();
    bad_config(head, (1, 1), &["the team is empty"]);
}

#[test]
fn issue3_bad_input_out_of_range_numbers() {
    bad_config(
        &replaced("agents = 1 }", "agents = -1 }"),
        (7, 33),
        &["a need of -1 agents is out of range"],
    );
    bad_config(
        &replaced("max_hours_per_week = 40", "max_hours_per_week = 500"),
        (10, 22),
        &["max_hours_per_week = 500 is out of range", "between 1 and 168"],
    );
    bad_config(
        &replaced(
            "calendars = [\"ie\"] }",
            "calendars = [\"ie\"], rules = { max_shifts_per_week = 9 } }",
        ),
        (19, 106),
        &["max_shifts_per_week = 9 is out of range"],
    );
    bad_config(
        &replaced("weeks = 1", "weeks = 105"),
        (3, 9),
        &["horizon of 105 weeks is out of range", "104"],
    );
    bad_config(
        &replaced("weeks = 1", "weeks = 0"),
        (3, 9),
        &["horizon of 0 weeks is out of range"],
    );
}

#[test]
fn issue3_bad_input_skill_nobody_has() {
    bad_config(
        &replaced("agents = 1 }", "agents = 1, skill = \"german\" }"),
        (7, 44),
        &["no agent has skill `german` required by the coverage target"],
    );
}

#[test]
fn issue3_bad_input_bad_tz_flag() {
    let team = Team::new(GOOD);
    let run = team.plan("rota.toml", &["--tz", "Europe/Dublni"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("unknown time zone `Europe/Dublni` for --tz"),
        "{run}"
    );
    assert!(run.stderr.contains("did you mean Europe/Dublin"), "{run}");
    assert!(!team.path("rota.toml").exists());
    for flags in [
        ["--time-limit", "0"],
        ["--gap", "101"],
        ["--threads", "0"],
        ["--format", "yaml"],
    ] {
        let run = team.plan("rota.toml", &flags);
        run.expect_code(2);
        assert!(!team.path("rota.toml").exists(), "{run}");
    }
}

#[test]
fn issue3_bad_input_rota_file_for_check() {
    let team = Team::new(GOOD);
    // Not TOML at all.
    team.write("rota.toml", "[rota]\nstart = 2026-03-02\nweeks = \n");
    let run = team.check(&["rota.toml"], &[]);
    run.expect_code(2);
    let at = format!("{}:3:", team.shown("rota.toml"));
    assert!(run.stderr.contains(&at), "no `{at}`\n{run}");
    assert!(run.stderr.contains("invalid rota file"), "{run}");
    // TOML, but an instant without an offset.
    team.plan("good.toml", &["--no-suggest"]).expect_code(0);
    let good = team.rota("good.toml");
    let s = &good.shifts[0];
    let local_start = s.start_text[..19].to_string();
    let text = good.edit_line(s.line, Some(&line(&s.agent, &s.template, &local_start, &s.end_text)));
    team.write("nooffset.toml", &text);
    let run = team.check(&["nooffset.toml"], &[]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains(&format!("{}:{}:", team.shown("nooffset.toml"), s.line)),
        "{run}"
    );
    assert!(run.stderr.contains("is not a date-time with a UTC offset"), "{run}");
    // A missing rota file.
    let run = team.check(&["missing.toml"], &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("missing.toml"), "{run}");
}

#[test]
fn issue3_bad_input_missing_config_file() {
    let team = Team::new(GOOD);
    std::fs::remove_file(&team.config).unwrap();
    let run = team.plan("rota.toml", &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot read"), "{run}");
    assert!(run.stderr.contains(&team.config.display().to_string()), "{run}");
    assert!(!team.path("rota.toml").exists());
}

#[test]
fn issue3_bad_input_shift_ending_before_it_starts() {
    let team = Team::new(GOOD);
    team.plan("good.toml", &["--no-suggest"]).expect_code(0);
    let good = team.rota("good.toml");
    let s = &good.shifts[1];
    let text = good.edit_line(s.line, Some(&line(&s.agent, &s.template, &s.end_text, &s.start_text)));
    team.write("backwards.toml", &text);
    let run = team.check(&["backwards.toml"], &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("a shift ends before it starts"), "{run}");
    assert!(
        run.stderr
            .contains(&format!("{}:{}:", team.shown("backwards.toml"), s.line)),
        "{run}"
    );
}

/// A hand-edited `weeks` in a rota file is not validated like the config's:
/// a huge value overflows the date arithmetic and the binary panics.
#[test]
fn issue3_bad_input_absurd_rota_weeks_is_not_a_panic() {
    let team = Team::new(GOOD);
    team.plan("good.toml", &["--no-suggest"]).expect_code(0);
    let text = team.rota("good.toml").text;
    team.write(
        "huge.toml",
        &text.replacen("\nweeks = 1\n", "\nweeks = 4294967295\n", 1),
    );
    let run = team.check(&["huge.toml"], &[]);
    run.expect_code(2);
    assert!(run.stderr.contains(&format!("{}:5:", team.shown("huge.toml"))), "{run}");
}

/// Short names with two letters swapped get no "did you mean": Jaro-Winkler
/// matches letters only within a window of max(len)/2 − 1, which is 0 for
/// three letters, so `dya` scores 0.6 against `day`, under the 0.7 cut-off.
#[test]
fn issue3_bad_input_transposed_name_gets_a_suggestion() {
    bad_config(
        &replaced("templates = [\"day\"]", "templates = [\"dya\"]"),
        (19, 46),
        &["unknown template `dya`", "did you mean `day`?"],
    );
}

// ---------------------------------------------------------------------------
// 7. plan --format json, 8. --tz.
// ---------------------------------------------------------------------------

#[test]
fn issue3_plan_json_document() {
    let team = Team::new(&odd_offset_config(
        r#"priya = { zone = "Asia/Kolkata" }"#,
        "Mon-Fri 03:30-11:30",
    ));
    let run = team.plan("rota.toml", &["--format", "json"]);
    run.expect_code(0);
    let doc = run.json();
    assert_eq!(doc["config"], team.config.display().to_string());
    assert_eq!(doc["output"], team.shown("rota.toml"));
    assert_eq!(doc["rota"]["start"], "2026-03-02");
    assert_eq!(doc["rota"]["weeks"], 1);
    assert_eq!(doc["rota"]["zone"], "UTC");
    assert_eq!(doc["rota"]["summary"]["status"], "optimal");
    assert_eq!(doc["rota"]["summary"]["uncovered_agent_minutes"], 0);
    let shifts = doc["rota"]["shifts"].as_array().expect("rota.shifts");
    assert_eq!(shifts.len(), 5);
    assert_eq!(shifts[0]["agent"], "priya");
    assert_eq!(shifts[0]["template"], "day");
    assert_eq!(shifts[0]["start"], "2026-03-02T09:00:00+05:30");
    assert_eq!(shifts[0]["end"], "2026-03-02T17:00:00+05:30");
    assert_eq!(
        doc["agents"],
        serde_json::json!([{
            "agent": "priya", "zone": "Asia/Kolkata", "shifts": 5, "hours": 40.0,
            "nights": 0, "weekend_shifts": 0, "weekends": 0,
            "oncall": 0, "comp_earned": 0.0, "comp_taken": 0.0, "comp_balance": 0.0
        }])
    );
    assert_eq!(doc["precheck"]["capacity"]["needed_hours"], 40.0);
    assert_eq!(doc["what_if"], Json::Null);
    // The JSON rota and the file say the same.
    let rota = team.rota("rota.toml");
    let from_json: Vec<(String, String)> = shifts
        .iter()
        .map(|s| {
            (
                s["start"].as_str().unwrap().to_string(),
                s["end"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let from_file: Vec<(String, String)> = rota
        .shifts
        .iter()
        .map(|s| (s.start_text.clone(), s.end_text.clone()))
        .collect();
    assert_eq!(from_json, from_file);
    assert_eq!(rota.status, "optimal");
    // JSON goes alone on stdout: no table, no "Rota written".
    assert!(!run.stdout.contains("Rota written"), "{run}");
}

/// The cells after the first of the table row whose first cell is `first`
/// (e.g. the coverage view row "09:00–10:00", or its header "UTC hour").
fn view_row(stdout: &str, first: &str) -> Vec<String> {
    let cells = |l: &str| -> Vec<String> { l.trim_matches('│').split('┆').map(|c| c.trim().to_string()).collect() };
    let row = stdout
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(cells)
        .find(|c| c[0] == first)
        .unwrap_or_else(|| panic!("no table row `{first}`\n{stdout}"));
    row[1..].to_vec()
}

#[test]
fn issue3_tz_flag_shows_coverage_in_that_zone() {
    let team = Team::new(&odd_offset_config(
        r#"priya = { zone = "Asia/Kolkata" }"#,
        "Mon-Fri 03:30-11:30",
    ));
    let run = team.plan("rota.toml", &["--tz", "Asia/Kolkata"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "Coverage: fewest agents on duty per hour over all weeks\n(Asia/Kolkata; ! = below target in some week)"
        ),
        "{run}"
    );
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    assert_eq!(view_row(&run.stdout, "Asia/Kolkata hour"), days);
    // 09:00–17:00 IST on weekdays; nothing at 08:00 or 17:00 IST.
    assert_eq!(
        view_row(&run.stdout, "09:00–10:00"),
        ["1", "1", "1", "1", "1", "0", "0"]
    );
    assert_eq!(
        view_row(&run.stdout, "16:00–17:00"),
        ["1", "1", "1", "1", "1", "0", "0"]
    );
    assert_eq!(view_row(&run.stdout, "08:00–09:00"), ["0"; 7]);
    assert_eq!(view_row(&run.stdout, "17:00–18:00"), ["0"; 7]);
    // Without --tz the view is in the coverage zone (UTC): 03:30 UTC is mid-hour.
    let utc = team.plan("utc.toml", &[]);
    utc.expect_code(0);
    assert!(utc.stdout.contains("(UTC; ! = below target in some week)"), "{utc}");
    assert_eq!(view_row(&utc.stdout, "UTC hour"), days);
    assert_eq!(
        view_row(&utc.stdout, "03:00–04:00"),
        ["0", "0", "0", "0", "0", "0", "0"]
    );
    assert_eq!(
        view_row(&utc.stdout, "04:00–05:00"),
        ["1", "1", "1", "1", "1", "0", "0"]
    );
}
