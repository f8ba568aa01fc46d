//! [`changes`]: what moved between two rounds of talks — new positions, flipped stances,
//! concessions and retractions.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{AnalysisFilter, Evidence, Lookup, TagKind, When, affiliation_of, distinct_issues};
use crate::model::{ActorId, AnnotationId, DocumentId, IssueId, Project, RETRACTS, Stance};

/// A point in the talks: the end of a day, or the end of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cutoff {
    /// Everything said in documents dated on or before the day (and undated ones).
    Date(NaiveDate),
    /// Everything said up to the end of this document, in time order.
    Document(DocumentId),
}

/// Compares statements with a cutoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bound {
    date: Option<NaiveDate>,
    /// `None`: the whole day.
    document: Option<usize>,
}

impl Bound {
    fn of(project: &Project, cutoff: Cutoff) -> Option<Self> {
        match cutoff {
            Cutoff::Date(date) => Some(Self {
                date: Some(date),
                document: None,
            }),
            Cutoff::Document(id) => {
                let index = project.document_index(id)?;
                Some(Self {
                    date: project.documents().get(index)?.date,
                    document: Some(index),
                })
            }
        }
    }

    fn includes(self, when: When) -> bool {
        match self.document {
            None => when.date <= self.date,
            Some(document) => (when.date, when.document) <= (self.date, document),
        }
    }
}

/// What kind of change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// The actor took a position on the issue it had none on before.
    NewPosition { stance: Option<Stance> },
    /// The actor's latest stance on the issue is no longer what it was.
    Flipped { from: Stance, to: Stance },
    /// A concession, with what it concedes to if a `concedes-to` relation says.
    Concession { to: Option<AnnotationId> },
    /// A statement that retracts an earlier one.
    Retraction { retracted: AnnotationId },
}

impl ChangeKind {
    /// A short word for lists: `new`, `flipped`, `concession`, `retraction`.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::NewPosition { .. } => "new position",
            Self::Flipped { .. } => "flipped",
            Self::Concession { .. } => "concession",
            Self::Retraction { .. } => "retraction",
        }
    }
}

/// One change, with the statement that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub actor: Option<ActorId>,
    /// `None` for a retraction or concession that names no issue.
    pub issue: Option<IssueId>,
    pub evidence: Evidence,
}

/// The changes between two cutoffs, in time order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub changes: Vec<Change>,
}

/// Where each actor stood on each issue as of a bound: the latest stance and the statement.
type Standing = HashMap<(ActorId, IssueId), (Option<Stance>, Evidence)>;

/// What changed from `before` to `after` (swapped if `after` comes first), for the
/// annotations inside `filter`. An unknown document as a cutoff changes nothing.
#[must_use]
pub fn changes(
    project: &Project,
    filter: &AnalysisFilter,
    before: Cutoff,
    after: Cutoff,
) -> Changes {
    let (Some(mut a), Some(mut b)) = (Bound::of(project, before), Bound::of(project, after)) else {
        return Changes::default();
    };
    let first_key = |x: Bound| (x.date, x.document.unwrap_or(usize::MAX));
    if first_key(b) < first_key(a) {
        std::mem::swap(&mut a, &mut b);
    }
    let lookup = Lookup::new(project, filter);
    let statements = admitted_statements(project, filter, &lookup);
    let whens: HashMap<AnnotationId, When> = statements
        .iter()
        .map(|(_, e)| (e.annotation, e.when))
        .collect();
    let standing_a = standing(project, &statements, &whens, a);
    let standing_b = standing(project, &statements, &whens, b);
    let mut out = Vec::new();
    for (&(actor, issue), (stance, evidence)) in &standing_b {
        let change = match (standing_a.get(&(actor, issue)), stance) {
            (None, _) => ChangeKind::NewPosition { stance: *stance },
            (Some((Some(from), _)), Some(to)) if from != to => ChangeKind::Flipped {
                from: *from,
                to: *to,
            },
            _ => continue,
        };
        out.push(Change {
            kind: change,
            actor: Some(actor),
            issue: Some(issue),
            evidence: evidence.clone(),
        });
    }
    let is_between = |when: When| !a.includes(when) && b.includes(when);
    for (holder, e) in &statements {
        if is_between(e.when)
            && (e.kind == TagKind::Concession || lookup.concedes_to(e.annotation).is_some())
        {
            let issue = project
                .annotations()
                .get(e.position)
                .and_then(|x| x.issues.first().copied());
            out.push(Change {
                kind: ChangeKind::Concession {
                    to: lookup.concedes_to(e.annotation),
                },
                actor: *holder,
                issue,
                evidence: e.clone(),
            });
        }
    }
    let by_id: HashMap<AnnotationId, &(Option<ActorId>, Evidence)> =
        statements.iter().map(|s| (s.1.annotation, s)).collect();
    for r in project.relations().iter().filter(|r| r.kind == RETRACTS) {
        let Some((holder, e)) = by_id.get(&r.from).copied() else {
            continue;
        };
        if is_between(e.when) {
            let issue = project
                .annotations()
                .get(e.position)
                .and_then(|x| x.issues.first().copied());
            out.push(Change {
                kind: ChangeKind::Retraction { retracted: r.to },
                actor: *holder,
                issue,
                evidence: e.clone(),
            });
        }
    }
    out.sort_by(|x, y| {
        (
            x.evidence.when,
            x.evidence.position,
            x.kind.as_str(),
            x.issue,
        )
            .cmp(&(
                y.evidence.when,
                y.evidence.position,
                y.kind.as_str(),
                y.issue,
            ))
    });
    Changes { changes: out }
}

/// The annotations inside the filter, with their holders, in time order.
fn admitted_statements(
    project: &Project,
    filter: &AnalysisFilter,
    lookup: &Lookup,
) -> Vec<(Option<ActorId>, Evidence)> {
    let affiliations: HashMap<ActorId, Option<&str>> = (project.actors().iter().rev())
        .map(|a| (a.id, affiliation_of(project, a.id)))
        .collect();
    let mut statements: Vec<(Option<ActorId>, Evidence)> = project
        .annotations()
        .iter()
        .enumerate()
        .filter(|(_, a)| lookup.admits(a, filter))
        .filter(|(_, a)| {
            filter.affiliations.is_empty()
                || filter.admits_affiliation(
                    a.holder
                        .and_then(|h| affiliations.get(&h).copied().flatten()),
                )
        })
        .filter_map(|(position, a)| Some((a.holder, lookup.evidence(a, position)?)))
        .collect();
    statements.sort_by_key(|(_, e)| (e.when, e.position));
    statements
}

/// Each actor's latest standing on each issue as of `bound`, ignoring statements retracted
/// by then. Only positions, concessions and statements with a stance count as a standing.
fn standing(
    project: &Project,
    statements: &[(Option<ActorId>, Evidence)],
    whens: &HashMap<AnnotationId, When>,
    bound: Bound,
) -> Standing {
    let retracted: std::collections::HashSet<AnnotationId> = project
        .relations()
        .iter()
        .filter(|r| r.kind == RETRACTS)
        .filter(|r| whens.get(&r.from).is_some_and(|&w| bound.includes(w)))
        .map(|r| r.to)
        .collect();
    let mut out: Standing = HashMap::new();
    for (holder, e) in statements {
        let Some(holder) = *holder else {
            continue;
        };
        let is_standing =
            matches!(e.kind, TagKind::Position | TagKind::Concession) || e.stance.is_some();
        if !is_standing || !bound.includes(e.when) || retracted.contains(&e.annotation) {
            continue;
        }
        let Some(annotation) = project.annotations().get(e.position) else {
            continue;
        };
        for issue in distinct_issues(annotation) {
            // Statements come in time order: a later one without a stance keeps the stance
            // given before.
            let entry = out.entry((holder, issue)).or_insert((None, e.clone()));
            *entry = (e.stance.or(entry.0), e.clone());
        }
    }
    out
}
