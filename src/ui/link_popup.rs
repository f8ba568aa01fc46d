//! The relation-type chooser of link mode: once the user has picked the annotation to link
//! to, a small window lists the schema's relation types, numbered 1–9 for the keyboard
//! (the app reads the digits, so they never reach the tag hotkeys).

use egui::RichText;

use super::{tag_color, text_on};
use crate::model::{AnnotationId, Project, elide};

/// What the user chose in the popup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkAnswer {
    /// A relation type key.
    Choose(String),
    Cancel,
}

/// "“quote” (Holder)", short, for naming an annotation in one line.
#[must_use]
pub fn annotation_label(project: &Project, id: AnnotationId) -> String {
    let Some(a) = project.annotation(id) else {
        return "(deleted)".to_owned();
    };
    let holder = project.holder_name(a);
    if holder.is_empty() {
        format!("“{}”", elide(&a.quote))
    } else {
        format!("“{}” ({holder})", elide(&a.quote))
    }
}

/// The popup; `from` links to `to` with the chosen type.
pub fn link_popup_ui(
    ctx: &egui::Context,
    project: &Project,
    from: AnnotationId,
    to: AnnotationId,
) -> Option<LinkAnswer> {
    let mut answer = None;
    egui::Window::new("Link as…")
        .id(egui::Id::unique("link_popup"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.add(egui::Label::new(annotation_label(project, from)).wrap());
            ui.label(RichText::new("links to").weak());
            ui.add(egui::Label::new(annotation_label(project, to)).wrap());
            ui.add_space(6.0);
            for (index, kind) in project.schema().relation_types.iter().enumerate() {
                let color = tag_color(kind.color);
                let number = if index < 9 {
                    format!("{}  ", index + 1)
                } else {
                    "    ".to_owned()
                };
                let text = RichText::new(format!("{number}{}", kind.name)).color(text_on(color));
                let button = egui::Button::new(text)
                    .fill(color)
                    .min_size(egui::vec2(ui.available_width(), 0.0));
                if ui
                    .add(button)
                    .on_hover_text(format!("This annotation {} the other", kind.key))
                    .clicked()
                {
                    answer = Some(LinkAnswer::Choose(kind.key.clone()));
                }
            }
            ui.add_space(4.0);
            if ui.button("Cancel").on_hover_text("Esc").clicked() {
                answer = Some(LinkAnswer::Cancel);
            }
        });
    answer
}
