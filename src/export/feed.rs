//! One calendar feed across rotas: a new export of a rota merged into the
//! calendar file already in the folder. Events of the earlier file whose
//! start lies outside the exported rota's horizon (and whose UID the new
//! export does not carry) are kept byte for byte, SEQUENCE and DTSTAMP
//! included; the others are replaced by the new export's. Every event is
//! written in one fixed order — by start, then UID — so re-exporting an
//! unchanged rota gives a byte-identical file.
//!
//! Works on the text as written (RFC 5545 content lines, CRLF, folded):
//! an event is the lines from `BEGIN:VEVENT` to `END:VEVENT`.

use crate::time::Instant;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeSet;

/// The exported rota's horizon: its local dates (for all-day events) and
/// the UTC instants of their first and last midnight in the coverage zone.
#[derive(Debug, Clone, Copy)]
pub struct Horizon {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub from: Instant,
    pub until: Instant,
}

impl Horizon {
    /// Whether an event starting at `dtstart` (a DTSTART value: `20270108`
    /// or `20270108T160000Z`) belongs to this horizon. A start it cannot
    /// read (a hand edit) is outside: kept, never lost.
    fn holds(&self, dtstart: &str) -> bool {
        if let Ok(day) = NaiveDate::parse_from_str(dtstart, "%Y%m%d") {
            return self.start <= day && day < self.end;
        }
        NaiveDateTime::parse_from_str(dtstart, "%Y%m%dT%H%M%SZ")
            .map(|t| t.and_utc())
            .is_ok_and(|t| self.from <= t && t < self.until)
    }
}

/// One event as written: its sort key and its lines (CRLF-terminated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    start: String,
    uid: String,
    text: String,
}

impl Block {
    /// An event from its text (one `BEGIN:VEVENT` … `END:VEVENT\r\n`).
    pub fn new(text: String) -> Block {
        let start = value(&text, "DTSTART").unwrap_or_default();
        let uid = value(&text, "UID").unwrap_or_default();
        Block { start, uid, text }
    }
}

/// The value of the first content line named `name` (unfolded; parameters
/// such as `;VALUE=DATE` skipped).
fn value(block: &str, name: &str) -> Option<String> {
    let unfolded = block.replace("\r\n ", "").replace("\r\n\t", "");
    unfolded.split("\r\n").find_map(|line| {
        let rest = line.strip_prefix(name)?;
        if !(rest.starts_with(':') || rest.starts_with(';')) {
            return None;
        }
        Some(rest.split_once(':')?.1.to_string())
    })
}

/// Every event block of a calendar file's text.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.split_inclusive("\r\n") {
        let bare = line.trim_end_matches("\r\n");
        if bare == "BEGIN:VEVENT" {
            current = Some(String::new());
        }
        if let Some(c) = current.as_mut() {
            c.push_str(line);
        }
        if bare == "END:VEVENT" {
            if let Some(c) = current.take() {
                out.push(Block::new(c));
            }
        }
    }
    out
}

/// What a merge gives: the file's text, and how many events it holds.
pub struct Merged {
    pub text: String,
    pub events: usize,
}

/// `header` (`BEGIN:VCALENDAR` and the calendar's properties), then the new
/// events and the earlier file's events outside `horizon`, by start and UID.
pub fn merge(header: &str, fresh: Vec<Block>, earlier: Option<&str>, horizon: &Horizon) -> Merged {
    let uids: BTreeSet<String> = fresh.iter().map(|b| b.uid.clone()).collect();
    let kept = earlier
        .map(blocks)
        .unwrap_or_default()
        .into_iter()
        .filter(|b| !horizon.holds(&b.start) && !uids.contains(&b.uid));
    let mut all: Vec<Block> = fresh.into_iter().chain(kept).collect();
    all.sort_by(|a, b| (&a.start, &a.uid).cmp(&(&b.start, &b.uid)));
    let mut text = header.to_string();
    for b in &all {
        text.push_str(&b.text);
    }
    text.push_str("END:VCALENDAR\r\n");
    Merged {
        text,
        events: all.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(uid: &str, start: &str) -> String {
        format!("BEGIN:VEVENT\r\nDTSTART{start}\r\nSEQUENCE:3\r\nUID:{uid}\r\nSUMMARY:a long\r\n  summary\r\nEND:VEVENT\r\n")
    }

    fn april() -> Horizon {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let at = |s: &str| d(s).and_hms_opt(0, 0, 0).unwrap().and_utc();
        Horizon {
            start: d("2027-04-01"),
            end: d("2027-05-01"),
            from: at("2027-04-01"),
            until: at("2027-05-01"),
        }
    }

    #[test]
    fn a_start_is_read_with_or_without_parameters_and_unfolded() {
        let text = "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270\r\n 401\r\nUID:a\r\nEND:VEVENT\r\n";
        let b = Block::new(text.into());
        assert_eq!((b.start.as_str(), b.uid.as_str()), ("20270401", "a"));
        assert_eq!(value("DTSTAMP:1\r\nDTSTART:2\r\n", "DTSTART").as_deref(), Some("2"));
    }

    #[test]
    fn the_horizon_holds_dates_and_instants_from_its_start_to_before_its_end() {
        let h = april();
        assert!(h.holds("20270401") && h.holds("20270430") && !h.holds("20270501"));
        assert!(!h.holds("20270331T235959Z") && h.holds("20270401T000000Z"));
        assert!(!h.holds("20270501T000000Z") && !h.holds("garbage"));
    }

    #[test]
    fn events_outside_the_horizon_are_kept_byte_for_byte_and_all_are_ordered() {
        let march = event("m", ":20270315T080000Z");
        let may = event("y", ";VALUE=DATE:20270502");
        let old_april = event("a", ":20270402T080000Z");
        let earlier = format!("BEGIN:VCALENDAR\r\nX:1\r\n{may}{old_april}{march}END:VCALENDAR\r\n");
        let new_april = event("b", ":20270403T080000Z");
        // A new event whose UID an old one outside the horizon has replaces it.
        let moved = event("y", ":20270430T230000Z");
        let got = merge(
            "BEGIN:VCALENDAR\r\nX:2\r\n",
            vec![Block::new(moved.clone()), Block::new(new_april.clone())],
            Some(&earlier),
            &april(),
        );
        assert_eq!(got.events, 3);
        assert_eq!(
            got.text,
            format!("BEGIN:VCALENDAR\r\nX:2\r\n{march}{new_april}{moved}END:VCALENDAR\r\n")
        );
    }
}
