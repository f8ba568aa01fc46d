//! What annotators agree on (same ranges, tag and holder) needs no decision, but the curated
//! project should hold it once: one step keeps the first annotator's copy of each, adjudicated.

use chrono::{DateTime, Utc};

use super::{ADJUDICATED, Decision, coders, disagreement, groups, removal};
use crate::model::{Annotation, Edit, Project};
use crate::team::relink::Successors;

/// Each group of annotations every annotator in it agrees on, over all documents.
fn agreed(project: &Project) -> Vec<Vec<&Annotation>> {
    if coders(project).len() < 2 {
        return Vec::new();
    }
    project
        .documents()
        .iter()
        .flat_map(|d| {
            groups(project, d.id)
                .into_iter()
                .filter(move |g| g.len() >= 2 && disagreement(project, d.id, g).is_none())
        })
        .collect()
}

/// How many spans the annotators agree on and are not yet kept as adjudicated.
#[must_use]
pub fn agreed_count(project: &Project) -> usize {
    agreed(project).len()
}

/// One edit keeping the first copy of every agreed span (as [`ADJUDICATED`]) and removing
/// the other annotators' copies, whose links move to the kept copy; `None` when there is none.
#[must_use]
pub fn accept_agreements(project: &Project, now: DateTime<Utc>) -> Option<Decision> {
    let groups = agreed(project);
    if groups.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    let mut removed = Vec::new();
    let mut successors = Successors::new();
    for group in groups {
        let Some((first, others)) = group.split_first() else {
            continue;
        };
        let mut kept = (*first).clone();
        kept.annotator = Some(ADJUDICATED.to_owned());
        kept.modified = now;
        edits.push(Edit::ReplaceAnnotation(Box::new(kept)));
        for other in others {
            removed.push(other.id);
            successors.insert(other.id, first.id);
        }
    }
    // Every id came from the project just now, so the removal cannot miss one.
    let (removal, lost) = removal(project, &removed, &successors).ok()?;
    edits.extend(removal);
    Some(Decision {
        edit: Edit::Batch(edits),
        lost,
    })
}
