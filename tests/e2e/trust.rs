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
    // A new file; planning onto it again is refused before the solve (whether
    // the rota differs is known only after it), with --force it is the same file.
    run_in(d, &["plan", "team.toml", "-o", "r.toml"]).expect_code(0);
    let first = std::fs::read_to_string(d.join("r.toml")).unwrap();
    run_in(d, &["plan", "team.toml", "-o", "r.toml"]).expect_code(2);
    run_in(d, &["plan", "team.toml", "-o", "r.toml", "--force"]).expect_code(0);
    assert_eq!(std::fs::read_to_string(d.join("r.toml")).unwrap(), first);
    // A different file is not replaced without --force.
    std::fs::write(d.join("r.toml"), "hand notes\n").unwrap();
    let refused = run_in(d, &["plan", "team.toml", "-o", "r.toml"]);
    refused.expect_code(2);
    assert!(refused.stderr.contains("exists; not replacing it"), "{refused}");
    assert!(refused.stderr.contains("--force"), "{refused}");
    assert_eq!(std::fs::read_to_string(d.join("r.toml")).unwrap(), "hand notes\n");
    run_in(d, &["plan", "team.toml", "-o", "r.toml", "--force"]).expect_code(0);
    assert_eq!(std::fs::read_to_string(d.join("r.toml")).unwrap(), first);
    let stray: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(std::result::Result::ok)
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

// ---------------------------------------------------------------------------
// Independent review of the trust work (issue 13, review13): writes that
// never destroy (symlinks, pipes, nested directories, swap -o), one team in
// one place, plain names. Each spawns the binary in a temporary directory.
// ---------------------------------------------------------------------------

/// `sunrota ARGS...` in `dir`, without colour.
fn run(dir: &Path, args: &[&str]) -> Run {
    Cmd::new(args).dir(dir).env("NO_COLOR", "1").run()
}

/// A one-week team that plans in a moment: `agents` in UTC and one weekday
/// 08:00–16:00 seat.
fn desk(agents: &[&str]) -> Team {
    let team = Team::new()
        .need("Mon-Fri 08:00-16:00", 1)
        .template("day", "08:00", "16:00");
    agents.iter().fold(team, |t, a| t.agent(a, "UTC"))
}

/// The desk team (ana, bo), named "desk", its rotas in `dir`.
fn named(dir: &str) -> String {
    desk(&["ana", "bo"]).named("desk", Some(dir)).toml()
}

// Writes that never destroy.

#[test]
fn the_config_is_refused_by_any_spelling_of_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let config = desk(&["ana", "bo"]).toml();
    write(d.join("team.toml"), &config);
    std::fs::create_dir(d.join("sub")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("team.toml", d.join("link.toml")).unwrap();
    let abs = d.join("team.toml").display().to_string();
    let mut spellings = vec![abs.as_str(), "./team.toml", "sub/../team.toml"];
    if cfg!(unix) {
        spellings.push("link.toml");
    }
    for out in spellings {
        let r = run(d, &["plan", "team.toml", "-q", "-o", out, "--force"]);
        assert_eq!(r.code, Some(2), "{out}: {r}");
        assert!(r.stderr.contains("is an input of this command"), "{out}: {r}");
        assert_eq!(read(d.join("team.toml")), config, "{out}");
    }
}

#[cfg(unix)]
#[test]
fn force_through_a_symlink_never_changes_the_file_it_points_to() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("team.toml"), desk(&["ana", "bo"]).toml());
    write(d.join("other/notes.toml"), "keep me\n");
    std::os::unix::fs::symlink("other/notes.toml", d.join("link.toml")).unwrap();
    let refused = run(d, &["plan", "team.toml", "-q", "-o", "link.toml"]);
    assert_eq!(refused.code, Some(2), "{refused}");
    assert!(refused.stderr.contains("exists; not replacing it"), "{refused}");
    assert_eq!(
        run(d, &["plan", "team.toml", "-q", "-o", "link.toml", "--force"]).code,
        Some(0)
    );
    assert_eq!(read(d.join("other/notes.toml")), "keep me\n");
    assert!(read(d.join("link.toml")).contains("[rota]"));
}

#[test]
fn output_into_a_missing_nested_directory_is_created_and_no_temp_is_left() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("team.toml"), desk(&["ana", "bo"]).toml());
    let r = run(d, &["plan", "team.toml", "-q", "-o", "new/deep/r.toml"]);
    assert_eq!(r.code, Some(0), "{r}");
    assert!(read(d.join("new/deep/r.toml")).contains("start = 2026-03-02"));
    let names: Vec<String> = std::fs::read_dir(d.join("new/deep"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["r.toml".to_string()]);
    // A trailing slash names a directory: a clean refusal, nothing created.
    let slash = run(d, &["plan", "team.toml", "-q", "-o", "newdir/"]);
    assert_eq!(slash.code, Some(2), "{slash}");
    assert!(!d.join("newdir").exists());
    assert!(!d.join(".newdir.sunrota-tmp").exists());
}

#[test]
fn after_dir_never_writes_over_a_rota_of_its_chain_and_keep_replans_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("team.toml"), desk(&["ana", "bo"]).toml());
    assert_eq!(run(d, &["plan", "team.toml", "-q", "-o", "s/a.toml"]).code, Some(0));
    assert_eq!(
        run(d, &["plan", "team.toml", "-q", "--after", "s", "-o", "s/b.toml"]).code,
        Some(0)
    );
    let (a, b) = (read(d.join("s/a.toml")), read(d.join("s/b.toml")));
    for onto in ["s/a.toml", "s/b.toml", "s/../s/b.toml"] {
        let r = run(d, &["plan", "team.toml", "-q", "--after", "s", "-o", onto, "--force"]);
        assert_eq!(r.code, Some(2), "{onto}: {r}");
        assert!(r.stderr.contains("is an input of this command"), "{onto}: {r}");
    }
    assert_eq!((read(d.join("s/a.toml")), read(d.join("s/b.toml"))), (a.clone(), b));
    // --keep R -o R is the edit --keep exists for: no --force needed.
    write(d.join("team.toml"), desk(&["ana", "bo", "cy"]).toml());
    let kept = run(d, &["plan", "team.toml", "-q", "--keep", "s/a.toml", "-o", "s/a.toml"]);
    assert_eq!(kept.code, Some(0), "{kept}");
    assert_eq!(run(d, &["check", "team.toml", "s/a.toml"]).code, Some(0));
}

/// `swap -o FILE` onto an existing, unrelated file replaces it silently
/// (swap passes `force: true` to every write, since its `--force` means
/// "break rules").
#[test]
fn swap_output_refuses_an_existing_different_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("team.toml"), desk(&["ana", "bo"]).toml());
    assert_eq!(run(d, &["plan", "team.toml", "-q", "-o", "r1.toml"]).code, Some(0));
    let worker = if read(d.join("r1.toml")).contains("agent = \"ana\", template = \"day\", start = 2026-03-02T") {
        ("ana", "bo")
    } else {
        ("bo", "ana")
    };
    write(d.join("precious.toml"), "precious\n");
    let r = run(
        d,
        &[
            "swap",
            "team.toml",
            "r1.toml",
            "give",
            worker.0,
            "2026-03-02",
            worker.1,
            "-o",
            "precious.toml",
        ],
    );
    assert_eq!(read(d.join("precious.toml")), "precious\n", "{r}");
    assert_eq!(r.code, Some(2), "{r}");
}

/// A FIFO (or `/dev/stdout` into a pipe) as `-o`: the write first reads the
/// target to compare it, and that read blocks for ever.
#[cfg(unix)]
#[test]
fn plan_output_onto_a_fifo_ends_and_keeps_the_fifo() {
    use std::os::unix::fs::FileTypeExt;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("team.toml"), desk(&["ana", "bo"]).toml());
    let made = Command::new("mkfifo").arg(d.join("out.fifo")).status().unwrap();
    assert!(made.success());
    let mut child = Command::new(BIN)
        .current_dir(d)
        .args(["plan", "team.toml", "-q", "-o", "out.fifo", "--format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > until {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.is_some(), "plan -o FIFO still running after 20 s");
    let kind = std::fs::symlink_metadata(d.join("out.fifo")).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by a regular file");
}

/// A symlink left at the temporary name redirects the write: the file it
/// points to (here a copy of the config; it could be the config) is
/// truncated and filled with the rota.
#[cfg(unix)]
#[test]
fn a_symlink_at_the_temporary_name_never_redirects_the_write() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let config = desk(&["ana", "bo"]).toml();
    write(d.join("team.toml"), &config);
    write(d.join("victim.toml"), "precious\n");
    std::os::unix::fs::symlink("victim.toml", d.join(".r.toml.sunrota-tmp")).unwrap();
    let r = run(d, &["plan", "team.toml", "-q", "-o", "r.toml"]);
    assert_eq!(read(d.join("victim.toml")), "precious\n", "{r}");
    assert!(read(d.join("r.toml")).contains("[rota]"));
}

// One team, one place.

#[test]
fn plan_with_a_rota_dir_writes_start_files_and_continues_the_chain() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("cfg/team.toml"), named("../rotas"));
    assert_eq!(run(d, &["plan", "cfg/team.toml", "-q"]).code, Some(0));
    let second = run(d, &["plan", "cfg/team.toml", "-q"]);
    assert_eq!(second.code, Some(0), "{second}");
    assert!(second.stderr.contains("Continuing after"), "{second}");
    let first = read(d.join("rotas/2026-03-02.toml"));
    assert!(
        first.contains("team = \"desk\"") && first.contains("fingerprint = \""),
        "{first}"
    );
    assert!(read(d.join("rotas/2026-03-09.toml")).contains("start = 2026-03-09"));
    // `check CONFIG` checks both, from another working directory too.
    let all = run(&d.join("cfg"), &["check", "team.toml"]);
    assert_eq!(all.code, Some(0), "{all}");
    assert!(
        all.stdout.contains("2026-03-02.toml: ok") && all.stdout.contains("2026-03-09.toml: ok"),
        "{all}"
    );
}

#[test]
fn another_teams_rotas_are_skipped_in_a_directory_and_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("desk.toml"), named("rotas"));
    write(
        d.join("other.toml"),
        named("rotas").replace("team = \"desk\"", "team = \"other\""),
    );
    assert_eq!(run(d, &["plan", "other.toml", "-q"]).code, Some(0));
    let theirs = read(d.join("rotas/2026-03-02.toml"));
    // Desk has no rota there: check says so, naming why the file was skipped.
    let none = run(d, &["check", "desk.toml"]);
    assert_eq!(none.code, Some(2), "{none}");
    assert!(none.stderr.contains("a rota of team `other`"), "{none}");
    // Named explicitly, as a rota to check or to continue after: refused.
    let by_name = run(d, &["check", "desk.toml", "rotas/2026-03-02.toml"]);
    assert_eq!(by_name.code, Some(2), "{by_name}");
    assert!(by_name.stderr.contains("not planned from"), "{by_name}");
    let after = run(
        d,
        &[
            "plan",
            "desk.toml",
            "-q",
            "--after",
            "rotas/2026-03-02.toml",
            "-o",
            "x.toml",
        ],
    );
    assert_eq!(after.code, Some(2), "{after}");
    assert!(!d.join("x.toml").exists());
    // Desk's default output would be the same file name: never replaced.
    assert_eq!(run(d, &["plan", "desk.toml", "-q"]).code, Some(2));
    assert_eq!(read(d.join("rotas/2026-03-02.toml")), theirs);
}

/// Two teams sharing a directory collide on `DIR/START.toml`; the refusal
/// then advises `--force`, which would replace the other team's rota.
#[test]
fn the_refusal_over_another_teams_rota_names_that_team() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("desk.toml"), named("rotas"));
    write(
        d.join("other.toml"),
        named("rotas").replace("team = \"desk\"", "team = \"other\""),
    );
    assert_eq!(run(d, &["plan", "other.toml", "-q"]).code, Some(0));
    let r = run(d, &["plan", "desk.toml", "-q"]);
    assert_eq!(r.code, Some(2), "{r}");
    // What follows the refusal itself (the note before it already names them).
    let refusal = r.stderr.split("exists").nth(1).unwrap_or(&r.stderr);
    assert!(
        refusal.contains("`other`") || !refusal.contains("--force"),
        "advises --force over team `other`'s rota: {r}"
    );
}

#[test]
fn unrelated_files_beside_rotas_are_skipped_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // The config itself lives among its rotas (`dir = "."`).
    write(d.join("team.toml"), named("."));
    assert_eq!(run(d, &["plan", "team.toml", "-q"]).code, Some(0));
    std::fs::write(d.join("latin1.toml"), b"\xff\xfe[rota]\nstart = 2026-03-09\n").unwrap();
    let r = run(d, &["plan", "team.toml", "-q"]);
    assert_eq!(r.code, Some(0), "{r}");
    assert!(r.stderr.contains("latin1.toml: not UTF-8 text"), "{r}");
    assert!(d.join("2026-03-09.toml").exists());
    let all = run(d, &["check", "team.toml"]);
    assert_eq!(all.code, Some(0), "{all}");
    assert_eq!(all.stdout.matches(": ok").count(), 2, "{all}");
    // Named explicitly, the non-UTF-8 file is bad input, not a panic.
    let named_bad = run(d, &["check", "team.toml", "latin1.toml"]);
    assert_eq!(named_bad.code, Some(2), "{named_bad}");
    assert!(named_bad.stderr.contains("latin1.toml"), "{named_bad}");
}

#[test]
fn check_without_rotas_is_a_clear_input_error() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("team.toml"), named("rotas"));
    let missing = run(d, &["check", "team.toml"]);
    assert_eq!(missing.code, Some(2), "{missing}");
    assert!(missing.stderr.contains("rotas"), "{missing}");
    std::fs::create_dir(d.join("rotas")).unwrap();
    let empty = run(d, &["check", "team.toml"]);
    assert_eq!(empty.code, Some(2), "{empty}");
    assert!(empty.stderr.contains("no rota of this team in rotas"), "{empty}");
    write(d.join("plain.toml"), desk(&["ana", "bo"]).toml());
    let plain = run(d, &["check", "plain.toml"]);
    assert_eq!(plain.code, Some(2), "{plain}");
    assert!(plain.stderr.contains("no rota to check"), "{plain}");
}

#[test]
fn old_rotas_without_a_fingerprint_still_chain_once_the_team_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("anon.toml"), desk(&["ana", "bo"]).toml());
    assert_eq!(
        run(d, &["plan", "anon.toml", "-q", "-o", "rotas/2026-03-02.toml"]).code,
        Some(0)
    );
    assert!(!read(d.join("rotas/2026-03-02.toml")).contains("fingerprint"));
    write(d.join("team.toml"), named("rotas"));
    let next = run(d, &["plan", "team.toml", "-q"]);
    assert_eq!(next.code, Some(0), "{next}");
    assert!(next.stderr.contains("1 earlier rota(s)"), "{next}");
    assert!(read(d.join("rotas/2026-03-09.toml")).contains("fingerprint"));
    let all = run(d, &["check", "team.toml"]);
    assert_eq!(all.stdout.matches(": ok").count(), 2, "{all}");
}

/// A config without `[rota] team` (every config before this change): when
/// an agent leaves and is removed from it, every earlier rota they worked in
/// counts as another team's, so `--after DIR` finds nothing to continue
/// after and `ledger` forgets the history.
#[test]
fn history_survives_an_agent_leaving_an_unnamed_team() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // Two on duty every day from three agents working at most five days: bo works.
    let three = Team::new()
        .need("daily 08:00-16:00", 2)
        .template("day", "08:00", "16:00")
        .agent("ana", "UTC")
        .agent("bo", "UTC")
        .agent("cy", "UTC")
        .toml();
    write(d.join("team.toml"), &three);
    assert_eq!(
        run(d, &["plan", "team.toml", "-q", "-o", "s/2026-03-02.toml"]).code,
        Some(0)
    );
    assert!(read(d.join("s/2026-03-02.toml")).contains("agent = \"bo\""));
    write(
        d.join("team.toml"),
        three.replace("bo = { zone = \"UTC\" }", "dee = { zone = \"UTC\" }"),
    );
    let next = run(
        d,
        &["plan", "team.toml", "-q", "--after", "s", "-o", "s/2026-03-09.toml"],
    );
    assert_eq!(next.code, Some(0), "{next}");
    assert!(next.stderr.contains("1 earlier rota(s)"), "{next}");
}

/// `[rota] dir = "../rotas"` is tidied lexically against the config's path:
/// reached through a symlinked directory, the same config names one
/// directory from outside and another from inside.
#[cfg(unix)]
#[test]
fn the_rota_dir_is_the_same_from_any_working_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("real/a/b/team.toml"), named("../rotas"));
    std::os::unix::fs::symlink("real/a/b", d.join("lnk")).unwrap();
    assert_eq!(run(d, &["plan", "lnk/team.toml", "-q"]).code, Some(0));
    let inside = run(&d.join("lnk"), &["check", "team.toml"]);
    assert_eq!(inside.code, Some(0), "{inside}");
    let expected: PathBuf = d.join("real/a/rotas/2026-03-02.toml");
    assert!(expected.exists(), "written elsewhere: {}", d.join("rotas").exists());
}

// Names.

fn one_agent(name: &str) -> String {
    let quoted = toml_string(name);
    format!(
        "[horizon]\nstart = 2026-03-02\nweeks = 1\n[coverage]\nzone = \"UTC\"\n\
         need = [{{ at = \"Mon-Fri 08:00-16:00\", agents = 1, skill = {quoted} }}]\n\
         [templates]\n{quoted} = {{ start = \"08:00\", end = \"16:00\" }}\n\
         [agents]\n{quoted} = {{ zone = \"UTC\", skills = [{quoted}] }}\n"
    )
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || (c as u32) > 0x7f => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn odd_but_plain_names_round_trip_through_plan_and_check() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for name in ["[night]", "a\"b", "x=y#z", "Ana María", "李伟", "o’brien", "a\\b", "👩‍💻"] {
        write(d.join("n.toml"), one_agent(name));
        let _ = std::fs::remove_file(d.join("n.rota.toml"));
        let p = run(d, &["plan", "n.toml", "-q", "-o", "n.rota.toml"]);
        assert_eq!(p.code, Some(0), "{name}: {p}");
        assert!(p.stdout.contains("No gaps"), "{name}: {p}");
        let c = run(d, &["check", "n.toml", "n.rota.toml"]);
        assert_eq!(c.code, Some(0), "{name}: {c}");
    }
}

#[test]
fn names_that_hide_or_reorder_text_are_refused_with_a_position() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for name in [
        "",
        " ana",
        "ana\n",
        "a\u{0}b",
        "\u{202e}ana",
        "ana\u{85}",
        "\u{3000}ana",
        "ana\u{2067}x",
    ] {
        write(d.join("n.toml"), one_agent(name));
        let r = run(d, &["plan", "n.toml", "-q"]);
        assert_eq!(r.code, Some(2), "{name:?}: {r}");
        assert!(r.stderr.contains("is not a plain name"), "{name:?}: {r}");
        assert!(r.stderr.contains("n.toml:"), "{name:?}: {r}");
        assert!(!r.stderr.contains("panicked"), "{name:?}: {r}");
    }
}

/// Persian names are written with a zero-width non-joiner (علی‌زاده,
/// Alizadeh); U+200C/U+200D are part of ordinary orthography, not a trick.
#[test]
fn a_persian_name_with_a_zero_width_non_joiner_is_plain() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d.join("n.toml"), one_agent("علی\u{200c}زاده"));
    let r = run(d, &["plan", "n.toml", "-q"]);
    assert_eq!(r.code, Some(0), "{r}");
}

/// U+2028 (a line break to many editors and to JavaScript) and U+061C (a
/// bidirectional mark, like U+200E) pass the rule.
#[test]
fn line_separators_and_the_arabic_letter_mark_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for name in ["ana\u{2028}bo", "ana\u{2029}bo", "ana\u{061c}bo"] {
        write(d.join("n.toml"), one_agent(name));
        let r = run(d, &["plan", "n.toml", "-q"]);
        assert_eq!(r.code, Some(2), "{name:?}: {r}");
    }
}

// ---------------------------------------------------------------------------
// Review tests of issue 10 (formerly tests/share.rs): hand-written rotas whose
// instants were worked out by hand (`crate::hand_rotas`).
// ---------------------------------------------------------------------------

use crate::hand_rotas::*;

#[test]
fn closed_stdout_is_not_a_panic() {
    use std::io::Read as _;
    use std::process::{Command, Stdio};
    let c = format!("{ROOT}/examples/follow-the-sun.toml");
    let r = format!("{ROOT}/schedules/follow-the-sun.toml");
    let cases: [&[&str]; 4] = [
        &["show", &c, &r],
        &["show", &c, &r, "--format", "json"],
        &["show", &c, &r, "--agent", "maria"],
        &["export", "csv", &c, &r],
    ];
    for args in cases {
        let mut child = Command::new(BIN)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?}: {err}");
    }
}

#[test]
fn output_paths_are_never_clobbered_or_half_written() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    let config_before = std::fs::read(&d.config).unwrap();
    let rota_before = std::fs::read(&d.rota).unwrap();
    let (c, r) = (Dir::s(&d.config), Dir::s(&d.rota));

    // CSV onto the config or the rota itself.
    for target in [&c, &r] {
        let out = d.cmd(&["export", "csv"], &["-o", target]);
        out.expect_code(2);
        assert_eq!(out.stderr.matches('×').count(), 1, "one message: {}", out.stderr);
    }
    // Onto a directory, into one that cannot be created, onto a file for ics.
    std::fs::create_dir(d.path("adir")).unwrap();
    d.cmd(&["export", "csv"], &["-o", &Dir::s(&d.path("adir"))])
        .expect_code(2);
    d.cmd(&["report"], &["-o", &Dir::s(&d.path("adir"))]).expect_code(2);
    d.cmd(&["export", "csv"], &["-o", "/proc/sunrota-review/x/y.csv"])
        .expect_code(2);
    d.cmd(&["report"], &["-o", "/proc/sunrota-review/x/r.html"])
        .expect_code(2);
    d.ics("/proc/sunrota-review/x", "1800000000", &[]).expect_code(2);
    d.ics("rota.toml", "1800000000", &[]).expect_code(2);
    assert!(files_in(&d.path("adir")).is_empty());

    // A report onto an existing file: refused, the file untouched.
    let html = d.path("report.html");
    std::fs::write(&html, "mine").unwrap();
    let out = d.cmd(&["report"], &["-o", &Dir::s(&html)]);
    out.expect_code(2);
    assert_eq!(std::fs::read_to_string(&html).unwrap(), "mine");
    // The same report again over its own output is fine; --force replaces.
    d.cmd(&["report"], &["-o", &Dir::s(&html), "--force"]).expect_code(0);
    let first = std::fs::read(&html).unwrap();
    d.cmd(&["report"], &["-o", &Dir::s(&html)]).expect_code(0);
    assert_eq!(std::fs::read(&html).unwrap(), first);

    // A CSV into a new nested directory is created; the same CSV again is fine.
    let csv = d.path("out/sub/rota.csv");
    d.cmd(&["export", "csv"], &["-o", &Dir::s(&csv)]).expect_code(0);
    d.cmd(&["export", "csv"], &["-o", &Dir::s(&csv)]).expect_code(0);

    // A foreign .ics in the calendar directory blocks the whole export.
    std::fs::create_dir(d.path("cal")).unwrap();
    std::fs::write(d.path("cal/dev.ics"), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
    d.ics("cal", "1800000000", &[]).expect_code(2);
    assert_eq!(files_in(&d.path("cal")), ["dev.ics".to_string()].into());

    assert_eq!(std::fs::read(&d.config).unwrap(), config_before);
    assert_eq!(std::fs::read(&d.rota).unwrap(), rota_before);
    // No temp files left next to anything.
    let left: Vec<_> = files_in(d.tmp.path())
        .into_iter()
        .filter(|f| f.starts_with('.') || f.contains("tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_rota_of_another_config_is_refused_everywhere() {
    let phone = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    let sun = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    let (c, r) = (Dir::s(&sun.config), Dir::s(&phone.rota));
    let out_dir = Dir::s(&sun.path("cal"));
    let csv = Dir::s(&sun.path("x.csv"));
    let html = Dir::s(&sun.path("x.html"));
    let cases: Vec<Vec<&str>> = vec![
        vec!["show", &c, &r],
        vec!["show", &c, &r, "--agent", "maria"],
        vec!["export", "csv", &c, &r],
        vec!["export", "csv", &c, &r, "-o", &csv],
        vec!["export", "ics", &c, &r, "-o", &out_dir],
        vec!["report", &c, &r, "-o", &html],
    ];
    for args in cases {
        let out = crate::hand_rotas::run(&args);
        out.expect_code(2);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        assert!(out.stderr.contains("was not planned from"), "{args:?}: {}", out.stderr);
    }
    assert_eq!(
        files_in(sun.tmp.path()),
        ["follow-the-sun.toml", "rota.toml"].map(String::from).into()
    );
}
