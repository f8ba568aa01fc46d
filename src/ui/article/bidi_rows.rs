//! The map of a paragraph laid out with the bidi pass: its rows laid out in visual order and
//! read back to a box per logical char ([`Source`]), for [`super::text_map::ParagraphText`].

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Galley};

use super::bidi::{BidiParagraph, Piece};
use super::glyph_runs::{self, GlyphInfo, GraphemeBoxes, PieceText};
use crate::ui::fonts;

/// Where one char is drawn: its row and extent, shared by all chars of its grapheme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct CharBox {
    pub(super) row: u32,
    pub(super) x0: f32,
    pub(super) x1: f32,
    /// Reads right to left (odd bidi level): its leading edge is on the right.
    pub(super) is_rtl: bool,
    pub(super) grapheme: (u32, u32),
}

/// One row of a bidi paragraph.
#[derive(Clone, Debug)]
pub(super) struct MapRow {
    /// Logical chars on this row.
    pub(super) chars: Range<usize>,
    pub(super) y0: f32,
    pub(super) y1: f32,
    /// First chars of the row's graphemes, left to right.
    pub(super) visual: Vec<u32>,
}

/// The map of a paragraph laid out with the bidi pass.
#[derive(Clone, Debug)]
pub(super) struct BidiMap {
    pub(super) boxes: Vec<CharBox>,
    pub(super) rows: Vec<MapRow>,
    /// Pieces laid out again, alone, because their row's glyphs could not be read in one
    /// pass ([`Source::measure_line`]): counted work, which should stay 0.
    pub(super) pieces_laid_out_again: usize,
}

impl BidiMap {
    /// Each char's advance: a grapheme's width on its first char, for line breaking.
    pub(super) fn advances(&self, len: usize) -> Vec<f32> {
        (0..len)
            .map(|i| match self.boxes.get(i) {
                Some(b) if b.grapheme.0 as usize == i => b.x1 - b.x0,
                _ => 0.0,
            })
            .collect()
    }

    /// The row at height `y`, clamped to the first and last.
    pub(super) fn row_near(&self, y: f32) -> Option<&MapRow> {
        let at = self.rows.partition_point(|r| r.y1 <= y);
        self.rows.get(at.min(self.rows.len().saturating_sub(1)))
    }
}

/// What laying out a bidi paragraph's lines needs.
pub(super) struct Source<'a> {
    pub(super) text: &'a str,
    pub(super) chars: &'a [char],
    pub(super) grapheme_starts: &'a [bool],
    pub(super) paragraph: &'a BidiParagraph<'a>,
    pub(super) format: &'a TextFormat,
    pub(super) shift_px: f32,
}

impl<'a> Source<'a> {
    /// The text a piece shows: a mirrored bracket, or its own chars.
    pub(super) fn shown(&self, piece: &Piece) -> Cow<'a, str> {
        match piece.mirrored {
            Some(m) => Cow::Owned(m.to_string()),
            None => Cow::Borrowed(self.text.get(piece.bytes.clone()).unwrap_or_default()),
        }
    }

    /// The format a piece is shaped in: a right-to-left word or phrase in its script's family.
    fn format_of(&self, piece: &Piece) -> Cow<'a, TextFormat> {
        match piece.shaped_in {
            None => Cow::Borrowed(self.format),
            Some(script) => {
                let mut format = self.format.clone();
                format.font_id.family = fonts::script_family(script);
                Cow::Owned(format)
            }
        }
    }

    /// Lays out `lines` (logical char ranges, each with its pieces in visual order) as one
    /// galley, a row per line, and maps it.
    pub(super) fn lay_out(
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
                push_section(&mut job, &self.shown(piece), &self.format_of(piece));
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
    pub(super) fn lay_out_wrapped(
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
        let mut glyphs: Vec<GlyphInfo> = Vec::new();
        for placed in &galley.rows {
            glyphs.clear();
            glyphs.extend(placed.row.glyphs.iter().map(GlyphInfo::of));
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
        let mut glyphs: Vec<GlyphInfo> = Vec::new();
        let mut pieces_laid_out_again = 0;
        for (row_index, (line, pieces)) in lines.iter().enumerate() {
            let Some(placed) = galley.rows.get(row_index) else {
                break;
            };
            glyphs.clear();
            glyphs.extend(placed.row.glyphs.iter().map(GlyphInfo::of));
            let read = self.read_line(&glyphs, pieces).unwrap_or_else(|| {
                pieces_laid_out_again += pieces.len();
                self.measure_line(ctx, &glyphs, pieces)
            });
            let x_px = self.shift_px + placed.pos.x;
            let mut visual = Vec::with_capacity(line.len());
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
        BidiMap {
            boxes,
            rows,
            pieces_laid_out_again,
        }
    }

    /// A piece's chars and grapheme starts, piece-local: its chars are the paragraph's own,
    /// borrowed, unless it shows a mirrored bracket.
    fn piece_text(&self, piece: &Piece) -> (Cow<'a, [char]>, Vec<usize>) {
        let chars: Cow<'a, [char]> = match piece.mirrored {
            Some(m) => Cow::Owned(vec![m]),
            None => Cow::Borrowed(self.chars.get(piece.chars.clone()).unwrap_or_default()),
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
                let job = LayoutJob::single_section(
                    self.shown(piece).into_owned(),
                    self.format_of(piece).into_owned(),
                );
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
