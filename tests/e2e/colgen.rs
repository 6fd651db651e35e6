//! Column generation (issue 22), through the binary on Curtois & Qu
//! Instance1–2 (tests/data/curtois), whose optima 607 and 828 are proven:
//!
//! * the bounds are ordered: the compact LP bound ≤ the Lagrangian bound
//!   at its duals (the first pricing round) ≤ the Dantzig–Wolfe bound
//!   column generation ends with ≤ the optimum, which it proves;
//! * the engine rule: `SUNROTA_ENGINE=compact` skips column generation and
//!   reaches the same optimum; by default Instance2 (where pricing at the
//!   LP's duals raises the bound) is solved by column generation;
//! * determinism: the same rota byte for byte twice with `--threads 1` and
//!   twice with `--threads 2`, while another thread keeps a core busy;
//! * every rota keeps every hard rule by `check` and scores the same with
//!   the independent evaluator.

use crate::util::*;
use std::sync::atomic::{AtomicBool, Ordering};
use sunrota::nrp;

fn instance(n: u32) -> PathBuf {
    Path::new(ROOT).join(format!("tests/data/curtois/Instance{n}.txt"))
}

/// Instance `n` imported as a team config.
fn team(n: u32) -> TeamDir {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join(format!("i{n}.toml"));
    sunrota([
        "import",
        "nrp",
        instance(n).to_str().unwrap(),
        "-o",
        cfg.to_str().unwrap(),
    ])
    .expect_code(0);
    TeamDir { dir, config: cfg }
}

/// A plan of `team` into `out` with `engine` forced (or the default rule).
fn plan(team: &TeamDir, out: &str, engine: Option<&str>, extra: &[&str]) -> Run {
    let mut args = vec!["--gap", "0", "--format", "json", "--time-limit", "120"];
    args.extend_from_slice(extra);
    let mut cmd = Cmd::new(team.plan_args(out, &args)).env("SUNROTA_TRACE", "1");
    cmd = match engine {
        Some(e) => cmd.env("SUNROTA_ENGINE", e),
        None => cmd.env_remove("SUNROTA_ENGINE"),
    };
    cmd.run()
}

/// The numbers after `key` on the trace line that contains `line`.
fn traced(run: &Run, line: &str, key: &str) -> Option<f64> {
    let l = run.stderr.lines().find(|l| l.contains(line))?;
    let rest = &l[l.find(key)? + key.len()..];
    let num: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | 'e'))
        .collect();
    num.parse().ok()
}

/// The rota's objective by the JSON summary, by `check` and by the
/// independent evaluator, which must agree; and no hard rule is broken.
fn cross_examined(team: &TeamDir, out: &str, n: u32, run: &Run) -> f64 {
    let doc = run.json();
    let objective = doc["rota"]["summary"]["objective"].as_f64().unwrap_or(f64::NAN);
    let rota = sunrota::rota::Rota::parse(&sunrota::error::Source {
        name: out.into(),
        text: team.text(out),
    })
    .unwrap();
    let inst = nrp::parse(&sunrota::error::Source::read(&instance(n)).unwrap()).unwrap();
    let eval = nrp::evaluate(&inst, &nrp::roster_of(&rota));
    assert_eq!(eval.violations, Vec::<String>::new(), "{run}");
    assert!(
        (eval.objective as f64 - objective).abs() < 1e-6,
        "evaluator {} vs {objective}\n{run}",
        eval.objective
    );
    let check = team.check(&[out], &["--format", "json"]);
    let report = check.json();
    assert_eq!(rule_ids(&report, 0), Vec::<String>::new(), "{check}");
    assert_eq!(report["rotas"][0]["summary_confirmed"], true, "{check}");
    objective
}

#[test]
fn colgen_bounds_are_ordered_and_prove_the_optimum() {
    for (n, optimum) in [(1, 607.0), (2, 828.0)] {
        let team = team(n);
        let run = plan(&team, "r.toml", Some("colgen"), &[]);
        run.expect_code(0);
        let lp = traced(&run, "engine: LP bound", "LP bound").expect("the LP bound is traced");
        let lagrangian = traced(&run, "engine: LP bound", "at its duals").expect("the first round's bound");
        let dw = traced(&run, "cg done", "bound").expect("column generation ran");
        assert!(
            lp <= lagrangian + 1e-6,
            "Instance{n}: LP {lp} above the Lagrangian {lagrangian}"
        );
        assert!(
            lagrangian <= dw + 1e-6,
            "Instance{n}: first bound {lagrangian} above the last {dw}"
        );
        assert!(
            dw <= optimum + 1e-6,
            "Instance{n}: the bound {dw} cuts off the optimum {optimum}"
        );
        assert!(
            dw > lp + 1.0,
            "Instance{n}: pricing did not strengthen the LP bound {lp}: {dw}"
        );
        assert_eq!(cross_examined(&team, "r.toml", n, &run), optimum, "Instance{n}\n{run}");
        assert_eq!(run.json()["rota"]["summary"]["status"], "optimal", "{run}");
    }
}

#[test]
fn the_engine_rule_and_its_override() {
    let team = team(2);
    let default = plan(&team, "d.toml", None, &[]);
    default.expect_code(0);
    assert!(
        default.stderr.contains("cg done"),
        "Instance2 should be solved by column generation\n{default}"
    );
    let compact = plan(&team, "c.toml", Some("compact"), &[]);
    compact.expect_code(0);
    assert!(
        !compact.stderr.contains("engine:"),
        "compact forced, yet pricing ran\n{compact}"
    );
    assert!(!compact.stderr.contains("cg done"), "{compact}");
    assert_eq!(cross_examined(&team, "c.toml", 2, &compact), 828.0, "{compact}");
    assert_eq!(cross_examined(&team, "d.toml", 2, &default), 828.0, "{default}");
}

/// Spins on one core until dropped.
struct Busy(&'static AtomicBool, Option<std::thread::JoinHandle<()>>);

impl Busy {
    fn start() -> Busy {
        let stop: &'static AtomicBool = Box::leak(Box::new(AtomicBool::new(false)));
        let handle = std::thread::spawn(move || {
            let mut x = 0u64;
            while !stop.load(Ordering::Relaxed) {
                x = std::hint::black_box(x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1));
            }
        });
        Busy(stop, Some(handle))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
        if let Some(h) = self.1.take() {
            let _ = h.join();
        }
    }
}

#[test]
fn colgen_is_deterministic_for_each_thread_count_under_load() {
    let team = team(2);
    let _busy = Busy::start();
    for threads in ["1", "2"] {
        let a = format!("a{threads}.toml");
        let b = format!("b{threads}.toml");
        let ra = plan(&team, &a, Some("colgen"), &["--threads", threads]);
        let rb = plan(&team, &b, Some("colgen"), &["--threads", threads]);
        ra.expect_code(0);
        rb.expect_code(0);
        assert_ne!(team.status(&a), "time-limit", "the safety net fired: {ra}");
        assert_eq!(team.text(&a), team.text(&b), "--threads {threads}: two runs differ");
        let rounds = |r: &Run| {
            r.stderr
                .lines()
                .filter(|l| l.contains("cg round"))
                .map(|l| l[l.find("master").unwrap_or(0)..].to_string())
                .collect::<Vec<_>>()
        };
        assert!(!rounds(&ra).is_empty(), "{ra}");
        assert_eq!(rounds(&ra), rounds(&rb), "--threads {threads}: the rounds differ");
        cross_examined(&team, &a, 2, &ra);
    }
}
