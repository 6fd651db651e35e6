//! When to stop: Ctrl-C (a process-wide flag the HiGHS callback also reads)
//! and the time limit, a safety net whose firing the status reports.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// Asks every running solve to stop and keep its best rota (Ctrl-C).
pub fn interrupt() {
    INTERRUPT.store(true, Ordering::SeqCst);
}

/// Whether [`interrupt`] was called.
pub fn interrupted() -> bool {
    INTERRUPT.load(Ordering::SeqCst)
}

/// The wall clock of one solve, against its safety-net time limit.
#[derive(Debug)]
pub struct Clock {
    start: Instant,
    limit: f64,
    fired: AtomicBool,
}

impl Clock {
    pub fn new(limit: Option<f64>) -> Clock {
        Clock {
            start: Instant::now(),
            limit: limit.unwrap_or(f64::INFINITY),
            fired: AtomicBool::new(false),
        }
    }
    pub fn elapsed(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
    /// Seconds left before the safety net (at least a little, for a last run).
    pub fn left(&self) -> f64 {
        (self.limit - self.elapsed()).max(0.01)
    }
    /// Whether to stop now: interrupted, or out of time (which is remembered).
    pub fn stop(&self) -> bool {
        if self.elapsed() >= self.limit {
            self.fired.store(true, Ordering::SeqCst);
        }
        interrupted() || self.fired()
    }
    /// Records that a solver run ended on the time limit.
    pub fn fire(&self) {
        self.fired.store(true, Ordering::SeqCst);
    }
    /// Whether the time limit cut any part of the solve short.
    pub fn fired(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }
}
