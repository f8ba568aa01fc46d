//! Undo and redo: the history's steps, and showing what an undone delete brought back.

use super::workbench::Workbench;
use crate::model::{AnnotationId, Edit};

pub(super) fn undo(wb: &mut Workbench, ctx: &egui::Context) {
    let restored = restored_annotation(wb.session.history.undo_edits());
    if wb.session.undo().is_none() {
        if wb.session.history.can_undo() {
            wb.toasts.warning(ctx, "This step cannot be undone");
        }
    } else if let Some(id) = restored {
        // Undoing a delete shows what came back.
        wb.select(id, true, true);
    }
}

pub(super) fn redo(wb: &mut Workbench, ctx: &egui::Context) {
    if wb.session.redo().is_none() && wb.session.history.can_redo() {
        wb.toasts.warning(ctx, "This step cannot be redone");
    }
}

/// The annotation that applying `edits` (an undo step) adds back, e.g. undoing a delete.
fn restored_annotation(edits: &[Edit]) -> Option<AnnotationId> {
    edits.iter().find_map(|edit| match edit {
        Edit::AddAnnotation(a) => Some(a.id),
        Edit::AddAnnotations(added) if added.len() == 1 => added.first().map(|a| a.id),
        Edit::Batch(inner) => restored_annotation(inner),
        _ => None,
    })
}
