//! [`Autosave`]: keeps the open project's recovery snapshot up to date while it has unsaved
//! edits. The recovery worker holds a mirror of the project, fed every edit the history
//! applies (see `Session::apply_edit`), so the UI thread never clones or serialises it.

use std::path::PathBuf;
use std::sync::{Arc, PoisonError};
use std::time::Instant;

use crate::io::FileFingerprint;
use crate::io::recovery::{
    AutosaveDecision, AutosavePolicy, EditTimes, PanicSlot, RecoveryDir, RecoveryError,
    RecoveryWorker, RecoveryWriter, SnapshotMeta,
};
use crate::model::{Edit, Project};

/// The recovery snapshot of one open project.
pub(super) struct Autosave {
    worker: RecoveryWorker,
    pub(super) policy: AutosavePolicy,
    times: EditTimes,
    /// A snapshot was asked for since the last delete: there may be a file to delete.
    has_snapshot: bool,
    /// The panic hook's slot (the real window only) and what it was last set to.
    panic_slot: Option<PanicSlot>,
    panic_slot_for: Option<(bool, SnapshotMeta)>,
    /// An error was shown since the last reset: later ones stay quiet.
    is_error_shown: bool,
}

impl Autosave {
    /// A new snapshot slot in `dir`, its worker mirroring `project`.
    pub(super) fn start(
        dir: &RecoveryDir,
        project: &Project,
        repaint: Option<egui::Context>,
    ) -> Result<Self, RecoveryError> {
        let writer = RecoveryWriter::create(dir)?;
        let on_done: Option<Box<dyn Fn() + Send>> =
            repaint.map(|ctx| Box::new(move || ctx.request_repaint()) as Box<dyn Fn() + Send>);
        let worker =
            RecoveryWorker::spawn(writer, on_done).map_err(|source| RecoveryError::Io {
                path: dir.path().to_path_buf(),
                source,
            })?;
        worker.reset(Arc::new(project.clone()));
        Ok(Self {
            worker,
            policy: AutosavePolicy::default(),
            times: EditTimes::default(),
            has_snapshot: false,
            panic_slot: None,
            panic_slot_for: None,
            is_error_shown: false,
        })
    }

    pub(super) fn set_panic_slot(&mut self, slot: PanicSlot) {
        self.panic_slot = Some(slot);
        self.panic_slot_for = None;
    }

    /// The project was replaced (open, new, reload, restore): its unsaved edits, if any,
    /// were discarded by the user, so the snapshot goes too.
    pub(super) fn reset(&mut self, project: &Project) {
        self.delete();
        // Opening is far slower than this clone; edits are mirrored from here on.
        self.worker.reset(Arc::new(project.clone()));
        self.is_error_shown = false;
    }

    /// An edit the history applied to the project (undo and redo included).
    pub(super) fn edited(&mut self, edit: Edit, now: Instant) {
        self.worker.apply(edit);
        self.times.first_unsaved_edit.get_or_insert(now);
        self.times.last_edit = Some(now);
    }

    /// Unsaved work to keep now (a restored project): snapshot on the next frame.
    pub(super) fn snapshot_now(&mut self, meta: SnapshotMeta, now: Instant) {
        self.times.first_unsaved_edit.get_or_insert(now);
        self.times.last_edit = Some(now);
        self.times.last_snapshot = Some(now);
        self.has_snapshot = true;
        self.worker.snapshot(meta);
    }

    /// The project is as on disk (a clean save, or undone back to it): no snapshot needed.
    pub(super) fn delete(&mut self) {
        if self.has_snapshot {
            self.worker.delete();
            self.has_snapshot = false;
        }
        self.times = EditTimes::default();
    }

    /// Once per frame: snapshot when the policy says so; returns when to ask again.
    pub(super) fn tick(
        &mut self,
        is_dirty: bool,
        path: Option<&PathBuf>,
        fingerprint: Option<&FileFingerprint>,
        now: Instant,
    ) -> Tick {
        if !is_dirty {
            self.delete();
        }
        self.update_panic_slot(is_dirty, path, fingerprint);
        let mut tick = Tick::default();
        match self.policy.decide(&self.times, now) {
            AutosaveDecision::SnapshotNow => {
                self.worker.snapshot(meta(path, fingerprint));
                self.times.last_snapshot = Some(now);
                self.has_snapshot = true;
            }
            AutosaveDecision::WaitUntil(at) => tick.wake_at = Some(at),
            AutosaveDecision::Idle => {}
        }
        for error in self.worker.take_errors() {
            if matches!(error, RecoveryError::NoMirror { .. }) {
                tick.needs_mirror = true;
            }
            if !self.is_error_shown {
                self.is_error_shown = true;
                tick.error = Some(error);
            }
        }
        tick
    }

    /// The mirror went out of step (an edit failed on it): start it again from `project`
    /// and snapshot that.
    pub(super) fn resync(&mut self, project: &Project, meta: SnapshotMeta) {
        self.worker.reset(Arc::new(project.clone()));
        self.worker.snapshot(meta);
    }

    /// Blocks until every queued snapshot or delete is done.
    pub(super) fn flush(&self) {
        self.worker.flush();
    }

    /// The snapshot file this project writes.
    pub(super) fn snapshot_path(&self) -> PathBuf {
        self.worker.target().path().to_path_buf()
    }

    /// Keeps the panic hook's slot holding the mirror while there are unsaved edits; it
    /// changes rarely, so most frames only compare.
    fn update_panic_slot(
        &mut self,
        is_dirty: bool,
        path: Option<&PathBuf>,
        fingerprint: Option<&FileFingerprint>,
    ) {
        let Some(slot) = &self.panic_slot else {
            return;
        };
        if self.panic_slot_for.as_ref().is_some_and(|(d, m)| {
            *d == is_dirty
                && m.project_path.as_ref() == path
                && m.loaded_fingerprint.as_ref() == fingerprint
        }) {
            return;
        }
        let meta = meta(path, fingerprint);
        let mut pending = slot.lock().unwrap_or_else(PoisonError::into_inner);
        pending.clear();
        if is_dirty {
            pending.push(self.worker.panic_snapshot(meta.clone()));
        }
        drop(pending);
        self.panic_slot_for = Some((is_dirty, meta));
    }
}

/// What one frame's autosave asks of the app.
#[derive(Debug, Default)]
pub(super) struct Tick {
    /// Repaint then, so the snapshot is taken without input.
    pub(super) wake_at: Option<Instant>,
    /// Show this once.
    pub(super) error: Option<RecoveryError>,
    /// The mirror must be started again from the app's project.
    pub(super) needs_mirror: bool,
}

/// The snapshot's description of the open file.
pub(super) fn meta(path: Option<&PathBuf>, fingerprint: Option<&FileFingerprint>) -> SnapshotMeta {
    SnapshotMeta {
        project_path: path.cloned(),
        loaded_fingerprint: fingerprint.cloned(),
    }
}
