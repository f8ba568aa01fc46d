//! Ghost highlights: the attribution engine's suggestions drawn as dashed outlines (never a
//! fill, so they cannot be mistaken for annotations), with the pointer's ghost and clicks on
//! ghosts reported back. The app owns the suggestions and which one is focused.

use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Shape, Stroke, pos2};

use super::{ArticleAction, ArticleView, Frame};
use crate::attribution::{Suggestion, Tier};
use crate::model::{Document, Span};

/// The suggestions to draw as ghosts, passed in [`super::ArticleInput::ghosts`].
#[derive(Clone, Debug, PartialEq)]
pub struct GhostInput {
    /// Changes whenever `suggestions` does: the view rebuilds its index then.
    pub generation: u64,
    pub suggestions: Arc<[Suggestion]>,
    /// The suggestion the analyst moved to (Tab or a click), drawn stronger.
    pub focused: Option<usize>,
}

/// One content range of a suggestion.
#[derive(Clone, Copy, Debug)]
struct GhostRange {
    range: Span,
    suggestion: usize,
}

/// The ghosts' ranges sorted by start, rebuilt when the suggestions change.
#[derive(Debug, Default)]
pub(super) struct GhostIndex {
    generation: Option<u64>,
    ranges: Vec<GhostRange>,
    max_len_chars: usize,
}

impl GhostIndex {
    /// Rebuilds the index when the suggestions changed; empties it when there are none.
    pub(super) fn refresh(&mut self, input: Option<&GhostInput>) {
        let generation = input.map(|g| g.generation);
        if self.generation == generation {
            return;
        }
        self.generation = generation;
        let Some(input) = input else {
            self.ranges.clear();
            return;
        };
        self.ranges = (input.suggestions.iter().enumerate())
            .flat_map(|(suggestion, s)| {
                (s.content.iter()).map(move |&range| GhostRange { range, suggestion })
            })
            .collect();
        self.ranges.sort_by_key(|g| (g.range.start, g.range.end));
        self.max_len_chars = self.ranges.iter().map(|g| g.range.len()).max().unwrap_or(0);
    }

    /// The ranges that touch `chars`.
    fn touching(&self, chars: Span) -> impl Iterator<Item = &GhostRange> + '_ {
        let from = self
            .ranges
            .partition_point(|g| g.range.start + self.max_len_chars < chars.start);
        let to = self.ranges.partition_point(|g| g.range.start < chars.end);
        (self.ranges.get(from..to).unwrap_or_default().iter())
            .filter(move |g| g.range.end > chars.start)
    }

    /// The narrowest suggestion whose content holds the char at `offset`.
    fn at(&self, offset: usize) -> Option<usize> {
        self.touching(Span::new(offset, offset + 1))
            .min_by_key(|g| g.range.len())
            .map(|g| g.suggestion)
    }
}

/// The ghosts' colour: a neutral ink, stronger for more confident suggestions.
fn ghost_color(tier: Tier, is_focused: bool, dark_mode: bool) -> Color32 {
    let base = if dark_mode {
        Color32::from_rgb(170, 190, 255)
    } else {
        Color32::from_rgb(40, 70, 190)
    };
    if is_focused {
        return base;
    }
    match tier {
        Tier::High => base.gamma_multiply(0.85),
        Tier::Medium => base.gamma_multiply(0.6),
        Tier::Low => base.gamma_multiply(0.4),
    }
}

/// A dashed rectangle outline.
fn dashed_rect(rect: Rect, stroke: Stroke, dash_px: f32, gap_px: f32, out: &mut Vec<Shape>) {
    let corners: [Pos2; 5] = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    out.extend(Shape::dashed_line(&corners, stroke, dash_px, gap_px));
}

impl ArticleView {
    /// Before painting: refreshes the ghosts' index, turns a click on a ghost into
    /// [`ArticleAction::FocusSuggestion`], and returns the ghost under the pointer.
    pub(super) fn ghosts_input_ui(
        &mut self,
        response: &egui::Response,
        doc: &Document,
        input: &super::ArticleInput,
        frame: &Frame,
        actions: &mut Vec<ArticleAction>,
    ) -> Option<usize> {
        let ghosts = input.ghosts.as_ref();
        self.ghosts.refresh(ghosts);
        let selected = input.selected_annotation;
        self.ghost_click(response, doc, frame, ghosts, selected, actions);
        self.hovered_ghost(response, doc, frame, ghosts)
    }

    /// Paints the ghosts over the visible paragraphs (after the highlights).
    pub(super) fn paint_ghosts(
        &mut self,
        ui: &egui::Ui,
        doc: &Document,
        frame: &Frame,
        ghosts: Option<&GhostInput>,
    ) {
        let Some(ghosts) = ghosts else {
            return;
        };
        let dark_mode = ui.visuals().dark_mode;
        let inset = ((frame.style.line_height_px - frame.style.font_size_px * 1.25) * 0.5).max(0.0);
        let paragraphs = doc.paragraphs();
        let mut shapes = Vec::new();
        for visible in &self.visible {
            let Some(paragraph) = paragraphs.get(visible.index) else {
                continue;
            };
            let origin = frame.paragraph_origin(visible.top_px).to_vec2();
            let base = paragraph.chars.start;
            for ghost in self.ghosts.touching(paragraph.chars) {
                let Some(suggestion) = ghosts.suggestions.get(ghost.suggestion) else {
                    continue;
                };
                let is_focused = ghosts.focused == Some(ghost.suggestion);
                let color = ghost_color(suggestion.tier, is_focused, dark_mode);
                let stroke = Stroke::new(if is_focused { 2.0 } else { 1.2 }, color);
                let start = ghost.range.start.max(base) - base;
                let end = ghost.range.end.min(paragraph.chars.end) - base;
                for rect in visible.text.range_rects(start, end) {
                    let band = Rect::from_min_max(
                        pos2(rect.left() - 1.0, rect.top() + inset - 1.0),
                        pos2(rect.right() + 1.0, rect.bottom() - inset + 1.0),
                    )
                    .translate(origin);
                    if band.intersects(frame.clip) {
                        dashed_rect(band, stroke, 4.0, 3.0, &mut shapes);
                    }
                }
            }
        }
        ui.painter().extend(shapes);
    }

    /// The suggestion under the pointer, if any.
    fn hovered_ghost(
        &self,
        response: &egui::Response,
        doc: &Document,
        frame: &Frame,
        ghosts: Option<&GhostInput>,
    ) -> Option<usize> {
        ghosts?;
        let pos = response.hover_pos()?;
        let offset = self.char_under_pos(doc, frame, pos)?;
        self.ghosts.at(offset)
    }

    /// A click on a ghost focuses its suggestion. Annotations under the pointer come first:
    /// the ghost is reached when the click would otherwise select nothing or cycle back to
    /// the first annotation there.
    fn ghost_click(
        &self,
        response: &egui::Response,
        doc: &Document,
        frame: &Frame,
        ghosts: Option<&GhostInput>,
        selected: Option<crate::model::AnnotationId>,
        actions: &mut Vec<ArticleAction>,
    ) {
        let Some(ghosts) = ghosts else {
            return;
        };
        if !response.clicked()
            || response.double_clicked()
            || super::input::pointer_modifiers(&response.ctx).shift
        {
            return;
        }
        let Some(pos) = response.interact_pointer_pos() else {
            return;
        };
        let Some(offset) = self.char_under_pos(doc, frame, pos) else {
            return;
        };
        let Some(ghost) = self.ghosts.at(offset) else {
            return;
        };
        if ghosts.focused == Some(ghost) {
            return;
        }
        let under = self.overlap().annotations_at(offset);
        let is_wrapping = under.is_empty() || selected.is_some_and(|s| under.last() == Some(&s));
        if !is_wrapping {
            return;
        }
        actions.retain(|a| !matches!(a, ArticleAction::SelectAnnotation(_)));
        actions.push(ArticleAction::FocusSuggestion(ghost));
    }
}
