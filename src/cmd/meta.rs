//! `schema`, `completions` and `man`: what editors and shells need to know
//! about sunrota, generated from the config types and the clap definitions.
//!
//! Each prints to stdout; a reader that stops early (`sunrota man | head`)
//! ends the output quietly instead of panicking.

use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Exit};
use clap::CommandFactory;
use std::io::{self, Write};

/// `sunrota schema`: the JSON Schema of the team config, pretty and stable.
pub fn schema() -> Result<Exit, Error> {
    let text = super::json(&crate::config::schema())?;
    emit(|out| write!(out, "{text}"))
}

/// `sunrota completions SHELL`: a completion script for SHELL.
pub fn completions(args: &CompletionsArgs) -> Result<Exit, Error> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "sunrota", &mut script);
    emit(|out| out.write_all(&script))
}

/// `sunrota man`: the man page, in roff.
pub fn man() -> Result<Exit, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::invalid(format!("cannot render the man page: {e}"), None))?;
    emit(|out| out.write_all(&page))
}

/// Writes to stdout; a closed pipe is the reader's choice, not an error.
fn emit(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<Exit, Error> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::io("cannot write", "stdout", e)),
        _ => Ok(Exit::Ok),
    }
}
