//! `plan --keep ROTA`: a committed rota to change as little as possible.
//! Every assignment (shift, on-call hold, comp day) added to it or dropped
//! from it costs `weights.change`; with `from`, nothing on a local date
//! before it may change at all (the past is fixed). Pure data and prices —
//! the solver sees only costs and column bounds.

use super::builder::Builder;
use super::candidates::Candidate;
use super::lp::Var;
use super::oncall::{CompVars, DutyVars};
use crate::config::Config;
use crate::rota::Rota;
use crate::time::Instant;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The kept rota's assignments, by config index.
#[derive(Debug, Clone, Default)]
pub struct Keep {
    /// (agent, template, the agent's local date, start): a shift whose
    /// instants were edited away from its template's is one no plan keeps.
    pub shifts: BTreeSet<(usize, usize, NaiveDate, Instant)>,
    /// (duty, agent, period start).
    pub holds: BTreeSet<(usize, usize, Instant)>,
    /// (agent, date).
    pub comp: BTreeSet<(usize, NaiveDate)>,
    /// Nothing on a local date before this one changes.
    pub from: Option<NaiveDate>,
}

impl Keep {
    /// The assignments of `rota` (planned from `cfg`; names it lacks are left out).
    pub fn of(cfg: &Config, rota: &Rota, from: Option<NaiveDate>) -> Keep {
        let agent = |n: &str| cfg.agent(n).map(|(i, _)| i);
        let shifts = rota
            .shifts
            .iter()
            .filter_map(|s| {
                let (a, ag) = cfg.agent(&s.agent)?;
                let (t, _) = cfg.template(&s.template)?;
                Some((a, t, s.date_in(ag.zone), s.start_utc()))
            })
            .collect();
        let holds = rota
            .duty
            .holds
            .iter()
            .filter_map(|h| {
                let d = cfg.duties.iter().position(|d| d.name == h.duty)?;
                Some((d, agent(&h.agent)?, h.start.to_utc()))
            })
            .collect();
        let comp = rota
            .duty
            .taken
            .iter()
            .filter_map(|c| Some((agent(&c.agent)?, c.date)))
            .collect();
        Keep {
            shifts,
            holds,
            comp,
            from,
        }
    }

    /// How many assignments differ between the kept rota and `rota`.
    pub fn changes(&self, cfg: &Config, rota: &Rota) -> u32 {
        let new = Keep::of(cfg, rota, None);
        let n = self.shifts.symmetric_difference(&new.shifts).count()
            + self.holds.symmetric_difference(&new.holds).count()
            + self.comp.symmetric_difference(&new.comp).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    fn frozen(&self, date: NaiveDate) -> bool {
        self.from.is_some_and(|f| date < f)
    }
}

/// Prices one column: kept (dropping it costs `w`) or not (taking it costs
/// `w`); frozen columns are held at what the kept rota says. Returns the
/// objective offset it adds.
fn price(b: &mut Builder, v: Var, kept: bool, frozen: bool, w: f64) -> f64 {
    if frozen {
        b.fix(v, if kept { 1.0 } else { 0.0 });
    }
    if kept {
        b.cost(v, -w);
        w
    } else {
        b.cost(v, w);
        0.0
    }
}

/// Prices every change from `keep` and freezes its past; returns the
/// objective offset (including `w` for each kept assignment the model
/// cannot make any more, e.g. a shift on a new day off).
pub fn apply(
    cfg: &Config,
    b: &mut Builder,
    keep: &Keep,
    cands: &[Candidate],
    x: &[Var],
    duty: &DutyVars,
    comp: &CompVars,
) -> f64 {
    let w = cfg.weights.change;
    let mut offset = 0.0;
    let mut matched = 0;
    for (c, &v) in cands.iter().zip(x).filter(|(c, _)| !c.fixed) {
        let kept = keep.shifts.contains(&(c.agent, c.template, c.date, c.start));
        matched += usize::from(kept);
        offset += price(b, v, kept, keep.frozen(c.date), w);
    }
    let mut held = 0;
    for h in &duty.holds {
        let kept = keep.holds.contains(&(h.duty, h.agent, h.period.start));
        held += usize::from(kept);
        offset += price(b, h.v, kept, keep.frozen(h.period.date), w);
    }
    let mut taken = 0;
    for (a, dates) in comp.iter().enumerate() {
        for (&d, &v) in dates {
            let kept = keep.comp.contains(&(a, d));
            taken += usize::from(kept);
            offset += price(b, v, kept, keep.frozen(d), w);
        }
    }
    let lost = keep.shifts.len() - matched + keep.holds.len() - held + keep.comp.len() - taken;
    offset + w * lost as f64
}
