//! `sunrota show` (issue 10): a committed rota's views without the solver —
//! the same text `plan` printed, one week, one agent's agenda in 80 columns,
//! grids fitted to a width, JSON and CSV, unambiguous zone labels, one gap
//! line per uncovered stretch, and bad input.

use crate::time_dst::handover_config;
use crate::util::*;

fn example(config: &str, rota: &str) -> (PathBuf, PathBuf) {
    (Path::new(ROOT).join(config), Path::new(ROOT).join(rota))
}

fn show(config: &Path, rota: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("show"), config.as_os_str(), rota.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    sunrota(args)
}

fn follow_the_sun(extra: &[&str]) -> Run {
    let (c, r) = example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    show(&c, &r, extra)
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The lines of `text` after the first one starting with `marker`.
fn after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.lines().skip_while(|l| !l.starts_with(marker)).skip(1).collect()
}

/// `show` of a rota `plan` just wrote prints what `plan` printed below its
/// solver line (grid, coverage, totals, gaps — here with gaps and DST).
fn assert_show_matches_plan(team: &TeamDir) {
    let plan = team.plan("rota.toml", &["--no-suggest"]);
    let run = show(&team.config, &team.path("rota.toml"), &[]);
    run.expect_code(0);
    assert_eq!(
        run.stdout.lines().next(),
        plan.stdout.lines().next(),
        "the same heading"
    );
    let planned: Vec<&str> = after(&plan.stdout, "Solver: ")
        .into_iter()
        .take_while(|l| !l.starts_with("Rota written to"))
        .collect();
    assert!(planned.len() > 20, "{plan}");
    assert_eq!(after(&run.stdout, "Recorded by plan: "), planned, "{run}");
}

#[test]
fn show_prints_what_plan_printed() {
    assert_show_matches_plan(&TeamDir::new(&handover_config("2026-03-02")));
    let example = TeamDir::at(Path::new(ROOT).join("examples/three-regions.toml"));
    assert_show_matches_plan(&example);
    let run = show(&example.config, &example.path("rota.toml"), &[]);
    assert!(
        run.stdout.contains("gap(s), ") && run.stdout.contains("(1h): 0 of 1 agents on duty"),
        "{run}"
    );
}

#[test]
fn show_fits_the_width_and_falls_back_to_agendas() {
    let full = follow_the_sun(&[]);
    full.expect_code(0);
    assert!(widest(&full.stdout) > 120, "piped output keeps the full grid");
    assert!(full.stdout.contains("day 09:00-17:00"), "{full}");
    let fitted = follow_the_sun(&["--width", "80"]);
    fitted.expect_code(0);
    // Every table fits; only prose lines (gap lines) may be longer.
    let tables: String = fitted
        .stdout
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞', '├']))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(widest(&tables) <= 80 && tables.lines().count() > 100, "{fitted}");
    // Prose fits too (the heading names the config as given: skip it).
    let prose: Vec<&str> = fitted.stdout.lines().skip(1).collect();
    assert!(widest(&prose.join("\n")) <= 80, "{fitted}");
    assert!(fitted.stdout.contains("Week 4 (2026-03-23 – 2026-03-29)"), "{fitted}");
    assert!(fitted.stdout.contains("┆ 09-17 "), "compact cells: {fitted}");
    let narrow = follow_the_sun(&["--width", "50", "--week", "1"]);
    narrow.expect_code(0);
    assert!(narrow.stdout.contains("too narrow for the grid"), "{narrow}");
    assert!(narrow.stdout.contains("priya — times in Asia/Kolkata"), "{narrow}");
}

#[test]
fn show_agent_agenda_is_local_and_fits_80_columns() {
    let run = follow_the_sun(&["--agent", "priya"]);
    run.expect_code(0);
    assert!(widest(&run.stdout) <= 80, "{run}");
    let rota = RotaFile::read(&Path::new(ROOT).join("schedules/follow-the-sun.toml"));
    let shifts: Vec<&ShiftRow> = rota.shifts.iter().filter(|s| s.agent == "priya").collect();
    let lines: Vec<&str> = run.stdout.lines().filter(|l| l.contains(" +05:30  8h")).collect();
    assert_eq!(lines.len(), shifts.len(), "{run}");
    for s in shifts {
        let local = s.start.format("%a %Y-%m-%d").to_string();
        let clock = format!("{}–{} +05:30", s.start.format("%H:%M"), s.end.format("%H:%M"));
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&local) && l.contains(&s.template) && l.contains(&clock)),
            "{local} {clock} missing\n{run}"
        );
    }
    // JSON: the same entries, with exact local instants.
    let json = follow_the_sun(&["--agent", "priya", "--format", "json", "--week", "2"]).json();
    let entries = json["entries"].as_array().unwrap();
    assert!(!entries.is_empty() && entries.iter().all(|e| e["start"].as_str().unwrap().ends_with("+05:30")));
    assert!(entries.iter().all(|e| e["date"].as_str().unwrap() >= "2026-03-09"));
}

#[test]
fn show_week_json_and_csv() {
    let run = follow_the_sun(&["--week", "2", "--tz", "Asia/Kolkata"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Week 2 (2026-03-09 – 2026-03-15)") && !run.stdout.contains("Week 1 "),
        "{run}"
    );
    assert!(run.stdout.contains("Asia/Kolkata hour"), "{run}");
    let doc = follow_the_sun(&["--format", "json"]).json();
    assert_eq!(
        doc["rota"]["shifts"].as_array().unwrap().len(),
        RotaFile::read(&Path::new(ROOT).join("schedules/follow-the-sun.toml"))
            .shifts
            .len()
    );
    assert_eq!(doc["agents"].as_array().unwrap().len(), 12);
    let csv = follow_the_sun(&["--format", "csv", "--agent", "aoife", "--week", "1"]);
    csv.expect_code(0);
    let mut lines = csv.stdout.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("agent,zone,template,local_date,local_start"));
    let rows: Vec<&str> = lines.collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|r| r.starts_with("aoife,Europe/Dublin,")),
        "{csv}"
    );
}

#[test]
fn zone_labels_are_offsets_not_abbreviations() {
    // Dublin summer time and India are both "IST"; Manila is "PST".
    let (c, r) = example("examples/phone-team.toml", "schedules/phone-team/2027-03.toml");
    let run = show(&c, &r, &[]);
    run.expect_code(0);
    for abbreviation in [" IST", " PST", " GMT", " EST", " EDT", " BST", " +08"] {
        assert!(
            !run.stdout.contains(&format!("{abbreviation} ")),
            "{abbreviation} in\n{run}"
        );
    }
    assert!(run.stdout.contains("Mon 2027-03-08 04:00 -05:00"), "{run}");
}

#[test]
fn a_skill_gap_and_a_head_gap_at_once_are_one_line() {
    let team = Team::new()
        .need("Mon 10:00-12:00", 1)
        .need_skill("Mon 10:00-12:00", 1, "chat")
        .template("day", "09:00", "17:00")
        .agent("ana", "UTC")
        .skills(&["phone"])
        .agent("bo", "UTC")
        .skills(&["chat"])
        .off(&["2026-03-02"])
        .dir();
    let plan = team.plan("rota.toml", &["--no-suggest"]);
    plan.expect_code(0);
    let expected = "Mon 2026-03-02 10:00 – 12:00 UTC (2h): 1 of 2 agents on duty (1 missing), \
                    0 of 1 chat agents (1 missing) — Mon 10:00-12:00 ×1 + Mon 10:00-12:00 ×1 chat";
    assert!(
        plan.stdout
            .contains("1 gap(s), 240 uncovered agent-minutes (minutes short × agents missing"),
        "{plan}"
    );
    assert!(plan.stdout.contains(&format!("  {expected}\n")), "{plan}");
    let check = team.check(&["rota.toml"], &[]);
    let gap_lines: Vec<&str> = check.stdout.lines().filter(|l| l.contains(": gap: ")).collect();
    assert_eq!(gap_lines.len(), 1, "{check}");
    assert!(gap_lines[0].ends_with(expected), "{check}");
}

#[test]
fn show_bad_input() {
    let run = follow_the_sun(&["--agent", "pria"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no agent `pria`") && run.stderr.contains("did you mean `priya`?"),
        "{run}"
    );
    let run = follow_the_sun(&["--week", "5"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--week 5: the rota has 4 week(s)"), "{run}");
    let run = follow_the_sun(&["--tz", "Asia/Calcuta"]);
    run.expect_code(2);
    assert!(run.stderr.contains("unknown time zone `Asia/Calcuta`"), "{run}");
    // A rota of another team.
    let (c, _) = example("examples/follow-the-sun.toml", "");
    let (_, r) = example("", "schedules/phone-team/2027-01.toml");
    let run = show(&c, &r, &[]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("was not planned from") && run.stderr.contains("a rota of team `phone-team`"),
        "{run}"
    );
}

// ---------------------------------------------------------------------------
// Review tests of issue 10 (formerly tests/share.rs): hand-written rotas whose
// instants were worked out by hand (`crate::hand_rotas`).
// ---------------------------------------------------------------------------

use crate::hand_rotas::*;

#[test]
fn agenda_shows_both_offsets_and_real_length_of_a_dst_night() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    let cases = [
        ("ann", "Sat 2026-03-28", "22:00 +00:00–06:00+1 +01:00", "7h"),
        ("ann", "Sat 2026-10-24", "22:00 +01:00–06:00+1 +00:00", "9h"),
        ("ned", "Sat 2026-10-31", "22:00 -04:00–06:00+1 -05:00", "9h"),
        ("kiri", "Sat 2026-04-04", "22:00 +13:45–06:00+1 +12:45", "9h"),
        ("kiri", "Mon 2026-09-28", "09:00–17:00 +13:45", "8h"),
        ("ram", "Tue 2026-03-24", "09:00–17:00 +05:45", "8h"),
    ];
    for (agent, day, times, len) in cases {
        let out = d.cmd(&["show"], &["--agent", agent]);
        out.expect_code(0);
        let line = out
            .stdout
            .lines()
            .find(|l| l.contains(day) && l.contains("night") || l.contains(day) && l.contains("day "))
            .unwrap_or_else(|| panic!("no {day} line for {agent}:\n{}", out.stdout));
        assert!(line.contains(times), "{agent}: `{line}` lacks `{times}`");
        assert!(line.trim_end().ends_with(len), "{agent}: `{line}` is not {len} long");
    }
    let ann = d.cmd(&["show"], &["--agent", "ann"]);
    assert!(ann.stdout.contains("2 shift(s), 16h"), "{}", ann.stdout);
}

#[test]
fn json_agenda_instants_are_the_csv_instants() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    for agent in ["ann", "ned", "ram", "kiri"] {
        let out = d.cmd(&["show"], &["--agent", agent, "--format", "json"]);
        out.expect_code(0);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON document");
        assert_eq!(doc["agent"], agent);
        let p = |s: &serde_json::Value| chrono::DateTime::parse_from_rfc3339(s.as_str().unwrap()).unwrap();
        let shifts: Vec<_> = doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["what"] == "shift")
            .collect();
        let want: Vec<_> = CLOCKS_EXPECTED.iter().filter(|e| e.0 == agent).collect();
        assert_eq!(shifts.len(), want.len(), "{}", out.stdout);
        for (e, w) in shifts.iter().zip(want) {
            assert_eq!(e["date"], w.1);
            assert_eq!(p(&e["start"]), chrono::DateTime::parse_from_rfc3339(w.4).unwrap());
            assert_eq!(p(&e["end"]), chrono::DateTime::parse_from_rfc3339(w.5).unwrap());
        }
    }
}

#[test]
fn week_agendas_partition_the_full_agenda() {
    let d = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    for agent in ["li", "maria", "priya", "sean"] {
        let full = d.cmd(&["show"], &["--agent", agent]);
        full.expect_code(0);
        let shift_lines = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| l.contains('–') && l.trim_end().ends_with('h') && !l.contains("shift(s)"))
                .map(String::from)
                .collect()
        };
        let mut weekly = Vec::new();
        for w in 1..=4 {
            let out = d.cmd(&["show"], &["--agent", agent, "--week", &w.to_string()]);
            out.expect_code(0);
            weekly.extend(shift_lines(&out.stdout));
        }
        assert_eq!(weekly, shift_lines(&full.stdout), "{agent}");
    }
    // li's swing on Sun 03-01 (Chicago) reaches into the horizon: it is in
    // week 1's agenda.
    let li = d.cmd(&["show"], &["--agent", "li", "--week", "1"]);
    assert!(li.stdout.contains("Sun 2026-03-01  swing"), "{}", li.stdout);
}

#[test]
fn json_outputs_are_single_valid_documents() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    for extra in [
        vec!["--format", "json"],
        vec!["--format", "json", "--week", "3"],
        vec!["--format", "json", "--tz", "Asia/Kathmandu"],
        vec!["--format", "json", "--agent", "dev"],
        vec!["--format", "json", "--agent", "dev", "--week", "4"],
    ] {
        let out = d.cmd(&["show"], &extra);
        out.expect_code(0);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{extra:?}: {e}"));
        assert!(v.is_object(), "{extra:?}");
    }
    let dev = d.cmd(&["show"], &["--format", "json", "--agent", "dev"]);
    let v: serde_json::Value = serde_json::from_str(&dev.stdout).unwrap();
    let whats: BTreeSet<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["what"].as_str())
        .collect();
    assert!(whats.contains("shift"), "{whats:?}");
    assert!(
        whats.len() >= 2,
        "on-call and comp entries are in the JSON agenda too: {whats:?}"
    );
}

#[test]
fn table_lines_fit_the_width() {
    let examples = [
        ("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml"),
        ("examples/phone-team.toml", "schedules/phone-team/2027-01.toml"),
    ];
    for (c, r) in examples {
        let d = Dir::example(c, r);
        for w in [60usize, 80, 100, 200] {
            let out = d.cmd(&["show"], &["--width", &w.to_string()]);
            out.expect_code(0);
            for line in out.stdout.lines() {
                let table = line.starts_with(['│', '┌', '└', '╞', '├']);
                if table {
                    assert!(
                        line.chars().count() <= w,
                        "{c} --width {w}: {} columns: {line}",
                        line.chars().count()
                    );
                }
            }
        }
        // Piped without --width: the full layout, the same every time.
        let a = d.cmd(&["show"], &[]);
        let b = d.cmd(&["show"], &[]);
        assert_eq!(a.stdout, b.stdout);
        let widest = a.stdout.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest > 100, "{c}: piped output is not fitted ({widest} columns)");
    }
}

#[test]
fn unknown_agent_gets_the_closest_name() {
    let d = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    for (typo, near) in [("Mria", "maria"), ("prya", "priya"), ("JAMES", "james")] {
        let out = d.cmd(&["show"], &["--agent", typo]);
        out.expect_code(2);
        assert!(out.stderr.contains(&format!("`{near}`")), "{typo}: {}", out.stderr);
        assert!(out.stdout.is_empty());
    }
    d.cmd(&["show"], &["--week", "5"]).expect_code(2);
    d.cmd(&["show"], &["--week", "0"]).expect_code(2);
    d.cmd(&["show"], &["--tz", "Asia/Calcuta"]).expect_code(2);
}

#[test]
fn plan_show_and_check_print_the_same_gap_stretches_once() {
    let d = Dir::new("gaps", GAPS, "");
    let plan = run(&[
        "plan",
        &Dir::s(&d.config),
        "-o",
        &Dir::s(&d.rota),
        "--time-limit",
        "20",
        "--no-suggest",
    ]);
    plan.expect_code(0);
    let gap_lines = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.contains(" of ") && l.contains("missing"))
            .map(|l| l.rsplit_once("gap: ").map_or(l, |x| x.1).trim().to_string())
            .collect()
    };
    let want = vec![
        "Mon 2026-03-02 12:00 – 14:00 Europe/Berlin (2h): 1 of 2 agents on duty (1 missing), 0 of 1 de agents (1 missing) — Mon 08:00-16:00 ×1 + Mon 12:00-18:00 ×1 de",
        "Mon 2026-03-02 14:00 – 16:00 Europe/Berlin (2h): 0 of 2 agents on duty (2 missing), 0 of 1 de agents (1 missing) — Mon 08:00-16:00 ×1 + Mon 12:00-18:00 ×1 de",
    ];
    assert_eq!(gap_lines(&plan.stdout), want, "plan");
    let show = d.cmd(&["show"], &[]);
    show.expect_code(0);
    assert_eq!(gap_lines(&show.stdout), want, "show");
    let check = d.cmd(&["check"], &[]);
    check.expect_code(1);
    assert_eq!(gap_lines(&check.stdout), want, "check");
    // 2h×(1+1) + 2h×(2+1) agent-hours = 600 agent-minutes, said once, the same.
    assert!(plan.stdout.contains("600 uncovered agent-minutes"));
    assert!(show.stdout.contains("600 uncovered agent-minutes"));
    assert!(check.stdout.contains("600 uncovered agent-minutes"));
    // show below its solver line is plan below its solver line.
    let below = |t: &str| t.lines().skip(2).collect::<Vec<_>>().join("\n");
    let plan_views = below(&plan.stdout).replace(&format!("\nRota written to {}", Dir::s(&d.rota)), "");
    assert_eq!(below(&show.stdout).trim_end(), plan_views.trim_end());
}

#[test]
fn gap_lines_in_a_fall_back_hour_carry_offsets() {
    let config = Team::new()
        .start("2026-10-19")
        .zone("Europe/Berlin")
        .need("Sun 01:00-04:00", 1)
        .template("n", "23:00", "01:00")
        .agent("ana", "UTC")
        .toml();
    let d = Dir::new("fb", &config, "");
    let plan = run(&["plan", &Dir::s(&d.config), "-o", &Dir::s(&d.rota), "--no-suggest"]);
    plan.expect_code(0);
    let out = d.cmd(&["show"], &[]);
    out.expect_code(0);
    // The gap is 01:00-03:00 UTC = 02:00 (second time, +01:00) to 04:00 +01:00.
    let line = out
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("Sun 2026-10-25"))
        .expect("a gap line");
    assert!(line.contains("02:00 +01:00"), "`{line}`: which 02:00?");
}

#[test]
fn show_of_an_edited_rota_prints_the_gaps_check_finds() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    // Remove maria's Wed 2027-01-06 shift: 16:00-24:00 UTC is left uncovered.
    let rota = std::fs::read_to_string(&d.rota).unwrap();
    let edited: String = rota
        .lines()
        .filter(|l| !l.contains(r#"agent = "maria", template = "amer", start = 2027-01-06"#))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(edited.lines().count() + 1, rota.lines().count());
    std::fs::write(&d.rota, edited).unwrap();
    let check = d.cmd(&["check"], &[]);
    check.expect_code(1);
    let hole = "Wed 2027-01-06 16:00 – Thu 2027-01-07 00:00 UTC (8h): 0 of 1 agents on duty (1 missing)";
    assert!(check.stdout.contains(hole), "{}", check.stdout);
    let show = d.cmd(&["show"], &[]);
    show.expect_code(0);
    assert!(
        !show.stdout.contains("No gaps"),
        "show claims full coverage of a rota with an 8h hole"
    );
    assert!(show.stdout.contains(hole), "{}", show.stdout);
    let json = d.cmd(&["show"], &["--format", "json"]);
    assert!(json.stdout.contains(hole), "JSON gap_lines miss the hole");
}

/// Issue 21: on a team with gaps (`examples/three-regions.toml`), no line
/// `plan`, `show` or `check` prints is wider than `--width 80` — gap lines,
/// reasons, warnings and the team suggestion's hint included — while piped
/// output without `--width` keeps each gap on one line.
#[test]
fn plan_show_and_check_fit_80_columns_on_a_team_with_gaps() {
    let d = Dir::new("three-regions", &read(repo("examples/three-regions.toml")), "");
    let (config, rota) = (Dir::s(&d.config), Dir::s(&d.rota));
    let fits = |out: &Run| {
        for line in out.stdout.lines().chain(out.stderr.lines()) {
            let n = line.chars().count();
            assert!(n <= 80, "{n} columns: `{line}`\n{out}");
        }
    };
    let plan = run(&["plan", &config, "-o", &rota, "--force", "--width", "80"]);
    plan.expect_code(0);
    fits(&plan);
    assert!(
        plan.stdout.contains("why (") && plan.stdout.contains("hint: adding"),
        "{plan}"
    );
    let show = d.cmd(&["show"], &["--width", "80"]);
    show.expect_code(0);
    fits(&show);
    let check = d.cmd(&["check"], &["--width", "80"]);
    check.expect_code(1);
    fits(&check);
    // Piped without --width: one line per gap, each with its rules.
    let piped = d.cmd(&["check"], &[]);
    let gaps: Vec<&str> = piped.stdout.lines().filter(|l| l.contains(": gap: ")).collect();
    let n: usize = piped
        .stdout
        .lines()
        .find_map(|l| {
            l.split_once(": ")
                .and_then(|(_, t)| t.split_once(" gap(s) ("))
                .map(|(n, _)| n)
        })
        .and_then(|n| n.parse().ok())
        .expect("the closing line");
    assert!(n > 1 && gaps.len() == n, "{piped}");
    assert!(gaps.iter().all(|g| g.ends_with("— 24/7 ×1")), "{piped}");
    assert!(widest(&piped.stdout) > 80, "piped output is not wrapped\n{piped}");
}
