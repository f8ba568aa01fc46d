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
//!   row was clicked), then `None`. If that char is off screen, the view centres it in the
//!   same frame.
//! - [`ArticleView::char_rect`] gives the screen rectangle of a char painted last frame, so
//!   the app's tests can point at text.
//! - Mouse: drag selects (snapped outward to whole words on release unless Alt is held),
//!   double-click selects a word, triple-click a sentence, Shift+click extends. Click on a
//!   highlight selects its annotation; clicking again at the same spot cycles through the
//!   annotations overlapping there; click on plain text clears both selections.
//! - Keys, while the article has focus (or nothing has focus and a caret or selection exists):
//!   a click leaves a caret (painted as a thin bar; [`ArticleView::caret_rect`]); ←/→ move
//!   it (Ctrl: by a word), Shift+←/→ extend the selection by a char, Ctrl+Shift+←/→ by a
//!   word, Shift+↑/↓ by a line. A selection the app clears (tagged, Esc) leaves the caret at
//!   its head. `/` ([`ArticleView::open_find`]) opens a find bar whose Enter selects the next
//!   match. The tag hotkeys (1/2/3), Delete, Esc and Alt+arrows are the app's.
//! - With a selection, a floating palette offers one button per tag (labelled by
//!   [`tag_button_label`], e.g. `1 Claim`) and, when an annotation is selected,
//!   `+ Add as range`.
//! - [`ArticleInput::related`] outlines the selected annotation's linked annotations in their
//!   relation type's colour; every annotation's reporting cue is dotted-underlined in its
//!   tag's colour.
//! - accesskit: the widget is an `Article` node labelled with the document title.
//! - [`ArticleInput::ghosts`] draws attribution suggestions as dashed outlines; a click on one
//!   returns [`ArticleAction::FocusSuggestion`], and the one under the pointer is reported.
//! - [`ArticleResponse::stats`] counts the paragraphs laid out and painted this frame, so tests
//!   can check that work follows the viewport, not the document's length.
//! - Right-to-left and mixed text: each paragraph goes through the Unicode Bidirectional
//!   Algorithm ([`bidi`]); a right-to-left paragraph is right-aligned and ←/→ follow its
//!   direction (← moves forward). Every position↔offset mapping goes through
//!   [`text_map::ParagraphText`], which maps glyphs to logical offsets itself.
//!   [`ArticleView::range_rects`] and [`ArticleView::painted_glyphs`] let tests compare
//!   highlights with the glyphs drawn.
//! - [`ArticleInput::links`] (View → Show Links) draws each relation with an end in a painted
//!   paragraph as an arc labelled with its type ([`arcs`]); a click on one returns
//!   [`ArticleAction::SelectRelation`], and hovering one shows its ends and note.
//! - Words for double-click, snapping and Ctrl+arrows are UAX #29's, with dictionary words in
//!   Chinese, Japanese and other scripts written without spaces (`words`).

mod arcs;
pub mod bidi;
mod bidi_rows;
pub mod bidi_text;
mod find;
mod ghosts;
mod glyph_runs;
mod header;
mod highlights;
mod input;
mod layout;
mod line_break;
mod paint;
mod palette;
pub mod piece_widths;
pub mod selection;
pub mod text_map;
mod words;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock};

use egui::{Align, Pos2, Rect, Sense, pos2, vec2};

use crate::model::{
    ActorId, AnnotationFilter, AnnotationId, DerivedCache, Document, DocumentId, OverlapIndex,
    Project, RelationId, Span,
};
pub use arcs::LinksInput;
pub use ghosts::GhostInput;
use header::{Header, tooltip_ui};
use highlights::{CueIndex, Decorations};
use layout::{ParagraphLayouts, ReadingStyle};
use paint::Marks;
pub use palette::tag_button_label;
use selection::{SelectionEnds, latest_selected, latest_selection};

/// What the app tells the view each frame.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleInput {
    /// The current text selection (document chars), owned by the app.
    pub selection: Option<Span>,
    pub selected_annotation: Option<AnnotationId>,
    /// One-shot: bring this char offset into view.
    pub scroll_to_char: Option<usize>,
    /// One-shot: scroll to this offset from the top (reopening where the user was).
    pub scroll_to_offset_px: Option<f32>,
    /// Body font size in points, already multiplied by the app's zoom.
    pub font_size_px: f32,
    /// Show the floating tag palette next to a selection.
    pub show_palette: bool,
    /// Annotations related to the selected one, outlined in their relation type's colour.
    pub related: Vec<(AnnotationId, egui::Color32)>,
    /// The annotations this filter hides (by tag or holder) are not highlighted nor clickable.
    pub highlight_filter: crate::model::AnnotationFilter,
    /// Attribution suggestions drawn as dashed ghosts; `None` hides them.
    pub ghosts: Option<GhostInput>,
    /// View → Show Links: relations drawn as arcs; `None` hides them.
    pub links: Option<LinksInput>,
}

impl Default for ArticleInput {
    fn default() -> Self {
        Self {
            selection: None,
            selected_annotation: None,
            scroll_to_char: None,
            scroll_to_offset_px: None,
            font_size_px: DEFAULT_FONT_SIZE_PX,
            show_palette: true,
            related: Vec::new(),
            highlight_filter: crate::model::AnnotationFilter::default(),
            ghosts: None,
            links: None,
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
    /// Focus the ghost suggestion at this index of [`ArticleInput::ghosts`] (it was clicked).
    FocusSuggestion(usize),
    /// Select a relation (its arc or label was clicked, with Show Links on).
    SelectRelation(RelationId),
}

/// How much work the last frame did; for tests and the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleStats {
    /// Paragraph galleys built this frame (cache misses).
    pub paragraphs_laid_out: usize,
    /// egui text layouts those took: one a paragraph, or two for a right-to-left or mixed
    /// paragraph of several lines with words not measured before.
    pub text_layouts: usize,
    /// Paragraphs painted this frame: the visible ones.
    pub paragraphs_painted: usize,
    pub first_painted: Option<usize>,
    pub last_painted: Option<usize>,
    /// Highlight ranges whose shapes were (re)built this frame.
    pub highlight_ranges_built: usize,
    /// Paragraph galleys held in the cache after the frame.
    pub paragraphs_cached: usize,
    pub paragraph_count: usize,
    /// Link arcs placed this frame (Show Links): those of the painted paragraphs only.
    pub links_placed: usize,
    /// How many times the document's links were indexed by paragraph: once per project
    /// state shown, never per frame.
    pub link_index_builds: u64,
    /// The [`Project::revision`] drawn: the highlights painted include every edit up to it.
    pub project_revision: u64,
}

/// What the view reports back.
#[derive(Debug)]
pub struct ArticleResponse {
    /// Intents in the order they happened.
    pub actions: Vec<ArticleAction>,
    /// The annotation under the pointer (the narrowest one if several overlap).
    pub hovered: Option<AnnotationId>,
    /// The ghost suggestion under the pointer (an index of [`ArticleInput::ghosts`]).
    pub hovered_suggestion: Option<usize>,
    /// The link arc under the pointer (Show Links).
    pub hovered_relation: Option<RelationId>,
    pub response: egui::Response,
    pub stats: ArticleStats,
}

/// A paragraph on screen this frame.
struct VisibleParagraph {
    index: usize,
    /// Top relative to the first paragraph's top.
    top_px: f32,
    text: Arc<text_map::ParagraphText>,
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

/// What the highlights of one document are looked up in: the annotations it shows by
/// range (their overlaps and underline lanes) and their reporting cues.
#[derive(Default)]
struct Highlighted {
    overlap: OverlapIndex,
    cues: CueIndex,
}

/// What [`Highlighted`] depends on besides the project state: the document and the highlight
/// filter's tags and holder (its search does not hide highlights).
type HighlightedKey = (DocumentId, BTreeSet<String>, Option<ActorId>);

impl Highlighted {
    fn build(project: &Project, document: DocumentId, filter: &AnnotationFilter) -> Self {
        let mut overlap = OverlapIndex::default();
        overlap.refresh_shown(project, document, filter);
        Self {
            overlap,
            cues: CueIndex::build(project, document, filter),
        }
    }
}

/// Nothing highlighted: what the view looks things up in before it has drawn a document.
static NOTHING_HIGHLIGHTED: LazyLock<Highlighted> = LazyLock::new(Highlighted::default);

/// The highlights last indexed (any document), from the view's cache.
fn highlighted(cache: &DerivedCache<HighlightedKey, Highlighted>) -> &Highlighted {
    cache.last().unwrap_or(&NOTHING_HIGHLIGHTED)
}

/// The article widget's state across frames: caches, the overlap index and the drag.
#[derive(Default)]
pub struct ArticleView {
    /// The document laid out, by id and text hash: a re-anchored text of the same length
    /// must still be laid out anew.
    document: Option<(DocumentId, String)>,
    layouts: ParagraphLayouts,
    /// The highlighted annotations' overlap index and cues, for the project state, document
    /// and highlight filter drawn; its build count is part of every decoration key.
    highlighted: DerivedCache<HighlightedKey, Highlighted>,
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
    /// The scroll offset after the last frame.
    scroll_offset_px: f32,
    /// The ghost suggestions' ranges, for painting and hit tests.
    ghosts: ghosts::GhostIndex,
    /// Where the caret was painted in the last frame, if it was.
    caret_rect: Option<Rect>,
    /// Find in text (`/`).
    find: find::FindBar,
    /// The current document's links by paragraph, for the project state drawn (Show Links).
    links: DerivedCache<DocumentId, arcs::LinkIndex>,
    /// The link arcs placed this frame, for painting and hit tests.
    arcs: Vec<arcs::PlacedArc>,
}

impl ArticleView {
    /// The overlap index of the highlights drawn.
    fn overlap(&self) -> &OverlapIndex {
        &highlighted(&self.highlighted).overlap
    }

    /// How far the article was scrolled in the last frame, in points from the top.
    #[must_use]
    pub fn scroll_offset_px(&self) -> f32 {
        self.scroll_offset_px
    }

    /// The caret's char offset (where Shift+arrows select from), if there is one.
    #[must_use]
    pub fn caret_offset(&self) -> Option<usize> {
        self.caret()
    }

    /// Where the caret was painted in the last frame, or `None` if it was not.
    #[must_use]
    pub fn caret_rect(&self) -> Option<Rect> {
        self.caret_rect
    }

    /// The screen rectangle of the char at `offset_chars` as painted in the last frame, or
    /// `None` if it was not on screen. Lets the app (and tests) point at text.
    #[must_use]
    pub fn char_rect(&self, doc: &Document, offset_chars: usize) -> Option<Rect> {
        let frame = self.last_frame?;
        let (index, local) = Self::locate(doc, offset_chars)?;
        let visible = self.visible.iter().find(|v| v.index == index)?;
        let rect = visible
            .text
            .range_rects(local, local + 1)
            .into_iter()
            .next()?;
        Some(rect.translate(frame.paragraph_origin(visible.top_px).to_vec2()))
    }

    /// The screen rectangles a highlight of `span` covers (before its inset), as painted in
    /// the last frame, for the paragraphs on screen: one per row, or more where the span
    /// crosses a direction boundary.
    #[must_use]
    pub fn range_rects(&self, doc: &Document, span: Span) -> Vec<Rect> {
        let Some(frame) = self.last_frame else {
            return Vec::new();
        };
        let paragraphs = doc.paragraphs();
        let mut out = Vec::new();
        for visible in &self.visible {
            let Some(paragraph) = paragraphs.get(visible.index) else {
                continue;
            };
            let Some((start, end)) = highlights::clip_to_paragraph(span, paragraph) else {
                continue;
            };
            let offset = frame.paragraph_origin(visible.top_px).to_vec2();
            out.extend(
                (visible.text.range_rects(start, end).into_iter()).map(|r| r.translate(offset)),
            );
        }
        out
    }

    /// The inked glyphs of paragraph `index` as painted in the last frame (screen rectangles,
    /// a row tall, and the char egui says each draws), if it was on screen. Lets tests compare
    /// highlights with what is drawn.
    #[must_use]
    pub fn painted_glyphs(&self, index: usize) -> Vec<(Rect, char)> {
        let (Some(frame), Some(visible)) = (
            self.last_frame,
            self.visible.iter().find(|v| v.index == index),
        ) else {
            return Vec::new();
        };
        let offset = frame.paragraph_origin(visible.top_px).to_vec2();
        (visible.text.inked_glyphs().into_iter())
            .map(|(r, c)| (r.translate(offset), c))
            .collect()
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
                hovered_suggestion: None,
                hovered_relation: None,
                response,
                stats: ArticleStats::default(),
            };
        };
        if self
            .document
            .as_ref()
            .is_none_or(|(id, hash)| *id != doc.id || *hash != doc.text_hash)
        {
            self.reset(doc);
        }
        let filter = &input.highlight_filter;
        let key = (document, filter.hidden_tags.clone(), filter.holder);
        (self.highlighted).get_or_build(project.key(), key, || {
            Highlighted::build(project, document, filter)
        });
        let mut scroll_area = egui::ScrollArea::vertical()
            .id_salt(("stance-article", document))
            .auto_shrink(false)
            // Dragging the text selects it; only the wheel and the bar scroll.
            .scroll_source(egui::containers::scroll_area::ScrollSource {
                scroll_bar: true,
                drag: egui::containers::scroll_area::DragScroll::Never,
                mouse_wheel: true,
            });
        // Jump in this very frame when last frame's geometry allows; otherwise ask the
        // scroll area from inside (it then moves a frame or two later).
        let mut reveal_later = None;
        if let Some(offset_px) = input.scroll_to_offset_px {
            scroll_area = scroll_area.vertical_scroll_offset(offset_px);
        }
        let found = self.find_bar_ui(ui, doc);
        if let Some(offset) = found.map(|span| span.start).or(input.scroll_to_char) {
            match self.scroll_offset_for(doc, ui.ctx(), offset) {
                Some(Some(offset_px)) => {
                    scroll_area = scroll_area.vertical_scroll_offset(offset_px);
                }
                Some(None) => {}
                None => reveal_later = Some(offset),
            }
        }
        let output = scroll_area.show_viewport(ui, |ui, _viewport| {
            self.contents_ui(ui, project, doc, input, reveal_later)
        });
        self.scroll_offset_px = output.state.clamped_offset().y;
        let mut response = output.inner;
        if let Some(span) = found {
            // The match is selected, and the keys go on from it in the article.
            response
                .actions
                .insert(0, ArticleAction::SetSelection(Some(span)));
            response.response.request_focus();
        }
        response
    }

    /// The scroll offset that centres the char at `offset` using last frame's geometry:
    /// `Some(None)` if it is already on screen, `None` without a previous frame.
    fn scroll_offset_for(
        &mut self,
        doc: &Document,
        ctx: &egui::Context,
        offset: usize,
    ) -> Option<Option<f32>> {
        let frame = self.last_frame?;
        let (index, local) = Self::locate(doc, offset.min(doc.len_chars()))?;
        let (text, _) = self.layouts.galley(doc, index, ctx)?;
        let row = text.boundary_rect(local);
        let top_px = frame.header_px + self.layouts.heights.top_of(index) + row.top();
        let bottom_px = top_px + row.height();
        let view_top_px = frame.clip.top() - frame.origin.y;
        let view_height_px = frame.clip.height();
        if top_px >= view_top_px && bottom_px <= view_top_px + view_height_px {
            return Some(None);
        }
        Some(Some(
            ((top_px + bottom_px) * 0.5 - view_height_px * 0.5).max(0.0),
        ))
    }

    fn reset(&mut self, doc: &Document) {
        self.document = Some((doc.id, doc.text_hash.clone()));
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
        reveal_later: Option<usize>,
    ) -> ArticleResponse {
        let ctx = ui.ctx().clone();
        let (header, frame, response) = self.allocate_ui(ui, doc, input);
        // Arcs are placed before input: a click on one selects its relation, not the text.
        let links_placed = self.place_links(ui, project, doc, &frame, input.links.as_ref());
        let hovered_relation = (response.hover_pos())
            .filter(|_| self.drag_anchor.is_none())
            .and_then(|pos| self.arc_at(pos));
        let arc_clicked = hovered_relation.filter(|_| response.clicked());
        let mut actions = self.input_ui(ui, &response, doc, input, &frame, arc_clicked.is_some());
        if let Some(id) = arc_clicked {
            actions.push(ArticleAction::SelectRelation(id));
        }
        let hovered_suggestion = self.ghosts_input_ui(&response, doc, input, &frame, &mut actions);
        // Paint what the user just did, not last frame's state.
        let selection = (self.drag_span()).unwrap_or_else(|| latest_selection(&actions, input));
        let selected = latest_selected(&actions, input);
        let hovered = self.hovered_annotation(&response, doc, &frame);
        if let Some(id) = hovered_relation {
            arcs::link_tooltip_ui(&response, project, id);
        } else if let Some(hovered) = hovered
            && self.drag_anchor.is_none()
        {
            tooltip_ui(&response, project, self.overlap(), hovered.1);
        }
        let hovered = hovered.map(|(id, _)| id);

        header.paint(ui, &frame);
        let marks = Marks {
            selection,
            selected,
            hovered,
            related: &input.related,
        };
        let built = self.paint_paragraphs(ui, project, doc, &frame, &marks);
        if let Some(links) = &input.links {
            self.paint_links(ui, &frame, links.selected, hovered_relation);
        }
        self.paint_ghosts(ui, doc, &frame, input.ghosts.as_ref());
        self.caret_rect = self.paint_caret(ui, doc, &frame, response.has_focus());

        if let Some(offset) = reveal_later {
            self.reveal(ui, doc, &frame, &ctx, offset, Some(Align::Center));
        }
        if input.show_palette
            && self.drag_anchor.is_none()
            && let Some(span) = selection.filter(|s| !s.is_empty())
            && let Some((anchor, pivot)) = self.palette_anchor(doc, &frame, span)
            && let Some(action) = palette::palette_ui(
                &ctx,
                egui::Id::unique(("stance-article-palette", doc.id)),
                anchor,
                pivot,
                frame.clip,
                project.schema(),
                selected,
            )
        {
            actions.push(action);
        }

        self.layouts.end_frame(&ctx);
        let stats = ArticleStats {
            links_placed,
            ..self.frame_stats(project, doc, built)
        };
        self.last_stats = stats;
        ArticleResponse {
            actions,
            hovered,
            hovered_suggestion,
            hovered_relation,
            response,
            stats,
        }
    }

    /// Lays out this frame's geometry and allocates the whole article's height.
    fn allocate_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        input: &ArticleInput,
    ) -> (Header, Frame, egui::Response) {
        let ctx = ui.ctx().clone();
        let content_width = ui.available_width();
        let style = ReadingStyle::new(input.font_size_px, content_width, ctx.pixels_per_point());
        self.layouts.begin_frame(doc, style, &ctx);
        let header = Header::layout(&ctx, doc, &style);
        let bottom_px = style.line_height_px * 4.0;
        let total_px = header.height_px + self.layouts.heights.total() + bottom_px;
        let (rect, response) =
            ui.allocate_exact_size(vec2(content_width, total_px), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Article, true, &doc.title));
        let frame = Frame {
            origin: rect.min,
            header_px: header.height_px,
            style,
            clip: ui.clip_rect().intersect(rect),
        };
        self.collect_visible(doc, &frame, &ctx);
        self.last_frame = Some(frame);
        (header, frame, response)
    }

    /// The pointer and, when the article has the keyboard, the keys: the actions they asked for.
    fn input_ui(
        &mut self,
        ui: &mut egui::Ui,
        response: &egui::Response,
        doc: &Document,
        input: &ArticleInput,
        frame: &Frame,
        is_pointer_taken: bool,
    ) -> Vec<ArticleAction> {
        let mut actions = Vec::new();
        if response.has_focus() {
            // The arrows move the selection, not the focus to the next widget.
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
        if !is_pointer_taken {
            self.pointer_input(ui, response, doc, input, frame, &mut actions);
        }
        let keyboard_target = response.has_focus()
            || (ui.memory(|m| m.focused().is_none())
                && (input.selection.is_some() || self.caret().is_some()));
        if keyboard_target {
            let ctx = ui.ctx().clone();
            self.keyboard_input(ui, doc, frame, &ctx, &mut actions);
        }
        actions
    }

    fn frame_stats(&self, project: &Project, doc: &Document, built: usize) -> ArticleStats {
        ArticleStats {
            paragraphs_laid_out: self.layouts.laid_out_this_frame,
            text_layouts: self.layouts.text_layouts_this_frame,
            paragraphs_painted: self.visible.len(),
            first_painted: self.visible.first().map(|v| v.index),
            last_painted: self.visible.last().map(|v| v.index),
            highlight_ranges_built: built,
            paragraphs_cached: self.layouts.cached_count(),
            paragraph_count: doc.paragraphs().len(),
            links_placed: 0,
            link_index_builds: self.links.builds(),
            project_revision: project.revision(),
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
            let Some((text, changed)) = self.layouts.galley(doc, index, ctx) else {
                break;
            };
            height_changed |= changed;
            let height = self.layouts.heights.height(index);
            self.visible.push(VisibleParagraph {
                index,
                top_px,
                text,
            });
            top_px += height;
            index += 1;
        }
        if height_changed {
            // Estimated heights were corrected: settle the scroll extent next frame.
            ctx.request_repaint();
        }
    }

    /// Forgets the remembered direction if the app changed the selection. A selection the
    /// app cleared (tagged, Esc) leaves the caret at its head, so the keys can go on from there.
    fn sync_ends(&mut self, selection: Option<Span>) {
        match selection {
            None => {
                self.ends = self.ends.map(|e| SelectionEnds {
                    anchor: e.head,
                    head: e.head,
                });
            }
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
        let Some((text, _)) = self.layouts.galley(doc, index, ctx) else {
            return;
        };
        let top_px = self.layouts.heights.top_of(index);
        let rect = text
            .boundary_rect(local)
            .translate(frame.paragraph_origin(top_px).to_vec2())
            .expand2(vec2(1.0, frame.style.line_height_px * 0.5));
        if !frame.clip.contains_rect(rect) {
            ui.scroll_to_rect_animation(rect, align, egui::style::ScrollAnimation::none());
        }
    }
}
