//! The schema controller: the Schema window's changes to tags, fields, relation types and
//! issues. Names and keys typed in fields are committed when the field loses focus, so
//! renames need no grouping; colour drags and descriptions do.

use super::workbench::Workbench;
use crate::model::{Edit, EditContext, EditError, Issue, Project, RelationType, TagDef};
use crate::ui::SchemaAction;
use crate::ui::commands::reserved_hotkeys;

/// An edit to apply, its undo label and, for typing, the key that groups a burst.
type Labelled = (Result<Edit, EditError>, &'static str, Option<String>);

/// Applies a Schema window change as one undo step.
pub(super) fn apply(wb: &mut Workbench, ctx: &egui::Context, action: SchemaAction) {
    let (edit, label, coalesce) = schema_edit(&wb.session.project, action, &wb.edit_context());
    wb.edit(ctx, edit, label, coalesce.as_deref());
}

/// The change a Schema window action asks for, as an edit with its undo label (and, for
/// colour drags, the key that groups a burst).
fn schema_edit(project: &Project, action: SchemaAction, cx: &EditContext) -> Labelled {
    match action {
        SchemaAction::AddTag {
            key,
            name,
            color,
            hotkey,
        } => {
            let tag = TagDef {
                hotkey,
                ..TagDef::new(key, name, color)
            };
            (project.add_tag(tag, &reserved_hotkeys()), "Add Tag", None)
        }
        SchemaAction::RenameTag { key, name } => {
            (project.rename_tag(&key, &name), "Rename Tag", None)
        }
        SchemaAction::SetTagColor { key, color } => (
            project.set_tag_color(&key, color),
            "Recolour Tag",
            Some(format!("tag-colour:{key}")),
        ),
        SchemaAction::SetTagHotkey { key, hotkey } => (
            project.set_tag_hotkey(&key, hotkey, &reserved_hotkeys()),
            "Set Hotkey",
            None,
        ),
        SchemaAction::SetTagRetired { key, retired } => {
            let label = if retired { "Retire Tag" } else { "Restore Tag" };
            (project.set_tag_retired(&key, retired), label, None)
        }
        SchemaAction::MoveTag { key, to } => (project.move_tag_to(&key, to), "Move Tag", None),
        SchemaAction::SetTagFields { key, fields } => {
            (project.set_tag_fields(&key, fields), "Edit Fields", None)
        }
        SchemaAction::AddRelationType { key, name, color } => (
            project.add_relation_type(RelationType::new(key, name, color)),
            "Add Relation Type",
            None,
        ),
        SchemaAction::EditRelationType { key, name, color } => (
            project.edit_relation_type(&key, &name, color),
            "Edit Relation Type",
            Some(format!("relation-type:{key}")),
        ),
        SchemaAction::RemoveRelationType(key) => (
            project.delete_relation_type(&key),
            "Remove Relation Type",
            None,
        ),
        SchemaAction::AddIssue(name) => (project.add_issue(Issue::new(name)), "Add Issue", None),
        SchemaAction::RenameIssue(id, name) => {
            (project.rename_issue(id, &name), "Rename Issue", None)
        }
        SchemaAction::SetIssueAliases(id, text) => (
            project.set_issue_aliases(id, &text),
            "Set Issue Aliases",
            None,
        ),
        SchemaAction::SetIssueDescription(id, text) => (
            project.set_issue_description(id, &text),
            "Describe Issue",
            Some(format!("issue-description:{id}")),
        ),
        SchemaAction::MergeIssues { from, into } => {
            (project.merge_issues(from, into, cx), "Merge Issues", None)
        }
    }
}
