//! `plan --keep ROTA [--from DATE]`: reading the rota to keep (same config,
//! same horizon), and the changes the new rota makes to it.

use crate::config::Config;
use crate::error::Error;
use crate::history::Past;
use crate::model::keep::Keep;
use crate::report::diff::{self, RotaDiff};
use crate::rota::Rota;
use chrono::NaiveDate;
use std::path::Path;

/// The rota to keep, read and checked against the config.
pub struct Kept {
    pub keep: Keep,
    pub rota: Rota,
    past: Past,
}

/// Reads `path` for `--keep`: a rota of this config over this config's
/// horizon (after `--after` moved it), with `--from` inside that horizon.
pub fn load(cfg: &Config, config: &Path, path: &Path, from: Option<&str>) -> Result<Kept, Error> {
    let (rota, past) = super::load_rota(cfg, config, path)?;
    if (rota.start, rota.weeks) != (cfg.horizon.start, cfg.horizon.weeks) {
        return Err(Error::invalid(
            format!(
                "{} covers {} week(s) from {}, but this plan covers {} week(s) from {}",
                path.display(),
                rota.weeks,
                rota.start,
                cfg.horizon.weeks,
                cfg.horizon.start
            ),
            Some("--keep takes the rota of the same horizon (with --after, the rota that follows it)".into()),
        ));
    }
    let from = from.map(|t| from_date(cfg, t)).transpose()?;
    let broken = crate::check::check(cfg, &rota, &past, &|_| 0).violations;
    if let Some(v) = broken.first() {
        crate::stderrln!(
            "warning: the kept rota {} breaks {} rule(s) (first: [{}] {} {}: {}); the plan changes what it must to keep them",
            path.display(),
            broken.len(),
            v.rule,
            v.agent,
            v.first,
            v.message
        );
    }
    Ok(Kept {
        keep: Keep::of(cfg, &rota, from),
        rota,
        past,
    })
}

/// `--from DATE`: a date of the horizon.
fn from_date(cfg: &Config, text: &str) -> Result<NaiveDate, Error> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            format!("--from `{text}` is not a date"),
            Some("e.g. --from 2026-03-16".into()),
        )
    })?;
    if date < cfg.horizon.start || date > cfg.horizon.end() {
        return Err(Error::invalid(
            format!(
                "--from {date} is outside the horizon {} – {}",
                cfg.horizon.start,
                cfg.horizon.end()
            ),
            None,
        ));
    }
    Ok(date)
}

/// What the new rota changes, per agent, and the coverage before and after.
pub fn changes(cfg: &Config, kept: &Kept, new: &Rota) -> RotaDiff {
    let tz = cfg.coverage.zone;
    let before = crate::check::check(cfg, &kept.rota, &kept.past, &|_| 0).gaps;
    diff::diff(
        cfg,
        &kept.rota,
        new,
        diff::coverage(&before, tz),
        diff::coverage(&new.gaps, tz),
    )
}
