//! `TeamDir`: a team config in its own temporary directory, plus the rotas
//! planned from it. Every run through it shows the config on failure.

use super::cmd::{Cmd, Run};
use super::rota::RotaFile;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use tempfile::TempDir;

pub struct TeamDir {
    pub dir: TempDir,
    pub config: PathBuf,
}

impl TeamDir {
    /// Writes `toml` as `team.toml` in a fresh directory.
    pub fn new(toml: &str) -> TeamDir {
        TeamDir::named("team.toml", toml)
    }

    /// Writes `toml` as `name` (the file name is the team's name in
    /// calendar UIDs) in a fresh directory.
    pub fn named(name: &str, toml: &str) -> TeamDir {
        let dir = super::tempdir();
        let config = dir.path().join(name);
        std::fs::write(&config, toml).expect("write config");
        TeamDir { dir, config }
    }

    /// Uses an existing config file (e.g. one of `examples/`) with an empty
    /// directory for the rotas.
    #[track_caller]
    pub fn at(config: PathBuf) -> TeamDir {
        assert!(config.exists(), "{} is missing", config.display());
        TeamDir {
            dir: super::tempdir(),
            config,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The config file and its text, shown when a run fails.
    pub fn context(&self) -> String {
        let text = std::fs::read_to_string(&self.config).unwrap_or_default();
        format!("--- config {} ---\n{text}", self.config.display())
    }

    /// `sunrota ARGS...`, showing the config on failure.
    pub fn cmd<I, S>(&self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Cmd::new(args).context(self.context())
    }

    /// `sunrota plan CONFIG -o DIR/out --time-limit 20 EXTRA...`
    pub fn plan(&self, out: &str, extra: &[&str]) -> Run {
        let mut args = vec!["--time-limit", "20"];
        args.extend_from_slice(extra);
        self.plan_raw(out, &args)
    }

    /// `plan CONFIG -o DIR/out EXTRA...` as arguments.
    pub fn plan_args(&self, out: &str, extra: &[&str]) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec!["plan".into(), self.config.clone().into(), "-o".into()];
        args.push(self.path(out).into_os_string());
        args.extend(extra.iter().map(std::convert::Into::into));
        args
    }

    /// `sunrota plan CONFIG -o DIR/out ARGS...`
    pub fn plan_raw(&self, out: &str, extra: &[&str]) -> Run {
        self.cmd(self.plan_args(out, extra)).run()
    }

    /// `sunrota check CONFIG DIR/rota... EXTRA...`
    pub fn check(&self, rotas: &[&str], extra: &[&str]) -> Run {
        let mut args: Vec<OsString> = vec!["check".into(), self.config.clone().into()];
        args.extend(rotas.iter().map(|r| self.path(r).into_os_string()));
        args.extend(extra.iter().map(std::convert::Into::into));
        self.cmd(args).run()
    }

    /// A rota file of this directory, read independently of sunrota.
    pub fn rota(&self, name: &str) -> RotaFile {
        RotaFile::read(&self.path(name))
    }

    /// Writes `text` as `name` in this directory.
    pub fn write(&self, name: &str, text: &str) {
        super::write(self.path(name), text);
    }

    pub fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
    }

    pub fn text(&self, name: &str) -> String {
        String::from_utf8(self.bytes(name)).expect("utf-8 rota")
    }

    /// `[summary] status` of a rota file, read as plain TOML.
    pub fn status(&self, name: &str) -> String {
        let doc: toml::Table = self
            .text(name)
            .parse()
            .unwrap_or_else(|e| panic!("{name} is not TOML: {e}\n{}", self.text(name)));
        doc["summary"]["status"].as_str().expect("summary.status").to_string()
    }

    /// A file of this directory as the binary prints its path.
    pub fn shown(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}
