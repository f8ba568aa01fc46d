//! The editor's field rows: the tag's fields (a choice as a combo, text as a field), then
//! any other attribute the annotation carries (imported brat attributes), so nothing
//! imported is invisible or read-only.

use egui::{RichText, Ui};

use super::super::Action;
use crate::model::{Annotation, FieldKind, Project};

/// One grid row per field of the annotation's tag, then one per other attribute.
pub(super) fn fields_rows_ui(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    let fields = project
        .schema()
        .get(&a.tag)
        .map(|t| t.fields.as_slice())
        .unwrap_or_default();
    for field in fields {
        let label = ui
            .label(&field.name)
            .on_hover_text(format!("Field {}", field.key));
        let value = a.attributes.get(&field.key).map(String::as_str);
        match &field.kind {
            FieldKind::Choice(choices) => {
                choice_ui(ui, a, &field.key, value, choices, label.id, actions);
            }
            FieldKind::Text => text_ui(ui, a, &field.key, value.unwrap_or(""), label.id, actions),
        }
        ui.end_row();
    }
    let others = a
        .attributes
        .iter()
        .filter(|(key, _)| !fields.iter().any(|f| &f.key == *key));
    for (key, value) in others {
        let label = ui
            .label(RichText::new(key).italics())
            .on_hover_text("An attribute without a field in the schema (e.g. imported from brat)");
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            let width_px = (ui.available_width() - 30.0).max(60.0);
            ui.scope(|ui| {
                ui.set_max_width(width_px);
                text_ui(ui, a, key, value, label.id, actions);
            });
            if ui
                .small_button("×")
                .on_hover_text(format!("Remove the attribute {key}"))
                .clicked()
            {
                actions.push(Action::SetField {
                    id: a.id,
                    key: key.clone(),
                    value: None,
                });
            }
        });
        ui.end_row();
    }
}

fn choice_ui(
    ui: &mut Ui,
    a: &Annotation,
    key: &str,
    value: Option<&str>,
    choices: &[String],
    label: egui::Id,
    actions: &mut Vec<Action>,
) {
    let mut chosen: Option<Option<String>> = None;
    let combo = egui::ComboBox::from_id_salt(("field", a.id, key))
        .selected_text(value.unwrap_or("— none —"))
        .width(200.0)
        .show_ui(ui, |ui| {
            if ui.selectable_label(value.is_none(), "— none —").clicked() {
                chosen = Some(None);
            }
            for choice in choices {
                if ui
                    .selectable_label(value == Some(choice.as_str()), choice)
                    .clicked()
                {
                    chosen = Some(Some(choice.clone()));
                }
            }
            // A value from before the choices changed stays visible (the model lists it as a
            // problem) until the user picks another.
            if let Some(value) = value.filter(|v| !choices.iter().any(|c| c == v)) {
                ui.label(RichText::new(format!("{value} (not a choice)")).weak());
            }
        });
    combo.response.labelled_by(label);
    if let Some(value) = chosen
        && value.as_deref() != (value_of(a, key))
    {
        actions.push(Action::SetField {
            id: a.id,
            key: key.to_owned(),
            value,
        });
        actions.push(Action::TypingFinished);
    }
}

fn value_of<'a>(a: &'a Annotation, key: &str) -> Option<&'a str> {
    a.attributes.get(key).map(String::as_str)
}

/// A free-text value, edited live; a typing burst is one undo step.
fn text_ui(
    ui: &mut Ui,
    a: &Annotation,
    key: &str,
    value: &str,
    label: egui::Id,
    actions: &mut Vec<Action>,
) {
    let mut text = value.to_owned();
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id_salt(("field", a.id, key))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label);
    if response.changed() {
        actions.push(Action::SetField {
            id: a.id,
            key: key.to_owned(),
            value: Some(text),
        });
    }
    if response.lost_focus() {
        actions.push(Action::TypingFinished);
    }
}
