//! Printing that survives a closed pipe.
//!
//! Rust ignores SIGPIPE, so a write to a pipe whose reader has gone
//! (`sunrota check … | head -1`) fails with `BrokenPipe`, and `println!`
//! panics on it. As ripgrep does, a closed stdout ends the process quietly
//! with exit 0: the reader chose to stop reading. Any other failure to write
//! stdout (a full disk) is an error, exit 2. Failures to write stderr are
//! ignored: there is nowhere left to report them. Every command prints
//! through [`stdout!`](crate::stdout) and [`stderr!`](crate::stderr) (and
//! their `…ln!` forms), never through `print!` or `eprint!`.

use crate::error::Exit;
use std::io::{self, Write};

/// Writes to stdout and flushes; a closed pipe ends the process with exit 0.
pub fn to_stdout(args: std::fmt::Arguments) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        stdout_failed(&e);
    }
}

/// Writes to stderr; a failure is ignored.
pub fn to_stderr(args: std::fmt::Arguments) {
    let _ = io::stderr().lock().write_fmt(args);
}

/// Ends the process after stdout failed: quietly (exit 0) when the reader
/// closed the pipe, else with a message (exit 2).
pub fn stdout_failed(e: &io::Error) -> ! {
    if e.kind() != io::ErrorKind::BrokenPipe {
        to_stderr(format_args!("error: cannot write to standard output: {e}\n"));
        std::process::exit(Exit::Input as i32);
    }
    std::process::exit(Exit::Ok as i32)
}

/// `print!` that ends quietly on a closed pipe ([`to_stdout`]).
#[macro_export]
macro_rules! stdout {
    ($($arg:tt)*) => { $crate::out::to_stdout(format_args!($($arg)*)) };
}

/// `println!` that ends quietly on a closed pipe ([`to_stdout`]).
#[macro_export]
macro_rules! stdoutln {
    () => { $crate::out::to_stdout(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::to_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` that ignores a closed stderr ([`to_stderr`]).
#[macro_export]
macro_rules! stderr {
    ($($arg:tt)*) => { $crate::out::to_stderr(format_args!($($arg)*)) };
}

/// `eprintln!` that ignores a closed stderr ([`to_stderr`]).
#[macro_export]
macro_rules! stderrln {
    () => { $crate::out::to_stderr(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::to_stderr(format_args!("{}\n", format_args!($($arg)*))) };
}
