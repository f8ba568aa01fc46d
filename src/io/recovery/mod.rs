//! Recovery snapshots: unsaved work kept in the app's data folder until it is saved, so a
//! crash, a kill or a power cut loses at most the last couple of seconds.
//!
//! Where: `$STANCE_DATA_DIR/recovery/` if set (tests use it), else
//! `$XDG_DATA_HOME/stance/recovery/` or `~/.local/share/stance/recovery/` (Linux),
//! `~/Library/Application Support/stance/recovery/` (macOS), `%APPDATA%\stance\recovery\`.
//! File format: see [`snapshot`].
//!
//! How the app uses it:
//! - At start: [`RecoveryDir::open_default`], then [`RecoveryDir::list`] (only snapshots whose
//!   writer is gone); for each offer Restore ([`RecoveryDir::load`]; the result is unsaved,
//!   and [`RecoveryDir::diff_with_disk`] says what differs from the file), Open the saved
//!   file, or Discard ([`RecoveryDir::discard`]). After restoring, write the project through the
//!   new writer, then discard the old snapshot.
//! - Per open project: [`RecoveryWriter::create`] → [`RecoveryWorker::spawn`]; give it the
//!   project (`reset` at open, then `apply` each edit: see [`worker`] for why not a clone).
//!   Every frame ask [`AutosavePolicy::decide`]; on `SnapshotNow` call `worker.snapshot(meta)`.
//!   After a clean save or a discard call `worker.delete()`.
//! - Panics: [`install_panic_snapshot`] once, and keep the [`PanicSlot`] holding the current
//!   project while it has unsaved edits.
//! - A file that fails to load: [`alternatives_for`] lists its `.bak` and snapshots of it.

mod panic_hook;
mod policy;
pub mod snapshot;
pub mod worker;
mod writer;

use std::fs;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use panic_hook::{
    Mirror, PanicProject, PanicSlot, PanicSnapshot, debug_panic_after_edits, install_panic_snapshot,
};
pub use policy::{AutosaveDecision, AutosavePolicy, EditTimes};
pub use snapshot::{SNAPSHOT_FORMAT, SnapshotHeader, SnapshotMeta, read_header};
pub use worker::RecoveryWorker;
pub use writer::{RecoveryWriter, SnapshotTarget};

use super::fingerprint::{FingerprintStatus, check};
use super::{LoadError, LoadedProject, load_project};
use crate::model::ProjectDiff;

/// Overrides the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "STANCE_DATA_DIR";

/// Why recovery could not do what was asked.
#[derive(Debug, Error)]
pub enum RecoveryError {
    #[error("no folder for application data: set {DATA_DIR_ENV} or HOME")]
    NoDataDir,
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not serialise the snapshot: {0}")]
    Serialize(#[source] ron::Error),
    #[error("{}: not a Stance recovery snapshot", path.display())]
    NotASnapshot { path: PathBuf },
    #[error("{}: the snapshot header is damaged: {source}", path.display())]
    BadHeader {
        path: PathBuf,
        #[source]
        source: Box<ron::error::SpannedError>,
    },
    #[error("{}: made by a newer Stance (snapshot format {found}; this build reads up to {SNAPSHOT_FORMAT})", path.display())]
    NewerSnapshot { path: PathBuf, found: u32 },
    #[error("{}: a running Stance is still using this snapshot", path.display())]
    InUse { path: PathBuf },
    /// Mirror mode: no copy to write (never reset, or an edit failed on it: `diverged`).
    #[error("the recovery copy of the project is out of date{}; reset it", diverged.as_ref().map(|e| format!(" ({e})")).unwrap_or_default())]
    NoMirror {
        diverged: Option<crate::model::EditError>,
    },
    #[error("the snapshot's project is damaged: {0}")]
    Project(#[source] Box<LoadError>),
}

impl From<LoadError> for RecoveryError {
    fn from(e: LoadError) -> Self {
        Self::Project(Box::new(e))
    }
}

/// How the project file compares with the one the snapshot's edits started from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskStatus {
    /// The project was never saved.
    Untitled,
    /// The file is as it was when loaded (or last saved): the snapshot holds newer work.
    Unchanged,
    /// The file changed since: someone saved other work there too.
    Changed,
    /// The file is gone.
    Missing,
    /// The snapshot does not know what the file was (e.g. a file written by Save As).
    Unknown,
}

/// One restorable snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotInfo {
    /// 1-based, newest first (the numbers `stance recover` shows).
    pub number: usize,
    pub file: PathBuf,
    pub header: SnapshotHeader,
    pub disk: DiskStatus,
}

/// Something to open instead of a project file that fails to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Alternative {
    /// The previous version that the last save kept (`NAME.ron.bak`).
    Backup { path: PathBuf },
    /// Unsaved work on this file.
    Snapshot(SnapshotInfo),
}

/// A project restored from a snapshot. `loaded.fingerprint` is the project *file*'s
/// fingerprint at load (from the header), ready for [`crate::io::save_project_checked`].
#[derive(Clone, Debug)]
pub struct Recovered {
    pub header: SnapshotHeader,
    pub loaded: LoadedProject,
}

/// The app's data folder: `STANCE_DATA_DIR`, else the platform's place for user data.
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var(DATA_DIR_ENV) {
        return Some(dir);
    }
    if cfg!(windows) {
        return var("APPDATA").map(|d| d.join("stance"));
    }
    let home = var("HOME");
    if cfg!(target_os = "macos") {
        return home.map(|h| h.join("Library/Application Support/stance"));
    }
    // The XDG spec says to ignore a relative XDG_DATA_HOME.
    var("XDG_DATA_HOME")
        .filter(|d| d.is_absolute())
        .or_else(|| home.map(|h| h.join(".local/share")))
        .map(|d| d.join("stance"))
}

/// The folder of snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryDir {
    root: PathBuf,
}

impl RecoveryDir {
    /// `recovery/` in [`data_dir`], created if needed (private to the user on Unix).
    ///
    /// # Errors
    /// No data folder is known, or it cannot be created.
    pub fn open_default() -> Result<Self, RecoveryError> {
        let data = data_dir().ok_or(RecoveryError::NoDataDir)?;
        Self::at(&data.join("recovery"))
    }

    /// The snapshot folder at `path`, created if needed.
    ///
    /// # Errors
    /// The folder cannot be created.
    pub fn at(path: &Path) -> Result<Self, RecoveryError> {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(path).map_err(|source| RecoveryError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self {
            root: path.to_path_buf(),
        })
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Snapshots that can be restored, newest first: readable, and not kept by a running
    /// Stance (this process included). Damaged snapshot files are left alone and skipped.
    ///
    /// # Errors
    /// The folder cannot be read.
    pub fn list(&self) -> Result<Vec<SnapshotInfo>, RecoveryError> {
        let mut found = Vec::new();
        for file in self.snapshot_files()? {
            if is_in_use(&file) {
                continue;
            }
            let Ok(header) = read_header(&file) else {
                continue;
            };
            let disk = disk_status(&header);
            found.push(SnapshotInfo {
                number: 0,
                file,
                header,
                disk,
            });
        }
        found.sort_by(|a, b| (b.header.written_at, &a.file).cmp(&(a.header.written_at, &b.file)));
        for (i, info) in found.iter_mut().enumerate() {
            info.number = i + 1;
        }
        Ok(found)
    }

    /// Snapshot files that cannot be read, with why (for `stance recover` to mention).
    ///
    /// # Errors
    /// The folder cannot be read.
    pub fn damaged(&self) -> Result<Vec<RecoveryError>, RecoveryError> {
        Ok(self
            .snapshot_files()?
            .into_iter()
            .filter_map(|file| read_header(&file).err())
            .collect())
    }

    fn snapshot_files(&self) -> Result<Vec<PathBuf>, RecoveryError> {
        let entries = fs::read_dir(&self.root).map_err(|source| RecoveryError::Io {
            path: self.root.clone(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "ron")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        files.sort();
        Ok(files)
    }

    /// Reads a snapshot's project.
    ///
    /// # Errors
    /// The snapshot is in use, unreadable or damaged.
    pub fn load(&self, info: &SnapshotInfo) -> Result<Recovered, RecoveryError> {
        if is_in_use(&info.file) {
            return Err(RecoveryError::InUse {
                path: info.file.clone(),
            });
        }
        let header = read_header(&info.file)?;
        let mut loaded = load_project(&info.file)?;
        loaded.fingerprint.clone_from(&header.loaded_fingerprint);
        Ok(Recovered { header, loaded })
    }

    /// What the snapshot changes against the project file on disk ("3 annotations added, …");
    /// `None` when there is no readable file to compare with.
    ///
    /// # Errors
    /// The snapshot cannot be read.
    pub fn diff_with_disk(
        &self,
        info: &SnapshotInfo,
    ) -> Result<Option<ProjectDiff>, RecoveryError> {
        let recovered = self.load(info)?;
        let Some(path) = info.header.project_path() else {
            return Ok(None);
        };
        let Ok(on_disk) = load_project(&path) else {
            return Ok(None);
        };
        Ok(Some(ProjectDiff::between(
            &on_disk.project,
            &recovered.loaded.project,
        )))
    }

    /// Deletes a snapshot (and its lock file).
    ///
    /// # Errors
    /// A running Stance still keeps it, or it cannot be removed.
    pub fn discard(&self, info: &SnapshotInfo) -> Result<(), RecoveryError> {
        if is_in_use(&info.file) {
            return Err(RecoveryError::InUse {
                path: info.file.clone(),
            });
        }
        fs::remove_file(&info.file).map_err(|source| RecoveryError::Io {
            path: info.file.clone(),
            source,
        })?;
        let _lock_removed = fs::remove_file(writer::lock_path(&info.file));
        Ok(())
    }

    /// Removes lock files left by writers that died before writing a snapshot (a crash or
    /// a kill with nothing unsaved): no process holds them and no snapshot goes with them.
    /// Lock files younger than a minute are left alone: their writer may be starting.
    pub fn sweep_stale_locks(&self) {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        let minute = std::time::Duration::from_secs(60);
        for lock in entries.flatten().map(|e| e.path()) {
            if lock.extension().is_none_or(|e| e != "lock") || lock.with_extension("ron").exists() {
                continue;
            }
            let is_old = fs::metadata(&lock)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= minute);
            let Ok(file) = fs::File::options().write(true).open(&lock) else {
                continue;
            };
            if is_old && file.try_lock().is_ok() {
                let _removed = fs::remove_file(&lock);
            }
        }
    }

    /// The restorable snapshots of the project file at `path`.
    ///
    /// # Errors
    /// The folder cannot be read.
    pub fn snapshots_of(&self, path: &Path) -> Result<Vec<SnapshotInfo>, RecoveryError> {
        let wanted = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        Ok(self
            .list()?
            .into_iter()
            .filter(|info| info.header.project_path().as_deref() == Some(wanted.as_path()))
            .collect())
    }
}

/// Whether a running process holds the snapshot's lock (see [`RecoveryWriter`]).
fn is_in_use(snapshot: &Path) -> bool {
    let Ok(lock) = fs::File::options()
        .write(true)
        .open(writer::lock_path(snapshot))
    else {
        // No lock file: written by a writer that is gone, or a copied-in snapshot.
        return false;
    };
    match lock.try_lock() {
        Ok(()) => {
            let _unlocked = lock.unlock();
            false
        }
        Err(fs::TryLockError::WouldBlock) => true,
        // Locks unsupported here (some network file systems): trust the pid instead.
        Err(fs::TryLockError::Error(_)) => read_header(snapshot).is_ok_and(|h| {
            h.pid != std::process::id() && super::process::is_process_alive(h.pid) != Some(false)
        }),
    }
}

fn disk_status(header: &SnapshotHeader) -> DiskStatus {
    match (header.project_path(), &header.loaded_fingerprint) {
        (None, _) => DiskStatus::Untitled,
        (Some(path), None) => {
            if path.exists() {
                DiskStatus::Unknown
            } else {
                DiskStatus::Missing
            }
        }
        (Some(path), Some(fingerprint)) => match check(&path, fingerprint) {
            FingerprintStatus::Unchanged => DiskStatus::Unchanged,
            FingerprintStatus::Changed => DiskStatus::Changed,
            FingerprintStatus::Missing => DiskStatus::Missing,
        },
    }
}

/// What to offer when `path` fails to load: its `.bak` (if there is one), then any
/// snapshots of unsaved work on it (from the default recovery folder).
#[must_use]
pub fn alternatives_for(path: &Path) -> Vec<Alternative> {
    let dir = RecoveryDir::open_default().ok();
    alternatives_in(dir.as_ref(), path)
}

/// [`alternatives_for`] with an explicit recovery folder (`None`: backups only).
#[must_use]
pub fn alternatives_in(dir: Option<&RecoveryDir>, path: &Path) -> Vec<Alternative> {
    let mut found = Vec::new();
    if let Some(name) = path.file_name() {
        let mut backup_name = name.to_os_string();
        backup_name.push(".bak");
        let backup = path.with_file_name(backup_name);
        if backup.is_file() {
            found.push(Alternative::Backup { path: backup });
        }
    }
    if let Some(dir) = dir {
        found.extend(
            dir.snapshots_of(path)
                .unwrap_or_default()
                .into_iter()
                .map(Alternative::Snapshot),
        );
    }
    found
}
