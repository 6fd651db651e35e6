//! A rota from a config: build the model, solve it, extract the rota and its
//! summary. The library entry point `plan`, `size`, the what-if and the
//! benchmarks share; the command around it is `cmd::plan`.

use crate::config::Config;
use crate::error::Error;
use crate::history::Past;
use crate::model::{self, Model};
use crate::rota::{self, Rota};
use crate::solve;

/// A planned rota with the model's size and how the solver finished.
pub struct Planned {
    pub rota: Rota,
    pub stats: model::Stats,
    pub outcome: solve::Outcome,
    /// What a `--keep` re-plan restored and what it would take to restore the rest.
    pub repair: Option<solve::repair::Report>,
}

/// How `plan --keep` changes the rota it keeps.
pub struct Keeping<'a> {
    pub keep: &'a model::keep::Keep,
    /// The kept rota as read.
    pub old: &'a Rota,
    /// Local dates where the kept rota breaks a rule of the new config.
    pub broken: &'a [chrono::NaiveDate],
    /// `--max-changes`: the local repair's budget instead of the default.
    pub max_changes: Option<u32>,
    /// `--improve`: price everything as a first plan does, each change at
    /// `weights.change`, instead of repairing locally.
    pub improve: bool,
}

/// Plans a rota for `cfg` after the rotas summed up in `past` (empty for a
/// first rota): build, solve, extract.
pub fn plan_rota(
    cfg: &Config,
    past: &Past,
    opts: &solve::Options,
    progress: &solve::progress::Progress,
) -> Result<Planned, Error> {
    plan_rota_keeping(cfg, past, None, opts, progress)
}

/// As [`plan_rota`], changing the rota `keeping` keeps: a local repair
/// ([`model::repair`]), or with `improve` a whole re-plan that prices each
/// change; the summary then counts the changes.
pub fn plan_rota_keeping(
    cfg: &Config,
    past: &Past,
    keeping: Option<&Keeping>,
    opts: &solve::Options,
    progress: &solve::progress::Progress,
) -> Result<Planned, Error> {
    let keep = keeping.map(|k| k.keep);
    let mut model = Model::build_keeping(cfg, past, keep);
    let problem = model
        .take_problem()
        .ok_or_else(|| Error::Solver("model already solved".into()))?;
    let (out, repair) = match keeping.filter(|k| !k.improve) {
        Some(k) => {
            let r = model.repair(cfg, k.keep, k.old, k.broken, k.max_changes);
            let done = solve::repair::repair(problem, &r, opts, progress)?;
            (done.outcome, Some(done.report))
        }
        None => (solve::solve(problem, opts, progress)?, None),
    };
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
            .map(|(name, fingerprint)| rota::TeamMark {
                name,
                fingerprint: Some(fingerprint),
            }),
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
        repair,
    })
}
