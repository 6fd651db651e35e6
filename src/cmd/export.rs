//! `sunrota export ics|csv CONFIG ROTA`: calendars into a directory, CSV to
//! stdout or a file. Nothing is half-written: every file is written whole
//! (atomically), and a calendar that is not this team's earlier export is not
//! replaced without `--force`.

use crate::cli::{CsvArgs, ExportCommand, IcsArgs};
use crate::error::{Error, Exit};
use crate::export::{csv, ics};
use std::path::Path;

pub fn export(cmd: &ExportCommand) -> Result<Exit, Error> {
    match cmd {
        ExportCommand::Ics(args) => export_ics(args),
        ExportCommand::Csv(args) => export_csv(args),
    }
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

/// The team's name: the config file's stem ("follow-the-sun").
fn team(config: &Path) -> String {
    config
        .file_stem()
        .map_or_else(|| "team".into(), |s| s.to_string_lossy().into_owned())
}

/// This export's time: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
fn now() -> Result<chrono::DateTime<chrono::Utc>, Error> {
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
    let stamp = now()?;
    let dir = &args.output;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::invalid(
            format!("{} is a file, not a directory", dir.display()),
            Some("give a directory for the calendars, e.g. -o calendars/".into()),
        ));
    }
    let l = super::load(&args.input)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    let team = team(&args.input.config);
    let ex = ics::Export {
        team: &team,
        now: stamp,
    };
    let previous = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map(|t| ics::Previous::read(&t))
            .unwrap_or_default()
    };
    let files = ics::calendars(&l.cfg, &l.rota, &ex, &previous);
    // Refuse before writing anything: all files or none.
    for f in &files {
        guard(&dir.join(&f.name), &team, args.force)?;
    }
    for f in &files {
        crate::write::atomic(&dir.join(&f.name), &f.text)?;
    }
    let events: usize = files.iter().map(|f| f.events).sum();
    crate::stdoutln!(
        "{} calendar(s), {events} event(s) written to {} (UIDs stable: importing again updates them)",
        files.len(),
        dir.display()
    );
    Ok(Exit::Ok)
}

/// An existing file may be replaced when it is this team's earlier export
/// (that is how calendars are updated) or with `--force`.
fn guard(path: &Path, team: &str, force: bool) -> Result<(), Error> {
    if force || !path.exists() {
        return Ok(());
    }
    let mark = format!("{}:{team}\r\n", ics::TEAM_PROPERTY);
    if std::fs::read_to_string(path).is_ok_and(|t| t.contains(&mark)) {
        return Ok(());
    }
    Err(Error::invalid(
        format!(
            "{} exists and is not an earlier sunrota export of team `{team}`; not replacing it",
            path.display()
        ),
        Some("pass --force to replace it, or export into another directory".into()),
    ))
}
