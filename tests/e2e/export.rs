//! `export ics` and `export csv` (issue 10): every calendar is read back with
//! an independent parser (the `ical` crate, not the `icalendar` crate that
//! writes it) and every CSV row with the `csv` reader, and their instants are
//! compared with the rota file's — across the US clock change of 2026-03-08
//! and for a Kathmandu (+05:45) agent.

use crate::util::*;
use std::collections::BTreeMap;

/// Two weeks over the US clock change: ana and bo in New York, ram in Kathmandu,
/// a weekly phone handed over Monday 09:00 New York time, a comp day.
pub(crate) fn team() -> TeamDir {
    let ny = "America/New_York";
    Team::new()
        .weeks(2)
        .need("Mon-Fri 04:00-10:00", 1)
        .need("Mon-Fri 14:00-19:00", 1)
        .template("ktm", "09:00", "17:00")
        .template("ny", "09:00", "17:00")
        .agent("ana", ny)
        .templates(&["ny"])
        .field("comp_opening", "1")
        .field("comp_dates", "[\"2026-03-06\"]")
        .agent("bo", ny)
        .templates(&["ny"])
        .agent("ram", "Asia/Kathmandu")
        .templates(&["ktm"])
        .oncall(
            "phone",
            "Mon 09:00",
            &["period = \"week\"", "zone = \"America/New_York\"", "credit = 1"],
        )
        .dir()
}

fn planned() -> (TeamDir, RotaFile) {
    let team = team();
    team.plan("rota.toml", &["--no-suggest"]).expect_code(0);
    let rota = team.rota("rota.toml");
    (team, rota)
}

/// `sunrota export ARGS...` with `SOURCE_DATE_EPOCH` set to `epoch`.
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

// ---------------------------------------------------------------------------
// Review tests of issue 10 (formerly tests/share.rs): hand-written rotas whose
// instants were worked out by hand (`crate::hand_rotas`).
// ---------------------------------------------------------------------------

use crate::hand_rotas::*;

#[test]
fn csv_local_and_utc_instants_and_hours_are_exact_across_clock_changes() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    let out = d.cmd(&["export", "csv"], &[]);
    out.expect_code(0);
    let rows = csv_records(&out.stdout);
    assert_eq!(rows.len(), CLOCKS_EXPECTED.len(), "{}", out.stdout);
    for (agent, date, ls, le, us, ue, hours) in CLOCKS_EXPECTED {
        let row = rows
            .iter()
            .find(|r| r["agent"] == agent && r["local_date"] == date)
            .unwrap_or_else(|| panic!("no row for {agent} {date}:\n{}", out.stdout));
        assert_eq!(
            (
                row["local_start"].as_str(),
                row["local_end"].as_str(),
                row["utc_start"].as_str(),
                row["utc_end"].as_str(),
                row["hours"].as_str()
            ),
            (ls, le, us, ue, hours),
            "{agent} {date}"
        );
        // Local and UTC columns are the same instants.
        let p = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        assert_eq!(p(ls), p(us));
        assert_eq!(p(le), p(ue));
    }
    let night =
        |a: &str, d: &str| rows.iter().find(|r| r["agent"] == a && r["local_date"] == d).unwrap()["night"].clone();
    assert_eq!(night("ann", "2026-03-28"), "true");
    assert_eq!(night("ram", "2026-03-24"), "false");
    // The same through `show --format csv`.
    let show = d.cmd(&["show"], &["--format", "csv"]);
    show.expect_code(0);
    assert_eq!(show.stdout, out.stdout);
}

#[test]
fn ics_instants_are_utc_and_exact_across_clock_changes() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    d.ics("cal", "1800000000", &[]).expect_code(0);
    assert_eq!(
        files_in(&d.path("cal")),
        ["ann.ics", "kiri.ics", "ned.ics", "ram.ics"].map(String::from).into()
    );
    let ics_time = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .to_utc()
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    for agent in ["ann", "ned", "ram", "kiri"] {
        let (head, events) = parse_ics(&d.path("cal").join(format!("{agent}.ics")));
        assert_eq!(
            head["X-SUNROTA-TEAM"], "",
            "an unnamed team: no name, whatever the file is called"
        );
        let mut got: Vec<(String, String)> = events
            .iter()
            .map(|e| (e["DTSTART"].clone(), e["DTEND"].clone()))
            .collect();
        let mut want: Vec<(String, String)> = CLOCKS_EXPECTED
            .iter()
            .filter(|e| e.0 == agent)
            .map(|e| (ics_time(e.4), ics_time(e.5)))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{agent}");
        for e in &events {
            assert_eq!(e["DTSTAMP"], "20270115T080000Z");
            assert_eq!(e["SEQUENCE"], "0");
        }
    }
}

#[test]
fn csv_quotes_names_with_commas_quotes_and_unicode() {
    let d = Dir::new("names", NAMES, &names_rota());
    let out = d.cmd(&["export", "csv"], &[]);
    out.expect_code(0);
    let agents: BTreeSet<String> = csv_records(&out.stdout)
        .into_iter()
        .map(|r| r["agent"].clone())
        .collect();
    let want: BTreeSet<String> = [ZOE, "a b", "a_b", "रवि", "अजय", "oncall-x"].map(String::from).into();
    assert_eq!(agents, want);
    let sum = d.cmd(&["export", "csv"], &["--summary"]);
    sum.expect_code(0);
    let rows = csv_records(&sum.stdout);
    let zoe = rows.iter().find(|r| r["agent"] == ZOE).expect("Zoë's summary row");
    assert_eq!(zoe["oncall"], "1");
    assert_eq!(zoe["shifts"], "1");
}

#[test]
fn ics_file_names_never_collide_and_lines_are_folded_on_octets() {
    let d = Dir::new("names", NAMES, &names_rota());
    let out = d.ics("cal", "1800000000", &[]);
    out.expect_code(0);
    let files = files_in(&d.path("cal"));
    // Six agents and one duty: seven distinct files, though "a b"/"a_b",
    // the two Devanagari names and agent "oncall-x"/duty "x" clean alike.
    assert_eq!(files.len(), 7, "{files:?}");
    let mut owners = BTreeMap::new();
    for f in &files {
        let path = d.path("cal").join(f);
        let raw = std::fs::read(&path).unwrap();
        let text = String::from_utf8(raw).unwrap_or_else(|_| panic!("{f}: folding split a UTF-8 character"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{f}: line of {} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'), "{f}: bare line break");
        }
        let (head, events) = parse_ics(&path);
        let cal = unescape_text(&head["X-WR-CALNAME"]).expect("X-WR-CALNAME is valid TEXT");
        owners.insert(cal, events.len());
        for e in &events {
            for k in ["SUMMARY", "DESCRIPTION"] {
                assert!(unescape_text(&e[k]).is_some(), "{f}: {k} `{}` is not valid TEXT", e[k]);
            }
        }
    }
    let zoe_cal = owners
        .keys()
        .find(|k| k.starts_with(ZOE))
        .expect("Zoë's calendar title, unescaped");
    assert_eq!(owners[zoe_cal], 2, "one shift and one on-call hold");
    // Zoë's description names her exactly.
    let zoe_file = files.iter().find(|f| f.starts_with("Zo")).unwrap();
    let (_, events) = parse_ics(&d.path("cal").join(zoe_file));
    let shift = events.iter().find(|e| e["SUMMARY"] == "day shift").unwrap();
    assert_eq!(
        unescape_text(&shift["DESCRIPTION"]).unwrap(),
        format!("{ZOE}: day shift, Mon 2026-03-02 09:00 +00:00 to Mon 2026-03-02 17:00 +00:00 Europe/London time")
    );
}

#[test]
fn ics_calendar_name_is_escaped_text() {
    let d = Dir::new("names", NAMES, &names_rota());
    d.ics("cal", "1800000000", &[]).expect_code(0);
    for f in files_in(&d.path("cal")) {
        let (head, _) = parse_ics(&d.path("cal").join(&f));
        let name = &head["NAME"];
        assert!(
            unescape_text(name).is_some(),
            "{f}: NAME:{name} is not valid TEXT (X-WR-CALNAME:{} is)",
            head["X-WR-CALNAME"]
        );
    }
}

#[test]
fn html_report_escapes_names_and_fetches_nothing() {
    let d = Dir::new("names", NAMES, &names_rota());
    let html = d.path("r.html");
    d.cmd(&["report"], &["-o", &Dir::s(&html)]).expect_code(0);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(!text.to_lowercase().contains("<script"), "a name became markup");
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for attr in ["src=", "href=", "@import", "url("] {
        assert!(!text.contains(attr), "report fetches something: {attr}");
    }
}

#[test]
fn ics_reexport_after_edits_bumps_only_changed_events() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    d.ics("cal", "1800000000", &[]).expect_code(0);
    let dir = d.path("cal");
    let before: BTreeMap<String, BTreeMap<String, String>> = files_in(&dir)
        .into_iter()
        .map(|f| (f.clone(), event_blocks(&dir.join(&f))))
        .collect();
    assert_eq!(before.len(), 7);

    // Same rota, later export time: byte-identical files.
    let snapshot: BTreeMap<String, Vec<u8>> = files_in(&dir)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
        .collect();
    d.ics("cal", "1800050000", &[]).expect_code(0);
    for (f, bytes) in &snapshot {
        assert_eq!(
            &std::fs::read(dir.join(f)).unwrap(),
            bytes,
            "{f} changed without an edit"
        );
    }

    // Edit: aoife's Tue 01-05 shift goes to lukas, maria's Wed 01-06 shift is
    // removed, and week 2's phone goes from lukas to wei.
    let rota = std::fs::read_to_string(&d.rota).unwrap();
    let edited: String = rota
        .lines()
        .filter(|l| !l.contains(r#"agent = "maria", template = "amer", start = 2027-01-06"#))
        .map(|l| {
            l.replace(
                r#"agent = "aoife", template = "emea", start = 2027-01-05"#,
                r#"agent = "lukas", template = "emea", start = 2027-01-05"#,
            )
            .replace(
                r#"{ duty = "phone", agent = "lukas", start = 2027-01-11"#,
                r#"{ duty = "phone", agent = "wei", start = 2027-01-11"#,
            )
        })
        .map(|l| l + "\n")
        .collect();
    assert_ne!(edited, rota);
    std::fs::write(&d.rota, &edited).unwrap();
    d.ics("cal", "1800100000", &[]).expect_code(0);
    let after: BTreeMap<String, BTreeMap<String, String>> = files_in(&dir)
        .into_iter()
        .map(|f| (f.clone(), event_blocks(&dir.join(&f))))
        .collect();
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());

    let new_stamp = "DTSTAMP:20270116T114640Z";
    let mut changed = Vec::new();
    for (f, evs) in &after {
        let old = &before[f];
        for (uid, block) in evs {
            match old.get(uid) {
                Some(o) if o == block => {}
                Some(o) => {
                    assert!(
                        o.contains("SEQUENCE:0\r\n") && block.contains("SEQUENCE:1\r\n"),
                        "{uid}: {block}"
                    );
                    assert!(
                        block.contains(new_stamp),
                        "{uid}: a changed event takes this export's DTSTAMP"
                    );
                    changed.push(format!(
                        "{f} ~ {}",
                        uid.split('@').next().unwrap().rsplit_once('-').unwrap().0
                    ));
                }
                None => {
                    assert!(
                        block.contains("SEQUENCE:0\r\n") && block.contains(new_stamp),
                        "{uid}: {block}"
                    );
                    changed.push(format!(
                        "{f} + {}",
                        uid.split('@').next().unwrap().rsplit_once('-').unwrap().0
                    ));
                }
            }
        }
        for uid in old.keys().filter(|u| !evs.contains_key(*u)) {
            changed.push(format!(
                "{f} - {}",
                uid.split('@').next().unwrap().rsplit_once('-').unwrap().0
            ));
        }
    }
    changed.sort();
    assert_eq!(
        changed,
        [
            "aoife.ics - 2027-01-05-shift-aoife",
            "lukas.ics + 2027-01-05-shift-lukas",
            "lukas.ics - 2027-01-11-oncall-phone-lukas",
            "maria.ics - 2027-01-06-shift-maria",
            "oncall-phone.ics ~ 2027-01-11-oncall-phone_0",
            "wei.ics + 2027-01-11-oncall-phone-wei",
        ]
    );
}

#[test]
fn ics_uids_are_unique_within_a_calendar() {
    let config = Team::new()
        .need("Mon 08:00-12:00", 1)
        .rule("min_rest_hours", 1)
        .template("am", "08:00", "12:00")
        .template("pm", "14:00", "18:00")
        .agent("ana", "UTC")
        .toml();
    let rota = r#"[rota]
start = 2026-03-02
weeks = 1
zone = "UTC"
[summary]
status = "optimal"
objective = 0.0
best_bound = 0.0
gap_percent = 0.0
uncovered_agent_minutes = 0
gaps = []
[shifts]
list = [
  { agent = "ana", template = "am", start = 2026-03-02T08:00:00+00:00, end = 2026-03-02T12:00:00+00:00 },
  { agent = "ana", template = "pm", start = 2026-03-02T14:00:00+00:00, end = 2026-03-02T18:00:00+00:00 },
]
"#;
    let d = Dir::new("two", &config, rota);
    // The rota breaks one-shift-per-day; exporting it must either refuse
    // (exit 2) or give each event its own UID, never silently merge them.
    let out = d.ics("cal", "1800000000", &[]);
    if out.code == Some(2) {
        return;
    }
    out.expect_code(0);
    let (_, events) = parse_ics(&d.path("cal").join("ana.ics"));
    let uids: BTreeSet<_> = events.iter().map(|e| e["UID"].clone()).collect();
    assert_eq!(uids.len(), events.len(), "duplicate UIDs: {events:?}");
}

#[test]
fn source_date_epoch_garbage_is_exit_2_and_writes_no_calendar() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    for bad in ["abc", "", "1.5", "99999999999999"] {
        let out = d.ics("cal", bad, &[]);
        out.expect_code(2);
        assert!(out.stderr.contains("SOURCE_DATE_EPOCH"), "{}", out.stderr);
        assert!(
            files_in(&d.path("cal")).is_empty(),
            "calendars written with SOURCE_DATE_EPOCH={bad:?}"
        );
    }
}

#[test]
fn source_date_epoch_garbage_creates_no_directory() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    d.ics("cal", "abc", &[]).expect_code(2);
    assert!(!d.path("cal").exists(), "an empty cal/ was left behind");
}

#[test]
fn week_csv_and_totals_count_each_shift_once() {
    let d = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    let full = d.cmd(&["show"], &["--format", "csv"]);
    full.expect_code(0);
    let all = csv_records(&full.stdout);
    let mut weekly = Vec::new();
    let mut shifts_by_agent: BTreeMap<String, u64> = BTreeMap::new();
    for w in 1..=4 {
        let out = d.cmd(&["show"], &["--format", "csv", "--week", &w.to_string()]);
        out.expect_code(0);
        weekly.extend(csv_records(&out.stdout));
        let json = d.cmd(&["show"], &["--format", "json", "--week", &w.to_string()]);
        let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        for a in doc["agents"].as_array().unwrap() {
            *shifts_by_agent.entry(a["agent"].as_str().unwrap().into()).or_default() += a["shifts"].as_u64().unwrap();
        }
    }
    assert_eq!(
        weekly.len(),
        all.len(),
        "weeks 1-4 give {} rows, the rota has {}",
        weekly.len(),
        all.len()
    );
    let doc: serde_json::Value = serde_json::from_str(&d.cmd(&["show"], &["--format", "json"]).stdout).unwrap();
    for a in doc["agents"].as_array().unwrap() {
        let name = a["agent"].as_str().unwrap();
        assert_eq!(
            shifts_by_agent[name],
            a["shifts"].as_u64().unwrap(),
            "{name}: weekly shift totals"
        );
    }
}

#[test]
fn csv_onto_a_directory_hints_a_csv_name() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    std::fs::create_dir(d.path("adir")).unwrap();
    let out = d.cmd(&["export", "csv"], &["-o", &Dir::s(&d.path("adir"))]);
    out.expect_code(2);
    assert!(!out.stderr.contains("report.html"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------
// Issue 21: one calendar feed per agent across months. The committed
// phone-team rotas (2027-01..03) in a copy of the repository's layout.
// ---------------------------------------------------------------------------

/// `examples/phone-team.toml` and `schedules/phone-team/2027-0{1,2,3}.toml`
/// copied into a temporary directory (the config's `[rota] dir` resolves).
struct Months {
    tmp: TempDir,
}

impl Months {
    fn new() -> Months {
        let tmp = tempfile::tempdir().expect("temp dir");
        let copy = |from: &str| {
            let to = tmp.path().join(from);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(Path::new(ROOT).join(from), to).unwrap();
        };
        copy("examples/phone-team.toml");
        for m in ["01", "02", "03"] {
            copy(&format!("schedules/phone-team/2027-{m}.toml"));
        }
        Months { tmp }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// `export ics CONFIG [ROTA] -o DIR EXTRA...` at time `epoch`, with
    /// `config` (under examples/) and `rota` (a month under schedules/phone-team, or a path).
    fn ics(&self, config: &str, rota: Option<&str>, dir: &str, epoch: i64, extra: &[&str]) -> Run {
        let mut args = vec![
            "export".to_string(),
            "ics".into(),
            Dir::s(&self.path(&format!("examples/{config}"))),
        ];
        if let Some(r) = rota {
            let month = self.path(&format!("schedules/phone-team/{r}.toml"));
            args.push(Dir::s(if month.exists() { &month } else { Path::new(r) }));
        }
        args.extend(["-o".into(), Dir::s(&self.path(dir))]);
        args.extend(extra.iter().map(ToString::to_string));
        crate::hand_rotas::run_env(&args, &[("SOURCE_DATE_EPOCH", &epoch.to_string())])
    }

    /// Every file of a calendar folder, by name.
    fn files(&self, dir: &str) -> BTreeMap<String, String> {
        files_in(&self.path(dir))
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(self.path(dir).join(&f)).unwrap();
                (f, text)
            })
            .collect()
    }
}

/// The VEVENT blocks of a calendar's text, as written.
fn blocks_of(text: &str) -> Vec<String> {
    text.split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|b| {
            format!(
                "BEGIN:VEVENT\r\n{}",
                b.split_inclusive("END:VEVENT\r\n").next().unwrap()
            )
        })
        .collect()
}

#[test]
fn ics_two_months_into_one_folder_keep_both_byte_for_byte() {
    let m = Months::new();
    m.ics("phone-team.toml", Some("2027-01"), "jan", 1_800_000_000, &[])
        .expect_code(0);
    m.ics("phone-team.toml", Some("2027-02"), "feb", 1_800_000_000, &[])
        .expect_code(0);
    m.ics("phone-team.toml", Some("2027-01"), "cal", 1_800_000_000, &[])
        .expect_code(0);
    // February a day later, into the folder holding January's calendars.
    let run = m.ics("phone-team.toml", Some("2027-02"), "cal", 1_800_086_400, &[]);
    run.expect_code(0);
    let (jan, feb, cal) = (m.files("jan"), m.files("feb"), m.files("cal"));
    assert_eq!(cal.len(), 7);
    let (mut total, mut kept) = (0, 0);
    for (name, text) in &cal {
        let both = blocks_of(text);
        // January's events untouched (same SEQUENCE and DTSTAMP), February's all there.
        for b in blocks_of(&jan[name]) {
            assert!(both.contains(&b), "{name}: January's event lost or changed:\n{b}");
            kept += 1;
        }
        let feb_events = read_ics(&m.path("feb").join(name));
        let merged = read_ics(&m.path("cal").join(name));
        for e in &feb_events {
            let got = merged.iter().find(|g| g.uid == e.uid).expect("February's event");
            assert_eq!((&got.start, &got.end, &got.summary), (&e.start, &e.end, &e.summary));
        }
        assert_eq!(merged.len(), blocks_of(&jan[name]).len() + feb_events.len(), "{name}");
        let uids: BTreeSet<&str> = merged.iter().map(|e| e.uid.as_str()).collect();
        assert_eq!(uids.len(), merged.len(), "{name}: no event twice");
        // In order: by start.
        let starts: Vec<&str> = merged.iter().map(|e| e.start.as_str()).collect();
        assert!(starts.windows(2).all(|w| w[0][..8] <= w[1][..8]), "{name}: {starts:?}");
        total += merged.len();
        assert_eq!(text.matches("BEGIN:VCALENDAR").count(), 1);
        assert_eq!(
            feb[name].lines().take(9).collect::<Vec<_>>(),
            text.lines().take(9).collect::<Vec<_>>()
        );
    }
    assert!(kept > 0 && total > kept);
    assert!(
        run.stdout.contains(&format!(
            "7 calendar(s), {total} event(s) written to {}: {} from 2027-02-01..2027-03-01, {kept} kept from other periods",
            m.path("cal").display(),
            total - kept
        )),
        "{run}"
    );
    // The same folder in the other order, at the same time: the same bytes.
    m.ics("phone-team.toml", Some("2027-02"), "rev", 1_800_086_400, &[])
        .expect_code(0);
    m.ics("phone-team.toml", Some("2027-01"), "rev", 1_800_000_000, &[])
        .expect_code(0);
    m.ics("phone-team.toml", Some("2027-02"), "rev", 1_800_086_400, &[])
        .expect_code(0);
    assert_eq!(m.files("rev"), cal);
}

#[test]
fn ics_reexport_of_an_unchanged_month_is_byte_identical() {
    let m = Months::new();
    for month in ["2027-01", "2027-02", "2027-03"] {
        m.ics("phone-team.toml", Some(month), "cal", 1_800_000_000, &[])
            .expect_code(0);
    }
    let before = m.files("cal");
    m.ics("phone-team.toml", Some("2027-02"), "cal", 1_900_000_000, &[])
        .expect_code(0);
    assert_eq!(m.files("cal"), before, "February again changed the calendars");
    // The whole directory at once, or the config's [rota] dir, gives the same.
    m.ics("phone-team.toml", Some("2027-01"), "cal", 1_900_000_000, &[])
        .expect_code(0);
    m.ics(
        "phone-team.toml",
        Some(&Dir::s(&m.path("schedules/phone-team"))),
        "all",
        1_800_000_000,
        &[],
    )
    .expect_code(0)
    .stdout_has("from 3 rotas 2027-01-04..2027-03-29, 0 kept");
    assert_eq!(m.files("all"), before);
    m.ics("phone-team.toml", None, "dflt", 1_800_000_000, &[])
        .expect_code(0);
    assert_eq!(m.files("dflt"), before);
    m.ics("phone-team.toml", None, "cal", 1_900_000_000, &[]).expect_code(0);
    assert_eq!(m.files("cal"), before);
}

#[test]
fn ics_uids_come_from_the_team_name_not_the_config_file() {
    let m = Months::new();
    std::fs::copy(m.path("examples/phone-team.toml"), m.path("examples/renamed copy.toml")).unwrap();
    m.ics("phone-team.toml", Some("2027-01"), "a", 1_800_000_000, &[])
        .expect_code(0);
    m.ics("renamed copy.toml", Some("2027-01"), "b", 1_800_000_000, &[])
        .expect_code(0);
    let (a, b) = (m.files("a"), m.files("b"));
    assert_eq!(a, b, "a renamed config gives other calendars");
    let uids: Vec<String> = read_ics(&m.path("b/dev.ics")).into_iter().map(|e| e.uid).collect();
    assert!(uids.iter().all(|u| u.ends_with("@phone-team.sunrota")), "{uids:?}");
    assert!(uids.contains(&"2027-01-08-shift-dev-5c84b977c922b182@phone-team.sunrota".to_string()));
    // The renamed config exports into the original's folder: the team is the same.
    m.ics("renamed copy.toml", Some("2027-02"), "a", 1_800_000_000, &[])
        .expect_code(0);
}

#[test]
fn ics_days_off_are_all_day_events_and_the_switch_leaves_them_out() {
    let d = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    d.ics("cal", "1800000000", &[]).expect_code(0);
    let all_day = |f: &str| -> Vec<(String, String, String)> {
        let (_, events) = parse_ics(&d.path("cal").join(f));
        events
            .into_iter()
            .filter(|e| !e["DTSTART"].contains('T'))
            .map(|e| (e["SUMMARY"].clone(), e["DTSTART"].clone(), e["DTEND"].clone()))
            .collect()
    };
    let day = |s: &str, from: &str, to: &str| (s.to_string(), from.to_string(), to.to_string());
    // maria's time off 2026-03-18..20, aoife's Irish holiday on 03-17.
    assert_eq!(
        all_day("maria.ics"),
        [
            day("Time off", "20260318", "20260319"),
            day("Time off", "20260319", "20260320"),
            day("Time off", "20260320", "20260321"),
        ]
    );
    assert_eq!(all_day("aoife.ics"), [day("Holiday (ie)", "20260317", "20260318")]);
    let (_, maria) = parse_ics(&d.path("cal/maria.ics"));
    let off = maria.iter().find(|e| e["DTSTART"] == "20260318").unwrap();
    assert!(off["UID"].starts_with("2026-03-18-off-maria-"), "{off:?}");
    assert_eq!(unescape_text(&off["DESCRIPTION"]).unwrap(), "maria: time off, no shift");
    let raw = std::fs::read_to_string(d.path("cal/maria.ics")).unwrap();
    assert!(raw.contains("DTSTART;VALUE=DATE:20260318\r\n"), "an all-day DATE value");
    // --no-days-off into the same folder: the days off are gone, nothing else changed.
    let shifts = |f: &str| -> Vec<String> {
        let (_, events) = parse_ics(&d.path("cal").join(f));
        events
            .into_iter()
            .map(|e| e["UID"].clone())
            .filter(|u| u.contains("-shift-"))
            .collect()
    };
    let before = shifts("maria.ics");
    d.ics("cal", "1800000000", &["--no-days-off"]).expect_code(0);
    assert!(all_day("maria.ics").is_empty() && all_day("aoife.ics").is_empty());
    assert_eq!(shifts("maria.ics"), before);
}

#[test]
fn ics_comp_days_follow_the_switch_too() {
    let m = Months::new();
    m.ics("phone-team.toml", Some("2027-01"), "cal", 1_800_000_000, &[])
        .expect_code(0);
    let comp = |f: &str| {
        read_ics(&m.path("cal").join(f))
            .into_iter()
            .filter(|e| e.summary == "Comp day")
            .count()
    };
    assert_eq!(comp("dev.ics"), 1, "dev's comp day on 2027-01-29");
    m.ics(
        "phone-team.toml",
        Some("2027-01"),
        "cal",
        1_800_000_000,
        &["--no-days-off"],
    )
    .expect_code(0);
    assert_eq!(comp("dev.ics"), 0);
    // February's time off (lukas, 02-08..14) with January switched off: only February's days.
    m.ics("phone-team.toml", Some("2027-02"), "cal", 1_800_000_000, &[])
        .expect_code(0);
    let lukas = read_ics(&m.path("cal/lukas.ics"));
    let off: Vec<&str> = lukas
        .iter()
        .filter(|e| e.summary == "Time off")
        .map(|e| e.start.as_str())
        .collect();
    assert_eq!(
        off,
        ["20270208", "20270209", "20270210", "20270211", "20270212", "20270213", "20270214"]
    );
}

#[test]
fn ics_refuses_a_folder_of_another_team_and_writes_nothing() {
    let m = Months::new();
    let sun = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    sun.ics("cal", "1800000000", &[]).expect_code(0);
    let cal = Dir::s(&sun.path("cal"));
    let theirs = files_in(&sun.path("cal"));
    let snapshot: Vec<Vec<u8>> = theirs
        .iter()
        .map(|f| std::fs::read(sun.path("cal").join(f)).unwrap())
        .collect();
    let run = m.ics("phone-team.toml", Some("2027-01"), &cal, 1_800_000_000, &[]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("is not an earlier sunrota export of team `phone-team`"),
        "{run}"
    );
    assert!(run.stdout.is_empty(), "{run}");
    assert_eq!(files_in(&sun.path("cal")), theirs, "no file added");
    for (f, bytes) in theirs.iter().zip(&snapshot) {
        assert_eq!(&std::fs::read(sun.path("cal").join(f)).unwrap(), bytes, "{f} changed");
    }
}

#[test]
fn ics_of_an_unnamed_team_never_depends_on_the_file_name() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    d.ics("a", "1800000000", &[]).expect_code(0);
    let other = d.path("another name.toml");
    std::fs::copy(&d.config, &other).unwrap();
    let args = [
        "export",
        "ics",
        &Dir::s(&other),
        &Dir::s(&d.rota),
        "-o",
        &Dir::s(&d.path("b")),
    ];
    crate::hand_rotas::run_env(&args, &[("SOURCE_DATE_EPOCH", "1800000000")]).expect_code(0);
    for f in files_in(&d.path("a")) {
        let a = std::fs::read(d.path("a").join(&f)).unwrap();
        assert_eq!(a, std::fs::read(d.path("b").join(&f)).unwrap(), "{f}");
        let (head, events) = parse_ics(&d.path("a").join(&f));
        assert_eq!(head["X-SUNROTA-TEAM"], "", "an unnamed team's mark");
        assert!(events.iter().all(|e| e["UID"].ends_with("@sunrota")), "{events:?}");
    }
    // A named team's folder is not an unnamed team's, nor the other way round.
    let m = Months::new();
    m.ics("phone-team.toml", Some("2027-01"), "cal", 1_800_000_000, &[])
        .expect_code(0);
    d.ics("c", "1800000000", &[]).expect_code(0);
    std::fs::copy(m.path("cal/dev.ics"), d.path("c/ned.ics")).unwrap();
    d.ics("c", "1800000000", &[])
        .expect_code(2)
        .stderr_has("not an earlier sunrota export of this unnamed team");
}

#[test]
fn ics_without_a_rota_or_with_an_empty_directory_is_one_clear_error() {
    // No ROTA and no [rota] dir.
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    let cal = Dir::s(&d.path("cal"));
    let run = crate::hand_rotas::run(&["export", "ics", &Dir::s(&d.config), "-o", &cal]);
    run.expect_code(2)
        .stderr_has("no rota to export")
        .stderr_has("[rota] dir");
    // A directory holding none of the team's rotas.
    std::fs::create_dir(d.path("empty")).unwrap();
    let empty = Dir::s(&d.path("empty"));
    let run = crate::hand_rotas::run(&["export", "ics", &Dir::s(&d.config), &empty, "-o", &cal]);
    run.expect_code(2).stderr_has("no rota of this team in");
    assert!(run.stdout.is_empty() && !d.path("cal").exists(), "{run}");
}
