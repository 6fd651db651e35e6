//! Typed errors of the library and the process exit codes they map to.
//!
//! Everything a user can get wrong (a config, a rota file, a flag) becomes a
//! [`Error`] carrying enough context to print one clear message; the binary
//! turns it into exit code 2. Nothing in the library panics on bad input.

use crate::excerpt::{elide, Excerpt};
use miette::{Diagnostic, SourceSpan};
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

/// A problem in a source file, pointing at the exact place (`file:line:col`).
#[derive(Debug, ThisError, Diagnostic)]
#[error("{message}")]
pub struct SourceError {
    pub message: String,
    /// The lines around the place, cut to size ([`Excerpt`]).
    #[source_code]
    pub src: Excerpt,
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

    /// The file, and the 1-based line and column where known, this error is about.
    pub fn place(&self) -> Option<(String, Option<(usize, usize)>)> {
        match self {
            Error::Source(e) => Some((e.src.name().to_string(), e.src.place(&e.span))),
            Error::Io { path, .. } => Some((path.display().to_string(), None)),
            Error::Invalid { .. } | Error::Solver(_) => None,
        }
    }

    pub fn invalid(message: impl Into<String>, help: Option<String>) -> Self {
        Error::Invalid {
            message: elide(message.into()),
            help: help.map(elide),
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

/// The largest file sunrota reads: far above any rota (a 300-agent year is
/// about 25 MB), and a stop for `/dev/zero` or a mistyped path to a disk image.
pub const MAX_FILE: u64 = 256 << 20;

/// The bytes of `path`, at most [`MAX_FILE`] of them: a larger file (or an
/// endless one) is an error, not a read until memory runs out.
pub fn read_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(std::io::Error::other(format!(
            "it is larger than {} MiB, so it is not a file sunrota wrote or reads",
            MAX_FILE >> 20
        )));
    }
    Ok(bytes)
}

impl Source {
    pub fn read(path: &std::path::Path) -> Result<Self, Error> {
        let bytes = read_bounded(path).map_err(|e| Error::io("cannot read", path, e))?;
        let name = path.display().to_string();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source { name, text }),
            Err(e) => Err(Self::not_utf8(name, e.as_bytes(), e.utf8_error().valid_up_to())),
        }
    }

    /// A file that is not UTF-8, pointed at its first bad byte.
    fn not_utf8(name: String, bytes: &[u8], at: usize) -> Error {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let src = Source { name, text };
        // The text before `at` is valid, so its offsets are the file's.
        src.error(
            at..at + '\u{FFFD}'.len_utf8(),
            format!("{} is not UTF-8 text (byte {at} is not)", src.name),
            "not UTF-8",
            Some("sunrota reads UTF-8 files: save it as UTF-8".into()),
        )
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
        let (src, span) = Excerpt::new(&self.name, &self.text, span);
        Error::Source(Box::new(SourceError {
            message: elide(message.into()),
            src,
            span,
            label: elide(label.into()),
            help: help.map(elide),
        }))
    }
}

/// A TOML decoding message in plain words: Rust's type names (`i64`,
/// `struct RawAgent`, `sequence`) become what a config's reader knows.
pub fn plain_toml_message(message: &str) -> String {
    let mut out = message.trim().to_string();
    for (rust, plain) in [
        ("floating point", "decimal number"),
        ("sequence", "list"),
        ("a map", "a table"),
        ("type: map", "type: table"),
    ] {
        out = out.replace(rust, plain);
    }
    for int in ["i64", "i32", "i16", "i8", "isize"] {
        out = out.replace(&format!("expected {int}"), "expected a whole number");
    }
    for uint in ["u64", "u32", "u16", "u8", "usize"] {
        out = out.replace(&format!("expected {uint}"), "expected a whole number, 0 or more");
    }
    for float in ["f64", "f32"] {
        out = out.replace(&format!("expected {float}"), "expected a number");
    }
    // `expected struct RawAgent`: a table.
    while let Some(at) = out.find("expected struct ") {
        let name = at + "expected struct ".len();
        let end = out[name..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(out.len(), |e| name + e);
        out.replace_range(at..end, "expected a table");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain_toml_message as plain;

    #[test]
    fn rust_type_names_become_plain_words() {
        assert_eq!(
            plain("invalid type: string \"four\", expected i64"),
            "invalid type: string \"four\", expected a whole number"
        );
        assert_eq!(
            plain("invalid type: floating point `2.5`, expected u32\n"),
            "invalid type: decimal number `2.5`, expected a whole number, 0 or more"
        );
        assert_eq!(
            plain("invalid type: integer `5`, expected struct RawAgent"),
            "invalid type: integer `5`, expected a table"
        );
        assert_eq!(
            plain("invalid type: integer `3`, expected a sequence"),
            "invalid type: integer `3`, expected a list"
        );
        assert_eq!(
            plain("invalid type: sequence, expected f64"),
            "invalid type: list, expected a number"
        );
    }
}
