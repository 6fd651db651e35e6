//! `check --format github`: GitHub Actions workflow commands, so that a CI
//! run marks each broken rule on the rota file's line and lists each gap.
//!
//! One `::error` per broken rule, gap and unmet shift demand, a `::warning`
//! for a summary check cannot confirm, and the table format's closing line.
//! Values are escaped as GitHub's toolkit does: `%`, CR and LF everywhere,
//! and `:` and `,` too inside properties (`file=`, `title=`).

use super::{gaps, shortage_line, why_text};
use crate::check::Findings;
use crate::config::Config;
use crate::error::Error;
use crate::explain::Why;

/// Escapes a message: `%`, `\r`, `\n`.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as a message, and `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command: `::KIND file=…,line=…,col=…,title=…::message`.
pub fn command(kind: &str, file: &str, place: Option<(usize, Option<usize>)>, title: &str, message: &str) -> String {
    let mut props = format!("file={}", escape_property(file));
    if let Some((line, col)) = place {
        props.push_str(&format!(",line={line}"));
        if let Some(col) = col {
            props.push_str(&format!(",col={col}"));
        }
    }
    props.push_str(&format!(",title={}", escape_property(title)));
    format!("::{kind} {props}::{}\n", escape_data(message))
}

/// The annotation for bad input (`check` then exits 2): on the file, line
/// and column it is about where there is one.
pub fn input_error(e: &Error) -> String {
    let help = match &e {
        Error::Invalid { help: Some(h), .. } => format!("\nhelp: {h}"),
        Error::Source(s) => s.help.as_ref().map(|h| format!("\nhelp: {h}")).unwrap_or_default(),
        _ => String::new(),
    };
    let message = format!("{e}{help}");
    let title = "sunrota: bad input";
    match e.place() {
        Some((file, place)) => command("error", &file, place.map(|(l, c)| (l, Some(c))), title, &message),
        None => format!("::error title={}::{}\n", escape_property(title), escape_data(&message)),
    }
}

/// The annotations for one checked rota `file`.
pub fn check(cfg: &Config, file: &str, f: &Findings, whys: &[Why]) -> String {
    let mut out = String::new();
    for v in &f.violations {
        let title = format!("sunrota: broken rule {}", v.rule);
        let place = v.line.map(|l| (l, None));
        out.push_str(&command(
            "error",
            file,
            place,
            &title,
            &format!("{}: {}", super::violation_subject(v), v.message),
        ));
    }
    for s in gaps::stretches(&f.gaps) {
        let why = why_text(whys, &s, "  ");
        let message = format!("{}\n{why}", gaps::line(&s, cfg.coverage.zone));
        out.push_str(&command(
            "error",
            file,
            None,
            "sunrota: coverage gap",
            message.trim_end(),
        ));
    }
    for sh in &f.shortages {
        out.push_str(&command(
            "error",
            file,
            None,
            "sunrota: shift demand short",
            &shortage_line(sh),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_github_does() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("C:\\rota, 1%\n"), "C%3A\\rota%2C 1%25%0A");
    }

    #[test]
    fn a_command_has_its_place_only_when_known() {
        assert_eq!(
            command(
                "error",
                "s/a,b.toml",
                Some((12, None)),
                "rule: rest",
                "ana 2026-03-02: 9h < 11h"
            ),
            "::error file=s/a%2Cb.toml,line=12,title=rule%3A rest::ana 2026-03-02: 9h < 11h\n"
        );
        assert_eq!(
            command("warning", "r.toml", Some((3, Some(7))), "t", "x\ny"),
            "::warning file=r.toml,line=3,col=7,title=t::x%0Ay\n"
        );
        assert_eq!(
            command("error", "r.toml", None, "t", "m"),
            "::error file=r.toml,title=t::m\n"
        );
    }
}
