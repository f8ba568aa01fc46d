//! The document model: projects, documents, the schema (tags and relation types), annotations
//! with their negotiation fields (issues, target, stance, attribution, cue, annotator),
//! actors, issues, relations, edits and history.
//!
//! Pure Rust with no UI and no I/O. Every rule of the domain lives here.

mod actor_edits;
pub mod adjudication;
pub mod agreement;
pub mod analysis;
mod annotate_hits;
mod annotation;
mod annotation_builders;
pub mod attribution;
mod derived;
mod diff;
mod document;
mod document_edits;
mod document_query;
mod edit;
mod edit_builders;
pub mod evaluation;
mod filter;
mod history;
mod ids;
mod index;
mod issue;
mod issue_edits;
pub mod merge;
pub mod nudge;
pub mod overlap;
mod problem;
mod project;
pub mod reanchor;
mod reanchor_match;
mod relation_edits;
mod repair;
mod schema;
mod schema_edits;
mod search;
mod span;
mod stance;
pub mod text;

#[cfg(test)]
mod tests;

pub use annotate_hits::{AnnotateHits, HitPreset, TaggedCount};
pub use annotation::{Actor, Annotation, Relation, name_key, same_name};
pub use diff::{Counts, ProjectDiff};
pub use document::{Document, Paragraph, text_hash};
pub use document_edits::DocumentMeta;
pub use document_query::{DocumentQuery, DocumentQueryError};
pub use edit::{Edit, EditError};
pub use edit_builders::EditContext;
pub use filter::AnnotationFilter;
pub use history::History;
pub use ids::{ActorId, AnnotationId, DocumentId, IssueId, RelationId};
pub use index::{IndexCache, ProjectIndex};
pub use issue::Issue;
pub use merge::{Conflict, MergeResult, merge};
pub use nudge::{Nudge, SpanEnd};
pub use overlap::{OverlapEntry, OverlapIndex};
pub use problem::{Detail, Problem, Subject};
pub use project::{
    FORMAT_VERSION, OLDEST_FORMAT_VERSION, PreservedRecord, Project, ProjectKey, elide,
};
pub use reanchor::{Orphan, OrphanReason, Placed, Reanchored, reanchor};
pub use relation_edits::Related;
pub use schema::{
    FieldDef, FieldKind, RETRACTS, RelationType, Rgb, Schema, TagDef, TagSchema,
    default_relation_types, default_tags,
};
pub use schema_edits::{FieldError, HotkeyClash};
pub use search::{
    CorpusSearch, HitContext, HitGroup, Matcher, SearchError, SearchHit, SearchQuery, hit_context,
    search_project,
};
pub use span::{RangeError, Span, check_ranges, extent, normalize_ranges};
pub use stance::{Attribution, Stance, UnknownVariant};
