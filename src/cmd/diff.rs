//! `sunrota diff CONFIG A B`: what changed between two rotas, per agent in
//! local time, and the coverage each leaves (as `check` finds it).

use crate::check;
use crate::cli::{DiffArgs, Format};
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::report::diff;

pub fn diff(args: &DiffArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    let (a, past_a) = super::load_rota(&cfg, &args.config, &args.before)?;
    let (b, past_b) = super::load_rota(&cfg, &args.config, &args.after)?;
    if (a.start, a.weeks) != (b.start, b.weeks) {
        crate::stderrln!(
            "note: the rotas cover different horizons ({} week(s) from {} and {} week(s) from {}): \
             what only one covers shows as removed or added",
            a.weeks,
            a.start,
            b.weeks,
            b.start
        );
    }
    let tz = cfg.coverage.zone;
    let before = diff::coverage(&check::check(&cfg, &a, &past_a, &|_| 0).gaps, tz);
    let after = diff::coverage(&check::check(&cfg, &b, &past_b, &|_| 0).gaps, tz);
    let d = diff::diff(&cfg, &a, &b, before, after);
    let text = match args.format {
        Format::Table => diff::text(
            &d,
            (&args.before.display().to_string(), &args.after.display().to_string()),
        ),
        Format::Json => super::json(&d)?,
    };
    crate::stdout!("{text}");
    Ok(if d.is_empty() { Exit::Ok } else { Exit::Findings })
}
