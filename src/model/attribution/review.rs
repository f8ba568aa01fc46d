//! Reviewing suggestions in the workbench: which ones are still worth showing (not rejected,
//! and adding something), what accepting one would do, and rejecting one as an undoable edit
//! that the project remembers ([`RejectedSuggestion`]).

use serde::{Deserialize, Serialize};

use super::{SpeakerMatch, Suggestion, analyse};
use crate::model::{
    Actor, Annotation, AnnotationId, Document, DocumentId, Edit, EditError, Project, Span,
};

/// A suggestion the analyst rejected: it is not suggested again.
///
/// Kept by document, content ranges and quote. The ranges find it while the text is
/// unchanged; after a re-anchoring moved the text, the quote alone does.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectedSuggestion {
    pub document: DocumentId,
    pub content: Vec<Span>,
    pub quote: String,
}

impl RejectedSuggestion {
    /// Whether this rejection is of `suggestion` in `document` (whose text it was made on, or
    /// a later one).
    #[must_use]
    pub fn matches(&self, document: &Document, suggestion: &Suggestion) -> bool {
        if self.document != document.id {
            return false;
        }
        let Some(quote) = document.quote(&suggestion.content) else {
            return false;
        };
        if quote != self.quote {
            return false;
        }
        // The same words elsewhere in the article are another statement, unless the stored
        // ranges no longer hold the quote (the text was changed and re-anchored).
        self.content == suggestion.content
            || document.quote(&self.content).as_deref() != Some(self.quote.as_str())
    }
}

/// What accepting one suggestion does to the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A new annotation; `new_actor` names the actor created for its holder, if any.
    Add { new_actor: Option<String> },
    /// Fills in the missing fields of the annotation it overlaps instead of duplicating it.
    Fill {
        annotation: AnnotationId,
        holder: bool,
        attribution: bool,
        cue: bool,
    },
    /// It overlaps an annotation that already has everything it would add.
    Nothing,
}

/// The annotation of `annotations` sharing the most chars with `content`, if any shares one:
/// the one accepting fills in (the same rule as [`Project::accept_suggestions`]).
fn overlapping<'a>(annotations: &'a [Annotation], content: &[Span]) -> Option<&'a Annotation> {
    annotations
        .iter()
        .map(|a| (shared_chars(&a.ranges, content), a))
        .filter(|(shared, _)| *shared > 0)
        .max_by_key(|(shared, _)| *shared)
        .map(|(_, a)| a)
}

fn shared_chars(a: &[Span], b: &[Span]) -> usize {
    a.iter()
        .flat_map(|x| {
            b.iter()
                .map(move |y| x.end.min(y.end).saturating_sub(x.start.max(y.start)))
        })
        .sum()
}

/// What accepting `suggestion` does, given the annotations of its document and the actors.
#[must_use]
pub fn effect(annotations: &[Annotation], actors: &[Actor], suggestion: &Suggestion) -> Effect {
    let new_actor = match suggestion.speaker.as_ref().map(|s| &s.actor) {
        Some(SpeakerMatch::Proposed { name }) if !actors.iter().any(|a| a.is_called(name)) => {
            Some(name.trim().to_owned())
        }
        _ => None,
    };
    let Some(original) = overlapping(annotations, &suggestion.content) else {
        return Effect::Add { new_actor };
    };
    let holder = original.holder.is_none() && suggestion.speaker.is_some();
    let attribution = original.attribution.is_none();
    let cue = original.cue.is_empty() && !suggestion.cue.is_empty();
    if holder || attribution || cue {
        Effect::Fill {
            annotation: original.id,
            holder,
            attribution,
            cue,
        }
    } else {
        Effect::Nothing
    }
}

/// The suggestions worth showing for `document`: found by [`analyse`], minus the rejected
/// ones and those that would add nothing. Needs only the document's own annotations and
/// rejections, so a worker thread can run it on copies.
#[must_use]
pub fn pending(
    document: &Document,
    actors: &[Actor],
    annotations: &[Annotation],
    rejected: &[RejectedSuggestion],
) -> Vec<Suggestion> {
    analyse(document, actors)
        .into_iter()
        .filter(|s| !rejected.iter().any(|r| r.matches(document, s)))
        .filter(|s| effect(annotations, actors, s) != Effect::Nothing)
        .collect()
}

impl Project {
    /// [`pending`] for a document of this project; empty for an unknown one.
    #[must_use]
    pub fn pending_suggestions(&self, document: DocumentId) -> Vec<Suggestion> {
        let Some(doc) = self.document(document) else {
            return Vec::new();
        };
        let range = self.document_annotation_range(document);
        let rejected: Vec<RejectedSuggestion> = self.rejections_of(document).cloned().collect();
        pending(doc, &self.actors, &self.annotations[range], &rejected)
    }

    /// [`effect`] for a suggestion of a document of this project.
    #[must_use]
    pub fn suggestion_effect(&self, document: DocumentId, suggestion: &Suggestion) -> Effect {
        let range = self.document_annotation_range(document);
        effect(&self.annotations[range], &self.actors, suggestion)
    }

    /// The rejected suggestions of one document.
    pub fn rejections_of(
        &self,
        document: DocumentId,
    ) -> impl Iterator<Item = &RejectedSuggestion> + '_ {
        (self.rejected_suggestions.iter()).filter(move |r| r.document == document)
    }

    /// The edit rejecting `suggestion` of `document`, to apply through the history.
    ///
    /// # Errors
    /// An unknown document, or content outside it.
    pub fn reject_suggestion(
        &self,
        document: DocumentId,
        suggestion: &Suggestion,
    ) -> Result<Edit, EditError> {
        let doc = self
            .document(document)
            .ok_or(EditError::NoSuchDocument(document))?;
        let quote = doc
            .quote(&suggestion.content)
            .ok_or(EditError::EmptySelection)?;
        Ok(Edit::RejectSuggestion(RejectedSuggestion {
            document,
            content: suggestion.content.clone(),
            quote,
        }))
    }

    /// Applies [`Edit::RejectSuggestion`]; the inverse forgets it again.
    pub(in crate::model) fn add_rejection(
        &mut self,
        rejection: RejectedSuggestion,
    ) -> Result<Edit, EditError> {
        if self.document(rejection.document).is_none() {
            return Err(EditError::NoSuchDocument(rejection.document));
        }
        if self.rejected_suggestions.contains(&rejection) {
            return Err(EditError::AlreadyRejected(rejection.quote));
        }
        self.rejected_suggestions.push(rejection.clone());
        Ok(Edit::ForgetRejection(rejection))
    }

    /// Applies [`Edit::ForgetRejection`]; the inverse rejects it again.
    pub(in crate::model) fn forget_rejection(
        &mut self,
        rejection: RejectedSuggestion,
    ) -> Result<Edit, EditError> {
        let index = (self.rejected_suggestions.iter())
            .position(|r| *r == rejection)
            .ok_or_else(|| EditError::NotRejected(rejection.quote.clone()))?;
        self.rejected_suggestions.remove(index);
        Ok(Edit::RejectSuggestion(rejection))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::Utc;

    use super::*;
    use crate::model::{Attribution, EditContext};

    const TEXT: &str = "\"We are no closer,\" Ushakov said.\n\
                        Rubio said the talks were productive and long.";

    fn project() -> Project {
        let mut p = Project::new("t");
        let edit = p.add_document(Document::new("test", TEXT.to_owned()));
        p.apply(edit).unwrap();
        p
    }

    fn cx() -> EditContext {
        EditContext::new(Some("tester"), Utc::now())
    }

    fn quotes(p: &Project, found: &[Suggestion]) -> Vec<String> {
        found
            .iter()
            .map(|s| p.documents[0].quote(&s.content).unwrap())
            .collect()
    }

    #[test]
    fn a_rejected_suggestion_is_not_suggested_again_until_the_rejection_is_undone() {
        let mut p = project();
        let document = p.documents[0].id;
        let found = p.pending_suggestions(document);
        assert_eq!(quotes(&p, &found).len(), 2, "{found:#?}");
        let edit = p.reject_suggestion(document, &found[0]).unwrap();
        let inverse = p.apply(edit.clone()).unwrap();
        assert_eq!(p.rejected_suggestions.len(), 1);
        assert_eq!(p.rejected_suggestions[0].quote, "We are no closer");
        let left = p.pending_suggestions(document);
        assert_eq!(left, found[1..]);
        // Rejecting twice is refused and changes nothing.
        assert!(matches!(p.apply(edit), Err(EditError::AlreadyRejected(_))));
        assert_eq!(p.rejected_suggestions.len(), 1);
        p.apply(inverse).unwrap();
        assert!(p.rejected_suggestions.is_empty());
        assert_eq!(p.pending_suggestions(document), found);
    }

    #[test]
    fn a_rejection_follows_its_quote_when_the_text_moved() {
        let p = project();
        let document = &p.documents[0];
        let found = p.pending_suggestions(document.id);
        let Edit::RejectSuggestion(rejection) =
            p.reject_suggestion(document.id, &found[0]).unwrap()
        else {
            panic!("not a rejection");
        };
        // The same article with a paragraph added at the top: the ranges moved.
        let mut moved = Document::new("test", format!("Talks resumed.\n{TEXT}"));
        moved.id = document.id;
        let again = analyse(&moved, &[]);
        assert!(rejection.matches(&moved, &again[0]));
        assert!(!rejection.matches(&moved, &again[1]));
        // In the unchanged text, the same words at other ranges are another statement.
        let mut elsewhere = found[0].clone();
        elsewhere.content = vec![Span::new(0, 3)];
        assert!(!rejection.matches(document, &elsewhere));
    }

    #[test]
    fn an_overlap_offers_to_fill_in_missing_fields_and_hides_when_nothing_is_missing() {
        let mut p = project();
        let document = p.documents[0].id;
        let span = p.documents[0].find("We are no closer", 0).unwrap();
        let a = p
            .new_annotation(document, "claim", vec![span], cx())
            .unwrap();
        let id = a.id;
        p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        let found = p.pending_suggestions(document);
        assert_eq!(
            p.suggestion_effect(document, &found[0]),
            Effect::Fill {
                annotation: id,
                holder: true,
                attribution: true,
                cue: true
            }
        );
        assert_eq!(
            p.suggestion_effect(document, &found[1]),
            Effect::Add {
                new_actor: Some("Rubio".to_owned())
            }
        );
        let (edit, summary) = p.accept_suggestions(document, &found[..1], cx()).unwrap();
        assert_eq!((summary.added, summary.filled), (0, 1));
        p.apply(edit).unwrap();
        let filled = p.annotation(id).unwrap();
        assert_eq!(filled.attribution, Some(Attribution::Direct));
        assert!(filled.holder.is_some());
        // Nothing left to add: the suggestion is no longer shown.
        let left = p.pending_suggestions(document);
        assert_eq!(quotes(&p, &left), ["the talks were productive and long"]);
    }

    #[test]
    fn a_merge_keeps_the_rejections_of_both_sides() {
        let base = project();
        let document = base.documents[0].id;
        let found = base.pending_suggestions(document);
        let reject = |p: &Project, s: &Suggestion| {
            let mut p = p.clone();
            let edit = p.reject_suggestion(document, s).unwrap();
            p.apply(edit).unwrap();
            p
        };
        let ours = reject(&base, &found[0]);
        let theirs = reject(&base, &found[1]);
        let merged = crate::model::merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.project.rejected_suggestions.len(), 2);
        assert!(merged.project.pending_suggestions(document).is_empty());
    }

    #[test]
    fn rejecting_in_an_unknown_document_is_refused() {
        let mut p = project();
        let found = p.pending_suggestions(p.documents[0].id);
        let other = DocumentId::random();
        assert!(matches!(
            p.reject_suggestion(other, &found[0]),
            Err(EditError::NoSuchDocument(_))
        ));
        let Edit::RejectSuggestion(mut rejection) =
            p.reject_suggestion(p.documents[0].id, &found[0]).unwrap()
        else {
            panic!("not a rejection");
        };
        rejection.document = other;
        assert!(p.apply(Edit::RejectSuggestion(rejection.clone())).is_err());
        assert!(matches!(
            p.apply(Edit::ForgetRejection(rejection)),
            Err(EditError::NotRejected(_))
        ));
    }
}
