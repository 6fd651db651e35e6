//! Hand-written rotas of the issue-10 review, whose instants were worked out
//! by hand, and the harness of the tests on them (in `show`, `export` and
//! `trust`): a config and rota in a temporary directory (`Dir`), runs with a
//! controlled `SOURCE_DATE_EPOCH`, independent CSV and ICS readers.
//!
//! Independent end-to-end review tests of issue 10 ("the rota leaves the
//! terminal"): `show`, `export ics`, `export csv` and `report`, run as a user
//! would run them, on hand-written rotas whose instants were worked out by
//! hand (clock changes in London, New York and Chatham, +05:45 and +13:45
//! offsets), awkward agent names, re-exports into the same directory, bad
//! output paths and closed pipes. Seven of them found defects in review
//! (stale gaps in `show` of an edited rota, shifts counted in two weeks,
//! duplicate and unescaped ICS values, ambiguous fall-back times, a stray
//! directory, a wrong hint); they pass since the fixes.

use crate::util::{Cmd, Run, ROOT};
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// `sunrota ARGS...` with `env` set and no inherited `SOURCE_DATE_EPOCH`.
pub(crate) fn run_env<S: AsRef<OsStr>>(args: &[S], env: &[(&str, &str)]) -> Run {
    let cmd = Cmd::new(args).env_remove("SOURCE_DATE_EPOCH");
    env.iter().fold(cmd, |cmd, (k, v)| cmd.env(k, v)).run()
}

pub(crate) fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    run_env(args, &[])
}

/// A temp directory holding `NAME.toml` (the config) and `rota.toml`.
pub(crate) struct Dir {
    pub(crate) tmp: tempfile::TempDir,
    pub(crate) config: PathBuf,
    pub(crate) rota: PathBuf,
}

impl Dir {
    pub(crate) fn new(name: &str, config: &str, rota: &str) -> Dir {
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

    /// A copy of an example config and rota (the config keeps its file name).
    pub(crate) fn example(config: &str, rota: &str) -> Dir {
        let name = Path::new(config).file_stem().unwrap().to_str().unwrap().to_string();
        let c = std::fs::read_to_string(Path::new(ROOT).join(config)).unwrap();
        let r = std::fs::read_to_string(Path::new(ROOT).join(rota)).unwrap();
        Dir::new(&name, &c, &r)
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub(crate) fn s(p: &Path) -> String {
        p.to_str().unwrap().to_string()
    }

    /// `sunrota CMD... CONFIG ROTA EXTRA...`
    pub(crate) fn cmd(&self, cmd: &[&str], extra: &[&str]) -> Run {
        self.cmd_env(cmd, extra, &[])
    }

    pub(crate) fn cmd_env(&self, cmd: &[&str], extra: &[&str], env: &[(&str, &str)]) -> Run {
        let mut args: Vec<String> = cmd.iter().map(std::string::ToString::to_string).collect();
        args.push(Dir::s(&self.config));
        args.push(Dir::s(&self.rota));
        args.extend(extra.iter().map(std::string::ToString::to_string));
        run_env(&args, env)
    }

    pub(crate) fn ics(&self, dir: &str, epoch: &str, extra: &[&str]) -> Run {
        let d = Dir::s(&self.path(dir));
        let mut e = vec!["-o", d.as_str()];
        e.extend_from_slice(extra);
        self.cmd_env(&["export", "ics"], &e, &[("SOURCE_DATE_EPOCH", epoch)])
    }
}

pub(crate) fn files_in(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

pub(crate) fn csv_records(text: &str) -> Vec<BTreeMap<String, String>> {
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

pub(crate) fn parse_ics(path: &Path) -> (Event, Vec<Event>) {
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
pub(crate) fn unescape_text(v: &str) -> Option<String> {
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
pub(crate) fn event_blocks(path: &Path) -> BTreeMap<String, String> {
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

pub(crate) const CLOCKS: &str = r#"[horizon]
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

pub(crate) const CLOCKS_ROTA: &str = r#"[rota]
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
pub(crate) const CLOCKS_EXPECTED: [(&str, &str, &str, &str, &str, &str, &str); 6] = [
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

// ---------------------------------------------------------------------------
// Awkward names: CSV quoting, ICS escaping/folding, file names.
// ---------------------------------------------------------------------------

pub(crate) const ZOE: &str = r#"Zoë, "Z"; <script>alert(1)</script> \ a long name that must be folded in calendars"#;

pub(crate) const NAMES: &str = r#"[horizon]
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

pub(crate) fn names_rota() -> String {
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

// ---------------------------------------------------------------------------
// ICS updates: SEQUENCE/DTSTAMP carried over, edits bump exactly their events.
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// --week: each shift in exactly one week.
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Width
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Closed stdout, bad output paths, the wrong config.
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Gap lines
// ---------------------------------------------------------------------------

/// A head-count gap 14:00-16:00 inside a `de` skill gap 12:00-16:00 (Berlin).
pub(crate) const GAPS: &str = r#"[horizon]
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
