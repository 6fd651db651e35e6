//! `sunrota plan`: flags checked into options, where the rota continues from
//! and goes to, the solve, the cross-examination by `check`, the team
//! suggestion and the output.

use crate::cli::{Format, PlanArgs};
use crate::config::{self, Config};
use crate::error::{Error, Exit};
use crate::history::{self, Past};
use crate::plan::{plan_rota_keeping, Keeping, Planned};
use crate::rota::Rota;
use crate::{advise, check, cmd, explain, model, report, solve, whatif, write};
use std::path::PathBuf;

/// Validated options for `plan`.
struct PlanOptions {
    solver: solve::Options,
    view_zone: Option<chrono_tz::Tz>,
}

fn plan_options(args: &PlanArgs) -> Result<PlanOptions, Error> {
    // --time-limit, --gap and --threads were checked by their value parsers (cli.rs).
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

/// Ctrl-C stops the solver and keeps its best rota; a second one ends the process.
fn catch_interrupt() {
    let _ = ctrlc::set_handler(|| {
        if solve::stop::interrupted() {
            std::process::exit(Exit::Interrupted as i32);
        }
        solve::stop::interrupt();
    });
}

/// What `plan` starts from: the config (its horizon moved by `--after`), the
/// earlier rotas, where the rota goes and the rota `--keep` changes.
struct Start {
    cfg: Config,
    after: Option<PathBuf>,
    earlier: Vec<history::Loaded>,
    past: Past,
    output: Option<PathBuf>,
    kept: Option<cmd::keep::Kept>,
}

impl Start {
    fn read(args: &PlanArgs) -> Result<Start, Error> {
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
        let start = Start {
            cfg,
            after,
            earlier,
            past,
            output,
            kept: None,
        };
        // Refused before the kept rota is read and checked, or anything solved.
        start.target(args)?;
        let kept = match &args.keep {
            Some(path) => Some(cmd::keep::load(&start.cfg, &args.config, path, args.from.as_deref())?),
            None => None,
        };
        Ok(Start { kept, ..start })
    }

    /// Where the rota is written, checked before solving. Re-planning the
    /// rota --keep reads into that same file is the edit it exists for; every
    /// other input is never written over. Whether a new rota differs from an
    /// existing file is known only after the solve, so an existing file
    /// (not empty, not the --keep rota) is refused up front without --force.
    fn target<'a>(&'a self, args: &PlanArgs) -> Result<Option<write::Target<'a>>, Error> {
        let Some(path) = self.output.as_deref() else {
            return Ok(None);
        };
        let target = write::Target {
            path,
            force: args.force || args.keep.as_deref().is_some_and(|k| write::same_file(path, k)),
            inputs: std::iter::once(args.config.clone())
                .chain(self.after.clone())
                .chain(self.earlier.iter().map(|l| l.path.clone()))
                .collect(),
        };
        target.guard()?;
        not_another_teams(&self.cfg, path)?;
        target.refuse_existing(
            "the solve",
            "pass --force to replace it, `--keep FILE -o FILE` to re-plan it in place, or choose another file",
        )?;
        Ok(Some(target))
    }
}

pub fn plan(args: &PlanArgs) -> Result<Exit, Error> {
    let opts = plan_options(args)?;
    let start = Start::read(args)?;
    let (cfg, past) = (&start.cfg, &start.past);
    let target = start.target(args)?;
    let pre = advise::precheck(cfg);
    catch_interrupt();
    let progress = solve::progress::Progress::new(args.quiet);
    let clock = std::time::Instant::now();
    let keeping = start.kept.as_ref().map(|k| Keeping {
        keep: &k.keep,
        old: &k.rota,
        broken: &k.broken,
        max_changes: args.max_changes,
        // Free changes (`weights.change = 0`) ask for a whole re-plan too.
        improve: args.improve || cfg.weights.change == 0.0,
    });
    let Planned {
        rota,
        stats,
        outcome,
        repair,
    } = plan_rota_keeping(cfg, past, keeping.as_ref(), &opts.solver, &progress)?;
    if let Some(t) = &target {
        t.write(&rota.to_toml())?;
    }
    // Cross-examine the plan at once: when no rota met the "at least" rules,
    // the solver let them fall short (priced) rather than give up.
    let broken = cross_examine(cfg, &rota, past, &outcome);
    let overdue = crate::ledger::overdue_at_end(cfg, past, &rota);
    for o in &overdue {
        crate::stderrln!("warning: overdue comp day: {}", o.message());
    }
    let interrupted = solve::stop::interrupted();
    if interrupted {
        crate::stderrln!(
            "interrupted: keeping the best rota found so far (status `{}`)",
            rota.summary.status
        );
    }
    let left = args.time_limit - clock.elapsed().as_secs_f64();
    let suggestion = (!args.no_suggest && !interrupted)
        .then(|| suggest_team(cfg, past, &rota, args, &opts.solver, left, &progress))
        .flatten();
    progress.finish();
    let changes = start.kept.as_ref().map(|k| cmd::keep::changes(cfg, k, &rota));
    let out = PlanOutput {
        cfg,
        past,
        rota: &rota,
        stats: &stats,
        seconds: outcome.seconds,
        pre: &pre,
        what_if: suggestion.as_ref(),
        changes: changes.as_ref(),
        repair: repair.as_ref(),
        kept: start.kept.as_ref(),
        output: start.output.as_deref(),
        overdue: &overdue,
    };
    match args.format {
        Format::Json => print_plan_json(&out)?,
        Format::Table => print_plan_table(args, opts.view_zone, &out),
    }
    // Ctrl-C during the team suggestion stops only the suggestion.
    if !interrupted && solve::stop::interrupted() {
        crate::stderrln!("interrupted: the team suggestion was cut short; the rota is complete");
    }
    Ok(exit(args, &rota, broken))
}

/// Interrupted, else with `--strict` any gap, shortage, unfilled on-call
/// period or broken rule is a finding.
fn exit(args: &PlanArgs, rota: &Rota, broken: usize) -> Exit {
    let unfilled = !rota.duty.unfilled.is_empty();
    if solve::stop::interrupted() {
        Exit::Interrupted
    } else if args.strict && (!rota.gaps.is_empty() || unfilled || !rota.shortages.is_empty() || broken > 0) {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// What `plan` prints, gathered once for either format.
struct PlanOutput<'a> {
    cfg: &'a Config,
    past: &'a Past,
    rota: &'a Rota,
    stats: &'a model::Stats,
    seconds: f64,
    pre: &'a advise::Precheck,
    what_if: Option<&'a whatif::WhatIf>,
    changes: Option<&'a report::diff::RotaDiff>,
    /// `--keep`: what the local repair restored, and the rota it kept.
    repair: Option<&'a solve::repair::Report>,
    kept: Option<&'a cmd::keep::Kept>,
    /// Where the rota was written.
    output: Option<&'a std::path::Path>,
    overdue: &'a [crate::ledger::Overdue],
}

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
        repair: o.repair,
        overdue_comp_days: o.overdue,
    };
    crate::stdout!("{}", cmd::json(&doc)?);
    Ok(())
}

/// The precheck on stderr; the views, the what-if, the changes to a kept rota on stdout.
fn print_plan_table(args: &PlanArgs, view_zone: Option<chrono_tz::Tz>, o: &PlanOutput) {
    let (cfg, rota) = (o.cfg, o.rota);
    let width = cmd::fit_width(args.width);
    crate::stderr!("{}", report::wrap::block(&report::precheck_text(cfg, o.pre), width));
    let mut view = report::View::all(rota, view_zone.unwrap_or(cfg.coverage.zone), width);
    view.whys = explain::explain(cfg, rota, o.past, &report::gaps::stretches(&rota.gaps));
    crate::stdout!("{}", report::plan_text(cfg, rota, o.stats, o.seconds, &view));
    if let Some(s) = o.what_if {
        crate::stdout!("{}", report::what_if_text(s, width));
    }
    if let (Some(d), Some(path)) = (o.changes, &args.keep) {
        crate::stdoutln!(
            "\nChanges to the kept rota ({} in all):",
            rota.summary.changes.unwrap_or(0)
        );
        let new = o.output.map_or("(this plan)".into(), |p| p.display().to_string());
        let text = report::diff::text(d, (&path.display().to_string(), &new));
        crate::stdout!("{}", report::wrap::block(&text, width));
        if let (Some(r), Some(kept)) = (o.repair, o.kept) {
            crate::stdout!(
                "{}",
                report::wrap::block(&cmd::keep::repair_text(cfg, kept, d, r), width)
            );
        }
    }
    if let Some(p) = o.output {
        crate::stdoutln!("Rota written to {}", p.display());
    }
}

/// What would fix the gaps (teams of up to 40 agents): a work budget by
/// `--effort`; the `left` seconds of the time limit are only its safety net
/// (none left: it says it was cut short, rather than nothing).
fn suggest_team(
    cfg: &Config,
    past: &Past,
    rota: &Rota,
    args: &PlanArgs,
    solver: &solve::Options,
    left: f64,
    progress: &solve::progress::Progress,
) -> Option<whatif::WhatIf> {
    if rota.gaps.is_empty() || cfg.agents.len() > 40 || args.suggest == 0 {
        return None;
    }
    let budget = solve::Options {
        time_limit: Some(left.max(0.0)),
        ..*solver
    };
    whatif::what_if(cfg, past, &rota.gaps, args.suggest as usize, &budget, progress)
}

/// Checks the planned rota at once, as `check` would: a summary check
/// cannot confirm, or a broken rule (minimums let fall short, or a stopped
/// solve), is a warning. Returns the number of broken rules.
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
fn not_another_teams(cfg: &Config, path: &std::path::Path) -> Result<(), Error> {
    let ours = |team: &String, f: &Option<String>| match f {
        Some(f) => cfg.place.fingerprint.as_ref() == Some(f),
        None => cfg.place.team.as_ref() == Some(team),
    };
    match history::team_of_file(path) {
        Some((team, f)) if !ours(&team, &f) => Err(Error::invalid(
            format!("{} is a rota of team `{team}`; not writing over it", path.display()),
            Some("choose another file: each team's rotas belong in a directory of their own ([rota] dir)".into()),
        )),
        _ => Ok(()),
    }
}

type Home = (
    Option<std::path::PathBuf>,
    Option<Result<std::path::PathBuf, std::path::PathBuf>>,
);

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
