//! End-to-end regression tests for the three clock-change edge classes of
//! issue 13, each run through the real binary as `plan` then `check`:
//!
//! (a) a template whose start falls in a gap that ends at the next local
//!     midnight (America/Nuuk jumps 23:00 → 00:00 on 2026-03-28): the shift
//!     keeps the local date it was planned for, and `check` agrees;
//! (b) agents far west of the coverage zone (Honolulu for Kiritimati, Los
//!     Angeles for Auckland) start shifts two local days before the horizon,
//!     so `plan` covers its first hours and its precheck calls none unreachable;
//! (c) a template that a clock change collapses to no time (02:15–02:45 in
//!     New York on 2026-03-08) is never planned, and `plan` says why.

use std::path::PathBuf;
use std::process::Command;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_sunrota");

/// What one run of the binary did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// A config in its own temporary directory (so no other rota sits beside it).
struct Team {
    dir: TempDir,
    config: PathBuf,
}

impl Team {
    fn new(toml: &str) -> Team {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("team.toml");
        std::fs::write(&config, toml).expect("write config");
        Team { dir, config }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(BIN).args(args).output().expect("the binary runs");
        let run = Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "the binary panicked\n{run}");
        run
    }

    fn plan(&self) -> Run {
        let (config, out) = (self.config.display().to_string(), self.path("rota.toml"));
        self.run(&[
            "plan",
            &config,
            "-o",
            &out.display().to_string(),
            "--time-limit",
            "20",
            "--no-suggest",
        ])
    }

    fn check(&self) -> Run {
        let (config, rota) = (self.config.display().to_string(), self.path("rota.toml"));
        self.run(&["check", &config, &rota.display().to_string()])
    }

    fn rota(&self) -> String {
        std::fs::read_to_string(self.path("rota.toml")).expect("rota written")
    }

    fn set_rota(&self, text: &str) {
        std::fs::write(self.path("rota.toml"), text).expect("write rota");
    }
}

/// Permissive rules so that one agent per template can work every day.
const RULES: &str = "[rules]\nmin_rest_hours = 8\nmax_shifts_per_week = 7\nmax_consecutive_days = 28\n\
                     min_consecutive_days_off = 0\nmax_hours_per_week = 80\nmax_weekends_per_4_weeks = 4\n";

/// A 24/7 team: three agents in `agent_zone`, one per 8-hour template
/// (night from `night_start`), covering `coverage_zone` from `start`.
fn three_shift_team(start: &str, weeks: u32, coverage_zone: &str, agent_zone: &str, night_start: u32) -> String {
    let h = |k: u32| format!("{:02}:00", (night_start + k) % 24);
    format!(
        "[horizon]\nstart = {start}\nweeks = {weeks}\n\n[coverage]\nzone = \"{coverage_zone}\"\n\
         need = [{{ at = \"24/7\", agents = 1 }}]\n\n{RULES}\n[templates]\n\
         night = {{ start = \"{}\", end = \"{}\" }}\nday = {{ start = \"{}\", end = \"{}\" }}\n\
         eve = {{ start = \"{}\", end = \"{}\" }}\n\n[agents]\n\
         a = {{ zone = \"{agent_zone}\", templates = [\"night\"] }}\n\
         b = {{ zone = \"{agent_zone}\", templates = [\"day\"] }}\n\
         c = {{ zone = \"{agent_zone}\", templates = [\"eve\"] }}\n",
        h(0),
        h(8),
        h(8),
        h(16),
        h(16),
        h(24)
    )
}

/// The `[shifts]` lines of a rota file.
fn shift_lines(rota: &str) -> Vec<&str> {
    rota.lines()
        .filter(|l| l.trim_start().starts_with("{ agent ="))
        .collect()
}

// (a) ------------------------------------------------------------------------

#[test]
fn nuuk_gap_to_midnight_keeps_the_planned_local_date() {
    let team = Team::new(&three_shift_team("2026-03-23", 2, "America/Nuuk", "America/Nuuk", 23));
    let plan = team.plan();
    assert_eq!(plan.code, Some(0), "{plan}");
    assert!(!plan.stderr.contains("breaks"), "plan warns of broken rules\n{plan}");
    assert!(
        plan.stderr.contains(
            "note: template `night` starts at 23:00, which America/Nuuk skips on Sat 2026-03-28 (the clocks jump \
             from 23:00 on Sat 2026-03-28 to 00:00 on Sun 2026-03-29)"
        ),
        "plan does not explain the moved start\n{plan}"
    );
    let rota = team.rota();
    // Saturday's night starts when the clocks jump, on Sunday, and says whose it is.
    let moved = "{ agent = \"a\", template = \"night\", start = 2026-03-29T00:00:00-01:00, \
                 end = 2026-03-29T07:00:00-01:00, date = 2026-03-28 },";
    assert!(rota.contains(moved), "{rota}");
    assert!(
        rota.contains("start = 2026-03-29T23:00:00-01:00"),
        "Sunday's own night is planned too\n{rota}"
    );
    assert_eq!(
        rota.matches(", date =").count(),
        1,
        "only the moved shift records its date\n{rota}"
    );
    assert!(rota.contains("gaps = [\n]"), "full coverage\n{rota}");
    let check = team.check();
    assert_eq!(check.code, Some(0), "check rejects plan's own rota\n{check}");
    assert!(check.stdout.contains("ok — full coverage, no broken rule"), "{check}");

    // Without the recorded date the shift reads as Sunday's: two on one day, wrong times.
    team.set_rota(&rota.replace(", date = 2026-03-28", ""));
    let check = team.check();
    assert_eq!(check.code, Some(1), "{check}");
    assert!(check.stdout.contains("error[shift-times]"), "{check}");
    assert!(check.stdout.contains("error[one-shift-per-day]"), "{check}");

    // A wrong recorded date is caught like any other wrong time.
    team.set_rota(&rota.replace("date = 2026-03-28", "date = 2026-03-27"));
    let check = team.check();
    assert_eq!(check.code, Some(1), "{check}");
    assert!(check.stdout.contains("error[shift-times]: a 2026-03-27"), "{check}");
}

// (b) ------------------------------------------------------------------------

#[test]
fn far_west_agents_reach_the_first_hours_of_a_far_east_horizon() {
    // Kiritimati (UTC+14) midnight is Honolulu (UTC−10) midnight of the day
    // before: Honolulu's Saturday night covers Kiritimati's Monday 00:00–06:00.
    // Auckland (UTC+13 in March) midnight is 03:00 the day before in Los Angeles.
    let cases = [
        (
            "Pacific/Kiritimati",
            "Pacific/Honolulu",
            22,
            "start = 2026-02-28T22:00:00-10:00",
        ),
        (
            "Pacific/Auckland",
            "America/Los_Angeles",
            22,
            "start = 2026-02-28T22:00:00-08:00",
        ),
    ];
    for (coverage, agents, night, first_shift) in cases {
        let team = Team::new(&three_shift_team("2026-03-02", 1, coverage, agents, night));
        let plan = team.plan();
        assert_eq!(plan.code, Some(0), "{plan}");
        assert!(
            !plan.stderr.contains("cannot be covered"),
            "the precheck calls reachable hours unreachable ({agents} for {coverage})\n{plan}"
        );
        let rota = team.rota();
        assert!(
            rota.contains("gaps = [\n]"),
            "{agents} agents leave a gap in {coverage}\n{rota}"
        );
        assert!(
            rota.contains(first_shift),
            "no shift two local days before the horizon\n{rota}"
        );
        let check = team.check();
        assert_eq!(check.code, Some(0), "{check}");
    }
}

#[test]
fn far_east_agents_reach_the_last_hours_of_a_far_west_horizon() {
    // UTC−12 midnight after the horizon is 02:00 two local days later in
    // Kiritimati (UTC+14): a Kiritimati shift starting 00:00 on the local
    // date after the horizon's last still covers its last two hours.
    let team = Team::new(&three_shift_team(
        "2026-03-02",
        1,
        "Etc/GMT+12",
        "Pacific/Kiritimati",
        0,
    ));
    let plan = team.plan();
    assert_eq!(plan.code, Some(0), "{plan}");
    assert!(!plan.stderr.contains("cannot be covered"), "{plan}");
    let rota = team.rota();
    assert!(rota.contains("gaps = [\n]"), "{rota}");
    assert!(rota.contains("start = 2026-03-10T00:00:00+14:00"), "{rota}");
    assert_eq!(team.check().code, Some(0));
}

// (c) ------------------------------------------------------------------------

#[test]
fn new_york_template_that_collapses_is_never_planned_and_is_explained() {
    let team = Team::new(&format!(
        "[horizon]\nstart = 2026-03-02\nweeks = 1\n\n[coverage]\nzone = \"America/New_York\"\n\
         shifts = [{{ on = \"Mon-Sun\", template = \"check\", agents = 1 }}]\n\n{RULES}\n[templates]\n\
         check = {{ start = \"02:15\", end = \"02:45\" }}\n\n[agents]\na = {{ zone = \"America/New_York\" }}\n"
    ));
    let plan = team.plan();
    assert_eq!(plan.code, Some(0), "{plan}");
    assert!(
        plan.stderr.contains(
            "warning: template `check` (02:15–02:45) lasts no time in America/New_York on Sun 2026-03-08: the \
             clocks jump from 02:00 to 03:00, so no shift of it is planned that day"
        ),
        "{plan}"
    );
    let rota = team.rota();
    let shifts = shift_lines(&rota);
    assert_eq!(shifts.len(), 6, "one shift a day but Sunday\n{rota}");
    assert!(!rota.contains("2026-03-08T"), "a shift on the collapsed day\n{rota}");
    assert!(
        rota.contains("{ date = 2026-03-08, template = \"check\", need = 1, have = 0 }"),
        "{rota}"
    );
    // check reads the rota (no bad input) and agrees on the one shortage.
    let check = team.check();
    assert_eq!(check.code, Some(1), "{check}");
    assert!(
        check.stdout.contains("short: Sun 2026-03-08 check: 0 of 1 on shift"),
        "{check}"
    );
    assert!(check.stdout.contains("0 violation(s)"), "{check}");

    // A zero-length shift written by hand is bad input, named as such.
    let last = shifts[5];
    let zero = "  { agent = \"a\", template = \"check\", start = 2026-03-08T03:00:00-04:00, \
                end = 2026-03-08T03:00:00-04:00 },";
    team.set_rota(&rota.replace(last, &format!("{last}\n{zero}")));
    let check = team.check();
    assert_eq!(check.code, Some(2), "{check}");
    assert!(check.stderr.contains("a shift lasts no time"), "{check}");
}
