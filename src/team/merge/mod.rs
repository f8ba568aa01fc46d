//! Three-way merge of projects ([`merge`]): what two analysts did to copies of one project,
//! combined by id, with what cannot be decided kept as [`Conflict`]s in the merged project.
//!
//! Documents match by text hash (two people who imported the same article have the same
//! document); everything else by id or key. Actors and issues both sides created under the
//! same name become one.

mod clash;
mod dangling;
mod fields;
mod kept;
mod keyed;
mod remap;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::model::{
    Annotation, Conflict, ConflictReason, Project, ProjectParts, Schema, Sides, Versions,
};
use keyed::{Picker, merge_items, merge_set};

/// A merged project and the conflicts this merge found (also in `project.conflicts`, after
/// any unresolved ones the inputs carried).
#[derive(Clone, Debug)]
pub struct MergeResult {
    pub project: Project,
    pub conflicts: Vec<Conflict>,
}

impl MergeResult {
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// Merges `ours` and `theirs`, two descendants of `base`.
///
/// - A change made on one side only is taken; the same change on both sides, once.
/// - Fields changed differently on both sides are a conflict; the merged project keeps ours
///   (theirs is in the conflict record).
/// - An item deleted on one side and changed on the other is a conflict; the merged project
///   keeps the changed version, so that nothing anyone wrote disappears unseen.
/// - An item deleted on one side but still used on the other (say a new annotation's holder)
///   is kept, with a conflict, so the merged project has no dangling reference.
///
/// Ours' order is kept; what only theirs has follows. Annotations are in canonical order.
#[must_use]
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> MergeResult {
    // One id per document text, per actor and per issue name, ours' where ours has one.
    let mut to_ours = remap::Remap::default();
    remap::documents_by_hash(&[ours], theirs, &mut to_ours);
    remap::same_names(ours, theirs, &mut to_ours);
    let theirs = to_ours.apply(theirs);
    // An id means one thing in all three versions: what theirs' ids became, base's become.
    let base = to_ours.apply(base);
    let mut to_sides = remap::Remap::default();
    remap::documents_by_hash(&[ours, &theirs], &base, &mut to_sides);
    let base_by_hash = to_sides.apply(&base);
    let (base, theirs): (&Project, &Project) = (&base_by_hash, &theirs);

    let mut conflicts = Vec::new();
    let mut picker = Picker::default();
    let title = picker
        .pick("title", Some(base.title()), ours.title(), theirs.title())
        .to_owned();
    if !picker.conflicts.is_empty() {
        conflicts.push(Conflict {
            reason: ConflictReason::Changed {
                fields: picker.conflicts,
            },
            versions: Versions::Title(Sides {
                base: Some(base.title().to_owned()),
                ours: Some(ours.title().to_owned()),
                theirs: Some(theirs.title().to_owned()),
            }),
        });
    }
    let (mut merged, mut annotations) = merge_lists([base, ours, theirs], title, &mut conflicts);
    // Links to what one side dropped follow the version it kept, before anything dropped is
    // brought back for the links that still need it.
    kept::follow_kept_versions(&mut merged, &annotations, [base, ours, theirs]);
    dangling::restore_used(
        &mut merged,
        &mut annotations,
        [base, ours, theirs],
        &mut conflicts,
    );
    // A rename on one side to a name the other side gave a new actor: one actor, not a clash.
    clash::unify_renamed(&mut merged, &mut annotations, base);
    // Unresolved conflicts of the inputs stay; one resolved on either side is gone.
    merged.conflicts = merge_set(Some(base.conflicts()), ours.conflicts(), theirs.conflicts());
    merged.conflicts.extend(conflicts.iter().cloned());
    // In canonical order, as every project is.
    let project = Project::from_shared_parts(merged, annotations);
    MergeResult { project, conflicts }
}

/// Every list of the three versions merged item by item, in the order their conflicts are
/// listed; the annotations apart, still shared with the versions they came from.
fn merge_lists(
    [base, ours, theirs]: [&Project; 3],
    title: String,
    conflicts: &mut Vec<Conflict>,
) -> (ProjectParts, Vec<Arc<Annotation>>) {
    let schema = Schema {
        tags: merge_items(
            &base.schema().tags,
            &ours.schema().tags,
            &theirs.schema().tags,
            conflicts,
        ),
        relation_types: merge_items(
            &base.schema().relation_types,
            &ours.schema().relation_types,
            &theirs.schema().relation_types,
            conflicts,
        ),
    };
    let documents = merge_items(
        base.documents(),
        ours.documents(),
        theirs.documents(),
        conflicts,
    );
    let actors = merge_items(base.actors(), ours.actors(), theirs.actors(), conflicts);
    let issues = merge_items(base.issues(), ours.issues(), theirs.issues(), conflicts);
    let annotations = merge_items(
        base.annotations(),
        ours.annotations(),
        theirs.annotations(),
        conflicts,
    );
    let merged = ProjectParts {
        schema,
        documents,
        actors,
        issues,
        relations: merge_items(
            base.relations(),
            ours.relations(),
            theirs.relations(),
            conflicts,
        ),
        preserved: merge_set(Some(base.preserved()), ours.preserved(), theirs.preserved()),
        rejected_suggestions: merge_set(
            Some(base.rejected_suggestions()),
            ours.rejected_suggestions(),
            theirs.rejected_suggestions(),
        ),
        rounds: merge_items(base.rounds(), ours.rounds(), theirs.rounds(), conflicts),
        briefs: merge_items(base.briefs(), ours.briefs(), theirs.briefs(), conflicts),
        ..ProjectParts::new(title)
    };
    (merged, annotations)
}
