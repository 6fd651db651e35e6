//! `publish`: makes a paging tool's schedule say what the rota says. It owns
//! the window a rota speaks for, the difference between the overrides there
//! and the rota's holds ([`diff`], pure), and applying it — deletions one by
//! one, then the creations in one call — undoing what it did if a call fails,
//! so the schedule ends either unchanged or converged and the message says
//! which. The vendor's calls are in [`pagerduty`], HTTP in [`http`].

pub mod http;
pub mod pagerduty;

use crate::export::paging::Override;
use chrono::{DateTime, FixedOffset, Utc};

/// An override already in the tool's schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub user: String,
}

impl Existing {
    /// Whether this override says what hold `o` says. A hold under way at
    /// `now` also matches an override of the same person to the same end that
    /// starts later, but not after `now`: what publishing it from now made.
    fn says(&self, o: &Override, now: DateTime<Utc>) -> bool {
        let (s, e) = (self.start.to_utc(), self.end.to_utc());
        let (os, oe) = (o.start.to_utc(), o.end.to_utc());
        self.user == o.user && e == oe && (s == os || (os < s && s <= now))
    }
}

/// What publishing changes: the rota's holds against the schedule's overrides.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Overrides that already say what the rota says.
    pub keep: Vec<Existing>,
    /// Overrides in the window the rota does not have (or has twice).
    pub delete: Vec<Existing>,
    /// Holds the schedule lacks.
    pub create: Vec<Override>,
    /// Overrides that reach outside the window, or ended before now: not the rota's to change.
    pub outside: Vec<Existing>,
}

/// The instants a rota speaks for: from `from` to `to`, except what ended before `now`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

impl Window {
    /// An override is the rota's when it lies inside the window and has not ended.
    fn owns(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        start >= self.from && end <= self.to && end > self.now
    }
}

/// The difference between `want` (the rota's overrides) and `have` (the
/// schedule's overrides around the window), matched on instants and user. A
/// hold under way at `now` is created from `now` (the past cannot change).
pub fn diff(want: &[Override], have: Vec<Existing>, w: &Window) -> Diff {
    let mut d = Diff::default();
    let mut matched = vec![false; want.len()];
    for e in have {
        if !w.owns(e.start.to_utc(), e.end.to_utc()) {
            d.outside.push(e);
            continue;
        }
        let hit = (0..want.len()).find(|&i| !matched[i] && e.says(&want[i], w.now));
        match hit {
            Some(i) => {
                matched[i] = true;
                d.keep.push(e);
            }
            None => d.delete.push(e),
        }
    }
    d.create = want
        .iter()
        .zip(&matched)
        .filter(|(o, m)| !**m && w.owns(o.start.to_utc(), o.end.to_utc()))
        .map(|(o, _)| from_now(o, w.now))
        .collect();
    d
}

/// `o`, starting no earlier than `now` (in `o`'s own offset).
fn from_now(o: &Override, now: DateTime<Utc>) -> Override {
    let mut o = o.clone();
    if o.start.to_utc() < now {
        o.start = now.with_timezone(o.start.offset());
    }
    o
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.delete.is_empty() && self.create.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }
    fn want(start: &str, end: &str, user: &str) -> Override {
        Override {
            start: t(start),
            end: t(end),
            agent: user.to_lowercase(),
            user: user.into(),
        }
    }
    fn have(id: &str, start: &str, end: &str, user: &str) -> Existing {
        Existing {
            id: id.into(),
            start: t(start),
            end: t(end),
            user: user.into(),
        }
    }
    fn window(now: &str) -> Window {
        Window {
            from: t("2027-01-04T00:00:00Z").to_utc(),
            to: t("2027-02-01T09:00:00Z").to_utc(),
            now: t(now).to_utc(),
        }
    }

    #[test]
    fn the_same_instants_in_another_offset_are_the_same_override() {
        let w = [want("2027-01-04T09:00:00+00:00", "2027-01-11T09:00:00+00:00", "PA")];
        let h = vec![have(
            "Q1",
            "2027-01-04T04:00:00-05:00",
            "2027-01-11T04:00:00-05:00",
            "PA",
        )];
        let d = diff(&w, h, &window("2026-12-01T00:00:00Z"));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(d.keep.len(), 1);
    }

    #[test]
    fn a_changed_holder_deletes_one_and_creates_one_and_duplicates_go() {
        let w = [
            want("2027-01-04T09:00:00Z", "2027-01-11T09:00:00Z", "PA"),
            want("2027-01-11T09:00:00Z", "2027-01-18T09:00:00Z", "PB"),
        ];
        let h = vec![
            have("Q1", "2027-01-04T09:00:00Z", "2027-01-11T09:00:00Z", "PA"),
            have("Q2", "2027-01-04T09:00:00Z", "2027-01-11T09:00:00Z", "PA"),
            have("Q3", "2027-01-11T09:00:00Z", "2027-01-18T09:00:00Z", "PC"),
        ];
        let d = diff(&w, h, &window("2026-12-01T00:00:00Z"));
        let ids: Vec<&str> = d.delete.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["Q2", "Q3"]);
        assert_eq!(d.create, [w[1].clone()]);
        assert_eq!(d.keep.len(), 1);
    }

    #[test]
    fn a_hold_under_way_is_created_from_now_and_then_matches_what_was_created() {
        let w = [want("2027-01-04T09:00:00Z", "2027-01-11T09:00:00Z", "PB")];
        let h = vec![have("Q1", "2027-01-04T09:00:00Z", "2027-01-11T09:00:00Z", "PA")];
        let d = diff(&w, h, &window("2027-01-06T12:30:00Z"));
        assert_eq!(d.delete.len(), 1, "{d:?}");
        assert_eq!(d.create[0].start, t("2027-01-06T12:30:00+00:00"));
        // The next publish finds the override that one made: nothing to do.
        let h = vec![have("Q2", "2027-01-06T12:30:00Z", "2027-01-11T09:00:00Z", "PB")];
        let d = diff(&w, h, &window("2027-01-07T08:00:00Z"));
        assert!(d.is_empty(), "{d:?}");
        // But not one that starts after now, or is someone else's.
        let h = vec![have("Q3", "2027-01-08T00:00:00Z", "2027-01-11T09:00:00Z", "PB")];
        assert_eq!(diff(&w, h, &window("2027-01-07T08:00:00Z")).delete.len(), 1);
    }

    #[test]
    fn overrides_reaching_outside_the_window_or_already_over_are_left_alone() {
        let w = [want("2027-01-04T09:00:00Z", "2027-01-11T09:00:00Z", "PA")];
        let h = vec![
            have("Q0", "2026-12-28T09:00:00Z", "2027-01-04T09:00:00Z", "PZ"),
            have("Q9", "2027-01-25T09:00:00Z", "2027-02-08T09:00:00Z", "PZ"),
        ];
        let d = diff(&w, h, &window("2026-12-01T00:00:00Z"));
        assert_eq!(d.outside.len(), 2);
        assert_eq!(d.create.len(), 1);
        // A week later the first hold is over: neither created nor deleted.
        let h = vec![have("Q1", "2027-01-04T09:00:00Z", "2027-01-11T09:00:00Z", "PB")];
        let d = diff(&w, h, &window("2027-01-12T00:00:00Z"));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(d.outside.len(), 1);
    }
}
