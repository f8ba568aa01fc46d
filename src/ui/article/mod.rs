//! The article view: a custom read-only text widget for reading and tagging one document.
//!
//! # Using it
//! ```ignore
//! // Kept in the app across frames: it holds layout caches and drag state.
//! let mut view = ArticleView::default();
//! // Each frame:
//! let input = ArticleInput { selection, selected_annotation, scroll_to_char, ..Default::default() };
//! let out = view.ui(ui, &project, document_id, &input);
//! for action in out.actions { /* the app applies each intent */ }
//! ```
//! - The app owns the text selection and the selected annotation and passes them in
//!   [`ArticleInput`]; the view never changes the project. It returns [`ArticleAction`]s.
//! - `scroll_to_char` is one-shot: pass it in the frame the request happens (e.g. a sidebar
//!   row was clicked), then `None`. The view scrolls only if that char is off screen.
//! - Mouse: drag selects (snapped outward to whole words on release unless Alt is held),
//!   double-click selects a word, triple-click a sentence, Shift+click extends. Click on a
//!   highlight selects its annotation; clicking again at the same spot cycles through the
//!   annotations overlapping there; click on plain text clears both selections.
//! - Keys, while the article has focus (or nothing has focus and a selection exists):
//!   Shift+←/→ extend by a char, Ctrl+Shift+←/→ by a word, Shift+↑/↓ by a line. The tag
//!   hotkeys (1/2/3), Delete and Esc are the app's.
//! - With a selection, a floating palette offers one button per tag (labelled by
//!   [`tag_button_label`], e.g. `1 Claim`) and, when an annotation is selected,
//!   `+ Add as range`.
//! - accesskit: the widget is an `Article` node labelled with the document title.
//! - [`ArticleResponse::stats`] counts the paragraphs laid out and painted this frame, so tests
//!   can check that work follows the viewport, not the document's length.

mod highlights;
mod layout;
mod palette;
pub mod selection;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::{Align, Color32, FontId, Galley, Key, Modifiers, Pos2, Rect, Sense, pos2, vec2};

use crate::model::{AnnotationId, Document, DocumentId, OverlapIndex, Project, Span};
use highlights::{DecorationContext, DecorationInputs, Decorations, clip_to_paragraph};
use layout::{ParagraphLayouts, ReadingStyle};
pub use palette::tag_button_label;
use selection::SelectionEnds;

/// What the app tells the view each frame.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleInput {
    /// The current text selection (document chars), owned by the app.
    pub selection: Option<Span>,
    pub selected_annotation: Option<AnnotationId>,
    /// One-shot: bring this char offset into view.
    pub scroll_to_char: Option<usize>,
    /// Body font size in points, already multiplied by the app's zoom.
    pub font_size_px: f32,
    /// Show the floating tag palette next to a selection.
    pub show_palette: bool,
}

impl Default for ArticleInput {
    fn default() -> Self {
        Self {
            selection: None,
            selected_annotation: None,
            scroll_to_char: None,
            font_size_px: DEFAULT_FONT_SIZE_PX,
            show_palette: true,
        }
    }
}

/// The body font size at zoom 1.
pub const DEFAULT_FONT_SIZE_PX: f32 = 17.0;

/// An intent for the app to apply after the frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleAction {
    /// Replace the text selection (`None` clears it).
    SetSelection(Option<Span>),
    /// Tag the current selection with this tag key (a palette button was clicked).
    TagSelection(String),
    /// Select an annotation (`None` clears the annotation selection).
    SelectAnnotation(Option<AnnotationId>),
    /// Add the current selection as a further range of this annotation.
    AddSelectionAsRange(AnnotationId),
}

/// How much work the last frame did; for tests and the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleStats {
    /// Paragraph galleys built this frame (cache misses).
    pub paragraphs_laid_out: usize,
    /// Paragraphs painted this frame: the visible ones.
    pub paragraphs_painted: usize,
    pub first_painted: Option<usize>,
    pub last_painted: Option<usize>,
    /// Highlight ranges whose shapes were (re)built this frame.
    pub highlight_ranges_built: usize,
    /// Paragraph galleys held in the cache after the frame.
    pub paragraphs_cached: usize,
    pub paragraph_count: usize,
}

/// What the view reports back.
#[derive(Debug)]
pub struct ArticleResponse {
    /// Intents in the order they happened.
    pub actions: Vec<ArticleAction>,
    /// The annotation under the pointer (the narrowest one if several overlap).
    pub hovered: Option<AnnotationId>,
    pub response: egui::Response,
    pub stats: ArticleStats,
}

/// A paragraph on screen this frame.
struct VisibleParagraph {
    index: usize,
    /// Top relative to the first paragraph's top.
    top_px: f32,
    galley: Arc<Galley>,
}

struct CachedDecorations {
    key: u64,
    decorations: Decorations,
}

/// Per-frame geometry shared by the helpers.
#[derive(Clone, Copy)]
struct Frame {
    origin: Pos2,
    header_px: f32,
    style: ReadingStyle,
    clip: Rect,
}

impl Frame {
    fn paragraph_origin(&self, top_px: f32) -> Pos2 {
        pos2(
            self.origin.x + self.style.column_left_px,
            self.origin.y + self.header_px + top_px,
        )
    }
}

/// The article widget's state across frames: caches, the overlap index and the drag.
#[derive(Default)]
pub struct ArticleView {
    document: Option<(DocumentId, usize)>,
    layouts: ParagraphLayouts,
    overlap: OverlapIndex,
    /// Bumped whenever the overlap index is rebuilt; part of every decoration key.
    index_generation: u64,
    decorations: HashMap<usize, CachedDecorations>,
    /// The selection as the view last set it, with its direction.
    ends: Option<SelectionEnds>,
    /// Anchor of a mouse drag in progress.
    drag_anchor: Option<usize>,
    /// Horizontal position kept while moving up/down with Shift+↑/↓.
    preferred_x: Option<f32>,
    visible: Vec<VisibleParagraph>,
    /// Geometry of the last frame, for [`Self::char_rect`].
    last_frame: Option<Frame>,
    hits: Vec<usize>,
    /// What the last frame did, for the app's tests and `stance bench`.
    last_stats: ArticleStats,
}

impl ArticleView {
    /// The screen rectangle of the char at `offset_chars` as painted in the last frame, or
    /// `None` if it was not on screen. Lets the app (and tests) point at text.
    #[must_use]
    pub fn char_rect(&self, doc: &Document, offset_chars: usize) -> Option<Rect> {
        let frame = self.last_frame?;
        let (index, local) = Self::locate(doc, offset_chars)?;
        let visible = self.visible.iter().find(|v| v.index == index)?;
        let rect = layout::range_rects(&visible.galley, local, local + 1).next()?;
        Some(rect.translate(frame.paragraph_origin(visible.top_px).to_vec2()))
    }

    /// Draws the document and handles its pointer and keyboard input.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        document: DocumentId,
        input: &ArticleInput,
    ) -> ArticleResponse {
        let Some(doc) = project.document(document) else {
            let response = ui.weak("No document is open.");
            return ArticleResponse {
                actions: Vec::new(),
                hovered: None,
                response,
                stats: ArticleStats::default(),
            };
        };
        if self.document != Some((doc.id, doc.len_chars())) {
            self.reset(doc);
        }
        if self.overlap.refresh(project, document) {
            self.index_generation += 1;
        }
        let output = egui::ScrollArea::vertical()
            .id_salt(("stance-article", document))
            .auto_shrink(false)
            // Dragging the text selects it; only the wheel and the bar scroll.
            .scroll_source(egui::containers::scroll_area::ScrollSource {
                scroll_bar: true,
                drag: egui::containers::scroll_area::DragScroll::Never,
                mouse_wheel: true,
            })
            .show_viewport(ui, |ui, _viewport| {
                self.contents_ui(ui, project, doc, input)
            });
        output.inner
    }

    fn reset(&mut self, doc: &Document) {
        self.document = Some((doc.id, doc.len_chars()));
        self.layouts.clear();
        self.decorations.clear();
        self.ends = None;
        self.drag_anchor = None;
        self.preferred_x = None;
        self.last_frame = None;
    }

    fn contents_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        doc: &Document,
        input: &ArticleInput,
    ) -> ArticleResponse {
        let ctx = ui.ctx().clone();
        let content_width = ui.available_width();
        let style = ReadingStyle::new(input.font_size_px, content_width, ctx.pixels_per_point());
        self.layouts.begin_frame(doc, style, &ctx);
        let header = Header::layout(&ctx, doc, &style);
        let bottom_px = style.line_height_px * 4.0;
        let total_px = header.height_px + self.layouts.heights.total() + bottom_px;
        let (rect, response) =
            ui.allocate_exact_size(vec2(content_width, total_px), Sense::click_and_drag());
        let title = doc.title.clone();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Article, true, &title));
        let frame = Frame {
            origin: rect.min,
            header_px: header.height_px,
            style,
            clip: ui.clip_rect().intersect(rect),
        };
        self.collect_visible(doc, &frame, &ctx);
        self.last_frame = Some(frame);

        let mut actions = Vec::new();
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        ..Default::default()
                    },
                );
            });
        }
        self.sync_ends(input.selection);
        self.pointer_input(ui, &response, doc, input, &frame, &mut actions);
        let keyboard_target = response.has_focus()
            || (ui.memory(|m| m.focused().is_none()) && input.selection.is_some());
        if keyboard_target {
            self.keyboard_input(ui, doc, &frame, &ctx, &mut actions);
        }
        // Paint what the user just did, not last frame's state.
        let selection = match self.drag_span() {
            Some(live) => live,
            None => actions
                .iter()
                .rev()
                .find_map(|a| match a {
                    ArticleAction::SetSelection(s) => Some(*s),
                    _ => None,
                })
                .unwrap_or(input.selection),
        };
        let selected = actions
            .iter()
            .rev()
            .find_map(|a| match a {
                ArticleAction::SelectAnnotation(id) => Some(*id),
                _ => None,
            })
            .unwrap_or(input.selected_annotation);
        let hovered = self.hovered_annotation(&response, doc, &frame);
        if let Some(hovered) = hovered
            && self.drag_anchor.is_none()
        {
            tooltip_ui(&response, project, &self.overlap.annotations_at(hovered.1));
        }
        let hovered = hovered.map(|(id, _)| id);

        header.paint(ui, &frame);
        let built = self.paint_paragraphs(ui, project, doc, &frame, selection, selected, hovered);

        if let Some(offset) = input.scroll_to_char {
            self.reveal(ui, doc, &frame, &ctx, offset, Some(Align::Center));
        }
        if input.show_palette
            && self.drag_anchor.is_none()
            && let Some(span) = selection.filter(|s| !s.is_empty())
            && let Some(anchor) = self.palette_anchor(doc, &frame, span)
            && let Some(action) = palette::palette_ui(
                &ctx,
                egui::Id::unique(("stance-article-palette", doc.id)),
                anchor,
                frame.clip,
                &project.schema,
                selected,
            )
        {
            actions.push(action);
        }

        let stats = ArticleStats {
            paragraphs_laid_out: self.layouts.laid_out_this_frame,
            paragraphs_painted: self.visible.len(),
            first_painted: self.visible.first().map(|v| v.index),
            last_painted: self.visible.last().map(|v| v.index),
            highlight_ranges_built: built,
            paragraphs_cached: self.layouts.cached_count(),
            paragraph_count: doc.paragraphs().len(),
        };
        self.last_stats = stats;
        ArticleResponse {
            actions,
            hovered,
            response,
            stats,
        }
    }

    /// The work counters of the last frame that drew a document.
    #[must_use]
    pub fn last_stats(&self) -> ArticleStats {
        self.last_stats
    }

    /// Lays out the paragraphs that intersect the clip rect, top to bottom.
    fn collect_visible(&mut self, doc: &Document, frame: &Frame, ctx: &egui::Context) {
        self.visible.clear();
        let visible_top = frame.clip.top() - frame.origin.y - frame.header_px;
        let visible_bottom = frame.clip.bottom() - frame.origin.y - frame.header_px;
        let count = doc.paragraphs().len();
        let mut index = self.layouts.heights.index_at(visible_top);
        let mut top_px = self.layouts.heights.top_of(index);
        let mut height_changed = false;
        while index < count && top_px < visible_bottom {
            let Some((galley, changed)) = self.layouts.galley(doc, index, ctx) else {
                break;
            };
            height_changed |= changed;
            let height = self.layouts.heights.height(index);
            self.visible.push(VisibleParagraph {
                index,
                top_px,
                galley,
            });
            top_px += height;
            index += 1;
        }
        if height_changed {
            // Estimated heights were corrected: settle the scroll extent next frame.
            ctx.request_repaint();
        }
    }

    /// Forgets the remembered direction if the app changed the selection.
    fn sync_ends(&mut self, selection: Option<Span>) {
        match selection {
            None => self.ends = None,
            Some(span) if self.ends.map(SelectionEnds::span) != Some(span) => {
                self.ends = Some(SelectionEnds::from_span(span));
            }
            Some(_) => {}
        }
    }

    fn drag_span(&self) -> Option<Option<Span>> {
        let anchor = self.drag_anchor?;
        let ends = self.ends?;
        let span = Span::ordered(anchor, ends.head);
        Some((!span.is_empty()).then_some(span))
    }

    /// Paragraph index and local char of a document char offset (an offset at a paragraph's
    /// end belongs to that paragraph).
    fn locate(doc: &Document, offset_chars: usize) -> Option<(usize, usize)> {
        let paragraphs = doc.paragraphs();
        let last = paragraphs.len().checked_sub(1)?;
        let index = paragraphs
            .partition_point(|p| p.chars.end < offset_chars)
            .min(last);
        let p = paragraphs[index];
        let local = offset_chars
            .saturating_sub(p.chars.start)
            .min(p.chars.len());
        Some((index, local))
    }

    /// The char boundary nearest to a screen position, laying out its paragraph if needed.
    fn boundary_at_pos(
        &mut self,
        doc: &Document,
        frame: &Frame,
        ctx: &egui::Context,
        pos: Pos2,
    ) -> usize {
        let paragraphs = doc.paragraphs();
        let y = pos.y - frame.origin.y - frame.header_px;
        if paragraphs.is_empty() {
            return 0;
        }
        if y < 0.0 {
            return paragraphs[0].chars.start;
        }
        let index = self.layouts.heights.index_at(y);
        let top_px = self.layouts.heights.top_of(index);
        let Some((galley, _)) = self.layouts.galley(doc, index, ctx) else {
            return doc.len_chars();
        };
        let local = pos - frame.paragraph_origin(top_px);
        paragraphs[index].chars.start + layout::boundary_at(&galley, local)
    }

    /// The char whose glyph is under a screen position, among the visible paragraphs.
    fn char_under_pos(&self, doc: &Document, frame: &Frame, pos: Pos2) -> Option<usize> {
        let y = pos.y - frame.origin.y - frame.header_px;
        let visible = self
            .visible
            .iter()
            .find(|v| v.top_px <= y && y < v.top_px + v.galley.size().y)?;
        let local = pos - frame.paragraph_origin(visible.top_px);
        let offset = layout::char_under(&visible.galley, local)?;
        Some(doc.paragraphs().get(visible.index)?.chars.start + offset)
    }

    fn hovered_annotation(
        &self,
        response: &egui::Response,
        doc: &Document,
        frame: &Frame,
    ) -> Option<(AnnotationId, usize)> {
        let pos = response.hover_pos()?;
        let offset = self.char_under_pos(doc, frame, pos)?;
        let id = self.overlap.annotations_at(offset).first().copied()?;
        Some((id, offset))
    }

    fn pointer_input(
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
                .map(|offset| self.overlap.annotations_at(offset))
                .unwrap_or_default();
            let next = next_in_cycle(&candidates, input.selected_annotation);
            self.ends = None;
            if input.selection.is_some() {
                actions.push(ArticleAction::SetSelection(None));
            }
            actions.push(ArticleAction::SelectAnnotation(next));
        }
    }

    /// Ends a drag or Shift+click: snaps outward to words unless Alt is held.
    fn finish_selection(
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

    fn keyboard_input(
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
        let (head, keeps_x) = ui.input_mut(|i| {
            if i.consume_key(word, Key::ArrowLeft) {
                (Some(selection::word_boundary(doc, ends.head, false)), false)
            } else if i.consume_key(word, Key::ArrowRight) {
                (Some(selection::word_boundary(doc, ends.head, true)), false)
            } else if i.consume_key(shift, Key::ArrowLeft) {
                (Some(ends.head.saturating_sub(1)), false)
            } else if i.consume_key(shift, Key::ArrowRight) {
                (Some((ends.head + 1).min(doc.len_chars())), false)
            } else if i.consume_key(shift, Key::ArrowUp) {
                (Some(usize::MAX), true)
            } else if i.consume_key(shift, Key::ArrowDown) {
                (Some(usize::MAX - 1), true)
            } else {
                (None, false)
            }
        });
        let Some(mut head) = head else {
            return;
        };
        if keeps_x {
            let up = head == usize::MAX;
            head = self.row_step(doc, ctx, ends.head, up).unwrap_or(ends.head);
        } else {
            self.preferred_x = None;
        }
        self.ends = Some(SelectionEnds {
            anchor: ends.anchor,
            head,
        });
        let span = Span::ordered(ends.anchor, head);
        actions.push(ArticleAction::SetSelection(
            (!span.is_empty()).then_some(span),
        ));
        self.reveal(ui, doc, frame, ctx, head, None);
    }

    /// The offset one visual line above or below `offset`, keeping the horizontal position.
    fn row_step(
        &mut self,
        doc: &Document,
        ctx: &egui::Context,
        offset: usize,
        up: bool,
    ) -> Option<usize> {
        let (index, local) = Self::locate(doc, offset)?;
        let (galley, _) = self.layouts.galley(doc, index, ctx)?;
        let cursor = egui::text::CCursor::new(local);
        let row = galley.layout_from_cursor(cursor).row;
        let x = self
            .preferred_x
            .unwrap_or_else(|| layout::boundary_rect(&galley, local).center().x);
        self.preferred_x = Some(x);
        let paragraphs = doc.paragraphs();
        let within = if up {
            row > 0
        } else {
            row + 1 < galley.rows.len()
        };
        if within {
            let (moved, _) = if up {
                galley.cursor_up_one_row(&cursor, Some(x))
            } else {
                galley.cursor_down_one_row(&cursor, Some(x))
            };
            return Some(paragraphs[index].chars.start + moved.index.0);
        }
        let target = if up { index.checked_sub(1)? } else { index + 1 };
        let p = paragraphs.get(target)?;
        let (next, _) = self.layouts.galley(doc, target, ctx)?;
        let y = if up {
            next.rows.last().map_or(0.0, |r| r.rect().center().y)
        } else {
            next.rows.first().map_or(0.0, |r| r.rect().center().y)
        };
        Some(p.chars.start + layout::boundary_at(&next, vec2(x, y)))
    }

    /// Scrolls so the char at `offset` is visible, if it is not already.
    fn reveal(
        &mut self,
        ui: &egui::Ui,
        doc: &Document,
        frame: &Frame,
        ctx: &egui::Context,
        offset: usize,
        align: Option<Align>,
    ) {
        let Some((index, local)) = Self::locate(doc, offset.min(doc.len_chars())) else {
            return;
        };
        let Some((galley, _)) = self.layouts.galley(doc, index, ctx) else {
            return;
        };
        let top_px = self.layouts.heights.top_of(index);
        let rect = layout::boundary_rect(&galley, local)
            .translate(frame.paragraph_origin(top_px).to_vec2())
            .expand2(vec2(1.0, frame.style.line_height_px * 0.5));
        if !frame.clip.contains_rect(rect) {
            ui.scroll_to_rect_animation(rect, align, egui::style::ScrollAnimation::none());
        }
    }

    /// Where the palette goes: just below the line holding the selection's end.
    fn palette_anchor(&self, doc: &Document, frame: &Frame, span: Span) -> Option<Pos2> {
        let (index, local) = Self::locate(doc, span.end)?;
        let visible = self.visible.iter().find(|v| v.index == index)?;
        let local = if local == 0 && span.end > span.start {
            0
        } else {
            local
        };
        let rect = layout::boundary_rect(&visible.galley, local)
            .translate(frame.paragraph_origin(visible.top_px).to_vec2());
        let anchor = pos2(rect.left() - 24.0, rect.bottom() + 6.0);
        frame.clip.contains(anchor).then_some(anchor)
    }

    /// Paints the visible paragraphs with their highlights; returns the ranges rebuilt.
    #[expect(clippy::too_many_arguments)]
    fn paint_paragraphs(
        &mut self,
        ui: &egui::Ui,
        project: &Project,
        doc: &Document,
        frame: &Frame,
        selection: Option<Span>,
        selected: Option<AnnotationId>,
        hovered: Option<AnnotationId>,
    ) -> usize {
        let visuals = ui.visuals();
        let context = DecorationContext {
            project,
            index: &self.overlap,
            style: &frame.style,
            selection_color: visuals.selection.bg_fill.gamma_multiply(0.75),
            outline_color: visuals.strong_text_color(),
        };
        let text_color = visuals.text_color();
        let painter = ui.painter();
        let mut built = 0;
        let paragraphs = doc.paragraphs();
        for visible in &self.visible {
            let Some(paragraph) = paragraphs.get(visible.index) else {
                continue;
            };
            self.hits.clear();
            self.overlap.query_into(paragraph.chars, &mut self.hits);
            let touches = |id: Option<AnnotationId>| {
                id.filter(|id| {
                    self.hits
                        .iter()
                        .any(|&h| self.overlap.entries()[h].annotation == *id)
                })
            };
            let inputs = DecorationInputs {
                selected: touches(selected),
                hovered: touches(hovered),
                selection: selection.and_then(|s| clip_to_paragraph(s, paragraph)),
                dark_mode: visuals.dark_mode,
            };
            let key = decoration_key(self.index_generation, &inputs, &visible.galley);
            let cached =
                self.decorations
                    .entry(visible.index)
                    .or_insert_with(|| CachedDecorations {
                        key: key.wrapping_add(1),
                        decorations: Decorations::default(),
                    });
            if cached.key != key {
                cached.decorations = context.build(&visible.galley, paragraph, &inputs, &self.hits);
                cached.key = key;
                built += cached.decorations.range_count;
            }
            let origin = frame.paragraph_origin(visible.top_px);
            let offset = origin.to_vec2();
            painter.extend(highlights::translated(&cached.decorations.under, offset));
            painter.galley(origin, Arc::clone(&visible.galley), text_color);
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

fn decoration_key(generation: u64, inputs: &DecorationInputs, galley: &Arc<Galley>) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    generation.hash(&mut hasher);
    inputs.hash(&mut hasher);
    (Arc::as_ptr(galley) as usize).hash(&mut hasher);
    hasher.finish()
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

/// The modifiers held now or carried by this frame's pointer button events (a press or
/// release can arrive in the same frame as the modifier change).
fn pointer_modifiers(ctx: &egui::Context) -> Modifiers {
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
fn autoscroll_while_dragging(ui: &egui::Ui, frame: &Frame, pos: Pos2) {
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

/// The hover tooltip: tag, holder and note of each annotation under the pointer.
fn tooltip_ui(response: &egui::Response, project: &Project, ids: &[AnnotationId]) {
    if ids.is_empty() {
        return;
    }
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(320.0);
        for (i, id) in ids.iter().take(6).enumerate() {
            let Some(annotation) = project.annotation(*id) else {
                continue;
            };
            if i > 0 {
                ui.separator();
            }
            let tag = project.schema.get(&annotation.tag);
            let color = tag.map_or(Color32::GRAY, |t| {
                let [r, g, b] = t.color.0;
                Color32::from_rgb(r, g, b)
            });
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(project.schema.name(&annotation.tag))
                        .strong()
                        .color(color),
                );
                let holder = project.holder_name(annotation);
                ui.label(if holder.is_empty() {
                    "no holder"
                } else {
                    holder
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

/// The title and date above the text.
struct Header {
    title: Arc<Galley>,
    byline: Option<Arc<Galley>>,
    height_px: f32,
}

impl Header {
    fn layout(ctx: &egui::Context, doc: &Document, style: &ReadingStyle) -> Self {
        let layout = |text: String, size: f32, line: f32| {
            let mut job = egui::text::LayoutJob::single_section(
                text,
                egui::TextFormat {
                    font_id: FontId::proportional(size),
                    line_height: Some(line),
                    color: Color32::PLACEHOLDER,
                    ..Default::default()
                },
            );
            job.wrap.max_width = style.measure_px;
            ctx.fonts_mut(|f| f.layout_job(job))
        };
        let title_size = (style.font_size_px * 1.75).round();
        let title = layout(doc.title.clone(), title_size, (title_size * 1.25).round());
        let mut parts = Vec::new();
        if let Some(date) = doc.date {
            parts.push(date.format("%-d %B %Y").to_string());
        }
        if let Some(source) = doc.source.as_deref().filter(|s| !s.is_empty()) {
            parts.push(source.to_owned());
        }
        let byline = (!parts.is_empty()).then(|| {
            let size = (style.font_size_px * 0.9).round();
            layout(parts.join("  ·  "), size, (size * 1.4).round())
        });
        let top = style.font_size_px * 1.5;
        let height_px = top
            + title.size().y
            + byline
                .as_ref()
                .map_or(0.0, |b| b.size().y + style.font_size_px * 0.4)
            + style.font_size_px * 1.8;
        Self {
            title,
            byline,
            height_px,
        }
    }

    fn paint(&self, ui: &egui::Ui, frame: &Frame) {
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
            pos2(left, y),
            Arc::clone(&self.title),
            visuals.strong_text_color(),
        );
        y += self.title.size().y;
        if let Some(byline) = &self.byline {
            y += frame.style.font_size_px * 0.4;
            painter.galley(pos2(left, y), Arc::clone(byline), visuals.weak_text_color());
            y += byline.size().y;
        }
        let rule_y = y + frame.style.font_size_px * 0.8;
        painter.hline(
            left..=left + frame.style.font_size_px * 4.0,
            rule_y,
            egui::Stroke::new(2.0, visuals.widgets.noninteractive.bg_stroke.color),
        );
    }
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
