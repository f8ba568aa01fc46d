//! Applying the corpus intents: stepping through documents, showing a search hit, tagging
//! all chosen hits, and importing a folder (offering a choice when it holds brat folders).

use std::path::PathBuf;

use super::StanceApp;
use super::intent::Dialog;
use crate::analysis::{HitPreset, SearchHit};
use crate::io::folder::{FolderContents, survey_folder};

impl StanceApp {
    /// Ctrl+PageDown / Ctrl+PageUp: the next or previous document in the list's order.
    pub(super) fn step_document(&mut self, step: isize) {
        let index = self.session.project.index();
        let next = self.panels.document_list.neighbour(
            &self.session.project,
            index,
            self.view.document,
            step,
        );
        if let Some(id) = next
            && self.view.document != Some(id)
        {
            self.view.document = Some(id);
            self.view.selected = None;
            self.view.text_selection = None;
            self.view.article_scroll_to = Some(0);
        }
    }

    /// Opens the hit's document with the hit selected (so a tag key tags it) and in view.
    pub(super) fn show_hit(&mut self, hit: SearchHit) {
        let Some(doc) = self.session.project.document(hit.document) else {
            return;
        };
        if hit.span.end > doc.len_chars() {
            return;
        }
        if self.view.document != Some(hit.document) {
            self.view.document = Some(hit.document);
            self.view.selected = None;
        }
        self.view.text_selection = Some(hit.span);
        self.view.article_scroll_to = Some(hit.span.start);
    }

    /// "Annotate all": one undo step, and a toast with what was tagged and skipped.
    pub(super) fn annotate_hits(
        &mut self,
        ctx: &egui::Context,
        hits: &[SearchHit],
        tag: &str,
        preset: &HitPreset,
    ) {
        let cx = self.edit_context();
        let result = crate::analysis::annotate_hits(&self.session.project, hits, tag, preset, cx);
        match result {
            Ok(annotated) => {
                let message = annotated.count.message();
                match annotated.edit {
                    Some(edit) => {
                        if self.edit(ctx, Ok(edit), "Annotate All", None) {
                            self.toasts.info(ctx, message);
                        }
                    }
                    None => self.toasts.info(ctx, message),
                }
            }
            Err(e) => self.toasts.warning(ctx, format!("Annotate all: {e}")),
        }
    }

    /// File > Import Folder (or a drop): one folder of brat folders offers them; anything
    /// else imports at once.
    pub(super) fn import_folder(&mut self, ctx: &egui::Context, paths: &[PathBuf]) {
        if let [folder] = paths
            && let Ok(FolderContents::BratFolders(folders)) = survey_folder(folder)
            && folders.len() > 1
        {
            self.open_dialog(Dialog::ChooseFolders(folders));
            return;
        }
        self.import(ctx, paths);
    }
}
