//! A rota file as `sunrota check` reads it: parse, then check it against the
//! example teams (follow-the-sun, and phone-team with its on-call duty and
//! comp days) with the same steps `check` takes — findings, the summary's
//! verdict, why each gap is left, and the printed report. Errors are rendered
//! as the binary prints them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use sunrota::check;
use sunrota::config::Config;
use sunrota::error::Source;
use sunrota::history::Past;
use sunrota::rota::Rota;
use sunrota::{explain, report};

fn teams() -> &'static [Config] {
    static TEAMS: OnceLock<Vec<Config>> = OnceLock::new();
    TEAMS.get_or_init(|| {
        [
            (
                "follow-the-sun.toml",
                include_str!("../../examples/follow-the-sun.toml"),
            ),
            ("phone-team.toml", include_str!("../../examples/phone-team.toml")),
        ]
        .into_iter()
        .map(|(name, text)| {
            let source = Source {
                name: name.into(),
                text: text.into(),
            };
            Config::from_source(source).expect("the example configs load")
        })
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let src = Source {
        name: "rota.toml".into(),
        text: text.to_string(),
    };
    let rota = match Rota::parse(&src) {
        Ok(rota) => rota,
        Err(e) => {
            let _ = sunrota::render_error(&e);
            return;
        }
    };
    let line_of = src.line_lookup();
    let past = Past::default();
    for cfg in teams() {
        let findings = check::check(cfg, &rota, &past, &line_of);
        let _ = check::objective::verdict(&rota.summary, findings.objective);
        let whys = explain::explain(cfg, &rota, &past, &report::gaps::stretches(&findings.gaps));
        let _ = report::check_text(cfg, &src.name, &findings, &whys);
    }
});
