//! A Curtois & Qu instance as `sunrota import nrp` reads it: parse, turn it
//! into a config, and load that config (import does, to never write one that
//! `plan` rejects); errors are rendered as the binary prints them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sunrota::config::Config;
use sunrota::error::Source;
use sunrota::nrp;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let src = Source {
        name: "Instance.txt".into(),
        text: text.to_string(),
    };
    let inst = match nrp::parse(&src) {
        Ok(inst) => inst,
        Err(e) => {
            let _ = sunrota::render_error(&e);
            return;
        }
    };
    let config = nrp::to_config(&inst, "Instance");
    let loaded = Config::from_source(Source {
        name: "Instance (imported)".into(),
        text: config,
    });
    if let Err(e) = loaded {
        let _ = sunrota::render_error(&e);
    }
});
