//! Right-to-left phrases: a line's pieces with the words of one script, and the spaces and
//! punctuation between them, joined into one piece that the shaper lays out whole, in the
//! script's own font (see the module above, `# Phrases`).
//!
//! A lone word is shaped in that font too, so a word has the same glyphs, and so the same
//! advances, whether it stands alone or in a phrase: the proportional family may draw the
//! script with another font first.

use std::ops::Range;

use super::{BidiParagraph, Piece};
use crate::ui::fonts::RightToLeftScript;

impl BidiParagraph<'_> {
    /// `pieces` (one line's, in visual order) with each right-to-left phrase joined into one
    /// piece shaped in its script: words of one script with the spaces, punctuation and
    /// brackets between and around them, when that script's font draws every char of them
    /// (`covers`; the shaper mirrors the brackets itself). A phrase may be one word. Anything
    /// else (a number, a left-to-right word, a word of another script, a char the font lacks)
    /// ends the phrase and stays as it was, in the paragraph's font.
    #[must_use]
    pub fn join_phrases(
        &self,
        pieces: &[Piece],
        covers: &dyn Fn(RightToLeftScript, char) -> bool,
    ) -> Vec<Piece> {
        let mut out = Vec::with_capacity(pieces.len());
        let mut i = 0;
        while i < pieces.len() {
            let (phrase, script) = self.phrase_at(pieces, i, covers);
            let joined = (phrase.end.checked_sub(1))
                .and_then(|last| Some((pieces.get(phrase.start)?, pieces.get(last)?)));
            match (script, joined) {
                (Some(script), Some((first, last))) => {
                    // Visual order is logical order reversed inside a right-to-left run.
                    out.push(Piece {
                        chars: last.chars.start..first.chars.end,
                        bytes: last.bytes.start..first.bytes.end,
                        is_rtl_shaped: true,
                        is_rtl: true,
                        mirrored: None,
                        shaped_in: Some(script),
                    });
                    i = phrase.end;
                }
                _ => {
                    out.extend(
                        pieces
                            .get(i..phrase.end.max(i + 1))
                            .unwrap_or_default()
                            .iter()
                            .cloned(),
                    );
                    i = phrase.end.max(i + 1);
                }
            }
        }
        out
    }

    /// The phrase that starts at `pieces[start]` (a range of `pieces`) and its script, `None`
    /// if it holds no word. Each next piece must end where the one before starts (one
    /// right-to-left run) and be a word of the phrase's script or something between words
    /// that its font draws; gaps before the first word are kept if that font draws them.
    fn phrase_at(
        &self,
        pieces: &[Piece],
        start: usize,
        covers: &dyn Fn(RightToLeftScript, char) -> bool,
    ) -> (Range<usize>, Option<RightToLeftScript>) {
        let mut script = None;
        let mut end = start;
        while let Some(piece) = pieces.get(end) {
            if end > start && piece.chars.end != pieces[end - 1].chars.start {
                break;
            }
            match (self.word_script(piece, covers), script) {
                (Some(word), None) => {
                    // The gaps before it must be in its font too: if one is not, it and
                    // those before it stay as they are (the caller emits them).
                    if let Some(k) = (start..end)
                        .rev()
                        .find(|&k| !self.is_between_words(&pieces[k], word, covers))
                    {
                        return (start..k + 1, None);
                    }
                    script = Some(word);
                }
                (Some(word), Some(phrase)) if word == phrase => {}
                (None, Some(phrase)) if self.is_between_words(piece, phrase, covers) => {}
                (None, None) if self.is_gap(piece) => {}
                (Some(_) | None, _) => break,
            }
            end += 1;
        }
        match script {
            Some(script) => (start..end, Some(script)),
            // No word: the gaps up to `end` are settled (and the first piece at least).
            None => (start..end.max(start + 1), None),
        }
    }

    /// The script of a right-to-left word its script's font draws whole.
    fn word_script(
        &self,
        piece: &Piece,
        covers: &dyn Fn(RightToLeftScript, char) -> bool,
    ) -> Option<RightToLeftScript> {
        if !piece.is_rtl || !piece.is_rtl_shaped || piece.mirrored.is_some() {
            return None;
        }
        let text = self.text.get(piece.bytes.clone())?;
        // A word is letters with their marks: its first char is a letter. A letter of
        // another script in it is one the font does not cover.
        let script = RightToLeftScript::of(text.chars().next()?)?;
        text.chars().all(|c| covers(script, c)).then_some(script)
    }

    /// A right-to-left space, punctuation or bracket: what stands between words.
    fn is_gap(&self, piece: &Piece) -> bool {
        piece.is_rtl
            && self.text.get(piece.bytes.clone()).is_some_and(|text| {
                text.chars()
                    .all(|c| !c.is_alphanumeric() && !c.is_control())
            })
    }

    /// A gap that `script`'s font draws, mirrored too if it is a bracket.
    fn is_between_words(
        &self,
        piece: &Piece,
        script: RightToLeftScript,
        covers: &dyn Fn(RightToLeftScript, char) -> bool,
    ) -> bool {
        self.is_gap(piece)
            && piece.mirrored.is_none_or(|m| covers(script, m))
            && self
                .text
                .get(piece.bytes.clone())
                .is_some_and(|text| text.chars().all(|c| covers(script, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::article::bidi::tests::{MIXED_WORDS, shown_texts};
    use crate::ui::article::bidi::{pieces_visual_order, visual_order};

    fn phrases_text(text: &str, covers: &dyn Fn(RightToLeftScript, char) -> bool) -> Vec<String> {
        let p = BidiParagraph::new(text);
        let pieces = p.line_pieces(0..p.len_chars());
        shown_texts(text, p.join_phrases(&pieces, covers))
    }

    #[test]
    fn a_right_to_left_phrase_is_one_piece_where_its_font_draws_it_all() {
        let all = |_: RightToLeftScript, _: char| true;
        assert_eq!(
            phrases_text("التقى الوفدان مجددًا", &all),
            ["التقى الوفدان مجددًا"]
        );
        // Punctuation and brackets join (the shaper mirrors brackets), between words and
        // around them; a number does not.
        assert_eq!(
            phrases_text("الوفد، المفاوضات.", &all),
            ["الوفد، المفاوضات."]
        );
        assert_eq!(
            phrases_text("«قال الوفد» 2025 إن", &all),
            [" إن", "2025", "«قال الوفد» "]
        );
        // Words of two scripts are two phrases; the space between goes with the first.
        assert_eq!(
            phrases_text("שלום עולם مرحبا بكم", &all),
            [" مرحبا بكم", "שלום עולם"]
        );
        // A bracket whose mirror the font lacks stays apart, mirrored by us.
        let no_close = |_: RightToLeftScript, c: char| c != ')';
        assert_eq!(
            phrases_text("(السلام) الآن", &no_close),
            [" الآن", "(", "السلام", ")"]
        );
        // A char the font lacks ends the phrase: here the space.
        let no_space = |_: RightToLeftScript, c: char| c != ' ';
        assert_eq!(
            phrases_text("التقى الوفدان", &no_space),
            ["الوفدان", " ", "التقى"]
        );
        // Left-to-right text is never joined.
        assert_eq!(
            phrases_text("Talks in الدوحة resumed", &all),
            ["Talks in ", "الدوحة", " resumed"]
        );
    }

    #[test]
    fn every_word_its_font_draws_is_shaped_in_its_script() {
        let text = "(السلام) الآن";
        let p = BidiParagraph::new(text);
        let no_close = |_: RightToLeftScript, c: char| c != ')';
        let joined = p.join_phrases(&p.line_pieces(0..p.len_chars()), &no_close);
        let shaped_in: Vec<(&str, Option<RightToLeftScript>)> = (joined.iter())
            .map(|piece| (&text[piece.bytes.clone()], piece.shaped_in))
            .collect();
        let arabic = Some(RightToLeftScript::Arabic);
        assert_eq!(
            shaped_in,
            [
                (" الآن", arabic),
                (")", None),
                ("السلام", arabic),
                ("(", None)
            ]
        );
    }

    proptest::proptest! {
        /// Joining phrases changes how many sections egui shapes, never what reads where: the
        /// joined pieces, each shaped right to left if it is, give the same visual order.
        #[test]
        fn joined_phrases_read_in_the_same_visual_order(
            words in proptest::collection::vec(proptest::sample::select(MIXED_WORDS), 1..30),
            cut in 0usize..200,
        ) {
            let text = words.concat();
            let p = BidiParagraph::new(&text);
            let n = p.len_chars();
            let cut = cut % (n + 1);
            let all = |_: RightToLeftScript, _: char| true;
            for line in [0..cut, cut..n] {
                let joined = p.join_phrases(&p.line_pieces(line.clone()), &all);
                let order = pieces_visual_order(&p, &joined);
                proptest::prop_assert_eq!(order, visual_order(&p, line));
            }
        }
    }
}
