//! Turning suggestions into annotations: one batch edit that creates the proposed actors,
//! adds an annotation per suggestion, and fills in an overlapping annotation's missing
//! holder, attribution and cue instead of adding a duplicate.

use std::collections::{HashMap, HashSet};

use super::{SpeakerMatch, Suggestion};
use crate::model::{
    Actor, ActorId, AnnotationId, DocumentId, Edit, EditContext, EditError, Project, name_key,
};

/// What accepting a list of suggestions does.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Accepted {
    pub added: usize,
    pub filled: usize,
    /// Suggestions over an annotation that had nothing missing.
    pub unchanged: usize,
    pub new_actors: Vec<String>,
}

/// One batch edit accepting `suggestions` of `document` (to apply with
/// [`Project::apply`], one undo step), and what it does.
///
/// The tag is the suggestion's flag or claim (claim when the schema lacks the flagged
/// tag). A proposed speaker becomes a new actor unless an actor is already called so.
///
/// # Errors
/// An unknown document, a retired or missing claim tag, an unknown existing actor, or a
/// range outside the document.
pub fn accept_suggestions(
    project: &Project,
    document: DocumentId,
    suggestions: &[Suggestion],
    cx: impl Into<EditContext>,
) -> Result<(Edit, Accepted), EditError> {
    let cx = cx.into();
    let mut edits = Vec::new();
    let mut created: HashMap<String, ActorId> = HashMap::new();
    let mut touched: HashSet<AnnotationId> = HashSet::new();
    let mut summary = Accepted::default();
    for s in suggestions {
        let overlapping = project
            .annotations_of(document)
            .filter(|a| !touched.contains(&a.id))
            .max_by_key(|a| shared_chars(&a.ranges, &s.content))
            .filter(|a| shared_chars(&a.ranges, &s.content) > 0);
        // A holder is only looked up (and a new actor only made) when it will be used.
        let needs_holder = overlapping.is_none_or(|a| a.holder.is_none());
        let holder = match s.speaker.as_ref().map(|sp| &sp.actor) {
            Some(speaker) if needs_holder => Some(holder_for(
                project,
                speaker,
                &mut created,
                &mut edits,
                &mut summary,
            )?),
            _ => None,
        };
        if let Some(original) = overlapping {
            let missing = holder.is_some()
                || original.attribution.is_none()
                || (original.cue.is_empty() && !s.cue.is_empty());
            if !missing {
                summary.unchanged += 1;
                continue;
            }
            touched.insert(original.id);
            edits.push(project.edited(original, &cx, |a| {
                a.holder = a.holder.or(holder);
                a.attribution = a.attribution.or(Some(s.attribution));
                if a.cue.is_empty() {
                    a.cue.clone_from(&s.cue);
                }
            })?);
            summary.filled += 1;
            continue;
        }
        let tag = if project.check_tag_is_live(s.tag()).is_ok() {
            s.tag()
        } else {
            "claim"
        };
        let mut a = project.new_annotation(document, tag, s.content.clone(), &cx)?;
        a.holder = holder;
        a.attribution = Some(s.attribution);
        a.cue.clone_from(&s.cue);
        edits.push(Edit::AddAnnotation(Box::new(a)));
        summary.added += 1;
    }
    Ok((Edit::Batch(edits), summary))
}

/// The actor a speaker means: an existing one, one made earlier in this batch, or a new
/// one (its insertion pushed onto `edits`).
fn holder_for(
    project: &Project,
    speaker: &SpeakerMatch,
    created: &mut HashMap<String, ActorId>,
    edits: &mut Vec<Edit>,
    summary: &mut Accepted,
) -> Result<ActorId, EditError> {
    let name = match speaker {
        SpeakerMatch::Existing(id) => {
            return project
                .actor(*id)
                .map(|a| a.id)
                .ok_or(EditError::NoSuchActor(*id));
        }
        SpeakerMatch::Proposed { name } => name,
    };
    if let Some(a) = project.actors().iter().find(|a| a.is_called(name)) {
        return Ok(a.id);
    }
    if let Some(id) = created.get(&name_key(name)) {
        return Ok(*id);
    }
    project.check_new_actor_name(name)?;
    let actor = Actor::new(name.trim(), None);
    let id = actor.id;
    edits.push(Edit::InsertActor {
        index: project.actors().len() + created.len(),
        actor,
    });
    created.insert(name_key(name), id);
    summary.new_actors.push(name.trim().to_owned());
    Ok(id)
}

/// Chars covered by both range lists.
fn shared_chars(a: &[crate::model::Span], b: &[crate::model::Span]) -> usize {
    a.iter()
        .flat_map(|x| {
            b.iter()
                .map(move |y| x.end.min(y.end).saturating_sub(x.start.max(y.start)))
        })
        .sum()
}
