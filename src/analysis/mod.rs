//! Analysis, a feature on the core alone: the project's annotations as a picture of the
//! negotiation — the position map (actors × issues), the timeline, and the Moves ledger
//! between two rounds of talks ([`moves`], with rounds proposed from article dates,
//! [`propose_rounds`], and the drafted brief, [`draft_brief`]) — corpus search with "annotate all" ([`search`], [`annotate_hits`]),
//! and the proposals the editor offers for a statement's date and firmness
//! ([`propose_said_on`], [`propose_firmness`]).
//! Pure values derived from a [`Project`] and an [`AnalysisFilter`]; [`AnalysisCache`]
//! rebuilds them only when either changes.
//!
//! Time order is the order of the talks: by the day a statement was made (the model's rule,
//! [`Annotation::statement_date`]: its `said_on`, else its document's date), then by document
//! (its place in the project), then by offset. An undated statement sorts before every dated
//! one, so an undated report never overrides a dated latest stance; a `from` date leaves it
//! out. A joint statement counts for each of its holders, and each issue of a statement
//! carries its own stance.

mod annotate_hits;
mod cache;
mod firmness;
pub mod history;
mod map;
mod moves;
mod rounds;
mod said_on;
pub mod search;
mod timeline;
pub mod wording;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::model::{
    ActorId, Annotation, AnnotationId, DocumentId, FastBuild, FastMap, FastSet, IssueId,
    PartialDate, Project, RETRACTS, Rgb, Stance,
};

pub use annotate_hits::{AnnotateHits, HitPreset, TaggedCount, annotate_hits};
pub use cache::AnalysisCache;
pub use firmness::{FirmnessProposal, propose_firmness};
pub use history::{Agreement, MarkKind, StanceMark};
pub use map::{Cell, ColumnTotals, Group, PositionMap, Row};
pub use moves::{
    Agreed, Held, Move, MoveKind, Moves, StanceAt, draft_brief, issue_list, moves, round_after,
    round_before, rounds_in_order, statement_name,
};
pub use rounds::{MIN_PAUSE_DAYS, date_groups, date_range_name, propose_rounds};
pub use said_on::{SaidOnProposal, propose_in as propose_said_on_in, propose_said_on};
pub use search::{
    CorpusSearch, HitContext, HitGroup, Matcher, SearchError, SearchHit, SearchQuery, hit_context,
    search_project,
};
pub use timeline::{Timeline, TimelineLink, TimelineMark, TimelineRows};

/// The relation type that marks a concession's answer ("A concedes-to B").
pub use crate::model::CONCEDES_TO;

/// What the counts of a cell distinguish, by tag key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagKind {
    Claim,
    Position,
    Concession,
    /// An `agreement`: the holders' sides agreed its issues from its date on.
    Agreement,
    /// Any other tag of the project's schema.
    Other,
}

impl TagKind {
    /// The kind of a tag key: `claim`, `position`, `concession`, or another.
    #[must_use]
    pub fn of(tag: &str) -> Self {
        match tag {
            "claim" => Self::Claim,
            "position" => Self::Position,
            "concession" => Self::Concession,
            crate::model::AGREEMENT => Self::Agreement,
            _ => Self::Other,
        }
    }
}

/// What the rows of the map and the lanes of the timeline are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RollUp {
    /// One row per actor that holds a statement.
    #[default]
    Actors,
    /// One row per side: each holder counts for the root of its side chain
    /// ([`Project::side_of`]), and a joint statement once per distinct side.
    Sides,
}

/// Which annotations an analysis looks at, and how it arranges actors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AnalysisFilter {
    /// Only documents dated on or after this day (undated documents are left out).
    pub from: Option<NaiveDate>,
    /// Only documents dated on or before this day (undated documents stay).
    pub to: Option<NaiveDate>,
    /// Only these tag keys; empty means every tag.
    pub tags: BTreeSet<String>,
    /// Only actors with one of these affiliations (`""` stands for none); empty means all.
    pub affiliations: BTreeSet<String>,
    /// Rows ordered and grouped by the actors' affiliation (the sides of the talks); with
    /// [`RollUp::Actors`] only.
    pub group_by_affiliation: bool,
    /// Actors or their sides.
    pub roll_up: RollUp,
}

impl AnalysisFilter {
    /// True if a document of this date is inside the date range.
    #[must_use]
    pub fn admits_date(&self, date: Option<NaiveDate>) -> bool {
        self.from.is_none_or(|from| date.is_some_and(|d| d >= from))
            && self.to.is_none_or(|to| date.is_none_or(|d| d <= to))
    }

    /// True if annotations with this tag key are looked at.
    #[must_use]
    pub fn admits_tag(&self, tag: &str) -> bool {
        self.tags.is_empty() || self.tags.contains(tag)
    }

    /// True if an actor of this affiliation is shown.
    #[must_use]
    pub fn admits_affiliation(&self, affiliation: Option<&str>) -> bool {
        self.affiliations.is_empty() || self.affiliations.contains(affiliation.unwrap_or(""))
    }
}

/// Where a statement sits in time: the day it was made (`said_on`, else its document's
/// date), then the document, then the offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct When {
    pub date: Option<NaiveDate>,
    /// The document's place in `project.documents`.
    pub document: usize,
    /// The annotation's first char.
    pub offset_chars: usize,
}

/// One annotation as evidence: enough to list, sort and open it without searching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub annotation: AnnotationId,
    /// Its place in `project.annotations` for the project state analysed.
    pub position: usize,
    pub document: DocumentId,
    pub when: When,
    pub kind: TagKind,
    /// Its stance: on the issue of the cell or row that lists it, or else the one stance the
    /// annotation takes ([`Annotation::single_stance`]).
    pub stance: Option<Stance>,
    /// A later statement retracts it (a `retracts` relation inside the filter points at it).
    pub is_retracted: bool,
    /// Ground given: a concession, or a statement that `concedes-to` another.
    pub is_concession: bool,
}

impl Evidence {
    /// The annotation in `project` (the project state the evidence was derived from).
    #[must_use]
    pub fn annotation<'a>(&self, project: &'a Project) -> Option<&'a Annotation> {
        project
            .annotation_at(self.position)
            .filter(|a| a.id == self.annotation)
            .or_else(|| project.annotation(self.annotation))
    }

    /// The quote, or `""` if the annotation is gone.
    #[must_use]
    pub fn quote<'a>(&self, project: &'a Project) -> &'a str {
        self.annotation(project).map_or("", |a| a.quote.as_str())
    }

    /// The same evidence, with the annotation's stance on `issue`.
    #[must_use]
    pub fn on_issue(&self, a: &Annotation, issue: IssueId) -> Self {
        Self {
            stance: a.stance_on(issue),
            ..self.clone()
        }
    }

    /// The tag key, or `""` if the annotation is gone.
    #[must_use]
    pub fn tag<'a>(&self, project: &'a Project) -> &'a str {
        self.annotation(project).map_or("", |a| a.tag.as_str())
    }
}

/// A document's place in `project.documents` and its date; `None` for an unknown document.
pub(crate) type DocumentPlace = Option<(usize, Option<NaiveDate>)>;

/// Lookups one analysis pass needs, built once per pass. An edit that only replaces
/// annotations keeps them true, unless it changes a retracting statement
/// ([`Lookup::is_retracting`]).
#[derive(Clone, Debug)]
pub(crate) struct Lookup {
    documents: FastMap<DocumentId, (usize, Option<NaiveDate>)>,
    /// Annotations that retract another (the `from` of a `retracts` relation).
    retracting: FastSet<AnnotationId>,
    /// Annotations a `retracts` relation inside the filter points at.
    retracted: FastSet<AnnotationId>,
    /// Annotations that are the `from` of a `concedes-to` relation, with its `to`.
    concedes_to: FastMap<AnnotationId, AnnotationId>,
}

impl Lookup {
    pub(crate) fn new(project: &Project, filter: &AnalysisFilter) -> Self {
        let mut documents =
            FastMap::with_capacity_and_hasher(project.documents().len(), FastBuild::default());
        for (i, d) in project.documents().iter().enumerate() {
            documents.entry(d.id).or_insert((i, d.date));
        }
        let mut lookup = Self {
            documents,
            retracting: (project.relations().iter())
                .filter(|r| r.kind == RETRACTS)
                .map(|r| r.from)
                .collect(),
            retracted: FastSet::default(),
            concedes_to: FastMap::default(),
        };
        // Few statements retract others: look only those up, through the project's index.
        let admitted: FastSet<AnnotationId> = (lookup.retracting.iter())
            .filter(|&&id| {
                project
                    .annotation(id)
                    .is_some_and(|a| lookup.admits(a, filter))
            })
            .copied()
            .collect();
        for r in project.relations() {
            if r.kind == RETRACTS && admitted.contains(&r.from) {
                lookup.retracted.insert(r.to);
            } else if r.kind == CONCEDES_TO {
                lookup.concedes_to.entry(r.from).or_insert(r.to);
            }
        }
        lookup
    }

    /// True if the annotation retracts another: whether the filter admits it decides whether
    /// that other one counts as retracted.
    pub(crate) fn is_retracting(&self, a: AnnotationId) -> bool {
        self.retracting.contains(&a)
    }

    /// When an annotation was said; `None` if its document is not in the project.
    pub(crate) fn when(&self, a: &Annotation) -> Option<When> {
        let &(document, date) = self.documents.get(&a.document)?;
        Some(When {
            date: statement_day(a, date),
            document,
            offset_chars: a.extent().start,
        })
    }

    /// True if the annotation passes the filter's date range and tags.
    pub(crate) fn admits(&self, a: &Annotation, filter: &AnalysisFilter) -> bool {
        filter.admits_tag(&a.tag)
            && self
                .documents
                .get(&a.document)
                .is_some_and(|&(_, date)| filter.admits_date(statement_day(a, date)))
    }

    pub(crate) fn evidence(&self, a: &Annotation, position: usize) -> Option<Evidence> {
        Some(Evidence {
            annotation: a.id,
            position,
            document: a.document,
            when: self.when(a)?,
            kind: TagKind::of(&a.tag),
            stance: a.single_stance(),
            is_retracted: !self.retracted.is_empty() && self.retracted.contains(&a.id),
            is_concession: self.is_concession(a),
        })
    }

    /// The evidence of an annotation inside the filter's dates and tags, else `None`. One
    /// document lookup, remembered in `last` for the next annotation: annotations come
    /// grouped by document, so a pass over them looks each document up about once.
    pub(crate) fn admitted_evidence(
        &self,
        a: &Annotation,
        position: usize,
        filter: &AnalysisFilter,
        last: &mut Option<(DocumentId, DocumentPlace)>,
    ) -> Option<Evidence> {
        if !filter.admits_tag(&a.tag) {
            return None;
        }
        let place = match *last {
            Some((id, place)) if id == a.document => place,
            _ => {
                let place = self.documents.get(&a.document).copied();
                *last = Some((a.document, place));
                place
            }
        };
        let (document, date) = place?;
        let date = statement_day(a, date);
        if !filter.admits_date(date) {
            return None;
        }
        Some(Evidence {
            annotation: a.id,
            position,
            document: a.document,
            when: When {
                date,
                document,
                offset_chars: a.extent().start,
            },
            kind: TagKind::of(&a.tag),
            stance: a.single_stance(),
            is_retracted: !self.retracted.is_empty() && self.retracted.contains(&a.id),
            is_concession: self.is_concession(a),
        })
    }

    /// True if the statement gives ground: a concession, or one that `concedes-to` another.
    pub(crate) fn is_concession(&self, a: &Annotation) -> bool {
        TagKind::of(&a.tag) == TagKind::Concession || self.concedes_to(a.id).is_some()
    }

    /// The position or proposal a concession answers, if a `concedes-to` relation says.
    pub(crate) fn concedes_to(&self, a: AnnotationId) -> Option<AnnotationId> {
        if self.concedes_to.is_empty() {
            return None;
        }
        self.concedes_to.get(&a).copied()
    }
}

/// The day a statement sorts at, given its document's date (the model's rule).
fn statement_day(a: &Annotation, document_date: Option<NaiveDate>) -> Option<NaiveDate> {
    a.statement_date(document_date).map(PartialDate::start)
}

/// The issues of an annotation without repeats, in its order.
pub(crate) fn distinct_issues(a: &Annotation) -> impl Iterator<Item = IssueId> + '_ {
    a.issues
        .iter()
        .enumerate()
        .filter(|(i, entry)| !a.issues[..*i].iter().any(|e| e.issue == entry.issue))
        .map(|(_, entry)| entry.issue)
}

/// The holders of an annotation without repeats, in its order.
pub(crate) fn distinct_holders(a: &Annotation) -> impl Iterator<Item = ActorId> + '_ {
    a.holders
        .iter()
        .enumerate()
        .filter(|(i, h)| !a.holders[..*i].contains(h))
        .map(|(_, h)| *h)
}

/// The colour a stance is drawn in on the map, the timeline and in reports: green for,
/// red against, amber conditional, grey unclear or none (as the relation types' colours).
#[must_use]
pub fn stance_color(stance: Option<Stance>) -> Rgb {
    match stance {
        Some(Stance::For) => Rgb([0x2e, 0xb0, 0x6a]),
        Some(Stance::Against) => Rgb([0xd6, 0x45, 0x45]),
        Some(Stance::Conditional) => Rgb([0xe0, 0x8e, 0x1b]),
        Some(Stance::Unclear) => Rgb([0x8e, 0x8e, 0x9a]),
        None => Rgb([0xb8, 0xbe, 0xc8]),
    }
}

/// A stance's word, or `none`.
#[must_use]
pub fn stance_word(stance: Option<Stance>) -> &'static str {
    stance.map_or("none", Stance::as_str)
}

/// The group an actor is listed under: the name of the side it speaks for (the root of its
/// side chain, [`Project::side_of`]), its own name when other actors speak for it, else its
/// affiliation text. `None` for an unknown actor or none of these.
#[must_use]
pub fn affiliation_of(project: &Project, actor: ActorId) -> Option<&str> {
    let found = project.actor(actor)?;
    if found.side.is_some() || project.is_a_side(actor) {
        let side = project.side_of(actor);
        return project.actor(side).map(|a| a.name.as_str());
    }
    found
        .affiliation
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// True if the filter admits a statement by these holders: one of them has an admitted
/// group (a statement without holders has none).
pub(crate) fn admits_holders<'a>(
    filter: &AnalysisFilter,
    a: &Annotation,
    group: impl Fn(ActorId) -> Option<&'a str>,
) -> bool {
    if filter.affiliations.is_empty() {
        return true;
    }
    if a.holders.is_empty() {
        return filter.admits_affiliation(None);
    }
    a.holders
        .iter()
        .any(|&h| filter.admits_affiliation(group(h)))
}
