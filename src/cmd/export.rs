//! `sunrota export ics|csv CONFIG ROTA`: calendars and spreadsheets.

use crate::cli::ExportCommand;
use crate::error::{Error, Exit};

pub fn export(cmd: &ExportCommand) -> Result<Exit, Error> {
    let _ = cmd;
    Err(Error::invalid("export: not built yet", None))
}
