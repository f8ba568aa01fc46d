//! The article's title block and the hover tooltip over highlights.

use std::sync::Arc;

use egui::{Color32, FontId, Rect, pos2, vec2};

use super::layout::ReadingStyle;
use super::text_map::ParagraphText;
use super::{ArticleView, Frame};
use crate::model::{AnnotationId, Document, OverlapIndex, Project, Span};
use crate::ui::tag_color;

impl ArticleView {
    /// The narrowest annotation whose text is under the pointer, and the char there.
    pub(super) fn hovered_annotation(
        &self,
        response: &egui::Response,
        doc: &Document,
        frame: &Frame,
    ) -> Option<(AnnotationId, usize)> {
        let pos = response.hover_pos()?;
        let offset = self.char_under_pos(doc, frame, pos)?;
        let id = self.overlap().annotations_at(offset).first().copied()?;
        Some((id, offset))
    }
}

/// The hover tooltip: tag, holder and note of each annotation over the char at
/// `offset_chars`, narrowest first.
pub(super) fn tooltip_ui(
    response: &egui::Response,
    project: &Project,
    overlap: &OverlapIndex,
    offset_chars: usize,
) {
    // Built only while the tooltip shows; annotations are found through the index's
    // entries, not by scanning every annotation of the project.
    response.clone().on_hover_ui_at_pointer(|ui| {
        let entries = overlap.overlapping(Span::new(offset_chars, offset_chars + 1));
        let ids = overlap.annotations_at(offset_chars);
        ui.set_max_width(320.0);
        for (i, id) in ids.iter().take(6).enumerate() {
            let Some(annotation) = entries
                .iter()
                .find(|e| e.annotation == *id)
                .and_then(|e| project.annotations().get(e.annotation_index))
                .filter(|a| a.id == *id)
            else {
                continue;
            };
            if i > 0 {
                ui.separator();
            }
            let tag = project.schema().get(&annotation.tag);
            let color = tag.map_or(Color32::GRAY, |t| tag_color(t.color));
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(project.schema().name(&annotation.tag))
                        .strong()
                        .color(color),
                );
                let holder = project.holders_label(annotation);
                ui.label(if holder.is_empty() {
                    "no holder"
                } else {
                    holder.as_str()
                });
            });
            if let Some(note) = annotation.note.as_deref().filter(|n| !n.trim().is_empty()) {
                ui.label(egui::RichText::new(crate::model::elide(note)).italics());
            }
        }
        if ids.len() > 1 {
            ui.weak("Click to select; click again to cycle through overlapping annotations.");
        }
    });
}

/// The title, and the date, outlet, author and source, above the text; a right-to-left title is
/// right-aligned like its text.
pub(super) struct Header {
    title: ParagraphText,
    byline: Option<ParagraphText>,
    pub height_px: f32,
}

impl Header {
    pub(super) fn layout(ctx: &egui::Context, doc: &Document, style: &ReadingStyle) -> Self {
        let layout = |text: &str, size: f32, line: f32| {
            let format = egui::TextFormat {
                font_id: FontId::proportional(size),
                line_height: Some(line),
                color: Color32::PLACEHOLDER,
                ..Default::default()
            };
            ParagraphText::layout(ctx, text, &format, style.measure_px)
        };
        let title_size = (style.font_size_px * 1.75).round();
        let title = layout(&doc.title, title_size, (title_size * 1.25).round());
        let mut parts = Vec::new();
        if let Some(date) = doc.date {
            parts.push(date.format("%-d %B %Y").to_string());
        }
        // Who published and wrote it: what the timeline and What changed group by.
        for part in [&doc.outlet, &doc.author, &doc.source] {
            if let Some(text) = part.as_deref().filter(|s| !s.trim().is_empty()) {
                parts.push(text.to_owned());
            }
        }
        let byline = (!parts.is_empty()).then(|| {
            let size = (style.font_size_px * 0.9).round();
            layout(&parts.join("  ·  "), size, (size * 1.4).round())
        });
        let top = style.font_size_px * 1.5;
        let height_px = top
            + title.height_px()
            + byline
                .as_ref()
                .map_or(0.0, |b| b.height_px() + style.font_size_px * 0.4)
            + style.font_size_px * 1.8;
        Self {
            title,
            byline,
            height_px,
        }
    }

    pub(super) fn paint(&self, ui: &egui::Ui, frame: &Frame) {
        let header_rect = Rect::from_min_size(
            frame.origin,
            vec2(frame.clip.width().max(1.0), self.height_px),
        );
        if !frame.clip.intersects(header_rect) {
            return;
        }
        let visuals = ui.visuals();
        let painter = ui.painter();
        let left = frame.origin.x + frame.style.column_left_px;
        let mut y = frame.origin.y + frame.style.font_size_px * 1.5;
        painter.galley(
            self.title.paint_pos(pos2(left, y)),
            Arc::clone(self.title.galley()),
            visuals.strong_text_color(),
        );
        y += self.title.height_px();
        if let Some(byline) = &self.byline {
            y += frame.style.font_size_px * 0.4;
            painter.galley(
                byline.paint_pos(pos2(left, y)),
                Arc::clone(byline.galley()),
                visuals.weak_text_color(),
            );
            y += byline.height_px();
        }
        let rule_y = y + frame.style.font_size_px * 0.8;
        // The short rule starts where the title does: at the right for a right-to-left one.
        let rule_px = frame.style.font_size_px * 4.0;
        let rule_left = if self.title.is_rtl() {
            left + frame.style.measure_px - rule_px
        } else {
            left
        };
        painter.hline(
            rule_left..=rule_left + rule_px,
            rule_y,
            egui::Stroke::new(2.0, visuals.widgets.noninteractive.bg_stroke.color),
        );
    }
}
