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
    let bad = |e: &dyn std::fmt::Display| Error::invalid(format!("cannot write CSV: {e}"), None);
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r).map_err(|e| bad(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| bad(&e))?;
    // Each cell again, neutralised (the same quoting rules, so an unchanged cell is unchanged).
    let mut read = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let mut out = csv::Writer::from_writer(Vec::new());
    for record in read.records() {
        let record = record.map_err(|e| bad(&e))?;
        out.write_record(record.iter().map(neutral)).map_err(|e| bad(&e))?;
    }
    let bytes = out.into_inner().map_err(|e| bad(&e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or
/// a carriage return first, as OWASP's CSV-injection advice lists them) gets
/// a leading `'`, so it shows as text; numbers such as `-1.0` stay numbers.
fn neutral(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !cell.parse::<f64>().is_ok_and(f64::is_finite) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The per-agent rows of `--summary`.
pub fn summary_rows(cfg: &Config, rota: &Rota) -> Vec<AgentTotals> {
    crate::report::rota_totals(cfg, rota)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        agent: &'static str,
        balance: f64,
    }

    #[test]
    fn formula_cells_are_shown_as_text_and_numbers_stay_numbers() {
        let rows = [
            Row {
                agent: "=HYPERLINK(\"http://x\",\"y\")",
                balance: -1.0,
            },
            Row {
                agent: "+1",
                balance: 2.5,
            },
            Row {
                agent: "@SUM(A1)",
                balance: 0.0,
            },
            Row {
                agent: "-cmd",
                balance: -0.25,
            },
            Row {
                agent: "ana, \"the\" lead",
                balance: 1.0,
            },
            Row {
                agent: "-inf",
                balance: 0.0,
            },
        ];
        let text = to_csv(&rows).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "agent,balance");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-1.0");
        assert_eq!(lines[2], "+1,2.5", "a number with its sign is a number");
        assert_eq!(lines[3], "'@SUM(A1),0.0");
        assert_eq!(lines[4], "'-cmd,-0.25");
        assert_eq!(lines[5], "\"ana, \"\"the\"\" lead\",1.0", "quoting as before");
        assert_eq!(lines[6], "'-inf,0.0", "inf is text to a spreadsheet, not a number");
    }
}
