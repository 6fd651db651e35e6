//! `plan --keep ROTA [--from DATE]`: reading the rota to keep (same config,
//! same horizon), and the changes the new rota makes to it.

use crate::config::Config;
use crate::error::Error;
use crate::history::Past;
use crate::model::keep::Keep;
use crate::report::diff::{self, RotaDiff};
use crate::rota::Rota;
use chrono::NaiveDate;
use std::path::Path;

/// The rota to keep, read and checked against the config.
pub struct Kept {
    pub keep: Keep,
    pub rota: Rota,
    past: Past,
    /// Local dates where the kept rota breaks a rule of the new config.
    pub broken: Vec<NaiveDate>,
    /// The gaps the kept rota leaves under the new config.
    gaps: Vec<crate::rota::Gap>,
}

/// Reads `path` for `--keep`: a rota of this config over this config's
/// horizon (after `--after` moved it), with `--from` inside that horizon.
pub fn load(cfg: &Config, config: &Path, path: &Path, from: Option<&str>) -> Result<Kept, Error> {
    let (rota, past) = super::load_rota(cfg, config, path)?;
    if (rota.start, rota.weeks) != (cfg.horizon.start, cfg.horizon.weeks) {
        return Err(Error::invalid(
            format!(
                "{} covers {} week(s) from {}, but this plan covers {} week(s) from {}",
                path.display(),
                rota.weeks,
                rota.start,
                cfg.horizon.weeks,
                cfg.horizon.start
            ),
            Some("--keep takes the rota of the same horizon (with --after, the rota that follows it)".into()),
        ));
    }
    let from = from.map(|t| from_date(cfg, t)).transpose()?;
    let found = crate::check::check(cfg, &rota, &past, &|_| 0);
    let broken = found.violations;
    if let Some(v) = broken.first() {
        crate::stderrln!(
            "warning: the kept rota {} breaks {} rule(s) (first: [{}] {} {}: {}); the plan changes what it must to keep them",
            path.display(),
            broken.len(),
            v.rule,
            v.agent,
            v.first,
            v.message
        );
    }
    let mut dates: Vec<NaiveDate> = broken.iter().map(|v| v.first).collect();
    dates.sort_unstable();
    dates.dedup();
    Ok(Kept {
        keep: Keep::of(cfg, &rota, from),
        rota,
        past,
        broken: dates,
        gaps: found.gaps,
    })
}

/// `--from DATE`: a date of the horizon.
fn from_date(cfg: &Config, text: &str) -> Result<NaiveDate, Error> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            format!("--from `{text}` is not a date"),
            Some("e.g. --from 2026-03-16".into()),
        )
    })?;
    if date < cfg.horizon.start || date > cfg.horizon.end() {
        return Err(Error::invalid(
            format!(
                "--from {date} is outside the horizon {} – {}",
                cfg.horizon.start,
                cfg.horizon.end()
            ),
            None,
        ));
    }
    Ok(date)
}

/// What the new rota changes, per agent, each with its reason, and the
/// coverage before and after.
pub fn changes(cfg: &Config, kept: &Kept, new: &Rota) -> RotaDiff {
    let tz = cfg.coverage.zone;
    let mut d = diff::diff(
        cfg,
        &kept.rota,
        new,
        diff::coverage(&kept.gaps, tz),
        diff::coverage(&new.gaps, tz),
    );
    let why = Why::new(cfg, kept, new);
    let first = kept.before_event(cfg);
    for a in &mut d.agents {
        for (item, added) in a
            .removed
            .iter_mut()
            .map(|i| (i, false))
            .chain(a.added.iter_mut().map(|i| (i, true)))
        {
            let mut text = why.of(&a.agent, item, added);
            if first.is_some_and(|f| item.date < f) {
                text = format!("before the event: {text}");
            }
            item.why = Some(text);
        }
    }
    d
}

impl Kept {
    /// Local dates before this one are before the event in every zone: the
    /// first event's date less a day (local dates of two zones differ by one
    /// at most).
    pub fn before_event(&self, cfg: &Config) -> Option<NaiveDate> {
        self.first_event(cfg).and_then(|d| d.pred_opt())
    }

    /// The first local date the new inputs touch: a kept assignment they
    /// make impossible, or a rule the kept rota now breaks.
    pub fn first_event(&self, cfg: &Config) -> Option<NaiveDate> {
        let lost = self.rota.shifts.iter().filter_map(|s| {
            let date = s.date_in(cfg.agent(&s.agent)?.1.zone);
            let gone = cfg.agent(&s.agent).is_none_or(|(_, a)| a.off.contains(&date));
            gone.then_some(date)
        });
        let gone = self.rota.shifts.iter().filter(|s| cfg.agent(&s.agent).is_none());
        let gone = gone.map(|s| s.date_in(chrono_tz::UTC));
        lost.chain(gone).chain(self.broken.iter().copied()).min()
    }
}

/// Changes beyond this many are listed without a reason (each costs a check).
const EXPLAINED: usize = 60;

/// Finds why a change was made by taking it back alone and checking.
struct Why<'a> {
    cfg: &'a Config,
    kept: &'a Kept,
    new: &'a Rota,
    base: crate::check::Findings,
    explain: bool,
}

impl<'a> Why<'a> {
    fn new(cfg: &'a Config, kept: &'a Kept, new: &'a Rota) -> Why<'a> {
        let count = new.summary.changes.unwrap_or(0) as usize;
        Why {
            cfg,
            kept,
            new,
            base: crate::check::check(cfg, new, &kept.past, &|_| 0),
            explain: count <= EXPLAINED,
        }
    }

    /// The reason for one listed change of `agent`.
    fn of(&self, agent: &str, item: &diff::Item, added: bool) -> String {
        let Some((_, a)) = self.cfg.agent(agent) else {
            return format!("{agent} is no longer in the team");
        };
        if !added && a.off.contains(&item.date) {
            return format!("{agent} is off on {} (time off or a holiday)", item.date);
        }
        if let Some(day) = (!added).then(|| self.off_in_hold(a, item)).flatten() {
            return format!("{agent} is off on {day}, inside this on-call period");
        }
        let shift = |r: &Rota| {
            r.shifts
                .iter()
                .find(|s| s.agent == agent && diff::shift_item(self.cfg, s) == *item)
                .cloned()
        };
        let found = if added { shift(self.new) } else { shift(&self.kept.rota) };
        match found {
            Some(s) if self.explain => self.shift(&s, added),
            Some(_) => "one of many changes (not explained one by one)".into(),
            None => "follows the shifts: the on-call and comp-day rules".into(),
        }
    }

    /// A day off of `a` inside the kept hold `item` lists, if it is one.
    fn off_in_hold(&self, a: &crate::config::Agent, item: &diff::Item) -> Option<NaiveDate> {
        let duty = item.what.strip_prefix("on-call ")?;
        let h = self.kept.rota.duty.holds.iter().find(|h| {
            h.agent == a.name && h.duty == duty && crate::time::local_date(a.zone, h.start.to_utc()) == item.date
        })?;
        // The hold reaches into its last local date unless it ends at midnight.
        let end = h.end.to_utc().with_timezone(&a.zone);
        let last = crate::time::local_date(a.zone, h.end.to_utc());
        let last = if end.time() == chrono::NaiveTime::MIN {
            last.pred_opt()?
        } else {
            last
        };
        a.off.range(item.date..=last).next().copied()
    }

    /// Takes one shift change back and says what breaks.
    fn shift(&self, s: &crate::rota::Shift, added: bool) -> String {
        let mut back = self.new.clone();
        if added {
            back.shifts.retain(|x| !same(x, s));
        } else {
            back.shifts.push(s.clone());
        }
        let f = crate::check::check(self.cfg, &back, &self.kept.past, &|_| 0);
        if let Some(v) = f.violations.iter().find(|v| !self.base.violations.contains(v)) {
            let verb = if added { "without it" } else { "keeping it" };
            return format!("{verb}, [{}] breaks for {}: {}", v.rule, v.agent, v.message);
        }
        let opened: Vec<&crate::rota::Gap> = f.gaps.iter().filter(|g| !self.base.gaps.contains(g)).collect();
        match opened.first() {
            Some(g) if added => format!("covers {}{}", self.span(g), self.left_by(g)),
            _ if added => "part of the exchange that keeps the rules (no gap or rule depends on it alone)".into(),
            _ => "moved to make room for the repair".into(),
        }
    }

    fn span(&self, g: &crate::rota::Gap) -> String {
        crate::report::stretch(g.start, g.end, self.cfg.coverage.zone)
    }

    /// " left by jonas's time off": a kept shift of the same time that the
    /// new inputs took away, or else one the repair moved.
    fn left_by(&self, g: &crate::rota::Gap) -> String {
        let overlaps = |s: &&crate::rota::Shift| s.start_utc() < g.end && g.start < s.end_utc();
        let gone = |s: &&crate::rota::Shift| {
            self.cfg
                .agent(&s.agent)
                .is_none_or(|(_, a)| a.off.contains(&s.date_in(a.zone)))
        };
        let old = &self.kept.rota.shifts;
        if let Some(s) = old.iter().filter(overlaps).find(gone) {
            return match self.cfg.agent(&s.agent) {
                None => format!(" left by {}, no longer in the team", s.agent),
                Some(_) => format!(" left by {}'s time off", s.agent),
            };
        }
        let moved = old
            .iter()
            .filter(overlaps)
            .find(|s| !self.new.shifts.iter().any(|n| same(n, s)));
        moved.map_or_else(String::new, |s| {
            format!(" left by {}'s {} shift, moved by this repair", s.agent, s.template)
        })
    }
}

/// The same assignment (a shift read from a file carries its span there).
fn same(a: &crate::rota::Shift, b: &crate::rota::Shift) -> bool {
    (&a.agent, &a.template, a.start_utc(), a.end_utc()) == (&b.agent, &b.template, b.start_utc(), b.end_utc())
}

/// What the local repair restored, and what restoring the rest would take.
pub fn repair_text(cfg: &Config, kept: &Kept, d: &RotaDiff, r: &crate::solve::repair::Report) -> String {
    let mut out = format!(
        "Local repair: at most {} change(s) besides the {} the new inputs make impossible (--max-changes sets it).\n",
        r.budget, r.lost
    );
    if r.budget_dropped {
        out += "No rota within that many changes keeps every rule; the repair made as few more as it could.\n";
    }
    if let (Some(first), Some(cut)) = (kept.first_event(cfg), kept.before_event(cfg)) {
        let before = d
            .agents
            .iter()
            .flat_map(|a| a.removed.iter().chain(&a.added))
            .filter(|i| i.date < cut)
            .count();
        if before > 0 {
            out += &format!(
                "{before} change(s) before {}, the first day the new inputs touch: a rule reaches back (their reasons say which).\n",
                crate::report::clock::day(first)
            );
        }
    }
    if r.not_restored < 0.5 {
        out += "Everything the kept rota covered is covered again.\n";
        return out;
    }
    let within = if r.budget_dropped {
        "Not restored".to_string()
    } else {
        format!("Not restored within {} change(s)", r.budget)
    };
    out += &format!(
        "{within}: {:.0} agent-minutes the kept rota covered (the + gap lines above; the gap reasons say who could not take them).\n",
        r.not_restored
    );
    out += &full_text(r);
    out
}

fn full_text(r: &crate::solve::repair::Report) -> String {
    let Some(f) = r.full else {
        return "A full repair was not found within the work budget.\n".into();
    };
    let proven = if f.proven {
        ""
    } else {
        " (not proven the fewest within the work budget)"
    };
    let restores = r.not_restored - f.not_restorable;
    if restores < 0.5 {
        return format!("No number of changes restores them{proven}.\n");
    }
    let rest = if f.not_restorable < 0.5 {
        String::new()
    } else {
        format!("; no number of changes restores the other {:.0}", f.not_restorable)
    };
    format!(
        "A full repair restores {restores:.0} of them with {} change(s) in all (--max-changes {}){rest}{proven}.\n",
        f.changes,
        f.changes.saturating_sub(r.lost)
    )
}
