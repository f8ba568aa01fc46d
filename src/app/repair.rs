//! The needs-repair window opened from the menu, and Re-anchor: accepting a document text
//! edited outside the app and moving its annotations to where their quotes now are.

use super::StanceApp;
use super::files::RepairState;
use super::intent::Dialog;
use chrono::Utc;

use std::collections::HashMap;

use crate::model::{DocumentId, Project, Reanchored};
use crate::ui::Action;
use crate::ui::dialogs::RepairChoice;

/// The documents whose text was edited outside Stance (its stored hash no longer matches).
/// While one remains, the status bar says so and Save refuses to overwrite the project file.
///
/// Hashing every text after every edit would cost time on long articles, so each text is
/// hashed once, keyed by what can change it: its document, stored hash and length (a text is
/// only replaced together with its hash, by re-anchoring or undoing it).
#[derive(Debug, Default)]
pub(super) struct TextCheck {
    revision: Option<u64>,
    is_matching: HashMap<(DocumentId, String, usize), bool>,
    /// Titles of the documents whose text does not match, in project order.
    mismatched: Vec<String>,
    /// Every problem of the project while a text does not match (what the window lists).
    problem_count: usize,
}

impl TextCheck {
    /// Brings the check up to date with `project` (cheap when nothing changed).
    pub(super) fn refresh(&mut self, project: &Project) {
        if self.revision == Some(project.revision()) {
            return;
        }
        self.revision = Some(project.revision());
        let mut mismatched = Vec::new();
        let mut seen = HashMap::with_capacity(project.documents().len());
        for doc in project.documents() {
            let key = (doc.id, doc.text_hash.clone(), doc.text.len());
            let is_matching = match self.is_matching.get(&key) {
                Some(&known) => known,
                None => doc.hash_matches(),
            };
            if !is_matching {
                mismatched.push(doc.title.clone());
            }
            seen.insert(key, is_matching);
        }
        // Forget texts that are gone, so the cache follows the project's size.
        self.is_matching = seen;
        self.problem_count = if mismatched.is_empty() {
            0
        } else {
            project.problems().len()
        };
        self.mismatched = mismatched;
    }

    /// Titles of the documents whose text was changed outside Stance.
    pub(super) fn mismatched(&self) -> &[String] {
        &self.mismatched
    }

    /// The number of problems to report in the status bar: zero unless a text was changed.
    pub(super) fn problem_count(&self) -> usize {
        self.problem_count
    }
}

impl StanceApp {
    /// Save over the project file is refused while a text was changed outside Stance: the
    /// stored quotes are then the only record of what each annotation meant, and re-anchoring
    /// needs them. Returns true (and opens the Problems window) if it refused.
    pub(super) fn refuse_save_over_changed_text(&mut self, ctx: &egui::Context) -> bool {
        self.session.text_check.refresh(&self.session.project);
        let Some(title) = self.session.text_check.mismatched().first().cloned() else {
            return false;
        };
        let others = self.session.text_check.mismatched().len() - 1;
        let also = if others > 0 {
            format!(" (and {others} other document(s))")
        } else {
            String::new()
        };
        self.toasts.warning(
            ctx,
            format!(
                "Not saved: the text of \"{title}\"{also} was changed outside Stance. \
                 Re-anchor it in Project > Problems first, or Save As to keep this state in another file."
            ),
        );
        // The save was for a pending close or open: that waits too, nothing is discarded.
        self.session.after_save = None;
        self.open_problems();
        true
    }

    /// Project → Problems…: the needs-repair window for the project as it is now.
    pub(super) fn open_problems(&mut self) {
        let project = &self.session.project;
        let file_name = (self.session.path.as_deref())
            .map_or_else(|| project.title().to_owned(), crate::ui::file_name);
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

impl StanceApp {
    /// The needs-repair window's answer. Fixing or deleting is undoable; showing one
    /// selects it.
    pub(super) fn answer_repair(&mut self, ctx: &egui::Context, choice: RepairChoice) {
        match choice {
            RepairChoice::Fix(id) => {
                let edit = self
                    .session
                    .project
                    .repair_annotation(id, chrono::Utc::now());
                self.edit(ctx, edit, "Repair Annotation", None);
            }
            RepairChoice::Reanchor(doc) => self.reanchor_document(ctx, doc),
            RepairChoice::Delete(id) => {
                let edit = self.session.project.delete_annotation(id);
                self.edit(ctx, edit, "Delete Broken Annotation", None);
            }
            RepairChoice::Select(id) => self.apply_action(
                ctx,
                Action::SelectAnnotation {
                    id,
                    scroll_article: true,
                },
            ),
            RepairChoice::Close => {
                if matches!(self.dialog, Dialog::Repair(_)) {
                    self.dialog = Dialog::None;
                }
            }
        }
    }

    /// Recomputes the needs-repair window's problems when the project has changed, so
    /// drawing it only reads them.
    pub(super) fn refresh_repair_problems(&mut self) {
        let revision = self.session.project.revision();
        if let Dialog::Repair(repair) = &mut self.dialog
            && repair.problems.0 != revision
        {
            repair.problems = (revision, self.session.project.problems());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn the_text_check_follows_edits_and_re_anchoring() {
        let mut project = Project::new("p");
        let doc = Document::new("Talks", "Officials said talks resumed.".to_owned());
        let id = doc.id;
        let added = project.add_document(doc);
        assert!(project.apply(added).is_ok());
        let mut check = TextCheck::default();
        check.refresh(&project);
        assert!(check.mismatched().is_empty());
        assert_eq!(check.problem_count(), 0);

        // Edited outside: the stored hash no longer matches.
        project.rebuild(|parts| {
            if let Some(doc) = parts.documents.first_mut() {
                doc.text = "Officials said the talks resumed.".to_owned();
            }
        });
        check.refresh(&project);
        assert_eq!(check.mismatched(), ["Talks".to_owned()]);
        assert!(check.problem_count() >= 1);

        let text = project.documents()[0].text.clone();
        let reanchored = project.reanchor_document(id, &text, Utc::now());
        let Ok((_, edit)) = reanchored else {
            panic!("re-anchoring failed: {reanchored:?}");
        };
        assert!(project.apply(edit).is_ok());
        check.refresh(&project);
        assert!(check.mismatched().is_empty());
        assert_eq!(check.problem_count(), 0);
    }
}
