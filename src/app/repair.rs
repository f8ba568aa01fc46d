//! The repair controller: the needs-repair window (opened at load or from Project →
//! Problems), its answers, and Re-anchor: accepting a document text edited outside the app
//! and moving its annotations to where their quotes now are.

use super::dialog::{Dialog, RepairState};
use super::workbench::Workbench;
use crate::analysis::wording::counted;
use crate::model::{DocumentId, Reanchored};
use crate::ui::Action;
use crate::ui::dialogs::RepairChoice;

/// Save over the project file is refused while a text was changed outside Stance: the
/// stored quotes are then the only record of what each annotation meant, and re-anchoring
/// needs them. Returns true (and opens the Problems window) if it refused.
pub(super) fn refuse_save_over_changed_text(wb: &mut Workbench, ctx: &egui::Context) -> bool {
    wb.session.text_check.refresh(&wb.session.project);
    let Some(title) = wb.session.text_check.mismatched().first().cloned() else {
        return false;
    };
    let others = wb.session.text_check.mismatched().len() - 1;
    let also = if others > 0 {
        format!(" (and {})", counted(others, "other document"))
    } else {
        String::new()
    };
    wb.toasts.warning(
        ctx,
        format!(
            "Not saved: the text of \"{title}\"{also} was changed outside Stance. \
             Re-anchor it in Project > Problems first, or Save As to keep this state in another file."
        ),
    );
    // The save was for a pending close or open: that waits too, nothing is discarded.
    wb.session.after_save = None;
    open_problems(wb);
    true
}

/// Project → Problems…: the needs-repair window for the project as it is now.
pub(super) fn open_problems(wb: &mut Workbench) {
    let project = &wb.session.project;
    let file_name = (wb.session.path.as_deref())
        .map_or_else(|| project.title().to_owned(), crate::ui::file_name);
    let state = RepairState::new(file_name, project, None);
    wb.dialogs.open(Dialog::Repair(state));
}

/// Accepts the document's current (edited) text: the placed annotations move, in one undo
/// step, and the ones that cannot be placed are listed in the window as orphans.
pub(super) fn reanchor_document(wb: &mut Workbench, ctx: &egui::Context, document: DocumentId) {
    let project = &wb.session.project;
    let Some(text) = project.document(document).map(|d| d.text.clone()) else {
        return;
    };
    let (reanchored, edit) = match project.reanchor_document(document, &text, wb.edit_context()) {
        Ok((reanchored, edit)) => (reanchored, Ok(edit)),
        Err(e) => (Reanchored::default(), Err(e)),
    };
    if !wb.edit(ctx, edit, "Re-anchor Document", None) {
        return;
    }
    let (placed, orphaned) = (reanchored.placed.len(), reanchored.orphans.len());
    wb.toasts.info(
        ctx,
        format!(
            "Re-anchored {}; {orphaned} could not be placed",
            counted(placed, "annotation")
        ),
    );
    if let Dialog::Repair(repair) = &mut wb.dialogs.current {
        repair.orphans = reanchored.orphans;
    }
}

/// The needs-repair window's answer. Fixing or deleting is undoable; showing one
/// selects it.
pub(super) fn answer(wb: &mut Workbench, ctx: &egui::Context, choice: RepairChoice) {
    match choice {
        RepairChoice::Fix(id) => {
            let edit = (wb.session.project).repair_annotation(id, wb.edit_context());
            wb.edit(ctx, edit, "Repair Annotation", None);
        }
        RepairChoice::Reanchor(doc) => reanchor_document(wb, ctx, doc),
        RepairChoice::Delete(id) => {
            let edit = wb.session.project.delete_annotation(id);
            wb.edit(ctx, edit, "Delete Broken Annotation", None);
        }
        RepairChoice::Select(id) => wb.follow_up(Action::SelectAnnotation {
            id,
            scroll_article: true,
        }),
        RepairChoice::Close => {
            if matches!(wb.dialogs.current, Dialog::Repair(_)) {
                wb.dialogs.current = Dialog::None;
            }
        }
    }
}

/// Recomputes the needs-repair window's problems when the project has changed, so
/// drawing it only reads them.
pub(super) fn refresh_problems(wb: &mut Workbench) {
    if let Dialog::Repair(repair) = &mut wb.dialogs.current {
        let project = &wb.session.project;
        repair
            .problems
            .get_or_build(project.key(), (), || project.problems());
    }
}
