//! The core: projects, documents, the schema (tags and relation types), annotations with
//! their negotiation fields (holders, issues each with a stance, target, said-on date,
//! firmness, attribution, cue, annotator), actors and their sides, issues, relations, rounds
//! and briefs, the records a merge or a review leaves (conflicts, rejected
//! suggestions), edits and history, and the index derived from them.
//!
//! Pure Rust with no UI and no I/O, and no feature: analysis, attribution and team work stand
//! on this module and it imports none of them. Every rule of the domain lives here.

mod annotation;
mod conflict;
mod copy_on_write;
mod date;
mod derived;
mod diff;
mod document;
mod document_meta;
mod document_query;
mod edit;
mod edits;
mod fast_hash;
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
mod round;
mod schema;
mod sides;
mod span;
mod stance;
pub mod text;

#[cfg(test)]
mod tests;

pub use annotation::{Actor, Annotation, IssueStance, Relation, name_key, same_name};
pub use conflict::{Conflict, ConflictReason, DocumentInfo, Side, Sides, Versions};
pub use date::{BadPartialDate, PartialDate};
pub use derived::{Derived, DerivedCache, LastChange, ProjectKey};
pub use diff::{Counts, ProjectDiff};
pub use document::{Document, Paragraph, text_hash};
pub use document_meta::DocumentMeta;
pub use document_query::{DocumentQuery, DocumentQueryError};
pub use edit::{Edit, EditError};
pub use edits::{EditContext, Related};
pub use fast_hash::{FastBuild, FastMap, FastSet};
pub use filter::AnnotationFilter;
pub use history::History;
pub use ids::{ActorId, AnnotationId, DocumentId, IssueId, RelationId, RoundId};
pub use index::ProjectIndex;
pub use issue::Issue;
pub use nudge::{Nudge, SpanEnd};
pub use overlap::{OverlapEntry, OverlapIndex};
pub use problem::{Detail, Problem, Subject};
pub use project::{
    FORMAT_VERSION, HOLDERS_SEPARATOR, OLDEST_FORMAT_VERSION, PreservedRecord, Project,
    ProjectParts, elide,
};
pub use reanchor::{Orphan, OrphanReason, Placed, Reanchored, reanchor};
pub use rejected::RejectedSuggestion;
pub use round::{Brief, BriefKey, Round, RoundSpan};
pub use schema::{
    AGREEMENT, CONCEDES_TO, CONDITIONAL_ON, FieldDef, FieldError, FieldKind, HotkeyClash,
    IN_EXCHANGE_FOR, RETRACTS, RelationType, Rgb, Schema, TagDef, TagSchema,
    default_relation_types, default_tags,
};
pub use span::{RangeError, Span, check_ranges, extent, normalize_ranges};
pub use stance::{Attribution, Firmness, Stance, UnknownVariant};
