//! A config as `sunrota plan`, `check` and the other commands load it: TOML
//! parse, then validation; a rejected config's message is rendered as the
//! binary prints it, so a panic in either shows up here.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sunrota::config::Config;
use sunrota::error::Source;

fuzz_target!(|data: &[u8]| {
    // The binary reads configs as UTF-8 text; other bytes never reach the parser.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source {
        name: "fuzz.toml".into(),
        text: text.to_string(),
    };
    if let Err(e) = Config::from_source(source) {
        let _ = sunrota::render_error(&e);
    }
});
