//! Applying the format-2 actions, as part of `apply`: the editor's issues, target, stance,
//! cue and fields, link mode and relations, the Schema window and the annotator name. Each
//! change asks a model builder for its edit and goes through the history as one step.

use chrono::Utc;

use super::StanceApp;
use super::view::LinkMode;
use crate::model::{AnnotationId, Edit, EditContext, EditError, Issue, RelationType, TagDef};
use crate::ui::commands::reserved_hotkeys;
use crate::ui::{Action, SchemaAction};

/// An edit to apply, its undo label and, for typing, the key that groups a burst.
type Labelled = (Result<Edit, EditError>, &'static str, Option<String>);

impl StanceApp {
    /// Who is editing, now: recorded on every annotation a change touches.
    pub(super) fn edit_context(&self) -> EditContext {
        EditContext::new(Some(&self.prefs.annotator_name), Utc::now())
    }

    /// The actions `apply_action` leaves to this file.
    pub(super) fn apply_negotiation_action(&mut self, ctx: &egui::Context, action: Action) {
        let cx = self.edit_context();
        let project = &self.session.project;
        let (edit, label, coalesce): Labelled = match action {
            Action::AddIssue(id, issue) => {
                (project.add_issue_to(id, issue, &cx), "Add Issue", None)
            }
            Action::AddIssueNamed(id, name) => {
                (project.add_issue_named(id, &name, &cx), "Add Issue", None)
            }
            Action::RemoveIssue(id, issue) => (
                project.remove_issue_from(id, issue, &cx),
                "Remove Issue",
                None,
            ),
            Action::SetTarget(id, target) => {
                (project.set_target(id, target, &cx), "Set Target", None)
            }
            Action::NewTarget(id, name) => {
                (project.set_target_named(id, &name, &cx), "New Target", None)
            }
            Action::SetStance(id, stance) => {
                (project.set_stance(id, stance, &cx), "Set Stance", None)
            }
            Action::SetCondition(id, text) => (
                project.set_condition(id, &text, &cx),
                "Edit Condition",
                Some(format!("condition:{id}")),
            ),
            Action::SetAttribution(id, attribution) => (
                project.set_attribution(id, attribution, &cx),
                "Set Attribution",
                None,
            ),
            Action::SetCueToSelection(id) => {
                let Some(selection) = self.take_text_selection(ctx) else {
                    return;
                };
                let edit = self.session.project.set_cue(id, vec![selection], &cx);
                (edit, "Set Cue", None)
            }
            Action::ClearCue(id) => (project.set_cue(id, Vec::new(), &cx), "Clear Cue", None),
            Action::SetField { id, key, value } => (
                project.set_field_value(id, &key, value.as_deref(), &cx),
                "Set Field",
                Some(format!("field:{id}:{key}")),
            ),
            Action::SetRelationNote(id, note) => (
                project.set_relation_note(id, &note),
                "Edit Link Note",
                Some(format!("relation-note:{id}")),
            ),
            Action::RemoveRelation(id) => (project.delete_relation(id), "Remove Link", None),
            Action::ChooseRelationType(kind) => return self.finish_link(ctx, &kind),
            Action::CancelLink => {
                self.view.link = None;
                return;
            }
            Action::TypingFinished => {
                self.session.history.break_group();
                return;
            }
            Action::SetAnnotatorName(name) => {
                self.prefs.annotator_name = name;
                return;
            }
            Action::Schema(action) => self.schema_edit(action, &cx),
            // `apply_action` handles the rest; nothing else reaches here.
            _ => return,
        };
        self.edit(ctx, edit, label, coalesce.as_deref());
    }

    /// `L`: starts linking the selected annotation (or stops, if already linking).
    pub(super) fn start_link(&mut self, ctx: &egui::Context) {
        if self.view.link.take().is_some() {
            return;
        }
        match self.view.selected {
            Some(from) => self.view.link = Some(LinkMode { from, to: None }),
            None => self
                .toasts
                .info(ctx, "Select an annotation first, then press L to link it"),
        }
    }

    /// While linking, a click on another annotation picks it as the target instead of
    /// selecting it. True if the click was taken.
    pub(super) fn pick_link_target(&mut self, id: AnnotationId) -> bool {
        let Some(link) = &mut self.view.link else {
            return false;
        };
        if link.from != id {
            link.to = Some(id);
        }
        true
    }

    fn finish_link(&mut self, ctx: &egui::Context, kind: &str) {
        let Some(LinkMode { from, to: Some(to) }) = self.view.link.take() else {
            return;
        };
        // No toast: the editor's Links list shows the new link at once.
        let edit = self.session.project.add_relation(kind, from, to, None);
        self.edit(ctx, edit, "Link", None);
    }

    /// A Schema window change as an edit. Names and keys typed in fields are committed
    /// when the field loses focus, so renames need no grouping; colour drags do.
    fn schema_edit(&self, action: SchemaAction, cx: &EditContext) -> Labelled {
        let project = &self.session.project;
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
            SchemaAction::AddIssue(name) => {
                (project.add_issue(Issue::new(name)), "Add Issue", None)
            }
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
}
