//! `sunrota swap` (issue 11): moves and exchanges of shifts and on-call
//! handovers, checked like `check`, refused with the broken rule named unless
//! `--force`, instants recomputed in each agent's zone across clock changes.

use crate::util::*;

/// The committed January rota of the phone team, copied into a team dir.
fn phone_team() -> TeamDir {
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
    let team = phone_team();
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
    let team = phone_team();
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
    let team = TeamDir::new(crate::export::TEAM);
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
    let team = phone_team();
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
