//! Running the built binary: `sunrota(args)` for a plain run, `Cmd` for one
//! with a working directory or environment, and `Run`, what a run did, with
//! the exit-code and JSON assertions every test uses.

use serde_json::Value as Json;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What one run of the binary did. Its `Display` is the whole story (the
/// command line, exit code, stdout, stderr and any context such as the
/// config), for assertion messages.
pub struct Run {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Shown after stderr on failure (e.g. the config the run read).
    pub context: String,
}

/// Long outputs are cut to their last 6 000 bytes in messages.
fn tail(s: &str) -> String {
    if s.len() <= 6000 {
        return s.to_string();
    }
    let mut k = s.len() - 6000;
    while !s.is_char_boundary(k) {
        k += 1;
    }
    format!("…{}", &s[k..])
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sunrota {}\nexit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            tail(&self.stdout),
            tail(&self.stderr)
        )?;
        if !self.context.is_empty() {
            write!(f, "\n{}", self.context)?;
        }
        Ok(())
    }
}

impl Run {
    /// Asserts the exit code (and that nothing panicked).
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit code\n{self}");
        assert!(!self.stderr.contains("panicked"), "the binary panicked\n{self}");
        self
    }

    /// Stdout as one JSON document.
    #[track_caller]
    pub fn json(&self) -> Json {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{self}"))
    }

    /// Stdout then stderr.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Asserts stdout contains `text`.
    #[track_caller]
    pub fn stdout_has(&self, text: &str) -> &Self {
        assert!(self.stdout.contains(text), "stdout lacks `{text}`\n{self}");
        self
    }

    /// Asserts stderr contains `text`.
    #[track_caller]
    pub fn stderr_has(&self, text: &str) -> &Self {
        assert!(self.stderr.contains(text), "stderr lacks `{text}`\n{self}");
        self
    }

    /// The improvement steps of a `SUNROTA_TRACE` run, without timings:
    /// `step N KIND size S: objective O uncovered U`.
    pub fn trace_steps(&self) -> Vec<String> {
        self.stderr
            .lines()
            .filter_map(|l| l.strip_prefix("trace: step "))
            .map(String::from)
            .collect()
    }
}

/// One invocation of the binary: arguments, working directory, environment.
#[derive(Clone, Default)]
pub struct Cmd {
    args: Vec<OsString>,
    dir: Option<PathBuf>,
    env: Vec<(OsString, Option<OsString>)>,
    context: String,
}

impl Cmd {
    /// `sunrota ARGS...`
    pub fn new<I, S>(args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Cmd::default().args(args)
    }

    /// More arguments.
    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
        self
    }

    /// Runs in `dir` (the default is the repository root, as cargo runs tests).
    pub fn dir(mut self, dir: impl AsRef<Path>) -> Cmd {
        self.dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Cmd {
        self.env.push((key.into(), Some(value.as_ref().to_os_string())));
        self
    }

    /// Removes an environment variable.
    pub fn env_remove(mut self, key: &str) -> Cmd {
        self.env.push((key.into(), None));
        self
    }

    /// Text shown with the run when an assertion on it fails.
    pub fn context(mut self, text: impl Into<String>) -> Cmd {
        self.context = text.into();
        self
    }

    /// The `std::process::Command`, stdout and stderr piped.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(super::BIN);
        cmd.args(&self.args).stdout(Stdio::piped()).stderr(Stdio::piped());
        if let Some(d) = &self.dir {
            cmd.current_dir(d);
        }
        for (k, v) in &self.env {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd
    }

    /// Runs to the end and returns what happened.
    pub fn run(&self) -> Run {
        let out = self.command().output().expect("the sunrota binary runs");
        self.finish(out)
    }

    /// What a finished process of this command did. Every run is checked
    /// for two things no test wants: a panic, and `plan`'s own check
    /// refuting the summary it wrote.
    pub fn finish(&self, out: Output) -> Run {
        let args: Vec<String> = self.args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        let run = Run {
            stdout: String::from_utf8(out.stdout)
                .unwrap_or_else(|e| panic!("stdout of sunrota {} is not UTF-8: {e}", args.join(" "))),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code(),
            context: self.context.clone(),
            args,
        };
        assert!(!run.stderr.contains("panicked"), "the binary panicked\n{run}");
        assert!(
            !run.stderr.contains("does not confirm the planner's summary"),
            "check refutes the summary plan wrote\n{run}"
        );
        run
    }
}

/// `sunrota ARGS...` from the repository root.
pub fn sunrota<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Cmd::new(args).run()
}
