//! `Team`: a small builder for team configs, so a test says only what
//! matters to it and not the boilerplate around it:
//!
//! ```ignore
//! let team = Team::new()
//!     .weeks(2)
//!     .need("24/7", 1)
//!     .template("day", "09:00", "17:00")
//!     .agent("ana", "Europe/Dublin")
//!     .skills(&["phone"])
//!     .dir(); // team.toml in a temporary directory: a `TeamDir`
//! ```
//!
//! Defaults: a one-week horizon from Mon 2026-03-02, coverage in UTC (a
//! `need` list, empty unless given or unless only shift demands are), no
//! `[rules]` table (the built-in rules). Agent modifiers (`skills`,
//! `templates`, `off`, `field`) apply to the agent added last. Tests whose
//! point is the exact text of a config (line:column messages, odd syntax)
//! keep it inline instead.

use super::dir::TeamDir;

#[derive(Clone, Debug)]
pub struct Team {
    head: Vec<String>,
    start: String,
    weeks: u32,
    zone: String,
    needs: Vec<String>,
    shifts: Vec<String>,
    rules: Vec<String>,
    templates: Vec<String>,
    agents: Vec<(String, Vec<String>)>,
    tail: Vec<String>,
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(name: &str) -> String {
    let bare = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        name.to_string()
    } else {
        format!("{name:?}")
    }
}

fn quoted_list(items: &[&str]) -> String {
    let list: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", list.join(", "))
}

/// `key = [` one item a line `]`.
fn list(key: &str, items: &[String]) -> String {
    let lines: String = items.iter().map(|i| format!("  {i},\n")).collect();
    format!("{key} = [\n{lines}]\n")
}

impl Default for Team {
    fn default() -> Team {
        Team::new()
    }
}

impl Team {
    pub fn new() -> Team {
        Team {
            head: Vec::new(),
            start: "2026-03-02".into(),
            weeks: 1,
            zone: "UTC".into(),
            needs: Vec::new(),
            shifts: Vec::new(),
            rules: Vec::new(),
            templates: Vec::new(),
            agents: Vec::new(),
            tail: Vec::new(),
        }
    }

    /// `[horizon] start` (a date, e.g. "2026-03-02").
    pub fn start(mut self, date: &str) -> Team {
        self.start = date.into();
        self
    }

    /// `[horizon]`: `weeks` weeks from `start`.
    pub fn horizon(self, start: &str, weeks: u32) -> Team {
        self.start(start).weeks(weeks)
    }

    /// `[horizon] weeks`.
    pub fn weeks(mut self, weeks: u32) -> Team {
        self.weeks = weeks;
        self
    }

    /// `[coverage] zone`.
    pub fn zone(mut self, zone: &str) -> Team {
        self.zone = zone.into();
        self
    }

    /// A coverage need: `{ at = AT, agents = N }`.
    pub fn need(mut self, at: &str, agents: u32) -> Team {
        self.needs.push(format!("{{ at = {at:?}, agents = {agents} }}"));
        self
    }

    /// A need for agents with a skill.
    pub fn need_skill(mut self, at: &str, agents: u32, skill: &str) -> Team {
        self.needs
            .push(format!("{{ at = {at:?}, agents = {agents}, skill = {skill:?} }}"));
        self
    }

    /// A shift demand: `agents` people on `template` on the days `on`
    /// names (`[coverage] shifts`).
    pub fn shift_need(mut self, on: &str, template: &str, agents: u32) -> Team {
        self.shifts
            .push(format!("{{ on = {on:?}, template = {template:?}, agents = {agents} }}"));
        self
    }

    /// One `[rules]` entry, e.g. `.rule("min_rest_hours", 8)`.
    pub fn rule(mut self, key: &str, value: impl std::fmt::Display) -> Team {
        self.rules.push(format!("{key} = {value}"));
        self
    }

    /// A shift template from `start` to `end` (local `hh:mm`).
    pub fn template(self, name: &str, start: &str, end: &str) -> Team {
        self.template_with(name, start, end, "")
    }

    /// A template marked `night = true`.
    pub fn night(self, name: &str, start: &str, end: &str) -> Team {
        self.template_with(name, start, end, "night = true")
    }

    /// A template with more fields, written as TOML (e.g. `days = "Mon-Fri"`).
    pub fn template_with(mut self, name: &str, start: &str, end: &str, more: &str) -> Team {
        let more = if more.is_empty() {
            String::new()
        } else {
            format!(", {more}")
        };
        self.templates
            .push(format!("{name} = {{ start = {start:?}, end = {end:?}{more} }}"));
        self
    }

    /// An agent living in `zone`.
    pub fn agent(mut self, name: &str, zone: &str) -> Team {
        self.agents.push((name.into(), vec![format!("zone = {zone:?}")]));
        self
    }

    /// `n` agents `PREFIX1`..`PREFIXn` in `zone`.
    pub fn agents(mut self, prefix: &str, zone: &str, n: u32) -> Team {
        for k in 1..=n {
            self = self.agent(&format!("{prefix}{k}"), zone);
        }
        self
    }

    /// One agent per name, all in `zone`.
    pub fn agents_named(mut self, names: &[&str], zone: &str) -> Team {
        for name in names {
            self = self.agent(name, zone);
        }
        self
    }

    /// Any field of the last agent, as TOML (e.g. `comp_opening = 1`).
    #[track_caller]
    pub fn field(mut self, key: &str, value: &str) -> Team {
        let (_, fields) = self.agents.last_mut().expect("an agent before its fields");
        fields.push(format!("{key} = {value}"));
        self
    }

    /// The last agent's skills.
    pub fn skills(self, skills: &[&str]) -> Team {
        self.field("skills", &quoted_list(skills))
    }

    /// The templates the last agent may work.
    pub fn templates(self, names: &[&str]) -> Team {
        self.field("templates", &quoted_list(names))
    }

    /// The last agent's time off: dates or `FROM..TO` ranges.
    pub fn off(self, days: &[&str]) -> Team {
        self.field("off", &quoted_list(days))
    }

    /// Text before `[horizon]`, e.g. a `[rota]` table.
    pub fn head(mut self, toml: &str) -> Team {
        self.head.push(toml.trim_end().to_string());
        self
    }

    /// A `[rota]` table naming the team (and its rota directory, if any).
    pub fn named(self, team: &str, dir: Option<&str>) -> Team {
        let dir = dir.map_or(String::new(), |d| format!("\ndir = {d:?}"));
        self.head(&format!("[rota]\nteam = {team:?}{dir}"))
    }

    /// Tables after `[agents]`, e.g. `[oncall.phone]`, `[comp]`, `[costs]`.
    pub fn section(mut self, toml: &str) -> Team {
        self.tail.push(toml.trim_end().to_string());
        self
    }

    /// An `[oncall.NAME]` duty handed over at `handoff`, with more
    /// `key = value` lines (e.g. `"zone = \"Europe/Berlin\""`).
    pub fn oncall(self, name: &str, handoff: &str, more: &[&str]) -> Team {
        let mut lines = vec![format!("[oncall.{name}]"), format!("handoff = {handoff:?}")];
        lines.extend(more.iter().map(ToString::to_string));
        self.section(&lines.join("\n"))
    }

    /// A `[comp]` table of `key = value` lines (e.g. `"window_weeks = 4"`).
    pub fn comp(self, lines: &[&str]) -> Team {
        self.section(&format!("[comp]\n{}", lines.join("\n")))
    }

    /// The config as TOML text (asserted to parse as TOML).
    #[track_caller]
    pub fn toml(&self) -> String {
        let mut out = String::new();
        for h in &self.head {
            out.push_str(&format!("{h}\n\n"));
        }
        out.push_str(&format!(
            "[horizon]\nstart = {}\nweeks = {}\n\n",
            self.start, self.weeks
        ));
        out.push_str(&format!("[coverage]\nzone = {:?}\n", self.zone));
        if !self.needs.is_empty() || self.shifts.is_empty() {
            out.push_str(&list("need", &self.needs));
        }
        if !self.shifts.is_empty() {
            out.push_str(&list("shifts", &self.shifts));
        }
        out.push('\n');
        if !self.rules.is_empty() {
            out.push_str(&format!("[rules]\n{}\n\n", self.rules.join("\n")));
        }
        out.push_str(&format!("[templates]\n{}\n\n[agents]\n", self.templates.join("\n")));
        for (name, fields) in &self.agents {
            out.push_str(&format!("{} = {{ {} }}\n", key(name), fields.join(", ")));
        }
        for t in &self.tail {
            out.push_str(&format!("\n{t}\n"));
        }
        if let Err(e) = out.parse::<toml::Table>() {
            panic!("the Team builder wrote a config that is not TOML: {e}\n{out}");
        }
        out
    }

    /// The config as `team.toml` in a fresh temporary directory.
    #[track_caller]
    pub fn dir(&self) -> TeamDir {
        TeamDir::new(&self.toml())
    }
}
