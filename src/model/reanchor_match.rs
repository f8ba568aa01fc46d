//! Finding one quoted piece of an old text in a new text, as Hypothesis anchors a quote:
//! exact occurrences first, scored by their context and nearness to where the piece was;
//! then, if none, an approximate match within a bounded edit distance (Sellers' algorithm,
//! the edit distance with a free start and end in the text).
//!
//! Everything works on `&[char]`, so offsets are chars, as in the rest of the model.

use super::Span;

/// How many chars of context before and after a piece are kept to tell occurrences apart.
pub(super) const CONTEXT_CHARS: usize = 32;
/// Pieces longer than this are matched fuzzily by their two ends, to bound the work.
const LONG_PIECE_CHARS: usize = 256;
/// The length of each end of a long piece.
const END_CHARS: usize = 64;
/// Pieces shorter than this are only matched exactly: one edit in three chars is a guess.
const MIN_FUZZY_CHARS: usize = 4;
/// At most one edit per this many chars of the piece.
const CHARS_PER_EDIT: usize = 4;
/// A fuzzy search looks this many chars (or four piece lengths) around the expected place
/// before it tries the whole text.
const WINDOW_CHARS: usize = 2_000;

// Hypothesis' weights: the quote counts most, then its context, then its position.
const QUOTE_WEIGHT: f64 = 50.0;
const CONTEXT_WEIGHT: f64 = 20.0;
const POSITION_WEIGHT: f64 = 2.0;

/// One contiguous piece of an annotation (a range, or a cue range) to find again.
#[derive(Clone, Debug)]
pub(super) struct Piece {
    pub text: Vec<char>,
    /// Up to [`CONTEXT_CHARS`] chars before the piece in the old text; empty if unknown.
    pub prefix: Vec<char>,
    /// Up to [`CONTEXT_CHARS`] chars after the piece in the old text; empty if unknown.
    pub suffix: Vec<char>,
}

/// Where a piece was found, and how similar the found text is to it (1.0: identical).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Found {
    pub span: Span,
    pub similarity: f64,
}

/// Finds `piece` in `text`, preferring the place nearest `hint` among equally good ones.
pub(super) fn locate(text: &[char], piece: &Piece, hint: usize) -> Option<Found> {
    let m = piece.text.len();
    if m == 0 || m > text.len() + m / CHARS_PER_EDIT {
        return None;
    }
    let exact = exact_occurrences(text, &piece.text);
    if !exact.is_empty() {
        return best(text, piece, hint, exact.into_iter().map(|s| (s, 0)));
    }
    if m < MIN_FUZZY_CHARS {
        return None;
    }
    if m > LONG_PIECE_CHARS {
        return locate_long(text, piece, hint);
    }
    let max_edits = m / CHARS_PER_EDIT;
    let window = WINDOW_CHARS.max(4 * m);
    let near = Span::new(
        hint.saturating_sub(window),
        (hint + m + window).min(text.len()),
    );
    let mut candidates = approximate_matches(text, near, &piece.text, max_edits);
    if candidates.is_empty() && (near.start > 0 || near.end < text.len()) {
        candidates = approximate_matches(text, Span::new(0, text.len()), &piece.text, max_edits);
    }
    best(text, piece, hint, candidates.into_iter())
}

/// A long piece: its first and last [`END_CHARS`] chars are found on their own, and the
/// piece is the span between them if its length changed by at most a quarter.
fn locate_long(text: &[char], piece: &Piece, hint: usize) -> Option<Found> {
    let m = piece.text.len();
    let head = Piece {
        text: piece.text[..END_CHARS].to_vec(),
        prefix: piece.prefix.clone(),
        suffix: Vec::new(),
    };
    let tail = Piece {
        text: piece.text[m - END_CHARS..].to_vec(),
        prefix: Vec::new(),
        suffix: piece.suffix.clone(),
    };
    let head_found = locate(text, &head, hint)?;
    let tail_found = locate(text, &tail, head_found.span.start + m - END_CHARS)?;
    let span = Span::new(head_found.span.start, tail_found.span.end);
    let len = span.end.checked_sub(span.start)?;
    if tail_found.span.start < head_found.span.end || len.abs_diff(m) > m / CHARS_PER_EDIT {
        return None;
    }
    Some(Found {
        span,
        similarity: f64::midpoint(head_found.similarity, tail_found.similarity),
    })
}

/// Every start of `needle` in `text`, as char spans.
fn exact_occurrences(text: &[char], needle: &[char]) -> Vec<Span> {
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let m = needle.len();
    let mut out = Vec::new();
    if m > text.len() {
        return out;
    }
    for start in 0..=text.len() - m {
        if text[start] == first && text[start..start + m] == *needle {
            out.push(Span::new(start, start + m));
        }
    }
    out
}

/// Spans of `text` inside `within` that are at most `max_edits` edits from `needle`, with
/// their edit counts; of each run of overlapping matches, only the best.
fn approximate_matches(
    text: &[char],
    within: Span,
    needle: &[char],
    max_edits: usize,
) -> Vec<(Span, usize)> {
    let m = needle.len();
    // cost[i]: edits to match needle[..i] ending at the current text position;
    // start[i]: where that match starts in the text.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![within.start; m + 1];
    let mut matches: Vec<(Span, usize)> = Vec::new();
    for (j, &c) in text.iter().enumerate().take(within.end).skip(within.start) {
        let (mut diag_cost, mut diag_start) = (cost[0], start[0]);
        cost[0] = 0;
        start[0] = j + 1;
        for i in 1..=m {
            let substitution = diag_cost + usize::from(needle[i - 1] != c);
            let skip_text = cost[i] + 1;
            let skip_needle = cost[i - 1] + 1;
            let (next_diag_cost, next_diag_start) = (cost[i], start[i]);
            if substitution <= skip_text && substitution <= skip_needle {
                cost[i] = substitution;
                start[i] = diag_start;
            } else if skip_text <= skip_needle {
                cost[i] = skip_text;
            } else {
                cost[i] = skip_needle;
                start[i] = start[i - 1];
            }
            (diag_cost, diag_start) = (next_diag_cost, next_diag_start);
        }
        if cost[m] <= max_edits {
            let span = Span::new(start[m], j + 1);
            match matches.last_mut() {
                Some(last) if last.0.end >= span.start => {
                    if cost[m] < last.1 {
                        *last = (span, cost[m]);
                    }
                }
                _ => matches.push((span, cost[m])),
            }
        }
    }
    matches
}

/// The candidate with the best score: similarity of the quote, then of its context, then
/// nearness to `hint`.
fn best(
    text: &[char],
    piece: &Piece,
    hint: usize,
    candidates: impl Iterator<Item = (Span, usize)>,
) -> Option<Found> {
    let m = piece.text.len();
    let mut best: Option<(f64, Found)> = None;
    for (span, edits) in candidates {
        let similarity = 1.0 - ratio(edits, m.max(span.len()));
        let before = &text[span.start.saturating_sub(piece.prefix.len())..span.start];
        let after = &text[span.end..(span.end + piece.suffix.len()).min(text.len())];
        let context = context_similarity(&piece.prefix, before, true)
            + context_similarity(&piece.suffix, after, false);
        let nearness = 1.0 - ratio(span.start.abs_diff(hint), text.len().max(1));
        let score =
            QUOTE_WEIGHT * similarity + CONTEXT_WEIGHT * context + POSITION_WEIGHT * nearness;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, Found { span, similarity }));
        }
    }
    best.map(|(_, found)| found)
}

/// 1.0 if `found` equals the remembered context `wanted`, down to 0.0; 1.0 if nothing was
/// remembered. A prefix is compared from its end, where it touches the piece.
fn context_similarity(wanted: &[char], found: &[char], is_prefix: bool) -> f64 {
    if wanted.is_empty() {
        return 1.0;
    }
    let found = if is_prefix {
        &found[found.len().saturating_sub(wanted.len())..]
    } else {
        &found[..found.len().min(wanted.len())]
    };
    1.0 - ratio(levenshtein(wanted, found), wanted.len().max(found.len()))
}

/// `part / whole` as a float in 0..=1; both are small counts of chars.
// The cast is exact: char counts are far below 2^52.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 / whole as f64).min(1.0)
    }
}

/// The edit distance of two short char slices.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn piece(text: &str, prefix: &str, suffix: &str) -> Piece {
        Piece {
            text: chars(text),
            prefix: chars(prefix),
            suffix: chars(suffix),
        }
    }

    #[test]
    fn exact_matches_prefer_the_right_context_over_nearness() {
        let text = chars("the deal. Kyiv said no. Moscow said no.");
        // Nearer the first "said no", but the context names Moscow.
        let found = locate(&text, &piece("said no", "Moscow ", "."), 0).expect("found");
        assert_eq!(found.span, Span::new(31, 38));
        assert!((found.similarity - 1.0).abs() < f64::EPSILON);
        // Without context, the nearest wins.
        let found = locate(&text, &piece("said no", "", ""), 0).expect("found");
        assert_eq!(found.span, Span::new(15, 22));
    }

    #[test]
    fn small_edits_are_matched_fuzzily_and_big_ones_not() {
        let text = chars("Officials said the ceasefire would hold until Friday.");
        let found = locate(&text, &piece("the cease-fire would hold", "", ""), 0).expect("found");
        assert_eq!(found.span, Span::new(15, 39));
        assert!(found.similarity < 1.0 && found.similarity > 0.9);
        assert_eq!(
            locate(&text, &piece("an armistice was agreed", "", ""), 0),
            None
        );
        // Short pieces are exact or nothing.
        assert_eq!(
            locate(&text, &piece("Fri", "", ""), 0).map(|f| f.span),
            Some(Span::new(46, 49))
        );
        assert_eq!(locate(&text, &piece("Frx", "", ""), 0), None);
    }

    #[test]
    fn long_pieces_are_found_by_their_ends() {
        let body: String = (0..40).map(|i| format!("word{i} ")).collect();
        let old_piece = body.trim_end().to_owned();
        let edited = old_piece.replace("word20", "WORD-twenty");
        let text = chars(&format!("Intro. {edited} Outro."));
        let found = locate(&text, &piece(&old_piece, "", ""), 0).expect("found");
        assert_eq!(found.span, Span::new(7, 7 + edited.chars().count()));
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("abc"), &chars("abc")), 0);
    }
}
