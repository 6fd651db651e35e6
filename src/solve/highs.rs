//! The HiGHS adapter: passes a plain-data [`Lp`] to HiGHS, runs it within
//! work limits (nodes, iterations) with a fixed seed and one thread, and
//! returns the column values, the dual bound and the row duals. The only
//! file that calls HiGHS; all of its `unsafe` is here.
//!
//! The HiGHS log goes to stderr through a callback (never to stdout, which
//! `--format json` keeps clean), and the same callback stops a run as soon
//! as [`super::stop::interrupted`] is set (Ctrl-C).

#![allow(unsafe_code)] // the FFI boundary: every call into HiGHS is here

use super::stop;
use crate::model::lp::Lp;
use highs_sys as h;
use std::ffi::{c_char, c_int, c_void, CStr, CString};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Solved: optimal (MIP: within its gap).
    Optimal,
    Infeasible,
    /// A work limit (nodes, iterations, solutions) ended it.
    WorkLimit,
    /// The safety-net time limit ended it.
    TimeLimit,
    /// Ctrl-C.
    Interrupted,
    /// Anything else HiGHS reports (a numerical failure, say).
    Failed,
}

/// What one run returns.
#[derive(Debug, Clone)]
pub struct Run {
    pub ended: Ended,
    /// Column values of the best solution found, if any.
    pub x: Option<Vec<f64>>,
    /// The best proven lower bound (MIP dual bound; for an LP its objective when optimal).
    pub bound: f64,
    /// Row duals (LP runs only).
    pub duals: Option<Vec<f64>>,
    /// LP iterations of a MIP, as last seen by the callback.
    pub lp_iterations: i64,
}

/// Work limits of one run. `None` leaves HiGHS's own default.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub nodes: Option<i64>,
    /// LP iterations over the whole branch and bound (MIP), counted by HiGHS
    /// and checked at every limit check: a deterministic measure of work.
    pub lp_iterations: Option<i64>,
    pub simplex_iterations: Option<i64>,
    pub gap: f64,
    /// Seconds: the safety net.
    pub seconds: f64,
    /// HiGHS's primal-heuristic effort (its default is 0.05).
    pub heuristics: Option<f64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            nodes: None,
            lp_iterations: None,
            simplex_iterations: None,
            gap: 1e-6,
            seconds: f64::INFINITY,
            heuristics: None,
        }
    }
}

/// What the callback reads and writes during a run.
#[derive(Debug, Default)]
struct Watch {
    /// Stop a MIP once its LP iterations reach this (`i64::MAX`: no limit).
    lp_limit: i64,
    /// Whether `lp_limit` stopped it.
    hit: bool,
    /// LP iterations at the last check.
    seen: i64,
}

/// One HiGHS instance.
pub struct Highs {
    ptr: *mut c_void,
    cols: usize,
    rows: usize,
    integer: bool,
    /// Boxed so its address stays put while HiGHS holds it.
    watch: Box<Watch>,
}

// SAFETY: a HiGHS instance is used by one thread at a time (it moves with
// its owner); HiGHS keeps a scheduler per user thread.
unsafe impl Send for Highs {}

/// Log lines to stderr (verbose only); Ctrl-C and the LP-iteration limit
/// as interrupts.
unsafe extern "C" fn callback(
    kind: c_int,
    message: *const c_char,
    out: *const h::HighsCallbackDataOut,
    data_in: *mut h::HighsCallbackDataIn,
    user: *mut c_void,
) {
    if kind == h::kHighsCallbackLogging {
        if !message.is_null() {
            // SAFETY: HiGHS passes a NUL-terminated message for logging callbacks.
            let text = unsafe { CStr::from_ptr(message) }.to_string_lossy();
            crate::stderr!("{text}");
        }
        return;
    }
    let mut stop = stop::interrupted();
    if kind == h::kHighsCallbackMipInterrupt && !out.is_null() && !user.is_null() {
        // SAFETY: `user` is the `Watch` boxed in the `Highs` running this
        // callback (it outlives the run); `out` is HiGHS's live output struct.
        let (watch, out) = unsafe { (&mut *user.cast::<Watch>(), &*out) };
        watch.seen = out.mip_total_lp_iterations;
        if out.mip_total_lp_iterations >= watch.lp_limit {
            watch.hit = true;
            stop = true;
        }
    }
    if stop && !data_in.is_null() {
        // SAFETY: `data_in` is HiGHS's live input struct for interrupt callbacks.
        unsafe { (*data_in).user_interrupt = 1 };
    }
}

/// A column to add: cost, lower and upper bound, its (row, coefficient) entries.
pub type NewCol = (f64, f64, f64, Vec<(u32, f64)>);

impl Highs {
    /// A quiet instance (the log on stderr when `verbose`), one thread, seed 0.
    pub fn new(verbose: bool) -> Highs {
        // SAFETY: Highs_create returns a fresh instance or null (checked on use).
        let ptr = unsafe { h::Highs_create() };
        let mut watch = Box::new(Watch {
            lp_limit: i64::MAX,
            hit: false,
            seen: 0,
        });
        let user = std::ptr::addr_of_mut!(*watch).cast::<c_void>();
        let mut me = Highs {
            ptr,
            cols: 0,
            rows: 0,
            integer: false,
            watch,
        };
        me.set_bool("output_flag", verbose);
        me.set_bool("log_to_console", false);
        me.set_int("threads", 1);
        me.set_int("random_seed", 0);
        // RENS's sub-MIP presolve can loop for minutes in
        // `strengthenInequalities` on these models, past every limit (seen
        // with HiGHS 1.16 on examples/follow-the-sun.toml); our own
        // neighbourhoods do its job.
        me.set_bool("mip_heuristic_run_rens", false);
        // Every run here starts from a feasible rota: no need to look for one.
        me.set_bool("mip_heuristic_run_feasibility_jump", false);
        // SAFETY: `ptr` is live; `callback` has the C signature HiGHS expects.
        unsafe {
            h::Highs_setCallback(ptr, Some(callback), user);
            for kind in [
                h::kHighsCallbackLogging,
                h::kHighsCallbackSimplexInterrupt,
                h::kHighsCallbackIpmInterrupt,
                h::kHighsCallbackMipInterrupt,
            ] {
                h::Highs_startCallback(ptr, kind);
            }
        }
        me
    }

    fn cname(name: &str) -> CString {
        CString::new(name).unwrap_or_default()
    }

    pub fn set_bool(&mut self, name: &str, v: bool) {
        let n = Self::cname(name);
        // SAFETY: live instance, NUL-terminated option name.
        unsafe { h::Highs_setBoolOptionValue(self.ptr, n.as_ptr(), h::HighsInt::from(v)) };
    }

    pub fn set_int(&mut self, name: &str, v: i64) {
        let n = Self::cname(name);
        let v = v.clamp(0, i64::from(h::HighsInt::MAX)) as h::HighsInt;
        // SAFETY: live instance, NUL-terminated option name.
        unsafe { h::Highs_setIntOptionValue(self.ptr, n.as_ptr(), v) };
    }

    pub fn set_double(&mut self, name: &str, v: f64) {
        let n = Self::cname(name);
        // SAFETY: live instance, NUL-terminated option name.
        unsafe { h::Highs_setDoubleOptionValue(self.ptr, n.as_ptr(), v) };
    }

    /// Passes `lp` (row-wise); `relax` drops integrality.
    pub fn pass(&mut self, lp: &Lp, relax: bool) -> bool {
        let n = lp.num_cols();
        let cost: Vec<f64> = lp.cols.iter().map(|c| c.cost).collect();
        let lo: Vec<f64> = lp.cols.iter().map(|c| c.lo).collect();
        let hi: Vec<f64> = lp.cols.iter().map(|c| c.hi).collect();
        let integer = !relax && lp.cols.iter().any(|c| c.integer);
        let kind: Vec<h::HighsInt> = lp
            .cols
            .iter()
            .map(|c| h::HighsInt::from(c.integer && integer))
            .collect();
        let start: Vec<h::HighsInt> = lp.start[..lp.num_rows()].iter().map(|&s| s as h::HighsInt).collect();
        let index: Vec<h::HighsInt> = lp.index.iter().map(|&j| j as h::HighsInt).collect();
        let too_big = n > h::HighsInt::MAX as usize || lp.nonzeros() > h::HighsInt::MAX as usize;
        if too_big {
            return false;
        }
        let nz = lp.nonzeros() as h::HighsInt;
        let (cols, rows) = (n as h::HighsInt, lp.num_rows() as h::HighsInt);
        let (rowwise, min) = (h::kHighsMatrixFormatRowwise, h::kHighsObjSenseMinimize);
        let status = if integer {
            // SAFETY: every array has the length HiGHS reads (num_col,
            // num_row, num_nz); the matrix is row-wise, `start` of length num_row.
            unsafe {
                h::Highs_passMip(
                    self.ptr,
                    cols,
                    rows,
                    nz,
                    rowwise,
                    min,
                    lp.offset,
                    cost.as_ptr(),
                    lo.as_ptr(),
                    hi.as_ptr(),
                    lp.row_lo.as_ptr(),
                    lp.row_hi.as_ptr(),
                    start.as_ptr(),
                    index.as_ptr(),
                    lp.value.as_ptr(),
                    kind.as_ptr(),
                )
            }
        } else {
            // SAFETY: as above, without integrality.
            unsafe {
                h::Highs_passLp(
                    self.ptr,
                    cols,
                    rows,
                    nz,
                    rowwise,
                    min,
                    lp.offset,
                    cost.as_ptr(),
                    lo.as_ptr(),
                    hi.as_ptr(),
                    lp.row_lo.as_ptr(),
                    lp.row_hi.as_ptr(),
                    start.as_ptr(),
                    index.as_ptr(),
                    lp.value.as_ptr(),
                )
            }
        };
        self.cols = n;
        self.rows = lp.num_rows();
        self.integer = integer;
        status != h::kHighsStatusError
    }

    /// A starting solution (a MIP start); HiGHS ignores one that breaks a row.
    pub fn set_start(&mut self, x: &[f64]) {
        if x.len() == self.cols {
            // SAFETY: `x` has num_col entries; the other arrays may be null.
            unsafe {
                h::Highs_setSolution(
                    self.ptr,
                    x.as_ptr(),
                    std::ptr::null(),
                    std::ptr::null(),
                    std::ptr::null(),
                )
            };
        }
    }

    /// Adds columns to the passed model (column-wise: cost, bounds, and
    /// each column's (row, coefficient) entries). An LP keeps its basis, so
    /// the next run starts from the last optimum (column generation).
    pub fn add_cols(&mut self, cols: &[NewCol]) -> bool {
        let mut start: Vec<h::HighsInt> = Vec::with_capacity(cols.len());
        let (mut index, mut value) = (Vec::new(), Vec::new());
        for (_, _, _, entries) in cols {
            start.push(index.len() as h::HighsInt);
            for &(r, a) in entries {
                index.push(r as h::HighsInt);
                value.push(a);
            }
        }
        let cost: Vec<f64> = cols.iter().map(|c| c.0).collect();
        let lo: Vec<f64> = cols.iter().map(|c| c.1).collect();
        let hi: Vec<f64> = cols.iter().map(|c| c.2).collect();
        let (n, nz) = (cols.len() as h::HighsInt, index.len() as h::HighsInt);
        // SAFETY: every array has the length HiGHS reads (num_new_col entries,
        // num_new_nz entries); row indices are below the passed row count.
        let status = unsafe {
            h::Highs_addCols(
                self.ptr,
                n,
                cost.as_ptr(),
                lo.as_ptr(),
                hi.as_ptr(),
                nz,
                start.as_ptr(),
                index.as_ptr(),
                value.as_ptr(),
            )
        };
        self.cols += cols.len();
        status != h::kHighsStatusError
    }

    fn info_f64(&self, name: &str) -> Option<f64> {
        let n = Self::cname(name);
        let mut v = 0.0;
        // SAFETY: live instance; `v` is a valid out-pointer.
        let ok = unsafe { h::Highs_getDoubleInfoValue(self.ptr, n.as_ptr(), &raw mut v) };
        (ok == h::kHighsStatusOk).then_some(v)
    }

    fn info_int(&self, name: &str) -> Option<i64> {
        let n = Self::cname(name);
        let mut v: h::HighsInt = 0;
        // SAFETY: live instance; `v` is a valid out-pointer.
        let ok = unsafe { h::Highs_getIntInfoValue(self.ptr, n.as_ptr(), &raw mut v) };
        (ok == h::kHighsStatusOk).then_some(i64::from(v))
    }

    /// Runs within `limits`.
    pub fn run(&mut self, limits: &Limits) -> Run {
        if let Some(n) = limits.nodes {
            self.set_int("mip_max_nodes", n.max(1));
        }
        if let Some(n) = limits.simplex_iterations {
            self.set_int("simplex_iteration_limit", n.max(1));
        }
        if let Some(e) = limits.heuristics {
            self.set_double("mip_heuristic_effort", e);
        }
        self.watch.lp_limit = limits.lp_iterations.unwrap_or(i64::MAX);
        self.watch.hit = false;
        self.watch.seen = 0;
        self.set_double("mip_rel_gap", limits.gap);
        self.set_double("time_limit", limits.seconds.max(0.01));
        // SAFETY: live instance with a model passed.
        unsafe { h::Highs_run(self.ptr) };
        // SAFETY: live instance.
        let status = unsafe { h::Highs_getModelStatus(self.ptr) };
        let ended = match ended(status) {
            Ended::Interrupted if self.watch.hit && !stop::interrupted() => Ended::WorkLimit,
            e => e,
        };
        let has = self.info_int("primal_solution_status") == Some(i64::from(h::kHighsSolutionStatusFeasible));
        let (x, duals) = self.solution(has);
        let bound = if self.integer {
            self.info_f64("mip_dual_bound").unwrap_or(f64::NEG_INFINITY)
        } else if ended == Ended::Optimal {
            self.info_f64("objective_function_value").unwrap_or(f64::NEG_INFINITY)
        } else {
            f64::NEG_INFINITY
        };
        // Only a finite bound of a run that did not fail proves anything.
        let bound = if bound.is_finite() && ended != Ended::Failed {
            bound
        } else {
            f64::NEG_INFINITY
        };
        Run {
            ended,
            x,
            bound,
            duals,
            lp_iterations: self.watch.seen,
        }
    }

    fn solution(&self, has: bool) -> (Option<Vec<f64>>, Option<Vec<f64>>) {
        let dual_ok = !self.integer && self.info_int("dual_solution_status").is_some_and(|s| s > 0);
        if !has && !dual_ok {
            return (None, None);
        }
        let mut col = vec![0.0; self.cols];
        let mut col_dual = vec![0.0; self.cols];
        let mut row = vec![0.0; self.rows];
        let mut row_dual = vec![0.0; self.rows];
        // SAFETY: each buffer has the length of the passed model.
        unsafe {
            h::Highs_getSolution(
                self.ptr,
                col.as_mut_ptr(),
                col_dual.as_mut_ptr(),
                row.as_mut_ptr(),
                row_dual.as_mut_ptr(),
            )
        };
        (has.then_some(col), dual_ok.then_some(row_dual))
    }
}

fn ended(status: h::HighsInt) -> Ended {
    let is = |k: h::HighsInt| status == k;
    if is(h::kHighsModelStatusOptimal) || is(h::kHighsModelStatusModelEmpty) {
        Ended::Optimal
    } else if is(h::kHighsModelStatusInfeasible) || is(h::kHighsModelStatusUnboundedOrInfeasible) {
        Ended::Infeasible
    } else if is(h::kHighsModelStatusIterationLimit)
        || is(h::kHighsModelStatusSolutionLimit)
        || is(h::kHighsModelStatusObjectiveBound)
        || is(h::kHighsModelStatusObjectiveTarget)
    {
        Ended::WorkLimit
    } else if is(h::kHighsModelStatusTimeLimit) {
        Ended::TimeLimit
    } else if is(h::kHighsModelStatusInterrupt) || is(h::kHighsModelStatusHighsInterrupt) {
        Ended::Interrupted
    } else {
        Ended::Failed
    }
}

impl Drop for Highs {
    fn drop(&mut self) {
        if !self.ptr.is_null() {
            // SAFETY: the instance is live and dropped once.
            unsafe { h::Highs_destroy(self.ptr) };
        }
    }
}
