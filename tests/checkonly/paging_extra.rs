//! Independent tests of `export pagerduty|datadog|opsgenie` and `publish
//! pagerduty` (issue 23), written to break them the way a support manager
//! and a CI maintainer use them.
//!
//! Export: hand-written rotas (checked by `sunrota check` first) with daily
//! overnight holds, holds across DST changes (New York's spring forward,
//! Lord Howe's half-hour fall back, Kathmandu's +05:45), more than 25 holds,
//! unfilled periods, several duties, `holders = 2`, ids that are not ids,
//! and `-o` over the inputs.
//!
//! Publish: against a PagerDuty stand-in on raw TCP (`stand_in`, which can
//! also drop a connection): what is sent (path encoding, query, headers,
//! body), re-publishing across several re-plans and months, `--dry-run`,
//! `--at`, rate limits, a failure at each call and the state it leaves,
//! unreadable answers, and the tokens and URLs that must be refused before
//! anything is sent.

mod stand_in;

use crate::util::{openapi, Cmd, Run};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value as Json};
use stand_in::{Held, Reply, Req, Server, State, TOKEN};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const PD_CREATE: &str = "/paths/~1schedules~1{id}~1overrides/post/requestBody/content/application~1json/schema";
const DD_CREATE: &str =
    "/paths/~1api~1v2~1on-call~1schedules~1{schedule_id}~1overrides/post/requestBody/content/application~1json/schema";
const OG_CREATE: &str = "/paths/~1v2~1schedules~1{identifier}~1overrides/post/parameters/2/schema";

/// Before the phone team's January rota: nothing in it is over yet.
const AT: &str = "2026-12-20T00:00:00Z";
const PHONE_LIST: &str = "GET /schedules/P2N5SCH/overrides";
const PHONE_POST: &str = "POST /schedules/P2N5SCH/overrides";

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn phone() -> PathBuf {
    root("examples/phone-team.toml")
}

fn january() -> PathBuf {
    root("schedules/phone-team/2027-01.toml")
}

/// `sunrota ARGS`, with neither a token nor `SOURCE_DATE_EPOCH` inherited.
fn clean(args: &[&str]) -> Cmd {
    Cmd::new(args)
        .env_remove("PAGERDUTY_TOKEN")
        .env_remove("SOURCE_DATE_EPOCH")
}

fn run(args: &[&str]) -> Run {
    clean(args).run()
}

fn export(tool: &str, cfg: &Path, rota: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["export", tool, s(cfg), s(rota)];
    args.extend_from_slice(extra);
    run(&args)
}

/// `publish pagerduty CFG ROTA --api-url URL [--at AT] EXTRA` with the stand-in's token.
fn publish_to(url: &str, cfg: &Path, rota: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["publish", "pagerduty", s(cfg), s(rota), "--api-url", url];
    if !extra.contains(&"--at") {
        args.extend(["--at", AT]);
    }
    args.extend_from_slice(extra);
    clean(&args).env("PAGERDUTY_TOKEN", TOKEN).run()
}

fn publish(server: &Server, cfg: &Path, rota: &Path, extra: &[&str]) -> Run {
    publish_to(&server.url, cfg, rota, extra)
}

#[track_caller]
fn valid(vendor: &str, pointer: &str, body: &Json) {
    openapi::assert_valid(vendor, pointer, body);
}

fn text(v: &Json) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string()
}

fn instant(v: &Json) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&text(v)).unwrap()
}

fn stamp(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A message as one line: miette wraps long ones (with a `│` gutter).
fn flat(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Error lines of miette's rendering ("  × …"): one message is one of them.
fn messages(run: &Run) -> usize {
    run.stderr.matches('×').count()
}

/// What `export pagerduty` says the schedule should say: (start, end, user) in UTC, sorted.
fn exported(cfg: &Path, rota: &Path) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
    let r = export("pagerduty", cfg, rota, &[]);
    r.expect_code(0);
    let mut v: Vec<_> = r.json()["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                instant(&o["start"]).to_utc(),
                instant(&o["end"]).to_utc(),
                text(&o["user"]["id"]),
            )
        })
        .collect();
    v.sort();
    v
}

/// The rota's holds as overrides a schedule already holds, with ids `Q1`, `Q2`, ….
fn held_as(cfg: &Path, rota: &Path) -> Vec<Held> {
    exported(cfg, rota)
        .into_iter()
        .enumerate()
        .map(|(i, (a, b, u))| Held {
            id: format!("Q{}", i + 1),
            start: a.fixed_offset(),
            end: b.fixed_offset(),
            user: u,
        })
        .collect()
}

/// `swap CONFIG FROM -o DIR/NAME oncall phone DATE TO --force`: a re-plan of one week.
fn swapped(dir: &Path, from: &Path, name: &str, date: &str, to: &str) -> PathBuf {
    let out = dir.join(name);
    run(&[
        "swap",
        s(&phone()),
        s(from),
        "-o",
        s(&out),
        "--force",
        "oncall",
        "phone",
        date,
        to,
    ])
    .expect_code(0);
    out
}

/// January with maria's last week handed to wei (one change).
fn sick_day(dir: &Path) -> PathBuf {
    swapped(dir, &january(), "r1.toml", "2027-01-25", "wei")
}

/// January with lukas's week to priya and maria's to wei (two changes).
fn two_changes(dir: &Path) -> PathBuf {
    let r1 = sick_day(dir);
    swapped(dir, &r1, "r2.toml", "2027-01-11", "priya")
}

// ---------------------------------------------------------------------------
// A hand-written team with three duties
// ---------------------------------------------------------------------------

/// The team: name, zone, PagerDuty user id (sam works the Monday shift, holds nothing).
const AGENTS: [(&str, &str, &str); 7] = [
    ("sam", "Europe/London", ""),
    ("ann", "America/New_York", "PANN001"),
    ("bo", "Europe/London", "PBO0002"),
    ("hari", "Asia/Kathmandu", "PHARI03"),
    ("kiran", "Asia/Kathmandu", "PKIRAN4"),
    ("lord", "Australia/Lord_Howe", "PLORD05"),
    ("lucy", "Australia/Sydney", "PLUCY06"),
];

fn agent(name: &str) -> (usize, Tz, &'static str) {
    let i = AGENTS.iter().position(|a| a.0 == name).unwrap();
    (i, AGENTS[i].1.parse().unwrap(), AGENTS[i].2)
}

fn datadog_id(name: &str) -> String {
    format!("00000000-0000-4000-8000-{:012}", agent(name).0)
}

/// Three duties: `nyc` daily at 18:00 New York (overnight holds, one across
/// the spring forward of 2027-03-14), `ktm` daily at midnight Kathmandu
/// (+05:45), `howe` weekly Mon 09:00 Lord Howe (+11:00, +10:30 from
/// 2027-04-04). Five weeks from Mon 2027-03-08, coverage in UTC.
fn multi_config() -> String {
    let mut t = String::from(
        "[horizon]\nstart = 2027-03-08\nweeks = 5\n\n[coverage]\nzone = \"UTC\"\n\
         need = [{ at = \"Mon 09:00-10:00\", agents = 1 }]\n\n[templates]\n\
         day = { start = \"09:00\", end = \"17:00\" }\n\n[agents]\n",
    );
    for (name, zone, pd) in AGENTS {
        if pd.is_empty() {
            writeln!(t, "{name} = {{ zone = \"{zone}\", templates = [\"day\"] }}").unwrap();
        } else {
            writeln!(
                t,
                "{name} = {{ zone = \"{zone}\", templates = [\"day\"], pagerduty = \"{pd}\", datadog = \"{}\", opsgenie = \"{name}@example.com\" }}",
                datadog_id(name)
            )
            .unwrap();
        }
    }
    t.push_str(
        "\n[oncall.nyc]\nperiod = \"day\"\nhandoff = \"18:00\"\nzone = \"America/New_York\"\n\
         agents = [\"ann\", \"bo\"]\nmin_gap = 0\ncredit = 0\npagerduty = \"PNYC001\"\n\
         \n[oncall.ktm]\nperiod = \"day\"\nhandoff = \"00:00\"\nzone = \"Asia/Kathmandu\"\n\
         agents = [\"hari\", \"kiran\"]\nmin_gap = 0\ncredit = 0\n\
         \n[oncall.howe]\nperiod = \"week\"\nhandoff = \"Mon 09:00\"\nzone = \"Australia/Lord_Howe\"\n\
         agents = [\"lord\", \"lucy\"]\ncredit = 0\n",
    );
    t
}

#[derive(Debug, Clone)]
struct Hold {
    duty: &'static str,
    agent: &'static str,
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn local(zone: Tz, d: NaiveDate, h: u32) -> DateTime<Tz> {
    zone.from_local_datetime(&d.and_hms_opt(h, 0, 0).unwrap())
        .earliest()
        .unwrap()
}

/// A hold as `plan` writes it: in the holder's own offset.
fn hold(duty: &'static str, agent_name: &'static str, from: DateTime<Tz>, to: DateTime<Tz>) -> Hold {
    let zone = agent(agent_name).1;
    Hold {
        duty,
        agent: agent_name,
        start: from.with_timezone(&zone).fixed_offset(),
        end: to.with_timezone(&zone).fixed_offset(),
    }
}

fn multi_holds() -> Vec<Hold> {
    let (ny, ktm, lh) = (Tz::America__New_York, Tz::Asia__Kathmandu, Tz::Australia__Lord_Howe);
    let mut out = Vec::new();
    for i in 0..35 {
        let d = date(2027, 3, 8) + Duration::days(i);
        let next = d + Duration::days(1);
        let (a, b) = if i % 2 == 0 { ("ann", "hari") } else { ("bo", "kiran") };
        out.push(hold("nyc", a, local(ny, d, 18), local(ny, next, 18)));
        out.push(hold(
            "ktm",
            b,
            local(ktm, next, 0),
            local(ktm, next + Duration::days(1), 0),
        ));
    }
    // Lord Howe's Monday 09:00 is Sunday 22:00 UTC: the rota's first period is the 15th.
    for w in 0..5 {
        let d = date(2027, 3, 15) + Duration::days(7 * w);
        let a = if w % 2 == 0 { "lord" } else { "lucy" };
        out.push(hold("howe", a, local(lh, d, 9), local(lh, d + Duration::days(7), 9)));
    }
    out
}

type Span = (&'static str, DateTime<FixedOffset>, DateTime<FixedOffset>);

/// A rota file as `plan` writes one (summary numbers are not confirmed, which `check` only notes).
fn rota_text(start: &str, weeks: u32, shifts: &[Span], holds: &[Hold], unfilled: &[Span]) -> String {
    let mut t = format!(
        "[rota]\nstart = {start}\nweeks = {weeks}\nzone = \"UTC\"\n\n[summary]\nstatus = \"optimal\"\n\
         objective = 0.0\nbest_bound = 0.0\ngap_percent = 0.0\nuncovered_agent_minutes = 0\n\n[shifts]\nlist = [\n"
    );
    for (a, b, e) in shifts {
        writeln!(
            t,
            "  {{ agent = \"{a}\", template = \"day\", start = {}, end = {} }},",
            stamp(b),
            stamp(e)
        )
        .unwrap();
    }
    t.push_str("]\n\n[oncall]\nlist = [\n");
    for h in holds {
        writeln!(
            t,
            "  {{ duty = \"{}\", agent = \"{}\", start = {}, end = {} }},",
            h.duty,
            h.agent,
            stamp(&h.start),
            stamp(&h.end)
        )
        .unwrap();
    }
    t.push_str("]\nunfilled = [\n");
    for (d, b, e) in unfilled {
        writeln!(
            t,
            "  {{ duty = \"{d}\", start = {}, end = {}, need = 1, have = 0 }},",
            stamp(b),
            stamp(e)
        )
        .unwrap();
    }
    t.push_str("]\n");
    t
}

/// sam's Monday 09:00-17:00 London shifts: the coverage target.
fn mondays(weeks: i64) -> Vec<Span> {
    let london = Tz::Europe__London;
    (0..weeks)
        .map(|w| {
            let d = date(2027, 3, 8) + Duration::days(7 * w);
            (
                "sam",
                local(london, d, 9).fixed_offset(),
                local(london, d, 17).fixed_offset(),
            )
        })
        .collect()
}

/// A config and a rota in a temporary directory of their own.
struct Team {
    _dir: tempfile::TempDir,
    cfg: PathBuf,
    rota: PathBuf,
}

fn team(cfg: &str, rota: &str) -> Team {
    let dir = tempfile::tempdir().unwrap();
    let (c, r) = (dir.path().join("c.toml"), dir.path().join("r.toml"));
    std::fs::write(&c, cfg).unwrap();
    std::fs::write(&r, rota).unwrap();
    Team {
        _dir: dir,
        cfg: c,
        rota: r,
    }
}

fn multi() -> Team {
    team(
        &multi_config(),
        &rota_text("2027-03-08", 5, &mondays(5), &multi_holds(), &[]),
    )
}

/// The holds of `duty` as (start, end) as written, and the holder's id by `id`.
fn written(duty: &str, id: impl Fn(&str) -> String) -> Vec<(String, String, String)> {
    multi_holds()
        .iter()
        .filter(|h| h.duty == duty)
        .map(|h| (stamp(&h.start), stamp(&h.end), id(h.agent)))
        .collect()
}

fn pd_id(name: &str) -> String {
    agent(name).2.to_string()
}

// ---------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------

#[test]
fn the_hand_written_rotas_here_are_ones_check_accepts() {
    let t = multi();
    run(&["check", s(&t.cfg), s(&t.rota)])
        .expect_code(0)
        .stdout_has("ok — full coverage, no broken rule");
    let p = pair();
    run(&["check", s(&p.cfg), s(&p.rota)])
        .expect_code(0)
        .stdout_has("ok — full coverage, no broken rule");
}

#[test]
fn daily_overnight_holds_are_one_override_each_with_the_rotas_instants() {
    let t = multi();
    let r = export("pagerduty", &t.cfg, &t.rota, &["--duty", "nyc"]);
    r.expect_code(0);
    assert!(r.stderr.is_empty(), "{r}");
    let body = r.json();
    valid("pagerduty", PD_CREATE, &body);
    let items = body["overrides"].as_array().unwrap();
    let got: Vec<(String, String, String)> = items
        .iter()
        .map(|o| (text(&o["start"]), text(&o["end"]), text(&o["user"]["id"])))
        .collect();
    assert_eq!(got, written("nyc", pd_id), "one override per night, in time order");
    let ny = Tz::America__New_York;
    for o in items {
        let (a, b) = (instant(&o["start"]), instant(&o["end"]));
        assert_eq!(a.with_timezone(&ny).format("%H:%M").to_string(), "18:00", "{o}");
        assert_eq!(b.with_timezone(&ny).format("%H:%M").to_string(), "18:00", "{o}");
        // The night into the spring forward (Sun 2027-03-14 02:00 EST → 03:00 EDT) is 23 hours.
        let hours = if a.with_timezone(&ny).date_naive() == date(2027, 3, 13) {
            23
        } else {
            24
        };
        assert_eq!((b - a).num_minutes(), hours * 60, "{o}");
        assert_eq!(o["time_zone"], "America/New_York");
    }
    // Worked by hand: bo (London) holds the night of the 13th, ann the 14th.
    let find = |start: &str| {
        items
            .iter()
            .find(|o| o["start"] == start)
            .unwrap_or_else(|| panic!("{start}\n{r}"))
    };
    assert_eq!(find("2027-03-13T23:00:00+00:00")["end"], "2027-03-14T22:00:00+00:00");
    assert_eq!(find("2027-03-13T23:00:00+00:00")["user"]["id"], "PBO0002");
    assert_eq!(find("2027-03-14T18:00:00-04:00")["end"], "2027-03-15T18:00:00-04:00");
}

#[test]
fn holds_across_dst_changes_keep_their_exact_instants_in_every_tool() {
    let t = multi();
    let pd = export("pagerduty", &t.cfg, &t.rota, &["--duty", "howe"]);
    pd.expect_code(0);
    let pd = pd.json();
    valid("pagerduty", PD_CREATE, &pd);
    let o = &pd["overrides"];
    assert_eq!(o.as_array().unwrap().len(), 5, "{pd:#}");
    // lord's week runs over the end of Lord Howe's summer time (02:00 +11:00 became 01:30 +10:30):
    // a week and half an hour.
    assert_eq!(o[2]["start"], "2027-03-29T09:00:00+11:00");
    assert_eq!(o[2]["end"], "2027-04-05T09:00:00+10:30");
    assert_eq!(
        (instant(&o[2]["end"]) - instant(&o[2]["start"])).num_minutes(),
        7 * 24 * 60 + 30
    );
    // lucy holds from Sydney, half an hour behind Lord Howe after the change.
    assert_eq!(o[3]["start"], "2027-04-05T08:30:00+10:00");
    assert_eq!(o[3]["user"]["id"], "PLUCY06");
    assert!(o
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["time_zone"] == "Australia/Lord_Howe"));

    let ktm = export("pagerduty", &t.cfg, &t.rota, &["--duty", "ktm"]);
    ktm.expect_code(0);
    let ktm = ktm.json();
    let items = ktm["overrides"].as_array().unwrap();
    assert_eq!(items.len(), 35);
    assert_eq!(items[0]["start"], "2027-03-09T00:00:00+05:45");
    assert!(
        items.iter().all(|x| text(&x["start"]).ends_with("T00:00:00+05:45")
            && text(&x["end"]).ends_with("T00:00:00+05:45")
            && x["time_zone"] == "Asia/Kathmandu"),
        "{ktm:#}"
    );

    let dd = export("datadog", &t.cfg, &t.rota, &["--duty", "howe"]);
    dd.expect_code(0);
    let dd = dd.json();
    valid("datadog", DD_CREATE, &dd[0]);
    assert_eq!(dd[0]["data"][2]["attributes"]["start"], "2027-03-29T09:00:00+11:00");
    assert_eq!(dd[0]["data"][2]["attributes"]["end"], "2027-04-05T09:00:00+10:30");
    assert_eq!(
        dd[0]["data"][3]["relationships"]["user"]["data"]["id"],
        datadog_id("lucy").as_str()
    );

    let og = export("opsgenie", &t.cfg, &t.rota, &["--duty", "howe"]);
    og.expect_code(0);
    let og = og.json();
    for b in og.as_array().unwrap() {
        valid("opsgenie", OG_CREATE, b);
    }
    assert_eq!(og[2]["alias"], "sunrota-howe-20270328T220000Z");
    assert_eq!(og[2]["startDate"], "2027-03-29T09:00:00+11:00");
    assert_eq!(og[2]["endDate"], "2027-04-05T09:00:00+10:30");
    assert_eq!(og[3]["alias"], "sunrota-howe-20270404T223000Z");
    assert_eq!(og[3]["user"], json!({"type": "user", "username": "lucy@example.com"}));
    let og = export("opsgenie", &t.cfg, &t.rota, &["--duty", "ktm"]).json();
    assert_eq!(og[0]["alias"], "sunrota-ktm-20270308T181500Z");
    assert_eq!(og[0]["startDate"], "2027-03-09T00:00:00+05:45");
}

#[test]
fn thirty_five_holds_go_to_datadog_as_25_and_10_and_to_opsgenie_one_by_one() {
    let t = multi();
    let dd = export("datadog", &t.cfg, &t.rota, &["--duty", "nyc"]);
    dd.expect_code(0);
    let calls = dd.json();
    let calls = calls.as_array().unwrap();
    let sizes: Vec<usize> = calls.iter().map(|c| c["data"].as_array().unwrap().len()).collect();
    assert_eq!(sizes, [25, 10], "{dd}");
    for c in calls {
        valid("datadog", DD_CREATE, c);
    }
    let flat: Vec<(String, String, String)> = calls
        .iter()
        .flat_map(|c| c["data"].as_array().unwrap().clone())
        .map(|d| {
            (
                text(&d["attributes"]["start"]),
                text(&d["attributes"]["end"]),
                text(&d["relationships"]["user"]["data"]["id"]),
            )
        })
        .collect();
    assert_eq!(
        flat,
        written("nyc", datadog_id),
        "the batches in order are every hold once"
    );

    let og = export("opsgenie", &t.cfg, &t.rota, &["--duty", "nyc"]);
    og.expect_code(0);
    let bodies = og.json();
    let bodies = bodies.as_array().unwrap();
    assert_eq!(bodies.len(), 35);
    for b in bodies {
        valid("opsgenie", OG_CREATE, b);
    }
    let aliases: BTreeSet<String> = bodies.iter().map(|b| text(&b["alias"])).collect();
    assert_eq!(aliases.len(), 35, "every alias names one override");
    assert_eq!(
        bodies[0]["user"],
        json!({"type": "user", "username": "ann@example.com"})
    );
}

#[test]
fn unfilled_periods_get_no_override_and_25_holds_are_one_datadog_call() {
    let holds = multi_holds();
    let nyc: Vec<Hold> = holds.iter().filter(|h| h.duty == "nyc").cloned().collect();
    let (gone, kept) = nyc.split_at(10);
    let unfilled: Vec<Span> = gone.iter().map(|h| ("nyc", h.start, h.end)).collect();
    let mut rest: Vec<Hold> = holds.iter().filter(|h| h.duty != "nyc").cloned().collect();
    rest.extend_from_slice(kept);
    let t = team(
        &multi_config(),
        &rota_text("2027-03-08", 5, &mondays(5), &rest, &unfilled),
    );
    // check reads it, and reports the ten periods without a holder.
    let c = run(&["check", s(&t.cfg), s(&t.rota)]);
    c.expect_code(1);
    assert_eq!(c.stdout.matches("error[oncall-missing]").count(), 10, "{c}");

    let dd = export("datadog", &t.cfg, &t.rota, &["--duty", "nyc"]);
    dd.expect_code(0);
    let calls = dd.json();
    let sizes: Vec<usize> = calls
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["data"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [25], "25 overrides are one call, not a second empty one\n{dd}");
    valid("datadog", DD_CREATE, &calls[0]);
    let pd = export("pagerduty", &t.cfg, &t.rota, &["--duty", "nyc"]).json();
    let starts: Vec<DateTime<Utc>> = pd["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| instant(&o["start"]).to_utc())
        .collect();
    assert_eq!(starts.len(), 25);
    assert!(
        gone.iter().all(|h| !starts.contains(&h.start.to_utc())),
        "an unfilled period is not anyone's override"
    );
}

#[test]
fn several_duties_need_duty_and_each_exports_only_its_own() {
    let t = multi();
    for tool in ["pagerduty", "datadog", "opsgenie"] {
        let r = export(tool, &t.cfg, &t.rota, &[]);
        r.expect_code(2)
            .stderr_has("the config has several on-call duties")
            .stderr_has("nyc, ktm, howe");
        assert!(r.stdout.is_empty(), "{r}");
    }
    let ktm = export("pagerduty", &t.cfg, &t.rota, &["--duty", "ktm"]);
    ktm.expect_code(0);
    let users: BTreeSet<String> = ktm.json()["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| text(&o["user"]["id"]))
        .collect();
    assert_eq!(users, BTreeSet::from(["PHARI03".to_string(), "PKIRAN4".to_string()]));
    export("pagerduty", &t.cfg, &t.rota, &["--duty", "Nyc"])
        .expect_code(2)
        .stderr_has("no on-call duty named `Nyc`");

    // publish: the same refusal before anything is sent; ktm has no schedule id.
    let server = Server::start("PNYC001", Vec::new());
    let r = publish(&server, &t.cfg, &t.rota, &[]);
    r.expect_code(2).stderr_has("several on-call duties");
    let r = publish(&server, &t.cfg, &t.rota, &["--duty", "ktm"]);
    r.expect_code(2)
        .stderr_has("which PagerDuty schedule is on-call duty `ktm`?")
        .stderr_has("--schedule");
    assert!(r.stdout.is_empty(), "{r}");
    assert_eq!(server.take_calls(), Vec::<String>::new());
}

/// Two holders a week: amy and ben.
fn pair() -> Team {
    let cfg = "[horizon]\nstart = 2027-03-08\nweeks = 1\n\n[coverage]\nzone = \"UTC\"\n\
               need = [{ at = \"Mon 09:00-10:00\", agents = 1 }]\n\n[templates]\n\
               day = { start = \"09:00\", end = \"17:00\" }\n\n[agents]\n\
               sam = { zone = \"Europe/London\", templates = [\"day\"] }\n\
               amy = { zone = \"UTC\", templates = [\"day\"], pagerduty = \"PAMY001\", datadog = \"d-amy\", opsgenie = \"amy@example.com\" }\n\
               ben = { zone = \"UTC\", templates = [\"day\"], pagerduty = \"PBEN002\", datadog = \"d-ben\", opsgenie = \"ben@example.com\" }\n\n\
               [oncall.pair]\nhandoff = \"Mon 09:00\"\nzone = \"UTC\"\nagents = [\"amy\", \"ben\"]\n\
               holders = 2\ncredit = 0\npagerduty = \"PPAIR01\"\n";
    let utc = Tz::UTC;
    let (a, b) = (local(utc, date(2027, 3, 8), 9), local(utc, date(2027, 3, 15), 9));
    let holds = [hold2("amy", a, b), hold2("ben", a, b)];
    team(cfg, &rota_text("2027-03-08", 1, &mondays(1), &holds, &[]))
}

fn hold2(agent_name: &'static str, a: DateTime<Tz>, b: DateTime<Tz>) -> Hold {
    Hold {
        duty: "pair",
        agent: agent_name,
        start: a.fixed_offset(),
        end: b.fixed_offset(),
    }
}

#[test]
fn a_duty_with_two_holders_is_refused_by_every_tool_and_publish_sends_nothing() {
    let p = pair();
    for tool in ["pagerduty", "datadog", "opsgenie"] {
        let r = export(tool, &p.cfg, &p.rota, &[]);
        r.expect_code(2)
            .stderr_has("on-call duty `pair` has 2 holders per period")
            .stderr_has("holders = 1");
        assert!(r.stdout.is_empty(), "{r}");
        assert_eq!(messages(&r), 1, "{r}");
    }
    let server = Server::start("PPAIR01", Vec::new());
    publish(&server, &p.cfg, &p.rota, &[])
        .expect_code(2)
        .stderr_has("2 holders per period");
    assert_eq!(server.take_calls(), Vec::<String>::new());
}

/// Line and column (1-based) of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

#[test]
fn ids_that_are_not_ids_are_rejected_at_their_place_by_export_and_check() {
    let base = multi_config();
    let dd_bo = format!("\"{}\"", datadog_id("bo"));
    let long = "P".repeat(255);
    let cases: Vec<(&str, String, &str)> = vec![
        ("\"PANN001\"", "\"PANN 001\"".into(), "PANN 001"),
        ("\"PANN001\"", "\"PÄNN001\"".into(), "PÄNN001"),
        ("\"PANN001\"", "\"P\\tANN\"".into(), "P\\tANN"),
        ("\"PANN001\"", "\"\"".into(), "\"\""),
        ("\"PANN001\"", format!("\"{long}\""), &long[..40]),
        (dd_bo.as_str(), "\"0000…0002\"".into(), "0000…0002"),
        (
            "\"hari@example.com\"",
            "\"hari @example.com\"".into(),
            "hari @example.com",
        ),
        ("\"PNYC001\"", "\"PNYC 001\"".into(), "PNYC 001"),
    ];
    for (old, new, shown) in &cases {
        let at = base.find(old).unwrap();
        let (line, col) = line_col(&base, at);
        let t = team(
            &base.replacen(old, new, 1),
            &rota_text("2027-03-08", 5, &mondays(5), &multi_holds(), &[]),
        );
        let place = format!("c.toml:{line}:{col}]");
        for r in [
            export("pagerduty", &t.cfg, &t.rota, &["--duty", "nyc"]),
            run(&["check", s(&t.cfg), s(&t.rota)]),
        ] {
            r.expect_code(2)
                .stderr_has("is not an id")
                .stderr_has(&place)
                .stderr_has(shown);
            assert!(r.stdout.is_empty(), "{new}: {r}");
        }
    }
    // 254 visible characters are an id, and go into the body as written.
    let id = format!("P{}\"/?", "x".repeat(250));
    let t = team(
        &base.replacen("\"PANN001\"", &format!("'{id}'"), 1),
        &rota_text("2027-03-08", 5, &mondays(5), &multi_holds(), &[]),
    );
    let r = export("pagerduty", &t.cfg, &t.rota, &["--duty", "nyc"]);
    r.expect_code(0);
    assert_eq!(r.json()["overrides"][0]["user"]["id"], id.as_str());
}

#[test]
fn export_never_writes_over_the_config_or_the_rota_it_reads_even_with_force() {
    let t = multi();
    let (cfg, rota) = (
        std::fs::read_to_string(&t.cfg).unwrap(),
        std::fs::read_to_string(&t.rota).unwrap(),
    );
    for target in [&t.rota, &t.cfg] {
        let r = export(
            "pagerduty",
            &t.cfg,
            &t.rota,
            &["--duty", "nyc", "-o", s(target), "--force"],
        );
        r.expect_code(2);
        assert!(r.stdout.is_empty(), "{r}");
    }
    assert_eq!(std::fs::read_to_string(&t.cfg).unwrap(), cfg);
    assert_eq!(std::fs::read_to_string(&t.rota).unwrap(), rota);
}

// ---------------------------------------------------------------------------
// publish: what is sent
// ---------------------------------------------------------------------------

#[test]
fn publish_sends_the_list_then_exactly_the_exported_body_with_the_right_headers() {
    let t = multi();
    let server = Server::start("PNYC001", Vec::new());
    // A trailing slash on the base URL is not a second one in the path.
    let r = publish_to(&format!("{}/", server.url), &t.cfg, &t.rota, &["--duty", "nyc"]);
    r.expect_code(0).stdout_has("sent 1 call(s): 0 deleted, 35 created");
    assert!(r.stderr.is_empty(), "{r}");
    let reqs = server.requests();
    let lines: Vec<String> = reqs.iter().map(Req::line).collect();
    assert_eq!(
        lines,
        ["GET /schedules/PNYC001/overrides", "POST /schedules/PNYC001/overrides"]
    );
    let get = &reqs[0];
    // The window: the rota's first midnight (UTC) to its last hold's end (18:00 EDT on 04-12).
    assert_eq!(get.param("since"), Some("2027-03-08T00:00:00Z"), "{get:?}");
    assert_eq!(get.param("until"), Some("2027-04-12T22:00:00Z"), "{get:?}");
    assert_eq!(get.param("overflow"), Some("true"), "{get:?}");
    for q in &reqs {
        assert_eq!(q.header("accept"), Some("application/vnd.pagerduty+json;version=2"));
        assert_eq!(q.header("authorization"), Some(format!("Token token={TOKEN}").as_str()));
    }
    let post = &reqs[1];
    assert!(
        post.header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "{post:?}"
    );
    let sent: Json = serde_json::from_str(&post.body).unwrap();
    valid("pagerduty", PD_CREATE, &sent);
    let body = export("pagerduty", &t.cfg, &t.rota, &["--duty", "nyc"]).json();
    assert_eq!(sent, body, "publish sends what export prints");
    assert_eq!(server.held().len(), 35);
}

#[test]
fn the_plan_shows_lord_howe_handoffs_at_09_00_on_both_sides_of_the_change() {
    let t = multi();
    let server = Server::start("PHOWE01", Vec::new());
    let r = publish(
        &server,
        &t.cfg,
        &t.rota,
        &["--duty", "howe", "--schedule", "PHOWE01", "--dry-run"],
    );
    r.expect_code(0);
    let out = &r.stdout;
    assert!(
        out.starts_with(
            "PagerDuty schedule PHOWE01, on-call duty `howe`, 2027-03-08 11:00 → 2027-04-19 09:00 (Australia/Lord_Howe):\n"
        ),
        "{r}"
    );
    assert!(
        out.contains("  create  Mon 2027-03-29 09:00 → Mon 2027-04-05 09:00  lord (PLORD05)\n"),
        "{r}"
    );
    assert!(
        out.contains("  create  Mon 2027-04-05 09:00 → Mon 2027-04-12 09:00  lucy (PLUCY06)\n"),
        "{r}"
    );
    assert_eq!(out.matches("  create  ").count(), 5, "{r}");
    assert!(
        out.ends_with("would send: POST /schedules/PHOWE01/overrides with 5 override(s)\ndry run: nothing sent\n"),
        "{r}"
    );
    assert_eq!(server.take_calls(), ["GET /schedules/PHOWE01/overrides"]);
    assert!(server.held().is_empty());
}

#[test]
fn dry_run_sends_only_the_list_call_though_it_would_delete_and_create() {
    let mut held = held_as(&phone(), &january());
    // maria's week is someone else's in the tool, and someone added an override by hand.
    let maria = held.iter().position(|h| h.user == "PMARIA3").unwrap();
    held[maria].user = "PSTRAN9".into();
    held.push(Held::new(
        "QHAND",
        "2027-01-10T00:00:00Z",
        "2027-01-12T00:00:00Z",
        "PAOIFE1",
    ));
    let server = Server::start("P2N5SCH", held.clone());
    let r = publish(&server, &phone(), &january(), &["--dry-run"]);
    r.expect_code(0);
    let id = &held[maria].id;
    for line in [
        format!("would send: DELETE /schedules/P2N5SCH/overrides/{id}\n"),
        "would send: DELETE /schedules/P2N5SCH/overrides/QHAND\n".to_string(),
        "would send: POST /schedules/P2N5SCH/overrides with 1 override(s)\n".to_string(),
        "  create  Mon 2027-01-25 09:00 → Mon 2027-02-01 09:00  maria (PMARIA3)\n".to_string(),
        "dry run: nothing sent\n".to_string(),
    ] {
        assert!(r.stdout.contains(&line), "lacks {line:?}\n{r}");
    }
    assert_eq!(r.stdout.matches("  keep    ").count(), 3, "{r}");
    assert_eq!(server.take_calls(), [PHONE_LIST]);
    assert_eq!(server.held(), held, "nothing changed");
}

#[test]
fn schedule_and_override_ids_are_one_percent_encoded_path_segment_each() {
    let odd = Held::new("Q 1/2?x#", "2027-01-12T00:00:00Z", "2027-01-13T00:00:00Z", "PZZZ999");
    let server = Server::start("P%2FX%3FY%23Z%25", vec![odd]);
    let r = publish(&server, &phone(), &january(), &["--schedule", "P/X?Y#Z%"]);
    r.expect_code(0).stdout_has("1 deleted, 4 created");
    assert_eq!(
        server.take_calls(),
        [
            "GET /schedules/P%2FX%3FY%23Z%25/overrides",
            "POST /schedules/P%2FX%3FY%23Z%25/overrides",
            "DELETE /schedules/P%2FX%3FY%23Z%25/overrides/Q%201%2F2%3Fx%23",
        ],
        "{r}"
    );
    assert_eq!(server.says(), exported(&phone(), &january()));
    // An id that could not be one is refused before any call.
    for bad in ["", "P X", "P\tX", "PÄ"] {
        let r = publish(&server, &phone(), &january(), &["--schedule", bad]);
        r.expect_code(2).stderr_has("is not a schedule id");
    }
    assert_eq!(server.take_calls(), Vec::<String>::new());
}

#[test]
fn republishing_across_re_plans_and_months_changes_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start("P2N5SCH", Vec::new());
    let posted = |s: &Server| -> Vec<usize> {
        s.requests()
            .iter()
            .filter(|q| q.method == "POST")
            .map(|q| q.overrides().len())
            .collect()
    };
    let step = |rota: &Path, deletes: usize, creates: &[usize]| {
        let r = publish(&server, &phone(), rota, &[]);
        r.expect_code(0);
        assert!(!r.stdout.contains('×') && !r.stdout.contains("error"), "{r}");
        let sent = posted(&server);
        let calls = server.take_calls();
        assert_eq!(calls[0], PHONE_LIST, "{r}");
        assert_eq!(
            calls.iter().filter(|c| c.starts_with("DELETE ")).count(),
            deletes,
            "{calls:?}\n{r}"
        );
        assert_eq!(sent, creates, "{calls:?}\n{r}");
        r
    };
    step(&january(), 0, &[4]);
    assert_eq!(server.says(), exported(&phone(), &january()));
    let r1 = sick_day(dir.path());
    step(&r1, 1, &[1]);
    assert_eq!(server.says(), exported(&phone(), &r1));
    let r2 = swapped(dir.path(), &r1, "r2.toml", "2027-01-11", "priya");
    step(&r2, 1, &[1]);
    assert_eq!(server.says(), exported(&phone(), &r2));
    let again = step(&r2, 0, &[]);
    again.stdout_has("the schedule already says what the rota says: nothing sent");
    assert!(again.stderr.is_empty(), "{again}");
    // Back to the committed January: both weeks again.
    step(&january(), 2, &[2]);
    assert_eq!(server.says(), exported(&phone(), &january()));
    // February beside it: January's last week reaches in and is left alone.
    let feb = root("schedules/phone-team/2027-02.toml");
    let r = step(&feb, 0, &[exported(&phone(), &feb).len()]);
    r.stderr_has("1 override(s) reach outside the rota's window");
    let mut both = exported(&phone(), &january());
    both.extend(exported(&phone(), &feb));
    both.sort();
    assert_eq!(server.says(), both);
    step(&january(), 0, &[]);
    step(&feb, 0, &[]);
    assert_eq!(server.says(), both);
}

#[test]
fn a_hand_made_override_in_the_window_goes_and_one_spanning_it_stays() {
    let mut held = held_as(&phone(), &january());
    held.push(Held::new(
        "QSPAN",
        "2026-12-28T09:00:00Z",
        "2027-03-01T09:00:00Z",
        "PZZZ999",
    ));
    held.push(Held::new(
        "QHAND",
        "2027-01-12T00:00:00Z",
        "2027-01-13T00:00:00Z",
        "PLUKAS2",
    ));
    let server = Server::start("P2N5SCH", held);
    let r = publish(&server, &phone(), &january(), &[]);
    r.expect_code(0)
        .stdout_has("1 deleted, 0 created")
        .stderr_has("1 override(s) reach outside the rota's window");
    assert_eq!(
        server.take_calls(),
        [PHONE_LIST, "DELETE /schedules/P2N5SCH/overrides/QHAND"]
    );
    assert!(server.held().iter().any(|h| h.id == "QSPAN"));
}

/// January with `agent`'s hold turned into an unfilled period (nobody could take it).
fn without_holder(dir: &Path, agent_name: &str) -> PathBuf {
    let text = std::fs::read_to_string(january()).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains(&format!("duty = \"phone\", agent = \"{agent_name}\"")))
        .unwrap();
    let unfilled = line
        .replace(&format!("agent = \"{agent_name}\", "), "")
        .replace(" },", ", need = 1, have = 0 },");
    let edited = text
        .replace(&format!("{line}\n"), "")
        .replace("unfilled = [\n", &format!("unfilled = [\n{unfilled}\n"));
    let rota = dir.join(format!("no-{agent_name}")).join("2027-01.toml");
    std::fs::create_dir_all(rota.parent().unwrap()).unwrap();
    std::fs::write(&rota, edited).unwrap();
    rota
}

#[test]
fn an_unfilled_period_deletes_its_stale_override_mid_rota_and_at_its_end_alike() {
    let dir = tempfile::tempdir().unwrap();
    // lukas's week (mid-rota), then maria's (the last, ending after the horizon's midnight).
    for (name, user) in [("lukas", "PLUKAS2"), ("maria", "PMARIA3")] {
        let rota = without_holder(dir.path(), name);
        let held = held_as(&phone(), &january());
        let id = held.iter().find(|h| h.user == user).unwrap().id.clone();
        let server = Server::start("P2N5SCH", held);
        let r = publish(&server, &phone(), &rota, &[]);
        r.expect_code(0);
        assert_eq!(
            server.take_calls(),
            [
                PHONE_LIST.to_string(),
                format!("DELETE /schedules/P2N5SCH/overrides/{id}")
            ],
            "the rota says nobody holds {name}'s week; PagerDuty would still page {name}\n{r}"
        );
        r.stdout_has("1 deleted, 0 created");
        assert_eq!(server.says(), exported(&phone(), &rota));
    }
}

// ---------------------------------------------------------------------------
// publish: --at
// ---------------------------------------------------------------------------

#[test]
fn at_takes_every_documented_form_alike_and_a_hold_under_way_starts_now() {
    let forms = [
        "2027-01-20T10:00:00Z",
        "2027-01-20T10:00Z",
        "2027-01-20T05:00:00-05:00",
        "2027-01-20T10:00 Europe/Dublin",
        "2027-01-20T18:00 Asia/Singapore",
    ];
    let mut bodies = Vec::new();
    for at in forms {
        let server = Server::start("P2N5SCH", Vec::new());
        let r = publish(&server, &phone(), &january(), &["--at", at]);
        r.expect_code(0)
            .stdout_has("  create  Wed 2027-01-20 10:00 → Mon 2027-01-25 09:00  dev (PDEV004)\n");
        let post = server.requests().into_iter().find(|q| q.method == "POST").unwrap();
        bodies.push(post.overrides());
        // Later, the override made from "now" is the hold: nothing to do.
        let later = publish(&server, &phone(), &january(), &["--at", "2027-01-22T00:00:00Z"]);
        later.expect_code(0).stdout_has("nothing sent");
        assert_eq!(server.requests().len(), 3, "{later}");
    }
    let got: Vec<(String, String, String)> = bodies[0]
        .iter()
        .map(|o| (text(&o["start"]), text(&o["end"]), text(&o["user"]["id"])))
        .collect();
    assert_eq!(
        got,
        [
            (
                "2027-01-20T05:00:00-05:00".into(),
                "2027-01-25T04:00:00-05:00".into(),
                "PDEV004".into()
            ),
            (
                "2027-01-25T04:00:00-05:00".into(),
                "2027-02-01T04:00:00-05:00".into(),
                "PMARIA3".into()
            ),
        ],
        "the weeks already over are not created; the one under way from now, in its offset"
    );
    assert!(bodies.iter().all(|b| *b == bodies[0]), "{bodies:#?}");
    let server = Server::start("P2N5SCH", Vec::new());
    for bad in ["next tuesday", "2027-01-20", "2027-01-20T10:00 Mars/Olympus"] {
        let r = publish(&server, &phone(), &january(), &["--at", bad]);
        r.expect_code(2);
        assert!(r.stdout.is_empty(), "{r}");
    }
    assert_eq!(server.take_calls(), Vec::<String>::new());
}

#[test]
fn at_a_handoff_instant_the_ending_week_is_history_and_the_starting_one_is_whole() {
    let held: Vec<Held> = held_as(&phone(), &january())
        .into_iter()
        .filter(|h| h.user == "PLUKAS2")
        .collect();
    let server = Server::start("P2N5SCH", held.clone());
    // Mon 2027-01-18 09:00 Dublin: lukas hands over to dev.
    let r = publish(
        &server,
        &phone(),
        &january(),
        &["--at", "2027-01-18T09:00 Europe/Dublin"],
    );
    r.expect_code(0)
        .stdout_has("0 deleted, 2 created")
        .stderr_has("1 override(s) reach outside the rota's window or are over");
    let post = server.requests().into_iter().find(|q| q.method == "POST").unwrap();
    let starts: Vec<String> = post.overrides().iter().map(|o| text(&o["start"])).collect();
    assert_eq!(starts, ["2027-01-18T04:00:00-05:00", "2027-01-25T04:00:00-05:00"]);
    assert!(server.held().contains(&held[0]), "lukas's week is history, left alone");
}

#[test]
fn dst_holds_published_once_are_kept_when_the_tool_answers_in_another_offset() {
    let t = multi();
    // The tool lists every override in its account's zone (New York), not as sent.
    let server = Server::scripted("127.0.0.1", "PHOWE01", Vec::new(), |q, st| {
        let reply = st.serve(q);
        if q.method != "GET" {
            return Some(reply);
        }
        let ny = FixedOffset::west_opt(5 * 3600).unwrap();
        let items: Vec<Json> = st
            .held
            .iter()
            .map(|h| {
                json!({"id": h.id, "start": h.start.with_timezone(&ny).to_rfc3339(),
                       "end": h.end.with_timezone(&ny).to_rfc3339(),
                       "user": {"id": h.user, "type": "user_reference"}})
            })
            .collect();
        Some(Reply::json(200, &json!({ "overrides": items })))
    });
    let args = ["--duty", "howe", "--schedule", "PHOWE01"];
    publish(&server, &t.cfg, &t.rota, &args)
        .expect_code(0)
        .stdout_has("0 deleted, 5 created");
    let sent: Vec<String> = server.held().iter().map(|h| stamp(&h.start)).collect();
    assert!(sent.contains(&"2027-04-05T08:30:00+10:00".to_string()), "{sent:?}");
    server.take_calls();
    let again = publish(&server, &t.cfg, &t.rota, &args);
    again.expect_code(0).stdout_has("nothing sent");
    assert_eq!(again.stdout.matches("  keep    ").count(), 5, "{again}");
    assert_eq!(server.take_calls(), ["GET /schedules/PHOWE01/overrides"]);
}

/// The tight team's April 2026 rota (long over) with PagerDuty ids.
fn tight_team_with_ids() -> Team {
    let text = std::fs::read_to_string(root("examples/tight-team.toml")).unwrap();
    let names = ["alex", "bea", "jonas", "greta", "rico", "ana", "liam"];
    let cfg: String = text
        .lines()
        .map(
            |l| match names.iter().position(|n| l.starts_with(&format!("{n} = {{"))) {
                Some(i) => format!(
                    "{}, pagerduty = \"PTT000{i}\" }}\n",
                    l.trim_end().trim_end_matches('}').trim_end()
                ),
                None if l.starts_with("dir = ") => "\n".to_string(),
                None => format!("{l}\n"),
            },
        )
        .collect();
    let rota = std::fs::read_to_string(root("schedules/tight-team/2026-04-06.toml")).unwrap();
    team(&cfg, &rota)
}

#[test]
fn without_at_now_is_the_clock_even_when_source_date_epoch_is_set() {
    // `--help`: "Treat this instant as now … (default: the clock)". CI sets
    // SOURCE_DATE_EPOCH for reproducible builds; it must not make a rota
    // that is long over look current.
    let t = tight_team_with_ids();
    let server = Server::start("PTIGHT1", Vec::new());
    let go = |epoch: Option<&str>| {
        let mut c = clean(&[
            "publish",
            "pagerduty",
            s(&t.cfg),
            s(&t.rota),
            "--schedule",
            "PTIGHT1",
            "--api-url",
            server.url.as_str(),
            "--dry-run",
        ])
        .env("PAGERDUTY_TOKEN", TOKEN);
        if let Some(e) = epoch {
            c = c.env("SOURCE_DATE_EPOCH", e);
        }
        c.run()
    };
    let clock = go(None);
    clock
        .expect_code(0)
        .stdout_has("the schedule already says what the rota says: nothing sent");
    let epoch = go(Some("1767225600")); // 2026-01-01, before the rota
    epoch.expect_code(0);
    assert_eq!(
        epoch.stdout, clock.stdout,
        "SOURCE_DATE_EPOCH changed what publish plans\n{epoch}"
    );
    go(Some("not-a-number")).expect_code(0);
}

// ---------------------------------------------------------------------------
// publish: rate limits
// ---------------------------------------------------------------------------

#[test]
fn a_429_without_retry_after_waits_a_second_and_other_forms_are_read() {
    let mut n = 0;
    let server = Server::scripted("127.0.0.1", "P2N5SCH", Vec::new(), move |q, _| {
        n += 1;
        let limited = |h: &[(&str, &str)]| Some(Reply::raw(429, h, r#"{"error":{"message":"Rate Limit Exceeded"}}"#));
        match (n, q.method.as_str()) {
            (1, "GET") => limited(&[]),
            (2, "GET") => limited(&[("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")]),
            (3, "GET") => limited(&[("ratelimit-reset", "0")]),
            _ => None,
        }
    });
    let clock = std::time::Instant::now();
    let r = publish(&server, &phone(), &january(), &[]);
    let took = clock.elapsed();
    r.expect_code(0).stdout_has("0 deleted, 4 created");
    assert_eq!(
        r.stderr.matches("rate-limited (HTTP 429): waiting 1 s").count(),
        2,
        "no Retry-After, or one that is a date: a second\n{r}"
    );
    r.stderr_has("waiting 0 s");
    assert!(took >= std::time::Duration::from_secs(2), "{took:?}");
    assert!(!r.stdout.contains("rate-limited"), "stdout stays the plan\n{r}");
    assert_eq!(
        server.take_calls(),
        [PHONE_LIST, PHONE_LIST, PHONE_LIST, PHONE_LIST, PHONE_POST]
    );
    assert_eq!(server.says(), exported(&phone(), &january()));
}

fn always_429() -> impl FnMut(&Req, &mut State) -> Option<Reply> + Send + 'static {
    |_: &Req, _: &mut State| {
        Some(Reply::raw(
            429,
            &[("Retry-After", "0")],
            r#"{"error":{"message":"Rate Limit Exceeded"}}"#,
        ))
    }
}

#[test]
fn a_429_forever_on_the_list_gives_up_in_one_message_exit_2_unchanged() {
    let held = held_as(&phone(), &january());
    let server = Server::scripted("127.0.0.1", "P2N5SCH", held.clone(), always_429());
    let dir = tempfile::tempdir().unwrap();
    let r = publish(&server, &phone(), &sick_day(dir.path()), &[]);
    r.expect_code(2)
        .stderr_has("kept answering HTTP 429 (rate-limited)")
        .stderr_has("the schedule is unchanged");
    assert_eq!(messages(&r), 1, "{r}");
    assert!(r.stdout.is_empty(), "{r}");
    let calls = server.take_calls();
    assert!(calls.iter().all(|c| c == PHONE_LIST), "{calls:?}");
    assert_eq!(server.held(), held);
}

#[test]
fn a_429_forever_waits_five_times_as_documented_and_not_after_the_last_try() {
    let server = Server::scripted("127.0.0.1", "P2N5SCH", Vec::new(), always_429());
    let r = publish(&server, &phone(), &january(), &[]);
    r.expect_code(2).stderr_has("after 5 waits");
    let tries = server.take_calls().len();
    let waits = r.stderr.matches("rate-limited (HTTP 429): waiting").count();
    assert_eq!(
        (tries, waits),
        (6, 5),
        "README: a 429 is waited out \"five times\"; the message says \"after 5 waits\"\n{r}"
    );
}

#[test]
fn a_429_forever_after_the_list_changes_nothing_and_says_so() {
    let held = held_as(&phone(), &january());
    let server = Server::scripted("127.0.0.1", "P2N5SCH", held.clone(), |q, _| {
        (q.method != "GET").then(|| Reply::raw(429, &[("Retry-After", "0")], ""))
    });
    let dir = tempfile::tempdir().unwrap();
    let r = publish(&server, &phone(), &sick_day(dir.path()), &[]);
    r.expect_code(2)
        .stderr_has("kept answering HTTP 429")
        .stderr_has(": the schedule is unchanged");
    assert!(!r.stdout.contains("sent "), "{r}");
    // The create was refused every time, so nothing was deleted either.
    let calls = server.take_calls();
    assert!(!calls.iter().any(|c| c.starts_with("DELETE")), "{calls:?}");
    assert_eq!(server.held(), held);
}

#[test]
fn a_429_forever_on_the_delete_and_its_undo_is_part_way_and_the_next_publish_converges() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let limited = Arc::new(AtomicBool::new(true));
    let flag = limited.clone();
    let server = Server::scripted("127.0.0.1", "P2N5SCH", held_as(&phone(), &january()), move |q, _| {
        (q.method == "DELETE" && flag.load(Ordering::SeqCst)).then(|| Reply::raw(429, &[("Retry-After", "0")], ""))
    });
    let dir = tempfile::tempdir().unwrap();
    let r1 = sick_day(dir.path());
    let r = publish(&server, &phone(), &r1, &[]);
    r.expect_code(2);
    let said = flat(&r.stderr);
    assert!(
        said.contains("the schedule is part-way") && said.contains("run `sunrota publish` again"),
        "wei's override was made, maria's could not be deleted, nor wei's taken back: {:?}\n{r}",
        server.says()
    );
    assert!(!said.contains("the schedule is unchanged"), "{r}");
    assert_eq!(server.says().len(), 5, "maria's week and wei's both");
    limited.store(false, Ordering::SeqCst);
    server.take_calls();
    publish(&server, &phone(), &r1, &[])
        .expect_code(0)
        .stdout_has("1 deleted, 0 created");
    assert_eq!(server.says(), exported(&phone(), &r1));
}

// ---------------------------------------------------------------------------
// publish: failures part-way, and the state each leaves
// ---------------------------------------------------------------------------

/// A script answering the `n`th call of `method` with a 500.
fn fail_nth(method: &'static str, n: usize) -> impl FnMut(&Req, &mut State) -> Option<Reply> + Send + 'static {
    let mut seen = 0;
    move |q: &Req, _: &mut State| {
        if q.method != method {
            return None;
        }
        seen += 1;
        (seen == n).then(|| {
            Reply::json(
                500,
                &json!({"error": {"message": "Internal Server Error", "code": 2010}}),
            )
        })
    }
}

#[test]
fn a_500_on_the_first_delete_after_the_create_is_undone_and_says_unchanged() {
    let held = held_as(&phone(), &january());
    let server = Server::scripted("127.0.0.1", "P2N5SCH", held.clone(), fail_nth("DELETE", 1));
    let dir = tempfile::tempdir().unwrap();
    let r = publish(&server, &phone(), &sick_day(dir.path()), &[]);
    r.expect_code(2)
        .stderr_has("HTTP 500: Internal Server Error")
        .stderr_has("undone: the schedule is unchanged");
    assert_eq!(messages(&r), 1, "{r}");
    assert!(!r.stdout.contains("HTTP 500") && !r.stdout.contains("sent "), "{r}");
    let calls = server.take_calls();
    let methods: Vec<&str> = calls.iter().map(|c| c.split(' ').next().unwrap()).collect();
    assert_eq!(
        methods,
        ["GET", "POST", "DELETE", "GET", "DELETE", "GET"],
        "list, create wei, the failed delete of maria, list again, take wei back, list: {calls:?}"
    );
    assert_eq!(server.held(), held);
}

#[test]
fn a_500_on_the_second_delete_puts_the_first_back() {
    let server = Server::scripted(
        "127.0.0.1",
        "P2N5SCH",
        held_as(&phone(), &january()),
        fail_nth("DELETE", 2),
    );
    let before = server.says();
    let dir = tempfile::tempdir().unwrap();
    let r = publish(&server, &phone(), &two_changes(dir.path()), &[]);
    r.expect_code(2)
        .stderr_has("HTTP 500")
        .stderr_has("undone: the schedule is unchanged");
    assert_eq!(server.says(), before, "{r}");
}

#[test]
fn a_partial_create_is_undone_and_the_schedule_is_as_before() {
    let mut first = true;
    let server = Server::scripted("127.0.0.1", "P2N5SCH", held_as(&phone(), &january()), move |q, st| {
        if q.method != "POST" || !std::mem::take(&mut first) {
            return None;
        }
        // PagerDuty creates what it can and answers per override.
        let items = q.overrides();
        let made = st.create(&items[0]).unwrap();
        let mut answer = vec![json!({"status": 201, "override": made})];
        answer.extend(
            items[1..]
                .iter()
                .map(|_| json!({"status": 400, "errors": ["User cannot be on call at this time"]})),
        );
        Some(Reply::json(201, &Json::Array(answer)))
    });
    let before = server.says();
    let dir = tempfile::tempdir().unwrap();
    let r = publish(&server, &phone(), &two_changes(dir.path()), &[]);
    r.expect_code(2)
        .stderr_has("HTTP 400")
        .stderr_has("User cannot be on call at this time")
        .stderr_has("undone: the schedule is unchanged");
    assert_eq!(messages(&r), 1, "{r}");
    assert_eq!(server.says(), before, "{r}\n{:?}", server.take_calls());
}

#[test]
fn unreadable_list_answers_send_nothing_else() {
    for body in [
        "<html><body>Bad gateway</body></html>",
        "{}",
        r#"{"overrides": [{"id": "Q1", "start": "yesterday", "end": "2027-01-11T09:00:00Z", "user": {"id": "PAOIFE1"}}]}"#,
        r#"{"overrides": [{"id": "Q1", "end": "2027-01-11T09:00:00Z", "user": {"id": "PAOIFE1"}}]}"#,
        r#"{"overrides": {"id": "Q1"}}"#,
    ] {
        let server = Server::scripted("127.0.0.1", "P2N5SCH", Vec::new(), move |q, _| {
            (q.method == "GET").then(|| Reply::raw(200, &[], body))
        });
        let r = publish(&server, &phone(), &january(), &[]);
        r.expect_code(2)
            .stderr_has("PagerDuty's answer could not be read")
            .stderr_has("the schedule is unchanged");
        assert!(r.stdout.is_empty(), "{body}\n{r}");
        assert_eq!(server.take_calls(), [PHONE_LIST], "{body}");
    }
}

#[test]
fn an_unreadable_create_answer_is_never_reported_as_unchanged_when_overrides_were_made() {
    // The overrides are made; the answer is lost in a proxy's "OK".
    let server = Server::scripted("127.0.0.1", "P2N5SCH", Vec::new(), |q, st| {
        if q.method != "POST" {
            return None;
        }
        for o in q.overrides() {
            st.create(&o).unwrap();
        }
        Some(Reply::raw(201, &[], "OK"))
    });
    let r = publish(&server, &phone(), &january(), &[]);
    // It looks again, finds the overrides made, and says so.
    r.expect_code(0)
        .stderr_has("PagerDuty's answer could not be read")
        .stderr_has("but the schedule now says what the rota says");
    assert!(!r.stderr.contains("the schedule is unchanged"), "{r}");
    assert_eq!(server.says(), exported(&phone(), &january()));
}

#[test]
fn a_connection_closed_before_an_answer_is_one_message_and_unchanged() {
    // On the list.
    let server = Server::scripted("127.0.0.1", "P2N5SCH", Vec::new(), |_, _| Some(Reply::Close));
    let r = publish(&server, &phone(), &january(), &[]);
    r.expect_code(2)
        .stderr_has("PagerDuty did not answer")
        .stderr_has("the schedule is unchanged");
    assert_eq!(messages(&r), 1, "{r}");
    assert!(r.stdout.is_empty(), "{r}");
    // On the first delete (after the create), before the server did anything.
    let held = held_as(&phone(), &january());
    let mut first = true;
    let server = Server::scripted("127.0.0.1", "P2N5SCH", held.clone(), move |q, _| {
        (q.method == "DELETE" && std::mem::take(&mut first)).then_some(Reply::Close)
    });
    let dir = tempfile::tempdir().unwrap();
    let r = publish(&server, &phone(), &sick_day(dir.path()), &[]);
    r.expect_code(2)
        .stderr_has("PagerDuty did not answer")
        .stderr_has("undone: the schedule is unchanged");
    assert_eq!(server.held(), held);
}

#[test]
fn a_create_whose_answer_is_lost_is_never_reported_as_unchanged_when_it_was_made() {
    let mut first = true;
    let server = Server::scripted("127.0.0.1", "P2N5SCH", held_as(&phone(), &january()), move |q, st| {
        if q.method != "POST" || !std::mem::take(&mut first) {
            return None;
        }
        for o in q.overrides() {
            st.create(&o).unwrap();
        }
        Some(Reply::Close)
    });
    let before = server.says();
    let dir = tempfile::tempdir().unwrap();
    let r = publish(&server, &phone(), &sick_day(dir.path()), &[]);
    r.expect_code(2).stderr_has("PagerDuty did not answer");
    let after = server.says();
    assert!(
        after == before || !r.stderr.contains("the schedule is unchanged"),
        "the message says unchanged, but the schedule went from {} to {} override(s): {after:?}\n{r}",
        before.len(),
        after.len()
    );
}

#[test]
fn list_failures_name_the_cause_in_a_short_message_on_stderr_only() {
    let cases: Vec<(u16, String, &str)> = vec![
        (
            404,
            r#"{"error":{"message":"Not Found","code":2100}}"#.into(),
            "is `P2N5SCH` the schedule's id?",
        ),
        (
            400,
            r#"{"error":{"message":"Invalid Input Provided","code":2001,"errors":["since must be before until"]}}"#
                .into(),
            "HTTP 400: Invalid Input Provided (since must be before until)",
        ),
        (
            502,
            format!("<html>{}</html>", "<p>upstream is down</p>\n".repeat(1000)),
            "HTTP 502: <html><p>upstream is down</p>",
        ),
    ];
    for (status, body, want) in cases {
        let server = Server::scripted("127.0.0.1", "P2N5SCH", Vec::new(), move |_, _| {
            Some(Reply::raw(status, &[], &body))
        });
        let r = publish(&server, &phone(), &january(), &[]);
        r.expect_code(2);
        let said = flat(&r.stderr);
        assert!(said.contains(want) && said.contains("the schedule is unchanged"), "{r}");
        assert!(r.stdout.is_empty(), "{r}");
        assert!(r.stderr.len() < 1_500, "{} bytes\n{r}", r.stderr.len());
        assert_eq!(server.take_calls(), [PHONE_LIST]);
    }
}

// ---------------------------------------------------------------------------
// publish: the token and the URL
// ---------------------------------------------------------------------------

#[test]
fn the_token_is_trimmed_and_one_that_cannot_be_a_token_is_refused_before_any_call() {
    let server = Server::start("P2N5SCH", Vec::new());
    let (cfg, rota) = (phone(), january());
    let base = [
        "publish",
        "pagerduty",
        s(&cfg),
        s(&rota),
        "--api-url",
        server.url.as_str(),
        "--at",
        AT,
    ];
    let r = clean(&base).env("PAGERDUTY_TOKEN", format!("  {TOKEN}\n")).run();
    r.expect_code(0).stdout_has("4 created");
    let auth: Vec<String> = server
        .requests()
        .iter()
        .map(|q| q.header("authorization").unwrap_or_default().to_string())
        .collect();
    assert_eq!(auth, [format!("Token token={TOKEN}"), format!("Token token={TOKEN}")]);
    server.take_calls();
    for (bad, says) in [
        (Some(""), "PAGERDUTY_TOKEN is empty"),
        (Some("   "), "PAGERDUTY_TOKEN is empty"),
        (
            Some("pd tok"),
            "PAGERDUTY_TOKEN holds spaces or other characters no API key has",
        ),
        (
            Some("pd\ttok"),
            "PAGERDUTY_TOKEN holds spaces or other characters no API key has",
        ),
        (
            Some("pdé"),
            "PAGERDUTY_TOKEN holds spaces or other characters no API key has",
        ),
        (None, "PAGERDUTY_TOKEN is not set"),
    ] {
        let mut c = clean(&base);
        if let Some(b) = bad {
            c = c.env("PAGERDUTY_TOKEN", b);
        }
        let r = c.run();
        r.expect_code(2).stderr_has(says);
        assert!(r.stdout.is_empty(), "{r}");
    }
    assert_eq!(server.take_calls(), Vec::<String>::new());
    // A wrong token: the 401's hint, and the token itself is never printed.
    let wrong = "WrongTok_77abc";
    let r = clean(&base).env("PAGERDUTY_TOKEN", wrong).run();
    r.expect_code(2)
        .stderr_has("HTTP 401")
        .stderr_has("PAGERDUTY_TOKEN must hold a PagerDuty REST API key")
        .stderr_has("the schedule is unchanged");
    assert!(!r.all().contains(wrong), "{r}");
}

#[test]
fn api_urls_that_are_neither_https_nor_this_machine_are_refused_before_any_call() {
    for (url, says) in [
        ("http://example.com", "is not an https URL"),
        ("http://api.pagerduty.com", "is not an https URL"),
        ("http://localhost.example.com", "is not an https URL"),
        ("http://127.0.0.1.nip.io", "is not an https URL"),
        ("http://localhost@example.com", "names a user"),
        ("https://localhost@example.com", "names a user"),
        ("ftp://api.pagerduty.com", "is not an https URL"),
        ("api.pagerduty.com", "is not an https URL"),
    ] {
        let r = publish_to(url, &phone(), &january(), &[]);
        r.expect_code(2).stderr_has(says);
        assert!(!r.stderr.contains("no answer"), "it tried to connect\n{r}");
        assert!(r.stdout.is_empty(), "{r}");
    }
}

#[test]
fn a_userinfo_part_does_not_smuggle_the_token_to_another_host_over_http() {
    // 127.0.0.2 stands for a host that is not in the list of this machine's names.
    let server = Server::scripted("127.0.0.2", "P2N5SCH", Vec::new(), |_, _| None);
    let port = server.url.rsplit(':').next().unwrap().to_string();
    let r = publish_to(&format!("http://127.0.0.2:{port}"), &phone(), &january(), &[]);
    r.expect_code(2).stderr_has("is not an https URL");
    assert!(server.requests().is_empty());
    let url = format!("http://localhost:{port}@127.0.0.2:{port}");
    let r = publish_to(&url, &phone(), &january(), &[]);
    let sent: Vec<String> = server
        .requests()
        .iter()
        .map(|q| format!("{} (Authorization: {:?})", q.line(), q.header("authorization")))
        .collect();
    assert!(
        sent.is_empty(),
        "`{url}` sent the token in clear text to 127.0.0.2: {sent:?}\n{r}"
    );
    r.expect_code(2);
}
