//! End-to-end tests of the `sunrota` binary (and, in `engine`, of the
//! library's solver), one module per topic. Every test runs the real binary
//! on small configs in a temporary directory (`util`: `Run`, `TeamDir`, the
//! `Team` builder, an independent rota-file reader) and asserts on what it
//! printed and wrote. Never into the repository: examples with a `[rota] dir`
//! are always given `-o`.
//!
//! One binary, because each links the whole library: the check-only tests
//! (`tests/checkonly/`), the slow zone sweep (`tests/zone_sweep.rs`) and the
//! HTML report with Chromium (`tests/html.rs`) are the only others.

#[path = "../util/mod.rs"]
mod util;

mod bad_input;
mod change;
mod check_rules;
mod colgen;
mod cost;
mod demand;
mod engine;
mod export;
mod guard;
mod hand_rotas;
mod oncall;
mod oncall_prop;
mod overdue;
mod plan;
#[cfg(feature = "publish")]
mod publish;
mod rostering;
mod show;
mod size;
mod time_dst;
mod trust;
