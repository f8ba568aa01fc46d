//! Line breaking for paragraphs the article lays out itself (bidi text): break opportunities
//! from UAX #14 (ICU4X's line segmenter), filled greedily by logical order, as UAX #9 asks:
//! lines are found in logical order first, then each is reordered for display.

use std::ops::Range;

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;

/// The lines of a paragraph as paragraph-local char ranges that cover it.
///
/// `widths_px[i]` is char `i`'s advance (a grapheme's width on its first char);
/// `grapheme_starts` marks where a line may be cut inside a word too long for a line.
#[must_use]
pub fn break_lines(
    text: &str,
    widths_px: &[f32],
    grapheme_starts: &[bool],
    max_width_px: f32,
) -> Vec<Range<usize>> {
    let n = widths_px.len();
    let segmenter = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
    let mut char_of_byte = text.char_indices().map(|(b, _)| b).enumerate().peekable();
    // Break opportunities as char offsets, rising, ending with `n`.
    let mut breaks: Vec<usize> = Vec::new();
    for byte in segmenter.segment_str(text) {
        let mut at = n;
        while let Some(&(i, b)) = char_of_byte.peek() {
            if b >= byte {
                at = i;
                break;
            }
            char_of_byte.next();
        }
        if at > 0 && breaks.last() != Some(&at) {
            breaks.push(at);
        }
    }
    if breaks.last() != Some(&n) {
        breaks.push(n);
    }
    let chars: Vec<char> = text.chars().collect();
    let is_space = |i: usize| chars.get(i).is_some_and(|c| c.is_whitespace());
    let width =
        |range: Range<usize>| -> f32 { widths_px.get(range).unwrap_or_default().iter().sum() };

    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_px = 0.0;
    let mut unit_start = 0;
    for unit_end in breaks {
        let trailing = (unit_start..unit_end)
            .rev()
            .take_while(|&i| is_space(i))
            .count();
        let visible_px = width(unit_start..unit_end - trailing);
        if line_start < unit_start && line_px + visible_px > max_width_px {
            lines.push(line_start..unit_start);
            line_start = unit_start;
            line_px = 0.0;
        }
        if line_start == unit_start && visible_px > max_width_px {
            // A word wider than the line: cut it between graphemes.
            for i in unit_start..unit_end - trailing {
                let is_cut = grapheme_starts.get(i).copied().unwrap_or(true);
                let w = widths_px.get(i).copied().unwrap_or(0.0);
                if is_cut && i > line_start && line_px + w > max_width_px {
                    lines.push(line_start..i);
                    line_start = i;
                    line_px = 0.0;
                }
                line_px += w;
            }
            line_px += width(unit_end - trailing..unit_end);
        } else {
            line_px += width(unit_start..unit_end);
        }
        unit_start = unit_end;
    }
    if line_start < n || lines.is_empty() {
        lines.push(line_start..n);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str, max: f32) -> Vec<String> {
        let n = text.chars().count();
        let widths = vec![1.0; n];
        let starts = vec![true; n];
        let chars: Vec<char> = text.chars().collect();
        break_lines(text, &widths, &starts, max)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn fills_lines_greedily_at_spaces_leaving_spaces_at_line_ends() {
        assert_eq!(
            lines_of("التقى الوفدان مجددًا يوم", 14.0),
            ["التقى الوفدان ", "مجددًا يوم"]
        );
        assert_eq!(lines_of("short", 40.0), ["short"]);
        // Trailing spaces never push a word to the next line.
        assert_eq!(lines_of("ab cd   ", 5.0), ["ab cd   "]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        assert_eq!(lines_of("abcdefgh ij", 3.0), ["abc", "def", "gh ", "ij"]);
    }

    #[test]
    fn covers_the_text_exactly() {
        for max in [1.0, 2.0, 5.0, 9.0, 100.0] {
            let text = "a bb  ccc\u{200C}d שלום, (עולם) 12.5%";
            let lines = lines_of(text, max);
            assert_eq!(lines.concat(), text, "{max}");
        }
    }
}
