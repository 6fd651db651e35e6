//! CSV rows of a rota for spreadsheets and payroll (the `csv` crate): one row
//! per shift with local and UTC instants, or one row per agent with totals.

use crate::config::{weekend_of, Config};
use crate::error::Error;
use crate::report::AgentTotals;
use crate::rota::Rota;
use chrono::{NaiveDate, SecondsFormat};
use serde::Serialize;

/// One shift: where, when (local with offset, and UTC) and what kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftRow {
    pub agent: String,
    pub zone: String,
    pub template: String,
    /// The agent's local date the shift starts on.
    pub local_date: NaiveDate,
    /// RFC 3339 with the agent's offset, e.g. 2026-03-02T09:00:00+05:30.
    pub local_start: String,
    pub local_end: String,
    /// RFC 3339 in UTC, e.g. 2026-03-02T03:30:00Z.
    pub utc_start: String,
    pub utc_end: String,
    /// Exact length (a DST night is 7 or 9 hours).
    pub hours: f64,
    pub night: bool,
    /// Starts on a local Saturday or Sunday.
    pub weekend: bool,
    /// Starts on one of `[comp] holidays`.
    pub holiday: bool,
}

/// Every shift of the rota by start (then agent), also after a hand edit;
/// shifts of agents the config lacks are left out.
pub fn shift_rows(cfg: &Config, rota: &Rota) -> Vec<ShiftRow> {
    let text = |t: chrono::DateTime<chrono::FixedOffset>| t.to_rfc3339_opts(SecondsFormat::Secs, false);
    let utc = |t: crate::time::Instant| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut rows: Vec<ShiftRow> = rota
        .shifts
        .iter()
        .filter_map(|s| {
            let (_, agent) = cfg.agent(&s.agent)?;
            let (a, b) = (s.start_utc(), s.end_utc());
            let (la, lb) = (
                a.with_timezone(&agent.zone).fixed_offset(),
                b.with_timezone(&agent.zone).fixed_offset(),
            );
            let date = la.date_naive();
            Some(ShiftRow {
                agent: s.agent.clone(),
                zone: agent.zone.name().to_string(),
                template: s.template.clone(),
                local_date: date,
                local_start: text(la),
                local_end: text(lb),
                utc_start: utc(a),
                utc_end: utc(b),
                hours: crate::time::seconds(a, b) as f64 / 3600.0,
                night: cfg.template(&s.template).is_some_and(|(_, t)| t.night),
                weekend: weekend_of(date).is_some(),
                holiday: cfg.comp.holidays.contains(&date),
            })
        })
        .collect();
    // RFC 3339 in UTC sorts as the instants do.
    rows.sort_by(|a, b| (&a.utc_start, &a.agent).cmp(&(&b.utc_start, &b.agent)));
    rows
}

/// Rows as CSV text with a header line.
pub fn to_csv<T: Serialize>(rows: &[T]) -> Result<String, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r)
            .map_err(|e| Error::invalid(format!("cannot write CSV: {e}"), None))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::invalid(format!("cannot write CSV: {e}"), None))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The per-agent rows of `--summary`.
pub fn summary_rows(cfg: &Config, rota: &Rota) -> Vec<AgentTotals> {
    crate::report::rota_totals(cfg, rota)
}
