//! The Curtois & Qu staff-rostering benchmark format ("NRP", Instance1–24):
//! read an instance, turn it into a sunrota config with the same constraints
//! and objective (`sunrota import nrp`), and evaluate a roster
//! (`employee,day,shift`) against the instance directly — without the config
//! or the model, so the benchmark's objective is computed twice, independently.
//!
//! This module owns the instance types; [`parse`] reads a file, [`to_config`]
//! writes the config and [`evaluate`] scores a roster.

mod evaluate;
mod import;
mod parse;

pub use evaluate::{evaluate, read_roster, roster_of, write_roster, Assignment, Evaluation};
pub use import::to_config;
pub use parse::parse;
use std::collections::{BTreeMap, BTreeSet};

/// Day 0 of every imported instance: a Monday, as in the benchmark.
pub const DAY0: &str = "2024-01-01";

#[derive(Debug, Clone, PartialEq)]
pub struct ShiftType {
    pub id: String,
    pub minutes: u32,
    pub cannot_follow: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub id: String,
    /// Most shifts of each type (0: may not work it).
    pub max_shifts: BTreeMap<String, u32>,
    pub max_total_minutes: u32,
    pub min_total_minutes: u32,
    pub max_consecutive: u32,
    pub min_consecutive: u32,
    pub min_days_off: u32,
    pub max_weekends: u32,
}

/// A shift request: `staff` wants (on) or does not want (off) `shift` on `day`.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub staff: String,
    pub day: usize,
    pub shift: String,
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub day: usize,
    pub shift: String,
    pub requirement: u32,
    pub under: u32,
    pub over: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Instance {
    pub days: usize,
    pub shifts: Vec<ShiftType>,
    pub staff: Vec<Staff>,
    pub days_off: BTreeMap<String, BTreeSet<usize>>,
    pub on: Vec<Request>,
    pub off: Vec<Request>,
    pub cover: Vec<Cover>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Source;

    fn inst(text: &str) -> Instance {
        parse(&Source {
            name: "i.txt".into(),
            text: text.into(),
        })
        .unwrap()
    }

    const TINY: &str = "SECTION_HORIZON\r\n7\r\n\r\nSECTION_SHIFTS\r\nE,480,\r\nL,480,E\r\n\r\n\
        SECTION_STAFF\r\nA,E=7|L=2,2400,960,3,2,2,1\r\n\r\nSECTION_DAYS_OFF\r\nA,6\r\n\r\n\
        SECTION_SHIFT_ON_REQUESTS\r\nA,0,E,2\r\n\r\nSECTION_SHIFT_OFF_REQUESTS\r\nA,1,L,3\r\n\r\n\
        SECTION_COVER\r\n0,E,1,100,1\r\n1,E,2,100,1\r\n";

    #[test]
    fn objective_by_hand() {
        let i = inst(TINY);
        let r = |d: usize, s: &str| Assignment {
            staff: "A".into(),
            day: d,
            shift: s.into(),
        };
        // Works L on day 1 (off request: 3), E on day 0 (on request met),
        // cover: day 0 met, day 1 needs 2 E, has 0: 200.
        let e = evaluate(&i, &[r(0, "E"), r(1, "L")]);
        assert_eq!(e.objective, 203);
        assert_eq!(e.violations, Vec::<String>::new());
        // L then E breaks the rotation; a run of 1 inside the horizon is too short.
        let e = evaluate(&i, &[r(2, "L"), r(3, "E"), r(5, "E")]);
        assert!(
            e.violations.iter().any(|v| v.contains("L followed by E")),
            "{:?}",
            e.violations
        );
        assert!(
            e.violations
                .iter()
                .any(|v| v.contains("days 5-5: 1 shifts in a row (min 2)")),
            "{:?}",
            e.violations
        );
        // Saturday (day 5) is one weekend, within MaxWeekends = 1.
        assert!(
            !e.violations.iter().any(|v| v.contains("weekends")),
            "{:?}",
            e.violations
        );
    }

    #[test]
    fn minus_zero_is_zero() {
        let i = inst(&TINY.replace("1,E,2,100,1", "1,E,-0,100,1"));
        assert_eq!(i.cover[1].requirement, 0);
    }

    #[test]
    fn bad_lines_point_at_the_line() {
        let err = parse(&Source {
            name: "i.txt".into(),
            text: "SECTION_HORIZON\n7\n\nSECTION_COVER\n0,E,x,100,1\n".into(),
        })
        .unwrap_err();
        assert!(err.to_string().contains("cannot read this SECTION_COVER line"), "{err}");
    }
}
