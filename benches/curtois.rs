//! The Curtois & Qu staff-rostering benchmark (Instance1–24) through sunrota:
//! each instance is imported (`sunrota import nrp`), planned by the same
//! engine as any team, written as a roster CSV (`employee,day,shift`, 0-based
//! days, worked days only), and scored again by the independent evaluator in
//! `sunrota::nrp` — the table shows both objectives and whether they agree.
//!
//! ```text
//! cargo bench --bench curtois -- 1-12 --time-limit 60
//! cargo bench --bench curtois -- 1,2,3 --time-limit 10 --data ../shared/bench-data/curtois --out target/curtois
//! ```
//!
//! Instances run one after another in this process; `--threads N` is passed to HiGHS.

use std::time::Instant;

use sunrota::config::Config;
use sunrota::error::Source;
use sunrota::history::Past;
use sunrota::{nrp, solve};

struct Args {
    instances: Vec<u32>,
    time_limit: f64,
    threads: Option<u32>,
    data: String,
    out: String,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        instances: Vec::new(),
        time_limit: 60.0,
        threads: None,
        data: "../shared/bench-data/curtois".into(),
        out: "target/curtois".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match x.as_str() {
            "--bench" => {}
            "--time-limit" => a.time_limit = value("--time-limit")?.parse().map_err(|_| "bad --time-limit")?,
            "--threads" => a.threads = Some(value("--threads")?.parse().map_err(|_| "bad --threads")?),
            "--data" => a.data = value("--data")?,
            "--out" => a.out = value("--out")?,
            "all" => a.instances.extend(1..=24),
            list => {
                for part in list.split(',') {
                    match part.split_once('-') {
                        Some((x, y)) => {
                            let (x, y): (u32, u32) =
                                (x.parse().map_err(|_| "bad range")?, y.parse().map_err(|_| "bad range")?);
                            a.instances.extend(x..=y);
                        }
                        None => a
                            .instances
                            .push(part.parse().map_err(|_| format!("unknown argument {part}"))?),
                    }
                }
            }
        }
    }
    if a.instances.is_empty() {
        a.instances.extend(1..=12);
    }
    Ok(a)
}

fn best_known(data: &str) -> Vec<(String, f64, f64)> {
    let text = std::fs::read_to_string(format!("{data}/best_known.csv")).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            Some((f.first()?.to_string(), f.get(4)?.parse().ok()?, f.get(5)?.parse().ok()?))
        })
        .collect()
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("curtois: {e}");
            std::process::exit(2);
        }
    };
    let known = best_known(&args.data);
    let _ = std::fs::create_dir_all(&args.out);
    println!(
        "| instance | staff | days | shift types | objective | evaluator | agree | best bound | gap % | status | hard violations | wall s | best known | % above best |"
    );
    println!("|---|--:|--:|--:|--:|--:|---|--:|--:|---|--:|--:|--:|--:|");
    for n in &args.instances {
        let name = format!("Instance{n}");
        let path = format!("{}/instances/{name}.txt", args.data);
        let src = match Source::read(std::path::Path::new(&path)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("curtois: {e}");
                std::process::exit(2);
            }
        };
        let inst = nrp::parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = nrp::to_config(&inst, &name);
        let cfg = Config::from_source(Source {
            name: name.clone(),
            text,
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let opts = solve::Options {
            time_limit: Some(args.time_limit),
            gap: 0.0,
            threads: args.threads,
            verbose: false,
        };
        let clock = Instant::now();
        let planned = sunrota::plan_rota(&cfg, &Past::default(), &opts);
        let wall = clock.elapsed().as_secs_f64();
        let kn = known
            .iter()
            .find(|(i, _, _)| *i == name)
            .map(|(_, b, _)| *b)
            .unwrap_or(f64::NAN);
        match planned {
            Ok((rota, _, _)) => {
                let roster = nrp::roster_of(&rota);
                let _ = std::fs::write(format!("{}/{name}.csv", args.out), nrp::write_roster(&roster));
                let eval = nrp::evaluate(&inst, &roster);
                let s = &rota.summary;
                // The solver's objective carries its feasibility tolerance; say by how much.
                let delta = s.objective - eval.objective as f64;
                let agree = if delta.abs() < 1e-6 {
                    "yes".to_string()
                } else if delta.abs() < 0.5 {
                    format!("yes (Δ {delta:+.1e})")
                } else {
                    format!("NO (Δ {delta:+.2})")
                };
                let above = (eval.objective as f64 - kn) / kn * 100.0;
                println!(
                    "| {name} | {} | {} | {} | {:.0} | {} | {} | {:.1} | {:.2} | {} | {} | {:.1} | {kn:.0} | {above:.1} |",
                    inst.staff.len(),
                    inst.days,
                    inst.shifts.len(),
                    s.objective,
                    eval.objective,
                    agree,
                    s.best_bound,
                    s.gap_percent,
                    s.status,
                    eval.violations.len(),
                    wall
                );
                for v in eval.violations.iter().take(5) {
                    eprintln!("curtois: {name}: {v}");
                }
            }
            Err(e) => println!(
                "| {name} | {} | {} | {} | — | — | — | — | — | failed: {e} | — | {wall:.1} | {kn:.0} | — |",
                inst.staff.len(),
                inst.days,
                inst.shifts.len()
            ),
        }
    }
}
