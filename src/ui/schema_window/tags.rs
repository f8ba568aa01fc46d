//! The Tags tab: one row per tag (colour, name, hotkey, retired, order, fields), a form for a
//! new tag, and the fields of the tag whose "Fields" button is open.

use egui::{RichText, Ui};

use super::{SchemaAction, committed_text_ui, key_from_name, refusal_ui, rgb_button_ui};
use crate::model::{FieldDef, FieldKind, Project, Rgb, TagDef};
use crate::ui::Action;
use crate::ui::commands::reserved_hotkeys;

/// The Tags tab's state between frames.
pub(super) struct TagsTab {
    new_name: String,
    new_hotkey: String,
    new_color: Rgb,
    /// The tag name (`None`: the new-tag form) whose hotkey was refused, and the model's
    /// reason.
    refusal: Option<(Option<String>, String)>,
    /// The tag whose fields are shown.
    fields_of: Option<String>,
    new_field: NewField,
}

impl Default for TagsTab {
    fn default() -> Self {
        Self {
            new_name: String::new(),
            new_hotkey: String::new(),
            new_color: Rgb([0x8e, 0x6c, 0xd8]),
            refusal: None,
            fields_of: None,
            new_field: NewField::default(),
        }
    }
}

#[derive(Default)]
struct NewField {
    name: String,
    is_choice: bool,
    /// Comma-separated.
    choices: String,
}

impl TagsTab {
    pub(super) fn ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
        let count = project.schema().tags.len();
        egui::Grid::new("schema_tags")
            .num_columns(7)
            .spacing([10.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for header in [
                    "Colour", "Name", "Hotkey", "Retired", "Order", "Fields", "Used",
                ] {
                    ui.label(RichText::new(header).strong());
                }
                ui.end_row();
                for (index, tag) in project.schema().tags.iter().enumerate() {
                    self.tag_row_ui(ui, project, tag, (index, count), actions);
                    ui.end_row();
                }
            });
        if let Some((Some(tag), reason)) = &self.refusal {
            refusal_ui(ui, &format!("Hotkey of {tag} not changed: {reason}"));
        }
        if let Some(key) = self.fields_of.clone() {
            match project.schema().get(&key) {
                Some(tag) => self.fields_ui(ui, tag, actions),
                None => self.fields_of = None,
            }
        }
        ui.add_space(10.0);
        ui.separator();
        self.new_tag_ui(ui, project, actions);
    }

    fn tag_row_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        tag: &TagDef,
        (index, count): (usize, usize),
        actions: &mut Vec<Action>,
    ) {
        let key = &tag.key;
        if let Some(color) = rgb_button_ui(ui, tag.color) {
            actions.push(Action::Schema(SchemaAction::SetTagColor {
                key: key.clone(),
                color,
            }));
        }
        let id = egui::Id::unique(("tag_name", key));
        let (response, name) = committed_text_ui(ui, id, &tag.name, "Name", 150.0);
        response.on_hover_text(format!("Key in files: {key}"));
        if let Some(name) = name {
            actions.push(Action::Schema(SchemaAction::RenameTag {
                key: key.clone(),
                name,
            }));
        }
        self.hotkey_ui(ui, project, tag, actions);
        let mut retired = tag.retired;
        if ui
            .checkbox(&mut retired, "")
            .on_hover_text("A retired tag stays on old annotations but is not offered for new ones")
            .changed()
        {
            actions.push(Action::Schema(SchemaAction::SetTagRetired {
                key: key.clone(),
                retired,
            }));
        }
        ui.horizontal(|ui| {
            let mut move_to = |to: usize| {
                actions.push(Action::Schema(SchemaAction::MoveTag {
                    key: key.clone(),
                    to,
                }));
            };
            if ui
                .add_enabled(index > 0, egui::Button::new("Up").small())
                .on_hover_text("Move up")
                .clicked()
            {
                move_to(index - 1);
            }
            if ui
                .add_enabled(index + 1 < count, egui::Button::new("Down").small())
                .on_hover_text("Move down")
                .clicked()
            {
                move_to(index + 1);
            }
        });
        let is_shown = self.fields_of.as_deref() == Some(key.as_str());
        if ui
            .selectable_label(
                is_shown,
                crate::analysis::wording::counted(tag.fields.len(), "field"),
            )
            .on_hover_text("Show and edit this tag's fields")
            .clicked()
        {
            self.fields_of = (!is_shown).then(|| key.clone());
        }
        let used = project.annotations_tagged(key).count();
        ui.label(RichText::new(used.to_string()).weak());
    }

    /// The hotkey field: a key the model refuses is not set, and the reason is shown.
    fn hotkey_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        tag: &TagDef,
        actions: &mut Vec<Action>,
    ) {
        let mut text = tag.hotkey.map(String::from).unwrap_or_default();
        let label = format!("Hotkey of {}", tag.name);
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id_salt(("tag_hotkey", &tag.key))
                .desired_width(28.0)
                .char_limit(2),
        );
        // Named for screen readers and tests: the grid's header is not a label of each row.
        response.widget_info(|| {
            let value = tag.hotkey.map(String::from).unwrap_or_default();
            let mut info = egui::WidgetInfo::text_edit(true, &value, &value, "");
            info.label = Some(label.clone());
            info
        });
        if !response.changed() {
            return;
        }
        // The char typed replaces the old key, wherever the cursor was; an emptied field
        // clears it.
        let typed = match text.chars().find(|&c| Some(c) != tag.hotkey) {
            Some(c) => Some(c),
            None if text.is_empty() => None,
            None => return,
        };
        let refused = typed.and_then(|key| {
            (project.schema())
                .check_hotkey(key, Some(&tag.key), &reserved_hotkeys())
                .err()
        });
        match refused {
            Some(clash) => self.refusal = Some((Some(tag.name.clone()), clash.to_string())),
            None => {
                self.refusal = None;
                actions.push(Action::Schema(SchemaAction::SetTagHotkey {
                    key: tag.key.clone(),
                    hotkey: typed,
                }));
            }
        }
    }

    fn fields_ui(&mut self, ui: &mut Ui, tag: &TagDef, actions: &mut Vec<Action>) {
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Fields of {}", tag.name)).strong());
        let set_fields = |fields: Vec<FieldDef>| {
            Action::Schema(SchemaAction::SetTagFields {
                key: tag.key.clone(),
                fields,
            })
        };
        if tag.fields.is_empty() {
            ui.label(RichText::new("No fields yet.").weak());
        }
        for (index, field) in tag.fields.iter().enumerate() {
            ui.horizontal(|ui| {
                let kind = match &field.kind {
                    FieldKind::Text => "text".to_owned(),
                    FieldKind::Choice(choices) => format!("one of: {}", choices.join(", ")),
                };
                ui.label(RichText::new(&field.name).strong());
                ui.label(RichText::new(format!("({}) {kind}", field.key)).weak());
                if ui
                    .small_button("×")
                    .on_hover_text("Remove this field (values already set stay as attributes)")
                    .clicked()
                {
                    let mut fields = tag.fields.clone();
                    fields.remove(index);
                    actions.push(set_fields(fields));
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            let form = &mut self.new_field;
            ui.add(
                egui::TextEdit::singleline(&mut form.name)
                    .id_salt("new_field_name")
                    .hint_text("New field name")
                    .desired_width(140.0),
            );
            ui.selectable_value(&mut form.is_choice, false, "Text");
            ui.selectable_value(&mut form.is_choice, true, "Choice");
            if form.is_choice {
                ui.add(
                    egui::TextEdit::singleline(&mut form.choices)
                        .id_salt("new_field_choices")
                        .hint_text("Choices, comma-separated")
                        .desired_width(200.0),
                );
            }
            if ui
                .add_enabled(!form.name.trim().is_empty(), egui::Button::new("Add field"))
                .clicked()
            {
                let kind = if form.is_choice {
                    FieldKind::Choice(form.choices.split(',').map(str::to_owned).collect())
                } else {
                    FieldKind::Text
                };
                let mut fields = tag.fields.clone();
                fields.push(FieldDef {
                    key: key_from_name(&form.name),
                    name: form.name.trim().to_owned(),
                    kind,
                });
                actions.push(set_fields(fields));
                *form = NewField::default();
            }
        });
    }

    fn new_tag_ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
        ui.label(RichText::new("New tag").strong());
        ui.horizontal(|ui| {
            if let Some(color) = rgb_button_ui(ui, self.new_color) {
                self.new_color = color;
            }
            let name_label = ui.label("Name");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_name)
                    .id_salt("new_tag_name")
                    .hint_text("e.g. Red line")
                    .desired_width(160.0),
            )
            .labelled_by(name_label.id);
            let hotkey_label = ui.label("Hotkey");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_hotkey)
                        .id_salt("new_tag_hotkey")
                        .desired_width(28.0)
                        .char_limit(1),
                )
                .labelled_by(hotkey_label.id);
            if response.changed() {
                self.refusal = (self.new_hotkey.chars().next()).and_then(|key| {
                    let clash = project
                        .schema()
                        .check_hotkey(key, None, &reserved_hotkeys());
                    clash.err().map(|c| (None, c.to_string()))
                });
            }
            let is_refused = self.refusal.as_ref().is_some_and(|(tag, _)| tag.is_none());
            let can_add = !self.new_name.trim().is_empty() && !is_refused;
            if ui
                .add_enabled(can_add, egui::Button::new("Add tag"))
                .clicked()
            {
                actions.push(Action::Schema(SchemaAction::AddTag {
                    key: key_from_name(&self.new_name),
                    name: self.new_name.trim().to_owned(),
                    color: self.new_color,
                    hotkey: self.new_hotkey.chars().next(),
                }));
                self.new_name.clear();
                self.new_hotkey.clear();
            }
        });
        if let Some((None, reason)) = &self.refusal {
            refusal_ui(ui, &format!("Hotkey refused: {reason}"));
        }
    }
}
