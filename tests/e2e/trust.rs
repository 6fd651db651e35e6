//! Trust (issue 13): writes never destroy — each overwrite path refused —,
//! one team, one place (`[rota] dir`, the team fingerprint in every rota,
//! other teams' rotas and unrelated files skipped or refused, saying so),
//! plain names, and the summary note when only the minutes changed.

use crate::util::*;

/// A small team that plans in a moment; `extra` goes before `[horizon]`.
fn small(extra: &str) -> String {
    format!(
        r#"{extra}
[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = "UTC"
need = [{{ at = "Mon-Fri 08:00-16:00", agents = 1 }}]
[templates]
day = {{ start = "08:00", end = "16:00" }}
[agents]
ana = {{ zone = "UTC" }}
bo = {{ zone = "UTC" }}
"#
    )
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Cmd::new(args).dir(dir).run()
}

#[test]
fn plan_never_writes_over_an_input_or_a_different_file() {
    let team = TeamDir::new(&small(""));
    let d = team.dir.path();
    let config = std::fs::read_to_string(d.join("team.toml")).unwrap();
    // Onto the config: refused, even with --force.
    let onto = run_in(d, &["plan", "team.toml", "-o", "team.toml", "--force"]);
    onto.expect_code(2);
    assert!(onto.stderr.contains("is an input of this command"), "{onto}");
    assert_eq!(std::fs::read_to_string(d.join("team.toml")).unwrap(), config);
    // A new file; the same plan again is identical, so no --force is needed.
    run_in(d, &["plan", "team.toml", "-o", "r.toml"]).expect_code(0);
    let first = std::fs::read_to_string(d.join("r.toml")).unwrap();
    run_in(d, &["plan", "team.toml", "-o", "r.toml"]).expect_code(0);
    // A different file is not replaced without --force.
    std::fs::write(d.join("r.toml"), "hand notes\n").unwrap();
    let refused = run_in(d, &["plan", "team.toml", "-o", "r.toml"]);
    refused.expect_code(2);
    assert!(refused.stderr.contains("exists and differs"), "{refused}");
    assert!(refused.stderr.contains("--force"), "{refused}");
    assert_eq!(std::fs::read_to_string(d.join("r.toml")).unwrap(), "hand notes\n");
    run_in(d, &["plan", "team.toml", "-o", "r.toml", "--force"]).expect_code(0);
    assert_eq!(std::fs::read_to_string(d.join("r.toml")).unwrap(), first);
    let stray: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("sunrota-tmp"))
        .collect();
    assert!(stray.is_empty(), "a temporary file was left behind");
}

#[cfg(unix)]
#[test]
fn a_read_only_rota_is_refused_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let team = TeamDir::new(&small(""));
    let d = team.dir.path();
    std::fs::write(d.join("r.toml"), "old\n").unwrap();
    std::fs::set_permissions(d.join("r.toml"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = run_in(d, &["plan", "team.toml", "-o", "r.toml", "--force"]);
    run.expect_code(2);
    assert!(run.stderr.contains("read-only"), "{run}");
    let meta = std::fs::metadata(d.join("r.toml")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o444);
    assert_eq!(std::fs::read_to_string(d.join("r.toml")).unwrap(), "old\n");
    // A writable rota keeps its mode when replaced.
    std::fs::set_permissions(d.join("r.toml"), std::fs::Permissions::from_mode(0o640)).unwrap();
    run_in(d, &["plan", "team.toml", "-o", "r.toml", "--force"]).expect_code(0);
    let meta = std::fs::metadata(d.join("r.toml")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
}

#[test]
fn plan_after_a_directory_never_writes_over_a_rota_it_reads() {
    let team = TeamDir::new(&small(""));
    let d = team.dir.path();
    std::fs::create_dir(d.join("s")).unwrap();
    run_in(d, &["plan", "team.toml", "-o", "s/1.toml"]).expect_code(0);
    let before = std::fs::read_to_string(d.join("s/1.toml")).unwrap();
    let run = run_in(d, &["plan", "team.toml", "--after", "s", "-o", "s/1.toml", "--force"]);
    run.expect_code(2);
    assert!(run.stderr.contains("is an input of this command"), "{run}");
    assert_eq!(std::fs::read_to_string(d.join("s/1.toml")).unwrap(), before);
}

#[test]
fn import_nrp_does_not_replace_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let instance = Path::new(ROOT).join("tests/data/curtois/Instance1.txt");
    let out = dir.path().join("i1.toml");
    std::fs::write(&out, "mine\n").unwrap();
    let args = |force: bool| {
        let mut a = vec![
            OsStr::new("import").to_os_string(),
            OsStr::new("nrp").to_os_string(),
            instance.clone().into_os_string(),
            OsStr::new("-o").to_os_string(),
            out.clone().into_os_string(),
        ];
        if force {
            a.push("--force".into());
        }
        a
    };
    let run = sunrota(args(false));
    run.expect_code(2);
    assert!(run.stderr.contains("exists and differs"), "{run}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine\n");
    sunrota(args(true)).expect_code(0);
    assert!(std::fs::read_to_string(&out).unwrap().contains("[agents.\"A\"]"));
}

#[test]
fn a_team_with_a_rota_dir_plans_checks_and_keeps_its_books_there() {
    let team = TeamDir::new(&small("[rota]\nteam = \"desk\"\ndir = \"rotas\"\n"));
    let d = team.dir.path();
    // No -o, no --after: the first rota goes to rotas/START.toml ...
    run_in(d, &["plan", "team.toml"]).expect_code(0);
    let first = std::fs::read_to_string(d.join("rotas/2026-03-02.toml")).unwrap();
    assert!(first.contains("team = \"desk\""), "{first}");
    assert!(first.contains("fingerprint = \""), "{first}");
    // ... the next continues after it.
    let next = run_in(d, &["plan", "team.toml"]);
    next.expect_code(0);
    assert!(d.join("rotas/2026-03-09.toml").exists(), "{next}");
    // check with no rota checks the team's directory; ledger reads it too.
    let check = run_in(d, &["check", "team.toml"]);
    check.expect_code(0);
    assert_eq!(check.stdout.matches(": ok").count(), 2, "{check}");
    run_in(d, &["ledger", "team.toml"]).expect_code(0);
    // Without [rota] dir and without a rota, check says what to do.
    let bare = TeamDir::new(&small(""));
    let none = run_in(bare.dir.path(), &["check", "team.toml"]);
    none.expect_code(2);
    assert!(none.stderr.contains("[rota] dir"), "{none}");
}

#[test]
fn rotas_of_another_team_are_refused_or_skipped_saying_so() {
    let team = TeamDir::new(&small("[rota]\nteam = \"desk\"\n"));
    let d = team.dir.path();
    std::fs::write(d.join("other.toml"), small("[rota]\nteam = \"night-desk\"\n")).unwrap();
    std::fs::create_dir(d.join("s")).unwrap();
    run_in(d, &["plan", "other.toml", "-o", "s/theirs.toml"]).expect_code(0);
    // A rota named explicitly: refused by check and by --after.
    let check = run_in(d, &["check", "team.toml", "s/theirs.toml"]);
    check.expect_code(2);
    assert!(check.stderr.contains("a rota of team `night-desk`"), "{check}");
    let after = run_in(d, &["plan", "team.toml", "--after", "s/theirs.toml", "-o", "mine.toml"]);
    after.expect_code(2);
    assert!(after.stderr.contains("cannot continue after"), "{after}");
    // In a directory: skipped with a note, with unrelated files beside it.
    std::fs::write(d.join("s/binary.toml"), [0xff, 0xfe, 0x00, 0x5b]).unwrap();
    std::fs::write(d.join("s/notes.toml"), "title = \"not a rota\"\n").unwrap();
    let ledger = run_in(d, &["ledger", "team.toml", "s"]);
    ledger.expect_code(0);
    assert!(
        ledger
            .stderr
            .contains("skipping s/theirs.toml: a rota of team `night-desk`, not `desk`"),
        "{ledger}"
    );
    assert!(
        ledger.stderr.contains("skipping s/binary.toml: not UTF-8 text"),
        "{ledger}"
    );
    assert!(ledger.stdout.contains("no rotas yet"), "{ledger}");
    // A broken rota beside ours says why it was read.
    std::fs::write(
        d.join("s/broken.toml"),
        "[rota]\nstart = 2026-02-23\nweeks = 1\nzone = 3\n",
    )
    .unwrap();
    run_in(d, &["plan", "team.toml", "-o", "s/mine.toml"]).expect_code(0);
    let broken = run_in(d, &["check", "team.toml", "s/mine.toml"]);
    broken.expect_code(2);
    assert!(
        broken.stderr.contains("was read as one of the team's rotas"),
        "{broken}"
    );
}

#[test]
fn names_must_be_plain() {
    for (name, shown) in [
        ("\"ana\\nbo\"", "ana\\nbo"),
        ("\"\\u202Eana\"", "\\u{202e}ana"),
        ("\"\"", "\"\""),
    ] {
        let text = small("").replace("ana = {", &format!("{name} = {{"));
        let team = TeamDir::new(&text);
        let run = team.check(&[], &[]);
        let run = if run.code == Some(2) && run.stderr.contains("not a plain name") {
            run
        } else {
            team.plan("r.toml", &[])
        };
        run.expect_code(2);
        assert!(run.stderr.contains("is not a plain name"), "{name}: {run}");
        assert!(run.stderr.contains(shown.trim_matches('"')), "{name}: {run}");
        assert!(run.stderr.contains("team.toml:"), "points into the file: {run}");
    }
}
