//! The validated domain config: what the team is, what must be covered, and
//! the rules. `load` parses TOML (with spans), checks every reference and
//! number, and returns a [`Config`] that later stages can trust.

pub mod costs;
pub mod demand;
pub mod oncall;
pub mod paging;
pub mod place;
mod raw;
pub mod roster;
mod rules;
pub mod stages;
pub mod values;

use crate::error::{Error, Source};
use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
pub use oncall::{Active, Comp, Duty};
pub use raw::schema;
use raw::{RawConfig, Spanned};
pub use roster::{Request, ShiftDemand};
use rules::rules;
pub use rules::Rules;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use values::Minute;

/// Longest horizon one rota may span.
pub const MAX_WEEKS: i64 = 104;

#[derive(Debug, Clone)]
pub struct Config {
    pub source: Source,
    pub horizon: Horizon,
    pub coverage: Coverage,
    pub templates: Vec<Template>,
    pub agents: Vec<Agent>,
    /// The team's `[rules]`: what an agent without overrides works under.
    pub rules: Rules,
    /// The team's `max_per_template` caps, likewise.
    pub template_caps: Vec<(usize, u32)>,
    /// `[costs]`, when the config prices the team.
    pub costs: Option<costs::Costs>,
    /// `[demand.CHANNEL]`: volumes whose Erlang C head counts are among the coverage needs.
    pub demand: Vec<demand::Channel>,
    /// `[stages]`: a custom ladder for `size --stages`.
    pub stages: Option<stages::Ladder>,
    pub weights: Weights,
    /// On-call duties, in file order.
    pub duties: Vec<Duty>,
    pub comp: Comp,
    /// `[rota]`: the team's name, fingerprint and rota directory.
    pub place: place::Place,
    /// Each agent's holiday-calendar days (agent → date → calendar), a part of
    /// its `off`: what calendars show as a holiday rather than time off.
    pub holidays: BTreeMap<String, BTreeMap<NaiveDate, String>>,
}

/// Planning period: `weeks` whole weeks from `start`, dates in the coverage zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon {
    pub start: NaiveDate,
    pub weeks: u32,
}

impl Horizon {
    pub fn days(&self) -> i64 {
        i64::from(self.weeks) * 7
    }
    /// First day after the horizon.
    pub fn end(&self) -> NaiveDate {
        self.start + chrono::Duration::days(self.days())
    }
    /// Every date of the horizon, in order.
    pub fn dates(&self) -> Vec<NaiveDate> {
        self.start.iter_days().take(self.days() as usize).collect()
    }
}

#[derive(Debug, Clone)]
pub struct Coverage {
    pub zone: Tz,
    pub needs: Vec<Need>,
    /// Shift-demand coverage: people on a template on a local day.
    pub shifts: Vec<ShiftDemand>,
}

/// One coverage rule; rules add up where they overlap.
#[derive(Debug, Clone)]
pub struct Need {
    /// The rule as written (`"Mon-Fri 14:00-17:00"`), used in reports.
    pub label: String,
    /// Monday first.
    pub days: [bool; 7],
    pub from: Minute,
    /// `to <= from`: the window ends on the next day.
    pub to: Minute,
    pub agents: u32,
    /// Required skills (all of them); empty for "any agent".
    pub skills: BTreeSet<String>,
}

impl Need {
    pub fn applies_on(&self, day: Weekday) -> bool {
        self.days[day.num_days_from_monday() as usize]
    }
    /// "24/7 ×1" or "Mon-Fri 14:00-17:00 ×2 phone".
    pub fn describe(&self) -> String {
        let mut s = format!("{} ×{}", self.label, self.agents);
        if !self.skills.is_empty() {
            s.push(' ');
            s.push_str(&self.skills.iter().cloned().collect::<Vec<_>>().join("+"));
        }
        s
    }
}

#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    /// Wall-clock start and end in the agent's own zone; `end <= start` crosses midnight.
    pub start: Minute,
    pub end: Minute,
    pub night: bool,
    pub skills: BTreeSet<String>,
    pub agents: Option<BTreeSet<String>>,
    /// Templates that may not be worked the local day after this one.
    pub not_followed_by: Vec<usize>,
}

impl Template {
    /// Nominal length in minutes (the wall-clock difference, ignoring DST).
    pub fn nominal_minutes(&self) -> i64 {
        let (s, e) = (i64::from(self.start), i64::from(self.end));
        if e > s {
            e - s
        } else {
            e + 1440 - s
        }
    }
    pub fn crosses_midnight(&self) -> bool {
        self.end <= self.start
    }
}

/// Minutes a wall-clock shift spends between 22:00 and 06:00.
fn night_minutes(start: Minute, end: Minute) -> i64 {
    let (s, mut e) = (i64::from(start), i64::from(end));
    if e <= s {
        e += 1440;
    }
    let nights = [(-120, 360), (1320, 1800), (2760, 3240)];
    nights.iter().map(|(a, b)| (e.min(*b) - s.max(*a)).max(0)).sum()
}

#[derive(Debug, Clone)]
pub struct Agent {
    pub name: String,
    pub zone: Tz,
    pub skills: BTreeSet<String>,
    /// Indices into [`Config::templates`] this agent may work.
    pub templates: Vec<usize>,
    /// Local dates with no work at all (time off and holidays).
    pub off: BTreeSet<NaiveDate>,
    pub rules: Rules,
    /// Comp days owed before the first rota (days, in quarters).
    pub comp_opening: f64,
    /// Dates the agent asks to take as comp days.
    pub comp_dates: BTreeSet<NaiveDate>,
    /// Most shifts of a template over the horizon: (template, count).
    pub template_caps: Vec<(usize, u32)>,
    /// Wishes to work, and not to work, a template (or any shift) on a day.
    pub prefer: Vec<Request>,
    pub avoid: Vec<Request>,
    /// Own pay per hour (`agents.NAME.rate`), over the hub's and the team's.
    pub rate: Option<f64>,
    /// User ids in the paging tools (`pagerduty = "PABC123"` …).
    pub paging: paging::Ids,
}

impl Agent {
    pub fn has_skills(&self, needed: &BTreeSet<String>) -> bool {
        needed.is_subset(&self.skills)
    }
}

/// Objective weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Per agent-minute of target left uncovered.
    pub uncovered: f64,
    /// Per agent-minute on shift beyond the target.
    pub overstaffed: f64,
    /// Per night or weekend shift of the most-loaded agent.
    pub fairness: f64,
    /// Per scheduled agent-hour (labour cost), whether or not the target needs it.
    pub hours: f64,
    /// Per on-call period short of a holder.
    pub missing_holder: f64,
    /// Per period between the most and the least on-call periods held (over a rolling year).
    pub oncall_fairness: f64,
    /// Per comp day per day it is overdue (kept below `uncovered`: coverage comes first).
    pub comp_overdue: f64,
    /// `plan --keep`: per assignment (shift, hold, comp day) added to or dropped from the kept rota.
    pub change: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            uncovered: 100.0,
            overstaffed: 1.0,
            fairness: 30.0,
            hours: 1.0,
            missing_holder: 100_000.0,
            oncall_fairness: 500.0,
            comp_overdue: 2.0,
            change: 300.0,
        }
    }
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, Error> {
        Self::from_source(Source::read(path)?)
    }

    pub fn from_source(source: Source) -> Result<Config, Error> {
        let raw: RawConfig = toml::from_str(&source.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = crate::error::plain_toml_message(e.message());
            let help = toml_hint(&message);
            source.error(span, format!("invalid config: {message}"), "here", help)
        })?;
        build(source, &raw)
    }

    pub fn template(&self, name: &str) -> Option<(usize, &Template)> {
        self.templates.iter().enumerate().find(|(_, t)| t.name == name)
    }

    pub fn agent(&self, name: &str) -> Option<(usize, &Agent)> {
        self.agents.iter().enumerate().find(|(_, a)| a.name == name)
    }
}

fn toml_hint(message: &str) -> Option<String> {
    if message.contains("missing field `horizon`") || message.contains("missing field `coverage`") {
        Some("a config needs [horizon] (start, weeks) and [coverage] (need = [...]); see README".into())
    } else if message.contains("unknown field") {
        Some("see the config reference in README.md for every key".into())
    } else {
        None
    }
}

/// Where the top-level table `key` is (its name in the header), to point at
/// when it is empty; the file's start when it is missing.
fn table_place(s: &Source, key: &str) -> (std::ops::Range<usize>, String) {
    let found = toml::de::DeTable::parse(&s.text).ok().and_then(|doc| {
        doc.get_ref()
            .keys()
            .find(|k| k.get_ref() == key)
            .map(toml::Spanned::span)
    });
    match found {
        Some(span) => (span, format!("this [{key}] table is empty")),
        None => (0..0, format!("no [{key}] table in this file")),
    }
}

/// Reads the raw config into a [`Config`], one part at a time in a fixed
/// order, so the first mistake in that order is the one reported.
fn build(src: Source, raw: &RawConfig) -> Result<Config, Error> {
    let s = &src;
    let horizon = horizon(s, raw.horizon.get_ref())?;
    let defaults = rules(s, &raw.rules, Rules::default())?;
    let mut weights = weights(s, &raw.weights)?;
    let calendars = calendars(s, raw)?;

    // Agents keep file order, so reports list them as the manager wrote them.
    let raw_agents = in_file_order(&raw.agents);
    let raw_templates = in_file_order(&raw.templates);
    team_not_empty(s, raw_agents.is_empty(), raw_templates.is_empty())?;
    let agent_names: BTreeSet<&str> = raw_agents.iter().map(|(k, _)| k.get_ref().as_str()).collect();
    let templates = templates(s, &raw_templates, &agent_names)?;
    let default_caps = roster::caps(s, raw.rules.max_per_template.as_ref(), &templates, &[])?;

    let team = TeamDefaults {
        calendars: &calendars,
        rules: defaults,
        templates: &templates,
        caps: &default_caps,
        horizon,
    };
    let agents = raw_agents
        .iter()
        .map(|(name, a)| agent(s, name, a.get_ref(), &team))
        .collect::<Result<Vec<_>, _>>()?;
    let all_skills: BTreeSet<&str> = agents
        .iter()
        .flat_map(|a| a.skills.iter().map(String::as_str))
        .collect();
    template_skills_known(s, &raw_templates, &all_skills)?;

    let (zone, mut needs, shifts) = coverage(s, raw, &templates, horizon, &all_skills)?;
    // Without a time-based target there is nothing to overstaff by the
    // minute: shift demands price their own overstaffing (`over`).
    if needs.is_empty() {
        weights.overstaffed = 0.0;
    }
    let duties = in_file_order(&raw.oncall)
        .into_iter()
        .map(|(name, d)| oncall::duty(s, name, d, &agents, zone))
        .collect::<Result<Vec<_>, _>>()?;
    let comp = oncall::comp(s, &raw.comp)?;

    let costs = costs::costs(s, raw.costs.as_ref())?;
    let demand = demand::channels(s, &raw.demand, &all_skills)?;
    let ladder = stages::ladder(s, raw.stages.as_ref())?;
    let place = place::place(s, raw.rota.as_ref(), zone)?;
    needs.extend(demand.iter().flat_map(demand::Channel::needs));
    Ok(Config {
        source: src,
        horizon,
        coverage: Coverage { zone, needs, shifts },
        templates,
        agents,
        rules: defaults,
        template_caps: default_caps,
        costs,
        demand,
        stages: ladder,
        weights,
        duties,
        comp,
        place,
        holidays: holidays(&raw.agents, &calendars),
    })
}

/// Each agent's holiday-calendar days: agent → date → the first of its calendars with it.
fn holidays(
    agents: &BTreeMap<Spanned<String>, Spanned<raw::RawAgent>>,
    calendars: &BTreeMap<String, BTreeSet<NaiveDate>>,
) -> BTreeMap<String, BTreeMap<NaiveDate, String>> {
    let mut out: BTreeMap<String, BTreeMap<NaiveDate, String>> = BTreeMap::new();
    for (name, a) in agents {
        let days = out.entry(name.get_ref().clone()).or_default();
        for c in &a.get_ref().calendars {
            for d in calendars.get(c.get_ref()).into_iter().flatten() {
                days.entry(*d).or_insert_with(|| c.get_ref().clone());
            }
        }
    }
    out
}

/// A table's entries in the order the file writes them (not by name).
fn in_file_order<K, V>(table: &BTreeMap<Spanned<K>, V>) -> Vec<(&Spanned<K>, &V)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

/// A team has agents and shift templates (agents are checked first).
fn team_not_empty(s: &Source, no_agents: bool, no_templates: bool) -> Result<(), Error> {
    let (key, message, help) = if no_agents {
        (
            "agents",
            "the team is empty",
            "add agents, e.g. [agents.ana] zone = \"Europe/Dublin\"",
        )
    } else if no_templates {
        (
            "templates",
            "no shift templates",
            "add shift templates, e.g. [templates] day = { start = \"09:00\", end = \"17:00\" }",
        )
    } else {
        return Ok(());
    };
    let (at, label) = table_place(s, key);
    Err(s.error(at, message, label, Some(help.into())))
}

/// `[calendars]`: each named list of dates and date ranges, as a set of dates.
fn calendars(s: &Source, raw: &RawConfig) -> Result<BTreeMap<String, BTreeSet<NaiveDate>>, Error> {
    let mut calendars = BTreeMap::new();
    for (name, dates) in &raw.calendars {
        let mut set = BTreeSet::new();
        for d in dates.get_ref() {
            set.extend(values::dates(s, d)?);
        }
        calendars.insert(name.get_ref().clone(), set);
    }
    Ok(calendars)
}

/// `[templates]` in file order, with their successions (`not_followed_by`).
fn templates(
    s: &Source,
    raw_templates: &[(&Spanned<String>, &Spanned<raw::RawTemplate>)],
    agent_names: &BTreeSet<&str>,
) -> Result<Vec<Template>, Error> {
    let mut templates = raw_templates
        .iter()
        .map(|(name, t)| template(s, name, t.get_ref(), agent_names))
        .collect::<Result<Vec<_>, _>>()?;
    let follow: Vec<_> = raw_templates
        .iter()
        .map(|(_, t)| t.get_ref().not_followed_by.as_ref())
        .collect();
    roster::successions(s, &follow, &mut templates)?;
    Ok(templates)
}

/// Every skill a template asks for is one some agent has.
fn template_skills_known(
    s: &Source,
    raw_templates: &[(&Spanned<String>, &Spanned<raw::RawTemplate>)],
    all_skills: &BTreeSet<&str>,
) -> Result<(), Error> {
    for (name, t) in raw_templates {
        if let Some(v) = &t.get_ref().skills {
            for sk in values::skills(s, v)? {
                if !all_skills.contains(sk.as_str()) {
                    return Err(unknown_skill(
                        s,
                        v.span(),
                        &sk,
                        all_skills,
                        &format!("template `{}`", name.get_ref()),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// `[coverage]`: its zone (default UTC), its time-based needs and its shift
/// demands; with `[demand]` absent, at least one need or shift demand.
fn coverage(
    s: &Source,
    raw: &RawConfig,
    templates: &[Template],
    horizon: Horizon,
    all_skills: &BTreeSet<&str>,
) -> Result<(Tz, Vec<Need>, Vec<ShiftDemand>), Error> {
    let cov = raw.coverage.get_ref();
    let zone = match &cov.zone {
        Some(z) => values::zone(s, z)?,
        None => Tz::UTC,
    };
    let needs = cov
        .need
        .iter()
        .map(|n| need(s, n.get_ref(), all_skills))
        .collect::<Result<Vec<_>, _>>()?;
    let shifts = roster::demands(s, &cov.shifts, templates, horizon.start, horizon.end())?;
    if needs.is_empty() && shifts.is_empty() && raw.demand.is_empty() {
        return Err(s.error(
            raw.coverage.span(),
            "the coverage target is empty",
            "no need = [...] here",
            Some("e.g. need = [{ at = \"24/7\", agents = 1 }], or shifts = [{ on = \"Mon-Fri\", template = \"day\", agents = 2 }]".into()),
        ));
    }
    Ok((zone, needs, shifts))
}

/// What every agent's entry is read against: the team's calendars, rules,
/// templates, template caps and horizon.
struct TeamDefaults<'a> {
    calendars: &'a BTreeMap<String, BTreeSet<NaiveDate>>,
    rules: Rules,
    templates: &'a [Template],
    caps: &'a [(usize, u32)],
    horizon: Horizon,
}

/// One `[agents]` entry.
fn agent(s: &Source, name: &Spanned<String>, a: &raw::RawAgent, team: &TeamDefaults) -> Result<Agent, Error> {
    place::name(s, name.span(), name.get_ref(), "agent name")?;
    let name_str = name.get_ref().clone();
    let zone = values::zone(s, &a.zone)?;
    let skills = match &a.skills {
        Some(v) => values::skills(s, v)?,
        None => BTreeSet::new(),
    };
    let off = off_days(s, a, team.calendars)?;
    let rules = rules(s, &a.rules, team.rules)?;
    let allowed = allowed_templates(s, name, a, &skills, team.templates)?;
    let mut comp_dates = BTreeSet::new();
    for d in &a.comp_dates {
        comp_dates.extend(values::dates(s, d)?);
    }
    Ok(Agent {
        name: name_str,
        zone,
        skills,
        templates: allowed,
        off,
        rules,
        comp_opening: oncall::opening(s, &a.comp_opening)?,
        comp_dates,
        template_caps: roster::caps(s, a.rules.max_per_template.as_ref(), team.templates, team.caps)?,
        prefer: roster::requests(s, &a.prefer, team.templates, team.horizon.start, team.horizon.end())?,
        avoid: roster::requests(s, &a.avoid, team.templates, team.horizon.start, team.horizon.end())?,
        rate: a
            .rate
            .is_some()
            .then(|| num_in(s, &a.rate, "rate", 0.0, 100_000.0, 0.0))
            .transpose()?,
        paging: paging::ids(s, &a.pagerduty, &a.datadog, &a.opsgenie, "user")?,
    })
}

/// `[horizon]`: a start date and 1 to [`MAX_WEEKS`] weeks.
fn horizon(s: &Source, h: &raw::RawHorizon) -> Result<Horizon, Error> {
    let start = values::date(s, &h.start)?;
    let weeks = *h.weeks.get_ref();
    if !(1..=MAX_WEEKS).contains(&weeks) {
        return Err(s.error(
            h.weeks.span(),
            format!("horizon of {weeks} weeks is out of range"),
            "weeks",
            Some(format!("plan between 1 and {MAX_WEEKS} weeks (two years) at a time")),
        ));
    }
    Ok(Horizon {
        start,
        weeks: weeks as u32,
    })
}

/// One `[templates]` entry: its local times, skills and the agents it is limited to.
fn template(
    s: &Source,
    name: &Spanned<String>,
    t: &raw::RawTemplate,
    agent_names: &BTreeSet<&str>,
) -> Result<Template, Error> {
    place::name(s, name.span(), name.get_ref(), "template name")?;
    let start = values::time(s, &t.start, false)?;
    let end = values::time(s, &t.end, true)?;
    if start == end || (start == 0 && end == 1440) {
        return Err(s.error(
            t.end.span(),
            format!("template `{}` ends when it starts", name.get_ref()),
            "same as start",
            Some("a shift must have a length; an end before the start crosses midnight".into()),
        ));
    }
    let end = if end == 1440 { 0 } else { end };
    let skills = match &t.skills {
        Some(v) => values::skills(s, v)?,
        None => BTreeSet::new(),
    };
    let agents = match &t.agents {
        None => None,
        Some(list) => {
            let mut set = BTreeSet::new();
            for a in list {
                check_ref(s, a, "agent", agent_names.iter().copied())?;
                set.insert(a.get_ref().clone());
            }
            Some(set)
        }
    };
    Ok(Template {
        name: name.get_ref().clone(),
        start,
        end,
        night: t.night.unwrap_or_else(|| night_minutes(start, end) >= 180),
        skills,
        agents,
        not_followed_by: Vec::new(),
    })
}

/// An agent's days off: its `off` dates and its calendars' holidays.
fn off_days(
    s: &Source,
    a: &raw::RawAgent,
    calendars: &BTreeMap<String, BTreeSet<NaiveDate>>,
) -> Result<BTreeSet<NaiveDate>, Error> {
    let mut off = BTreeSet::new();
    for d in &a.off {
        off.extend(values::dates(s, d)?);
    }
    for c in &a.calendars {
        check_ref(s, c, "calendar", calendars.keys().map(String::as_str))?;
        off.extend(calendars[c.get_ref()].iter().copied());
    }
    Ok(off)
}

/// One `coverage.need` entry: its hours, head count and skills.
fn need(s: &Source, n: &raw::RawNeed, all_skills: &BTreeSet<&str>) -> Result<Need, Error> {
    let at = values::parse_at(n.at.get_ref()).map_err(|why| {
        s.error(
            n.at.span(),
            format!("cannot read coverage time `{}`: {why}", n.at.get_ref()),
            "coverage time",
            Some(
                "write \"24/7\", \"24/5\", \"Mon-Fri 09:00-17:00\", \"Sat,Sun 10:00-14:00\" or \"22:00-06:00\"".into(),
            ),
        )
    })?;
    let count = *n.agents.get_ref();
    if !(1..=1000).contains(&count) {
        return Err(s.error(
            n.agents.span(),
            format!("a need of {count} agents is out of range"),
            "agents",
            Some("each need asks for 1 to 1000 agents at once".into()),
        ));
    }
    let skills = match &n.skill {
        Some(v) => {
            let set = values::skills(s, v)?;
            for sk in &set {
                if !all_skills.contains(sk.as_str()) {
                    return Err(unknown_skill(s, v.span(), sk, all_skills, "the coverage target"));
                }
            }
            set
        }
        None => BTreeSet::new(),
    };
    Ok(Need {
        label: n.at.get_ref().trim().to_string(),
        days: at.days,
        from: at.from,
        to: at.to,
        agents: count as u32,
        skills,
    })
}

/// The templates agent `name` may work: those listed (each one it qualifies
/// for), or every template it qualifies for; none is an error.
fn allowed_templates(
    s: &Source,
    name: &Spanned<String>,
    a: &raw::RawAgent,
    skills: &BTreeSet<String>,
    templates: &[Template],
) -> Result<Vec<usize>, Error> {
    let name_str = name.get_ref();
    let qualifies =
        |t: &Template| t.skills.is_subset(skills) && t.agents.as_ref().is_none_or(|set| set.contains(name_str));
    let allowed: Vec<usize> = match &a.templates {
        Some(list) => {
            let mut idx = Vec::new();
            for tn in list {
                check_ref(s, tn, "template", templates.iter().map(|t| t.name.as_str()))?;
                let i = templates.iter().position(|t| &t.name == tn.get_ref()).unwrap_or(0);
                if !qualifies(&templates[i]) {
                    return Err(s.error(
                        tn.span(),
                        format!("agent `{name_str}` may not work template `{}`", tn.get_ref()),
                        "restricted template",
                        Some("the template is limited to other agents or to skills this agent lacks".into()),
                    ));
                }
                if !idx.contains(&i) {
                    idx.push(i);
                }
            }
            idx.sort_unstable();
            idx
        }
        None => (0..templates.len()).filter(|&i| qualifies(&templates[i])).collect(),
    };
    if allowed.is_empty() {
        return Err(s.error(
            name.span(),
            format!("agent `{name_str}` can work no shift template"),
            "no template",
            Some("every template is limited to other agents or to skills this agent lacks".into()),
        ));
    }
    Ok(allowed)
}

fn unknown_skill(s: &Source, span: std::ops::Range<usize>, skill: &str, known: &BTreeSet<&str>, whose: &str) -> Error {
    let help = match values::closest(skill, known.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? Skills in this team: {}", join(known)),
        None if known.is_empty() => "no agent lists any skills; add skills = [...] to agents".into(),
        None => format!("skills in this team: {}", join(known)),
    };
    s.error(
        span,
        format!("no agent has skill `{skill}` required by {whose}"),
        "nobody has this skill",
        Some(help),
    )
}

fn join(known: &BTreeSet<&str>) -> String {
    known.iter().copied().collect::<Vec<_>>().join(", ")
}

fn check_ref<'a>(
    s: &Source,
    name: &Spanned<String>,
    kind: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Result<(), Error> {
    let n = name.get_ref();
    if known.clone().any(|k| k == n) {
        return Ok(());
    }
    let help = if let Some(c) = values::closest(n, known.clone()) {
        format!("did you mean `{c}`?")
    } else {
        let all: Vec<&str> = known.collect();
        if all.is_empty() {
            format!("no {kind} is defined")
        } else {
            format!("known: {}", all.join(", "))
        }
    };
    Err(s.error(
        name.span(),
        format!("unknown {kind} `{n}`"),
        format!("no such {kind}"),
        Some(help),
    ))
}

pub(super) fn int_in(
    s: &Source,
    v: &Option<Spanned<i64>>,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
    default: i64,
) -> Result<i64, Error> {
    match v {
        None => Ok(default),
        Some(v) if range.contains(v.get_ref()) => Ok(*v.get_ref()),
        Some(v) => Err(s.error(
            v.span(),
            format!("{key} = {} is out of range", v.get_ref()),
            "out of range",
            Some(format!("{key} must be between {} and {}", range.start(), range.end())),
        )),
    }
}

pub(super) fn num_in(
    s: &Source,
    v: &Option<Spanned<f64>>,
    key: &str,
    lo: f64,
    hi: f64,
    default: f64,
) -> Result<f64, Error> {
    match v {
        None => Ok(default),
        Some(v) if v.get_ref().is_finite() && (lo..=hi).contains(v.get_ref()) => Ok(*v.get_ref()),
        Some(v) => Err(s.error(
            v.span(),
            format!("{key} = {} is out of range", v.get_ref()),
            "out of range",
            Some(format!("{key} must be between {lo} and {hi}")),
        )),
    }
}

fn weights(s: &Source, w: &raw::RawWeights) -> Result<Weights, Error> {
    let d = Weights::default();
    Ok(Weights {
        uncovered: num_in(s, &w.uncovered, "uncovered", 0.0, 1e6, d.uncovered)?,
        overstaffed: num_in(s, &w.overstaffed, "overstaffed", 0.0, 1e6, d.overstaffed)?,
        fairness: num_in(s, &w.fairness, "fairness", 0.0, 1e6, d.fairness)?,
        hours: num_in(s, &w.hours, "hours", 0.0, 1e6, d.hours)?,
        missing_holder: num_in(s, &w.missing_holder, "missing_holder", 0.0, 1e7, d.missing_holder)?,
        oncall_fairness: num_in(s, &w.oncall_fairness, "oncall_fairness", 0.0, 1e6, d.oncall_fairness)?,
        comp_overdue: num_in(s, &w.comp_overdue, "comp_overdue", 0.0, 1e6, d.comp_overdue)?,
        change: num_in(s, &w.change, "change", 0.0, 1e6, d.change)?,
    })
}

/// Saturday that starts the weekend containing `d` (Sat or Sun), if any.
pub fn weekend_of(d: NaiveDate) -> Option<NaiveDate> {
    match d.weekday() {
        Weekday::Sat => Some(d),
        Weekday::Sun => d.pred_opt(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn night_detection() {
        assert!(night_minutes(22 * 60, 6 * 60) == 480);
        assert_eq!(night_minutes(9 * 60, 17 * 60), 0);
        assert_eq!(night_minutes(14 * 60, 23 * 60), 60);
        assert_eq!(night_minutes(0, 8 * 60), 360);
    }
}
