//! [`moves`]: the Moves ledger — what moved between two rounds of talks, by side and issue.
//!
//! Each side's standing on each issue is compared at the end of the earlier round and at
//! the end of the later one. One row per side × issue that moved in between: the previous
//! stance and its date, the new stance and its date, the kind of move (new, flip,
//! concession, agreement; the strongest one wins, so a concession that is also a flip is
//! one row), what a concession answers (`concedes-to`), its terms (`in-exchange-for`), its
//! condition (a `conditional-on` link or the written condition), and the evidence. Pairs
//! that kept their stance are listed as held, and issues agreed in the period as agreed.
//!
//! Sides are the roll-up of holders by [`Project::side_of`]; a joint statement counts once
//! for each distinct side. Time order is the analysis [`When`] (said_on first). A side's
//! standing is its latest statement with a stance on the issue (a later one without a
//! stance keeps it), ignoring statements retracted by then. The work is one pass over the
//! annotations plus the period's statements: O(annotations), no sort of the whole corpus.

mod brief;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    AnalysisFilter, Cell, PositionMap, RollUp, TagKind, When, admits_holders, affiliation_of,
};
use crate::model::{
    AGREEMENT, ActorId, AnnotationId, CONCEDES_TO, CONDITIONAL_ON, IN_EXCHANGE_FOR, IssueId,
    Project, RETRACTS, Round, RoundId, RoundSpan, Stance,
};

pub use brief::{draft_brief, issue_list, statement_name};

/// What kind of move a row is, strongest last: a row takes the strongest that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MoveKind {
    /// A stance on an issue the side had none on before.
    New,
    /// A stance other than the one held before.
    Flip,
    /// A concession on the issue (a `concession` statement, or one that `concedes-to`).
    Concession,
    /// The side is a party to an agreement on the issue.
    Agreement,
}

impl MoveKind {
    /// The word in reports and the JSON: `new`, `flip`, `concession`, `agreement`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Flip => "flip",
            Self::Concession => "concession",
            Self::Agreement => "agreement",
        }
    }
}

/// A stance as of a statement: what it was, when it was said, and which statement says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StanceAt {
    pub stance: Option<Stance>,
    pub date: Option<NaiveDate>,
    pub evidence: AnnotationId,
}

/// One row of the ledger: a side's move on an issue between the two rounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub side: ActorId,
    pub issue: IssueId,
    /// Where the side stood at the end of the earlier round; `None` if nowhere.
    pub from: Option<StanceAt>,
    /// Where it stands at the end of the later round, dated by the statement that moved it.
    pub to: StanceAt,
    pub kind: MoveKind,
    /// The statement a concession answers (its `concedes-to` link).
    pub answers: Option<AnnotationId>,
    /// What it was given in exchange for (`in-exchange-for` links of the period's statements).
    pub terms: Vec<AnnotationId>,
    /// Statements the new stance is conditional on (`conditional-on` links).
    pub conditional_on: Vec<AnnotationId>,
    /// The written condition of the new stance on this issue.
    pub condition: Option<String>,
    /// The period's statements of the side on the issue, in time order (the agreement too).
    pub evidence: Vec<AnnotationId>,
}

/// A side × issue that kept its stance through the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub side: ActorId,
    pub issue: IssueId,
    /// The stance kept, as of its latest statement.
    pub stance: StanceAt,
    /// Statements in the period that said it again, in time order.
    pub reaffirmed: Vec<AnnotationId>,
}

/// An agreement on an issue in the period: from its date, the issue is agreed between the
/// sides of its holders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreed {
    pub issue: IssueId,
    pub sides: Vec<ActorId>,
    pub date: Option<NaiveDate>,
    pub evidence: AnnotationId,
}

/// The ledger between two rounds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moves {
    /// The earlier round; `None`: since the start of the talks.
    pub from: Option<RoundId>,
    pub to: Option<RoundId>,
    /// By side (project order of the side actors), then issue (project order).
    pub moves: Vec<Move>,
    pub held: Vec<Held>,
    pub agreed: Vec<Agreed>,
    /// Each side with a standing at the end of the later round, in project order, with how
    /// many issues it has one on.
    pub sides: Vec<(ActorId, usize)>,
}

impl Moves {
    /// The rows of one side.
    pub fn of_side(&self, side: ActorId) -> impl Iterator<Item = &Move> + '_ {
        self.moves.iter().filter(move |m| m.side == side)
    }

    /// The held pairs of one side.
    pub fn held_by(&self, side: ActorId) -> impl Iterator<Item = &Held> + '_ {
        self.held.iter().filter(move |h| h.side == side)
    }
}

/// The end of a round as a point in time order: everything said up to it is "as of" it.
fn round_end(project: &Project, round: &Round) -> When {
    match &round.span {
        RoundSpan::Dates { to, .. } => When {
            date: Some(*to),
            document: usize::MAX,
            offset_chars: usize::MAX,
        },
        RoundSpan::Documents(documents) => documents
            .iter()
            .filter_map(|&d| {
                let index = project.document_index(d)?;
                Some(When {
                    date: project.documents().get(index)?.date,
                    document: index,
                    offset_chars: usize::MAX,
                })
            })
            .max()
            .unwrap_or_default(),
    }
}

/// The rounds in time order (by their ends; equal ends keep the analyst's order).
#[must_use]
pub fn rounds_in_order(project: &Project) -> Vec<&Round> {
    let mut rounds: Vec<&Round> = project.rounds().iter().collect();
    rounds.sort_by_key(|r| round_end(project, r));
    rounds
}

/// The round just before `round` in time order, if any.
#[must_use]
pub fn round_before(project: &Project, round: RoundId) -> Option<RoundId> {
    let order = rounds_in_order(project);
    let at = order.iter().position(|r| r.id == round)?;
    at.checked_sub(1).map(|i| order[i].id)
}

/// The round just after `round` in time order, if any.
#[must_use]
pub fn round_after(project: &Project, round: RoundId) -> Option<RoundId> {
    let order = rounds_in_order(project);
    let at = order.iter().position(|r| r.id == round)?;
    order.get(at + 1).map(|r| r.id)
}

/// A statement of a side on an issue, as the ledger needs it.
#[derive(Clone, Copy, Debug)]
struct Said {
    when: When,
    stance: Option<Stance>,
    id: AnnotationId,
    position: usize,
    is_concession: bool,
}

impl Said {
    fn at(&self) -> StanceAt {
        StanceAt {
            stance: self.stance,
            date: self.when.date,
            evidence: self.id,
        }
    }

    /// Ranks standings: a statement with a stance beats one without, then the later wins.
    fn rank(&self) -> (bool, When, usize) {
        (self.stance.is_some(), self.when, self.position)
    }
}

/// What the pass gathers for one side × issue.
#[derive(Default)]
struct Pair {
    /// The standing at the end of the earlier round.
    at_from: Option<Said>,
    /// The standing at the end of the later round.
    at_to: Option<Said>,
    /// The period's statements.
    period: Vec<Said>,
    /// Agreements in the period the side is a party to.
    agreements: Vec<Said>,
}

/// The ledger between `from` (none: the start of the talks) and `to`, for the annotations
/// inside `filter`. The rounds are swapped if `from` ends after `to`; an unknown round
/// gives an empty ledger.
#[must_use]
pub fn moves(
    project: &Project,
    filter: &AnalysisFilter,
    from: Option<RoundId>,
    to: RoundId,
) -> Moves {
    let sides = PositionMap::build(project, &ledger_filter(filter));
    moves_in(project, &sides, filter, from, to)
}

/// The filter of the side map a ledger reads ([`moves_in`]): sides, and agreements whatever
/// tags are shown (an agreed issue is agreed whatever statements are shown).
#[must_use]
pub(crate) fn ledger_filter(filter: &AnalysisFilter) -> AnalysisFilter {
    let mut sides = AnalysisFilter {
        roll_up: RollUp::Sides,
        group_by_affiliation: false,
        ..filter.clone()
    };
    if !sides.tags.is_empty() {
        sides.tags.insert(AGREEMENT.to_owned());
    }
    sides
}

/// [`moves`] read off `sides`, the position map of the project under
/// [`ledger_filter`]`(filter)`: its cells hold each side's statements on each issue in time
/// order, so the ledger is one walk over them, and follows an edit as the map does.
#[must_use]
pub(crate) fn moves_in(
    project: &Project,
    sides: &PositionMap,
    filter: &AnalysisFilter,
    from: Option<RoundId>,
    to: RoundId,
) -> Moves {
    let (Some(mut to_round), Ok(mut from_round)) = (
        project.round(to),
        from.map_or(Ok(None), |id| project.round(id).map(Some).ok_or(())),
    ) else {
        return Moves::default();
    };
    if let Some(earlier) = from_round
        && round_end(project, earlier) > round_end(project, to_round)
    {
        from_round = Some(to_round);
        to_round = earlier;
    }
    let end_to = round_end(project, to_round);
    let end_from = from_round.map(|r| round_end(project, r));
    let mut out = Moves {
        from: from_round.map(|r| r.id),
        to: Some(to_round.id),
        agreed: agreed_in(project, sides, filter, end_from, end_to),
        ..Moves::default()
    };
    let retracted_at = retractions(project);
    let links = Links::new(project);
    // The map's rows are the sides in project order, its columns the issues in theirs.
    for (row, side) in sides.rows.iter().enumerate() {
        for (column, &issue) in sides.issues.iter().enumerate() {
            let Some(cell) = sides.cell(row, column) else {
                continue;
            };
            let pair = gather(cell, &retracted_at, end_from, end_to);
            if pair.at_to.is_some() || !pair.agreements.is_empty() {
                match out.sides.last_mut() {
                    Some((s, count)) if *s == side.actor => *count += 1,
                    _ => out.sides.push((side.actor, 1)),
                }
            }
            match ledger_entry(project, &links, (side.actor, issue), &pair) {
                Some(Entry::Move(m)) => out.moves.push(m),
                Some(Entry::Held(h)) => out.held.push(h),
                None => {}
            }
        }
    }
    out
}

/// The agreements of the period, from the side map's: each in time order of its issue, then
/// by issue in project order.
fn agreed_in(
    project: &Project,
    sides: &PositionMap,
    filter: &AnalysisFilter,
    end_from: Option<When>,
    end_to: When,
) -> Vec<Agreed> {
    let in_period = |w: When| end_from.is_none_or(|f| w > f) && w <= end_to;
    let groups: HashMap<ActorId, Option<&str>> = if filter.affiliations.is_empty() {
        HashMap::new()
    } else {
        (project.actors().iter())
            .map(|a| (a.id, affiliation_of(project, a.id)))
            .collect()
    };
    let mut agreed: Vec<(usize, Agreed)> = Vec::new();
    for (column, &issue) in sides.issues.iter().enumerate() {
        for agreement in sides.agreed(issue) {
            let admitted = project.annotation(agreement.evidence).is_some_and(|a| {
                !a.holders.is_empty()
                    && admits_holders(filter, a, |h| groups.get(&h).copied().flatten())
            });
            if admitted && in_period(agreement.when) {
                agreed.push((
                    column,
                    Agreed {
                        issue,
                        sides: agreement.sides.clone(),
                        date: agreement.when.date,
                        evidence: agreement.evidence,
                    },
                ));
            }
        }
    }
    agreed.sort_by_key(|(column, a)| (a.date, *column, a.evidence));
    agreed.into_iter().map(|(_, a)| a).collect()
}

/// One side × issue's standings at the two ends and its statements in the period, from its
/// cell of the side map (its statements in time order).
fn gather(
    cell: &Cell,
    retracted_at: &HashMap<AnnotationId, When>,
    end_from: Option<When>,
    end_to: When,
) -> Pair {
    let in_period = |w: When| end_from.is_none_or(|f| w > f) && w <= end_to;
    let mut pair = Pair::default();
    for e in &cell.evidence {
        if e.when > end_to {
            break;
        }
        let is_agreement = e.kind == TagKind::Agreement;
        let counts_as_standing =
            matches!(e.kind, TagKind::Position | TagKind::Concession) || is_agreement;
        if e.stance.is_none() && !counts_as_standing {
            continue;
        }
        // Most corpora retract little: no hashing per statement when nothing is retracted.
        let retracted = (!retracted_at.is_empty())
            .then(|| retracted_at.get(&e.annotation).copied())
            .flatten();
        let standing_at = |end: When| retracted.is_none_or(|r| r > end);
        let said = Said {
            when: e.when,
            stance: e.stance,
            id: e.annotation,
            position: e.position,
            is_concession: e.is_concession,
        };
        if end_from.is_some_and(|f| e.when <= f && standing_at(f)) {
            keep_latest(&mut pair.at_from, said);
        }
        if standing_at(end_to) && !(is_agreement && e.stance.is_none()) {
            keep_latest(&mut pair.at_to, said);
        }
        if in_period(e.when) {
            if is_agreement {
                pair.agreements.push(said);
            } else {
                pair.period.push(said);
            }
        }
    }
    pair
}

fn keep_latest(slot: &mut Option<Said>, said: Said) {
    if slot.is_none_or(|s| said.rank() > s.rank()) {
        *slot = Some(said);
    }
}

enum Entry {
    Move(Move),
    Held(Held),
}

/// The row of one side × issue, or its held entry, or nothing (no standing, no move).
fn ledger_entry(
    project: &Project,
    links: &Links,
    (side, issue): (ActorId, IssueId),
    pair: &Pair,
) -> Option<Entry> {
    let from = pair.at_from.map(|s| s.at());
    let agreement = pair.agreements.last().copied();
    let concession = pair.period.iter().rev().find(|s| s.is_concession).copied();
    let standing = pair.at_to;
    let final_stance = standing.and_then(|s| s.stance);
    let from_stance = from.and_then(|f| f.stance);
    let kind = if agreement.is_some() {
        MoveKind::Agreement
    } else if concession.is_some() {
        MoveKind::Concession
    } else if pair.period.iter().all(|s| s.stance.is_none()) && from.is_some() {
        // Nothing said with a stance in the period: the earlier stance stands.
        return Some(Entry::Held(Held {
            side,
            issue,
            stance: from?,
            reaffirmed: pair.period.iter().map(|s| s.id).collect(),
        }));
    } else if from.is_none() || from_stance.is_none() {
        // A position without a stance is no move yet.
        if final_stance.is_none() || pair.period.is_empty() {
            return None;
        }
        MoveKind::New
    } else if final_stance != from_stance {
        MoveKind::Flip
    } else {
        return Some(Entry::Held(Held {
            side,
            issue,
            stance: standing.map_or(from?, |s| s.at()),
            reaffirmed: pair.period.iter().map(|s| s.id).collect(),
        }));
    };
    // The statement that moved it: the agreement, the concession, or the first statement
    // of the period from which on the stance stayed the final one.
    let decisive = agreement
        .or(concession)
        .or_else(|| since_final(&pair.period, final_stance))
        .or(standing)?;
    let to = StanceAt {
        stance: final_stance.or(decisive.stance),
        date: decisive.when.date,
        evidence: decisive.id,
    };
    let mut evidence: Vec<AnnotationId> = pair.period.iter().map(|s| s.id).collect();
    evidence.extend(pair.agreements.iter().map(|s| s.id));
    evidence.dedup();
    let from_evidence = links.starting_at(&evidence);
    let terms = ends_of_kind(project, &from_evidence, IN_EXCHANGE_FOR);
    let conditional_on = ends_of_kind(project, &from_evidence, CONDITIONAL_ON);
    let answers = concession.and_then(|c| {
        (ends_of_kind(project, &links.starting_at(&[c.id]), CONCEDES_TO))
            .first()
            .copied()
    });
    let condition = written_condition(project, &pair.period, issue);
    Some(Entry::Move(Move {
        side,
        issue,
        from,
        to,
        kind,
        answers,
        terms,
        conditional_on,
        condition,
        evidence,
    }))
}

/// The relations the ledger follows (terms, conditions, what a concession answers), by the
/// statement they start from: one pass over the relations per ledger rather than one per row.
struct Links {
    /// Positions in `project.relations`, in project order.
    from: HashMap<AnnotationId, Vec<usize>>,
}

impl Links {
    fn new(project: &Project) -> Self {
        let mut from: HashMap<AnnotationId, Vec<usize>> = HashMap::new();
        for (i, r) in project.relations().iter().enumerate() {
            if [IN_EXCHANGE_FOR, CONDITIONAL_ON, CONCEDES_TO].contains(&r.kind.as_str()) {
                from.entry(r.from).or_default().push(i);
            }
        }
        Self { from }
    }

    /// The relations (positions in the project's) from any of `statements`, in project
    /// order, each once.
    fn starting_at(&self, statements: &[AnnotationId]) -> Vec<usize> {
        if self.from.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<usize> = (statements.iter())
            .filter_map(|s| self.from.get(s))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// The `to` ends of the `kind` relations among `relations` (from [`Links::starting_at`]), a
/// repeat of the one before left out.
fn ends_of_kind(project: &Project, relations: &[usize], kind: &str) -> Vec<AnnotationId> {
    let mut out: Vec<AnnotationId> = (relations.iter())
        .filter_map(|&i| project.relations().get(i))
        .filter(|r| r.kind == kind)
        .map(|r| r.to)
        .collect();
    out.dedup();
    out
}

/// The first statement of the period after which every stanced statement holds `stance`.
fn since_final(period: &[Said], stance: Option<Stance>) -> Option<Said> {
    stance?;
    let mut since = None;
    for s in period.iter().filter(|s| s.stance.is_some()) {
        if s.stance == stance {
            since.get_or_insert(*s);
        } else {
            since = None;
        }
    }
    since
}

/// The latest written condition on the issue among the period's statements.
fn written_condition(project: &Project, period: &[Said], issue: IssueId) -> Option<String> {
    period.iter().rev().find_map(|s| {
        let a = project.annotations().get(s.position)?;
        let text = a.issue_stance(issue)?.condition.as_deref()?.trim();
        (!text.is_empty()).then(|| text.to_owned())
    })
}

/// When each retracted statement was retracted: the earliest `retracts` statement's time.
fn retractions(project: &Project) -> HashMap<AnnotationId, When> {
    let mut out: HashMap<AnnotationId, When> = HashMap::new();
    let retracts: Vec<_> = (project.relations().iter())
        .filter(|r| r.kind == RETRACTS)
        .collect();
    if retracts.is_empty() {
        return out;
    }
    for r in retracts {
        let Some(by) = project.annotation(r.from) else {
            continue;
        };
        let Some(when) = project.document_index(by.document).map(|document| When {
            date: project.statement_day(by),
            document,
            offset_chars: by.extent().start,
        }) else {
            continue;
        };
        let slot = out.entry(r.to).or_insert(when);
        *slot = (*slot).min(when);
    }
    out
}
