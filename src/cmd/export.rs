//! `sunrota export ics CONFIG [ROTA|DIR] -o DIR`: calendars into a directory,
//! each merged into the team's earlier calendar there (one feed per agent
//! across months); `export csv CONFIG ROTA`: CSV to stdout or a file;
//! `export pagerduty|datadog|opsgenie CONFIG ROTA`: an on-call duty as the
//! tool's create-overrides JSON body, to stdout or a file. Nothing
//! is half-written: every file is written whole (atomically), and a calendar
//! that is not this team's earlier export is not replaced without `--force`.

use crate::cli::{CsvArgs, ExportCommand, IcsArgs, PagingArgs};
use crate::config::paging::Tool;
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::export::{csv, ics, paging};
use crate::history;
use crate::rota::Rota;
use std::collections::BTreeMap;
use std::path::Path;

pub fn export(cmd: &ExportCommand) -> Result<Exit, Error> {
    match cmd {
        ExportCommand::Ics(args) => export_ics(args),
        ExportCommand::Csv(args) => export_csv(args),
        ExportCommand::Pagerduty(args) => export_paging(args, Tool::Pagerduty),
        ExportCommand::Datadog(args) => export_paging(args, Tool::Datadog),
        ExportCommand::Opsgenie(args) => export_paging(args, Tool::Opsgenie),
    }
}

/// One duty's holds as `tool`'s create-override body (JSON), printed or written whole.
fn export_paging(args: &PagingArgs, tool: Tool) -> Result<Exit, Error> {
    if let Some(path) = &args.output {
        super::output_target(path, args.force, &args.input).guard()?;
    }
    let l = super::load(&args.input)?;
    let duty = paging::duty(&l.cfg, args.duty.as_deref())?;
    let overrides = paging::overrides(&l.cfg, &l.rota, duty, tool)?;
    paging::unfilled(&l.rota, duty);
    let text = format!("{:#}\n", paging::body(tool, &overrides, duty));
    match &args.output {
        Some(path) => {
            super::write_output(path, &text, args.force, &args.input)?;
            crate::stderrln!(
                "{} {tool} override(s) of `{}` written to {}",
                overrides.len(),
                duty.name,
                path.display()
            );
        }
        None => crate::stdout!("{text}"),
    }
    Ok(Exit::Ok)
}

fn export_csv(args: &CsvArgs) -> Result<Exit, Error> {
    if let Some(path) = &args.output {
        super::output_target(path, args.force, &args.input).guard()?;
    }
    let l = super::load(&args.input)?;
    let text = if args.summary {
        csv::to_csv(&csv::summary_rows(&l.cfg, &l.rota))?
    } else {
        csv::to_csv(&csv::shift_rows(&l.cfg, &l.rota))?
    };
    match &args.output {
        Some(path) => {
            super::write_output(path, &text, args.force, &args.input)?;
            crate::stderrln!("CSV written to {}", path.display());
        }
        None => {
            crate::stdout!("{text}");
        }
    }
    Ok(Exit::Ok)
}

/// This export's time: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
pub fn now() -> Result<chrono::DateTime<chrono::Utc>, Error> {
    let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(chrono::Utc::now());
    };
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|s| *s >= 0)
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .ok_or_else(|| {
            Error::invalid(
                format!("SOURCE_DATE_EPOCH `{text}` is not a number of seconds since 1970"),
                Some("unset it to stamp the export with the current time".into()),
            )
        })
}

fn export_ics(args: &IcsArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    let rotas = rotas_to_export(&cfg, args)?;
    let stamp = now()?;
    let dir = &args.output;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::invalid(
            format!("{} is a file, not a directory", dir.display()),
            Some("give a directory for the calendars, e.g. -o calendars/".into()),
        ));
    }
    let team = cfg.place.team.as_deref();
    // Refuse before writing anything: all files or none.
    let mut earlier = BTreeMap::new();
    for name in ics::file_names(&cfg) {
        if let Some(text) = guard(&dir.join(&name), team, args.force)? {
            earlier.insert(name, text);
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    let ex = ics::Export {
        team,
        now: stamp,
        days_off: !args.no_days_off,
    };
    // Oldest first, each merged into what the one before left.
    let (mut files, mut fresh) = (Vec::new(), 0);
    for rota in &rotas {
        files = ics::calendars(&cfg, rota, &ex, &earlier);
        fresh += files.iter().map(|f| f.fresh).sum::<usize>();
        earlier = files.iter().map(|f| (f.name.clone(), f.text.clone())).collect();
    }
    for f in &files {
        crate::write::atomic(&dir.join(&f.name), &f.text)?;
    }
    let events: usize = files.iter().map(|f| f.events).sum();
    crate::stdoutln!(
        "{} calendar(s), {events} event(s) written to {}: {fresh} from {}, {} kept from other periods (UIDs stable: importing again updates them)",
        files.len(),
        dir.display(),
        span(&rotas),
        events.saturating_sub(fresh)
    );
    Ok(Exit::Ok)
}

/// "2027-01-04..2027-02-01", or "3 rotas 2027-01-04..2027-04-05".
fn span(rotas: &[Rota]) -> String {
    let (Some(first), Some(last)) = (rotas.first(), rotas.last()) else {
        return String::new();
    };
    let dates = format!("{}..{}", first.start, last.end());
    match rotas.len() {
        1 => dates,
        n => format!("{n} rotas {dates}"),
    }
}

/// The rota named (a file, or a directory: every rota of the team in it,
/// oldest first), else every rota in the config's `[rota] dir`.
fn rotas_to_export(cfg: &Config, args: &IcsArgs) -> Result<Vec<Rota>, Error> {
    let path = match (&args.rota, &cfg.place.dir) {
        (Some(p), _) => p,
        (None, Some(d)) => d,
        (None, None) => {
            return Err(Error::invalid(
                "no rota to export",
                Some("name a rota file or directory, or set [rota] dir in the config".into()),
            ))
        }
    };
    if !path.is_dir() {
        let (rota, src) = Rota::read(path)?;
        super::belongs(cfg, &rota, &src.name, &args.config)?;
        return Ok(vec![rota]);
    }
    let all = history::load_dir(path, cfg)?;
    if all.is_empty() {
        return Err(Error::invalid(
            format!("no rota of this team in {}", path.display()),
            Some("plan one with `sunrota plan CONFIG`".into()),
        ));
    }
    Ok(all.into_iter().map(|l| l.rota).collect())
}

/// An existing file may be replaced when it is this team's earlier export
/// (that is how calendars are updated: its text is returned, to merge into)
/// or with `--force` (then it is replaced whole). An unnamed team's calendars
/// are marked with an empty name.
fn guard(path: &Path, team: Option<&str>, force: bool) -> Result<Option<String>, Error> {
    if !path.exists() {
        return Ok(None);
    }
    let mark = format!("{}:{}\r\n", ics::TEAM_PROPERTY, team.unwrap_or_default());
    let text = crate::error::read_bounded(path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    match text {
        Some(t) if t.contains(&mark) => return Ok(Some(t)),
        _ if force => return Ok(None),
        _ => {}
    }
    let whose = match team {
        Some(t) => format!("team `{t}`"),
        None => "this unnamed team (no [rota] team in the config)".into(),
    };
    Err(Error::invalid(
        format!(
            "{} exists and is not an earlier sunrota export of {whose}; not replacing it",
            path.display()
        ),
        Some("pass --force to replace it, or export into another directory".into()),
    ))
}
