//! Links never get lost: when a decision keeps one version of an annotation and drops
//! another (adjudication's "take B", a merge conflict decided for one side, a merge whose one
//! side replaced an annotation), the dropped version's relations move to the kept version.
//! A relation that truly cannot be kept — its other end is gone with no kept version, or
//! moving it would link an annotation to itself or close a `retracts` cycle — is named, so
//! the decision's message can say which links went (and that undo brings them back).
//!
//! The rule is one function, [`relink`], used by adjudication and by `stance merge`.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::{AnnotationId, Edit, Project, Relation, RelationId, elide};
use crate::model::{RETRACTS, Span};

/// What becomes of the dropped annotations: each one's kept version, where it has one.
pub type Successors = HashMap<AnnotationId, AnnotationId>;

/// Why a link could not be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LostReason {
    /// An end was dropped and no version of it was kept.
    EndGone,
    /// Both ends became the same annotation.
    WouldLinkToItself,
    /// Moved, the `retracts` relation would close a cycle.
    WouldCloseRetractsCycle,
}

impl fmt::Display for LostReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::EndGone => "no version of its end was kept",
            Self::WouldLinkToItself => "both ends became one annotation",
            Self::WouldCloseRetractsCycle => "it would close a cycle of retractions",
        })
    }
}

/// A link that could not be kept, as it was, and how to name it.
#[derive(Clone, Debug, PartialEq)]
pub struct LostLink {
    pub relation: Relation,
    pub reason: LostReason,
    /// `concedes-to from "quote…" to "quote…"`, from the project before the decision.
    pub description: String,
}

impl fmt::Display for LostLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.description, self.reason)
    }
}

/// The relations of dropped annotations: those moved to a kept version and those lost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Relinked {
    /// Each touched relation with its ends moved to the kept versions.
    pub moved: Vec<Relation>,
    /// Relations that became copies of a relation already there (same type, ends and note):
    /// the link is kept by that one, so these simply go.
    pub merged: Vec<RelationId>,
    pub lost: Vec<LostLink>,
}

impl Relinked {
    /// The edits, to run after the kept versions are in place and before the dropped ones
    /// are removed: moves replace relations (their ids stay), merged and lost ones are
    /// removed.
    #[must_use]
    pub fn edits(&self) -> Vec<Edit> {
        let moves = self.moved.iter().cloned().map(Edit::ReplaceRelation);
        let removals = (self.merged.iter().copied())
            .chain(self.lost.iter().map(|l| l.relation.id))
            .map(Edit::RemoveRelation);
        moves.chain(removals).collect()
    }

    /// The decision's message about its links: empty when none was lost.
    #[must_use]
    pub fn message(&self) -> String {
        lost_message(&self.lost)
    }
}

/// `1 link could not be kept: …. Undo (Ctrl+Z) brings it back.`; empty for none.
#[must_use]
pub fn lost_message(lost: &[LostLink]) -> String {
    match lost {
        [] => String::new(),
        [one] => format!("1 link could not be kept: {one}. Undo (Ctrl+Z) brings it back."),
        many => {
            let names: Vec<String> = many.iter().map(ToString::to_string).collect();
            format!(
                "{} links could not be kept: {}. Undo (Ctrl+Z) brings them back.",
                many.len(),
                names.join("; ")
            )
        }
    }
}

/// Where each relation touching `dropped` goes: its dropped ends replaced by their
/// successors. `project` is the project before the decision.
#[must_use]
pub fn relink(project: &Project, dropped: &[AnnotationId], successors: &Successors) -> Relinked {
    let dropped: HashSet<AnnotationId> = dropped.iter().copied().collect();
    let mut out = Relinked::default();
    if dropped.is_empty() {
        return out;
    }
    let touched: Vec<&Relation> = (project.relations().iter())
        .filter(|r| dropped.contains(&r.from) || dropped.contains(&r.to))
        .collect();
    let touched_ids: HashSet<RelationId> = touched.iter().map(|r| r.id).collect();
    // The relations that stay as they are, then each moved one as it is decided: what a
    // moved relation must not duplicate or close a cycle with.
    let mut staying: Vec<Relation> = (project.relations().iter())
        .filter(|r| !touched_ids.contains(&r.id))
        .cloned()
        .collect();
    for relation in touched {
        let end = |id: AnnotationId| {
            if dropped.contains(&id) {
                successors.get(&id).copied()
            } else {
                Some(id)
            }
        };
        let lost = |reason| LostLink {
            relation: relation.clone(),
            reason,
            description: describe(project, relation),
        };
        let (Some(from), Some(to)) = (end(relation.from), end(relation.to)) else {
            out.lost.push(lost(LostReason::EndGone));
            continue;
        };
        let moved = Relation {
            from,
            to,
            ..relation.clone()
        };
        match place(&staying, &moved) {
            Placement::Move => {
                staying.push(moved.clone());
                out.moved.push(moved);
            }
            Placement::AlreadyThere => out.merged.push(relation.id),
            Placement::Lost(reason) => out.lost.push(lost(reason)),
        }
    }
    out
}

/// How a moved relation fits among those that stay.
pub(crate) enum Placement {
    Move,
    AlreadyThere,
    Lost(LostReason),
}

/// Whether `moved` can join `staying`: not onto itself, not a copy, no `retracts` cycle.
pub(crate) fn place(staying: &[Relation], moved: &Relation) -> Placement {
    if moved.from == moved.to {
        return Placement::Lost(LostReason::WouldLinkToItself);
    }
    if staying.iter().any(|r| {
        r.kind == moved.kind && r.from == moved.from && r.to == moved.to && r.note == moved.note
    }) {
        return Placement::AlreadyThere;
    }
    if moved.kind == RETRACTS && retracts_path(staying, moved.to, moved.from) {
        return Placement::Lost(LostReason::WouldCloseRetractsCycle);
    }
    Placement::Move
}

/// Whether `retracts` relations lead from `start` to `goal`.
fn retracts_path(relations: &[Relation], start: AnnotationId, goal: AnnotationId) -> bool {
    let mut next: HashMap<AnnotationId, Vec<AnnotationId>> = HashMap::new();
    for r in relations.iter().filter(|r| r.kind == RETRACTS) {
        next.entry(r.from).or_default().push(r.to);
    }
    let mut seen = HashSet::new();
    let mut stack = vec![start];
    while let Some(at) = stack.pop() {
        if at == goal {
            return true;
        }
        if seen.insert(at) {
            stack.extend(next.get(&at).into_iter().flatten().copied());
        }
    }
    false
}

/// `concedes-to from "quote…" to "quote…"`.
#[must_use]
pub fn describe(project: &Project, relation: &Relation) -> String {
    let quote = |id: AnnotationId| {
        project.annotation(id).map_or_else(
            || format!("annotation {}", id.short()),
            |a| format!("{:?}", elide(&a.quote)),
        )
    };
    format!(
        "{} from {} to {}",
        relation.kind,
        quote(relation.from),
        quote(relation.to)
    )
}

/// Each dropped annotation's kept version: the kept annotation of the same document whose
/// text overlaps it most (none overlapping: none, its links cannot follow it).
#[must_use]
pub fn successors_by_overlap(
    project: &Project,
    dropped: &[AnnotationId],
    kept: &[AnnotationId],
) -> Successors {
    let mut out = Successors::new();
    for &id in dropped {
        let Some(a) = project.annotation(id) else {
            continue;
        };
        let mut best: Option<(usize, AnnotationId)> = None;
        for k in (kept.iter()).filter_map(|&k| project.annotation(k)) {
            let shared = shared_text(&a.ranges, &k.ranges);
            // The first of equals.
            if k.document == a.document && shared > 0 && best.is_none_or(|(most, _)| shared > most)
            {
                best = Some((shared, k.id));
            }
        }
        if let Some((_, k)) = best {
            out.insert(id, k);
        }
    }
    out
}

/// Code points two annotations' ranges share.
#[must_use]
pub fn shared_text(a: &[Span], b: &[Span]) -> usize {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| (x, y)))
        .map(|(x, y)| x.end.min(y.end).saturating_sub(x.start.max(y.start)))
        .sum()
}
