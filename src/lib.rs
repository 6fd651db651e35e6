//! sunrota plans 24/7 follow-the-sun support rotas and checks them.
//!
//! The pipeline, one module each: [`config`] (parse, validate, spans) →
//! [`time`] (zones to exact UTC instants) → [`model`] (what must hold, as
//! plain data and rows) → [`solve`] (construction, improvement, bounds; the
//! only code that knows HiGHS) → [`rota`] (plain data and the rota file) →
//! [`check`] (an independent verifier) → [`report`] / [`export`] (and
//! `publish`, which hands on-call holds to a paging tool's API). [`rule`] is
//! the one list of rules every layer names. [`cli`] holds the arguments,
//! [`cmd`] one file per command, and [`run`] only dispatches.

pub mod advise;
pub mod check;
pub(crate) mod cli;
pub(crate) mod cmd;
pub mod config;
pub(crate) mod erlang;
pub mod error;
pub(crate) mod excerpt;
pub mod explain;
pub(crate) mod export;
pub mod history;
pub(crate) mod ledger;
pub mod model;
pub mod nrp;
pub(crate) mod oncall;
pub(crate) mod out;
#[cfg(feature = "solver")]
pub mod plan;
#[cfg(feature = "publish")]
pub(crate) mod publish;
pub mod report;
pub mod rota;
pub mod rule;
#[cfg(feature = "solver")]
pub(crate) mod size;
#[cfg(feature = "solver")]
pub mod solve;
pub mod time;
#[cfg(feature = "solver")]
pub(crate) mod whatif;
pub mod write;

use clap::Parser;
use cli::{Cli, Command};
use error::{Error, Exit};
#[cfg(feature = "solver")]
pub use plan::{plan_rota, plan_rota_keeping, Planned};

/// Entry point of the binary: parse arguments, run, map to an exit code.
pub fn run() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { Exit::Input } else { Exit::Ok }.into();
        }
    };
    let result = match cli.command {
        #[cfg(feature = "solver")]
        Command::Plan(args) => cmd::plan::plan(&args),
        #[cfg(not(feature = "solver"))]
        Command::Plan(_) => Err(needs_solver("plan")),
        Command::Check(args) => cmd::check::check(&args),
        Command::Ledger(args) => cmd::ledger::ledger(&args),
        Command::Now(args) => cmd::now::now(&args),
        Command::Import(args) => cmd::import::import(&args),
        Command::Show(args) => cmd::show::show(&args),
        Command::Export(c) => cmd::export::export(&c),
        #[cfg(feature = "publish")]
        Command::Publish(c) => cmd::publish::publish(&c),
        #[cfg(not(feature = "publish"))]
        Command::Publish(_) => Err(needs_publish()),
        Command::Report(args) => cmd::report::report(&args),
        Command::Diff(args) => cmd::diff::diff(&args),
        Command::Swap(args) => cmd::swap::swap(&args),
        Command::Demand(args) => cmd::demand::demand(&args),
        #[cfg(feature = "solver")]
        Command::Size(args) => cmd::size::size(&args),
        #[cfg(not(feature = "solver"))]
        Command::Size(_) => Err(needs_solver("size")),
        Command::Schema => cmd::meta::schema(),
        Command::Completions(args) => cmd::meta::completions(&args),
        Command::Man => cmd::meta::man(),
    };
    match result {
        Ok(code) => code.into(),
        Err(e) => {
            crate::stderr!("{}", render_error(&e));
            e.exit().into()
        }
    }
}

/// One clear message (with `file:line:col` and a hint where they apply).
pub fn render_error(e: &Error) -> String {
    let mut out = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut out, e).is_err() {
        out = format!("error: {e}\n");
    }
    out
}

/// `publish`, in a build without the `publish` feature (no HTTP client).
#[cfg(not(feature = "publish"))]
fn needs_publish() -> Error {
    Error::invalid(
        "`sunrota publish` needs the `publish` feature (an HTTP client), and this sunrota was built without it",
        Some("install it with the feature: cargo install --path . --no-default-features --features publish (no HiGHS needed), or the full build; `export pagerduty|datadog|opsgenie` works in every build".into()),
    )
}

/// A command that solves, in the check-only build (`--no-default-features`).
#[cfg(not(feature = "solver"))]
fn needs_solver(command: &str) -> Error {
    Error::invalid(
        format!("`sunrota {command}` needs the solver, and this sunrota is the check-only build (built without the `solver` feature)"),
        Some("install the full build, with the default features: cargo install sunrota (it compiles HiGHS: needs cmake and libclang)".into()),
    )
}
