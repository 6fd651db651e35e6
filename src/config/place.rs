//! `[rota]`: the team's name, the directory its rotas live in, and the
//! fingerprint every rota file records so that `--after`, `check` and
//! `ledger` never mix the rotas of two teams. Also the rule for names
//! (agents, templates, duties, skills, the team): printable and non-empty.

use super::raw::{RawPlace, Spanned};
use crate::error::{Error, Source};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};

/// Which team a config (and every rota planned from it) belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `[rota] team`: a config without one is unnamed, and its rotas carry no mark.
    pub team: Option<String>,
    /// Identifies a named team: its name and its coverage zone (agents come
    /// and go; a new name or zone starts a new team).
    pub fingerprint: Option<String>,
    /// `[rota] dir`, resolved against the config's directory.
    pub dir: Option<PathBuf>,
}

/// FNV-1a, 64 bits: stable across versions and platforms (unlike
/// `DefaultHasher`); team fingerprints and calendar UIDs.
pub fn fnv64(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The fingerprint of team `name` covering in `zone`.
pub fn fingerprint(name: &str, zone: Tz) -> String {
    format!("{:016x}", fnv64(&format!("{name}\n{}", zone.name())))
}

pub fn place(s: &Source, raw: Option<&Spanned<RawPlace>>, zone: Tz) -> Result<Place, Error> {
    let config = Path::new(&s.name);
    let team = match raw.and_then(|r| r.get_ref().team.as_ref()) {
        Some(t) => {
            name(s, t.span(), t.get_ref(), "team name")?;
            Some(t.get_ref().clone())
        }
        None => None,
    };
    let dir = raw.and_then(|r| r.get_ref().dir.as_ref()).map(|d| {
        let base = config.parent().unwrap_or(Path::new(""));
        let joined = base.join(d.get_ref());
        let tidied = tidy(&joined);
        // `..` after a symlink is not "up" lexically: tidy only when both name one place.
        match (std::fs::canonicalize(&joined), std::fs::canonicalize(&tidied)) {
            (Ok(a), Ok(b)) if a == b => tidied,
            _ => joined,
        }
    });
    if let (Some(d), Some(r)) = (&dir, raw.and_then(|r| r.get_ref().dir.as_ref())) {
        if r.get_ref().trim().is_empty() {
            return Err(s.error(r.span(), "the rota directory is empty", "here", None));
        }
        if d.is_file() {
            return Err(s.error(
                r.span(),
                format!("{} is a file, not a directory", d.display()),
                "here",
                Some("`dir` is relative to this config file".into()),
            ));
        }
    }
    Ok(Place {
        fingerprint: team.as_deref().map(|t| fingerprint(t, zone)),
        team,
        dir,
    })
}

/// `examples/../schedules` → `schedules`: a `..` drops the name before it
/// (lexically; where no name precedes it, it stays).
fn tidy(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match (c, out.last()) {
            (Component::CurDir, _) => {}
            (Component::ParentDir, Some(Component::Normal(_))) => {
                out.pop();
            }
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// Printable: no control characters, line or paragraph separators,
/// bidirectional marks, embeddings, overrides or isolates, or invisible
/// spaces. Zero-width (non-)joiners stay: Persian and Indic names need them.
fn printable(text: &str) -> bool {
    !text.is_empty() && text.trim() == text && !text.chars().any(hidden)
}

fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// A name must be printable, non-empty and without surrounding spaces.
pub fn name(s: &Source, span: std::ops::Range<usize>, text: &str, what: &str) -> Result<(), Error> {
    if printable(text) {
        return Ok(());
    }
    let shown: String = text.escape_debug().take(40).collect();
    Err(s.error(
        span,
        format!("{what} \"{shown}\" is not a plain name"),
        "this name",
        Some("names must be non-empty, without surrounding spaces, control characters or direction overrides".into()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rota_dirs_are_tidied_lexically() {
        assert_eq!(tidy(Path::new("examples/../schedules/x")), PathBuf::from("schedules/x"));
        assert_eq!(tidy(Path::new("../schedules")), PathBuf::from("../schedules"));
        assert_eq!(tidy(Path::new("a/./b/../../c")), PathBuf::from("c"));
        assert_eq!(tidy(Path::new("a/..")), PathBuf::from("."));
    }

    #[test]
    fn names_are_printable_and_non_empty() {
        for bad in [
            "",
            " ana",
            "ana\n",
            "a\u{0}b",
            "\u{202e}ana",
            "ana\u{2066}",
            "a\u{2028}b",
            "a\u{061c}b",
            "a\u{200f}",
        ] {
            assert!(!printable(bad), "{bad:?}");
        }
        for good in [
            "ana",
            "Ana María",
            "李伟",
            "o'brien-2",
            "علی\u{200c}زاده",
            "👩\u{200d}💻",
        ] {
            assert!(printable(good), "{good:?}");
        }
    }

    #[test]
    fn the_fingerprint_is_stable_and_names_the_team_and_zone() {
        // Fixed across versions and platforms: rota files record it.
        assert_eq!(fingerprint("phone-team", Tz::UTC), fingerprint("phone-team", Tz::UTC));
        assert_eq!(fnv64(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(
            fingerprint("phone-team", Tz::UTC),
            fingerprint("follow-the-sun", Tz::UTC)
        );
        assert_ne!(fingerprint("t", Tz::UTC), fingerprint("t", Tz::Europe__Dublin));
    }
}
