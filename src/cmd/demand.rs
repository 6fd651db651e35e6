//! `sunrota demand CONFIG`: the coverage target each `[demand.CHANNEL]`
//! derives with Erlang C — per hour the contacts, the traffic, the agents on
//! duty the goal needs and the agents to schedule — and per weekday × hour
//! the head count the plan will be asked for.

use crate::cli::{DemandArgs, Format};
use crate::config::demand::{Channel, Staffing};
use crate::config::Config;
use crate::erlang::Goal;
use crate::error::{Error, Exit};
use crate::report::{fit, table};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Serialize)]
struct ChannelJson<'a> {
    channel: &'a str,
    skill: &'a str,
    /// Monday first.
    days: [bool; 7],
    hours: Vec<Staffing>,
}

pub fn demand(args: &DemandArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    if cfg.demand.is_empty() {
        return Err(Error::invalid(
            format!("{} has no [demand.CHANNEL] table", cfg.source.name),
            Some(
                "e.g. [demand.phone] per_hour = [...], handle_seconds = 180, service_level = 0.8, answer_seconds = 20"
                    .into(),
            ),
        ));
    }
    let text = match args.format {
        Format::Table => cfg.demand.iter().map(|c| channel_text(&cfg, c)).collect::<String>(),
        Format::Json => {
            let docs: Vec<ChannelJson> = cfg
                .demand
                .iter()
                .map(|c| ChannelJson {
                    channel: &c.name,
                    skill: &c.skill,
                    days: c.days,
                    hours: (0..24).map(|h| c.staffing(h)).collect(),
                })
                .collect();
            super::json(&docs)?
        }
    };
    crate::stdout!("{text}");
    Ok(Exit::Ok)
}

fn goal_text(g: Goal) -> String {
    match g {
        Goal::ServiceLevel { level, seconds } => format!("{:.0} % answered within {seconds} s", level * 100.0),
        Goal::AverageSpeed { seconds } => format!("average speed of answer ≤ {seconds} s"),
    }
}

/// One channel: the goal, an hour table and the weekday × hour target.
fn channel_text(cfg: &Config, c: &Channel) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Demand {} (skill {}): {} s handle time, {}, shrinkage {:.0} %, occupancy ≤ {:.0} %; hours in {}",
        c.name,
        c.skill,
        c.handle_seconds,
        goal_text(c.goal),
        c.shrinkage * 100.0,
        c.max_occupancy * 100.0,
        cfg.coverage.zone.name()
    );
    let header = ["hour", "contacts", "erlangs", "on duty (Erlang C)", "to schedule"];
    let mut t = fit(table(header.map(String::from).to_vec()), None);
    for h in 0..24 {
        let s = c.staffing(h);
        t.add_row(vec![
            format!("{h:02}:00–{:02}:00", h + 1),
            format!("{:.1}", s.contacts),
            format!("{:.2}", s.erlangs),
            s.agents.to_string(),
            s.scheduled.to_string(),
        ]);
    }
    let days: Vec<&str> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .into_iter()
        .zip(c.days)
        .filter_map(|(d, on)| on.then_some(d))
        .collect();
    let _ = writeln!(
        out,
        "{t}\nOn {}: these head counts join the coverage target as `{}` needs.\n",
        days.join(", "),
        c.skill
    );
    out
}
