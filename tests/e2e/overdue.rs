//! Overdue comp days are warnings in `plan` and `check` (table, JSON,
//! GitHub annotations), naming the agent and the date each was due: the
//! ledger's own computation (`ledger::overdue_at_end`), at the rota's end.

use crate::util::*;

/// One agent who staffs every weekday alone, owed two comp days that must be
/// taken within a week: a day off would leave the target uncovered, so none
/// is placed, and both are overdue (due 2026-03-08) by the rota's end.
fn lone_agent_owed_two() -> TeamDir {
    Team::new()
        .weeks(2)
        .need("Mon-Fri 09:00-17:00", 1)
        .template("day", "09:00", "17:00")
        .agent("solo", "UTC")
        .field("comp_opening", "2")
        .comp(&["window_weeks = 1"])
        .dir()
}

const WARNING: &str =
    "overdue comp day: solo: 2 comp day(s) due by 2026-03-08 (earned 2026-03-01) not taken by 2026-03-15";

#[test]
fn plan_and_check_warn_of_each_overdue_comp_day() {
    let team = lone_agent_owed_two();
    let run = team.plan("r.toml", &[]);
    run.expect_code(0).stderr_has(&format!("warning: {WARNING}"));
    assert!(
        !run.stdout.contains("overdue comp day"),
        "stdout stays the rota's\n{run}"
    );
    let json = team.cmd(team.plan_args("j.toml", &["--format", "json"])).run();
    let doc = json.expect_code(0).json();
    let o = &doc["overdue_comp_days"];
    assert_eq!(o.as_array().map(Vec::len), Some(1), "{doc}");
    assert_eq!(
        (o[0]["agent"].as_str(), o[0]["due"].as_str()),
        (Some("solo"), Some("2026-03-08"))
    );
    assert_eq!(o[0]["days"], 2.0);

    // check: a warning line, no failure (the rota is clean otherwise).
    let check = team.check(&["r.toml"], &[]);
    check.expect_code(0);
    let line = format!("{}: warning: {WARNING}", team.shown("r.toml"));
    assert!(check.stdout.lines().any(|l| l == line), "{check}");
    let doc = team.check(&["r.toml"], &["--format", "json"]).json();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["rotas"][0]["overdue_comp_days"][0]["due"], "2026-03-08", "{doc}");
    assert_eq!(doc["rotas"][0]["overdue_comp_days"][0]["by"], "2026-03-15", "{doc}");
    let gh = team.check(&["r.toml"], &["--format", "github"]);
    gh.expect_code(0);
    assert!(
        gh.stdout
            .contains("title=sunrota%3A overdue comp day::solo: 2 comp day(s) due by 2026-03-08"),
        "{gh}"
    );
}

#[test]
fn comp_days_taken_in_time_are_not_overdue() {
    // The phone team's quarter: every credit is taken within its four weeks,
    // and priya's last one is due after the quarter (26 April).
    let run = sunrota(["check", "examples/phone-team.toml", "--format", "json"]);
    let doc = run.expect_code(0).json();
    for r in doc["rotas"].as_array().unwrap() {
        assert_eq!(r["overdue_comp_days"], serde_json::json!([]), "{r}");
    }
    assert!(!run.stderr.contains("overdue"), "{run}");
}
