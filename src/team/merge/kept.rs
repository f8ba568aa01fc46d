//! Links follow kept versions through a merge: when one side dropped an annotation in favour
//! of another (an adjudication kept B's version of A's span) while the other side linked to
//! the dropped one, the new link goes to the kept version rather than bringing the dropped
//! annotation back. The rule is [`crate::team::relink`]'s, as in adjudication.
//!
//! Which version a side kept is read from what that side did: a relation of the dropped
//! annotation it moved to another annotation, else an annotation it adjudicated over the
//! dropped one's text. Without such evidence the dropped annotation comes back with a
//! conflict ([`super::dangling`]): nothing is lost either way.

use std::sync::Arc;

use crate::model::{Annotation, AnnotationId, FastMap, FastSet, Project, ProjectParts, Relation};
use crate::team::adjudication::ADJUDICATED;
use crate::team::relink::{self, Placement};

/// Moves the merged project's links to annotations a side dropped onto the versions that
/// side kept, where it says which; a link that would merely repeat another goes.
pub(super) fn follow_kept_versions(
    project: &mut ProjectParts,
    annotations: &[Arc<Annotation>],
    [base, ours, theirs]: [&Project; 3],
) {
    let present: FastSet<AnnotationId> = annotations.iter().map(|a| a.id).collect();
    let missing: FastSet<AnnotationId> = (project.relations.iter())
        .flat_map(|r| [r.from, r.to])
        .filter(|id| !present.contains(id))
        .collect();
    if missing.is_empty() {
        return;
    }
    let successors: FastMap<AnnotationId, AnnotationId> = missing
        .iter()
        .filter_map(|&id| {
            let kept = [ours, theirs]
                .into_iter()
                .filter(|side| side.annotation(id).is_none())
                .find_map(|side| kept_version(base, side, id))?;
            present.contains(&kept).then_some((id, kept))
        })
        .collect();
    if successors.is_empty() {
        return;
    }
    let (touched, mut staying): (Vec<Relation>, Vec<Relation>) =
        std::mem::take(&mut project.relations)
            .into_iter()
            .partition(|r| successors.contains_key(&r.from) || successors.contains_key(&r.to));
    let mut moved_back = Vec::new();
    for relation in touched {
        let end = |id| successors.get(&id).copied().unwrap_or(id);
        let moved = Relation {
            from: end(relation.from),
            to: end(relation.to),
            ..relation.clone()
        };
        match relink::place(&staying, &moved) {
            Placement::Move => staying.push(moved),
            Placement::AlreadyThere => {}
            // It cannot follow: it stays as it was, and its dropped end comes back.
            Placement::Lost(_) => moved_back.push(relation),
        }
    }
    staying.extend(moved_back);
    project.relations = staying;
}

/// The annotation `side` kept in place of `dropped`, which base had and `side` has not.
fn kept_version(base: &Project, side: &Project, dropped: AnnotationId) -> Option<AnnotationId> {
    // A relation of the dropped annotation that this side moved to another annotation.
    let moved = (base.relations().iter())
        .filter(|r| r.touches(dropped))
        .find_map(|r| {
            let now = side.relation(r.id)?;
            let other = if r.from == dropped { now.from } else { now.to };
            (other != dropped).then_some(other)
        });
    if moved.is_some() {
        return moved;
    }
    // An annotation this side adjudicated over the dropped one's text.
    let gone = base.annotation(dropped)?;
    let newly_adjudicated = |a: &&Annotation| {
        a.document == gone.document
            && a.annotator.as_deref() == Some(ADJUDICATED)
            && base
                .annotation(a.id)
                .is_none_or(|before| before.annotator.as_deref() != Some(ADJUDICATED))
    };
    let candidates: Vec<AnnotationId> = (side.annotations_of(gone.document))
        .filter(newly_adjudicated)
        .map(|a| a.id)
        .collect();
    // Successors are computed in base, where the dropped annotation still is; the kept one
    // may be new, so both projects are asked.
    best_overlap(
        gone,
        candidates.iter().filter_map(|id| side.annotation(*id)),
    )
}

/// The candidate sharing the most text with `gone`; the first of equals; none sharing none.
fn best_overlap<'a>(
    gone: &Annotation,
    candidates: impl Iterator<Item = &'a Annotation>,
) -> Option<AnnotationId> {
    let mut best: Option<(usize, AnnotationId)> = None;
    for c in candidates {
        let shared = relink::shared_text(&gone.ranges, &c.ranges);
        if shared > 0 && best.is_none_or(|(most, _)| shared > most) {
            best = Some((shared, c.id));
        }
    }
    best.map(|(_, id)| id)
}
