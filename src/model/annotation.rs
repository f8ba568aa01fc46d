//! [`Annotation`], [`Actor`] and [`Relation`]: what analysts mark and who holds it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ActorId, AnnotationId, Attribution, DocumentId, IssueId, RelationId, Span, Stance};

/// A marked span of a document: a claim, position or concession.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Who said it: the source of the attribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<ActorId>,
    /// What it is about, in the project's issues.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<IssueId>,
    /// The actor a position or concession is addressed to or made toward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// The condition of a [`Stance::Conditional`], in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
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
            holder: None,
            issues: Vec::new(),
            target: None,
            stance: None,
            condition: None,
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
    /// For example "Russia", "United States", "Ukraine".
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
