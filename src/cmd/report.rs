//! `sunrota report CONFIG ROTA -o FILE`: the self-contained HTML report.

use crate::cli::ReportArgs;
use crate::error::{Error, Exit};

pub fn report(args: &ReportArgs) -> Result<Exit, Error> {
    super::output_target(&args.output, args.force, &args.input).guard()?;
    let loaded = super::load(&args.input)?;
    let tz = match &args.tz {
        Some(z) => super::zone_flag("--tz", z)?,
        None => loaded.cfg.coverage.zone,
    };
    let html = crate::export::html::html(&loaded.cfg, &loaded.rota, &loaded.past, tz);
    super::write_output(&args.output, &html, args.force, &args.input)?;
    crate::stdoutln!("Report written to {}", args.output.display());
    Ok(Exit::Ok)
}
