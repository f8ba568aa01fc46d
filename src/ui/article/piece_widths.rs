//! The advances the bidi pass has measured, kept per *chunk* of text, so that a paragraph made
//! of chunks seen before is laid out once instead of twice.
//!
//! # Why
//! A bidi paragraph's lines are found in logical order from its graphemes' advances, and only
//! then laid out line by line in visual order (UAX #9). The advances come from a first layout of
//! the whole paragraph on one line: two layouts for every paragraph of several lines, which made
//! an Arabic article cost about twice an English one to scroll. News text repeats its words, so
//! the advances of each chunk are kept from those first layouts, keyed by its text; a paragraph
//! whose chunks are all known skips its first layout.
//!
//! A chunk is a run of graphemes of one piece (see [`super::bidi`]) of one kind: spaces,
//! punctuation, or letters and digits: a right-to-left word, a left-to-right word, a number, a
//! bracket, a comma, a space. (A phrase holds words with their punctuation: kept whole, "word,"
//! and "word." would each be a chunk of their own.) egui shapes
//! each piece alone, so a right-to-left word has the same advances wherever it stands; inside a
//! left-to-right piece a chunk may lose a kerning pair with the space beside it, a fraction of a
//! pixel, and the advances only choose where lines break (the lines are then laid out for real).
//!
//! A right-to-left word or phrase is shaped in its script's own family (see [`super::bidi`]),
//! whose space and punctuation are not the paragraph font's: chunks are kept per family, the
//! paragraph's or a script's.
//!
//! The widths hold for one font and scale: their owner clears them when those change.

use std::borrow::Cow;
use std::ops::{ControlFlow, Range};

use super::bidi::{Piece, is_shaped_right_to_left};
use crate::model::{FastMap, FastSet};
use crate::ui::fonts::RightToLeftScript;

/// Longer chunks are not kept: rarely repeated, and a key as long as the text.
const MAX_CHUNK_CHARS: usize = 48;

/// Past this many chunks the widths start again: about 4 MB at most.
const MAX_CHUNKS: usize = 40_000;

/// Per-char advances of chunks (a grapheme's width on its first char, 0 on the rest).
type Chunks = FastMap<Box<str>, Box<[f32]>>;

/// Each known chunk's advances, per family it was shaped in ([`Piece::shaped_in`]): the
/// paragraph's (`None`), or a right-to-left script's.
#[derive(Debug, Default)]
pub struct PieceWidths {
    by_family: FastMap<Option<RightToLeftScript>, Chunks>,
}

impl PieceWidths {
    pub fn clear(&mut self) {
        self.by_family.clear();
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.by_family.values().map(FastMap::len).sum()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each char's advance in a paragraph of `len` chars cut into `pieces` (whose shown text
    /// `shown` gives; `grapheme_starts` is true at each char of the paragraph that starts a
    /// grapheme), if every chunk is known.
    pub(super) fn advances<'t>(
        &self,
        pieces: &[Piece],
        shown: impl Fn(&Piece) -> Cow<'t, str>,
        grapheme_starts: &[bool],
        len: usize,
    ) -> Option<Vec<f32>> {
        let mut out = vec![0.0; len];
        let walked = walk_chunks(pieces, shown, grapheme_starts, |chunk| {
            let known = (self.by_family.get(&chunk.piece.shaped_in))
                .and_then(|known_chunks| known_chunks.get(chunk.text));
            match (known, out.get_mut(chunk.chars)) {
                (Some(known), Some(slot)) if slot.len() == known.len() => {
                    slot.copy_from_slice(known);
                    ControlFlow::Continue(())
                }
                _ => ControlFlow::Break(()),
            }
        });
        walked.is_continue().then_some(out)
    }

    /// The chunks of `pieces` whose advances are not known, each once, as pieces of their
    /// own (a right-to-left word keeps its piece's script and direction): what a paragraph
    /// with a few new words needs to lay out to learn them; and the paragraph's width on one
    /// line, guessed from its known chunks' widths and `new_char_px` for each char of the
    /// others. `None` if a new chunk is too long to be kept, so that measuring the new words
    /// alone would not make the paragraph known.
    pub(super) fn new_words<'t>(
        &self,
        pieces: &[Piece],
        shown: impl Fn(&Piece) -> Cow<'t, str>,
        grapheme_starts: &[bool],
        new_char_px: f32,
    ) -> Option<NewWords> {
        let mut seen: FastSet<(Option<RightToLeftScript>, Box<str>)> = FastSet::default();
        let mut new = NewWords {
            pieces: Vec::new(),
            guessed_width_px: 0.0,
        };
        let walked = walk_chunks(pieces, shown, grapheme_starts, |chunk| {
            let piece = chunk.piece;
            let known = (self.by_family.get(&piece.shaped_in))
                .and_then(|known_chunks| known_chunks.get(chunk.text));
            if let Some(advances) = known {
                new.guessed_width_px += advances.iter().sum::<f32>();
                return ControlFlow::Continue(());
            }
            if chunk.chars.len() > MAX_CHUNK_CHARS {
                return ControlFlow::Break(());
            }
            new.guessed_width_px += chunk.chars.len() as f32 * new_char_px;
            if seen.insert((piece.shaped_in, chunk.text.into())) {
                new.pieces.push(match piece.mirrored {
                    // Its one char, shown as the mirrored glyph.
                    Some(_) => piece.clone(),
                    // Inside its phrase a comma or a space is shaped right to left with the
                    // words; alone it is shaped as its own chars say.
                    None => Piece {
                        chars: chunk.chars,
                        bytes: piece.bytes.start + chunk.bytes.start
                            ..piece.bytes.start + chunk.bytes.end,
                        is_rtl_shaped: piece.is_rtl_shaped && is_shaped_right_to_left(chunk.text),
                        ..piece.clone()
                    },
                });
            }
            ControlFlow::Continue(())
        });
        walked.is_continue().then_some(new)
    }

    /// Keeps the advances of every chunk of `pieces` short enough to keep, from `advances`
    /// (each char's advance, as [`Self::advances`] gives them).
    pub(super) fn learn<'t>(
        &mut self,
        pieces: &[Piece],
        shown: impl Fn(&Piece) -> Cow<'t, str>,
        grapheme_starts: &[bool],
        advances: &[f32],
    ) {
        if self.len() > MAX_CHUNKS {
            self.clear();
        }
        let _: ControlFlow<()> = walk_chunks(pieces, shown, grapheme_starts, |chunk| {
            let known_chunks = self.by_family.entry(chunk.piece.shaped_in).or_default();
            if chunk.chars.len() <= MAX_CHUNK_CHARS
                && !known_chunks.contains_key(chunk.text)
                && let Some(widths) = advances.get(chunk.chars)
            {
                known_chunks.insert(chunk.text.into(), widths.into());
            }
            ControlFlow::Continue(())
        });
    }
}

/// What [`PieceWidths::new_words`] found in a paragraph.
pub(super) struct NewWords {
    /// Each chunk not known yet, once, as a piece of its own.
    pub(super) pieces: Vec<Piece>,
    /// The paragraph's width on one line, as far as its known chunks tell.
    pub(super) guessed_width_px: f32,
}

/// One chunk of a piece, as [`walk_chunks`] gives it.
struct Chunk<'a> {
    piece: &'a Piece,
    /// Its text, cut from the piece's shown text.
    text: &'a str,
    /// Paragraph-local chars.
    chars: Range<usize>,
    /// Bytes of the piece's shown text.
    bytes: Range<usize>,
}

/// Calls `each` with every chunk of `pieces` in order (their shown text cut by [`chunks`]),
/// until it breaks.
fn walk_chunks<'t, B>(
    pieces: &[Piece],
    shown: impl Fn(&Piece) -> Cow<'t, str>,
    grapheme_starts: &[bool],
    mut each: impl FnMut(Chunk<'_>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let mut kinds = Kinds::new();
    for piece in pieces {
        let text = shown(piece);
        let starts = grapheme_starts.get(piece.chars.clone()).unwrap_or_default();
        for (chars, bytes) in chunks(&text, starts, &mut kinds) {
            let Some(chunk_text) = text.get(bytes.clone()) else {
                continue;
            };
            each(Chunk {
                piece,
                text: chunk_text,
                chars: piece.chars.start + chars.start..piece.chars.start + chars.end,
                bytes,
            })?;
        }
    }
    ControlFlow::Continue(())
}

/// What a chunk holds: graphemes of one kind.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ChunkKind {
    Space,
    Punctuation,
    Word,
}

impl ChunkKind {
    /// The kind of a grapheme that starts with `c`.
    fn of(c: char) -> Self {
        if c.is_whitespace() {
            Self::Space
        } else if !c.is_alphanumeric() {
            Self::Punctuation
        } else {
            Self::Word
        }
    }
}

/// [`ChunkKind::of`] remembered for the non-ASCII chars seen last, one per slot: a paragraph's
/// letters come from a small alphabet, and Unicode's alphanumeric lookup is a binary search
/// (it was most of the time spent cutting an Arabic paragraph into chunks).
struct Kinds([(char, ChunkKind); 64]);

impl Kinds {
    fn new() -> Self {
        // NUL is neither a space nor alphanumeric: every slot starts out correct.
        Self([('\0', ChunkKind::Punctuation); 64])
    }

    fn of(&mut self, c: char) -> ChunkKind {
        if c.is_ascii() {
            return ChunkKind::of(c);
        }
        let Some(slot) = self.0.get_mut(c as usize % 64) else {
            return ChunkKind::of(c);
        };
        if slot.0 != c {
            *slot = (c, ChunkKind::of(c));
        }
        slot.1
    }
}

/// The chunks of a piece's shown text: runs of graphemes of one [`ChunkKind`], as (chars,
/// bytes) ranges of `text`. `grapheme_starts` is true at each char of `text` that starts a
/// grapheme (the paragraph found them once; segmenting each piece again cost more than the
/// lookups it serves).
fn chunks(
    text: &str,
    grapheme_starts: &[bool],
    kinds: &mut Kinds,
) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>, ChunkKind)> = None;
    for (at_char, (at_byte, c)) in text.char_indices().enumerate() {
        let chars = at_char..at_char + 1;
        let bytes = at_byte..at_byte + c.len_utf8();
        let starts_grapheme = grapheme_starts.get(at_char).copied().unwrap_or(true);
        match &mut open {
            Some((open_chars, open_bytes, kind)) if !starts_grapheme || *kind == kinds.of(c) => {
                open_chars.end = chars.end;
                open_bytes.end = bytes.end;
            }
            _ => {
                if let Some((chars, bytes, _)) = open.take() {
                    out.push((chars, bytes));
                }
                open = Some((chars, bytes, kinds.of(c)));
            }
        }
    }
    out.extend(open.map(|(chars, bytes, _)| (chars, bytes)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::article::bidi::grapheme_starts;

    fn starts(text: &str) -> Vec<bool> {
        grapheme_starts(text, text.chars().count())
    }

    fn piece(chars: Range<usize>, bytes: Range<usize>) -> Piece {
        Piece {
            chars,
            bytes,
            is_rtl_shaped: false,
            is_rtl: false,
            mirrored: None,
            shaped_in: None,
        }
    }

    const AB_CD: &str = "ab cd";

    /// Widths that know `AB_CD`, one piece: a 1, b 2, the space 0.5, c 3, d 4.
    fn ab_cd_learnt() -> PieceWidths {
        let mut widths = PieceWidths::default();
        let shown = |p: &Piece| Cow::Borrowed(&AB_CD[p.bytes.clone()]);
        let measured = [1.0, 2.0, 0.5, 3.0, 4.0];
        widths.learn(&[piece(0..5, 0..5)], shown, &[true; 5], &measured);
        widths
    }

    #[test]
    fn chunks_split_spaces_from_words_and_keep_graphemes_whole() {
        let text = "ab  e\u{301}f g";
        let parts: Vec<&str> = chunks(text, &starts(text), &mut Kinds::new())
            .into_iter()
            .map(|(_, b)| &text[b])
            .collect();
        assert_eq!(parts, ["ab", "  ", "e\u{301}f", " ", "g"]);
        let (chars, _) = &chunks(text, &starts(text), &mut Kinds::new())[2];
        assert_eq!(*chars, 4..7);
        // A phrase's punctuation is a chunk of its own, so "word," is known from "word".
        let phrase = "الوفد، المفاوضات.";
        let parts: Vec<&str> = chunks(phrase, &starts(phrase), &mut Kinds::new())
            .into_iter()
            .map(|(_, b)| &phrase[b])
            .collect();
        assert_eq!(parts, ["الوفد", "،", " ", "المفاوضات", "."]);
    }

    #[test]
    fn remembered_kinds_are_the_kinds() {
        let mut kinds = Kinds::new();
        // Arabic letters, an Arabic comma, Arabic-Indic digits, a no-break space, Hebrew,
        // CJK, and chars 64 apart, which share a slot; twice, so the second pass reads slots.
        let text = "الوفد، ١٤\u{a0}שלום 代表 \u{0621}\u{0661}\u{05d0}\u{0610}\u{0650}";
        for _ in 0..2 {
            for c in text.chars().chain(['\0', ' ', 'a', '.']) {
                assert_eq!(kinds.of(c), ChunkKind::of(c), "{c:?}");
            }
        }
        assert_eq!(kinds.of('\u{0621}'), ChunkKind::Word);
        assert_eq!(kinds.of('،'), ChunkKind::Punctuation);
        assert_eq!(kinds.of('\u{a0}'), ChunkKind::Space);
    }

    #[test]
    fn a_paragraph_of_known_chunks_gets_the_advances_it_was_measured_with() {
        let text = "ab cd";
        let whole = [piece(0..5, 0..5)];
        let shown = |p: &Piece| Cow::Borrowed(&text[p.bytes.clone()]);
        let measured = [1.0, 2.0, 0.5, 3.0, 4.0];
        let mut widths = PieceWidths::default();
        assert_eq!(widths.advances(&whole, shown, &[true; 5], 5), None);
        widths.learn(&whole, shown, &[true; 5], &measured);
        assert_eq!(widths.len(), 3);
        assert_eq!(
            widths.advances(&whole, shown, &[true; 5], 5),
            Some(measured.to_vec())
        );
        // The same words elsewhere, in other pieces.
        let other = "cd ab";
        let pieces = [piece(0..2, 0..2), piece(2..5, 2..5)];
        let shown = |p: &Piece| Cow::Borrowed(&other[p.bytes.clone()]);
        assert_eq!(
            widths.advances(&pieces, shown, &[true; 5], 5),
            Some(vec![3.0, 4.0, 0.5, 1.0, 2.0])
        );
        // An unknown word: nothing.
        let new = "ab ef";
        let shown = |p: &Piece| Cow::Borrowed(&new[p.bytes.clone()]);
        assert_eq!(widths.advances(&whole, shown, &[true; 5], 5), None);
    }

    #[test]
    fn new_words_are_found_once_and_only_they_are_guessed_at() {
        let widths = ab_cd_learnt();
        // "ab" and the spaces are known; "ef" comes twice, "," once, in two pieces.
        let new = "ab ef, ef";
        let pieces = [piece(0..6, 0..6), piece(6..9, 6..9)];
        let shown = |p: &Piece| Cow::Borrowed(&new[p.bytes.clone()]);
        let found = widths.new_words(&pieces, shown, &[true; 9], 10.0).unwrap();
        let words: Vec<&str> = found.pieces.iter().map(|p| &new[p.bytes.clone()]).collect();
        assert_eq!(words, ["ef", ","]);
        assert_eq!(found.pieces[0].chars, 3..5);
        // Known: 1 + 2 + 0.5 + 0.5; new: 5 chars at 10.
        assert!(
            (found.guessed_width_px - 54.0).abs() < 1e-4,
            "{}",
            found.guessed_width_px
        );
        // Too long a new word to keep: measuring the words alone would not help.
        let long = "x".repeat(MAX_CHUNK_CHARS + 1);
        let pieces = [piece(0..long.len(), 0..long.len())];
        let shown = |p: &Piece| Cow::Borrowed(&long[p.bytes.clone()]);
        let starts = vec![true; long.len()];
        assert!(widths.new_words(&pieces, shown, &starts, 10.0).is_none());
    }

    #[test]
    fn a_phrase_in_its_script_font_keeps_its_own_widths() {
        let whole = [piece(0..5, 0..5)];
        let shown = |p: &Piece| Cow::Borrowed(&AB_CD[p.bytes.clone()]);
        let mut widths = ab_cd_learnt();
        // The same text as an Arabic phrase: shaped in the Arabic family, not known yet.
        let phrase = [Piece {
            shaped_in: Some(RightToLeftScript::Arabic),
            ..piece(0..5, 0..5)
        }];
        assert_eq!(widths.advances(&phrase, shown, &[true; 5], 5), None);
        widths.learn(&phrase, shown, &[true; 5], &[1.0, 2.0, 0.75, 3.0, 4.0]);
        assert_eq!(widths.len(), 6);
        assert_eq!(
            widths.advances(&phrase, shown, &[true; 5], 5),
            Some(vec![1.0, 2.0, 0.75, 3.0, 4.0])
        );
        assert_eq!(
            widths.advances(&whole, shown, &[true; 5], 5),
            Some(vec![1.0, 2.0, 0.5, 3.0, 4.0])
        );
    }
}
