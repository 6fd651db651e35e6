//! The committed wrapper `./sunrota` (issue 23), the README's first command on
//! a fresh machine: which prerequisites it finds missing, what it installs
//! with which package manager (and sudo), when it stops and prints the
//! command instead, and that it then builds and runs the binary with the
//! arguments given. Hermetic: the wrapper runs with a PATH of fakes that
//! record their calls (cargo, apt-get, dnf, brew, sudo, uname, id), so
//! nothing is installed or built and no network is used.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// A sandbox: a PATH directory of fakes, a target dir, a log of calls.
struct Fresh {
    dir: TempDir,
}

/// What one run of the wrapper did.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// One line per fake call: "apt-get install -y cmake".
    calls: Vec<String>,
}

impl Fresh {
    /// A machine with bash, uname (Linux) and id (root), and nothing else.
    fn new() -> Fresh {
        let f = Fresh {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(f.bin()).unwrap();
        fs::create_dir_all(f.path("libclang")).unwrap();
        let bash = which("bash");
        std::os::unix::fs::symlink(&bash, f.bin().join("bash")).unwrap();
        std::os::unix::fs::symlink(which("env"), f.bin().join("env")).unwrap();
        f.fake("uname", "echo Linux");
        f.fake("id", "echo 0");
        // cargo "builds" a release binary that echoes its arguments.
        f.fake(
            "cargo",
            &format!(
                "d=\"$CARGO_TARGET_DIR/release\"; [ -d \"$d\" ] || /bin/mkdir -p \"$d\"\n\
                 printf '#!{bash}\\necho \"built sunrota $*\"\\n' > \"$d/sunrota\"\n\
                 /bin/chmod +x \"$d/sunrota\"",
                bash = bash.display()
            ),
        );
        f
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn bin(&self) -> PathBuf {
        self.path("bin")
    }

    /// A fake command that logs its name and arguments, then runs `body`.
    fn fake(&self, name: &str, body: &str) -> &Fresh {
        let bash = which("bash");
        let log = self.path("calls.log");
        let text = format!(
            "#!{}\nprintf '%s\\n' \"{name} $*\" >> '{}'\n{body}\n",
            bash.display(),
            log.display()
        );
        let p = self.bin().join(name);
        fs::write(&p, text).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
        self
    }

    /// cmake, make, c++ and libclang all present.
    fn complete(&self) -> &Fresh {
        self.fake("cmake", "").fake("make", "").fake("c++", "");
        fs::write(self.path("libclang/libclang.so"), "").unwrap();
        self
    }

    /// A package manager whose install makes every prerequisite present.
    fn manager(&self, name: &str) -> &Fresh {
        let bin = self.bin();
        let lib = self.path("libclang");
        let body = format!(
            "case \"$1\" in install) for t in cmake make c++; do printf '#!/bin/sh\\n' > '{b}'/$t; /bin/chmod +x '{b}'/$t; done; : > '{l}/libclang.so';; esac",
            b = bin.display(),
            l = lib.display()
        );
        self.fake(name, &body)
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Outcome {
        let wrapper = Path::new(env!("CARGO_MANIFEST_DIR")).join("sunrota");
        let out = Command::new(which("bash"))
            .arg(&wrapper)
            .args(args)
            .env_clear()
            .env("PATH", self.bin())
            .env("CARGO_TARGET_DIR", self.path("target"))
            .env("LIBCLANG_PATH", self.path("libclang"))
            .envs(env.iter().copied())
            .output()
            .unwrap();
        let calls = fs::read_to_string(self.path("calls.log")).unwrap_or_default();
        Outcome {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            calls: calls
                .lines()
                .filter(|l| !l.starts_with("uname") && !l.starts_with("id "))
                .map(str::to_string)
                .collect(),
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- calls ---\n{}",
            self.code,
            self.stdout,
            self.stderr,
            self.calls.join("\n")
        )
    }
}

fn which(tool: &str) -> PathBuf {
    for dir in ["/usr/bin", "/bin", "/usr/local/bin"] {
        let p = Path::new(dir).join(tool);
        if p.exists() {
            return p;
        }
    }
    panic!("{tool} not found in /usr/bin or /bin");
}

const BUILD: &str = "cargo build --release --quiet --manifest-path";

#[test]
fn with_everything_present_it_builds_once_and_runs_the_binary_with_the_arguments() {
    let f = Fresh::new();
    f.complete();
    let o = f.run(&["plan", "examples/three-regions.toml"], &[]);
    assert_eq!(o.code, Some(0), "{o}");
    assert_eq!(o.stdout.trim(), "built sunrota plan examples/three-regions.toml", "{o}");
    assert_eq!(o.calls.len(), 1, "only cargo runs\n{o}");
    assert!(o.calls[0].starts_with(BUILD), "{o}");
    assert!(!o.stderr.contains("needs"), "nothing is missing\n{o}");
}

#[test]
fn a_missing_cmake_is_named_and_installed_with_apt_as_root_then_it_builds_and_runs() {
    let f = Fresh::new();
    f.fake("make", "").fake("c++", "").manager("apt-get");
    fs::write(f.path("libclang/libclang.so"), "").unwrap();
    let o = f.run(&["check", "a.toml", "b.toml"], &[]);
    assert_eq!(o.code, Some(0), "{o}");
    assert!(o.stderr.contains("the solver's build needs: cmake"), "{o}");
    assert_eq!(o.calls[0], "apt-get update", "{o}");
    assert_eq!(o.calls[1], "apt-get install -y cmake", "{o}");
    assert!(o.calls[2].starts_with(BUILD), "{o}");
    assert_eq!(o.stdout.trim(), "built sunrota check a.toml b.toml", "{o}");
}

#[test]
fn as_a_user_it_installs_everything_missing_through_sudo() {
    let f = Fresh::new();
    f.fake("id", "echo 1000").manager("apt-get");
    f.fake("sudo", "\"$@\"");
    let o = f.run(&["--version"], &[]);
    assert_eq!(o.code, Some(0), "{o}");
    assert!(o.stderr.contains("needs: cmake make cxx libclang"), "{o}");
    let install = "apt-get install -y cmake make g++ libclang-dev";
    assert!(
        o.calls
            .contains(&format!("sudo env DEBIAN_FRONTEND=noninteractive {install}")),
        "{o}"
    );
    assert!(o.calls.contains(&install.to_string()), "sudo ran it\n{o}");
}

#[test]
fn without_sudo_as_a_user_it_prints_the_exact_command_and_stops() {
    let f = Fresh::new();
    f.fake("id", "echo 1000").manager("apt-get");
    let o = f.run(&["plan", "x.toml"], &[]);
    assert_eq!(o.code, Some(1), "{o}");
    assert!(
        o.stderr
            .contains("as root, run: apt-get update && apt-get install -y cmake make g++ libclang-dev"),
        "{o}"
    );
    assert!(o.calls.is_empty(), "nothing installed or built\n{o}");
}

#[test]
fn sunrota_no_install_prints_the_command_instead_of_running_it() {
    let f = Fresh::new();
    f.fake("make", "").fake("c++", "").manager("apt-get");
    let o = f.run(&["plan", "x.toml"], &[("SUNROTA_NO_INSTALL", "1")]);
    assert_eq!(o.code, Some(1), "{o}");
    assert!(o.stderr.contains("needs: cmake libclang"), "{o}");
    assert!(
        o.stderr
            .contains("run: apt-get update && apt-get install -y cmake libclang-dev"),
        "{o}"
    );
    assert!(o.calls.is_empty(), "nothing installed or built\n{o}");
}

#[test]
fn on_fedora_it_uses_dnf_and_its_package_names() {
    let f = Fresh::new();
    f.manager("dnf");
    let o = f.run(&["plan", "x.toml"], &[]);
    assert_eq!(o.code, Some(0), "{o}");
    assert_eq!(o.calls[0], "dnf install -y cmake make gcc-c++ clang-devel", "{o}");
    assert!(o.calls[1].starts_with(BUILD), "{o}");
}

#[test]
fn on_macos_it_brews_cmake_without_sudo_and_sends_to_xcode_for_the_compiler() {
    let f = Fresh::new();
    f.fake("uname", "echo Darwin").fake("id", "echo 501").manager("brew");
    f.fake("make", "").fake("c++", "");
    fs::write(f.path("libclang/libclang.so"), "").unwrap();
    let o = f.run(&["plan", "x.toml"], &[]);
    assert_eq!(o.code, Some(0), "{o}");
    assert_eq!(o.calls[0], "brew install cmake", "{o}");

    let g = Fresh::new();
    g.fake("uname", "echo Darwin").manager("brew");
    let o = g.run(&["plan", "x.toml"], &[]);
    assert_eq!(o.code, Some(1), "{o}");
    assert!(o.stderr.contains("xcode-select --install"), "{o}");
    assert!(o.calls.is_empty(), "{o}");
}

#[test]
fn with_no_known_package_manager_it_names_the_packages_and_stops() {
    let f = Fresh::new();
    let o = f.run(&["plan", "x.toml"], &[]);
    assert_eq!(o.code, Some(1), "{o}");
    assert!(o.stderr.contains("no apt-get, dnf or brew"), "{o}");
    assert!(o.stderr.contains("cmake make g++ libclang-dev"), "{o}");
    assert!(o.calls.is_empty(), "{o}");
}

#[test]
fn once_built_it_does_not_look_for_prerequisites_again() {
    let f = Fresh::new();
    f.complete();
    assert_eq!(f.run(&["plan"], &[]).code, Some(0));
    for tool in ["cmake", "make", "c++"] {
        fs::remove_file(f.bin().join(tool)).unwrap();
    }
    fs::write(f.path("calls.log"), "").unwrap();
    let o = f.run(&["show", "r.toml"], &[]);
    assert_eq!(o.code, Some(0), "{o}");
    assert_eq!(o.stdout.trim(), "built sunrota show r.toml", "{o}");
    assert_eq!(o.calls.len(), 1, "{o}");
}

#[test]
fn prerequisites_alone_checks_and_installs_without_building() {
    let f = Fresh::new();
    f.manager("apt-get");
    let o = f.run(&["--prerequisites"], &[]);
    assert_eq!(o.code, Some(0), "{o}");
    assert!(o.stderr.contains("build prerequisites present"), "{o}");
    assert_eq!(
        o.calls,
        ["apt-get update", "apt-get install -y cmake make g++ libclang-dev"],
        "{o}"
    );
}

#[test]
fn libclang_is_found_by_its_versioned_names_but_not_mistaken_for_libclang_cpp() {
    let f = Fresh::new();
    f.fake("cmake", "").fake("make", "").fake("c++", "");
    let lib = f.path("llvm");
    fs::create_dir_all(&lib).unwrap();
    fs::write(lib.join("libclang-cpp.so"), "").unwrap();
    let dirs = lib.to_str().unwrap().to_string();
    let env = [
        ("LIBCLANG_PATH", ""),
        ("SUNROTA_LIBCLANG_DIRS", dirs.as_str()),
        ("SUNROTA_NO_INSTALL", "1"),
    ];
    let o = f.run(&["--prerequisites"], &env);
    assert_eq!(o.code, Some(1), "libclang-cpp.so is not libclang\n{o}");
    assert!(o.stderr.contains("needs: libclang"), "{o}");
    fs::write(lib.join("libclang-14.so"), "").unwrap();
    let o = f.run(&["--prerequisites"], &env);
    assert_eq!(o.code, Some(0), "libclang-14.so is libclang\n{o}");
    // LIBCLANG_PATH may name the file itself, as clang-sys accepts.
    let file = lib.join("libclang-14.so");
    let o = f.run(
        &["--prerequisites"],
        &[
            ("LIBCLANG_PATH", file.to_str().unwrap()),
            ("SUNROTA_LIBCLANG_DIRS", "/nonexistent"),
        ],
    );
    assert_eq!(o.code, Some(0), "{o}");
}

#[test]
fn without_cargo_it_says_how_to_get_rust() {
    let f = Fresh::new();
    f.complete();
    fs::remove_file(f.bin().join("cargo")).unwrap();
    let o = f.run(&["plan", "x.toml"], &[]);
    assert_eq!(o.code, Some(1), "{o}");
    assert!(
        o.stderr
            .contains("cargo is not on PATH: install Rust (https://rustup.rs)"),
        "{o}"
    );
}

#[test]
fn a_failed_build_names_the_prerequisites_that_went_missing() {
    let f = Fresh::new();
    f.complete();
    assert_eq!(f.run(&["plan"], &[]).code, Some(0));
    fs::remove_file(f.bin().join("cmake")).unwrap();
    f.fake("cargo", "exit 101");
    let o = f.run(&["plan", "x.toml"], &[]);
    assert_eq!(o.code, Some(1), "{o}");
    assert!(
        o.stderr
            .contains("the build failed, and these build prerequisites are missing: cmake"),
        "{o}"
    );
    assert!(!o.stdout.contains("built sunrota"), "the old binary did not run\n{o}");
}
