//! Typed errors of the library and the process exit codes they map to.
//!
//! Everything a user can get wrong (a config, a rota file, a flag) becomes a
//! [`Error`] carrying enough context to print one clear message; the binary
//! turns it into exit code 2. Nothing in the library panics on bad input.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::path::PathBuf;
use thiserror::Error as ThisError;

/// Process exit codes, shared by every subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything fine: full coverage, no broken rule.
    Ok = 0,
    /// The rota has gaps or violations, or the problem is infeasible.
    Findings = 1,
    /// Usage or input error: bad flags, a malformed config or rota file.
    Input = 2,
    /// `plan` was stopped by Ctrl-C; the best rota found was still written.
    Interrupted = 130,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}

/// A problem in a source file, pointing at the exact place (file:line:col).
#[derive(Debug, ThisError, Diagnostic)]
#[error("{message}")]
pub struct SourceError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

/// Every failure the library reports.
#[derive(Debug, ThisError, Diagnostic)]
pub enum Error {
    /// A config or rota file is malformed or inconsistent at a known place.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(Box<SourceError>),

    /// A semantic problem without one place in a file to point at.
    #[error("{message}")]
    Invalid {
        message: String,
        #[help]
        help: Option<String>,
    },

    /// A file could not be read or written.
    #[error("{action} {path}: {err}")]
    Io {
        action: &'static str,
        path: PathBuf,
        err: std::io::Error,
    },

    /// The solver failed in a way that is not a property of the input.
    #[error("solver failed: {0}")]
    Solver(String),
}

impl Error {
    /// The exit code this error maps to.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Solver(_) => Exit::Findings,
            _ => Exit::Input,
        }
    }

    pub fn invalid(message: impl Into<String>, help: Option<String>) -> Self {
        Error::Invalid {
            message: message.into(),
            help,
        }
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            err: source,
        }
    }
}

/// A loaded source file, kept so that later stages can point into it.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn read(path: &std::path::Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("cannot read", path, e))?;
        Ok(Source {
            name: path.display().to_string(),
            text,
        })
    }

    /// Byte offset → 1-based line: line starts once, then a binary search per
    /// lookup, so looking up every line of a large file stays linear.
    pub fn line_lookup(&self) -> impl Fn(usize) -> usize + '_ {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        move |offset| starts.partition_point(|&s| s <= offset)
    }

    /// An error pointing at `span` (byte range) of this file.
    pub fn error(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> Error {
        let span = clamp(span, self.text.len());
        Error::Source(Box::new(SourceError {
            message: message.into(),
            src: NamedSource::new(self.name.clone(), self.text.clone()),
            span: span.into(),
            label: label.into(),
            help,
        }))
    }
}

fn clamp(span: std::ops::Range<usize>, len: usize) -> std::ops::Range<usize> {
    let start = span.start.min(len);
    start..span.end.clamp(start, len)
}
