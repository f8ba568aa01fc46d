//! The links controller: link mode (`L`, click the other annotation, choose the relation
//! type) and the changes to relations the editor asks for.

use super::view::LinkMode;
use super::workbench::Workbench;
use crate::model::{AnnotationId, RelationId};

/// `L`: starts linking the selected annotation (or stops, if already linking).
pub(super) fn start(wb: &mut Workbench, ctx: &egui::Context) {
    if wb.view.link.take().is_some() {
        return;
    }
    match wb.view.selected {
        Some(from) => wb.view.link = Some(LinkMode { from, to: None }),
        None => wb
            .toasts
            .info(ctx, "Select an annotation first, then press L to link it"),
    }
}

/// While linking, a click on another annotation picks it as the target instead of selecting
/// it. True if the click was taken.
pub(super) fn pick_target(wb: &mut Workbench, id: AnnotationId) -> bool {
    let Some(link) = &mut wb.view.link else {
        return false;
    };
    if link.from != id {
        link.to = Some(id);
    }
    true
}

/// The relation type was chosen (a key of the schema's relation types): the link is made.
pub(super) fn finish(wb: &mut Workbench, ctx: &egui::Context, kind: &str) {
    let Some(LinkMode { from, to: Some(to) }) = wb.view.link.take() else {
        return;
    };
    // No toast: the editor's Links list shows the new link at once.
    let edit = wb.session.project.add_relation(kind, from, to, None);
    wb.edit(ctx, edit, "Link", None);
}

pub(super) fn cancel(wb: &mut Workbench) {
    wb.view.link = None;
}

/// A relation's note as typed; consecutive changes form one undo step.
pub(super) fn set_note(wb: &mut Workbench, ctx: &egui::Context, id: RelationId, note: &str) {
    let edit = wb.session.project.set_relation_note(id, note);
    wb.edit(
        ctx,
        edit,
        "Edit Link Note",
        Some(&format!("relation-note:{id}")),
    );
}

pub(super) fn remove(wb: &mut Workbench, ctx: &egui::Context, id: RelationId) {
    let edit = wb.session.project.delete_relation(id);
    wb.edit(ctx, edit, "Remove Link", None);
}

/// A link's arc was clicked (Show Links): the relation is selected, and nothing else is, so
/// the sidebar edits it and Delete removes it.
pub(super) fn select(wb: &mut Workbench, id: RelationId) {
    if wb.session.project.relation(id).is_none() {
        return;
    }
    wb.view.link = None;
    wb.view.selected = None;
    wb.view.text_selection = None;
    wb.view.selected_relation = Some(id);
    wb.prefs.show_sidebar = true;
}

/// A relation's type, chosen in its editor.
pub(super) fn set_kind(wb: &mut Workbench, ctx: &egui::Context, id: RelationId, kind: &str) {
    let edit = wb.session.project.set_relation_kind(id, kind);
    wb.edit(ctx, edit, "Change Link Type", None);
}

/// Delete with a relation selected: it is removed (one undo step) and nothing is selected.
pub(super) fn remove_selected(wb: &mut Workbench, ctx: &egui::Context) {
    if let Some(id) = wb.view.selected_relation.take() {
        remove(wb, ctx, id);
    }
}
