//! Editor and shell support: `sunrota schema`, `completions` and `man`.
//!
//! The schema is checked the way an editor uses it: each TOML file is turned
//! into JSON as taplo does (dates and times become strings) and validated with
//! the `jsonschema` crate. It must accept every example, every imported
//! benchmark config and every config in the test suite that the binary
//! accepts, and it must reject typo'd keys and wrong types as the binary does.

use crate::util::{self, Run, Team, BIN, ROOT};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use std::process::Command;

const SCHEMA_FILE: &str = "schema/sunrota.schema.json";

fn sunrota(args: &[&str]) -> Run {
    util::sunrota(args)
}

fn stdout(out: &Run) -> String {
    out.stdout.clone()
}

fn stderr(out: &Run) -> String {
    out.stderr.clone()
}

/// The schema as `sunrota schema` prints it.
fn printed_schema() -> Json {
    let out = sunrota(&["schema"]);
    assert_eq!(out.code, Some(0), "{}", stderr(&out));
    serde_json::from_str(&out.stdout).expect("schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&printed_schema()).expect("the schema compiles")
}

/// TOML → JSON as taplo hands a document to a schema: dates, times and
/// datetimes become their TOML text.
fn to_json(v: &toml::Value) -> Json {
    match v {
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => Json::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
        other => serde_json::to_value(other).expect("plain TOML value"),
    }
}

fn parse(text: &str) -> Json {
    to_json(&toml::from_str::<toml::Value>(text).expect("valid TOML"))
}

/// Every schema error for `text`, one line each (empty when it validates).
fn schema_errors(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    let doc = parse(text);
    v.iter_errors(&doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Whether the binary loads `text` as a config: `check` reads the config
/// before the rota, so a missing rota file is the first error of a good config.
fn binary_accepts(dir: &Path, text: &str) -> Result<(), String> {
    let cfg = write(dir, "team.toml", text);
    let missing = dir.join("no-such-rota.toml");
    let out = sunrota(&["check", cfg.to_str().unwrap(), missing.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.code, Some(2), "{err}");
    if err.contains("no-such-rota.toml") {
        Ok(())
    } else {
        Err(err)
    }
}

const GOOD: &str = r#"
[horizon]
start = 2026-03-02
weeks = 2

[coverage]
zone = "Europe/Dublin"
need = [{ at = "24/7", agents = 1 }, { at = "Mon-Fri 09:00-17:00", agents = 1, skill = "phone" }]
shifts = [{ on = "Mon-Fri", template = "day", agents = 1, under = 100, over = 1 }]

[rules]
max_shifts_per_week = 5
max_per_template = { night = 4 }

[calendars]
ie = ["2026-03-17", 2026-03-18, "2026-12-24..2026-12-26"]

[templates]
day = { start = "09:00", end = "17:00", skills = "phone" }
night = { start = 22:00:00, end = "06:00", night = true, not_followed_by = ["day"] }
late = { start = "16:00", end = "24:00", skills = ["phone", "de"] }

[agents.ana]
zone = "Europe/Dublin"
skills = ["phone", "de"]
calendars = ["ie"]
off = ["2026-03-10..2026-03-11"]
prefer = [{ on = 2026-03-02, template = "day", weight = 2 }]
avoid = [{ on = "Sat,Sun" }]
rules = { max_hours_per_week = 24 }

[agents.bo]
zone = "Asia/Kolkata"
skills = "phone"
comp_opening = 1.5
comp_dates = ["2026-03-13"]

[oncall.phone]
period = "week"
handoff = "Mon 09:00"
skill = "phone"
active = "outside-coverage"
credit = 0.5

[comp]
window_weeks = 4
holidays = ["2026-03-17"]
"#;

#[test]
fn schema_is_draft07_titled_and_stable() {
    let schema = printed_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["title"], "sunrota team config");
    assert!(schema["description"].as_str().is_some_and(|d| !d.is_empty()));
    assert_eq!(schema["required"], serde_json::json!(["horizon", "coverage"]));
    assert!(jsonschema::meta::is_valid(&schema), "not a valid draft-07 schema");
    assert_eq!(stdout(&sunrota(&["schema"])), stdout(&sunrota(&["schema"])));
}

#[test]
fn committed_schema_matches_the_binary() {
    let committed = std::fs::read_to_string(Path::new(ROOT).join(SCHEMA_FILE)).unwrap_or_default();
    let printed = stdout(&sunrota(&["schema"]));
    assert!(
        committed == printed,
        "{SCHEMA_FILE} is out of date with the config types; regenerate it with\n\
         \tcargo run -- schema > {SCHEMA_FILE}\nand commit it"
    );
}

/// Every table of the schema forbids keys it does not name, as the binary does.
#[test]
fn every_object_forbids_unknown_keys() {
    fn walk(v: &Json, path: &str, bad: &mut Vec<String>) {
        match v {
            Json::Object(m) => {
                if m.contains_key("properties") && m.get("additionalProperties") != Some(&Json::Bool(false)) {
                    bad.push(path.to_string());
                }
                m.iter().for_each(|(k, v)| walk(v, &format!("{path}/{k}"), bad));
            }
            Json::Array(a) => a.iter().for_each(|v| walk(v, path, bad)),
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(&printed_schema(), "", &mut bad);
    assert!(bad.is_empty(), "objects open to any key: {bad:?}");
}

#[test]
fn fields_have_descriptions() {
    let schema = printed_schema();
    let agent = &schema["properties"]["agents"]["additionalProperties"]["properties"];
    for key in ["zone", "skills", "off", "rules", "prefer"] {
        assert!(
            agent[key]["description"].is_string(),
            "agents.NAME.{key} has no description"
        );
    }
    let rules = &schema["properties"]["rules"]["properties"]["max_shifts_per_week"];
    assert!(rules["description"].as_str().unwrap().contains("default 5"));
}

#[test]
fn examples_validate() {
    let v = validator();
    let mut seen = 0;
    for entry in std::fs::read_dir(Path::new(ROOT).join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let errors = schema_errors(&v, &std::fs::read_to_string(&path).unwrap());
            assert!(errors.is_empty(), "{}:\n{}", path.display(), errors.join("\n"));
            seen += 1;
        }
    }
    assert!(seen >= 4, "only {seen} examples found");
}

#[test]
fn examples_name_the_schema_for_taplo() {
    for entry in std::fs::read_dir(Path::new(ROOT).join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let directive = text.lines().next().and_then(|l| l.strip_prefix("#:schema "));
            let target = directive.unwrap_or_else(|| panic!("{}: no #:schema line", path.display()));
            assert!(
                path.parent().unwrap().join(target).is_file(),
                "{}: {target}",
                path.display()
            );
        }
    }
}

#[test]
fn every_config_form_validates() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(binary_accepts(dir.path(), GOOD), Ok(()));
    let errors = schema_errors(&validator(), GOOD);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn imported_benchmark_config_validates() {
    let dir = tempfile::tempdir().unwrap();
    let v = validator();
    for n in [1, 2] {
        let instance = Path::new(ROOT).join(format!("tests/data/curtois/Instance{n}.txt"));
        let out = dir.path().join(format!("i{n}.toml"));
        let run = sunrota(&["import", "nrp", instance.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(run.code, Some(0), "{}", stderr(&run));
        let errors = schema_errors(&v, &std::fs::read_to_string(&out).unwrap());
        assert!(errors.is_empty(), "Instance{n}:\n{}", errors.join("\n"));
    }
}

/// A change to `GOOD`: `from` replaced by `to` (which must occur once).
fn broken(from: &str, to: &str) -> String {
    assert_eq!(GOOD.matches(from).count(), 1, "{from}");
    GOOD.replace(from, to)
}

/// The schema and the binary both reject `text`; the schema's error is at
/// `at` and the binary's message contains `says`.
fn both_reject(text: &str, at: &str, says: &str) {
    let errors = schema_errors(&validator(), text);
    assert!(
        errors.iter().any(|e| e.starts_with(at)),
        "schema errors at {at}? {errors:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let err = binary_accepts(dir.path(), text).expect_err("the binary accepted it");
    assert!(err.contains(says), "binary said:\n{err}");
}

#[test]
fn typo_in_rules_is_rejected() {
    let text = broken("max_shifts_per_week = 5", "max_shift_per_week = 5");
    both_reject(&text, "/rules", "unknown field `max_shift_per_week`");
}

#[test]
#[cfg(feature = "solver")]
fn typo_in_an_agent_is_rejected_by_plan_too() {
    let text = broken("zone = \"Asia/Kolkata\"", "zoen = \"Asia/Kolkata\"");
    both_reject(&text, "/agents/bo", "unknown field `zoen`");
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(dir.path(), "team.toml", &text);
    let out = sunrota(&["plan", cfg.to_str().unwrap(), "--quiet"]);
    assert_eq!(out.code, Some(2));
    assert!(stderr(&out).contains("zoen"), "{}", stderr(&out));
}

#[test]
fn wrong_types_and_forms_are_rejected() {
    both_reject(
        &broken("weeks = 2", "weeks = \"four\""),
        "/horizon/weeks",
        "invalid type",
    );
    both_reject(&broken("weeks = 2", "weeks = 200"), "/horizon/weeks", "out of range");
    both_reject(
        &broken("start = \"16:00\"", "start = \"4pm\""),
        "/templates/late/start",
        "4pm",
    );
    both_reject(
        &broken("end = \"24:00\"", "end = \"25:00\""),
        "/templates/late/end",
        "25:00",
    );
    both_reject(
        &broken("\"2026-03-13\"", "\"13/03/2026\""),
        "/agents/bo/comp_dates/0",
        "13/03/2026",
    );
    both_reject(
        &broken("zone = \"Asia/Kolkata\"", "zone = \"Asia/Kolkatta\""),
        "/agents/bo/zone",
        "Kolkatta",
    );
    both_reject(
        &broken("skills = \"phone\"\n", "skills = 3\n"),
        "/agents/bo/skills",
        "skills",
    );
    both_reject(
        &broken("period = \"week\"", "period = \"month\""),
        "/oncall/phone/period",
        "month",
    );
    both_reject(
        &broken("credit = 0.5", "credit = 0.3"),
        "/oncall/phone/credit",
        "quarter",
    );
}

#[test]
fn missing_required_keys_are_rejected() {
    let text = GOOD.replace("[horizon]\nstart = 2026-03-02\nweeks = 2\n", "");
    both_reject(&text, "", "missing field `horizon`");
    both_reject(&broken("handoff = \"Mon 09:00\"\n", ""), "/oncall/phone", "handoff");
}

/// The config literals of the other test files (raw strings from `[horizon]`
/// to their end) that are complete TOML documents.
fn suite_configs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for file in suite_files(&Path::new(ROOT).join("tests")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(ROOT).unwrap().display().to_string();
        for (i, chunk) in text.split("[horizon]").skip(1).enumerate() {
            let Some(end) = chunk.find("\"#") else { continue };
            let config = format!("[horizon]{}", &chunk[..end]);
            if toml::from_str::<toml::Value>(&config).is_ok() {
                out.push((format!("{name} #{}", i + 1), config));
            }
        }
    }
    out.extend(built_configs());
    out
}

/// Every `.rs` file under `dir`, sorted.
fn suite_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(suite_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Configs of the `Team` builder, using each of its parts: what the tests
/// write through it must be what an editor accepts too.
fn built_configs() -> Vec<(String, String)> {
    let plain = Team::new()
        .need("24/7", 1)
        .template("day", "09:00", "17:00")
        .agent("ana", "Europe/Dublin");
    let full = Team::new()
        .named("desk", Some("rotas"))
        .start("2026-03-23")
        .weeks(2)
        .zone("America/New_York")
        .need("Mon-Fri 08:00-16:00", 1)
        .need_skill("Mon-Fri 09:00-12:00", 1, "phone")
        .rule("min_rest_hours", 8)
        .rule("max_shifts_per_week", 5)
        .template("day", "08:00", "16:00")
        .night("night", "22:00", "06:00")
        .agent("ana", "Europe/Dublin")
        .skills(&["phone"])
        .templates(&["day"])
        .off(&["2026-03-25", "2026-03-30..2026-03-31"])
        .agents("h", "UTC", 2);
    let duties = Team::new()
        .horizon("2026-03-02", 2)
        .shift_need("Mon-Fri", "day", 1)
        .template("day", "09:00", "17:00")
        .agents_named(&["ana", "bo"], "UTC")
        .oncall("phone", "Mon 09:00", &["zone = \"UTC\"", "credit = 1"])
        .comp(&["window_weeks = 2"]);
    vec![
        ("Team builder, plain".to_string(), plain.toml()),
        ("Team builder, every part".to_string(), full.toml()),
        (
            "Team builder, shift demands, on-call and comp".to_string(),
            duties.toml(),
        ),
    ]
}

/// Whatever config the binary accepts, an editor must not flag.
#[test]
fn every_config_the_binary_accepts_validates() {
    let (v, dir) = (validator(), tempfile::tempdir().unwrap());
    let mut accepted = 0;
    for (name, config) in suite_configs() {
        if binary_accepts(dir.path(), &config).is_ok() {
            let errors = schema_errors(&v, &config);
            assert!(errors.is_empty(), "{name}:\n{config}\n{}", errors.join("\n"));
            accepted += 1;
        }
    }
    assert!(accepted >= 10, "only {accepted} configs from the suite were checked");
}

/// What the `Team` builder writes, the binary loads and the schema accepts.
#[test]
fn team_builder_configs_are_accepted_and_validate() {
    let (v, dir) = (validator(), tempfile::tempdir().unwrap());
    for (name, config) in built_configs() {
        if let Err(e) = binary_accepts(dir.path(), &config) {
            panic!("{name}: the binary refuses it:\n{config}\n{e}");
        }
        let errors = schema_errors(&v, &config);
        assert!(errors.is_empty(), "{name}:\n{config}\n{}", errors.join("\n"));
    }
}

#[test]
fn bash_completions_name_the_subcommands_and_parse() {
    let out = sunrota(&["completions", "bash"]);
    assert_eq!(out.code, Some(0));
    let script = stdout(&out);
    let top = script
        .lines()
        .find(|l| l.contains("opts=\"-h -V"))
        .expect("the top-level options line");
    for sub in [
        "plan", "check", "show", "export", "report", "ledger", "import", "schema",
    ] {
        assert!(top.split(['"', ' ']).any(|w| w == sub), "no `{sub}` in {top}");
        assert!(script.contains(&format!("sunrota,{sub})")), "no case for `{sub}`");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sunrota.bash", &script);
    match Command::new("bash").arg("-n").arg(&path).output() {
        Ok(check) => assert!(
            check.status.success(),
            "bash -n: {}",
            String::from_utf8_lossy(&check.stderr)
        ),
        Err(e) => eprintln!("bash not available ({e}); syntax not checked"),
    }
}

#[test]
fn every_shell_gets_a_script() {
    for (shell, marker) in [
        ("zsh", "#compdef sunrota"),
        ("fish", "complete -c sunrota"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[sunrota]"),
    ] {
        let out = sunrota(&["completions", shell]);
        assert_eq!(out.code, Some(0), "{shell}");
        assert!(stdout(&out).contains(marker), "{shell} script lacks {marker}");
        assert!(stdout(&out).contains("check"), "{shell} script lacks `check`");
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let out = sunrota(&["completions", "tcsh"]);
    assert_eq!(out.code, Some(2));
    assert!(stderr(&out).contains("tcsh"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn man_page_is_roff_with_the_subcommands() {
    let out = sunrota(&["man"]);
    assert_eq!(out.code, Some(0));
    let page = stdout(&out);
    let first_macro = page.lines().find(|l| l.starts_with(".TH") || l.starts_with(".SH"));
    assert!(first_macro.is_some_and(|l| l.starts_with(".TH sunrota 1")), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in ["plan", "check", "show", "export", "completions", "man"] {
        assert!(page.contains(&format!("sunrota\\-{sub}")), "no `{sub}` in the man page");
    }
}

/// `sunrota schema | head -1`: a reader that has gone away ends the output
/// quietly (exit 0, no panic).
#[cfg(unix)]
#[test]
fn closed_pipe_is_not_a_panic() {
    for cmd in ["schema", "man", "completions bash"] {
        let script = format!("(sleep 0.3; \"$0\" {cmd}; echo \"exit=$?\" >&2) | true");
        let out = Command::new("sh").args(["-c", &script, BIN]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("exit=0") && !err.contains("panicked"), "{cmd}: {err}");
    }
}
