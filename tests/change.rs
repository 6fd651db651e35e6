//! Independent end-to-end tests of issue 11 ("change without chaos"):
//! `plan --keep/--from`, `swap`, `diff`, gap explanations and the what-if
//! hint, driven only through the binary. Five of them found defects in
//! review (what-if rules and templates, a stale "proven", hand-edited kept
//! times, a no-op swap); they pass since the fixes.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sunrota");

struct Run {
    code: i32,
    out: String,
    err: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}{}", self.out, self.err)
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let o = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run sunrota");
    Run {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// `plan` with the fast, suggestion-free options used throughout.
fn plan(dir: &Path, args: &[&str]) -> Run {
    let mut a = vec!["plan"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["-q", "--no-suggest", "--time-limit", "60"]);
    run(dir, &a)
}

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

fn write(p: impl AsRef<Path>, text: &str) {
    if let Some(d) = p.as_ref().parent() {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

/// A tempdir holding the phone team's config (`team.toml`, with `edit`
/// applied to the line of each named agent) and its January rota in
/// `jan/2027-01.toml` (a directory of its own: no stray earlier rotas).
fn phone_team(edits: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = read(repo("examples/phone-team.toml"));
    for (agent, line) in edits {
        let prefix = format!("{agent} = ");
        let old = cfg
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no agent {agent}"))
            .to_string();
        cfg = cfg.replace(&old, line);
    }
    write(dir.path().join("team.toml"), &cfg);
    write(
        dir.path().join("jan/2027-01.toml"),
        &read(repo("schedules/phone-team/2027-01.toml")),
    );
    dir
}

const MARIA: &str = "maria = { zone = \"America/New_York\", templates = [\"amer\", \"amer-dst\"]";

fn maria_off(days: &str) -> String {
    format!("{MARIA}, off = [{days}] }}")
}

fn rota(p: impl AsRef<Path>) -> toml::Value {
    toml::from_str(&read(p)).unwrap()
}

fn summary_changes(p: impl AsRef<Path>) -> Option<i64> {
    rota(p)["summary"].get("changes").and_then(toml::Value::as_integer)
}

/// The `+`/`-` lines of a diff listing (gap lines excluded).
fn diff_lines(text: &str) -> usize {
    text.lines()
        .filter(|l| l.starts_with("  + ") || l.starts_with("  - "))
        .filter(|l| !l.trim_start()[2..].starts_with("gap "))
        .count()
}

/// `check` passes and confirms the summary.
fn assert_check_clean(dir: &Path, cfg: &str, rota: &str) {
    let c = run(dir, &["check", cfg, rota]);
    assert_eq!(c.code, 0, "check {rota}:\n{}", c.all());
    assert!(!c.all().contains("note:"), "check {rota} has a note:\n{}", c.all());
}

fn shifts_of(p: impl AsRef<Path>) -> Vec<toml::Value> {
    rota(p)["shifts"]["list"].as_array().unwrap().clone()
}

fn holder(p: impl AsRef<Path>, start_prefix: &str) -> String {
    let r = rota(p);
    let holds = r["oncall"]["list"].as_array().unwrap();
    let h = holds
        .iter()
        .find(|h| h["start"].to_string().starts_with(start_prefix))
        .unwrap_or_else(|| panic!("no hold starting {start_prefix}"));
    h["agent"].as_str().unwrap().to_string()
}

// ---------------------------------------------------------------- plan --keep

#[test]
fn keep_sick_day_in_on_call_week_moves_the_hold_and_the_ledger_stays_clean() {
    // Maria holds the phone from Mon 25 January and is sick on the 26th.
    let t = phone_team(&[("maria", &maria_off("\"2027-01-26\""))]);
    let d = t.path();
    assert_eq!(holder(d.join("jan/2027-01.toml"), "2027-01-25"), "maria");
    let p = plan(
        d,
        &["team.toml", "--keep", "jan/2027-01.toml", "-o", "new/2027-01.toml"],
    );
    assert_eq!(p.code, 0, "{}", p.all());
    assert_ne!(holder(d.join("new/2027-01.toml"), "2027-01-25"), "maria");
    let n = summary_changes(d.join("new/2027-01.toml")).expect("changes in summary");
    assert!(n >= 2, "the hold moved: at least one drop and one add, got {n}");
    assert!(
        p.out.contains(&format!("Changes to the kept rota ({n} in all)")),
        "{}",
        p.out
    );
    assert_check_clean(d, "team.toml", "new/2027-01.toml");
    let l = run(d, &["ledger", "team.toml", "new"]);
    assert_eq!(l.code, 0, "{}", l.all());
    // The credit went with the hold.
    let r = rota(d.join("new/2027-01.toml"));
    let earned = r["comp"]["earned"].as_array().unwrap();
    assert!(
        !earned.iter().any(|e| e["agent"].as_str() == Some("maria")),
        "{earned:?}"
    );
}

#[test]
fn keep_changes_count_is_what_diff_lists_and_check_confirms_it() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    let p = plan(
        d,
        &["team.toml", "--keep", "jan/2027-01.toml", "-o", "new/2027-01.toml"],
    );
    assert_eq!(p.code, 0, "{}", p.all());
    let n = summary_changes(d.join("new/2027-01.toml")).unwrap();
    assert!(n > 0);
    let df = run(d, &["diff", "team.toml", "jan/2027-01.toml", "new/2027-01.toml"]);
    assert_eq!(df.code, 1, "{}", df.all());
    assert_eq!(diff_lines(&df.out) as i64, n, "{}", df.out);
    // The listing plan printed is the diff's.
    assert_eq!(diff_lines(&p.out) as i64, n, "{}", p.out);
    // No shift on the sick day.
    assert!(!shifts_of(d.join("new/2027-01.toml"))
        .iter()
        .any(|s| s["agent"].as_str() == Some("maria") && s["start"].to_string().starts_with("2027-01-06")));
    assert_check_clean(d, "team.toml", "new/2027-01.toml");
}

#[test]
fn keep_is_deterministic_and_may_overwrite_the_kept_file() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    for out in ["a/2027-01.toml", "b/2027-01.toml"] {
        let p = plan(d, &["team.toml", "--keep", "jan/2027-01.toml", "-o", out]);
        assert_eq!(p.code, 0, "{}", p.all());
    }
    assert_eq!(read(d.join("a/2027-01.toml")), read(d.join("b/2027-01.toml")));
    let p = plan(
        d,
        &["team.toml", "--keep", "jan/2027-01.toml", "-o", "jan/2027-01.toml"],
    );
    assert_eq!(p.code, 0, "{}", p.all());
    assert_eq!(read(d.join("jan/2027-01.toml")), read(d.join("a/2027-01.toml")));
}

#[test]
fn keep_with_zero_change_weight_plans_as_fresh() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    let cfg = read(d.join("team.toml")).replace("[comp]", "[weights]\nchange = 0\n\n[comp]");
    write(d.join("w0.toml"), &cfg);
    assert_eq!(
        plan(d, &["w0.toml", "--keep", "jan/2027-01.toml", "-o", "k/r.toml"]).code,
        0
    );
    assert_eq!(plan(d, &["w0.toml", "-o", "f/r.toml"]).code, 0);
    let strip = |t: String| {
        t.lines()
            .filter(|l| !l.starts_with("changes = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(read(d.join("k/r.toml"))), strip(read(d.join("f/r.toml"))));
    assert!(summary_changes(d.join("f/r.toml")).is_none());
}

#[test]
fn keep_json_carries_the_count_and_the_changes() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    let p = plan(d, &["team.toml", "--keep", "jan/2027-01.toml", "--format", "json"]);
    assert_eq!(p.code, 0, "{}", p.err);
    let j: serde_json::Value = serde_json::from_str(&p.out).unwrap();
    let n = j["rota"]["summary"]["changes"].as_i64().expect("rota.summary.changes");
    let listed: usize = j["changes"]["agents"]
        .as_array()
        .expect("changes.agents")
        .iter()
        .map(|a| a["added"].as_array().unwrap().len() + a["removed"].as_array().unwrap().len())
        .sum();
    assert_eq!(listed as i64, n);
    assert_eq!(j["changes"]["after"]["uncovered_agent_minutes"], 0);
}

#[test]
fn keep_from_first_day_last_day_and_outside_the_horizon() {
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    // The first day freezes nothing: the gap is re-covered.
    let p = plan(
        d,
        &[
            "team.toml",
            "--keep",
            "jan/2027-01.toml",
            "--from",
            "2027-01-04",
            "-o",
            "f1/r.toml",
        ],
    );
    assert_eq!(p.code, 0, "{}", p.all());
    assert_eq!(
        rota(d.join("f1/r.toml"))["summary"]["uncovered_agent_minutes"].as_integer(),
        Some(0)
    );
    assert_check_clean(d, "team.toml", "f1/r.toml");
    // The day after the horizon freezes everything: only the shift on the
    // new day off goes (it cannot be kept) and nothing re-covers it.
    let p = plan(
        d,
        &[
            "team.toml",
            "--keep",
            "jan/2027-01.toml",
            "--from",
            "2027-02-01",
            "-o",
            "f2/r.toml",
        ],
    );
    assert_eq!(p.code, 0, "{}", p.all());
    assert_eq!(summary_changes(d.join("f2/r.toml")), Some(1));
    assert_eq!(
        rota(d.join("f2/r.toml"))["summary"]["uncovered_agent_minutes"].as_integer(),
        Some(480)
    );
    let kept: Vec<_> = shifts_of(d.join("jan/2027-01.toml"))
        .into_iter()
        .filter(|s| !(s["agent"].as_str() == Some("maria") && s["start"].to_string().starts_with("2027-01-06")))
        .collect();
    assert_eq!(shifts_of(d.join("f2/r.toml")), kept);
    // Outside: refused, nothing written.
    for from in ["2027-01-03", "2027-02-02", "2027-13-01"] {
        let out = format!("bad-{from}.toml");
        let p = plan(
            d,
            &["team.toml", "--keep", "jan/2027-01.toml", "--from", from, "-o", &out],
        );
        assert_eq!(p.code, 2, "--from {from}: {}", p.all());
        assert!(p.err.contains("--from"), "{}", p.err);
        assert!(!d.join(&out).exists());
    }
}

#[test]
fn keep_february_after_january() {
    let lukas = "lukas = { zone = \"Europe/Dublin\", templates = [\"emea\"], off = [\"2027-02-08..2027-02-14\", \"2027-02-02\"] }";
    let t = phone_team(&[("lukas", lukas)]);
    let d = t.path();
    write(
        d.join("kept/2027-02.toml"),
        &read(repo("schedules/phone-team/2027-02.toml")),
    );
    let p = plan(
        d,
        &[
            "team.toml",
            "--after",
            "jan/2027-01.toml",
            "--keep",
            "kept/2027-02.toml",
            "-o",
            "jan/2027-02.toml",
        ],
    );
    assert_eq!(p.code, 0, "{}", p.all());
    let n = summary_changes(d.join("jan/2027-02.toml")).unwrap();
    assert!((1..=6).contains(&n), "a one-day absence changes little: {n}");
    assert_check_clean(d, "team.toml", "jan/2027-02.toml");
    let l = run(d, &["ledger", "team.toml", "jan"]);
    assert_eq!(l.code, 0, "{}", l.all());
    // --keep of another horizon is refused.
    let p = plan(
        d,
        &["team.toml", "--keep", "jan/2027-01.toml", "--after", "jan/2027-01.toml"],
    );
    assert_eq!(p.code, 2, "{}", p.all());
}

/// Two New York and two Dublin agents over the US clock change (2026-03-08),
/// when New York is 4 hours behind Dublin instead of 5.
const DST_TEAM: &str = r#"
[horizon]
start = 2026-03-02
weeks = 2

[coverage]
zone = "UTC"
need = [{ at = "Mon-Fri 09:00-21:00", agents = 1 }]

[templates]
day = { start = "09:00", end = "17:00" }
late = { start = "13:00", end = "21:00" }

[agents]
ana = { zone = "Europe/Dublin", templates = ["day"] }
bea = { zone = "Europe/Dublin", templates = ["day"] }
cal = { zone = "America/New_York", templates = ["day"] }
dan = { zone = "America/New_York", templates = ["day"] }
"#;

#[test]
fn keep_over_the_us_clock_change() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d.join("team.toml"), DST_TEAM);
    assert_eq!(plan(d, &["team.toml", "-o", "a/r.toml"]).code, 0);
    assert_check_clean(d, "team.toml", "a/r.toml");
    let cal_day = shifts_of(d.join("a/r.toml"))
        .into_iter()
        .find(|s| s["agent"].as_str() == Some("cal") && *s["start"].to_string() >= *"2026-03-09")
        .expect("cal works after the change");
    let day = cal_day["start"].to_string()[..10].to_string();
    assert!(cal_day["start"].to_string().ends_with("-04:00"), "{cal_day:?}");
    write(
        d.join("team.toml"),
        &DST_TEAM.replace(
            "cal = { zone = \"America/New_York\", templates = [\"day\"] }",
            &format!("cal = {{ zone = \"America/New_York\", templates = [\"day\"], off = [\"{day}\"] }}"),
        ),
    );
    let p = plan(d, &["team.toml", "--keep", "a/r.toml", "-o", "b/r.toml"]);
    assert_eq!(p.code, 0, "{}", p.all());
    assert_check_clean(d, "team.toml", "b/r.toml");
    let df = run(d, &["diff", "team.toml", "a/r.toml", "b/r.toml"]);
    assert_eq!(
        diff_lines(&df.out) as i64,
        summary_changes(d.join("b/r.toml")).unwrap(),
        "{}",
        df.out
    );
    assert!(
        has_line(
            &df.out,
            &format!("  - {} {day}  shift day", weekday(&day)),
            "09:00–17:00 -04:00"
        ),
        "{}",
        df.out
    );
}

/// A line starting with `start` and ending with `end`.
fn has_line(text: &str, start: &str, end: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with(start) && l.trim_end().ends_with(end))
}

fn weekday(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .unwrap()
        .format("%a")
        .to_string()
}

#[test]
fn keep_of_a_hand_edited_rota_counts_what_it_lists() {
    let t = phone_team(&[]);
    let d = t.path();
    let text = read(d.join("jan/2027-01.toml")).replace(
        "start = 2027-01-04T11:00:00-05:00, end = 2027-01-04T19:00:00-05:00",
        "start = 2027-01-04T12:00:00-05:00, end = 2027-01-04T20:00:00-05:00",
    );
    write(d.join("edited/r.toml"), &text);
    let p = plan(d, &["team.toml", "--keep", "edited/r.toml", "-o", "out/r.toml"]);
    assert_eq!(p.code, 0, "{}", p.all());
    let df = run(d, &["diff", "team.toml", "edited/r.toml", "out/r.toml"]);
    assert_eq!(diff_lines(&df.out), 2, "{}", df.out);
    assert_eq!(summary_changes(d.join("out/r.toml")), Some(2), "{}", p.out);
}

#[test]
fn check_notices_an_inflated_changes_count() {
    // The changes term is taken from the summary (documented): a count
    // edited upwards no longer matches the stated objective.
    let t = phone_team(&[("maria", &maria_off("\"2027-01-06\""))]);
    let d = t.path();
    assert_eq!(
        plan(d, &["team.toml", "--keep", "jan/2027-01.toml", "-o", "k/r.toml"]).code,
        0
    );
    let n = summary_changes(d.join("k/r.toml")).unwrap();
    let text = read(d.join("k/r.toml")).replace(&format!("changes = {n}\n"), &format!("changes = {}\n", n + 10));
    write(d.join("e/r.toml"), &text);
    let c = run(d, &["check", "team.toml", "e/r.toml"]);
    assert!(c.all().contains("not confirmed"), "{}", c.all());
}

// ---------------------------------------------------------------- swap

#[test]
fn swap_give_across_the_dst_weeks_recomputes_in_the_receivers_zone() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d.join("team.toml"), DST_TEAM);
    assert_eq!(plan(d, &["team.toml", "-o", "a/r.toml"]).code, 0);
    let before = read(d.join("a/r.toml"));
    // A New York shift after the US change, given to a Dublin agent who
    // does not work that date.
    let shifts = shifts_of(d.join("a/r.toml"));
    let worked = |a: &str, day: &str| {
        shifts
            .iter()
            .any(|s| s["agent"].as_str() == Some(a) && s["start"].to_string().starts_with(day))
    };
    let (giver, day, to) = ["cal", "dan"]
        .iter()
        .flat_map(|g| ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"].map(|x| (*g, x)))
        .filter(|(g, x)| worked(g, x))
        .find_map(|(g, x)| ["ana", "bea"].iter().find(|r| !worked(r, x)).map(|r| (g, x, *r)))
        .expect("a New York shift some Dublin agent does not work beside");
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "a/r.toml",
            "give",
            giver,
            day,
            to,
            "--force",
            "-o",
            "b/r.toml",
        ],
    );
    assert!(s.code == 0, "{}", s.all());
    assert_eq!(read(d.join("a/r.toml")), before, "the original is untouched with -o");
    let moved = shifts_of(d.join("b/r.toml"))
        .into_iter()
        .find(|s| s["agent"].as_str() == Some(to) && s["start"].to_string().starts_with(day))
        .expect("the receiver has the shift");
    assert_eq!(moved["start"].to_string(), format!("{day}T09:00:00+00:00"));
    let wd = weekday(day);
    assert!(
        has_line(&s.out, &format!("  + {wd} {day}  shift day"), "09:00–17:00 +00:00"),
        "{}",
        s.out
    );
    assert!(
        has_line(&s.out, &format!("  - {wd} {day}  shift day"), "09:00–17:00 -04:00"),
        "{}",
        s.out
    );
    assert_eq!(rota(d.join("b/r.toml"))["summary"]["status"].as_str(), Some("edited"));
    // Written (forced or not), it is re-checkable: check's verdict, no crash.
    let c = run(d, &["check", "team.toml", "b/r.toml"]);
    assert!(c.code == 0 || c.code == 1, "{}", c.all());
}

#[test]
fn swap_refused_leaves_the_file_and_force_writes_a_rota_check_fails() {
    let t = phone_team(&[]);
    let d = t.path();
    let before = read(d.join("jan/2027-01.toml"));
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "give",
            "maria",
            "2027-01-06",
            "dev",
        ],
    );
    assert_eq!(s.code, 1, "{}", s.all());
    assert!(s.out.contains("error[min-consecutive-days-off]"), "{}", s.out);
    assert!(s.out.contains("Not written"), "{}", s.out);
    assert_eq!(read(d.join("jan/2027-01.toml")), before);
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "give",
            "maria",
            "2027-01-06",
            "dev",
            "--force",
            "-o",
            "f/r.toml",
        ],
    );
    assert_eq!(s.code, 0, "{}", s.all());
    assert_eq!(read(d.join("jan/2027-01.toml")), before);
    let c = run(d, &["check", "team.toml", "f/r.toml"]);
    assert_eq!(c.code, 1, "{}", c.all());
    assert!(c.out.contains("min-consecutive-days-off"), "{}", c.out);
}

#[test]
fn swap_to_a_receiver_on_time_off_is_refused_with_time_off() {
    let dev = "dev = { zone = \"America/New_York\", templates = [\"amer\", \"amer-dst\"], comp_dates = [\"2027-01-29\"], off = [\"2027-01-04\"] }";
    let t = phone_team(&[("dev", dev)]);
    let d = t.path();
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "give",
            "maria",
            "2027-01-04",
            "dev",
        ],
    );
    assert_eq!(s.code, 1, "{}", s.all());
    assert!(s.out.contains("error[time-off]"), "{}", s.out);
}

#[test]
fn swap_oncall_back_to_back_is_refused_and_a_valid_trade_passes_check() {
    let t = phone_team(&[]);
    let d = t.path();
    // Aoife holds 4 January; 11 January to her is back to back.
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "oncall",
            "phone",
            "2027-01-11",
            "aoife",
        ],
    );
    assert_eq!(s.code, 1, "{}", s.all());
    assert!(s.out.contains("oncall-back-to-back"), "{}", s.out);
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "trade",
            "aoife",
            "lukas",
            "2027-01-05",
            "2027-01-11",
            "-o",
            "jan/t.toml",
        ],
    );
    assert_eq!(s.code, 0, "{}", s.all());
    assert_eq!(diff_lines(&s.out), 4, "{}", s.out);
    let c = run(d, &["check", "team.toml", "jan/t.toml"]);
    assert_eq!(c.code, 0, "{}", c.all());
}

#[test]
fn swap_bad_input_exits_2_and_leaves_the_file() {
    let t = phone_team(&[]);
    let d = t.path();
    let before = read(d.join("jan/2027-01.toml"));
    for (args, says) in [
        (vec!["give", "mria", "2027-01-04", "dev"], "did you mean `maria`"),
        (vec!["give", "maria", "2027-03-04", "dev"], "no shift"),
        (vec!["give", "maria", "2027-01-09", "dev"], "shifts near it"),
        (vec!["give", "maria", "04/01/2027", "dev"], "not a date"),
        (vec!["oncall", "phon", "2027-01-04", "wei"], "duties: phone"),
        (vec!["oncall", "phone", "2027-01-05", "wei"], "no phone period"),
        (vec!["trade", "maria", "dev", "2027-01-04"], "dev has no shift"),
    ] {
        let mut a = vec!["swap", "team.toml", "jan/2027-01.toml"];
        a.extend(args.iter());
        let s = run(d, &a);
        assert_eq!(s.code, 2, "{args:?}: {}", s.all());
        assert!(s.err.contains(says), "{args:?}: {}", s.err);
        assert_eq!(read(d.join("jan/2027-01.toml")), before, "{args:?}");
    }
}

#[test]
fn swap_give_to_oneself_changes_nothing() {
    let t = phone_team(&[]);
    let d = t.path();
    let before = read(d.join("jan/2027-01.toml"));
    let s = run(
        d,
        &[
            "swap",
            "team.toml",
            "jan/2027-01.toml",
            "give",
            "maria",
            "2027-01-04",
            "maria",
        ],
    );
    assert_eq!(read(d.join("jan/2027-01.toml")), before, "{}", s.all());
    assert_ne!(s.code, 0, "{}", s.all());
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_identical_other_horizon_and_json() {
    let t = phone_team(&[]);
    let d = t.path();
    write(
        d.join("feb/2027-02.toml"),
        &read(repo("schedules/phone-team/2027-02.toml")),
    );
    let same = run(d, &["diff", "team.toml", "jan/2027-01.toml", "jan/2027-01.toml"]);
    assert_eq!(same.code, 0, "{}", same.all());
    assert!(
        same.out.contains("The same shifts, on-call holds and comp days."),
        "{}",
        same.out
    );
    assert_eq!(diff_lines(&same.out), 0);
    let other = run(d, &["diff", "team.toml", "jan/2027-01.toml", "feb/2027-02.toml"]);
    assert_eq!(other.code, 1, "{}", other.all());
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
    assert_eq!(j.code, 1, "{}", j.err);
    let v: serde_json::Value = serde_json::from_str(&j.out).unwrap();
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
    assert_eq!(listed, diff_lines(&other.out));
    assert!(v["before"]["uncovered_agent_minutes"].is_i64() && v["after"]["gap_lines"].is_array());
    // Comp days and holds of January all appear as removed.
    assert!(other.out.contains("  - Wed 2027-01-20  comp day"), "{}", other.out);
    assert!(other.out.contains("  - Mon 2027-01-04  on-call phone"), "{}", other.out);
}

// ---------------------------------------------------------------- why

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
    assert_eq!(p.code, 0, "{}", p.all());
    assert!(
        p.out
            .contains("flo: day Wed 2026-03-04 — time off or a holiday on Wed 2026-03-04"),
        "{}",
        p.out
    );
    // Ana already works the Wednesday: a second day shift breaks a rule.
    let ana = p
        .out
        .lines()
        .find(|l| l.trim_start().starts_with("ana: day Wed"))
        .expect(&p.out);
    assert!(
        ana.contains("one-shift-per-day") || ana.contains("max-hours-per-week"),
        "{ana}"
    );
    let s = run(d, &["show", "t.toml", "r/r.toml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&s.out).unwrap();
    let w = &v["gap_reasons"][0];
    assert_eq!(w["start"], "2026-03-04T09:00:00Z");
    assert!(w["proven_unavoidable"].is_boolean() && w["reasons"].is_array(), "{w}");
    let c = run(d, &["check", "t.toml", "r/r.toml", "--format", "json"]);
    let cv: serde_json::Value = serde_json::from_str(&c.out).unwrap();
    assert_eq!(cv["rotas"][0]["gap_reasons"], v["gap_reasons"]);
    // --week shows the explanation of its week's gap.
    let wk = run(d, &["show", "t.toml", "r/r.toml", "--week", "1"]);
    assert!(wk.out.contains("flo: day Wed 2026-03-04 — time off"), "{}", wk.out);
}

#[test]
fn why_lines_only_under_gaps() {
    let t = phone_team(&[]);
    let d = t.path();
    for cmd in ["show", "check"] {
        let r = run(d, &[cmd, "team.toml", "jan/2027-01.toml"]);
        assert_eq!(r.code, 0, "{}", r.all());
        assert!(!r.out.contains("why ("), "{cmd}: {}", r.out);
    }
}

#[test]
fn why_a_gap_opened_by_a_hand_edit_is_not_proven_unavoidable() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d.join("t.toml"), ONE_AGENT);
    assert_eq!(plan(d, &["t.toml", "-o", "r/r.toml"]).code, 0);
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
    assert!(c.out.contains("nothing stops it"), "{}", c.out);
    assert_eq!(after(&c.out), "why (not proven unavoidable):", "{}", c.out);
    assert_eq!(after(&s.out), after(&c.out));
}

// ---------------------------------------------------------------- what-if

fn hint_lines(out: &str) -> Vec<String> {
    out.lines()
        .skip_while(|l| !l.starts_with("hint:"))
        .skip(1)
        .take_while(|l| l.starts_with("  new-"))
        .map(|l| l.trim().split("    #").next().unwrap().to_string())
        .collect()
}

fn uncovered(p: &Run) -> i64 {
    if p.out.contains("No gaps") {
        return 0;
    }
    let l = p
        .out
        .lines()
        .find(|l| l.contains(" uncovered agent-minutes"))
        .expect(&p.out);
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
    assert_eq!(p.code, 0, "{}", p.all());
    let lines = hint_lines(&p.out);
    assert!(!lines.is_empty(), "no hint:\n{}", p.out);
    let claimed: i64 = p
        .out
        .lines()
        .rfind(|l| l.starts_with("  new-"))
        .unwrap()
        .rsplit("# → ")
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    write(d.join("t2.toml"), &format!("{cfg}{}\n", lines.join("\n")));
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
    assert_eq!(again.code, 0, "{}", again.all());
    assert_eq!(uncovered(&again), claimed, "{}", again.out);
    // No hint with --no-suggest or --suggest 0; JSON has what_if.
    for flag in [&["--no-suggest"][..], &["--suggest", "0"][..]] {
        let mut a = vec!["plan", "t.toml", "-q"];
        a.extend_from_slice(flag);
        let r = run(t.path(), &a);
        assert!(!r.out.contains("hint:"), "{flag:?}: {}", r.out);
    }
    let j = run(
        t.path(),
        &["plan", "t.toml", "-q", "--suggest", "3", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&j.out).unwrap();
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
    assert_eq!(uncovered(&again), claimed, "{}", again.out);
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
    assert_eq!(again.code, 0, "{}", again.all());
    assert_eq!(uncovered(&again), claimed, "{}", again.out);
}
