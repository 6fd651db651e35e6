//! `sunrota swap CONFIG ROTA give|trade|oncall …`: a hand edit done right.
//! Shifts move with their template to the other agent's zone (the instants
//! are recomputed there, exact across clock changes), on-call holds change
//! holder; credits, ledger and summary are brought up to date; then the
//! result is checked as `check` would, and written (atomically) only if it
//! keeps every rule, or with `--force`. A refusal leads with the rules the
//! change breaks; the gaps the rota already had are one summary line.

use super::show::find_agent;
use crate::check::{self, Findings};
use crate::cli::{SwapAction, SwapArgs};
use crate::config::{Agent, Config};
use crate::error::{Error, Exit};
use crate::history::Past;
use crate::report::{self, diff};
use crate::rota::{Rota, Shift};
use crate::time;
use chrono::NaiveDate;

pub fn swap(args: &SwapArgs) -> Result<Exit, Error> {
    // Editing the rota in place is what swap is for; -o never goes onto the
    // config, and onto another existing file only with --force — refused
    // before the swap is made and checked.
    let path = args.output.as_ref().unwrap_or(&args.input.rota);
    let in_place = args
        .output
        .as_deref()
        .is_none_or(|o| crate::write::same_file(o, &args.input.rota));
    let target = crate::write::Target {
        path,
        force: args.force || in_place,
        inputs: vec![args.input.config.clone()],
    };
    target.guard()?;
    target.refuse_existing("the swap", "pass --force to replace it, or choose another file")?;
    let l = super::load(&args.input)?;
    let (cfg, old) = (&l.cfg, &l.rota);
    let mut new = old.clone();
    apply(cfg, &mut new, &args.action)?;
    let mut found = refresh(cfg, &mut new, &l.past);
    // Lines of a file not written yet mean nothing.
    found.violations.iter_mut().for_each(|v| v.line = None);
    let tz = cfg.coverage.zone;
    let had = check::check(cfg, old, &l.past, &|_| 0);
    let d = diff::diff(
        cfg,
        old,
        &new,
        diff::coverage(&had.gaps, tz),
        diff::coverage(&found.gaps, tz),
    );
    let path = args.output.as_ref().unwrap_or(&args.input.rota);
    let shown = path.display().to_string();
    let width = super::fit_width(args.width);
    let refused = !found.violations.is_empty() && !args.force;
    if refused {
        crate::stdout!("{}", report::wrap::block(&refusal(cfg, &shown, &found, &had), width));
    }
    let changes = diff::text(&d, (&args.input.rota.display().to_string(), &shown));
    crate::stdout!("{}", report::wrap::block(&changes, width));
    if refused {
        let n = found.violations.len();
        let why = format!("Not written: the change breaks {n} rule(s); --force writes it anyway.");
        crate::stdout!("{}", report::wrap::item(&why, 0, report::wrap::HANG, width));
        return Ok(Exit::Findings);
    }
    target.write(&new.to_toml())?;
    crate::stdoutln!("Rota written to {shown}");
    Ok(Exit::Ok)
}

/// What a refused swap leads with: each rule the changed rota breaks, each
/// gap or short shift demand the rota did not have before, and the ones it
/// had (`had`) as one line.
fn refusal(cfg: &Config, file: &str, found: &Findings, had: &Findings) -> String {
    let tz = cfg.coverage.zone;
    let mut out = String::new();
    for v in &found.violations {
        out.push_str(&report::violation_line(file, v));
        out.push('\n');
    }
    let earlier = report::gaps::lines(&had.gaps, tz);
    let (mut kept, mut minutes) = (0, 0);
    for s in report::gaps::stretches(&found.gaps) {
        let line = report::gaps::line(&s, tz);
        if earlier.contains(&line) {
            kept += 1;
            minutes += s
                .short
                .iter()
                .map(|g| time::minutes(s.start, s.end) * i64::from(g.missing()))
                .sum::<i64>();
        } else {
            out.push_str(&format!("{file}: gap: {line} (changed by this swap)\n"));
        }
    }
    let short_before = found.shortages.iter().filter(|s| had.shortages.contains(s)).count();
    for s in found.shortages.iter().filter(|s| !had.shortages.contains(s)) {
        out.push_str(&format!(
            "{file}: short: {} (changed by this swap)\n",
            report::shortage_line(s)
        ));
    }
    if kept + short_before > 0 {
        let short = if short_before > 0 {
            format!(" and {short_before} short shift demand(s)")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{file}: besides, the {kept} gap(s) ({minutes} uncovered agent-minutes){short} the rota already had \
             stay as they were; `sunrota check` lists them\n"
        ));
    }
    out
}

/// Makes the change the action names in `rota`.
fn apply(cfg: &Config, rota: &mut Rota, action: &SwapAction) -> Result<(), Error> {
    match action {
        SwapAction::Give { agent, date, to } => give(cfg, rota, agent, date, to),
        SwapAction::Trade {
            agent,
            other,
            date,
            other_date,
        } => trade(cfg, rota, (agent, date), (other, other_date.as_deref().unwrap_or(date))),
        SwapAction::Oncall { duty, date, to } => hand_over(cfg, rota, duty, date, to),
    }
}

fn date_arg(text: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            format!("`{text}` is not a date"),
            Some("dates are YYYY-MM-DD, e.g. 2026-03-07".into()),
        )
    })
}

/// A swap needs two agents.
fn not_oneself(a: &Agent, b: &Agent, what: &str) -> Result<(), Error> {
    if a.name == b.name {
        return Err(Error::invalid(format!("{} cannot {what} themselves", a.name), None));
    }
    Ok(())
}

/// The index in `rota.shifts` of `agent`'s shift on their local `date`.
fn shift_on(rota: &Rota, agent: &Agent, date: NaiveDate) -> Result<usize, Error> {
    let local = |s: &Shift| s.date_in(agent.zone);
    rota.shifts
        .iter()
        .position(|s| s.agent == agent.name && local(s) == date)
        .ok_or_else(|| {
            let near: Vec<String> = rota
                .shifts
                .iter()
                .filter(|s| s.agent == agent.name && (local(s) - date).num_days().abs() <= 3)
                .map(|s| local(s).format("%a %Y-%m-%d").to_string())
                .collect();
            Error::invalid(
                format!(
                    "{} has no shift on {} in this rota",
                    agent.name,
                    date.format("%a %Y-%m-%d")
                ),
                (!near.is_empty()).then(|| format!("{}'s shifts near it: {}", agent.name, near.join(", "))),
            )
        })
}

/// The shift moved to `to`: the same template on the same local date, in `to`'s zone.
fn moved(cfg: &Config, s: &Shift, date: NaiveDate, to: &Agent) -> Shift {
    let (start, end) = match cfg.template(&s.template) {
        Some((_, tpl)) => time::span(to.zone, date, tpl.start, tpl.end),
        None => (s.start_utc(), s.end_utc()),
    };
    Shift::new(&to.name, to.zone, &s.template, date, (start, end))
}

fn give(cfg: &Config, rota: &mut Rota, agent: &str, date: &str, to: &str) -> Result<(), Error> {
    let (from, to, date) = (find_agent(cfg, agent)?, find_agent(cfg, to)?, date_arg(date)?);
    not_oneself(from, to, "give a shift to")?;
    let i = shift_on(rota, from, date)?;
    rota.shifts[i] = moved(cfg, &rota.shifts[i], date, to);
    Ok(())
}

fn trade(cfg: &Config, rota: &mut Rota, a: (&str, &str), b: (&str, &str)) -> Result<(), Error> {
    let (x, y) = (find_agent(cfg, a.0)?, find_agent(cfg, b.0)?);
    not_oneself(x, y, "trade with")?;
    let (dx, dy) = (date_arg(a.1)?, date_arg(b.1)?);
    let i = shift_on(rota, x, dx)?;
    let j = shift_on(rota, y, dy)?;
    let (si, sj) = (moved(cfg, &rota.shifts[i], dx, y), moved(cfg, &rota.shifts[j], dy, x));
    rota.shifts[i] = si;
    rota.shifts[j] = sj;
    Ok(())
}

fn hand_over(cfg: &Config, rota: &mut Rota, duty: &str, date: &str, to: &str) -> Result<(), Error> {
    let d = cfg.duties.iter().find(|d| d.name == duty).ok_or_else(|| {
        let names: Vec<&str> = cfg.duties.iter().map(|d| d.name.as_str()).collect();
        Error::invalid(
            format!("no on-call duty `{duty}`"),
            Some(format!("duties: {}", names.join(", "))),
        )
    })?;
    let (to, date) = (find_agent(cfg, to)?, date_arg(date)?);
    let handed = |h: &crate::rota::Hold| time::local_date(d.zone, h.start.to_utc());
    let Some(i) = rota
        .duty
        .holds
        .iter()
        .position(|h| h.duty == d.name && handed(h) == date)
    else {
        let dates: Vec<String> = rota
            .duty
            .holds
            .iter()
            .filter(|h| h.duty == d.name)
            .map(|h| handed(h).to_string())
            .collect();
        return Err(Error::invalid(
            format!("no {duty} period is handed over on {date} in this rota"),
            (!dates.is_empty()).then(|| format!("its {duty} handovers: {}", dates.join(", "))),
        ));
    };
    let h = &mut rota.duty.holds[i];
    if h.agent == to.name {
        return Err(Error::invalid(
            format!("{} already holds that {duty} period", to.name),
            None,
        ));
    }
    h.agent.clone_from(&to.name);
    h.start = h.start.with_timezone(&to.zone).fixed_offset();
    h.end = h.end.with_timezone(&to.zone).fixed_offset();
    Ok(())
}

/// Brings what derives from the assignments up to date — credits earned,
/// the ledger, gaps and the summary — and returns what `check` finds.
fn refresh(cfg: &Config, rota: &mut Rota, past: &Past) -> Findings {
    rota.duty.earned = crate::oncall::credits(cfg, &rota.duty.holds, &rota.shifts);
    rota.duty.ledger = crate::model::ledger_lines(cfg, past, &rota.duty);
    rota.normalize();
    let found = check::check(cfg, rota, past, &|_| 0);
    let s = &mut rota.summary;
    s.uncovered_agent_minutes = found.uncovered_agent_minutes();
    s.unavoidable_agent_minutes = s.unavoidable_agent_minutes.min(s.uncovered_agent_minutes);
    // The bound still holds (it bounds every rota); the status is the edit's.
    s.status = "edited".into();
    if let Some(objective) = found.objective {
        s.objective = objective;
        s.gap_percent = if objective.abs() > 1e-9 {
            ((objective - s.best_bound) / objective.abs() * 100.0).max(0.0)
        } else {
            0.0
        };
    }
    rota.gaps.clone_from(&found.gaps);
    rota.shortages.clone_from(&found.shortages);
    found
}
