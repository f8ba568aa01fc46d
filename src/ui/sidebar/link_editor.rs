//! The editor of a selected link (an arc clicked with View → Show Links on): its type, its
//! note, its two ends (a click goes to one) and Delete Link.

use egui::{RichText, Ui};

use super::super::link_popup::annotation_label;
use super::super::{Action, tag_color};
use crate::model::{Project, Relation};

pub(super) fn link_editor_ui(
    ui: &mut Ui,
    project: &Project,
    relation: &Relation,
    actions: &mut Vec<Action>,
) {
    let schema = project.schema();
    let color = schema
        .relation_type(&relation.kind)
        .map_or(egui::Color32::GRAY, |t| tag_color(t.color));
    ui.horizontal(|ui| {
        ui.label(RichText::new("Link").strong().color(color));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Delete Link")
                .on_hover_text("Remove this link (Delete); Ctrl+Z brings it back")
                .clicked()
            {
                actions.push(Action::RemoveRelation(relation.id));
            }
        });
    });
    ui.add_space(4.0);
    egui::Grid::new(("link_editor", relation.id))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let type_label = ui.label("Link type");
            let shown = schema
                .relation_type(&relation.kind)
                .map_or(relation.kind.as_str(), |t| t.name.as_str());
            egui::ComboBox::from_id_salt(("link_type", relation.id))
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for kind in &schema.relation_types {
                        let is_current = kind.key == relation.kind;
                        if ui.selectable_label(is_current, &kind.name).clicked() && !is_current {
                            actions.push(Action::SetRelationKind(relation.id, kind.key.clone()));
                        }
                    }
                })
                .response
                .labelled_by(type_label.id);
            ui.end_row();
            for (role, end) in [("From", relation.from), ("To", relation.to)] {
                ui.label(role);
                let go = ui
                    .add(
                        egui::Label::new(annotation_label(project, end))
                            .wrap()
                            .sense(egui::Sense::click()),
                    )
                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                    .on_hover_text("Click to select this annotation and go there");
                if go.clicked() {
                    actions.push(Action::SelectAnnotation {
                        id: end,
                        scroll_article: true,
                    });
                }
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    let mut note = relation.note.clone().unwrap_or_default();
    let label = ui.label("Link note");
    let response = ui.add(
        egui::TextEdit::multiline(&mut note)
            .id_salt(("link_note", relation.id))
            .hint_text("Note on this link")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
    let response = response.labelled_by(label.id);
    if response.changed() {
        actions.push(Action::SetRelationNote(relation.id, note));
    }
    if response.lost_focus() {
        actions.push(Action::TypingFinished);
    }
}
