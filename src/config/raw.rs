//! The config file exactly as written: serde structs with spans, no meaning yet.
//!
//! Values whose form is flexible (dates, times, skills) are kept as spanned
//! [`toml::Value`]s so that `build` can point at the exact place of a mistake.
//!
//! The same structs describe the file as a JSON Schema ([`schema`]): doc
//! comments become descriptions, `deny_unknown_fields` forbids other keys,
//! and each flexible value names the forms it accepts through a marker type
//! of [`forms`].

// Doc comments here are the schema's descriptions editors show, not rustdoc.
#![allow(clippy::doc_markdown)]

use super::rules::RawRules;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value as Json;
use std::borrow::Cow;
use std::collections::BTreeMap;
use toml::Value;

/// A value with its place in the file: a [`toml::Spanned`] that also has a
/// JSON Schema (the schema of the value itself).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spanned<T>(toml::Spanned<T>);

impl<T> Spanned<T> {
    pub fn new(span: std::ops::Range<usize>, value: T) -> Self {
        Spanned(toml::Spanned::new(span, value))
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = toml::Spanned<T>;
    fn deref(&self) -> &toml::Spanned<T> {
        &self.0
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        toml::Spanned::deserialize(d).map(Spanned)
    }
}

/// Only for the schema's `default`s: the value without its span.
impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.get_ref().serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

/// The JSON Schema of a team config (draft-07, which taplo and Even Better
/// TOML understand), as printed by `sunrota schema`.
pub fn schema() -> Schema {
    let generator = SchemaSettings::draft07()
        .with_transform(RecursiveTransform(tomlish))
        .into_generator();
    let mut schema = generator.into_root_schema_for::<RawConfig>();
    schema.insert("title".into(), "sunrota team config".into());
    schema.insert(
        "description".into(),
        "A sunrota team config: the planning horizon, the coverage target, work rules, \
         shift templates, agents, on-call duties and comp days. See the config reference \
         in sunrota's README."
            .into(),
    );
    schema
}

/// Fits a generated schema to TOML: a key left out is the only "none" (TOML
/// has no null), and integers and floats are plain JSON numbers.
fn tomlish(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else { return };
    if let Some(Json::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if let [one] = types.as_slice() {
            let one = one.clone();
            obj.insert("type".into(), one);
        }
    }
    if matches!(obj.get("format"), Some(Json::String(f)) if f == "int64" || f == "double") {
        obj.remove("format");
    }
    let Some(Json::Array(any)) = obj.get_mut("anyOf") else {
        return;
    };
    any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
    if let [one] = any.as_slice() {
        let one = one.clone();
        obj.remove("anyOf");
        if one.get("$ref").is_some() {
            obj.insert("allOf".into(), Json::Array(vec![one]));
        } else if let Json::Object(inner) = one {
            for (k, v) in inner {
                obj.entry(k).or_insert(v);
            }
        }
    }
}

pub mod forms {
    //! Marker types that give the flexible values of the config (kept as
    //! [`toml::Value`]s) a schema stating the forms they accept. taplo hands
    //! TOML dates and times to a schema as strings, so each is a string form.

    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
    use std::borrow::Cow;

    const DATE: &str = r"\d{4}-\d{2}-\d{2}";
    const CLOCK: &str = r"([01]?\d|2[0-3]):[0-5]\d(:00)?";

    fn date_or_range() -> String {
        format!(r"^\s*{DATE}\s*(\.\.\s*{DATE}\s*)?$")
    }

    macro_rules! form {
        ($name:ident, $doc:literal, $schema:expr) => {
            #[doc = $doc]
            pub struct $name;
            impl JsonSchema for $name {
                fn inline_schema() -> bool {
                    true
                }
                fn schema_name() -> Cow<'static, str> {
                    stringify!($name).into()
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    let mut schema: Schema = $schema;
                    schema.insert("description".into(), $doc.into());
                    schema
                }
            }
        };
    }

    form!(
        Date,
        "A date, YYYY-MM-DD: a TOML local date (2026-03-02) or a string (\"2026-03-02\").",
        json_schema!({ "type": "string", "pattern": format!(r"^\s*{DATE}\s*$") })
    );

    form!(
        DateOrRange,
        "A date (2026-03-17 or \"2026-03-17\") or an inclusive range \"FIRST..LAST\" \
         (\"2026-12-24..2026-12-26\", both days included).",
        json_schema!({ "type": "string", "pattern": date_or_range() })
    );

    form!(
        Days,
        "The days a rule applies on: a date (2026-03-02), a range \"FIRST..LAST\", or days of \
         the week (\"Mon-Fri\", \"Sat,Sun\", \"Fri-Mon\", \"weekdays\", \"weekends\", \"daily\").",
        json_schema!({
            "type": "string",
            "pattern": format!(r"^\s*({DATE}\s*(\.\.\s*{DATE}\s*)?|[^\d\s].*)$"),
        })
    );

    form!(
        StartTime,
        "A wall-clock time \"HH:MM\" from 00:00 to 23:59 (or a TOML local time 09:00:00).",
        json_schema!({ "type": "string", "pattern": format!(r"^\s*{CLOCK}\s*$") })
    );

    form!(
        EndTime,
        "A wall-clock time \"HH:MM\" from 00:00 to 24:00 (or a TOML local time); an end at or \
         before the start is on the next day.",
        json_schema!({ "type": "string", "pattern": format!(r"^\s*({CLOCK}|24:00(:00)?)\s*$") })
    );

    form!(
        Skills,
        "A skill name or a list of them (\"phone\" or [\"phone\", \"de\"]); names are lower-cased.",
        json_schema!({
            "anyOf": [
                { "type": "string", "pattern": r"\S" },
                { "type": "array", "items": { "type": "string", "pattern": r"\S" } },
            ]
        })
    );

    /// An IANA time zone name: one of chrono-tz's zones, as `build` accepts.
    pub struct Zone;

    impl JsonSchema for Zone {
        fn schema_name() -> Cow<'static, str> {
            "Zone".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
            json_schema!({
                "description": "An IANA time zone name, e.g. \"Europe/Dublin\", \"America/New_York\", \"UTC\".",
                "type": "string",
                "enum": names,
            })
        }
    }
}

use forms::{Date, DateOrRange, Days, EndTime, Skills, StartTime, Zone};

/// A sunrota team config.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// The planning period: `weeks` whole weeks from `start` 00:00 in the coverage zone.
    pub horizon: Spanned<RawHorizon>,
    /// The coverage target: how many agents (with which skills) must be on duty when.
    pub coverage: Spanned<RawCoverage>,
    /// Work rules for every agent; `agents.NAME.rules` overrides any of them for one agent.
    #[serde(default)]
    pub rules: RawRules,
    /// Objective weights: what each shortfall or excess costs the plan.
    #[serde(default)]
    pub weights: RawWeights,
    /// Named holiday calendars: lists of dates and inclusive ranges agents can observe.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<DateOrRange>>")]
    pub calendars: BTreeMap<Spanned<String>, Spanned<Vec<Spanned<Value>>>>,
    /// Shift templates by name; wall-clock times are in each agent's own zone.
    #[serde(default)]
    pub templates: BTreeMap<Spanned<String>, Spanned<RawTemplate>>,
    /// The team: one entry per agent, by name.
    #[serde(default)]
    pub agents: BTreeMap<Spanned<String>, Spanned<RawAgent>>,
    /// On-call duties by name: who holds the phone outside (or beside) shifts.
    #[serde(default)]
    pub oncall: BTreeMap<Spanned<String>, Spanned<RawDuty>>,
    /// How comp days are earned and when they must be taken.
    #[serde(default)]
    pub comp: RawComp,
    /// What the team costs: hourly rates, premiums, seats (optional; `plan` and `show` report it).
    pub costs: Option<Spanned<RawCosts>>,
    /// Contact volume by channel, turned into coverage needs with Erlang C.
    #[serde(default)]
    pub demand: BTreeMap<Spanned<String>, Spanned<RawDemand>>,
    /// A custom coverage ladder for `sunrota size --stages`.
    pub stages: Option<Spanned<RawStages>>,
    /// The team's name and the directory of its rotas.
    pub rota: Option<Spanned<RawPlace>>,
}

/// `[rota]`: which team this is and where its rotas live.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawPlace {
    /// The team's name, recorded in every rota file with a fingerprint of the name and the
    /// coverage zone: `check`, `--after` and `ledger` then never mix it with another team's.
    #[schemars(with = "Option<String>")]
    pub team: Option<Spanned<String>>,
    /// The directory of the team's rotas, relative to this file: the default for `plan`'s
    /// output (`DIR/START.toml`) and history, `check` and `ledger`.
    #[schemars(with = "Option<String>")]
    pub dir: Option<Spanned<String>>,
}

/// `[stages]`: the rungs `size --stages` walks, smallest first.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawStages {
    /// The zone of the rungs' hours (default: the coverage zone).
    #[schemars(with = "Option<Zone>")]
    pub zone: Option<Spanned<String>>,
    /// The rungs, each covering at least the hours of the one before.
    pub ladder: Vec<Spanned<RawStage>>,
}

/// One rung of a coverage ladder.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawStage {
    /// What the rung is called, e.g. "extended hours".
    pub name: Spanned<String>,
    /// When someone is on duty, as in coverage needs: "Mon-Fri 07:00-19:00", "24/7".
    pub at: Spanned<String>,
    /// Agents on duty at once (default 1).
    #[schemars(range(min = 1, max = 1000))]
    pub agents: Option<Spanned<i64>>,
}

/// `[demand.CHANNEL]`: contacts that set a skill's head count (Erlang C).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawDemand {
    /// The skill agents answering need (default: the channel's name).
    pub skill: Option<Spanned<String>>,
    /// Days the curve applies on, e.g. "Mon-Fri" (default every day).
    pub days: Option<Spanned<String>>,
    /// Contacts per hour, hours 0–23 in the coverage zone (24 numbers).
    pub per_hour: Option<Spanned<Vec<f64>>>,
    /// Contacts per day, spread over the hours by `profile`.
    pub daily: Option<Spanned<f64>>,
    /// Weights of hours 0–23 for `daily` (24 numbers; normalised).
    pub profile: Option<Spanned<Vec<f64>>>,
    /// Average handle time in seconds.
    pub handle_seconds: Spanned<f64>,
    /// Share answered within `answer_seconds`, e.g. 0.8 (below 1).
    pub service_level: Option<Spanned<f64>>,
    /// Seconds for `service_level`, e.g. 20.
    pub answer_seconds: Option<Spanned<f64>>,
    /// Or: the average speed of answer to reach, in seconds.
    pub asa_seconds: Option<Spanned<f64>>,
    /// Share of paid time agents are not available (breaks, training), 0 to below 1.
    pub shrinkage: Option<Spanned<f64>>,
    /// Most occupancy (busy share of available time), above 0 up to 1 (default 1).
    pub max_occupancy: Option<Spanned<f64>>,
}

/// `[costs]`: pay and tooling, for the cost report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawCosts {
    /// Currency label printed with every amount (default "USD").
    pub currency: Option<Spanned<String>>,
    /// Pay per agent-hour for everyone (hubs in `zones`, or `agents.NAME.rate`, override it).
    #[schemars(range(min = 0, max = 100_000))]
    pub rate: Spanned<f64>,
    /// Pay per agent-hour by hub (an agent's zone), e.g. { "Asia/Manila" = 9.5 }.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, f64>")]
    pub zones: BTreeMap<Spanned<String>, Spanned<f64>>,
    /// Multiplier for shifts of a `night` template (default 1).
    #[schemars(range(min = 1, max = 10))]
    pub night: Option<Spanned<f64>>,
    /// Multiplier for shifts starting on a local Saturday or Sunday (default 1).
    #[schemars(range(min = 1, max = 10))]
    pub weekend: Option<Spanned<f64>>,
    /// Multiplier for shifts starting on one of `[comp] holidays` (default 1).
    #[schemars(range(min = 1, max = 10))]
    pub holiday: Option<Spanned<f64>>,
    /// Tooling per agent per month (a month is 1/12 of a year).
    #[schemars(range(min = 0, max = 100_000))]
    pub seat_per_month: Option<Spanned<f64>>,
}

/// `[oncall.NAME]`: one on-call duty.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawDuty {
    /// Length of one holding period: "week" (default) or "day".
    #[schemars(with = "Option<Period>")]
    pub period: Option<Spanned<String>>,
    /// When the duty changes hands: weekly "Mon 09:00", daily "09:00" (in the duty's zone).
    #[schemars(example = &"Mon 09:00")]
    pub handoff: Spanned<String>,
    /// Zone of the handoff time (default: the coverage zone).
    #[schemars(with = "Option<Zone>")]
    pub zone: Option<Spanned<String>>,
    /// Holders per period (default 1).
    #[schemars(range(min = 1, max = 100))]
    pub holders: Option<Spanned<i64>>,
    /// Who may hold it, by name (default: everyone); not together with `skill`.
    pub agents: Option<Vec<Spanned<String>>>,
    /// Who may hold it: agents with this skill (or all these skills); not together with `agents`.
    #[schemars(with = "Option<Skills>")]
    pub skill: Option<Spanned<Value>>,
    /// Most periods one agent may hold in any 365 days (default: no limit).
    #[schemars(range(min = 1, max = 366))]
    pub max_per_year: Option<Spanned<i64>>,
    /// Periods between two periods of the same agent (default 1: never back-to-back).
    #[schemars(range(min = 0, max = 52))]
    pub min_gap: Option<Spanned<i64>>,
    /// When a holder answers: "always" (default), "outside-coverage" or a window like "Mon-Fri 17:00-09:00".
    #[schemars(example = &"outside-coverage")]
    pub active: Option<Spanned<String>>,
    /// Whether a holder may also work night shifts overlapping the period (default true).
    pub nights: Option<bool>,
    /// Comp days earned per period held, in quarter days (default 1).
    #[schemars(range(min = 0, max = 7), extend("multipleOf" = 0.25))]
    pub credit: Option<Spanned<f64>>,
    /// The PagerDuty schedule this duty is (its id, e.g. "P2N5SCH"): `publish pagerduty`'s default.
    pub pagerduty: Option<Spanned<String>>,
    /// The Datadog On-Call schedule this duty is (its UUID).
    pub datadog: Option<Spanned<String>>,
    /// The Opsgenie schedule this duty is (its id or name).
    pub opsgenie: Option<Spanned<String>>,
}

/// An on-call period: a week or a day.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
#[allow(dead_code)]
enum Period {
    Week,
    Day,
}

/// `[comp]`: how comp days are earned and when they must be taken.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawComp {
    /// A credit earned on day E is due by day E + this many weeks (default 4).
    #[schemars(range(min = 1, max = 52))]
    pub window_weeks: Option<Spanned<i64>>,
    /// Comp days earned per shift starting on a local Saturday or Sunday, in quarter days (default 0).
    #[schemars(range(min = 0, max = 7), extend("multipleOf" = 0.25))]
    pub weekend_credit: Option<Spanned<f64>>,
    /// Comp days earned per shift starting on one of `holidays`, in quarter days (default 0).
    #[schemars(range(min = 0, max = 7), extend("multipleOf" = 0.25))]
    pub holiday_credit: Option<Spanned<f64>>,
    /// Dates that earn `holiday_credit` when worked (they are not days off).
    #[serde(default)]
    #[schemars(with = "Vec<DateOrRange>")]
    pub holidays: Vec<Spanned<Value>>,
}

/// `[horizon]`: the planning period.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawHorizon {
    /// First day of the rota, a date in the coverage zone (2026-03-02 or "2026-03-02").
    #[schemars(with = "Date")]
    pub start: Spanned<Value>,
    /// Length of the rota in whole weeks, 1 to 104.
    #[schemars(range(min = 1, max = 104))]
    pub weeks: Spanned<i64>,
}

/// `[coverage]`: the target.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawCoverage {
    /// IANA zone the target's days and times are written in (default "UTC").
    #[schemars(with = "Option<Zone>")]
    pub zone: Option<Spanned<String>>,
    /// Time-based coverage rules; they add up where they overlap.
    #[serde(default)]
    pub need: Vec<Spanned<RawNeed>>,
    /// Shift-demand coverage: people on a template on a day.
    #[serde(default)]
    pub shifts: Vec<Spanned<RawShiftDemand>>,
}

/// A shift demand: `agents` people on `template` on the days `on` names.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawShiftDemand {
    /// The days: a date, a range "FIRST..LAST", or days of the week such as "Mon-Fri".
    #[schemars(with = "Days")]
    pub on: Spanned<Value>,
    /// The shift template to staff.
    pub template: Spanned<String>,
    /// How many people on that template each day (default 1).
    #[serde(default = "one")]
    #[schemars(range(min = 0, max = 1000))]
    pub agents: Spanned<i64>,
    /// Cost of each person short, per day (default 100).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub under: Option<Spanned<f64>>,
    /// Cost of each person too many, per day (default 1).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub over: Option<Spanned<f64>>,
}

/// A wish to work (`prefer`) or not to work (`avoid`) on a day.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawRequest {
    /// The days: a date, a range "FIRST..LAST", or days of the week such as "Sat,Sun".
    #[schemars(with = "Days")]
    pub on: Spanned<Value>,
    /// Only this shift template (default: any shift).
    pub template: Option<Spanned<String>>,
    /// Cost of leaving the wish unmet, per day (default 1).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub weight: Option<Spanned<f64>>,
}

/// One time-based coverage rule.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawNeed {
    /// When: "24/7", "24/5", "DAYS", "HH:MM-HH:MM" (every day) or "DAYS HH:MM-HH:MM", e.g. "Mon-Fri 14:00-17:00".
    #[schemars(example = &"Mon-Fri 09:00-17:00")]
    pub at: Spanned<String>,
    /// How many agents, 1 to 1000 (default 1).
    #[serde(default = "one")]
    #[schemars(range(min = 1, max = 1000))]
    pub agents: Spanned<i64>,
    /// A skill (or list of skills) an agent needs, all of them, to count for this rule.
    #[schemars(with = "Option<Skills>")]
    pub skill: Option<Spanned<Value>>,
}

fn one() -> Spanned<i64> {
    Spanned::new(0..0, 1)
}

/// `[weights]`: objective weights.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawWeights {
    /// Per agent-minute of the target left uncovered (default 100).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub uncovered: Option<Spanned<f64>>,
    /// Per agent-minute on shift beyond the target (default 1).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub overstaffed: Option<Spanned<f64>>,
    /// Per night shift, and per weekend shift, of the most-loaded agent (default 30).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub fairness: Option<Spanned<f64>>,
    /// Per scheduled agent-hour: labour cost (default 1).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub hours: Option<Spanned<f64>>,
    /// Per on-call period short of a holder (default 100000).
    #[schemars(range(min = 0, max = 10_000_000))]
    pub missing_holder: Option<Spanned<f64>>,
    /// Per period between the agents holding most and fewest on-call periods over a rolling year (default 500).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub oncall_fairness: Option<Spanned<f64>>,
    /// Per comp day per day past its due date (default 2).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub comp_overdue: Option<Spanned<f64>>,
    /// `plan --keep`: per shift, on-call hold or comp day added to or dropped from the kept rota (default 300: a move costs more than 8 h of overstaffing saves; a gap of 6 agent-minutes outweighs it).
    #[schemars(range(min = 0, max = 1_000_000))]
    pub change: Option<Spanned<f64>>,
}

/// `[templates.NAME]`: one shift template.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawTemplate {
    /// Start, wall-clock "HH:MM" in the agent's own zone.
    #[schemars(with = "StartTime")]
    pub start: Spanned<Value>,
    /// End, wall-clock "HH:MM" in the agent's own zone; at or before the start means the next day.
    #[schemars(with = "EndTime")]
    pub end: Spanned<Value>,
    /// Only agents with all these skills may work it.
    #[schemars(with = "Option<Skills>")]
    pub skills: Option<Spanned<Value>>,
    /// Only these agents may work it.
    pub agents: Option<Vec<Spanned<String>>>,
    /// Counts as a night shift for fairness (default: at least 3 h between 22:00 and 06:00).
    pub night: Option<bool>,
    /// Templates that may not be worked the local day after this one.
    pub not_followed_by: Option<Vec<Spanned<String>>>,
}

/// `[agents.NAME]`: one agent.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct RawAgent {
    /// The agent's IANA time zone, e.g. "America/Chicago".
    #[schemars(with = "Zone")]
    pub zone: Spanned<String>,
    /// Channels, languages, anything a rule or template asks for (lower-cased).
    #[schemars(with = "Option<Skills>")]
    pub skills: Option<Spanned<Value>>,
    /// Templates this agent may work (default: every template it qualifies for).
    pub templates: Option<Vec<Spanned<String>>>,
    /// Time off: dates and ranges "FIRST..LAST", in the agent's local calendar.
    #[serde(default)]
    #[schemars(with = "Vec<DateOrRange>")]
    pub off: Vec<Spanned<Value>>,
    /// Holiday calendars (names under `[calendars]`) this agent observes.
    #[serde(default)]
    pub calendars: Vec<Spanned<String>>,
    /// This agent's overrides of the team's rules, e.g. { max_hours_per_week = 24 }.
    #[serde(default)]
    pub rules: RawRules,
    /// Comp days owed before the first rota, in quarter days.
    #[schemars(range(min = 0, max = 365), extend("multipleOf" = 0.25))]
    pub comp_opening: Option<Spanned<f64>>,
    /// This agent's pay per hour (overrides `[costs] rate` and the hub's).
    #[schemars(range(min = 0, max = 100_000))]
    pub rate: Option<Spanned<f64>>,
    /// Dates the agent asks to take as comp days.
    #[serde(default)]
    #[schemars(with = "Vec<DateOrRange>")]
    pub comp_dates: Vec<Spanned<Value>>,
    /// Wishes to work a template (or any shift) on some days.
    #[serde(default)]
    pub prefer: Vec<Spanned<RawRequest>>,
    /// Wishes not to work a template (or any shift) on some days.
    #[serde(default)]
    pub avoid: Vec<Spanned<RawRequest>>,
    /// This agent's PagerDuty user id (e.g. "PABC123"), for `export pagerduty` and `publish`.
    pub pagerduty: Option<Spanned<String>>,
    /// This agent's Datadog user id (a UUID), for `export datadog`.
    pub datadog: Option<Spanned<String>>,
    /// This agent's Opsgenie user: e-mail address (username) or id, for `export opsgenie`.
    pub opsgenie: Option<Spanned<String>>,
}
