//! Gap lines: each uncovered interval once, with the head count and every
//! skill short on the same line. A rota records one [`Gap`] per interval and
//! per count (head count, each skill set); people want one line per stretch.

use super::stretch;
use crate::rota::Gap;
use crate::time::Instant;
use chrono_tz::Tz;

/// One uncovered stretch and the counts short in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stretch<'a> {
    pub start: Instant,
    pub end: Instant,
    /// The gaps covering the whole stretch: the head count first, then skills.
    pub short: Vec<&'a Gap>,
}

/// Splits the gaps at every boundary and joins neighbouring pieces that are
/// short in the same way, so that every instant is on at most one stretch.
pub fn stretches(gaps: &[Gap]) -> Vec<Stretch<'_>> {
    let mut cuts: Vec<Instant> = gaps.iter().flat_map(|g| [g.start, g.end]).collect();
    cuts.sort();
    cuts.dedup();
    let mut out: Vec<Stretch> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut short: Vec<&Gap> = gaps.iter().filter(|g| g.start <= a && g.end >= b).collect();
        if short.is_empty() {
            continue;
        }
        short.sort_by(|x, y| (x.skill.is_some(), &x.skill).cmp(&(y.skill.is_some(), &y.skill)));
        match out.last_mut() {
            Some(last) if last.end == a && same(&last.short, &short) => last.end = b,
            _ => out.push(Stretch {
                start: a,
                end: b,
                short,
            }),
        }
    }
    out
}

fn same(x: &[&Gap], y: &[&Gap]) -> bool {
    x.len() == y.len()
        && x.iter()
            .zip(y)
            .all(|(p, q)| (&p.skill, p.need, p.have, &p.rules) == (&q.skill, q.need, q.have, &q.rules))
}

/// "Wed 2026-03-04 14:30 – 15:00 UTC (0h30): 3 of 4 agents on duty (1 missing),
/// 0 of 1 chat agents (1 missing) — 24/7 ×1 + …".
pub fn line(s: &Stretch, tz: Tz) -> String {
    format!("{}: {}", stretch(s.start, s.end, tz), counts(s))
}

/// "3 of 4 agents on duty (1 missing), 0 of 1 chat agents (1 missing) — 24/7 ×1 + …".
pub fn counts(s: &Stretch) -> String {
    let counts: Vec<String> = s
        .short
        .iter()
        .map(|g| match &g.skill {
            None => format!("{} of {} agents on duty ({} missing)", g.have, g.need, g.missing()),
            Some(k) => format!("{} of {} {k} agents ({} missing)", g.have, g.need, g.missing()),
        })
        .collect();
    let rules = s.short.first().map_or("", |g| g.rules.as_str());
    format!("{} — {rules}", counts.join(", "))
}

/// Every gap line of a rota, in time order.
pub fn lines(gaps: &[Gap], tz: Tz) -> Vec<String> {
    stretches(gaps).iter().map(|s| line(s, tz)).collect()
}

/// What the uncovered total counts, for the summary line.
pub const UNCOVERED_MEANS: &str = "minutes short × agents missing, summed over the head count and each skill";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn gap(h0: u32, h1: u32, skill: Option<&str>, need: u32, have: u32) -> Gap {
        Gap {
            start: Utc.with_ymd_and_hms(2026, 3, 4, h0, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 3, 4, h1, 0, 0).unwrap(),
            skill: skill.map(String::from),
            need,
            have,
            rules: "24/7 ×2 chat".into(),
        }
    }

    #[test]
    fn a_skill_gap_inside_a_head_gap_is_one_line_per_stretch() {
        let gaps = vec![gap(1, 4, None, 2, 1), gap(2, 3, Some("chat"), 1, 0)];
        let lines = lines(&gaps, chrono_tz::UTC);
        assert_eq!(
            lines,
            [
                "Wed 2026-03-04 01:00 – 02:00 UTC (1h): 1 of 2 agents on duty (1 missing) — 24/7 ×2 chat",
                "Wed 2026-03-04 02:00 – 03:00 UTC (1h): 1 of 2 agents on duty (1 missing), 0 of 1 chat agents (1 missing) — 24/7 ×2 chat",
                "Wed 2026-03-04 03:00 – 04:00 UTC (1h): 1 of 2 agents on duty (1 missing) — 24/7 ×2 chat",
            ]
        );
    }

    #[test]
    fn the_same_shortfall_over_touching_gaps_is_one_stretch() {
        let gaps = vec![
            gap(1, 2, Some("chat"), 1, 0),
            gap(2, 5, Some("chat"), 1, 0),
            gap(6, 7, None, 1, 0),
        ];
        let s = stretches(&gaps);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].start, s[0].end), (gaps[0].start, gaps[1].end));
        assert_eq!(s[1].short, vec![&gaps[2]]);
    }
}
