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
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Galley, Pos2, Rect, Vec2, pos2, vec2};

use super::bidi::{self, BidiParagraph, Piece};
use super::bidi_rows::{BidiMap, Source};
use super::line_break::break_lines;
use super::piece_widths::PieceWidths;
use crate::ui::fonts;

/// A paragraph ready to paint and to point into. Offsets are paragraph-local chars.
pub struct ParagraphText {
    galley: Arc<Galley>,
    /// Added to galley x to give paragraph x: a right-aligned galley lies left of 0.
    shift_px: f32,
    is_rtl: bool,
    map: Option<BidiMap>,
    /// How many times egui laid out text for it: see [`Self::layout_passes`].
    layout_passes: usize,
    /// See [`Self::measured_chars`].
    measured_chars: usize,
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
                measured_chars: 0,
            };
        }
        // A word shaped in its script's family would get that font's row height: every
        // section gets the paragraph font's, as a line of one font would.
        let format = match format.line_height {
            Some(_) => Cow::Borrowed(format),
            None => Cow::Owned(TextFormat {
                line_height: Some(ctx.fonts_mut(|f| f.row_height(&format.font_id))),
                ..format.clone()
            }),
        };
        let format = format.as_ref();
        let paragraph = BidiParagraph::new(text);
        let is_rtl = paragraph.is_rtl();
        let shift_px = if is_rtl { width_px } else { 0.0 };
        let chars: Vec<char> = text.chars().collect();
        let grapheme_starts = paragraph.grapheme_starts();
        let source = Source {
            text,
            chars: &chars,
            grapheme_starts,
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
                layout_passes: 1 + map.pieces_laid_out_again,
                map: Some(map),
                measured_chars: 0,
            };
        }
        // Beyond the plain-text path, each right-to-left phrase is one section.
        let coverage = fonts::ScriptCoverage::for_text(ctx, text);
        let covers = |script, c| coverage.covers(script, c);
        let whole_pieces = paragraph.join_phrases(&whole_pieces, &covers);
        let measured = paragraph_advances(ctx, &source, &whole_pieces, widths, width_px);
        let lines = break_lines(text, &measured.per_char, grapheme_starts, width_px);
        let (galley, map, layout_passes) = match measured.one_line {
            Some((galley, map)) if lines.len() == 1 => (galley, map, measured.passes),
            _ => {
                // Known widths made no one-line galley, but the pieces of a paragraph that
                // fits on one line are cut already: its line's pieces are the same.
                let lines: Vec<_> = if lines.len() == 1 && lines.first() == Some(&whole) {
                    vec![(whole, whole_pieces)]
                } else {
                    (lines.into_iter())
                        .map(|line| {
                            let pieces = paragraph.line_pieces(line.clone());
                            (line, paragraph.join_phrases(&pieces, &covers))
                        })
                        .collect()
                };
                let (galley, map) = source.lay_out(ctx, &lines);
                let passes = measured.passes + 1 + map.pieces_laid_out_again;
                (galley, map, passes)
            }
        };
        let measured_chars = measured.chars;
        Self {
            galley,
            shift_px,
            is_rtl,
            map: Some(map),
            layout_passes,
            measured_chars,
        }
    }

    /// How many times egui laid out text for this paragraph (1, or 2 for a bidi paragraph of
    /// several lines whose words were not all measured before, and one more for each piece of
    /// a row whose glyphs could not be read in one pass): counted work, for tests.
    pub fn layout_passes(&self) -> usize {
        self.layout_passes
    }

    /// How many chars were laid out only to learn their widths before the lines were chosen:
    /// none once every word is known, the new words alone in a long paragraph that has a few,
    /// the whole paragraph otherwise. Counted work, for tests.
    pub fn measured_chars(&self) -> usize {
        self.measured_chars
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

/// A bidi paragraph's advances, and what finding them laid out.
struct Advances {
    /// Each char's advance (a grapheme's on its first char).
    per_char: Vec<f32>,
    /// The paragraph laid out on one line, if it was measured whole: its galley if it fits.
    one_line: Option<(Arc<Galley>, BidiMap)>,
    /// Chars laid out only to be measured.
    chars: usize,
    /// egui layouts done to measure (the one-line layout's included).
    passes: usize,
}

/// The advances of a paragraph cut into `pieces`: known from `widths`; or, for a paragraph of
/// several lines with a few new words, from those words laid out alone (real news has new
/// words in most paragraphs); or from the whole paragraph laid out on one line, which is then
/// its galley if it fits in `width_px` (so a paragraph that likely fits is measured whole).
fn paragraph_advances(
    ctx: &egui::Context,
    source: &Source<'_>,
    pieces: &[Piece],
    mut widths: Option<&mut PieceWidths>,
    width_px: f32,
) -> Advances {
    let len = source.chars.len();
    let shown = |p: &Piece| source.shown(p);
    let known =
        (widths.as_deref()).and_then(|w| w.advances(pieces, shown, source.grapheme_starts, len));
    let (mut known, mut chars, mut passes) = (known, 0, 0);
    // A new word is guessed at half an em a char (wide for most scripts): a paragraph guessed
    // to fit is measured whole, so it is laid out once.
    let new_char_px = source.format.font_id.size * 0.5;
    if known.is_none()
        && let Some(widths) = widths.as_deref_mut()
        && let Some(new) = widths.new_words(pieces, shown, source.grapheme_starts, new_char_px)
        && new.guessed_width_px > width_px
    {
        (known, chars, passes) = measure_new_words(ctx, source, pieces, &new.pieces, widths);
    }
    if let Some(per_char) = known {
        return Advances {
            per_char,
            one_line: None,
            chars,
            passes,
        };
    }
    let (galley, map) = source.lay_out(ctx, &[(0..len, pieces.to_vec())]);
    let per_char = map.advances(len);
    if let Some(widths) = widths {
        widths.learn(pieces, shown, source.grapheme_starts, &per_char);
    }
    Advances {
        per_char,
        chars: chars + len,
        passes: passes + 1 + map.pieces_laid_out_again,
        one_line: Some((galley, map)),
    }
}

/// Lays out `new_words` (chunks of `pieces` that `widths` does not know yet) alone and
/// learns their advances. Returns the paragraph's advances if every word is known now, how
/// many chars were laid out and how many egui layouts that took.
fn measure_new_words(
    ctx: &egui::Context,
    source: &Source<'_>,
    pieces: &[Piece],
    new_words: &[Piece],
    widths: &mut PieceWidths,
) -> (Option<Vec<f32>>, usize, usize) {
    let len = source.chars.len();
    let (_, map) = source.lay_out(ctx, &[(0..len, new_words.to_vec())]);
    let shown = |p: &Piece| source.shown(p);
    widths.learn(new_words, shown, source.grapheme_starts, &map.advances(len));
    let advances = widths.advances(pieces, shown, source.grapheme_starts, len);
    let measured_chars = new_words.iter().map(|p| p.chars.len()).sum();
    (advances, measured_chars, 1 + map.pieces_laid_out_again)
}
