//! Bringing another annotator's project in for comparison: its annotations of the documents
//! both projects have (matched by text hash) are added under that annotator's name, so the
//! compare view, the queue and the figures see both annotators in one project.

use std::collections::HashMap;

use thiserror::Error;

use crate::model::{
    Actor, ActorId, Annotation, AnnotationId, DocumentId, Edit, Issue, IssueId, IssueStance,
    Project, name_key,
};

/// Why another project cannot be compared with this one.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("no document of {0:?} is in this project (documents match by their text)")]
    NoSharedDocument(String),
    #[error("{0:?} has no annotations on the documents of this project")]
    NothingToCompare(String),
    #[error("every annotation of {0:?} is here already (was it brought in before?)")]
    AlreadyHere(String),
}

/// One edit adding `other`'s annotations of shared documents, with fresh ids; each keeps its
/// annotator, or gets `coder` when it has none. Holders, targets and issues are matched by
/// name (created when missing), tags this project lacks are added from `other`'s schema.
/// Relations are not brought in.
///
/// # Errors
/// The projects share no document, or `other` has no annotations on the shared ones.
pub fn import_for_comparison(
    project: &Project,
    other: &Project,
    coder: &str,
) -> Result<Edit, ImportError> {
    let documents: HashMap<DocumentId, DocumentId> = other
        .documents()
        .iter()
        .filter_map(|d| {
            let ours = project
                .documents()
                .iter()
                .find(|e| e.text_hash == d.text_hash)?;
            Some((d.id, ours.id))
        })
        .collect();
    if documents.is_empty() {
        return Err(ImportError::NoSharedDocument(other.title().to_owned()));
    }
    let mut names = Names::default();
    let mut edits = Vec::new();
    let mut added = Vec::new();
    let mut is_any_shared = false;
    for a in other.annotations() {
        let Some(&document) = documents.get(&a.document) else {
            continue;
        };
        is_any_shared = true;
        let annotator = a.annotator.as_deref().unwrap_or(coder);
        // Bringing the same file in twice would pit an annotator against their own copies.
        if (project.annotations_of(document)).any(|b| {
            b.annotator.as_deref() == Some(annotator) && b.ranges == a.ranges && b.tag == a.tag
        }) {
            continue;
        }
        if project.schema().get(&a.tag).is_none()
            && !edits
                .iter()
                .any(|e| matches!(e, Edit::InsertTag { tag, .. } if tag.key == a.tag))
            && let Some(tag) = other.schema().get(&a.tag)
        {
            let mut tag = tag.clone();
            // A hotkey our tags (or one brought in before) already use would tag with two
            // tags at once; the analyst can give it another in the Schema window.
            if let Some(key) = tag.hotkey {
                if project
                    .schema()
                    .check_hotkey(key, None, &names.hotkeys)
                    .is_err()
                {
                    tag.hotkey = None;
                } else {
                    names.hotkeys.push(key);
                }
            }
            edits.push(Edit::InsertTag {
                index: project.schema().tags.len() + names.tags_added,
                tag,
            });
            names.tags_added += 1;
        }
        let mut copy: Annotation = Annotation::clone(a);
        copy.id = AnnotationId::random();
        copy.document = document;
        copy.holders = (a.holders.iter())
            .map(|&h| names.actor(project, other, h, &mut edits))
            .collect();
        copy.target = a.target.map(|t| names.actor(project, other, t, &mut edits));
        copy.issues = (a.issues.iter())
            .map(|i| IssueStance {
                issue: names.issue(project, other, i.issue, &mut edits),
                ..i.clone()
            })
            .collect();
        if copy.annotator.is_none() {
            copy.annotator = Some(coder.to_owned());
        }
        added.push(copy);
    }
    if added.is_empty() {
        return Err(if is_any_shared {
            ImportError::AlreadyHere(other.title().to_owned())
        } else {
            ImportError::NothingToCompare(other.title().to_owned())
        });
    }
    edits.push(Edit::AddAnnotations(added));
    Ok(Edit::Batch(edits))
}

/// Actors and issues of the other project, as this project's ids (new ones made once).
#[derive(Default)]
struct Names {
    actors: HashMap<ActorId, ActorId>,
    issues: HashMap<IssueId, IssueId>,
    actors_added: usize,
    issues_added: usize,
    tags_added: usize,
    /// Hotkeys of the tags brought in so far.
    hotkeys: Vec<char>,
}

impl Names {
    fn actor(
        &mut self,
        project: &Project,
        other: &Project,
        id: ActorId,
        edits: &mut Vec<Edit>,
    ) -> ActorId {
        if let Some(&mapped) = self.actors.get(&id) {
            return mapped;
        }
        let Some(theirs) = other.actor(id) else {
            // A dangling holder in the other file stays as it is; the problems list shows it.
            return id;
        };
        let mapped = match project.actor_named(&theirs.name) {
            Some(ours) => ours.id,
            None => {
                let actor = Actor {
                    id: ActorId::random(),
                    name: theirs.name.trim().to_owned(),
                    aliases: Vec::new(),
                    // A side would need its actor brought in too: the comparison needs
                    // only who spoke.
                    side: None,
                    affiliation: theirs.affiliation.clone(),
                };
                let new_id = actor.id;
                edits.push(Edit::InsertActor {
                    index: project.actors().len() + self.actors_added,
                    actor,
                });
                self.actors_added += 1;
                new_id
            }
        };
        // Another id of the other project under the same name maps to the same actor.
        for a in other.actors() {
            if name_key(&a.name) == name_key(&theirs.name) {
                self.actors.insert(a.id, mapped);
            }
        }
        self.actors.insert(id, mapped);
        mapped
    }

    fn issue(
        &mut self,
        project: &Project,
        other: &Project,
        id: IssueId,
        edits: &mut Vec<Edit>,
    ) -> IssueId {
        if let Some(&mapped) = self.issues.get(&id) {
            return mapped;
        }
        let Some(theirs) = other.issue(id) else {
            return id;
        };
        let mapped = match project.issue_named(&theirs.name) {
            Some(ours) => ours.id,
            None => {
                let issue = Issue::new(theirs.name.trim());
                let new_id = issue.id;
                edits.push(Edit::InsertIssue {
                    index: project.issues().len() + self.issues_added,
                    issue,
                });
                self.issues_added += 1;
                new_id
            }
        };
        self.issues.insert(id, mapped);
        mapped
    }
}
