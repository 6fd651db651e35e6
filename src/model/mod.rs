//! The planning model: candidate shifts, elementary intervals, and the MILP
//! over them. `candidates`, `intervals` and `greedy` (a first rota) are plain data; `milp` is, with
//! `solve`, the only code that knows good_lp.

pub mod candidates;
mod duty;
pub mod greedy;
pub mod intervals;
mod milp;
mod roster;

pub use milp::{ledger_lines, Model, Stats};
