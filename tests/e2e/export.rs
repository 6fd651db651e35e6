//! `export ics` and `export csv` (issue 10): every calendar is read back with
//! an independent parser (the `ical` crate, not the `icalendar` crate that
//! writes it) and every CSV row with the `csv` reader, and their instants are
//! compared with the rota file's — across the US clock change of 2026-03-08
//! and for a Kathmandu (+05:45) agent.

use crate::util::*;
use std::collections::BTreeMap;

/// Two weeks over the US clock change: ana and bo in New York, ram in Kathmandu,
/// a weekly phone handed over Monday 09:00 New York time, a comp day.
pub(crate) const TEAM: &str = r#"[horizon]
start = 2026-03-02
weeks = 2

[coverage]
zone = "UTC"
need = [{ at = "Mon-Fri 04:00-10:00", agents = 1 }, { at = "Mon-Fri 14:00-19:00", agents = 1 }]

[templates]
ktm = { start = "09:00", end = "17:00" }
ny = { start = "09:00", end = "17:00" }

[agents]
ana = { zone = "America/New_York", templates = ["ny"], comp_opening = 1, comp_dates = ["2026-03-06"] }
bo = { zone = "America/New_York", templates = ["ny"] }
ram = { zone = "Asia/Kathmandu", templates = ["ktm"] }

[oncall.phone]
period = "week"
handoff = "Mon 09:00"
zone = "America/New_York"
credit = 1
"#;

fn planned() -> (TeamDir, RotaFile) {
    let team = TeamDir::new(TEAM);
    team.plan("rota.toml", &["--no-suggest"]).expect_code(0);
    let rota = team.rota("rota.toml");
    (team, rota)
}

/// `sunrota export ARGS...` with SOURCE_DATE_EPOCH set to `epoch`.
fn export(args: &[&OsStr], epoch: i64) -> Run {
    let mut all: Vec<&OsStr> = vec![OsStr::new("export")];
    all.extend_from_slice(args);
    Cmd::new(all).env("SOURCE_DATE_EPOCH", epoch.to_string()).run()
}

fn ics(team: &TeamDir, rota: &str, dir: &str, epoch: i64, extra: &[&str]) -> Run {
    let (r, d) = (team.path(rota), team.path(dir));
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("ics"),
        team.config.as_os_str(),
        r.as_os_str(),
        OsStr::new("-o"),
        d.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    export(&args, epoch)
}

/// One VEVENT as the independent parser reads it.
#[derive(Debug, Clone, PartialEq)]
struct Ev {
    uid: String,
    summary: String,
    start: String,
    end: String,
    sequence: u32,
    stamp: String,
}

impl Ev {
    fn instants(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let at = |s: &str| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ")
                .unwrap_or_else(|e| panic!("`{s}` is not a UTC DATE-TIME: {e}"))
                .and_utc()
        };
        (at(&self.start), at(&self.end))
    }
}

/// Every event of an .ics file, parsed with the `ical` crate.
fn read_ics(path: &Path) -> Vec<Ev> {
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("calendar file"));
    let mut cals = ical::IcalParser::new(file);
    let cal = cals.next().expect("one calendar").expect("valid iCalendar");
    assert!(cals.next().is_none(), "one VCALENDAR per file");
    cal.events
        .iter()
        .map(|e| {
            let prop = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_else(|| panic!("event without {name}: {e:?}"))
            };
            Ev {
                uid: prop("UID"),
                summary: prop("SUMMARY"),
                start: prop("DTSTART"),
                end: prop("DTEND"),
                sequence: prop("SEQUENCE").parse().expect("SEQUENCE is a number"),
                stamp: prop("DTSTAMP"),
            }
        })
        .collect()
}

/// The `[oncall] list` of a rota file: (agent, start, end) in UTC.
fn holds(rota: &RotaFile) -> Vec<(String, DateTime<Utc>, DateTime<Utc>)> {
    let doc: toml::Table = rota.text.parse().expect("rota TOML");
    doc.get("oncall")
        .and_then(|o| o["list"].as_array())
        .map(|list| {
            list.iter()
                .map(|h| {
                    (
                        h["agent"].as_str().expect("agent").to_string(),
                        toml_instant(&h["start"]).with_timezone(&Utc),
                        toml_instant(&h["end"]).with_timezone(&Utc),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The comp days taken in a rota file: (agent, date).
fn taken(rota: &RotaFile) -> Vec<(String, String)> {
    let doc: toml::Table = rota.text.parse().expect("rota TOML");
    doc.get("comp")
        .and_then(|c| c.get("taken"))
        .and_then(|t| t.as_array())
        .map(|list| {
            list.iter()
                .map(|c| (c["agent"].as_str().unwrap().to_string(), c["date"].to_string()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn ics_events_are_the_rotas_instants_across_dst_and_plus_0545() {
    let (team, rota) = planned();
    ics(&team, "rota.toml", "cal", 1_800_000_000, &[]).expect_code(0);
    let mut files: Vec<String> = std::fs::read_dir(team.path("cal"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["ana.ics", "bo.ics", "oncall-phone.ics", "ram.ics"]);

    for agent in ["ana", "bo", "ram"] {
        let events = read_ics(&team.path(&format!("cal/{agent}.ics")));
        let mut shifts: Vec<_> = events
            .iter()
            .filter(|e| e.summary.ends_with("shift"))
            .map(Ev::instants)
            .collect();
        let mut want: Vec<_> = rota
            .shifts
            .iter()
            .filter(|s| s.agent == agent)
            .map(|s| (s.start.with_timezone(&Utc), s.end.with_timezone(&Utc)))
            .collect();
        shifts.sort();
        want.sort();
        assert!(!want.is_empty());
        assert_eq!(shifts, want, "{agent}'s shift events are the rota's instants");
        let mut on_call: Vec<_> = events
            .iter()
            .filter(|e| e.summary == "On call: phone")
            .map(Ev::instants)
            .collect();
        let mut held: Vec<_> = holds(&rota)
            .into_iter()
            .filter(|h| h.0 == agent)
            .map(|h| (h.1, h.2))
            .collect();
        on_call.sort();
        held.sort();
        assert_eq!(on_call, held, "{agent}'s on-call events are the rota's holds");
        let uids: BTreeSet<&str> = events.iter().map(|e| e.uid.as_str()).collect();
        assert_eq!(uids.len(), events.len(), "UIDs are unique");
    }
    // Kathmandu 09:00 is 03:15 UTC, every day.
    let ram = read_ics(&team.path("cal/ram.ics"));
    assert!(ram
        .iter()
        .filter(|e| e.summary.ends_with("shift"))
        .all(|e| e.start.ends_with("T031500Z") && e.end.ends_with("T111500Z")));
    // The phone changes hands at 09:00 New York time: 14:00 UTC before the
    // clock change, 13:00 UTC after it — a 167-hour first week.
    let duty = read_ics(&team.path("cal/oncall-phone.ics"));
    let mut weeks: Vec<_> = duty.iter().map(Ev::instants).collect();
    weeks.sort();
    assert_eq!(weeks.len(), holds(&rota).len());
    assert_eq!(weeks[0].0.to_rfc3339(), "2026-03-02T14:00:00+00:00");
    assert_eq!(weeks[0].1.to_rfc3339(), "2026-03-09T13:00:00+00:00");
    // The comp day ana asked for is an all-day event on that date.
    assert!(
        taken(&rota).contains(&("ana".into(), "2026-03-06".into())),
        "{}",
        rota.text
    );
    let ana = read_ics(&team.path("cal/ana.ics"));
    let comp: Vec<&Ev> = ana.iter().filter(|e| e.summary == "Comp day").collect();
    assert_eq!(comp.len(), 1);
    assert_eq!((comp[0].start.as_str(), comp[0].end.as_str()), ("20260306", "20260307"));
}

#[test]
fn ics_uids_are_stable_and_an_edit_changes_only_its_event() {
    let (team, rota) = planned();
    ics(&team, "rota.toml", "a", 1_800_000_000, &[]).expect_code(0);
    ics(&team, "rota.toml", "b", 1_800_000_100, &[]).expect_code(0);
    let uids = |dir: &str| -> Vec<String> {
        read_ics(&team.path(&format!("{dir}/ana.ics")))
            .into_iter()
            .map(|e| e.uid)
            .collect()
    };
    assert_eq!(uids("a"), uids("b"), "the same rota gives the same UIDs");

    // Re-exporting the same rota into the same directory changes nothing,
    // not even DTSTAMP: unchanged events keep their SEQUENCE and stamp.
    let before = std::fs::read_to_string(team.path("a/ana.ics")).unwrap();
    ics(&team, "rota.toml", "a", 1_800_000_200, &[]).expect_code(0);
    assert_eq!(std::fs::read_to_string(team.path("a/ana.ics")).unwrap(), before);

    // Move ana's first shift one hour later and drop her second.
    let ana: Vec<&ShiftRow> = rota.shifts.iter().filter(|s| s.agent == "ana").collect();
    let (tue, wed) = (ana[0].clone(), ana[1].line);
    let later = |t: &DateTime<FixedOffset>| (*t + Duration::hours(1)).to_rfc3339();
    let moved = line("ana", "ny", &later(&tue.start), &later(&tue.end));
    let edited: String = rota
        .edit_line(tue.line, Some(&moved))
        .lines()
        .enumerate()
        .filter(|(i, _)| i + 1 != wed)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    team.write("edited.toml", &edited);
    let old = read_ics(&team.path("a/ana.ics"));
    ics(&team, "edited.toml", "a", 1_800_000_300, &[]).expect_code(0);
    let new = read_ics(&team.path("a/ana.ics"));
    assert_eq!(new.len(), old.len() - 1, "the removed shift is no longer in the file");
    let changed: Vec<&Ev> = new.iter().filter(|e| !old.contains(e)).collect();
    assert_eq!(changed.len(), 1, "only the moved shift's event changed: {changed:?}");
    let was = old
        .iter()
        .find(|e| e.uid == changed[0].uid)
        .expect("same UID: an update");
    assert_eq!(changed[0].sequence, was.sequence + 1);
    assert_eq!(changed[0].stamp, "20270115T080500Z", "DTSTAMP of this export");
    assert_eq!(
        changed[0].instants().0,
        tue.start.with_timezone(&Utc) + Duration::hours(1)
    );
}

#[test]
fn ics_never_replaces_a_file_it_did_not_write() {
    let (team, _) = planned();
    team.write("cal/ana.ics", "my own calendar\n");
    let run = ics(&team, "rota.toml", "cal", 1_800_000_000, &[]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("not an earlier sunrota export") && run.stderr.contains("--force"),
        "{run}"
    );
    assert_eq!(
        std::fs::read_to_string(team.path("cal/ana.ics")).unwrap(),
        "my own calendar\n"
    );
    assert!(
        !team.path("cal/ram.ics").exists(),
        "nothing is written when one file is refused"
    );
    ics(&team, "rota.toml", "cal", 1_800_000_000, &["--force"]).expect_code(0);
    assert!(!read_ics(&team.path("cal/ana.ics")).is_empty());
    // An output path that is a file is refused.
    team.write("plain", "x");
    let run = ics(&team, "rota.toml", "plain", 1_800_000_000, &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("is a file, not a directory"), "{run}");
}

fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = r.headers().expect("header").iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("CSV row");
            head.iter().cloned().zip(rec.iter().map(String::from)).collect()
        })
        .collect()
}

#[test]
fn csv_round_trip_gives_the_rotas_instants() {
    let (team, rota) = planned();
    let (r, c) = (team.path("rota.toml"), team.config.clone());
    let run = export(&[OsStr::new("csv"), c.as_os_str(), r.as_os_str()], 0);
    run.expect_code(0);
    let rows = csv_rows(&run.stdout);
    assert_eq!(rows.len(), rota.shifts.len());
    for (row, s) in rows.iter().zip(&rota.shifts) {
        assert_eq!(row["agent"], s.agent);
        let utc = |k: &str| json_instant(&Json::String(row[k].clone()));
        assert_eq!(
            (utc("utc_start"), utc("utc_end")),
            (s.start.with_timezone(&Utc), s.end.with_timezone(&Utc))
        );
        assert_eq!(
            (utc("local_start"), utc("local_end")),
            (utc("utc_start"), utc("utc_end"))
        );
        let offset = if s.agent == "ram" {
            "+05:45"
        } else {
            &s.start_text[19..]
        };
        assert!(row["local_start"].ends_with(offset), "{row:?}");
        assert_eq!(row["hours"], "8.0");
        assert_eq!(row["weekend"], "false");
    }
    // After 2026-03-08 New York is at -04:00.
    assert!(rows
        .iter()
        .any(|r| r["agent"] == "ana" && r["local_start"].ends_with("-04:00")));
    assert!(rows
        .iter()
        .any(|r| r["agent"] == "ana" && r["local_start"].ends_with("-05:00")));

    // --summary: one row per agent, hours and on-call periods add up.
    let out = team.path("summary.csv");
    let args = [
        OsStr::new("csv"),
        c.as_os_str(),
        r.as_os_str(),
        OsStr::new("--summary"),
        OsStr::new("-o"),
        out.as_os_str(),
    ];
    export(&args, 0).expect_code(0);
    let rows = csv_rows(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(
        rows.iter().map(|r| r["agent"].as_str()).collect::<Vec<_>>(),
        ["ana", "bo", "ram"]
    );
    let hours: f64 = rows.iter().map(|r| r["hours"].parse::<f64>().unwrap()).sum();
    assert!((hours - 8.0 * rota.shifts.len() as f64).abs() < 1e-9);
    let periods: usize = rows.iter().map(|r| r["oncall"].parse::<usize>().unwrap()).sum();
    assert_eq!(periods, holds(&rota).len());
    // The same file again is fine; a different one is refused without --force.
    export(&args, 0).expect_code(0);
    std::fs::write(&out, "payroll edits\n").unwrap();
    let run = export(&args, 0);
    run.expect_code(2);
    assert!(run.stderr.contains("exists and differs; not replacing it"), "{run}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "payroll edits\n");
    // Never onto an input, not even with --force.
    let config_text = std::fs::read_to_string(&c).unwrap();
    let onto = [
        OsStr::new("csv"),
        c.as_os_str(),
        r.as_os_str(),
        OsStr::new("-o"),
        c.as_os_str(),
        OsStr::new("--force"),
    ];
    let run = export(&onto, 0);
    run.expect_code(2);
    assert!(run.stderr.contains("is an input of this command"), "{run}");
    assert_eq!(std::fs::read_to_string(&c).unwrap(), config_text);
}
