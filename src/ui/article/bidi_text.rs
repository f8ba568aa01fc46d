//! Right-to-left and mixed text outside the article: quotes in the sidebar list, the editor,
//! the analysis evidence list and the compare lanes. Text without right-to-left characters
//! stays a plain egui text (so egui wraps and truncates it as before); other text is laid
//! out with the article's bidi pass ([`super::text_map::ParagraphText`]), right-aligned when
//! it reads right to left.

use std::ops::Range;
use std::sync::Arc;

use egui::text::TextFormat;
use egui::{Color32, FontId, Galley, Sense, Stroke, Ui, WidgetText};

use super::bidi::needs_bidi;
use super::text_map::ParagraphText;

/// `text` for a label or link: as is when it has no right-to-left characters, else a galley
/// in visual order as wide as the space left (so a right-to-left text sits at the right),
/// cut to `max_rows` rows with `…`. Make such a label `.selectable(false)`: egui's text
/// selection would map its glyphs to the text in storage order.
pub fn widget_text(ui: &Ui, text: &str, font: FontId, max_rows: Option<usize>) -> WidgetText {
    if !needs_bidi(text) {
        return WidgetText::from(egui::RichText::new(text).font(font));
    }
    let width_px = ui.available_width().max(font.size * 4.0);
    let format = TextFormat {
        font_id: font,
        color: Color32::PLACEHOLDER,
        ..TextFormat::default()
    };
    let laid_out = match max_rows {
        Some(rows) => ParagraphText::layout_clipped(ui.ctx(), text, &format, width_px, rows),
        None => ParagraphText::layout(ui.ctx(), text, &format, width_px),
    };
    WidgetText::Galley(for_widget(&laid_out, text, width_px))
}

/// The galley for a label: a right-to-left one as wide as `width_px`, so the label keeps its
/// text at the right edge; and its text in logical order, which is what a label reports to
/// screen readers (the glyphs are laid out already; egui paints rows, not the text).
fn for_widget(laid_out: &ParagraphText, logical: &str, width_px: f32) -> Arc<Galley> {
    let mut galley = (**laid_out.galley()).clone();
    if laid_out.is_rtl() && galley.rect.width() < width_px {
        galley.rect.min.x = galley.rect.max.x - width_px;
    }
    let mut job = (*galley.job).clone();
    job.text = logical.to_owned();
    // One section over the whole text: a job without sections counts as empty, and egui
    // paints nothing for an empty galley.
    let format = job
        .sections
        .first()
        .map(|s| s.format.clone())
        .unwrap_or_default();
    job.sections = vec![egui::text::LayoutSection {
        leading_space: 0.0,
        byte_range: egui::epaint::text::ByteIndex(0)..egui::epaint::text::ByteIndex(logical.len()),
        format,
    }];
    galley.job = Arc::new(job);
    Arc::new(galley)
}

/// A stretch of a paragraph drawn with a background and an underline.
#[derive(Clone, Debug)]
pub struct TextMark {
    /// Paragraph-local chars.
    pub chars: Range<usize>,
    pub background: Color32,
    pub underline: Stroke,
}

/// A paragraph with marks, wrapped at the width available: for text with right-to-left
/// characters, where the marks cannot be sections of a layout job (a mark may cover part of
/// an Arabic word, which must be shaped whole). The marks are painted under and below the
/// glyphs of their chars.
pub fn marked_paragraph_ui(ui: &mut Ui, text: &str, font: FontId, marks: &[TextMark]) {
    let width_px = ui.available_width().max(font.size * 4.0);
    let format = TextFormat {
        font_id: font,
        color: Color32::PLACEHOLDER,
        ..TextFormat::default()
    };
    let laid_out = ParagraphText::layout(ui.ctx(), text, &format, width_px);
    let size = egui::vec2(width_px, laid_out.height_px());
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let origin = rect.min.to_vec2();
    let painter = ui.painter();
    for mark in marks {
        for band in laid_out.range_rects(mark.chars.start, mark.chars.end) {
            let band = band.translate(origin);
            if mark.background != Color32::TRANSPARENT {
                painter.rect_filled(band, 0.0, mark.background);
            }
            if mark.underline != Stroke::NONE {
                painter.hline(band.x_range(), band.bottom() - 1.0, mark.underline);
            }
        }
    }
    painter.galley(
        laid_out.paint_pos(rect.min),
        Arc::clone(laid_out.galley()),
        ui.visuals().text_color(),
    );
}
