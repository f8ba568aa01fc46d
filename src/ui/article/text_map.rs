//! A paragraph laid out for display, and every mapping between its screen positions and its
//! logical chars: the galley egui paints, plus, for bidirectional text, a map built here.
//!
//! # Design
//! Left-to-right paragraphs (no right-to-left char) are laid out by egui alone, and egui's own
//! `cursor_from_pos` / `pos_from_cursor` map them, as before.
//!
//! A paragraph with right-to-left text goes through UAX #9 ([`super::bidi`]):
//! 1. the whole paragraph is laid out as one line in visual order, cut into pieces (a piece is
//!    a group of right-to-left letters the shaper joins and draws right to left, a run of
//!    left-to-right text, or one neutral grapheme), and its glyphs are read back to chars
//!    ([`super::glyph_runs`]): that gives each grapheme's advance;
//! 2. lines are broken in logical order at UAX #14 opportunities with those advances
//!    ([`super::line_break`]);
//! 3. each line is reordered on its own and all lines are laid out in one galley, one row per
//!    line, right-aligned for a right-to-left paragraph; its glyphs are read back again.
//!
//! The result is a box per char (its row and horizontal extent: a grapheme's chars share its
//! box) in paragraph coordinates. Every query (the char under the pointer, the boundary
//! nearest to it, where a caret at an offset goes, which rectangles cover a range) uses those
//! boxes and logical offsets, never egui's glyph indices, which do not map right-to-left
//! clusters to chars. A range that crosses a direction boundary is drawn as several
//! rectangles, one per visually contiguous stretch.
//!
//! A left-to-right paragraph whose right-to-left runs are single words (an Arabic name in an
//! English report) needs no reordering across words: it is laid out as plain text is, one
//! job wrapped by egui with each such word a section of its own (the shaper draws it right to
//! left in place), and its rows are read back piece by piece (`lay_out_wrapped`).
//!
//! Otherwise a one-line paragraph costs one layout, a longer one two, unless the caller keeps
//! [`PieceWidths`]: a paragraph whose words were all measured before then skips step 1's
//! layout. The result is cached with the paragraph's layout.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Galley, Pos2, Rect, Vec2, pos2, vec2};
use unicode_segmentation::UnicodeSegmentation;

use super::bidi::{self, BidiParagraph, Piece};
use super::glyph_runs::{self, GlyphInfo, GraphemeBoxes, PieceText};
use super::line_break::break_lines;
use super::piece_widths::PieceWidths;

/// Where one char is drawn: its row and extent, shared by all chars of its grapheme.
#[derive(Clone, Copy, Debug, PartialEq)]
struct CharBox {
    row: u32,
    x0: f32,
    x1: f32,
    /// Reads right to left (odd bidi level): its leading edge is on the right.
    is_rtl: bool,
    grapheme: (u32, u32),
}

/// One row of a bidi paragraph.
#[derive(Clone, Debug)]
struct MapRow {
    /// Logical chars on this row.
    chars: Range<usize>,
    y0: f32,
    y1: f32,
    /// First chars of the row's graphemes, left to right.
    visual: Vec<u32>,
}

/// The map of a paragraph laid out with the bidi pass.
#[derive(Clone, Debug)]
struct BidiMap {
    boxes: Vec<CharBox>,
    rows: Vec<MapRow>,
}

/// A paragraph ready to paint and to point into. Offsets are paragraph-local chars.
pub struct ParagraphText {
    galley: Arc<Galley>,
    /// Added to galley x to give paragraph x: a right-aligned galley lies left of 0.
    shift_px: f32,
    is_rtl: bool,
    map: Option<BidiMap>,
    /// How many times egui laid out text for it: 1, or 2 for a bidi paragraph of several
    /// lines whose words were not all measured before.
    layout_passes: u8,
}

impl ParagraphText {
    /// Lays out `text` wrapped at `width_px`.
    pub fn layout(ctx: &egui::Context, text: &str, format: &TextFormat, width_px: f32) -> Self {
        Self::layout_with(ctx, text, format, width_px, None)
    }

    /// Like [`Self::layout`], reusing and adding to `widths`, the advances of words measured
    /// before in the same font.
    pub fn layout_remembering(
        ctx: &egui::Context,
        text: &str,
        format: &TextFormat,
        width_px: f32,
        widths: &mut PieceWidths,
    ) -> Self {
        Self::layout_with(ctx, text, format, width_px, Some(widths))
    }

    fn layout_with(
        ctx: &egui::Context,
        text: &str,
        format: &TextFormat,
        width_px: f32,
        widths: Option<&mut PieceWidths>,
    ) -> Self {
        if !bidi::needs_bidi(text) {
            let mut job = LayoutJob::single_section(text.to_owned(), format.clone());
            job.wrap.max_width = width_px;
            return Self {
                galley: ctx.fonts_mut(|f| f.layout_job(job)),
                shift_px: 0.0,
                is_rtl: false,
                map: None,
                layout_passes: 1,
            };
        }
        let paragraph = BidiParagraph::new(text);
        let is_rtl = paragraph.is_rtl();
        let shift_px = if is_rtl { width_px } else { 0.0 };
        let chars: Vec<char> = text.chars().collect();
        let grapheme_starts = grapheme_starts(text, chars.len());
        let source = Source {
            text,
            chars: &chars,
            grapheme_starts: &grapheme_starts,
            paragraph: &paragraph,
            format,
            shift_px,
        };
        let whole = 0..chars.len();
        let whole_pieces = paragraph.line_pieces(whole.clone());
        if let Some((galley, map)) = source.lay_out_wrapped(ctx, &whole_pieces, width_px) {
            return Self {
                galley,
                shift_px,
                is_rtl,
                map: Some(map),
                layout_passes: 1,
            };
        }
        let known = (widths.as_deref())
            .and_then(|w| w.advances(&whole_pieces, |p| source.shown(p), chars.len()));
        let (one_line, advances) = match known {
            Some(advances) => (None, advances),
            None => {
                let (galley, map) = source.lay_out(ctx, &[(whole, whole_pieces.clone())]);
                let advances = map.advances(chars.len());
                if let Some(widths) = widths {
                    widths.learn(&whole_pieces, |p| source.shown(p), &advances);
                }
                (Some((galley, map)), advances)
            }
        };
        let lines = break_lines(text, &advances, &grapheme_starts, width_px);
        let (galley, map, layout_passes) = match one_line {
            Some((galley, map)) if lines.len() == 1 => (galley, map, 1),
            _ => {
                let passes = if one_line.is_some() { 2 } else { 1 };
                let lines: Vec<_> = (lines.into_iter())
                    .map(|line| {
                        let pieces = paragraph.line_pieces(line.clone());
                        (line, pieces)
                    })
                    .collect();
                let (galley, map) = source.lay_out(ctx, &lines);
                (galley, map, passes)
            }
        };
        Self {
            galley,
            shift_px,
            is_rtl,
            map: Some(map),
            layout_passes,
        }
    }

    /// How many times egui laid out text for this paragraph (1, or 2 for a bidi paragraph of
    /// several lines whose words were not all measured before): counted work, for tests.
    pub fn layout_passes(&self) -> usize {
        usize::from(self.layout_passes)
    }

    /// Like [`Self::layout`], at most `max_rows` rows: a longer text is cut at the end of the
    /// last row that fits, with `…` after it (at the row's left end for right-to-left text).
    pub fn layout_clipped(
        ctx: &egui::Context,
        text: &str,
        format: &TextFormat,
        width_px: f32,
        max_rows: usize,
    ) -> Self {
        let full = Self::layout(ctx, text, format, width_px);
        if full.row_count() <= max_rows.max(1) || full.map.is_none() {
            return full;
        }
        // Room for the ellipsis on the last row.
        let narrower = Self::layout(ctx, text, format, (width_px - format.font_id.size).max(1.0));
        let end = narrower
            .map
            .as_ref()
            .and_then(|m| m.rows.get(max_rows.max(1) - 1))
            .map_or(0, |r| r.chars.end);
        let mut cut: String = text.chars().take(end).collect();
        cut.truncate(cut.trim_end().len());
        cut.push('…');
        Self::layout(ctx, &cut, format, width_px)
    }

    /// The galley as egui laid it out; paint it at [`Self::paint_pos`].
    pub fn galley(&self) -> &Arc<Galley> {
        &self.galley
    }

    /// Where to paint the galley for a paragraph whose top left corner is `origin`.
    pub fn paint_pos(&self, origin: Pos2) -> Pos2 {
        origin + vec2(self.shift_px, 0.0)
    }

    /// The paragraph's base direction is right to left.
    pub fn is_rtl(&self) -> bool {
        self.is_rtl
    }

    pub fn height_px(&self) -> f32 {
        self.galley.size().y
    }

    /// The rectangles covering chars `start..end`: one per row, or more where the range
    /// is not visually contiguous (it crosses a direction boundary).
    pub fn range_rects(&self, start: usize, end: usize) -> Vec<Rect> {
        let Some(map) = &self.map else {
            return plain_range_rects(&self.galley, start, end).collect();
        };
        let mut out = Vec::new();
        for row in &map.rows {
            let from = start.max(row.chars.start);
            let to = end.min(row.chars.end);
            if from >= to {
                continue;
            }
            let mut spans: Vec<(f32, f32)> = Vec::new();
            let mut at = from;
            while at < to {
                let Some(b) = map.boxes.get(at) else { break };
                spans.push((b.x0, b.x1));
                at = (b.grapheme.1 as usize).max(at + 1);
            }
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f32, f32)> = Vec::new();
            for (x0, x1) in spans {
                match merged.last_mut() {
                    // Glyphs sit on whole pixels: neighbours can be a pixel apart.
                    Some(last) if x0 <= last.1 + 1.0 => last.1 = last.1.max(x1),
                    _ => merged.push((x0, x1)),
                }
            }
            out.extend(
                merged
                    .into_iter()
                    .filter(|(x0, x1)| x1 > x0)
                    .map(|(x0, x1)| Rect::from_min_max(pos2(x0, row.y0), pos2(x1, row.y1))),
            );
        }
        out
    }

    /// The char whose glyph lies under `pos` (paragraph-relative), if any.
    pub fn char_under(&self, pos: Vec2) -> Option<usize> {
        let Some(map) = &self.map else {
            return plain_char_under(&self.galley, pos);
        };
        let row = map.rows.iter().find(|r| r.y0 <= pos.y && pos.y < r.y1)?;
        let at = row
            .visual
            .partition_point(|&c| map.boxes[c as usize].x1 <= pos.x);
        let c = *row.visual.get(at)?;
        (map.boxes[c as usize].x0 <= pos.x).then_some(c as usize)
    }

    /// The char boundary nearest to `pos` (paragraph-relative): where a click puts the caret.
    pub fn boundary_at(&self, pos: Vec2) -> usize {
        let Some(map) = &self.map else {
            return self.galley.cursor_from_pos(pos).index.0;
        };
        let Some(row) = map.row_near(pos.y) else {
            return 0;
        };
        let (Some(&first), Some(&last)) = (row.visual.first(), row.visual.last()) else {
            return row.chars.start;
        };
        let at = row
            .visual
            .partition_point(|&c| map.boxes[c as usize].x1 <= pos.x);
        let (c, is_past_right) = match row.visual.get(at) {
            Some(&c) => (c, false),
            None => (last, true),
        };
        let b = map.boxes[c as usize];
        let (start, end) = (b.grapheme.0 as usize, b.grapheme.1 as usize);
        if !is_past_right && at == 0 && pos.x < b.x0 {
            let b = map.boxes[first as usize];
            return if b.is_rtl { b.grapheme.1 } else { b.grapheme.0 } as usize;
        }
        let is_right_half = is_past_right || pos.x >= (b.x0 + b.x1) * 0.5;
        if is_right_half != b.is_rtl {
            end
        } else {
            start
        }
    }

    /// A zero-width rectangle at the boundary before char `offset` (paragraph-relative), as
    /// tall as its row: where the caret goes. At a direction boundary it goes at the leading
    /// edge of the char after it.
    pub fn boundary_rect(&self, offset: usize) -> Rect {
        let Some(map) = &self.map else {
            return self.galley.pos_from_cursor(CCursor::new(offset));
        };
        let (b, is_after) = match map.boxes.get(offset) {
            Some(b) => (*b, false),
            None => match map.boxes.last() {
                Some(b) => (*b, true),
                None => {
                    let x = self.shift_px;
                    return Rect::from_min_max(pos2(x, 0.0), pos2(x, self.height_px()));
                }
            },
        };
        let x = if b.is_rtl == is_after { b.x0 } else { b.x1 };
        let row = &map.rows[b.row as usize];
        Rect::from_min_max(pos2(x, row.y0), pos2(x, row.y1))
    }

    /// The row holding the boundary before `offset`.
    pub fn row_of(&self, offset: usize) -> usize {
        match &self.map {
            None => self.galley.layout_from_cursor(CCursor::new(offset)).row,
            Some(map) => map
                .boxes
                .get(offset)
                .or(map.boxes.last())
                .map_or(0, |b| b.row as usize),
        }
    }

    pub fn row_count(&self) -> usize {
        self.map
            .as_ref()
            .map_or(self.galley.rows.len(), |m| m.rows.len())
    }

    /// The vertical middle of row `row` (paragraph-relative).
    pub fn row_mid_y(&self, row: usize) -> f32 {
        match &self.map {
            None => self
                .galley
                .rows
                .get(row)
                .map_or(0.0, |r| r.rect().center().y),
            Some(map) => map.rows.get(row).map_or(0.0, |r| (r.y0 + r.y1) * 0.5),
        }
    }

    /// Each glyph that draws something, as painted: its rectangle (paragraph-relative, row
    /// height) and the char egui says it draws. For tests comparing highlights with glyphs.
    pub fn inked_glyphs(&self) -> Vec<(Rect, char)> {
        let mut out = Vec::new();
        for placed in &self.galley.rows {
            for g in &placed.row.glyphs {
                if g.uv_rect.is_nothing() || g.advance_width <= 0.0 {
                    continue;
                }
                let x = self.shift_px + placed.pos.x + g.pos.x;
                out.push((
                    Rect::from_min_max(
                        pos2(x, placed.min_y()),
                        pos2(x + g.advance_width, placed.max_y()),
                    ),
                    g.chr,
                ));
            }
        }
        out
    }
}

impl BidiMap {
    /// Each char's advance: a grapheme's width on its first char, for line breaking.
    fn advances(&self, len: usize) -> Vec<f32> {
        (0..len)
            .map(|i| match self.boxes.get(i) {
                Some(b) if b.grapheme.0 as usize == i => b.x1 - b.x0,
                _ => 0.0,
            })
            .collect()
    }

    /// The row at height `y`, clamped to the first and last.
    fn row_near(&self, y: f32) -> Option<&MapRow> {
        let at = self.rows.partition_point(|r| r.y1 <= y);
        self.rows.get(at.min(self.rows.len().saturating_sub(1)))
    }
}

/// True at each char that starts a grapheme.
fn grapheme_starts(text: &str, len: usize) -> Vec<bool> {
    let mut starts = vec![false; len];
    let mut at = 0;
    for grapheme in text.graphemes(true) {
        if let Some(s) = starts.get_mut(at) {
            *s = true;
        }
        at += grapheme.chars().count();
    }
    starts
}

/// What laying out a bidi paragraph's lines needs.
struct Source<'a> {
    text: &'a str,
    chars: &'a [char],
    grapheme_starts: &'a [bool],
    paragraph: &'a BidiParagraph<'a>,
    format: &'a TextFormat,
    shift_px: f32,
}

impl<'a> Source<'a> {
    /// The text a piece shows: a mirrored bracket, or its own chars.
    fn shown(&self, piece: &Piece) -> Cow<'a, str> {
        match piece.mirrored {
            Some(m) => Cow::Owned(m.to_string()),
            None => Cow::Borrowed(self.text.get(piece.bytes.clone()).unwrap_or_default()),
        }
    }

    /// Lays out `lines` (logical char ranges, each with its pieces in visual order) as one
    /// galley, a row per line, and maps it.
    fn lay_out(
        &self,
        ctx: &egui::Context,
        lines: &[(Range<usize>, Vec<Piece>)],
    ) -> (Arc<Galley>, BidiMap) {
        let mut job = LayoutJob::default();
        job.wrap.max_width = f32::INFINITY;
        job.halign = if self.paragraph.is_rtl() {
            Align::RIGHT
        } else {
            Align::LEFT
        };
        for (i, (_, pieces)) in lines.iter().enumerate() {
            if i > 0 {
                push_section(&mut job, "\n", self.format);
            }
            for piece in pieces {
                push_section(&mut job, &self.shown(piece), self.format);
            }
        }
        let galley = ctx.fonts_mut(|f| f.layout_job(job));
        let map = self.map_rows(ctx, &galley, lines);
        (galley, map)
    }

    /// Lays out a left-to-right paragraph whose pieces are in logical order (every
    /// right-to-left run is one word, which the shaper draws right to left in place) as egui
    /// lays out plain text: one job wrapped by egui, one shaping pass, no line breaking of
    /// our own. `None` for any other paragraph, or if egui broke a right-to-left word.
    fn lay_out_wrapped(
        &self,
        ctx: &egui::Context,
        pieces: &[Piece],
        width_px: f32,
    ) -> Option<(Arc<Galley>, BidiMap)> {
        let in_logical_order = !self.paragraph.is_rtl()
            && pieces.first().is_some_and(|p| p.chars.start == 0)
            && pieces
                .windows(2)
                .all(|w| w[0].chars.end == w[1].chars.start)
            && pieces.iter().all(|p| {
                p.mirrored.is_none()
                    && (!p.is_rtl
                        || !(self.chars.get(p.chars.clone()))
                            .unwrap_or_default()
                            .iter()
                            .any(|c| c.is_whitespace()))
            })
            && !self.chars.contains(&'\n');
        if !in_logical_order {
            return None;
        }
        let mut job = LayoutJob::default();
        job.wrap.max_width = width_px;
        for piece in pieces {
            push_section(&mut job, &self.shown(piece), self.format);
        }
        let galley = ctx.fonts_mut(|f| f.layout_job(job));
        // Each row's chars and the pieces cut to them: a left-to-right glyph is one char, a
        // right-to-left word is read back to learn how many glyphs it took.
        let mut lines = Vec::with_capacity(galley.rows.len());
        let mut remaining = pieces.iter();
        let mut open: Option<Piece> = None;
        let mut at = 0;
        for placed in &galley.rows {
            let glyphs: Vec<GlyphInfo> = placed.row.glyphs.iter().map(GlyphInfo::of).collect();
            let (row_start, mut used, mut row_pieces) = (at, 0, Vec::new());
            while used < glyphs.len() {
                let piece = open.take().or_else(|| remaining.next().cloned())?;
                if piece.is_rtl_shaped {
                    let (chars, starts) = self.piece_text(&piece);
                    let text = PieceText {
                        chars: &chars,
                        grapheme_starts: &starts,
                    };
                    let (taken, _) = glyph_runs::read_rtl(glyphs.get(used..)?, &text)?;
                    used += taken;
                    at = piece.chars.end;
                    row_pieces.push(piece);
                    continue;
                }
                let take = (glyphs.len() - used).min(piece.chars.end - piece.chars.start);
                let cut = piece.chars.start + take;
                used += take;
                at = cut;
                row_pieces.push(Piece {
                    chars: piece.chars.start..cut,
                    bytes: piece.bytes.start..self.paragraph.byte_of(cut),
                    ..piece.clone()
                });
                if cut < piece.chars.end {
                    open = Some(Piece {
                        chars: cut..piece.chars.end,
                        bytes: self.paragraph.byte_of(cut)..piece.bytes.end,
                        ..piece
                    });
                }
            }
            if used != glyphs.len() {
                return None;
            }
            lines.push((row_start..at, row_pieces));
        }
        if at != self.chars.len() || open.is_some() || remaining.next().is_some() {
            return None;
        }
        let map = self.map_rows(ctx, &galley, &lines);
        Some((galley, map))
    }

    /// Reads the galley's rows back to chars: `lines` are the logical char ranges of its
    /// rows, each with its pieces in visual order.
    fn map_rows(
        &self,
        ctx: &egui::Context,
        galley: &Galley,
        lines: &[(Range<usize>, Vec<Piece>)],
    ) -> BidiMap {
        let mut boxes = vec![
            CharBox {
                row: 0,
                x0: 0.0,
                x1: 0.0,
                is_rtl: false,
                grapheme: (0, 0),
            };
            self.chars.len()
        ];
        let mut rows = Vec::with_capacity(lines.len());
        for (row_index, (line, pieces)) in lines.iter().enumerate() {
            let Some(placed) = galley.rows.get(row_index) else {
                break;
            };
            let glyphs: Vec<GlyphInfo> = placed.row.glyphs.iter().map(GlyphInfo::of).collect();
            let read = self
                .read_line(&glyphs, pieces)
                .unwrap_or_else(|| self.measure_line(ctx, &glyphs, pieces));
            let x_px = self.shift_px + placed.pos.x;
            let mut visual = Vec::new();
            for (piece, graphemes) in pieces.iter().zip(read) {
                for (local, x0, x1) in graphemes {
                    let start = piece.chars.start + local;
                    let end = (start + 1..piece.chars.end)
                        .find(|&i| self.grapheme_starts.get(i).copied().unwrap_or(true))
                        .unwrap_or(piece.chars.end);
                    for b in boxes.get_mut(start..end).unwrap_or_default() {
                        *b = CharBox {
                            row: row_index as u32,
                            x0: x_px + x0,
                            x1: x_px + x1,
                            is_rtl: piece.is_rtl,
                            grapheme: (start as u32, end as u32),
                        };
                    }
                    visual.push(start as u32);
                }
            }
            visual.sort_by(|&a, &b| boxes[a as usize].x0.total_cmp(&boxes[b as usize].x0));
            rows.push(MapRow {
                chars: line.clone(),
                y0: placed.min_y(),
                y1: placed.max_y(),
                visual,
            });
        }
        BidiMap { boxes, rows }
    }

    /// A piece's chars and grapheme starts, piece-local.
    fn piece_text(&self, piece: &Piece) -> (Vec<char>, Vec<usize>) {
        let chars: Vec<char> = match piece.mirrored {
            Some(m) => vec![m],
            None => self
                .chars
                .get(piece.chars.clone())
                .unwrap_or_default()
                .to_vec(),
        };
        let starts = (0..chars.len())
            .filter(|&i| {
                i == 0
                    || (self.grapheme_starts.get(piece.chars.start + i))
                        .copied()
                        .unwrap_or(true)
            })
            .collect();
        (chars, starts)
    }

    /// Reads a row's glyphs piece by piece; `None` unless they account for every glyph.
    fn read_line(&self, glyphs: &[GlyphInfo], pieces: &[Piece]) -> Option<Vec<GraphemeBoxes>> {
        let mut at = 0;
        let mut out = Vec::with_capacity(pieces.len());
        for piece in pieces {
            let (chars, starts) = self.piece_text(piece);
            let text = PieceText {
                chars: &chars,
                grapheme_starts: &starts,
            };
            let rest = glyphs.get(at..)?;
            if piece.is_rtl_shaped {
                let (used, boxes) = glyph_runs::read_rtl(rest, &text)?;
                at += used;
                out.push(boxes);
            } else {
                out.push(glyph_runs::read_ltr(rest, &text)?);
                at += chars.len();
            }
        }
        (at == glyphs.len()).then_some(out)
    }

    /// The slow way, when a row's glyphs cannot be read in one pass (a font shaped something
    /// unexpectedly): each piece is laid out alone to learn how many glyphs it has.
    fn measure_line(
        &self,
        ctx: &egui::Context,
        glyphs: &[GlyphInfo],
        pieces: &[Piece],
    ) -> Vec<GraphemeBoxes> {
        let mut at = 0;
        pieces
            .iter()
            .map(|piece| {
                let (chars, starts) = self.piece_text(piece);
                let text = PieceText {
                    chars: &chars,
                    grapheme_starts: &starts,
                };
                let job =
                    LayoutJob::single_section(self.shown(piece).into_owned(), self.format.clone());
                let count = ctx
                    .fonts_mut(|f| f.layout_job(job))
                    .rows
                    .iter()
                    .map(|r| r.row.glyphs.len())
                    .sum::<usize>();
                let slice = glyphs
                    .get(at..(at + count).min(glyphs.len()))
                    .unwrap_or_default();
                at += count;
                let read = if piece.is_rtl_shaped {
                    glyph_runs::read_rtl(slice, &text)
                        .filter(|(used, _)| *used == slice.len())
                        .map(|(_, boxes)| boxes)
                } else {
                    glyph_runs::read_ltr(slice, &text)
                };
                read.unwrap_or_else(|| glyph_runs::spread(slice, &text, piece.is_rtl_shaped))
            })
            .collect()
    }
}

/// Adds `text` as a section of its own: egui shapes each section apart. (`LayoutJob::append`
/// would merge it into the previous section of the same format, and the shaper would then
/// reorder an Arabic comma or digit together with the Arabic word next to it.)
fn push_section(job: &mut LayoutJob, text: &str, format: &TextFormat) {
    let start = job.text.len();
    job.text.push_str(text);
    job.sections.push(egui::text::LayoutSection {
        leading_space: 0.0,
        byte_range: egui::epaint::text::ByteIndex(start)
            ..egui::epaint::text::ByteIndex(job.text.len()),
        format: format.clone(),
    });
}

/// The rectangles covering chars `start..end` of a left-to-right galley, one per row.
fn plain_range_rects(galley: &Galley, start: usize, end: usize) -> impl Iterator<Item = Rect> + '_ {
    let mut row_start = 0usize;
    galley.rows.iter().filter_map(move |placed| {
        let count = placed.row.glyphs.len();
        let first = row_start;
        row_start += count + usize::from(placed.ends_with_newline);
        let from = start.max(first);
        let to = end.min(first + count);
        if from >= to {
            return None;
        }
        let x0 = placed.pos.x + placed.row.x_offset((from - first).into());
        let x1 = placed.pos.x + placed.row.x_offset((to - first).into());
        Some(Rect::from_min_max(
            pos2(x0, placed.min_y()),
            pos2(x1, placed.max_y()),
        ))
    })
}

/// The char whose glyph lies under `pos` in a left-to-right galley.
fn plain_char_under(galley: &Galley, pos: Vec2) -> Option<usize> {
    let mut row_start = 0usize;
    for placed in &galley.rows {
        let count = placed.row.glyphs.len();
        if placed.min_y() <= pos.y && pos.y < placed.max_y() {
            let x = pos.x - placed.pos.x;
            return placed
                .row
                .glyphs
                .iter()
                .position(|g| g.pos.x <= x && x < g.max_x())
                .map(|column| row_start + column);
        }
        row_start += count + usize::from(placed.ends_with_newline);
    }
    None
}
