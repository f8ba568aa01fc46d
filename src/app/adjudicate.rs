//! The compare view's part of applying intents: walking the adjudication queue, deciding its
//! items (each decision one undo step) and bringing in other annotators' projects.

use std::path::PathBuf;

use super::StanceApp;
use super::view::MainView;
use crate::model::AnnotationId;
use crate::team::adjudication::{self, Choice, Item};
use crate::ui::compare::{QueueAction, elsewhere_notice, item_elsewhere};
use crate::ui::file_dialog::{DialogPurpose, DialogRequest};

impl StanceApp {
    pub(super) fn adjudicate(&mut self, ctx: &egui::Context, action: QueueAction) {
        if matches!(action, QueueAction::Next | QueueAction::Previous) {
            // Tab walks the queue here, not egui's focus (it focused the File menu).
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
        if action == QueueAction::AcceptAgreements {
            let now = self.edit_context().now;
            match adjudication::accept_agreements(&self.session.project, now) {
                Some(edit) => {
                    self.edit(ctx, Ok(edit), "Adjudicate: Keep Agreed Spans", None);
                }
                None => self.toasts.info(ctx, "No agreed spans left to keep"),
            }
            return;
        }
        let queue = adjudication::queue(&self.session.project);
        let Some(last) = queue.len().checked_sub(1) else {
            self.toasts.info(ctx, "Nothing left to adjudicate");
            return;
        };
        let position = self.view.queue_position.min(last);
        let elsewhere = item_elsewhere(&self.session.project, &queue[position], self.view.document);
        match action {
            QueueAction::AcceptAgreements => {}
            // The current item's document is not shown (another was picked): N goes there
            // first, rather than past an item the user never saw.
            QueueAction::Next if elsewhere.is_some() => self.go_to_item(&queue, position),
            QueueAction::Decide(_) if let Some(document) = elsewhere => {
                let notice = elsewhere_notice(&self.session.project, document);
                self.toasts.info(ctx, format!("Not decided. {notice}"));
            }
            QueueAction::Next => self.go_to_item(&queue, (position + 1) % queue.len()),
            QueueAction::Previous => self.go_to_item(&queue, (position + last) % queue.len()),
            QueueAction::Edit => {
                let item = &queue[position];
                match adjudication::annotations_of_item(&self.session.project, item).first() {
                    Some(&id) => {
                        self.view.main_view = MainView::Article;
                        self.select(id, true, true);
                    }
                    None => self.toasts.info(
                        ctx,
                        "This conflict is not about an annotation: edit the item in the \
                         sidebar or the Schema window, then reject the conflict (R)",
                    ),
                }
            }
            QueueAction::Decide(choice) => {
                let cx = self.edit_context();
                let decision = adjudication::decide(
                    &self.session.project,
                    &queue[position],
                    choice,
                    cx.now,
                    AnnotationId::random(),
                );
                let label = match choice {
                    Choice::TakeA => "Adjudicate: Take A",
                    Choice::TakeB => "Adjudicate: Take B",
                    Choice::TakeBoth => "Adjudicate: Take Both",
                    Choice::Reject => "Adjudicate: Reject",
                };
                match decision {
                    Ok(edit) => {
                        if self.edit(ctx, Ok(edit), label, None) {
                            // The decided item left the queue; the next one is at its place.
                            let queue = adjudication::queue(&self.session.project);
                            self.go_to_item(&queue, position);
                        }
                    }
                    Err(e) => self.toasts.warning(ctx, format!("{label}: {e}")),
                }
            }
        }
    }

    /// Ctrl+3: the compare view, its current item in the document shown. The document being
    /// read is kept if it has something to decide; else the current item's document is shown,
    /// so the lanes never show one document while the keys decide an item of another.
    pub(super) fn show_compare_view(&mut self) {
        self.view.main_view = MainView::Compare;
        let project = &self.session.project;
        let queue = adjudication::queue(project);
        let Some(last) = queue.len().checked_sub(1) else {
            return;
        };
        let position = self.view.queue_position.min(last);
        let in_document = |item: &Item| {
            self.view.document.is_some()
                && adjudication::document_of_item(project, item) == self.view.document
        };
        let position = if queue.get(position).is_some_and(in_document) {
            position
        } else {
            queue.iter().position(in_document).unwrap_or(position)
        };
        self.go_to_item(&queue, position);
    }

    /// Another document was picked in the compare view: its first item becomes current, so
    /// the keys decide what the lanes show. A document with nothing to decide keeps the item.
    pub(super) fn follow_document_in_queue(&mut self) {
        let project = &self.session.project;
        let Some(document) = self.view.document else {
            return;
        };
        let queue = adjudication::queue(project);
        if let Some(position) = (queue.iter())
            .position(|item| adjudication::document_of_item(project, item) == Some(document))
        {
            self.view.queue_position = position;
        }
    }

    /// Makes the item at `position` current and shows its document.
    fn go_to_item(&mut self, queue: &[Item], position: usize) {
        let position = position.min(queue.len().saturating_sub(1));
        self.view.queue_position = position;
        if let Some(document) = queue
            .get(position)
            .and_then(|item| adjudication::document_of_item(&self.session.project, item))
            && self.view.document != Some(document)
        {
            self.view.document = Some(document);
            self.view.selected = None;
            self.view.text_selection = None;
        }
    }

    pub(super) fn start_compare_with_dialog(&mut self, ctx: &egui::Context) {
        let request = DialogRequest::new(DialogPurpose::CompareWith, "Compare With")
            .filter("Stance project", &["ron"]);
        self.file_dialogs.start(request, ctx);
    }

    /// Brings in each project's annotations of shared documents under its annotator (or its
    /// file name), one undo step per project, then shows the compare view.
    pub(super) fn compare_with(&mut self, ctx: &egui::Context, paths: &[PathBuf]) {
        for path in paths {
            let loaded = match crate::io::load_project(path) {
                Ok(loaded) => loaded,
                Err(e) => {
                    self.toasts.warning(ctx, e.to_string());
                    continue;
                }
            };
            let coder = path.file_stem().map_or_else(
                || crate::ui::file_name(path),
                |s| s.to_string_lossy().into_owned(),
            );
            let edit =
                adjudication::import_for_comparison(&self.session.project, &loaded.project, &coder);
            let label = format!("Compare With {}", crate::ui::file_name(path));
            match edit {
                Ok(edit) => {
                    if self.edit(ctx, Ok(edit), &label, None) {
                        self.view.queue_position = 0;
                        self.show_compare_view();
                    }
                }
                Err(e) => self.toasts.warning(ctx, format!("{label}: {e}")),
            }
        }
    }
}
