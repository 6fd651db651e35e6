//! What would fix it (issue 11): the three-regions example gets additions
//! that, pasted into the config, plan with no gap a template can reach.

use crate::util::*;

#[test]
fn the_what_if_pasted_in_leaves_only_what_no_template_reaches() {
    let example = Path::new(ROOT).join("examples/three-regions.toml");
    let team = TeamDir::at(example.clone());
    let run = team.plan("rota.toml", &["--suggest", "2", "--format", "json"]);
    run.expect_code(0);
    let doc = run.json();
    let w = &doc["what_if"];
    assert_eq!(w["complete"], true, "{run}");
    let steps = w["steps"].as_array().unwrap();
    assert!(
        !steps.is_empty() && w["alternatives"].as_array().unwrap().len() == 1,
        "{run}"
    );
    let left: Vec<i64> = steps
        .iter()
        .map(|s| s["uncovered_agent_minutes"].as_i64().unwrap())
        .collect();
    assert!(
        left.windows(2).all(|p| p[1] < p[0]),
        "each addition closes more: {left:?}"
    );

    // Paste the fragment under [agents] and plan again.
    let text = std::fs::read_to_string(&example).unwrap();
    let run = team.plan("hinted.toml", &[]);
    let fragment: String = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("hint: adding"))
        .skip(1)
        .take_while(|l| l.starts_with("  new-"))
        .map(|l| format!("{}\n", l.trim().split("    #").next().unwrap()))
        .collect();
    assert_eq!(fragment.lines().count(), steps.len(), "{run}");
    let bigger = TeamDir::new(&format!("{text}{fragment}"));
    let plan = bigger.plan("rota.toml", &["--no-suggest", "--format", "json"]);
    plan.expect_code(0);
    // What is left is the hour no template reaches: 00:00–01:00 UTC while
    // the US is on summer time and Europe is not (9 to 29 March).
    let gaps = gaps_from_json(&plan.json()["rota"]["gaps"]);
    assert!(!gaps.is_empty());
    for g in &gaps {
        let day = g.start.date_naive().to_string();
        assert!(
            g.start.format("%H:%M").to_string() == "00:00"
                && g.end - g.start == Duration::hours(1)
                && day.as_str() >= "2026-03-09"
                && day.as_str() <= "2026-03-29",
            "a gap a template can reach: {g:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Review tests of issue 11 (formerly tests/change.rs): the phone team and
// hand-made teams, driven only through the binary.
// ---------------------------------------------------------------------------

use super::*;

fn hint_lines(out: &str) -> Vec<String> {
    out.lines()
        .skip_while(|l| !l.starts_with("hint:"))
        .skip(1)
        .take_while(|l| l.starts_with("  new-"))
        .map(|l| l.trim().split("    #").next().unwrap().to_string())
        .collect()
}

fn uncovered(p: &Run) -> i64 {
    if p.stdout.contains("No gaps") {
        return 0;
    }
    let l = p
        .stdout
        .lines()
        .find(|l| l.contains(" uncovered agent-minutes"))
        .expect(&p.stdout);
    l.split(" uncovered")
        .next()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Plans `cfg`, pastes the hint's fragment and plans again: the claimed
/// uncovered agent-minutes must be what the pasted config leaves.
fn paste_hint(d: &Path, cfg: &str) -> (Vec<String>, i64, Run) {
    write(d.join("t.toml"), cfg);
    let p = run(d, &["plan", "t.toml", "-q", "--time-limit", "60"]);
    assert_eq!(p.code, Some(0), "{}", p.all());
    let lines = hint_lines(&p.stdout);
    assert!(!lines.is_empty(), "no hint:\n{}", p.stdout);
    let claimed: i64 = p
        .stdout
        .lines()
        .rfind(|l| l.starts_with("  new-"))
        .unwrap()
        .rsplit("# → ")
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    write(d.join("t2.toml"), format!("{cfg}{}\n", lines.join("\n")));
    let again = plan(d, &["t2.toml"]);
    (lines, claimed, again)
}

#[test]
fn whatif_one_addition_closes_a_skill_gap_and_carries_the_skill() {
    let t = tempfile::tempdir().unwrap();
    let cfg = r#"
[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = "UTC"
need = [{ at = "Mon-Fri 09:00-17:00", agents = 1, skill = "fr" }]
[templates]
day = { start = "09:00", end = "17:00" }
[agents]
ana = { zone = "UTC", skills = ["en"] }
flo = { zone = "UTC", skills = ["fr"], off = ["2026-03-04"] }
"#;
    let (lines, claimed, again) = paste_hint(t.path(), cfg);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("\"fr\""), "{lines:?}");
    assert_eq!(claimed, 0);
    assert_eq!(again.code, Some(0), "{}", again.all());
    assert_eq!(uncovered(&again), claimed, "{}", again.stdout);
    // No hint with --no-suggest or --suggest 0; JSON has what_if.
    for flag in [&["--no-suggest"][..], &["--suggest", "0"][..]] {
        let mut a = vec!["plan", "t.toml", "-q"];
        a.extend_from_slice(flag);
        let r = run(t.path(), &a);
        assert!(!r.stdout.contains("hint:"), "{flag:?}: {}", r.stdout);
    }
    let j = run(
        t.path(),
        &["plan", "t.toml", "-q", "--suggest", "3", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["what_if"]["complete"], true);
    assert_eq!(
        v["what_if"]["steps"][0]["addition"]["skills"],
        serde_json::json!(["fr"])
    );
    assert!(v["what_if"]["alternatives"].as_array().unwrap().len() <= 2);
}

#[test]
fn whatif_fragment_pasted_leaves_what_it_claims_with_per_agent_rules() {
    let t = tempfile::tempdir().unwrap();
    let cfg = r#"
[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = "UTC"
need = [{ at = "daily 09:00-17:00", agents = 2 }]
[templates]
day = { start = "09:00", end = "17:00" }
[agents]
ana = { zone = "UTC", rules = { max_hours_per_week = 56, max_shifts_per_week = 7, max_consecutive_days = 7 } }
bo = { zone = "UTC", rules = { max_hours_per_week = 8, max_shifts_per_week = 1 } }
"#;
    let (_, claimed, again) = paste_hint(t.path(), cfg);
    assert_eq!(uncovered(&again), claimed, "{}", again.stdout);
}

#[test]
fn whatif_never_suggests_a_template_the_new_agent_may_not_work() {
    let t = tempfile::tempdir().unwrap();
    let cfg = r#"
[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = "UTC"
need = [{ at = "daily 09:00-17:00", agents = 1 }, { at = "daily 17:00-23:00", agents = 1, skill = "phone" }]
[templates]
day = { start = "09:00", end = "17:00" }
late = { start = "15:00", end = "23:00", agents = ["ana"] }
[agents]
ana = { zone = "UTC", skills = ["phone"] }
bo = { zone = "UTC" }
"#;
    let (_, claimed, again) = paste_hint(t.path(), cfg);
    assert_eq!(again.code, Some(0), "{}", again.all());
    assert_eq!(uncovered(&again), claimed, "{}", again.stdout);
}
