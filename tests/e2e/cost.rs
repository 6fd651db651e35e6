//! `[costs]` (issue 12): pay per hour by agent, hub or team, the largest
//! premium that applies to each shift, seats — checked on a hand-made rota
//! whose cost is worked out by hand; bad values are input errors.

use crate::util::*;

const TEAM: &str = r#"[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "Mon-Sun 09:00-17:00", agents = 1 }]

[templates]
day = { start = "09:00", end = "17:00" }
night = { start = "22:00", end = "06:00", night = true }

[agents]
ana = { zone = "Europe/Dublin", rate = 30 }
bo = { zone = "Asia/Manila", templates = ["day", "night"] }
cy = { zone = "UTC" }

[comp]
holidays = ["2026-03-04"]

[costs]
currency = "EUR"
rate = 20
zones = { "Asia/Manila" = 10 }
night = 1.25
weekend = 1.5
holiday = 2
seat_per_month = 36.525
"#;

fn shift(agent: &str, tpl: &str, start: &str, end: &str) -> String {
    format!("  {{ agent = \"{agent}\", template = \"{tpl}\", start = {start}, end = {end} }},\n")
}

#[test]
fn costs_are_rates_times_the_largest_premium_plus_seats() {
    let team = TeamDir::new(TEAM);
    let mut list = String::new();
    // ana (own rate 30): Mon (1×), Wed holiday (2×), Sat (1.5×): 8 h each.
    list += &shift("ana", "day", "2026-03-02T09:00:00+00:00", "2026-03-02T17:00:00+00:00");
    list += &shift("ana", "day", "2026-03-04T09:00:00+00:00", "2026-03-04T17:00:00+00:00");
    list += &shift("ana", "day", "2026-03-07T09:00:00+00:00", "2026-03-07T17:00:00+00:00");
    // bo (hub rate 10): a night starting Saturday: 1.25 and 1.5 apply, 1.5 wins.
    list += &shift("bo", "night", "2026-03-07T22:00:00+08:00", "2026-03-08T06:00:00+08:00");
    // cy (team rate 20): Tue, 1×.
    list += &shift("cy", "day", "2026-03-03T09:00:00+00:00", "2026-03-03T17:00:00+00:00");
    team.write(
        "rota.toml",
        &format!(
            "[rota]\nstart = 2026-03-02\nweeks = 1\nzone = \"UTC\"\n\n[summary]\nstatus = \"edited\"\nobjective = 0.0\n\
             best_bound = 0.0\ngap_percent = 0.0\nuncovered_agent_minutes = 0\ngaps = [\n]\n\n[shifts]\nlist = [\n{list}]\n"
        ),
    );
    let run = sunrota([
        OsStr::new("show"),
        team.config.as_os_str(),
        team.path("rota.toml").as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    run.expect_code(0);
    let c = &run.json()["costs"];
    assert_eq!(c["currency"], "EUR");
    // 36.525 a month is 36.525 × 12 / 365.25 = 1.20 a day: 8.40 a week.
    let row = |name: &str| {
        c["agents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["agent"] == name)
            .unwrap()
            .clone()
    };
    let ana = row("ana");
    assert_eq!((ana["rate"].as_f64(), ana["hours"].as_f64()), (Some(30.0), Some(24.0)));
    assert_eq!(ana["base"].as_f64(), Some(720.0));
    assert_eq!(
        ana["premiums"].as_f64(),
        Some(240.0 + 120.0),
        "holiday +240, Saturday +120"
    );
    assert_eq!(ana["seat"].as_f64(), Some(8.4));
    assert_eq!(ana["total"].as_f64(), Some(1088.4));
    let bo = row("bo");
    assert_eq!(
        (bo["rate"].as_f64(), bo["base"].as_f64(), bo["premiums"].as_f64()),
        (Some(10.0), Some(80.0), Some(40.0))
    );
    let cy = row("cy");
    assert_eq!((cy["rate"].as_f64(), cy["total"].as_f64()), (Some(20.0), Some(168.4)));
    assert_eq!(c["total"].as_f64(), Some(1385.2), "1088.40 + 128.40 + 168.40");
    assert_eq!(c["per_week"], c["total"]);
    let hubs: Vec<&str> = c["hubs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["zone"].as_str().unwrap())
        .collect();
    assert_eq!(hubs, ["Europe/Dublin", "Asia/Manila", "UTC"]);
    // The table says the same.
    let table = sunrota([
        OsStr::new("show"),
        team.config.as_os_str(),
        team.path("rota.toml").as_os_str(),
    ]);
    assert!(
        table
            .stdout
            .contains("Total 1385.20 EUR over 1 week(s): 1385.20 EUR a week"),
        "{table}"
    );
}

#[test]
fn bad_cost_values_are_input_errors() {
    for (bad, message) in [
        ("rate = 20", "rate = -5"),
        ("night = 1.25", "night = 0.5"),
        ("zones = { \"Asia/Manila\" = 10 }", "zones = { \"Asia/Manilla\" = 10 }"),
    ] {
        let team = TeamDir::new(&TEAM.replace(bad, message));
        let run = sunrota([OsStr::new("check"), team.config.as_os_str(), OsStr::new("none.toml")]);
        run.expect_code(2);
        assert!(run.stderr.contains("team.toml:"), "file:line:col\n{run}");
        assert!(
            run.stderr.contains("out of range") || run.stderr.contains("unknown time zone `Asia/Manilla`"),
            "{run}"
        );
    }
}
