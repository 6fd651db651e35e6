//! On-call holds, comp days and the ledger, checked from the rota's own
//! records and the earlier rotas beside it: every period has its holders,
//! holders are eligible and not on time off, limits and gaps hold, comp days
//! are free of shifts and covered by a balance, and the books add up.

use super::rules::Worked;
use super::Violation;
use crate::config::Config;
use crate::history::Past;
use crate::oncall::{self, Period, YEAR_DAYS};
use crate::rota::{Credit, Rota};
use crate::rule::Rule;
use crate::time;
use chrono::{Duration, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// What the on-call and comp-day checks look at.
pub struct Scope<'a> {
    pub cfg: &'a Config,
    pub rota: &'a Rota,
    pub past: &'a Past,
    /// Shifts of this rota and the last weeks of earlier ones.
    pub worked: &'a [Worked],
    pub line_of: &'a dyn Fn(usize) -> usize,
}

/// Adds every on-call and comp-day violation of the scope's rota to `out`.
pub fn check(scope: &Scope, out: &mut Vec<Violation>) {
    holds(scope, out);
    comp(scope, out);
}

fn holds(scope: &Scope, out: &mut Vec<Violation>) {
    let Scope {
        cfg,
        rota,
        past,
        worked,
        line_of,
    } = *scope;
    let (w0, w1) = time::window(&cfg.horizon, cfg.coverage.zone);
    // duty → agent → periods held (earlier rotas and this one).
    let mut held: Vec<BTreeMap<usize, Vec<(Period, bool)>>> = vec![BTreeMap::new(); cfg.duties.len()];
    let mut count: Vec<BTreeMap<i64, u32>> = vec![BTreeMap::new(); cfg.duties.len()];
    for h in &past.holds {
        let (Some(di), Some((a, _))) = (cfg.duties.iter().position(|d| d.name == h.duty), cfg.agent(&h.agent)) else {
            continue;
        };
        if let Some(p) = oncall::period_starting(&cfg.duties[di], h.start.with_timezone(&Utc)) {
            held[di].entry(a).or_default().push((p, false));
        }
    }
    for h in &rota.duty.holds {
        let line = h.span.as_ref().map(|s| line_of(s.start));
        let start = h.start.with_timezone(&Utc);
        let date = start.date_naive();
        let Some(di) = cfg.duties.iter().position(|d| d.name == h.duty) else {
            out.push(Violation::new(
                &h.agent,
                date,
                date,
                Rule::OncallUnknown,
                format!("`{}` is not an on-call duty in the config", h.duty),
                line,
            ));
            continue;
        };
        let duty = &cfg.duties[di];
        let Some((a, agent)) = cfg.agent(&h.agent) else {
            out.push(Violation::new(
                &h.agent,
                date,
                date,
                Rule::OncallUnknown,
                format!("`{}` is not an agent in the config", h.agent),
                line,
            ));
            continue;
        };
        let local = |t: time::Instant| time::local_text(agent.zone, t);
        let Some(p) = oncall::period_starting(duty, start).filter(|p| p.end == h.end.with_timezone(&Utc)) else {
            out.push(Violation::new(
                &agent.name,
                date,
                date,
                Rule::OncallTimes,
                format!(
                    "{} {}–{} is not a period of the duty ({})",
                    duty.name,
                    local(start),
                    local(h.end.with_timezone(&Utc)),
                    duty.describe()
                ),
                line,
            ));
            continue;
        };
        let v = |rule, message| {
            Violation::new(
                &agent.name,
                p.date,
                p.date + Duration::days(duty.period_days - 1),
                rule,
                message,
                line,
            )
        };
        if p.start < w0 || p.start >= w1 {
            out.push(v(
                Rule::OncallOutsideHorizon,
                format!(
                    "{} period from {} does not start in this rota",
                    duty.name,
                    local(p.start)
                ),
            ));
        }
        if !duty.eligible.contains(&a) {
            out.push(v(Rule::OncallNotEligible, format!("may not hold {}", duty.name)));
        }
        if let Some(off) = time::off_day_within(agent, p.start, p.end) {
            out.push(v(
                Rule::OncallTimeOff,
                format!(
                    "holds {} from {} but {off} is a day off (time off or holiday)",
                    duty.name,
                    local(p.start)
                ),
            ));
        }
        let last = time::local_date(agent.zone, p.end - Duration::seconds(1));
        let taken = past
            .taken
            .iter()
            .find(|c| c.agent == agent.name && c.date >= time::local_date(agent.zone, p.start) && c.date <= last);
        if let Some(c) = taken {
            out.push(v(
                Rule::CompOnCall,
                format!(
                    "holds {} from {} over {}, a comp day of an earlier rota",
                    duty.name,
                    local(p.start),
                    c.date
                ),
            ));
        }
        if !duty.nights {
            if let Some(w) = worked
                .iter()
                .find(|w| w.agent == a && w.night && w.start < p.end && w.end > p.start)
            {
                out.push(v(
                    Rule::OncallNight,
                    format!(
                        "works a night shift from {} while holding {} (nights = false)",
                        local(w.start),
                        duty.name
                    ),
                ));
            }
        }
        let list = held[di].entry(a).or_default();
        if list.iter().any(|(q, _)| q.index == p.index) {
            out.push(v(
                Rule::OncallDuplicate,
                format!("holds {} from {} twice", duty.name, local(p.start)),
            ));
            continue;
        }
        list.push((p, true));
        *count[di].entry(p.index).or_default() += 1;
    }

    // Periods held in earlier rotas that run on into this one.
    for h in &past.holds {
        let (Some(duty), Some((a, agent))) = (cfg.duties.iter().find(|d| d.name == h.duty), cfg.agent(&h.agent)) else {
            continue;
        };
        let (s, e) = (h.start.with_timezone(&Utc), h.end.with_timezone(&Utc));
        let late = worked
            .iter()
            .find(|w| w.current && w.agent == a && w.night && w.start < e && w.end > s);
        if let (false, Some(w)) = (duty.nights, late) {
            out.push(Violation::new(
                &agent.name,
                w.date,
                w.date,
                Rule::OncallNight,
                format!(
                    "works a night shift from {} while holding {} (from an earlier rota; nights = false)",
                    time::local_text(agent.zone, w.start),
                    duty.name
                ),
                w.line,
            ));
        }
    }

    for (di, duty) in cfg.duties.iter().enumerate() {
        for p in oncall::periods(duty, w0, w1) {
            let have = count[di].get(&p.index).copied().unwrap_or(0);
            let last = p.date + Duration::days(duty.period_days - 1);
            let at = |t: time::Instant| time::local_text(duty.zone, t);
            if have > duty.holders {
                out.push(Violation::new(
                    "",
                    p.date,
                    last,
                    Rule::OncallTooMany,
                    format!(
                        "{} period from {} has {have} holders, more than {}",
                        duty.name,
                        at(p.start),
                        duty.holders
                    ),
                    None,
                ));
            }
            if have < duty.holders {
                out.push(Violation::new(
                    "",
                    p.date,
                    last,
                    Rule::OncallMissing,
                    format!(
                        "{} period {} – {} has {have} of {} holder(s)",
                        duty.name,
                        at(p.start),
                        at(p.end),
                        duty.holders
                    ),
                    None,
                ));
            }
        }
        for (&a, list) in &mut held[di] {
            list.sort();
            let name = &cfg.agents[a].name;
            for (i, (p, current)) in list.iter().enumerate() {
                if !current {
                    continue;
                }
                if let Some(max) = duty.max_per_year {
                    let from = p.start - Duration::days(YEAR_DAYS);
                    let n = list[..=i].iter().filter(|(q, _)| q.start > from).count() as u32;
                    if n > max {
                        out.push(Violation::new(
                            name,
                            p.date,
                            p.date,
                            Rule::OncallMaxPerYear,
                            format!(
                                "{n} {} periods in the 365 days up to {} (maximum {max})",
                                duty.name, p.date
                            ),
                            None,
                        ));
                    }
                }
                if let Some((q, _)) = i.checked_sub(1).map(|j| list[j]) {
                    let between = p.index - q.index - 1;
                    if between < i64::from(duty.min_gap) {
                        out.push(Violation::new(
                            name,
                            q.date,
                            p.date,
                            Rule::OncallBackToBack,
                            format!(
                                "holds {} from {} and from {}: {between} period(s) apart (minimum {})",
                                duty.name, q.date, p.date, duty.min_gap
                            ),
                            None,
                        ));
                    }
                }
            }
        }
    }
}

fn comp(scope: &Scope, out: &mut Vec<Violation>) {
    let Scope {
        cfg,
        rota,
        past,
        worked,
        line_of,
    } = *scope;
    let d = &rota.duty;
    let (first, end) = (rota.start, rota.end());
    let demand = time::demand(cfg);
    let mut seen: BTreeSet<(&str, NaiveDate)> = past.taken.iter().map(|c| (c.agent.as_str(), c.date)).collect();
    for c in &d.taken {
        let line = c.span.as_ref().map(|s| line_of(s.start));
        let v = |rule, message| Violation::new(&c.agent, c.date, c.date, rule, message, line);
        let Some((a, agent)) = cfg.agent(&c.agent) else {
            out.push(v(
                Rule::CompUnknown,
                format!("`{}` is not an agent in the config", c.agent),
            ));
            continue;
        };
        if c.date < first || c.date >= end {
            out.push(v(
                Rule::CompOutsideHorizon,
                format!("comp day {} is outside this rota ({first}..{end})", c.date),
            ));
        }
        if !seen.insert((c.agent.as_str(), c.date)) {
            out.push(v(Rule::CompTwice, format!("comp day {} is counted twice", c.date)));
        }
        if agent.off.contains(&c.date) {
            out.push(v(
                Rule::CompTimeOff,
                format!("comp day {} falls on a day off (time off or holiday)", c.date),
            ));
        }
        if !agent.off.contains(&c.date) && !oncall::comp_day_allowed(cfg, a, c.date, &demand) {
            out.push(v(
                Rule::CompNotAWorkingDay,
                format!(
                    "comp day {} is a day none of the agent's shifts would serve the target",
                    c.date
                ),
            ));
        }
        let (d0, d1) = time::local_day(agent.zone, c.date);
        let in_duty = d
            .holds
            .iter()
            .chain(&past.holds)
            .find(|h| h.agent == c.agent && h.start.with_timezone(&Utc) < d1 && h.end.with_timezone(&Utc) > d0);
        if let Some(h) = in_duty {
            out.push(v(
                Rule::CompOnCall,
                format!("comp day {} falls in the agent's own {} period", c.date, h.duty),
            ));
        }
        if let Some(w) = worked.iter().find(|w| w.agent == a && w.start < d1 && w.end > d0) {
            out.push(v(
                Rule::CompDayWorked,
                format!(
                    "comp day {} but works {}",
                    c.date,
                    time::local_text(agent.zone, w.start)
                ),
            ));
        }
    }

    // Comp days of earlier rotas that a shift of this one touches (one starting the evening before).
    for c in &past.taken {
        let Some((a, agent)) = cfg.agent(&c.agent) else {
            continue;
        };
        let (d0, d1) = time::local_day(agent.zone, c.date);
        if let Some(w) = worked
            .iter()
            .find(|w| w.current && w.agent == a && w.start < d1 && w.end > d0)
        {
            out.push(Violation::new(
                &c.agent,
                c.date,
                c.date,
                Rule::CompDayWorked,
                format!(
                    "comp day {} (an earlier rota's) but works {}",
                    c.date,
                    time::local_text(agent.zone, w.start)
                ),
                w.line,
            ));
        }
    }

    // Earned: exactly what the holds and shifts of this rota earn.
    let expected = oncall::credits(cfg, &d.holds, &rota.shifts);
    // Days are whole quarters (the rota reader rejects anything else), so this is exact.
    let key = |c: &Credit| (c.agent.clone(), c.date, (c.days * 4.0) as i64, c.reason.clone());
    let mut want: BTreeMap<_, i32> = BTreeMap::new();
    for c in &expected {
        *want.entry(key(c)).or_default() += 1;
    }
    for c in &d.earned {
        *want.entry(key(c)).or_default() -= 1;
    }
    for ((agent, date, quarters, reason), n) in want {
        let days = quarters as f64 / 4.0;
        if n > 0 {
            out.push(Violation::new(
                &agent,
                date,
                date,
                Rule::CompEarned,
                format!("earns {days} day(s) on {date} ({reason}) but [comp] earned does not record it"),
                None,
            ));
        } else if n < 0 {
            out.push(Violation::new(
                &agent,
                date,
                date,
                Rule::CompEarned,
                format!("[comp] earned records {days} day(s) on {date} ({reason}) that nothing in this rota earns"),
                None,
            ));
        }
    }

    // Balance before each comp day, over the whole chain, must cover it.
    for agent in &cfg.agents {
        let name = agent.name.as_str();
        let earned: Vec<&Credit> = past
            .earned
            .iter()
            .chain(&d.earned)
            .filter(|c| c.agent == name)
            .collect();
        let mut taken: Vec<NaiveDate> = past
            .taken
            .iter()
            .chain(&d.taken)
            .filter(|c| c.agent == name)
            .map(|c| c.date)
            .collect();
        taken.sort();
        for (i, &t) in taken.iter().enumerate() {
            if t < first {
                continue;
            }
            let before =
                agent.comp_opening + earned.iter().filter(|c| c.date < t).map(|c| c.days).sum::<f64>() - i as f64;
            if before < 1.0 {
                let line = d
                    .taken
                    .iter()
                    .find(|c| c.agent == name && c.date == t)
                    .and_then(|c| c.span.as_ref())
                    .map(|s| line_of(s.start));
                out.push(Violation::new(
                    name,
                    t,
                    t,
                    Rule::CompBalance,
                    format!("takes a comp day on {t} with a balance of {before} (it would go negative)"),
                    line,
                ));
            }
        }

        // The books: opening + earned − taken = balance, opening = what earlier rotas leave.
        let opening = past.balance(cfg, name);
        let e: f64 = d.earned.iter().filter(|c| c.agent == name).map(|c| c.days).sum();
        let t = d.taken.iter().filter(|c| c.agent == name).count() as f64;
        let recorded = d.ledger.iter().find(|l| l.agent == name);
        let v = |message: String| Violation::new(name, first, end - Duration::days(1), Rule::Ledger, message, None);
        match recorded {
            None if opening != 0.0 || e != 0.0 || t != 0.0 => out.push(v(format!(
                "no [comp] ledger line, but opening {opening} + earned {e} − taken {t} = {}",
                opening + e - t
            ))),
            None => {}
            Some(l) => {
                if l.opening != opening {
                    out.push(v(format!(
                        "ledger opening is {} but the config and earlier rotas leave {opening}",
                        l.opening
                    )));
                }
                if l.earned != e {
                    out.push(v(format!(
                        "ledger earned is {} but [comp] earned adds up to {e}",
                        l.earned
                    )));
                }
                if l.taken != t {
                    out.push(v(format!("ledger taken is {} but [comp] taken lists {t}", l.taken)));
                }
                if l.balance != l.opening + l.earned - l.taken {
                    out.push(v(format!(
                        "ledger does not add up: {} + {} − {} is {}, not {}",
                        l.opening,
                        l.earned,
                        l.taken,
                        l.opening + l.earned - l.taken,
                        l.balance
                    )));
                }
                if l.balance < 0.0 {
                    out.push(v(format!("balance {} is negative", l.balance)));
                }
            }
        }
    }
    for l in &d.ledger {
        if cfg.agent(&l.agent).is_none() {
            out.push(Violation::new(
                &l.agent,
                first,
                first,
                Rule::Ledger,
                format!("`{}` is not an agent in the config", l.agent),
                None,
            ));
        }
    }
}
