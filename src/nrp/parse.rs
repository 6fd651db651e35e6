//! Reading an instance file: its sections line by line, each data line into
//! the part of the [`Instance`] its section describes.

use super::{Cover, Instance, Request, ShiftType, Staff};
use crate::error::{Error, Source};
use std::collections::BTreeMap;

/// Reads an instance; a malformed line is an error pointing at it.
pub fn parse(src: &Source) -> Result<Instance, Error> {
    let mut inst = Instance::default();
    let mut section = String::new();
    let mut offset = 0;
    for raw in src.text.split_inclusive('\n') {
        let span = offset..offset + raw.trim_end().len();
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            section.clear();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.starts_with("SECTION_") {
            section = line.to_string();
            continue;
        }
        let line = Line {
            src,
            section: &section,
            span,
            f: line.split(',').map(str::trim).collect(),
        };
        data_line(&mut inst, &line)?;
    }
    if inst.days == 0 || inst.shifts.is_empty() || inst.staff.is_empty() {
        return Err(src.error(
            0..0,
            "not a complete NRP instance: it needs SECTION_HORIZON, SECTION_SHIFTS and SECTION_STAFF",
            "here",
            None,
        ));
    }
    Ok(inst)
}

/// One data line of a section, split into its comma-separated fields.
struct Line<'a> {
    src: &'a Source,
    section: &'a str,
    span: std::ops::Range<usize>,
    f: Vec<&'a str>,
}

impl Line<'_> {
    /// The error for this line, saying `why`.
    fn bad(&self, why: &str) -> Error {
        self.src.error(
            self.span.clone(),
            format!("cannot read this {} line: {why}", self.section),
            "here",
            Some("see FORMAT.md of the Curtois & Qu benchmark for each section's fields".into()),
        )
    }

    /// Field `i` as a whole number; some files write a zero as "-0".
    fn num(&self, i: usize) -> Result<u32, Error> {
        self.f
            .get(i)
            .and_then(|x| x.parse::<i64>().ok())
            .and_then(|x| u32::try_from(x).ok())
            .ok_or_else(|| self.bad(&format!("field {} is not a whole number", i + 1)))
    }

    /// Field `i` as a day of a horizon of `days` days.
    fn day(&self, i: usize, days: usize) -> Result<usize, Error> {
        let d = self.num(i)? as usize;
        if d >= days {
            return Err(self.bad(&format!("day {d} is outside the horizon of {days} days")));
        }
        Ok(d)
    }

    /// Field `i` as a shift type's id.
    fn shift(&self, i: usize) -> Result<String, Error> {
        Ok(self.f.get(i).ok_or_else(|| self.bad("missing shift"))?.to_string())
    }
}

/// Adds one data line to the instance, by its section.
fn data_line(inst: &mut Instance, line: &Line) -> Result<(), Error> {
    match line.section {
        "SECTION_HORIZON" => {
            inst.days = line.num(0)? as usize;
            if inst.days == 0 || inst.days % 7 != 0 || inst.days > 728 {
                return Err(line.bad("the horizon is a whole number of weeks, 7 to 728 days"));
            }
        }
        "SECTION_SHIFTS" => inst.shifts.push(shift_type(line)?),
        "SECTION_STAFF" => inst.staff.push(staff(line)?),
        "SECTION_DAYS_OFF" => {
            let set = inst.days_off.entry(line.f[0].to_string()).or_default();
            for (i, x) in line.f.iter().enumerate().skip(1) {
                if !x.is_empty() {
                    set.insert(line.day(i, inst.days)?);
                }
            }
        }
        "SECTION_SHIFT_ON_REQUESTS" | "SECTION_SHIFT_OFF_REQUESTS" => {
            let r = Request {
                staff: line.f[0].to_string(),
                day: line.day(1, inst.days)?,
                shift: line.shift(2)?,
                weight: line.num(3)?,
            };
            if line.section.contains("_ON_") {
                inst.on.push(r);
            } else {
                inst.off.push(r);
            }
        }
        "SECTION_COVER" => inst.cover.push(Cover {
            day: line.day(0, inst.days)?,
            shift: line.shift(1)?,
            requirement: line.num(2)?,
            under: line.num(3)?,
            over: line.num(4)?,
        }),
        _ => return Err(line.bad("a data line outside any known section")),
    }
    Ok(())
}

/// `ID, Length in mins, Shifts which cannot follow this shift | separated`.
fn shift_type(line: &Line) -> Result<ShiftType, Error> {
    let minutes = line.num(1)?;
    if minutes == 0 || minutes >= 1440 {
        return Err(line.bad("a shift lasts 1 to 1439 minutes"));
    }
    Ok(ShiftType {
        id: line.f[0].to_string(),
        minutes,
        cannot_follow: line
            .f
            .get(2)
            .map(|x| x.split('|').filter(|s| !s.is_empty()).map(String::from).collect())
            .unwrap_or_default(),
    })
}

/// `ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts,
/// MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends`.
fn staff(line: &Line) -> Result<Staff, Error> {
    let f = &line.f;
    if f.len() < 8 {
        return Err(line.bad("a staff line has 8 fields"));
    }
    let mut max_shifts = BTreeMap::new();
    for part in f[1].split('|').filter(|s| !s.is_empty()) {
        let (s, n) = part.split_once('=').ok_or_else(|| line.bad("MaxShifts is S=n|S=n"))?;
        max_shifts.insert(s.to_string(), n.parse().map_err(|_| line.bad("MaxShifts is S=n|S=n"))?);
    }
    Ok(Staff {
        id: f[0].to_string(),
        max_shifts,
        max_total_minutes: line.num(2)?,
        min_total_minutes: line.num(3)?,
        max_consecutive: line.num(4)?,
        min_consecutive: line.num(5)?,
        min_days_off: line.num(6)?,
        max_weekends: line.num(7)?,
    })
}
