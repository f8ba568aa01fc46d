//! The floating tag palette shown next to a text selection: one button per tag, in the
//! tag's colour and with its hotkey, plus "Add as range" when an annotation is selected.

use egui::{Color32, Pos2, Rect, RichText};

use super::ArticleAction;
use crate::model::{AnnotationId, TagSchema};

/// Black or white, whichever reads better on `background`.
pub(super) fn text_on(background: Color32) -> Color32 {
    let luma = 0.299 * f32::from(background.r())
        + 0.587 * f32::from(background.g())
        + 0.114 * f32::from(background.b());
    if luma > 150.0 {
        Color32::from_rgb(20, 20, 20)
    } else {
        Color32::WHITE
    }
}

/// The label of a tag's palette button, e.g. `1 Claim`.
#[must_use]
pub fn tag_button_label(name: &str, hotkey: Option<char>) -> String {
    match hotkey {
        Some(key) => format!("{key} {name}"),
        None => name.to_owned(),
    }
}

/// Shows the palette with its `pivot` corner at `anchor`, kept inside `bounds`.
/// Returns the action of a clicked button.
pub(super) fn palette_ui(
    ctx: &egui::Context,
    id: egui::Id,
    anchor: Pos2,
    pivot: egui::Align2,
    bounds: Rect,
    schema: &TagSchema,
    selected_annotation: Option<AnnotationId>,
) -> Option<ArticleAction> {
    let mut action = None;
    egui::Area::new(id)
        .order(egui::Order::Foreground)
        .fixed_pos(anchor)
        .pivot(pivot)
        .constrain_to(bounds)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(egui::Margin::same(4))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = 4.0;
                        for tag in &schema.tags {
                            let [r, g, b] = tag.color.0;
                            let color = Color32::from_rgb(r, g, b);
                            let label = tag_button_label(&tag.name, tag.hotkey);
                            let button = egui::Button::new(
                                RichText::new(label).strong().color(text_on(color)),
                            )
                            .fill(color)
                            .corner_radius(4.0);
                            let hover = if tag.description.is_empty() {
                                format!("Tag the selection as {}", tag.name)
                            } else {
                                format!("Tag the selection as {}: {}", tag.name, tag.description)
                            };
                            if ui.add(button).on_hover_text(hover).clicked() {
                                action = Some(ArticleAction::TagSelection(tag.key.clone()));
                            }
                        }
                        if let Some(id) = selected_annotation {
                            ui.separator();
                            let add = ui.button("+ Add as range").on_hover_text(
                                "Add the selection as a further range of the selected annotation",
                            );
                            if add.clicked() {
                                action = Some(ArticleAction::AddSelectionAsRange(id));
                            }
                        }
                    });
                });
        });
    action
}
