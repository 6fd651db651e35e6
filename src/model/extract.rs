//! Solver values back into a rota: shifts in each agent's own offset, the
//! exact gaps, unmet shift demands, on-call holds, comp days and the ledger.

use super::intervals::{Interval, SkillSet};
use super::Model;
use crate::config::Config;
use crate::history::Past;
use crate::oncall;
use crate::rota::{CompDay, DutyRecord, Gap, Hold, LedgerLine, Shift, Shortage, Unfilled};

/// Whole units a (cleaned) column value stands for.
fn whole(v: f64) -> u32 {
    v.round().max(0.0) as u32
}

impl Model {
    /// The shifts of this rota (not earlier rotas') chosen by `values`.
    pub fn shifts(&self, cfg: &Config, values: &[f64]) -> Vec<Shift> {
        self.cands
            .iter()
            .zip(&self.x)
            .filter(|(c, v)| !c.fixed && values[v.index()] > 0.5)
            .map(|(c, _)| {
                let agent = &cfg.agents[c.agent];
                Shift::new(
                    &agent.name,
                    agent.zone,
                    &cfg.templates[c.template].name,
                    c.date,
                    (c.start, c.end),
                )
            })
            .collect()
    }

    /// Every stretch of the target left uncovered, merged.
    pub fn gaps(&self, cfg: &Config, values: &[f64]) -> Vec<Gap> {
        let mut pieces = Vec::new();
        for s in &self.shorts {
            let missing = whole(values[s.var.index()]).min(s.need);
            if missing > 0 {
                for &i in &s.intervals {
                    pieces.push(piece(cfg, &self.intervals[i], &s.skills, s.need, s.need - missing));
                }
            }
        }
        merge_gaps(pieces)
    }

    /// Shift demands not met.
    pub fn shortages(&self, cfg: &Config, values: &[f64]) -> Vec<Shortage> {
        self.demands
            .iter()
            .filter_map(|&(i, under, _)| {
                let d = &cfg.coverage.shifts[i];
                let missing = whole(values[under.index()]).min(d.agents);
                (missing > 0).then(|| Shortage {
                    date: d.date,
                    template: cfg.templates[d.template].name.clone(),
                    need: d.agents,
                    have: d.agents - missing,
                })
            })
            .collect()
    }

    /// Holds, unfilled periods, comp days taken, credits earned and the ledger.
    pub fn duty_record(&self, cfg: &Config, values: &[f64], shifts: &[Shift]) -> DutyRecord {
        let mut d = DutyRecord::default();
        for h in self.duty.holds.iter().filter(|h| values[h.v.index()] > 0.5) {
            let agent = &cfg.agents[h.agent];
            d.holds.push(Hold {
                duty: cfg.duties[h.duty].name.clone(),
                agent: agent.name.clone(),
                start: h.period.start.with_timezone(&agent.zone).fixed_offset(),
                end: h.period.end.with_timezone(&agent.zone).fixed_offset(),
                span: None,
            });
        }
        for &(di, p, var) in &self.duty.missing {
            let need = cfg.duties[di].holders;
            let missing = whole(values[var.index()]).min(need);
            if missing > 0 {
                d.unfilled.push(Unfilled {
                    start: p.start,
                    end: p.end,
                    duty: cfg.duties[di].name.clone(),
                    need,
                    have: need - missing,
                });
            }
        }
        for (a, days) in self.comp.iter().enumerate() {
            for (&date, v) in days {
                if values[v.index()] > 0.5 {
                    d.taken.push(CompDay {
                        agent: cfg.agents[a].name.clone(),
                        date,
                        span: None,
                    });
                }
            }
        }
        d.earned = oncall::credits(cfg, &d.holds, shifts);
        d.ledger = ledger_lines(cfg, &self.past, &d);
        d
    }
}

/// Per agent with anything to account for: opening + earned − taken = balance.
pub fn ledger_lines(cfg: &Config, past: &Past, d: &DutyRecord) -> Vec<LedgerLine> {
    cfg.agents
        .iter()
        .filter_map(|a| {
            let opening = past.balance(cfg, &a.name);
            let earned: f64 = d.earned.iter().filter(|c| c.agent == a.name).map(|c| c.days).sum();
            let taken = d.taken.iter().filter(|c| c.agent == a.name).count() as f64;
            (opening != 0.0 || earned != 0.0 || taken != 0.0).then(|| LedgerLine {
                agent: a.name.clone(),
                opening,
                earned,
                taken,
                balance: opening + earned - taken,
            })
        })
        .collect()
}

fn piece(cfg: &Config, iv: &Interval, skills: &SkillSet, need: u32, have: u32) -> Gap {
    let skill = (!skills.is_empty()).then(|| skills.iter().cloned().collect::<Vec<_>>().join("+"));
    Gap {
        start: iv.start,
        end: iv.end,
        skill,
        need,
        have,
        rules: rules_label(cfg, &iv.rules),
    }
}

/// "24/7 ×1 + Mon-Fri 14:00-17:00 ×2 phone": the rules in force, as written.
pub fn rules_label(cfg: &Config, rules: &[usize]) -> String {
    rules
        .iter()
        .map(|&r| cfg.coverage.needs[r].describe())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Joins touching pieces with the same skill, need, have and rules.
pub fn merge_gaps(mut pieces: Vec<Gap>) -> Vec<Gap> {
    pieces.sort_by(|a, b| (&a.skill, a.start).cmp(&(&b.skill, b.start)));
    let mut out: Vec<Gap> = Vec::new();
    for p in pieces {
        match out.last_mut() {
            Some(g)
                if g.skill == p.skill
                    && g.end == p.start
                    && g.need == p.need
                    && g.have == p.have
                    && g.rules == p.rules =>
            {
                g.end = p.end;
            }
            _ => out.push(p),
        }
    }
    out.sort();
    out
}
