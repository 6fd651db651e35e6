//! Issue 4, property: random small teams with one on-call duty, planned as a
//! chain of rotas (`plan`, then `plan --after DIR`), cross-examined by
//! `check`, `ledger` and this file's own reading of the rota files.
//!
//! Teams are 2–6 agents in zones with clock changes and odd offsets, with
//! random templates, a random target and time off; the duty has a random
//! period, handoff (often on a clock change: `Sun 02:30` in New York around
//! 2026-03-08 and 2026-11-01), zone, eligibility, `active`, `min_gap`,
//! `nights` and `credit`; comp days have a random window and weekend credit,
//! some agent may open with a comp day owed and some may ask for a date.
//! Mostly, time off is generated so that every period can be held (at most
//! one eligible agent has time off, and only when the others can rotate
//! around it without two in a row); in some cases anyone may be off.
//!
//! What must hold for every chain:
//! * `check` of all rotas finds no broken rule; coverage gaps are allowed,
//!   and so is a period without a holder if the plan declared it in
//!   `[oncall] unfilled` and it had to: holding costs coverage (`nights =
//!   false` and a night template), or every eligible agent has a day off or
//!   an earlier rota's comp day in it, or holds the period next to it
//!   (`min_gap = 1`);
//! * `ledger` finds the books consistent, and its totals are the files';
//! * every ledger line adds up and opens with the previous rota's balance
//!   (or `comp_opening` in the first rota);
//! * each rota starts where the last ended, and the holds (with any declared
//!   unfilled periods) are exactly the duty's periods over the chain, by this
//!   file's own reading of the time rules — so they tile time;
//! * with `min_gap = 1` nobody holds two periods in a row, across rotas too;
//! * with `nights = false` no holder works a night shift overlapping its
//!   period, whichever rota the shift or the hold is in;
//! * no comp day is touched by a shift of the agent or falls in one of its
//!   periods, whichever rota they are in.
//!
//! Each case plans 2–3 rotas of 1–2 weeks; 8 cases by default.
//! `PROPTEST_CASES=50 cargo test --test e2e oncall_prop` explores further.

use crate::util::*;
use chrono::{LocalResult, NaiveDateTime, NaiveTime};
use proptest::prelude::*;

const OC_ZONES: [&str; 6] = [
    "UTC",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/New_York",
    "Europe/Dublin",
    "Australia/Sydney",
];
/// Mondays shortly before a clock change: New York 03-08 and 11-01, Europe
/// 03-29 and 10-25, Sydney 04-05 and 10-04.
const OC_STARTS: [&str; 6] = [
    "2026-03-02",
    "2026-03-23",
    "2026-03-30",
    "2026-09-28",
    "2026-10-19",
    "2026-10-26",
];
/// Handoff times, several of them skipped or repeated on some clock change.
const HANDOFFS: [&str; 6] = ["00:00", "01:30", "02:30", "09:00", "17:45", "23:30"];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const NEED_DAYS: [&str; 4] = ["daily", "Mon-Fri", "weekends", "Fri-Mon"];
const ACTIVE: [Option<&str>; 3] = [None, Some("outside-coverage"), Some("Mon-Fri 18:00-08:00")];

#[derive(Debug, Clone)]
struct OcAgent {
    zone: &'static str,
    /// May hold the phone (when eligibility is by list or skill).
    eligible: bool,
    /// Time off: (first day counted from the day before the chain, days).
    off: Option<(i64, i64)>,
}

#[derive(Debug, Clone)]
struct OcCase {
    start: &'static str,
    weeks: u32,
    rotas: usize,
    coverage: &'static str,
    /// None: 24/7; else (days, start minute, length in hours).
    need: Option<(&'static str, u32, u32)>,
    /// (start hour, start minute, length in hours, explicit night flag)
    templates: Vec<(u32, u32, u32, Option<bool>)>,
    agents: Vec<OcAgent>,
    min_rest_hours: u32,
    /// 0: everyone, 1: `agents = [...]`, 2: `skill = "phone"`.
    eligibility: u8,
    daily: bool,
    weekday: &'static str,
    handoff: &'static str,
    /// None: the coverage zone.
    duty_zone: Option<&'static str>,
    min_gap: u32,
    nights: bool,
    credit: f64,
    active: Option<&'static str>,
    window_weeks: u32,
    weekend_credit: f64,
    /// The agent that starts owed one comp day.
    opening: Option<usize>,
    /// An agent asking for a comp day: (agent, day counted from the chain's start).
    request: Option<(usize, i64)>,
}

impl OcCase {
    fn eligible(&self) -> Vec<usize> {
        (0..self.agents.len())
            .filter(|&i| self.eligibility == 0 || self.agents[i].eligible)
            .collect()
    }

    fn duty_zone(&self) -> &'static str {
        self.duty_zone.unwrap_or(self.coverage)
    }

    fn toml(&self) -> String {
        let need = match self.need {
            None => "24/7".to_string(),
            Some((days, from, len)) => {
                let to = (from + len * 60) % 1440;
                format!("{days} {}-{}", hhmm(from), hhmm(to))
            }
        };
        let mut s = format!(
            "[horizon]\nstart = {}\nweeks = {}\n\n[coverage]\nzone = \"{}\"\nneed = [{{ at = \"{need}\", agents = 1 }}]\n\n\
             [rules]\nmin_rest_hours = {}\n\n[templates]\n",
            self.start, self.weeks, self.coverage, self.min_rest_hours
        );
        for (i, &(h, m, len, night)) in self.templates.iter().enumerate() {
            let from = h * 60 + m;
            let night = night.map(|n| format!(", night = {n}")).unwrap_or_default();
            s.push_str(&format!(
                "t{i} = {{ start = \"{}\", end = \"{}\"{night} }}\n",
                hhmm(from),
                hhmm((from + len * 60) % 1440)
            ));
        }
        s.push_str("\n[agents]\n");
        let first = date(self.start);
        for (i, a) in self.agents.iter().enumerate() {
            let mut extra = String::new();
            if self.eligibility == 2 && a.eligible {
                extra.push_str(", skills = [\"phone\"]");
            }
            if let Some((k, n)) = a.off {
                let from = first + Duration::days(k - 1);
                extra.push_str(&format!(", off = [\"{from}..{}\"]", from + Duration::days(n - 1)));
            }
            if self.opening == Some(i) {
                extra.push_str(", comp_opening = 1");
            }
            if let Some((_, k)) = self.request.filter(|r| r.0 == i) {
                extra.push_str(&format!(", comp_dates = [\"{}\"]", first + Duration::days(k)));
            }
            s.push_str(&format!("a{i} = {{ zone = \"{}\"{extra} }}\n", a.zone));
        }
        let handoff = if self.daily {
            format!("period = \"day\"\nhandoff = \"{}\"", self.handoff)
        } else {
            format!("period = \"week\"\nhandoff = \"{} {}\"", self.weekday, self.handoff)
        };
        s.push_str(&format!("\n[oncall.phone]\n{handoff}\nholders = 1\n"));
        if let Some(z) = self.duty_zone {
            s.push_str(&format!("zone = \"{z}\"\n"));
        }
        match self.eligibility {
            1 => {
                let names: Vec<String> = self.eligible().iter().map(|i| format!("\"a{i}\"")).collect();
                s.push_str(&format!("agents = [{}]\n", names.join(", ")));
            }
            2 => s.push_str("skill = \"phone\"\n"),
            _ => {}
        }
        if let Some(a) = self.active {
            s.push_str(&format!("active = \"{a}\"\n"));
        }
        s.push_str(&format!(
            "min_gap = {}\nnights = {}\ncredit = {}\n\n[comp]\nwindow_weeks = {}\nweekend_credit = {}\n",
            self.min_gap, self.nights, self.credit, self.window_weeks, self.weekend_credit
        ));
        s
    }

    /// Whether template `t` is a night shift: its flag, else at least 3 h of
    /// its wall-clock span between 22:00 and 06:00.
    fn night(&self, template: &str) -> bool {
        let i: usize = template[1..].parse().expect("template tN");
        let (h, m, len, flag) = self.templates[i];
        flag.unwrap_or_else(|| {
            let s = i64::from(h * 60 + m);
            let e = s + i64::from(len) * 60;
            [(-120, 360), (1320, 1800), (2760, 3240)]
                .iter()
                .map(|&(a, b)| (e.min(b) - s.max(a)).max(0))
                .sum::<i64>()
                >= 180
        })
    }

    /// The duty's periods starting in `[from, to)`, by this file's reading of
    /// the time rules: a skipped handoff moves to the first instant after the
    /// gap, a repeated one takes its first occurrence.
    fn periods(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let zone = tz(self.duty_zone());
        let (h, m) = self.handoff.split_once(':').expect("HH:MM");
        let clock = NaiveTime::from_hms_opt(h.parse().unwrap(), m.parse().unwrap(), 0).unwrap();
        let step = if self.daily { 1 } else { 7 };
        let first = from.with_timezone(&zone).date_naive() - Duration::days(8);
        let last = to.with_timezone(&zone).date_naive() + Duration::days(1);
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| self.daily || d.format("%a").to_string() == self.weekday)
            .map(|d| {
                (
                    resolve(zone, d.and_time(clock)),
                    resolve(zone, (d + Duration::days(step)).and_time(clock)),
                )
            })
            .filter(|(s, _)| *s >= from && *s < to)
            .collect()
    }
}

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// A local time as an instant: a skipped one moves to the first local time
/// that exists after it, an ambiguous one takes its first occurrence.
fn resolve(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut t = local;
    for _ in 0..=24 * 60 {
        match zone.from_local_datetime(&t) {
            LocalResult::Single(x) => return x.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => return a.min(b).with_timezone(&Utc),
            LocalResult::None => t += Duration::minutes(1),
        }
    }
    panic!("{local} never exists in {zone}")
}

/// `[start, end)` of local day `d` in `zone`.
fn day_span(zone: Tz, d: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        resolve(zone, d.and_time(NaiveTime::MIN)),
        resolve(zone, (d + Duration::days(1)).and_time(NaiveTime::MIN)),
    )
}

fn oc_case() -> impl Strategy<Value = OcCase> {
    let team = (
        prop::sample::select(OC_STARTS.to_vec()),
        1u32..=2,
        2usize..=3,
        prop::sample::select(OC_ZONES.to_vec()),
        prop::option::weighted(
            0.75,
            (
                prop::sample::select(NEED_DAYS.to_vec()),
                (0u32..48).prop_map(|h| h * 30),
                4u32..=16,
            ),
        ),
        prop::collection::vec(
            (
                0u32..24,
                prop::sample::select(vec![0u32, 30]),
                6u32..=10,
                prop::option::weighted(0.3, any::<bool>()),
            ),
            1..=3,
        ),
        prop::collection::vec(
            (
                prop::sample::select(OC_ZONES.to_vec()),
                any::<bool>(),
                prop::option::weighted(0.4, (0i64..42, 1i64..=3)),
            ),
            2..=6,
        ),
        prop::sample::select(vec![8u32, 11]),
    );
    let duty = (
        0u8..3,
        any::<bool>(),
        prop::sample::select(WEEKDAYS.to_vec()),
        prop::sample::select(HANDOFFS.to_vec()),
        prop::option::weighted(0.6, prop::sample::select(OC_ZONES.to_vec())),
        0u32..=1,
        any::<bool>(),
        prop::sample::select(vec![0.5f64, 1.0]),
        prop::sample::select(ACTIVE.to_vec()),
        // Sunday 02:30 in New York, the handoff of the clock changes.
        prop::bool::weighted(0.3),
    );
    let comp = (
        1u32..=4,
        prop::sample::select(vec![0.0f64, 0.5]),
        prop::option::of(0usize..6),
        prop::option::weighted(0.3, (0usize..6, 0i64..14)),
        // Time off for anyone (else only where the others can cover for it).
        prop::bool::weighted(0.3),
    );
    (team, duty, comp).prop_map(
        |(
            (start, weeks, rotas, coverage, need, templates, agents, min_rest_hours),
            (eligibility, daily, weekday, handoff, duty_zone, min_gap, nights, credit, active, ny),
            (window_weeks, weekend_credit, opening, request, any_off),
        )| {
            let mut agents: Vec<OcAgent> = agents
                .into_iter()
                .map(|(zone, eligible, off)| OcAgent { zone, eligible, off })
                .collect();
            // At least two agents may hold the phone.
            agents[0].eligible = true;
            agents[1].eligible = true;
            let n = agents.len();
            let mut case = OcCase {
                start,
                weeks,
                rotas,
                coverage,
                need,
                templates,
                agents,
                min_rest_hours,
                eligibility,
                daily,
                weekday,
                handoff,
                duty_zone,
                min_gap,
                nights,
                credit,
                active,
                window_weeks,
                weekend_credit,
                opening: opening.filter(|&a| a < n),
                request: request.filter(|r| r.0 < n),
            };
            if ny {
                case.duty_zone = Some("America/New_York");
                case.handoff = "02:30";
                case.weekday = "Sun";
            }
            // Mostly, every period can be held: time off for at most one
            // eligible agent, and only when the others can hold the periods
            // it misses without two in a row.
            let eligible = case.eligible();
            let room = eligible.len() >= 2 + case.min_gap as usize;
            let mut one = false;
            for i in eligible {
                if case.agents[i].off.is_some() {
                    if any_off || (room && !one) {
                        one = true;
                    } else {
                        case.agents[i].off = None;
                    }
                }
            }
            case
        },
    )
}

/// (agent, start, end) of a hold.
type OcHold = (String, DateTime<Utc>, DateTime<Utc>);
/// (agent, template, start, end) of a shift.
type OcShift = (String, String, DateTime<Utc>, DateTime<Utc>);

/// One rota's records, read back with `toml`.
struct OcRota {
    name: String,
    text: String,
    start: NaiveDate,
    holds: Vec<OcHold>,
    /// (start, end) of periods the plan left without a holder.
    unfilled: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    shifts: Vec<OcShift>,
    /// (agent, date, days)
    earned: Vec<(String, NaiveDate, f64)>,
    /// (agent, date)
    taken: Vec<(String, NaiveDate)>,
    /// agent → [opening, earned, taken, balance]
    ledger: Vec<(String, [f64; 4])>,
}

fn oc_num(v: &toml::Value) -> f64 {
    v.as_float()
        .or_else(|| v.as_integer().map(|i| i as f64))
        .expect("number")
}

fn read_rota(path: &Path) -> OcRota {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()));
    let arr = |table: &str, key: &str| -> Vec<toml::Value> {
        doc.get(table)
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default()
    };
    let s = |v: &toml::Value, k: &str| v[k].as_str().expect(k).to_string();
    let utc = |v: &toml::Value| toml_instant(v).with_timezone(&Utc);
    let day = |v: &toml::Value| -> NaiveDate { v.to_string().parse().expect("date") };
    OcRota {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        start: day(&doc["rota"]["start"]),
        holds: arr("oncall", "list")
            .iter()
            .map(|h| {
                assert_eq!(h["duty"].as_str(), Some("phone"), "{text}");
                (s(h, "agent"), utc(&h["start"]), utc(&h["end"]))
            })
            .collect(),
        unfilled: arr("oncall", "unfilled")
            .iter()
            .map(|u| {
                assert_eq!(u["duty"].as_str(), Some("phone"), "{text}");
                assert_eq!(
                    (u["need"].as_integer(), u["have"].as_integer()),
                    (Some(1), Some(0)),
                    "{text}"
                );
                (utc(&u["start"]), utc(&u["end"]))
            })
            .collect(),
        shifts: arr("shifts", "list")
            .iter()
            .map(|x| (s(x, "agent"), s(x, "template"), utc(&x["start"]), utc(&x["end"])))
            .collect(),
        earned: arr("comp", "earned")
            .iter()
            .map(|c| (s(c, "agent"), day(&c["date"]), oc_num(&c["days"])))
            .collect(),
        taken: arr("comp", "taken")
            .iter()
            .map(|c| (s(c, "agent"), day(&c["date"])))
            .collect(),
        ledger: arr("comp", "ledger")
            .iter()
            .map(|l| {
                (
                    s(l, "agent"),
                    ["opening", "earned", "taken", "balance"].map(|k| oc_num(&l[k])),
                )
            })
            .collect(),
        text,
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES=50 cargo test --test e2e oncall_prop  explores further.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(8),
        max_shrink_iters: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn prop_oncall_chains_keep_the_rules_and_the_books(case in oc_case()) {
        let config = case.toml();
        let team = TeamDir::new(&config);
        let dir = team.path("rotas");
        let dir_arg = dir.display().to_string();
        let names: Vec<String> = (1..=case.rotas).map(|i| format!("rotas/r{i}.toml")).collect();
        for (i, name) in names.iter().enumerate() {
            let run = if i == 0 {
                team.plan(name, &["--no-suggest"])
            } else {
                team.plan(name, &["--no-suggest", "--after", &dir_arg])
            };
            prop_assert_eq!(run.code, Some(0), "plan {} failed\n{}\n{}", name, config, run);
        }
        let rotas: Vec<OcRota> = names.iter().map(|n| read_rota(&team.path(n))).collect();
        // Each rota starts where the last one ended.
        for (k, r) in rotas.iter().enumerate() {
            let want = date(case.start) + Duration::days(7 * i64::from(case.weeks) * k as i64);
            prop_assert_eq!(r.start, want, "{} starts on the wrong day", r.name);
        }
        let all_text = || {
            rotas
                .iter()
                .map(|r| format!("--- {} ---\n{}", r.name, r.text))
                .collect::<Vec<_>>()
                .join("\n")
        };

        // check: gaps in coverage may remain, broken rules may not. The one
        // finding a plan may leave is a period without a holder, which it
        // must declare in `[oncall] unfilled` (and justify: see below).
        let mut args = vec!["check".to_string(), team.config.display().to_string()];
        args.extend(names.iter().map(|n| team.shown(n)));
        let check = sunrota(&args);
        prop_assert!(
            matches!(check.code, Some(0 | 1)) && !check.stderr.contains("panicked"),
            "check failed to run\n{}\n{}", config, check
        );
        let errors: Vec<&str> = check.stdout.lines().filter(|l| l.contains(": error[")).collect();
        prop_assert!(
            errors.iter().all(|l| l.contains(": error[oncall-missing]: ")),
            "check finds broken rules in planned rotas\n{}\n{}\n{}", config, check, all_text()
        );
        for (name, r) in names.iter().zip(&rotas) {
            let missing = errors.iter().filter(|l| l.starts_with(&format!("{}:", team.shown(name)))).count();
            prop_assert_eq!(missing, r.unfilled.len(), "check and {}'s unfilled list disagree\n{}\n{}", name, check, r.text);
        }
        prop_assert_eq!(
            check.code == Some(1),
            check.stdout.contains(": gap: ") || !errors.is_empty(),
            "check exits 1 exactly when it finds something\n{}", check
        );

        // ledger: consistent, and its totals are the files'.
        let ledger = sunrota(["ledger", team.config.to_str().unwrap(), &dir_arg, "--format", "json"]);
        prop_assert_eq!(ledger.code, Some(0), "ledger finds the books inconsistent\n{}\n{}\n{}", config, ledger, all_text());
        let doc = ledger.json();
        for a in doc["agents"].as_array().expect("agents") {
            let name = a["agent"].as_str().expect("agent").to_string();
            let i: usize = name[1..].parse().expect("aN");
            let earned: f64 = rotas.iter().flat_map(|r| &r.earned).filter(|c| c.0 == name).map(|c| c.2).sum();
            let taken = rotas.iter().flat_map(|r| &r.taken).filter(|c| c.0 == name).count() as f64;
            let held = rotas.iter().flat_map(|r| &r.holds).filter(|h| h.0 == name).count();
            let opening = if case.opening == Some(i) { 1.0 } else { 0.0 };
            prop_assert_eq!(a["earned"].as_f64(), Some(earned), "{}\n{}", name, ledger);
            prop_assert_eq!(a["taken"].as_f64(), Some(taken), "{}\n{}", name, ledger);
            prop_assert_eq!(a["oncall"].as_u64(), Some(held as u64), "{}\n{}", name, ledger);
            prop_assert_eq!(a["balance"].as_f64(), Some(opening + earned - taken), "{}\n{}", name, ledger);
        }

        // Each rota's books: opening + earned − taken = balance; each opening
        // is the previous rota's balance (or comp_opening).
        let mut balance: Vec<f64> = (0..case.agents.len())
            .map(|i| if case.opening == Some(i) { 1.0 } else { 0.0 })
            .collect();
        for r in &rotas {
            for (i, b) in balance.iter_mut().enumerate() {
                let name = format!("a{i}");
                let earned: f64 = r.earned.iter().filter(|c| c.0 == name).map(|c| c.2).sum();
                let taken = r.taken.iter().filter(|c| c.0 == name).count() as f64;
                match r.ledger.iter().find(|l| l.0 == name) {
                    Some((_, [o, e, t, bal])) => {
                        prop_assert_eq!(*o + *e - *t, *bal, "{}'s ledger line in {} does not add up\n{}", name, r.name, r.text);
                        prop_assert_eq!(*o, *b, "{}'s opening in {} is not the last balance\n{}", name, r.name, all_text());
                        prop_assert_eq!((*e, *t), (earned, taken), "{}'s ledger line in {} is not its records\n{}", name, r.name, r.text);
                        prop_assert!(*bal >= 0.0, "{} ends {} owing\n{}", name, r.name, r.text);
                        *b = *bal;
                    }
                    None => prop_assert!(
                        *b == 0.0 && earned == 0.0 && taken == 0.0,
                        "{} has no ledger line in {} but opens with {}\n{}", name, r.name, b, r.text
                    ),
                }
            }
        }

        // The holds, with the periods left unfilled, are exactly the duty's
        // periods over the chain.
        let cov = tz(case.coverage);
        let first = date(case.start);
        let end = first + Duration::days(7 * i64::from(case.weeks) * case.rotas as i64);
        let (w0, w1) = (day_span(cov, first).0, day_span(cov, end).0);
        let mut holds: Vec<OcHold> = rotas.iter().flat_map(|r| r.holds.clone()).collect();
        holds.sort_by_key(|h| h.1);
        let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = holds.iter().map(|h| (h.1, h.2)).collect();
        spans.extend(rotas.iter().flat_map(|r| r.unfilled.iter().copied()));
        spans.sort();
        prop_assert_eq!(&spans, &case.periods(w0, w1), "holds are not the periods\n{}\n{}", config, all_text());

        // A period is left without a holder only when holding costs coverage
        // (nights = false and a night template: a trade the weights decide),
        // or when no eligible agent could hold it: each has a day off in it,
        // a comp day of an earlier rota in it, or (min_gap = 1) holds a
        // period next to it.
        let holding_costs = !case.nights && (0..case.templates.len()).any(|t| case.night(&format!("t{t}")));
        let eligible = case.eligible();
        for (k, r) in rotas.iter().enumerate() {
            for &(s, e) in &r.unfilled {
                let free: Vec<String> = eligible
                    .iter()
                    .map(|a| format!("a{a}"))
                    .filter(|name| {
                        let a: usize = name[1..].parse().unwrap();
                        let zone = tz(case.agents[a].zone);
                        let touches = |d: NaiveDate| {
                            let (d0, d1) = day_span(zone, d);
                            d0 < e && d1 > s
                        };
                        let off = case.agents[a]
                            .off
                            .is_some_and(|(o, n)| (0..n).any(|i| touches(first + Duration::days(o - 1 + i))));
                        let comp = rotas[..k].iter().flat_map(|r| &r.taken).any(|(w, d)| w == name && touches(*d));
                        let next_to = case.min_gap == 1 && holds.iter().any(|h| &h.0 == name && (h.2 == s || h.1 == e));
                        !(off || comp || next_to)
                    })
                    .collect();
                prop_assert!(
                    holding_costs || free.is_empty(),
                    "{} leaves the period {} – {} without a holder though {:?} could hold it\n{}\n{}",
                    r.name, s, e, free, config, all_text()
                );
            }
        }

        // min_gap = 1: never two periods in a row.
        if case.min_gap == 1 {
            for w in holds.windows(2) {
                prop_assert!(
                    w[0].0 != w[1].0 || w[0].2 != w[1].1,
                    "{} holds two periods in a row from {}\n{}\n{}", w[0].0, w[0].1, config, all_text()
                );
            }
        }

        // nights = false: no night shift of a holder overlaps its period,
        // whichever rota the shift or the hold is in.
        let shifts: Vec<(usize, &OcShift)> =
            rotas.iter().enumerate().flat_map(|(k, r)| r.shifts.iter().map(move |x| (k, x))).collect();
        let held: Vec<(usize, &OcHold)> =
            rotas.iter().enumerate().flat_map(|(k, r)| r.holds.iter().map(move |x| (k, x))).collect();
        if !case.nights {
            for &(k, (who, s, e)) in &held {
                for &(j, sh) in shifts.iter().filter(|(_, sh)| &sh.0 == who && case.night(&sh.1)) {
                    prop_assert!(
                        !(sh.2 < *e && sh.3 > *s),
                        "{} holds the phone {} – {} ({}) and works the night shift {} {} – {} ({})\n{}\n{}",
                        who, s, e, rotas[k].name, sh.1, sh.2, sh.3, rotas[j].name, config, all_text()
                    );
                }
            }
        }

        // Comp days: a whole local day off, outside the agent's own periods,
        // whichever rota the shift or the hold is in.
        for r in &rotas {
            for (who, d) in &r.taken {
                let i: usize = who[1..].parse().expect("aN");
                let (d0, d1) = day_span(tz(case.agents[i].zone), *d);
                for &(j, sh) in shifts.iter().filter(|(_, sh)| &sh.0 == who) {
                    prop_assert!(
                        !(sh.2 < d1 && sh.3 > d0),
                        "{} takes comp day {} ({}) but works {} – {} ({})\n{}\n{}",
                        who, d, r.name, sh.2, sh.3, rotas[j].name, config, all_text()
                    );
                }
                for &(j, (_, s, e)) in held.iter().filter(|(_, h)| &h.0 == who) {
                    prop_assert!(
                        !(*s < d1 && *e > d0),
                        "{} takes comp day {} ({}) in its own period {} – {} ({})\n{}\n{}",
                        who, d, r.name, s, e, rotas[j].name, config, all_text()
                    );
                }
            }
        }
    }
}
