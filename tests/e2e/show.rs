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
    let team = TeamDir::new(
        r#"[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "Mon 10:00-12:00", agents = 1 }, { at = "Mon 10:00-12:00", agents = 1, skill = "chat" }]

[templates]
day = { start = "09:00", end = "17:00" }

[agents]
ana = { zone = "UTC", skills = ["phone"] }
bo = { zone = "UTC", skills = ["chat"], off = ["2026-03-02"] }
"#,
    );
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
