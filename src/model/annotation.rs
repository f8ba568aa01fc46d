//! [`Annotation`], [`Actor`] and [`Relation`]: what analysts mark and who holds it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    ActorId, AnnotationId, Attribution, DocumentId, Firmness, IssueId, PartialDate, RelationId,
    Span, Stance,
};

/// One issue an annotation is about, with the annotation's stance on that issue: one
/// sentence can be *for* a ceasefire and *against* further territorial gains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueStance {
    pub issue: IssueId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// The condition of a [`Stance::Conditional`], in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

impl IssueStance {
    /// An issue with no stance yet.
    #[must_use]
    pub fn new(issue: IssueId) -> Self {
        Self {
            issue,
            stance: None,
            condition: None,
        }
    }

    /// An issue with a stance (and no condition).
    #[must_use]
    pub fn with(issue: IssueId, stance: Option<Stance>) -> Self {
        Self {
            issue,
            stance,
            condition: None,
        }
    }
}

/// A marked span of a document: a claim, position or concession.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub id: AnnotationId,
    pub document: DocumentId,
    /// A key of the project's [`super::Schema`].
    pub tag: String,
    /// Sorted, non-overlapping, non-empty char ranges; several make a discontinuous span.
    pub ranges: Vec<Span>,
    /// The text at `ranges`, joined with a single space.
    pub quote: String,
    /// Who said it: the sources of the attribution, in the analyst's order. A joint
    /// statement has several (it counts for each holder's side). No actor twice (a rule of
    /// [`super::Project::check_annotation`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holders: Vec<ActorId>,
    /// What it is about, in the project's issues, each with its own stance. No issue twice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<IssueStance>,
    /// The actor a position or concession is addressed to or made toward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorId>,
    /// The general stance: only while the annotation has no issue (a format-2 stance on an
    /// annotation without issues is kept here so it is not lost). The builders move it onto
    /// the first issue added, and an annotation with issues and a general stance breaks a
    /// rule ([`super::Problem::GeneralStanceWithIssues`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// The general condition, with [`Annotation::stance`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// When the statement was made, if not on its article's date (see
    /// [`super::Project::statement_date`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_on: Option<PartialDate>,
    /// How hard a position is held; meaningful on positions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmness: Option<Firmness>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
    /// Char ranges of the reporting cue ("said", "told reporters"); same rules as `ranges`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cue: Vec<Span>,
    /// Who made or last changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Free attributes, e.g. imported brat attributes (`name` → `value`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Ids this annotation has in other tools, e.g. `"brat": "T12"`, kept for round trips.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_ids: BTreeMap<String, String>,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
}

impl Annotation {
    /// An annotation with only the required parts; every negotiation field is empty.
    /// `quote` must be the text at `ranges` (see [`super::Project::new_annotation`]).
    #[must_use]
    pub fn bare(
        id: AnnotationId,
        document: DocumentId,
        tag: impl Into<String>,
        ranges: Vec<Span>,
        quote: impl Into<String>,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            document,
            tag: tag.into(),
            ranges,
            quote: quote.into(),
            holders: Vec::new(),
            issues: Vec::new(),
            target: None,
            stance: None,
            condition: None,
            said_on: None,
            firmness: None,
            attribution: None,
            cue: Vec::new(),
            annotator: None,
            note: None,
            attributes: BTreeMap::new(),
            external_ids: BTreeMap::new(),
            created: now,
            modified: now,
        }
    }

    /// The span from the first range's start to the last range's end.
    #[must_use]
    pub fn extent(&self) -> Span {
        super::span::extent(&self.ranges).unwrap_or_default()
    }

    /// True if a range can be removed: an annotation keeps at least one.
    #[must_use]
    pub fn has_removable_ranges(&self) -> bool {
        self.ranges.len() > 1
    }

    /// True if any range covers the char offset.
    #[must_use]
    pub fn covers(&self, offset_chars: usize) -> bool {
        self.ranges.iter().any(|r| r.contains(offset_chars))
    }

    /// When the statement was made, given its document's date: `said_on` if set, else that
    /// date. The time-order rule; [`super::Project::statement_date`] looks the document up.
    #[must_use]
    pub fn statement_date(&self, document_date: Option<chrono::NaiveDate>) -> Option<PartialDate> {
        self.said_on.or(document_date.map(PartialDate::Day))
    }

    /// True if `actor` is one of the holders.
    #[must_use]
    pub fn is_held_by(&self, actor: ActorId) -> bool {
        self.holders.contains(&actor)
    }

    /// The first holder, for places that show one name (a brat attribute, a sort key).
    #[must_use]
    pub fn first_holder(&self) -> Option<ActorId> {
        self.holders.first().copied()
    }

    /// The ids of the issues it is about, in its order.
    pub fn issue_ids(&self) -> impl Iterator<Item = IssueId> + '_ {
        self.issues.iter().map(|i| i.issue)
    }

    /// True if it is about `issue`.
    #[must_use]
    pub fn has_issue(&self, issue: IssueId) -> bool {
        self.issues.iter().any(|i| i.issue == issue)
    }

    /// Its entry for `issue`, if it is about it.
    #[must_use]
    pub fn issue_stance(&self, issue: IssueId) -> Option<&IssueStance> {
        self.issues.iter().find(|i| i.issue == issue)
    }

    /// Its stance on `issue` (`None` if it is not about it or takes no stance on it).
    #[must_use]
    pub fn stance_on(&self, issue: IssueId) -> Option<Stance> {
        self.issue_stance(issue).and_then(|i| i.stance)
    }

    /// The one stance it takes, when it takes one: the general stance, or the stance every
    /// issue shares. `None` when there is none or the issues differ (see
    /// [`Annotation::has_mixed_stances`]).
    #[must_use]
    pub fn single_stance(&self) -> Option<Stance> {
        let Some(first) = self.issues.first() else {
            return self.stance;
        };
        self.issues
            .iter()
            .all(|i| i.stance == first.stance)
            .then_some(first.stance)
            .flatten()
    }

    /// True if its issues carry different stances.
    #[must_use]
    pub fn has_mixed_stances(&self) -> bool {
        self.issues
            .first()
            .is_some_and(|first| self.issues.iter().any(|i| i.stance != first.stance))
    }

    /// Every stance it takes: `(Some(issue), stance, condition)` per issue, or
    /// `(None, stance, condition)` for a general stance of an annotation without issues.
    pub fn stances(
        &self,
    ) -> impl Iterator<Item = (Option<IssueId>, Option<Stance>, Option<&str>)> + '_ {
        let general = (self.issues.is_empty()
            && (self.stance.is_some() || self.condition.is_some()))
        .then_some((None, self.stance, self.condition.as_deref()));
        self.issues
            .iter()
            .map(|i| (Some(i.issue), i.stance, i.condition.as_deref()))
            .chain(general)
    }

    /// Puts a general stance and condition onto each issue that has no stance of its own,
    /// then clears them: how a format-2 stance applies to each of the annotation's issues,
    /// and what the builders do when the first issue is added. Without issues it does
    /// nothing.
    pub fn settle_general_stance(&mut self) {
        if self.issues.is_empty() {
            return;
        }
        let stance = self.stance.take();
        let condition = self.condition.take();
        if stance.is_none() && condition.is_none() {
            return;
        }
        for entry in &mut self.issues {
            if entry.stance.is_none() && entry.condition.is_none() {
                entry.stance = stance;
                entry.condition.clone_from(&condition);
            }
        }
    }

    /// The note, or `""`.
    #[must_use]
    pub fn note_text(&self) -> &str {
        self.note.as_deref().unwrap_or("")
    }
}

/// A party that holds claims, positions and concessions: a person, a government, a statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The actor this one speaks for (Yuri Ushakov → Russia). Sides chain (Ushakov → the
    /// Kremlin → Russia) and never make a cycle (a rule of the actor edits); the side an
    /// actor rolls up to is the root ([`super::Project::side_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<ActorId>,
    /// A role or affiliation label in words ("Foreign Relations Committee chairman"); the
    /// party an actor speaks for is its [`Actor::side`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

impl Actor {
    #[must_use]
    pub fn new(name: impl Into<String>, affiliation: Option<&str>) -> Self {
        Self {
            id: ActorId::random(),
            name: name.into(),
            aliases: Vec::new(),
            side: None,
            affiliation: affiliation.map(str::to_owned),
        }
    }

    /// True if `name` is the actor's name or one of its aliases, by [`name_key`].
    #[must_use]
    pub fn is_called(&self, name: &str) -> bool {
        let key = name_key(name);
        self.names().any(|n| name_key(n) == key)
    }

    /// The actor's name, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// What makes two actor names the same name: surrounding space and case do not count, in
/// any script ("ПУТИН" is "Путин"). The one rule for every name comparison.
#[must_use]
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// True if two actor names are the same name (see [`name_key`]).
#[must_use]
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// A typed, directed link between two annotations: `from` *kind* `to` ("A concedes-to B").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: RelationId,
    /// A key of the project's relation types ([`super::Schema::relation_types`]).
    pub kind: String,
    pub from: AnnotationId,
    pub to: AnnotationId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_ids: BTreeMap<String, String>,
}

impl Relation {
    /// A new relation with a fresh id and no note.
    #[must_use]
    pub fn new(kind: impl Into<String>, from: AnnotationId, to: AnnotationId) -> Self {
        Self {
            id: RelationId::random(),
            kind: kind.into(),
            from,
            to,
            note: None,
            external_ids: BTreeMap::new(),
        }
    }

    /// True if the relation has `annotation` at either end.
    #[must_use]
    pub fn touches(&self, annotation: AnnotationId) -> bool {
        self.from == annotation || self.to == annotation
    }
}
