//! [`RecoveryWorker`]: a [`RecoveryWriter`] on its own thread, so serialising and writing a
//! snapshot never happens on the UI thread.
//!
//! Two ways to hand it the project:
//! - **Mirror** (for big projects): [`RecoveryWorker::reset`] once when a project is opened or
//!   replaced (an `Arc` of it; the worker makes its own copy), then [`RecoveryWorker::apply`]
//!   every edit the app applies (undo and redo included: the edits they apply), and
//!   [`RecoveryWorker::snapshot`] when the policy says so. The UI thread only moves small
//!   `Edit` values. (Measured on the 13 MB benchmark project, release build: a full clone
//!   takes 14–18 ms, a frame's whole budget; serialising and writing 150–200 ms.)
//! - **Whole project**: [`RecoveryWorker::submit`] an `Arc<Project>` (a clone), fine for
//!   projects of a few MB.
//!
//! Jobs queue up; a batch of queued jobs is applied in order and then at most one file
//! operation runs: the last snapshot or delete asked for.

use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use super::RecoveryError;
use super::panic_hook::{Mirror, PanicProject, PanicSnapshot};
use super::snapshot::SnapshotMeta;
use super::writer::{RecoveryWriter, SnapshotTarget};
use crate::model::{Edit, Project};

enum Job {
    Write(Arc<Project>, SnapshotMeta),
    Reset(Arc<Project>),
    Apply(Edit),
    Snapshot(SnapshotMeta),
    Delete,
    /// Answers once every job before it is done.
    Flush(Sender<()>),
}

/// The file operation a batch of jobs ends with.
enum FileOp {
    Write(Arc<Project>, SnapshotMeta),
    WriteMirror(SnapshotMeta),
    Delete,
}

pub struct RecoveryWorker {
    sender: Option<Sender<Job>>,
    errors: Receiver<RecoveryError>,
    thread: Option<JoinHandle<()>>,
    target: SnapshotTarget,
    mirror: Mirror,
}

impl RecoveryWorker {
    /// Starts the worker; `on_done` runs after each batch (e.g. `ctx.request_repaint()`).
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
        let mirror: Mirror = Arc::new(Mutex::new(None));
        let shared = Arc::clone(&mirror);
        let thread = std::thread::Builder::new()
            .name("recovery-snapshot".to_owned())
            .spawn(move || {
                // Why the mirror was dropped, until the next reset.
                let mut diverged = None;
                while let Ok(job) = jobs.recv() {
                    let batch = std::iter::once(job).chain(jobs.try_iter());
                    let result = run_batch(&writer, &shared, &mut diverged, batch);
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
            mirror,
        })
    }

    #[must_use]
    pub fn target(&self) -> &SnapshotTarget {
        &self.target
    }

    /// Queues a snapshot of `project` as given (whole-project mode).
    pub fn submit(&self, project: Arc<Project>, meta: SnapshotMeta) {
        self.send(Job::Write(project, meta));
    }

    /// Mirror mode: the project as opened, restored or replaced; the worker copies it.
    pub fn reset(&self, project: Arc<Project>) {
        self.send(Job::Reset(project));
    }

    /// Mirror mode: an edit the app applied to its project, in the same order.
    pub fn apply(&self, edit: Edit) {
        self.send(Job::Apply(edit));
    }

    /// Mirror mode: queues a snapshot of the mirror.
    pub fn snapshot(&self, meta: SnapshotMeta) {
        self.send(Job::Snapshot(meta));
    }

    /// Queues removing the snapshot (after a clean save or a discard).
    pub fn delete(&self) {
        self.send(Job::Delete);
    }

    /// Blocks until every job queued so far is done (e.g. before the app exits).
    pub fn flush(&self) {
        let (done, wait) = std::sync::mpsc::channel();
        self.send(Job::Flush(done));
        let _answered = wait.recv();
    }

    /// What the panic hook should write for this worker in mirror mode (put it in the
    /// [`super::PanicSlot`] while there are unsaved edits).
    #[must_use]
    pub fn panic_snapshot(&self, meta: SnapshotMeta) -> PanicSnapshot {
        PanicSnapshot {
            target: self.target.clone(),
            project: PanicProject::Mirror(Arc::clone(&self.mirror)),
            meta,
        }
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

/// Applies a batch of jobs in order, then runs the last file operation asked for.
fn run_batch(
    writer: &RecoveryWriter,
    mirror: &Mirror,
    diverged: &mut Option<crate::model::EditError>,
    batch: impl Iterator<Item = Job>,
) -> Result<(), RecoveryError> {
    let mut guard = mirror.lock().unwrap_or_else(PoisonError::into_inner);
    let mut file_op = None;
    let mut flushed = Vec::new();
    for job in batch {
        match job {
            Job::Write(project, meta) => file_op = Some(FileOp::Write(project, meta)),
            Job::Snapshot(meta) => file_op = Some(FileOp::WriteMirror(meta)),
            Job::Delete => file_op = Some(FileOp::Delete),
            Job::Flush(done) => flushed.push(done),
            Job::Reset(project) => {
                *guard = Some(Project::clone(&project));
                *diverged = None;
            }
            Job::Apply(edit) => {
                if let Some(project) = guard.as_mut()
                    && let Err(e) = project.apply(edit)
                {
                    // The copy no longer matches the app's project: stop writing it.
                    *guard = None;
                    *diverged = Some(e);
                }
            }
        }
    }
    let result = match file_op {
        None => Ok(()),
        Some(FileOp::Write(project, meta)) => writer.write(&project, &meta),
        Some(FileOp::Delete) => writer.delete(),
        Some(FileOp::WriteMirror(meta)) => match guard.as_ref() {
            Some(project) => writer.write(project, &meta),
            None => Err(RecoveryError::NoMirror {
                diverged: diverged.clone(),
            }),
        },
    };
    // The answers go after the file operation, which may come from a job before the flush.
    for done in flushed {
        let _answered = done.send(());
    }
    result
}
