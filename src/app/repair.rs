//! The needs-repair window opened from the menu, and Re-anchor: accepting a document text
//! edited outside the app and moving its annotations to where their quotes now are.

use super::StanceApp;
use super::files::RepairState;
use super::intent::Dialog;
use chrono::Utc;

use crate::model::{DocumentId, Reanchored};

impl StanceApp {
    /// Project → Problems…: the needs-repair window for the project as it is now.
    pub(super) fn open_problems(&mut self) {
        let project = &self.session.project;
        let file_name = (self.session.path.as_deref())
            .map_or_else(|| project.title.clone(), crate::ui::file_name);
        let problems = (project.revision(), project.problems());
        self.open_dialog(Dialog::Repair(RepairState {
            file_name,
            problems,
            orphans: Vec::new(),
        }));
    }

    /// Accepts the document's current (edited) text: the placed annotations move, in one undo
    /// step, and the ones that cannot be placed are listed in the window as orphans.
    pub(super) fn reanchor_document(&mut self, ctx: &egui::Context, document: DocumentId) {
        let project = &self.session.project;
        let Some(text) = project.document(document).map(|d| d.text.clone()) else {
            return;
        };
        let (reanchored, edit) = match project.reanchor_document(document, &text, Utc::now()) {
            Ok((reanchored, edit)) => (reanchored, Ok(edit)),
            Err(e) => (Reanchored::default(), Err(e)),
        };
        if !self.edit(ctx, edit, "Re-anchor Document", None) {
            return;
        }
        let (placed, orphaned) = (reanchored.placed.len(), reanchored.orphans.len());
        self.toasts.info(
            ctx,
            format!("Re-anchored {placed} annotation(s); {orphaned} could not be placed"),
        );
        if let Dialog::Repair(repair) = &mut self.dialog {
            repair.orphans = reanchored.orphans;
        }
    }
}
