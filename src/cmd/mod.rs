//! One file per command: each turns its checked arguments into output
//! (`plan`, `check`, `ledger`, `now`, `import`, `show`, `export`, `report`, `diff`,
//! `swap`, `demand`, `size`, `publish`, and `meta` for schema, completions and man).
//! Shared here: loading a config with a rota planned from it, zone and width
//! flags, the one JSON rendering, and writing files without clobbering them.

pub mod check;
pub mod demand;
pub mod diff;
pub mod export;
pub mod import;
#[cfg(feature = "solver")]
pub mod keep;
pub mod ledger;
pub mod meta;
pub mod now;
#[cfg(feature = "solver")]
pub mod plan;
#[cfg(feature = "publish")]
pub mod publish;
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
    note_strangers(cfg, &rota, &src.name);
    let past = crate::history::past_beside(path, rota.start, cfg)?;
    Ok((rota, past))
}

/// A rota of the team may name agents or templates the config no longer has
/// (someone left): what they hold cannot be placed, so it is not counted —
/// said on stderr, since only `check` reports it as a finding.
fn note_strangers(cfg: &Config, rota: &Rota, name: &str) {
    let strangers: std::collections::BTreeSet<&str> = rota
        .shifts
        .iter()
        .filter(|s| cfg.agent(&s.agent).is_none() || cfg.template(&s.template).is_none())
        .map(|s| {
            if cfg.agent(&s.agent).is_none() {
                s.agent.as_str()
            } else {
                s.template.as_str()
            }
        })
        .chain(
            rota.duty
                .holds
                .iter()
                .filter(|h| cfg.agent(&h.agent).is_none())
                .map(|h| h.agent.as_str()),
        )
        .collect();
    if !strangers.is_empty() {
        let names: Vec<String> = strangers.iter().map(|n| format!("`{n}`")).collect();
        crate::stderrln!(
            "note: {name} names {}, not in the config: their shifts and holds are not counted here \
             (`sunrota check` lists them)",
            names.join(", ")
        );
    }
}

/// Refuses a rota planned for another team (see [`crate::history::belongs`]).
pub(crate) fn belongs(cfg: &Config, rota: &Rota, name: &str, config: &Path) -> Result<(), Error> {
    crate::history::belongs(cfg, rota).map_err(|why| {
        Error::invalid(
            format!("{name} was not planned from {}: {why}", config.display()),
            Some("pass the config the rota was planned from".into()),
        )
    })
}

/// A command's JSON document, as printed: pretty, with a final newline. The
/// one place every `--format json` is rendered.
pub fn json<T: serde::Serialize + ?Sized>(doc: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(doc)
        .map(|t| t + "\n")
        .map_err(|e| Error::invalid(format!("cannot write JSON: {e}"), None))
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

/// Where a command that renders a rota writes: the command's config and
/// rota are its inputs. Its [`crate::write::Target::guard`] runs before the
/// files are read; whether an existing file differs, once the output is rendered.
pub fn output_target<'a>(path: &'a Path, force: bool, input: &RotaArgs) -> crate::write::Target<'a> {
    crate::write::Target {
        path,
        force,
        inputs: vec![input.config.clone(), input.rota.clone()],
    }
}

/// Writes `text` to `path` unless that would destroy something (see
/// [`crate::write`]).
pub fn write_output(path: &Path, text: &str, force: bool, input: &RotaArgs) -> Result<(), Error> {
    output_target(path, force, input).write(text).map(|_| ())
}
