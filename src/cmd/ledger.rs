//! `sunrota ledger`: the comp-day books over the team's rotas.

use crate::cli::{Format, LedgerArgs};
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::{history, ledger};

pub fn ledger(args: &LedgerArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    let dir = args
        .dir
        .clone()
        .or_else(|| cfg.place.dir.clone())
        .unwrap_or_else(|| "schedules".into());
    let rotas = history::load_dir(&dir, &cfg)?;
    let books = ledger::ledger(&cfg, &rotas);
    match args.format {
        Format::Table => {
            crate::stdout!("{}", ledger::ledger_text(&books));
        }
        Format::Json => {
            crate::stdout!("{}", super::json(&books)?);
        }
    }
    Ok(if books.is_clean() { Exit::Ok } else { Exit::Findings })
}
