//! After merging lists one by one, a reference can point at an item one side deleted while the
//! other started to use it. Such items are brought back, each with a conflict.

use std::sync::Arc;

use super::keyed::Item;
use crate::model::{
    ActorId, Annotation, AnnotationId, DocumentId, FastSet, IssueId, Project, ProjectParts,
};
use crate::model::{Conflict, ConflictReason, Side, Sides};

/// Brings back every item the merged project refers to but lacks, from `[base, ours, theirs]`.
pub(super) fn restore_used(
    project: &mut ProjectParts,
    annotations: &mut Vec<Arc<Annotation>>,
    inputs: [&Project; 3],
    conflicts: &mut Vec<Conflict>,
) {
    // Relation ends first: a restored annotation's own references are checked below.
    let mut present: FastSet<AnnotationId> = annotations.iter().map(|a| a.id).collect();
    let ends: Vec<AnnotationId> = project
        .relations
        .iter()
        .flat_map(|r| [r.from, r.to])
        .collect();
    for id in ends {
        if present.insert(id)
            && let Some(a) = restore(inputs, conflicts, |p| p.annotation(id))
        {
            annotations.push(Arc::new(a));
        }
    }
    // Sets, not the project's linear lookups: this runs over every annotation of big merges.
    let docs: FastSet<DocumentId> = project.documents.iter().map(|d| d.id).collect();
    let tags: FastSet<&str> = project.schema.tags.iter().map(|t| t.key.as_str()).collect();
    let actors: FastSet<ActorId> = project.actors.iter().map(|a| a.id).collect();
    let issues: FastSet<IssueId> = project.issues.iter().map(|i| i.id).collect();
    let mut missing_docs = Vec::new();
    let mut missing_tags = Vec::new();
    let mut missing_actors = Vec::new();
    let mut missing_issues = Vec::new();
    for a in annotations.iter() {
        if !docs.contains(&a.document) {
            missing_docs.push(a.document);
        }
        if !tags.contains(a.tag.as_str()) {
            missing_tags.push(a.tag.clone());
        }
        for actor in a.holders.iter().chain(&a.target) {
            if !actors.contains(actor) {
                missing_actors.push(*actor);
            }
        }
        missing_issues.extend(a.issue_ids().filter(|i| !issues.contains(i)));
    }
    let missing_kinds: Vec<String> = project
        .relations
        .iter()
        .filter(|r| project.schema.relation_type(&r.kind).is_none())
        .map(|r| r.kind.clone())
        .collect();
    for id in unique(missing_docs) {
        if let Some(d) = restore(inputs, conflicts, |p| p.document(id)) {
            project.documents.push(d);
        }
    }
    for key in unique(missing_tags) {
        if let Some(t) = restore(inputs, conflicts, |p| p.schema().get(&key)) {
            project.schema.tags.push(t);
        }
    }
    for id in unique(missing_actors) {
        if let Some(a) = restore(inputs, conflicts, |p| p.actor(id)) {
            project.actors.push(a);
        }
    }
    for id in unique(missing_issues) {
        if let Some(i) = restore(inputs, conflicts, |p| p.issue(id)) {
            project.issues.push(i);
        }
    }
    for key in unique(missing_kinds) {
        if let Some(t) = restore(inputs, conflicts, |p| p.schema().relation_type(&key)) {
            project.schema.relation_types.push(t);
        }
    }
}

fn unique<T: PartialEq>(mut items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The item from ours, else theirs, else base, recording who deleted it.
fn restore<T: Item>(
    [base, ours, theirs]: [&Project; 3],
    conflicts: &mut Vec<Conflict>,
    find: impl Fn(&Project) -> Option<&T>,
) -> Option<T> {
    let sides = Sides {
        base: find(base).cloned(),
        ours: find(ours).cloned(),
        theirs: find(theirs).cloned(),
    };
    let deleted_by = if sides.ours.is_none() {
        Side::Ours
    } else {
        Side::Theirs
    };
    let item = sides
        .ours
        .clone()
        .or_else(|| sides.theirs.clone())
        .or_else(|| sides.base.clone())?;
    conflicts.push(Conflict {
        reason: ConflictReason::DeletedButUsed { deleted_by },
        versions: T::versions(sides),
    });
    Some(item)
}
