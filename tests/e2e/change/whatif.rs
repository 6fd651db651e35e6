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
