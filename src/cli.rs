//! Command-line arguments (clap derive). `run` turns them once into validated
//! options; nothing else in the crate sees clap.

// Doc comments here are the `--help` text users read, not rustdoc.
#![allow(clippy::doc_markdown)]

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `plan --time-limit`'s default, in seconds (a safety net; budgets are work).
pub const PLAN_TIME_LIMIT: f64 = 600.0;
/// `size --time-limit`'s default, in seconds.
pub const SIZE_TIME_LIMIT: f64 = 300.0;
/// The longest time limit accepted: a year, in seconds.
pub const MAX_SECONDS: f64 = 366.0 * 86_400.0;
/// Most `--threads` accepted.
pub const MAX_THREADS: i64 = 64;
/// Most first steps `--suggest` searches.
pub const MAX_SUGGEST: i64 = 100;

/// A time limit: a number of seconds above 0, at most [`MAX_SECONDS`] (not NaN, not ∞).
fn seconds(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if v.is_finite() && v > 0.0 && v <= MAX_SECONDS {
        Ok(v)
    } else {
        Err(format!(
            "a time limit is a number of seconds above 0 and at most {MAX_SECONDS} (a year), e.g. 60"
        ))
    }
}

/// A percentage from 0 to 100 (not NaN).
fn percent(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number"))?;
    if v.is_finite() && (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err("a percentage from 0 to 100, e.g. 0.5".into())
    }
}

#[derive(Debug, Parser)]
#[command(name = "sunrota", version, about = "Plan and check 24/7 follow-the-sun support rotas", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve a team config into a rota (MILP on HiGHS) and show it.
    Plan(PlanArgs),
    /// Verify a rota file against its config: gaps and broken rules (exit 1).
    Check(CheckArgs),
    /// Show a committed rota without solving: grid, coverage, on-call, totals, gaps,
    /// or one agent's agenda.
    Show(ShowArgs),
    /// Export a rota: calendars (ICS) per agent and per on-call duty, CSV, or an on-call
    /// duty as a paging tool's schedule overrides (JSON).
    #[command(subcommand)]
    Export(ExportCommand),
    /// Make a paging tool's schedule say who holds an on-call duty as the rota does:
    /// lists its overrides in the rota's window, deletes those that differ, creates the missing.
    #[command(subcommand)]
    Publish(PublishCommand),
    /// Move or exchange shifts between agents, or hand over an on-call period, in a
    /// committed rota: checked like `check`, refused (exit 1) if it breaks a rule.
    Swap(SwapArgs),
    /// What changed between two rotas of one config: per agent in local time, and coverage
    /// (exit 1 when they differ, like diff).
    Diff(DiffArgs),
    /// Write a self-contained HTML report of a rota: coverage heatmap, timelines, on-call, fairness.
    Report(ReportArgs),
    /// Who is on shift and on call at an instant (default: now), until when, and who is next
    /// (exit 1 when the target is not covered then).
    Now(NowArgs),
    /// Comp-day ledger over every rota in a directory: opening, earned, taken, balance, owed.
    Ledger(LedgerArgs),
    /// Convert a rostering benchmark instance into a sunrota config.
    Import(ImportArgs),
    /// The smallest team per hub that covers the target (verified by planning), or
    /// with --stages the coverage ladder from 8×5 to 24/7 with what each costs.
    Size(SizeArgs),
    /// The coverage target each [demand.CHANNEL] derives with Erlang C, per hour.
    Demand(DemandArgs),
    /// Print the JSON Schema of the team config (for taplo / Even Better TOML).
    Schema,
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
pub struct SizeArgs {
    /// Team config (TOML): its target, rules, templates and costs.
    pub config: PathBuf,
    /// Hubs to staff, comma-separated IANA zones (default: the zones of the config's agents).
    #[arg(long, value_name = "ZONES")]
    pub hubs: Option<String>,
    /// Walk the ladder 8×5 → +2 h mornings → +2 h evenings → 24/5 → 24/7 instead.
    #[arg(long)]
    pub stages: bool,
    /// With --stages: the zone of the ladder's hours (default: the coverage zone).
    #[arg(long, value_name = "ZONE")]
    pub zone: Option<String>,
    /// Safety net for the whole search, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = SIZE_TIME_LIMIT, value_parser = seconds)]
    pub time_limit: f64,
    /// No progress line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct DemandArgs {
    /// Team config (TOML) with [demand.CHANNEL] tables.
    pub config: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// A config and one rota planned from it: what `show`, `export` and `report` read.
#[derive(Debug, Args)]
pub struct RotaArgs {
    /// Team config (TOML) the rota was planned from.
    pub config: PathBuf,
    /// Rota file (from `sunrota plan -o`).
    pub rota: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Tables for people, fitted to the terminal.
    Table,
    /// One JSON document on stdout.
    Json,
    /// One CSV row per shift (as `export csv`).
    Csv,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub input: RotaArgs,
    /// Only this agent: their agenda in their own time (shifts, on-call, comp days).
    #[arg(long, value_name = "NAME")]
    pub agent: Option<String>,
    /// Only week N of the rota (1 = the first).
    #[arg(long, value_name = "N")]
    pub week: Option<u32>,
    /// Show the coverage view and the gap lines in this zone (default: the coverage zone).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
    /// Fit tables and wrap lines to this many columns (default: the terminal's width; unlimited, one line per item, when piped).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u16>,
}

#[derive(Debug, Args)]
pub struct SwapArgs {
    #[command(flatten)]
    pub input: RotaArgs,
    #[command(subcommand)]
    pub action: SwapAction,
    /// Write the rota even when the change breaks a rule (`check` will report it).
    #[arg(long, global = true)]
    pub force: bool,
    /// Write the new rota here instead of over ROTA.
    #[arg(short, long, value_name = "FILE", global = true)]
    pub output: Option<PathBuf>,
    /// Wrap lines to this many columns (default: the terminal's width; one line per item when piped).
    #[arg(long, value_name = "COLUMNS", global = true)]
    pub width: Option<u16>,
}

#[derive(Debug, Subcommand)]
pub enum SwapAction {
    /// AGENT gives their shift on local DATE to TO, who works it in their own zone.
    Give {
        agent: String,
        /// The giver's local date (YYYY-MM-DD).
        date: String,
        to: String,
    },
    /// AGENT and OTHER exchange their shifts on DATE (OTHER's on OTHER_DATE when given).
    Trade {
        agent: String,
        other: String,
        date: String,
        other_date: Option<String>,
    },
    /// The DUTY on-call period handed over on DATE (the duty's local date) goes to TO.
    Oncall { duty: String, date: String, to: String },
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Team config (TOML) both rotas were planned from.
    pub config: PathBuf,
    /// The rota before.
    pub before: PathBuf,
    /// The rota after.
    pub after: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// RFC 5545 calendars: one per agent (shifts, on-call holds, days off) and one per on-call
    /// duty, merged into the folder's calendars with stable UIDs: one feed across months.
    Ics(IcsArgs),
    /// CSV for spreadsheets and payroll: one row per shift, or per agent with --summary.
    Csv(CsvArgs),
    /// The body of PagerDuty's "create overrides" call (POST /schedules/{id}/overrides):
    /// one override per hold of the duty, for `pagerduty = "P…"` user ids.
    Pagerduty(PagingArgs),
    /// The body of Datadog On-Call's "create schedule override" call, per hold, for
    /// `datadog = "…"` user ids.
    Datadog(PagingArgs),
    /// The bodies of Opsgenie's "create schedule override" call (one per hold), for
    /// `opsgenie = "…"` user names or ids.
    Opsgenie(PagingArgs),
}

#[derive(Debug, Args)]
pub struct PagingArgs {
    #[command(flatten)]
    pub input: RotaArgs,
    /// The on-call duty (`[oncall.NAME]`) to export (default: the config's only one).
    #[arg(long, value_name = "NAME")]
    pub duty: Option<String>,
    /// Write the JSON here (default: print it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum PublishCommand {
    /// PagerDuty (REST API v2, token in PAGERDUTY_TOKEN): the schedule's overrides in the
    /// rota's window become the rota's holds of the duty; re-running on an unchanged rota
    /// sends nothing but the list call.
    Pagerduty(PublishArgs),
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    #[command(flatten)]
    pub input: RotaArgs,
    /// The on-call duty (`[oncall.NAME]`) to publish (default: the config's only one).
    #[arg(long, value_name = "NAME")]
    pub duty: Option<String>,
    /// The schedule's id (default: the duty's `pagerduty = "P…"`).
    #[arg(long, value_name = "ID")]
    pub schedule: Option<String>,
    /// Show the calls that would change the schedule, without sending them (the list call is sent).
    #[arg(long)]
    pub dry_run: bool,
    /// The API's base URL (EU accounts: https://api.eu.pagerduty.com).
    #[arg(long, value_name = "URL", default_value = "https://api.pagerduty.com")]
    pub api_url: String,
    /// Treat this instant as now: overrides that ended before it are history, left alone
    /// (default: the clock). Same forms as `now --at`.
    #[arg(long, value_name = "INSTANT")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct IcsArgs {
    /// Team config (TOML) the rotas were planned from.
    pub config: PathBuf,
    /// Rota file, or a directory: every rota of the team in it, oldest first
    /// (default: the config's `[rota] dir`).
    #[arg(value_name = "ROTA|DIR")]
    pub rota: Option<PathBuf>,
    /// Directory of the calendars (created when missing): events of other
    /// periods in it are kept, those of the exported rotas replaced.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Replace .ics files in DIR that are not this team's earlier export.
    #[arg(long)]
    pub force: bool,
    /// Leave out the all-day events (time off, holidays, comp days): shifts and on-call only.
    #[arg(long)]
    pub no_days_off: bool,
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    #[command(flatten)]
    pub input: RotaArgs,
    /// One row per agent (hours, nights, weekends, on-call, comp days) instead of per shift.
    #[arg(long)]
    pub summary: bool,
    /// Write the CSV here (default: print it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: RotaArgs,
    /// The HTML file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Zone of the coverage heatmap (default: the coverage zone).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Curtois & Qu staff-rostering benchmark (Instance1–24 .txt).
    Nrp,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Input format.
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// Instance file.
    pub file: PathBuf,
    /// Write the config here (default: print it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing FILE whose content differs.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for people.
    Table,
    /// One JSON document on stdout, for machines.
    Json,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // command-line switches
pub struct PlanArgs {
    /// Team config (TOML).
    pub config: PathBuf,
    /// Write the rota file here (e.g. schedules/2026-03.toml).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing FILE whose content differs (never the config or a rota read).
    #[arg(long)]
    pub force: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Show the coverage view in this zone (default: the coverage zone).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Exit 1 if the rota leaves any part of the target uncovered.
    #[arg(long)]
    pub strict: bool,
    /// How hard to search: quick, normal or thorough (work budgets, not time).
    #[arg(long, value_name = "LEVEL", default_value = "normal", value_parser = ["quick", "normal", "thorough"])]
    pub effort: String,
    /// Safety net: stop after this many seconds and keep the best rota found
    /// (the status then says `time-limit`). Includes the team suggestion.
    #[arg(long, value_name = "SECONDS", default_value_t = PLAN_TIME_LIMIT, value_parser = seconds)]
    pub time_limit: f64,
    /// Stop when the rota is proven within this many percent of optimal.
    #[arg(long, value_name = "PERCENT", default_value_t = 0.1, value_parser = percent)]
    pub gap: f64,
    /// Sub-models solved side by side. Part of the input: the same config,
    /// version and --threads give the same rota on any machine.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=MAX_THREADS))]
    pub threads: u32,
    /// No progress line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the HiGHS log to stderr.
    #[arg(long)]
    pub verbose: bool,
    /// Fit tables and wrap lines to this many columns (default: the terminal's width; unlimited, one line per item, when piped).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u16>,
    /// Do not search for additions to the team that would close its gaps.
    #[arg(long)]
    pub no_suggest: bool,
    /// When the rota leaves gaps: the best additions to the team (one agent at a
    /// time, verified by planning), and N first steps in all.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=MAX_SUGGEST))]
    pub suggest: u32,
    /// Continue after this rota: start where it ends and carry over rest, runs,
    /// on-call rotation and comp days from it and the earlier rotas beside it.
    /// Given a directory, continue after the latest rota in it.
    #[arg(long, value_name = "ROTA|DIR")]
    pub after: Option<PathBuf>,
    /// Re-plan this committed rota (same config and horizon) as a local repair:
    /// restore what the changed inputs broke with the fewest changes, near the
    /// event. Prints each change with its reason.
    #[arg(long, value_name = "ROTA")]
    pub keep: Option<PathBuf>,
    /// With --keep: nothing on a local date before DATE changes (the past is fixed).
    #[arg(long, value_name = "DATE", requires = "keep")]
    pub from: Option<String>,
    /// With --keep: at most N changes besides the assignments the new inputs
    /// make impossible (default: 4 per day the change of inputs touches).
    #[arg(long, value_name = "N", requires = "keep")]
    pub max_changes: Option<u32>,
    /// With --keep: re-plan the whole rota as a first plan would, each change
    /// costing `weights.change` — it may improve what the kept rota lacked.
    #[arg(long, requires = "keep", conflicts_with = "max_changes")]
    pub improve: bool,
}

#[derive(Debug, Args)]
pub struct NowArgs {
    /// Team config (TOML) the rotas were planned from.
    pub config: PathBuf,
    /// Rota files or directories of rotas (default: the config's `[rota] dir`).
    #[arg(value_name = "ROTA|DIR")]
    pub rotas: Vec<PathBuf>,
    /// The instant: RFC 3339 (2027-01-06T15:00:00Z, 2027-01-06T10:00-05:00) or a
    /// local time and an IANA zone ("2027-01-06T10:00 America/New_York"). Default: now.
    #[arg(long, value_name = "INSTANT")]
    pub at: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Team config (TOML) the rotas were planned from.
    pub config: PathBuf,
    /// Directory of rota files, read in date order (default: the config's
    /// `[rota] dir`, else `schedules`).
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Team config (TOML) the rota was planned from.
    pub config: PathBuf,
    /// Rota file(s) to verify (default: every rota of the team in the config's `[rota] dir`).
    pub rota: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Wrap the table format's lines to this many columns (default: the terminal's width; one line per item when piped).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u16>,
}

/// `check`'s output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Tables for people.
    Table,
    /// One JSON document on stdout, for machines.
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::…`), for CI.
    Github,
}
