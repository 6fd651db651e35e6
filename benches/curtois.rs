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
//! Each instance runs in a fresh process (this binary re-executes itself
//! with `--instance N`), so its peak memory (VmHWM) is its own; the rows
//! come out in order. `--threads N` and `--effort LEVEL` go to the solver;
//! `--time-limit` is its safety net. `--build` builds the model only.

use std::process::{Command, Stdio};
use std::time::Instant;

use sunrota::config::Config;
use sunrota::error::Source;
use sunrota::history::Past;
use sunrota::solve::progress::Progress;
use sunrota::solve::Effort;
use sunrota::{nrp, solve};

struct Args {
    instances: Vec<u32>,
    child: Option<u32>,
    time_limit: f64,
    threads: usize,
    effort: Effort,
    build: bool,
    data: String,
    out: String,
    /// Options passed on to the children as given.
    pass: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        instances: Vec::new(),
        child: None,
        time_limit: 60.0,
        threads: 1,
        effort: Effort::Normal,
        build: false,
        data: "../shared/bench-data/curtois".into(),
        out: "target/curtois".into(),
        pass: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        let passed = matches!(
            x.as_str(),
            "--time-limit" | "--threads" | "--effort" | "--data" | "--out"
        );
        match x.as_str() {
            "--bench" => {}
            "--instance" => a.child = Some(value("--instance")?.parse().map_err(|_| "bad --instance")?),
            "--time-limit" => {
                let v = value("--time-limit")?;
                a.time_limit = v.parse().map_err(|_| "bad --time-limit")?;
                a.pass.extend([x.clone(), v]);
            }
            "--threads" => {
                let v = value("--threads")?;
                a.threads = v.parse().map_err(|_| "bad --threads")?;
                a.pass.extend([x.clone(), v]);
            }
            "--effort" => {
                let v = value("--effort")?;
                a.effort = v.parse()?;
                a.pass.extend([x.clone(), v]);
            }
            "--data" => {
                a.data = value("--data")?;
                a.pass.extend([x.clone(), a.data.clone()]);
            }
            "--out" => {
                a.out = value("--out")?;
                a.pass.extend([x.clone(), a.out.clone()]);
            }
            "--build" => {
                a.build = true;
                a.pass.push(x.clone());
            }
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
        let _ = passed;
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
    if let Some(n) = args.child {
        println!("{}", instance_row(&args, n));
        return;
    }
    let _ = std::fs::create_dir_all(&args.out);
    println!(
        "\neffort {:?}, threads {}, time limit {} s{}\n",
        args.effort,
        args.threads,
        args.time_limit,
        if args.build { ", build only" } else { "" }
    );
    if args.build {
        println!("| instance | staff | days | shift types | columns | rows | nonzeros | build s | peak RSS MiB |");
        println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    } else {
        println!(
            "| instance | staff | days | shift types | objective | evaluator | agree | best bound | gap % | status | hard violations | wall s | peak RSS MiB | best known | % above best |"
        );
        println!("|---|--:|--:|--:|--:|--:|---|--:|--:|---|--:|--:|--:|--:|--:|");
    }
    let exe = std::env::current_exe().expect("current_exe");
    for n in &args.instances {
        let out = Command::new(&exe)
            .arg("--instance")
            .arg(n.to_string())
            .args(&args.pass)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .expect("spawn child");
        let row = String::from_utf8_lossy(&out.stdout);
        match row.lines().last() {
            Some(line) if out.status.success() => println!("{line}"),
            _ => println!("| Instance{n} | failed: {} |", out.status),
        }
    }
}

fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// One instance: its table row.
fn instance_row(args: &Args, n: u32) -> String {
    let known = best_known(&args.data);
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
    let head = format!(
        "| {name} | {} | {} | {} |",
        inst.staff.len(),
        inst.days,
        inst.shifts.len()
    );
    if args.build {
        let clock = Instant::now();
        let model = sunrota::model::Model::build(&cfg, &Past::default());
        let s = model.stats;
        return format!(
            "{head} {} | {} | {} | {:.1} | {:.0} |",
            s.variables,
            s.constraints,
            s.nonzeros,
            clock.elapsed().as_secs_f64(),
            peak_mib()
        );
    }
    let opts = solve::Options {
        effort: args.effort,
        time_limit: Some(args.time_limit),
        gap: 0.0,
        threads: args.threads,
        verbose: false,
        seed: 0,
    };
    let clock = Instant::now();
    let planned = sunrota::plan_rota(&cfg, &Past::default(), &opts, &Progress::hidden());
    let wall = clock.elapsed().as_secs_f64();
    let kn = known
        .iter()
        .find(|(i, _, _)| *i == name)
        .map_or(f64::NAN, |(_, b, _)| *b);
    match planned {
        Ok(p) => {
            let rota = &p.rota;
            let roster = nrp::roster_of(rota);
            let _ = std::fs::write(format!("{}/{name}.csv", args.out), nrp::write_roster(&roster));
            let eval = nrp::evaluate(&inst, &roster);
            let s = &rota.summary;
            let delta = s.objective - eval.objective as f64;
            let agree = if delta.abs() < 1e-6 {
                "yes".to_string()
            } else {
                format!("NO (Δ {delta:+.2})")
            };
            let above = (eval.objective as f64 - kn) / kn * 100.0;
            for v in eval.violations.iter().take(5) {
                eprintln!("curtois: {name}: {v}");
            }
            format!(
                "{head} {:.0} | {} | {} | {:.1} | {:.2} | {} | {} | {:.1} | {:.0} | {kn:.0} | {above:.1} |",
                s.objective,
                eval.objective,
                agree,
                s.best_bound,
                s.gap_percent,
                s.status,
                eval.violations.len(),
                wall,
                peak_mib()
            )
        }
        Err(e) => format!(
            "{head} — | — | — | — | — | failed: {e} | — | {wall:.1} | {:.0} | {kn:.0} | — |",
            peak_mib()
        ),
    }
}
