//! The commands that read a committed rota (`show`, `export`, `report`) and
//! the editor/shell helpers (`schema`, `completions`, `man`): each turns its
//! checked arguments into output. Shared here: loading a config with a rota
//! planned from it, zone flags, and writing files without clobbering them.

pub mod demand;
pub mod diff;
pub mod export;
pub mod keep;
pub mod meta;
pub mod report;
pub mod show;
#[cfg(feature = "solver")]
pub mod size;
pub mod swap;

use crate::cli::RotaArgs;
use crate::config::Config;
use crate::error::Error;
use crate::rota::Rota;
use chrono_tz::Tz;
use std::path::Path;

/// A config and a rota planned from it.
pub struct Loaded {
    pub cfg: Config,
    pub rota: Rota,
    /// The earlier rotas beside it that it continues, as `check` reads them.
    pub past: crate::history::Past,
}

/// Reads both files and refuses a rota that was not planned from this config.
pub fn load(input: &RotaArgs) -> Result<Loaded, Error> {
    let cfg = Config::load(&input.config)?;
    let (rota, past) = load_rota(&cfg, &input.config, &input.rota)?;
    Ok(Loaded { cfg, rota, past })
}

/// A rota planned from `cfg` (read from `config`), with its earlier rotas.
pub fn load_rota(cfg: &Config, config: &Path, path: &Path) -> Result<(Rota, crate::history::Past), Error> {
    let (rota, src) = Rota::read(path)?;
    belongs(cfg, &rota, &src.name, config)?;
    let past = crate::history::past_beside(path, rota.start)?;
    Ok((rota, past))
}

/// A rota names its coverage zone, agents, templates and duties: all of them
/// must be the config's, or the rota was planned from another team.
fn belongs(cfg: &Config, rota: &Rota, name: &str, config: &Path) -> Result<(), Error> {
    let other = |what: String| {
        Error::invalid(
            format!("{name} was not planned from {}: {what}", config.display()),
            Some("pass the config the rota was planned from".into()),
        )
    };
    if rota.zone != cfg.coverage.zone.name() {
        return Err(other(format!(
            "its coverage zone is {} but the config's is {}",
            rota.zone,
            cfg.coverage.zone.name()
        )));
    }
    let agents = rota
        .shifts
        .iter()
        .map(|s| &s.agent)
        .chain(rota.duty.holds.iter().map(|h| &h.agent));
    if let Some(a) = agents.into_iter().find(|a| cfg.agent(a).is_none()) {
        return Err(other(format!("agent `{a}` is not in the config")));
    }
    if let Some(s) = rota.shifts.iter().find(|s| cfg.template(&s.template).is_none()) {
        return Err(other(format!("template `{}` is not in the config", s.template)));
    }
    if let Some(h) = rota
        .duty
        .holds
        .iter()
        .find(|h| !cfg.duties.iter().any(|d| d.name == h.duty))
    {
        return Err(other(format!("on-call duty `{}` is not in the config", h.duty)));
    }
    Ok(())
}

/// A `--tz`-style flag: an IANA zone, with the closest names as a hint.
pub fn zone_flag(flag: &str, text: &str) -> Result<Tz, Error> {
    text.parse::<Tz>().map_err(|_| {
        let near = crate::config::values::closest_zones(text);
        Error::invalid(
            format!("unknown time zone `{text}` for {flag}"),
            (!near.is_empty()).then(|| format!("did you mean {}?", near.join(", "))),
        )
    })
}

/// The width tables are fitted to: `--width`, else the terminal's when stdout
/// is one; piped output is not fitted, so it keeps a stable layout.
pub fn fit_width(flag: Option<u16>) -> Option<usize> {
    use std::io::IsTerminal;
    flag.map(usize::from).or_else(|| {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        comfy_table::Table::new().width().map(usize::from)
    })
}

/// Writes `text` to `path` atomically; an existing file is replaced only with
/// `force` or when it already holds exactly `text`.
pub fn write_new(path: &Path, text: &str, force: bool) -> Result<(), Error> {
    if path.is_dir() {
        return Err(Error::invalid(
            format!("{} is a directory", path.display()),
            Some("give the name of a file to write".into()),
        ));
    }
    if path.exists() && !force {
        if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
            return Ok(());
        }
        return Err(Error::invalid(
            format!("{} exists; not replacing it", path.display()),
            Some("pass --force to replace it, or choose another file".into()),
        ));
    }
    make_parent(path)?;
    crate::rota::write_atomic(path, text)
}

/// Refuses an output path that is the config or the rota read (even with `--force`).
pub fn not_an_input(out: &Path, input: &RotaArgs) -> Result<(), Error> {
    let same = |p: &Path| match (std::fs::canonicalize(out), std::fs::canonicalize(p)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match [&input.config, &input.rota].into_iter().find(|p| same(p)) {
        Some(p) => Err(Error::invalid(
            format!("{} is an input of this command; not writing over it", p.display()),
            Some("choose another output file".into()),
        )),
        None => Ok(()),
    }
}

/// Creates the directory a file will be written into.
pub fn make_parent(path: &Path) -> Result<(), Error> {
    match path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e)),
        None => Ok(()),
    }
}
