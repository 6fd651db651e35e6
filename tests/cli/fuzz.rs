//! What a first fuzzing of `check` (issue 13) found, kept as regressions:
//! each input runs through the binary.

use super::*;

/// `check` walked every local day between an agent's consecutive shifts (for
/// the days-off rule) and every day of a shift (for time off), once per check
/// and again for each gap it explains. A rota with shifts dated 8027 instead
/// of 2027 and one shift six thousand years long took 30 s in a debug build
/// (the fuzzer reported 13 s inputs); both are set lookups now, and the
/// findings are unchanged (the time is a benchmark's business, not this test's).
#[test]
fn issue13_check_of_shifts_millennia_apart_reports_each_finding() {
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
fn issue13_shift_ending_on_the_local_day_before_it_starts() {
    let team = Team::new(
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
