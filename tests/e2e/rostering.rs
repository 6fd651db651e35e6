//! Issue 5: day-based rostering rules in team configs, `sunrota import nrp`,
//! and the independent benchmark evaluator, on Curtois & Qu Instance1–3
//! (copied into tests/data/curtois; the other 21 run only in the benchmark).

use crate::util::*;
use sunrota::nrp;

fn instance(n: u32) -> PathBuf {
    Path::new(ROOT).join(format!("tests/data/curtois/Instance{n}.txt"))
}

/// Lines per section of an instance file, counted without the importer.
fn section_lines(path: &Path) -> std::collections::BTreeMap<String, usize> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = std::collections::BTreeMap::new();
    let mut section = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            section.clear();
        } else if line.starts_with("SECTION_") {
            section = line.to_string();
        } else if !line.starts_with('#') && !section.is_empty() {
            *out.entry(section.clone()).or_default() += 1;
        }
    }
    out
}

#[test]
fn import_round_trips_instances_1_to_3() {
    let dir = tempfile::tempdir().unwrap();
    for n in 1..=3 {
        let out = dir.path().join(format!("i{n}.toml"));
        let run = sunrota([
            "import",
            "nrp",
            instance(n).to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        run.expect_code(0);
        let counts = section_lines(&instance(n));
        let doc: toml::Table = std::fs::read_to_string(&out).unwrap().parse().unwrap();
        let agents = doc["agents"].as_table().unwrap();
        assert_eq!(agents.len(), counts["SECTION_STAFF"], "Instance{n} staff");
        assert_eq!(
            doc["templates"].as_table().unwrap().len(),
            counts["SECTION_SHIFTS"],
            "Instance{n} shifts"
        );
        assert_eq!(
            doc["coverage"]["shifts"].as_array().unwrap().len(),
            counts["SECTION_COVER"],
            "Instance{n} cover"
        );
        let requests = |key: &str| -> usize {
            agents
                .values()
                .map(|a| a.get(key).and_then(|v| v.as_array()).map_or(0, Vec::len))
                .sum()
        };
        assert_eq!(
            requests("prefer"),
            counts["SECTION_SHIFT_ON_REQUESTS"],
            "Instance{n} on-requests"
        );
        assert_eq!(
            requests("avoid"),
            counts["SECTION_SHIFT_OFF_REQUESTS"],
            "Instance{n} off-requests"
        );
        let days_off: usize = agents
            .values()
            .map(|a| a.get("off").and_then(|v| v.as_array()).map_or(0, Vec::len))
            .sum();
        let listed: usize = std::fs::read_to_string(instance(n))
            .unwrap()
            .split("SECTION_DAYS_OFF")
            .nth(1)
            .unwrap()
            .split("\r\n\r\n")
            .next()
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split(',').count() - 1)
            .sum();
        assert_eq!(days_off, listed, "Instance{n} days off");
        assert!(
            run.stdout.contains(&format!("{} staff", counts["SECTION_STAFF"])),
            "{run}"
        );
        // What import writes, plan and check read.
        let team = TeamDir::at(out.clone());
        team.plan_raw("r.toml", &["--time-limit", "2", "--no-suggest"])
            .expect_code(0);
    }
}

#[test]
fn instance1_is_solved_to_its_optimum_607() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("i1.toml");
    sunrota([
        "import",
        "nrp",
        instance(1).to_str().unwrap(),
        "-o",
        cfg.to_str().unwrap(),
    ])
    .expect_code(0);
    let team = TeamDir::at(cfg);
    let run = team.plan("r.toml", &["--gap", "0", "--format", "json"]);
    run.expect_code(0);
    let doc = run.json();
    let objective = doc["rota"]["summary"]["objective"].as_f64().unwrap_or(f64::NAN);
    assert!((objective - 607.0).abs() < 1e-6, "{run}");
    assert_eq!(doc["rota"]["summary"]["status"], "optimal", "{run}");
    // The independent evaluator scores the same roster the same, and it breaks no hard rule.
    let text = std::fs::read_to_string(team.path("r.toml")).unwrap();
    let rota = sunrota::rota::Rota::parse(&sunrota::error::Source {
        name: "r.toml".into(),
        text,
    })
    .unwrap();
    let inst = nrp::parse(&sunrota::error::Source::read(&instance(1)).unwrap()).unwrap();
    let eval = nrp::evaluate(&inst, &nrp::roster_of(&rota));
    assert_eq!(eval.objective, 607);
    assert_eq!(eval.violations, Vec::<String>::new());
    // check agrees there is no broken rule; the short cover days are findings, not violations.
    let check = team.check(&["r.toml"], &["--format", "json"]);
    check.expect_code(1);
    let doc = check.json();
    assert!(rule_ids(&doc, 0).is_empty(), "{check}");
    assert!(
        !doc["rotas"][0]["findings"]["shortages"].as_array().unwrap().is_empty(),
        "{check}"
    );
}

#[test]
fn evaluator_scores_a_known_roster_exactly() {
    let inst = nrp::parse(&sunrota::error::Source::read(&instance(1)).unwrap()).unwrap();
    // Nobody works: every cover line is short (71 people × 100) and every
    // on-request is unmet (A 2+2, B 5×3, C 5×1, D 2+2, F 2+2, H 5×1 = 37).
    let e = nrp::evaluate(&inst, &[]);
    assert_eq!(e.objective, 7137);
    assert_eq!(
        e.violations.len(),
        8,
        "each of the 8 staff is under MinTotalMinutes: {:?}",
        e.violations
    );
    // A works days 2-4 (D): on-requests on 2 and 3 met (−4), three cover units (−300).
    let roster = nrp::read_roster("employee,day,shift\nA,2,D\nA,3,D\nA,4,D\n").unwrap();
    assert_eq!(nrp::evaluate(&inst, &roster).objective, 7137 - 4 - 300);
    // Round trip of the CSV format.
    assert_eq!(nrp::read_roster(&nrp::write_roster(&roster)).unwrap(), roster);
}

const ROSTER_TEAM: &str = r#"
[horizon]
start = 2026-03-02
weeks = 2
[coverage]
zone = "UTC"
shifts = [
  { on = "Mon-Fri", template = "early", agents = 1 },
  { on = "Mon-Fri", template = "late", agents = 1 },
  { on = "Sat,Sun", template = "early", agents = 1, under = 50 },
]
[rules]
min_rest_hours = 0
max_shifts_per_week = 7
max_consecutive_days = 5
min_consecutive_days = 2
min_consecutive_days_off = 2
max_weekends = 1
max_total_hours = 64
[templates]
early = { start = "06:00", end = "14:00" }
late = { start = "14:00", end = "22:00", not_followed_by = ["early"] }
[agents]
ana = { zone = "UTC", prefer = [{ on = "2026-03-02", template = "early", weight = 5 }] }
bo = { zone = "UTC", avoid = [{ on = "Sat,Sun", weight = 3 }], rules = { max_per_template = { late = 4 } } }
cy = { zone = "UTC" }
di = { zone = "UTC" }
"#;

#[test]
fn rostering_rules_in_a_team_config_are_planned_and_checked() {
    let team = TeamDir::new(ROSTER_TEAM);
    let run = team.plan("r.toml", &[]);
    run.expect_code(0);
    let r = team.rota("r.toml");
    team.check(&["r.toml"], &[]).expect_code(0);
    assert!(
        r.shifts
            .iter()
            .any(|s| s.agent == "ana" && s.start_text == "2026-03-02T06:00:00+00:00"),
        "{}",
        r.text
    );
    assert!(
        r.shifts
            .iter()
            .filter(|s| s.agent == "bo" && s.template == "late")
            .count()
            <= 4
    );
    // Hand edits: a late shift followed by an early one, a fifth late for bo,
    // a one-day run — check names each rule.
    let late = r
        .shifts
        .iter()
        .find(|s| s.template == "late" && s.start_text.starts_with("2026-03-0"))
        .expect("a late shift");
    let day = &late.start_text[..10];
    let next: chrono::NaiveDate = day.parse::<chrono::NaiveDate>().unwrap() + Duration::days(1);
    let added = line(
        &late.agent,
        "early",
        &format!("{next}T06:00:00+00:00"),
        &format!("{next}T14:00:00+00:00"),
    );
    let (table, _) = check_broken(&team, "succession.toml", &r.insert_after(r.shifts[0].line - 1, &added));
    assert!(
        table.stdout.contains(&format!(
            "error[forbidden-succession]: {} {day}..{next}: `late` on {day} is followed by `early` on {next}",
            late.agent
        )),
        "{table}"
    );
    let (table, _) = check_broken(&team, "short.toml", &r.edit_line(r.line_of("cy", "2026-03").line, None));
    assert!(table.stdout.contains(": short: "), "{table}");
}

#[test]
fn bad_instance_is_one_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "SECTION_HORIZON\n14\n\nSECTION_COVER\n0,D,many,100,1\n").unwrap();
    let run = sunrota(["import", "nrp", bad.to_str().unwrap()]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("cannot read this SECTION_COVER line: field 3 is not a whole number"),
        "{run}"
    );
    assert!(run.stderr.contains("bad.txt:5:"), "{run}");
}

#[test]
fn check_names_each_rostering_rule() {
    let team = Team::new()
        .shift_need("Mon-Fri", "early", 0)
        .rule("min_rest_hours", 0)
        .rule("max_shifts_per_week", 7)
        .rule("min_consecutive_days", 2)
        .rule("max_weekends", 0)
        .rule("min_total_hours", 30)
        .rule("max_total_hours", 40)
        .template("early", "06:00", "14:00")
        .template("late", "14:00", "22:00")
        .agent("ana", "UTC")
        .field("rules", "{ max_per_template = { late = 1 } }")
        .dir();
    let rota =
        "[rota]\nstart = 2026-03-02\nweeks = 1\nzone = \"UTC\"\n\n[summary]\nstatus = \"optimal\"\nobjective = 0.0\n\
                best_bound = 0.0\ngap_percent = 0.0\nuncovered_agent_minutes = 0\ngaps = [\n]\n\n[shifts]\nlist = [\n"
            .to_string()
            + &line("ana", "late", "2026-03-03T14:00:00+00:00", "2026-03-03T22:00:00+00:00")
            + "\n"
            + &line("ana", "late", "2026-03-05T14:00:00+00:00", "2026-03-05T22:00:00+00:00")
            + "\n"
            + &line("ana", "early", "2026-03-07T06:00:00+00:00", "2026-03-07T14:00:00+00:00")
            + "\n]\n";
    let (table, doc) = check_broken(&team, "r.toml", &rota);
    assert_eq!(
        sorted(rule_ids(&doc, 0)),
        [
            "max-per-template",
            "max-weekends",
            "min-consecutive-days",
            "min-consecutive-days",
            "min-consecutive-days",
            "min-consecutive-days-off",
            "min-consecutive-days-off",
            "min-total-hours",
        ],
        "{table}"
    );
    assert!(
        table
            .stdout
            .contains("error[max-per-template]: ana 2026-03-02..2026-03-08: 2 `late` shifts (maximum 1)"),
        "{table}"
    );
    assert!(
        table
            .stdout
            .contains("error[min-total-hours]: ana 2026-03-02..2026-03-08: 24h00 worked (minimum 30h00)"),
        "{table}"
    );
    // The Saturday run touches no end of the rota (Sunday is its last day), so it counts too.
    assert!(
        table
            .stdout
            .contains("error[min-consecutive-days]: ana 2026-03-03: a run of 1 working day(s) (minimum 2)"),
        "{table}"
    );
}

#[test]
fn an_unreachable_minimum_gives_a_rota_and_a_warning() {
    // Seven 8-hour days are 56 h: a minimum of 60 h cannot be met.
    let team = Team::new()
        .shift_need("daily", "day", 1)
        .rule("max_shifts_per_week", 7)
        .rule("max_consecutive_days", 7)
        .rule("max_hours_per_week", 60)
        .rule("min_total_hours", 60)
        .template("day", "09:00", "17:00")
        .agent("ana", "UTC")
        .dir();
    let run = team.plan("r.toml", &[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning: the rota breaks 1 rule(s): ana could not be given a roster that keeps all of their rules at once"
        ),
        "{run}"
    );
    assert_eq!(team.rota("r.toml").shifts.len(), 7, "it still works every day it can");
    team.plan("r.toml", &["--strict", "--force"]).expect_code(1);
    let check = team.check(&["r.toml"], &[]);
    check.expect_code(1);
    assert!(
        check
            .stdout
            .contains("error[min-total-hours]: ana 2026-03-02..2026-03-08: 56h00 worked (minimum 60h00)"),
        "{check}"
    );
}
