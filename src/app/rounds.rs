//! The rounds controller: the Moves tab's changes to the project's rounds of talks and to
//! the briefs of their comparisons, each one undo step. A brief's typing is committed when
//! its field loses focus, so it needs no grouping.

use super::workbench::Workbench;
use crate::ui::analysis::RoundAction;

/// Applies a Moves tab change as one undo step; a refused one (a blank name, dates out of
/// order) is shown as a warning.
pub(super) fn apply(wb: &mut Workbench, ctx: &egui::Context, action: RoundAction) {
    let project = &wb.session.project;
    match action {
        RoundAction::Add(round) => {
            let edit = project.add_round(round);
            wb.edit(ctx, edit, "Add Round", None);
        }
        RoundAction::Rename(id, name) => {
            let edit = project.edit_round(id, |r| r.name = name);
            wb.edit_unless_no_op(ctx, edit, "Rename Round");
        }
        RoundAction::SetSpan(id, span) => {
            let edit = project.edit_round(id, |r| r.span = span);
            wb.edit_unless_no_op(ctx, edit, "Change Round");
        }
        RoundAction::Delete(id) => {
            let edit = project.delete_round(id);
            wb.edit(ctx, edit, "Delete Round", None);
        }
        RoundAction::SetBrief(key, text) => {
            let label = if text.trim().is_empty() {
                "Redraft Brief"
            } else {
                "Edit Brief"
            };
            let edit = Ok(project.set_brief(key, &text));
            wb.edit_unless_no_op(ctx, edit, label);
        }
    }
}
