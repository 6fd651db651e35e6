//! Scale benchmark of sunrota: plans the follow-the-sun example and
//! synthetic follow-the-sun teams of growing size, and checks a year-long
//! rota for 300 agents.
//!
//! ```text
//! cargo bench --bench scale -- all             # every case
//! cargo bench --bench scale -- 12x4 60x4       # some cases
//! cargo bench --bench scale -- --list          # case names
//! cargo bench --bench scale -- 60x4 --threads 2 --effort thorough
//! cargo bench --bench scale -- 60x4 --dump DIR # also write the generated config (and rota)
//! cargo bench --bench scale -- 300x13 --build  # build the model only (size and memory)
//! ```
//!
//! Every case runs in a fresh process (this binary re-executes itself with a
//! hidden `--case NAME`), so the peak resident memory it reports (VmHWM from
//! /proc/self/status, read at the end of the child) belongs to that case only.
//! The child prints one machine-readable line, `SUNROTA-BENCH {json}`, which
//! the parent collects into Markdown tables.
//!
//! The teams are generated deterministically (a small LCG, no `rand`): agents
//! in Chicago, Dublin, Kolkata (+05:30) and Sydney, skills phone/chat/de,
//! templates early/day/late plus a Chicago-only swing (all 8 h), public holidays
//! per hub and some personal time off, the default work rules with a few
//! part-timers, and a 24/7 target with weekday peaks sized to about 60 % of the
//! team's weekly hours. The horizon starts on Monday 2026-03-02.

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{json, Value};
use sunrota::config::Config;
use sunrota::error::Source;
use sunrota::model::Model;
use sunrota::rota::{Rota, Shift, Summary};
use sunrota::solve::progress::Progress;
use sunrota::solve::{Effort, Options};

const MARK: &str = "SUNROTA-BENCH ";
const START: &str = "2026-03-02";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Plan,
    Check,
}

/// What a plan case must reach.
#[derive(Clone, Copy)]
struct Target {
    /// Wall seconds of `plan_rota` (build + solve + extract).
    seconds: f64,
    /// The objective to reach (or be within `within` % of), if known.
    objective: Option<f64>,
    /// Percent above `objective` that still counts.
    within: f64,
    /// Largest reported gap, percent.
    gap: Option<f64>,
    /// Largest share of the target left uncovered, percent.
    uncovered: Option<f64>,
    /// Peak RSS, MiB.
    mib: Option<f64>,
}

#[derive(Clone, Copy)]
struct Case {
    name: &'static str,
    kind: Kind,
    /// A config file instead of a generated team.
    file: Option<&'static str>,
    agents: usize,
    weeks: u32,
    target: Option<Target>,
}

/// The best 60×4 objective any run has found (normal effort with an
/// improvement budget of 1.5e6, 2026-11-26; bound 131 590): the reference of
/// the 60×4 target.
const BEST_60X4: f64 = 133_940.0;

const CASES: &[Case] = &[
    Case {
        name: "follow-the-sun",
        kind: Kind::Plan,
        file: Some("examples/follow-the-sun.toml"),
        agents: 12,
        weeks: 4,
        target: Some(Target {
            seconds: 3.0,
            objective: Some(22_862.0),
            within: 0.1,
            gap: Some(0.1),
            uncovered: None,
            mib: None,
        }),
    },
    Case {
        name: "12x4",
        kind: Kind::Plan,
        file: None,
        agents: 12,
        weeks: 4,
        target: Some(Target {
            seconds: 2.0,
            objective: Some(36_150.0),
            within: 0.0,
            gap: None,
            uncovered: None,
            mib: None,
        }),
    },
    Case {
        name: "60x4",
        kind: Kind::Plan,
        file: None,
        agents: 60,
        weeks: 4,
        target: Some(Target {
            seconds: 10.0,
            objective: Some(BEST_60X4),
            within: 1.0,
            gap: Some(5.0),
            uncovered: None,
            mib: None,
        }),
    },
    Case {
        name: "120x8",
        kind: Kind::Plan,
        file: None,
        agents: 120,
        weeks: 8,
        target: None,
    },
    Case {
        name: "300x13",
        kind: Kind::Plan,
        file: None,
        agents: 300,
        weeks: 13,
        target: Some(Target {
            seconds: 60.0,
            objective: None,
            within: 0.0,
            gap: None,
            uncovered: Some(0.5),
            mib: Some(1024.0),
        }),
    },
    Case {
        name: "check300x52",
        kind: Kind::Check,
        file: None,
        agents: 300,
        weeks: 52,
        target: None,
    },
];

fn find_case(name: &str) -> Option<Case> {
    CASES.iter().copied().find(|c| c.name.eq_ignore_ascii_case(name))
}

// ---------------------------------------------------------------------------
// Entry point

struct Args {
    child: Option<String>,
    cases: Vec<String>,
    /// Options passed on to the children as given.
    pass: Vec<String>,
    effort: Effort,
    threads: usize,
    time_limit: f64,
    verbose: bool,
    build: bool,
    list: bool,
    dump: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        child: None,
        cases: Vec::new(),
        pass: Vec::new(),
        effort: Effort::Normal,
        threads: 1,
        time_limit: 600.0,
        verbose: false,
        build: false,
        list: false,
        dump: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            // `cargo bench` passes --bench to harness = false targets.
            "--bench" => {}
            "--case" => a.child = Some(value("--case")?),
            "--effort" => {
                let v = value("--effort")?;
                a.effort = v.parse()?;
                a.pass.extend(["--effort".into(), v]);
            }
            "--threads" => {
                let v = value("--threads")?;
                a.threads = v.parse().map_err(|_| "--threads takes a number")?;
                a.pass.extend(["--threads".into(), v]);
            }
            "--time-limit" => {
                let v = value("--time-limit")?;
                a.time_limit = v.parse().map_err(|_| "--time-limit takes seconds")?;
                a.pass.extend(["--time-limit".into(), v]);
            }
            "--verbose" | "-v" => {
                a.verbose = true;
                a.pass.push(arg);
            }
            "--build" => {
                a.build = true;
                a.pass.push(arg);
            }
            "--list" => a.list = true,
            "--dump" => {
                let v = value("--dump")?;
                a.dump = Some(v.clone());
                a.pass.extend(["--dump".into(), v]);
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => a.cases.push(s.to_string()),
        }
    }
    Ok(a)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("scale: {e}");
            std::process::exit(2);
        }
    };
    if let Some(name) = &args.child {
        let Some(case) = find_case(name) else {
            eprintln!("scale: unknown case {name}");
            std::process::exit(2);
        };
        let mut out = match case.kind {
            Kind::Plan if args.build => build_case(&case, &args),
            Kind::Plan => plan_case(&case, &args),
            Kind::Check => check_case(&case, &args),
        };
        out["peak_rss_mib"] = json!(proc_status_mib("VmHWM:"));
        println!("{MARK}{out}");
        return;
    }
    if args.list {
        for c in CASES {
            println!("{}", c.name);
        }
        return;
    }
    let mut selected: Vec<Case> = Vec::new();
    let wanted = if args.cases.is_empty() {
        vec!["all".to_string()]
    } else {
        args.cases.clone()
    };
    for w in &wanted {
        if w == "all" {
            selected.extend(CASES.iter().copied());
        } else if let Some(c) = find_case(w) {
            selected.push(c);
        } else {
            let names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
            eprintln!("scale: unknown case `{w}`; cases: all, {}", names.join(", "));
            std::process::exit(2);
        }
    }
    run_parent(&selected, &args);
}

// ---------------------------------------------------------------------------
// Parent: one child process per case, then the tables.

fn run_parent(cases: &[Case], args: &Args) {
    let exe = std::env::current_exe().expect("current_exe");
    let mut plans = Vec::new();
    let mut checks = Vec::new();
    for c in cases {
        eprintln!("scale: running {} ...", c.name);
        let wall = Instant::now();
        let out = Command::new(&exe)
            .arg("--case")
            .arg(c.name)
            .args(&args.pass)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .expect("spawn child");
        let wall = wall.elapsed().as_secs_f64();
        let text = String::from_utf8_lossy(&out.stdout);
        for line in text.lines().filter(|l| !l.starts_with(MARK)) {
            eprintln!("{line}");
        }
        let mut v = text
            .lines()
            .find_map(|l| l.strip_prefix(MARK))
            .and_then(|l| serde_json::from_str::<Value>(l).ok())
            .unwrap_or_else(|| json!({ "failed": format!("child exited with {}", out.status) }));
        v["process_s"] = json!(wall);
        eprintln!("scale: {} done in {wall:.1} s", c.name);
        match c.kind {
            Kind::Plan => plans.push((*c, v)),
            Kind::Check => checks.push((*c, v)),
        }
    }
    println!(
        "\neffort {:?}, threads {}, time limit {} s{}",
        args.effort,
        args.threads,
        args.time_limit,
        if args.build { ", build only" } else { "" }
    );
    print!("{}", report(&plans, &checks, args.build));
}

fn num(v: &Value, k: &str) -> f64 {
    v[k].as_f64().unwrap_or(f64::NAN)
}

fn report(plans: &[(Case, Value)], checks: &[(Case, Value)], build: bool) -> String {
    let mut o = String::new();
    if !plans.is_empty() && build {
        o.push_str("\n### Build\n\n");
        o.push_str("| case | candidates | intervals | columns | binaries | rows | nonzeros | build s | RSS after build MiB | peak RSS MiB |\n");
        o.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (c, v) in plans {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {:.3} | {:.0} | {:.0} |",
                c.name,
                v["candidates"],
                v["intervals"],
                v["variables"],
                v["binaries"],
                v["constraints"],
                v["nonzeros"],
                num(v, "build_s"),
                num(v, "rss_after_build_mib"),
                num(v, "peak_rss_mib"),
            );
        }
    } else if !plans.is_empty() {
        o.push_str("\n### Plan\n\n");
        o.push_str(
            "| case | binaries | rows | nonzeros | plan s | construct s | improve s | bound s | steps | status \
             | objective | bound | gap % | uncovered agent-min | unavoidable | % of target | violations | peak RSS MiB |\n",
        );
        o.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (c, v) in plans {
            if let Some(f) = v["failed"].as_str() {
                let _ = writeln!(o, "| {} | FAILED: {f} |", c.name);
                continue;
            }
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {} | {:.0} | {:.0} | {:.2} | {} | {} | {:.3} | {} | {:.0} |",
                c.name,
                v["binaries"],
                v["constraints"],
                v["nonzeros"],
                num(v, "plan_s"),
                num(v, "construct_s"),
                num(v, "improve_s"),
                num(v, "bound_s"),
                v["steps"],
                v["status"].as_str().unwrap_or("?"),
                num(v, "objective"),
                num(v, "best_bound"),
                num(v, "gap_percent"),
                v["uncovered_agent_minutes"],
                v["unavoidable_agent_minutes"],
                num(v, "uncovered_percent"),
                v["check_violations"],
                num(v, "peak_rss_mib"),
            );
        }
        o.push_str("\n| case | target | met? |\n|---|---|---|\n");
        for (c, v) in plans {
            if let (Some(t), None) = (c.target, v["failed"].as_str()) {
                let (text, met) = plan_target(&t, v);
                let _ = writeln!(o, "| {} | {text} | {met} |", c.name);
            }
        }
    }
    if !checks.is_empty() && !build {
        o.push_str("\n### Check\n\n");
        o.push_str(
            "| case | agents | weeks | shifts | file MiB | write s | read + parse s | check s \
             | violations | gaps | uncovered agent-min | `sunrota check` CLI s | peak RSS MiB |\n",
        );
        o.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (c, v) in checks {
            if let Some(f) = v["failed"].as_str() {
                let _ = writeln!(o, "| {} | FAILED: {f} |", c.name);
                continue;
            }
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {:.1} | {:.3} | {:.3} | {:.3} | {} | {} | {} | {:.1} | {:.0} |",
                c.name,
                c.agents,
                c.weeks,
                v["shifts"],
                num(v, "file_mib"),
                num(v, "write_s"),
                num(v, "read_parse_s"),
                num(v, "check_s"),
                v["violations"],
                v["gaps"],
                v["uncovered_agent_minutes"],
                num(v, "cli_check_s"),
                num(v, "peak_rss_mib"),
            );
        }
    }
    o
}

fn plan_target(t: &Target, v: &Value) -> (String, String) {
    let mut text = Vec::new();
    let mut missed = Vec::new();
    let plan_s = num(v, "plan_s");
    text.push(format!("≤ {} s", t.seconds));
    if plan_s > t.seconds {
        missed.push(format!("time {plan_s:.2} s"));
    }
    if let Some(best) = t.objective {
        let obj = num(v, "objective");
        text.push(format!("objective ≤ {best:.0} + {} %", t.within));
        if best.is_nan() || obj > best * (1.0 + t.within / 100.0) + 0.5 {
            missed.push(format!("objective {obj:.0} ({:+.2} %)", (obj - best) / best * 100.0));
        }
    }
    if let Some(g) = t.gap {
        let gap = num(v, "gap_percent");
        text.push(format!("gap ≤ {g} %"));
        if gap.is_nan() || gap > g + 1e-9 {
            missed.push(format!("gap {gap:.2} %"));
        }
    }
    if let Some(u) = t.uncovered {
        let p = num(v, "uncovered_percent");
        text.push(format!("≤ {u} % uncovered, a non-trivial bound"));
        if p.is_nan() || p > u {
            missed.push(format!("uncovered {p:.3} %"));
        }
        if num(v, "best_bound") <= 0.0 {
            missed.push("trivial bound".into());
        }
    }
    if let Some(m) = t.mib {
        let rss = num(v, "peak_rss_mib");
        text.push(format!("≤ {m:.0} MiB"));
        if rss > m {
            missed.push(format!("memory {rss:.0} MiB"));
        }
    }
    let met = if missed.is_empty() {
        "met".to_string()
    } else {
        format!("MISSED: {}", missed.join("; "))
    };
    (text.join(", "), met)
}

// ---------------------------------------------------------------------------
// Children

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

fn proc_status_mib(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn load_config(case: &Case, args: &Args) -> (Config, f64) {
    let t = Instant::now();
    if let Some(file) = case.file {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let cfg = Config::load(&path).unwrap_or_else(|e| panic!("{file}:\n{}", sunrota::render_error(&e)));
        return (cfg, secs(t));
    }
    let text = team_toml(case.agents, case.weeks);
    if let Some(dir) = &args.dump {
        let _ = std::fs::create_dir_all(dir);
        let path = format!("{dir}/team-{}.toml", case.name);
        std::fs::write(&path, &text).expect("dump config");
        eprintln!("scale: wrote {path}");
    }
    let cfg = Config::from_source(Source {
        name: format!("generated-{}.toml", case.name),
        text,
    })
    .unwrap_or_else(|e| panic!("generated config does not parse:\n{}", sunrota::render_error(&e)));
    (cfg, secs(t))
}

/// Builds the model and reports its size.
fn build_case(case: &Case, args: &Args) -> Value {
    let (cfg, _) = load_config(case, args);
    let t = Instant::now();
    let cands = sunrota::model::candidates::candidates(&cfg, &[]);
    let demand = sunrota::time::demand(&cfg);
    let ivs = sunrota::model::intervals::intervals(&cfg, &cands, &demand);
    let (n_cands, n_ivs) = (cands.len(), ivs.len());
    drop((cands, demand, ivs));
    let model = Model::build(&cfg, &sunrota::history::Past::default());
    let s = model.stats;
    json!({
        "build_s": secs(t),
        "rss_after_build_mib": proc_status_mib("VmRSS:"),
        "candidates": n_cands,
        "intervals": n_ivs,
        "variables": s.variables,
        "binaries": s.binaries,
        "constraints": s.constraints,
        "nonzeros": s.nonzeros,
    })
}

fn plan_case(case: &Case, args: &Args) -> Value {
    let (cfg, _) = load_config(case, args);
    let target_minutes = sunrota::advise::precheck(&cfg)
        .capacity
        .map_or(f64::NAN, |c| c.needed_hours * 60.0);
    let opts = Options {
        effort: args.effort,
        time_limit: Some(args.time_limit),
        gap: 0.001,
        threads: args.threads,
        verbose: args.verbose,
        seed: 0,
    };
    let t = Instant::now();
    let planned = match sunrota::plan_rota(&cfg, &sunrota::history::Past::default(), &opts, &Progress::hidden()) {
        Ok(r) => r,
        Err(e) => return json!({ "failed": format!("plan: {e}") }),
    };
    let plan_s = secs(t);
    let (rota, stats, out) = (&planned.rota, planned.stats, &planned.outcome);
    let s = &rota.summary;
    let findings = sunrota::check::check(&cfg, rota, &sunrota::history::Past::default(), &|_| 0);
    for viol in findings.violations.iter().take(5) {
        eprintln!(
            "scale: {}: violation {} {}: {}",
            case.name, viol.agent, viol.rule, viol.message
        );
    }
    if let Some(dir) = &args.dump {
        let path = std::path::PathBuf::from(format!("{dir}/rota-{}.toml", case.name));
        sunrota::write::atomic(&path, &rota.to_toml()).expect("dump rota");
    }
    json!({
        "binaries": stats.binaries,
        "constraints": stats.constraints,
        "nonzeros": stats.nonzeros,
        "plan_s": plan_s,
        "construct_s": out.work.construct_s,
        "improve_s": out.work.improve_s,
        "bound_s": out.work.bound_s,
        "steps": out.work.steps,
        "submodels": out.work.submodels,
        "shifts": rota.shifts.len(),
        "status": s.status,
        "objective": s.objective,
        "best_bound": s.best_bound,
        "gap_percent": s.gap_percent,
        "uncovered_agent_minutes": s.uncovered_agent_minutes,
        "unavoidable_agent_minutes": s.unavoidable_agent_minutes,
        "uncovered_percent": s.uncovered_agent_minutes as f64 / target_minutes * 100.0,
        "check_violations": findings.violations.len(),
        "check_uncovered_agent_minutes": findings.uncovered_agent_minutes(),
    })
}

fn check_case(case: &Case, args: &Args) -> Value {
    let (cfg, config_s) = load_config(case, args);
    let t = Instant::now();
    let rota = pattern_rota(&cfg);
    let generate_s = secs(t);

    let t = Instant::now();
    let text = rota.to_toml();
    let dir = args
        .dump
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().display().to_string());
    let path = std::path::PathBuf::from(format!("{dir}/sunrota-bench-{}-{}.toml", case.name, std::process::id()));
    std::fs::write(&path, &text).expect("write rota");
    let write_s = secs(t);
    let file_mib = text.len() as f64 / (1024.0 * 1024.0);
    drop(text);

    let t = Instant::now();
    let (parsed, _src) =
        Rota::read(&path).unwrap_or_else(|e| panic!("generated rota does not parse:\n{}", sunrota::render_error(&e)));
    let read_parse_s = secs(t);

    let t = Instant::now();
    let findings = sunrota::check::check(&cfg, &parsed, &sunrota::history::Past::default(), &|_| 0);
    let check_s = secs(t);

    // The real command, end to end: read config and rota, check, print.
    let config_path = std::path::PathBuf::from(format!(
        "{dir}/sunrota-bench-{}-{}-team.toml",
        case.name,
        std::process::id()
    ));
    std::fs::write(&config_path, &cfg.source.text).expect("write config");
    let t = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sunrota"))
        .arg("check")
        .arg(&config_path)
        .arg(&path)
        .output()
        .expect("run sunrota check");
    let cli_s = secs(t);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "sunrota check failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if args.dump.is_none() {
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(&config_path);
    }
    for viol in findings.violations.iter().take(5) {
        eprintln!(
            "scale: {}: violation {} {}: {}",
            case.name, viol.agent, viol.rule, viol.message
        );
    }

    json!({
        "config_s": config_s,
        "generate_s": generate_s,
        "shifts": parsed.shifts.len(),
        "file_mib": file_mib,
        "write_s": write_s,
        "read_parse_s": read_parse_s,
        "check_s": check_s,
        "violations": findings.violations.len(),
        "gaps": findings.gaps.len(),
        "uncovered_agent_minutes": findings.uncovered_agent_minutes(),
        "cli_check_s": cli_s,
    })
}

// ---------------------------------------------------------------------------
// The synthetic team

/// A 64-bit LCG (Knuth's MMIX constants); the high bits are good enough here.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        let mut l = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
        l.next();
        l
    }
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True with probability `percent` %.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Hub {
    key: &'static str,
    zone: &'static str,
    /// Share of the team, percent.
    share: usize,
    calendar: &'static str,
    holidays: &'static [&'static str],
    /// Percent of agents who speak German.
    de: u64,
}

const HUBS: &[Hub] = &[
    Hub {
        key: "chi",
        zone: "America/Chicago",
        share: 30,
        calendar: "us",
        holidays: &[
            "2026-05-25",
            "2026-07-03",
            "2026-09-07",
            "2026-11-26",
            "2026-12-25",
            "2027-01-01",
        ],
        de: 5,
    },
    Hub {
        key: "dub",
        zone: "Europe/Dublin",
        share: 30,
        calendar: "ie",
        holidays: &[
            "2026-03-17",
            "2026-04-06",
            "2026-05-04",
            "2026-06-01",
            "2026-08-03",
            "2026-10-26",
            "2026-12-25",
            "2026-12-26",
            "2027-01-01",
            "2027-02-01",
        ],
        de: 40,
    },
    Hub {
        key: "blr",
        zone: "Asia/Kolkata",
        share: 25,
        calendar: "in",
        holidays: &[
            "2026-03-04",
            "2026-03-21",
            "2026-08-15",
            "2026-10-02",
            "2026-11-08",
            "2027-01-26",
        ],
        de: 8,
    },
    Hub {
        key: "syd",
        zone: "Australia/Sydney",
        share: 15,
        calendar: "au",
        holidays: &[
            "2026-04-03",
            "2026-04-06",
            "2026-04-25",
            "2026-06-08",
            "2026-12-25",
            "2026-12-28",
            "2027-01-26",
        ],
        de: 0,
    },
];

/// Agents per hub: shares of `n`, the remainder to the largest hubs first.
fn hub_sizes(n: usize) -> Vec<usize> {
    let mut sizes: Vec<usize> = HUBS.iter().map(|h| n * h.share / 100).collect();
    let mut i = 0;
    while sizes.iter().sum::<usize>() < n {
        sizes[i % HUBS.len()] += 1;
        i += 1;
    }
    sizes
}

/// The coverage target, sized so it is about 60 % of the team's weekly hours
/// (40 h per full-time agent): a 24/7 head count, a 24/7 chat head count, a
/// second tier in the UTC business day, a phone peak in the US/EU overlap and
/// German in EU hours. Returns (need lines, target agent-hours per week).
fn coverage(n: usize) -> (Vec<String>, f64) {
    let r = |x: f64| x.round() as u32;
    let base = r(n as f64 / 15.0).max(1);
    let chat = r(n as f64 / 40.0);
    let phone = r(n as f64 / 15.0).max(1);
    let de = r(n as f64 / 30.0).max(1);
    let fixed = 168.0 * f64::from(base + chat) + 20.0 * f64::from(phone) + 45.0 * f64::from(de);
    let tier = r(((0.6 * 40.0 * n as f64) - fixed) / 80.0);
    let mut lines = vec![format!("  {{ at = \"24/7\", agents = {base} }},")];
    if chat > 0 {
        lines.push(format!("  {{ at = \"24/7\", agents = {chat}, skill = \"chat\" }},"));
    }
    if tier > 0 {
        lines.push(format!("  {{ at = \"Mon-Fri 06:00-22:00\", agents = {tier} }},"));
    }
    lines.push(format!(
        "  {{ at = \"Mon-Fri 13:00-17:00\", agents = {phone}, skill = \"phone\" }},"
    ));
    lines.push(format!(
        "  {{ at = \"Mon-Fri 07:00-16:00\", agents = {de}, skill = \"de\" }},"
    ));
    (lines, fixed + 80.0 * f64::from(tier))
}

/// The config text for `n` agents over `weeks` weeks.
fn team_toml(n: usize, weeks: u32) -> String {
    let mut rng = Lcg::new(n as u64 * 1000 + u64::from(weeks));
    let start: NaiveDate = START.parse().expect("start date");
    let end = start + Duration::days(i64::from(weeks) * 7);
    let (needs, target_hours) = coverage(n);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Generated by benches/scale.rs: {n} agents, {weeks} weeks; target {target_hours:.0} agent-hours a week, \
         {:.0} % of {} full-time hours.",
        target_hours / (40.0 * n as f64) * 100.0,
        40 * n
    );
    let _ = writeln!(o, "[horizon]\nstart = {START}\nweeks = {weeks}\n");
    let _ = writeln!(o, "[coverage]\nzone = \"UTC\"\nneed = [\n{}\n]\n", needs.join("\n"));
    o.push_str(
        "[rules]\nmin_rest_hours = 11\nmax_shifts_per_week = 5\nmax_consecutive_days = 6\n\
         min_consecutive_days_off = 2\nmax_hours_per_week = 40\nmax_weekends_per_4_weeks = 2\n\n",
    );
    o.push_str("[weights]\nuncovered = 100\noverstaffed = 1\nfairness = 30\nhours = 5\n\n");

    o.push_str("[calendars]\n");
    for h in HUBS {
        let days: Vec<String> = h
            .holidays
            .iter()
            .filter(|d| d.parse::<NaiveDate>().is_ok_and(|d| d >= start && d < end))
            .map(|d| format!("\"{d}\""))
            .collect();
        let _ = writeln!(o, "{} = [{}]", h.calendar, days.join(", "));
    }

    let sizes = hub_sizes(n);
    let mut names: Vec<Vec<String>> = Vec::new();
    for (h, &size) in HUBS.iter().zip(&sizes) {
        names.push((1..=size).map(|i| format!("{}{i:03}", h.key)).collect());
    }
    let chicago = names[0]
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ");
    o.push_str("\n[templates]\n");
    o.push_str("early = { start = \"06:00\", end = \"14:00\" }\n");
    o.push_str("day = { start = \"09:00\", end = \"17:00\" }\n");
    o.push_str("late = { start = \"14:00\", end = \"22:00\" }\n");
    if !names[0].is_empty() {
        let _ = writeln!(
            o,
            "swing = {{ start = \"16:00\", end = \"24:00\", agents = [{chicago}] }}"
        );
    }

    o.push_str("\n[agents]\n");
    let days = (end - start).num_days() as u64;
    for (h, list) in HUBS.iter().zip(&names) {
        for (i, name) in list.iter().enumerate() {
            let mut skills = Vec::new();
            let phone = rng.chance(65);
            let chat = rng.chance(70);
            if phone || !chat {
                skills.push("\"phone\"");
            }
            if chat {
                skills.push("\"chat\"");
            }
            // Every third Dublin agent speaks German for sure, so small teams have some.
            if rng.chance(h.de) || (h.key == "dub" && i % 3 == 0) {
                skills.push("\"de\"");
            }
            // Personal time off: about one 2–5 day break per agent per 8 weeks.
            let mut off = Vec::new();
            for block in 0..days.div_ceil(28) {
                if rng.chance(50) {
                    let first = start + Duration::days((block * 28 + rng.below(28)) as i64);
                    let last = first + Duration::days(1 + rng.below(4) as i64);
                    if first < end {
                        off.push(format!("\"{first}..{last}\""));
                    }
                }
            }
            let part_time = rng.chance(8);
            let _ = write!(
                o,
                "{name} = {{ zone = \"{}\", skills = [{}], calendars = [\"{}\"]",
                h.zone,
                skills.join(", "),
                h.calendar
            );
            if !off.is_empty() {
                let _ = write!(o, ", off = [{}]", off.join(", "));
            }
            if part_time {
                o.push_str(", rules = { max_hours_per_week = 24, max_shifts_per_week = 3 }");
            }
            o.push_str(" }\n");
        }
    }
    o
}

/// A rule-respecting rota for every agent over the whole horizon, built
/// without solving: a 4-week cycle of working days per agent (phase shifted by
/// agent), one template per week, no work on days off. The cycle, Monday
/// first, is
///
/// ```text
/// W W W W W . .   W W . . W W W   . . W W W W W   . . W W W . .
/// ```
///
/// runs of at most 5 days between pairs of days off, at most 5 shifts in any
/// 7 days, two weekends worked in any four. Part-timers (3 shifts a week)
/// work Mon–Wed or Tue–Thu every week.
fn pattern_rota(cfg: &Config) -> Rota {
    const CYCLE: [[bool; 7]; 4] = {
        let (w, o) = (true, false);
        [
            [w, w, w, w, w, o, o],
            [w, w, o, o, w, w, w],
            [o, o, w, w, w, w, w],
            [o, o, w, w, w, o, o],
        ]
    };
    let start = cfg.horizon.start;
    let days = cfg.horizon.days();
    let mut shifts = Vec::new();
    for (ai, agent) in cfg.agents.iter().enumerate() {
        let part_time = agent.rules.max_shifts_per_week < 5;
        for d in 0..days {
            let date = start + Duration::days(d);
            let week = (d / 7) as usize;
            let dow = date.weekday().num_days_from_monday() as usize;
            let works = if part_time {
                // Three days a week, the same three every week, never a weekend.
                (ai % 2..ai % 2 + 3).contains(&dow)
            } else {
                CYCLE[(week + ai) % 4][dow]
            };
            if !works || agent.off.contains(&date) {
                continue;
            }
            let t = agent.templates[(week * 7 + ai) % agent.templates.len()];
            let tpl = &cfg.templates[t];
            let (s, e) = sunrota::time::span(agent.zone, date, tpl.start, tpl.end);
            shifts.push(Shift::new(&agent.name, agent.zone, &tpl.name, date, (s, e)));
        }
    }
    let mut rota = Rota {
        start,
        weeks: cfg.horizon.weeks,
        zone: cfg.coverage.zone.name().to_string(),
        team: None,
        summary: Summary {
            status: "generated".into(),
            objective: 0.0,
            best_bound: 0.0,
            gap_percent: 0.0,
            uncovered_agent_minutes: 0,
            unavoidable_agent_minutes: 0,
            changes: None,
        },
        gaps: Vec::new(),
        shortages: Vec::new(),
        shifts,
        duty: sunrota::rota::DutyRecord::default(),
    };
    rota.normalize();
    rota
}
