//! The checker's own credits and comp-day days ([`super::comp`]) against
//! `crate::oncall`'s, which `plan` uses: on random small teams — agents and
//! duties in odd zones (+05:30, +05:45, +12:45, half-hour DST, a gap at
//! midnight, zones that change their clocks inside the rota), handoffs and
//! templates at times clock changes skip or repeat, weekend and holiday
//! credits, holds at and off the handoffs, shifts of known and unknown
//! agents — the two must agree exactly.

use super::comp;
use crate::config::Config;
use crate::error::Source;
use crate::oncall;
use crate::rota::{Hold, Shift};
use crate::time;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

const ZONES: &[&str] = &[
    "UTC",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/New_York",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "America/Nuuk",
    "Pacific/Chatham",
    "America/St_Johns",
    "Pacific/Apia",
    "Africa/Casablanca",
    "Pacific/Kiritimati",
    "America/Santiago",
];

/// Mondays a week or two before clock changes somewhere in [`ZONES`].
const STARTS: &[&str] = &[
    "2026-03-02", // New York 8 March, St John's
    "2026-03-23", // Europe 29 March, Nuuk 28 March (at midnight)
    "2026-03-30", // Lord Howe, Chatham 5 April, Santiago
    "2026-02-09", // Casablanca's Ramadan change
    "2026-09-21", // Chatham 27 September
    "2026-10-19", // Europe 25 October
    "2026-10-26", // New York 1 November
];

/// Wall-clock minutes, many where clocks change (00:00–03:00) or at the day's edge.
const MINUTES: &[u32] = &[
    0, 15, 30, 60, 90, 120, 150, 165, 180, 330, 540, 720, 1020, 1320, 1380, 1410, 1425,
];
const DAYS: &[&str] = &["daily", "Mon-Fri", "weekends", "Sat,Sun", "Wed", "Fri-Mon"];
const WEEKDAYS: &[&str] = &["Mon", "Tue", "Sat", "Sun"];

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// A random team, as the numbers it is written from.
#[derive(Debug, Clone)]
struct Team {
    start: usize,
    weeks: u32,
    zone: usize,
    needs: Vec<(usize, Option<(u32, u32)>)>,
    templates: Vec<(u32, u32)>,
    /// Zone, templates (a mask), days off (offsets from the start).
    agents: Vec<(usize, u8, Vec<i64>)>,
    /// Weekly (with a weekday) or daily, handoff, zone, credit in quarters.
    duties: Vec<(Option<usize>, u32, usize, u32)>,
    weekend_quarters: u32,
    holiday_quarters: u32,
    holidays: Vec<i64>,
}

fn team() -> impl Strategy<Value = Team> {
    let minute = prop::sample::select(MINUTES);
    let need = (0..DAYS.len(), prop::option::of((minute.clone(), minute.clone())));
    let template = (minute.clone(), minute.clone()).prop_filter("end differs from start", |(s, e)| s != e);
    let agent = (0..ZONES.len(), 1u8..16, prop::collection::vec(-2i64..24, 0..3));
    let duty = (prop::option::of(0..WEEKDAYS.len()), minute, 0..ZONES.len(), 0u32..5);
    (
        (0..STARTS.len(), 1u32..4, 0..ZONES.len()),
        prop::collection::vec(need, 1..3),
        prop::collection::vec(template, 1..4),
        prop::collection::vec(agent, 1..4),
        prop::collection::vec(duty, 0..3),
        (0u32..3, 0u32..3, prop::collection::vec(-2i64..24, 0..4)),
    )
        .prop_map(
            |((start, weeks, zone), needs, templates, agents, duties, (w, h, holidays))| Team {
                start,
                weeks,
                zone,
                needs,
                templates,
                agents,
                duties,
                weekend_quarters: w,
                holiday_quarters: h,
                holidays,
            },
        )
}

impl Team {
    fn start(&self) -> NaiveDate {
        STARTS[self.start].parse().expect("a date")
    }
    fn day(&self, offset: i64) -> String {
        (self.start() + Duration::days(offset)).to_string()
    }
    fn dates(&self, offsets: &[i64]) -> String {
        let quoted: Vec<String> = offsets.iter().map(|&o| format!("\"{}\"", self.day(o))).collect();
        quoted.join(", ")
    }

    fn toml(&self) -> String {
        let mut s = format!(
            "[horizon]\nstart = {}\nweeks = {}\n\n[coverage]\nzone = \"{}\"\nneed = [\n",
            STARTS[self.start], self.weeks, ZONES[self.zone]
        );
        for (days, window) in &self.needs {
            let at = match window {
                Some((from, to)) if from != to => format!("{} {}-{}", DAYS[*days], hhmm(*from), hhmm(*to)),
                _ => DAYS[*days].to_string(),
            };
            s += &format!("  {{ at = \"{at}\", agents = 1 }},\n");
        }
        s += "]\n\n[templates]\n";
        for (i, (from, to)) in self.templates.iter().enumerate() {
            s += &format!("t{i} = {{ start = \"{}\", end = \"{}\" }}\n", hhmm(*from), hhmm(*to));
        }
        s += "\n[agents]\n";
        for (i, (zone, mask, off)) in self.agents.iter().enumerate() {
            let mut mine: Vec<String> = (0..self.templates.len())
                .filter(|t| mask & (1 << t) != 0)
                .map(|t| format!("\"t{t}\""))
                .collect();
            if mine.is_empty() {
                mine.push("\"t0\"".into());
            }
            s += &format!(
                "a{i} = {{ zone = \"{}\", templates = [{}], off = [{}] }}\n",
                ZONES[*zone],
                mine.join(", "),
                self.dates(off)
            );
        }
        for (i, (weekday, handoff, zone, quarters)) in self.duties.iter().enumerate() {
            let (period, at) = match weekday {
                Some(w) => ("week", format!("{} {}", WEEKDAYS[*w], hhmm(*handoff))),
                None => ("day", hhmm(*handoff)),
            };
            s += &format!(
                "\n[oncall.d{i}]\nperiod = \"{period}\"\nhandoff = \"{at}\"\nzone = \"{}\"\nmin_gap = 0\ncredit = {}\n",
                ZONES[*zone],
                f64::from(*quarters) / 4.0
            );
        }
        s += &format!(
            "\n[comp]\nweekend_credit = {}\nholiday_credit = {}\nholidays = [{}]\n",
            f64::from(self.weekend_quarters) / 4.0,
            f64::from(self.holiday_quarters) / 4.0,
            self.dates(&self.holidays)
        );
        s
    }

    fn config(&self) -> Config {
        let text = self.toml();
        let source = Source {
            name: "twin.toml".into(),
            text: text.clone(),
        };
        Config::from_source(source).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
    }
}

/// Moves of a hold's start off its handoff, in milliseconds (0: at the
/// handoff; a rota's instants may carry fractions of a second).
const NUDGES: &[i64] = &[
    0, 0, 0, 60_000, -60_000, 1_800_000, -1_800_000, 3_600_000, 86_400_000, -500, 500, -1000,
];

/// Holds from `picks` (duty or an unknown one, agent or an unknown one,
/// which period, how far off its handoff).
fn holds(cfg: &Config, picks: &[(usize, usize, usize, usize)]) -> Vec<Hold> {
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    let mut out = Vec::new();
    for &(d, a, p, nudge) in picks {
        let agent = cfg.agents.get(a).map_or("nobody".to_string(), |x| x.name.clone());
        let Some(duty) = cfg.duties.get(d) else {
            out.push(hold("nobody", &agent, w0, w0 + Duration::days(7)));
            continue;
        };
        let periods = oncall::periods(duty, w0 - Duration::days(8), w1 + Duration::days(8));
        if let Some(period) = periods.get(p % periods.len().max(1)) {
            let start = period.start + Duration::milliseconds(NUDGES[nudge % NUDGES.len()]);
            out.push(hold(&duty.name, &agent, start, period.end));
        }
    }
    out
}

fn hold(duty: &str, agent: &str, start: time::Instant, end: time::Instant) -> Hold {
    Hold {
        duty: duty.into(),
        agent: agent.into(),
        start: start.fixed_offset(),
        end: end.fixed_offset(),
        span: None,
    }
}

/// Shifts from `picks` (agent or an unknown one, template, day from the
/// start, whether to move its start off the template's).
fn shifts(cfg: &Config, picks: &[(usize, usize, i64, bool)]) -> Vec<Shift> {
    let mut out = Vec::new();
    for &(a, t, day, moved) in picks {
        let tpl = &cfg.templates[t % cfg.templates.len()];
        let (name, zone) = cfg
            .agents
            .get(a)
            .map_or(("nobody".to_string(), cfg.coverage.zone), |x| (x.name.clone(), x.zone));
        let date = cfg.horizon.start + Duration::days(day);
        let (s, e) = time::span(zone, date, tpl.start, tpl.end);
        let s = if moved { s - Duration::hours(3) } else { s };
        if s < e {
            out.push(Shift::new(&name, zone, &tpl.name, date, (s, e)));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES=2000 cargo test --lib twin  explores further.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn credits_and_comp_days_agree_with_plans(
        team in team(),
        hold_picks in prop::collection::vec((0usize..4, 0usize..4, 0usize..8, 0usize..20), 0..8),
        shift_picks in prop::collection::vec((0usize..4, 0usize..4, -2i64..23, any::<bool>()), 0..12),
    ) {
        let cfg = team.config();
        let holds = holds(&cfg, &hold_picks);
        let shifts = shifts(&cfg, &shift_picks);
        prop_assert_eq!(
            comp::credits(&cfg, &holds, &shifts),
            oncall::credits(&cfg, &holds, &shifts),
            "credits differ for\n{}", team.toml()
        );
        let demand = time::demand(&cfg);
        let (first, last) = (cfg.horizon.start - Duration::days(3), cfg.horizon.end() + Duration::days(3));
        for a in 0..cfg.agents.len() {
            for date in first.iter_days().take_while(|d| *d <= last) {
                prop_assert_eq!(
                    comp::comp_day_allowed(&cfg, a, date),
                    oncall::comp_day_allowed(&cfg, a, date, &demand),
                    "comp day of a{} on {} differs for\n{}", a, date, team.toml()
                );
            }
        }
    }
}
