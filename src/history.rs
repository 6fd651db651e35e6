//! Earlier rotas: found in a rota's directory, read in date order, and summed
//! up into what the next rota carries over — shifts near the boundary, on-call
//! holds, and comp-day credits and days taken.
//!
//! The history of a rota starting on day S is the chain of rota files in the
//! same directory that leads up to S (see [`before`]). `plan --after`, `check` and `ledger`
//! all use this one rule, so they agree on what came before.
//!
//! Only the team's own rotas count: a file that is not UTF-8 text, or holds
//! no `[rota]` table with a start (a config beside the rotas), is no rota; a
//! rota that is not the config's team's by [`belongs`] — the one rule every
//! command applies to the rotas it reads — is skipped, each with a note on
//! stderr saying why.

use crate::config::Config;
use crate::error::{Error, Source};
use crate::rota::{CompDay, Credit, Hold, Rota, Shift};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// How far back shifts of earlier rotas still bind the rules (28-day weekend
/// windows, up to 28 consecutive days, rolling weeks, rest): what `plan`
/// carries over and `check` reads.
pub const HISTORY_DAYS: i64 = 35;

/// A rota file read from disk.
pub struct Loaded {
    pub path: PathBuf,
    pub rota: Rota,
    pub src: Source,
}

/// Every rota file of `cfg`'s team in `dir` (`*.toml` with a `[rota]`
/// table), sorted by start. A rota file that does not parse is an error, not skipped.
pub fn load_dir(dir: &Path, cfg: &Config) -> Result<Vec<Loaded>, Error> {
    let mut all = Vec::new();
    for head in scan(dir, cfg)? {
        if let Some(l) = head.load(cfg)? {
            all.push(l);
        }
    }
    check_chain(&all)?;
    Ok(all)
}

/// The chain of rotas in `dir` leading up to `start`, oldest first: the rota
/// ending last on or before `start`, the one ending last on or before its
/// start, and so on. Drafts and alternatives beside the chain are ignored
/// (and only the chain's files are read in full); among rotas ending on the
/// same day the shortest (then the first by file name) is taken.
pub fn before(dir: &Path, start: NaiveDate, cfg: &Config) -> Result<Vec<Loaded>, Error> {
    let mut all = scan(dir, cfg)?;
    let mut chain = Vec::new();
    let mut until = start;
    loop {
        let pick = all
            .iter()
            .enumerate()
            .filter(|(_, h)| h.end <= until)
            .max_by(|(_, a), (_, b)| (a.end, a.start).cmp(&(b.end, b.start)).then(b.path.cmp(&a.path)))
            .map(|(i, _)| i);
        let Some(i) = pick else { break };
        let h = all.swap_remove(i);
        if let Some(l) = h.load(cfg)? {
            until = l.rota.start;
            chain.push(l);
        }
    }
    chain.reverse();
    Ok(chain)
}

/// A rota file known by its `[rota]` table only.
struct Head {
    path: PathBuf,
    src: Source,
    start: NaiveDate,
    end: NaiveDate,
}

impl Head {
    /// The whole rota; `None` (with a note) when it is an older rota of another team.
    fn load(self, cfg: &Config) -> Result<Option<Loaded>, Error> {
        let rota = Rota::parse(&self.src).inspect_err(|_| read_because(&self.path))?;
        if let Err(why) = belongs(cfg, &rota) {
            note(&format!("note: skipping {}: {why}", self.path.display()));
            return Ok(None);
        }
        Ok(Some(Loaded {
            path: self.path,
            rota,
            src: self.src,
        }))
    }
}

/// Why a file that breaks a command was read at all.
fn read_because(path: &Path) {
    note(&format!(
        "note: {} was read as one of the team's rotas: every *.toml file with a [rota] table beside them is",
        path.display()
    ));
}

/// Prints a note on stderr once per run (a directory may be read more than once).
fn note(text: &str) {
    static SEEN: std::sync::Mutex<std::collections::BTreeSet<String>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let fresh = SEEN.lock().map_or(true, |mut s| s.insert(text.to_string()));
    if fresh {
        crate::stderrln!("{text}");
    }
}

/// What the `[rota]` table of a file says (up to the next table, read on its own).
enum HeadOf {
    /// No `[rota]` table with a start: a config or another file, not a rota.
    NotARota,
    Broken,
    Rota {
        start: NaiveDate,
        end: NaiveDate,
        fingerprint: Option<String>,
        team: Option<String>,
    },
}

fn head(text: &str) -> HeadOf {
    let Some(at) = text.lines().position(|l| l.trim() == "[rota]") else {
        return HeadOf::NotARota;
    };
    let table: String = text
        .lines()
        .skip(at + 1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .collect::<Vec<_>>()
        .join("\n");
    let Ok(t) = toml::from_str::<toml::Table>(&table) else {
        return HeadOf::Broken;
    };
    if !t.contains_key("start") && !t.contains_key("weeks") {
        return HeadOf::NotARota; // a config's [rota] (team, dir)
    }
    let text_of = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let dates = (|| {
        let start: NaiveDate = t.get("start")?.as_datetime()?.to_string().parse().ok()?;
        let weeks = t
            .get("weeks")?
            .as_integer()
            .filter(|w| (1..=crate::config::MAX_WEEKS).contains(w))?;
        Some((start, start.checked_add_signed(chrono::Duration::weeks(weeks))?))
    })();
    match dates {
        Some((start, end)) => HeadOf::Rota {
            start,
            end,
            fingerprint: text_of("fingerprint"),
            team: text_of("team"),
        },
        None => HeadOf::Broken,
    }
}

fn scan(dir: &Path, cfg: &Config) -> Result<Vec<Head>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("cannot read directory", dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let Ok(text) =
            String::from_utf8(crate::error::read_bounded(&path).map_err(|e| Error::io("cannot read", &path, e))?)
        else {
            note(&format!(
                "note: skipping {}: not UTF-8 text, so not a rota",
                path.display()
            ));
            continue;
        };
        let src = Source {
            name: path.display().to_string(),
            text,
        };
        match head(&src.text) {
            HeadOf::NotARota => {}
            // A broken rota must not drop out of the chain unseen: the full read says why.
            HeadOf::Broken => {
                read_because(&path);
                Rota::parse(&src)?;
                return Err(Error::invalid(
                    format!("cannot read the [rota] table of {}", path.display()),
                    None,
                ));
            }
            HeadOf::Rota {
                fingerprint: Some(f),
                team,
                ..
            } if cfg.place.fingerprint.as_ref().is_some_and(|ours| *ours != f) => {
                let team = team.unwrap_or_else(|| "?".into());
                note(&format!(
                    "note: skipping {}: a rota of team `{team}`, not `{}`",
                    path.display(),
                    cfg.place.team.as_deref().unwrap_or_default()
                ));
            }
            HeadOf::Rota { start, end, .. } => out.push(Head { path, src, start, end }),
        }
    }
    out.sort_by(|a, b| (a.start, &a.path).cmp(&(b.start, &b.path)));
    Ok(out)
}

/// A rota planned for another coverage zone is another team's.
fn same_zone(cfg: &Config, rota: &Rota) -> Result<(), String> {
    if rota.zone == cfg.coverage.zone.name() {
        return Ok(());
    }
    Err(format!(
        "its coverage zone is {} but the config's is {}",
        rota.zone,
        cfg.coverage.zone.name()
    ))
}

/// The team a file's `[rota]` table names, with its fingerprint if it has
/// one (`None`: no rota, or an unnamed one).
pub fn team_of_file(path: &Path) -> Option<(String, Option<String>)> {
    let text = String::from_utf8(crate::error::read_bounded(path).ok()?).ok()?;
    match head(&text) {
        HeadOf::Rota {
            team: Some(t),
            fingerprint,
            ..
        } => Some((t, fingerprint)),
        _ => None,
    }
}

/// Whether `rota` was planned for `cfg`'s team: the one rule every command
/// applies to a rota it reads (named or found in a directory).
///
/// * Both name a team: the rota's fingerprint must be the config's (a rota
///   naming its team without a fingerprint: the name, and the coverage
///   zone). Agents, templates and duties may then differ at will: people
///   join and leave a team, and `check` reports what no longer fits.
/// * A rota names a team, the config none: refused (the name is compared
///   like the fingerprint).
/// * Otherwise (an unnamed config and rota, or a rota from before `[rota] team`): at
///   least half of the rota's agents, of its templates and of its on-call
///   duties (each counted by name) must be the config's (a coverage zone
///   edited away is `check`'s `coverage-zone` finding). So a leaver, a hire or a hand-typed name
///   still checks (and `check` reports it); another team's rota does not.
pub fn belongs(cfg: &Config, rota: &Rota) -> Result<(), String> {
    // A rota that names a team belongs to a config that names it: the name is
    // compared like the fingerprint, whether or not the rota carries one.
    if let (Some(t), None) = (&rota.team, &cfg.place.team) {
        return Err(format!(
            "it is a rota of team `{}`, and the config names no team (add `[rota] team = \"{}\"` if it is this one)",
            t.name, t.name
        ));
    }
    if let (Some(t), Some(team)) = (&rota.team, &cfg.place.team) {
        match (&t.fingerprint, &cfg.place.fingerprint) {
            (Some(f), Some(ours)) if f != ours => {
                return Err(format!(
                    "it is a rota of team `{}` (fingerprint {f}), not of `{team}` ({ours})",
                    t.name
                ));
            }
            (None, _) if t.name != *team => {
                return Err(format!("it is a rota of team `{}`, not of `{team}`", t.name));
            }
            (None, _) => return same_zone(cfg, rota),
            _ => return Ok(()),
        }
    }
    // A coverage zone edited away from the config's is `check`'s
    // `coverage-zone` finding, not another team.
    let agents = rota
        .shifts
        .iter()
        .map(|s| s.agent.as_str())
        .chain(rota.duty.holds.iter().map(|h| h.agent.as_str()));
    mostly_known("agents", agents, |a| cfg.agent(a).is_some())?;
    let templates = rota.shifts.iter().map(|s| s.template.as_str());
    mostly_known("templates", templates, |t| cfg.template(t).is_some())?;
    let duties = rota.duty.holds.iter().map(|h| h.duty.as_str());
    mostly_known("on-call duties", duties, |d| cfg.duties.iter().any(|x| x.name == d))
}

/// At least half of the distinct `names` are known (or there are none).
fn mostly_known<'a>(
    what: &str,
    names: impl Iterator<Item = &'a str>,
    known: impl Fn(&str) -> bool,
) -> Result<(), String> {
    let names: std::collections::BTreeSet<&str> = names.collect();
    let (ours, theirs): (Vec<&str>, Vec<&str>) = names.iter().partition(|n| known(n));
    if ours.len() >= theirs.len() {
        return Ok(());
    }
    let quoted: Vec<String> = theirs.iter().take(3).map(|n| format!("`{n}`")).collect();
    let more = if theirs.len() > 3 { ", …" } else { "" };
    Err(format!(
        "{} of its {} {what} are not in the config ({}{more})",
        theirs.len(),
        names.len(),
        quoted.join(", ")
    ))
}

fn check_chain(v: &[Loaded]) -> Result<(), Error> {
    for w in v.windows(2) {
        if w[1].rota.start < w[0].rota.end() {
            return Err(Error::invalid(
                format!(
                    "rotas {} ({}..{}) and {} ({}..{}) overlap",
                    w[0].path.display(),
                    w[0].rota.start,
                    w[0].rota.end(),
                    w[1].path.display(),
                    w[1].rota.start,
                    w[1].rota.end()
                ),
                Some("keep one rota per period in a directory; move drafts and alternatives elsewhere".into()),
            ));
        }
    }
    Ok(())
}

/// What earlier rotas hand on, in plain data.
#[derive(Debug, Clone, Default)]
pub struct Past {
    /// Start of the first earlier rota (the ledger's first day).
    pub first_start: Option<NaiveDate>,
    pub shifts: Vec<Shift>,
    pub holds: Vec<Hold>,
    pub earned: Vec<Credit>,
    pub taken: Vec<CompDay>,
}

impl Past {
    pub fn of(rotas: &[&Rota]) -> Past {
        let mut p = Past {
            first_start: rotas.iter().map(|r| r.start).min(),
            ..Past::default()
        };
        for r in rotas {
            p.shifts.extend(r.shifts.iter().cloned());
            p.holds.extend(r.duty.holds.iter().cloned());
            p.earned.extend(r.duty.earned.iter().cloned());
            p.taken.extend(r.duty.taken.iter().cloned());
        }
        p
    }

    /// The comp-day balance handed on: the config's opening balance plus
    /// everything earned, minus everything taken, in earlier rotas.
    pub fn balance(&self, cfg: &Config, agent: &str) -> f64 {
        let opening = cfg.agent(agent).map_or(0.0, |(_, a)| a.comp_opening);
        let earned: f64 = self.earned.iter().filter(|c| c.agent == agent).map(|c| c.days).sum();
        let taken = self.taken.iter().filter(|c| c.agent == agent).count() as f64;
        opening + earned - taken
    }

    /// The day the config's opening balance counts as earned (for due dates).
    pub fn opening_day(&self, start: NaiveDate) -> NaiveDate {
        self.first_start.unwrap_or(start).pred_opt().unwrap_or(start)
    }
}

/// The directory a file is in ("." for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// What the earlier rotas beside the rota file at `path` (starting `start`) sum up to.
pub fn past_beside(path: &Path, start: NaiveDate, cfg: &Config) -> Result<Past, Error> {
    let earlier = before(folder_of(path), start, cfg)?;
    Ok(Past::of(&earlier.iter().map(|l| &l.rota).collect::<Vec<_>>()))
}

/// The chain ending with the rota at `path` (read whatever its name): the
/// rotas in its directory leading up to its start, then the rota itself.
pub fn ending_with(path: &Path, cfg: &Config) -> Result<Vec<Loaded>, Error> {
    let (rota, src) = Rota::read(path)?;
    belongs(cfg, &rota).map_err(|why| {
        Error::invalid(
            format!("cannot continue after {}: {why}", path.display()),
            Some("continue after a rota planned from this config".into()),
        )
    })?;
    let dir = folder_of(path);
    let same = |l: &Loaded| std::fs::canonicalize(&l.path).ok() == std::fs::canonicalize(path).ok();
    let mut chain: Vec<Loaded> = before(dir, rota.start, cfg)?.into_iter().filter(|l| !same(l)).collect();
    chain.push(Loaded {
        path: path.to_path_buf(),
        rota,
        src,
    });
    Ok(chain)
}

#[cfg(test)]
mod tests {
    use super::mostly_known;

    fn known(names: &[&str], ours: &[&str]) -> Result<(), String> {
        mostly_known("agents", names.iter().copied(), |n| ours.contains(&n))
    }

    #[test]
    fn at_least_half_of_the_distinct_names_must_be_known() {
        let ours = ["ana", "bo", "cy"];
        assert!(known(&[], &ours).is_ok(), "an empty rota belongs");
        assert!(known(&["ana", "bo", "cy"], &ours).is_ok());
        assert!(known(&["ana"], &ours).is_ok(), "someone was hired since");
        assert!(known(&["ana", "dee"], &ours).is_ok(), "someone left: half");
        // Counted by name, not by shift: many shifts of one leaver do not outweigh.
        assert!(known(&["dee", "dee", "dee", "ana", "bo"], &ours).is_ok());
        let err = known(&["ana", "dee", "eve"], &ours).unwrap_err();
        assert_eq!(err, "2 of its 3 agents are not in the config (`dee`, `eve`)");
        let err = known(&["p", "q", "r", "s"], &ours).unwrap_err();
        assert_eq!(err, "4 of its 4 agents are not in the config (`p`, `q`, `r`, …)");
    }
}
