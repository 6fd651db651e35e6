//! Change without chaos (issue 11): `plan --keep/--from`, `swap`, `diff`,
//! the reason under every gap and the what-if hint.

mod diff;
mod keep;
mod swap;
mod whatif;
mod why;
