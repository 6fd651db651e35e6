//! `export pagerduty|datadog|opsgenie` (issue 23): the phone team's January
//! rota as each paging tool's create-overrides body, validated against the
//! vendor's own published schema for that endpoint (`tests/data/openapi/`),
//! one override per hold with its exact instants and offset, and the one
//! message for holders without an id. No network; both builds.

use crate::util::openapi;
use crate::util::Run;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

const PD_CREATE: &str = "/paths/~1schedules~1{id}~1overrides/post/requestBody/content/application~1json/schema";
const DD_CREATE: &str =
    "/paths/~1api~1v2~1on-call~1schedules~1{schedule_id}~1overrides/post/requestBody/content/application~1json/schema";
const OG_CREATE: &str = "/paths/~1v2~1schedules~1{identifier}~1overrides/post/parameters/2/schema";

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn january() -> PathBuf {
    root("schedules/phone-team/2027-01.toml")
}

/// The January rota's holds as its file has them: (agent, start, end) as written.
fn holds() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(january()).unwrap();
    let doc: toml::Value = toml::from_str(&text).unwrap();
    doc["oncall"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let s = |k: &str| h[k].to_string().trim_matches('"').to_string();
            (s("agent"), s("start"), s("end"))
        })
        .collect()
}

/// The phone team's config, with `edit` applied, in a temporary directory.
fn config(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root("examples/phone-team.toml")).unwrap();
    let path = dir.path().join("phone-team.toml");
    std::fs::write(&path, edit(text)).unwrap();
    (dir, path)
}

/// Every agent also gets a Datadog user id (a UUID) and an Opsgenie user (an e-mail address).
#[allow(clippy::needless_pass_by_value)] // the shape `config` takes
fn with_all_ids(text: String) -> String {
    let mut n = 0;
    text.lines()
        .map(|l| {
            if l.contains("pagerduty = \"P") && l.contains("zone =") {
                n += 1;
                let name = l.split_whitespace().next().unwrap();
                l.replace(
                    " }",
                    &format!(
                        ", datadog = \"3fa85f64-5717-4562-b3fc-2c963f66a{n:03}\", opsgenie = \"{name}@example.com\" }}"
                    ),
                )
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn export(tool: &str, config: &Path, extra: &[&str]) -> Run {
    let rota = january();
    let mut args = vec!["export", tool, config.to_str().unwrap(), rota.to_str().unwrap()];
    args.extend(extra);
    crate::sunrota(&args)
}

#[track_caller]
fn valid(vendor: &str, pointer: &str, body: &Json) {
    openapi::assert_valid(vendor, pointer, body);
}

#[test]
fn pagerduty_gets_one_override_per_hold_with_its_exact_instants_in_the_vendors_schema() {
    let run = export("pagerduty", &root("examples/phone-team.toml"), &[]);
    run.expect_code(0);
    let body = run.json();
    valid("pagerduty", PD_CREATE, &body);
    let ids = [
        ("aoife", "PAOIFE1"),
        ("lukas", "PLUKAS2"),
        ("dev", "PDEV004"),
        ("maria", "PMARIA3"),
    ];
    let got: Vec<(String, String, String)> = body["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let user = o["user"]["id"].as_str().unwrap();
            let agent = ids.iter().find(|(_, id)| *id == user).unwrap().0;
            (
                agent.to_string(),
                o["start"].as_str().unwrap().into(),
                o["end"].as_str().unwrap().into(),
            )
        })
        .collect();
    // Week-long holds stay one override each, in the holder's offset as the rota has it.
    assert_eq!(got, holds());
    assert_eq!(body["overrides"][2]["start"], "2027-01-18T04:00:00-05:00");
    assert!(body["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["user"]["type"] == "user_reference"));
}

#[test]
fn datadog_and_opsgenie_bodies_are_in_their_vendors_schemas() {
    let (_dir, cfg) = config(with_all_ids);
    let dd = export("datadog", &cfg, &[]);
    dd.expect_code(0);
    let calls = dd.json();
    let calls = calls.as_array().unwrap();
    assert_eq!(calls.len(), 1, "4 overrides fit one call of 25\n{dd}");
    valid("datadog", DD_CREATE, &calls[0]);
    assert_eq!(calls[0]["data"].as_array().unwrap().len(), 4);
    assert_eq!(
        calls[0]["data"][0]["relationships"]["user"]["data"]["id"],
        "3fa85f64-5717-4562-b3fc-2c963f66a001"
    );
    assert_eq!(calls[0]["data"][3]["attributes"]["end"], "2027-02-01T04:00:00-05:00");

    let og = export("opsgenie", &cfg, &[]);
    og.expect_code(0);
    let bodies = og.json();
    let bodies = bodies.as_array().unwrap();
    assert_eq!(bodies.len(), 4, "one call per override\n{og}");
    for b in bodies {
        valid("opsgenie", OG_CREATE, b);
    }
    assert_eq!(bodies[1]["user"]["username"], "lukas@example.com");
    assert_eq!(bodies[1]["alias"], "sunrota-phone-20270111T090000Z");
    assert_eq!(bodies[2]["startDate"], "2027-01-18T04:00:00-05:00");
}

#[test]
fn holders_without_an_id_are_named_in_one_message_with_exit_2() {
    let (_dir, cfg) = config(|t| {
        t.replace(", pagerduty = \"PDEV004\"", "")
            .replace(", pagerduty = \"PMARIA3\"", "")
    });
    let run = export("pagerduty", &cfg, &[]);
    run.expect_code(2)
        .stderr_has("2 agents hold `phone` but have no PagerDuty user id: dev, maria")
        .stderr_has("add `pagerduty = \"…\"`");
    assert!(run.stdout.is_empty(), "{run}");
    let (_dir, cfg) = config(|t| t);
    export("datadog", &cfg, &[])
        .expect_code(2)
        .stderr_has("4 agents hold `phone` but have no Datadog On-Call user id: aoife, lukas, dev, maria");
}

#[test]
fn a_bad_id_points_at_it_and_an_unknown_duty_lists_the_duties() {
    let (_dir, cfg) = config(|t| t.replace("pagerduty = \"PWEI005\"", "pagerduty = \"P WEI\""));
    export("pagerduty", &cfg, &[])
        .expect_code(2)
        .stderr_has("PagerDuty user id \"P WEI\" is not an id")
        .stderr_has("phone-team.toml:35:");
    export("pagerduty", &root("examples/phone-team.toml"), &["--duty", "pager"])
        .expect_code(2)
        .stderr_has("no on-call duty named `pager`")
        .stderr_has("the config's duties: phone");
}

#[test]
fn output_is_written_whole_and_never_over_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("overrides.json");
    std::fs::write(&out, "keep me").unwrap();
    let cfg = root("examples/phone-team.toml");
    let o = out.to_str().unwrap();
    export("pagerduty", &cfg, &["-o", o]).expect_code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    export("pagerduty", &cfg, &["-o", o, "--force"])
        .expect_code(0)
        .stderr_has("4 PagerDuty override(s) of `phone` written");
    let body: Json = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    valid("pagerduty", PD_CREATE, &body);
}

#[test]
fn the_vendors_schemas_reject_what_their_apis_would() {
    let bad_time = serde_json::json!({"overrides": [{"start": "Mon 09:00", "end": "2027-01-11T09:00:00Z",
        "user": {"id": "PAOIFE1", "type": "user_reference"}}]});
    let no_user = serde_json::json!({"overrides": [{"start": "2027-01-04T09:00:00Z", "end": "2027-01-11T09:00:00Z"}]});
    let wrong_type = serde_json::json!({"overrides": [{"start": "2027-01-04T09:00:00Z", "end": "2027-01-11T09:00:00Z",
        "user": {"id": "PAOIFE1", "type": "user"}}]});
    let pd = openapi::validator("pagerduty", PD_CREATE);
    for body in [bad_time, no_user, wrong_type] {
        assert!(!openapi::errors(&pd, &body).is_empty(), "accepted {body}");
    }
    let dd = openapi::validator("datadog", DD_CREATE);
    let too_many: Vec<Json> = (0..26)
        .map(|_| serde_json::json!({"type": "overrides", "attributes": {"start": "2027-01-04T09:00:00Z", "end": "2027-01-05T09:00:00Z"},
            "relationships": {"user": {"data": {"id": "u", "type": "users"}}}}))
        .collect();
    assert!(
        !openapi::errors(&dd, &serde_json::json!({ "data": too_many })).is_empty(),
        "26 overrides in one call"
    );
    let og = openapi::validator("opsgenie", OG_CREATE);
    assert!(!openapi::errors(
        &og,
        &serde_json::json!({"startDate": "2027-01-04T09:00:00Z", "endDate": "2027-01-05T09:00:00Z"})
    )
    .is_empty());
}
