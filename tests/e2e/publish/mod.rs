//! `sunrota publish pagerduty` end to end against a PagerDuty stand-in on
//! 127.0.0.1 that implements the three calls from the vendor's OpenAPI
//! document ([`server`]): the phone team's January rota published once
//! creates its four holds; again, nothing is sent; after a sick-day handover
//! exactly one delete and one create; a 429 is waited out; a 401 is one
//! message, exit 2, nothing changed; a failure part-way is undone.

mod server;

use crate::util::*;
use server::{Fault, Held, Server, TOKEN};

const SCHEDULE: &str = "P2N5SCH";
/// Before the January rota: nothing in it is over yet.
const AT: &str = "2026-12-20T00:00:00Z";

fn config() -> PathBuf {
    example("phone-team.toml")
}

fn january() -> PathBuf {
    repo("schedules/phone-team/2027-01.toml")
}

fn publish(server: &Server, rota: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["publish", "pagerduty"];
    let (c, r) = (config(), rota.to_path_buf());
    let (c, r) = (c.to_str().unwrap().to_string(), r.to_str().unwrap().to_string());
    args.extend([c.as_str(), r.as_str(), "--api-url", server.url.as_str(), "--at", AT]);
    args.extend(extra);
    Cmd::new(&args).env("PAGERDUTY_TOKEN", TOKEN).run()
}

/// The holds of `rota` as (start, end, user id), in UTC, sorted.
fn holds(rota: &Path) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
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

fn held(server: &Server) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
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
fn a_sick_day_handover_deletes_one_override_and_creates_one() {
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
            format!("DELETE /schedules/{SCHEDULE}/overrides/{}", maria.id),
            format!("POST /schedules/{SCHEDULE}/overrides 1")
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

#[test]
fn a_429_is_waited_out_as_retry_after_says() {
    let s = Server::start(SCHEDULE, Vec::new());
    s.fault(Fault {
        method: "POST",
        status: 429,
        headers: vec![("Retry-After", "1")],
        body: r#"{"error": {"message": "Rate Limit Exceeded", "code": 2020}}"#,
    });
    let started = std::time::Instant::now();
    let run = publish(&s, &january(), &[]);
    run.expect_code(0).stderr_has("waiting 1 s as the answer asks");
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "it did not wait"
    );
    let post = format!("POST /schedules/{SCHEDULE}/overrides 4");
    assert_eq!(s.take_calls(), [LIST.to_string(), post.clone(), post], "{run}");
    assert_eq!(held(&s), holds(&january()));
}

#[test]
fn a_401_is_one_message_exit_2_and_nothing_changes() {
    let s = Server::start(SCHEDULE, Vec::new());
    let c = config();
    let r = january();
    let run = Cmd::new([
        "publish",
        "pagerduty",
        c.to_str().unwrap(),
        r.to_str().unwrap(),
        "--api-url",
        &s.url,
        "--at",
        AT,
    ])
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

#[test]
fn a_failure_part_way_is_undone_and_says_the_schedule_is_unchanged() {
    let s = Server::start(SCHEDULE, Vec::new());
    publish(&s, &january(), &[]).expect_code(0);
    let before = held(&s);
    s.take_calls();
    s.fault(Fault {
        method: "POST",
        status: 500,
        headers: Vec::new(),
        body: r#"{"error": {"message": "Internal Server Error", "code": 2000}}"#,
    });
    let dir = tempdir();
    let run = publish(&s, &sick_day(dir.path()), &[]);
    run.expect_code(2)
        .stderr_has("HTTP 500: Internal Server Error")
        .stderr_has("undone: the schedule is unchanged");
    assert_eq!(held(&s), before, "the deleted override was put back\n{run}");
    let calls = s.take_calls();
    assert_eq!(
        calls.len(),
        4,
        "list, delete, the failed create, the undo's create\n{run}\n{calls:?}"
    );
    assert_eq!(calls[3], format!("POST /schedules/{SCHEDULE}/overrides 1"));
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
    let late = Cmd::new([
        "publish",
        "pagerduty",
        config().to_str().unwrap(),
        sick_day(dir.path()).to_str().unwrap(),
        "--api-url",
        &s.url,
        "--at",
        "2027-02-02T00:00:00Z",
    ])
    .env("PAGERDUTY_TOKEN", TOKEN)
    .run();
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
    assert!(s.take_calls().is_empty());
}

#[test]
fn a_sick_day_in_the_week_under_way_is_published_from_now_and_then_agrees() {
    let s = Server::start(SCHEDULE, Vec::new());
    publish(&s, &january(), &[]).expect_code(0);
    s.take_calls();
    let dir = tempdir();
    let changed = sick_day(dir.path());
    let (c, r) = (config(), changed.clone());
    let at = |when: &str| {
        Cmd::new([
            "publish",
            "pagerduty",
            c.to_str().unwrap(),
            r.to_str().unwrap(),
            "--api-url",
            &s.url,
            "--at",
            when,
        ])
        .env("PAGERDUTY_TOKEN", TOKEN)
        .run()
    };
    // Wednesday of maria's week: wei takes over from now, not from Monday.
    let run = at("2027-01-27T12:00:00Z");
    run.expect_code(0)
        .stdout_has("  create  Wed 2027-01-27 12:00 → Mon 2027-02-01 09:00  wei (PWEI005)\n")
        .stdout_has("1 deleted, 1 created");
    let wei = s.held().into_iter().find(|h| h.user == "PWEI005").unwrap();
    assert_eq!(wei.start.with_timezone(&Utc).to_rfc3339(), "2027-01-27T12:00:00+00:00");
    s.take_calls();
    // The next day the schedule already agrees: only the list is sent.
    at("2027-01-28T08:00:00Z").expect_code(0).stdout_has("nothing sent");
    assert_eq!(s.take_calls(), [LIST]);
}
