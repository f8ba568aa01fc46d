//! Writing snapshots: [`RecoveryWriter`], one per open project and window.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::snapshot::{SnapshotMeta, encode_into};
use super::{RecoveryDir, RecoveryError};
use crate::io::formats::ron::{WriteError, write_text_atomically};
use crate::model::Project;

/// Where one writer's snapshot goes. Cheap to clone; the panic hook keeps one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotTarget {
    file: PathBuf,
    session: Uuid,
}

impl SnapshotTarget {
    /// The snapshot file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.file
    }

    #[must_use]
    pub fn session(&self) -> Uuid {
        self.session
    }

    /// Serialises and writes the snapshot atomically. Call it off the UI thread: on a 13 MB
    /// project the serialisation alone takes far longer than a frame.
    ///
    /// # Errors
    /// Serialisation or I/O failed; the previous snapshot (if any) is then intact.
    pub fn write(&self, project: &Project, meta: &SnapshotMeta) -> Result<(), RecoveryError> {
        let pid = std::process::id();
        let written = write_text_atomically(&self.file, false, &mut |out| {
            encode_into(project, meta, pid, self.session, out)
        });
        match written {
            Ok(_) => Ok(()),
            Err(WriteError::Serialize(e)) => Err(RecoveryError::Serialize(e)),
            Err(WriteError::Io(source)) => Err(RecoveryError::Io {
                path: self.file.clone(),
                source,
            }),
        }
    }

    /// Removes the snapshot (after a clean save, or when the user discards the changes).
    ///
    /// # Errors
    /// The file exists but cannot be removed.
    pub fn delete(&self) -> Result<(), RecoveryError> {
        match fs::remove_file(&self.file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(RecoveryError::Io {
                path: self.file.clone(),
                source,
            }),
        }
    }
}

/// The lock file next to a snapshot: held while its writer lives, so no other window or
/// `stance recover` offers a snapshot that is still being kept up to date.
pub(crate) fn lock_path(snapshot: &Path) -> PathBuf {
    snapshot.with_extension("lock")
}

/// One open project's snapshot slot, named `<pid>-<session>.ron` so two windows (or two
/// projects in one window) never write the same file. Holds an OS lock on `<…>.lock` for its
/// lifetime; the OS drops it when the process dies, however it dies.
#[derive(Debug)]
pub struct RecoveryWriter {
    target: SnapshotTarget,
    lock: File,
}

impl RecoveryWriter {
    /// Reserves a new snapshot slot in `dir`. Nothing is written until [`Self::write`].
    ///
    /// # Errors
    /// The lock file cannot be created or locked.
    pub fn create(dir: &RecoveryDir) -> Result<Self, RecoveryError> {
        let session = Uuid::new_v4();
        let file = dir
            .path()
            .join(format!("{}-{session}.ron", std::process::id()));
        let lock_file = lock_path(&file);
        let io_error = |source| RecoveryError::Io {
            path: lock_file.clone(),
            source,
        };
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_file)
            .map_err(io_error)?;
        lock.try_lock().map_err(|e| match e {
            fs::TryLockError::Error(e) => io_error(e),
            fs::TryLockError::WouldBlock => RecoveryError::InUse {
                path: lock_file.clone(),
            },
        })?;
        Ok(Self {
            target: SnapshotTarget { file, session },
            lock,
        })
    }

    #[must_use]
    pub fn target(&self) -> &SnapshotTarget {
        &self.target
    }

    /// See [`SnapshotTarget::write`].
    ///
    /// # Errors
    /// As [`SnapshotTarget::write`].
    pub fn write(&self, project: &Project, meta: &SnapshotMeta) -> Result<(), RecoveryError> {
        self.target.write(project, meta)
    }

    /// See [`SnapshotTarget::delete`].
    ///
    /// # Errors
    /// As [`SnapshotTarget::delete`].
    pub fn delete(&self) -> Result<(), RecoveryError> {
        self.target.delete()
    }
}

impl Drop for RecoveryWriter {
    fn drop(&mut self) {
        // A snapshot left behind (the app closed with unsaved work) stays for the next start;
        // without one the lock file has no purpose. Best effort either way.
        let _unlocked = self.lock.unlock();
        if !self.target.file.exists() {
            let _removed = fs::remove_file(lock_path(&self.target.file));
        }
    }
}
