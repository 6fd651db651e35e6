//! `check` recomputes the rota's objective itself and confirms or refutes
//! the `[summary]` the planner wrote (issue 9).

use super::*;

fn committed(name: &str) -> (PathBuf, String) {
    let path = Path::new(ROOT).join(name);
    let text = std::fs::read_to_string(&path).expect("committed rota");
    (path, text)
}

fn check_json(config: &str, rotas: &[&Path]) -> Json {
    let config = Path::new(ROOT).join(config);
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        config.as_os_str(),
    ];
    args.extend(rotas.iter().map(|p| p.as_os_str()));
    let run = sunrota(args);
    run.json()
}

/// The old engine's artefact: `optimal` at 22 404 for a rota whose real
/// objective was higher. `check` must never let such a summary pass silently.
#[test]
fn issue9_check_refutes_optimal_at_22404() {
    let (_, text) = committed("schedules/follow-the-sun.toml");
    assert!(
        text.contains("objective = 22862.0"),
        "the committed rota is the proven optimum"
    );
    let dir = tempfile::tempdir().unwrap();
    let rota = dir.path().join("follow-the-sun.toml");
    let forged = text
        .replace("objective = 22862.0", "objective = 22404.0")
        .replace("best_bound = 22862.0", "best_bound = 22404.0");
    std::fs::write(&rota, forged).unwrap();
    let config = Path::new(ROOT).join("examples/follow-the-sun.toml");
    let run = sunrota([OsStr::new("check"), config.as_os_str(), rota.as_os_str()]);
    // The rota itself is fine (exit 0); the summary is called out.
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("note: its [summary] is not confirmed: its objective is 22862.000, not 22404.000"),
        "{run}"
    );
    assert!(run.stdout.contains("status \"optimal\" is not proven"), "{run}");
    let doc = check_json("examples/follow-the-sun.toml", &[&rota]);
    assert_eq!(doc["rotas"][0]["summary_confirmed"], false, "{doc}");
    assert_eq!(doc["rotas"][0]["findings"]["objective"], 22862.0, "{doc}");
}

/// The committed rotas' summaries hold: the objective recomputed term by term
/// is the planner's, for a chain with on-call holds, comp days and history.
#[test]
fn issue9_committed_summaries_are_confirmed_term_by_term() {
    let fts = Path::new(ROOT).join("schedules/follow-the-sun.toml");
    let doc = check_json("examples/follow-the-sun.toml", &[&fts]);
    assert_eq!(doc["rotas"][0]["summary_confirmed"], true, "{doc}");
    let months: Vec<PathBuf> = ["2027-01", "2027-02", "2027-03"]
        .iter()
        .map(|m| Path::new(ROOT).join(format!("schedules/phone-team/{m}.toml")))
        .collect();
    let refs: Vec<&Path> = months.iter().map(PathBuf::as_path).collect();
    let doc = check_json("examples/phone-team.toml", &refs);
    for (i, month) in months.iter().enumerate() {
        let r = &doc["rotas"][i];
        assert_eq!(r["summary_confirmed"], true, "{}: {r}", month.display());
        let terms = r["findings"]["objective_terms"].as_array().expect("terms");
        let sum: f64 = terms.iter().map(|t| t["value"].as_f64().unwrap()).sum();
        let objective = r["findings"]["objective"].as_f64().expect("objective");
        assert!((sum - objective).abs() < 1e-6, "terms add up: {r}");
        let term = |name: &str| {
            terms.iter().find(|t| t["term"] == name).expect(name)["value"]
                .as_f64()
                .unwrap()
        };
        // A phone team earns and takes comp days: their reward is in the objective.
        assert!(term("comp-days") < 0.0, "{r}");
        assert!(term("hours") > 0.0, "{r}");
    }
}

/// A hand edit changes the objective; check recomputes it and says the
/// summary is stale, while the rota itself may still be clean.
#[test]
fn issue9_an_edited_rota_gets_its_own_objective() {
    let (_, text) = committed("schedules/follow-the-sun.toml");
    // Lukas's Wednesday late shift, made early (the README's walk-through edit).
    let old = r#"{ agent = "lukas", template = "late", start = 2026-03-04T12:00:00+00:00, end = 2026-03-04T20:00:00+00:00 },"#;
    assert!(text.contains(old));
    let dir = tempfile::tempdir().unwrap();
    let rota = dir.path().join("follow-the-sun.toml");
    std::fs::write(&rota, text.replace(old, "")).unwrap();
    let doc = check_json("examples/follow-the-sun.toml", &[&rota]);
    let r = &doc["rotas"][0];
    assert_eq!(r["summary_confirmed"], false, "{r}");
    let problems = r["summary_problems"].to_string();
    // Lukas's week now breaks his days-off rule: nothing to confirm.
    assert!(!r["findings"]["violations"].as_array().unwrap().is_empty(), "{r}");
    assert_eq!(r["findings"]["objective"], Json::Null, "{r}");
    assert!(problems.contains("breaks a rule"), "{r}");
}

/// A shift removed without breaking a rule: the recomputed objective is the
/// committed optimum plus the shift's uncovered minutes, less its labour.
#[test]
fn issue9_a_removed_shift_is_priced_exactly() {
    let (_, text) = committed("schedules/follow-the-sun.toml");
    let dir = tempfile::tempdir().unwrap();
    let rota = dir.path().join("follow-the-sun.toml");
    let mut found = None;
    // The first shift whose removal keeps every rule.
    for line in text.lines().filter(|l| l.trim_start().starts_with("{ agent =")) {
        std::fs::write(&rota, text.replace(&format!("{line}\n"), "")).unwrap();
        let doc = check_json("examples/follow-the-sun.toml", &[&rota]);
        if doc["rotas"][0]["findings"]["objective"].is_number() {
            found = Some(doc);
            break;
        }
    }
    let doc = found.expect("some shift can go without breaking a rule");
    let r = &doc["rotas"][0];
    assert_eq!(r["summary_confirmed"], false, "{r}");
    assert!(r["summary_problems"].to_string().contains("not 22862.000"), "{r}");
    let terms = r["findings"]["objective_terms"].as_array().unwrap();
    let term = |name: &str| {
        terms.iter().find(|t| t["term"] == name).unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    let uncovered = r["uncovered_agent_minutes"].as_f64().unwrap();
    // Weights of the example: 100 per uncovered agent-minute.
    assert_eq!(term("uncovered"), 100.0 * uncovered, "{r}");
    let obj = r["findings"]["objective"].as_f64().unwrap();
    assert!(obj > 22862.0, "an optimal rota less one shift costs more: {r}");
}
