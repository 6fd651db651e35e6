//! Bad input: exit 2, one clear message with `file:line:col`, no rota
//! written. Configs here are written out in full: their exact text (and
//! the line and column of the mistake) is the point.

use crate::util::*;

/// A valid config; cases below replace one piece of it.
const GOOD: &str = r#"[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "24/7", agents = 1 }]

[rules]
max_hours_per_week = 40

[calendars]
ie = ["2026-03-17"]

[templates]
day = { start = "09:00", end = "17:00" }

[agents]
ana = { zone = "Europe/Dublin", templates = ["day"], calendars = ["ie"] }
"#;

#[track_caller]
fn bad_config(toml: &str, location: (usize, usize), needles: &[&str]) {
    let team = TeamDir::new(toml);
    let run = team.plan("rota.toml", &[]);
    run.expect_code(2);
    let at = format!("{}:{}:{}", team.config.display(), location.0, location.1);
    assert!(run.stderr.contains(&at), "no `{at}` in the message\n{run}");
    for n in needles {
        assert!(run.stderr.contains(n), "no `{n}` in the message\n{run}");
    }
    assert_eq!(run.stderr.matches('×').count(), 1, "one message\n{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(!team.path("rota.toml").exists(), "a rota was written for bad input");
    // check refuses the same config with the same message.
    team.write("any.toml", "");
    let check = team.check(&["any.toml"], &[]);
    check.expect_code(2);
    assert!(check.stderr.contains(&at), "{check}");
}

#[track_caller]
fn replaced(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "`{from}` not in GOOD");
    GOOD.replacen(from, to, 1)
}

#[test]
fn good_config_is_good() {
    // The base of the bad-input cases is itself valid (so each case tests one thing).
    let team = TeamDir::new(GOOD);
    team.plan("rota.toml", &["--no-suggest"]).expect_code(0);
    assert!(team.path("rota.toml").exists());
}

#[test]
fn malformed_toml() {
    bad_config(
        &replaced("[rules]", "[rules"),
        (9, 7),
        &["invalid config", "unclosed table"],
    );
    bad_config(
        &replaced("max_hours_per_week = 40", "max_hours_per_week = 40 40"),
        (10, 22),
        &["invalid config"],
    );
}

#[test]
fn unknown_field() {
    bad_config(
        &replaced("max_hours_per_week", "max_hour_per_week"),
        (10, 1),
        &["unknown field `max_hour_per_week`", "README"],
    );
}

#[test]
fn unknown_zone_suggests_closest() {
    bad_config(
        &replaced("\"Europe/Dublin\"", "\"Europe/Dublni\""),
        (19, 16),
        &["unknown time zone `Europe/Dublni`", "did you mean Europe/Dublin"],
    );
    bad_config(
        &replaced("zone = \"UTC\"", "zone = \"Asia/Kolkatta\""),
        (6, 8),
        &["unknown time zone `Asia/Kolkatta`", "did you mean Asia/Kolkata"],
    );
}

#[test]
fn unknown_references_say_did_you_mean() {
    bad_config(
        &replaced("templates = [\"day\"]", "templates = [\"days\"]"),
        (19, 46),
        &["unknown template `days`", "did you mean `day`?"],
    );
    bad_config(
        &replaced("calendars = [\"ie\"]", "calendars = [\"iee\"]"),
        (19, 67),
        &["unknown calendar `iee`", "did you mean `ie`?"],
    );
    bad_config(
        &replaced(
            "day = { start = \"09:00\", end = \"17:00\" }",
            "day = { start = \"09:00\", end = \"17:00\", agents = [\"anna\"] }",
        ),
        (16, 51),
        &["unknown agent `anna`", "did you mean `ana`?"],
    );
}

#[test]
fn template_ends_when_it_starts() {
    bad_config(
        &replaced("end = \"17:00\"", "end = \"09:00\""),
        (16, 32),
        &["template `day` ends when it starts"],
    );
}

#[test]
fn bad_dates() {
    // A TOML date literal that does not exist.
    bad_config(
        &replaced("start = 2026-03-02", "start = 2026-02-30"),
        (2, 9),
        &["invalid"],
    );
    // The same as a string in a time-off list.
    bad_config(
        &replaced(
            "calendars = [\"ie\"] }",
            "calendars = [\"ie\"], off = [\"2026-02-30\"] }",
        ),
        (19, 81),
        &["`2026-02-30` is not a valid date"],
    );
    // A backwards range.
    bad_config(
        &replaced("ie = [\"2026-03-17\"]", "ie = [\"2026-03-17..2026-03-10\"]"),
        (13, 7),
        &["the last date is before the first"],
    );
}

#[test]
fn empty_team() {
    let (head, _) = GOOD.split_once("[agents]").unwrap();
    bad_config(head, (1, 1), &["the team is empty"]);
}

#[test]
fn out_of_range_numbers() {
    bad_config(
        &replaced("agents = 1 }", "agents = -1 }"),
        (7, 33),
        &["a need of -1 agents is out of range"],
    );
    bad_config(
        &replaced("max_hours_per_week = 40", "max_hours_per_week = 500"),
        (10, 22),
        &["max_hours_per_week = 500 is out of range", "between 1 and 168"],
    );
    bad_config(
        &replaced(
            "calendars = [\"ie\"] }",
            "calendars = [\"ie\"], rules = { max_shifts_per_week = 9 } }",
        ),
        (19, 106),
        &["max_shifts_per_week = 9 is out of range"],
    );
    bad_config(
        &replaced("weeks = 1", "weeks = 105"),
        (3, 9),
        &["horizon of 105 weeks is out of range", "104"],
    );
    bad_config(
        &replaced("weeks = 1", "weeks = 0"),
        (3, 9),
        &["horizon of 0 weeks is out of range"],
    );
}

#[test]
fn skill_nobody_has() {
    bad_config(
        &replaced("agents = 1 }", "agents = 1, skill = \"german\" }"),
        (7, 44),
        &["no agent has skill `german` required by the coverage target"],
    );
}

#[test]
fn bad_tz_flag() {
    let team = TeamDir::new(GOOD);
    let run = team.plan("rota.toml", &["--tz", "Europe/Dublni"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("unknown time zone `Europe/Dublni` for --tz"),
        "{run}"
    );
    assert!(run.stderr.contains("did you mean Europe/Dublin"), "{run}");
    assert!(!team.path("rota.toml").exists());
    for flags in [
        ["--time-limit", "0"],
        ["--gap", "101"],
        ["--threads", "0"],
        ["--format", "yaml"],
    ] {
        let run = team.plan("rota.toml", &flags);
        run.expect_code(2);
        assert!(!team.path("rota.toml").exists(), "{run}");
    }
}

#[test]
fn rota_file_for_check() {
    let team = TeamDir::new(GOOD);
    // Not TOML at all.
    team.write("rota.toml", "[rota]\nstart = 2026-03-02\nweeks = \n");
    let run = team.check(&["rota.toml"], &[]);
    run.expect_code(2);
    let at = format!("{}:3:", team.shown("rota.toml"));
    assert!(run.stderr.contains(&at), "no `{at}`\n{run}");
    assert!(run.stderr.contains("invalid rota file"), "{run}");
    // TOML, but an instant without an offset.
    team.plan("good.toml", &["--no-suggest"]).expect_code(0);
    let good = team.rota("good.toml");
    let s = &good.shifts[0];
    let local_start = s.start_text[..19].to_string();
    let text = good.edit_line(s.line, Some(&line(&s.agent, &s.template, &local_start, &s.end_text)));
    team.write("nooffset.toml", &text);
    let run = team.check(&["nooffset.toml"], &[]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains(&format!("{}:{}:", team.shown("nooffset.toml"), s.line)),
        "{run}"
    );
    assert!(run.stderr.contains("is not a date-time with a UTC offset"), "{run}");
    // A missing rota file.
    let run = team.check(&["missing.toml"], &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("missing.toml"), "{run}");
}

#[test]
fn missing_config_file() {
    let team = TeamDir::new(GOOD);
    std::fs::remove_file(&team.config).unwrap();
    let run = team.plan("rota.toml", &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot read"), "{run}");
    assert!(run.stderr.contains(&team.config.display().to_string()), "{run}");
    assert!(!team.path("rota.toml").exists());
}

#[test]
fn shift_ending_before_it_starts() {
    let team = TeamDir::new(GOOD);
    team.plan("good.toml", &["--no-suggest"]).expect_code(0);
    let good = team.rota("good.toml");
    let s = &good.shifts[1];
    let text = good.edit_line(s.line, Some(&line(&s.agent, &s.template, &s.end_text, &s.start_text)));
    team.write("backwards.toml", &text);
    let run = team.check(&["backwards.toml"], &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("a shift ends before it starts"), "{run}");
    assert!(
        run.stderr
            .contains(&format!("{}:{}:", team.shown("backwards.toml"), s.line)),
        "{run}"
    );
}

/// A hand-edited `weeks` in a rota file is not validated like the config's:
/// a huge value overflows the date arithmetic and the binary panics.
#[test]
fn absurd_rota_weeks_is_not_a_panic() {
    let team = TeamDir::new(GOOD);
    team.plan("good.toml", &["--no-suggest"]).expect_code(0);
    let text = team.rota("good.toml").text;
    team.write(
        "huge.toml",
        &text.replacen("\nweeks = 1\n", "\nweeks = 4294967295\n", 1),
    );
    let run = team.check(&["huge.toml"], &[]);
    run.expect_code(2);
    assert!(run.stderr.contains(&format!("{}:5:", team.shown("huge.toml"))), "{run}");
}

/// Short names with two letters swapped get no "did you mean": Jaro-Winkler
/// matches letters only within a window of max(len)/2 − 1, which is 0 for
/// three letters, so `dya` scores 0.6 against `day`, under the 0.7 cut-off.
#[test]
fn transposed_name_gets_a_suggestion() {
    bad_config(
        &replaced("templates = [\"day\"]", "templates = [\"dya\"]"),
        (19, 46),
        &["unknown template `dya`", "did you mean `day`?"],
    );
}
