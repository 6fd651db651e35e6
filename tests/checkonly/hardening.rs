//! Regression tests for what an independent battery found (issue 24): a file
//! that never ends, a demand whose head count would not fit the model, a
//! spreadsheet formula in an agent's name, and a rota naming a team the
//! config does not. (Two writes racing to one `-o`: `write::tests`.) Both
//! builds.

use crate::util::{Cmd, Run};
use std::path::{Path, PathBuf};

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn run(args: &[&str]) -> Run {
    Cmd::new(args).run()
}

#[cfg(unix)]
#[test]
fn a_file_that_never_ends_is_refused_at_its_bound_not_read_until_memory_runs_out() {
    let config = root("examples/phone-team.toml");
    let rota = root("schedules/phone-team/2027-01.toml");
    for args in [
        vec!["check", s(&config), "/dev/zero"],
        vec!["check", "/dev/zero", s(&rota)],
        vec!["show", s(&config), "/dev/zero"],
    ] {
        let r = run(&args);
        r.expect_code(2)
            .stderr_has("cannot read /dev/zero: it is larger than 256 MiB");
    }
}

/// examples/demand.toml with its `per_hour` line replaced.
fn demand(per_hour: &str) -> (tempfile::TempDir, PathBuf) {
    let text = std::fs::read_to_string(root("examples/demand.toml")).unwrap();
    let line = text.lines().find(|l| l.starts_with("per_hour = ")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demand.toml");
    std::fs::write(&path, text.replace(line, &format!("per_hour = {per_hour}"))).unwrap();
    (dir, path)
}

#[test]
fn a_demand_whose_head_count_would_not_fit_the_model_is_refused_where_it_is_written() {
    let (_d, cfg) = demand(&format!("[{}]", ["1e12"; 24].join(", ")));
    run(&["demand", s(&cfg)])
        .expect_code(2)
        .stderr_has("per_hour needs 24 numbers from 0 to 1000000")
        .stderr_has("demand.toml:15:");
    // Within the volume bound, but Erlang C would ask for thousands of agents at once.
    let (_d, cfg) = demand(&format!("[{}]", ["900000"; 24].join(", ")));
    let r = run(&["demand", s(&cfg)]);
    r.expect_code(2).stderr_has("more than a coverage need may ask (1000)");
    assert!(r.stderr.contains("demand `phone` needs "), "{r}");
    // The example itself is fine.
    run(&["demand", s(&root("examples/demand.toml"))]).expect_code(0);
}

#[test]
fn a_formula_in_an_agents_name_reaches_the_spreadsheet_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let name = "=HYPERLINK(\"http://evil.example\",\"pay\")";
    let toml_name = name.replace('"', "\\\"");
    let config = std::fs::read_to_string(root("examples/phone-team.toml"))
        .unwrap()
        .replace("aoife = {", &format!("\"{toml_name}\" = {{"));
    let rota = std::fs::read_to_string(root("schedules/phone-team/2027-01.toml"))
        .unwrap()
        .replace("\"aoife\"", &format!("\"{toml_name}\""));
    std::fs::write(dir.path().join("team.toml"), config).unwrap();
    std::fs::write(dir.path().join("r.toml"), rota).unwrap();
    let (c, r) = (dir.path().join("team.toml"), dir.path().join("r.toml"));
    for extra in [&[][..], &["--summary"][..]] {
        let mut args = vec!["export", "csv", s(&c), s(&r)];
        args.extend(extra);
        let out = run(&args);
        out.expect_code(0);
        let cells: Vec<csv::StringRecord> = csv::Reader::from_reader(out.stdout.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        let theirs: Vec<&csv::StringRecord> = cells.iter().filter(|r| r[0].contains("HYPERLINK")).collect();
        assert!(!theirs.is_empty(), "{out}");
        for row in theirs {
            assert_eq!(&row[0], format!("'{name}"), "shown as text, not run as a formula");
        }
    }
}

#[test]
fn a_rota_naming_a_team_is_refused_by_a_config_that_names_none() {
    let dir = tempfile::tempdir().unwrap();
    let config = std::fs::read_to_string(root("examples/phone-team.toml")).unwrap();
    let unnamed: String = config
        .lines()
        .filter(|l| !l.starts_with("team = ") && !l.starts_with("dir = ") && *l != "[rota]")
        .map(|l| format!("{l}\n"))
        .collect();
    let rota = std::fs::read_to_string(root("schedules/phone-team/2027-01.toml")).unwrap();
    let other: String = rota
        .replace("team = \"phone-team\"", "team = \"other-team\"")
        .lines()
        .filter(|l| !l.starts_with("fingerprint = "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("team.toml"), unnamed).unwrap();
    std::fs::write(dir.path().join("r.toml"), other).unwrap();
    let (c, r) = (dir.path().join("team.toml"), dir.path().join("r.toml"));
    run(&["check", s(&c), s(&r)])
        .expect_code(2)
        .stderr_has("it is a rota of team `other-team`, and the config names no team");
}
