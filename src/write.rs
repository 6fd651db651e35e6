//! Every file sunrota writes goes through here, so that a write never
//! destroys anything: it refuses the command's own inputs (even with
//! `--force`), a read-only file and a directory; it replaces an existing file
//! only with `--force`, when the content would be identical or when it is empty; and it writes
//! a temporary file beside the target, syncs it, renames it over the target
//! (keeping the target's permissions) and syncs the directory, removing the
//! temporary file on every error path.

use crate::error::Error;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Where a command writes, and what it must not write over.
pub struct Target<'a> {
    pub path: &'a Path,
    /// `--force`: replace an existing file whose content differs.
    pub force: bool,
    /// Files the command reads (config, rotas, earlier rotas): never written over.
    pub inputs: Vec<PathBuf>,
}

impl Target<'_> {
    /// What can be refused before any work: a directory, an input, a read-only file.
    pub fn guard(&self) -> Result<(), Error> {
        let path = self.path;
        if path.is_dir() {
            return Err(Error::invalid(
                format!("{} is a directory", path.display()),
                Some("give the name of a file to write".into()),
            ));
        }
        if let Some(input) = self.inputs.iter().find(|p| same_file(path, p)) {
            return Err(Error::invalid(
                format!("{} is an input of this command; not writing over it", input.display()),
                Some("choose another output file (--force does not change this)".into()),
            ));
        }
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(Error::invalid(
                format!(
                    "{} is not a regular file (a pipe or a device?); not writing into it",
                    path.display()
                ),
                Some("write to a file, or leave out -o to print".into()),
            ));
        }
        if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
            return Err(Error::invalid(
                format!("{} is read-only; not replacing it", path.display()),
                Some("make it writable (chmod u+w) if it should be replaced, or choose another file".into()),
            ));
        }
        Ok(())
    }

    /// For a command whose output is known only after its work (`work`: "the
    /// solve"): an existing file that is not empty is refused before that
    /// work unless `force`, since whether it differs cannot be known sooner;
    /// `hint` says how to go on.
    pub fn refuse_existing(&self, work: &str, hint: &str) -> Result<(), Error> {
        let occupied = std::fs::metadata(self.path).is_ok_and(|m| m.len() > 0);
        if occupied && !self.force {
            return Err(Error::invalid(
                format!(
                    "{} exists; not replacing it (refused before {work}: whether the result differs \
                     is known only after it)",
                    self.path.display()
                ),
                Some(hint.into()),
            ));
        }
        Ok(())
    }

    /// Writes `text`, after [`Target::guard`]; an existing different file
    /// only with `force`. Returns `false` when the file already held `text`.
    pub fn write(&self, text: &str) -> Result<bool, Error> {
        self.guard()?;
        let refuse = |why: &str| {
            Error::invalid(
                format!("{} {why}; not replacing it", self.path.display()),
                Some("pass --force to replace it, or choose another file".into()),
            )
        };
        match crate::error::read_bounded(self.path) {
            Ok(old) if old == text.as_bytes() => return Ok(false),
            // An empty file (from `mktemp`, say) holds nothing to lose.
            Ok(old) if !self.force && !old.is_empty() => return Err(refuse("exists and differs")),
            // Too large to compare, or unreadable: it is there, so only --force replaces it.
            Err(e) if e.kind() != std::io::ErrorKind::NotFound && !self.force => {
                return Err(refuse("exists and cannot be compared"))
            }
            Ok(_) | Err(_) => {}
        }
        make_parent(self.path)?;
        atomic(self.path, text)?;
        Ok(true)
    }
}

/// Whether `a` and `b` name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Creates the directory a file will be written into.
pub fn make_parent(path: &Path) -> Result<(), Error> {
    match path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e)),
        None => Ok(()),
    }
}

/// Writes `text` to `path` atomically and durably: a synced temporary file
/// beside it, renamed over it (with the old file's permissions), then the
/// directory synced. A failure leaves `path` as it was and no temporary file.
/// The temporary name is new each time (`.NAME.XXXXXX.sunrota-tmp`, created
/// exclusively), so two writes to one path never share it and nothing planted
/// at a known name is ever followed.
pub fn atomic(path: &Path, text: &str) -> Result<(), Error> {
    let dir = crate::history::folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".sunrota-tmp");
    // A new file gets the usual mode (0666 less the umask), not tempfile's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot write", path, e))?;
    let fail = |e| Error::io("cannot write", path, e);
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    if let Ok(m) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(m.permissions()).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    // On failure the temporary file is removed when `tmp` drops.
    tmp.persist(path).map_err(|e| fail(e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename durable: syncs the directory entry (where the platform can).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(path: &Path, force: bool) -> Target<'_> {
        Target {
            path,
            force,
            inputs: Vec::new(),
        }
    }

    #[test]
    fn an_existing_file_is_replaced_only_with_force_or_when_identical() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.toml");
        assert!(target(&p, false).write("a").unwrap());
        assert!(!target(&p, false).write("a").unwrap(), "identical: nothing to do");
        let err = target(&p, false).write("b").unwrap_err();
        assert!(err.to_string().contains("exists and differs"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "a");
        assert!(target(&p, true).write("b").unwrap());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "b");
        std::fs::write(&p, "").unwrap();
        assert!(
            target(&p, false).write("c").unwrap(),
            "an empty file holds nothing to lose"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn inputs_are_never_written_over_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("team.toml");
        std::fs::write(&p, "config").unwrap();
        let t = Target {
            path: &dir.path().join("./team.toml"),
            force: true,
            inputs: vec![p.clone()],
        };
        let err = t.write("rota").unwrap_err();
        assert!(err.to_string().contains("is an input of this command"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "config");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_read_only_files_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.toml");
        std::fs::write(&p, "a").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        target(&p, true).write("b").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = target(&p, true).write("c").unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "b");
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target's directory is a file: the rename (or the temp file) fails.
        let blocker = dir.path().join("x");
        std::fs::write(&blocker, "").unwrap();
        assert!(atomic(&blocker.join("r.toml"), "a").is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn writes_racing_to_one_path_all_succeed_and_leave_one_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let texts: Vec<String> = (0..6).map(|i| format!("writer {i}\n").repeat(2000)).collect();
        std::thread::scope(|s| {
            for t in &texts {
                let path = &path;
                s.spawn(move || {
                    for _ in 0..15 {
                        atomic(path, t).expect("every racing write succeeds");
                    }
                });
            }
        });
        let last = std::fs::read_to_string(&path).unwrap();
        assert!(texts.contains(&last), "the file is one writer's whole text");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["r.toml"], "no temporary file left");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_mode_not_a_temporary_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        atomic(&path, "a").unwrap();
        let usual = dir.path().join("usual");
        std::fs::File::create(&usual).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&path),
            mode(&usual),
            "the mode File::create gives under this umask"
        );
    }

    #[test]
    fn a_failed_rename_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a non-empty directory: the temporary file is written, the rename fails.
        let target = dir.path().join("r.toml");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), "x").unwrap();
        assert!(atomic(&target, "a").is_err());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["r.toml"], "no temporary file left");
    }

    #[test]
    fn a_file_too_large_to_compare_is_replaced_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.csv");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(crate::error::MAX_FILE + 1).unwrap();
        assert!(target(&p, false).write("a").is_err());
        assert_eq!(std::fs::metadata(&p).unwrap().len(), crate::error::MAX_FILE + 1);
        assert!(target(&p, true).write("a").unwrap());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "a");
    }
}
