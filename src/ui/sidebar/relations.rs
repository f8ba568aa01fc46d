//! The editor's Links section: the relations of the selected annotation in both directions
//! ("concedes-to → “…” (Ushakov)"), each with its note and a remove button; a click on one
//! selects the other end. The Link… button starts link mode (`L`).

use egui::{RichText, Ui};

use super::super::link_popup::annotation_label;
use super::super::{Action, Command, tag_color};
use crate::model::{Annotation, Project, Related};

pub(super) fn relations_ui(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    is_linking: bool,
    actions: &mut Vec<Action>,
) {
    let relations = project.related(a.id);
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Links ({})", relations.len())).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let text = if is_linking {
                "Linking… (Esc)"
            } else {
                "Link…"
            };
            if ui
                .add(egui::Button::new(text).selected(is_linking))
                .on_hover_text(Command::Link.description())
                .on_hover_text("L")
                .clicked()
            {
                let action = if is_linking {
                    Action::CancelLink
                } else {
                    Action::Command(Command::Link)
                };
                actions.push(action);
            }
        });
    });
    if relations.is_empty() {
        ui.label(
            RichText::new("No links yet. Press L, then click the annotation this one answers.")
                .weak(),
        );
        return;
    }
    for related in &relations {
        relation_ui(ui, project, related, actions);
    }
}

/// One link. Not the model's `describe_related`: its arrows are not in egui's bundled font.
fn relation_ui(ui: &mut Ui, project: &Project, related: &Related<'_>, actions: &mut Vec<Action>) {
    let Related {
        relation,
        other,
        is_outgoing,
    } = *related;
    let color = project
        .schema()
        .relation_type(&relation.kind)
        .map_or(egui::Color32::GRAY, |t| tag_color(t.color));
    let other_label = annotation_label(project, other);
    let text = if is_outgoing {
        format!("{} » {other_label}", relation.kind)
    } else {
        format!("« {} {other_label}", relation.kind)
    };
    let hover = if is_outgoing {
        format!("This annotation {} {other_label}", relation.kind)
    } else {
        format!("{other_label} {} this annotation", relation.kind)
    };
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, color))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 4))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let width_px = (ui.available_width() - 28.0).max(80.0);
                let go = ui
                    .scope(|ui| {
                        ui.set_width(width_px);
                        ui.add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
                    })
                    .inner
                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                    .on_hover_text(format!("{hover}. Click to go there."));
                if go.clicked() {
                    actions.push(Action::SelectAnnotation {
                        id: other,
                        scroll_article: true,
                    });
                }
                if ui
                    .small_button("×")
                    .on_hover_text("Remove this link")
                    .clicked()
                {
                    actions.push(Action::RemoveRelation(relation.id));
                }
            });
            let mut note = relation.note.clone().unwrap_or_default();
            let response = ui.add(
                egui::TextEdit::singleline(&mut note)
                    .id_salt(("relation_note", relation.id))
                    .hint_text("Note on this link")
                    .desired_width(f32::INFINITY),
            );
            if response.changed() {
                actions.push(Action::SetRelationNote(relation.id, note));
            }
            if response.lost_focus() {
                actions.push(Action::TypingFinished);
            }
        });
    ui.add_space(4.0);
}
