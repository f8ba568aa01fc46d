//! The Issues tab: rename, aliases, description, merge into another issue, and add.

use egui::{RichText, Ui};

use super::{SchemaAction, committed_text_ui};
use crate::model::{Issue, Project};
use crate::ui::Action;

/// The Issues tab's state between frames.
#[derive(Default)]
pub(super) struct IssuesTab {
    new_name: String,
}

impl IssuesTab {
    pub(super) fn ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
        if project.issues().is_empty() {
            ui.label(RichText::new("No issues yet. Add one below or from the editor.").weak());
        }
        egui::Grid::new("schema_issues")
            .num_columns(5)
            .spacing([10.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                if !project.issues().is_empty() {
                    for header in ["Name", "Aliases", "Description", "Used", ""] {
                        ui.label(RichText::new(header).strong());
                    }
                    ui.end_row();
                }
                for issue in project.issues() {
                    issue_row_ui(ui, project, issue, actions);
                    ui.end_row();
                }
            });
        ui.add_space(10.0);
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label("New issue");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_name)
                        .id_salt("new_issue_name")
                        .hint_text("e.g. Security guarantees")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let can_add = !self.new_name.trim().is_empty();
            if (ui
                .add_enabled(can_add, egui::Button::new("Add issue"))
                .clicked()
                || entered)
                && can_add
            {
                actions.push(Action::Schema(SchemaAction::AddIssue(
                    self.new_name.trim().to_owned(),
                )));
                self.new_name.clear();
            }
        });
    }
}

fn issue_row_ui(ui: &mut Ui, project: &Project, issue: &Issue, actions: &mut Vec<Action>) {
    let id = issue.id;
    let (_, name) = committed_text_ui(
        ui,
        egui::Id::unique(("issue_name", id)),
        &issue.name,
        "Name",
        160.0,
    );
    if let Some(name) = name {
        actions.push(Action::Schema(SchemaAction::RenameIssue(id, name)));
    }
    let aliases = issue.aliases.join(", ");
    let (_, aliases) = committed_text_ui(
        ui,
        egui::Id::unique(("issue_aliases", id)),
        &aliases,
        "Other names, comma-separated",
        160.0,
    );
    if let Some(aliases) = aliases {
        actions.push(Action::Schema(SchemaAction::SetIssueAliases(id, aliases)));
    }
    let description = issue.description.as_deref().unwrap_or("");
    let (_, description) = committed_text_ui(
        ui,
        egui::Id::unique(("issue_description", id)),
        description,
        "What it covers",
        240.0,
    );
    if let Some(description) = description {
        actions.push(Action::Schema(SchemaAction::SetIssueDescription(
            id,
            description,
        )));
    }
    let used = project.annotations_about(id).count();
    ui.label(RichText::new(used.to_string()).weak());
    ui.add_enabled_ui(project.issues().len() > 1, |ui| {
        ui.menu_button("Merge into…", |ui| {
            for other in project.issues().iter().filter(|o| o.id != id) {
                if ui.button(&other.name).clicked() {
                    actions.push(Action::Schema(SchemaAction::MergeIssues {
                        from: id,
                        into: other.id,
                    }));
                    ui.close();
                }
            }
        })
        .response
        .on_hover_text(
            "Every annotation about this issue moves to the other; its names become aliases",
        );
    });
}
