//! Nudging an annotation's span by keyboard: its start or its end moves to the previous or
//! next word boundary (Alt+←/→, Alt+Shift+←/→).
//!
//! The rule: a start lands on a word's first char, an end just after a word's last char
//! (punctuation counts as a word, whitespace does not). The span never becomes empty and
//! never leaves its document. A multi-range annotation moves the start of its first range
//! or the end of its last one; the other ranges stay. The quote follows the ranges, as in
//! every annotation edit, and the edit is one undo step.

use unicode_segmentation::UnicodeSegmentation;

use super::{AnnotationId, Document, Edit, EditContext, EditError, Project, Span};

/// Which end of an annotation's span moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanEnd {
    Start,
    End,
}

/// Which way it moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    Back,
    Forward,
}

/// The word boundaries of one kind (starts or ends) in the paragraph at `index`, in chars,
/// ascending. A start is a word's first char, or the first char after whitespace (an opening
/// quotation mark); an end is just after a word, or just before whitespace (a closing full
/// stop). So punctuation can be taken in, but never begins or ends a span alone mid-token.
fn paragraph_boundaries(doc: &Document, index: usize, end: SpanEnd) -> Vec<usize> {
    let Some(paragraph) = doc.paragraphs().get(index) else {
        return Vec::new();
    };
    let Some(text) = doc.text.get(paragraph.bytes_start..paragraph.bytes_end) else {
        return Vec::new();
    };
    let is_space = |s: &str| s.chars().all(char::is_whitespace);
    let is_word = |s: &str| s.chars().any(char::is_alphanumeric);
    let segments: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
    let mut bounds = Vec::new();
    for (i, &(start, segment)) in segments.iter().enumerate() {
        if is_space(segment) {
            continue;
        }
        let bytes = match end {
            SpanEnd::Start => {
                let after_space = i == 0 || segments.get(i - 1).is_some_and(|(_, s)| is_space(s));
                (is_word(segment) || after_space).then_some(start)
            }
            SpanEnd::End => {
                let before_space = segments.get(i + 1).is_none_or(|(_, s)| is_space(s));
                (is_word(segment) || before_space).then_some(start + segment.len())
            }
        };
        if let Some(char_offset) = bytes.and_then(|b| doc.byte_to_char(paragraph.bytes_start + b)) {
            bounds.push(char_offset);
        }
    }
    bounds
}

/// The nearest word boundary of kind `end` strictly before (`Back`) or after `offset_chars`,
/// looking into neighbouring paragraphs when its own has none; `None` at the document's edge.
/// Only the paragraphs passed over are read, never the whole text.
#[must_use]
pub fn word_boundary_beyond(
    doc: &Document,
    offset_chars: usize,
    end: SpanEnd,
    nudge: Nudge,
) -> Option<usize> {
    let count = doc.paragraphs().len();
    let mut index = doc.paragraph_at(offset_chars).min(count.checked_sub(1)?);
    loop {
        let bounds = paragraph_boundaries(doc, index, end);
        let found = match nudge {
            Nudge::Back => bounds.into_iter().rev().find(|&b| b < offset_chars),
            Nudge::Forward => bounds.into_iter().find(|&b| b > offset_chars),
        };
        if found.is_some() {
            return found;
        }
        index = match nudge {
            Nudge::Back => index.checked_sub(1)?,
            Nudge::Forward if index + 1 < count => index + 1,
            Nudge::Forward => return None,
        };
    }
}

/// The ranges after nudging `end` of `ranges` (sorted, non-empty) one word `nudge`-wards, or
/// `None` when it cannot move: at the document's edge, or when the range would become empty.
#[must_use]
pub fn nudged_ranges(
    doc: &Document,
    ranges: &[Span],
    end: SpanEnd,
    nudge: Nudge,
) -> Option<Vec<Span>> {
    let mut ranges = ranges.to_vec();
    match end {
        SpanEnd::Start => {
            let first = ranges.first_mut()?;
            let start = word_boundary_beyond(doc, first.start, SpanEnd::Start, nudge)?;
            if start >= first.end {
                return None;
            }
            first.start = start;
        }
        SpanEnd::End => {
            let last = ranges.last_mut()?;
            let new_end = word_boundary_beyond(doc, last.end, SpanEnd::End, nudge)?;
            if new_end <= last.start || new_end > doc.len_chars() {
                return None;
            }
            last.end = new_end;
        }
    }
    Some(ranges)
}

impl Project {
    /// The edit that nudges one end of an annotation's span by a word (see the module doc);
    /// `Ok(None)` when that end cannot move.
    ///
    /// # Errors
    /// An unknown annotation or its document missing.
    pub fn nudge_span(
        &self,
        id: AnnotationId,
        end: SpanEnd,
        nudge: Nudge,
        cx: impl Into<EditContext>,
    ) -> Result<Option<Edit>, EditError> {
        let a = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        let doc = self
            .document(a.document)
            .ok_or(EditError::NoSuchDocument(a.document))?;
        let Some(ranges) = nudged_ranges(doc, &a.ranges, end, nudge) else {
            return Ok(None);
        };
        self.edited(a, &cx.into(), |a| a.ranges = ranges).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    /// A document from marked-up text, e.g. `"Officials [said] on Friday"`, and the span
    /// between the brackets.
    fn marked(text: &str) -> (Document, Span) {
        let start = text.chars().position(|c| c == '[').unwrap_or(0);
        let end = text
            .chars()
            .position(|c| c == ']')
            .unwrap_or(0)
            .saturating_sub(1);
        let plain: String = text.chars().filter(|c| !matches!(c, '[' | ']')).collect();
        (Document::new("t", plain), Span::new(start, end))
    }

    /// The document with the nudged span marked up again, or `None` if it did not move.
    fn nudge(text: &str, end: SpanEnd, nudge: Nudge) -> Option<String> {
        let (doc, span) = marked(text);
        let ranges = nudged_ranges(&doc, &[span], end, nudge)?;
        let span = ranges.first().copied()?;
        Some(
            doc.text
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let open = (i == span.start).then_some('[');
                    let close = (i == span.end).then_some(']');
                    close.into_iter().chain(open).chain(Some(c))
                })
                .chain((span.end == doc.len_chars()).then_some(']'))
                .collect(),
        )
    }

    #[test]
    fn the_start_moves_to_the_previous_and_next_word() {
        use Nudge::{Back, Forward};
        use SpanEnd::Start;
        let text = "Officials [said on] Friday";
        assert_eq!(
            nudge(text, Start, Back).as_deref(),
            Some("[Officials said on] Friday")
        );
        assert_eq!(
            nudge(text, Start, Forward).as_deref(),
            Some("Officials said [on] Friday")
        );
        // A start inside a word snaps back to that word's start.
        assert_eq!(
            nudge("Offi[cials said] on", Start, Back).as_deref(),
            Some("[Officials said] on")
        );
    }

    #[test]
    fn the_end_moves_to_the_previous_and_next_word_end() {
        use Nudge::{Back, Forward};
        use SpanEnd::End;
        let text = "Officials [said on] Friday.";
        assert_eq!(
            nudge(text, End, Forward).as_deref(),
            Some("Officials [said on Friday].")
        );
        assert_eq!(
            nudge(text, End, Back).as_deref(),
            Some("Officials [said] on Friday.")
        );
        // Punctuation is a word of its own: the full stop can be taken in.
        assert_eq!(
            nudge("Officials [said on Friday].", End, Forward).as_deref(),
            Some("Officials [said on Friday.]")
        );
    }

    #[test]
    fn a_span_never_becomes_empty_or_leaves_the_document() {
        use Nudge::{Back, Forward};
        use SpanEnd::{End, Start};
        assert_eq!(nudge("Officials [said] on", Start, Forward), None);
        assert_eq!(nudge("Officials [said] on", End, Back), None);
        assert_eq!(nudge("[Officials] said", Start, Back), None);
        assert_eq!(nudge("Officials [said]", End, Forward), None);
        assert_eq!(nudge("Officials [said]   ", End, Forward), None);
    }

    #[test]
    fn nudges_cross_paragraphs_and_unicode() {
        use Nudge::{Back, Forward};
        use SpanEnd::{End, Start};
        assert_eq!(
            nudge("Talks – end.\n\n[Kyiv’s] envoy", Start, Back).as_deref(),
            Some("Talks – [end.\n\nKyiv’s] envoy")
        );
        assert_eq!(
            nudge("Talks – [end].\n\nKyiv’s envoy", End, Forward).as_deref(),
            Some("Talks – [end.]\n\nKyiv’s envoy")
        );
        assert_eq!(
            nudge("[Talks] – «envoy»", End, Forward).as_deref(),
            Some("[Talks –] «envoy»")
        );
        assert_eq!(
            nudge("Talks – «[envoy]»", Start, Back).as_deref(),
            Some("Talks – [«envoy]»")
        );
    }

    fn project_with(text: &str, ranges: Vec<Span>) -> (Project, AnnotationId) {
        let mut project = Project::new("p");
        let doc = Document::new("t", text.to_owned());
        let doc_id = doc.id;
        project.apply(project.add_document(doc)).ok();
        let cx = Utc.timestamp_opt(0, 0).single().unwrap_or_default();
        let a = project.new_annotation(doc_id, "claim", ranges, cx).unwrap();
        let id = a.id;
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        (project, id)
    }

    #[test]
    fn multi_range_annotations_move_the_first_start_and_the_last_end() {
        let text = "One two three four five six";
        let (project, id) = project_with(text, vec![Span::new(4, 7), Span::new(14, 18)]);
        let cx = Utc.timestamp_opt(0, 0).single().unwrap_or_default();
        let edit = project.nudge_span(id, SpanEnd::Start, Nudge::Back, cx);
        let Ok(Some(Edit::ReplaceAnnotation(a))) = edit else {
            panic!("expected a replacement, got {edit:?}");
        };
        assert_eq!(a.ranges, vec![Span::new(0, 7), Span::new(14, 18)]);
        assert_eq!(
            Some(a.quote.as_str()),
            project.documents()[0].quote(&a.ranges).as_deref()
        );
        let edit = project.nudge_span(id, SpanEnd::End, Nudge::Forward, cx);
        let Ok(Some(Edit::ReplaceAnnotation(a))) = edit else {
            panic!("expected a replacement, got {edit:?}");
        };
        assert_eq!(a.ranges, vec![Span::new(4, 7), Span::new(14, 23)]);
        assert!(a.quote.contains("four five"), "{}", a.quote);
    }

    proptest::proptest! {
        /// Any nudge keeps the ranges valid and inside the document, puts the moved end on a
        /// word boundary, keeps the quote in sync, and its inverse restores the project.
        #[test]
        fn nudges_keep_annotations_valid_and_undo_exactly(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["talks", "U.S.–Ukraine", "é", "  ", "\n\n", "said,", "Kyiv's", " ", "和平"]),
                1..40,
            ),
            a in 0usize..300,
            b in 0usize..300,
            moves in proptest::collection::vec((proptest::bool::ANY, proptest::bool::ANY), 1..12),
        ) {
            let text = words.concat();
            let len = text.chars().count();
            proptest::prop_assume!(len > 0);
            let span = Span::ordered(a % len, b % len);
            let span = Span::new(span.start, span.end.max(span.start + 1));
            let (mut project, id) = project_with(&text, vec![span]);
            let cx = Utc.timestamp_opt(0, 0).single().unwrap_or_default();
            for (is_start, is_forward) in moves {
                let end = if is_start { SpanEnd::Start } else { SpanEnd::End };
                let nudge = if is_forward { Nudge::Forward } else { Nudge::Back };
                let before = project.clone();
                let Some(edit) = project.nudge_span(id, end, nudge, cx).unwrap() else {
                    continue;
                };
                let inverse = project.apply(edit).unwrap();
                let after = project.annotation(id).unwrap().clone();
                let doc = &project.documents()[0];
                proptest::prop_assert!(crate::model::check_ranges(&after.ranges).is_ok());
                proptest::prop_assert!(after.ranges.iter().all(|r| r.end <= doc.len_chars()));
                proptest::prop_assert_eq!(Some(after.quote.clone()), doc.quote(&after.ranges));
                let moved = match end {
                    SpanEnd::Start => after.ranges[0].start,
                    SpanEnd::End => after.ranges[after.ranges.len() - 1].end,
                };
                let bounds: Vec<usize> = (0..doc.paragraphs().len())
                    .flat_map(|p| paragraph_boundaries(doc, p, end))
                    .collect();
                proptest::prop_assert!(bounds.contains(&moved));
                let mut undone = project.clone();
                undone.apply(inverse).unwrap();
                proptest::prop_assert_eq!(undone.annotation(id), before.annotation(id));
            }
        }
    }
}
