//! Issue 21, nothing wasted and one rule for foreign rotas: a write that
//! would be refused is refused before the solve (asserted on the solver's
//! log, which `--verbose` prints, not on time), and every command that reads
//! a rota refuses another team's in one message, exit 2, nothing written.
//! The check-only side (`check`, `show`, a leaver, a team name without a
//! fingerprint) is in `tests/checkonly/`.

use crate::util::*;

/// What the solver's log (`--verbose`) prints once it starts.
const SOLVER_LOG: &str = "HiGHS";

/// A small unnamed team: `agents` on `template`, weekdays 08:00–16:00 UTC.
fn desk(agents: &[&str], template: &str) -> String {
    let mut t = Team::new()
        .need("Mon-Fri 08:00-16:00", 1)
        .template(template, "08:00", "16:00");
    for a in agents {
        t = t.agent(a, "UTC");
    }
    t.toml()
}

fn arg(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn plan_onto_an_existing_different_file_is_refused_before_the_solve() {
    let team = TeamDir::new(&desk(&["ana", "bo"], "day"));
    team.write("r.toml", "hand notes\n");
    let refused = team.plan("r.toml", &["--verbose"]);
    refused.expect_code(2);
    assert!(refused.stderr.contains("r.toml exists; not replacing it"), "{refused}");
    assert!(refused.stderr.contains("refused before the solve"), "{refused}");
    assert!(refused.stderr.contains("--force"), "{refused}");
    assert!(!refused.stderr.contains(SOLVER_LOG), "the solver ran: {refused}");
    assert!(refused.stdout.is_empty(), "{refused}");
    assert_eq!(team.text("r.toml"), "hand notes\n");
    // The same run with --force solves (so the log's absence above means something).
    let forced = team.plan("r.toml", &["--verbose", "--force"]);
    forced.expect_code(0);
    assert!(forced.stderr.contains(SOLVER_LOG), "{forced}");
    // A rota there now: planning onto it again is refused too (it would
    // differ as soon as an input changed); re-planning it in place with --keep is not.
    let planned = team.text("r.toml");
    let shifts = team.rota("r.toml").shift_set();
    team.plan("r.toml", &["--verbose"]).expect_code(2);
    let r = arg(&team.path("r.toml"));
    let kept = team.plan("r.toml", &["--keep", &r]);
    kept.expect_code(0);
    assert!(team.text("r.toml").contains("changes = 0"), "{kept}");
    assert_eq!(
        team.rota("r.toml").shift_set(),
        shifts,
        "nothing changed, nothing to change"
    );
    // An empty file (from mktemp) holds nothing to lose.
    team.write("empty.toml", "");
    team.plan("empty.toml", &[]).expect_code(0);
    assert_eq!(team.text("empty.toml"), planned);
}

#[test]
fn swap_onto_another_existing_file_is_refused_before_the_swap() {
    let team = TeamDir::new(&desk(&["ana", "bo"], "day"));
    team.plan("r.toml", &[]).expect_code(0);
    team.write("other.toml", "mine\n");
    let (c, r, o) = (
        arg(&team.config),
        arg(&team.path("r.toml")),
        arg(&team.path("other.toml")),
    );
    let ana_monday = team
        .rota("r.toml")
        .shifts
        .iter()
        .any(|s| s.agent == "ana" && s.start_text.starts_with("2026-03-02"));
    let (from, to) = if ana_monday { ("ana", "bo") } else { ("bo", "ana") };
    let run = sunrota(["swap", &c, &r, "give", from, "2026-03-02", to, "-o", &o]);
    run.expect_code(2);
    assert!(run.stderr.contains("exists; not replacing it"), "{run}");
    assert!(run.stdout.is_empty(), "refused before the swap was made: {run}");
    assert_eq!(team.text("other.toml"), "mine\n");
}

/// Two unnamed teams in one coverage zone: ours, and theirs with other
/// agents and another template.
struct Two {
    ours: TeamDir,
    theirs: PathBuf,
}

fn two_teams() -> Two {
    let ours = TeamDir::new(&desk(&["ana", "bo"], "day"));
    ours.write("theirs.toml", &desk(&["kai", "lu"], "early"));
    let theirs = ours.path("theirs.toml");
    sunrota(["plan", &arg(&theirs), "-o", &arg(&ours.path("rota-theirs.toml")), "-q"]).expect_code(0);
    ours.plan("rota-ours.toml", &["-q"]).expect_code(0);
    Two {
        theirs: ours.path("rota-theirs.toml"),
        ours,
    }
}

#[test]
fn every_command_refuses_another_teams_rota_in_one_message() {
    let two = two_teams();
    let d = &two.ours;
    let (c, r) = (arg(&d.config), arg(&two.theirs));
    let mine = arg(&d.path("rota-ours.toml"));
    let out = |name: &str| arg(&d.path(name));
    let cases: Vec<Vec<String>> = vec![
        vec!["check".into(), c.clone(), r.clone()],
        vec!["show".into(), c.clone(), r.clone()],
        vec!["report".into(), c.clone(), r.clone(), "-o".into(), out("x.html")],
        vec![
            "export".into(),
            "csv".into(),
            c.clone(),
            r.clone(),
            "-o".into(),
            out("x.csv"),
        ],
        vec![
            "export".into(),
            "ics".into(),
            c.clone(),
            r.clone(),
            "-o".into(),
            out("cal"),
        ],
        vec![
            "swap".into(),
            c.clone(),
            r.clone(),
            "give".into(),
            "kai".into(),
            "2026-03-02".into(),
            "lu".into(),
        ],
        vec!["diff".into(), c.clone(), mine.clone(), r.clone()],
        vec!["diff".into(), c.clone(), r.clone(), mine.clone()],
        vec![
            "plan".into(),
            c.clone(),
            "--keep".into(),
            r.clone(),
            "-o".into(),
            out("x.toml"),
        ],
        vec![
            "plan".into(),
            c.clone(),
            "--after".into(),
            r.clone(),
            "-o".into(),
            out("x.toml"),
        ],
    ];
    let before = std::fs::read(&two.theirs).unwrap();
    for args in cases {
        let run = sunrota(&args);
        run.expect_code(2);
        assert!(run.stdout.is_empty(), "{run}");
        assert!(
            run.stderr.contains("was not planned from") || run.stderr.contains("cannot continue after"),
            "{run}"
        );
        assert!(run.stderr.contains("agents are not in the config"), "{run}");
        assert!(run.stderr.lines().count() <= 3, "one message: {run}");
    }
    assert_eq!(std::fs::read(&two.theirs).unwrap(), before, "their rota untouched");
    for name in ["x.html", "x.csv", "cal", "x.toml"] {
        assert!(!d.path(name).exists(), "{name} was written");
    }
}

#[test]
fn keep_of_a_rota_of_another_horizon_writes_nothing() {
    let team = TeamDir::new(&desk(&["ana", "bo"], "day"));
    team.plan("march.toml", &["-q"]).expect_code(0);
    let later = std::fs::read_to_string(&team.config)
        .unwrap()
        .replace("start = 2026-03-02", "start = 2026-03-09");
    team.write("later.toml", &later);
    let keep = arg(&team.path("march.toml"));
    let run = sunrota([
        "plan",
        &arg(&team.path("later.toml")),
        "--keep",
        &keep,
        "-o",
        &arg(&team.path("x.toml")),
    ]);
    run.expect_code(2);
    assert!(run.stderr.contains("covers 1 week(s) from 2026-03-02"), "{run}");
    assert!(!team.path("x.toml").exists());
}
