//! The Unicode Bidirectional Algorithm (UAX #9) for one paragraph: its base direction, and
//! each line cut into *pieces* in visual order, ready to be laid out left to right.
//!
//! # Why pieces
//! egui 0.37 lays text out left to right in storage order. Its shaper (harfrust) guesses each
//! font run's direction from its script, so an Arabic or Hebrew *word* comes out right to left,
//! but the words of a right-to-left sentence stay in storage order. So the article hands egui
//! each line already in visual order, cut into pieces:
//!
//! - in a right-to-left run, each maximal group of right-to-left letters (bidi class R or AL,
//!   with their marks and joiners) is one piece, which the shaper draws right to left with its
//!   letters joined; every other grapheme (a space, a digit, a bracket) is a piece of its own,
//!   mirrored if it is a bracket; the run's pieces are listed last to first;
//! - in a left-to-right run, the text is one piece, except graphemes of a right-to-left script
//!   (Arabic-Indic digits), which the shaper would otherwise reverse: each is a piece of its own.
//!
//! Every piece knows its logical char range, so the view maps glyphs back to the text itself
//! (see `text_map`) and never trusts egui's glyph-to-char mapping for right-to-left clusters.
//!
//! # Phrases
//! Each piece is an egui section, and each section one or more calls to the shaper, which
//! compiles its shaping plan each time: a line of Arabic cut at every space cost about five
//! times a line of English. The space is cut out because egui takes it from the first font of
//! the family (a Latin one) and would lay that font's run out after the Arabic one, in storage
//! order. So, where the script's own font draws every char of it, a right-to-left *phrase*
//! (words of one script and the spaces and punctuation between them, `BidiParagraph::join_phrases`)
//! is one piece, shaped in a family that starts with that font ([`Piece::shaped_in`]): the
//! shaper lays the whole phrase out right to left.

use std::ops::Range;

use unicode_bidi::{BidiClass, ParagraphBidiInfo};

use crate::ui::fonts::RightToLeftScript;

mod classes;
mod graphemes;
mod line_order;
mod phrases;

use classes::{TableClasses, class_of};
pub(super) use graphemes::grapheme_starts;

/// A stretch of one line that egui shapes as a unit, in visual order among its line's pieces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Paragraph-local chars, in logical order.
    pub chars: Range<usize>,
    /// The same range in bytes of the paragraph's text.
    pub bytes: Range<usize>,
    /// The shaper draws it right to left (it is in a right-to-left script).
    pub is_rtl_shaped: bool,
    /// Its resolved bidi level is odd (it reads right to left).
    pub is_rtl: bool,
    /// The glyph to draw instead of its single char: a bracket mirrored in right-to-left text.
    pub mirrored: Option<char>,
    /// Shaped in the family that starts with this script's font (`fonts::script_family`): a
    /// right-to-left word, or a phrase (words and what stands between them) shaped as one run.
    /// `None`: shaped in the paragraph's font.
    pub shaped_in: Option<RightToLeftScript>,
}

/// True if `text` needs the bidi pass: it holds a right-to-left char or a directional
/// control. A left-to-right paragraph is laid out as before, by egui alone.
#[must_use]
pub fn needs_bidi(text: &str) -> bool {
    // Below U+0590 (Hebrew) no char is right to left or a directional control: most text
    // is answered without a table lookup per char.
    !text.is_ascii()
        && text
            .chars()
            .any(|c| c >= '\u{0590}' && is_right_to_left_or_control(class_of(c)))
}

/// A class that reads right to left (R, AL, AN) or is a directional control.
fn is_right_to_left_or_control(class: BidiClass) -> bool {
    matches!(
        class,
        BidiClass::R
            | BidiClass::AL
            | BidiClass::AN
            | BidiClass::RLE
            | BidiClass::RLO
            | BidiClass::RLI
            | BidiClass::FSI
            | BidiClass::LRE
            | BidiClass::LRO
            | BidiClass::LRI
    )
}

/// True if `text`'s first strong character is right to left (UAX #9 rules P2–P3).
#[must_use]
pub fn is_rtl_paragraph(text: &str) -> bool {
    needs_bidi(text)
        && ParagraphBidiInfo::new_with_data_source(&TableClasses, text, None)
            .paragraph_level
            .is_rtl()
}

/// Letters the shaper joins and draws right to left.
fn joins_right_to_left(c: char) -> bool {
    matches!(class_of(c), BidiClass::R | BidiClass::AL)
}

/// A char of a right-to-left script, which the shaper draws right to left whatever its bidi
/// class (Arabic-Indic digits are numbers, but of the Arabic script).
fn is_rtl_script(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Whether the shaper lays `text` out right to left when it is shaped alone: harfrust (through
/// egui) takes a run's direction from the script of its first char that has one, and a run of
/// spaces, punctuation or digits with no script is laid out left to right.
pub(super) fn is_shaped_right_to_left(text: &str) -> bool {
    use unicode_script::{Script, UnicodeScript};
    text.chars()
        .find(|c| {
            !matches!(
                c.script(),
                Script::Common | Script::Inherited | Script::Unknown
            )
        })
        .is_some_and(is_rtl_script)
}

/// The mirrored form of a paired punctuation char (Bidi_Mirroring_Glyph) for right-to-left
/// runs, for the pairs news text uses.
#[must_use]
pub fn mirror(c: char) -> Option<char> {
    const PAIRS: [(char, char); 16] = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('⁅', '⁆'),
        ('⁽', '⁾'),
        ('₍', '₎'),
        ('≤', '≥'),
        ('〈', '〉'),
        ('⟨', '⟩'),
        ('《', '》'),
        ('「', '」'),
        ('『', '』'),
        ('【', '】'),
    ];
    PAIRS.iter().find_map(|&(open, close)| {
        if c == open {
            Some(close)
        } else if c == close {
            Some(open)
        } else {
            None
        }
    })
}

/// One paragraph's bidi analysis, kept while its lines are cut into pieces.
pub struct BidiParagraph<'a> {
    text: &'a str,
    info: ParagraphBidiInfo<'a>,
    /// Byte offset of every char, and the text's length last: byte → char by binary search.
    char_bytes: Vec<usize>,
    /// True at each char that starts a grapheme: found once, for the pieces of every line.
    grapheme_starts: Vec<bool>,
}

impl<'a> BidiParagraph<'a> {
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let info = ParagraphBidiInfo::new_with_data_source(&TableClasses, text, None);
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_bytes.push(text.len());
        let grapheme_starts = grapheme_starts(text, char_bytes.len() - 1);
        Self {
            text,
            info,
            char_bytes,
            grapheme_starts,
        }
    }

    /// True at each char that starts a grapheme.
    #[must_use]
    pub fn grapheme_starts(&self) -> &[bool] {
        &self.grapheme_starts
    }

    /// The graphemes of the bytes `range` (which end at a grapheme's end), each with its
    /// first byte, as `str::grapheme_indices` gives them but from the starts found once.
    fn graphemes_in(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &'a str)> {
        let text = self.text;
        let first_char = self.char_of(range.start);
        let starts = self.grapheme_starts.get(first_char..).unwrap_or_default();
        // A run that cuts a grapheme (explicit embeddings can) starts one of its own there,
        // as `grapheme_indices` over the run's text would.
        let mut cuts = (text.get(range.clone()).unwrap_or_default().char_indices())
            .zip(starts)
            .filter(|&((at, _), &starts)| starts || at == 0)
            .map(move |((at, _), _)| range.start + at)
            .chain([range.end])
            .peekable();
        std::iter::from_fn(move || {
            let start = cuts.next()?;
            let end = *cuts.peek()?;
            Some((start, text.get(start..end).unwrap_or_default()))
        })
    }

    /// The base direction, from the first strong character.
    #[must_use]
    pub fn is_rtl(&self) -> bool {
        self.info.paragraph_level.is_rtl()
    }

    #[must_use]
    pub fn len_chars(&self) -> usize {
        self.char_bytes.len() - 1
    }

    /// Byte offset of a paragraph-local char offset (the length for the end).
    #[must_use]
    pub fn byte_of(&self, offset_chars: usize) -> usize {
        self.char_bytes
            .get(offset_chars)
            .copied()
            .unwrap_or(self.text.len())
    }

    fn char_of(&self, offset_bytes: usize) -> usize {
        self.char_bytes.partition_point(|&b| b < offset_bytes)
    }

    /// The pieces of the line holding chars `line`, in visual order (left to right).
    #[must_use]
    pub fn line_pieces(&self, line: Range<usize>) -> Vec<Piece> {
        let bytes = self.byte_of(line.start)..self.byte_of(line.end);
        let mut pieces = Vec::new();
        if bytes.is_empty() {
            return pieces;
        }
        let line_start = bytes.start;
        let (levels, runs) = line_order::visual_runs(&self.info, bytes);
        for run in runs {
            let is_rtl = levels
                .get(run.start - line_start)
                .is_some_and(unicode_bidi::Level::is_rtl);
            let first = pieces.len();
            self.run_pieces(run, is_rtl, &mut pieces);
            if is_rtl {
                pieces[first..].reverse();
            }
        }
        pieces
    }

    /// The pieces of one level run, in logical order.
    fn run_pieces(&self, run: Range<usize>, is_rtl: bool, out: &mut Vec<Piece>) {
        // The piece being grown: its byte range and whether it is right-to-left shaped.
        let mut open: Option<(Range<usize>, bool)> = None;
        for (start, grapheme) in self.graphemes_in(run.clone()) {
            let range = start..start + grapheme.len();
            let Some(first) = grapheme.chars().next() else {
                continue;
            };
            // Graphemes that join a growing piece, and which kind of piece that is.
            let groups = if is_rtl {
                joins_right_to_left(first).then_some(true)
            } else {
                (!is_rtl_script(first)).then_some(false)
            };
            match (&mut open, groups) {
                (Some((open_range, kind)), Some(grouped)) if *kind == grouped => {
                    open_range.end = range.end;
                }
                (_, Some(grouped)) => {
                    if let Some((done, kind)) = open.take() {
                        out.push(self.piece(done, kind, is_rtl));
                    }
                    open = Some((range, grouped));
                }
                (_, None) => {
                    if let Some((done, kind)) = open.take() {
                        out.push(self.piece(done, kind, is_rtl));
                    }
                    out.push(self.piece(range, is_rtl_script(first), is_rtl));
                }
            }
        }
        if let Some((done, kind)) = open {
            out.push(self.piece(done, kind, is_rtl));
        }
    }

    fn piece(&self, bytes: Range<usize>, is_rtl_shaped: bool, is_rtl: bool) -> Piece {
        let text = self.text.get(bytes.clone()).unwrap_or_default();
        let mut chars = text.chars();
        let mirrored = match (chars.next(), chars.next()) {
            (Some(c), None) if is_rtl && !is_rtl_shaped => mirror(c),
            _ => None,
        };
        Piece {
            chars: self.char_of(bytes.start)..self.char_of(bytes.end),
            bytes,
            is_rtl_shaped,
            is_rtl,
            mirrored,
            shaped_in: None,
        }
    }
}

/// The paragraph-local chars of `pieces` (a line's, in visual order) as they read from left to
/// right: each grapheme's chars kept in logical order, the graphemes of a right-to-left shaped
/// piece reversed, as the shaper draws them.
#[cfg(test)]
pub(super) fn pieces_visual_order(paragraph: &BidiParagraph<'_>, pieces: &[Piece]) -> Vec<usize> {
    let mut order = Vec::new();
    for piece in pieces {
        let mut at = piece.chars.start;
        let mut graphemes: Vec<Range<usize>> = (paragraph.graphemes_in(piece.bytes.clone()))
            .map(|(_, grapheme)| {
                let chars = at..at + grapheme.chars().count();
                at = chars.end;
                chars
            })
            .collect();
        if piece.is_rtl_shaped {
            graphemes.reverse();
        }
        order.extend(graphemes.into_iter().flatten());
    }
    order
}

/// The paragraph-local chars of `line` in visual order (left to right).
#[cfg(test)]
pub(super) fn visual_order(paragraph: &BidiParagraph<'_>, line: Range<usize>) -> Vec<usize> {
    pieces_visual_order(paragraph, &paragraph.line_pieces(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_shaped_alone_take_the_direction_of_their_first_script() {
        for rtl in ["الوفد", "١٤", "שלום", "«الوفد»", "، الوفد"] {
            assert!(is_shaped_right_to_left(rtl), "{rtl}");
        }
        for ltr in ["%.", " ", "،", ".»", "Geneva", "2025", "Geneva الوفد"] {
            assert!(!is_shaped_right_to_left(ltr), "{ltr}");
        }
    }

    #[test]
    fn no_char_below_hebrew_needs_the_bidi_pass() {
        let below: String = (1..0x0590u32).filter_map(char::from_u32).collect();
        assert!(!needs_bidi(&below));
        assert!(
            (1..0x0590u32)
                .filter_map(char::from_u32)
                .all(|c| !is_right_to_left_or_control(class_of(c)))
        );
        assert!(needs_bidi("café \u{05D0}"));
        assert!(needs_bidi("a\u{2067}b"));
    }

    /// What each piece shows: its text, or its mirrored bracket.
    pub(super) fn shown_texts(text: &str, pieces: Vec<Piece>) -> Vec<String> {
        (pieces.into_iter())
            .map(|piece| match piece.mirrored {
                Some(m) => m.to_string(),
                None => text[piece.bytes].to_owned(),
            })
            .collect()
    }

    /// Words, spaces, digits and brackets of mixed-direction text, for property tests.
    pub(super) const MIXED_WORDS: &[&str] = &[
        "التقى",
        "مجددًا",
        "שלום",
        "עולם",
        "talks",
        "Geneva",
        "2025",
        "١٩٤٨",
        " ",
        " ",
        ". ",
        "(",
        ")",
        "«",
        "»",
        "می\u{200C}خواهم",
        "، ",
        "-",
        "é\u{301}",
    ];

    /// `text`'s chars in the order they read on screen from left to right, as one line.
    fn visual_string(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let paragraph = BidiParagraph::new(text);
        (visual_order(&paragraph, 0..chars.len()).into_iter())
            .map(|at| chars[at])
            .collect()
    }

    fn pieces_text(text: &str) -> Vec<String> {
        let p = BidiParagraph::new(text);
        shown_texts(text, p.line_pieces(0..p.len_chars()))
    }

    #[test]
    fn base_direction_comes_from_the_first_strong_character() {
        assert!(is_rtl_paragraph("التقى الوفدان in Geneva"));
        assert!(is_rtl_paragraph("2024: שלום"));
        assert!(!is_rtl_paragraph("Talks in الدوحة resumed"));
        assert!(!is_rtl_paragraph("Talks resumed"));
        assert!(!is_rtl_paragraph("123 ..."));
    }

    #[test]
    fn right_to_left_words_come_last_to_first() {
        assert_eq!(
            pieces_text("التقى الوفدان مجددًا"),
            ["مجددًا", " ", "الوفدان", " ", "التقى"]
        );
        // Hebrew: the same; the punctuation at the logical end shows at the left.
        assert_eq!(pieces_text("שלום עולם."), [".", "עולם", " ", "שלום"]);
    }

    #[test]
    fn left_to_right_names_and_numbers_keep_their_order_inside() {
        assert_eq!(
            pieces_text("قال Donald Trump إن 2025"),
            ["2025", " ", "إن", " ", "Donald Trump", " ", "قال"]
        );
        // An Arabic name in an English sentence: only the name's words swap.
        assert_eq!(
            pieces_text("Talks in الدوحة القطرية resumed"),
            ["Talks in ", "القطرية", " ", "الدوحة", " resumed"]
        );
    }

    #[test]
    fn brackets_mirror_and_arabic_indic_digits_read_left_to_right() {
        assert_eq!(pieces_text("(السلام)"), ["(", "السلام", ")"]);
        let pieces = pieces_text("العام ١٩٤٨");
        assert_eq!(pieces, ["١", "٩", "٤", "٨", " ", "العام"]);
    }

    #[test]
    fn visual_order_is_a_permutation_that_reverses_right_to_left_words() {
        let text = "אבג def";
        let p = BidiParagraph::new(text);
        // Visually: "def" on the left, then the space, then the Hebrew word reversed.
        assert_eq!(visual_order(&p, 0..7), [4, 5, 6, 3, 2, 1, 0]);
        assert_eq!(visual_string("abc אבג"), "abc גבא");
    }

    #[test]
    fn marks_stay_with_their_letter() {
        let text = "مجددًا";
        let p = BidiParagraph::new(text);
        let order = visual_order(&p, 0..p.len_chars());
        // The tanween (U+064B) follows its dal in the visual order too.
        let fathatan = text.chars().position(|c| c == '\u{64B}').unwrap_or(0);
        let at = order.iter().position(|&c| c == fathatan).unwrap_or(0);
        assert_eq!(order[at - 1], fathatan - 1);
    }

    proptest::proptest! {
        /// Logical → visual → logical is the identity for every line of mixed text.
        #[test]
        fn visual_order_round_trips(
            words in proptest::collection::vec(proptest::sample::select(MIXED_WORDS), 1..30),
            cut in 0usize..200,
        ) {
            let text = words.concat();
            let p = BidiParagraph::new(&text);
            let n = p.len_chars();
            let cut = cut % (n + 1);
            for line in [0..cut, cut..n] {
                let order = visual_order(&p, line.clone());
                let mut sorted = order.clone();
                sorted.sort_unstable();
                proptest::prop_assert_eq!(sorted, line.clone().collect::<Vec<_>>());
                let mut logical_to_visual = vec![usize::MAX; n];
                for (visual, &logical) in order.iter().enumerate() {
                    logical_to_visual[logical] = visual;
                }
                for logical in line {
                    proptest::prop_assert_eq!(order[logical_to_visual[logical]], logical);
                }
            }
        }
    }
}
