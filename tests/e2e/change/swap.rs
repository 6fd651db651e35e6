//! `sunrota swap` (issue 11): moves and exchanges of shifts and on-call
//! handovers, checked like `check`, refused with the broken rule named unless
//! `--force`, instants recomputed in each agent's zone across clock changes.

use crate::util::*;

/// The committed January rota of the phone team, copied into a team dir.
fn planned_phone_team() -> TeamDir {
    let team = TeamDir::at(Path::new(ROOT).join("examples/phone-team.toml"));
    let rota = std::fs::read_to_string(Path::new(ROOT).join("schedules/phone-team/2027-01.toml")).unwrap();
    team.write("r/2027-01.toml", &rota);
    team
}

fn swap(team: &TeamDir, rota: &str, args: &[&str]) -> Run {
    let path = team.path(rota);
    let mut all: Vec<&OsStr> = vec![OsStr::new("swap"), team.config.as_os_str(), path.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    sunrota(all)
}

fn rule_set(run: &Run) -> BTreeSet<String> {
    let doc = run.json();
    doc["rotas"][0]["findings"]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_valid_give_trade_and_handover_pass_check() {
    let team = planned_phone_team();
    let run = swap(&team, "r/2027-01.toml", &["give", "maria", "2027-01-04", "dev"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("maria (America/New_York, local time)\n  - Mon 2027-01-04  shift amer"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("dev (America/New_York, local time)\n  + Mon 2027-01-04  shift amer       11:00–19:00 -05:00"),
        "{run}"
    );
    let check = team.check(&["r/2027-01.toml"], &[]);
    check.expect_code(0);
    assert!(
        !check.stdout.contains("note:"),
        "the summary is brought up to date\n{check}"
    );
    assert!(team.rota("r/2027-01.toml").status == "edited");

    swap(
        &team,
        "r/2027-01.toml",
        &["trade", "aoife", "lukas", "2027-01-05", "2027-01-11"],
    )
    .expect_code(0);
    team.check(&["r/2027-01.toml"], &[]).expect_code(0);

    // Maria's last phone week goes to Wei in Singapore: the credit moves with it.
    let run = swap(&team, "r/2027-01.toml", &["oncall", "phone", "2027-01-25", "wei"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("+ Mon 2027-01-25  on-call phone    Mon 2027-01-25 17:00 +08:00 to Mon 2027-02-01 17:00 +08:00"),
        "{run}"
    );
    let text = team.rota("r/2027-01.toml").text;
    assert!(
        text.contains(r#"{ agent = "wei", date = 2027-02-01, days = 1.0, reason = "on-call phone from 2027-01-25" }"#),
        "{text}"
    );
    assert!(!text.contains(r#"{ agent = "maria", date = 2027-02-01"#), "{text}");
    team.check(&["r/2027-01.toml"], &[]).expect_code(0);
}

#[test]
fn a_swap_that_breaks_a_rule_is_refused_unless_forced() {
    let team = planned_phone_team();
    let before = std::fs::read_to_string(team.path("r/2027-01.toml")).unwrap();
    let run = swap(&team, "r/2027-01.toml", &["give", "maria", "2027-01-06", "dev"]);
    run.expect_code(1);
    assert!(
        run.stdout
            .contains("error[min-consecutive-days-off]: dev 2027-01-07: only 1 day(s) off"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("Not written: the change breaks 2 rule(s); --force writes it anyway."),
        "{run}"
    );
    assert_eq!(
        std::fs::read_to_string(team.path("r/2027-01.toml")).unwrap(),
        before,
        "untouched"
    );
    let forced = team.shown("r/forced.toml");
    let args = ["give", "maria", "2027-01-06", "dev", "--force", "-o", forced.as_str()];
    swap(&team, "r/2027-01.toml", &args).expect_code(0);
    let check = team.check(&["r/forced.toml"], &["--format", "json"]);
    check.expect_code(1);
    assert_eq!(
        rule_set(&check),
        BTreeSet::from(["min-consecutive-days-off".to_string()]),
        "{check}"
    );
}

/// ana (New York) and ram (Kathmandu, +05:45) trade across the US clock
/// change: each works the other's template in their own zone on the other's
/// date. Neither may work the other's template, which check then names.
#[test]
fn a_cross_zone_trade_recomputes_both_agents_times_across_dst() {
    let team = crate::export::team();
    team.plan("rota.toml", &["--no-suggest"]).expect_code(0);
    let rota = team.rota("rota.toml");
    let ana_after = rota
        .shifts
        .iter()
        .find(|s| s.agent == "ana" && s.start_text.as_str() > "2026-03-09")
        .unwrap()
        .clone();
    let ram_before = rota
        .shifts
        .iter()
        .find(|s| s.agent == "ram" && s.start_text.as_str() < "2026-03-07")
        .unwrap()
        .clone();
    let (da, dr) = (
        ana_after.start_text[..10].to_string(),
        ram_before.start_text[..10].to_string(),
    );
    let run = swap(&team, "rota.toml", &["trade", "ana", "ram", &da, &dr]);
    run.expect_code(1);
    assert!(run.stdout.contains("error[template-not-allowed]"), "{run}");
    swap(&team, "rota.toml", &["trade", "ana", "ram", &da, &dr, "--force"]).expect_code(0);
    let new = team.rota("rota.toml");
    let find = |agent: &str, tpl: &str, date: &str| {
        new.shifts
            .iter()
            .find(|s| s.agent == agent && s.template == tpl && s.start_text.starts_with(date))
            .cloned()
    };
    let ram = find("ram", "ny", &da).expect("ram works ana's date");
    assert_eq!(
        (ram.template.as_str(), ram.start_text.as_str()),
        ("ny", format!("{da}T09:00:00+05:45").as_str())
    );
    let ana = find("ana", "ktm", &dr).expect("ana works ram's date");
    assert_eq!(
        (ana.template.as_str(), ana.start_text.as_str()),
        ("ktm", format!("{dr}T09:00:00-05:00").as_str())
    );
    assert_eq!(ana.elapsed(), Duration::hours(8));
    // Each now also has their own shift on the traded date: check names both.
    let check = team.check(&["rota.toml"], &["--format", "json"]);
    let rules = rule_set(&check);
    assert!(
        rules.contains("template-not-allowed") && rules.contains("one-shift-per-day"),
        "{check}"
    );
}

#[test]
fn swap_bad_input() {
    let team = planned_phone_team();
    let before = std::fs::read_to_string(team.path("r/2027-01.toml")).unwrap();
    let run = swap(&team, "r/2027-01.toml", &["give", "mariah", "2027-01-04", "dev"]);
    run.expect_code(2);
    assert!(run.stderr.contains("did you mean `maria`?"), "{run}");
    let run = swap(&team, "r/2027-01.toml", &["give", "maria", "2027-01-09", "dev"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("maria has no shift on Sat 2027-01-09 in this rota"),
        "{run}"
    );
    assert!(run.stderr.contains("maria's shifts near it: "), "{run}");
    let run = swap(&team, "r/2027-01.toml", &["give", "maria", "2027-02-03", "dev"]);
    run.expect_code(2);
    let run = swap(&team, "r/2027-01.toml", &["oncall", "pager", "2027-01-25", "wei"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no on-call duty `pager`") && run.stderr.contains("duties: phone"),
        "{run}"
    );
    let run = swap(&team, "r/2027-01.toml", &["oncall", "phone", "2027-01-12", "wei"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("its phone handovers: 2027-01-04, 2027-01-11, 2027-01-18, 2027-01-25"),
        "{run}"
    );
    let run = swap(&team, "r/2027-01.toml", &["give", "maria", "4 Jan", "dev"]);
    run.expect_code(2);
    assert!(run.stderr.contains("`4 Jan` is not a date"), "{run}");
    assert_eq!(
        std::fs::read_to_string(team.path("r/2027-01.toml")).unwrap(),
        before,
        "untouched"
    );
}

// ---------------------------------------------------------------------------
// Review tests of issue 11 (formerly tests/change.rs): the phone team and
// hand-made teams, driven only through the binary.
// ---------------------------------------------------------------------------

use super::*;

#[test]
fn swap_give_across_the_dst_weeks_recomputes_in_the_receivers_zone() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d.join("team.toml"), DST_TEAM);
    assert_eq!(plan(d, &["team.toml", "-o", "a/r.toml"]).code, Some(0));
    let before = read(d.join("a/r.toml"));
    // A New York shift after the US change, given to a Dublin agent who
    // does not work that date.
    let shifts = shifts_of(d.join("a/r.toml"));
    let worked = |a: &str, day: &str| {
        shifts
            .iter()
            .any(|s| s["agent"].as_str() == Some(a) && s["start"].to_string().starts_with(day))
    };
    let (giver, day, to) = ["cal", "dan"]
        .iter()
        .flat_map(|g| ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"].map(|x| (*g, x)))
        .filter(|(g, x)| worked(g, x))
        .find_map(|(g, x)| ["ana", "bea"].iter().find(|r| !worked(r, x)).map(|r| (g, x, *r)))
        .expect("a New York shift some Dublin agent does not work beside");
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "a/r.toml",
            "give",
            giver,
            day,
            to,
            "--force",
            "-o",
            "b/r.toml",
        ],
    );
    assert!(s.code == Some(0), "{}", s.all());
    assert_eq!(read(d.join("a/r.toml")), before, "the original is untouched with -o");
    let moved = shifts_of(d.join("b/r.toml"))
        .into_iter()
        .find(|s| s["agent"].as_str() == Some(to) && s["start"].to_string().starts_with(day))
        .expect("the receiver has the shift");
    assert_eq!(moved["start"].to_string(), format!("{day}T09:00:00+00:00"));
    let wd = weekday(day);
    assert!(
        has_line(&s.stdout, &format!("  + {wd} {day}  shift day"), "09:00–17:00 +00:00"),
        "{}",
        s.stdout
    );
    assert!(
        has_line(&s.stdout, &format!("  - {wd} {day}  shift day"), "09:00–17:00 -04:00"),
        "{}",
        s.stdout
    );
    assert_eq!(rota(d.join("b/r.toml"))["summary"]["status"].as_str(), Some("edited"));
    // Written (forced or not), it is re-checkable: check's verdict, no crash.
    let c = run(d, &["check", "team.toml", "b/r.toml"]);
    assert!(c.code == Some(0) || c.code == Some(1), "{}", c.all());
}

#[test]
fn swap_refused_leaves_the_file_and_force_writes_a_rota_check_fails() {
    let t = phone_team(&[]);
    let d = t.path();
    let before = read(d.join("jan/2027-01.toml"));
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "give",
            "maria",
            "2027-01-06",
            "dev",
        ],
    );
    assert_eq!(s.code, Some(1), "{}", s.all());
    assert!(s.stdout.contains("error[min-consecutive-days-off]"), "{}", s.stdout);
    assert!(s.stdout.contains("Not written"), "{}", s.stdout);
    assert_eq!(read(d.join("jan/2027-01.toml")), before);
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "give",
            "maria",
            "2027-01-06",
            "dev",
            "--force",
            "-o",
            "f/r.toml",
        ],
    );
    assert_eq!(s.code, Some(0), "{}", s.all());
    assert_eq!(read(d.join("jan/2027-01.toml")), before);
    let c = run(d, &["check", "team.toml", "f/r.toml"]);
    assert_eq!(c.code, Some(1), "{}", c.all());
    assert!(c.stdout.contains("min-consecutive-days-off"), "{}", c.stdout);
}

#[test]
fn swap_to_a_receiver_on_time_off_is_refused_with_time_off() {
    let dev = "dev = { zone = \"America/New_York\", templates = [\"amer\", \"amer-dst\"], comp_dates = [\"2027-01-29\"], off = [\"2027-01-04\"] }";
    let t = phone_team(&[("dev", dev)]);
    let d = t.path();
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "give",
            "maria",
            "2027-01-04",
            "dev",
        ],
    );
    assert_eq!(s.code, Some(1), "{}", s.all());
    assert!(s.stdout.contains("error[time-off]"), "{}", s.stdout);
}

#[test]
fn swap_oncall_back_to_back_is_refused_and_a_valid_trade_passes_check() {
    let t = phone_team(&[]);
    let d = t.path();
    // Aoife holds 4 January; 11 January to her is back to back.
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "oncall",
            "phone",
            "2027-01-11",
            "aoife",
        ],
    );
    assert_eq!(s.code, Some(1), "{}", s.all());
    assert!(s.stdout.contains("oncall-back-to-back"), "{}", s.stdout);
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "trade",
            "aoife",
            "lukas",
            "2027-01-05",
            "2027-01-11",
            "-o",
            "jan/t.toml",
        ],
    );
    assert_eq!(s.code, Some(0), "{}", s.all());
    assert_eq!(diff_lines(&s.stdout), 4, "{}", s.stdout);
    let c = run(d, &["check", "team.toml", "jan/t.toml"]);
    assert_eq!(c.code, Some(0), "{}", c.all());
}

#[test]
fn swap_bad_input_exits_2_and_leaves_the_file() {
    let t = phone_team(&[]);
    let d = t.path();
    let before = read(d.join("jan/2027-01.toml"));
    for (args, says) in [
        (vec!["give", "mria", "2027-01-04", "dev"], "did you mean `maria`"),
        (vec!["give", "maria", "2027-03-04", "dev"], "no shift"),
        (vec!["give", "maria", "2027-01-09", "dev"], "shifts near it"),
        (vec!["give", "maria", "04/01/2027", "dev"], "not a date"),
        (vec!["oncall", "phon", "2027-01-04", "wei"], "duties: phone"),
        (vec!["oncall", "phone", "2027-01-05", "wei"], "no phone period"),
        (vec!["trade", "maria", "dev", "2027-01-04"], "dev has no shift"),
    ] {
        let mut a = vec!["swap", "team.toml", "jan/2027-01.toml"];
        a.extend(args.iter());
        let s = run(d, &a);
        assert_eq!(s.code, Some(2), "{args:?}: {}", s.all());
        assert!(s.stderr.contains(says), "{args:?}: {}", s.stderr);
        assert_eq!(read(d.join("jan/2027-01.toml")), before, "{args:?}");
    }
}

#[test]
fn swap_give_to_oneself_changes_nothing() {
    let t = phone_team(&[]);
    let d = t.path();
    let before = read(d.join("jan/2027-01.toml"));
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "give",
            "maria",
            "2027-01-04",
            "maria",
        ],
    );
    assert_eq!(read(d.join("jan/2027-01.toml")), before, "{}", s.all());
    assert_ne!(s.code, Some(0), "{}", s.all());
}
