//! Clock changes and odd UTC offsets, planned and checked: DST weeks in
//! the US, EU and Sydney, nights across a change, start times that do not
//! exist or happen twice, Kolkata and Kathmandu; and the three clock-change
//! edge classes of issue 13, each as `plan` then `check`:
//!
//! (a) a template whose start falls in a gap that ends at the next local
//!     midnight (America/Nuuk jumps 23:00 → 00:00 on 2026-03-28): the shift
//!     keeps the local date it was planned for, and `check` agrees;
//! (b) agents far west of the coverage zone (Honolulu for Kiritimati, Los
//!     Angeles for Auckland) start shifts two local days before the horizon,
//!     so `plan` covers its first hours and its precheck calls none unreachable;
//! (c) a template that a clock change collapses to no time (02:15–02:45 in
//!     New York on 2026-03-08) is never planned, and `plan` says why.

use crate::util::*;

/// London covers 08:00–16:00 London time; New York must cover 16:00–24:00
/// London time, which is 11:00 New York time when the zones are 5 hours apart
/// and 12:00 when they are 4 hours apart (between the US and EU changes).
pub(crate) fn handover_config(start: &str) -> String {
    Team::new()
        .horizon(start, 2)
        .zone("Europe/London")
        .need("Mon-Fri 08:00-24:00", 1)
        .template("ldn", "08:00", "16:00")
        .template("early", "11:00", "19:00")
        .template("late", "12:00", "20:00")
        .agent("lou", "Europe/London")
        .templates(&["ldn"])
        .agent("nat", "America/New_York")
        .templates(&["early", "late"])
        .toml()
}

/// Plans the handover config from `start` and asserts the exact rota: London
/// every weekday 08–16 local, New York `templates[week]` every weekday.
fn assert_handover(start: &str, templates: [&str; 2]) {
    let team = TeamDir::new(&handover_config(start));
    let rota = plan_and_check_clean(&team, "rota.toml");
    let (london, new_york) = (tz("Europe/London"), tz("America/New_York"));
    let days = weekdays_of(date(start), 2);
    assert_eq!(days.len(), 10);
    let fmt = |t: DateTime<Utc>, zone: Tz| t.with_timezone(&zone).fixed_offset().to_rfc3339();
    let mut expected = BTreeSet::new();
    let mut needed = Vec::new();
    for (i, d) in days.iter().enumerate() {
        let (a, b) = (local(london, *d, 8, 0), local(london, *d, 16, 0));
        expected.insert(("lou".to_string(), "ldn".to_string(), fmt(a, london), fmt(b, london)));
        let tpl = templates[i / 5];
        let h = if tpl == "early" { 11 } else { 12 };
        let (a, b) = (local(new_york, *d, h, 0), local(new_york, *d, h + 8, 0));
        expected.insert(("nat".to_string(), tpl.to_string(), fmt(a, new_york), fmt(b, new_york)));
        // The need, in London time; its end is local midnight of the next day.
        needed.push((local(london, *d, 8, 0), local(london, *d + Duration::days(1), 0, 0)));
    }
    assert_eq!(rota.shift_set(), expected, "from {start}\n{}", rota.text);
    for s in &rota.shifts {
        assert_eq!(s.elapsed(), Duration::hours(8), "{s:?}");
    }
    // The New York shift starts exactly when the London one ends.
    for d in &days {
        let d = d.to_string();
        let l = rota.line_of("lou", &d);
        let n = rota.line_of("nat", &d);
        assert_eq!(l.end.with_timezone(&Utc), n.start.with_timezone(&Utc), "{d}");
    }
    assert_eq!(naive_uncovered(&needed, &rota.shifts), vec![], "from {start}");
}

#[test]
fn dst_march_us_and_eu_change_three_weeks_apart() {
    // US springs forward on 03-08: 5 h apart in the first week, 4 h in the second.
    assert_handover("2026-03-02", ["early", "late"]);
    // EU springs forward on 03-29: 4 h apart, then 5 h again.
    assert_handover("2026-03-23", ["late", "early"]);
}

#[test]
fn dst_october_november_eu_and_us_change_a_week_apart() {
    // EU falls back on 10-25: 5 h apart, then 4 h.
    assert_handover("2026-10-19", ["early", "late"]);
    // US falls back on 11-01: 4 h apart, then 5 h again.
    assert_handover("2026-10-26", ["late", "early"]);
}

/// One agent working Friday and Saturday nights 22:00–06:00 in its own zone,
/// which is also the coverage zone; the horizon is the week from `start`.
fn nights_team(zone: &str, start: &str) -> TeamDir {
    Team::new()
        .start(start)
        .zone(zone)
        .need("Fri,Sat 22:00-06:00", 1)
        .template("night", "22:00", "06:00")
        .agent("owl", zone)
        .dir()
}

/// Asserts the exact night shifts (start, end as written) and their real lengths.
fn assert_nights(zone: &str, start: &str, expected: [(&str, &str, i64); 2]) {
    let team = nights_team(zone, start);
    let rota = plan_and_check_clean(&team, "rota.toml");
    let got: Vec<(String, String, i64)> = rota
        .shifts
        .iter()
        .map(|s| (s.start_text.clone(), s.end_text.clone(), s.elapsed().num_minutes()))
        .collect();
    let want: Vec<(String, String, i64)> = expected
        .iter()
        .map(|(a, b, h)| (a.to_string(), b.to_string(), h * 60))
        .collect();
    assert_eq!(got, want, "{zone} from {start}\n{}", rota.text);
    assert!(rota.shifts.iter().all(|s| s.agent == "owl" && s.template == "night"));
    // The JSON totals count real hours, and the night template as a night.
    let doc = team.plan("again.toml", &["--format", "json"]).json();
    let hours: i64 = expected.iter().map(|e| e.2).sum();
    assert_eq!(doc["agents"][0]["hours"].as_f64(), Some(hours as f64), "{doc}");
    assert_eq!(doc["agents"][0]["nights"], 2);
}

#[test]
fn dst_night_shift_on_us_transition_nights() {
    assert_nights(
        "America/New_York",
        "2026-03-02",
        [
            ("2026-03-06T22:00:00-05:00", "2026-03-07T06:00:00-05:00", 8),
            ("2026-03-07T22:00:00-05:00", "2026-03-08T06:00:00-04:00", 7),
        ],
    );
    assert_nights(
        "America/New_York",
        "2026-10-26",
        [
            ("2026-10-30T22:00:00-04:00", "2026-10-31T06:00:00-04:00", 8),
            ("2026-10-31T22:00:00-04:00", "2026-11-01T06:00:00-05:00", 9),
        ],
    );
}

#[test]
fn dst_night_shift_on_eu_transition_nights() {
    assert_nights(
        "Europe/London",
        "2026-03-23",
        [
            ("2026-03-27T22:00:00+00:00", "2026-03-28T06:00:00+00:00", 8),
            ("2026-03-28T22:00:00+00:00", "2026-03-29T06:00:00+01:00", 7),
        ],
    );
    assert_nights(
        "Europe/London",
        "2026-10-19",
        [
            ("2026-10-23T22:00:00+01:00", "2026-10-24T06:00:00+01:00", 8),
            ("2026-10-24T22:00:00+01:00", "2026-10-25T06:00:00+00:00", 9),
        ],
    );
}

#[test]
fn dst_sydney_opposite_season() {
    // Sydney leaves summer time on 2026-04-05 and enters it on 2026-10-04.
    assert_nights(
        "Australia/Sydney",
        "2026-03-30",
        [
            ("2026-04-03T22:00:00+11:00", "2026-04-04T06:00:00+11:00", 8),
            ("2026-04-04T22:00:00+11:00", "2026-04-05T06:00:00+10:00", 9),
        ],
    );
    assert_nights(
        "Australia/Sydney",
        "2026-09-28",
        [
            ("2026-10-02T22:00:00+10:00", "2026-10-03T06:00:00+10:00", 8),
            ("2026-10-03T22:00:00+10:00", "2026-10-04T06:00:00+11:00", 7),
        ],
    );
}

/// Sydney day shifts seen from a UTC target, across the end of summer time
/// on 2026-04-05: 09:00–17:00 in Sydney is 22:00–06:00 UTC the evening before
/// in the first week and 23:00–07:00 UTC in the second, so the target
/// "Sun-Thu 23:00-06:00" UTC is covered in both. Its last stretch, Sunday
/// 04-12 23:00 UTC until the horizon ends at midnight, needs the shift of
/// Monday 04-13 — a local date outside the horizon, which plan may use.
#[test]
fn dst_sydney_day_shift_seen_from_utc() {
    let team = Team::new()
        .horizon("2026-03-30", 2)
        .need("Sun-Thu 23:00-06:00", 1)
        .template("day", "09:00", "17:00")
        .agent("kim", "Australia/Sydney")
        .dir();
    let rota = plan_and_check_clean(&team, "rota.toml");
    let mut want = Vec::new();
    for d in weekdays_of(date("2026-03-30"), 2)
        .into_iter()
        .chain([date("2026-04-13")])
    {
        let offset = if d < date("2026-04-05") { "+11:00" } else { "+10:00" };
        want.push((format!("{d}T09:00:00{offset}"), format!("{d}T17:00:00{offset}")));
    }
    let got: Vec<(String, String)> = rota
        .shifts
        .iter()
        .map(|s| (s.start_text.clone(), s.end_text.clone()))
        .collect();
    assert_eq!(got, want, "{}", rota.text);
    assert!(rota.shifts.iter().all(|s| s.elapsed() == Duration::hours(8)));
    // The grid lists the shift of 04-13 as covering the horizon's edge.
    let run = team.plan("again.toml", &[]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "Shifts on local days just outside the horizon that cover its edges:\n  kim Mon 2026-04-13 day 09:00-17:00"
        ),
        "{run}"
    );
}

/// Local start times that do not exist (spring forward) move to the moment
/// the clocks jump; ambiguous ones (fall back) take their first occurrence;
/// the shift lasts its real elapsed time. Lord Howe Island moves by 30 minutes.
#[test]
fn dst_nonexistent_and_ambiguous_start_times() {
    let case = |zone: &str, start: &str, at: &str, from: &str, to: &str| {
        Team::new()
            .start(start)
            .zone(zone)
            .need(at, 1)
            .template("odd", from, to)
            .agent("al", zone)
            .dir()
    };
    let cases = [
        // 02:30 does not exist on 03-08 in New York: 02:00 EST jumps to 03:00 EDT.
        (
            case("America/New_York", "2026-03-02", "Sun 02:30-10:30", "02:30", "10:30"),
            ("2026-03-08T03:00:00-04:00", "2026-03-08T10:30:00-04:00", 7 * 60 + 30),
        ),
        // 01:30 happens twice on 11-01 in New York: the first is EDT.
        (
            case("America/New_York", "2026-10-26", "Sun 01:30-09:30", "01:30", "09:30"),
            ("2026-11-01T01:30:00-04:00", "2026-11-01T09:30:00-05:00", 9 * 60),
        ),
        // Lord Howe: 02:00 +10:30 jumps to 02:30 +11:00 on 10-04.
        (
            case("Australia/Lord_Howe", "2026-09-28", "Sat 22:00-06:00", "22:00", "06:00"),
            ("2026-10-03T22:00:00+10:30", "2026-10-04T06:00:00+11:00", 7 * 60 + 30),
        ),
    ];
    for (team, (start, end, minutes)) in &cases {
        let rota = plan_and_check_clean(team, "rota.toml");
        assert_eq!(rota.shifts.len(), 1, "{}", rota.text);
        let s = &rota.shifts[0];
        assert_eq!(
            (s.start_text.as_str(), s.end_text.as_str()),
            (*start, *end),
            "{}",
            rota.text
        );
        assert_eq!(s.elapsed().num_minutes(), *minutes);
    }
    // The second 01:30 of 11-01 is another instant: not the template's time.
    let (team, _) = &cases[1];
    let rota = team.rota("rota.toml");
    let s = &rota.shifts[0];
    let second = line("al", "odd", "2026-11-01T01:30:00-05:00", &s.end_text);
    let (table, doc) = check_broken(team, "second.toml", &rota.edit_line(s.line, Some(&second)));
    assert_eq!(rule_ids(&doc, 0), ["shift-times"], "{table}");
    assert!(
        table.stdout.contains(&format!(
            "{}: gap: Sun 2026-11-01 01:30 -04:00 – 01:30 -05:00 America/New_York (1h)",
            team.shown("second.toml")
        )),
        "{table}"
    );
}

/// Day shifts 09:00–17:00 for `agents` (name, zone) covering `need` in UTC.
pub(crate) fn odd_offset_team(agents: &[(&str, &str)], need: &str) -> TeamDir {
    let team = Team::new().need(need, 1).template("day", "09:00", "17:00");
    agents
        .iter()
        .fold(team, |team, (name, zone)| team.agent(name, zone))
        .dir()
}

/// Every weekday of the week of 2026-03-02, 09:00–17:00 at `offset`.
fn day_shifts(agent: &str, offset: &str) -> BTreeSet<(String, String, String, String)> {
    weekdays_of(date("2026-03-02"), 1)
        .iter()
        .map(|d| {
            (
                agent.to_string(),
                "day".to_string(),
                format!("{d}T09:00:00{offset}"),
                format!("{d}T17:00:00{offset}"),
            )
        })
        .collect()
}

#[test]
fn odd_offset_kolkata_half_hour() {
    // 09:00–17:00 IST is 03:30–11:30 UTC exactly.
    let team = odd_offset_team(&[("priya", "Asia/Kolkata")], "Mon-Fri 03:30-11:30");
    let rota = plan_and_check_clean(&team, "rota.toml");
    assert_eq!(rota.shift_set(), day_shifts("priya", "+05:30"), "{}", rota.text);
    assert!(rota.shifts.iter().all(|s| s.elapsed() == Duration::hours(8)));
}

#[test]
fn odd_offset_kathmandu_quarter_hour() {
    // 09:00–17:00 NPT is 03:15–11:15 UTC exactly.
    let team = odd_offset_team(&[("ram", "Asia/Kathmandu")], "Mon-Fri 03:15-11:15");
    let rota = plan_and_check_clean(&team, "rota.toml");
    assert_eq!(rota.shift_set(), day_shifts("ram", "+05:45"), "{}", rota.text);
    assert!(rota.shifts.iter().all(|s| s.elapsed() == Duration::hours(8)));
}

#[test]
fn odd_offsets_kolkata_and_kathmandu_need_each_other() {
    // Kathmandu alone covers 03:15–03:30 UTC, Kolkata alone 11:15–11:30 UTC.
    let team = odd_offset_team(
        &[("priya", "Asia/Kolkata"), ("ram", "Asia/Kathmandu")],
        "Mon-Fri 03:15-11:30",
    );
    let rota = plan_and_check_clean(&team, "rota.toml");
    let mut want = day_shifts("priya", "+05:30");
    want.extend(day_shifts("ram", "+05:45"));
    assert_eq!(rota.shift_set(), want, "{}", rota.text);
    // Sorted by UTC start: Kathmandu (03:15 UTC) before Kolkata (03:30 UTC) each day.
    let order: Vec<&str> = rota.shifts.iter().map(|s| s.agent.as_str()).collect();
    assert_eq!(order, ["ram", "priya"].repeat(5));
}

// ---------------------------------------------------------------------------
// The clock-change edge classes of issue 13 (formerly tests/time_edges.rs).
// ---------------------------------------------------------------------------

/// Permissive rules so that one agent per template can work every day.
fn permissive(team: Team) -> Team {
    team.rule("min_rest_hours", 8)
        .rule("max_shifts_per_week", 7)
        .rule("max_consecutive_days", 28)
        .rule("min_consecutive_days_off", 0)
        .rule("max_hours_per_week", 80)
        .rule("max_weekends_per_4_weeks", 4)
}

/// A 24/7 team: three agents in `agent_zone`, one per 8-hour template
/// (night from `night_start`), covering `coverage_zone` from `start`.
fn three_shift_team(start: &str, weeks: u32, coverage_zone: &str, agent_zone: &str, night_start: u32) -> TeamDir {
    let h = |k: u32| format!("{:02}:00", (night_start + k) % 24);
    permissive(
        Team::new()
            .start(start)
            .weeks(weeks)
            .zone(coverage_zone)
            .need("24/7", 1),
    )
    .template("night", &h(0), &h(8))
    .template("day", &h(8), &h(16))
    .template("eve", &h(16), &h(24))
    .agent("a", agent_zone)
    .templates(&["night"])
    .agent("b", agent_zone)
    .templates(&["day"])
    .agent("c", agent_zone)
    .templates(&["eve"])
    .dir()
}

/// The `[shifts]` lines of a rota file.
fn shift_lines(rota: &str) -> Vec<&str> {
    rota.lines()
        .filter(|l| l.trim_start().starts_with("{ agent ="))
        .collect()
}

// Issue 13 edge (a): a gap that ends at midnight ------------------------------------------------------------------------

#[test]
fn nuuk_gap_to_midnight_keeps_the_planned_local_date() {
    let team = three_shift_team("2026-03-23", 2, "America/Nuuk", "America/Nuuk", 23);
    let plan = team.plan("rota.toml", &["--no-suggest"]);
    assert_eq!(plan.code, Some(0), "{plan}");
    assert!(!plan.stderr.contains("breaks"), "plan warns of broken rules\n{plan}");
    assert!(
        plan.stderr.contains(
            "note: template `night` starts at 23:00, which America/Nuuk skips on Sat 2026-03-28 (the clocks jump \
             from 23:00 on Sat 2026-03-28 to 00:00 on Sun 2026-03-29)"
        ),
        "plan does not explain the moved start\n{plan}"
    );
    let rota = team.text("rota.toml");
    // Saturday's night starts when the clocks jump, on Sunday, and says whose it is.
    let moved = "{ agent = \"a\", template = \"night\", start = 2026-03-29T00:00:00-01:00, \
                 end = 2026-03-29T07:00:00-01:00, date = 2026-03-28 },";
    assert!(rota.contains(moved), "{rota}");
    assert!(
        rota.contains("start = 2026-03-29T23:00:00-01:00"),
        "Sunday's own night is planned too\n{rota}"
    );
    assert_eq!(
        rota.matches(", date =").count(),
        1,
        "only the moved shift records its date\n{rota}"
    );
    assert!(rota.contains("gaps = [\n]"), "full coverage\n{rota}");
    let check = team.check(&["rota.toml"], &[]);
    assert_eq!(check.code, Some(0), "check rejects plan's own rota\n{check}");
    assert!(check.stdout.contains("ok — full coverage, no broken rule"), "{check}");

    // Without the recorded date the shift reads as Sunday's: two on one day, wrong times.
    team.write("rota.toml", &rota.replace(", date = 2026-03-28", ""));
    let check = team.check(&["rota.toml"], &[]);
    assert_eq!(check.code, Some(1), "{check}");
    assert!(check.stdout.contains("error[shift-times]"), "{check}");
    assert!(check.stdout.contains("error[one-shift-per-day]"), "{check}");

    // A wrong recorded date is caught like any other wrong time.
    team.write("rota.toml", &rota.replace("date = 2026-03-28", "date = 2026-03-27"));
    let check = team.check(&["rota.toml"], &[]);
    assert_eq!(check.code, Some(1), "{check}");
    assert!(check.stdout.contains("error[shift-times]: a 2026-03-27"), "{check}");
}

// Issue 13 edge (b): agents a local day or two away ------------------------------------------------------------------------

#[test]
fn far_west_agents_reach_the_first_hours_of_a_far_east_horizon() {
    // Kiritimati (UTC+14) midnight is Honolulu (UTC−10) midnight of the day
    // before: Honolulu's Saturday night covers Kiritimati's Monday 00:00–06:00.
    // Auckland (UTC+13 in March) midnight is 03:00 the day before in Los Angeles.
    let cases = [
        (
            "Pacific/Kiritimati",
            "Pacific/Honolulu",
            22,
            "start = 2026-02-28T22:00:00-10:00",
        ),
        (
            "Pacific/Auckland",
            "America/Los_Angeles",
            22,
            "start = 2026-02-28T22:00:00-08:00",
        ),
    ];
    for (coverage, agents, night, first_shift) in cases {
        let team = three_shift_team("2026-03-02", 1, coverage, agents, night);
        let plan = team.plan("rota.toml", &["--no-suggest"]);
        assert_eq!(plan.code, Some(0), "{plan}");
        assert!(
            !plan.stderr.contains("cannot be covered"),
            "the precheck calls reachable hours unreachable ({agents} for {coverage})\n{plan}"
        );
        let rota = team.text("rota.toml");
        assert!(
            rota.contains("gaps = [\n]"),
            "{agents} agents leave a gap in {coverage}\n{rota}"
        );
        assert!(
            rota.contains(first_shift),
            "no shift two local days before the horizon\n{rota}"
        );
        let check = team.check(&["rota.toml"], &[]);
        assert_eq!(check.code, Some(0), "{check}");
    }
}

#[test]
fn far_east_agents_reach_the_last_hours_of_a_far_west_horizon() {
    // UTC−12 midnight after the horizon is 02:00 two local days later in
    // Kiritimati (UTC+14): a Kiritimati shift starting 00:00 on the local
    // date after the horizon's last still covers its last two hours.
    let team = three_shift_team("2026-03-02", 1, "Etc/GMT+12", "Pacific/Kiritimati", 0);
    let plan = team.plan("rota.toml", &["--no-suggest"]);
    assert_eq!(plan.code, Some(0), "{plan}");
    assert!(!plan.stderr.contains("cannot be covered"), "{plan}");
    let rota = team.text("rota.toml");
    assert!(rota.contains("gaps = [\n]"), "{rota}");
    assert!(rota.contains("start = 2026-03-10T00:00:00+14:00"), "{rota}");
    assert_eq!(team.check(&["rota.toml"], &[]).code, Some(0));
}

// Issue 13 edge (c): a template a clock change collapses ------------------------------------------------------------------------

#[test]
fn new_york_template_that_collapses_is_never_planned_and_is_explained() {
    let ny = "America/New_York";
    let team = permissive(Team::new().zone(ny).shift_need("Mon-Sun", "check", 1))
        .template("check", "02:15", "02:45")
        .agent("a", ny)
        .dir();
    let plan = team.plan("rota.toml", &["--no-suggest"]);
    assert_eq!(plan.code, Some(0), "{plan}");
    assert!(
        plan.stderr.contains(
            "warning: template `check` (02:15–02:45) lasts no time in America/New_York on Sun 2026-03-08: the \
             clocks jump from 02:00 to 03:00, so no shift of it is planned that day"
        ),
        "{plan}"
    );
    let rota = team.text("rota.toml");
    let shifts = shift_lines(&rota);
    assert_eq!(shifts.len(), 6, "one shift a day but Sunday\n{rota}");
    assert!(!rota.contains("2026-03-08T"), "a shift on the collapsed day\n{rota}");
    assert!(
        rota.contains("{ date = 2026-03-08, template = \"check\", need = 1, have = 0 }"),
        "{rota}"
    );
    // check reads the rota (no bad input) and agrees on the one shortage.
    let check = team.check(&["rota.toml"], &[]);
    assert_eq!(check.code, Some(1), "{check}");
    assert!(
        check.stdout.contains("short: Sun 2026-03-08 check: 0 of 1 on shift"),
        "{check}"
    );
    assert!(check.stdout.contains("0 violation(s)"), "{check}");

    // A zero-length shift written by hand is bad input, named as such.
    let last = shifts[5];
    let zero = "  { agent = \"a\", template = \"check\", start = 2026-03-08T03:00:00-04:00, \
                end = 2026-03-08T03:00:00-04:00 },";
    team.write("rota.toml", &rota.replace(last, &format!("{last}\n{zero}")));
    let check = team.check(&["rota.toml"], &[]);
    assert_eq!(check.code, Some(2), "{check}");
    assert!(check.stderr.contains("a shift lasts no time"), "{check}");
}
