//! Text selection in the article: word and sentence bounds, snapping, and the drag state.
//!
//! Selections are document char spans. Word and sentence bounds are found inside the
//! paragraph(s) concerned, never by scanning the whole text. Words are UAX #29's, with
//! dictionary words in Chinese, Japanese, Thai and other spaceless scripts (see `words`).

use super::words::{segments, snap_bytes_to_words, word_bytes_at};
use super::{ArticleAction, ArticleInput};
use crate::model::text::sentence_bytes_at;
use crate::model::{AnnotationId, Document, Span};

/// The text of the paragraphs from the one holding `span.start` to the one holding its last
/// char, widened to cover `span` itself (which may run into the line breaks between them),
/// with its byte offset in the document.
fn paragraphs_text(doc: &Document, span: Span) -> Option<(usize, &str)> {
    let paragraphs = doc.paragraphs();
    let first = paragraphs.get(doc.paragraph_at(span.start))?;
    let last = paragraphs.get(doc.paragraph_at(span.end.saturating_sub(1).max(span.start)))?;
    let start = first.bytes_start.min(doc.char_to_byte(span.start)?);
    let end = last.bytes_end.max(doc.char_to_byte(span.end)?);
    Some((start, doc.text.get(start..end)?))
}

/// Converts a byte range relative to `base_bytes` back to a char span.
fn chars_of(doc: &Document, base_bytes: usize, range: std::ops::Range<usize>) -> Option<Span> {
    Some(Span::new(
        doc.byte_to_char(base_bytes + range.start)?,
        doc.byte_to_char(base_bytes + range.end)?,
    ))
}

/// Grows a selection outward to whole words and trims surrounding whitespace.
#[must_use]
pub fn snap_to_words(doc: &Document, span: Span) -> Span {
    if span.is_empty() {
        return span;
    }
    let snapped = (|| {
        let (base, text) = paragraphs_text(doc, span)?;
        let start = doc.char_to_byte(span.start)? - base;
        let end = doc.char_to_byte(span.end)? - base;
        chars_of(doc, base, snap_bytes_to_words(text, start..end))
    })();
    snapped.unwrap_or(span)
}

/// The word containing the char at `offset_chars`, or `None` on whitespace.
#[must_use]
pub fn word_at(doc: &Document, offset_chars: usize) -> Option<Span> {
    let (base, text) = paragraphs_text(doc, Span::new(offset_chars, offset_chars))?;
    let at = doc.char_to_byte(offset_chars)? - base;
    let word = word_bytes_at(text, at);
    if word.is_empty() {
        return None;
    }
    chars_of(doc, base, word)
}

/// The sentence containing the char at `offset_chars`, without trailing spaces.
#[must_use]
pub fn sentence_at(doc: &Document, offset_chars: usize) -> Option<Span> {
    let (base, text) = paragraphs_text(doc, Span::new(offset_chars, offset_chars))?;
    let at = doc.char_to_byte(offset_chars)? - base;
    let sentence = sentence_bytes_at(text, at);
    if sentence.is_empty() {
        return None;
    }
    chars_of(doc, base, sentence)
}

/// The next word boundary after (`forward`) or before `offset_chars`, within its paragraph
/// or at the paragraph's edge, for Ctrl+Shift+arrow.
#[must_use]
pub fn word_boundary(doc: &Document, offset_chars: usize, forward: bool) -> usize {
    let Some(paragraph) = doc
        .paragraphs()
        .get(doc.paragraph_at(offset_chars))
        .copied()
    else {
        return offset_chars;
    };
    let Some(text) = doc.text.get(paragraph.bytes_start..paragraph.bytes_end) else {
        return offset_chars;
    };
    let Some(at_bytes) = doc.char_to_byte(offset_chars) else {
        return offset_chars;
    };
    let at = at_bytes.saturating_sub(paragraph.bytes_start);
    let words = segments(text).into_iter().filter(|range| {
        text.get(range.clone())
            .is_some_and(|w| !w.chars().all(char::is_whitespace))
    });
    let target = if forward {
        words
            .map(|range| range.end)
            .find(|&end| end > at)
            .unwrap_or(text.len())
    } else {
        words
            .map(|range| range.start)
            .take_while(|&start| start < at)
            .last()
            .unwrap_or(0)
    };
    doc.byte_to_char(paragraph.bytes_start + target)
        .unwrap_or(offset_chars)
}

/// Where a selection grows from and where it ends; the app only sees the ordered span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct SelectionEnds {
    pub anchor: usize,
    pub head: usize,
}

impl SelectionEnds {
    pub fn span(self) -> Span {
        Span::ordered(self.anchor, self.head)
    }

    /// Ends matching a span set from outside (the sidebar, undo…): grow from its start.
    pub fn from_span(span: Span) -> Self {
        Self {
            anchor: span.start,
            head: span.end,
        }
    }
}

/// The text selection after this frame's `actions`.
pub(super) fn latest_selection(actions: &[ArticleAction], input: &ArticleInput) -> Option<Span> {
    (actions.iter().rev())
        .find_map(|a| match a {
            ArticleAction::SetSelection(s) => Some(*s),
            _ => None,
        })
        .unwrap_or(input.selection)
}

/// The selected annotation after this frame's `actions`.
pub(super) fn latest_selected(
    actions: &[ArticleAction],
    input: &ArticleInput,
) -> Option<AnnotationId> {
    (actions.iter().rev())
        .find_map(|a| match a {
            ArticleAction::SelectAnnotation(id) => Some(*id),
            _ => None,
        })
        .unwrap_or(input.selected_annotation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::new(
            "t",
            "Talks resumed – officials said. Both sides agreed.\n\nA second paragraph here."
                .to_owned(),
        )
    }

    fn text(doc: &Document, span: Span) -> &str {
        doc.slice(span).unwrap_or("<bad span>")
    }

    #[test]
    fn snapping_after_the_en_dash_uses_chars() {
        let d = doc();
        let start = d.find("fficials", 0).unwrap_or_default().start;
        let end = d.find("sai", 0).unwrap_or_default().end;
        let snapped = snap_to_words(&d, Span::new(start, end));
        assert_eq!(text(&d, snapped), "officials said");
        assert_eq!(snapped, d.find("officials said", 0).unwrap_or_default());
    }

    #[test]
    fn snapping_across_paragraphs() {
        let d = doc();
        let start = d.find("greed", 0).unwrap_or_default().start;
        let end = d.find("seco", 0).unwrap_or_default().end;
        let snapped = snap_to_words(&d, Span::new(start, end));
        assert_eq!(text(&d, snapped), "agreed.\n\nA second");
    }

    #[test]
    fn word_and_sentence_at_a_char() {
        let d = doc();
        let at = d.find("icials", 0).unwrap_or_default().start;
        assert_eq!(word_at(&d, at).map(|s| text(&d, s)), Some("officials"));
        assert_eq!(
            sentence_at(&d, at).map(|s| text(&d, s)),
            Some("Talks resumed – officials said.")
        );
        let space = d.find(" Both", 0).unwrap_or_default().start;
        assert_eq!(word_at(&d, space), None);
        let second = d.find("second", 0).unwrap_or_default().start;
        assert_eq!(
            sentence_at(&d, second).map(|s| text(&d, s)),
            Some("A second paragraph here.")
        );
    }

    proptest::proptest! {
        /// Snapping inside the paragraphs concerned agrees with snapping the whole text.
        #[test]
        fn paragraph_snapping_matches_whole_text_snapping(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["talks", "U.S.–Ukraine", "é", "  ", "\n\n", "said,", "Kyiv's", " "]),
                1..60,
            ),
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let text = words.concat();
            let d = Document::new("t", text.clone());
            let len = d.len_chars();
            let span = Span::ordered(a % (len + 1), b % (len + 1));
            let bytes = d.char_to_byte(span.start).unwrap()..d.char_to_byte(span.end).unwrap();
            let whole = crate::model::text::snap_bytes_to_words(&text, bytes);
            let expected = Span::new(
                d.byte_to_char(whole.start).unwrap(),
                d.byte_to_char(whole.end).unwrap(),
            );
            proptest::prop_assert_eq!(snap_to_words(&d, span), expected);
        }
    }

    #[test]
    fn word_boundaries_step_over_words() {
        let d = doc();
        let start = d.find("officials", 0).unwrap_or_default().start;
        let after = word_boundary(&d, start, true);
        assert_eq!(after, start + "officials".len());
        assert_eq!(word_boundary(&d, after, false), start);
        assert_eq!(word_boundary(&d, 0, false), 0);
    }
}
