//! Rota files and check reports read independently of sunrota's own reader
//! (`RotaFile`, `GapRow`, `ShiftRow`), plus time helpers and the clean
//! plan-then-check round trip most planning tests start with.

use super::cmd::Run;
use super::dir::TeamDir;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::Path;

/// A stretch below target, as written in a rota file or by `check --format json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GapRow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub need: u64,
    pub have: u64,
    pub skill: Option<String>,
    pub rules: String,
}

impl GapRow {
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes() * (self.need - self.have) as i64
    }
}

/// One `[shifts] list` entry, with its raw instants and its line in the file.
#[derive(Debug, Clone)]
pub struct ShiftRow {
    pub agent: String,
    pub template: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// The instants exactly as written in the file.
    pub start_text: String,
    pub end_text: String,
    /// 1-based line number in the file.
    pub line: usize,
}

impl ShiftRow {
    pub fn elapsed(&self) -> Duration {
        self.end - self.start
    }
    pub fn utc(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.start.with_timezone(&Utc), self.end.with_timezone(&Utc))
    }
}

/// A rota file, parsed independently of sunrota's own reader.
#[derive(Debug)]
pub struct RotaFile {
    pub text: String,
    pub start: String,
    pub weeks: i64,
    pub zone: String,
    pub status: String,
    pub uncovered: i64,
    pub gaps: Vec<GapRow>,
    pub shifts: Vec<ShiftRow>,
}

pub fn toml_instant(v: &toml::Value) -> DateTime<FixedOffset> {
    let text = match v {
        toml::Value::Datetime(d) => d.to_string(),
        other => panic!("expected a date-time, found {other:?}"),
    };
    DateTime::parse_from_rfc3339(&text).unwrap_or_else(|e| panic!("`{text}` is not RFC 3339: {e}"))
}

pub fn json_instant(v: &Json) -> DateTime<Utc> {
    let s = v.as_str().unwrap_or_else(|| panic!("expected an instant, found {v}"));
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("`{s}` is not RFC 3339: {e}"))
        .with_timezone(&Utc)
}

impl RotaFile {
    #[track_caller]
    pub fn read(path: &Path) -> RotaFile {
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
    pub fn shift_set(&self) -> BTreeSet<(String, String, String, String)> {
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
    pub fn edit_line(&self, line: usize, with: Option<&str>) -> String {
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
    pub fn insert_after(&self, line: usize, extra: &str) -> String {
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
    pub fn line_of(&self, agent: &str, start_prefix: &str) -> &ShiftRow {
        self.shifts
            .iter()
            .find(|s| s.agent == agent && s.start_text.starts_with(start_prefix))
            .unwrap_or_else(|| panic!("no shift of {agent} starting {start_prefix}\n{}", self.text))
    }
}

pub fn gaps_from_json(list: &Json) -> Vec<GapRow> {
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
pub fn rule_ids(doc: &Json, i: usize) -> Vec<String> {
    doc["rotas"][i]["findings"]["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| v["rule"].as_str().expect("rule").to_string())
        .collect()
}

pub fn line(agent: &str, template: &str, start: &str, end: &str) -> String {
    format!("  {{ agent = \"{agent}\", template = \"{template}\", start = {start}, end = {end} }},")
}

pub fn tz(name: &str) -> Tz {
    name.parse().expect("zone")
}

pub fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// Local wall-clock `hh:mm` on `d` in `zone` (must exist and be unambiguous).
pub fn local(zone: Tz, d: NaiveDate, hh: u32, mm: u32) -> DateTime<Utc> {
    zone.from_local_datetime(&d.and_hms_opt(hh, mm, 0).expect("time"))
        .single()
        .unwrap_or_else(|| panic!("{d} {hh}:{mm} is not a single instant in {zone}"))
        .with_timezone(&Utc)
}

/// A third opinion on coverage for single-agent needs: the stretches of
/// `needed` not covered by any shift, merged where they touch.
pub fn naive_uncovered(
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
pub fn plan_and_check_clean(team: &TeamDir, out: &str) -> RotaFile {
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
pub fn utc_gap_text(g: &GapRow) -> String {
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

pub fn weekdays_of(start: NaiveDate, weeks: i64) -> Vec<NaiveDate> {
    start
        .iter_days()
        .take((weeks * 7) as usize)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect()
}

/// Writes `text` as `name`, runs check (table and JSON), asserts exit 1 and
/// returns (table output, JSON document).
pub fn check_broken(team: &TeamDir, name: &str, text: &str) -> (Run, Json) {
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

pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}
