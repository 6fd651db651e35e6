//! What a rota costs (`[costs]`): per agent, per hub (zone) and in all, per
//! week — pay for every hour worked at the agent's rate times the largest
//! premium that applies (night template, weekend, holiday), plus seats.

use crate::config::{weekend_of, Config};
use crate::rota::Shift;
use crate::time;
use serde::Serialize;
use std::fmt::Write as _;

/// One agent's cost over the rota.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentCost {
    pub agent: String,
    pub zone: String,
    /// Pay per hour.
    pub rate: f64,
    pub hours: f64,
    /// Hours × rate.
    pub base: f64,
    /// What the night, weekend and holiday multipliers add.
    pub premiums: f64,
    pub seat: f64,
    pub total: f64,
}

/// One hub's (zone's) cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubCost {
    pub zone: String,
    pub agents: usize,
    pub hours: f64,
    pub total: f64,
}

/// The cost of a rota.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostReport {
    pub currency: String,
    pub agents: Vec<AgentCost>,
    pub hubs: Vec<HubCost>,
    pub total: f64,
    pub weeks: u32,
    pub per_week: f64,
}

/// The multiplier a shift is paid at: the largest premium that applies.
fn premium(cfg: &Config, s: &Shift, zone: chrono_tz::Tz) -> f64 {
    let Some(c) = &cfg.costs else { return 1.0 };
    let date = s.date_in(zone);
    let night = cfg.template(&s.template).is_some_and(|(_, t)| t.night);
    [
        (night, c.night),
        (weekend_of(date).is_some(), c.weekend),
        (cfg.comp.holidays.contains(&date), c.holiday),
    ]
    .iter()
    .filter(|(applies, _)| *applies)
    .map(|(_, m)| *m)
    .fold(1.0, f64::max)
}

/// The cost of `shifts` over `weeks` weeks; `None` without `[costs]`.
pub fn cost_report(cfg: &Config, shifts: &[Shift], weeks: u32) -> Option<CostReport> {
    let c = cfg.costs.as_ref()?;
    // A month is 1/12 of a year; amounts are kept in cents.
    let seat = cents(c.seat_per_month * 12.0 / 365.25 * f64::from(weeks) * 7.0);
    let agents: Vec<AgentCost> = cfg
        .agents
        .iter()
        .map(|a| {
            let rate = c.rate_of(a.rate, a.zone);
            let (mut hours, mut pay) = (0.0, 0.0);
            for s in shifts.iter().filter(|s| s.agent == a.name) {
                let h = time::seconds(s.start_utc(), s.end_utc()) as f64 / 3600.0;
                hours += h;
                pay += h * rate * premium(cfg, s, a.zone);
            }
            let (base, pay) = (cents(hours * rate), cents(pay));
            AgentCost {
                agent: a.name.clone(),
                zone: a.zone.name().to_string(),
                rate,
                hours,
                base,
                premiums: cents(pay - base),
                seat,
                total: cents(pay + seat),
            }
        })
        .collect();
    let hubs = hubs(&agents);
    let total = cents(agents.iter().map(|a| a.total).sum());
    Some(CostReport {
        currency: c.currency.clone(),
        agents,
        hubs,
        total,
        weeks,
        per_week: if weeks > 0 {
            cents(total / f64::from(weeks))
        } else {
            0.0
        },
    })
}

fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn hubs(agents: &[AgentCost]) -> Vec<HubCost> {
    let mut out: Vec<HubCost> = Vec::new();
    for a in agents {
        match out.iter_mut().find(|h| h.zone == a.zone) {
            Some(h) => {
                h.agents += 1;
                h.hours += a.hours;
                h.total = cents(h.total + a.total);
            }
            None => out.push(HubCost {
                zone: a.zone.clone(),
                agents: 1,
                hours: a.hours,
                total: a.total,
            }),
        }
    }
    out
}

fn money(x: f64) -> String {
    format!("{x:.2}")
}

/// The cost tables: per agent, per hub, then the totals.
pub fn cost_text(r: &CostReport, width: Option<usize>) -> String {
    let cur = &r.currency;
    let header = ["agent", "zone", "rate/h", "hours", "base", "premiums", "seat", "total"];
    let mut t = super::fit(super::table(header.map(String::from).to_vec()), width);
    for a in &r.agents {
        t.add_row(vec![
            a.agent.clone(),
            a.zone.clone(),
            money(a.rate),
            format!("{:.1}", a.hours),
            money(a.base),
            money(a.premiums),
            money(a.seat),
            money(a.total),
        ]);
    }
    let mut h = super::fit(
        super::table(["hub", "agents", "hours", "total"].map(String::from).to_vec()),
        width,
    );
    for hub in &r.hubs {
        h.add_row(vec![
            hub.zone.clone(),
            hub.agents.to_string(),
            format!("{:.1}", hub.hours),
            money(hub.total),
        ]);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Cost ({cur}; premiums do not compound: each shift at the largest that applies)\n{t}\n{h}"
    );
    let _ = writeln!(
        out,
        "Total {} {cur} over {} week(s): {} {cur} a week",
        money(r.total),
        r.weeks,
        money(r.per_week)
    );
    out
}
