//! `plan --keep ROTA [--from DATE]` (issue 11): a sick day re-planned against
//! the committed rota changes only what it must; the past stays; bad input.

use crate::util::*;

/// `examples/phone-team.toml` with `maria` off on `day`, and January's committed rota to keep.
fn sick_phone_team(day: &str) -> TeamDir {
    let text = std::fs::read_to_string(Path::new(ROOT).join("examples/phone-team.toml")).unwrap();
    let line = r#"maria = { zone = "America/New_York", templates = ["amer", "amer-dst"], pagerduty = "PMARIA3" }"#;
    assert!(text.contains(line));
    let sick = line.replace(" }", &format!(r#", off = ["{day}"] }}"#));
    let team = TeamDir::new(
        &text
            .replace(line, &sick)
            .replace("#:schema ../schema/", "#:schema ../../schema/"),
    );
    let kept = std::fs::read_to_string(Path::new(ROOT).join("schedules/phone-team/2027-01.toml")).unwrap();
    team.write("kept/2027-01.toml", &kept);
    team
}

fn shift_set(rota: &RotaFile) -> BTreeSet<(String, String, String)> {
    rota.shifts
        .iter()
        .map(|s| (s.agent.clone(), s.template.clone(), s.start_text.clone()))
        .collect()
}

fn changes(rota: &RotaFile) -> i64 {
    let doc: toml::Table = rota.text.parse().unwrap();
    doc["summary"]["changes"].as_integer().expect("summary.changes")
}

#[test]
fn a_sick_day_changes_only_what_re_covers_it() {
    let team = sick_phone_team("2027-01-06");
    let keep = team.shown("kept/2027-01.toml");
    let run = team.plan("new.toml", &["--keep", &keep, "--no-suggest"]);
    run.expect_code(0);
    let (kept, new) = (team.rota("kept/2027-01.toml"), team.rota("new.toml"));
    assert!(new.gaps.is_empty(), "re-covered\n{run}");
    let (old, now) = (shift_set(&kept), shift_set(&new));
    let dropped: Vec<_> = old.difference(&now).collect();
    let added: Vec<_> = now.difference(&old).collect();
    // Maria's Wednesday goes; New York's other agent takes it. Nobody else moves.
    assert!(
        dropped.contains(&&("maria".into(), "amer".into(), "2027-01-06T11:00:00-05:00".into())),
        "{run}"
    );
    assert!(added.iter().all(|(a, _, _)| a == "dev") && !added.is_empty(), "{run}");
    assert!(dropped.iter().all(|(a, _, _)| a == "maria"), "{run}");
    let n = (dropped.len() + added.len()) as i64;
    assert!(n <= 4, "{n} changes: {dropped:?} {added:?}\n{run}");
    assert_eq!(
        changes(&new),
        n,
        "the summary counts the changes (no hold or comp day moved)"
    );
    assert!(
        run.stdout.contains(&format!("Changes to the kept rota ({n} in all):")),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("  - Wed 2027-01-06  shift amer       11:00–19:00 -05:00"),
        "{run}"
    );
    // Holds and comp days carry over; check accepts the result, ledger agrees.
    assert!(new.text.contains("[oncall]") && new.text.contains("taken = ["));
    team.check(&["new.toml"], &[]).expect_code(0);
    let ledger = sunrota([
        OsStr::new("ledger"),
        team.config.as_os_str(),
        team.dir.path().as_os_str(),
    ]);
    ledger.expect_code(0);
}

/// Lukas leaves on 18 January and Zoe starts that day: she takes over his
/// shifts, his phone week (which now runs into his leaving day) goes to an
/// agent free to hold it, and everyone else keeps their week.
#[test]
fn a_new_hire_takes_over_from_a_leaver() {
    let text = std::fs::read_to_string(Path::new(ROOT).join("examples/phone-team.toml")).unwrap();
    let lukas = r#"lukas = { zone = "Europe/Dublin", templates = ["emea"], off = ["2027-02-08..2027-02-14"], pagerduty = "PLUKAS2" }"#;
    assert!(text.contains(lukas));
    let replaced = r#"lukas = { zone = "Europe/Dublin", templates = ["emea"], off = ["2027-01-18..2027-12-31"] }
zoe = { zone = "Europe/Dublin", templates = ["emea"], off = ["2027-01-04..2027-01-17"] }"#;
    let team = TeamDir::new(&text.replace(lukas, replaced));
    let kept = std::fs::read_to_string(Path::new(ROOT).join("schedules/phone-team/2027-01.toml")).unwrap();
    team.write("kept/2027-01.toml", &kept);
    let run = team.plan(
        "new.toml",
        &["--keep", &team.shown("kept/2027-01.toml"), "--no-suggest"],
    );
    run.expect_code(0);
    let (old, new) = (
        shift_set(&team.rota("kept/2027-01.toml")),
        shift_set(&team.rota("new.toml")),
    );
    let lukas_after: BTreeSet<_> = old
        .iter()
        .filter(|(a, _, s)| a == "lukas" && s.as_str() >= "2027-01-18")
        .collect();
    assert!(!lukas_after.is_empty());
    assert!(
        new.iter().all(|(a, _, s)| a != "lukas" || s.as_str() < "2027-01-18"),
        "{run}"
    );
    assert!(new.iter().any(|(a, _, _)| a == "zoe"), "{run}");
    assert!(
        new.iter().all(|(a, _, s)| a != "zoe" || s.as_str() >= "2027-01-18"),
        "{run}"
    );
    // Only Europe's agents' shifts change (Zoe takes over; Aoife may fill in).
    let changed: BTreeSet<&str> = old.symmetric_difference(&new).map(|(a, _, _)| a.as_str()).collect();
    assert!(
        changed.iter().all(|a| ["lukas", "zoe", "aoife"].contains(a)),
        "{changed:?}\n{run}"
    );
    assert!(
        run.stdout
            .contains("lukas (Europe/Dublin, local time)\n  - Mon 2027-01-11  on-call phone"),
        "{run}"
    );
    // Each change says why: the phone week reaches into his first day away.
    assert!(
        run.stdout
            .contains("lukas is off on 2027-01-18, inside this on-call period"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("lukas is off on 2027-01-20 (time off or a holiday)"),
        "{run}"
    );
    assert!(run.stdout.contains("left by lukas's time off"), "{run}");
    team.check(&["new.toml"], &[]).expect_code(0);
}

#[test]
fn a_sick_day_on_a_day_off_changes_nothing() {
    let team = sick_phone_team("2027-01-09");
    let keep = team.shown("kept/2027-01.toml");
    let run = team.plan("new.toml", &["--keep", &keep, "--no-suggest"]);
    run.expect_code(0);
    let (kept, new) = (team.rota("kept/2027-01.toml"), team.rota("new.toml"));
    assert_eq!(shift_set(&kept), shift_set(&new));
    assert_eq!(changes(&new), 0);
    let tail = |t: &str| t[t.find("[oncall]").unwrap()..].to_string();
    assert_eq!(tail(&new.text), tail(&kept.text), "holds and comp records unchanged");
    assert!(
        run.stdout.contains("The same shifts, on-call holds and comp days."),
        "{run}"
    );
}

#[test]
fn from_keeps_the_past() {
    let team = sick_phone_team("2027-01-06");
    let keep = team.shown("kept/2027-01.toml");
    // The sick day is already past: it cannot be re-covered, nothing before the 7th moves.
    let run = team.plan("new.toml", &["--keep", &keep, "--from", "2027-01-07", "--no-suggest"]);
    run.expect_code(0);
    let (kept, new) = (team.rota("kept/2027-01.toml"), team.rota("new.toml"));
    let before = |r: &RotaFile| -> BTreeSet<_> {
        shift_set(r)
            .into_iter()
            .filter(|(_, _, s)| s.as_str() < "2027-01-07")
            .collect()
    };
    let mut expected = before(&kept);
    expected.remove(&("maria".into(), "amer".into(), "2027-01-06T11:00:00-05:00".into()));
    assert_eq!(before(&new), expected);
    assert_eq!(new.uncovered, 480, "{run}");
    assert!(
        run.stdout.contains("Coverage: 0 → 480 uncovered agent-minutes"),
        "{run}"
    );
}

#[test]
fn keep_bad_input() {
    let team = sick_phone_team("2027-01-06");
    // A rota of another horizon.
    let feb = std::fs::read_to_string(Path::new(ROOT).join("schedules/phone-team/2027-02.toml")).unwrap();
    team.write("feb/2027-02.toml", &feb);
    let run = team.plan("x.toml", &["--keep", &team.shown("feb/2027-02.toml")]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("covers 4 week(s) from 2027-02-01, but this plan covers 4 week(s) from 2027-01-04"),
        "{run}"
    );
    assert!(!team.path("x.toml").exists());
    // A rota of another team.
    let other = Path::new(ROOT).join("schedules/follow-the-sun.toml");
    let run = team.plan("x.toml", &["--keep", &other.display().to_string()]);
    run.expect_code(2);
    assert!(run.stderr.contains("was not planned from"), "{run}");
    // --from outside the horizon, or without --keep.
    let keep = team.shown("kept/2027-01.toml");
    let run = team.plan("x.toml", &["--keep", &keep, "--from", "2027-03-01"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--from 2027-03-01 is outside the horizon"), "{run}");
    team.plan("x.toml", &["--from", "2027-01-10"]).expect_code(2);
    assert!(!team.path("x.toml").exists());
}

/// The realistic example: Aoife is sick on Thursday 5 March. The replan
/// drops her shift that day and changes few others: covering the half hour
/// it leaves would take more moves than `weights.change` allows for it.
#[test]
fn follow_the_sun_sick_day() {
    let text = std::fs::read_to_string(Path::new(ROOT).join("examples/follow-the-sun.toml")).unwrap();
    let line = r#"aoife = { zone = "Europe/Dublin", skills = ["phone", "chat", "en"], calendars = ["ie"] }"#;
    assert!(text.contains(line));
    let team = TeamDir::new(&text.replace(line, &line.replace(" }", r#", off = ["2026-03-05"] }"#)));
    let kept = std::fs::read_to_string(Path::new(ROOT).join("schedules/follow-the-sun.toml")).unwrap();
    team.write("kept/follow-the-sun.toml", &kept);
    let keep = team.shown("kept/follow-the-sun.toml");
    let args = [
        "--keep",
        keep.as_str(),
        "--no-suggest",
        "--effort",
        "quick",
        "--time-limit",
        "300",
    ];
    let run = team.plan_raw("new.toml", &args);
    run.expect_code(0);
    let (kept, new) = (team.rota("kept/follow-the-sun.toml"), team.rota("new.toml"));
    let (old, now) = (shift_set(&kept), shift_set(&new));
    let dropped: Vec<_> = old.difference(&now).collect();
    let added: Vec<_> = now.difference(&old).collect();
    assert!(
        dropped.contains(&&("aoife".into(), "day".into(), "2026-03-05T09:00:00+00:00".into())),
        "{run}"
    );
    assert_eq!(changes(&new), (dropped.len() + added.len()) as i64);
    assert!(dropped.len() + added.len() <= 4, "{dropped:?} {added:?}\n{run}");
    // What is left uncovered is the sick day's only, and the rota keeps every rule.
    assert!(
        new.gaps
            .iter()
            .all(|g| g.start.date_naive().to_string() == "2026-03-05"),
        "{run}"
    );
    let check = team.check(&["new.toml"], &["--format", "json"]);
    assert_eq!(
        check.json()["rotas"][0]["findings"]["violations"],
        Json::Array(vec![]),
        "{check}"
    );
}

// ---------------------------------------------------------------------------
// Review tests of issue 11 (formerly tests/change.rs): the phone team and
// hand-made teams, driven only through the binary.
// ---------------------------------------------------------------------------

use super::*;

#[test]
fn keep_sick_day_in_on_call_week_moves_the_hold_and_the_ledger_stays_clean() {
    // Maria holds the phone from Mon 25 January and is sick on the 26th.
    let t = phone_team(&[("maria", &maria_off("\"2027-01-26\""))]);
    let d = t.path();
    assert_eq!(holder(d.join("jan/2027-01.toml"), "2027-01-25"), "maria");
    let p = plan(
        d,
        &["team.toml", "--keep", "jan/2027-01.toml", "-o", "new/2027-01.toml"],
    );
    assert_eq!(p.code, Some(0), "{}", p.all());
    assert_ne!(holder(d.join("new/2027-01.toml"), "2027-01-25"), "maria");
    let n = summary_changes(d.join("new/2027-01.toml")).expect("changes in summary");
    assert!(n >= 2, "the hold moved: at least one drop and one add, got {n}");
    assert!(
        p.stdout.contains(&format!("Changes to the kept rota ({n} in all)")),
        "{}",
        p.stdout
    );
    assert_check_clean(d, "team.toml", "new/2027-01.toml");
    let l = run(d, &["ledger", "team.toml", "new"]);
    assert_eq!(l.code, Some(0), "{}", l.all());
    // The credit went with the hold.
    let r = rota(d.join("new/2027-01.toml"));
    let earned = r["comp"]["earned"].as_array().unwrap();
    assert!(
        !earned.iter().any(|e| e["agent"].as_str() == Some("maria")),
        "{earned:?}"
    );
}

#[test]
fn keep_changes_count_is_what_diff_lists_and_check_confirms_it() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    let p = plan(
        d,
        &["team.toml", "--keep", "jan/2027-01.toml", "-o", "new/2027-01.toml"],
    );
    assert_eq!(p.code, Some(0), "{}", p.all());
    let n = summary_changes(d.join("new/2027-01.toml")).unwrap();
    assert!(n > 0);
    let df = run(d, &["diff", "team.toml", "jan/2027-01.toml", "new/2027-01.toml"]);
    assert_eq!(df.code, Some(1), "{}", df.all());
    assert_eq!(diff_lines(&df.stdout) as i64, n, "{}", df.stdout);
    // The listing plan printed is the diff's.
    assert_eq!(diff_lines(&p.stdout) as i64, n, "{}", p.stdout);
    // No shift on the sick day.
    assert!(!shifts_of(d.join("new/2027-01.toml"))
        .iter()
        .any(|s| s["agent"].as_str() == Some("maria") && s["start"].to_string().starts_with("2027-01-06")));
    assert_check_clean(d, "team.toml", "new/2027-01.toml");
}

#[test]
fn keep_is_deterministic_and_may_overwrite_the_kept_file() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    for out in ["a/2027-01.toml", "b/2027-01.toml"] {
        let p = plan(d, &["team.toml", "--keep", "jan/2027-01.toml", "-o", out]);
        assert_eq!(p.code, Some(0), "{}", p.all());
    }
    assert_eq!(read(d.join("a/2027-01.toml")), read(d.join("b/2027-01.toml")));
    let p = plan(
        d,
        &["team.toml", "--keep", "jan/2027-01.toml", "-o", "jan/2027-01.toml"],
    );
    assert_eq!(p.code, Some(0), "{}", p.all());
    assert_eq!(read(d.join("jan/2027-01.toml")), read(d.join("a/2027-01.toml")));
}

#[test]
fn keep_with_zero_change_weight_plans_as_fresh() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    let cfg = read(d.join("team.toml")).replace("[comp]", "[weights]\nchange = 0\n\n[comp]");
    write(d.join("w0.toml"), &cfg);
    assert_eq!(
        plan(d, &["w0.toml", "--keep", "jan/2027-01.toml", "-o", "k/r.toml"]).code,
        Some(0)
    );
    assert_eq!(plan(d, &["w0.toml", "-o", "f/r.toml"]).code, Some(0));
    let strip = |t: String| {
        t.lines()
            .filter(|l| !l.starts_with("changes = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(read(d.join("k/r.toml"))), strip(read(d.join("f/r.toml"))));
    assert!(summary_changes(d.join("f/r.toml")).is_none());
}

#[test]
fn keep_json_carries_the_count_and_the_changes() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    let p = plan(d, &["team.toml", "--keep", "jan/2027-01.toml", "--format", "json"]);
    assert_eq!(p.code, Some(0), "{}", p.stderr);
    let j: serde_json::Value = serde_json::from_str(&p.stdout).unwrap();
    let n = j["rota"]["summary"]["changes"].as_i64().expect("rota.summary.changes");
    let listed: usize = j["changes"]["agents"]
        .as_array()
        .expect("changes.agents")
        .iter()
        .map(|a| a["added"].as_array().unwrap().len() + a["removed"].as_array().unwrap().len())
        .sum();
    assert_eq!(listed as i64, n);
    assert_eq!(j["changes"]["after"]["uncovered_agent_minutes"], 0);
}

#[test]
fn keep_from_first_day_last_day_and_outside_the_horizon() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    // The first day freezes nothing: the gap is re-covered.
    let p = plan(
        d,
        &[
            "team.toml",
            "--keep",
            "jan/2027-01.toml",
            "--from",
            "2027-01-04",
            "-o",
            "f1/r.toml",
        ],
    );
    assert_eq!(p.code, Some(0), "{}", p.all());
    assert_eq!(
        rota(d.join("f1/r.toml"))["summary"]["uncovered_agent_minutes"].as_integer(),
        Some(0)
    );
    assert_check_clean(d, "team.toml", "f1/r.toml");
    // The day after the horizon freezes everything: only the shift on the
    // new day off goes (it cannot be kept) and nothing re-covers it.
    let p = plan(
        d,
        &[
            "team.toml",
            "--keep",
            "jan/2027-01.toml",
            "--from",
            "2027-02-01",
            "-o",
            "f2/r.toml",
        ],
    );
    assert_eq!(p.code, Some(0), "{}", p.all());
    assert_eq!(summary_changes(d.join("f2/r.toml")), Some(1));
    assert_eq!(
        rota(d.join("f2/r.toml"))["summary"]["uncovered_agent_minutes"].as_integer(),
        Some(480)
    );
    let kept: Vec<_> = shifts_of(d.join("jan/2027-01.toml"))
        .into_iter()
        .filter(|s| !(s["agent"].as_str() == Some("maria") && s["start"].to_string().starts_with("2027-01-06")))
        .collect();
    assert_eq!(shifts_of(d.join("f2/r.toml")), kept);
    // Outside: refused, nothing written.
    for from in ["2027-01-03", "2027-02-02", "2027-13-01"] {
        let out = format!("bad-{from}.toml");
        let p = plan(
            d,
            &["team.toml", "--keep", "jan/2027-01.toml", "--from", from, "-o", &out],
        );
        assert_eq!(p.code, Some(2), "--from {from}: {}", p.all());
        assert!(p.stderr.contains("--from"), "{}", p.stderr);
        assert!(!d.join(&out).exists());
    }
}

#[test]
fn keep_february_after_january() {
    let lukas = "lukas = { zone = \"Europe/Dublin\", templates = [\"emea\"], off = [\"2027-02-08..2027-02-14\", \"2027-02-02\"] }";
    let t = phone_team(&[("lukas", lukas)]);
    let d = t.path();
    write(
        d.join("kept/2027-02.toml"),
        read(repo("schedules/phone-team/2027-02.toml")),
    );
    let p = plan(
        d,
        &[
            "team.toml",
            "--after",
            "jan/2027-01.toml",
            "--keep",
            "kept/2027-02.toml",
            "-o",
            "jan/2027-02.toml",
        ],
    );
    assert_eq!(p.code, Some(0), "{}", p.all());
    let n = summary_changes(d.join("jan/2027-02.toml")).unwrap();
    assert!((1..=6).contains(&n), "a one-day absence changes little: {n}");
    assert_check_clean(d, "team.toml", "jan/2027-02.toml");
    let l = run(d, &["ledger", "team.toml", "jan"]);
    assert_eq!(l.code, Some(0), "{}", l.all());
    // --keep of another horizon is refused.
    let p = plan(
        d,
        &["team.toml", "--keep", "jan/2027-01.toml", "--after", "jan/2027-01.toml"],
    );
    assert_eq!(p.code, Some(2), "{}", p.all());
}

#[test]
fn keep_over_the_us_clock_change() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d.join("team.toml"), DST_TEAM);
    assert_eq!(plan(d, &["team.toml", "-o", "a/r.toml"]).code, Some(0));
    assert_check_clean(d, "team.toml", "a/r.toml");
    let cal_day = shifts_of(d.join("a/r.toml"))
        .into_iter()
        .find(|s| s["agent"].as_str() == Some("cal") && *s["start"].to_string() >= *"2026-03-09")
        .expect("cal works after the change");
    let day = cal_day["start"].to_string()[..10].to_string();
    assert!(cal_day["start"].to_string().ends_with("-04:00"), "{cal_day:?}");
    write(
        d.join("team.toml"),
        DST_TEAM.replace(
            "cal = { zone = \"America/New_York\", templates = [\"day\"] }",
            &format!("cal = {{ zone = \"America/New_York\", templates = [\"day\"], off = [\"{day}\"] }}"),
        ),
    );
    let p = plan(d, &["team.toml", "--keep", "a/r.toml", "-o", "b/r.toml"]);
    assert_eq!(p.code, Some(0), "{}", p.all());
    assert_check_clean(d, "team.toml", "b/r.toml");
    let df = run(d, &["diff", "team.toml", "a/r.toml", "b/r.toml"]);
    assert_eq!(
        diff_lines(&df.stdout) as i64,
        summary_changes(d.join("b/r.toml")).unwrap(),
        "{}",
        df.stdout
    );
    assert!(
        has_line(
            &df.stdout,
            &format!("  - {} {day}  shift day", weekday(&day)),
            "09:00–17:00 -04:00"
        ),
        "{}",
        df.stdout
    );
}

#[test]
fn keep_of_a_hand_edited_rota_counts_what_it_lists() {
    let t = phone_team(&[]);
    let d = t.path();
    let text = read(d.join("jan/2027-01.toml")).replace(
        "start = 2027-01-04T11:00:00-05:00, end = 2027-01-04T19:00:00-05:00",
        "start = 2027-01-04T12:00:00-05:00, end = 2027-01-04T20:00:00-05:00",
    );
    write(d.join("edited/r.toml"), &text);
    let p = plan(d, &["team.toml", "--keep", "edited/r.toml", "-o", "out/r.toml"]);
    assert_eq!(p.code, Some(0), "{}", p.all());
    let df = run(d, &["diff", "team.toml", "edited/r.toml", "out/r.toml"]);
    assert_eq!(diff_lines(&df.stdout), 2, "{}", df.stdout);
    assert_eq!(summary_changes(d.join("out/r.toml")), Some(2), "{}", p.stdout);
}

#[test]
fn check_notices_an_inflated_changes_count() {
    // The changes term is taken from the summary (documented): a count
    // edited upwards no longer matches the stated objective.
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    assert_eq!(
        plan(d, &["team.toml", "--keep", "jan/2027-01.toml", "-o", "k/r.toml"]).code,
        Some(0)
    );
    let n = summary_changes(d.join("k/r.toml")).unwrap();
    let text = read(d.join("k/r.toml")).replace(&format!("changes = {n}\n"), &format!("changes = {}\n", n + 10));
    write(d.join("e/r.toml"), &text);
    let c = run(d, &["check", "team.toml", "e/r.toml"]);
    assert!(c.all().contains("not confirmed"), "{}", c.all());
}
