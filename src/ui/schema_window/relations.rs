//! The Relation types tab: rename, recolour, remove when unused, and add.

use egui::{RichText, Ui};

use super::{SchemaAction, committed_text_ui, key_from_name, rgb_button_ui};
use crate::model::{Project, Rgb};
use crate::ui::Action;

/// The Relation types tab's state between frames.
pub(super) struct RelationsTab {
    new_name: String,
    new_color: Rgb,
}

impl Default for RelationsTab {
    fn default() -> Self {
        Self {
            new_name: String::new(),
            new_color: Rgb([0x7f, 0x8c, 0x8d]),
        }
    }
}

impl RelationsTab {
    pub(super) fn ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
        egui::Grid::new("schema_relation_types")
            .num_columns(5)
            .spacing([10.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for header in ["Colour", "Name", "Key", "Links", ""] {
                    ui.label(RichText::new(header).strong());
                }
                ui.end_row();
                for kind in &project.schema().relation_types {
                    let edit = |name: &str, color: Rgb| {
                        Action::Schema(SchemaAction::EditRelationType {
                            key: kind.key.clone(),
                            name: name.to_owned(),
                            color,
                        })
                    };
                    if let Some(color) = rgb_button_ui(ui, kind.color) {
                        actions.push(edit(&kind.name, color));
                    }
                    let id = egui::Id::unique(("relation_type_name", &kind.key));
                    if let (_, Some(name)) = committed_text_ui(ui, id, &kind.name, "Name", 160.0) {
                        actions.push(edit(&name, kind.color));
                    }
                    ui.label(RichText::new(&kind.key).monospace().weak());
                    let used = project
                        .relations()
                        .iter()
                        .filter(|r| r.kind == kind.key)
                        .count();
                    ui.label(RichText::new(used.to_string()).weak());
                    let remove = ui
                        .add_enabled(used == 0, egui::Button::new("Remove").small())
                        .on_disabled_hover_text(if used == 1 {
                            "1 link uses this type; remove it first".to_owned()
                        } else {
                            format!("{used} links use this type; remove them first")
                        });
                    if remove.clicked() {
                        actions.push(Action::Schema(SchemaAction::RemoveRelationType(
                            kind.key.clone(),
                        )));
                    }
                    ui.end_row();
                }
            });
        ui.add_space(10.0);
        ui.separator();
        ui.label(RichText::new("New relation type").strong());
        ui.horizontal(|ui| {
            if let Some(color) = rgb_button_ui(ui, self.new_color) {
                self.new_color = color;
            }
            let label = ui.label("Name");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_name)
                    .id_salt("new_relation_type_name")
                    .hint_text("e.g. Rejects")
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            let can_add = !key_from_name(&self.new_name).is_empty();
            if ui
                .add_enabled(can_add, egui::Button::new("Add relation type"))
                .clicked()
            {
                actions.push(Action::Schema(SchemaAction::AddRelationType {
                    key: key_from_name(&self.new_name),
                    name: self.new_name.trim().to_owned(),
                    color: self.new_color,
                }));
                self.new_name.clear();
            }
        });
    }
}
