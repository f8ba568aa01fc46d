//! [`Session`]: the project being edited and everything that decides what is on disk — its
//! undo history, its file, and saves in flight. Never drawn directly; panels read it.

use std::path::PathBuf;

use super::files::{Pending, SaveJob};
use crate::model::{History, Project};
use crate::ui::export_dialog::ExportRequest;

/// The open project and its file.
pub(super) struct Session {
    pub(super) project: Project,
    pub(super) history: History,
    /// Where the project was last opened from or saved to.
    pub(super) path: Option<PathBuf>,
    pub(super) save_job: Option<SaveJob>,
    /// A save asked for while `save_job` ran; it starts when that one has finished.
    pub(super) queued_save: Option<PathBuf>,
    /// What to do once a save started for the unsaved-changes prompt has finished.
    pub(super) after_save: Option<Pending>,
    /// An export waiting for the save dialog (and any overwrite confirmation) to name its file.
    pub(super) pending_export: Option<ExportRequest>,
    /// Counts and lookups of `project`, refreshed once per frame after intents are applied.
    pub(super) index: crate::model::IndexCache,
}

impl Session {
    /// A new unsaved session on `project`.
    pub(super) fn new(project: Project) -> Self {
        Self {
            project,
            history: History::new(),
            path: None,
            save_job: None,
            queued_save: None,
            after_save: None,
            pending_export: None,
            index: crate::model::IndexCache::default(),
        }
    }

    /// Puts `project` in place of the current one, with a fresh history. A save in flight
    /// keeps running: its file is written and reported as before.
    pub(super) fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.project = project;
        self.history = History::new();
        self.path = path;
    }
}
