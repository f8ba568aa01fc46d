//! Reading egui's glyphs back to the chars they draw, one bidi piece at a time.
//!
//! egui keeps one glyph per char for left-to-right text (it adds zero-width "continuation"
//! glyphs for ligatures), and the article relies on that for left-to-right pieces. For a run
//! the shaper draws right to left it does not: the glyphs come in visual order, each carrying
//! only the first char of its cluster, and the continuation glyphs all land after the last one
//! (egui 0.37 `layout_shaped_run` only fills them in for rising clusters). So a right-to-left
//! piece is read here: its glyphs, right to left, are matched to the piece's graphemes (each
//! glyph names the char its cluster starts with, clusters rise through the text and the
//! nearest matching char is taken, a zero-width glyph with the same char is a mark of the
//! cluster before), then the trailing continuation
//! glyphs are checked and skipped. A ligature's width is shared evenly by its graphemes.
//!
//! The caller checks that a line's pieces use exactly its glyphs; when a font does something
//! this reading does not expect, it measures each piece on its own instead (see `text_map`).

use std::ops::Range;

/// What the reading needs of an egui glyph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GlyphInfo {
    pub chr: char,
    /// Left edge, row-relative.
    pub x: f32,
    pub advance: f32,
    /// It draws something (a continuation glyph or a space does not).
    pub is_inked: bool,
}

impl GlyphInfo {
    #[must_use]
    pub fn of(glyph: &egui::epaint::text::Glyph) -> Self {
        Self {
            chr: glyph.chr,
            x: glyph.pos.x,
            advance: glyph.advance_width,
            is_inked: !glyph.uv_rect.is_nothing(),
        }
    }

    fn is_continuation(&self) -> bool {
        self.advance == 0.0 && !self.is_inked
    }
}

/// A piece's text as the reader needs it: its chars and where its graphemes start
/// (piece-local char offsets, the first being 0).
#[derive(Clone, Debug)]
pub struct PieceText<'a> {
    pub chars: &'a [char],
    pub grapheme_starts: &'a [usize],
}

/// The horizontal extent of each grapheme of a piece: `(first char, x0, x1)`, piece-local
/// chars, in logical order.
pub type GraphemeBoxes = Vec<(usize, f32, f32)>;

/// The union of the advancing glyphs' extents; a glyph with no advance only gives a point.
fn extent(glyphs: &[GlyphInfo]) -> (f32, f32) {
    let advancing = glyphs.iter().filter(|g| g.advance > 0.0);
    let (x0, x1) = advancing.fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), g| {
        (a.min(g.x), b.max(g.x + g.advance))
    });
    if x0.is_finite() {
        (x0, x1)
    } else {
        let x = glyphs.first().map_or(0.0, |g| g.x);
        (x, x)
    }
}

/// A left-to-right piece: one glyph per char.
#[must_use]
pub fn read_ltr(glyphs: &[GlyphInfo], text: &PieceText<'_>) -> Option<GraphemeBoxes> {
    if glyphs.len() < text.chars.len() {
        return None;
    }
    // Each grapheme ends where the next starts: one pass, so a wall of text with one Arabic
    // name in it (one left-to-right piece of thousands of chars) is read in linear time.
    let ends = (text.grapheme_starts.iter().skip(1).copied()).chain([text.chars.len()]);
    Some(
        (text.grapheme_starts.iter().copied().zip(ends))
            .map(|(start, end)| {
                let (x0, x1) = extent(glyphs.get(start..end).unwrap_or_default());
                (start, x0, x1)
            })
            .collect(),
    )
}

/// A right-to-left shaped piece at the start of `glyphs` (which may go on with the next
/// pieces): how many glyphs it used, and its graphemes' extents.
#[must_use]
pub fn read_rtl(glyphs: &[GlyphInfo], text: &PieceText<'_>) -> Option<(usize, GraphemeBoxes)> {
    let n = text.chars.len();
    if n == 0 {
        return Some((0, Vec::new()));
    }
    // Clusters in visual order (falling starts): (start, glyph range).
    let mut clusters: Vec<(usize, Range<usize>)> = Vec::new();
    // The last cluster's advance so far: 0 while it has only marks, which the shaper may put
    // before their letter ("مجددًا": the tanween's glyph, then its dal's).
    let mut cluster_advance = 0.0;
    let mut i = 0;
    while clusters.last().is_none_or(|(start, _)| *start > 0) {
        let glyph = glyphs.get(i)?;
        let current = clusters.last().map(|(start, _)| *start);
        let is_mark = current.is_some_and(|c| {
            glyph.chr == text.chars[c] && (glyph.advance == 0.0 || cluster_advance == 0.0)
        });
        let before = current.unwrap_or(n);
        // Clusters usually start at graphemes, but a joiner (ZWNJ) can be a cluster of its own.
        let next_start = (!is_mark)
            .then(|| (0..before).rev().find(|&s| text.chars[s] == glyph.chr))
            .flatten();
        match (next_start, clusters.last_mut()) {
            (Some(start), _) => {
                clusters.push((start, i..i + 1));
                cluster_advance = glyph.advance;
            }
            (None, Some((start, range))) if text.chars[*start] == glyph.chr => {
                range.end = i + 1;
                cluster_advance += glyph.advance;
            }
            _ => return None,
        }
        i += 1;
    }
    // The first cluster may hold more glyphs (marks), then come the continuation glyphs for
    // the chars after its glyph count: try the longest first.
    let first_glyphs = clusters.last()?.1.start;
    let same = glyphs[first_glyphs..]
        .iter()
        .take_while(|g| g.chr == text.chars[0])
        .count();
    let (count, used) = (1..=same).rev().find_map(|count| {
        let after = first_glyphs + count;
        let trailing = n.saturating_sub(count);
        let tail = glyphs.get(after..after + trailing)?;
        let is_match = tail
            .iter()
            .zip(&text.chars[count.min(n)..])
            .all(|(g, &c)| g.chr == c && g.is_continuation());
        is_match.then_some((count, after + trailing))
    })?;
    if let Some(last) = clusters.last_mut() {
        last.1.end = first_glyphs + count;
    }
    let mut boxes = Vec::with_capacity(text.grapheme_starts.len());
    // Clusters fall through the text: the graphemes of each are the starts left below the
    // last one taken, so one pass from the end finds them all (a phrase of many words).
    let mut below = text.grapheme_starts.len();
    for (start, range) in clusters {
        let (x0, x1) = extent(&glyphs[range]);
        let first = text.grapheme_starts[..below].partition_point(|&s| s < start);
        share(
            &text.grapheme_starts[first..below],
            x0,
            x1,
            true,
            &mut boxes,
        );
        below = first;
    }
    boxes.sort_by_key(|b| b.0);
    Some((used, boxes))
}

/// Shares `x0..x1` evenly among `graphemes` (logical order), right to left if `is_rtl`.
fn share(graphemes: &[usize], x0: f32, x1: f32, is_rtl: bool, out: &mut GraphemeBoxes) {
    let count = graphemes.len().max(1) as f32;
    let step = (x1 - x0) / count;
    for (k, &start) in graphemes.iter().enumerate() {
        let k = k as f32;
        let (a, b) = if is_rtl {
            (x1 - step * (k + 1.0), x1 - step * k)
        } else {
            (x0 + step * k, x0 + step * (k + 1.0))
        };
        out.push((start, a, b));
    }
}

/// When the glyphs could not be read: the piece's graphemes share the glyphs' extent evenly.
#[must_use]
pub fn spread(glyphs: &[GlyphInfo], text: &PieceText<'_>, is_rtl: bool) -> GraphemeBoxes {
    let (x0, x1) = extent(glyphs);
    let mut out = Vec::with_capacity(text.grapheme_starts.len());
    share(text.grapheme_starts, x0, x1, is_rtl, &mut out);
    out.sort_by_key(|b| b.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(chr: char, x: f32, advance: f32) -> GlyphInfo {
        GlyphInfo {
            chr,
            x,
            advance,
            is_inked: advance > 0.0 || chr == '\u{64B}',
        }
    }

    /// A right-to-left piece of `chars` read from `glyphs`, which must be readable.
    fn read(chars: &[char], starts: &[usize], glyphs: &[GlyphInfo]) -> (usize, GraphemeBoxes) {
        let text = PieceText {
            chars,
            grapheme_starts: starts,
        };
        read_rtl(glyphs, &text).expect("readable")
    }

    fn continuation(chr: char, x: f32) -> GlyphInfo {
        GlyphInfo {
            chr,
            x,
            advance: 0.0,
            is_inked: false,
        }
    }

    /// What egui 0.37 emits for "שלום" followed by a space: glyphs in visual order, then
    /// continuation glyphs for "לום".
    #[test]
    fn reads_a_hebrew_word_and_skips_the_continuation_glyphs() {
        let chars: Vec<char> = "שלום".chars().collect();
        let starts = [0, 1, 2, 3];
        let glyphs = [
            glyph('ם', 0.0, 8.0),
            glyph('ו', 8.0, 4.0),
            glyph('ל', 12.0, 7.0),
            glyph('ש', 19.0, 9.0),
            continuation('ל', 28.0),
            continuation('ו', 28.0),
            continuation('ם', 28.0),
            glyph(' ', 28.0, 4.0),
        ];
        let (used, boxes) = read(&chars, &starts, &glyphs);
        assert_eq!(used, 7);
        assert_eq!(
            boxes,
            [
                (0, 19.0, 28.0),
                (1, 12.0, 19.0),
                (2, 8.0, 12.0),
                (3, 0.0, 8.0)
            ]
        );
    }

    /// A lam-alef ligature is one glyph for two graphemes, a tanween a zero-width mark glyph;
    /// repeated letters each start their own cluster.
    #[test]
    fn ligatures_share_their_width_and_marks_stay_with_their_letter() {
        // لاً + دد: logical ل ا ً د د; clusters ل(0..3: lam-alef with the mark), د(3), د(4).
        let chars: Vec<char> = "لاًدد".chars().collect();
        let starts = [0, 1, 3, 4];
        let glyphs = [
            glyph('د', 0.0, 6.0),
            glyph('د', 6.0, 6.0),
            glyph('\u{64B}', 14.0, 0.0),
            glyph('ل', 12.0, 10.0),
            // Continuation glyphs for the chars after the first cluster's two glyphs.
            continuation('\u{64B}', 22.0),
            continuation('د', 22.0),
            continuation('د', 22.0),
        ];
        // The mark glyph names its cluster's first char.
        let mut glyphs = glyphs.to_vec();
        glyphs[2].chr = 'ل';
        let (used, boxes) = read(&chars, &starts, &glyphs);
        assert_eq!(used, glyphs.len());
        assert_eq!(
            boxes,
            [
                (0, 17.0, 22.0),
                (1, 12.0, 17.0),
                (3, 6.0, 12.0),
                (4, 0.0, 6.0)
            ]
        );
    }

    /// egui 0.37 with Noto Sans Arabic gives a tanween's glyph before its letter's, both
    /// named after the letter: the mark must not start a cluster of its own and send the
    /// letter's glyph to an earlier dal (here, of the word before).
    #[test]
    fn a_mark_before_its_letter_stays_in_the_letters_cluster() {
        // "دب مجددًا": logical د0 ب1 space2 م3 ج4 د5 د6 ً7 ا8.
        let chars: Vec<char> = "دب مجدد\u{64B}ا".chars().collect();
        let starts = [0, 1, 2, 3, 4, 5, 6, 8];
        let mut glyphs = vec![
            glyph('ا', 0.0, 5.0),
            glyph('د', 9.0, 0.0),
            glyph('د', 5.0, 8.0),
            glyph('د', 13.0, 9.0),
            glyph('ج', 22.0, 11.0),
            glyph('م', 33.0, 9.0),
            glyph(' ', 42.0, 5.0),
            glyph('ب', 47.0, 6.0),
            glyph('د', 53.0, 8.0),
        ];
        glyphs.extend(chars[1..].iter().map(|&c| continuation(c, 61.0)));
        let (used, boxes) = read(&chars, &starts, &glyphs);
        assert_eq!(used, glyphs.len());
        assert_eq!(
            boxes,
            [
                (0, 53.0, 61.0),
                (1, 47.0, 53.0),
                (2, 42.0, 47.0),
                (3, 33.0, 42.0),
                (4, 22.0, 33.0),
                (5, 13.0, 22.0),
                (6, 5.0, 13.0),
                (8, 0.0, 5.0)
            ]
        );
    }

    #[test]
    fn a_single_letter_word_has_no_continuation_glyphs() {
        let chars = ['و'];
        let text = PieceText {
            chars: &chars,
            grapheme_starts: &[0],
        };
        let glyphs = [glyph('و', 3.0, 5.0), glyph(' ', 8.0, 4.0)];
        assert_eq!(read_rtl(&glyphs, &text), Some((1, vec![(0, 3.0, 8.0)])));
    }

    #[test]
    fn unreadable_glyphs_are_refused_and_can_be_spread() {
        let chars: Vec<char> = "אב".chars().collect();
        let text = PieceText {
            chars: &chars,
            grapheme_starts: &[0, 1],
        };
        assert_eq!(read_rtl(&[glyph('x', 0.0, 5.0)], &text), None);
        let spread = spread(&[glyph('x', 0.0, 10.0)], &text, true);
        assert_eq!(spread, [(0, 5.0, 10.0), (1, 0.0, 5.0)]);
    }

    #[test]
    fn left_to_right_pieces_have_a_glyph_per_char() {
        let chars: Vec<char> = "e\u{301}a".chars().collect();
        let text = PieceText {
            chars: &chars,
            grapheme_starts: &[0, 2],
        };
        let glyphs = [
            glyph('e', 0.0, 6.0),
            glyph('\u{301}', 2.0, 0.0),
            glyph('a', 6.0, 6.0),
        ];
        assert_eq!(
            read_ltr(&glyphs, &text),
            Some(vec![(0, 0.0, 6.0), (2, 6.0, 12.0)])
        );
    }
}
