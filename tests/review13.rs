//! Independent review (review13) of `size`'s head-count program (a984486)
//! and of the trust work (bfafb67): writes that never destroy, one team in
//! one place, plain names. Self-contained: every test spawns the binary in a
//! temporary directory. The ten bugs it found are fixed; their tests run
//! with the rest.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sunrota");

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn run(dir: &Path, args: &[&str]) -> Out {
    let out = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the sunrota binary runs");
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(path: &Path, text: &str) {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A one-week team that plans in a moment; `head` goes first (e.g. `[rota]`).
fn team(head: &str, agents: &[&str]) -> String {
    let list: String = agents.iter().map(|a| format!("{a} = {{ zone = \"UTC\" }}\n")).collect();
    format!(
        "{head}
[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = \"UTC\"
need = [{{ at = \"Mon-Fri 08:00-16:00\", agents = 1 }}]
[templates]
day = {{ start = \"08:00\", end = \"16:00\" }}
[agents]
{list}"
    )
}

fn named(dir: &str) -> String {
    team(&format!("[rota]\nteam = \"desk\"\ndir = \"{dir}\""), &["ana", "bo"])
}

fn json_u64(doc: &serde_json::Value, key: &str) -> u64 {
    doc[key].as_u64().unwrap_or_else(|| panic!("{key} in {doc}"))
}

fn size_json(dir: &Path, config: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["size", config, "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(dir, &args);
    assert_eq!(out.code, Some(0), "{out}");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// `config` with its `[agents]` table replaced by `n` agents in `zone`.
fn with_agents(config: &str, zone: &str, n: u32) -> String {
    let head = config.split("[agents]").next().unwrap();
    let list: String = (1..=n).map(|k| format!("h{k} = {{ zone = \"{zone}\" }}\n")).collect();
    format!("{head}[agents]\n{list}")
}

/// Whether a plan of `config` covers the whole target (its table says so).
fn covers(dir: &Path, config: &str) -> bool {
    write(&dir.join("probe.toml"), config);
    let out = run(dir, &["plan", "probe.toml", "-q"]);
    assert_ne!(out.code, Some(2), "{out}");
    out.stdout.contains("No gaps")
}

// ---------------------------------------------------------------- size

/// For each small config, `size`'s answer is minimal where it says so: a
/// plan of that many covers, and a plan of one fewer (one hub) leaves a gap.
/// Per-template caps, weekends in 4 weeks (a two-week horizon), rest, and a
/// hub whose local dates run 13 hours ahead of the coverage zone.
#[test]
fn size_answers_are_minimal_where_it_claims_so() {
    let cases = [
        (
            "UTC",
            "[horizon]\nstart = 2026-03-02\nweeks = 1\n[coverage]\nzone = \"UTC\"\n\
             need = [{ at = \"24/7\", agents = 1 }]\n[rules]\nmax_per_template = { night = 2 }\n\
             [templates]\nday = { start = \"08:00\", end = \"20:00\" }\n\
             night = { start = \"20:00\", end = \"08:00\" }\n[agents]\na = { zone = \"UTC\" }\n",
            5,
        ),
        (
            "Europe/London",
            "[horizon]\nstart = 2026-03-02\nweeks = 2\n[coverage]\nzone = \"Europe/London\"\n\
             need = [{ at = \"weekends 09:00-17:00\", agents = 2 }]\n[rules]\n\
             max_weekends_per_4_weeks = 1\n[templates]\nday = { start = \"09:00\", end = \"17:00\" }\n\
             [agents]\na = { zone = \"Europe/London\" }\n",
            4,
        ),
        (
            "Pacific/Auckland",
            "[horizon]\nstart = 2026-03-02\nweeks = 2\n[coverage]\nzone = \"UTC\"\n\
             need = [{ at = \"Fri-Sun 20:00-04:00\", agents = 1 }]\n[rules]\n\
             max_weekends_per_4_weeks = 1\nmin_rest_hours = 16\n[templates]\n\
             day = { start = \"09:00\", end = \"17:00\" }\n[agents]\na = { zone = \"Pacific/Auckland\" }\n",
            2,
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (zone, config, expected) in cases {
        write(&d.join("team.toml"), config);
        let doc = size_json(d, "team.toml", &[]);
        let n = json_u64(&doc, "agents") as u32;
        assert_eq!(n, expected, "{zone}: {doc}");
        assert_eq!(doc["minimal"], true, "{zone}: {doc}");
        assert_eq!(json_u64(&doc, "reachable_agent_minutes"), 0, "{zone}: {doc}");
        assert!(covers(d, &with_agents(config, zone, n)), "{zone}: {n} agents cover");
        assert!(
            !covers(d, &with_agents(config, zone, n - 1)),
            "{zone}: {} agents leave a gap",
            n - 1
        );
    }
}

/// The repair path (the head-count plan leaves a gap because of a rule the
/// program does not sum — here `max_total_hours`) ends in "no smaller team
/// can cover it" although two hires in the other hub cover the target.
/// UTC hires can only cover with the 10-hour `early` (2 shifts in 24 h),
/// Singapore hires with the 8-hour `late` (3 shifts): 2 × Singapore covers
/// the 6 days, `size` answers 3 × UTC and calls it proven.
#[test]
fn size_does_not_claim_minimal_when_a_smaller_split_covers() {
    let config = "[horizon]\nstart = 2026-03-02\nweeks = 1\n[coverage]\nzone = \"UTC\"\n\
                  need = [{ at = \"Mon-Sat 08:00-16:00\", agents = 1 }]\n[rules]\nmax_total_hours = 24\n\
                  [templates]\nearly = { start = \"06:00\", end = \"16:00\" }\n\
                  late = { start = \"16:00\", end = \"24:00\" }\n[agents]\n\
                  ana = { zone = \"UTC\" }\nwei = { zone = \"Asia/Singapore\" }\n\
                  [costs]\nrate = 20\nzones = { \"UTC\" = 10, \"Asia/Singapore\" = 30 }\n";
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // The premise: two Singapore hires cover it, and check agrees.
    let two = with_agents(config.split("[costs]").next().unwrap(), "Asia/Singapore", 2);
    write(&d.join("two.toml"), &two);
    let planned = run(d, &["plan", "two.toml", "-q", "-o", "two.rota.toml"]);
    assert!(planned.stdout.contains("No gaps"), "{planned}");
    assert_eq!(run(d, &["check", "two.toml", "two.rota.toml"]).code, Some(0));
    write(&d.join("team.toml"), config);
    let doc = size_json(d, "team.toml", &[]);
    if doc["minimal"] == true {
        assert!(json_u64(&doc, "agents") <= 2, "claimed minimal: {doc}");
    }
}

/// No template reaches any hour of the target: zero hires cover all that can
/// be covered, yet `size` answers one agent and calls it the smallest.
#[test]
fn size_with_an_unreachable_target_claims_no_minimal_hire() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        &d.join("team.toml"),
        "[horizon]\nstart = 2026-03-02\nweeks = 1\n[coverage]\nzone = \"UTC\"\n\
         need = [{ at = \"Mon 02:00-03:00\", agents = 1 }]\n[templates]\n\
         day = { start = \"08:00\", end = \"16:00\" }\n[agents]\nana = { zone = \"UTC\" }\n",
    );
    let doc = size_json(d, "team.toml", &[]);
    assert!(!(json_u64(&doc, "agents") == 1 && doc["minimal"] == true), "{doc}");
}

// ---------------------------------------------------------------- writes

#[test]
fn the_config_is_refused_by_any_spelling_of_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let config = team("", &["ana", "bo"]);
    write(&d.join("team.toml"), &config);
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
        assert_eq!(read(&d.join("team.toml")), config, "{out}");
    }
}

#[cfg(unix)]
#[test]
fn force_through_a_symlink_never_changes_the_file_it_points_to() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(&d.join("team.toml"), &team("", &["ana", "bo"]));
    write(&d.join("other/notes.toml"), "keep me\n");
    std::os::unix::fs::symlink("other/notes.toml", d.join("link.toml")).unwrap();
    let refused = run(d, &["plan", "team.toml", "-q", "-o", "link.toml"]);
    assert_eq!(refused.code, Some(2), "{refused}");
    assert!(refused.stderr.contains("exists and differs"), "{refused}");
    assert_eq!(
        run(d, &["plan", "team.toml", "-q", "-o", "link.toml", "--force"]).code,
        Some(0)
    );
    assert_eq!(read(&d.join("other/notes.toml")), "keep me\n");
    assert!(read(&d.join("link.toml")).contains("[rota]"));
}

#[test]
fn output_into_a_missing_nested_directory_is_created_and_no_temp_is_left() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(&d.join("team.toml"), &team("", &["ana", "bo"]));
    let r = run(d, &["plan", "team.toml", "-q", "-o", "new/deep/r.toml"]);
    assert_eq!(r.code, Some(0), "{r}");
    assert!(read(&d.join("new/deep/r.toml")).contains("start = 2026-03-02"));
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
    write(&d.join("team.toml"), &team("", &["ana", "bo"]));
    assert_eq!(run(d, &["plan", "team.toml", "-q", "-o", "s/a.toml"]).code, Some(0));
    assert_eq!(
        run(d, &["plan", "team.toml", "-q", "--after", "s", "-o", "s/b.toml"]).code,
        Some(0)
    );
    let (a, b) = (read(&d.join("s/a.toml")), read(&d.join("s/b.toml")));
    for onto in ["s/a.toml", "s/b.toml", "s/../s/b.toml"] {
        let r = run(d, &["plan", "team.toml", "-q", "--after", "s", "-o", onto, "--force"]);
        assert_eq!(r.code, Some(2), "{onto}: {r}");
        assert!(r.stderr.contains("is an input of this command"), "{onto}: {r}");
    }
    assert_eq!((read(&d.join("s/a.toml")), read(&d.join("s/b.toml"))), (a.clone(), b));
    // --keep R -o R is the edit --keep exists for: no --force needed.
    write(&d.join("team.toml"), &team("", &["ana", "bo", "cy"]));
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
    write(&d.join("team.toml"), &team("", &["ana", "bo"]));
    assert_eq!(run(d, &["plan", "team.toml", "-q", "-o", "r1.toml"]).code, Some(0));
    let worker = if read(&d.join("r1.toml")).contains("agent = \"ana\", template = \"day\", start = 2026-03-02T") {
        ("ana", "bo")
    } else {
        ("bo", "ana")
    };
    write(&d.join("precious.toml"), "precious\n");
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
    assert_eq!(read(&d.join("precious.toml")), "precious\n", "{r}");
    assert_eq!(r.code, Some(2), "{r}");
}

/// A FIFO (or `/dev/stdout` into a pipe) as `-o`: the write first reads the
/// target to compare it, and that read blocks for ever.
#[cfg(unix)]
#[test]
fn plan_output_onto_a_fifo_ends_and_keeps_the_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(&d.join("team.toml"), &team("", &["ana", "bo"]));
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
    let config = team("", &["ana", "bo"]);
    write(&d.join("team.toml"), &config);
    write(&d.join("victim.toml"), "precious\n");
    std::os::unix::fs::symlink("victim.toml", d.join(".r.toml.sunrota-tmp")).unwrap();
    let r = run(d, &["plan", "team.toml", "-q", "-o", "r.toml"]);
    assert_eq!(read(&d.join("victim.toml")), "precious\n", "{r}");
    assert!(read(&d.join("r.toml")).contains("[rota]"));
}

// ---------------------------------------------------------------- one team, one place

#[test]
fn plan_with_a_rota_dir_writes_start_files_and_continues_the_chain() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(&d.join("cfg/team.toml"), &named("../rotas"));
    assert_eq!(run(d, &["plan", "cfg/team.toml", "-q"]).code, Some(0));
    let second = run(d, &["plan", "cfg/team.toml", "-q"]);
    assert_eq!(second.code, Some(0), "{second}");
    assert!(second.stderr.contains("Continuing after"), "{second}");
    let first = read(&d.join("rotas/2026-03-02.toml"));
    assert!(
        first.contains("team = \"desk\"") && first.contains("fingerprint = \""),
        "{first}"
    );
    assert!(read(&d.join("rotas/2026-03-09.toml")).contains("start = 2026-03-09"));
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
    write(&d.join("desk.toml"), &named("rotas"));
    write(
        &d.join("other.toml"),
        &named("rotas").replace("team = \"desk\"", "team = \"other\""),
    );
    assert_eq!(run(d, &["plan", "other.toml", "-q"]).code, Some(0));
    let theirs = read(&d.join("rotas/2026-03-02.toml"));
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
    assert_eq!(read(&d.join("rotas/2026-03-02.toml")), theirs);
}

/// Two teams sharing a directory collide on `DIR/START.toml`; the refusal
/// then advises `--force`, which would replace the other team's rota.
#[test]
fn the_refusal_over_another_teams_rota_names_that_team() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(&d.join("desk.toml"), &named("rotas"));
    write(
        &d.join("other.toml"),
        &named("rotas").replace("team = \"desk\"", "team = \"other\""),
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
    write(&d.join("team.toml"), &named("."));
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
    write(&d.join("team.toml"), &named("rotas"));
    let missing = run(d, &["check", "team.toml"]);
    assert_eq!(missing.code, Some(2), "{missing}");
    assert!(missing.stderr.contains("rotas"), "{missing}");
    std::fs::create_dir(d.join("rotas")).unwrap();
    let empty = run(d, &["check", "team.toml"]);
    assert_eq!(empty.code, Some(2), "{empty}");
    assert!(empty.stderr.contains("no rota of this team in rotas"), "{empty}");
    write(&d.join("plain.toml"), &team("", &["ana", "bo"]));
    let plain = run(d, &["check", "plain.toml"]);
    assert_eq!(plain.code, Some(2), "{plain}");
    assert!(plain.stderr.contains("no rota to check"), "{plain}");
}

#[test]
fn old_rotas_without_a_fingerprint_still_chain_once_the_team_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(&d.join("anon.toml"), &team("", &["ana", "bo"]));
    assert_eq!(
        run(d, &["plan", "anon.toml", "-q", "-o", "rotas/2026-03-02.toml"]).code,
        Some(0)
    );
    assert!(!read(&d.join("rotas/2026-03-02.toml")).contains("fingerprint"));
    write(&d.join("team.toml"), &named("rotas"));
    let next = run(d, &["plan", "team.toml", "-q"]);
    assert_eq!(next.code, Some(0), "{next}");
    assert!(next.stderr.contains("1 earlier rota(s)"), "{next}");
    assert!(read(&d.join("rotas/2026-03-09.toml")).contains("fingerprint"));
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
    let three = team("", &["ana", "bo", "cy"]).replace(
        "need = [{ at = \"Mon-Fri 08:00-16:00\", agents = 1 }]",
        "need = [{ at = \"daily 08:00-16:00\", agents = 2 }]",
    );
    write(&d.join("team.toml"), &three);
    assert_eq!(
        run(d, &["plan", "team.toml", "-q", "-o", "s/2026-03-02.toml"]).code,
        Some(0)
    );
    assert!(read(&d.join("s/2026-03-02.toml")).contains("agent = \"bo\""));
    write(
        &d.join("team.toml"),
        &three.replace("bo = { zone = \"UTC\" }", "dee = { zone = \"UTC\" }"),
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
    write(&d.join("real/a/b/team.toml"), &named("../rotas"));
    std::os::unix::fs::symlink("real/a/b", d.join("lnk")).unwrap();
    assert_eq!(run(d, &["plan", "lnk/team.toml", "-q"]).code, Some(0));
    let inside = run(&d.join("lnk"), &["check", "team.toml"]);
    assert_eq!(inside.code, Some(0), "{inside}");
    let expected: PathBuf = d.join("real/a/rotas/2026-03-02.toml");
    assert!(expected.exists(), "written elsewhere: {}", d.join("rotas").exists());
}

// ---------------------------------------------------------------- names

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
        write(&d.join("n.toml"), &one_agent(name));
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
        write(&d.join("n.toml"), &one_agent(name));
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
    write(&d.join("n.toml"), &one_agent("علی\u{200c}زاده"));
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
        write(&d.join("n.toml"), &one_agent(name));
        let r = run(d, &["plan", "n.toml", "-q"]);
        assert_eq!(r.code, Some(2), "{name:?}: {r}");
    }
}
