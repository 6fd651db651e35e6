//! Prose fitted to a width: gap lines, why reasons, notes, warnings and
//! hints wrap at word boundaries (spaces only — never inside a rule id, a
//! date or a path) with a hanging indent. Without a width (piped output and
//! no `--width`) every item stays one line, so `grep` finds it whole. Tables
//! are fitted by comfy-table ([`super::fit`]) and the weekly grid by
//! [`super::grid`]; this module owns the lines between them.

use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

/// Columns a continuation line is indented deeper than the line it
/// continues (and than the line below it, when that one is deeper).
pub const HANG: usize = 4;

/// One item: `text` (a single line) with `indent` spaces before its first
/// line and `hang` before each continuation line; every line ends in `\n`.
pub fn item(text: &str, indent: usize, hang: usize, width: Option<usize>) -> String {
    let (first, rest) = (" ".repeat(indent), " ".repeat(hang));
    let Some(width) = width else {
        return format!("{first}{text}\n");
    };
    let options = Options::new(width)
        .initial_indent(&first)
        .subsequent_indent(&rest)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .break_words(false);
    let mut out = String::new();
    for line in textwrap::wrap(text, options) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Every line of `text` wrapped as an [`item`]: a continuation is indented
/// [`HANG`] columns deeper than its line, or than the line below when that
/// one is deeper (a gap line's `why` at 4 and reasons at 6 put the gap's
/// own continuation at 8), so a continuation never starts where a line of
/// its own would. Without a width, `text` comes back as it is.
pub fn block(text: &str, width: Option<usize>) -> String {
    if width.is_none() {
        return text.to_string();
    }
    let lines: Vec<&str> = text.lines().collect();
    let depth = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let own = depth(line);
        let below = lines.get(i + 1).map_or(0, |l| depth(l));
        let hang = own.max(below) + HANG;
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str(&item(&line[own..], own, hang, width));
        }
    }
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHECK: &str = "rota.toml:47: error[min-consecutive-days-off]: dev 2027-01-07: only 1 day(s) off between 2027-01-06 and 2027-01-08 (minimum 2)\n\
rota.toml: gap: Wed 2026-03-04 14:30 – 15:00 UTC (0h30): 3 of 4 agents on duty (1 missing) — 24/7 ×1 + Mon-Fri 06:00-22:00 ×1 phone\n    why (not proven unavoidable):\n      ron: late Thu 2026-03-05 — rest: 8h00 rest between the shift ending Thu 2026-03-05 22:00 +00:00 and the next\n";

    #[test]
    fn without_a_width_nothing_changes() {
        assert_eq!(block(CHECK, None), CHECK);
        assert_eq!(item("a b c", 2, 6, None), "  a b c\n");
    }

    #[test]
    fn every_line_fits_and_continuations_hang_below_the_structure() {
        let out = block(CHECK, Some(60));
        for l in out.lines() {
            assert!(l.chars().count() <= 60, "{l:?} is over 60:\n{out}");
        }
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "rota.toml:47: error[min-consecutive-days-off]: dev");
        assert_eq!(lines[1], "    2027-01-07: only 1 day(s) off between 2027-01-06 and");
        // The gap line's continuation is deeper than its why (4) and reasons (6).
        let gap = lines.iter().position(|l| l.starts_with("rota.toml: gap:")).unwrap();
        let depth = |l: &str| l.len() - l.trim_start().len();
        assert_eq!(depth(lines[gap + 1]), 8, "{out}");
        let why = lines.iter().position(|l| l.starts_with("    why (")).unwrap();
        assert!(lines[why + 1].starts_with("      ron: late"));
        assert_eq!(depth(lines[why + 2]), 10, "{out}");
        // Only spaces break: no word is cut, none is lost.
        let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(words(&out), words(CHECK));
    }

    #[test]
    fn a_word_longer_than_the_width_stays_whole() {
        let out = item("see /a/very/long/path/to/a/rota/file.toml now", 0, 4, Some(10));
        assert_eq!(out, "see\n    /a/very/long/path/to/a/rota/file.toml\n    now\n");
    }
}
