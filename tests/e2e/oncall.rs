//! Issue 4: on-call phone duty, comp days, the ledger, and rotas planned
//! one after another with `--after`. Every claim of the README's quarter
//! walk-through is asserted here (`oncall::quarter_*`).

use crate::util::*;

/// A rota file's on-call and comp-day tables, read back with `toml`.
struct Duty {
    /// (duty, agent, start, end) in file order.
    holds: Vec<(String, String, DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    /// (agent, date, days, reason)
    earned: Vec<(String, NaiveDate, f64, String)>,
    /// (agent, date)
    taken: Vec<(String, NaiveDate)>,
    /// agent → (opening, earned, taken, balance)
    ledger: Vec<(String, [f64; 4])>,
    /// (start, end) of every shift per agent.
    shifts: Vec<(String, DateTime<Utc>, DateTime<Utc>)>,
    text: String,
}

fn num(v: &toml::Value) -> f64 {
    v.as_float()
        .or_else(|| v.as_integer().map(|i| i as f64))
        .expect("number")
}

fn toml_date(v: &toml::Value) -> NaiveDate {
    v.to_string().parse().expect("date")
}

fn read_duty(path: &Path) -> Duty {
    let text = std::fs::read_to_string(path).expect("rota file");
    let doc: toml::Table = text.parse().expect("rota TOML");
    let empty = Vec::new();
    let arr = |table: &str, key: &str| -> Vec<toml::Value> {
        doc.get(table)
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_array())
            .unwrap_or(&empty)
            .clone()
    };
    let s = |v: &toml::Value, k: &str| v[k].as_str().expect(k).to_string();
    Duty {
        holds: arr("oncall", "list")
            .iter()
            .map(|h| {
                (
                    s(h, "duty"),
                    s(h, "agent"),
                    toml_instant(&h["start"]),
                    toml_instant(&h["end"]),
                )
            })
            .collect(),
        earned: arr("comp", "earned")
            .iter()
            .map(|c| (s(c, "agent"), toml_date(&c["date"]), num(&c["days"]), s(c, "reason")))
            .collect(),
        taken: arr("comp", "taken")
            .iter()
            .map(|c| (s(c, "agent"), toml_date(&c["date"])))
            .collect(),
        ledger: arr("comp", "ledger")
            .iter()
            .map(|l| {
                (
                    s(l, "agent"),
                    [
                        num(&l["opening"]),
                        num(&l["earned"]),
                        num(&l["taken"]),
                        num(&l["balance"]),
                    ],
                )
            })
            .collect(),
        shifts: arr("shifts", "list")
            .iter()
            .map(|x| {
                (
                    s(x, "agent"),
                    toml_instant(&x["start"]).with_timezone(&Utc),
                    toml_instant(&x["end"]).with_timezone(&Utc),
                )
            })
            .collect(),
        text,
    }
}

fn example(name: &str) -> PathBuf {
    Path::new(ROOT).join("examples").join(name)
}

/// Plans `months` rotas of the config into `team`'s directory: the first
/// plainly, the rest with `--after DIR`. Returns the file names.
fn plan_chain(team: &TeamDir, names: &[&str]) -> Vec<String> {
    for (i, name) in names.iter().enumerate() {
        let dir = team.dir.path().display().to_string();
        let run = if i == 0 {
            team.plan(name, &[])
        } else {
            team.plan(name, &["--after", &dir])
        };
        run.expect_code(0);
    }
    names.iter().map(std::string::ToString::to_string).collect()
}

/// The local days of `zone` that `[s, e)` touches.
fn days_touched(zone: Tz, s: DateTime<Utc>, e: DateTime<Utc>) -> Vec<NaiveDate> {
    let first = s.with_timezone(&zone).date_naive();
    let last = (e - Duration::seconds(1)).with_timezone(&zone).date_naive();
    first.iter_days().take_while(|d| *d <= last).collect()
}

#[test]
fn quarter_walkthrough_rotates_the_phone_and_places_comp_days() {
    let team = TeamDir::at(example("phone-team.toml"));
    let names = plan_chain(&team, &["2027-01.toml", "2027-02.toml", "2027-03.toml"]);
    let rotas: Vec<Duty> = names.iter().map(|n| read_duty(&team.path(n))).collect();

    // Each month starts where the last one ended.
    for (n, start) in names.iter().zip(["2027-01-04", "2027-02-01", "2027-03-01"]) {
        assert!(team.rota(n).start == start, "{n} starts {}", team.rota(n).start);
    }
    // The phone goes round the team in a fixed order, never back to back.
    let holders: Vec<String> = rotas.iter().flat_map(|r| r.holds.iter().map(|h| h.1.clone())).collect();
    assert_eq!(
        holders,
        ["aoife", "lukas", "dev", "maria", "wei", "priya", "aoife", "lukas", "dev", "maria", "wei", "priya"]
    );
    // Handoffs are Monday 09:00 in Dublin, shown in each holder's own time;
    // the last one falls after Dublin's clock change (09:00 IST = 04:00 EDT).
    let all: Vec<_> = rotas.iter().flat_map(|r| r.holds.clone()).collect();
    for w in all.windows(2) {
        assert_eq!(w[0].3, w[1].2, "periods tile time: {} then {}", w[0].3, w[1].2);
    }
    for h in &all {
        let dublin = h.2.with_timezone(&tz("Europe/Dublin"));
        assert_eq!(
            (dublin.weekday(), dublin.format("%H:%M").to_string()),
            (Weekday::Mon, "09:00".into())
        );
    }
    assert_eq!(all[11].3.to_rfc3339(), "2027-03-29T16:00:00+08:00");
    let march = sunrota([
        "plan",
        team.config.to_str().unwrap(),
        "--after",
        team.path("2027-02.toml").to_str().unwrap(),
        "--time-limit",
        "20",
    ]);
    march.expect_code(0);
    assert!(
        march
            .stdout
            .contains("│ 2027-03-08 ┆ maria  ┆ Mon 2027-03-08 04:00 -05:00 ┆ Mon 2027-03-15 05:00 -04:00 ┆ 48h    │"),
        "{march}"
    );

    // Comp days: one per week held, earned the day the week ends, taken within
    // four weeks, never on a day with a shift; dev's request is granted.
    let zone_of = |a: &str| match a {
        "aoife" | "lukas" => tz("Europe/Dublin"),
        "maria" | "dev" => tz("America/New_York"),
        _ => tz("Asia/Singapore"),
    };
    for r in &rotas {
        assert_eq!(r.earned.len(), r.holds.len(), "{}", r.text);
        for (agent, date) in &r.taken {
            for (who, s, e) in r.shifts.iter().filter(|(w, _, _)| w == agent) {
                assert!(
                    !days_touched(zone_of(who), *s, *e).contains(date),
                    "{agent} works on comp day {date}"
                );
            }
        }
    }
    assert!(
        rotas[0].taken.contains(&("dev".into(), date("2027-01-29"))),
        "{}",
        rotas[0].text
    );
    let earned: Vec<_> = rotas.iter().flat_map(|r| r.earned.clone()).collect();
    let taken: Vec<_> = rotas.iter().flat_map(|r| r.taken.clone()).collect();
    for (agent, day) in &taken {
        // FIFO: every day taken is covered by a credit (or aoife's opening day) earned before it.
        let before = earned
            .iter()
            .filter(|c| &c.0 == agent && c.1 < *day)
            .map(|c| c.2)
            .sum::<f64>()
            + if agent == "aoife" { 1.0 } else { 0.0 };
        let used = taken.iter().filter(|t| &t.0 == agent && t.1 <= *day).count() as f64;
        assert!(used <= before, "{agent} takes {day} without a balance");
    }
    for (agent, day, _, _) in &earned {
        let due = *day + Duration::days(28);
        let owed_after: f64 = earned
            .iter()
            .filter(|c| &c.0 == agent && c.1 <= *day)
            .map(|c| c.2)
            .sum();
        let taken_by = taken.iter().filter(|t| &t.0 == agent && t.1 <= due).count() as f64
            - if agent == "aoife" { 1.0 } else { 0.0 };
        if due < date("2027-03-29") {
            assert!(
                taken_by >= owed_after,
                "{agent}'s credit of {day} is not taken by {due}"
            );
        }
    }

    // The ledger adds up, per rota and over the quarter.
    for (i, r) in rotas.iter().enumerate() {
        for (agent, [o, e, t, b]) in &r.ledger {
            assert_eq!(o + e - t, *b, "{agent} in {}", names[i]);
            let prev = if i == 0 {
                if agent == "aoife" {
                    1.0
                } else {
                    0.0
                }
            } else {
                rotas[i - 1]
                    .ledger
                    .iter()
                    .find(|l| &l.0 == agent)
                    .map_or(0.0, |l| l.1[3])
            };
            assert_eq!(*o, prev, "{agent}'s opening in {} is last month's balance", names[i]);
        }
    }
    let check = sunrota(
        ["check", team.config.to_str().unwrap()]
            .into_iter()
            .map(String::from)
            .chain(names.iter().map(|n| team.shown(n))),
    );
    check.expect_code(0);
    let ledger = sunrota([
        "ledger",
        team.config.to_str().unwrap(),
        team.dir.path().to_str().unwrap(),
    ]);
    ledger.expect_code(0);
    assert!(
        ledger
            .stdout
            .contains("Comp-day ledger over 3 rota(s), 2027-01-04 – 2027-03-28:"),
        "{ledger}"
    );
    assert!(
        ledger
            .stdout
            .contains("│ aoife ┆ 2       ┆ 1       ┆ 2      ┆ 3     ┆ 0       ┆ —               │"),
        "{ledger}"
    );
    assert!(
        ledger
            .stdout
            .contains("│ priya ┆ 2       ┆ 0       ┆ 2      ┆ 1     ┆ 1       ┆ 1 by 2027-04-26 │"),
        "{ledger}"
    );
    let json = sunrota([
        "ledger",
        team.config.to_str().unwrap(),
        team.dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    json.expect_code(0);
    let doc = json.json();
    for a in doc["agents"].as_array().expect("agents") {
        let name = a["agent"].as_str().unwrap();
        let e: f64 = earned.iter().filter(|c| c.0 == name).map(|c| c.2).sum();
        let t = taken.iter().filter(|c| c.0 == name).count() as f64;
        assert_eq!(a["earned"].as_f64(), Some(e), "{name}");
        assert_eq!(a["taken"].as_f64(), Some(t), "{name}");
        assert_eq!(a["oncall"], 2, "{name}");
        assert!(a["balance"].as_f64().unwrap() >= 0.0, "{name}");
    }
}

#[test]
fn quarter_rotas_are_byte_identical_when_replanned() {
    let team = TeamDir::at(example("phone-team.toml"));
    plan_chain(&team, &["2027-01.toml", "2027-02.toml"]);
    let first = std::fs::read_to_string(team.path("2027-02.toml")).unwrap();
    team.plan(
        "2027-02.toml",
        &["--after", team.path("2027-01.toml").to_str().unwrap(), "--force"],
    )
    .expect_code(0);
    assert_eq!(std::fs::read_to_string(team.path("2027-02.toml")).unwrap(), first);
}

/// Four agents, one phone, 13 four-week rotas: a year.
fn year_team() -> TeamDir {
    let berlin = "Europe/Berlin";
    Team::new()
        .horizon("2027-01-04", 4)
        .zone(berlin)
        .need("Mon-Fri 09:00-17:00", 1)
        .template("day", "09:00", "17:00")
        .agent("anna", berlin)
        .agent("ben", berlin)
        .off(&["2027-05-03..2027-05-16"])
        .agents_named(&["carla", "dmitri"], berlin)
        .oncall("phone", "Mon 09:00", &["zone = \"Europe/Berlin\"", "max_per_year = 14"])
        .comp(&["window_weeks = 4"])
        .dir()
}

#[test]
fn a_year_of_rotas_shares_the_phone_equally_and_never_back_to_back() {
    let team = year_team();
    let names: Vec<String> = (1..=13).map(|i| format!("r{i:02}.toml")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    plan_chain(&team, &refs);
    let rotas: Vec<Duty> = names.iter().map(|n| read_duty(&team.path(n))).collect();
    let holds: Vec<_> = rotas.iter().flat_map(|r| r.holds.clone()).collect();
    assert_eq!(holds.len(), 52, "every week of the year has its holder");
    for w in holds.windows(2) {
        assert_eq!(w[0].3, w[1].2, "no gap between periods");
        assert_ne!(w[0].1, w[1].1, "{} holds two weeks running from {}", w[0].1, w[0].2);
    }
    let count = |a: &str| holds.iter().filter(|h| h.1 == a).count();
    let counts: Vec<usize> = ["anna", "ben", "carla", "dmitri"].iter().map(|a| count(a)).collect();
    assert!(
        counts.iter().max().unwrap() - counts.iter().min().unwrap() <= 1,
        "{counts:?}"
    );
    // ben's holiday: he holds no period touching it.
    for h in holds.iter().filter(|h| h.1 == "ben") {
        let days = days_touched(tz("Europe/Berlin"), h.2.with_timezone(&Utc), h.3.with_timezone(&Utc));
        assert!(
            !days
                .iter()
                .any(|d| (date("2027-05-03")..=date("2027-05-16")).contains(d)),
            "{h:?}"
        );
    }
    // Every rota passes check with its history; the ledger agrees with the files.
    let mut args: Vec<String> = vec!["check".into(), team.config.display().to_string()];
    args.extend(names.iter().map(|n| team.shown(n)));
    sunrota(args).expect_code(0);
    let doc = sunrota([
        "ledger",
        team.config.to_str().unwrap(),
        team.dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    doc.expect_code(0);
    let doc = doc.json();
    for a in doc["agents"].as_array().unwrap() {
        let name = a["agent"].as_str().unwrap();
        let earned: f64 = rotas
            .iter()
            .flat_map(|r| &r.earned)
            .filter(|c| c.0 == name)
            .map(|c| c.2)
            .sum();
        let taken = rotas.iter().flat_map(|r| &r.taken).filter(|c| c.0 == name).count() as f64;
        assert_eq!(earned, count(name) as f64, "one day per week held");
        assert_eq!(a["earned"].as_f64(), Some(earned));
        assert_eq!(a["taken"].as_f64(), Some(taken));
        assert_eq!(a["balance"].as_f64(), Some(earned - taken));
        assert!(
            earned - taken <= 1.0,
            "{name} is owed {} days at year end",
            earned - taken
        );
    }
}

/// Four agents on weekdays for two weeks: ana off on 2026-03-04, cy and di
/// with the phone skill.
fn small() -> Team {
    Team::new()
        .weeks(2)
        .need("Mon-Fri 09:00-17:00", 1)
        .template("day", "09:00", "17:00")
        .agent("ana", "UTC")
        .off(&["2026-03-04"])
        .agent("bo", "UTC")
        .agent("cy", "UTC")
        .skills(&["phone"])
        .agent("di", "UTC")
        .skills(&["phone"])
}

#[test]
fn holders_are_eligible_available_and_within_limits() {
    let team = small()
        .oncall(
            "phone",
            "Mon 09:00",
            &["agents = [\"ana\", \"bo\", \"cy\"]", "max_per_year = 1"],
        )
        .dir();
    team.plan("r.toml", &[]).expect_code(0);
    let r = read_duty(&team.path("r.toml"));
    let holders: Vec<&str> = r.holds.iter().map(|h| h.1.as_str()).collect();
    // ana is off on Wednesday of week 1; di is not eligible; once a year each.
    assert_eq!(holders.len(), 2);
    assert!(!holders.contains(&"di") && holders[0] != "ana", "{holders:?}");
    assert_ne!(holders[0], holders[1]);

    // Eligibility by skill, two holders a week: only cy and di can, so they hold both weeks.
    let team = small()
        .oncall(
            "phone",
            "Mon 09:00",
            &["skill = \"phone\"", "holders = 2", "min_gap = 0"],
        )
        .dir();
    team.plan("r.toml", &[]).expect_code(0);
    let r = read_duty(&team.path("r.toml"));
    let holders: Vec<&str> = r.holds.iter().map(|h| h.1.as_str()).collect();
    assert_eq!(holders, ["cy", "di", "cy", "di"]);

    // Two holders, no back-to-back: week 2 cannot be filled; plan says so and check fails.
    let team = small()
        .oncall("phone", "Mon 09:00", &["skill = \"phone\"", "holders = 2"])
        .dir();
    let run = team.plan("r.toml", &["--strict"]);
    run.expect_code(1);
    assert!(
        run.stdout
            .contains("On-call phone has 0 of 2 holder(s) for Mon 2026-03-09 09:00 – Mon 2026-03-16 09:00 UTC (168h)"),
        "{run}"
    );
    let check = team.check(&["r.toml"], &[]);
    check.expect_code(1);
    assert!(check.stdout.contains("error[oncall-missing]: 2026-03-09..2026-03-15: phone period Mon 2026-03-09 09:00 +00:00 – Mon 2026-03-16 09:00 +00:00 has 0 of 2 holder(s)"), "{check}");
}

#[test]
fn holder_works_no_night_shift_when_nights_are_off() {
    let team = nightly()
        .agents_named(&["ana", "bo"], "UTC")
        .oncall("phone", "Mon 09:00", &["nights = false"])
        .dir();
    team.plan("r.toml", &[]).expect_code(0);
    let r = read_duty(&team.path("r.toml"));
    let holder = &r.holds[0].1;
    assert!(
        !r.shifts
            .iter()
            .any(|(a, s, _)| a == holder && *s >= r.holds[0].2 && *s < r.holds[0].3),
        "{holder} holds the phone and works nights\n{}",
        r.text
    );
    // Hand the night shifts to the holder: check objects.
    let other = if holder == "ana" { "bo" } else { "ana" };
    let broken = r.text.replace(
        &format!("agent = \"{other}\", template"),
        &format!("agent = \"{holder}\", template"),
    );
    team.write("broken.toml", &broken);
    let run = team.check(&["broken.toml"], &[]);
    run.expect_code(1);
    assert!(run.stdout.contains("error[oncall-night]"), "{run}");
}

/// The February rota of the quarter, broken by hand in a copy of the chain.
fn broken_february(edit: impl Fn(&str) -> String) -> (TeamDir, Run) {
    let team = TeamDir::at(example("phone-team.toml"));
    plan_chain(&team, &["2027-01.toml", "2027-02.toml"]);
    let jan = std::fs::read_to_string(team.path("2027-01.toml")).unwrap();
    let feb = std::fs::read_to_string(team.path("2027-02.toml")).unwrap();
    let edited = edit(&feb);
    assert_ne!(edited, feb, "the edit changed nothing");
    team.write("edited/2027-01.toml", &jan);
    team.write("edited/2027-02.toml", &edited);
    let run = team.check(&["edited/2027-02.toml"], &[]);
    (team, run)
}

fn hold_line(text: &str, agent: &str, from: &str) -> String {
    text.lines()
        .find(|l| l.contains(&format!("duty = \"phone\", agent = \"{agent}\", start = {from}")))
        .unwrap_or_else(|| panic!("no hold of {agent} from {from}\n{text}"))
        .to_string()
}

#[test]
fn check_catches_a_missing_holder() {
    let (_team, run) = broken_february(|t| t.replace(&format!("{}\n", hold_line(t, "priya", "2027-02-08")), ""));
    run.expect_code(1);
    assert!(run.stdout.contains("error[oncall-missing]: 2027-02-08..2027-02-14: phone period Mon 2027-02-08 09:00 +00:00 – Mon 2027-02-15 09:00 +00:00 has 0 of 1 holder(s)"), "{run}");
    // The credit for the removed week is still recorded: the books no longer match.
    assert!(run.stdout.contains("error[comp-earned]: priya 2027-02-15: [comp] earned records 1 day(s) on 2027-02-15 (on-call phone from 2027-02-08) that nothing in this rota earns"), "{run}");
}

#[test]
fn check_catches_a_holder_on_vacation() {
    // lukas is away 2027-02-08..14; give him priya's week.
    let (_team, run) = broken_february(|t| {
        let l = hold_line(t, "priya", "2027-02-08");
        t.replace(&l, &l.replace("\"priya\"", "\"lukas\""))
    });
    run.expect_code(1);
    assert!(run.stdout.contains("error[oncall-time-off]: lukas 2027-02-08..2027-02-14: holds phone from Mon 2027-02-08 09:00 +00:00 but 2027-02-08 is a day off (time off or holiday)"), "{run}");
}

#[test]
fn check_catches_a_comp_day_with_a_shift() {
    let (team, run) = broken_february(|t| {
        // Move wei's comp day onto a day wei works.
        let r = t
            .lines()
            .find(|l| l.starts_with("  { agent = \"wei\", date = ") && !l.contains("days"))
            .expect("wei comp day")
            .to_string();
        let worked = t
            .lines()
            .find(|l| l.contains("agent = \"wei\", template = \"apac\", start = 2027-02-1"))
            .expect("a shift of wei");
        let day = &worked[worked.find("start = ").unwrap() + 8..][..10];
        t.replace(&r, &format!("  {{ agent = \"wei\", date = {day} }},"))
    });
    run.expect_code(1);
    assert!(run.stdout.contains("error[comp-day-worked]: wei "), "{run}");
    assert!(
        run.stdout.contains(&format!("{}:", team.shown("edited/2027-02.toml"))),
        "{run}"
    );
}

#[test]
fn check_catches_a_negative_balance() {
    // wei has earned nothing by Feb 3: a comp day then takes the balance below zero.
    let (_team, run) =
        broken_february(|t| t.replace("taken = [\n", "taken = [\n  { agent = \"wei\", date = 2027-02-03 },\n"));
    run.expect_code(1);
    assert!(run.stdout.contains("error[comp-balance]: wei 2027-02-03: takes a comp day on 2027-02-03 with a balance of 0 (it would go negative)"), "{run}");
    assert!(
        run.stdout
            .contains("error[ledger]: wei 2027-02-01..2027-02-28: ledger taken is"),
        "{run}"
    );
    // It also falls in wei's own on-call week.
    assert!(
        run.stdout
            .contains("error[comp-on-call]: wei 2027-02-03: comp day 2027-02-03 falls in the agent's own phone period"),
        "{run}"
    );
}

#[test]
fn check_catches_a_comp_day_on_a_day_nobody_is_needed() {
    // Sundays need nobody (the target is 24/5): a comp day there frees no work.
    let (_team, run) = broken_february(|t| {
        let r = t
            .lines()
            .find(|l| l.starts_with("  { agent = \"aoife\", date = ") && !l.contains("days"))
            .expect("aoife comp day")
            .to_string();
        t.replace(&r, "  { agent = \"aoife\", date = 2027-02-07 },")
    });
    run.expect_code(1);
    assert!(run.stdout.contains("error[comp-not-a-working-day]: aoife 2027-02-07: comp day 2027-02-07 is a day none of the agent's shifts would serve the target"), "{run}");
}

#[test]
fn plan_after_carries_rest_across_the_boundary() {
    // ana alone; last rota ended with her Sunday night shift (22:00-06:00).
    let team = Team::new()
        .need("Mon 09:00-17:00", 1)
        .template("day", "09:00", "17:00")
        .template("night", "22:00", "06:00")
        .agent("ana", "UTC")
        .dir();
    let previous = "[rota]\nstart = 2026-02-23\nweeks = 1\nzone = \"UTC\"\n\n[summary]\nstatus = \"optimal\"\nobjective = 0.0\nbest_bound = 0.0\ngap_percent = 0.0\nuncovered_agent_minutes = 0\ngaps = [\n]\n\n[shifts]\nlist = [\n  { agent = \"ana\", template = \"night\", start = 2026-03-01T22:00:00+00:00, end = 2026-03-02T06:00:00+00:00 },\n]\n";
    team.write("hist/2026-02-23.toml", previous);
    // Without history ana covers Monday; after the night shift she must rest until 17:00.
    team.plan("alone.toml", &[]).expect_code(0);
    assert_eq!(team.rota("alone.toml").uncovered, 0);
    let run = team.plan(
        "hist/2026-03-02.toml",
        &["--after", team.path("hist/2026-02-23.toml").to_str().unwrap()],
    );
    run.expect_code(0);
    let r = team.rota("hist/2026-03-02.toml");
    assert_eq!(r.start, "2026-03-02");
    assert!(r.shifts.is_empty(), "{}", r.text);
    assert_eq!(r.uncovered, 480, "{}", r.text);
    // The previous night still covers its Monday hours and counts in check.
    team.check(&["hist/2026-03-02.toml"], &[]).expect_code(1);
    // A hand-added Monday day shift breaks rest across the boundary.
    let added = r.text.replace("list = [\n", "list = [\n  { agent = \"ana\", template = \"day\", start = 2026-03-02T09:00:00+00:00, end = 2026-03-02T17:00:00+00:00 },\n");
    team.write("hist/2026-03-02.toml", &added);
    let run = team.check(&["hist/2026-03-02.toml"], &[]);
    run.expect_code(1);
    assert!(run.stdout.contains("error[rest]: ana 2026-03-01..2026-03-02: 3h00 rest between the shift ending Mon 2026-03-02 06:00 +00:00 and the one starting Mon 2026-03-02 09:00 +00:00 (minimum 11h00)"), "{run}");
}

#[test]
fn handoff_in_a_dst_gap_is_exact() {
    // Sunday 02:30 does not exist in New York on 2026-03-08; that handoff is 03:00 EDT.
    let ny = "America/New_York";
    let team = Team::new()
        .weeks(3)
        .zone(ny)
        .need("Mon-Fri 09:00-17:00", 1)
        .template("day", "09:00", "17:00")
        .agents_named(&["ana", "bo"], ny)
        .oncall("phone", "Sun 02:30", &["zone = \"America/New_York\""])
        .dir();
    team.plan("r.toml", &[]).expect_code(0);
    let r = read_duty(&team.path("r.toml"));
    let spans: Vec<(String, String)> = r.holds.iter().map(|h| (h.2.to_rfc3339(), h.3.to_rfc3339())).collect();
    assert_eq!(
        spans,
        [
            (
                "2026-03-08T03:00:00-04:00".to_string(),
                "2026-03-15T02:30:00-04:00".to_string()
            ),
            (
                "2026-03-15T02:30:00-04:00".to_string(),
                "2026-03-22T02:30:00-04:00".to_string()
            ),
            (
                "2026-03-22T02:30:00-04:00".to_string(),
                "2026-03-29T02:30:00-04:00".to_string()
            ),
        ]
    );
    let ny = tz("America/New_York");
    let first = r.holds[0].2.with_timezone(&Utc);
    assert_eq!(first, local(ny, date("2026-03-08"), 3, 0));
    assert_eq!((r.holds[0].3.with_timezone(&Utc) - first).num_minutes(), 7 * 1440 - 30);
    team.check(&["r.toml"], &[]).expect_code(0);
    // The 2026-03-01 period started before the rota: it belongs to the previous one.
    assert!(!r.text.contains("2026-03-01T02:30"), "{}", r.text);
}

#[test]
fn bad_oncall_config_is_one_clear_message() {
    let cases: [(&str, &str, &str); 5] = [
        (
            "handoff = \"09:00\"",
            "cannot read handoff `09:00`: a weekly handoff names a weekday",
            "a weekly duty hands over at e.g. \"Mon 09:00\"",
        ),
        (
            "handoff = \"Mon 09:00\"\nagents = [\"anna\"]",
            "unknown agent `anna`",
            "did you mean `ana`?",
        ),
        (
            "handoff = \"Mon 09:00\"\nskill = \"phone\"\nholders = 3",
            "on-call duty `phone` needs 3 holders but only 2 agent(s) are eligible",
            "lower holders",
        ),
        (
            "handoff = \"Mon 09:00\"\ncredit = 0.3",
            "credit = 0.3 is not a whole number of quarter days",
            "quarter days",
        ),
        (
            "handoff = \"Mon 09:00\"\nperiod = \"month\"",
            "unknown on-call period `month`",
            "period is \"week\" or \"day\"",
        ),
    ];
    for (duty, message, help) in cases {
        let team = small().section(&format!("[oncall.phone]\n{duty}")).dir();
        let run = team.plan("r.toml", &[]);
        run.expect_code(2);
        assert!(run.stderr.contains(message), "{run}");
        assert!(run.stderr.contains(help), "{run}");
        assert!(run.stderr.contains("team.toml:"), "file:line:col\n{run}");
        assert!(!team.path("r.toml").exists());
    }
    // --after a directory with no rota in it.
    let team = small().dir();
    let run = team.plan("r.toml", &["--after", team.dir.path().to_str().unwrap()]);
    run.expect_code(2);
    assert!(run.stderr.contains("no rota in"), "{run}");
}

#[test]
fn weekend_and_holiday_shifts_earn_credit() {
    let team = Team::new()
        .weeks(2)
        .need("daily 09:00-17:00", 1)
        .rule("max_weekends_per_4_weeks", 4)
        .template("day", "09:00", "17:00")
        .agents_named(&["ana", "bo"], "UTC")
        .comp(&[
            "weekend_credit = 0.5",
            "holiday_credit = 1.25",
            "holidays = [\"2026-03-04\"]",
            "window_weeks = 2",
        ])
        .dir();
    team.plan("r.toml", &[]).expect_code(0);
    let r = read_duty(&team.path("r.toml"));
    let mut want: Vec<(String, NaiveDate, f64, String)> = r
        .shifts
        .iter()
        .filter_map(|(a, s, _)| {
            let d = s.date_naive();
            match d.weekday() {
                _ if d == date("2026-03-04") => Some((a.clone(), d, 1.25, format!("holiday shift {d}"))),
                Weekday::Sat | Weekday::Sun => Some((a.clone(), d, 0.5, format!("weekend shift {d}"))),
                _ => None,
            }
        })
        .collect();
    want.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    assert_eq!(r.earned, want);
    assert_eq!(want.len(), 5, "four weekend days and the holiday are worked");
    for (agent, [o, e, t, b]) in &r.ledger {
        let earned: f64 = want.iter().filter(|c| &c.0 == agent).map(|c| c.2).sum();
        assert_eq!((*o, *e, *b), (0.0, earned, earned - t), "{agent}");
    }
    team.check(&["r.toml"], &[]).expect_code(0);
}

#[test]
fn daily_duty_rotates_day_by_day() {
    let team = small()
        .oncall(
            "pager",
            "08:00",
            &[
                "period = \"day\"",
                "zone = \"Asia/Kathmandu\"",
                "active = \"18:00-08:00\"",
                "credit = 0.25",
            ],
        )
        .dir();
    let run = team.plan("r.toml", &[]);
    run.expect_code(0);
    let r = read_duty(&team.path("r.toml"));
    assert_eq!(r.holds.len(), 14, "one holder a day for two weeks\n{}", r.text);
    for w in r.holds.windows(2) {
        assert_eq!(w[0].3, w[1].2);
        assert_ne!(w[0].1, w[1].1, "{} holds two days running", w[0].1);
    }
    // 08:00 in Kathmandu (+05:45) is 02:15 UTC; the pager is active 14 h of each day.
    assert_eq!(
        r.holds[0].2.with_timezone(&Utc).to_rfc3339(),
        "2026-03-02T02:15:00+00:00"
    );
    assert!(
        run.stdout
            .contains("On-call: pager — daily, handoff 08:00 Asia/Kathmandu, 1 holder(s), active 18:00-08:00"),
        "{run}"
    );
    assert!(run.stdout.contains("┆ 14h    │"), "{run}");
    // ana is off on 2026-03-04 (UTC): no period touching that day is hers.
    for h in r.holds.iter().filter(|h| h.1 == "ana") {
        let days = days_touched(tz("UTC"), h.2.with_timezone(&Utc), h.3.with_timezone(&Utc));
        assert!(!days.contains(&date("2026-03-04")), "{h:?}");
    }
    let earned: f64 = r.earned.iter().map(|c| c.2).sum();
    assert_eq!(earned, 14.0 * 0.25);
    team.check(&["r.toml"], &[]).expect_code(0);
}

/// A rota file written by hand: `extra` goes after `[shifts]`.
fn hand_rota(start: &str, shifts: &str, extra: &str) -> String {
    format!(
        "[rota]\nstart = {start}\nweeks = 1\nzone = \"UTC\"\n\n[summary]\nstatus = \"optimal\"\nobjective = 0.0\n\
         best_bound = 0.0\ngap_percent = 0.0\nuncovered_agent_minutes = 0\ngaps = [\n]\n\n[shifts]\nlist = [\n{shifts}]\n{extra}"
    )
}

/// Every night 22:00-06:00 for a week, with rules loose enough for one
/// agent to work all seven; no agents yet.
fn nightly() -> Team {
    Team::new()
        .need("22:00-06:00", 1)
        .rule("max_shifts_per_week", 7)
        .rule("max_consecutive_days", 7)
        .rule("min_consecutive_days_off", 0)
        .rule("max_hours_per_week", 60)
        .template("night", "22:00", "06:00")
}

#[test]
fn a_comp_day_of_the_last_rota_is_not_worked_by_the_next() {
    // ana took Sunday 8 March off in the last rota; only her Sunday night
    // could cover Monday 00:00-06:00 (bo is off on the 9th): it stays a gap.
    let team = nightly()
        .agent("ana", "UTC")
        .field("comp_opening", "1")
        .agent("bo", "UTC")
        .off(&["2026-03-09"])
        .dir();
    let comp = "\n[comp]\nearned = [\n]\ntaken = [\n  { agent = \"ana\", date = 2026-03-08 },\n]\nledger = [\n  \
                { agent = \"ana\", opening = 1.0, earned = 0.0, taken = 1.0, balance = 0.0 },\n]\n";
    team.write("r/r1.toml", &hand_rota("2026-03-02", "", comp));
    team.plan("r/r2.toml", &["--after", team.path("r").to_str().unwrap()])
        .expect_code(0);
    let r2 = team.rota("r/r2.toml");
    assert!(
        !r2.shifts
            .iter()
            .any(|s| s.agent == "ana" && s.start_text.starts_with("2026-03-08")),
        "{}",
        r2.text
    );
    assert!(
        r2.gaps
            .iter()
            .any(|g| g.start.to_rfc3339() == "2026-03-09T00:00:00+00:00"),
        "{}",
        r2.text
    );
    // Hand the Sunday night to ana: check objects.
    let night = line("ana", "night", "2026-03-08T22:00:00+00:00", "2026-03-09T06:00:00+00:00");
    team.write(
        "r/r2.toml",
        &r2.text.replacen("list = [\n", &format!("list = [\n{night}\n"), 1),
    );
    let run = team.check(&["r/r2.toml"], &[]);
    run.expect_code(1);
    assert!(run.stdout.contains("error[comp-day-worked]: ana 2026-03-08: comp day 2026-03-08 (an earlier rota's) but works Sun 2026-03-08 22:00 +00:00"), "{run}");
}

#[test]
fn a_phone_week_running_into_the_next_rota_keeps_its_night_rule() {
    // ana holds Thu 5 - Thu 12 March (written in the first rota); the second
    // rota may not give her nights before Thursday.
    let team = nightly()
        .agent("ana", "UTC")
        .agent("bo", "UTC")
        .off(&["2026-03-09..2026-03-11"])
        .oncall("phone", "Thu 09:00", &["nights = false", "min_gap = 0"])
        .dir();
    team.plan("r/r1.toml", &[]).expect_code(0);
    let r1 = read_duty(&team.path("r/r1.toml"));
    assert_eq!(r1.holds[0].1, "ana", "{}", r1.text);
    team.plan("r/r2.toml", &["--after", team.path("r").to_str().unwrap()])
        .expect_code(0);
    let r2 = read_duty(&team.path("r/r2.toml"));
    let end = r1.holds[0].3.with_timezone(&Utc);
    assert!(!r2.shifts.iter().any(|(a, s, _)| a == "ana" && *s < end), "{}", r2.text);
    let early = line("ana", "night", "2026-03-09T22:00:00+00:00", "2026-03-10T06:00:00+00:00");
    team.write(
        "r/r2.toml",
        &r2.text.replacen("list = [\n", &format!("list = [\n{early}\n"), 1),
    );
    let run = team.check(&["r/r2.toml"], &[]);
    run.expect_code(1);
    assert!(run.stdout.contains("error[oncall-night]: ana 2026-03-09: works a night shift from Mon 2026-03-09 22:00 +00:00 while holding phone (from an earlier rota; nights = false)"), "{run}");
}

#[test]
fn check_catches_too_many_holders_and_odd_credits() {
    let (_team, run) = broken_february(|t| {
        let l = hold_line(t, "priya", "2027-02-08");
        t.replace(&l, &format!("{l}\n{}", l.replace("\"priya\"", "\"dev\"")))
    });
    run.expect_code(1);
    assert!(run.stdout.contains("error[oncall-too-many]: 2027-02-08..2027-02-14: phone period from Mon 2027-02-08 09:00 +00:00 has 2 holders, more than 1"), "{run}");
    // A credit that is not whole quarter days is refused when the file is read.
    let (_team, run) = broken_february(|t| t.replacen("days = 1.0,", "days = 1.12,", 1));
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("[comp] holds 1.12 days, which is not a whole number of quarter days"),
        "{run}"
    );
}

#[test]
fn history_is_one_readable_chain() {
    let team = TeamDir::at(example("phone-team.toml"));
    plan_chain(&team, &["2027-01.toml", "2027-02.toml"]);
    let feb = std::fs::read_to_string(team.path("2027-02.toml")).unwrap();
    // A broken file in the chain is an error, not skipped.
    team.write("2027-02.toml", &feb.replacen("weeks = 4\n", "weeks = = 4\n", 1));
    let run = sunrota([
        "ledger",
        team.config.to_str().unwrap(),
        team.dir.path().to_str().unwrap(),
    ]);
    run.expect_code(2);
    assert!(run.stderr.contains("2027-02.toml"), "{run}");
    let run = team.plan("2027-03.toml", &["--after", team.dir.path().to_str().unwrap()]);
    run.expect_code(2);
    // --after FILE continues after exactly that file, whatever its name.
    team.write("2027-02.toml", &feb);
    std::fs::rename(team.path("2027-02.toml"), team.path("february.rota")).unwrap();
    let run = team.plan(
        "2027-03.toml",
        &["--after", team.path("february.rota").to_str().unwrap()],
    );
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("(2 earlier rota(s)): planning 4 week(s) from 2027-03-01"),
        "{run}"
    );
    let march = read_duty(&team.path("2027-03.toml"));
    assert_eq!(
        march.holds[0].1, "dev",
        "the rotation continues from February\n{}",
        march.text
    );
}

#[test]
fn night_balance_carries_over_with_after() {
    // ana worked four nights in the last rota, bo none: this week's two nights go to bo.
    let team = Team::new()
        .start("2026-03-09")
        .need("Tue,Fri 22:00-06:00", 1)
        .template("night", "22:00", "06:00")
        .agents_named(&["ana", "bo"], "UTC")
        .dir();
    let nights: String = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]
        .iter()
        .map(|d| {
            let next = date(d) + Duration::days(1);
            line(
                "ana",
                "night",
                &format!("{d}T22:00:00+00:00"),
                &format!("{next}T06:00:00+00:00"),
            ) + "\n"
        })
        .collect();
    team.write("r/r1.toml", &hand_rota("2026-03-02", &nights, ""));
    team.plan("r/r2.toml", &["--after", team.path("r").to_str().unwrap()])
        .expect_code(0);
    let r2 = team.rota("r/r2.toml");
    let who: Vec<&str> = r2.shifts.iter().map(|s| s.agent.as_str()).collect();
    assert_eq!(who, ["bo", "bo"], "{}", r2.text);
    // The objective carries ana's four nights: 30 × 4 (most nights) + 16 h; without history the
    // nights are split, 30 × 1 + 16.
    assert!(r2.text.contains("\nobjective = 136.0\n"), "{}", r2.text);
    team.plan("alone.toml", &[]).expect_code(0);
    assert!(team.rota("alone.toml").text.contains("\nobjective = 46.0\n"));
}

#[test]
fn a_comp_day_of_the_last_rota_is_not_held_on_call_by_the_next() {
    // Found by the property test: bo took Sunday 8 March (New York) off in the
    // first rota; the second may not give bo the daily phone over that day.
    let team = Team::new()
        .need("daily 09:00-17:00", 1)
        .template("day", "09:00", "17:00")
        .agent("ana", "UTC")
        .agent("bo", "America/New_York")
        .field("comp_opening", "1")
        .agent("cy", "UTC")
        .oncall("phone", "00:00", &["period = \"day\"", "zone = \"UTC\""])
        .dir();
    let comp = "\n[comp]\nearned = [\n]\ntaken = [\n  { agent = \"bo\", date = 2026-03-08 },\n]\nledger = [\n]\n";
    let r1 = hand_rota("2026-03-02", "", comp);
    let r1 = r1.replace(
        "ledger = [\n]",
        "ledger = [\n  { agent = \"bo\", opening = 1.0, earned = 0.0, taken = 1.0, balance = 0.0 },\n]",
    );
    team.write("r/r1.toml", &r1);
    team.plan("r/r2.toml", &["--after", team.path("r").to_str().unwrap()])
        .expect_code(0);
    let r2 = read_duty(&team.path("r/r2.toml"));
    let ny = tz("America/New_York");
    for h in r2.holds.iter().filter(|h| h.1 == "bo") {
        let days = days_touched(ny, h.2.with_timezone(&Utc), h.3.with_timezone(&Utc));
        assert!(
            !days.contains(&date("2026-03-08")),
            "bo holds the phone on a comp day: {h:?}"
        );
    }
    // Handing bo that period by hand is caught.
    let first = &r2.holds[0];
    let l = r2
        .text
        .lines()
        .find(|l| l.contains("duty = \"phone\""))
        .unwrap()
        .to_string();
    let given = format!(
        "  {{ duty = \"phone\", agent = \"bo\", start = {}, end = {} }},",
        first.2.with_timezone(&ny).to_rfc3339(),
        first.3.with_timezone(&ny).to_rfc3339()
    );
    team.write("r/r2.toml", &r2.text.replace(&l, &given));
    let run = team.check(&["r/r2.toml"], &[]);
    run.expect_code(1);
    assert!(
        run.stdout.contains(
            "error[comp-on-call]: bo 2026-03-09: holds phone from Sun 2026-03-08 20:00 -04:00 over 2026-03-08, a comp day of an earlier rota"
        ),
        "{run}"
    );
}
