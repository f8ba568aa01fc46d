//! Painting the visible paragraphs: cached highlight shapes under and over each galley.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::highlights::{
    self, DecorationContext, DecorationInputs, Decorations, clip_to_paragraph,
};
use super::{ArticleView, CachedDecorations, Frame};
use crate::model::{AnnotationId, Document, Project, Span};

impl ArticleView {
    /// Paints the visible paragraphs with their highlights; returns the ranges rebuilt.
    pub(super) fn paint_paragraphs(
        &mut self,
        ui: &egui::Ui,
        project: &Project,
        doc: &Document,
        frame: &Frame,
        marks: &Marks<'_>,
    ) -> usize {
        let Marks {
            selection,
            selected,
            hovered,
            related,
        } = *marks;
        let related_key = if related.is_empty() {
            0
        } else {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            related.hash(&mut hasher);
            hasher.finish()
        };
        let visuals = ui.visuals();
        let marks = super::highlighted(&self.highlighted);
        let context = DecorationContext {
            project,
            index: &marks.overlap,
            style: &frame.style,
            selection_color: visuals.selection.bg_fill.gamma_multiply(0.75),
            selection_stroke: egui::Stroke::new(1.0, visuals.selection.stroke.color),
            outline_color: visuals.strong_text_color(),
            related,
            cues: &marks.cues,
        };
        // egui's text grey suits labels, but is faint for long reading and over the
        // highlight fills; the article gets more contrast, short of pure black or white.
        let text_color = if visuals.dark_mode {
            egui::Color32::from_gray(214)
        } else {
            egui::Color32::from_gray(36)
        };
        let painter = ui.painter();
        let mut built = 0;
        let paragraphs = doc.paragraphs();
        for visible in &self.visible {
            let Some(paragraph) = paragraphs.get(visible.index) else {
                continue;
            };
            self.hits.clear();
            marks.overlap.query_into(paragraph.chars, &mut self.hits);
            let touches = |id: Option<AnnotationId>| {
                id.filter(|id| {
                    self.hits
                        .iter()
                        .filter_map(|&h| marks.overlap.entries().get(h))
                        .any(|e| e.annotation == *id)
                })
            };
            let inputs = DecorationInputs {
                selected: touches(selected),
                hovered: touches(hovered),
                selection: selection.and_then(|s| clip_to_paragraph(s, paragraph)),
                dark_mode: visuals.dark_mode,
                related_key,
            };
            let key = decoration_key(self.highlighted.builds(), &inputs, &visible.text);
            let cached =
                self.decorations
                    .entry(visible.index)
                    .or_insert_with(|| CachedDecorations {
                        key: key.wrapping_add(1),
                        decorations: Decorations::default(),
                    });
            if cached.key != key {
                cached.decorations = context.build(&visible.text, paragraph, &inputs, &self.hits);
                cached.key = key;
                built += cached.decorations.range_count;
            }
            let origin = frame.paragraph_origin(visible.top_px);
            let offset = origin.to_vec2();
            painter.extend(highlights::translated(&cached.decorations.under, offset));
            painter.galley(
                visible.text.paint_pos(origin),
                Arc::clone(visible.text.galley()),
                text_color,
            );
            painter.extend(highlights::translated(&cached.decorations.over, offset));
        }
        // Keep only what is on screen: the map never grows with the document.
        if self.decorations.len() > self.visible.len() * 2 + 8 {
            let visible = &self.visible;
            self.decorations
                .retain(|index, _| visible.iter().any(|v| v.index == *index));
        }
        built
    }
}

/// What the user is pointing at and has selected this frame, as painted.
#[derive(Clone, Copy)]
pub(super) struct Marks<'a> {
    pub(super) selection: Option<Span>,
    pub(super) selected: Option<AnnotationId>,
    pub(super) hovered: Option<AnnotationId>,
    pub(super) related: &'a [(AnnotationId, egui::Color32)],
}

fn decoration_key(
    generation: u64,
    inputs: &DecorationInputs,
    text: &Arc<super::text_map::ParagraphText>,
) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    generation.hash(&mut hasher);
    inputs.hash(&mut hasher);
    (Arc::as_ptr(text) as usize).hash(&mut hasher);
    hasher.finish()
}
