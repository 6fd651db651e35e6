//! A hand-broken rota for every rule: `tests/data/broken/<rule-id>/` holds a
//! small team (`team.toml`) and a rota of it (`rota.toml`) that breaks that
//! rule — and, but where [`ALSO`] says otherwise, no other — and `check`
//! must name it. No solver: this runs in the check-only build too.
//!
//! Each subfolder of a rule's folder is one more case of that rule, laid out
//! the same way. Any other rota file in a case's folder (e.g. `earlier.toml`)
//! is an earlier rota: the case's history is found and chained as `check`
//! finds it (`history::past_beside`), for the rules a rota breaks only
//! against the rotas before it.

use super::check;
use crate::config::Config;
use crate::history;
use crate::rota::Rota;
use crate::rule::Rule;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Rules a case cannot help breaking besides its own.
const ALSO: &[(Rule, &[Rule])] = &[];

fn case_dir(rule: Rule) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/broken")
        .join(rule.id())
}

/// The cases of a rule: its folder, then each subfolder of it, by name.
fn cases(rule: Rule) -> Vec<PathBuf> {
    let dir = case_dir(rule);
    let mut more: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    more.sort();
    std::iter::once(dir).chain(more).collect()
}

/// A case's folder as the failures name it, e.g. `comp-on-call/earlier-rota`.
fn name_of(dir: &Path) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken");
    dir.strip_prefix(&root).unwrap_or(dir).display().to_string()
}

/// The ids of the rules `check` finds broken in a case, beside the earlier
/// rotas in its folder.
fn found(dir: &Path) -> Result<BTreeSet<&'static str>, String> {
    let name = name_of(dir);
    let cfg = Config::load(&dir.join("team.toml")).map_err(|e| format!("{name}: team.toml: {e:?}"))?;
    let path = dir.join("rota.toml");
    let (rota, src) = Rota::read(&path).map_err(|e| format!("{name}: rota.toml: {e:?}"))?;
    let past = history::past_beside(&path, rota.start, &cfg).map_err(|e| format!("{name}: earlier rotas: {e:?}"))?;
    let findings = check(&cfg, &rota, &past, &src.line_lookup());
    Ok(findings.violations.iter().map(|v| v.rule.id()).collect())
}

#[test]
fn every_rule_has_a_broken_case() {
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .filter(|r| !case_dir(**r).join("rota.toml").is_file())
        .map(|r| r.id())
        .collect();
    assert!(
        missing.is_empty(),
        "no hand-broken case in tests/data/broken/<id>/ (team.toml, rota.toml) for: {missing:?}"
    );
}

#[test]
fn every_case_is_of_a_rule() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken");
    let entries = std::fs::read_dir(&root).expect("tests/data/broken exists");
    let orphans: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| Rule::from_id(name).is_none())
        .collect();
    assert!(
        orphans.is_empty(),
        "cases in tests/data/broken/ of no rule in Rule::ALL: {orphans:?}"
    );
}

#[test]
fn check_names_the_rule_each_case_breaks() {
    let mut wrong = Vec::new();
    for &rule in Rule::ALL {
        if !case_dir(rule).is_dir() {
            continue;
        }
        let also = ALSO.iter().find(|(r, _)| *r == rule).map_or(&[][..], |(_, also)| also);
        let want: BTreeSet<&str> = std::iter::once(rule)
            .chain(also.iter().copied())
            .map(Rule::id)
            .collect();
        for dir in cases(rule) {
            match found(&dir) {
                Ok(found) if found == want => {}
                Ok(found) => wrong.push(format!("{}: check finds {found:?}, expected {want:?}", name_of(&dir))),
                Err(e) => wrong.push(e),
            }
        }
    }
    assert!(wrong.is_empty(), "hand-broken cases:\n{}", wrong.join("\n"));
}
