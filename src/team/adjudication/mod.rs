//! Adjudication: the queue of what annotators disagree on ([`queue`]) and the merge conflicts
//! a project carries, and each decision on them as one [`Edit`] ([`decide`]), so a decision
//! is one undo step.
//!
//! Annotators are told apart by each annotation's `annotator` (annotations without one form
//! one more annotator). A decided annotation is kept with the annotator [`ADJUDICATED`], so
//! it leaves the queue and the agreement figures.

mod agreed;
mod conflicts;
mod figures;
mod import;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::model::{AnnotationId, DocumentId, Edit, Project, Span};
use crate::team::annotators;
use crate::team::relink::{self, LostLink, Successors};

pub use agreed::{accept_agreements, agreed_count};
pub use figures::{Figures, figures};
pub use import::{ImportError, import_for_comparison};

pub use crate::team::annotators::{ADJUDICATED, is_adjudicated};

/// One thing to decide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A merge conflict, by its index in [`Project::conflicts`].
    Conflict { index: usize },
    /// Annotators marked this stretch of a document differently.
    Disagreement(Disagreement),
}

/// Overlapping annotations of one document on which annotators differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub document: DocumentId,
    /// From the first start to the last end of the annotations involved.
    pub extent: Span,
    /// Each annotator's annotations here, annotators by name; only those with one.
    pub sides: Vec<CoderSide>,
    pub kind: DisagreementKind,
}

/// One annotator's annotations in a disagreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoderSide {
    /// The `annotator` field; `None` for annotations without one.
    pub coder: Option<String>,
    pub annotations: Vec<AnnotationId>,
}

/// How the annotators differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisagreementKind {
    /// Only one annotator marked it.
    Unmatched,
    /// Several annotators marked it, differently in these respects.
    Differs { span: bool, tag: bool, holder: bool },
}

impl DisagreementKind {
    /// `only one annotator`, `tag and holder differ`, …
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Self::Unmatched => "marked by one annotator only".to_owned(),
            Self::Differs { span, tag, holder } => {
                let parts: Vec<&str> = [(span, "span"), (tag, "tag"), (holder, "holder")]
                    .into_iter()
                    .filter_map(|(is_different, name)| is_different.then_some(name))
                    .collect();
                match parts.as_slice() {
                    [one] => format!("the {one} differs"),
                    [init @ .., last] => format!("{} and {last} differ", init.join(", ")),
                    [] => "they differ".to_owned(),
                }
            }
        }
    }
}

/// What to do with an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    /// Keep the first version (ours, or the first annotator's) and drop the others.
    TakeA,
    /// Keep the second version (theirs, or the second annotator's).
    TakeB,
    /// Keep every version.
    TakeBoth,
    /// Keep none: drop the annotations (for a conflict about something other than an
    /// annotation, keep what the merge chose and drop the record).
    Reject,
}

/// Why a decision cannot be made.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum DecisionError {
    #[error("nothing is left to decide there")]
    NoSuchItem,
    #[error("a {kind} cannot keep both versions; take one")]
    BothNotPossible { kind: &'static str },
    #[error("a {kind}'s versions cannot be taken here; edit it, then reject the conflict")]
    NotPossible { kind: &'static str },
}

/// How a coder is shown: the annotator's name, or [`annotators::UNKNOWN`].
#[must_use]
pub fn coder_label(coder: Option<&str>) -> &str {
    annotators::label(coder)
}

/// The annotators of a project still to compare, one per person by the name rule (unknown
/// first), each under the first spelling met: every annotator but [`ADJUDICATED`].
#[must_use]
pub fn coders(project: &Project) -> Vec<Option<String>> {
    annotators::names(project, is_adjudicated)
}

/// Everything to decide: the merge conflicts first, then the disagreements in document and
/// text order. With fewer than two annotators there are no disagreements.
#[must_use]
pub fn queue(project: &Project) -> Vec<Item> {
    let mut items: Vec<Item> = (0..project.conflicts().len())
        .map(|index| Item::Conflict { index })
        .collect();
    if coders(project).len() >= 2 {
        for document in project.documents() {
            items.extend(
                disagreements_of(project, document.id)
                    .into_iter()
                    .map(Item::Disagreement),
            );
        }
    }
    items
}

/// The disagreements within one document: annotations grouped by overlap (transitively),
/// a group being a disagreement unless every annotator in it has one annotation and all
/// of them have the same ranges, tag and holder.
#[must_use]
pub fn disagreements_of(project: &Project, document: DocumentId) -> Vec<Disagreement> {
    groups(project, document)
        .iter()
        .filter_map(|group| disagreement(project, document, group))
        .collect()
}

/// The annotations of a document still to adjudicate, grouped by overlap (transitively).
fn groups(project: &Project, document: DocumentId) -> Vec<Vec<&crate::model::Annotation>> {
    let mut out = Vec::new();
    let mut group: Vec<&crate::model::Annotation> = Vec::new();
    let mut group_end = 0;
    let candidates = project
        .annotations_of(document)
        .filter(|a| !is_adjudicated(a));
    for a in candidates {
        let extent = a.extent();
        if !group.is_empty() && extent.start >= group_end {
            out.push(std::mem::take(&mut group));
        }
        group_end = if group.is_empty() {
            extent.end
        } else {
            group_end.max(extent.end)
        };
        group.push(a);
    }
    if !group.is_empty() {
        out.push(group);
    }
    out
}

fn disagreement(
    project: &Project,
    document: DocumentId,
    group: &[&crate::model::Annotation],
) -> Option<Disagreement> {
    let first = group.first()?;
    let by_coder: BTreeMap<Option<String>, Vec<&crate::model::Annotation>> =
        annotators::group(group.iter().copied(), |_| false)
            .into_iter()
            .map(|g| (g.name, g.annotations))
            .collect();
    let kind = if by_coder.len() == 1 {
        DisagreementKind::Unmatched
    } else {
        let ones: Vec<&crate::model::Annotation> = by_coder
            .values()
            .filter_map(|list| match list.as_slice() {
                [one] => Some(*one),
                _ => None,
            })
            .collect();
        let is_several = ones.len() != by_coder.len();
        let differs = |f: &dyn Fn(&crate::model::Annotation) -> String| {
            ones.iter().map(|a| f(a)).collect::<HashSet<_>>().len() > 1
        };
        let span = is_several || differs(&|a| format!("{:?}", a.ranges));
        let tag = differs(&|a| a.tag.clone());
        let holder = differs(&|a| {
            let mut names: Vec<String> = (project.holder_names(a).into_iter())
                .map(crate::model::name_key)
                .collect();
            names.sort();
            names.join(crate::model::HOLDERS_SEPARATOR)
        });
        if !(span || tag || holder) {
            return None;
        }
        DisagreementKind::Differs { span, tag, holder }
    };
    let start = first.extent().start;
    let end = group.iter().map(|a| a.extent().end).max().unwrap_or(start);
    Some(Disagreement {
        document,
        extent: Span::new(start, end),
        sides: by_coder
            .into_iter()
            .map(|(coder, list)| CoderSide {
                coder,
                annotations: list.iter().map(|a| a.id).collect(),
            })
            .collect(),
        kind,
    })
}

/// A decision: the edit that carries it out (one undo step) and the links it could not keep.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub edit: Edit,
    /// Links whose other end is gone with no kept version: named in the decision's message.
    pub lost: Vec<LostLink>,
}

impl Decision {
    /// What to tell the user about links: empty when every link was kept.
    #[must_use]
    pub fn message(&self) -> String {
        relink::lost_message(&self.lost)
    }
}

/// The decision that carries out `choice` on `item`. `now` stamps kept annotations;
/// `fresh_id` names the copy a conflict's "take both" adds. The relations of each dropped
/// annotation move to its kept version (see [`crate::team::relink`]).
///
/// # Errors
/// The item is gone, or the choice does not apply to it.
pub fn decide(
    project: &Project,
    item: &Item,
    choice: Choice,
    now: DateTime<Utc>,
    fresh_id: AnnotationId,
) -> Result<Decision, DecisionError> {
    match item {
        Item::Conflict { index } => conflicts::decide(project, *index, choice, fresh_id),
        Item::Disagreement(d) => decide_disagreement(project, d, choice, now),
    }
}

fn decide_disagreement(
    project: &Project,
    d: &Disagreement,
    choice: Choice,
    now: DateTime<Utc>,
) -> Result<Decision, DecisionError> {
    let side = |i: usize| -> Vec<AnnotationId> {
        d.sides
            .get(i)
            .map(|s| s.annotations.clone())
            .unwrap_or_default()
    };
    let all: Vec<AnnotationId> = d.sides.iter().flat_map(|s| s.annotations.clone()).collect();
    let kept: Vec<AnnotationId> = match choice {
        Choice::TakeA => side(0),
        Choice::TakeB => side(1),
        Choice::TakeBoth => all.clone(),
        Choice::Reject => Vec::new(),
    };
    let removed: Vec<AnnotationId> = all
        .iter()
        .copied()
        .filter(|id| !kept.contains(id))
        .collect();
    let mut edits = Vec::new();
    for id in &kept {
        let Some(a) = project.annotation(*id) else {
            return Err(DecisionError::NoSuchItem);
        };
        let mut curated = a.clone();
        curated.annotator = Some(ADJUDICATED.to_owned());
        curated.modified = now;
        edits.push(Edit::ReplaceAnnotation(Box::new(curated)));
    }
    let successors = relink::successors_by_overlap(project, &removed, &kept);
    let (removal, lost) = removal(project, &removed, &successors)?;
    edits.extend(removal);
    Ok(Decision {
        edit: Edit::Batch(edits),
        lost,
    })
}

/// Removes annotations; first their relations move to the successors (see
/// [`relink::relink`]), or go where they cannot, since a linked annotation cannot be removed.
fn removal(
    project: &Project,
    ids: &[AnnotationId],
    successors: &Successors,
) -> Result<(Vec<Edit>, Vec<LostLink>), DecisionError> {
    if ids.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    if ids.iter().any(|id| project.annotation(*id).is_none()) {
        return Err(DecisionError::NoSuchItem);
    }
    let relinked = relink::relink(project, ids, successors);
    let mut edits = relinked.edits();
    edits.push(Edit::RemoveAnnotations(ids.to_vec()));
    Ok((edits, relinked.lost))
}

/// The annotations an item is about, for views that mark or select them.
#[must_use]
pub fn annotations_of_item(project: &Project, item: &Item) -> Vec<AnnotationId> {
    match item {
        Item::Disagreement(d) => d.sides.iter().flat_map(|s| s.annotations.clone()).collect(),
        Item::Conflict { index } => match project.conflicts().get(*index).map(|c| &c.versions) {
            Some(crate::model::Versions::Annotation(sides)) => [&sides.ours, &sides.theirs]
                .into_iter()
                .flatten()
                .map(|a| a.id)
                .filter(|id| project.annotation(*id).is_some())
                .take(1)
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// The document an item is in, if it is about an annotation.
#[must_use]
pub fn document_of_item(project: &Project, item: &Item) -> Option<DocumentId> {
    match item {
        Item::Disagreement(d) => Some(d.document),
        Item::Conflict { index } => match &project.conflicts().get(*index)?.versions {
            crate::model::Versions::Annotation(sides) => sides
                .ours
                .as_ref()
                .or(sides.theirs.as_ref())
                .or(sides.base.as_ref())
                .map(|a| a.document),
            _ => None,
        },
    }
}
