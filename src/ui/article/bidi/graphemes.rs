//! Where graphemes start, as a flag per char: what the bidi pass cuts pieces at, the line
//! breaker cuts an overlong word at, and the view maps boxes by.

use unicode_segmentation::UnicodeSegmentation;

/// True at each char that starts a grapheme.
///
/// Between two ASCII chars there is always a grapheme boundary (UAX #29), except inside
/// CR LF: no ASCII char extends, joins or prepends to another. So the text is cut at those
/// boundaries and only the stretches around other chars are segmented: an English paragraph
/// with one Arabic name costs about its name, not a segmenter pass over every letter.
pub fn grapheme_starts(text: &str, len: usize) -> Vec<bool> {
    let mut starts = vec![false; len];
    // The stretch not yet segmented: its first byte and first char.
    let (mut open_byte, mut open_char) = (0, 0);
    let mut previous: Option<u8> = None;
    for (at_char, (at_byte, c)) in text.char_indices().enumerate() {
        let is_certain_boundary =
            previous.is_some_and(|p| c.is_ascii() && !(p == b'\r' && c == '\n'));
        if is_certain_boundary {
            mark_graphemes(
                text.get(open_byte..at_byte).unwrap_or_default(),
                open_char,
                &mut starts,
            );
            (open_byte, open_char) = (at_byte, at_char);
        }
        previous = u8::try_from(c).ok().filter(u8::is_ascii);
    }
    mark_graphemes(
        text.get(open_byte..).unwrap_or_default(),
        open_char,
        &mut starts,
    );
    starts
}

/// Marks where the graphemes of `stretch` start, its first char being `first_char`.
fn mark_graphemes(stretch: &str, first_char: usize, starts: &mut [bool]) {
    if stretch.len() == 1 {
        if let Some(s) = starts.get_mut(first_char) {
            *s = true;
        }
        return;
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

    proptest::proptest! {
        /// Cutting at the boundaries between ASCII chars finds the segmenter's graphemes.
        #[test]
        fn grapheme_starts_are_the_segmenters(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", " ", "\r", "\n", "\r\n", "#", "1", "e\u{301}", "\u{301}", "\u{200D}",
                    "👩\u{200D}💻", "🇺🇦", "🇺", "#\u{FE0F}\u{20E3}", "مجددًا", "ש", "한", "\u{1100}",
                    "\u{1161}", "क्षि", "\u{0600}", "ok", "\u{FE0F}",
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
