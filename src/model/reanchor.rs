//! Re-anchoring: accepting an edited article text and moving each annotation to where its
//! quote now is, as Hypothesis re-attaches highlights to a changed page.
//!
//! Each range (and cue range) is found again by its text, helped by the context around it in
//! the old text when that is still known. Annotations that cannot be placed are returned as
//! orphans and left untouched in the project: never dropped.

use thiserror::Error;

use super::reanchor_match::{CONTEXT_CHARS, Found, Piece, locate};
use super::text::normalize_text;
use super::{
    Annotation, AnnotationId, DocumentId, Edit, EditContext, EditError, Project, Span, text_hash,
};

/// An annotation placed on the new text.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub id: AnnotationId,
    pub ranges: Vec<Span>,
    /// The cue ranges that could be placed too (see [`Placed::cue_lost`]).
    pub cue: Vec<Span>,
    /// The text at the new ranges, which becomes the annotation's quote.
    pub quote: String,
    /// 1.0 if every range was found exactly; lower for a fuzzy match (the share of the
    /// quote's chars that matched, for the worst range).
    pub confidence: f64,
    /// Cue ranges that were not found again and are left out.
    pub cue_lost: usize,
    /// True if cue ranges were moved by the annotation's shift, not found by their text:
    /// without the old text, a cue's words are unknown.
    pub cue_shifted: bool,
}

impl Placed {
    /// True if every range was found exactly (possibly elsewhere).
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.confidence >= 1.0
    }
}

/// Why an annotation could not be placed on the new text.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum OrphanReason {
    #[error("it has no quote to look for")]
    EmptyQuote,
    #[error("its quote is no longer in the text")]
    QuoteNotFound,
    #[error("part {part} of its {parts} discontinuous parts is no longer in the text")]
    PartNotFound { part: usize, parts: usize },
    #[error("its parts are no longer in order in the text")]
    PartsOutOfOrder,
}

/// An annotation that stays where it was, to be repaired by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphan {
    pub id: AnnotationId,
    pub quote: String,
    pub reason: OrphanReason,
}

/// The outcome of re-anchoring one document's annotations, in the old text order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reanchored {
    pub placed: Vec<Placed>,
    pub orphans: Vec<Orphan>,
}

impl Reanchored {
    /// How many annotations were placed by a fuzzy (not exact) match.
    #[must_use]
    pub fn fuzzy_count(&self) -> usize {
        self.placed.iter().filter(|p| !p.is_exact()).count()
    }
}

/// Places `annotations` (of one document) on `new_text`.
///
/// `old_text`, if known, is the text the annotations were made on: it gives each range its
/// context and each cue range its words. Without it, ranges are found by the quote alone and
/// cue ranges move with their annotation.
#[must_use]
pub fn reanchor(annotations: &[Annotation], old_text: Option<&str>, new_text: &str) -> Reanchored {
    let old: Option<Vec<char>> = old_text.map(|t| t.chars().collect());
    let new: Vec<char> = new_text.chars().collect();
    let mut order: Vec<&Annotation> = annotations.iter().collect();
    order.sort_by_key(|a| (a.extent().start, a.extent().end));
    let mut out = Reanchored::default();
    // How far the text moved at the last annotation placed: the best guess for the next one.
    let mut shift: isize = 0;
    for a in order {
        match place(a, old.as_deref(), &new, shift) {
            Ok(placed) => {
                if let (Some(first_new), Some(first_old)) =
                    (placed.ranges.first(), a.ranges.first())
                {
                    shift = signed(first_new.start) - signed(first_old.start);
                }
                out.placed.push(placed);
            }
            Err(reason) => out.orphans.push(Orphan {
                id: a.id,
                quote: a.quote.clone(),
                reason,
            }),
        }
    }
    out
}

/// Places one annotation, or says why not.
fn place(
    a: &Annotation,
    old: Option<&[char]>,
    new: &[char],
    shift: isize,
) -> Result<Placed, OrphanReason> {
    if a.quote.is_empty() {
        return Err(OrphanReason::EmptyQuote);
    }
    let pieces = range_pieces(a, old);
    let parts = pieces.len();
    let mut ranges = Vec::with_capacity(parts);
    let mut confidence: f64 = 1.0;
    let mut shift_here = shift;
    for (part, (piece, old_span)) in pieces.iter().enumerate() {
        let hint = shifted(old_span.start, shift_here, new.len());
        let Some(Found { span, similarity }) = locate(new, piece, hint) else {
            return Err(if parts == 1 {
                OrphanReason::QuoteNotFound
            } else {
                OrphanReason::PartNotFound {
                    part: part + 1,
                    parts,
                }
            });
        };
        if ranges
            .last()
            .is_some_and(|prev: &Span| prev.end > span.start)
        {
            return Err(OrphanReason::PartsOutOfOrder);
        }
        shift_here = signed(span.start) - signed(old_span.start);
        confidence = confidence.min(similarity);
        ranges.push(span);
    }
    let first_shift = match (ranges.first(), pieces.first()) {
        (Some(new_span), Some((_, old_span))) => signed(new_span.start) - signed(old_span.start),
        _ => shift,
    };
    let (cue, cue_lost) = place_cue(a, old, new, first_shift);
    let quote = ranges
        .iter()
        .map(|r| new[r.start..r.end].iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Placed {
        id: a.id,
        ranges,
        cue,
        quote,
        confidence,
        cue_lost,
        cue_shifted: old.is_none() && !a.cue.is_empty(),
    })
}

/// The pieces to look for, one per range, with the range they had in the old text.
///
/// With an old text that still holds the quote, each piece is the old text at its range with
/// its context. Otherwise the quote is split by the ranges' lengths (parts are joined by one
/// space); if the lengths do not add up, the whole quote is one piece.
fn range_pieces(a: &Annotation, old: Option<&[char]>) -> Vec<(Piece, Span)> {
    let quote: Vec<char> = a.quote.chars().collect();
    if let Some(old) = old
        && let Some(pieces) = pieces_from_old(&a.ranges, old)
        && joined_len(&pieces) == quote.len()
    {
        return pieces;
    }
    let lens: usize =
        a.ranges.iter().map(Span::len).sum::<usize>() + a.ranges.len().saturating_sub(1);
    let extent_start = a.ranges.first().map_or(0, |r| r.start);
    if a.ranges.len() < 2 || lens != quote.len() {
        return vec![(
            bare_piece(quote.clone()),
            Span::new(extent_start, extent_start + quote.len()),
        )];
    }
    let mut at = 0;
    let mut out = Vec::with_capacity(a.ranges.len());
    for r in &a.ranges {
        out.push((bare_piece(quote[at..at + r.len()].to_vec()), *r));
        at += r.len() + 1;
    }
    out
}

fn pieces_from_old(ranges: &[Span], old: &[char]) -> Option<Vec<(Piece, Span)>> {
    ranges
        .iter()
        .map(|r| piece_in(old, *r).map(|p| (p, *r)))
        .collect()
}

fn joined_len(pieces: &[(Piece, Span)]) -> usize {
    pieces.iter().map(|(p, _)| p.text.len()).sum::<usize>() + pieces.len().saturating_sub(1)
}

/// The old text at `span`, with its context; `None` if the span is not inside it or empty.
fn piece_in(old: &[char], span: Span) -> Option<Piece> {
    if span.is_empty() || span.end > old.len() {
        return None;
    }
    Some(Piece {
        text: old[span.start..span.end].to_vec(),
        prefix: old[span.start.saturating_sub(CONTEXT_CHARS)..span.start].to_vec(),
        suffix: old[span.end..(span.end + CONTEXT_CHARS).min(old.len())].to_vec(),
    })
}

fn bare_piece(text: Vec<char>) -> Piece {
    Piece {
        text,
        prefix: Vec::new(),
        suffix: Vec::new(),
    }
}

/// The cue ranges on the new text, and how many were lost. With the old text, each is found
/// by its words; without, it moves by `shift`, the annotation's own move.
fn place_cue(
    a: &Annotation,
    old: Option<&[char]>,
    new: &[char],
    shift: isize,
) -> (Vec<Span>, usize) {
    let mut cue = Vec::with_capacity(a.cue.len());
    for r in &a.cue {
        let hint = shifted(r.start, shift, new.len());
        let span = match old {
            Some(old) => piece_in(old, *r)
                .and_then(|p| locate(new, &p, hint))
                .map(|f| f.span),
            None => {
                let span = Span::new(hint, hint + r.len());
                (span.end <= new.len()).then_some(span)
            }
        };
        if let Some(span) = span.filter(|s| !cue.contains(s)) {
            cue.push(span);
        }
    }
    cue.sort_by_key(|s| (s.start, s.end));
    let lost = a.cue.len() - cue.len();
    (cue, lost)
}

fn signed(offset_chars: usize) -> isize {
    isize::try_from(offset_chars).unwrap_or(isize::MAX)
}

/// `offset + shift`, kept inside `0..=len`.
fn shifted(offset_chars: usize, shift: isize, len: usize) -> usize {
    offset_chars.saturating_add_signed(shift).min(len)
}

impl Project {
    /// Re-anchors the annotations of `document` on `new_text` (normalised here), and the
    /// edit that accepts the text and moves the placed annotations, as one undo step.
    ///
    /// If the document's text still matches its hash, that text is the old one and gives
    /// context; otherwise (the text was edited on disk) the quotes alone are used. Orphans
    /// keep their old ranges and show up as problems to repair by hand. An annotation that
    /// moved is stamped with `cx` (its time, and the annotator when known), as every edit of
    /// an annotation is; one left where it was keeps its own.
    ///
    /// # Errors
    /// [`EditError::NoSuchDocument`].
    pub fn reanchor_document(
        &self,
        document: DocumentId,
        new_text: &str,
        cx: impl Into<EditContext>,
    ) -> Result<(Reanchored, Edit), EditError> {
        let cx = cx.into();
        let doc = self
            .document(document)
            .ok_or(EditError::NoSuchDocument(document))?;
        let new_text = normalize_text(new_text);
        let old_text = doc.hash_matches().then_some(doc.text.as_str());
        let annotations: Vec<Annotation> = self.annotations_of(document).cloned().collect();
        let result = reanchor(&annotations, old_text, &new_text);
        let moved = result
            .placed
            .iter()
            .filter_map(|p| {
                let mut a = annotations.iter().find(|a| a.id == p.id)?.clone();
                let is_same = a.ranges == p.ranges && a.cue == p.cue && a.quote == p.quote;
                a.ranges.clone_from(&p.ranges);
                a.cue.clone_from(&p.cue);
                a.quote.clone_from(&p.quote);
                if !is_same {
                    cx.stamp(&mut a);
                }
                Some(a)
            })
            .collect();
        let edit = Edit::ReplaceDocumentText {
            document,
            text_hash: text_hash(&new_text),
            text: new_text,
            annotations: moved,
        };
        Ok((result, edit))
    }

    /// Applies [`Edit::ReplaceDocumentText`]; its inverse puts back the old text, hash and
    /// annotations exactly (also when they did not fit, as in a file that needed repair).
    pub(super) fn replace_document_text(
        &mut self,
        document: DocumentId,
        text: String,
        text_hash: String,
        annotations: Vec<Annotation>,
    ) -> Result<Edit, EditError> {
        let doc_index = self
            .document_index(document)
            .ok_or(EditError::NoSuchDocument(document))?;
        let mut slots = Vec::with_capacity(annotations.len());
        for a in &annotations {
            let index = self
                .annotation_index(a.id)
                .ok_or(EditError::NoSuchAnnotation(a.id))?;
            if a.document != document || self.annotations()[index].document != document {
                return Err(EditError::Invalid {
                    id: a.id,
                    reason: "it belongs to another document".to_owned(),
                });
            }
            slots.push(index);
        }
        let old_annotations = self.replace_annotations_of_document(document, &slots, annotations);
        let (old_text, old_hash) = self.replace_document_text_at(doc_index, text, text_hash);
        Ok(Edit::ReplaceDocumentText {
            document,
            text: old_text,
            text_hash: old_hash,
            annotations: old_annotations,
        })
    }
}
