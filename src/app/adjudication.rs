//! The adjudication controller: the compare view's queue — walking it, deciding its items
//! (each decision one undo step) — and bringing in other annotators' projects to compare.

use std::path::PathBuf;

use super::view::MainView;
use super::workbench::Workbench;
use crate::model::AnnotationId;
use crate::team::adjudication::{self, Choice, Item};
use crate::ui::compare::{QueueAction, elsewhere_notice, item_elsewhere};
use crate::ui::file_dialog::{DialogPurpose, DialogRequest};

/// A key or button of the compare view's adjudication queue.
pub(super) fn act(wb: &mut Workbench, ctx: &egui::Context, action: QueueAction) {
    if matches!(action, QueueAction::Next | QueueAction::Previous) {
        // Tab walks the queue here, not egui's focus (it focused the File menu).
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    if action == QueueAction::AcceptAgreements {
        let now = wb.edit_context().now;
        match adjudication::accept_agreements(&wb.session.project, now) {
            Some(decision) => {
                let label = "Adjudicate: Keep Agreed Spans";
                let message = decision.message();
                if wb.edit(ctx, Ok(decision.edit), label, None) && !message.is_empty() {
                    wb.toasts.warning(ctx, format!("{label}: {message}"));
                }
            }
            None => wb.toasts.info(ctx, "No agreed spans left to keep"),
        }
        return;
    }
    let queue = adjudication::queue(&wb.session.project);
    let Some(last) = queue.len().checked_sub(1) else {
        wb.toasts.info(ctx, "Nothing left to adjudicate");
        return;
    };
    let position = wb.view.queue_position.min(last);
    let elsewhere = item_elsewhere(&wb.session.project, &queue[position], wb.view.document);
    match action {
        QueueAction::AcceptAgreements => {}
        // The current item's document is not shown (another was picked): N goes there
        // first, rather than past an item the user never saw.
        QueueAction::Next if elsewhere.is_some() => go_to_item(wb, &queue, position),
        QueueAction::Decide(_) if let Some(document) = elsewhere => {
            let notice = elsewhere_notice(&wb.session.project, document);
            wb.toasts.info(ctx, format!("Not decided. {notice}"));
        }
        QueueAction::Next => go_to_item(wb, &queue, (position + 1) % queue.len()),
        QueueAction::Previous => go_to_item(wb, &queue, (position + last) % queue.len()),
        QueueAction::Edit => {
            let item = &queue[position];
            match adjudication::annotations_of_item(&wb.session.project, item).first() {
                Some(&id) => {
                    wb.view.main_view = MainView::Article;
                    wb.select(id, true, true);
                }
                None => wb.toasts.info(
                    ctx,
                    "This conflict is not about an annotation: edit the item in the \
                     sidebar or the Schema window, then reject the conflict (R)",
                ),
            }
        }
        QueueAction::Decide(choice) => {
            let cx = wb.edit_context();
            let decision = adjudication::decide(
                &wb.session.project,
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
                Ok(decision) => {
                    let message = decision.message();
                    if wb.edit(ctx, Ok(decision.edit), label, None) {
                        // A link that could not follow its annotation is named, never
                        // dropped unseen; the decision is one undo step.
                        if !message.is_empty() {
                            wb.toasts.warning(ctx, format!("{label}: {message}"));
                        }
                        // The decided item left the queue; the next one is at its place.
                        let queue = adjudication::queue(&wb.session.project);
                        go_to_item(wb, &queue, position);
                    }
                }
                Err(e) => wb.toasts.warning(ctx, format!("{label}: {e}")),
            }
        }
    }
}

/// Ctrl+3: the compare view, its current item in the document shown. The document being
/// read is kept if it has something to decide; else the current item's document is shown,
/// so the lanes never show one document while the keys decide an item of another.
pub(super) fn show_compare_view(wb: &mut Workbench) {
    wb.view.main_view = MainView::Compare;
    let project = &wb.session.project;
    let queue = adjudication::queue(project);
    let Some(last) = queue.len().checked_sub(1) else {
        return;
    };
    let position = wb.view.queue_position.min(last);
    let in_document = |item: &Item| {
        wb.view.document.is_some()
            && adjudication::document_of_item(project, item) == wb.view.document
    };
    let position = if queue.get(position).is_some_and(in_document) {
        position
    } else {
        queue.iter().position(in_document).unwrap_or(position)
    };
    go_to_item(wb, &queue, position);
}

/// Another document was picked in the compare view: its first item becomes current, so
/// the keys decide what the lanes show. A document with nothing to decide keeps the item.
pub(super) fn follow_document_in_queue(wb: &mut Workbench) {
    let project = &wb.session.project;
    let Some(document) = wb.view.document else {
        return;
    };
    let queue = adjudication::queue(project);
    if let Some(position) = (queue.iter())
        .position(|item| adjudication::document_of_item(project, item) == Some(document))
    {
        wb.view.queue_position = position;
    }
}

/// Makes the item at `position` current and shows its document.
fn go_to_item(wb: &mut Workbench, queue: &[Item], position: usize) {
    let position = position.min(queue.len().saturating_sub(1));
    wb.view.queue_position = position;
    if let Some(document) = queue
        .get(position)
        .and_then(|item| adjudication::document_of_item(&wb.session.project, item))
        && wb.view.document != Some(document)
    {
        wb.view.document = Some(document);
        wb.view.selected = None;
        wb.view.text_selection = None;
    }
}

/// File → Compare With…: asks for the other annotators' projects.
pub(super) fn start_compare_with_dialog(wb: &mut Workbench, ctx: &egui::Context) {
    let request = DialogRequest::new(DialogPurpose::CompareWith, "Compare With")
        .filter("Stance project", &["ron"]);
    wb.file_dialogs.start(request, ctx);
}

/// Brings in each project's annotations of shared documents under its annotator (or its
/// file name), one undo step per project, then shows the compare view.
pub(super) fn compare_with(wb: &mut Workbench, ctx: &egui::Context, paths: &[PathBuf]) {
    for path in paths {
        let loaded = match crate::io::load_project(path) {
            Ok(loaded) => loaded,
            Err(e) => {
                wb.toasts.warning(ctx, e.to_string());
                continue;
            }
        };
        let coder = path.file_stem().map_or_else(
            || crate::ui::file_name(path),
            |s| s.to_string_lossy().into_owned(),
        );
        let edit =
            adjudication::import_for_comparison(&wb.session.project, &loaded.project, &coder);
        let label = format!("Compare With {}", crate::ui::file_name(path));
        match edit {
            Ok(edit) => {
                if wb.edit(ctx, Ok(edit), &label, None) {
                    wb.view.queue_position = 0;
                    show_compare_view(wb);
                }
            }
            Err(e) => wb.toasts.warning(ctx, format!("{label}: {e}")),
        }
    }
}
