//! Highlights painted around a paragraph's galley: a translucent fill per annotation, one
//! coloured underline per lane so overlapping annotations stay apart, an outline around the
//! selected (and a thinner one around the hovered) annotation, an outline in the relation
//! type's colour around the selected annotation's related ones, dotted underlines under
//! reporting cues, and the text selection.
//!
//! Shapes are built in galley-local coordinates and cached per paragraph by the view.

use egui::{Color32, CornerRadius, Rect, Shape, Stroke, StrokeKind, pos2};

use super::layout::ReadingStyle;
use super::text_map::ParagraphText;
use crate::model::{AnnotationId, OverlapIndex, Paragraph, Project, Span};
use crate::ui::tag_color;

/// Underline lanes drawn; deeper overlaps share the last lane (the fill still shows them).
const MAX_LANES: u8 = 3;

/// What a paragraph's decorations depend on, besides its galley and the index generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct DecorationInputs {
    pub selected: Option<AnnotationId>,
    pub hovered: Option<AnnotationId>,
    /// The text selection clipped to the paragraph (paragraph-local chars).
    pub selection: Option<(usize, usize)>,
    pub dark_mode: bool,
    /// Identifies the related annotations marked this frame (0 for none).
    pub related_key: u64,
}

/// A reporting cue's range, with the colour of its annotation's tag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct CueMark {
    pub range: Span,
    pub color: Color32,
}

/// The cues of one document, sorted by start, for lookups by paragraph.
#[derive(Clone, Debug, Default)]
pub(super) struct CueIndex {
    marks: Vec<CueMark>,
    max_len_chars: usize,
}

impl CueIndex {
    /// The cues of `document`'s annotations that `filter` shows.
    pub fn build(
        project: &Project,
        document: crate::model::DocumentId,
        filter: &crate::model::AnnotationFilter,
    ) -> Self {
        let range = project.document_annotation_range(document);
        let mut marks: Vec<CueMark> = (project.annotations()[range].iter())
            .filter(|a| filter.shows_highlight(a))
            .flat_map(|a| {
                let color = project
                    .schema()
                    .get(&a.tag)
                    .map_or(Color32::GRAY, |t| tag_color(t.color));
                a.cue.iter().map(move |&range| CueMark { range, color })
            })
            .collect();
        marks.sort_by_key(|m| (m.range.start, m.range.end));
        let max_len_chars = marks.iter().map(|m| m.range.len()).max().unwrap_or(0);
        Self {
            marks,
            max_len_chars,
        }
    }

    /// The cues that touch `chars`.
    fn touching(&self, chars: Span) -> impl Iterator<Item = &CueMark> + '_ {
        let from = self
            .marks
            .partition_point(|m| m.range.start + self.max_len_chars < chars.start);
        let to = self.marks.partition_point(|m| m.range.start < chars.end);
        self.marks
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .filter(move |m| m.range.end > chars.start)
    }
}

/// Shapes under the text (fills, selection) and over it (underlines, outlines).
#[derive(Clone, Debug, Default)]
pub(super) struct Decorations {
    pub under: Vec<Shape>,
    pub over: Vec<Shape>,
    /// Highlight ranges drawn, for the frame statistics.
    pub range_count: usize,
}

/// Everything needed to decorate one paragraph.
pub(super) struct DecorationContext<'a> {
    pub project: &'a Project,
    pub index: &'a OverlapIndex,
    pub style: &'a ReadingStyle,
    pub selection_color: Color32,
    pub selection_stroke: Stroke,
    pub outline_color: Color32,
    /// Annotations related to the selected one, with their relation type's colour.
    pub related: &'a [(AnnotationId, Color32)],
    pub cues: &'a CueIndex,
}

/// The paragraph-local part of `span`, if it touches the paragraph.
pub(super) fn clip_to_paragraph(span: Span, paragraph: &Paragraph) -> Option<(usize, usize)> {
    let start = span.start.max(paragraph.chars.start);
    let end = span.end.min(paragraph.chars.end);
    // An empty clip still matters when the selection covers the paragraph's line break.
    if start > end || (start == end && !span.overlaps(&paragraph.chars)) {
        return None;
    }
    Some((start - paragraph.chars.start, end - paragraph.chars.start))
}

impl DecorationContext<'_> {
    pub fn build(
        &self,
        text: &ParagraphText,
        paragraph: &Paragraph,
        inputs: &DecorationInputs,
        hits: &[usize],
    ) -> Decorations {
        let mut out = Decorations::default();
        let fill_alpha = if inputs.dark_mode { 0.30 } else { 0.24 };
        let inset = ((self.style.line_height_px - self.style.font_size_px * 1.25) * 0.5).max(0.0);
        let underline_step = 2.5;
        let base = paragraph.chars.start;

        for &hit in hits {
            let Some(entry) = self.index.entries().get(hit) else {
                continue;
            };
            let Some(annotation) = self.project.annotations().get(entry.annotation_index) else {
                continue;
            };
            let color = self
                .project
                .schema()
                .get(&annotation.tag)
                .map_or(Color32::GRAY, |t| tag_color(t.color));
            let fill = color.gamma_multiply(fill_alpha * fill_weight(color, inputs.dark_mode));
            let lane = entry.lane.min(MAX_LANES - 1);
            let start = entry.range.start.max(paragraph.chars.start) - base;
            let end = entry.range.end.min(paragraph.chars.end) - base;
            let is_selected = inputs.selected == Some(entry.annotation);
            let is_hovered = inputs.hovered == Some(entry.annotation);
            out.range_count += 1;
            for rect in text.range_rects(start, end) {
                let band = Rect::from_min_max(
                    pos2(rect.left(), rect.top() + inset),
                    pos2(rect.right(), rect.bottom() - inset),
                );
                out.under
                    .push(Shape::rect_filled(band, CornerRadius::same(2), fill));
                let y = band.bottom() + f32::from(lane) * underline_step;
                out.over.push(Shape::line_segment(
                    [pos2(band.left(), y), pos2(band.right(), y)],
                    Stroke::new(2.0, color),
                ));
                if is_selected {
                    out.over.push(Shape::rect_stroke(
                        band.expand(1.5),
                        CornerRadius::same(3),
                        Stroke::new(2.0, self.outline_color),
                        StrokeKind::Outside,
                    ));
                } else if let Some((_, related)) =
                    self.related.iter().find(|(id, _)| *id == entry.annotation)
                {
                    out.over.push(Shape::rect_stroke(
                        band.expand(1.5),
                        CornerRadius::same(3),
                        Stroke::new(2.0, *related),
                        StrokeKind::Outside,
                    ));
                } else if is_hovered {
                    out.over.push(Shape::rect_stroke(
                        band.expand(1.0),
                        CornerRadius::same(3),
                        Stroke::new(1.0, color),
                        StrokeKind::Outside,
                    ));
                }
            }
        }

        for cue in self.cues.touching(paragraph.chars) {
            let start = cue.range.start.max(paragraph.chars.start) - base;
            let end = cue.range.end.min(paragraph.chars.end) - base;
            for rect in text.range_rects(start, end) {
                // Just under the text: cue words are usually outside the highlight they cue.
                let y = rect.bottom() - inset + 1.5;
                out.over.extend(Shape::dotted_line(
                    &[pos2(rect.left() + 1.0, y), pos2(rect.right() - 1.0, y)],
                    cue.color,
                    3.5,
                    1.1,
                ));
            }
        }

        if let Some((start, end)) = inputs.selection {
            let rects: Vec<Rect> = if start == end {
                Vec::new()
            } else {
                text.range_rects(start, end)
            };
            for rect in rects {
                out.under.push(Shape::rect_filled(
                    rect,
                    CornerRadius::ZERO,
                    self.selection_color,
                ));
                // A blue tag fill looks like a selection; the frame tells them apart.
                out.over.push(Shape::rect_stroke(
                    rect,
                    CornerRadius::ZERO,
                    self.selection_stroke,
                    StrokeKind::Inside,
                ));
            }
        }
        out
    }
}

/// How much of the fill alpha a tag colour gets. On a dark background a light colour (amber,
/// yellow) at full alpha turns into a muddy band that swallows the text; it needs less fill
/// than a dark colour (blue) to show as strongly. The underline carries the hue either way.
fn fill_weight(color: Color32, dark_mode: bool) -> f32 {
    if !dark_mode {
        return 1.0;
    }
    let luma =
        0.299 * f32::from(color.r()) + 0.587 * f32::from(color.g()) + 0.114 * f32::from(color.b());
    (110.0 / luma.max(1.0)).clamp(0.55, 1.0)
}

/// A translated copy of cached shapes, ready to paint at `offset`.
pub(super) fn translated(shapes: &[Shape], offset: egui::Vec2) -> impl Iterator<Item = Shape> + '_ {
    shapes.iter().map(move |shape| {
        let mut shape = shape.clone();
        shape.translate(offset);
        shape
    })
}
