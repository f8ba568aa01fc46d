//! The core: projects, documents, the schema (tags and relation types), annotations with
//! their negotiation fields (issues, target, stance, attribution, cue, annotator), actors,
//! issues, relations, the records a merge or a review leaves (conflicts, rejected
//! suggestions), edits and history, and the index derived from them.
//!
//! Pure Rust with no UI and no I/O, and no feature: analysis, attribution and team work stand
//! on this module and it imports none of them. Every rule of the domain lives here.

mod annotation;
mod conflict;
mod derived;
mod diff;
mod document;
mod document_meta;
mod document_query;
mod edit;
mod edits;
mod filter;
mod history;
mod ids;
mod index;
mod issue;
pub mod nudge;
pub mod overlap;
mod problem;
mod project;
mod project_serde;
pub mod reanchor;
mod reanchor_match;
mod rejected;
mod repair;
mod schema;
mod span;
mod stance;
pub mod text;

#[cfg(test)]
mod tests;

pub use annotation::{Actor, Annotation, Relation, name_key, same_name};
pub use conflict::{Conflict, ConflictReason, DocumentInfo, Side, Sides, Versions};
pub use derived::{DerivedCache, ProjectKey};
pub use diff::{Counts, ProjectDiff};
pub use document::{Document, Paragraph, text_hash};
pub use document_meta::DocumentMeta;
pub use document_query::{DocumentQuery, DocumentQueryError};
pub use edit::{Edit, EditError};
pub use edits::{EditContext, Related};
pub use filter::AnnotationFilter;
pub use history::History;
pub use ids::{ActorId, AnnotationId, DocumentId, IssueId, RelationId};
pub use index::ProjectIndex;
pub use issue::Issue;
pub use nudge::{Nudge, SpanEnd};
pub use overlap::{OverlapEntry, OverlapIndex};
pub use problem::{Detail, Problem, Subject};
pub use project::{
    FORMAT_VERSION, LastChange, OLDEST_FORMAT_VERSION, PreservedRecord, Project, ProjectParts,
    elide,
};
pub use reanchor::{Orphan, OrphanReason, Placed, Reanchored, reanchor};
pub use rejected::RejectedSuggestion;
pub use schema::{
    FieldDef, FieldError, FieldKind, HotkeyClash, RETRACTS, RelationType, Rgb, Schema, TagDef,
    TagSchema, default_relation_types, default_tags,
};
pub use span::{RangeError, Span, check_ranges, extent, normalize_ranges};
pub use stance::{Attribution, Stance, UnknownVariant};
