//! `sunrota check`: every rota named (else the team's `[rota] dir`) checked
//! against the config, as a table, JSON or GitHub annotations.

use crate::cli::{CheckArgs, CheckFormat};
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::rota::{self, Rota};
use crate::{check, cmd, explain, history, ledger, report};
use std::path::Path;

/// `check`; with `--format github`, bad input is an annotation too.
pub fn check(args: &CheckArgs) -> Result<Exit, Error> {
    let result = check_rotas(args);
    if let (CheckFormat::Github, Err(e)) = (args.format, &result) {
        crate::stdout!("{}", report::github::input_error(e));
    }
    result
}

fn check_rotas(args: &CheckArgs) -> Result<Exit, Error> {
    let cfg = Config::load(&args.config)?;
    let mut all_clean = true;
    let mut docs = Vec::new();
    let mut text = String::new();
    for path in &rotas_to_check(&cfg, &args.rota)? {
        let one = Checked::read(&cfg, args, path)?;
        all_clean &= one.findings.is_clean();
        match args.format {
            CheckFormat::Table => text.push_str(&one.table(&cfg)),
            CheckFormat::Github => text.push_str(&one.github(&cfg)),
            CheckFormat::Json => docs.push(one.json()),
        }
    }
    match args.format {
        CheckFormat::Table => crate::stdout!("{}", report::wrap::block(&text, cmd::fit_width(args.width))),
        CheckFormat::Github => crate::stdout!("{text}"),
        CheckFormat::Json => {
            let doc = serde_json::json!({ "ok": all_clean, "rotas": docs });
            crate::stdout!("{}", cmd::json(&doc)?);
        }
    }
    Ok(if all_clean { Exit::Ok } else { Exit::Findings })
}

/// One rota read and checked, with what each format prints about it.
struct Checked {
    name: String,
    rota: Rota,
    findings: check::Findings,
    whys: Vec<explain::Why>,
    /// Whether the rota's `[summary]` lists the gaps and shortages `check` finds
    /// (a hand edit leaves it behind: said, but no failure).
    summary_matches: bool,
    verdict: check::objective::Verdict,
    /// Comp days overdue at the rota's end: warned of, no failure.
    overdue: Vec<ledger::Overdue>,
}

impl Checked {
    fn read(cfg: &Config, args: &CheckArgs, path: &Path) -> Result<Checked, Error> {
        let (rota, src) = Rota::read(path)?;
        cmd::belongs(cfg, &rota, &src.name, &args.config)?;
        let past = history::past_beside(path, rota.start, cfg)?;
        let findings = check::check(cfg, &rota, &past, &src.line_lookup());
        let verdict = check::objective::verdict(&rota.summary, findings.objective);
        let whys = explain::explain(cfg, &rota, &past, &report::gaps::stretches(&findings.gaps));
        let overdue = ledger::overdue_at_end(cfg, &past, &rota);
        Ok(Checked {
            summary_matches: rota.gaps == findings.gaps && rota.shortages == findings.shortages,
            name: src.name,
            rota,
            findings,
            whys,
            verdict,
            overdue,
        })
    }

    /// Problems of the summary worth a note: a broken rule is reported
    /// already, and makes the summary moot.
    fn summary_problems(&self) -> impl Iterator<Item = &String> {
        let moot = !self.findings.violations.is_empty();
        self.verdict.problems.iter().filter(move |_| !moot)
    }

    fn table(&self, cfg: &Config) -> String {
        let mut text = report::check_text(cfg, &self.name, &self.findings, &self.whys);
        if !self.summary_matches {
            let differs = summary_differs(&self.rota, &self.findings);
            text.push_str(&format!(
                "{}: note: {differs}: the file was edited after planning\n",
                self.name
            ));
        }
        for problem in self.summary_problems() {
            text.push_str(&format!(
                "{}: note: its [summary] is not confirmed: {problem}\n",
                self.name
            ));
        }
        for o in &self.overdue {
            text.push_str(&format!("{}: warning: overdue comp day: {}\n", self.name, o.message()));
        }
        text
    }

    /// `--format github`: the annotations, a warning for a summary the
    /// findings do not match, and the table's closing line.
    fn github(&self, cfg: &Config) -> String {
        let (file, title) = (self.name.as_str(), "sunrota: summary not confirmed");
        let mut out = report::github::check(cfg, file, &self.findings, &self.whys);
        if !self.summary_matches {
            let note = "its [summary] lists other gaps than check finds: the file was edited after planning";
            out.push_str(&report::github::command("warning", file, None, title, note));
        }
        for problem in self.summary_problems() {
            out.push_str(&report::github::command("warning", file, None, title, problem));
        }
        for o in &self.overdue {
            out.push_str(&report::github::command(
                "warning",
                file,
                None,
                "sunrota: overdue comp day",
                &o.message(),
            ));
        }
        let table = report::check_text(cfg, file, &self.findings, &[]);
        out.push_str(table.lines().last().unwrap_or_default());
        out.push('\n');
        out
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!(report::CheckJson {
            rota: self.name.clone(),
            ok: self.findings.is_clean(),
            summary_matches: self.summary_matches,
            uncovered_agent_minutes: self.findings.uncovered_agent_minutes(),
            summary_confirmed: self.verdict.problems.is_empty(),
            summary_problems: &self.verdict.problems,
            findings: &self.findings,
            gap_reasons: &self.whys,
            overdue_comp_days: &self.overdue,
        })
    }
}

/// How a rota's `[summary]` gaps differ from what `check` finds.
fn summary_differs(rota: &Rota, found: &check::Findings) -> String {
    let (listed, found_n) = (
        report::gaps::stretches(&rota.gaps).len(),
        report::gaps::stretches(&found.gaps).len(),
    );
    let (was, now) = (
        rota.gaps.iter().map(rota::Gap::agent_minutes).sum::<i64>(),
        found.uncovered_agent_minutes(),
    );
    if listed != found_n {
        format!("its [summary] lists {listed} gap(s) ({was} uncovered agent-minutes) but check finds {found_n} ({now})")
    } else if was != now {
        format!("its [summary] lists {listed} gap(s) with {was} uncovered agent-minutes; check finds them at {now}")
    } else if rota.gaps != found.gaps {
        format!("its [summary] lists {listed} gap(s) of {was} agent-minutes, but check finds them at other times")
    } else {
        "its [summary] lists other shift-demand shortages than check finds".into()
    }
}

/// The rotas named, else every rota of the team in its `[rota] dir`.
fn rotas_to_check(cfg: &Config, named: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, Error> {
    if !named.is_empty() {
        return Ok(named.to_vec());
    }
    let Some(dir) = &cfg.place.dir else {
        return Err(Error::invalid(
            "no rota to check",
            Some("name rota files, or set [rota] dir in the config".into()),
        ));
    };
    let all = history::load_dir(dir, cfg)?;
    if all.is_empty() {
        return Err(Error::invalid(
            format!("no rota of this team in {}", dir.display()),
            Some("plan one with `sunrota plan CONFIG`".into()),
        ));
    }
    Ok(all.into_iter().map(|l| l.path).collect())
}
