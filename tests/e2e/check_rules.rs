//! `check` on hand-broken rotas: each rule broken once, removed shifts as
//! gaps with exact times, several rotas at once, the rota's own horizon;
//! check's own objective confirming or refuting the summary (issue 9); and
//! what a first fuzzing of `check` found (issue 13).

use crate::util::*;

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
fn broken_base() -> (TeamDir, RotaFile) {
    let team = TeamDir::new(BROKEN_BASE);
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

#[test]
fn check_removed_shift_is_a_gap_with_exact_times() {
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
fn check_rest_of_nine_hours() {
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
fn check_shift_on_a_day_off() {
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
fn check_template_not_allowed() {
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
fn check_shift_times_do_not_match_template() {
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
fn check_same_instant_other_offset_is_fine() {
    // The same instants written with another UTC offset are the same shift.
    let (team, rota) = broken_base();
    let s = rota.line_of("ana", "2026-03-03");
    let edited = line("ana", "early", "2026-03-03T11:30:00+05:30", "2026-03-03T19:30:00+05:30");
    team.write("same.toml", &rota.edit_line(s.line, Some(&edited)));
    team.check(&["same.toml"], &[]).expect_code(0);
}

#[test]
fn check_unknown_agent() {
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
fn check_more_than_max_shifts_per_week() {
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
fn check_several_rotas_at_once() {
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
fn check_uses_the_rotas_own_horizon() {
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
fn check_coverage_zone_mismatch() {
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
fn check_counts_distinct_agents() {
    // Two agents needed on Monday morning; one agent twice is still one agent.
    let team = TeamDir::new(
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
// `check` recomputes the rota's objective itself and confirms or refutes
// the `[summary]` the planner wrote (issue 9).
// ---------------------------------------------------------------------------

fn committed(name: &str) -> (PathBuf, String) {
    let path = Path::new(ROOT).join(name);
    let text = std::fs::read_to_string(&path).expect("committed rota");
    (path, text)
}

fn check_json(config: &str, rotas: &[&Path]) -> Json {
    let config = Path::new(ROOT).join(config);
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        config.as_os_str(),
    ];
    args.extend(rotas.iter().map(|p| p.as_os_str()));
    let run = sunrota(args);
    run.json()
}

/// The old engine's artefact: `optimal` at 22 404 for a rota whose real
/// objective was higher. `check` must never let such a summary pass silently.
#[test]
fn check_refutes_optimal_at_22404() {
    let (_, text) = committed("schedules/follow-the-sun.toml");
    assert!(
        text.contains("objective = 22862.0"),
        "the committed rota is the proven optimum"
    );
    let dir = tempfile::tempdir().unwrap();
    let rota = dir.path().join("follow-the-sun.toml");
    let forged = text
        .replace("objective = 22862.0", "objective = 22404.0")
        .replace("best_bound = 22862.0", "best_bound = 22404.0");
    std::fs::write(&rota, forged).unwrap();
    let config = Path::new(ROOT).join("examples/follow-the-sun.toml");
    let run = sunrota([OsStr::new("check"), config.as_os_str(), rota.as_os_str()]);
    // The rota itself is fine (exit 0); the summary is called out.
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("note: its [summary] is not confirmed: its objective is 22862.000, not 22404.000"),
        "{run}"
    );
    assert!(run.stdout.contains("status \"optimal\" is not proven"), "{run}");
    let doc = check_json("examples/follow-the-sun.toml", &[&rota]);
    assert_eq!(doc["rotas"][0]["summary_confirmed"], false, "{doc}");
    assert_eq!(doc["rotas"][0]["findings"]["objective"], 22862.0, "{doc}");
}

/// The committed rotas' summaries hold: the objective recomputed term by term
/// is the planner's, for a chain with on-call holds, comp days and history.
#[test]
fn committed_summaries_are_confirmed_term_by_term() {
    let fts = Path::new(ROOT).join("schedules/follow-the-sun.toml");
    let doc = check_json("examples/follow-the-sun.toml", &[&fts]);
    assert_eq!(doc["rotas"][0]["summary_confirmed"], true, "{doc}");
    let months: Vec<PathBuf> = ["2027-01", "2027-02", "2027-03"]
        .iter()
        .map(|m| Path::new(ROOT).join(format!("schedules/phone-team/{m}.toml")))
        .collect();
    let refs: Vec<&Path> = months.iter().map(PathBuf::as_path).collect();
    let doc = check_json("examples/phone-team.toml", &refs);
    for (i, month) in months.iter().enumerate() {
        let r = &doc["rotas"][i];
        assert_eq!(r["summary_confirmed"], true, "{}: {r}", month.display());
        let terms = r["findings"]["objective_terms"].as_array().expect("terms");
        let sum: f64 = terms.iter().map(|t| t["value"].as_f64().unwrap()).sum();
        let objective = r["findings"]["objective"].as_f64().expect("objective");
        assert!((sum - objective).abs() < 1e-6, "terms add up: {r}");
        let term = |name: &str| {
            terms.iter().find(|t| t["term"] == name).expect(name)["value"]
                .as_f64()
                .unwrap()
        };
        // A phone team earns and takes comp days: their reward is in the objective.
        assert!(term("comp-days") < 0.0, "{r}");
        assert!(term("hours") > 0.0, "{r}");
    }
}

/// A hand edit changes the objective; check recomputes it and says the
/// summary is stale, while the rota itself may still be clean.
#[test]
fn an_edited_rota_gets_its_own_objective() {
    let (_, text) = committed("schedules/follow-the-sun.toml");
    // Lukas's Wednesday late shift, made early (the README's walk-through edit).
    let old = r#"{ agent = "lukas", template = "late", start = 2026-03-04T12:00:00+00:00, end = 2026-03-04T20:00:00+00:00 },"#;
    assert!(text.contains(old));
    let dir = tempfile::tempdir().unwrap();
    let rota = dir.path().join("follow-the-sun.toml");
    std::fs::write(&rota, text.replace(old, "")).unwrap();
    let doc = check_json("examples/follow-the-sun.toml", &[&rota]);
    let r = &doc["rotas"][0];
    assert_eq!(r["summary_confirmed"], false, "{r}");
    let problems = r["summary_problems"].to_string();
    // Lukas's week now breaks his days-off rule: nothing to confirm.
    assert!(!r["findings"]["violations"].as_array().unwrap().is_empty(), "{r}");
    assert_eq!(r["findings"]["objective"], Json::Null, "{r}");
    assert!(problems.contains("breaks a rule"), "{r}");
}

/// A shift removed without breaking a rule: the recomputed objective is the
/// committed optimum plus the shift's uncovered minutes, less its labour.
#[test]
fn a_removed_shift_is_priced_exactly() {
    let (_, text) = committed("schedules/follow-the-sun.toml");
    let dir = tempfile::tempdir().unwrap();
    let rota = dir.path().join("follow-the-sun.toml");
    let mut found = None;
    // The first shift whose removal keeps every rule.
    for line in text.lines().filter(|l| l.trim_start().starts_with("{ agent =")) {
        std::fs::write(&rota, text.replace(&format!("{line}\n"), "")).unwrap();
        let doc = check_json("examples/follow-the-sun.toml", &[&rota]);
        if doc["rotas"][0]["findings"]["objective"].is_number() {
            found = Some(doc);
            break;
        }
    }
    let doc = found.expect("some shift can go without breaking a rule");
    let r = &doc["rotas"][0];
    assert_eq!(r["summary_confirmed"], false, "{r}");
    assert!(r["summary_problems"].to_string().contains("not 22862.000"), "{r}");
    let terms = r["findings"]["objective_terms"].as_array().unwrap();
    let term = |name: &str| {
        terms.iter().find(|t| t["term"] == name).unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    let uncovered = r["uncovered_agent_minutes"].as_f64().unwrap();
    // Weights of the example: 100 per uncovered agent-minute.
    assert_eq!(term("uncovered"), 100.0 * uncovered, "{r}");
    let obj = r["findings"]["objective"].as_f64().unwrap();
    assert!(obj > 22862.0, "an optimal rota less one shift costs more: {r}");
}

// ---------------------------------------------------------------------------
// What a first fuzzing of `check` (issue 13) found, kept as regressions:
// each input runs through the binary.
// ---------------------------------------------------------------------------

/// `check` walked every local day between an agent's consecutive shifts (for
/// the days-off rule) and every day of a shift (for time off), once per check
/// and again for each gap it explains. A rota with shifts dated 8027 instead
/// of 2027 and one shift six thousand years long took 30 s in a debug build
/// (the fuzzer reported 13 s inputs); both are set lookups now, and the
/// findings are unchanged (the time is a benchmark's business, not this test's).
#[test]
fn check_of_shifts_millennia_apart_reports_each_finding() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rota = dir.path().join("2027-01.toml");
    std::fs::copy(Path::new(ROOT).join("tests/data/fuzz/far-apart-shifts.toml"), &rota).expect("copy rota");
    let config = Path::new(ROOT).join("examples/phone-team.toml");
    let run = sunrota([OsStr::new("check"), config.as_os_str(), rota.as_os_str()]);
    run.expect_code(1);
    for finding in [
        "error[outside-horizon]: maria 8027-01-29: shift starting Fri 8027-01-29 11:00 -05:00 lies outside the horizon",
        // The time-off lookup still finds lukas's day off inside his endless shift.
        "error[time-off]: lukas 2027-02-09: works on 2027-02-09, a day off (time off or holiday)",
        "error[min-consecutive-days-off]: priya 2027-01-12: only 1 day(s) off between 2027-01-11 and 2027-01-13",
        "10 gap(s) (9600 uncovered agent-minutes), 15 violation(s)",
    ] {
        assert!(run.stdout.contains(finding), "missing: {finding}\n{run}");
    }
}

/// The time-off lookup above takes the local dates a shift touches as a range;
/// in Goose Bay the clocks fell back from 00:01 to 23:01 the evening before
/// (until 2010), so a shift from 00:00 to 00:30 UTC-3 on 7 November 2010 ends
/// on the local date before the one it starts on. That is an empty range (no
/// day off touched), not a panic.
#[test]
fn shift_ending_on_the_local_day_before_it_starts() {
    let team = TeamDir::new(
        r#"
[horizon]
start = 2010-11-01
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "Mon 08:00-10:00", agents = 1 }]

[templates]
day = { start = "08:00", end = "16:00" }

[agents]
ana = { zone = "America/Goose_Bay", templates = ["day"], off = ["2010-11-06", "2010-11-07"] }
"#,
    );
    let rota = team.dir.path().join("rota.toml");
    std::fs::write(
        &rota,
        r#"[rota]
start = 2010-11-01
weeks = 1
zone = "UTC"

[summary]
status = "edited"
objective = 0.0
best_bound = 0.0
gap_percent = 0.0
uncovered_agent_minutes = 0
gaps = [
]

[shifts]
list = [
  { agent = "ana", template = "day", start = 2010-11-07T00:00:00-03:00, end = 2010-11-06T23:29:00-04:00 },
]
"#,
    )
    .expect("write rota");
    let run = sunrota([OsStr::new("check"), team.config.as_os_str(), rota.as_os_str()]);
    run.expect_code(1);
    assert!(
        run.stdout.contains(
            "error[shift-times]: ana 2010-11-07: shift Sun 2010-11-07 00:00 -03:00–Sat 2010-11-06 23:29 -04:00"
        ),
        "{run}"
    );
    assert!(!run.stdout.contains("error[time-off]"), "{run}");
}
