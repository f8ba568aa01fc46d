//! Reviewing suggestions in the workbench: which ones are still worth showing (not rejected,
//! and adding something), what accepting one would do, and rejecting one as an undoable edit
//! that the project remembers ([`RejectedSuggestion`]).

use std::sync::Arc;

use super::{SpeakerMatch, Suggestion, analyse};
use crate::model::{
    Actor, Annotation, AnnotationId, Document, DocumentId, Edit, EditError, Project,
    RejectedSuggestion, Span,
};

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
fn overlapping<'a>(annotations: &'a [Arc<Annotation>], content: &[Span]) -> Option<&'a Annotation> {
    annotations
        .iter()
        .map(|a| &**a)
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
pub fn effect(
    annotations: &[Arc<Annotation>],
    actors: &[Actor],
    suggestion: &Suggestion,
) -> Effect {
    let new_actor = match suggestion.speaker.as_ref().map(|s| &s.actor) {
        Some(SpeakerMatch::Proposed { name }) if !actors.iter().any(|a| a.is_called(name)) => {
            Some(name.trim().to_owned())
        }
        _ => None,
    };
    let Some(original) = overlapping(annotations, &suggestion.content) else {
        return Effect::Add { new_actor };
    };
    let holder = original.holders.is_empty() && suggestion.speaker.is_some();
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
    annotations: &[Arc<Annotation>],
    rejected: &[RejectedSuggestion],
) -> Vec<Suggestion> {
    analyse(document, actors)
        .into_iter()
        .filter(|s| !rejected.iter().any(|r| r.matches(document, &s.content)))
        .filter(|s| effect(annotations, actors, s) != Effect::Nothing)
        .collect()
}

/// [`pending`] for a document of `project`; empty for an unknown one.
#[must_use]
pub fn pending_suggestions(project: &Project, document: DocumentId) -> Vec<Suggestion> {
    let Some(doc) = project.document(document) else {
        return Vec::new();
    };
    let range = project.document_annotation_range(document);
    let rejected: Vec<RejectedSuggestion> = project.rejections_of(document).cloned().collect();
    pending(
        doc,
        project.actors(),
        &project.annotations()[range],
        &rejected,
    )
}

/// [`effect`] for a suggestion of a document of `project`.
#[must_use]
pub fn suggestion_effect(
    project: &Project,
    document: DocumentId,
    suggestion: &Suggestion,
) -> Effect {
    let range = project.document_annotation_range(document);
    effect(&project.annotations()[range], project.actors(), suggestion)
}

/// The edit rejecting `suggestion` of `document`, to apply through the history.
///
/// # Errors
/// An unknown document, or content outside it.
pub fn reject_suggestion(
    project: &Project,
    document: DocumentId,
    suggestion: &Suggestion,
) -> Result<Edit, EditError> {
    let doc = project
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

/// One edit rejecting every suggestion of `suggestions` (of `document`): one undo step.
///
/// # Errors
/// An unknown document, or content outside it.
pub fn reject_suggestions(
    project: &Project,
    document: DocumentId,
    suggestions: &[Suggestion],
) -> Result<Edit, EditError> {
    let edits = (suggestions.iter())
        .map(|s| reject_suggestion(project, document, s))
        .collect::<Result<Vec<Edit>, EditError>>()?;
    Ok(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    #![expect(
        clippy::unwrap_used,
        reason = "a test fails loudly on any unexpected error"
    )]

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
            .map(|s| p.documents()[0].quote(&s.content).unwrap())
            .collect()
    }

    #[test]
    fn a_rejected_suggestion_is_not_suggested_again_until_the_rejection_is_undone() {
        let mut p = project();
        let document = p.documents()[0].id;
        let found = pending_suggestions(&p, document);
        assert_eq!(quotes(&p, &found).len(), 2, "{found:#?}");
        let edit = reject_suggestion(&p, document, &found[0]).unwrap();
        let inverse = p.apply(edit.clone()).unwrap();
        assert_eq!(p.rejected_suggestions().len(), 1);
        assert_eq!(p.rejected_suggestions()[0].quote, "We are no closer");
        let left = pending_suggestions(&p, document);
        assert_eq!(left, found[1..]);
        // Rejecting twice is refused and changes nothing.
        assert!(matches!(p.apply(edit), Err(EditError::AlreadyRejected(_))));
        assert_eq!(p.rejected_suggestions().len(), 1);
        p.apply(inverse).unwrap();
        assert!(p.rejected_suggestions().is_empty());
        assert_eq!(pending_suggestions(&p, document), found);
    }

    #[test]
    fn a_rejection_follows_its_quote_when_the_text_moved() {
        let p = project();
        let document = &p.documents()[0];
        let found = pending_suggestions(&p, document.id);
        let Edit::RejectSuggestion(rejection) =
            reject_suggestion(&p, document.id, &found[0]).unwrap()
        else {
            panic!("not a rejection");
        };
        // The same article with a paragraph added at the top: the ranges moved.
        let mut moved = Document::new("test", format!("Talks resumed.\n{TEXT}"));
        moved.id = document.id;
        let again = analyse(&moved, &[]);
        assert!(rejection.matches(&moved, &again[0].content));
        assert!(!rejection.matches(&moved, &again[1].content));
        // In the unchanged text, the same words at other ranges are another statement.
        let mut elsewhere = found[0].clone();
        elsewhere.content = vec![Span::new(0, 3)];
        assert!(!rejection.matches(document, &elsewhere.content));
    }

    #[test]
    fn an_overlap_offers_to_fill_in_missing_fields_and_hides_when_nothing_is_missing() {
        let mut p = project();
        let document = p.documents()[0].id;
        let span = p.documents()[0].find("We are no closer", 0).unwrap();
        let a = p
            .new_annotation(document, "claim", vec![span], cx())
            .unwrap();
        let id = a.id;
        p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        let found = pending_suggestions(&p, document);
        assert_eq!(
            suggestion_effect(&p, document, &found[0]),
            Effect::Fill {
                annotation: id,
                holder: true,
                attribution: true,
                cue: true
            }
        );
        assert_eq!(
            suggestion_effect(&p, document, &found[1]),
            Effect::Add {
                new_actor: Some("Rubio".to_owned())
            }
        );
        let (edit, summary) =
            super::super::accept_suggestions(&p, document, &found[..1], cx()).unwrap();
        assert_eq!((summary.added, summary.filled), (0, 1));
        p.apply(edit).unwrap();
        let filled = p.annotation(id).unwrap();
        assert_eq!(filled.attribution, Some(Attribution::Direct));
        assert!(!filled.holders.is_empty());
        // Nothing left to add: the suggestion is no longer shown.
        let left = pending_suggestions(&p, document);
        assert_eq!(quotes(&p, &left), ["the talks were productive and long"]);
    }

    #[test]
    fn rejecting_in_an_unknown_document_is_refused() {
        let mut p = project();
        let found = pending_suggestions(&p, p.documents()[0].id);
        let other = DocumentId::random();
        assert!(matches!(
            reject_suggestion(&p, other, &found[0]),
            Err(EditError::NoSuchDocument(_))
        ));
        let Edit::RejectSuggestion(mut rejection) =
            reject_suggestion(&p, p.documents()[0].id, &found[0]).unwrap()
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
