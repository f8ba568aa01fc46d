//! Where graphemes start, as a flag per char: what the bidi pass cuts pieces at, the line
//! breaker cuts an overlong word at, and the view maps boxes by.

use unicode_segmentation::UnicodeSegmentation;

/// True at each char that starts a grapheme.
///
/// Between two ASCII chars there is always a grapheme boundary (UAX #29), except inside
/// CR LF: no ASCII char extends, joins or prepends to another. So the text is cut at those
/// boundaries and only the stretches around other chars are segmented: an English paragraph
/// with one Arabic name costs about its name, not a segmenter pass over every letter. The
/// same holds before the plain chars of Arabic and Hebrew (letters, digits, punctuation)
/// after any char of those blocks but the few Prepend signs ([`starts_a_grapheme_after`]):
/// an Arabic or Hebrew paragraph is checked char by char against a few ranges, and only the
/// stretches around marks, joiners, emoji or other scripts go through the segmenter.
pub fn grapheme_starts(text: &str, len: usize) -> Vec<bool> {
    let mut starts = vec![false; len];
    // The stretch not yet segmented: its first byte and first char.
    let (mut open_byte, mut open_char) = (0, 0);
    let mut previous: Option<char> = None;
    for (at_char, (at_byte, c)) in text.char_indices().enumerate() {
        if previous.is_some_and(|p| starts_a_grapheme_after(p, c)) {
            mark_graphemes(
                text.get(open_byte..at_byte).unwrap_or_default(),
                open_char,
                &mut starts,
            );
            (open_byte, open_char) = (at_byte, at_char);
        }
        previous = Some(c);
    }
    mark_graphemes(
        text.get(open_byte..).unwrap_or_default(),
        open_char,
        &mut starts,
    );
    starts
}

/// True if a grapheme certainly starts at `c` after `previous`, whatever came before
/// `previous`. `c` is ASCII or a plain Arabic or Hebrew char (a letter, digit or punctuation
/// mark, grapheme class Other): no rule of UAX #29 joins such a char to the one before but
/// GB3 (CR LF) and GB9b (after a Prepend char); the emoji, regional-indicator and Indic
/// conjunct rules need `c` to be of a class it is not. So `previous` must be ASCII (and not
/// CR before LF) or a char of the Hebrew or Arabic block that is not Prepend. A mark or
/// joiner after `c` is left to the segmenter.
fn starts_a_grapheme_after(previous: char, c: char) -> bool {
    let is_not_prepend = |p: char| {
        p.is_ascii()
            || matches!(u32::from(p),
                // Hebrew: no Prepend char. Arabic: all but U+0600–0605 and U+06DD.
                0x0591..=0x05F4 | 0x0606..=0x06DC | 0x06DE..=0x06FF)
    };
    let is_never_joined_to_what_precedes = |c: char| {
        c.is_ascii()
            || matches!(u32::from(c),
                // Hebrew letters and punctuation.
                0x05D0..=0x05EA | 0x05EF..=0x05F4
                // Arabic comma, semicolon, question mark; letters; digits and signs.
                | 0x060C | 0x061B | 0x061F | 0x0620..=0x064A | 0x0660..=0x066F
                | 0x0671..=0x06D5 | 0x06E5..=0x06E6 | 0x06EE..=0x06FF)
    };
    is_never_joined_to_what_precedes(c)
        && is_not_prepend(previous)
        && !(previous == '\r' && c == '\n')
}

/// Marks where the graphemes of `stretch` start, its first char being `first_char`.
fn mark_graphemes(stretch: &str, first_char: usize, starts: &mut [bool]) {
    // One char is one grapheme: most stretches, cut at the certain boundaries.
    let mut chars = stretch.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return,
        (Some(_), None) => {
            if let Some(s) = starts.get_mut(first_char) {
                *s = true;
            }
            return;
        }
        (Some(_), Some(_)) => {}
    }
    let mut at = first_char;
    for grapheme in stretch.graphemes(true) {
        if let Some(s) = starts.get_mut(at) {
            *s = true;
        }
        at += grapheme.chars().count();
    }
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::grapheme_starts;

    /// Every char's grapheme start as the segmenter finds it over the whole text.
    fn segmented(text: &str) -> Vec<bool> {
        let mut starts = vec![false; text.chars().count()];
        let mut at = 0;
        for grapheme in text.graphemes(true) {
            starts[at] = true;
            at += grapheme.chars().count();
        }
        starts
    }

    /// The certain boundaries are the segmenter's: every pair the rule calls certain among
    /// ASCII, Hebrew and Arabic chars, alone and after a Prepend char, a ZWJ, a regional
    /// indicator and an Indic consonant with its virama.
    #[test]
    fn certain_boundaries_before_right_to_left_letters_are_the_segmenters() {
        let candidates = (0u32..0x80)
            .chain(0x0590..0x0700)
            .filter_map(char::from_u32);
        let candidates: Vec<char> = candidates.collect();
        let mut certain = 0;
        for &p in &candidates {
            for &c in &candidates {
                if !super::starts_a_grapheme_after(p, c) {
                    continue;
                }
                certain += 1;
                for before in ["", "\u{0600}", "\u{200D}", "🇺", "\u{0915}\u{094D}"] {
                    let text = format!("{before}{p}{c}");
                    assert_eq!(
                        grapheme_starts(&text, text.chars().count()),
                        segmented(&text),
                        "{text:?}"
                    );
                }
            }
        }
        // The rule covers what it is for: letters of both scripts after letters, spaces,
        // marks and digits (the old rule, ASCII after ASCII alone, had 16,383 pairs).
        for (p, c) in [
            ('ل', 'ا'),
            ('ש', 'ל'),
            (' ', 'ب'),
            ('ب', ' '),
            ('\u{064B}', 'ب'),
            ('١', '٢'),
        ] {
            assert!(super::starts_a_grapheme_after(p, c), "{p:?} {c:?}");
        }
        assert!(certain > 140_000, "{certain}");
    }

    proptest::proptest! {
        /// Cutting at the certain boundaries finds the segmenter's graphemes.
        #[test]
        fn grapheme_starts_are_the_segmenters(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", " ", "\r", "\n", "\r\n", "#", "1", "e\u{301}", "\u{301}", "\u{200D}",
                    "👩\u{200D}💻", "🇺🇦", "🇺", "#\u{FE0F}\u{20E3}", "مجددًا", "ש", "한", "\u{1100}",
                    "\u{1161}", "क्षि", "\u{0600}", "ok", "\u{FE0F}", "\u{06DD}", "بً", "\u{200C}",
                    "\u{0651}", "נּ",
                ]),
                0..40,
            ),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(
                grapheme_starts(&text, text.chars().count()),
                segmented(&text)
            );
        }
    }
}
