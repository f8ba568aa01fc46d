//! One line's level runs in visual order (UAX #9 rules L1 and L2), from the paragraph's
//! resolved levels.
//!
//! `unicode_bidi::ParagraphBidiInfo::visual_runs` copies the levels of the *whole* paragraph
//! for every line it is asked about, so cutting a paragraph of `n` lines costs `n` copies of
//! it: quadratic in the paragraph's length, which a long line of Arabic with no line break in
//! it (a pasted text, a PDF's page) reaches. Here only the line's own levels are copied. The
//! rules are applied as unicode-bidi 0.3.18 applies them (`reorder_levels` and
//! `visual_runs_for_line`, MIT OR Apache-2.0); a proptest checks that both give the same runs.

use std::ops::Range;

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};

/// The levels of the paragraph's bytes `line` with rule L1 applied, indexed from
/// `line.start`, and the line's level runs (paragraph byte ranges) in visual order.
pub(super) fn visual_runs(
    info: &ParagraphBidiInfo<'_>,
    line: Range<usize>,
) -> (Vec<Level>, Vec<Range<usize>>) {
    let (Some(levels), Some(classes), Some(text)) = (
        info.levels.get(line.clone()),
        info.original_classes.get(line.clone()),
        info.text.get(line.clone()),
    ) else {
        return (Vec::new(), Vec::new());
    };
    let mut levels = levels.to_vec();
    reset_to_paragraph_level(classes, &mut levels, text, info.paragraph_level);
    let runs = runs_in_visual_order(&levels, line.start);
    (levels, runs)
}

/// Rule L1: segment and paragraph separators, and the whitespace and isolate controls before
/// them and at the end of the line, take the paragraph's level; explicit embedding controls
/// (kept in the text) take the level of the char before them.
fn reset_to_paragraph_level(
    classes: &[BidiClass],
    levels: &mut [Level],
    text: &str,
    paragraph_level: Level,
) {
    use BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S, WS};
    let mut reset_from: Option<usize> = Some(0);
    let mut reset_to: Option<usize> = None;
    let mut previous_level = paragraph_level;
    for (i, c) in text.char_indices() {
        let Some(&class) = classes.get(i) else {
            break;
        };
        match class {
            B | S => {
                reset_to = Some(i + c.len_utf8());
                reset_from.get_or_insert(i);
            }
            WS | FSI | LRI | RLI | PDI => {
                reset_from.get_or_insert(i);
            }
            RLE | LRE | RLO | LRO | PDF | BN => {
                reset_from.get_or_insert(i);
                for level in levels.get_mut(i..i + c.len_utf8()).unwrap_or_default() {
                    *level = previous_level;
                }
            }
            _ => reset_from = None,
        }
        if let (Some(from), Some(to)) = (reset_from, reset_to) {
            for level in levels.get_mut(from..to).unwrap_or_default() {
                *level = paragraph_level;
            }
            (reset_from, reset_to) = (None, None);
        }
        if let Some(&level) = levels.get(i) {
            previous_level = level;
        }
    }
    if let Some(from) = reset_from {
        for level in levels.get_mut(from..).unwrap_or_default() {
            *level = paragraph_level;
        }
    }
}

/// Rule L2: the runs of equal level, then, from the highest level down to the lowest odd
/// one, every sequence of runs at that level or higher reversed. `levels` start at byte
/// `offset` of the paragraph, and so do the ranges returned.
fn runs_in_visual_order(levels: &[Level], offset: usize) -> Vec<Range<usize>> {
    let Some(&first) = levels.first() else {
        return Vec::new();
    };
    // (range, level) of each run, in logical order.
    let mut runs: Vec<(Range<usize>, Level)> = Vec::new();
    let (mut start, mut run_level) = (0, first);
    let (mut min_level, mut max_level) = (first, first);
    for (i, &level) in levels.iter().enumerate().skip(1) {
        if level != run_level {
            runs.push((offset + start..offset + i, run_level));
            (start, run_level) = (i, level);
            min_level = min_level.min(level);
            max_level = max_level.max(level);
        }
    }
    runs.push((offset + start..offset + levels.len(), run_level));
    let Ok(lowest_odd) = min_level.new_lowest_ge_rtl() else {
        return runs.into_iter().map(|(range, _)| range).collect();
    };
    while max_level >= lowest_odd {
        let mut at = 0;
        while at < runs.len() {
            if runs[at].1 < max_level {
                at += 1;
                continue;
            }
            let end = (at..runs.len())
                .find(|&k| runs[k].1 < max_level)
                .unwrap_or(runs.len());
            runs[at..end].reverse();
            at = end;
        }
        if max_level.lower(1).is_err() {
            break;
        }
    }
    runs.into_iter().map(|(range, _)| range).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_bidi::ParagraphBidiInfo;

    use super::visual_runs;

    proptest! {
        /// Every line of any paragraph gets the runs and levels unicode-bidi gives it.
        #[test]
        fn a_lines_runs_are_unicode_bidis(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "قال", "الوفد", "שלום", "abc", "UN", " ", "  ", "\t", "12", "٣٤", "2025.",
                    "(", ")", "«", "»", ",", "،", "-", "\u{202B}", "\u{202A}", "\u{202E}",
                    "\u{202D}", "\u{202C}", "\u{2067}", "\u{2066}", "\u{2068}", "\u{2069}",
                    "\u{200F}", "\u{200E}", "\u{200D}", "\u{0651}", "\u{2029}", "%", "$",
                ]),
                1..30,
            ),
            cuts in proptest::collection::vec(0usize..100, 0..4),
        ) {
            let text = parts.concat();
            let info = ParagraphBidiInfo::new(&text, None);
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let mut at: Vec<usize> = cuts.iter().map(|&k| bounds[k % bounds.len()]).collect();
            at.extend([0, text.len()]);
            at.sort_unstable();
            at.dedup();
            for line in at.windows(2).map(|w| w[0]..w[1]) {
                let (their_levels, their_runs) = info.visual_runs(line.clone());
                let (our_levels, our_runs) = visual_runs(&info, line.clone());
                prop_assert_eq!(&our_runs, &their_runs, "{:?} {:?}", text, line);
                prop_assert_eq!(&our_levels[..], &their_levels[line.clone()], "{:?} {:?}", text, line);
            }
        }
    }
}
