//! `sunrota show CONFIG ROTA`: a committed rota's views, no solver.

use crate::cli::ShowArgs;
use crate::error::{Error, Exit};

pub fn show(args: &ShowArgs) -> Result<Exit, Error> {
    let _ = super::load(&args.input)?;
    Err(Error::invalid("show: not built yet", None))
}
