//! [`Session`]: the project being edited and everything that decides what is on disk — its
//! undo history, its file, saves in flight and the recovery snapshot. Never drawn directly;
//! panels read it.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use chrono::Utc;

use super::autosave::{self, Autosave};
use super::dialog::Pending;
use super::text_check::TextCheck;
use crate::io::recovery::SnapshotMeta;
use crate::io::{FileFingerprint, SaveError};
use crate::model::{Edit, EditError, History, Project};

/// The open project and its file.
pub(super) struct Session {
    pub(super) project: Project,
    pub(super) history: History,
    /// Where the project was last opened from or saved to.
    pub(super) path: Option<PathBuf>,
    /// The file at `path` as loaded or last saved: a save checks it is still there, so it
    /// never overwrites someone else's change silently.
    pub(super) fingerprint: Option<FileFingerprint>,
    pub(super) save_job: Option<SaveJob>,
    /// A save asked for while `save_job` ran; it starts when that one has finished.
    pub(super) queued_save: Option<PathBuf>,
    /// What to do once a save started for the unsaved-changes prompt has finished.
    pub(super) after_save: Option<Pending>,
    /// Counts each time the project or its file is replaced (open, save to another file):
    /// what watches the file starts over when it moves.
    pub(super) file_revision: u64,
    /// The recovery snapshot; `None` without a recovery folder (tests, benchmarks).
    pub(super) autosave: Option<Autosave>,
    /// Debug builds: panic after this many edits (to try the panic snapshot).
    pub(super) panic_after_edits: Option<u64>,
    edits_applied: u64,
    /// Which documents' texts no longer match their stored hash, refreshed once per frame.
    pub(super) text_check: TextCheck,
}

impl Session {
    /// A new unsaved session on `project`.
    pub(super) fn new(project: Project) -> Self {
        Self {
            project,
            history: History::new(),
            path: None,
            fingerprint: None,
            save_job: None,
            queued_save: None,
            after_save: None,
            file_revision: 0,
            autosave: None,
            panic_after_edits: None,
            edits_applied: 0,
            text_check: TextCheck::default(),
        }
    }

    /// Puts `project` in place of the current one, with a fresh history. A save in flight
    /// keeps running: its file is written and reported as before.
    pub(super) fn replace_project(
        &mut self,
        project: Project,
        path: Option<PathBuf>,
        fingerprint: Option<FileFingerprint>,
    ) {
        if let Some(autosave) = &mut self.autosave {
            autosave.reset(&project);
        }
        self.project = project;
        self.history = History::new();
        self.set_file(path, fingerprint);
    }

    /// The project's file is now `path`, as it was read or written (`fingerprint`).
    pub(super) fn set_file(&mut self, path: Option<PathBuf>, fingerprint: Option<FileFingerprint>) {
        self.path = path;
        self.fingerprint = fingerprint;
        self.file_revision += 1;
    }

    /// True while the project differs from its file.
    pub(super) fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// What a snapshot records about the file.
    pub(super) fn snapshot_meta(&self) -> SnapshotMeta {
        autosave::meta(self.path.as_ref(), self.fingerprint.as_ref())
    }

    /// Applies an edit through the history: the one place edits reach the project, so the
    /// recovery mirror sees each of them.
    pub(super) fn apply_edit(
        &mut self,
        edit: Edit,
        label: &str,
        coalesce_key: Option<&str>,
    ) -> Result<(), EditError> {
        let copy = self.autosave.as_ref().map(|_| edit.clone());
        self.history
            .apply(&mut self.project, edit, label, coalesce_key, Utc::now())?;
        if let (Some(autosave), Some(copy)) = (&mut self.autosave, copy) {
            autosave.edited(copy, Instant::now());
        }
        self.count_edit();
        Ok(())
    }

    /// Undoes the newest step; returns its label, or `None` if it could not be undone.
    pub(super) fn undo(&mut self) -> Option<String> {
        let edits = self
            .autosave
            .as_ref()
            .map(|_| self.history.undo_edits().to_vec());
        let label = self.history.undo(&mut self.project)?;
        self.mirror(edits);
        Some(label)
    }

    /// Redoes the newest undone step; returns its label, or `None` if it could not be redone.
    pub(super) fn redo(&mut self) -> Option<String> {
        let edits = self
            .autosave
            .as_ref()
            .map(|_| self.history.redo_edits().to_vec());
        let label = self.history.redo(&mut self.project)?;
        self.mirror(edits);
        Some(label)
    }

    fn mirror(&mut self, edits: Option<Vec<Edit>>) {
        if let (Some(autosave), Some(edits)) = (&mut self.autosave, edits) {
            let now = Instant::now();
            for edit in edits {
                autosave.edited(edit, now);
            }
        }
        self.count_edit();
    }

    fn count_edit(&mut self) {
        self.edits_applied += 1;
        if self
            .panic_after_edits
            .is_some_and(|n| self.edits_applied >= n)
        {
            // A deliberate crash, asked for by a debug-only setting (see `with_panic_after_edits`).
            panic!(
                "a deliberate panic after {} edits (debug builds only)",
                self.edits_applied
            );
        }
    }
}

/// A save running on a worker thread.
pub(super) struct SaveJob {
    pub(super) receiver: Receiver<Result<FileFingerprint, SaveError>>,
    pub(super) path: PathBuf,
    /// The history state that was saved.
    pub(super) state: u64,
}
