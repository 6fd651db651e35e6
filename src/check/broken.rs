//! A hand-broken rota for every rule: `tests/data/broken/<rule-id>/` holds a
//! small team (`team.toml`) and a rota of it (`rota.toml`) that breaks that
//! rule — and, but where [`ALSO`] says otherwise, no other — and `check`
//! must name it. No solver: this runs in the check-only build too.

use super::check;
use crate::config::Config;
use crate::history::Past;
use crate::rota::Rota;
use crate::rule::Rule;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Rules a case cannot help breaking besides its own.
const ALSO: &[(Rule, &[Rule])] = &[];

fn case_dir(rule: Rule) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/broken")
        .join(rule.id())
}

/// The ids of the rules `check` finds broken in a case.
fn found(rule: Rule) -> Result<BTreeSet<&'static str>, String> {
    let dir = case_dir(rule);
    let cfg = Config::load(&dir.join("team.toml")).map_err(|e| format!("{}: team.toml: {e:?}", rule.id()))?;
    let (rota, src) = Rota::read(&dir.join("rota.toml")).map_err(|e| format!("{}: rota.toml: {e:?}", rule.id()))?;
    let findings = check(&cfg, &rota, &Past::default(), &src.line_lookup());
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
        let found = match found(rule) {
            Ok(found) => found,
            Err(e) => {
                wrong.push(e);
                continue;
            }
        };
        let also = ALSO.iter().find(|(r, _)| *r == rule).map_or(&[][..], |(_, also)| also);
        let want: BTreeSet<&str> = std::iter::once(rule)
            .chain(also.iter().copied())
            .map(Rule::id)
            .collect();
        if found != want {
            wrong.push(format!("{}: check finds {found:?}, expected {want:?}", rule.id()));
        }
    }
    assert!(wrong.is_empty(), "hand-broken cases:\n{}", wrong.join("\n"));
}
