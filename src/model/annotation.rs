//! [`Annotation`], [`Actor`] and [`Relation`]: what analysts mark and who holds it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ActorId, AnnotationId, DocumentId, RelationId, Span};

/// A marked span of a document: a claim, position or concession.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub id: AnnotationId,
    pub document: DocumentId,
    /// A key of the project's [`super::TagSchema`].
    pub tag: String,
    /// Sorted, non-overlapping, non-empty char ranges; several make a discontinuous span.
    pub ranges: Vec<Span>,
    /// The text at `ranges`, joined with a single space.
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<ActorId>,
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

/// A typed link between two annotations, e.g. one position answering another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: RelationId,
    pub kind: String,
    pub from: AnnotationId,
    pub to: AnnotationId,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_ids: BTreeMap<String, String>,
}
