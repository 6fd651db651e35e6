//! `sunrota size CONFIG [--hubs …] [--stages]`: the smallest team per hub,
//! or the coverage ladder, as tables or JSON.

use crate::cli::{Format, SizeArgs};
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::size::{self, Sizing, Stage};
use crate::solve::progress::Progress;
use chrono_tz::Tz;
use std::fmt::Write as _;

pub fn size(args: &SizeArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    let hubs = hubs(&cfg, args.hubs.as_deref())?;
    let opts = crate::solve::Options {
        time_limit: Some(args.time_limit),
        ..crate::solve::Options::default()
    };
    let progress = Progress::new(args.quiet);
    let text = if args.stages {
        let zone = match &args.zone {
            Some(z) => super::zone_flag("--zone", z)?,
            None => cfg.stages.as_ref().and_then(|l| l.zone).unwrap_or(cfg.coverage.zone),
        };
        let ladder = size::stages(&cfg, &hubs, zone, &opts, &progress);
        progress.finish();
        match args.format {
            Format::Table => stages_text(&ladder, zone),
            Format::Json => super::json(&ladder)?,
        }
    } else {
        let sizing = size::size(&cfg, &hubs, &opts, &progress).ok_or_else(|| {
            Error::invalid(
                "no team size found within the time limit",
                Some("raise --time-limit".into()),
            )
        })?;
        progress.finish();
        match args.format {
            Format::Table => sizing_text(&sizing),
            Format::Json => super::json(&sizing)?,
        }
    };
    crate::stdout!("{text}");
    Ok(Exit::Ok)
}

/// `--hubs` (comma-separated zones), else the zones of the config's agents.
fn hubs(cfg: &Config, flag: Option<&str>) -> Result<Vec<Tz>, Error> {
    let mut out: Vec<Tz> = match flag {
        Some(list) => list
            .split(',')
            .map(|z| super::zone_flag("--hubs", z.trim()))
            .collect::<Result<_, _>>()?,
        None => cfg.agents.iter().map(|a| a.zone).collect(),
    };
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|z| seen.insert(z.name()));
    Ok(out)
}

fn money(c: Option<&crate::report::cost::CostReport>, monthly: bool) -> String {
    c.map_or_else(
        || "—".into(),
        |c| {
            let week = c.per_week;
            let x = if monthly { week * 52.0 / 12.0 } else { week };
            format!("{x:.0} {}", c.currency)
        },
    )
}

/// The sized team: per hub, the fragment to paste, what its plan leaves.
fn sizing_text(s: &Sizing) -> String {
    let mut out = format!("Smallest team found: {} agent(s)\n", s.agents);
    if s.stopped {
        out = format!(
            "Stopped at the time limit with {} agent(s) (raise --time-limit to finish)\n",
            s.agents
        );
    }
    for (zone, n) in &s.hubs {
        let _ = writeln!(out, "  {zone}: {n}");
    }
    if s.agents == 0 {
        let _ = writeln!(
            out,
            "No hire can cover any of the target: no template reaches it ({} agent-minutes).",
            s.uncovered_agent_minutes
        );
        return out;
    }
    let _ = writeln!(out, "Weekly cost: {}", money(s.cost.as_ref(), false));
    if s.reachable_agent_minutes == 0 {
        let rest = if s.uncovered_agent_minutes > 0 {
            format!(
                " ({} uncovered agent-minutes no template reaches)",
                s.uncovered_agent_minutes
            )
        } else {
            String::new()
        };
        let fewer = match (s.minimal, s.lower_bound) {
            (true, _) => "; no smaller team can cover it".to_string(),
            (false, Some(n)) => format!("; not proven the smallest (a team needs at least {n})"),
            (false, None) => "; not proven the smallest".to_string(),
        };
        let _ = writeln!(
            out,
            "Verified by planning: covers every hour a template can reach{rest}{fewer}."
        );
    } else {
        let _ = writeln!(
            out,
            "Verified by planning: {} uncovered agent-minutes remain:",
            s.uncovered_agent_minutes
        );
        for l in &s.gap_lines {
            let _ = writeln!(out, "  {l}");
        }
    }
    out
}

/// The ladder: hours, head count per hub, weekly and monthly cost, Δ %.
fn stages_text(ladder: &[Stage], zone: Tz) -> String {
    let header = [
        "stage",
        "hours/week",
        "head count per hub",
        "agents",
        "weekly",
        "monthly",
        "Δ prev",
        "Δ vs 8×5",
    ];
    let mut t = crate::report::table(header.map(String::from).to_vec());
    let cost = |s: &Stage| s.sizing.cost.as_ref().map(|c| c.per_week);
    let first = ladder.first().and_then(cost);
    let pct = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:+.0} %", (a / b - 1.0) * 100.0),
        _ => "—".into(),
    };
    for (i, s) in ladder.iter().enumerate() {
        let hubs: Vec<String> = s
            .sizing
            .hubs
            .iter()
            .map(|(z, n)| format!("{} {n}", z.rsplit('/').next().unwrap_or(z)))
            .collect();
        let prev = if i == 0 { None } else { cost(&ladder[i - 1]) };
        t.add_row(vec![
            s.name.clone(),
            format!("{:.0}", s.hours_per_week),
            hubs.join(", "),
            s.sizing.agents.to_string(),
            money(s.sizing.cost.as_ref(), false),
            money(s.sizing.cost.as_ref(), true),
            if i == 0 { "—".into() } else { pct(cost(s), prev) },
            pct(cost(s), first),
        ]);
    }
    let stopped: Vec<&str> = ladder
        .iter()
        .filter(|s| s.sizing.stopped)
        .map(|s| s.name.as_str())
        .collect();
    let stopped = if stopped.is_empty() {
        String::new()
    } else {
        format!(
            "Stopped at the time limit: {} (raise --time-limit to finish)\n",
            stopped.join(", ")
        )
    };
    format!(
        "Coverage stages (one agent on duty; hours in {}; a month = 52/12 weeks)\n{t}\n{stopped}",
        zone.name()
    )
}
