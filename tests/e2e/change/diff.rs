//! `sunrota diff CONFIG A B`: per agent in local time, holds and comp days,
//! and the coverage each rota leaves; exit 0 when equal, 1 when not.

use crate::util::*;

fn diff(config: &Path, a: &Path, b: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("diff"), config.as_os_str(), a.as_os_str(), b.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    sunrota(args)
}

#[test]
fn diff_names_the_moved_shift_and_the_gap_it_opens() {
    let config = Path::new(ROOT).join("examples/follow-the-sun.toml");
    let committed = Path::new(ROOT).join("schedules/follow-the-sun.toml");
    let same = diff(&config, &committed, &committed, &[]);
    same.expect_code(0);
    assert!(
        same.stdout
            .contains("The same shifts, on-call holds and comp days.\nCoverage: 0 → 0"),
        "{same}"
    );

    // The README's hand edit: Lukas's late shift on 4 March becomes an early one.
    let text = std::fs::read_to_string(&committed).unwrap();
    let old =
        r#"{ agent = "lukas", template = "late", start = 2026-03-04T12:00:00+00:00, end = 2026-03-04T20:00:00+00:00 }"#;
    let new = r#"{ agent = "lukas", template = "early", start = 2026-03-04T06:00:00+00:00, end = 2026-03-04T14:00:00+00:00 }"#;
    assert!(text.contains(old));
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("edited.toml");
    std::fs::write(&edited, text.replace(old, new)).unwrap();
    let run = diff(&config, &committed, &edited, &[]);
    run.expect_code(1);
    let body: Vec<&str> = run.stdout.lines().skip(2).collect();
    assert_eq!(
        body,
        [
            "lukas (Europe/Dublin, local time)",
            "  - Wed 2026-03-04  shift late       12:00–20:00 +00:00",
            "  + Wed 2026-03-04  shift early      06:00–14:00 +00:00",
            "Coverage: 0 → 30 uncovered agent-minutes",
            "  + gap Wed 2026-03-04 14:30 – 15:00 UTC (0h30): 3 of 4 agents on duty (1 missing) — 24/7 ×1 + \
             Mon-Fri 06:00-22:00 ×1 + Mon-Fri 14:00-18:00 ×1 phone + Mon-Fri 08:00-16:00 ×1 de",
        ],
        "{run}"
    );
    let json = diff(&config, &edited, &committed, &["--format", "json"]);
    json.expect_code(1);
    let doc = json.json();
    assert_eq!(doc["agents"][0]["added"][0]["what"], "shift late");
    assert_eq!(doc["before"]["uncovered_agent_minutes"], 30);
    assert_eq!(doc["after"]["uncovered_agent_minutes"], 0);
}

#[test]
fn diff_shows_an_on_call_handover_in_each_holders_time() {
    let config = Path::new(ROOT).join("examples/phone-team.toml");
    let rota = Path::new(ROOT).join("schedules/phone-team/2027-01.toml");
    let text = std::fs::read_to_string(&rota).unwrap();
    let week = r#"{ duty = "phone", agent = "lukas", start = 2027-01-11T09:00:00+00:00"#;
    assert!(text.contains(week), "{text}");
    // Hand lukas's week to dev (New York), in a copy beside the earlier rotas.
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("2027-01.toml");
    std::fs::write(&edited, text.replace(week, &week.replace("lukas", "dev"))).unwrap();
    let run = diff(&config, &rota, &edited, &[]);
    run.expect_code(1);
    assert!(
        run.stdout.contains(
            "lukas (Europe/Dublin, local time)\n  - Mon 2027-01-11  on-call phone    Mon 2027-01-11 09:00 +00:00 to Mon 2027-01-18 09:00 +00:00\n"
        ),
        "{run}"
    );
    assert!(
        run.stdout.contains(
            "dev (America/New_York, local time)\n  + Mon 2027-01-11  on-call phone    Mon 2027-01-11 04:00 -05:00 to Mon 2027-01-18 04:00 -05:00\n"
        ),
        "{run}"
    );
    // Rotas of different horizons: said on stderr, then compared.
    let feb = Path::new(ROOT).join("schedules/phone-team/2027-02.toml");
    let across = diff(&config, &rota, &feb, &[]);
    across.expect_code(1);
    assert!(
        across.stderr.contains("note: the rotas cover different horizons"),
        "{across}"
    );
    // A rota of another team is refused.
    let other = Path::new(ROOT).join("schedules/follow-the-sun.toml");
    let bad = diff(&config, &rota, &other, &[]);
    bad.expect_code(2);
    assert!(bad.stderr.contains("was not planned from"), "{bad}");
}

// ---------------------------------------------------------------------------
// Review tests of issue 11 (formerly tests/change.rs): the phone team and
// hand-made teams, driven only through the binary.
// ---------------------------------------------------------------------------

use super::*;

#[test]
fn diff_identical_other_horizon_and_json() {
    let t = phone_team(&[]);
    let d = t.path();
    write(
        d.join("feb/2027-02.toml"),
        read(repo("schedules/phone-team/2027-02.toml")),
    );
    let same = run(d, &["diff", "team.toml", "jan/2027-01.toml", "jan/2027-01.toml"]);
    assert_eq!(same.code, Some(0), "{}", same.all());
    assert!(
        same.stdout.contains("The same shifts, on-call holds and comp days."),
        "{}",
        same.stdout
    );
    assert_eq!(diff_lines(&same.stdout), 0);
    let other = run(d, &["diff", "team.toml", "jan/2027-01.toml", "feb/2027-02.toml"]);
    assert_eq!(other.code, Some(1), "{}", other.all());
    let j = run(
        d,
        &[
            "diff",
            "team.toml",
            "jan/2027-01.toml",
            "feb/2027-02.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(j.code, Some(1), "{}", j.stderr);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    let listed: usize = v["agents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert!(a["agent"].is_string() && a["zone"].is_string());
            for e in a["added"]
                .as_array()
                .unwrap()
                .iter()
                .chain(a["removed"].as_array().unwrap())
            {
                assert!(
                    e["date"].is_string() && e["what"].is_string() && e["when"].is_string(),
                    "{e}"
                );
            }
            a["added"].as_array().unwrap().len() + a["removed"].as_array().unwrap().len()
        })
        .sum();
    assert_eq!(listed, diff_lines(&other.stdout));
    assert!(v["before"]["uncovered_agent_minutes"].is_i64() && v["after"]["gap_lines"].is_array());
    // Comp days and holds of January all appear as removed.
    assert!(
        other.stdout.contains("  - Wed 2027-01-20  comp day"),
        "{}",
        other.stdout
    );
    assert!(
        other.stdout.contains("  - Mon 2027-01-04  on-call phone"),
        "{}",
        other.stdout
    );
}
