//! `sunrota publish pagerduty` end to end against a PagerDuty stand-in on
//! 127.0.0.1 that implements the three calls from the vendor's OpenAPI
//! document ([`server`]): the phone team's January rota published once
//! creates its four holds; again, nothing is sent; after a sick-day handover
//! exactly one delete and one create; a 429 is waited out; a 401 is one
//! message, exit 2, nothing changed; a failure part-way is undone.

mod server;

use crate::util::*;
use server::{Fault, Held, Server, TOKEN};
use std::path::{Path, PathBuf};

const SCHEDULE: &str = "P2N5SCH";

/// An override as compared: start and end in UTC, the user id.
type Hold = (DateTime<Utc>, DateTime<Utc>, String);
/// Before the January rota: nothing in it is over yet.
const AT: &str = "2026-12-20T00:00:00Z";

fn config() -> PathBuf {
    example("phone-team.toml")
}

fn january() -> PathBuf {
    repo("schedules/phone-team/2027-01.toml")
}

/// `sunrota publish pagerduty` of `rota` to `server`, as of `at`, with the right token.
fn publish_at(server: &Server, rota: &Path, at: &str) -> Cmd {
    let (c, r) = (config(), rota.to_path_buf());
    Cmd::new(["publish", "pagerduty", c.to_str().unwrap(), r.to_str().unwrap()])
        .args(["--api-url", server.url.as_str(), "--at", at])
        .env("PAGERDUTY_TOKEN", TOKEN)
}

fn publish(server: &Server, rota: &Path, extra: &[&str]) -> Run {
    publish_at(server, rota, AT).args(extra).run()
}

/// The holds of `rota` as (start, end, user id), in UTC, sorted.
fn holds(rota: &Path) -> Vec<Hold> {
    let out = sunrota([
        "export",
        "pagerduty",
        config().to_str().unwrap(),
        rota.to_str().unwrap(),
    ]);
    out.expect_code(0);
    let mut v: Vec<_> = out.json()["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let t = |k: &str| {
                DateTime::parse_from_rfc3339(o[k].as_str().unwrap())
                    .unwrap()
                    .with_timezone(&Utc)
            };
            (t("start"), t("end"), o["user"]["id"].as_str().unwrap().to_string())
        })
        .collect();
    v.sort();
    v
}

fn held(server: &Server) -> Vec<Hold> {
    let mut v: Vec<_> = server
        .held()
        .into_iter()
        .map(|h| (h.start.with_timezone(&Utc), h.end.with_timezone(&Utc), h.user))
        .collect();
    v.sort();
    v
}

/// The January rota after maria's week (from Mon 2027-01-25) goes to wei, as the README does it.
fn sick_day(dir: &Path) -> PathBuf {
    let out = dir.join("2027-01.toml");
    sunrota([
        "swap",
        config().to_str().unwrap(),
        january().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "oncall",
        "phone",
        "2027-01-25",
        "wei",
    ])
    .expect_code(0);
    out
}

const LIST: &str = "GET /schedules/P2N5SCH/overrides";

#[test]
fn a_first_publish_creates_every_hold_in_one_call_and_again_sends_nothing() {
    let s = Server::start(SCHEDULE, Vec::new());
    let run = publish(&s, &january(), &[]);
    run.expect_code(0).stdout_has("4 created");
    assert_eq!(
        s.take_calls(),
        [LIST.to_string(), format!("POST /schedules/{SCHEDULE}/overrides 4")],
        "{run}"
    );
    assert_eq!(held(&s), holds(&january()));
    let again = publish(&s, &january(), &[]);
    again.expect_code(0).stdout_has("nothing sent");
    assert_eq!(s.take_calls(), [LIST], "{again}");
    assert!(s.violations().is_empty(), "{:?}", s.violations());
}

#[test]
fn a_sick_day_handover_creates_one_override_then_deletes_one() {
    let s = Server::start(SCHEDULE, Vec::new());
    publish(&s, &january(), &[]).expect_code(0);
    let before = s.held();
    s.take_calls();
    let dir = tempdir();
    let changed = sick_day(dir.path());
    let run = publish(&s, &changed, &[]);
    run.expect_code(0).stdout_has("1 deleted, 1 created");
    let maria = before.iter().find(|h| h.user == "PMARIA3").unwrap();
    assert_eq!(
        s.take_calls(),
        [
            LIST.to_string(),
            format!("POST /schedules/{SCHEDULE}/overrides 1"),
            format!("DELETE /schedules/{SCHEDULE}/overrides/{}", maria.id),
        ],
        "{run}"
    );
    assert_eq!(held(&s), holds(&changed));
    // The other three overrides are the very same ones (same ids), untouched.
    let kept: Vec<&Held> = before.iter().filter(|h| h.user != "PMARIA3").collect();
    for h in kept {
        assert!(s.held().contains(h), "{h:?} was replaced");
    }
    assert!(s.violations().is_empty(), "{:?}", s.violations());
}

#[test]
fn dry_run_lists_the_calls_it_would_send_and_sends_only_the_list() {
    let s = Server::start(SCHEDULE, Vec::new());
    publish(&s, &january(), &[]).expect_code(0);
    s.take_calls();
    let dir = tempdir();
    let changed = sick_day(dir.path());
    let run = publish(&s, &changed, &["--dry-run"]);
    run.expect_code(0)
        .stdout_has("would send: DELETE /schedules/P2N5SCH/overrides/Q")
        .stdout_has("would send: POST /schedules/P2N5SCH/overrides with 1 override(s)")
        .stdout_has(
            "PagerDuty schedule P2N5SCH, on-call duty `phone`, 2027-01-04 00:00 → 2027-02-01 09:00 (Europe/Dublin):\n",
        )
        .stdout_has("  keep    Mon 2027-01-04 09:00 → Mon 2027-01-11 09:00  aoife (PAOIFE1)\n")
        .stdout_has("  delete  Mon 2027-01-25 09:00 → Mon 2027-02-01 09:00  maria (PMARIA3)  [Q004]\n")
        .stdout_has("  create  Mon 2027-01-25 09:00 → Mon 2027-02-01 09:00  wei (PWEI005)\n")
        .stdout_has("dry run: nothing sent");
    assert_eq!(s.take_calls(), [LIST], "{run}");
    assert_eq!(held(&s), holds(&january()));
}

/// A 429 carrying `header: 2` on the first POST: the publish waits 2 s (not the 1 s it
/// waits when no header says) and then converges.
fn rate_limited_by(header: &'static str) {
    let s = Server::start(SCHEDULE, Vec::new());
    s.fault(Fault {
        headers: vec![(header, "2")],
        ..Fault::answer(
            "POST",
            429,
            r#"{"error": {"message": "Rate Limit Exceeded", "code": 2020}}"#,
        )
    });
    let started = std::time::Instant::now();
    let run = publish(&s, &january(), &[]);
    run.expect_code(0).stderr_has("waiting 2 s as the answer asks");
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(2),
        "it did not wait 2 s\n{run}"
    );
    let post = format!("POST /schedules/{SCHEDULE}/overrides 4");
    assert_eq!(s.take_calls(), [LIST.to_string(), post.clone(), post], "{run}");
    assert_eq!(held(&s), holds(&january()));
}

#[test]
fn a_429_is_waited_out_as_retry_after_says() {
    rate_limited_by("Retry-After");
}

#[test]
fn a_429_is_waited_out_as_pagerdutys_ratelimit_reset_says() {
    rate_limited_by("ratelimit-reset");
}

#[test]
fn a_401_is_one_message_exit_2_and_nothing_changes() {
    let s = Server::start(SCHEDULE, Vec::new());
    let run = publish_at(&s, &january(), AT)
        .env("PAGERDUTY_TOKEN", "not-the-token")
        .run();
    run.expect_code(2)
        .stderr_has("HTTP 401: Unauthorized")
        .stderr_has("the schedule is unchanged")
        .stderr_has("PAGERDUTY_TOKEN must hold a PagerDuty REST API key");
    assert_eq!(
        run.stderr.matches("error").count() + run.stderr.matches('×').count(),
        1,
        "one message\n{run}"
    );
    assert_eq!(s.take_calls(), [LIST], "{run}");
    assert!(s.held().is_empty());
}

/// January published, then the sick-day rota: one create (wei), one delete (maria).
fn published_then_sick(s: &Server) -> (Vec<Hold>, tempfile::TempDir, PathBuf) {
    publish(s, &january(), &[]).expect_code(0);
    s.take_calls();
    let dir = tempdir();
    let changed = sick_day(dir.path());
    (held(s), dir, changed)
}

#[test]
fn a_failed_create_changes_nothing_and_says_the_schedule_is_unchanged() {
    let s = Server::start(SCHEDULE, Vec::new());
    let (before, _dir, changed) = published_then_sick(&s);
    s.fault(Fault::answer(
        "POST",
        500,
        r#"{"error": {"message": "Internal Server Error", "code": 2000}}"#,
    ));
    let run = publish(&s, &changed, &[]);
    run.expect_code(2)
        .stderr_has("PagerDuty answered HTTP 500: Internal Server Error: the schedule is unchanged");
    assert_eq!(held(&s), before, "{run}");
    let post = format!("POST /schedules/{SCHEDULE}/overrides 1");
    assert_eq!(
        s.take_calls(),
        [LIST.to_string(), post, LIST.to_string()],
        "it looked again\n{run}"
    );
}

#[test]
fn an_override_refused_inside_a_201_is_a_failure_and_nothing_changes() {
    let s = Server::start(SCHEDULE, Vec::new());
    let (before, _dir, changed) = published_then_sick(&s);
    s.refuse("PWEI005");
    let run = publish(&s, &changed, &[]);
    run.expect_code(2)
        .stderr_has("HTTP 400: an override was refused: User cannot be assigned")
        .stderr_has("the schedule is unchanged");
    assert_eq!(held(&s), before, "maria's override was not deleted\n{run}");
}

#[test]
fn a_failed_delete_after_the_create_is_undone() {
    let s = Server::start(SCHEDULE, Vec::new());
    let (before, _dir, changed) = published_then_sick(&s);
    s.fault(Fault::answer(
        "DELETE",
        503,
        r#"{"error": {"message": "Service Unavailable", "code": 2000}}"#,
    ));
    let run = publish(&s, &changed, &[]);
    run.expect_code(2).stderr_has(
        "PagerDuty answered HTTP 503: Service Unavailable; what was already sent is undone: the schedule is unchanged",
    );
    assert_eq!(held(&s), before, "wei's new override was taken back\n{run}");
    let calls = s.take_calls();
    assert_eq!(
        calls.len(),
        6,
        "list, create, the failed delete, list, the undo's delete, list\n{calls:?}"
    );
    assert!(calls[4].starts_with("DELETE "), "{calls:?}");
}

#[test]
fn when_the_undo_fails_too_it_says_part_way_and_a_rerun_converges() {
    let s = Server::start(SCHEDULE, Vec::new());
    let (_before, _dir, changed) = published_then_sick(&s);
    for _ in 0..2 {
        s.fault(Fault::answer(
            "DELETE",
            503,
            r#"{"error": {"message": "Service Unavailable", "code": 2000}}"#,
        ));
    }
    publish(&s, &changed, &[])
        .expect_code(2)
        .stderr_has("the schedule is part-way; run `sunrota publish` again to converge");
    publish(&s, &changed, &[])
        .expect_code(0)
        .stdout_has("1 deleted, 0 created");
    assert_eq!(held(&s), holds(&changed));
}

#[test]
fn an_error_answer_to_a_call_that_did_its_work_is_seen_as_converged() {
    let s = Server::start(SCHEDULE, Vec::new());
    let (_before, _dir, changed) = published_then_sick(&s);
    s.fault(Fault {
        applied: true,
        ..Fault::answer("DELETE", 502, r#"{"error": {"message": "Bad Gateway", "code": 2000}}"#)
    });
    let run = publish(&s, &changed, &[]);
    run.expect_code(0)
        .stderr_has("PagerDuty answered HTTP 502: Bad Gateway, but the schedule now says what the rota says");
    assert_eq!(held(&s), holds(&changed));
}

#[test]
fn february_after_january_leaves_januarys_last_week_alone() {
    let s = Server::start(SCHEDULE, Vec::new());
    publish(&s, &january(), &[]).expect_code(0);
    let run = publish(&s, &repo("schedules/phone-team/2027-02.toml"), &[]);
    run.expect_code(0).stdout_has("0 deleted, 4 created");
    let mut want = holds(&january());
    want.extend(holds(&repo("schedules/phone-team/2027-02.toml")));
    want.sort();
    assert_eq!(held(&s), want, "{run}");
}

#[test]
fn overrides_outside_the_window_or_already_over_are_left_alone() {
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let december = Held {
        id: "QDEC".into(),
        start: t("2026-12-28T09:00:00+00:00"),
        end: t("2027-01-04T09:00:00+00:00"),
        user: "PWEI005".into(),
    };
    let stray = Held {
        id: "QSTRAY".into(),
        start: t("2027-01-05T00:00:00+00:00"),
        end: t("2027-01-06T00:00:00+00:00"),
        user: "PPRIYA6".into(),
    };
    let s = Server::start(SCHEDULE, vec![december.clone(), stray]);
    let run = publish(&s, &january(), &[]);
    run.expect_code(0).stdout_has("1 deleted, 4 created");
    assert!(
        s.held().contains(&december),
        "December's override reaches outside the window\n{run}"
    );
    assert!(
        !s.held().iter().any(|h| h.id == "QSTRAY"),
        "a hand-made override inside the window goes\n{run}"
    );
    // Once January is over its holds are history: a changed one is not re-sent.
    let dir = tempdir();
    let late = publish_at(&s, &sick_day(dir.path()), "2027-02-02T00:00:00Z").run();
    late.expect_code(0).stdout_has("nothing sent");
}

#[test]
fn a_missing_token_or_schedule_or_a_clear_text_url_is_refused_before_any_call() {
    let s = Server::start(SCHEDULE, Vec::new());
    let (c, r) = (config(), january());
    let base = ["publish", "pagerduty", c.to_str().unwrap(), r.to_str().unwrap()];
    Cmd::new(base)
        .args(["--api-url", &s.url])
        .env_remove("PAGERDUTY_TOKEN")
        .run()
        .expect_code(2)
        .stderr_has("PAGERDUTY_TOKEN is not set");
    Cmd::new(base)
        .args(["--api-url", "http://pagerduty.example.com"])
        .env("PAGERDUTY_TOKEN", TOKEN)
        .run()
        .expect_code(2)
        .stderr_has("not an https URL");
    // A user part must not smuggle another host past the check for this machine.
    let sneaky = format!("http://127.0.0.1:1@{}", s.url.trim_start_matches("http://"));
    Cmd::new(base)
        .args(["--api-url", &sneaky])
        .env("PAGERDUTY_TOKEN", TOKEN)
        .run()
        .expect_code(2)
        .stderr_has("names a user");
    Cmd::new(base)
        .args(["--api-url", &s.url])
        .env("PAGERDUTY_TOKEN", "two words")
        .run()
        .expect_code(2)
        .stderr_has("PAGERDUTY_TOKEN holds spaces");
    assert!(s.take_calls().is_empty());
}

#[test]
fn a_sick_day_in_the_week_under_way_is_published_from_now_and_then_agrees() {
    let s = Server::start(SCHEDULE, Vec::new());
    publish(&s, &january(), &[]).expect_code(0);
    s.take_calls();
    let dir = tempdir();
    let changed = sick_day(dir.path());
    let at = |when: &str| publish_at(&s, &changed, when).run();
    // Wednesday of maria's week: wei takes over from now, not from Monday, and
    // PagerDuty cuts maria's override at now rather than deleting it.
    s.clock("2027-01-27T12:00:00Z");
    let run = at("2027-01-27T12:00:00Z");
    run.expect_code(0)
        .stdout_has("  create  Wed 2027-01-27 12:00 → Mon 2027-02-01 09:00  wei (PWEI005)\n")
        .stdout_has("  cut     Mon 2027-01-25 09:00 → Mon 2027-02-01 09:00  maria (PMARIA3)  [Q004]\n")
        .stdout_has("1 deleted, 1 created");
    let wei = s.held().into_iter().find(|h| h.user == "PWEI005").unwrap();
    assert_eq!(wei.start.with_timezone(&Utc).to_rfc3339(), "2027-01-27T12:00:00+00:00");
    let maria = s.held().into_iter().find(|h| h.user == "PMARIA3").unwrap();
    assert_eq!(
        maria.end.with_timezone(&Utc).to_rfc3339(),
        "2027-01-27T12:00:00+00:00",
        "cut at now"
    );
    s.take_calls();
    // The next day the schedule already agrees: only the list is sent.
    at("2027-01-28T08:00:00Z").expect_code(0).stdout_has("nothing sent");
    assert_eq!(s.take_calls(), [LIST]);
}
