//! `plan --keep ROTA [--from DATE]` (issue 11): a sick day re-planned against
//! the committed rota changes only what it must; the past stays; bad input.

use crate::util::*;

/// `examples/phone-team.toml` with `maria` off on `day`, and January's committed rota to keep.
fn sick_phone_team(day: &str) -> TeamDir {
    let text = std::fs::read_to_string(Path::new(ROOT).join("examples/phone-team.toml")).unwrap();
    let line = r#"maria = { zone = "America/New_York", templates = ["amer", "amer-dst"] }"#;
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
    let lukas = r#"lukas = { zone = "Europe/Dublin", templates = ["emea"], off = ["2027-02-08..2027-02-14"] }"#;
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
