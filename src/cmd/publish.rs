//! `sunrota publish pagerduty CONFIG ROTA [--duty NAME] [--schedule ID]`:
//! the schedule's overrides in the rota's window become the rota's holds of
//! the duty. It owns the window (the rota's horizon, widened to its holds),
//! the plan it prints (keep, delete, create), `--dry-run`, and the one
//! message per failure; the difference and the calls are in
//! [`crate::publish`].

use crate::cli::{PublishArgs, PublishCommand};
use crate::config::paging::Tool;
use crate::config::{Config, Duty};
use crate::error::{Error, Exit};
use crate::export::paging::{self, Override};
use crate::publish::http::Failure;
use crate::publish::pagerduty::{self, Schedule};
use crate::publish::{diff, Diff, Window};
use crate::rota::Rota;
use chrono::{DateTime, FixedOffset, Utc};

pub fn publish(cmd: &PublishCommand) -> Result<Exit, Error> {
    match cmd {
        PublishCommand::Pagerduty(args) => publish_pagerduty(args),
    }
}

fn publish_pagerduty(args: &PublishArgs) -> Result<Exit, Error> {
    let l = super::load(&args.input)?;
    let duty = paging::duty(&l.cfg, args.duty.as_deref())?;
    let want = paging::overrides(&l.cfg, &l.rota, duty, Tool::Pagerduty)?;
    let id = schedule_id(args, duty)?;
    let token = token()?;
    let now = match &args.at {
        Some(text) => super::now::parse_at(text)?,
        None => Utc::now(),
    };
    let w = window(&l.cfg, &l.rota, duty, &want, now);
    let schedule = Schedule::new(&args.api_url, &token, &id, duty)
        .map_err(|e| Error::invalid(e, Some("give --api-url an https:// URL".into())))?;
    let have = schedule.list(&w).map_err(|f| {
        let hint = hint(&f, &id).unwrap_or_else(|| "nothing was sent but this list call".into());
        Error::invalid(
            format!(
                "listing the overrides of schedule {id} failed — {}; the schedule is unchanged",
                pagerduty::said(&f)
            ),
            Some(hint),
        )
    })?;
    let d = diff(&want, have, &w);
    print_plan(&l.cfg, duty, &id, &d, &w);
    if d.is_empty() {
        crate::stdoutln!("the schedule already says what the rota says: nothing sent");
        return Ok(Exit::Ok);
    }
    if args.dry_run {
        print_calls(&id, &d);
        crate::stdoutln!("dry run: nothing sent");
        return Ok(Exit::Ok);
    }
    schedule
        .apply(&d, &want, &w)
        .map_err(|(m, f)| Error::invalid(m, hint(&f, &id)))?;
    crate::stdoutln!(
        "sent {} call(s): {} deleted, {} created — the schedule now says what the rota says",
        d.delete.len() + usize::from(!d.create.is_empty()),
        d.delete.len(),
        d.create.len()
    );
    Ok(Exit::Ok)
}

/// What to do about a failed call, where the status says.
fn hint(f: &Failure, id: &str) -> Option<String> {
    match f {
        Failure::Status { status: 401 | 403, .. } => Some(format!(
            "{} must hold a PagerDuty REST API key with write access to schedules (not a read-only key)",
            pagerduty::TOKEN
        )),
        Failure::Status { status: 404, .. } => {
            Some(format!("is `{id}` the schedule's id? It is in the schedule page's URL"))
        }
        _ => None,
    }
}

/// `--schedule`, else the duty's `pagerduty = "P…"`.
fn schedule_id(args: &PublishArgs, duty: &Duty) -> Result<String, Error> {
    if let Some(id) = &args.schedule {
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_graphic()) {
            return Ok(id.clone());
        }
        return Err(Error::invalid(
            format!("--schedule `{}` is not a schedule id", id.escape_debug()),
            None,
        ));
    }
    duty.paging.pagerduty.clone().ok_or_else(|| {
        Error::invalid(
            format!("which PagerDuty schedule is on-call duty `{}`?", duty.name),
            Some(format!(
                "give --schedule ID, or add `pagerduty = \"P…\"` to [oncall.{}]",
                duty.name
            )),
        )
    })
}

fn token() -> Result<String, Error> {
    let how = "create a REST API key (Integrations → API Access Keys) and export PAGERDUTY_TOKEN=…; in CI, a secret";
    match std::env::var(pagerduty::TOKEN) {
        Ok(t) if t.trim().is_empty() => Err(Error::invalid(
            format!("{} is empty", pagerduty::TOKEN),
            Some(how.into()),
        )),
        Ok(t) if t.trim().bytes().all(|b| b.is_ascii_graphic()) => Ok(t.trim().to_string()),
        Ok(_) => Err(Error::invalid(
            format!("{} holds spaces or other characters no API key has", pagerduty::TOKEN),
            Some("copy the key again, without quotes or line breaks".into()),
        )),
        Err(_) => Err(Error::invalid(
            format!("{} is not set", pagerduty::TOKEN),
            Some(how.into()),
        )),
    }
}

/// The rota's horizon (midnight to midnight in the coverage zone), widened to
/// its holds of the duty and its unfilled periods (said on stderr); what
/// ended before `now` is history.
fn window(cfg: &Config, rota: &Rota, duty: &Duty, want: &[Override], now: DateTime<Utc>) -> Window {
    let zone = cfg.coverage.zone;
    let mut from = crate::time::at(zone, rota.start, 0);
    let mut to = crate::time::at(zone, rota.end(), 0);
    let holes = paging::unfilled(rota, duty);
    let spans = want
        .iter()
        .map(|o| (o.start.to_utc(), o.end.to_utc()))
        .chain(holes.iter().copied());
    for (start, end) in spans {
        from = from.min(start);
        to = to.max(end);
    }
    Window { from, to, now }
}

/// One line per override: what stays, goes and comes, in the duty's zone.
fn print_plan(cfg: &Config, duty: &Duty, id: &str, d: &Diff, w: &Window) {
    let at = |t: &DateTime<FixedOffset>| t.with_timezone(&duty.zone).format("%a %Y-%m-%d %H:%M").to_string();
    let who = |user: &str| {
        cfg.agents
            .iter()
            .find(|a| a.paging.pagerduty.as_deref() == Some(user))
            .map_or_else(|| user.to_string(), |a| format!("{} ({user})", a.name))
    };
    crate::stdoutln!(
        "PagerDuty schedule {id}, on-call duty `{}`, {} → {} ({}):",
        duty.name,
        w.from.with_timezone(&duty.zone).format("%Y-%m-%d %H:%M"),
        w.to.with_timezone(&duty.zone).format("%Y-%m-%d %H:%M"),
        duty.zone.name()
    );
    for e in &d.keep {
        crate::stdoutln!("  keep    {} → {}  {}", at(&e.start), at(&e.end), who(&e.user));
    }
    for e in &d.delete {
        // PagerDuty cuts an override under way at now instead of deleting it.
        let verb = if e.start.to_utc() < w.now { "cut" } else { "delete" };
        crate::stdoutln!(
            "  {verb:<6}  {} → {}  {}  [{}]",
            at(&e.start),
            at(&e.end),
            who(&e.user),
            e.id
        );
    }
    for o in &d.create {
        crate::stdoutln!("  create  {} → {}  {}", at(&o.start), at(&o.end), who(&o.user));
    }
    if !d.outside.is_empty() {
        crate::stderrln!(
            "note: {} override(s) reach outside the rota's window or are over: left alone",
            d.outside.len()
        );
    }
}

/// The calls `apply` would send, for `--dry-run`: the creations, then the deletions.
fn print_calls(id: &str, d: &Diff) {
    if !d.create.is_empty() {
        crate::stdoutln!(
            "would send: POST /schedules/{id}/overrides with {} override(s)",
            d.create.len()
        );
    }
    for e in &d.delete {
        crate::stdoutln!("would send: DELETE /schedules/{id}/overrides/{}", e.id);
    }
}
