//! sunrota plans 24/7 follow-the-sun support rotas and checks them.
//!
//! The pipeline, one module each: [`config`] (parse, validate, spans) →
//! [`time`] (zones to exact UTC instants) → [`model`] / [`solve`] (the MILP on
//! HiGHS; the only modules that know good_lp) → [`rota`] (plain data and the
//! rota file) → [`check`] (an independent verifier) → [`report`] (tables and
//! JSON). [`advise`] adds the head-count bound and team suggestions; [`cli`]
//! holds the arguments, and [`run`] wires them together.

pub mod advise;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod erlang;
pub mod error;
pub mod excerpt;
pub mod explain;
pub mod export;
pub mod history;
pub mod ledger;
pub mod model;
pub mod nrp;
pub mod oncall;
pub mod out;
pub mod report;
pub mod rota;
pub mod rule;
#[cfg(feature = "solver")]
pub mod size;
#[cfg(feature = "solver")]
pub mod solve;
pub mod time;
#[cfg(feature = "solver")]
pub mod whatif;
pub mod write;

use clap::Parser;
use cli::{CheckArgs, CheckFormat, Cli, Command, Format, ImportArgs, LedgerArgs};
use config::Config;
use error::{Error, Exit};
use rota::Rota;
#[cfg(feature = "solver")]
use {cli::PlanArgs, history::Past, model::Model};

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
        Command::Plan(args) => plan(&args),
        #[cfg(not(feature = "solver"))]
        Command::Plan(_) => Err(needs_solver("plan")),
        Command::Check(args) => check(&args),
        Command::Ledger(args) => ledger(&args),
        Command::Import(args) => import(&args),
        Command::Show(args) => cmd::show::show(&args),
        Command::Export(c) => cmd::export::export(&c),
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

/// One clear message (with file:line:col and a hint where they apply).
pub fn render_error(e: &Error) -> String {
    let mut out = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut out, e).is_err() {
        out = format!("error: {e}\n");
    }
    out
}

/// A command that solves, in the check-only build (`--no-default-features`).
#[cfg(not(feature = "solver"))]
fn needs_solver(command: &str) -> Error {
    Error::invalid(
        format!("`sunrota {command}` needs the solver, and this sunrota is the check-only build (built without the `solver` feature)"),
        Some("install the full build, with the default features: cargo install sunrota (it compiles HiGHS: needs cmake and libclang)".into()),
    )
}

/// Validated options for `plan`.
#[cfg(feature = "solver")]
struct PlanOptions {
    solver: solve::Options,
    view_zone: Option<chrono_tz::Tz>,
}

/// Most `--threads` accepted.
#[cfg(feature = "solver")]
const MAX_THREADS: u32 = 64;

#[cfg(feature = "solver")]
fn plan_options(args: &PlanArgs) -> Result<PlanOptions, Error> {
    if !(args.time_limit.is_finite() && args.time_limit > 0.0) {
        return Err(Error::invalid(
            "--time-limit must be a positive number of seconds",
            None,
        ));
    }
    if !(args.gap.is_finite() && (0.0..=100.0).contains(&args.gap)) {
        return Err(Error::invalid(
            "--gap is a percentage between 0 and 100",
            Some("e.g. --gap 0.5".into()),
        ));
    }
    if !(1..=MAX_THREADS).contains(&args.threads) {
        return Err(Error::invalid(
            format!("--threads must be between 1 and {MAX_THREADS}"),
            None,
        ));
    }
    let effort: solve::Effort = args
        .effort
        .parse()
        .map_err(|e: String| Error::invalid(format!("--effort: {e}"), Some("e.g. --effort quick".into())))?;
    let view_zone = args.tz.as_deref().map(|z| cmd::zone_flag("--tz", z)).transpose()?;
    Ok(PlanOptions {
        solver: solve::Options {
            effort,
            time_limit: Some(args.time_limit),
            gap: args.gap / 100.0,
            threads: args.threads as usize,
            verbose: args.verbose,
            seed: 0,
        },
        view_zone,
    })
}

/// A planned rota with the model's size and how the solver finished.
#[cfg(feature = "solver")]
pub struct Planned {
    pub rota: Rota,
    pub stats: model::Stats,
    pub outcome: solve::Outcome,
}

/// Plans a rota for `cfg` after the rotas summed up in `past` (empty for a
/// first rota): build, solve, extract.
#[cfg(feature = "solver")]
pub fn plan_rota(
    cfg: &Config,
    past: &Past,
    opts: &solve::Options,
    progress: &solve::progress::Progress,
) -> Result<Planned, Error> {
    plan_rota_keeping(cfg, past, None, opts, progress)
}

/// As [`plan_rota`], changing the rota `keep` as little as possible
/// (`plan --keep`); the summary then counts the changes.
#[cfg(feature = "solver")]
pub fn plan_rota_keeping(
    cfg: &Config,
    past: &Past,
    keep: Option<&model::keep::Keep>,
    opts: &solve::Options,
    progress: &solve::progress::Progress,
) -> Result<Planned, Error> {
    let mut model = Model::build_keeping(cfg, past, keep);
    let problem = model
        .take_problem()
        .ok_or_else(|| Error::Solver("model already solved".into()))?;
    let out = solve::solve(problem, opts, progress)?;
    let x = &out.values;
    let shifts = model.shifts(cfg, x);
    let duty = model.duty_record(cfg, x, &shifts);
    let gaps = model.gaps(cfg, x);
    let uncovered = gaps.iter().map(rota::Gap::agent_minutes).sum::<i64>();
    let summary = rota::Summary {
        status: out.status.to_string(),
        objective: out.objective,
        best_bound: out.bound,
        gap_percent: out.gap * 100.0,
        uncovered_agent_minutes: uncovered,
        unavoidable_agent_minutes: (out.unavoidable.round() as i64).min(uncovered),
        changes: None,
    };
    let mut rota = Rota {
        start: cfg.horizon.start,
        weeks: cfg.horizon.weeks,
        zone: cfg.coverage.zone.name().to_string(),
        team: cfg
            .place
            .team
            .clone()
            .zip(cfg.place.fingerprint.clone())
            .map(|(name, fingerprint)| rota::TeamMark { name, fingerprint }),
        summary,
        gaps,
        shortages: model.shortages(cfg, x),
        shifts,
        duty,
    };
    rota.normalize();
    rota.summary.changes = keep.map(|k| k.changes(cfg, &rota));
    Ok(Planned {
        rota,
        stats: model.stats,
        outcome: out,
    })
}

/// Ctrl-C stops the solver and keeps its best rota; a second one ends the process.
#[cfg(feature = "solver")]
fn catch_interrupt() {
    let _ = ctrlc::set_handler(|| {
        if solve::stop::interrupted() {
            std::process::exit(Exit::Interrupted as i32);
        }
        solve::stop::interrupt();
    });
}

#[cfg(feature = "solver")]
fn plan(args: &PlanArgs) -> Result<Exit, Error> {
    let opts = plan_options(args)?;
    let mut cfg = Config::load(&args.config)?;
    let (after, output) = home(args, &cfg)?;
    let earlier = match &after {
        Some(after) => continue_after(&mut cfg, after)?,
        None => Vec::new(),
    };
    let output = output.map(|o| o.unwrap_or_else(|d| d.join(format!("{}.toml", cfg.horizon.start))));
    let past = Past::of(&earlier.iter().map(|l| &l.rota).collect::<Vec<_>>());
    if let (Some(after), Format::Table) = (&after, args.format) {
        crate::stderrln!(
            "Continuing after {} ({} earlier rota(s)): planning {} week(s) from {}.",
            after.display(),
            earlier.len(),
            cfg.horizon.weeks,
            cfg.horizon.start
        );
    }
    let kept = match &args.keep {
        Some(path) => Some(cmd::keep::load(&cfg, &args.config, path, args.from.as_deref())?),
        None => None,
    };
    // Re-planning the rota --keep reads into that same file is the edit it
    // exists for; every other input is never written over.
    let target = output.as_deref().map(|path| write::Target {
        path,
        force: args.force || args.keep.as_deref().is_some_and(|k| write::same_file(path, k)),
        inputs: std::iter::once(args.config.clone())
            .chain(after.clone())
            .chain(earlier.iter().map(|l| l.path.clone()))
            .collect(),
    });
    if let Some(t) = &target {
        t.guard()?;
        not_another_teams(&cfg, t.path)?;
    }
    let pre = advise::precheck(&cfg);
    catch_interrupt();
    let progress = solve::progress::Progress::new(args.quiet);
    let clock = std::time::Instant::now();
    let keep = kept.as_ref().map(|k| &k.keep);
    let Planned { rota, stats, outcome } = plan_rota_keeping(&cfg, &past, keep, &opts.solver, &progress)?;
    let changes = kept.as_ref().map(|k| cmd::keep::changes(&cfg, k, &rota));
    let seconds = outcome.seconds;
    if let Some(t) = &target {
        t.write(&rota.to_toml())?;
    }
    // Cross-examine the plan at once: when no rota met the "at least" rules,
    // the solver let them fall short (priced) rather than give up.
    let broken = cross_examine(&cfg, &rota, &past, &outcome);
    let interrupted = solve::stop::interrupted();
    if interrupted {
        crate::stderrln!(
            "interrupted: keeping the best rota found so far (status `{}`)",
            rota.summary.status
        );
    }
    let unfilled = !rota.duty.unfilled.is_empty();
    let left = args.time_limit - clock.elapsed().as_secs_f64();
    let suggestion = (!args.no_suggest && !interrupted)
        .then(|| suggest_team(&cfg, &past, &rota, args, &opts.solver, left, &progress))
        .flatten();
    progress.finish();
    let out = PlanOutput {
        cfg: &cfg,
        past: &past,
        rota: &rota,
        stats: &stats,
        seconds,
        pre: &pre,
        what_if: suggestion.as_ref(),
        changes: changes.as_ref(),
        output: output.as_deref(),
    };
    match args.format {
        Format::Json => print_plan_json(&out)?,
        Format::Table => print_plan_table(args, opts.view_zone, &out),
    }
    // Ctrl-C during the team suggestion stops only the suggestion.
    if !interrupted && solve::stop::interrupted() {
        crate::stderrln!("interrupted: the team suggestion was cut short; the rota is complete");
    }
    Ok(if interrupted || solve::stop::interrupted() {
        Exit::Interrupted
    } else if args.strict && (!rota.gaps.is_empty() || unfilled || !rota.shortages.is_empty() || broken > 0) {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

/// What `plan` prints, gathered once for either format.
#[cfg(feature = "solver")]
struct PlanOutput<'a> {
    cfg: &'a Config,
    past: &'a Past,
    rota: &'a Rota,
    stats: &'a model::Stats,
    seconds: f64,
    pre: &'a advise::Precheck,
    what_if: Option<&'a whatif::WhatIf>,
    changes: Option<&'a report::diff::RotaDiff>,
    /// Where the rota was written.
    output: Option<&'a std::path::Path>,
}

#[cfg(feature = "solver")]
fn print_plan_json(o: &PlanOutput) -> Result<(), Error> {
    let doc = report::PlanJson {
        config: &o.cfg.source.name,
        output: o.output.map(|p| p.display().to_string()),
        rota: o.rota,
        seconds: o.seconds,
        model: o.stats,
        agents: report::rota_totals(o.cfg, o.rota),
        costs: report::cost::cost_report(o.cfg, &o.rota.shifts, o.rota.weeks),
        precheck: o.pre,
        what_if: o.what_if,
        changes: o.changes,
    };
    let text = serde_json::to_string_pretty(&doc).map_err(|e| Error::invalid(e.to_string(), None))?;
    crate::stdoutln!("{text}");
    Ok(())
}

/// The precheck on stderr; the views, the what-if, the changes to a kept rota on stdout.
#[cfg(feature = "solver")]
fn print_plan_table(args: &PlanArgs, view_zone: Option<chrono_tz::Tz>, o: &PlanOutput) {
    let (cfg, rota) = (o.cfg, o.rota);
    crate::stderr!("{}", report::precheck_text(cfg, o.pre));
    let mut view = report::View::all(rota, view_zone.unwrap_or(cfg.coverage.zone), cmd::fit_width(args.width));
    view.whys = explain::explain(cfg, rota, o.past, &report::gaps::stretches(&rota.gaps));
    crate::stdout!("{}", report::plan_text(cfg, rota, o.stats, o.seconds, &view));
    if let Some(s) = o.what_if {
        crate::stdout!("{}", report::what_if_text(s));
    }
    if let (Some(d), Some(path)) = (o.changes, &args.keep) {
        crate::stdoutln!(
            "\nChanges to the kept rota ({} in all):",
            rota.summary.changes.unwrap_or(0)
        );
        let new = o.output.map_or("(this plan)".into(), |p| p.display().to_string());
        crate::stdout!("{}", report::diff::text(d, (&path.display().to_string(), &new)));
    }
    if let Some(p) = o.output {
        crate::stdoutln!("Rota written to {}", p.display());
    }
}

/// What would fix the gaps (teams of up to 40 agents), within the `left`
/// seconds of the time limit.
#[cfg(feature = "solver")]
fn suggest_team(
    cfg: &Config,
    past: &Past,
    rota: &Rota,
    args: &PlanArgs,
    solver: &solve::Options,
    left: f64,
    progress: &solve::progress::Progress,
) -> Option<whatif::WhatIf> {
    if rota.gaps.is_empty() || cfg.agents.len() > 40 || left <= 1.0 || args.suggest == 0 {
        return None;
    }
    let budget = solve::Options {
        time_limit: Some(left),
        ..*solver
    };
    whatif::what_if(cfg, past, &rota.gaps, args.suggest as usize, &budget, progress)
}

/// Checks the planned rota at once, as `check` would: a summary check
/// cannot confirm, or a broken rule (minimums let fall short, or a stopped
/// solve), is a warning. Returns the number of broken rules.
#[cfg(feature = "solver")]
fn cross_examine(cfg: &Config, rota: &Rota, past: &Past, outcome: &solve::Outcome) -> usize {
    let findings = check::check(cfg, rota, past, &|_| 0);
    if findings.violations.is_empty() {
        for problem in check::objective::verdict(&rota.summary, findings.objective).problems {
            crate::stderrln!("warning: check does not confirm the planner's summary: {problem}");
        }
    }
    let broken = findings.violations.len();
    if broken > 0 {
        crate::stderrln!("{}", broken_warning(cfg, outcome, broken));
    }
    broken
}

/// Why a planned rota breaks rules: agents whose minimums had to open, a
/// solve stopped before every agent had a roster that keeps its rules, or
/// neither — then plan and check disagree, and the warning says so rather
/// than blame a minimum.
#[cfg(feature = "solver")]
fn broken_warning(cfg: &Config, outcome: &solve::Outcome, broken: usize) -> String {
    let who: Vec<&str> = outcome.relaxed.iter().map(|&a| cfg.agents[a].name.as_str()).collect();
    let stopped = matches!(outcome.status, solve::Status::TimeLimit | solve::Status::Interrupted);
    if who.is_empty() && stopped {
        return format!(
            "warning: the rota breaks {broken} rule(s): the solve stopped (status `{}`) before every agent \
             had a roster that keeps all of their rules; plan again with more time; `sunrota check` lists them",
            outcome.status
        );
    }
    if who.is_empty() {
        return format!(
            "warning: the rota breaks {broken} rule(s) although the planner kept every rule it models: plan \
             and check disagree, which is a bug in sunrota; please report it with the config; `sunrota check` \
             lists them"
        );
    }
    format!(
        "warning: the rota breaks {broken} rule(s): {} could not be given a roster that keeps all of their \
         rules at once (a minimum of hours or of days in a row), so those minimums fall short at a price; \
         `sunrota check` lists them",
        who.join(", ")
    )
}

/// Where `plan` continues from and writes to: `--after` and `-o` as given;
/// with neither (nor `--keep`), the config's `[rota] dir` — continuing after
/// the team's rotas in it, if any, and writing `DIR/START.toml` (`Err(DIR)`:
/// the start is known once the history is read).
/// Refuses to write over another team's rota, even with `--force`.
#[cfg(feature = "solver")]
fn not_another_teams(cfg: &Config, path: &std::path::Path) -> Result<(), Error> {
    match history::team_of_file(path) {
        Some((team, f)) if cfg.place.fingerprint.as_ref() != Some(&f) => Err(Error::invalid(
            format!("{} is a rota of team `{team}`; not writing over it", path.display()),
            Some("choose another file: each team's rotas belong in a directory of their own ([rota] dir)".into()),
        )),
        _ => Ok(()),
    }
}

#[cfg(feature = "solver")]
type Home = (
    Option<std::path::PathBuf>,
    Option<Result<std::path::PathBuf, std::path::PathBuf>>,
);

#[cfg(feature = "solver")]
fn home(args: &PlanArgs, cfg: &Config) -> Result<Home, Error> {
    let Some(dir) = cfg
        .place
        .dir
        .clone()
        .filter(|_| args.output.is_none() && args.after.is_none() && args.keep.is_none())
    else {
        return Ok((args.after.clone(), args.output.clone().map(Ok)));
    };
    let has_rotas = dir.is_dir() && !history::load_dir(&dir, cfg)?.is_empty();
    Ok((has_rotas.then(|| dir.clone()), Some(Err(dir))))
}

/// `--after ROTA|DIR`: the rotas to continue from (oldest first), with the
/// config's horizon moved to start where the latest of them ends.
#[cfg(feature = "solver")]
fn continue_after(cfg: &mut Config, after: &std::path::Path) -> Result<Vec<history::Loaded>, Error> {
    let chain = if after.is_dir() {
        let all = history::load_dir(after, cfg)?;
        let last = all.last().ok_or_else(|| {
            Error::invalid(
                format!("no rota in {} to continue after", after.display()),
                Some("plan the first rota without --after".into()),
            )
        })?;
        history::before(after, last.rota.end(), cfg)?
    } else {
        history::ending_with(after, cfg)?
    };
    if let Some(last) = chain.last() {
        cfg.horizon.start = last.rota.end();
        if !config::values::in_years(cfg.horizon.start) {
            return Err(Error::invalid(
                format!(
                    "the rota after {} would start on {}, out of range",
                    after.display(),
                    cfg.horizon.start
                ),
                Some(config::values::years_hint()),
            ));
        }
    }
    Ok(chain)
}

/// `check`; with `--format github`, bad input is an annotation too.
fn check(args: &CheckArgs) -> Result<Exit, Error> {
    let result = check_rotas(args);
    if let (CheckFormat::Github, Err(e)) = (args.format, &result) {
        crate::stdout!("{}", report::github::input_error(e));
    }
    result
}

/// `check --format github` for one rota: the annotations, a warning for a
/// summary the findings do not match, and the table's closing line.
fn github_check(
    cfg: &Config,
    file: &str,
    findings: &check::Findings,
    whys: &[explain::Why],
    summary_matches: bool,
    verdict: &check::objective::Verdict,
) -> String {
    let mut out = report::github::check(cfg, file, findings, whys);
    let title = "sunrota: summary not confirmed";
    if !summary_matches {
        let note = "its [summary] lists other gaps than check finds: the file was edited after planning";
        out.push_str(&report::github::command("warning", file, None, title, note));
    }
    for problem in verdict.problems.iter().filter(|_| findings.violations.is_empty()) {
        out.push_str(&report::github::command("warning", file, None, title, problem));
    }
    let table = report::check_text(cfg, file, findings, &[]);
    out.push_str(table.lines().last().unwrap_or_default());
    out.push('\n');
    out
}

fn check_rotas(args: &CheckArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    let mut all_clean = true;
    let mut docs = Vec::new();
    let mut text = String::new();
    for path in &rotas_to_check(&cfg, &args.rota)? {
        let (rota, src) = Rota::read(path)?;
        if rota.team.is_some() {
            history::belongs(&cfg, &rota).map_err(|why| {
                Error::invalid(
                    format!("{} was not planned from {}: {why}", src.name, args.config.display()),
                    Some("pass the config the rota was planned from".into()),
                )
            })?;
        }
        let past = history::past_beside(path, rota.start, &cfg)?;
        let line_of = src.line_lookup();
        let findings = check::check(&cfg, &rota, &past, &line_of);
        all_clean &= findings.is_clean();
        // A hand edit leaves the planner's summary behind; say so, but it is no failure.
        let summary_matches = rota.gaps == findings.gaps && rota.shortages == findings.shortages;
        let verdict = check::objective::verdict(&rota.summary, findings.objective);
        let whys = explain::explain(&cfg, &rota, &past, &report::gaps::stretches(&findings.gaps));
        match args.format {
            CheckFormat::Table => {
                text.push_str(&report::check_text(&cfg, &src.name, &findings, &whys));
                if !summary_matches {
                    text.push_str(&format!(
                        "{}: note: {}: the file was edited after planning\n",
                        src.name,
                        summary_differs(&rota, &findings)
                    ));
                }
                // A broken rule is reported above; the summary is then moot.
                for problem in verdict.problems.iter().filter(|_| findings.violations.is_empty()) {
                    text.push_str(&format!(
                        "{}: note: its [summary] is not confirmed: {problem}\n",
                        src.name
                    ));
                }
            }
            CheckFormat::Github => text.push_str(&github_check(
                &cfg,
                &src.name,
                &findings,
                &whys,
                summary_matches,
                &verdict,
            )),
            CheckFormat::Json => docs.push(serde_json::json!(report::CheckJson {
                rota: src.name.clone(),
                ok: findings.is_clean(),
                summary_matches,
                uncovered_agent_minutes: findings.uncovered_agent_minutes(),
                summary_confirmed: verdict.problems.is_empty(),
                summary_problems: &verdict.problems,
                findings: &findings,
                gap_reasons: &whys,
            })),
        }
    }
    match args.format {
        CheckFormat::Table | CheckFormat::Github => {
            crate::stdout!("{text}");
        }
        CheckFormat::Json => {
            let doc = serde_json::json!({ "ok": all_clean, "rotas": docs });
            crate::stdoutln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
    }
    Ok(if all_clean { Exit::Ok } else { Exit::Findings })
}

/// How a rota's `[summary]` gaps differ from what `check` finds.
fn summary_differs(rota: &Rota, found: &check::Findings) -> String {
    let (listed, found_n) = (
        report::gaps::stretches(&rota.gaps).len(),
        report::gaps::stretches(&found.gaps).len(),
    );
    let (was, now) = (
        rota.gaps.iter().map(rota::Gap::agent_minutes).sum::<i64>(),
        found.uncovered_agent_minutes(),
    );
    if listed != found_n {
        format!("its [summary] lists {listed} gap(s) ({was} uncovered agent-minutes) but check finds {found_n} ({now})")
    } else if was != now {
        format!("its [summary] lists {listed} gap(s) with {was} uncovered agent-minutes; check finds them at {now}")
    } else if rota.gaps != found.gaps {
        format!("its [summary] lists {listed} gap(s) of {was} agent-minutes, but check finds them at other times")
    } else {
        "its [summary] lists other shift-demand shortages than check finds".into()
    }
}

/// The rotas named, else every rota of the team in its `[rota] dir`.
fn rotas_to_check(cfg: &Config, named: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, Error> {
    if !named.is_empty() {
        return Ok(named.to_vec());
    }
    let Some(dir) = &cfg.place.dir else {
        return Err(Error::invalid(
            "no rota to check",
            Some("name rota files, or set [rota] dir in the config".into()),
        ));
    };
    let all = history::load_dir(dir, cfg)?;
    if all.is_empty() {
        return Err(Error::invalid(
            format!("no rota of this team in {}", dir.display()),
            Some("plan one with `sunrota plan CONFIG`".into()),
        ));
    }
    Ok(all.into_iter().map(|l| l.path).collect())
}

fn ledger(args: &LedgerArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    let dir = args
        .dir
        .clone()
        .or_else(|| cfg.place.dir.clone())
        .unwrap_or_else(|| "schedules".into());
    let rotas = history::load_dir(&dir, &cfg)?;
    let books = ledger::ledger(&cfg, &rotas);
    match args.format {
        Format::Table => {
            crate::stdout!("{}", ledger::ledger_text(&books));
        }
        Format::Json => {
            let text = serde_json::to_string_pretty(&books).map_err(|e| Error::invalid(e.to_string(), None))?;
            crate::stdoutln!("{text}");
        }
    }
    Ok(if books.is_clean() { Exit::Ok } else { Exit::Findings })
}

/// `sunrota import nrp INSTANCE [-o CONFIG]`: a benchmark instance as a config.
fn import(args: &ImportArgs) -> Result<Exit, Error> {
    let cli::ImportFormat::Nrp = args.format;
    let src = error::Source::read(&args.file)?;
    let inst = nrp::parse(&src)?;
    let name = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = nrp::to_config(&inst, &name);
    // The config must load: what import writes, plan reads.
    Config::from_source(error::Source {
        name: format!("{name} (imported)"),
        text: text.clone(),
    })?;
    match &args.output {
        Some(path) => {
            write::Target {
                path,
                force: args.force,
                inputs: vec![args.file.clone()],
            }
            .write(&text)?;
            crate::stdoutln!(
                "{}: {} staff, {} shift types, {} days, {} cover lines, {} requests → {}",
                src.name,
                inst.staff.len(),
                inst.shifts.len(),
                inst.days,
                inst.cover.len(),
                inst.on.len() + inst.off.len(),
                path.display()
            );
        }
        None => crate::stdout!("{text}"),
    }
    Ok(Exit::Ok)
}
