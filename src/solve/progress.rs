//! The progress line on stderr: phase, best uncovered agent-minutes,
//! objective and bound, redrawn about once a second while the solver works.
//! Drawn only when stderr is a terminal and `--quiet` is off; stdout is
//! never touched. A search made of many solves (the team suggestion, `size`)
//! names the solve in a context ("team suggestion, hire 1: candidate 3 of 4")
//! shown before the solver's own phase, and the line comes back for each
//! solve after the one before it cleared it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
    /// What the current solve is part of, shown before its phase.
    context: Mutex<String>,
    /// When the line was first drawn: its clock runs on across solves.
    start: Instant,
}

/// How often the spinner turns.
const TICK: Duration = Duration::from_millis(500);

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
        bar.enable_steady_tick(TICK);
        Progress::with(Some(bar))
    }

    /// Draws nothing.
    pub fn hidden() -> Progress {
        Progress::with(None)
    }

    fn with(bar: Option<ProgressBar>) -> Progress {
        Progress {
            bar,
            context: Mutex::new(String::new()),
            start: Instant::now(),
        }
    }

    /// Names what the next solves are part of (empty: nothing) and shows it.
    pub fn context(&self, text: &str) {
        if let Ok(mut c) = self.context.lock() {
            text.clone_into(&mut c);
        }
        if let Some(bar) = self.live() {
            bar.set_message(text.to_string());
        }
    }

    /// The bar, drawn again if a solve before cleared it.
    fn live(&self) -> Option<&ProgressBar> {
        let bar = self.bar.as_ref()?;
        if bar.is_finished() {
            bar.reset();
            bar.set_elapsed(self.start.elapsed());
            bar.enable_steady_tick(TICK);
        }
        Some(bar)
    }

    pub fn update(&self, s: &Snapshot) {
        let Some(bar) = self.live() else { return };
        let message = self.context.lock().map_or_else(|_| line("", s), |c| line(&c, s));
        bar.set_message(message);
    }

    /// Clears the line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Whether the line is drawn now (for tests).
    #[cfg(test)]
    fn drawn(&self) -> bool {
        self.bar.as_ref().is_some_and(|b| !b.is_finished())
    }
}

/// The message: the context (if any), then the phase and the best rota so far.
fn line(context: &str, s: &Snapshot) -> String {
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
    let context = if context.is_empty() {
        String::new()
    } else {
        format!("{context} · ")
    };
    // A phase with no rota yet (a re-plan's runs) shows its name alone.
    if s.objective.is_nan() {
        return format!("{context}{}{count}", s.phase);
    }
    format!(
        "{context}{}{count}: uncovered {:.0} agent-min, objective {:.0}{bound}",
        s.phase, s.uncovered, s.objective
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNAP: Snapshot = Snapshot {
        phase: "improve",
        done: 3,
        total: 30,
        uncovered: 120.0,
        objective: 1000.0,
        bound: f64::NEG_INFINITY,
    };

    #[test]
    fn the_context_comes_before_the_phase() {
        assert_eq!(line("", &SNAP), "improve 3/30: uncovered 120 agent-min, objective 1000");
        assert_eq!(
            line("team suggestion, hire 1: candidate 3 of 4", &SNAP),
            "team suggestion, hire 1: candidate 3 of 4 · improve 3/30: uncovered 120 agent-min, objective 1000"
        );
    }

    #[test]
    fn the_line_comes_back_after_a_solve_cleared_it() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let p = Progress::with(Some(bar));
        p.update(&SNAP);
        p.finish();
        assert!(!p.drawn(), "finish clears the line");
        p.context("team suggestion, hire 1: candidate 1 of 4");
        assert!(p.drawn(), "the next solve's context draws it again");
        p.finish();
        p.update(&SNAP);
        assert!(p.drawn(), "so does the next solve's first update");
    }
}
