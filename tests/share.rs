//! Independent end-to-end review tests of issue 10 ("the rota leaves the
//! terminal"): `show`, `export ics`, `export csv` and `report`, run as a user
//! would run them, on hand-written rotas whose instants were worked out by
//! hand (clock changes in London, New York and Chatham, +05:45 and +13:45
//! offsets), awkward agent names, re-exports into the same directory, bad
//! output paths and closed pipes. Seven of them found defects in review
//! (stale gaps in `show` of an edited rota, shifts counted in two weeks,
//! duplicate and unescaped ICS values, ambiguous fall-back times, a stray
//! directory, a wrong hint); they pass since the fixes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sunrota");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

struct Out {
    args: Vec<String>,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Out {
    fn code(&self, want: i32) -> &Out {
        assert_eq!(
            self.code,
            Some(want),
            "sunrota {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.args,
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        self
    }
}

fn run_env<S: AsRef<std::ffi::OsStr>>(args: &[S], env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the sunrota binary runs");
    Out {
        args: args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect(),
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Out {
    run_env(args, &[])
}

/// A temp directory holding `NAME.toml` (the config) and `rota.toml`.
struct Dir {
    tmp: tempfile::TempDir,
    config: PathBuf,
    rota: PathBuf,
}

impl Dir {
    fn new(name: &str, config: &str, rota: &str) -> Dir {
        let tmp = tempfile::tempdir().expect("temp dir");
        let config_path = tmp.path().join(format!("{name}.toml"));
        let rota_path = tmp.path().join("rota.toml");
        std::fs::write(&config_path, config).unwrap();
        std::fs::write(&rota_path, rota).unwrap();
        Dir {
            tmp,
            config: config_path,
            rota: rota_path,
        }
    }

    /// A copy of an example config and rota (the config keeps its file name,
    /// which is the team's name in calendar UIDs).
    fn example(config: &str, rota: &str) -> Dir {
        let name = Path::new(config).file_stem().unwrap().to_str().unwrap().to_string();
        let c = std::fs::read_to_string(Path::new(ROOT).join(config)).unwrap();
        let r = std::fs::read_to_string(Path::new(ROOT).join(rota)).unwrap();
        Dir::new(&name, &c, &r)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn s(p: &Path) -> String {
        p.to_str().unwrap().to_string()
    }

    /// `sunrota CMD... CONFIG ROTA EXTRA...`
    fn cmd(&self, cmd: &[&str], extra: &[&str]) -> Out {
        self.cmd_env(cmd, extra, &[])
    }

    fn cmd_env(&self, cmd: &[&str], extra: &[&str], env: &[(&str, &str)]) -> Out {
        let mut args: Vec<String> = cmd.iter().map(|s| s.to_string()).collect();
        args.push(Dir::s(&self.config));
        args.push(Dir::s(&self.rota));
        args.extend(extra.iter().map(|s| s.to_string()));
        run_env(&args, env)
    }

    fn ics(&self, dir: &str, epoch: &str, extra: &[&str]) -> Out {
        let d = Dir::s(&self.path(dir));
        let mut e = vec!["-o", d.as_str()];
        e.extend_from_slice(extra);
        self.cmd_env(&["export", "ics"], &e, &[("SOURCE_DATE_EPOCH", epoch)])
    }
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

fn csv_records(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("valid CSV record");
            head.iter().cloned().zip(rec.iter().map(String::from)).collect()
        })
        .collect()
}

/// One VEVENT as the `ical` crate reads it: property name → raw value.
type Event = BTreeMap<String, String>;

fn parse_ics(path: &Path) -> (Event, Vec<Event>) {
    let f = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut p = ical::IcalParser::new(f);
    let cal = p.next().expect("a calendar").expect("valid iCalendar");
    assert!(p.next().is_none(), "one VCALENDAR in {}", path.display());
    let props = |ps: &[ical::property::Property]| -> Event {
        ps.iter()
            .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
            .collect()
    };
    let head = props(&cal.properties);
    let events = cal.events.iter().map(|e| props(&e.properties)).collect();
    (head, events)
}

/// RFC 5545 TEXT unescaping; `None` when the value is not valid TEXT (a bare
/// `;` or `,`, or a backslash not followed by `\ ; , n N`).
fn unescape_text(v: &str) -> Option<String> {
    let mut out = String::new();
    let mut it = v.chars();
    while let Some(c) = it.next() {
        match c {
            '\\' => match it.next()? {
                'n' | 'N' => out.push('\n'),
                c @ ('\\' | ';' | ',') => out.push(c),
                _ => return None,
            },
            ';' | ',' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// The raw text of each VEVENT block of an .ics file, by UID (unfolded).
fn event_blocks(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = BTreeMap::new();
    for block in text.split("BEGIN:VEVENT\r\n").skip(1) {
        let block = block.split("END:VEVENT\r\n").next().unwrap().to_string();
        let unfolded = block.replace("\r\n ", "");
        let uid = unfolded
            .lines()
            .find_map(|l| l.strip_prefix("UID:"))
            .expect("UID")
            .to_string();
        assert!(
            out.insert(uid.clone(), block).is_none(),
            "UID {uid} twice in {}",
            path.display()
        );
    }
    out
}

// ---------------------------------------------------------------------------
// Clock changes and odd offsets: agenda, CSV and ICS agree with hand-worked
// instants.
// ---------------------------------------------------------------------------

const CLOCKS: &str = r#"[horizon]
start = 2026-03-23
weeks = 33

[coverage]
zone = "UTC"
need = [{ at = "Mon 10:00-11:00", agents = 1 }]

[templates]
night = { start = "22:00", end = "06:00", night = true }
day = { start = "09:00", end = "17:00" }

[agents]
ann = { zone = "Europe/London" }
ned = { zone = "America/New_York" }
ram = { zone = "Asia/Kathmandu" }
kiri = { zone = "Pacific/Chatham" }
"#;

const CLOCKS_ROTA: &str = r#"[rota]
start = 2026-03-23
weeks = 33
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
  { agent = "ram", template = "day", start = 2026-03-24T09:00:00+05:45, end = 2026-03-24T17:00:00+05:45 },
  { agent = "ann", template = "night", start = 2026-03-28T22:00:00+00:00, end = 2026-03-29T06:00:00+01:00 },
  { agent = "kiri", template = "night", start = 2026-04-04T22:00:00+13:45, end = 2026-04-05T06:00:00+12:45 },
  { agent = "kiri", template = "day", start = 2026-09-28T09:00:00+13:45, end = 2026-09-28T17:00:00+13:45 },
  { agent = "ann", template = "night", start = 2026-10-24T22:00:00+01:00, end = 2026-10-25T06:00:00+00:00 },
  { agent = "ned", template = "night", start = 2026-10-31T22:00:00-04:00, end = 2026-11-01T06:00:00-05:00 },
]
"#;

/// (agent, local date, local start, local end, UTC start, UTC end, hours),
/// worked out by hand.
const CLOCKS_EXPECTED: [(&str, &str, &str, &str, &str, &str, &str); 6] = [
    (
        "ram",
        "2026-03-24",
        "2026-03-24T09:00:00+05:45",
        "2026-03-24T17:00:00+05:45",
        "2026-03-24T03:15:00Z",
        "2026-03-24T11:15:00Z",
        "8.0",
    ),
    (
        "ann",
        "2026-03-28",
        "2026-03-28T22:00:00+00:00",
        "2026-03-29T06:00:00+01:00",
        "2026-03-28T22:00:00Z",
        "2026-03-29T05:00:00Z",
        "7.0",
    ),
    (
        "kiri",
        "2026-04-04",
        "2026-04-04T22:00:00+13:45",
        "2026-04-05T06:00:00+12:45",
        "2026-04-04T08:15:00Z",
        "2026-04-04T17:15:00Z",
        "9.0",
    ),
    (
        "kiri",
        "2026-09-28",
        "2026-09-28T09:00:00+13:45",
        "2026-09-28T17:00:00+13:45",
        "2026-09-27T19:15:00Z",
        "2026-09-28T03:15:00Z",
        "8.0",
    ),
    (
        "ann",
        "2026-10-24",
        "2026-10-24T22:00:00+01:00",
        "2026-10-25T06:00:00+00:00",
        "2026-10-24T21:00:00Z",
        "2026-10-25T06:00:00Z",
        "9.0",
    ),
    (
        "ned",
        "2026-10-31",
        "2026-10-31T22:00:00-04:00",
        "2026-11-01T06:00:00-05:00",
        "2026-11-01T02:00:00Z",
        "2026-11-01T11:00:00Z",
        "9.0",
    ),
];

#[test]
fn review_csv_local_and_utc_instants_and_hours_are_exact_across_clock_changes() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    let out = d.cmd(&["export", "csv"], &[]);
    out.code(0);
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
    show.code(0);
    assert_eq!(show.stdout, out.stdout);
}

#[test]
fn review_agenda_shows_both_offsets_and_real_length_of_a_dst_night() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    let cases = [
        ("ann", "Sat 2026-03-28", "22:00 +00:00–06:00+1 +01:00", "7h"),
        ("ann", "Sat 2026-10-24", "22:00 +01:00–06:00+1 +00:00", "9h"),
        ("ned", "Sat 2026-10-31", "22:00 -04:00–06:00+1 -05:00", "9h"),
        ("kiri", "Sat 2026-04-04", "22:00 +13:45–06:00+1 +12:45", "9h"),
        ("kiri", "Mon 2026-09-28", "09:00–17:00 +13:45", "8h"),
        ("ram", "Tue 2026-03-24", "09:00–17:00 +05:45", "8h"),
    ];
    for (agent, day, times, len) in cases {
        let out = d.cmd(&["show"], &["--agent", agent]);
        out.code(0);
        let line = out
            .stdout
            .lines()
            .find(|l| l.contains(day) && l.contains("night") || l.contains(day) && l.contains("day "))
            .unwrap_or_else(|| panic!("no {day} line for {agent}:\n{}", out.stdout));
        assert!(line.contains(times), "{agent}: `{line}` lacks `{times}`");
        assert!(line.trim_end().ends_with(len), "{agent}: `{line}` is not {len} long");
    }
    let ann = d.cmd(&["show"], &["--agent", "ann"]);
    assert!(ann.stdout.contains("2 shift(s), 16h"), "{}", ann.stdout);
}

#[test]
fn review_json_agenda_instants_are_the_csv_instants() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    for agent in ["ann", "ned", "ram", "kiri"] {
        let out = d.cmd(&["show"], &["--agent", agent, "--format", "json"]);
        out.code(0);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON document");
        assert_eq!(doc["agent"], agent);
        let p = |s: &serde_json::Value| chrono::DateTime::parse_from_rfc3339(s.as_str().unwrap()).unwrap();
        let shifts: Vec<_> = doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["what"] == "shift")
            .collect();
        let want: Vec<_> = CLOCKS_EXPECTED.iter().filter(|e| e.0 == agent).collect();
        assert_eq!(shifts.len(), want.len(), "{}", out.stdout);
        for (e, w) in shifts.iter().zip(want) {
            assert_eq!(e["date"], w.1);
            assert_eq!(p(&e["start"]), chrono::DateTime::parse_from_rfc3339(w.4).unwrap());
            assert_eq!(p(&e["end"]), chrono::DateTime::parse_from_rfc3339(w.5).unwrap());
        }
    }
}

#[test]
fn review_ics_instants_are_utc_and_exact_across_clock_changes() {
    let d = Dir::new("clocks", CLOCKS, CLOCKS_ROTA);
    d.ics("cal", "1800000000", &[]).code(0);
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
        assert_eq!(head["X-SUNROTA-TEAM"], "clocks");
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

// ---------------------------------------------------------------------------
// Awkward names: CSV quoting, ICS escaping/folding, file names.
// ---------------------------------------------------------------------------

const ZOE: &str = r#"Zoë, "Z"; <script>alert(1)</script> \ a long name that must be folded in calendars"#;

const NAMES: &str = r#"[horizon]
start = 2026-03-02
weeks = 1

[coverage]
zone = "UTC"
need = [{ at = "Mon 10:00-11:00", agents = 1 }]

[templates]
day = { start = "09:00", end = "17:00" }

[agents]
"Zoë, \"Z\"; <script>alert(1)</script> \\ a long name that must be folded in calendars" = { zone = "Europe/London" }
"a b" = { zone = "UTC" }
"a_b" = { zone = "UTC" }
"रवि" = { zone = "Asia/Kathmandu" }
"अजय" = { zone = "Asia/Kolkata" }
"oncall-x" = { zone = "UTC" }

[oncall.x]
period = "week"
handoff = "Mon 09:00"
"#;

fn names_rota() -> String {
    let mut s = String::from(
        "[rota]\nstart = 2026-03-02\nweeks = 1\nzone = \"UTC\"\n\n[summary]\nstatus = \"optimal\"\nobjective = 0.0\n\
         best_bound = 0.0\ngap_percent = 0.0\nuncovered_agent_minutes = 0\ngaps = []\n\n[shifts]\nlist = [\n",
    );
    let toml_name = |n: &str| toml::Value::String(n.to_string()).to_string();
    for (i, (n, off)) in [
        (ZOE, "+00:00"),
        ("a b", "+00:00"),
        ("a_b", "+00:00"),
        ("रवि", "+05:45"),
        ("अजय", "+05:30"),
        ("oncall-x", "+00:00"),
    ]
    .iter()
    .enumerate()
    {
        s += &format!(
            "  {{ agent = {}, template = \"day\", start = 2026-03-0{d}T09:00:00{off}, end = 2026-03-0{d}T17:00:00{off} }},\n",
            toml_name(n),
            d = 2 + i
        );
    }
    s += "]\n\n[oncall]\nlist = [\n";
    s += &format!(
        "  {{ duty = \"x\", agent = {}, start = 2026-03-02T09:00:00+00:00, end = 2026-03-09T09:00:00+00:00 }},\n",
        toml_name(ZOE)
    );
    s += "]\nunfilled = []\n";
    s
}

#[test]
fn review_csv_quotes_names_with_commas_quotes_and_unicode() {
    let d = Dir::new("names", NAMES, &names_rota());
    let out = d.cmd(&["export", "csv"], &[]);
    out.code(0);
    let agents: BTreeSet<String> = csv_records(&out.stdout)
        .into_iter()
        .map(|r| r["agent"].clone())
        .collect();
    let want: BTreeSet<String> = [ZOE, "a b", "a_b", "रवि", "अजय", "oncall-x"].map(String::from).into();
    assert_eq!(agents, want);
    let sum = d.cmd(&["export", "csv"], &["--summary"]);
    sum.code(0);
    let rows = csv_records(&sum.stdout);
    let zoe = rows.iter().find(|r| r["agent"] == ZOE).expect("Zoë's summary row");
    assert_eq!(zoe["oncall"], "1");
    assert_eq!(zoe["shifts"], "1");
}

#[test]
fn review_ics_file_names_never_collide_and_lines_are_folded_on_octets() {
    let d = Dir::new("names", NAMES, &names_rota());
    let out = d.ics("cal", "1800000000", &[]);
    out.code(0);
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
fn review_ics_calendar_name_is_escaped_text() {
    let d = Dir::new("names", NAMES, &names_rota());
    d.ics("cal", "1800000000", &[]).code(0);
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
fn review_html_report_escapes_names_and_fetches_nothing() {
    let d = Dir::new("names", NAMES, &names_rota());
    let html = d.path("r.html");
    d.cmd(&["report"], &["-o", &Dir::s(&html)]).code(0);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(!text.to_lowercase().contains("<script"), "a name became markup");
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for attr in ["src=", "href=", "@import", "url("] {
        assert!(!text.contains(attr), "report fetches something: {attr}");
    }
}

// ---------------------------------------------------------------------------
// ICS updates: SEQUENCE/DTSTAMP carried over, edits bump exactly their events.
// ---------------------------------------------------------------------------

#[test]
fn review_ics_reexport_after_edits_bumps_only_changed_events() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    d.ics("cal", "1800000000", &[]).code(0);
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
    d.ics("cal", "1800050000", &[]).code(0);
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
    d.ics("cal", "1800100000", &[]).code(0);
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
fn review_ics_uids_are_unique_within_a_calendar() {
    let config = r#"[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = "UTC"
need = [{ at = "Mon 08:00-12:00", agents = 1 }]
[rules]
min_rest_hours = 1
[templates]
am = { start = "08:00", end = "12:00" }
pm = { start = "14:00", end = "18:00" }
[agents]
ana = { zone = "UTC" }
"#;
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
    let d = Dir::new("two", config, rota);
    // The rota breaks one-shift-per-day; exporting it must either refuse
    // (exit 2) or give each event its own UID, never silently merge them.
    let out = d.ics("cal", "1800000000", &[]);
    if out.code == Some(2) {
        return;
    }
    out.code(0);
    let (_, events) = parse_ics(&d.path("cal").join("ana.ics"));
    let uids: BTreeSet<_> = events.iter().map(|e| e["UID"].clone()).collect();
    assert_eq!(uids.len(), events.len(), "duplicate UIDs: {events:?}");
}

#[test]
fn review_source_date_epoch_garbage_is_exit_2_and_writes_no_calendar() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    for bad in ["abc", "", "1.5", "99999999999999"] {
        let out = d.ics("cal", bad, &[]);
        out.code(2);
        assert!(out.stderr.contains("SOURCE_DATE_EPOCH"), "{}", out.stderr);
        assert!(
            files_in(&d.path("cal")).is_empty(),
            "calendars written with SOURCE_DATE_EPOCH={bad:?}"
        );
    }
}

#[test]
fn review_source_date_epoch_garbage_creates_no_directory() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    d.ics("cal", "abc", &[]).code(2);
    assert!(!d.path("cal").exists(), "an empty cal/ was left behind");
}

// ---------------------------------------------------------------------------
// --week: each shift in exactly one week.
// ---------------------------------------------------------------------------

#[test]
fn review_week_agendas_partition_the_full_agenda() {
    let d = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    for agent in ["li", "maria", "priya", "sean"] {
        let full = d.cmd(&["show"], &["--agent", agent]);
        full.code(0);
        let shift_lines = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| l.contains('–') && l.trim_end().ends_with('h') && !l.contains("shift(s)"))
                .map(String::from)
                .collect()
        };
        let mut weekly = Vec::new();
        for w in 1..=4 {
            let out = d.cmd(&["show"], &["--agent", agent, "--week", &w.to_string()]);
            out.code(0);
            weekly.extend(shift_lines(&out.stdout));
        }
        assert_eq!(weekly, shift_lines(&full.stdout), "{agent}");
    }
    // li's swing on Sun 03-01 (Chicago) reaches into the horizon: it is in
    // week 1's agenda.
    let li = d.cmd(&["show"], &["--agent", "li", "--week", "1"]);
    assert!(li.stdout.contains("Sun 2026-03-01  swing"), "{}", li.stdout);
}

#[test]
fn review_week_csv_and_totals_count_each_shift_once() {
    let d = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    let full = d.cmd(&["show"], &["--format", "csv"]);
    full.code(0);
    let all = csv_records(&full.stdout);
    let mut weekly = Vec::new();
    let mut shifts_by_agent: BTreeMap<String, u64> = BTreeMap::new();
    for w in 1..=4 {
        let out = d.cmd(&["show"], &["--format", "csv", "--week", &w.to_string()]);
        out.code(0);
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
fn review_json_outputs_are_single_valid_documents() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    for extra in [
        vec!["--format", "json"],
        vec!["--format", "json", "--week", "3"],
        vec!["--format", "json", "--tz", "Asia/Kathmandu"],
        vec!["--format", "json", "--agent", "dev"],
        vec!["--format", "json", "--agent", "dev", "--week", "4"],
    ] {
        let out = d.cmd(&["show"], &extra);
        out.code(0);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{extra:?}: {e}"));
        assert!(v.is_object(), "{extra:?}");
    }
    let dev = d.cmd(&["show"], &["--format", "json", "--agent", "dev"]);
    let v: serde_json::Value = serde_json::from_str(&dev.stdout).unwrap();
    let whats: BTreeSet<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["what"].as_str())
        .collect();
    assert!(whats.contains("shift"), "{whats:?}");
    assert!(
        whats.len() >= 2,
        "on-call and comp entries are in the JSON agenda too: {whats:?}"
    );
}

// ---------------------------------------------------------------------------
// Width
// ---------------------------------------------------------------------------

#[test]
fn review_table_lines_fit_the_width() {
    let examples = [
        ("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml"),
        ("examples/phone-team.toml", "schedules/phone-team/2027-01.toml"),
    ];
    for (c, r) in examples {
        let d = Dir::example(c, r);
        for w in [60usize, 80, 100, 200] {
            let out = d.cmd(&["show"], &["--width", &w.to_string()]);
            out.code(0);
            for line in out.stdout.lines() {
                let table = line.starts_with(['│', '┌', '└', '╞', '├']);
                if table {
                    assert!(
                        line.chars().count() <= w,
                        "{c} --width {w}: {} columns: {line}",
                        line.chars().count()
                    );
                }
            }
        }
        // Piped without --width: the full layout, the same every time.
        let a = d.cmd(&["show"], &[]);
        let b = d.cmd(&["show"], &[]);
        assert_eq!(a.stdout, b.stdout);
        let widest = a.stdout.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest > 100, "{c}: piped output is not fitted ({widest} columns)");
    }
}

// ---------------------------------------------------------------------------
// Closed stdout, bad output paths, the wrong config.
// ---------------------------------------------------------------------------

#[test]
fn review_closed_stdout_is_not_a_panic() {
    let c = format!("{ROOT}/examples/follow-the-sun.toml");
    let r = format!("{ROOT}/schedules/follow-the-sun.toml");
    let cases: [&[&str]; 4] = [
        &["show", &c, &r],
        &["show", &c, &r, "--format", "json"],
        &["show", &c, &r, "--agent", "maria"],
        &["export", "csv", &c, &r],
    ];
    for args in cases {
        let mut child = Command::new(BIN)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?}: {err}");
    }
}

#[test]
fn review_output_paths_are_never_clobbered_or_half_written() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    let config_before = std::fs::read(&d.config).unwrap();
    let rota_before = std::fs::read(&d.rota).unwrap();
    let (c, r) = (Dir::s(&d.config), Dir::s(&d.rota));

    // CSV onto the config or the rota itself.
    for target in [&c, &r] {
        let out = d.cmd(&["export", "csv"], &["-o", target]);
        out.code(2);
        assert_eq!(out.stderr.matches('×').count(), 1, "one message: {}", out.stderr);
    }
    // Onto a directory, into one that cannot be created, onto a file for ics.
    std::fs::create_dir(d.path("adir")).unwrap();
    d.cmd(&["export", "csv"], &["-o", &Dir::s(&d.path("adir"))]).code(2);
    d.cmd(&["report"], &["-o", &Dir::s(&d.path("adir"))]).code(2);
    d.cmd(&["export", "csv"], &["-o", "/proc/sunrota-review/x/y.csv"])
        .code(2);
    d.cmd(&["report"], &["-o", "/proc/sunrota-review/x/r.html"]).code(2);
    d.ics("/proc/sunrota-review/x", "1800000000", &[]).code(2);
    d.ics("rota.toml", "1800000000", &[]).code(2);
    assert!(files_in(&d.path("adir")).is_empty());

    // A report onto an existing file: refused, the file untouched.
    let html = d.path("report.html");
    std::fs::write(&html, "mine").unwrap();
    let out = d.cmd(&["report"], &["-o", &Dir::s(&html)]);
    out.code(2);
    assert_eq!(std::fs::read_to_string(&html).unwrap(), "mine");
    // The same report again over its own output is fine; --force replaces.
    d.cmd(&["report"], &["-o", &Dir::s(&html), "--force"]).code(0);
    let first = std::fs::read(&html).unwrap();
    d.cmd(&["report"], &["-o", &Dir::s(&html)]).code(0);
    assert_eq!(std::fs::read(&html).unwrap(), first);

    // A CSV into a new nested directory is created; the same CSV again is fine.
    let csv = d.path("out/sub/rota.csv");
    d.cmd(&["export", "csv"], &["-o", &Dir::s(&csv)]).code(0);
    d.cmd(&["export", "csv"], &["-o", &Dir::s(&csv)]).code(0);

    // A foreign .ics in the calendar directory blocks the whole export.
    std::fs::create_dir(d.path("cal")).unwrap();
    std::fs::write(d.path("cal/dev.ics"), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
    d.ics("cal", "1800000000", &[]).code(2);
    assert_eq!(files_in(&d.path("cal")), ["dev.ics".to_string()].into());

    assert_eq!(std::fs::read(&d.config).unwrap(), config_before);
    assert_eq!(std::fs::read(&d.rota).unwrap(), rota_before);
    // No temp files left next to anything.
    let left: Vec<_> = files_in(d.tmp.path())
        .into_iter()
        .filter(|f| f.starts_with('.') || f.contains("tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn review_csv_onto_a_directory_hints_a_csv_name() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    std::fs::create_dir(d.path("adir")).unwrap();
    let out = d.cmd(&["export", "csv"], &["-o", &Dir::s(&d.path("adir"))]);
    out.code(2);
    assert!(!out.stderr.contains("report.html"), "{}", out.stderr);
}

#[test]
fn review_a_rota_of_another_config_is_refused_everywhere() {
    let phone = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    let sun = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    let (c, r) = (Dir::s(&sun.config), Dir::s(&phone.rota));
    let out_dir = Dir::s(&sun.path("cal"));
    let csv = Dir::s(&sun.path("x.csv"));
    let html = Dir::s(&sun.path("x.html"));
    let cases: Vec<Vec<&str>> = vec![
        vec!["show", &c, &r],
        vec!["show", &c, &r, "--agent", "maria"],
        vec!["export", "csv", &c, &r],
        vec!["export", "csv", &c, &r, "-o", &csv],
        vec!["export", "ics", &c, &r, "-o", &out_dir],
        vec!["report", &c, &r, "-o", &html],
    ];
    for args in cases {
        let out = run(&args);
        out.code(2);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        assert!(out.stderr.contains("was not planned from"), "{args:?}: {}", out.stderr);
    }
    assert_eq!(
        files_in(sun.tmp.path()),
        ["follow-the-sun.toml", "rota.toml"].map(String::from).into()
    );
}

#[test]
fn review_unknown_agent_gets_the_closest_name() {
    let d = Dir::example("examples/follow-the-sun.toml", "schedules/follow-the-sun.toml");
    for (typo, near) in [("Mria", "maria"), ("prya", "priya"), ("JAMES", "james")] {
        let out = d.cmd(&["show"], &["--agent", typo]);
        out.code(2);
        assert!(out.stderr.contains(&format!("`{near}`")), "{typo}: {}", out.stderr);
        assert!(out.stdout.is_empty());
    }
    d.cmd(&["show"], &["--week", "5"]).code(2);
    d.cmd(&["show"], &["--week", "0"]).code(2);
    d.cmd(&["show"], &["--tz", "Asia/Calcuta"]).code(2);
}

// ---------------------------------------------------------------------------
// Gap lines
// ---------------------------------------------------------------------------

/// A head-count gap 14:00-16:00 inside a `de` skill gap 12:00-16:00 (Berlin).
const GAPS: &str = r#"[horizon]
start = 2026-03-02
weeks = 1
[coverage]
zone = "Europe/Berlin"
need = [{ at = "Mon 08:00-16:00", agents = 1 }, { at = "Mon 12:00-18:00", agents = 1, skill = "de" }]
[templates]
a = { start = "08:00", end = "14:00" }
b = { start = "16:00", end = "18:00" }
[agents]
ana = { zone = "Europe/Berlin", templates = ["a"] }
bo = { zone = "Europe/Berlin", skills = ["de"], templates = ["b"] }
"#;

#[test]
fn review_plan_show_and_check_print_the_same_gap_stretches_once() {
    let d = Dir::new("gaps", GAPS, "");
    let plan = run(&[
        "plan",
        &Dir::s(&d.config),
        "-o",
        &Dir::s(&d.rota),
        "--time-limit",
        "20",
        "--no-suggest",
    ]);
    plan.code(0);
    let gap_lines = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.contains(" of ") && l.contains("missing"))
            .map(|l| l.rsplit_once("gap: ").map_or(l, |x| x.1).trim().to_string())
            .collect()
    };
    let want = vec![
        "Mon 2026-03-02 12:00 – 14:00 Europe/Berlin (2h): 1 of 2 agents on duty (1 missing), 0 of 1 de agents (1 missing) — Mon 08:00-16:00 ×1 + Mon 12:00-18:00 ×1 de",
        "Mon 2026-03-02 14:00 – 16:00 Europe/Berlin (2h): 0 of 2 agents on duty (2 missing), 0 of 1 de agents (1 missing) — Mon 08:00-16:00 ×1 + Mon 12:00-18:00 ×1 de",
    ];
    assert_eq!(gap_lines(&plan.stdout), want, "plan");
    let show = d.cmd(&["show"], &[]);
    show.code(0);
    assert_eq!(gap_lines(&show.stdout), want, "show");
    let check = d.cmd(&["check"], &[]);
    check.code(1);
    assert_eq!(gap_lines(&check.stdout), want, "check");
    // 2h×(1+1) + 2h×(2+1) agent-hours = 600 agent-minutes, said once, the same.
    assert!(plan.stdout.contains("600 uncovered agent-minutes"));
    assert!(show.stdout.contains("600 uncovered agent-minutes"));
    assert!(check.stdout.contains("600 uncovered agent-minutes"));
    // show below its solver line is plan below its solver line.
    let below = |t: &str| t.lines().skip(2).collect::<Vec<_>>().join("\n");
    let plan_views = below(&plan.stdout).replace(&format!("\nRota written to {}", Dir::s(&d.rota)), "");
    assert_eq!(below(&show.stdout).trim_end(), plan_views.trim_end());
}

#[test]
fn review_gap_lines_in_a_fall_back_hour_carry_offsets() {
    let config = r#"[horizon]
start = 2026-10-19
weeks = 1
[coverage]
zone = "Europe/Berlin"
need = [{ at = "Sun 01:00-04:00", agents = 1 }]
[templates]
n = { start = "23:00", end = "01:00" }
[agents]
ana = { zone = "UTC" }
"#;
    let d = Dir::new("fb", config, "");
    let plan = run(&["plan", &Dir::s(&d.config), "-o", &Dir::s(&d.rota), "--no-suggest"]);
    plan.code(0);
    let out = d.cmd(&["show"], &[]);
    out.code(0);
    // The gap is 01:00-03:00 UTC = 02:00 (second time, +01:00) to 04:00 +01:00.
    let line = out
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("Sun 2026-10-25"))
        .expect("a gap line");
    assert!(line.contains("02:00 +01:00"), "`{line}`: which 02:00?");
}

#[test]
fn review_show_of_an_edited_rota_prints_the_gaps_check_finds() {
    let d = Dir::example("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    // Remove maria's Wed 2027-01-06 shift: 16:00-24:00 UTC is left uncovered.
    let rota = std::fs::read_to_string(&d.rota).unwrap();
    let edited: String = rota
        .lines()
        .filter(|l| !l.contains(r#"agent = "maria", template = "amer", start = 2027-01-06"#))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(edited.lines().count() + 1, rota.lines().count());
    std::fs::write(&d.rota, edited).unwrap();
    let check = d.cmd(&["check"], &[]);
    check.code(1);
    let hole = "Wed 2027-01-06 16:00 – Thu 2027-01-07 00:00 UTC (8h): 0 of 1 agents on duty (1 missing)";
    assert!(check.stdout.contains(hole), "{}", check.stdout);
    let show = d.cmd(&["show"], &[]);
    show.code(0);
    assert!(
        !show.stdout.contains("No gaps"),
        "show claims full coverage of a rota with an 8h hole"
    );
    assert!(show.stdout.contains(hole), "{}", show.stdout);
    let json = d.cmd(&["show"], &["--format", "json"]);
    assert!(json.stdout.contains(hole), "JSON gap_lines miss the hole");
}
