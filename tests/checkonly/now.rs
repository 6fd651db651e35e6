//! `sunrota now` on the phone team's committed quarter (copied into a
//! temporary directory, laid out as in the repository so the config's
//! `[rota] dir` finds them): inside a shift, at a handover minute, in a gap
//! (exit 1), across the US clock change, with a rota directory, and bad input.

use crate::util::{Cmd, Run, ROOT};
use std::path::{Path, PathBuf};

/// `examples/phone-team.toml` and `schedules/phone-team/*.toml` in a fresh
/// directory; returns it and the config's path.
fn team() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (examples, rotas) = (dir.path().join("examples"), dir.path().join("schedules/phone-team"));
    std::fs::create_dir_all(&examples).unwrap();
    std::fs::create_dir_all(&rotas).unwrap();
    let config = examples.join("phone-team.toml");
    std::fs::copy(format!("{ROOT}/examples/phone-team.toml"), &config).unwrap();
    for m in ["2027-01", "2027-02", "2027-03"] {
        std::fs::copy(
            format!("{ROOT}/schedules/phone-team/{m}.toml"),
            rotas.join(format!("{m}.toml")),
        )
        .unwrap();
    }
    (dir, config)
}

fn now(dir: &Path, args: &[&str]) -> Run {
    Cmd::new(["now"]).args(args).dir(dir).run()
}

fn march(dir: &Path) -> String {
    dir.join("schedules/phone-team/2027-03.toml").display().to_string()
}

/// The JSON rows of `key` as (agent or holder, since, until).
fn rows(doc: &serde_json::Value, key: &str, who: &str) -> Vec<(String, String, String)> {
    doc[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} is a list: {doc}"))
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("-").to_string();
            (s(who), s("since"), s("until"))
        })
        .collect()
}

#[test]
fn inside_a_shift_names_who_is_on_until_when_and_who_is_next() {
    let (dir, config) = team();
    let cfg = config.display().to_string();
    let run = now(dir.path(), &[&cfg, &march(dir.path()), "--at", "2027-03-15T17:30:00Z"]);
    run.expect_code(0);
    let out = &run.stdout;
    assert!(out.starts_with("At Mon 2027-03-15 17:30 +00:00 (UTC), rota "), "{run}");
    assert!(out.contains("Covered: 1 on shift; target 24/5 ×1"), "{run}");
    // dev's New York shift, in New York's summer time since 14 March.
    assert!(
        out.lines().any(|l| l.contains("dev")
            && l.contains("amer-dst")
            && l.contains("Mon 2027-03-15 12:00 -04:00")
            && l.contains("Mon 2027-03-15 20:00 -04:00")
            && l.contains("America/New_York")),
        "{run}"
    );
    // Next: wei's Singapore morning, at 00:00 UTC.
    let next = out.split("Next shift:").nth(1).expect("a next shift");
    assert!(
        next.contains("wei") && next.contains("Tue 2027-03-16 08:00 +08:00"),
        "{run}"
    );
    let doc = Cmd::new(["now"])
        .args([
            &cfg,
            &march(dir.path()),
            "--at",
            "2027-03-15T17:30:00Z",
            "--format",
            "json",
        ])
        .dir(dir.path())
        .run();
    let doc = doc.expect_code(0).json();
    assert_eq!(doc["covered"], true);
    assert_eq!(doc["at"], "2027-03-15T17:30:00Z");
    assert_eq!(
        rows(&doc, "on_shift", "agent"),
        [(
            "dev".into(),
            "2027-03-15T12:00:00-04:00".into(),
            "2027-03-15T20:00:00-04:00".into()
        )]
    );
    assert_eq!(
        rows(&doc, "on_call", "holder"),
        [(
            "wei".into(),
            "2027-03-15T17:00:00+08:00".into(),
            "2027-03-22T17:00:00+08:00".into()
        )]
    );
    // Chat is staffed, so the phone does not ring (active = "outside-coverage").
    assert_eq!(doc["on_call"][0]["active"], false);
    assert_eq!(rows(&doc, "next_on_call", "holder")[0].0, "priya");
    assert_eq!(rows(&doc, "next_shifts", "agent")[0].0, "wei");
}

#[test]
fn at_a_handover_minute_the_new_shift_and_holder_are_on() {
    let (dir, config) = team();
    let cfg = config.display().to_string();
    // lukas's Dublin shift ends at 16:00 UTC and dev's starts then.
    let doc = now(dir.path(), &[&cfg, "--at", "2027-03-15T16:00:00Z", "--format", "json"]);
    let doc = doc.expect_code(0).json();
    let on: Vec<String> = rows(&doc, "on_shift", "agent").into_iter().map(|r| r.0).collect();
    assert_eq!(on, ["dev"], "{doc}");
    // One second earlier, lukas is still on and dev is next.
    let doc = now(dir.path(), &[&cfg, "--at", "2027-03-15T15:59:59Z", "--format", "json"]);
    let doc = doc.expect_code(0).json();
    assert_eq!(rows(&doc, "on_shift", "agent")[0].0, "lukas", "{doc}");
    assert_eq!(rows(&doc, "next_shifts", "agent")[0].0, "dev", "{doc}");
    // The phone: maria hands over to wei at 09:00 Dublin (05:00 in New York, after its clock change).
    let doc = now(dir.path(), &[&cfg, "--at", "2027-03-15T09:00:00Z", "--format", "json"]);
    let doc = doc.expect_code(0).json();
    assert_eq!(rows(&doc, "on_call", "holder")[0].0, "wei", "{doc}");
}

#[test]
fn across_the_us_clock_change_times_carry_each_side_offset() {
    let (dir, config) = team();
    let cfg = config.display().to_string();
    // maria's phone week runs from New York winter time into summer time.
    let run = now(dir.path(), &[&cfg, "--at", "2027-03-15T08:30:00Z"]);
    run.expect_code(0);
    assert!(
        run.stdout.lines().any(|l| l.contains("phone")
            && l.contains("maria")
            && l.contains("Mon 2027-03-08 04:00 -05:00")
            && l.contains("Mon 2027-03-15 05:00 -04:00")),
        "{run}"
    );
    // A local time and a zone: 12:30 in New York on the Monday after the change is 16:30 UTC.
    let doc = now(
        dir.path(),
        &[&cfg, "--at", "2027-03-15T12:30 America/New_York", "--format", "json"],
    );
    let doc = doc.expect_code(0).json();
    assert_eq!(doc["at"], "2027-03-15T16:30:00Z");
    // 02:30 on 14 March does not exist in New York: it moves to 03:00 EDT (07:00 UTC),
    // a Sunday: no target in force, nobody on shift, the phone rings.
    let run = now(dir.path(), &[&cfg, "--at", "2027-03-14T02:30 America/New_York"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("At Sun 2027-03-14 07:00 +00:00 (UTC)"), "{run}");
    assert!(
        run.stdout.contains("Covered: 0 on shift; no coverage target in force"),
        "{run}"
    );
    assert!(run.stdout.contains("On shift: nobody"), "{run}");
    assert!(run.stdout.contains("rings now"), "{run}");
}

#[test]
fn in_a_gap_it_says_so_and_exits_1() {
    let (dir, config) = team();
    let cfg = config.display().to_string();
    let path = march(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !(l.contains("\"dev\"") && l.contains("start = 2027-03-15T12:00")))
        .collect();
    assert_eq!(kept.len() + 1, text.lines().count());
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    let run = now(dir.path(), &[&cfg, &path, "--at", "2027-03-15T17:30:00Z"]);
    run.expect_code(1);
    assert!(
        run.stdout.contains(
            "NOT covered: gap Mon 2027-03-15 16:00 – Tue 2027-03-16 00:00 UTC (8h): 0 of 1 agents on duty (1 missing) — 24/5 ×1"
        ),
        "{run}"
    );
    assert!(run.stdout.contains("On shift: nobody"), "{run}");
    let doc = now(
        dir.path(),
        &[&cfg, &path, "--at", "2027-03-15T17:30:00Z", "--format", "json"],
    );
    let doc = doc.expect_code(1).json();
    assert_eq!(doc["covered"], false);
    assert_eq!(doc["gaps"][0]["need"], 1);
    assert_eq!(doc["gaps"][0]["have"], 0);
}

#[test]
fn with_a_rota_directory_it_picks_the_rota_of_the_instant_and_looks_ahead() {
    let (dir, config) = team();
    let cfg = config.display().to_string();
    let rotas = dir.path().join("schedules/phone-team").display().to_string();
    // Saturday 30 January, in the January rota; the next shift is in February's.
    for args in [vec![cfg.as_str(), rotas.as_str()], vec![cfg.as_str()]] {
        let mut args = args.clone();
        args.extend(["--at", "2027-01-30T12:00:00Z", "--format", "json"]);
        let doc = now(dir.path(), &args).expect_code(0).json();
        assert!(doc["rota"].as_str().unwrap().ends_with("2027-01.toml"), "{doc}");
        assert_eq!(
            rows(&doc, "next_shifts", "agent"),
            [(
                "priya".into(),
                "2027-02-01T08:00:00+08:00".into(),
                "2027-02-01T16:00:00+08:00".into()
            )]
        );
        assert_eq!(rows(&doc, "next_on_call", "holder")[0].0, "wei", "{doc}");
    }
    // The March rota alone knows no later shift, nor April's phone holder.
    let run = now(dir.path(), &[&cfg, &march(dir.path()), "--at", "2027-03-27T12:00:00Z"]);
    run.expect_code(0);
    assert!(run.stdout.contains("Next shift: none in the rotas read"), "{run}");
    assert!(
        run.stdout.split("Next on call:").nth(1).unwrap().contains("nobody"),
        "{run}"
    );
}

#[test]
fn bad_instants_are_one_clear_message_and_exit_2() {
    let (dir, config) = team();
    let cfg = config.display().to_string();
    let run = now(dir.path(), &[&cfg, "--at", "2026-12-01T10:00:00Z"]);
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr
            .contains("Tue 2026-12-01 10:00 +00:00 (UTC) is outside every rota read"),
        "{run}"
    );
    assert!(
        run.stderr.contains("Mon 2027-01-04 – Sun 2027-03-28 (3 rota(s))"),
        "{run}"
    );
    for bad in [
        "tomorrow",
        "2027-01-06T10:00",
        "2027-13-06T10:00:00Z",
        "2027-01-06 25:00 Europe/Dublin",
    ] {
        let run = now(dir.path(), &[&cfg, "--at", bad, "--format", "json"]);
        run.expect_code(2);
        assert!(run.stdout.is_empty(), "{run}");
        assert!(
            run.stderr
                .contains(&format!("cannot read `{bad}` as an instant for --at")),
            "{run}"
        );
        assert!(run.stderr.contains("2027-01-06T15:00:00Z"), "{run}");
    }
    let run = now(dir.path(), &[&cfg, "--at", "2027-01-06T10:00 Europe/Dublinn"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("unknown time zone `Europe/Dublinn` for --at"),
        "{run}"
    );
    // Offsets without seconds are RFC 3339 too.
    let doc = now(
        dir.path(),
        &[&cfg, "--at", "2027-01-06T10:00-05:00", "--format", "json"],
    );
    assert_eq!(doc.expect_code(0).json()["at"], "2027-01-06T15:00:00Z");
}

/// The README's second month on the tight team: on Wednesday 6 May at 15:00
/// UTC the phone peak is short (a gap the May rota cannot avoid), so a chat
/// bot asking `now` gets exit 1, and who is on and who holds the phone.
#[test]
fn the_tight_teams_may_rota_answers_in_its_gap() {
    let run = Cmd::new(["now", "examples/tight-team.toml", "--at", "2026-05-06T15:00:00Z"])
        .dir(ROOT)
        .run();
    assert_eq!(run.code, Some(1), "{run}");
    for line in [
        "At Wed 2026-05-06 15:00 +00:00 (UTC), rota schedules/tight-team/2026-05-04.toml",
        "NOT covered: gap Wed 2026-05-06 14:00 – 17:00 UTC (3h): 1 of 2 agents on duty (1 missing)",
        "│ jonas ┆ late     ┆ Wed 2026-05-06 14:00 +02:00 ┆ Wed 2026-05-06 22:00 +02:00 ┆ Europe/Berlin │",
        "│ phone ┆ bea    ┆ Mon 2026-05-04 03:00 -04:00 ┆ Mon 2026-05-11 03:00 -04:00 ┆ America/New_York ┆ yes       │",
    ] {
        assert!(run.stdout.contains(line), "missing {line:?}\n{run}");
    }
}

/// The same walk-through's calendars: both committed months in one feed per agent.
#[test]
fn the_tight_teams_two_months_export_into_one_folder() {
    let out = tempfile::tempdir().unwrap();
    let cals = out.path().join("calendars");
    let run = Cmd::new(["export", "ics", "examples/tight-team.toml", "-o"])
        .args([cals.as_os_str()])
        .dir(ROOT)
        .run();
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.starts_with("8 calendar(s), 258 event(s) written to "),
        "{run}"
    );
    assert!(
        run.stdout
            .contains(": 258 from 2 rotas 2026-04-06..2026-06-01, 0 kept from other periods"),
        "{run}"
    );
}
