//! Deciding a merge conflict: the item is set to the chosen version (added, replaced or
//! removed as needed) and the conflict record dropped, in one batch.

use super::{Choice, Decision, DecisionError, removal};
use crate::model::{Annotation, AnnotationId, Edit, Project};
use crate::model::{Side, Sides, Versions};
use crate::team::relink::{LostLink, Successors};

pub(super) fn decide(
    project: &Project,
    index: usize,
    choice: Choice,
    fresh_id: AnnotationId,
) -> Result<Decision, DecisionError> {
    let conflict = project
        .conflicts()
        .get(index)
        .ok_or(DecisionError::NoSuchItem)?;
    let versions = &conflict.versions;
    let side = match choice {
        Choice::TakeA => Some(Side::Ours),
        Choice::TakeB => Some(Side::Theirs),
        Choice::TakeBoth | Choice::Reject => None,
    };
    let mut lost = Vec::new();
    let mut edits = match (versions, choice) {
        (Versions::Annotation(sides), Choice::TakeBoth) => {
            both(project, sides, fresh_id, &mut lost)?
        }
        (Versions::Annotation(sides), Choice::Reject) => {
            let current = [&sides.ours, &sides.theirs, &sides.base]
                .into_iter()
                .flatten()
                .map(|a| a.id)
                .find(|id| project.annotation(*id).is_some());
            let (edits, gone) = removal(
                project,
                &current.into_iter().collect::<Vec<_>>(),
                &Successors::new(),
            )?;
            lost = gone;
            edits
        }
        (_, Choice::TakeBoth) => {
            return Err(DecisionError::BothNotPossible {
                kind: versions.kind_name(),
            });
        }
        // Keep what the merge chose; the record goes.
        (_, Choice::Reject) => Vec::new(),
        (_, _) => take(project, versions, side.unwrap_or(Side::Ours), &mut lost)?,
    };
    edits.push(Edit::RemoveConflict(index));
    Ok(Decision {
        edit: Edit::Batch(edits),
        lost,
    })
}

/// Sets the item to one side's version (absent on that side: removed).
fn take(
    project: &Project,
    versions: &Versions,
    side: Side,
    lost: &mut Vec<LostLink>,
) -> Result<Vec<Edit>, DecisionError> {
    let edits = match versions {
        Versions::Title(s) => s
            .side(side)
            .map(|t| Edit::SetTitle(t.clone()))
            .into_iter()
            .collect(),
        Versions::Annotation(s) => set_annotation(project, s, side, lost)?,
        Versions::Actor(s) => {
            let id = any_id(s, |a| a.id);
            let current = id.and_then(|id| project.actor(id));
            match (current, s.side(side), id) {
                (Some(_), Some(v), _) => vec![Edit::ReplaceActor(v.clone())],
                (None, Some(v), _) => vec![Edit::RestoreActor {
                    index: project.actors().len(),
                    actor: v.clone(),
                }],
                (Some(_), None, Some(id)) => vec![Edit::RemoveActor(id)],
                _ => Vec::new(),
            }
        }
        Versions::Issue(s) => {
            let id = any_id(s, |i| i.id);
            let current = id.and_then(|id| project.issue(id));
            match (current, s.side(side), id) {
                (Some(_), Some(v), _) => vec![Edit::ReplaceIssue(v.clone())],
                (None, Some(v), _) => vec![Edit::RestoreIssue {
                    index: project.issues().len(),
                    issue: v.clone(),
                }],
                (Some(_), None, Some(id)) => vec![Edit::RemoveIssue(id)],
                _ => Vec::new(),
            }
        }
        Versions::Tag(s) => {
            let key = any_id(s, |t| t.key.clone());
            let current = key.as_deref().and_then(|k| project.schema().get(k));
            match (current, s.side(side), key) {
                (Some(_), Some(v), _) => vec![Edit::ReplaceTag(v.clone())],
                (None, Some(v), _) => vec![Edit::InsertTag {
                    index: project.schema().tags.len(),
                    tag: v.clone(),
                }],
                (Some(_), None, Some(key)) => vec![Edit::RemoveTag(key)],
                _ => Vec::new(),
            }
        }
        Versions::RelationType(s) => {
            let key = any_id(s, |t| t.key.clone());
            let current = key
                .as_deref()
                .and_then(|k| project.schema().relation_type(k));
            match (current, s.side(side), key) {
                (Some(_), Some(v), _) => vec![Edit::ReplaceRelationType(v.clone())],
                (None, Some(v), _) => vec![Edit::InsertRelationType {
                    index: project.schema().relation_types.len(),
                    relation_type: v.clone(),
                }],
                (Some(_), None, Some(key)) => vec![Edit::RemoveRelationType(key)],
                _ => Vec::new(),
            }
        }
        Versions::Relation(s) => {
            let id = any_id(s, |r| r.id);
            let current = id.and_then(|id| project.relation(id));
            match (current, s.side(side), id) {
                (Some(_), Some(v), _) => vec![Edit::ReplaceRelation(v.clone())],
                (None, Some(v), _) => vec![Edit::InsertRelation {
                    index: project.relations().len(),
                    relation: v.clone(),
                }],
                (Some(_), None, Some(id)) => vec![Edit::RemoveRelation(id)],
                _ => Vec::new(),
            }
        }
        Versions::Round(s) => take_round(project, s, side),
        Versions::Brief(s) => match any_id(s, |b| b.key.clone()) {
            Some(key) => vec![Edit::SetBrief {
                key,
                text: s.side(side).map(|b| b.text.clone()),
            }],
            None => Vec::new(),
        },
        Versions::Document(_) => {
            return Err(DecisionError::NotPossible {
                kind: versions.kind_name(),
            });
        }
    };
    Ok(edits)
}

/// Sets a round to one side's version (absent on that side: removed).
fn take_round(project: &Project, s: &Sides<crate::model::Round>, side: Side) -> Vec<Edit> {
    let id = any_id(s, |r| r.id);
    let current = id.and_then(|id| project.round(id));
    match (current, s.side(side), id) {
        (Some(_), Some(v), _) => vec![Edit::ReplaceRound(v.clone())],
        (None, Some(v), _) => vec![Edit::InsertRound {
            index: project.rounds().len(),
            round: v.clone(),
        }],
        (Some(_), None, Some(id)) => vec![Edit::RemoveRound(id)],
        _ => Vec::new(),
    }
}

/// The id (or key) of the item on whichever side has it.
fn any_id<T, R>(s: &Sides<T>, f: impl Fn(&T) -> R) -> Option<R> {
    s.ours
        .as_ref()
        .or(s.theirs.as_ref())
        .or(s.base.as_ref())
        .map(f)
}

fn set_annotation(
    project: &Project,
    s: &Sides<Annotation>,
    side: Side,
    lost: &mut Vec<LostLink>,
) -> Result<Vec<Edit>, DecisionError> {
    let id = any_id(s, |a| a.id);
    let current = id.and_then(|id| project.annotation(id));
    Ok(match (current, s.side(side)) {
        (Some(c), Some(v)) if c == v => Vec::new(),
        (Some(_), Some(v)) => vec![Edit::ReplaceAnnotation(Box::new(v.clone()))],
        (None, Some(v)) => vec![Edit::AddAnnotation(Box::new(v.clone()))],
        // The chosen side deleted it: no version is kept for its links to move to.
        (Some(c), None) => {
            let (edits, gone) = removal(project, &[c.id], &Successors::new())?;
            lost.extend(gone);
            edits
        }
        (None, None) => Vec::new(),
    })
}

/// Ours under its id and theirs as a copy with a fresh id; with one side only, that side.
fn both(
    project: &Project,
    s: &Sides<Annotation>,
    fresh_id: AnnotationId,
    lost: &mut Vec<LostLink>,
) -> Result<Vec<Edit>, DecisionError> {
    match (&s.ours, &s.theirs) {
        (Some(_), Some(theirs)) => {
            let mut edits = set_annotation(project, s, Side::Ours, lost)?;
            let mut copy = theirs.clone();
            copy.id = fresh_id;
            edits.push(Edit::AddAnnotation(Box::new(copy)));
            Ok(edits)
        }
        (None, Some(_)) => set_annotation(project, s, Side::Theirs, lost),
        _ => set_annotation(project, s, Side::Ours, lost),
    }
}
