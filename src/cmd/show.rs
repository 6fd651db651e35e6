//! `sunrota show CONFIG ROTA`: a committed rota's views, no solver — the
//! same grid, coverage, on-call, totals and gap lines `plan` prints, one
//! week of them (`--week`), or one agent's agenda (`--agent`).

use crate::cli::{ShowArgs, ShowFormat};
use crate::config::{Agent, Config};
use crate::error::{Error, Exit};
use crate::report::{self, agenda, View};
use crate::rota::Rota;
use chrono::{Duration, NaiveDate};

pub fn show(args: &ShowArgs) -> Result<Exit, Error> {
    let l = super::load(&args.input)?;
    let cfg = &l.cfg;
    let width = super::fit_width(args.width);
    let rota = &as_checked(cfg, &l.rota, &l.past, width);
    let weeks = weeks(rota, args.week)?;
    let tz = match &args.tz {
        Some(z) => super::zone_flag("--tz", z)?,
        None => cfg.coverage.zone,
    };
    let agent = args.agent.as_deref().map(|name| find_agent(cfg, name)).transpose()?;
    let stretches = report::gaps::stretches(&rota.gaps);
    let view = View {
        tz,
        weeks,
        width,
        whys: crate::explain::explain(cfg, rota, &l.past, &stretches),
    };
    let text = match (args.format, agent) {
        (ShowFormat::Table, Some(a)) => agenda::agenda(rota, a, &days(rota, a, &view.weeks)),
        (ShowFormat::Table, None) => table(cfg, rota, &view),
        (ShowFormat::Json, agent) => json(cfg, rota, agent, &view)?,
        (ShowFormat::Csv, agent) => csv(cfg, rota, agent, &view)?,
    };
    crate::stdout!("{text}");
    Ok(Exit::Ok)
}

/// The rota with the gaps and short demands `check` finds in it: after a
/// hand edit the ones its `[summary]` records are stale (a note says so).
fn as_checked(cfg: &Config, rota: &Rota, past: &crate::history::Past, width: Option<usize>) -> Rota {
    let found = crate::check::check(cfg, rota, past, &|_| 0);
    if found.gaps == rota.gaps && found.shortages == rota.shortages {
        return rota.clone();
    }
    let note = format!(
        "note: the rota was edited after planning: showing the gaps check finds ({} uncovered agent-minutes), \
         not the {} its [summary] records",
        found.uncovered_agent_minutes(),
        rota.summary.uncovered_agent_minutes
    );
    crate::stderr!("{}", report::wrap::item(&note, 0, report::wrap::HANG, width));
    let mut r = rota.clone();
    r.summary.uncovered_agent_minutes = found.uncovered_agent_minutes();
    r.summary.unavoidable_agent_minutes = 0;
    r.gaps = found.gaps;
    r.shortages = found.shortages;
    r
}

/// `--week N` as a range of week indices (all weeks without it).
fn weeks(rota: &Rota, week: Option<u32>) -> Result<std::ops::Range<u32>, Error> {
    match week {
        None => Ok(0..rota.weeks),
        Some(n) if (1..=rota.weeks).contains(&n) => Ok(n - 1..n),
        Some(n) => Err(Error::invalid(
            format!("--week {n}: the rota has {} week(s)", rota.weeks),
            Some(format!("weeks are numbered 1 to {}", rota.weeks)),
        )),
    }
}

/// The agent called `name`, or an error naming the closest agent.
pub fn find_agent<'a>(cfg: &'a Config, name: &str) -> Result<&'a Agent, Error> {
    if let Some((_, a)) = cfg.agent(name) {
        return Ok(a);
    }
    let closest = cfg
        .agents
        .iter()
        .map(|a| {
            (
                strsim::jaro_winkler(&a.name.to_lowercase(), &name.to_lowercase()),
                &a.name,
            )
        })
        .max_by(|x, y| x.0.total_cmp(&y.0));
    Err(Error::invalid(
        format!("no agent `{name}` in {}", cfg.source.name),
        closest.map(|(_, n)| format!("did you mean `{n}`?")),
    ))
}

/// The local dates of the weeks shown, and any date just outside the
/// horizon on which the agent has a shift that reaches into it.
fn days(rota: &Rota, a: &Agent, weeks: &std::ops::Range<u32>) -> Vec<NaiveDate> {
    let first = rota.start + Duration::days(i64::from(weeks.start) * 7);
    let end = rota.start + Duration::days(i64::from(weeks.end) * 7);
    let mut days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d < end).collect();
    for s in rota.shifts.iter().filter(|s| s.agent == a.name) {
        let d = s.date_in(a.zone);
        let edge = (d < first && weeks.start == 0) || (d >= end && weeks.end == rota.weeks);
        if edge && !days.contains(&d) {
            days.push(d);
        }
    }
    days.sort();
    days
}

/// The views of `plan`, under a heading and the summary recorded in the file.
fn table(cfg: &Config, rota: &Rota, view: &View) -> String {
    let s = &rota.summary;
    let head = format!(
        "{}Recorded by plan: {}, objective {:.1}, bound {:.1}, gap {:.2} %\n",
        report::heading(cfg, rota),
        s.status,
        s.objective,
        s.best_bound,
        s.gap_percent,
    );
    format!(
        "{}\n{}",
        report::wrap::block(&head, view.width),
        report::views(cfg, rota, view)
    )
}

fn json(cfg: &Config, rota: &Rota, agent: Option<&Agent>, view: &View) -> Result<String, Error> {
    let doc = if let Some(a) = agent {
        serde_json::json!({
            "agent": a.name,
            "zone": a.zone.name(),
            "entries": agenda::entries(rota, a, &days(rota, a, &view.weeks)),
        })
    } else {
        let part = report::part(cfg, rota, &view.weeks);
        serde_json::json!({
            "config": cfg.source.name,
            "rota": part,
            "agents": report::totals(cfg, &report::shifts_of_weeks(cfg, rota, &view.weeks)),
            "costs": report::cost::cost_report(cfg, &report::shifts_of_weeks(cfg, rota, &view.weeks), view.weeks.end - view.weeks.start),
            "gap_lines": report::gaps::lines(&part.gaps, view.tz),
            "gap_reasons": view.whys,
        })
    };
    super::json(&doc)
}

fn csv(cfg: &Config, rota: &Rota, agent: Option<&Agent>, view: &View) -> Result<String, Error> {
    let mut part = rota.clone();
    part.shifts = report::shifts_of_weeks(cfg, rota, &view.weeks);
    let mut rows = crate::export::csv::shift_rows(cfg, &part);
    if let Some(a) = agent {
        rows.retain(|r| r.agent == a.name);
    }
    crate::export::csv::to_csv(&rows)
}
