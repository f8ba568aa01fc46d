//! Pointer and keyboard input of the article view: mapping positions to chars, drag
//! selection, clicks (word, sentence, highlight cycling) and Shift+arrow extension.

use egui::{Key, Modifiers, Pos2, vec2};

use super::selection::SelectionEnds;
use super::{ArticleAction, ArticleInput, ArticleView, Frame, selection};
use crate::model::{AnnotationId, Document, Span};

/// How Shift+arrow keys move the selection's moving end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeadStep {
    CharBack,
    CharForward,
    WordBack,
    WordForward,
    LineUp,
    LineDown,
}

impl HeadStep {
    /// The step the other horizontal arrow takes: for right-to-left paragraphs.
    fn mirrored(self) -> Self {
        match self {
            Self::CharBack => Self::CharForward,
            Self::CharForward => Self::CharBack,
            Self::WordBack => Self::WordForward,
            Self::WordForward => Self::WordBack,
            Self::LineUp => Self::LineUp,
            Self::LineDown => Self::LineDown,
        }
    }
}

impl ArticleView {
    /// The char boundary nearest to a screen position, laying out its paragraph if needed.
    pub(super) fn boundary_at_pos(
        &mut self,
        doc: &Document,
        frame: &Frame,
        ctx: &egui::Context,
        pos: Pos2,
    ) -> usize {
        let paragraphs = doc.paragraphs();
        let y = pos.y - frame.origin.y - frame.header_px;
        let Some(first) = paragraphs.first() else {
            return 0;
        };
        if y < 0.0 {
            return first.chars.start;
        }
        let index = self.layouts.heights.index_at(y);
        let top_px = self.layouts.heights.top_of(index);
        let (Some(paragraph), Some((text, _))) =
            (paragraphs.get(index), self.layouts.galley(doc, index, ctx))
        else {
            return doc.len_chars();
        };
        let local = pos - frame.paragraph_origin(top_px);
        paragraph.chars.start + text.boundary_at(local)
    }

    /// The char whose glyph is under a screen position, among the visible paragraphs.
    pub(super) fn char_under_pos(&self, doc: &Document, frame: &Frame, pos: Pos2) -> Option<usize> {
        let y = pos.y - frame.origin.y - frame.header_px;
        let visible = self
            .visible
            .iter()
            .find(|v| v.top_px <= y && y < v.top_px + v.text.height_px())?;
        let local = pos - frame.paragraph_origin(visible.top_px);
        let offset = visible.text.char_under(local)?;
        Some(doc.paragraphs().get(visible.index)?.chars.start + offset)
    }

    pub(super) fn pointer_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        doc: &Document,
        input: &ArticleInput,
        frame: &Frame,
        actions: &mut Vec<ArticleAction>,
    ) {
        let ctx = ui.ctx();
        let modifiers = pointer_modifiers(ctx);
        if response.drag_started_by(egui::PointerButton::Primary) {
            response.request_focus();
            self.preferred_x = None;
            let press = ctx
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos());
            if let Some(press) = press {
                let at = self.boundary_at_pos(doc, frame, ctx, press);
                let anchor = match self.ends {
                    Some(ends) if modifiers.shift => ends.anchor,
                    _ => at,
                };
                self.drag_anchor = Some(anchor);
                self.ends = Some(SelectionEnds { anchor, head: at });
            }
        }
        if let Some(anchor) = self.drag_anchor {
            if let Some(pos) = response.interact_pointer_pos() {
                let head = self.boundary_at_pos(doc, frame, ctx, pos);
                let before = self.ends.map(|e| e.head);
                self.ends = Some(SelectionEnds { anchor, head });
                if before != Some(head) {
                    let span = Span::ordered(anchor, head);
                    actions.push(ArticleAction::SetSelection(
                        (!span.is_empty()).then_some(span),
                    ));
                }
                autoscroll_while_dragging(ui, frame, pos);
            }
            if response.drag_stopped() || !response.is_pointer_button_down_on() {
                self.drag_anchor = None;
                let head = self.ends.map_or(anchor, |e| e.head);
                let action = self.finish_selection(doc, anchor, head, modifiers.alt);
                actions.push(action);
            }
            return;
        }

        let Some(pos) = response.interact_pointer_pos() else {
            return;
        };
        if response.triple_clicked() {
            let at = self.boundary_at_pos(doc, frame, ctx, pos);
            let offset = self.char_under_pos(doc, frame, pos).unwrap_or(at);
            if let Some(sentence) = selection::sentence_at(doc, offset) {
                self.ends = Some(SelectionEnds::from_span(sentence));
                actions.push(ArticleAction::SetSelection(Some(sentence)));
            }
        } else if response.double_clicked() {
            let at = self.boundary_at_pos(doc, frame, ctx, pos);
            let offset = self.char_under_pos(doc, frame, pos).unwrap_or(at);
            if let Some(word) = selection::word_at(doc, offset) {
                self.ends = Some(SelectionEnds::from_span(word));
                actions.push(ArticleAction::SetSelection(Some(word)));
            }
        } else if response.clicked() {
            response.request_focus();
            self.preferred_x = None;
            let at = self.boundary_at_pos(doc, frame, ctx, pos);
            if modifiers.shift
                && let Some(ends) = self.ends
            {
                let action = self.finish_selection(doc, ends.anchor, at, modifiers.alt);
                actions.push(action);
                return;
            }
            let candidates = self
                .char_under_pos(doc, frame, pos)
                .map(|offset| self.overlap().annotations_at(offset))
                .unwrap_or_default();
            let next = next_in_cycle(&candidates, input.selected_annotation);
            // The caret: Shift+arrows select from here.
            self.ends = Some(SelectionEnds {
                anchor: at,
                head: at,
            });
            if input.selection.is_some() {
                actions.push(ArticleAction::SetSelection(None));
            }
            actions.push(ArticleAction::SelectAnnotation(next));
        }
    }

    /// Ends a drag or Shift+click: snaps outward to words unless Alt is held.
    pub(super) fn finish_selection(
        &mut self,
        doc: &Document,
        anchor: usize,
        head: usize,
        keep_exact: bool,
    ) -> ArticleAction {
        let span = Span::ordered(anchor, head);
        let span = if keep_exact {
            span
        } else {
            selection::snap_to_words(doc, span)
        };
        if span.is_empty() {
            self.ends = None;
            return ArticleAction::SetSelection(None);
        }
        self.ends = Some(if anchor <= head {
            SelectionEnds {
                anchor: span.start,
                head: span.end,
            }
        } else {
            SelectionEnds {
                anchor: span.end,
                head: span.start,
            }
        });
        ArticleAction::SetSelection(Some(span))
    }

    /// The arrow keys, once the article has a caret or a selection: with Shift they move
    /// the selection's head (by a char, with Ctrl by a word, or by a line); without Shift,
    /// Left/Right (Ctrl: by a word) move the caret and drop the selection.
    pub(super) fn keyboard_input(
        &mut self,
        ui: &egui::Ui,
        doc: &Document,
        frame: &Frame,
        ctx: &egui::Context,
        actions: &mut Vec<ArticleAction>,
    ) {
        let Some(ends) = self.ends else {
            return;
        };
        let word = Modifiers::SHIFT | Modifiers::COMMAND;
        let shift = Modifiers::SHIFT;
        // Exact modifiers: Alt+arrows nudge the selected annotation (app commands), and
        // must never be taken for a plain arrow here.
        let keys = [
            (word, Key::ArrowLeft, HeadStep::WordBack, true),
            (word, Key::ArrowRight, HeadStep::WordForward, true),
            (shift, Key::ArrowLeft, HeadStep::CharBack, true),
            (shift, Key::ArrowRight, HeadStep::CharForward, true),
            (shift, Key::ArrowUp, HeadStep::LineUp, true),
            (shift, Key::ArrowDown, HeadStep::LineDown, true),
            (
                Modifiers::COMMAND,
                Key::ArrowLeft,
                HeadStep::WordBack,
                false,
            ),
            (
                Modifiers::COMMAND,
                Key::ArrowRight,
                HeadStep::WordForward,
                false,
            ),
            (Modifiers::NONE, Key::ArrowLeft, HeadStep::CharBack, false),
            (
                Modifiers::NONE,
                Key::ArrowRight,
                HeadStep::CharForward,
                false,
            ),
        ];
        let step = ui.input_mut(|i| {
            keys.into_iter()
                .find(|(modifiers, key, _, _)| consume_exact(i, *modifiers, *key))
                .map(|(_, _, step, is_extending)| (step, is_extending))
        });
        let Some((step, is_extending)) = step else {
            return;
        };
        // In a right-to-left paragraph the text goes on to the left: ← moves forward.
        let step = if self.is_rtl_at(doc, ctx, ends.head) {
            step.mirrored()
        } else {
            step
        };
        let span = ends.span();
        let head = match step {
            // Like a text editor: an arrow on a selection goes to its edge.
            HeadStep::CharBack if !is_extending && !span.is_empty() => span.start,
            HeadStep::CharForward if !is_extending && !span.is_empty() => span.end,
            HeadStep::WordBack => selection::word_boundary(doc, ends.head, false),
            HeadStep::WordForward => selection::word_boundary(doc, ends.head, true),
            HeadStep::CharBack => ends.head.saturating_sub(1),
            HeadStep::CharForward => (ends.head + 1).min(doc.len_chars()),
            HeadStep::LineUp | HeadStep::LineDown => self
                .row_step(doc, ctx, ends.head, step == HeadStep::LineUp)
                .unwrap_or(ends.head),
        };
        if !matches!(step, HeadStep::LineUp | HeadStep::LineDown) {
            self.preferred_x = None;
        }
        let anchor = if is_extending { ends.anchor } else { head };
        self.ends = Some(SelectionEnds { anchor, head });
        let span = Span::ordered(anchor, head);
        actions.push(ArticleAction::SetSelection(
            (!span.is_empty()).then_some(span),
        ));
        self.reveal(ui, doc, frame, ctx, head, None);
    }

    /// True if the paragraph holding `offset` reads right to left.
    fn is_rtl_at(&mut self, doc: &Document, ctx: &egui::Context, offset: usize) -> bool {
        Self::locate(doc, offset)
            .and_then(|(index, _)| self.layouts.galley(doc, index, ctx))
            .is_some_and(|(text, _)| text.is_rtl())
    }

    /// The caret's offset: where the keyboard selection grows from, shown while nothing is
    /// selected (a click or a search put it there).
    pub(super) fn caret(&self) -> Option<usize> {
        self.ends.filter(|e| e.anchor == e.head).map(|e| e.head)
    }

    /// Paints the caret as a thin bar at its char boundary, if it is on screen; returns
    /// where, so the app's tests can check it is visible.
    pub(super) fn paint_caret(
        &self,
        ui: &egui::Ui,
        doc: &Document,
        frame: &Frame,
        has_focus: bool,
    ) -> Option<egui::Rect> {
        let caret = self.caret()?;
        let (index, local) = Self::locate(doc, caret)?;
        let visible = self.visible.iter().find(|v| v.index == index)?;
        let rect = (visible.text.boundary_rect(local))
            .translate(frame.paragraph_origin(visible.top_px).to_vec2());
        let rect = egui::Rect::from_center_size(
            rect.center(),
            vec2(2.0, rect.height().max(frame.style.line_height_px * 0.8)),
        );
        let visuals = ui.visuals();
        // Weaker while another widget has the keyboard, so it still shows where Shift+arrows
        // will start once the article is clicked again.
        let color = if has_focus {
            visuals.text_cursor.stroke.color
        } else {
            visuals.weak_text_color()
        };
        ui.painter()
            .with_clip_rect(frame.clip)
            .rect_filled(rect, 0.0, color);
        Some(rect)
    }

    /// The offset one visual line above or below `offset`, keeping the horizontal position.
    pub(super) fn row_step(
        &mut self,
        doc: &Document,
        ctx: &egui::Context,
        offset: usize,
        up: bool,
    ) -> Option<usize> {
        let (index, local) = Self::locate(doc, offset)?;
        let (text, _) = self.layouts.galley(doc, index, ctx)?;
        let row = text.row_of(local);
        let x = self
            .preferred_x
            .unwrap_or_else(|| text.boundary_rect(local).center().x);
        self.preferred_x = Some(x);
        let paragraphs = doc.paragraphs();
        let within = if up {
            row > 0
        } else {
            row + 1 < text.row_count()
        };
        if within {
            let target_row = if up { row - 1 } else { row + 1 };
            let moved = text.boundary_at(vec2(x, text.row_mid_y(target_row)));
            return Some(paragraphs.get(index)?.chars.start + moved);
        }
        let target = if up { index.checked_sub(1)? } else { index + 1 };
        let p = paragraphs.get(target)?;
        let (next, _) = self.layouts.galley(doc, target, ctx)?;
        let target_row = if up {
            next.row_count().saturating_sub(1)
        } else {
            0
        };
        let y = next.row_mid_y(target_row);
        Some(p.chars.start + next.boundary_at(vec2(x, y)))
    }
}

/// The annotation a click selects: the one after the selected one among those under the
/// pointer, so repeated clicks cycle; the first (narrowest) otherwise.
fn next_in_cycle(
    candidates: &[AnnotationId],
    selected: Option<AnnotationId>,
) -> Option<AnnotationId> {
    let current = selected.and_then(|s| candidates.iter().position(|c| *c == s));
    match current {
        Some(i) => candidates.get((i + 1) % candidates.len()).copied(),
        None => candidates.first().copied(),
    }
}

/// Consumes a press of `key` with exactly `modifiers` (egui's own matching ignores an
/// extra Shift or Alt).
fn consume_exact(input: &mut egui::InputState, modifiers: Modifiers, key: Key) -> bool {
    let mut found = false;
    input.events.retain(|event| {
        let is_match = !found
            && matches!(
                event,
                egui::Event::Key { key: k, modifiers: m, pressed: true, .. }
                    if *k == key && m.matches_exact(modifiers)
            );
        found |= is_match;
        !is_match
    });
    found
}

/// The modifiers held now or carried by this frame's pointer button events (a press or
/// release can arrive in the same frame as the modifier change).
pub(super) fn pointer_modifiers(ctx: &egui::Context) -> Modifiers {
    ctx.input(|i| {
        i.events
            .iter()
            .fold(i.modifiers, |held, event| match event {
                egui::Event::PointerButton { modifiers, .. } => held | *modifiers,
                _ => held,
            })
    })
}

/// Scrolls while a drag selection is held above or below the visible text.
pub(super) fn autoscroll_while_dragging(ui: &egui::Ui, frame: &Frame, pos: Pos2) {
    let margin = frame.style.line_height_px;
    // Positive moves the content down, revealing text above.
    let delta = if pos.y < frame.clip.top() + margin {
        (frame.clip.top() + margin - pos.y).min(40.0)
    } else if pos.y > frame.clip.bottom() - margin {
        -(pos.y - (frame.clip.bottom() - margin)).min(40.0)
    } else {
        return;
    };
    ui.scroll_with_delta_animation(vec2(0.0, delta), egui::style::ScrollAnimation::none());
    ui.ctx().request_repaint();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicks_cycle_through_overlapping_annotations() {
        let a = AnnotationId::random();
        let b = AnnotationId::random();
        let c = AnnotationId::random();
        let all = [a, b, c];
        assert_eq!(next_in_cycle(&all, None), Some(a));
        assert_eq!(next_in_cycle(&all, Some(a)), Some(b));
        assert_eq!(next_in_cycle(&all, Some(c)), Some(a));
        assert_eq!(next_in_cycle(&all, Some(AnnotationId::random())), Some(a));
        assert_eq!(next_in_cycle(&[], Some(a)), None);
    }
}
