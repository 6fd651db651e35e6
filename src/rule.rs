//! Every rule sunrota keeps, in one list: its stable id (what `check` prints
//! and JSON carries), the concept it belongs to and a one-line description.
//!
//! The list is the contract between the layers. Each work rule has one
//! function of the same name per layer, in a file named after its concept:
//! `model::rules::<concept>` writes its rows (the construction and the
//! improvement keep a rota feasible by those same rows, so they have no
//! third copy), and `check::<concept>` re-derives it from a rota's instants.
//! The README's rule table is generated from [`Rule::ALL`] and a test keeps
//! them equal; another test breaks each rule by hand and expects `check` to
//! name it.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// What a rule is about; the checker and the model group their files by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Concept {
    /// Whether a shift is one the config allows at all.
    Shifts,
    /// One shift a day, no overlap, rest between shifts.
    RestAndOverlap,
    /// Rolling 7-day limits.
    WeeklyLimits,
    /// Runs of working days and of days off.
    RunsAndDaysOff,
    /// Weekends worked.
    Weekends,
    /// Per-template caps and total hours over the rota.
    TotalsAndCaps,
    /// Forbidden template sequences.
    Successions,
    /// On-call phone duty.
    OnCall,
    /// Comp days and the ledger.
    CompDays,
}

impl Concept {
    /// The heading the README's table uses.
    pub fn title(self) -> &'static str {
        match self {
            Concept::Shifts => "shifts",
            Concept::RestAndOverlap => "rest & overlap",
            Concept::WeeklyLimits => "weekly limits",
            Concept::RunsAndDaysOff => "runs & days off",
            Concept::Weekends => "weekends",
            Concept::TotalsAndCaps => "totals & caps",
            Concept::Successions => "successions",
            Concept::OnCall => "on-call",
            Concept::CompDays => "comp days",
        }
    }
}

/// Declares [`Rule`] with its id, concept and description, and [`Rule::ALL`].
macro_rules! rules {
    ($($variant:ident = $id:literal, $concept:ident, $text:literal;)+) => {
        /// A rule a rota must keep; `check` reports a broken one by its id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $(#[doc = $text] $variant,)+
        }

        impl Rule {
            /// Every rule, grouped by concept, in the README's order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)+];

            /// The stable id, e.g. `rest` or `max-shifts-per-week`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)+
                }
            }

            /// What breaking it means, in one line.
            pub fn description(self) -> &'static str {
                match self {
                    $(Rule::$variant => $text,)+
                }
            }

            /// The concept it belongs to.
            pub fn concept(self) -> Concept {
                match self {
                    $(Rule::$variant => Concept::$concept,)+
                }
            }
        }
    };
}

rules! {
    UnknownAgent = "unknown-agent", Shifts, "the rota names an agent the config does not have";
    UnknownTemplate = "unknown-template", Shifts, "the rota names a template the config does not have";
    TemplateNotAllowed = "template-not-allowed", Shifts, "the agent may not work that template";
    ShiftTimes = "shift-times", Shifts, "the shift's instants are not the template's on its local day (the `date` the rota records, else the day it starts on)";
    TimeOff = "time-off", Shifts, "the shift touches a day of time off or a holiday";
    OutsideHorizon = "outside-horizon", Shifts, "the shift does not overlap the rota's horizon";
    CoverageZone = "coverage-zone", Shifts, "the rota was planned for another coverage zone";
    OneShiftPerDay = "one-shift-per-day", RestAndOverlap, "two shifts on one local day";
    Overlap = "overlap", RestAndOverlap, "two shifts of one agent overlap";
    Rest = "rest", RestAndOverlap, "too little rest between two shifts (`min_rest_hours`)";
    MaxShiftsPerWeek = "max-shifts-per-week", WeeklyLimits, "more shifts than `max_shifts_per_week` in some 7 consecutive days (comp days count as shifts)";
    MaxHoursPerWeek = "max-hours-per-week", WeeklyLimits, "more hours than `max_hours_per_week` in some 7 consecutive days";
    MaxConsecutiveDays = "max-consecutive-days", RunsAndDaysOff, "a run of working days longer than `max_consecutive_days`";
    MinConsecutiveDaysOff = "min-consecutive-days-off", RunsAndDaysOff, "a run of days off between two working days shorter than `min_consecutive_days_off`";
    MinConsecutiveDays = "min-consecutive-days", RunsAndDaysOff, "a run of working days shorter than `min_consecutive_days` (runs touching either end of the rota are exempt)";
    MaxWeekendsPer4Weeks = "max-weekends-per-4-weeks", Weekends, "more weekends worked than `max_weekends_per_4_weeks` in some 4 consecutive weeks";
    MaxWeekends = "max-weekends", Weekends, "too many weekends worked over the rota (`max_weekends`)";
    MaxPerTemplate = "max-per-template", TotalsAndCaps, "more shifts of a template over the rota than `max_per_template` allows";
    MaxTotalHours = "max-total-hours", TotalsAndCaps, "more hours over the rota than `max_total_hours`";
    MinTotalHours = "min-total-hours", TotalsAndCaps, "fewer hours over the rota than `min_total_hours`";
    ForbiddenSuccession = "forbidden-succession", Successions, "template A on one local day is followed by template B (in A's `not_followed_by`) the next";
    OncallMissing = "oncall-missing", OnCall, "an on-call period of this rota has fewer holders than `holders`";
    OncallTooMany = "oncall-too-many", OnCall, "an on-call period has more holders than `holders`";
    OncallUnknown = "oncall-unknown", OnCall, "a hold names an unknown duty or agent";
    OncallTimes = "oncall-times", OnCall, "a hold is not one of the duty's periods";
    OncallOutsideHorizon = "oncall-outside-horizon", OnCall, "a hold does not start in this rota";
    OncallDuplicate = "oncall-duplicate", OnCall, "a hold is listed twice";
    OncallNotEligible = "oncall-not-eligible", OnCall, "the holder may not hold the duty";
    OncallTimeOff = "oncall-time-off", OnCall, "the holder has time off or a holiday in the period";
    OncallNight = "oncall-night", OnCall, "the holder works a night shift in the period (`nights = false`)";
    OncallMaxPerYear = "oncall-max-per-year", OnCall, "more than `max_per_year` periods held in 365 days";
    OncallBackToBack = "oncall-back-to-back", OnCall, "fewer than `min_gap` periods between two held by one agent";
    CompDayWorked = "comp-day-worked", CompDays, "a comp day with a shift touching it";
    CompOnCall = "comp-on-call", CompDays, "a comp day in the agent's own on-call period";
    CompTimeOff = "comp-time-off", CompDays, "a comp day on a day off already (time off or a holiday)";
    CompNotAWorkingDay = "comp-not-a-working-day", CompDays, "a comp day on a day none of the agent's shifts would serve the target";
    CompBalance = "comp-balance", CompDays, "a comp day not covered by the balance earned before it";
    CompTwice = "comp-twice", CompDays, "a comp day counted twice";
    CompOutsideHorizon = "comp-outside-horizon", CompDays, "a comp day outside the rota's horizon";
    CompUnknown = "comp-unknown", CompDays, "a comp day of an unknown agent";
    CompEarned = "comp-earned", CompDays, "`[comp] earned` differs from what the rota's holds and shifts earn";
    Ledger = "ledger", CompDays, "a ledger line does not add up or does not open with what earlier rotas leave";
}

impl Rule {
    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// The README's rule table, one row per rule, generated from [`Rule::ALL`].
    pub fn markdown_table() -> String {
        let mut out = String::from("| id | about | meaning |\n| --- | --- | --- |\n");
        for r in Rule::ALL {
            out += &format!("| `{}` | {} | {} |\n", r.id(), r.concept().title(), r.description());
        }
        out
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Rules sort by id, so reports list violations in the same order as when
/// ids were strings.
impl Ord for Rule {
    fn cmp(&self, other: &Rule) -> Ordering {
        self.id().cmp(other.id())
    }
}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Rule) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let ids: BTreeSet<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len(), "two rules share an id");
        for id in ids {
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{id}"
            );
            assert_eq!(Rule::from_id(id).map(Rule::id), Some(id));
        }
    }

    #[test]
    fn rules_are_listed_by_concept() {
        let concepts: Vec<Concept> = Rule::ALL.iter().map(|r| r.concept()).collect();
        let mut sorted = concepts.clone();
        sorted.sort();
        assert_eq!(concepts, sorted, "Rule::ALL is grouped by concept, in Concept's order");
    }

    #[test]
    fn the_readme_table_is_the_generated_one() {
        let readme = include_str!("../README.md");
        let table = Rule::markdown_table();
        // The whole table, up to the blank line after it: a stale extra row fails too.
        let start = readme
            .find("| id | about | meaning |")
            .expect("README.md has the rule table");
        let end = readme[start..].find("\n\n").map_or(readme.len(), |n| start + n + 1);
        assert_eq!(
            &readme[start..end],
            table,
            "README.md's rule table differs from Rule::ALL; paste this under `sunrota check`:\n\n{table}"
        );
    }

    #[test]
    fn order_and_json_follow_the_id() {
        assert!(Rule::CompBalance < Rule::Rest);
        assert!(Rule::Rest > Rule::OneShiftPerDay);
        assert_eq!(
            serde_json::to_string(&Rule::MaxWeekendsPer4Weeks).unwrap(),
            "\"max-weekends-per-4-weeks\""
        );
        assert!(Rule::TimeOff == "time-off");
    }
}
