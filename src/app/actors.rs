//! The actors controller: the Actors view's changes — rename, affiliation, aliases, add,
//! merge — and deleting an actor, which the user confirms first because its annotations
//! silently lose their holder or target.

use super::dialog::Dialog;
use super::workbench::Workbench;
use crate::model::{Actor, ActorId};

pub(super) fn rename(wb: &mut Workbench, ctx: &egui::Context, id: ActorId, name: &str) {
    let edit = wb.session.project.rename_actor(id, name);
    wb.edit_unless_no_op(ctx, edit, "Rename Actor");
}

pub(super) fn set_affiliation(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: ActorId,
    affiliation: &str,
) {
    let edit = wb.session.project.set_affiliation(id, affiliation);
    let key = format!("affiliation:{id}");
    wb.edit(ctx, edit, "Set Affiliation", Some(&key));
}

/// The side an actor speaks for; the model refuses a cycle, and its message says so.
pub(super) fn set_side(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: ActorId,
    side: Option<ActorId>,
) {
    let edit = wb.session.project.set_side(id, side);
    wb.edit(ctx, edit, "Set Side", None);
}

/// Aliases as typed, comma-separated.
pub(super) fn set_aliases(wb: &mut Workbench, ctx: &egui::Context, id: ActorId, text: &str) {
    let edit = wb.session.project.set_aliases(id, text);
    wb.edit_unless_no_op(ctx, edit, "Set Aliases");
}

pub(super) fn add(wb: &mut Workbench, ctx: &egui::Context, name: String) {
    let edit = wb.session.project.add_actor(Actor::new(name, None));
    wb.edit(ctx, edit, "Add Actor", None);
}

pub(super) fn merge(wb: &mut Workbench, ctx: &egui::Context, from: ActorId, into: ActorId) {
    let edit = (wb.session.project).merge_actors(from, into, wb.edit_context());
    if wb.edit(ctx, edit, "Merge Actors", None) {
        wb.toasts
            .info(ctx, "Actors merged; Ctrl+Z undoes the merge");
    }
}

/// Deleting unassigns annotations silently, so the user confirms it first.
pub(super) fn ask_to_delete(wb: &mut Workbench, id: ActorId) {
    wb.dialogs.open(Dialog::ConfirmDeleteActor(id));
}

/// The delete-actor confirmation's answer.
pub(super) fn answer_delete(wb: &mut Workbench, ctx: &egui::Context, is_confirmed: bool) {
    if let Dialog::ConfirmDeleteActor(id) = wb.dialogs.close()
        && is_confirmed
    {
        let edit = wb.session.project.delete_actor(id, wb.edit_context());
        wb.edit(ctx, edit, "Delete Actor", None);
    }
}
