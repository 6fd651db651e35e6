//! `[demand.CHANNEL]` and `sunrota demand` (issue 12): contact volumes turned
//! into head counts with Erlang C, planned and checked as coverage needs;
//! impossible goals and bad volumes are input errors with a place.

use crate::util::*;

fn example() -> PathBuf {
    Path::new(ROOT).join("examples/demand.toml")
}

#[test]
fn demand_derives_head_counts_that_plan_and_check_cover() {
    let run = sunrota([
        OsStr::new("demand"),
        example().as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    run.expect_code(0);
    let doc = run.json();
    let phone = &doc[0];
    assert_eq!(
        (phone["channel"].as_str(), phone["skill"].as_str()),
        (Some("phone"), Some("phone"))
    );
    // 10:00–11:00: 42 calls × 240 s = 2.8 erlangs; 80 % in 20 s with at most
    // 85 % occupancy needs 5 on duty, 7 to schedule at 20 % shrinkage.
    let h10 = &phone["hours"][10];
    assert_eq!(h10["erlangs"].as_f64(), Some(2.8));
    assert_eq!((h10["agents"].as_u64(), h10["scheduled"].as_u64()), (Some(5), Some(7)));
    assert_eq!(phone["hours"][3]["scheduled"], 0, "no calls, nobody");
    let table = sunrota([OsStr::new("demand"), example().as_os_str()]);
    assert!(
        table
            .stdout
            .contains("│ 10:00–11:00 ┆ 42.0     ┆ 2.80    ┆ 5                  ┆ 7           │"),
        "{table}"
    );

    // The derived needs are the target: a plan covers them and check agrees.
    let team = TeamDir::at(example());
    let plan = team.plan("rota.toml", &["--no-suggest"]);
    plan.expect_code(0);
    assert!(
        plan.stdout.contains("No gaps: the whole coverage target is met."),
        "{plan}"
    );
    team.check(&["rota.toml"], &[]).expect_code(0);
    // Each hour has at least the scheduled head count of phone agents.
    let rota = team.rota("rota.toml");
    let at = |h: u32| Utc.with_ymd_and_hms(2026, 3, 4, h, 30, 0).unwrap();
    let on = |h: u32| {
        rota.shifts
            .iter()
            .filter(|s| s.utc().0 <= at(h) && s.utc().1 > at(h))
            .count() as u64
    };
    for h in 8..20 {
        assert!(
            on(h) >= phone["hours"][h as usize]["scheduled"].as_u64().unwrap(),
            "hour {h}"
        );
    }
}

#[test]
fn impossible_demand_is_an_input_error() {
    let text = std::fs::read_to_string(example()).unwrap();
    for (from, to, says) in [
        (
            "handle_seconds = 240",
            "handle_seconds = 0",
            "handle_seconds = 0 is out of range",
        ),
        (
            "service_level = 0.8 ",
            "service_level = 1.0 ",
            "service_level = 1 is out of range",
        ),
        (
            "max_occupancy = 0.85",
            "max_occupancy = 1.2",
            "max_occupancy = 1.2 is out of range",
        ),
        (
            "[ 0, 0, 0, 0,",
            "[ -5, 0, 0, 0,",
            "per_hour needs 24 numbers from 0 to 1000000",
        ),
        ("answer_seconds = 20 ", "", "needs a goal"),
    ] {
        assert!(text.contains(from), "{from}");
        let team = TeamDir::new(
            &text
                .replace(from, to)
                .replace("#:schema ../schema/", "#:schema ../../schema/"),
        );
        let run = sunrota([OsStr::new("demand"), team.config.as_os_str()]);
        run.expect_code(2);
        assert!(
            run.stderr.contains(says) && run.stderr.contains("team.toml:"),
            "{says}\n{run}"
        );
    }
    let zero = text.replace(
        "12, 30, 42, 40, 28, 36, 44, 40, 30, 22, 14,  8",
        "0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0",
    );
    let run = sunrota([OsStr::new("demand"), TeamDir::new(&zero).config.as_os_str()]);
    run.expect_code(2);
    assert!(run.stderr.contains("demand `phone` has no contacts"), "{run}");
}
