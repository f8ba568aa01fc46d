//! [`Conflict`]: what a three-way merge could not decide, kept in the merged project with every
//! version of the item, so the file stays valid RON and the workbench can queue them. Saved
//! data, so part of the core; the merge that makes them is a feature (`crate::team::merge`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Actor, Annotation, Document, DocumentId, Issue, Relation, RelationType, TagDef};

/// The two sides of a merge: `ours` is the branch merged into (git's `%A`), `theirs` the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::Ours => Self::Theirs,
            Self::Theirs => Self::Ours,
        }
    }

    /// `ours` or `theirs`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Ours => "ours",
            Self::Theirs => "theirs",
        }
    }
}

/// Why a merge could not decide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictReason {
    /// Both sides changed these fields, differently (or added the item twice, differently).
    Changed { fields: Vec<String> },
    /// One side deleted the item; the other changed it. The changed version is kept.
    DeletedAndChanged { deleted_by: Side },
    /// One side deleted the item; the other still refers to it (e.g. a new annotation's holder).
    /// The item is kept so that nothing dangles.
    DeletedButUsed { deleted_by: Side },
}

/// A document's metadata (its text is the same on every side: documents match by text hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    pub id: DocumentId,
    pub text_hash: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

impl DocumentInfo {
    #[must_use]
    pub fn of(document: &Document) -> Self {
        Self {
            id: document.id,
            text_hash: document.text_hash.clone(),
            title: document.title.clone(),
            source: document.source.clone(),
            date: document.date,
            outlet: document.outlet.clone(),
        }
    }
}

/// One item in the common ancestor and on each side; `None` where it does not exist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sides<T> {
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub base: Option<T>,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub ours: Option<T>,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub theirs: Option<T>,
}

fn none<T>() -> Option<T> {
    None
}

impl<T> Sides<T> {
    /// The version of one side.
    #[must_use]
    pub fn side(&self, side: Side) -> Option<&T> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }
}

/// The versions of the item a conflict is about, by kind of item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Versions {
    Title(Sides<String>),
    Document(Sides<DocumentInfo>),
    Tag(Sides<TagDef>),
    RelationType(Sides<RelationType>),
    Actor(Sides<Actor>),
    Issue(Sides<Issue>),
    /// Boxed: an annotation is much larger than the other items.
    Annotation(Box<Sides<Annotation>>),
    Relation(Sides<Relation>),
}

impl Versions {
    /// `annotation`, `actor`, …: what kind of item the conflict is about.
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Document(_) => "document",
            Self::Tag(_) => "tag",
            Self::RelationType(_) => "relation type",
            Self::Actor(_) => "actor",
            Self::Issue(_) => "issue",
            Self::Annotation(_) => "annotation",
            Self::Relation(_) => "relation",
        }
    }

    /// The item's id or key, for messages.
    #[must_use]
    pub fn subject(&self) -> String {
        fn first<T, R>(s: &Sides<T>, f: impl Fn(&T) -> R) -> Option<R> {
            s.ours
                .as_ref()
                .or(s.theirs.as_ref())
                .or(s.base.as_ref())
                .map(f)
        }
        let subject = match self {
            Self::Title(_) => Some(String::new()),
            Self::Document(s) => first(s, |d| format!("{:?}", d.title)),
            Self::Tag(s) => first(s, |t| t.key.clone()),
            Self::RelationType(s) => first(s, |t| t.key.clone()),
            Self::Actor(s) => first(s, |a| format!("{:?}", a.name)),
            Self::Issue(s) => first(s, |i| format!("{:?}", i.name)),
            Self::Annotation(s) => first(s.as_ref(), |a| format!("{} {:?}", a.id.short(), a.quote)),
            Self::Relation(s) => first(s, |r| format!("{} {}", r.id.short(), r.kind)),
        };
        subject.unwrap_or_default()
    }
}

/// A disagreement the merge recorded: why, and every version of the item. The merged project
/// holds a provisional value (see `crate::team::merge`) until someone decides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub reason: ConflictReason,
    pub versions: Versions,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = self.versions.kind_name();
        let subject = self.versions.subject();
        let sep = if subject.is_empty() { "" } else { " " };
        match &self.reason {
            ConflictReason::Changed { fields } => write!(
                f,
                "{kind}{sep}{subject}: both sides changed {}",
                fields.join(", ")
            ),
            ConflictReason::DeletedAndChanged { deleted_by } => write!(
                f,
                "{kind}{sep}{subject}: deleted by {}, changed by {}",
                deleted_by.name(),
                deleted_by.other().name()
            ),
            ConflictReason::DeletedButUsed { deleted_by } => write!(
                f,
                "{kind}{sep}{subject}: deleted by {}, still used by {}",
                deleted_by.name(),
                deleted_by.other().name()
            ),
        }
    }
}
