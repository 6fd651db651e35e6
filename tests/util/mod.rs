//! Helpers shared by every test binary: run the built `sunrota` in a
//! temporary directory and assert on what it printed (`cmd`), a team config
//! in its own temporary directory (`dir`), a small builder for team configs
//! (`team`), an independent reader of rota files (`rota`), and the paging
//! vendors' OpenAPI schemas as validators (`openapi`).
//!
//! Each binary includes this with `#[path = "../util/mod.rs"] mod util;` and
//! its topic modules `use crate::util::*;`. Not every binary uses every
//! helper, hence the `dead_code` allowance.
#![allow(dead_code, unused_imports)]

pub mod cmd;
pub mod dir;
pub mod openapi;
pub mod rota;
pub mod team;

pub use cmd::{sunrota, Cmd, Run};
pub use dir::TeamDir;
pub use rota::*;
pub use team::Team;

// What most topic modules need, so each can start with `use crate::util::*;`.
pub use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
pub use chrono_tz::Tz;
pub use serde_json::Value as Json;
pub use std::collections::BTreeSet;
pub use std::ffi::OsStr;
pub use std::path::{Path, PathBuf};
pub use tempfile::TempDir;

/// The built binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_sunrota");
/// The repository root (examples/, schedules/, tests/data/).
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A path in the repository, e.g. `repo("schedules/follow-the-sun.toml")`.
pub fn repo(p: &str) -> PathBuf {
    Path::new(ROOT).join(p)
}

/// A config of `examples/`.
pub fn example(name: &str) -> PathBuf {
    Path::new(ROOT).join("examples").join(name)
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Reads a text file; the message names the file.
#[track_caller]
pub fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

/// Writes a file, creating its directory first.
#[track_caller]
pub fn write(p: impl AsRef<Path>, text: impl AsRef<[u8]>) {
    if let Some(d) = p.as_ref().parent() {
        std::fs::create_dir_all(d).expect("create dir");
    }
    std::fs::write(p.as_ref(), text).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()));
}

/// A path as the binary prints it.
pub fn shown(p: &Path) -> String {
    p.display().to_string()
}
