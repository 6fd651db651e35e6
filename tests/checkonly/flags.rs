//! Every numeric flag of every command is checked once, where the arguments
//! are parsed (issue 24): negative, zero where it makes no sense, NaN, ±∞,
//! huge and non-numbers are refused with clap's one message and exit 2 —
//! never a panic, never a limit of 10⁶ s made of NaN. The config here does
//! not exist, so a value that passes the check reaches the command, which
//! then says the file is missing: that is how the test tells the two apart
//! without solving anything (both builds).

use crate::util::{Cmd, Run};

const MISSING: &str = "/nonexistent/team.toml";
const ROTA: &str = "/nonexistent/rota.toml";

/// `sunrota SUBCOMMAND MISSING [ROTA] FLAG=VALUE`.
fn run(words: &[&str], flag: &str, value: &str) -> Run {
    let mut args: Vec<String> = words.iter().map(|w| (*w).to_string()).collect();
    args.push(format!("{flag}={value}"));
    Cmd::new(&args).run()
}

/// The flags, where each sits, what it refuses and what it takes.
struct Numeric {
    words: &'static [&'static str],
    flag: &'static str,
    refused: &'static [&'static str],
    taken: &'static [&'static str],
}

const HUGE: &str = "1e300";
const FLAGS: &[Numeric] = &[
    Numeric {
        words: &["plan", MISSING],
        flag: "--time-limit",
        refused: &["-1", "0", "-0", "nan", "NaN", "inf", "-inf", HUGE, "1e7x", "", "ten"],
        taken: &["0.5", "60", "31622400"],
    },
    Numeric {
        words: &["size", MISSING],
        flag: "--time-limit",
        refused: &["-1", "0", "nan", "inf", "-inf", HUGE, "", "ten"],
        taken: &["1", "300"],
    },
    Numeric {
        words: &["plan", MISSING],
        flag: "--gap",
        refused: &["-0.1", "100.5", "nan", "inf", "-inf", HUGE, "", "half"],
        taken: &["0", "0.5", "100"],
    },
    Numeric {
        words: &["plan", MISSING],
        flag: "--threads",
        refused: &["0", "-1", "65", "4294967296", "1.5", "nan", ""],
        taken: &["1", "2", "64"],
    },
    Numeric {
        words: &["plan", MISSING],
        flag: "--suggest",
        refused: &["-1", "101", "4294967295", "nan", ""],
        taken: &["0", "1", "100"],
    },
    Numeric {
        words: &["plan", MISSING],
        flag: "--effort",
        refused: &["extreme", "", "QUICK "],
        taken: &["quick", "normal", "thorough"],
    },
    Numeric {
        words: &["plan", MISSING],
        flag: "--width",
        refused: &["-1", "65536", "nan", "1e3", ""],
        taken: &["0", "80", "65535"],
    },
    Numeric {
        words: &["plan", MISSING, "--keep", ROTA],
        flag: "--max-changes",
        refused: &["-1", "4294967296", "nan", "2.5", ""],
        taken: &["0", "4", "4294967295"],
    },
    Numeric {
        words: &["swap", MISSING, ROTA, "give", "ana", "2027-01-05", "bo"],
        flag: "--width",
        refused: &["-1", "65536", "nan", ""],
        taken: &["0", "72"],
    },
    Numeric {
        words: &["show", MISSING, ROTA],
        flag: "--week",
        refused: &["-1", "4294967296", "nan", "1.0", ""],
        taken: &["0", "1", "4294967295"],
    },
    Numeric {
        words: &["show", MISSING, ROTA],
        flag: "--width",
        refused: &["-1", "65536", "inf", ""],
        taken: &["0", "40"],
    },
    Numeric {
        words: &["check", MISSING, ROTA],
        flag: "--width",
        refused: &["-1", "65536", "nan", ""],
        taken: &["0", "120"],
    },
];

#[test]
fn every_numeric_flag_refuses_what_is_not_a_value_for_it_at_parse_time() {
    for f in FLAGS {
        for v in f.refused {
            let r = run(f.words, f.flag, v);
            r.expect_code(2);
            let refused =
                r.stderr.contains("invalid value") || (v.is_empty() && r.stderr.contains("a value is required"));
            assert!(refused, "{} {}={v}: not refused as a value\n{r}", f.words[0], f.flag);
            assert!(r.stderr.contains(f.flag), "the message names the flag\n{r}");
            assert!(
                !r.stderr.contains("/nonexistent"),
                "refused before any file is read\n{r}"
            );
        }
    }
}

#[test]
fn every_numeric_flag_passes_its_values_on_to_the_command() {
    for f in FLAGS {
        for v in f.taken {
            let r = run(f.words, f.flag, v);
            assert!(
                !r.stderr.contains("invalid value"),
                "{} {}={v} was refused\n{r}",
                f.words[0],
                f.flag
            );
            // In the check-only build `plan` and `size` say they need the solver instead.
            let reached = r.stderr.contains("/nonexistent") || r.stderr.contains("needs the solver");
            assert!(reached, "{} {}={v} did not reach the command\n{r}", f.words[0], f.flag);
            r.expect_code(2);
        }
    }
}
