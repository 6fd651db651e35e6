//! Prose fits the width (issue 21): `check`, `show` and `swap` wrap gap
//! lines, why reasons and notes to `--width` with a hanging indent, keep the
//! first line of each `FILE:LINE:` item as it starts, and print one line per
//! item when piped without `--width`; a refused swap leads with the rules it
//! breaks and gives the gaps the rota already had as one line. Hand-made and
//! committed rotas only, so these run in the check-only build too.

use crate::util::{self, tempdir, Run};
use std::path::Path;

/// The hand-made rota of `tests/data/why/` (four gaps, each with reasons)
/// and its team, copied into `dir`.
fn why_team(dir: &Path) {
    for f in ["team.toml", "rota.toml"] {
        let text = util::read(Path::new(util::ROOT).join("tests/data/why").join(f));
        util::write(dir.join(f), text);
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    util::Cmd::new(args).dir(dir).run()
}

#[track_caller]
fn assert_fits(out: &Run, width: usize) {
    for line in out.stdout.lines() {
        let n = line.chars().count();
        assert!(n <= width, "{n} columns over --width {width}: `{line}`\n{out}");
    }
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn check_and_show_wrap_gap_lines_and_reasons_to_the_width() {
    let t = tempdir();
    why_team(t.path());
    let piped = run(t.path(), &["check", "team.toml", "rota.toml"]);
    piped.expect_code(1);
    let widest = piped.stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest > 120, "the reasons are long ({widest} columns)\n{piped}");
    for w in [60, 80] {
        let fitted = run(
            t.path(),
            &["check", "team.toml", "rota.toml", "--width", &w.to_string()],
        );
        fitted.expect_code(1);
        assert_fits(&fitted, w);
        // Only line breaks differ: no word is cut, lost or moved.
        assert_eq!(words(&fitted.stdout), words(&piped.stdout));
        // Each item's first line starts as the piped line does; continuation
        // lines hang deeper than the why lines (4) and reasons (6) below.
        for item in piped.stdout.lines() {
            let first = fitted
                .stdout
                .lines()
                .find(|l| item.starts_with(l.trim_end()))
                .unwrap_or_else(|| {
                    panic!("no wrapped line starts `{item}`\n{fitted}");
                });
            assert!(first.len() > item.len().min(w) / 2, "`{first}` of `{item}`");
        }
        for line in fitted.stdout.lines() {
            let indent = line.len() - line.trim_start().len();
            let continuation = ![0, 4, 6].contains(&indent);
            assert!(
                !continuation || indent >= 8,
                "a continuation at {indent}: `{line}`\n{fitted}"
            );
        }
        let show = run(t.path(), &["show", "team.toml", "rota.toml", "--width", &w.to_string()]);
        show.expect_code(0);
        assert_fits(&show, w);
        assert!(show.stdout.contains("why (not proven unavoidable):"), "{show}");
    }
}

#[test]
fn piped_output_without_a_width_is_one_line_per_gap() {
    let t = tempdir();
    why_team(t.path());
    for out in [
        run(t.path(), &["check", "team.toml", "rota.toml"]),
        run(t.path(), &["show", "team.toml", "rota.toml"]),
    ] {
        let gaps: Vec<&str> = out
            .stdout
            .lines()
            .filter(|l| l.contains(" agents on duty (") || l.contains(" fr agents ("))
            .collect();
        assert_eq!(gaps.len(), 4, "{out}");
        for g in gaps {
            assert!(
                g.contains("missing) — ") && g.contains(" ×1"),
                "the whole gap on one line: `{g}`"
            );
        }
        let reason = "      ana: day Sat 2026-03-07 — max-hours-per-week: 48h00 worked in the 7 days from 2026-03-02 (maximum 40h00)";
        assert!(out.stdout.lines().any(|l| l == reason), "{out}");
    }
}

#[test]
fn a_refused_swap_leads_with_its_rules_and_sums_up_the_earlier_gaps() {
    let t = tempdir();
    why_team(t.path());
    let before = util::read(t.path().join("rota.toml"));
    // ron may not work `day`: one broken rule; the rota's four gaps stay.
    let out = run(
        t.path(),
        &["swap", "team.toml", "rota.toml", "give", "ana", "2026-03-02", "ron"],
    );
    out.expect_code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("rota.toml: error[template-not-allowed]: ron 2026-03-02"),
        "{out}"
    );
    assert_eq!(
        lines[1],
        "rota.toml: besides, the 4 gap(s) (480 uncovered agent-minutes) the rota already had stay as they were; \
         `sunrota check` lists them",
        "{out}"
    );
    assert!(!out.stdout.contains("gap: "), "no earlier gap is listed\n{out}");
    assert_eq!(lines[2], "--- rota.toml", "then the change\n{out}");
    assert_eq!(
        lines.last().copied(),
        Some("Not written: the change breaks 1 rule(s); --force writes it anyway.")
    );
    assert_eq!(util::read(t.path().join("rota.toml")), before);
    let narrow = run(
        t.path(),
        &[
            "swap",
            "team.toml",
            "rota.toml",
            "give",
            "ana",
            "2026-03-02",
            "ron",
            "--width",
            "50",
        ],
    );
    narrow.expect_code(1);
    assert_fits(&narrow, 50);
    assert_eq!(words(&narrow.stdout), words(&out.stdout));
}

#[test]
fn a_refused_swap_lists_the_gaps_it_opens() {
    let t = tempdir();
    let rota = util::read(Path::new(util::ROOT).join("schedules/phone-team/2027-01.toml"));
    util::write(t.path().join("r/2027-01.toml"), rota);
    let config = Path::new(util::ROOT).join("examples/phone-team.toml");
    let config = config.to_str().unwrap();
    // Aoife in Dublin works `amer` at 11:00 Dublin time: New York's evening opens.
    let out = run(
        t.path(),
        &["swap", config, "r/2027-01.toml", "give", "maria", "2027-01-06", "aoife"],
    );
    out.expect_code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let errors = lines.iter().take_while(|l| l.contains(": error[")).count();
    assert!(errors >= 1, "{out}");
    assert!(
        lines[errors].starts_with("r/2027-01.toml: gap: Wed 2027-01-06 ")
            && lines[errors].ends_with(" (changed by this swap)"),
        "{out}"
    );
    assert!(!out.stdout.contains("besides"), "the rota had no gaps\n{out}");
}

/// The text block of `README.md` that follows the line holding `after`.
fn readme_block(after: &str) -> String {
    let readme = util::read(Path::new(util::ROOT).join("README.md"));
    let from = readme.find(after).unwrap_or_else(|| panic!("README lacks `{after}`"));
    let rest = &readme[from..];
    let open = rest.find("```text\n").expect("a text block") + "```text\n".len();
    let close = rest[open..].find("```").expect("its end");
    rest[open..open + close].to_string()
}

#[test]
fn the_readme_shows_what_the_binary_prints() {
    let t = tempdir();
    why_team(t.path());
    let fitted = run(t.path(), &["check", "team.toml", "rota.toml", "--width", "80"]);
    let block = readme_block("The same rota at `--width 80` (`check`):");
    assert!(fitted.stdout.contains(&block), "README:\n{block}\nprinted:\n{fitted}");
    let swap = run(
        t.path(),
        &["swap", "team.toml", "rota.toml", "give", "ana", "2026-03-02", "ron"],
    );
    let block = readme_block("whose four gaps stay (`give ana 2026-03-02 ron`):");
    assert!(swap.stdout.starts_with(&block), "README:\n{block}\nprinted:\n{swap}");

    // The walk-through's swap, run where the README runs it.
    let (config, rota) = ("examples/phone-team.toml", "schedules/phone-team/2027-01.toml");
    for f in [config, rota] {
        util::write(t.path().join(f), util::read(Path::new(util::ROOT).join(f)));
    }
    let block = readme_block("## Walk-through: a swap");
    let (command, printed) = block.split_once('\n').unwrap();
    let args: Vec<&str> = command.strip_prefix("$ sunrota ").unwrap().split(' ').collect();
    let out = run(t.path(), &args);
    out.expect_code(1);
    assert_eq!(out.stdout, printed, "README:\n{printed}\nprinted:\n{out}");
}
