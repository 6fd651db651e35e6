//! The check-only build and clean exits (issue 13), end to end.
//!
//! The tests that run in both builds (the other binaries plan, so they need
//! the solver). These run in both builds: `cargo test --test checkonly` and, for CI's
//! check-only variant, `cargo test --no-default-features --test checkonly`.
//! They cover `check --format github`, what the check-only build says for
//! `plan` and `size`, and one test per class of input that once panicked or
//! gave an unhelpful message: a closed stdout, a 70 KB line, a column past
//! 65 535, dates far outside 1900–9000, non-UTF-8 files, empty tables, Rust
//! type names. The few that need the solver (`--threads`, `plan` into a
//! closed pipe, the years `plan` accepts) are `cfg(feature = "solver")`.

#[path = "../util/mod.rs"]
mod util;

mod flags;
mod hardening;
mod now;
mod paging;
#[cfg(feature = "publish")]
mod paging_extra;
mod schema;
mod width;
mod wrapper;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use util::{Cmd, Run, BIN, ROOT};

/// `sunrota ARGS...` in `dir`.
fn sunrota_in(dir: &Path, args: &[&str]) -> Run {
    Cmd::new(args).dir(dir).run()
}

/// `sunrota ARGS...` in the repository root.
fn sunrota(args: &[&str]) -> Run {
    sunrota_in(Path::new(ROOT), args)
}

fn example(name: &str) -> String {
    format!("{ROOT}/examples/{name}")
}

fn committed(name: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/schedules/{name}")).expect("a committed rota")
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// The follow-the-sun example with its `[horizon] start` replaced.
fn config_starting(start: &str) -> String {
    let text = std::fs::read_to_string(example("follow-the-sun.toml")).unwrap();
    let old = text.lines().find(|l| l.starts_with("start = ")).unwrap();
    text.replacen(old, &format!("start = {start}"), 1)
}

// ---------------------------------------------------------------------------
// check --format github
// ---------------------------------------------------------------------------

/// The committed January rota of the phone team with maria's Monday shift
/// removed (a gap) and priya's Tuesday shift an hour short (a broken rule);
/// returns the file and the 1-based line of priya's shift.
fn broken_phone_rota(dir: &Path, name: &str) -> usize {
    let text = committed("phone-team/2027-01.toml");
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !(l.contains("\"maria\"") && l.contains("start = 2027-01-04T")))
        .map(|l| {
            if l.contains("\"priya\"") && l.contains("start = 2027-01-05T08:00") {
                l.replace("start = 2027-01-05T08:00", "start = 2027-01-05T09:00")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(lines.len() + 1, text.lines().count(), "one shift removed");
    write(dir, name, lines.join("\n") + "\n");
    1 + lines.iter().position(|l| l.contains("2027-01-05T09:00")).unwrap()
}

#[test]
fn github_format_marks_the_broken_rule_on_its_line_and_each_gap() {
    let dir = tempfile::tempdir().unwrap();
    let line = broken_phone_rota(dir.path(), "r.toml");
    let run = sunrota_in(
        dir.path(),
        &["check", &example("phone-team.toml"), "r.toml", "--format", "github"],
    );
    run.expect_code(1);
    let out: Vec<&str> = run.stdout.lines().collect();
    assert!(
        out[0].starts_with(&format!(
            "::error file=r.toml,line={line},title=sunrota%3A broken rule shift-times::priya 2027-01-05: shift Tue 2027-01-05 09:00 +08:00"
        )),
        "{}",
        run.stdout
    );
    assert!(
        out[1].starts_with(
            "::error file=r.toml,title=sunrota%3A coverage gap::Mon 2027-01-04 16:00 – Tue 2027-01-05 01:00 UTC (9h): \
             0 of 1 agents on duty (1 missing)"
        ),
        "{}",
        run.stdout
    );
    // The reasons are in the same annotation, on lines of their own.
    assert!(out[1].contains("%0A  why (not proven unavoidable):%0A"), "{}", out[1]);
    assert!(
        out[2].starts_with("::warning file=r.toml,title=sunrota%3A summary not confirmed::"),
        "{}",
        run.stdout
    );
    assert_eq!(out[3], "r.toml: 1 gap(s) (540 uncovered agent-minutes), 1 violation(s)");
    assert_eq!(out.len(), 4, "{}", run.stdout);
}

#[test]
fn github_format_of_clean_rotas_has_no_annotation_and_exits_0() {
    let rotas: Vec<String> = ["2027-01", "2027-02", "2027-03"]
        .iter()
        .map(|m| format!("schedules/phone-team/{m}.toml"))
        .collect();
    let mut args = vec!["check", "examples/phone-team.toml"];
    args.extend(rotas.iter().map(String::as_str));
    args.extend(["--format", "github"]);
    let run = sunrota(&args);
    run.expect_code(0);
    assert!(!run.stdout.contains("::"), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
}

#[test]
fn github_format_escapes_file_names_and_reports_bad_input_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a,b:c");
    std::fs::create_dir(&sub).unwrap();
    broken_phone_rota(&sub, "r.toml");
    let run = sunrota_in(
        dir.path(),
        &[
            "check",
            &example("phone-team.toml"),
            "a,b:c/r.toml",
            "--format",
            "github",
        ],
    );
    run.expect_code(1);
    assert!(
        run.stdout.starts_with("::error file=a%2Cb%3Ac/r.toml,line="),
        "{}",
        run.stdout
    );

    // A rota file that does not parse: exit 2, and the annotation points at it.
    let text = committed("phone-team/2027-01.toml").replace("weeks = 4", "weeks = \"four\"");
    write(dir.path(), "bad.toml", text);
    let run = sunrota_in(
        dir.path(),
        &["check", &example("phone-team.toml"), "bad.toml", "--format", "github"],
    );
    run.expect_code(2);
    assert_eq!(
        run.stdout,
        "::error file=bad.toml,line=5,col=9,title=sunrota%3A bad input::invalid rota file: invalid type: \
         string \"four\", expected a whole number%0Ahelp: a rota file is written by `sunrota plan`; \
         compare with a fresh one\n"
    );
}

// ---------------------------------------------------------------------------
// The check-only build
// ---------------------------------------------------------------------------

#[test]
fn the_check_only_build_still_checks_shows_and_exports() {
    let (cfg, rota) = ("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    sunrota(&["check", cfg, rota]).expect_code(0);
    sunrota(&["ledger", cfg, "schedules/phone-team"]).expect_code(0);
    assert!(sunrota(&["show", cfg, rota]).expect_code(0).stdout.contains("priya"));
    assert!(sunrota(&["export", "csv", cfg, rota])
        .expect_code(0)
        .stdout
        .contains("priya"));
    sunrota(&["schema"]).expect_code(0);
}

#[cfg(not(feature = "solver"))]
#[test]
fn the_check_only_build_says_plan_and_size_need_the_solver() {
    for command in ["plan", "size"] {
        let run = sunrota(&[command, "examples/phone-team.toml"]);
        run.expect_code(2);
        assert!(
            run.stderr.contains(&format!("`sunrota {command}` needs the solver"))
                && run.stderr.contains("check-only build")
                && run.stderr.contains("cargo install sunrota"),
            "{}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------------------
// No panics: one test per class
// ---------------------------------------------------------------------------

/// Runs with stdout a pipe whose reader is already gone.
fn into_closed_pipe(args: &[&str]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut out = child.wait_with_output().unwrap();
    out.stdout.clear();
    Cmd::new(args).finish(out)
}

#[test]
fn a_closed_stdout_ends_quietly_with_exit_0() {
    let (cfg, rota) = ("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    // `import nrp` printed with print!, which panicked on a closed pipe.
    let instance = "tests/data/curtois/Instance1.txt";
    for args in [
        vec!["show", cfg, rota],
        vec!["check", cfg, rota, "--format", "json"],
        vec!["import", "nrp", instance],
        vec!["schema"],
    ] {
        let run = into_closed_pipe(&args);
        run.expect_code(0);
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn a_closed_stderr_keeps_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(dir.path(), "c.toml", config_starting("9001-01-01"));
    let mut child = Command::new(BIN)
        .args(["check", cfg.to_str().unwrap(), "schedules/follow-the-sun.toml"])
        .current_dir(ROOT)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    // The message cannot be written; the exit code still says bad input (not 101, a panic).
    assert_eq!(child.wait().unwrap().code(), Some(2));
}

#[test]
fn a_stdout_that_cannot_be_written_is_exit_2() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(BIN)
        .args(["show", "examples/phone-team.toml", "schedules/phone-team/2027-01.toml"])
        .current_dir(ROOT)
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write to standard output"), "{stderr}");
}

#[test]
fn an_error_past_column_65535_is_short_and_keeps_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = config_starting("2026-03-02").replacen(
        "[horizon]\n",
        &format!("[horizon]\n{}bogus = 1\n", " ".repeat(70_000)),
        1,
    );
    let line = 1 + text.lines().position(|l| l.ends_with("bogus = 1")).unwrap();
    let cfg = write(dir.path(), "c.toml", text);
    let run = sunrota(&["check", cfg.to_str().unwrap(), "schedules/follow-the-sun.toml"]);
    run.expect_code(2);
    assert!(run.stderr.contains(&format!("c.toml:{line}:70001]")), "{}", run.stderr);
    assert!(run.stderr.contains("unknown field `bogus`"), "{}", run.stderr);
    assert!(run.stderr.len() < 1_500, "{} bytes", run.stderr.len());
}

#[test]
fn a_huge_value_is_elided_in_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(
        dir.path(),
        "c.toml",
        config_starting(&format!("\"{}\"", "9".repeat(70_000))),
    );
    let run = sunrota(&["check", cfg.to_str().unwrap(), "schedules/follow-the-sun.toml"]);
    run.expect_code(2);
    assert!(run.stderr.contains("characters left out"), "{}", run.stderr);
    assert!(run.stderr.contains("` is not a"), "{}", run.stderr);
    assert!(run.stderr.len() < 3_000, "{} bytes", run.stderr.len());
}

#[test]
fn dates_outside_1900_to_9000_are_rejected_in_config_and_rota() {
    let dir = tempfile::tempdir().unwrap();
    for start in [
        "\"+262142-12-20\"",
        "0000-01-03",
        "1899-12-25",
        "9001-01-01",
        "9999-12-27",
    ] {
        let cfg = write(dir.path(), "c.toml", config_starting(start));
        let run = sunrota(&["check", cfg.to_str().unwrap(), "schedules/follow-the-sun.toml"]);
        run.expect_code(2);
        assert!(run.stderr.contains("is out of range"), "{start}: {}", run.stderr);
        assert!(
            run.stderr.contains("dates fall in the years 1900 to 9000"),
            "{}",
            run.stderr
        );
    }
    let rota = committed("phone-team/2027-01.toml").replace("start = 2027-01-04\n", "start = 9001-01-01\n");
    let path = write(dir.path(), "r.toml", rota);
    let run = sunrota(&["check", "examples/phone-team.toml", path.to_str().unwrap()]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("rota start 9001-01-01 is out of range"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_that_is_not_utf8_gets_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = config_starting("2026-03-02").into_bytes();
    let at = text.windows(9).position(|w| w == b"[horizon]").unwrap();
    text.splice(at..at, b"# caf\xe9\n".iter().copied());
    #[allow(clippy::naive_bytecount)] // one short file
    let line = 1 + text[..at].iter().filter(|&&b| b == b'\n').count();
    let cfg = write(dir.path(), "c.toml", text);
    let run = sunrota(&["check", cfg.to_str().unwrap(), "schedules/follow-the-sun.toml"]);
    run.expect_code(2);
    assert!(run.stderr.contains(&format!("c.toml:{line}:6]")), "{}", run.stderr);
    assert!(run.stderr.contains("is not UTF-8 text"), "{}", run.stderr);
}

#[test]
fn an_empty_agents_table_points_at_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[horizon]\nstart = 2026-03-02\nweeks = 1\n\n[agents]\n\n[templates]\n[coverage]\nneed = []\n";
    let cfg = write(dir.path(), "c.toml", text);
    let run = sunrota(&["check", cfg.to_str().unwrap(), "schedules/follow-the-sun.toml"]);
    run.expect_code(2);
    assert!(run.stderr.contains("the team is empty"), "{}", run.stderr);
    assert!(run.stderr.contains("c.toml:5:2]"), "{}", run.stderr);
    assert!(run.stderr.contains("this [agents] table is empty"), "{}", run.stderr);
}

#[test]
fn type_errors_are_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let base = config_starting("2026-03-02");
    let weeks = base.lines().find(|l| l.starts_with("weeks = ")).unwrap();
    for (value, want) in [
        ("\"four\"", "invalid type: string \"four\", expected a whole number"),
        ("2.5", "invalid type: decimal number `2.5`, expected a whole number"),
        ("[4]", "invalid type: list, expected a whole number"),
    ] {
        let cfg = write(
            dir.path(),
            "c.toml",
            base.replacen(weeks, &format!("weeks = {value}"), 1),
        );
        let run = sunrota(&["check", cfg.to_str().unwrap(), "schedules/follow-the-sun.toml"]);
        run.expect_code(2);
        assert!(run.stderr.contains(want), "{value}: {}", run.stderr);
        assert!(!run.stderr.contains("i64"), "{}", run.stderr);
    }
}

// ---------------------------------------------------------------------------
// The same, for what plans
// ---------------------------------------------------------------------------

#[cfg(feature = "solver")]
#[test]
fn threads_out_of_range_is_a_clear_error() {
    for threads in ["0", "65", "100000", "2147483648"] {
        let run = sunrota(&["plan", "examples/phone-team.toml", "--threads", threads]);
        run.expect_code(2);
        assert!(
            run.stderr.contains("invalid value") && run.stderr.contains("--threads") && run.stderr.contains("1..=64"),
            "{threads}: {}",
            run.stderr
        );
    }
}

#[cfg(feature = "solver")]
#[test]
fn plan_into_a_closed_pipe_ends_quietly() {
    // With an -o: the example's [rota] dir would otherwise take the rota.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.toml");
    let run = into_closed_pipe(&[
        "plan",
        "examples/phone-team.toml",
        "-o",
        out.to_str().unwrap(),
        "--time-limit",
        "10",
        "--no-suggest",
        "-q",
    ]);
    run.expect_code(0);
}

#[cfg(feature = "solver")]
#[test]
fn plan_rejects_the_years_check_rejects() {
    let dir = tempfile::tempdir().unwrap();
    for start in ["0000-01-03", "9001-01-01", "9999-12-27"] {
        let cfg = write(dir.path(), "c.toml", config_starting(start));
        let run = sunrota(&["plan", cfg.to_str().unwrap(), "-q"]);
        run.expect_code(2);
        assert!(run.stderr.contains("is out of range"), "{start}: {}", run.stderr);
    }
    // The last week of the year 9000 plans; a rota after it would start in 9001.
    let cfg = write(
        dir.path(),
        "c.toml",
        config_starting("9000-12-25").replacen("weeks = 4", "weeks = 1", 1),
    );
    let rota = dir.path().join("r.toml");
    let (c, r) = (cfg.to_str().unwrap(), rota.to_str().unwrap());
    sunrota(&[
        "plan",
        c,
        "-o",
        r,
        "-q",
        "--no-suggest",
        "--time-limit",
        "20",
        "--effort",
        "quick",
    ]);
    assert!(rota.exists(), "the rota of 9000-12-25 was written");
    let checked = sunrota(&["check", c, r]);
    assert!(
        matches!(checked.code, Some(0 | 1)),
        "check reads what plan wrote: {}",
        checked.stderr
    );
    let run = sunrota(&["plan", c, "--after", r, "-q"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("would start on 9001-01-01, out of range"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// One rule for foreign rotas (issue 21)
// ---------------------------------------------------------------------------

/// `text` without its `[rota] team` / `fingerprint` lines: a config or a rota
/// from before teams were named.
fn unnamed(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("team = ") && !l.starts_with("fingerprint = ") && !l.starts_with("dir = "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The refusal is one message, exit 2: no findings, nothing on stdout.
#[track_caller]
fn refused_as_foreign(run: &Run, why: &str) {
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(run.stderr.contains("was not planned from"), "{run}");
    assert!(run.stderr.contains(why), "{run}");
    assert!(!run.stderr.contains("violation"), "{run}");
    assert!(run.stderr.lines().count() <= 3, "one message: {run}");
}

/// The case: both unnamed, the same coverage zone, five of the phone
/// team's six agents share a name with follow-the-sun's — but none of its
/// templates. Was 500 lines of unknown-agent findings; now one refusal.
#[test]
fn check_refuses_another_unnamed_teams_rota_in_one_line() {
    let dir = util::tempdir();
    let sun = write(
        dir.path(),
        "sun.toml",
        unnamed(&std::fs::read_to_string(example("follow-the-sun.toml")).unwrap()),
    );
    let phone = write(
        dir.path(),
        "phone.toml",
        unnamed(&std::fs::read_to_string(example("phone-team.toml")).unwrap()),
    );
    let theirs = write(dir.path(), "p.toml", unnamed(&committed("phone-team/2027-01.toml")));
    let ours = write(dir.path(), "s.toml", unnamed(&committed("follow-the-sun.toml")));
    let s = |p: &PathBuf| p.to_str().unwrap().to_string();
    for format in ["table", "json"] {
        let run = sunrota(&["check", &s(&sun), &s(&theirs), "--format", format]);
        refused_as_foreign(&run, "3 of its 3 templates are not in the config");
    }
    // The other way round the agents already tell: 7 of follow-the-sun's 12 are not the phone team's.
    let run = sunrota(&["check", &s(&phone), &s(&ours)]);
    refused_as_foreign(&run, "7 of its 12 agents are not in the config");
    // Each with its own config: checked.
    sunrota(&["check", &s(&sun), &s(&ours)]).expect_code(0);
    sunrota(&["check", &s(&phone), &s(&theirs)]).expect_code(0);
}

/// Someone left (removed from the config), someone was hired: the rota is
/// still the team's, and `check` reports the leaver's shifts.
#[test]
fn a_rota_with_a_leaver_or_without_a_hire_still_checks() {
    let dir = util::tempdir();
    let config = unnamed(&std::fs::read_to_string(example("phone-team.toml")).unwrap());
    let wei = config.lines().find(|l| l.starts_with("wei = ")).unwrap().to_string();
    let left = write(dir.path(), "left.toml", config.replace(&format!("{wei}\n"), ""));
    let hired = write(
        dir.path(),
        "hired.toml",
        config.replace(
            &wei,
            &format!("{wei}\nzoe = {{ zone = \"Asia/Singapore\", templates = [\"apac\"] }}"),
        ),
    );
    let rota = write(dir.path(), "r.toml", unnamed(&committed("phone-team/2027-01.toml")));
    let r = rota.to_str().unwrap();
    let run = sunrota(&["check", left.to_str().unwrap(), r, "--format", "json"]);
    run.expect_code(1);
    let ids: Vec<String> = run.json()["rotas"][0]["findings"]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(ids.iter().any(|id| id == "unknown-agent"), "{run}");
    let run = sunrota(&["check", hired.to_str().unwrap(), r]);
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    assert!(!run.stderr.contains("not planned from"), "{run}");
}

/// A rota naming its team without a fingerprint compares by that name.
#[test]
fn a_team_name_without_a_fingerprint_compares_like_the_fingerprint() {
    let dir = util::tempdir();
    let config = std::fs::read_to_string(example("phone-team.toml"))
        .unwrap()
        .replace("dir = \"../schedules/phone-team\"", "");
    let cfg = write(dir.path(), "phone-team.toml", &config);
    let rota = committed("phone-team/2027-01.toml");
    let fp = rota.lines().find(|l| l.starts_with("fingerprint = ")).unwrap();
    let no_fp = rota.replace(&format!("{fp}\n"), "");
    let other = write(
        dir.path(),
        "other.toml",
        no_fp.replace("team = \"phone-team\"", "team = \"desk\""),
    );
    let same = write(dir.path(), "same.toml", &no_fp);
    let c = cfg.to_str().unwrap();
    refused_as_foreign(
        &sunrota(&["check", c, other.to_str().unwrap()]),
        "a rota of team `desk`",
    );
    refused_as_foreign(&sunrota(&["show", c, other.to_str().unwrap()]), "a rota of team `desk`");
    sunrota(&["check", c, same.to_str().unwrap()]).expect_code(0);
}
