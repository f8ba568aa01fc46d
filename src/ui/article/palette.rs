//! The floating tag palette shown next to a text selection: where it goes, and one button
//! per tag, in the tag's colour and with its hotkey, plus "Add as range" when an annotation
//! is selected.

use egui::{Pos2, Rect, RichText, pos2};

use super::{ArticleAction, ArticleView, Frame};
use crate::model::{AnnotationId, Document, Span, TagSchema};
use crate::ui::{tag_color, text_on};

impl ArticleView {
    /// Where the palette goes: above the selection's first line, so it hides no text the
    /// reader is about to read; below its last line when there is no room above.
    /// Returns the anchor and the palette corner placed there.
    pub(super) fn palette_anchor(
        &self,
        doc: &Document,
        frame: &Frame,
        span: Span,
    ) -> Option<(Pos2, egui::Align2)> {
        // Room for one row of buttons.
        let palette_px = frame.style.font_size_px * 2.4;
        let screen_rect = |offset: usize| {
            let (index, local) = Self::locate(doc, offset)?;
            let visible = self.visible.iter().find(|v| v.index == index)?;
            Some(
                (visible.text.boundary_rect(local))
                    .translate(frame.paragraph_origin(visible.top_px).to_vec2()),
            )
        };
        if let Some(start) = screen_rect(span.start)
            && start.top() - palette_px > frame.clip.top()
            && start.top() < frame.clip.bottom()
        {
            return Some((
                pos2(start.left() - 8.0, start.top() - 4.0),
                egui::Align2::LEFT_BOTTOM,
            ));
        }
        let end = screen_rect(span.end)?;
        let anchor = pos2(end.left() - 24.0, end.bottom() + 4.0);
        frame
            .clip
            .contains(anchor)
            .then_some((anchor, egui::Align2::LEFT_TOP))
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
                        for tag in schema.live_tags() {
                            let color = tag_color(tag.color);
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
