//! Right-to-left and mixed text outside the article: quotes in the sidebar list, the editor,
//! the analysis evidence list and the compare lanes; names in the analysis timeline and
//! position map, painted or in tooltips. Text without right-to-left characters
//! stays a plain egui text (so egui wraps and truncates it as before); other text is laid
//! out with the article's bidi pass ([`super::text_map::ParagraphText`]), right-aligned when
//! it reads right to left.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use egui::text::TextFormat;
use egui::{Align2, Color32, FontId, Galley, Painter, Pos2, Rect, Sense, Stroke, Ui, WidgetText};

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
    WidgetText::Galley(widget_galley(
        ui.ctx(),
        text,
        &font,
        width_px,
        max_rows,
        true,
    ))
}

/// `text` on one line for a label among others (a name in a row): as is when it has no
/// right-to-left characters, else a galley in visual order as wide as its text, cut with `…`
/// to the space left. Make such a label `.selectable(false)`.
pub fn inline_text(ui: &Ui, text: &str, font: FontId) -> WidgetText {
    if !needs_bidi(text) {
        return WidgetText::from(egui::RichText::new(text).font(font));
    }
    let width_px = ui.available_width().max(font.size * 4.0);
    WidgetText::Galley(widget_galley(
        ui.ctx(),
        text,
        &font,
        width_px,
        Some(1),
        false,
    ))
}

/// The label's galley for [`widget_text`] and [`inline_text`], from the frame cache.
fn widget_galley(
    ctx: &egui::Context,
    text: &str,
    font: &FontId,
    width_px: f32,
    max_rows: Option<usize>,
    is_filling: bool,
) -> Arc<Galley> {
    let key = LaidOutKey {
        text,
        font,
        width_bits: width_px.to_bits(),
        max_rows,
        is_widget: Some(is_filling),
    };
    if let Some(Laid::Widget(galley)) = LaidOut::get(ctx, &key) {
        return galley;
    }
    let laid_out = paragraph_text(ctx, text, font, width_px, max_rows);
    let galley = for_widget(&laid_out, text, is_filling.then_some(width_px));
    LaidOut::put(ctx, &key, Laid::Widget(Arc::clone(&galley)));
    galley
}

/// `text` laid out with the bidi pass at `width_px`, at most `max_rows` rows, from the frame
/// cache: widgets draw the same quotes every frame, and the bidi pass costs more than a
/// lookup.
fn paragraph_text(
    ctx: &egui::Context,
    text: &str,
    font: &FontId,
    width_px: f32,
    max_rows: Option<usize>,
) -> Arc<ParagraphText> {
    let key = LaidOutKey {
        text,
        font,
        width_bits: width_px.to_bits(),
        max_rows,
        is_widget: None,
    };
    if let Some(Laid::Text(text)) = LaidOut::get(ctx, &key) {
        return text;
    }
    let format = TextFormat {
        font_id: font.clone(),
        color: Color32::PLACEHOLDER,
        ..TextFormat::default()
    };
    let laid_out = Arc::new(match max_rows {
        Some(rows) => ParagraphText::layout_clipped(ctx, text, &format, width_px, rows),
        None => ParagraphText::layout(ctx, text, &format, width_px),
    });
    LaidOut::put(ctx, &key, Laid::Text(Arc::clone(&laid_out)));
    laid_out
}

/// What identifies a text laid out for a widget.
#[derive(Hash)]
struct LaidOutKey<'a> {
    text: &'a str,
    font: &'a FontId,
    /// The width in pixels, as bits (an `f32` has no `Hash`).
    width_bits: u32,
    max_rows: Option<usize>,
    /// `None` for the laid-out text, `Some(fills the width)` for a label's galley.
    is_widget: Option<bool>,
}

/// A cached layout.
#[derive(Clone)]
enum Laid {
    Text(Arc<ParagraphText>),
    Widget(Arc<Galley>),
}

/// Bidi text laid out for widgets, kept while it is shown (egui evicts what a frame did not
/// use), and dropped whole when egui rebuilds its font atlas (the galleys' glyphs are gone).
#[derive(Default)]
struct LaidOut {
    entries: std::collections::HashMap<u64, (Laid, bool)>,
    atlas: Option<(egui::epaint::text::TextOptions, f32, f32)>,
}

impl egui::cache::CacheTrait for LaidOut {
    fn update(&mut self) {
        self.entries
            .retain(|_, (_, is_used)| std::mem::take(is_used));
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

impl LaidOut {
    fn get(ctx: &egui::Context, key: &LaidOutKey<'_>) -> Option<Laid> {
        let atlas = ctx.fonts(|f| (*f.options(), f.font_atlas_fill_ratio()));
        let atlas = (atlas.0, atlas.1, ctx.pixels_per_point());
        let hash = egui::util::hash(key);
        ctx.memory_mut(|m| {
            let cache = m.caches.cache::<Self>();
            let is_rebuilt = cache.atlas.is_some_and(|(options, fill, ppp)| {
                options != atlas.0 || fill > atlas.1 || ppp != atlas.2
            });
            if is_rebuilt {
                cache.entries.clear();
            }
            cache.atlas = Some(atlas);
            let (laid, is_used) = cache.entries.get_mut(&hash)?;
            *is_used = true;
            Some(laid.clone())
        })
    }

    fn put(ctx: &egui::Context, key: &LaidOutKey<'_>, laid: Laid) {
        let hash = egui::util::hash(key);
        ctx.memory_mut(|m| m.caches.cache::<Self>().entries.insert(hash, (laid, true)));
    }
}

/// `name` set apart from the sentence it is put in (a first-strong isolate, U+2068 … U+2069,
/// which egui draws as nothing): an Arabic name in "Name on Issue" reads right to left while
/// the English sentence around it keeps its direction and word order.
#[must_use]
pub fn isolated(name: &str) -> Cow<'_, str> {
    if needs_bidi(name) {
        Cow::Owned(format!("\u{2068}{name}\u{2069}"))
    } else {
        Cow::Borrowed(name)
    }
}

/// Paints `text` on one line anchored at `pos`, like [`Painter::text`], with right-to-left
/// runs in reading order. Returns the rectangle it covers.
pub fn paint_line(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    text: &str,
    font: FontId,
    color: Color32,
) -> Rect {
    if !needs_bidi(text) {
        return painter.text(pos, anchor, text, font, color);
    }
    // Wide enough for any label: one row.
    let laid_out = paragraph_text(painter.ctx(), text, &font, 100_000.0, None);
    let galley = laid_out.galley();
    let rect = anchor.anchor_size(pos, galley.size());
    // A right-to-left galley is right-aligned: its rows lie left of its origin.
    painter.galley(
        rect.min - galley.rect.min.to_vec2(),
        Arc::clone(galley),
        color,
    );
    rect
}

/// A non-selectable label in `color` (the text colour if `None`) whose text may hold
/// right-to-left names (set apart with [`isolated`]) or quotes.
pub fn label(ui: &mut Ui, text: &str, color: Option<Color32>) -> egui::Response {
    let color = color.unwrap_or_else(|| ui.visuals().text_color());
    if !needs_bidi(text) {
        return ui.label(egui::RichText::new(text).color(color));
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = widget_text(ui, text, font, None);
    ui.scope(|ui| {
        ui.visuals_mut().override_text_color = Some(color);
        ui.add(egui::Label::new(text).selectable(false))
    })
    .inner
}

/// The galley for a label: a right-to-left one as wide as `fill_px` if given, so the label
/// keeps its text at the right edge; and its text in logical order, which is what a label
/// reports to screen readers (the glyphs are laid out already; egui paints rows, not the text).
fn for_widget(laid_out: &ParagraphText, logical: &str, fill_px: Option<f32>) -> Arc<Galley> {
    let mut galley = (**laid_out.galley()).clone();
    if let Some(width_px) = fill_px
        && laid_out.is_rtl()
        && galley.rect.width() < width_px
    {
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

/// A selectable row showing `text` on one line (cut with `…`), its chars `marked` on
/// `mark_fill`: a list row whose text holds right-to-left characters, where the mark cannot be
/// a section of a layout job (it would reorder the words around it). Screen readers get `text`.
pub fn marked_line_button(
    ui: &mut Ui,
    text: &str,
    marked: Range<usize>,
    mark_fill: Color32,
    is_selected: bool,
) -> egui::Response {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let padding = ui.spacing().button_padding;
    let width_px = ui.available_width();
    let text_width_px = (width_px - 2.0 * padding.x).max(font.size * 4.0);
    let laid_out = paragraph_text(ui.ctx(), text, &font, text_width_px, Some(1));
    let size = egui::vec2(width_px, laid_out.height_px() + 2.0 * padding.y);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), is_selected, text)
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, is_selected);
        if is_selected || response.hovered() || response.has_focus() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        let mark = TextMark {
            chars: marked,
            background: mark_fill,
            underline: Stroke::NONE,
        };
        paint_marked(
            ui.painter(),
            &laid_out,
            rect.shrink2(padding).min,
            &[mark],
            visuals.text_color(),
        );
    }
    response
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
pub fn marked_paragraph_ui(ui: &mut Ui, text: &str, font: &FontId, marks: &[TextMark]) {
    let width_px = ui.available_width().max(font.size * 4.0);
    let laid_out = paragraph_text(ui.ctx(), text, font, width_px, None);
    let size = egui::vec2(width_px, laid_out.height_px());
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    paint_marked(
        ui.painter(),
        &laid_out,
        rect.min,
        marks,
        ui.visuals().text_color(),
    );
}

/// Paints `laid_out` with its top left corner at `origin`, the marks under and below the
/// glyphs of their chars.
fn paint_marked(
    painter: &Painter,
    laid_out: &ParagraphText,
    origin: Pos2,
    marks: &[TextMark],
    color: Color32,
) {
    for mark in marks {
        for band in laid_out.range_rects(mark.chars.start, mark.chars.end) {
            let band = band.translate(origin.to_vec2());
            if mark.background != Color32::TRANSPARENT {
                painter.rect_filled(band, 0.0, mark.background);
            }
            if mark.underline != Stroke::NONE {
                painter.hline(band.x_range(), band.bottom() - 1.0, mark.underline);
            }
        }
    }
    painter.galley(
        laid_out.paint_pos(origin),
        Arc::clone(laid_out.galley()),
        color,
    );
}
