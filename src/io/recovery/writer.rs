//! Writing snapshots: [`RecoveryWriter`] (one per open project and window) and
//! [`RecoveryWorker`], which owns a writer on its own thread so the UI thread only hands over
//! an `Arc<Project>`.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::thread::JoinHandle;

use uuid::Uuid;

use super::snapshot::{SnapshotMeta, encode};
use super::{RecoveryDir, RecoveryError};
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
        let text = encode(project, meta, std::process::id(), self.session)?;
        crate::io::atomic::write_atomic(&self.file, text.as_bytes(), false).map_err(|source| {
            RecoveryError::Io {
                path: self.file.clone(),
                source,
            }
        })
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

enum Job {
    Write(Arc<Project>, SnapshotMeta),
    Delete,
}

/// A [`RecoveryWriter`] on its own thread. [`Self::submit`] and [`Self::delete`] never block:
/// jobs queue up and only the latest counts (a newer state supersedes an older one, and a
/// delete supersedes any write before it).
pub struct RecoveryWorker {
    sender: Option<Sender<Job>>,
    errors: Receiver<RecoveryError>,
    thread: Option<JoinHandle<()>>,
    target: SnapshotTarget,
}

impl RecoveryWorker {
    /// Starts the worker; `on_done` runs after each job (e.g. `ctx.request_repaint()`).
    ///
    /// # Errors
    /// The thread could not be started.
    pub fn spawn(
        writer: RecoveryWriter,
        on_done: Option<Box<dyn Fn() + Send>>,
    ) -> std::io::Result<Self> {
        let (sender, jobs) = std::sync::mpsc::channel::<Job>();
        let (error_sender, errors) = std::sync::mpsc::channel();
        let target = writer.target().clone();
        let thread = std::thread::Builder::new()
            .name("recovery-snapshot".to_owned())
            .spawn(move || {
                while let Ok(mut job) = jobs.recv() {
                    // Only the latest job counts (see the type's docs).
                    while let Ok(newer) = jobs.try_recv() {
                        job = newer;
                    }
                    let result = match &job {
                        Job::Write(project, meta) => writer.write(project, meta),
                        Job::Delete => writer.delete(),
                    };
                    if let Err(e) = result {
                        let _sent = error_sender.send(e);
                    }
                    if let Some(done) = &on_done {
                        done();
                    }
                }
            })?;
        Ok(Self {
            sender: Some(sender),
            errors,
            thread: Some(thread),
            target,
        })
    }

    #[must_use]
    pub fn target(&self) -> &SnapshotTarget {
        &self.target
    }

    /// Queues a snapshot of `project`. The caller only clones an `Arc`.
    pub fn submit(&self, project: Arc<Project>, meta: SnapshotMeta) {
        self.send(Job::Write(project, meta));
    }

    /// Queues removing the snapshot (after a clean save or a discard).
    pub fn delete(&self) {
        self.send(Job::Delete);
    }

    fn send(&self, job: Job) {
        if let Some(sender) = &self.sender {
            // The thread ends only when this worker is dropped.
            let _sent = sender.send(job);
        }
    }

    /// Errors of finished jobs since the last call (show them once, e.g. as a toast).
    #[must_use]
    pub fn take_errors(&self) -> Vec<RecoveryError> {
        self.errors.try_iter().collect()
    }

    /// Finishes the queued jobs and stops the thread; returns their errors.
    #[must_use]
    pub fn finish(mut self) -> Vec<RecoveryError> {
        self.stop();
        self.take_errors()
    }

    fn stop(&mut self) {
        self.sender = None;
        if let Some(thread) = self.thread.take() {
            let _joined = thread.join();
        }
    }
}

impl Drop for RecoveryWorker {
    fn drop(&mut self) {
        self.stop();
    }
}
