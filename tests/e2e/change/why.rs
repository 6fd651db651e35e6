//! Every gap explains itself (issue 11): a hand-made team and rota
//! (`tests/data/why/`) in which each reason occurs once — no template
//! reaches the hour, the only agent with the skill is off, the only agent
//! who could is short of rest, and another is at the weekly limit while a
//! third could simply take it.

use crate::util::*;

#[test]
fn each_gap_says_why_it_is_left() {
    let dir = Path::new(ROOT).join("tests/data/why");
    let (config, rota) = (dir.join("team.toml"), dir.join("rota.toml"));
    let run = sunrota([OsStr::new("check"), config.as_os_str(), rota.as_os_str()]);
    run.expect_code(1);
    let expect = [
        "gap: Mon 2026-03-02 02:00 – 04:00 UTC (2h): 0 of 1 agents on duty (1 missing) — Mon 02:00-04:00 ×1\n\
         \x20   why (proven unavoidable):\n\
         \x20     no template of any agent who counts reaches it\n",
        "gap: Tue 2026-03-03 10:00 – 12:00 UTC (2h): 0 of 1 fr agents (1 missing) — Tue 10:00-12:00 ×1 fr\n\
         \x20   why (not proven unavoidable):\n\
         \x20     flo: day Tue 2026-03-03 — time off or a holiday on Tue 2026-03-03\n",
        "    why (not proven unavoidable):\n\
         \x20     ron: late Thu 2026-03-05 — rest: 8h00 rest between the shift ending Thu 2026-03-05 22:00 +00:00 \
         and the one starting Fri 2026-03-06 06:00 +00:00 (minimum 11h00)\n",
        "      ana: day Sat 2026-03-07 — max-hours-per-week: 48h00 worked in the 7 days from 2026-03-02 (maximum 40h00)\n\
         \x20     flo: day Sat 2026-03-07 — time off or a holiday on Sat 2026-03-07\n\
         \x20     ron: could work early Sat 2026-03-07 — nothing stops it (left by the budget or the weights)\n",
    ];
    for e in expect {
        assert!(run.stdout.contains(e), "missing:\n{e}\n{run}");
    }
    // The same reasons in JSON, one entry per stretch.
    let json = sunrota([
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        config.as_os_str(),
        rota.as_os_str(),
    ]);
    let whys = json.json()["rotas"][0]["gap_reasons"].as_array().unwrap().clone();
    assert_eq!(whys.len(), 4);
    assert_eq!(whys[0]["proven_unavoidable"], true);
    assert_eq!(whys[3]["reasons"].as_array().unwrap().len(), 3);
}

// ---------------------------------------------------------------------------
// Review tests of issue 11 (formerly tests/change.rs): the phone team and
// hand-made teams, driven only through the binary.
// ---------------------------------------------------------------------------

use super::*;

/// One UTC agent; two are needed 09:00–17:00 on weekdays.
const ONE_AGENT: &str = r#"
[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "Mon-Fri 09:00-17:00", agents = 2 }]

[templates]
day = { start = "09:00", end = "17:00" }

[agents]
ana = { zone = "UTC" }
"#;

#[test]
fn why_a_gap_is_left_names_true_reasons() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(
        d.join("t.toml"),
        r#"
[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = "UTC"
need = [{ at = "Mon-Fri 09:00-17:00", agents = 1 }, { at = "Mon-Fri 09:00-17:00", agents = 1, skill = "fr" }]
[templates]
day = { start = "09:00", end = "17:00" }
[agents]
ana = { zone = "UTC", skills = ["en"] }
flo = { zone = "UTC", skills = ["fr"], off = ["2026-03-04"] }
"#,
    );
    let p = plan(d, &["t.toml", "-o", "r/r.toml"]);
    assert_eq!(p.code, Some(0), "{}", p.all());
    assert!(
        p.stdout
            .contains("flo: day Wed 2026-03-04 — time off or a holiday on Wed 2026-03-04"),
        "{}",
        p.stdout
    );
    // Ana already works the Wednesday: a second day shift breaks a rule.
    let ana = p
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("ana: day Wed"))
        .expect(&p.stdout);
    assert!(
        ana.contains("one-shift-per-day") || ana.contains("max-hours-per-week"),
        "{ana}"
    );
    let s = run(d, &["show", "t.toml", "r/r.toml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&s.stdout).unwrap();
    let w = &v["gap_reasons"][0];
    assert_eq!(w["start"], "2026-03-04T09:00:00Z");
    assert!(w["proven_unavoidable"].is_boolean() && w["reasons"].is_array(), "{w}");
    let c = run(d, &["check", "t.toml", "r/r.toml", "--format", "json"]);
    let cv: serde_json::Value = serde_json::from_str(&c.stdout).unwrap();
    assert_eq!(cv["rotas"][0]["gap_reasons"], v["gap_reasons"]);
    // --week shows the explanation of its week's gap.
    let wk = run(d, &["show", "t.toml", "r/r.toml", "--week", "1"]);
    assert!(
        wk.stdout.contains("flo: day Wed 2026-03-04 — time off"),
        "{}",
        wk.stdout
    );
}

#[test]
fn why_lines_only_under_gaps() {
    let t = phone_team(&[]);
    let d = t.path();
    for cmd in ["show", "check"] {
        let r = run(d, &[cmd, "team.toml", "jan/2027-01.toml"]);
        assert_eq!(r.code, Some(0), "{}", r.all());
        assert!(!r.stdout.contains("why ("), "{cmd}: {}", r.stdout);
    }
}

#[test]
fn why_a_gap_opened_by_a_hand_edit_is_not_proven_unavoidable() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d.join("t.toml"), ONE_AGENT);
    assert_eq!(plan(d, &["t.toml", "-o", "r/r.toml"]).code, Some(0));
    let text: String = read(d.join("r/r.toml"))
        .lines()
        .filter(|l| !l.contains("start = 2026-03-02T09:00:00+00:00"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(d.join("e/r.toml"), &text);
    let c = run(d, &["check", "t.toml", "e/r.toml"]);
    let s = run(d, &["show", "t.toml", "e/r.toml"]);
    let after = |t: &str| {
        let i = t.find("Mon 2026-03-02 09:00").expect(t);
        t[i..].lines().nth(1).unwrap().trim().to_string()
    };
    assert!(c.stdout.contains("nothing stops it"), "{}", c.stdout);
    assert_eq!(after(&c.stdout), "why (not proven unavoidable):", "{}", c.stdout);
    assert_eq!(after(&s.stdout), after(&c.stdout));
}
