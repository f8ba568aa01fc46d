//! A cell's stance history: its statements in time order as marks, each saying whether it
//! opened, kept, changed or gave up the stance, and the agreements of the issues
//! ([`Agreement`]: an `agreement` annotation agrees its issues between its holders' sides from
//! its date on).

use std::collections::HashMap;

use super::{Evidence, Lookup, TagKind, When};
use crate::model::{AGREEMENT, ActorId, AnnotationId, IssueId, Project, Stance};

/// What one statement did to the stance of its cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// The first stance given.
    First,
    /// The stance given again, unchanged.
    Same,
    /// A different stance than the one before.
    Change { from: Option<Stance> },
    /// Ground given: a concession, or a statement with a `concedes-to` link. Its stance (if
    /// any) is the stance from then on.
    Concession,
    /// An `agreement` annotation: the issue is agreed from here on.
    Agreement,
    /// A statement a later one retracts: shown, but it sets no stance.
    Retracted,
}

/// One statement of a cell's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StanceMark {
    pub when: When,
    /// The stance the statement takes on the cell's issue.
    pub stance: Option<Stance>,
    pub kind: MarkKind,
    pub evidence: AnnotationId,
}

impl StanceMark {
    /// True if the mark is a move: a change of stance or a concession.
    #[must_use]
    pub fn is_move(&self) -> bool {
        matches!(self.kind, MarkKind::Change { .. } | MarkKind::Concession)
    }
}

/// The marks of a cell from its evidence in time order. Statements without a stance are
/// left out unless they are a concession, an agreement or retracted: the history is of the
/// stance, and the evidence list keeps every statement.
pub(crate) fn history(evidence: &[Evidence]) -> Vec<StanceMark> {
    let mut marks = Vec::new();
    let mut current: Option<Option<Stance>> = None;
    for e in evidence {
        let kind = if e.is_retracted {
            MarkKind::Retracted
        } else if e.kind == TagKind::Agreement {
            MarkKind::Agreement
        } else if e.is_concession {
            MarkKind::Concession
        } else if e.stance.is_none() {
            continue;
        } else {
            match current {
                None => MarkKind::First,
                Some(before) if before == e.stance => MarkKind::Same,
                Some(before) => MarkKind::Change { from: before },
            }
        };
        if kind != MarkKind::Retracted && e.stance.is_some() {
            current = Some(e.stance);
        }
        marks.push(StanceMark {
            when: e.when,
            stance: e.stance,
            kind,
            evidence: e.annotation,
        });
    }
    marks
}

/// True if the history held: at least two dated statements of a stance and no move.
pub(crate) fn held(marks: &[StanceMark]) -> bool {
    let stated = (marks.iter())
        .filter(|m| m.when.date.is_some() && matches!(m.kind, MarkKind::First | MarkKind::Same))
        .count();
    stated >= 2 && !marks.iter().any(StanceMark::is_move)
}

/// An issue agreed between sides: from `when` on, by the `agreement` annotation `evidence`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub issue: IssueId,
    pub when: When,
    /// The sides of the agreement's holders (roots of their side chains), once each, in
    /// holder order.
    pub sides: Vec<ActorId>,
    pub evidence: AnnotationId,
}

/// The agreements inside the filter's dates, per issue in time order. Tag filters do not hide
/// them: an agreed issue is agreed whatever statements are shown.
pub(crate) fn agreements(
    project: &Project,
    lookup: &Lookup,
    filter: &super::AnalysisFilter,
) -> HashMap<IssueId, Vec<Agreement>> {
    let mut out: HashMap<IssueId, Vec<Agreement>> = HashMap::new();
    let dates_only = super::AnalysisFilter {
        tags: std::collections::BTreeSet::new(),
        ..filter.clone()
    };
    for a in project.annotations().iter().filter(|a| a.tag == AGREEMENT) {
        if !lookup.admits(a, &dates_only) {
            continue;
        }
        let Some(when) = lookup.when(a) else {
            continue;
        };
        let sides = project.holder_sides(a);
        for issue in super::distinct_issues(a) {
            out.entry(issue).or_default().push(Agreement {
                issue,
                when,
                sides: sides.clone(),
                evidence: a.id,
            });
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|g| g.when);
    }
    out
}
