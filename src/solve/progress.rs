//! The progress line on stderr: phase, best uncovered agent-minutes,
//! objective and bound, redrawn about once a second while the solver works.
//! Drawn only when stderr is a terminal and `--quiet` is off; stdout is
//! never touched.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// What the line shows.
#[derive(Debug, Clone, Copy)]
pub struct Snapshot<'a> {
    pub phase: &'a str,
    pub done: usize,
    pub total: usize,
    pub uncovered: f64,
    pub objective: f64,
    pub bound: f64,
}

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A line on stderr when it is a terminal and `quiet` is off.
    pub fn new(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(2));
        let style = ProgressStyle::with_template("{spinner} {elapsed:>3} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(500));
        Progress { bar: Some(bar) }
    }

    /// Draws nothing.
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    pub fn update(&self, s: &Snapshot) {
        let Some(bar) = &self.bar else { return };
        let count = if s.total > 0 {
            format!(" {}/{}", s.done, s.total)
        } else {
            String::new()
        };
        let bound = if s.bound.is_finite() {
            let gap = if s.objective.abs() > 1e-9 {
                ((s.objective - s.bound) / s.objective.abs()).max(0.0) * 100.0
            } else {
                0.0
            };
            format!(", bound {:.0} (gap {gap:.2} %)", s.bound)
        } else {
            String::new()
        };
        // A phase with no rota yet (a re-plan's runs) shows its name alone.
        if s.objective.is_nan() {
            bar.set_message(format!("{}{count}", s.phase));
            return;
        }
        bar.set_message(format!(
            "{}{count}: uncovered {:.0} agent-min, objective {:.0}{bound}",
            s.phase, s.uncovered, s.objective
        ));
    }

    /// Clears the line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
