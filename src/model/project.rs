//! [`Project`]: everything an analyst saves, and the rules that make it valid.

use serde::{Deserialize, Serialize};

use super::derived::{Derived, ProjectKey};
use super::{
    Actor, ActorId, Annotation, AnnotationId, Conflict, Document, DocumentId, Issue, IssueId,
    RejectedSuggestion, Relation, Schema,
};

/// The project file format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest project format this build reads (and upgrades on save).
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// A line from another tool that Stance cannot model yet, kept verbatim for round trips.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreservedRecord {
    pub document: DocumentId,
    /// The tool's format, e.g. `brat`.
    pub format: String,
    pub line: String,
}

/// A whole project: documents, the tag schema, actors, annotations and relations.
///
/// Annotations are kept in canonical order (document, start, end, id) so saved files diff well.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format: u32,
    pub title: String,
    #[serde(default)]
    pub schema: Schema,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// The subjects under negotiation that annotations refer to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preserved: Vec<PreservedRecord>,
    /// Disagreements a merge left for someone to decide, with every version of the item
    /// (see [`super::conflict`]). Optional, so files without conflicts look as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Attribution suggestions the analyst rejected, so they are not offered again.
    /// Optional, so files without rejections look as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_suggestions: Vec<RejectedSuggestion>,
    /// Which project this is and which state of it, so views can tell when caches are stale.
    #[serde(skip, default = "fresh_key")]
    pub(crate) key: Derived<ProjectKey>,
}

fn fresh_key() -> Derived<ProjectKey> {
    Derived(ProjectKey::fresh())
}

impl Default for Project {
    fn default() -> Self {
        Self::new("Untitled")
    }
}

impl Project {
    #[must_use]
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            format: FORMAT_VERSION,
            title: title.into(),
            schema: Schema::default(),
            documents: Vec::new(),
            actors: Vec::new(),
            issues: Vec::new(),
            annotations: Vec::new(),
            relations: Vec::new(),
            preserved: Vec::new(),
            conflicts: Vec::new(),
            rejected_suggestions: Vec::new(),
            key: fresh_key(),
        }
    }

    /// Which project and which state of it this is: equal keys mean the same content.
    #[must_use]
    pub fn key(&self) -> ProjectKey {
        *self.key
    }

    /// Changes whenever an edit is applied. Drawn from a process-wide counter, so no other
    /// project, nor a clone edited differently, ever has the same revision.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.key.revision
    }

    /// Marks the project changed outside [`Project::apply`] (e.g. after editing fields directly).
    pub fn touch(&mut self) {
        self.key.advance();
    }

    #[must_use]
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    #[must_use]
    pub fn document_index(&self, id: DocumentId) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    #[must_use]
    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The actor called `name` (or with that alias), case-insensitively.
    #[must_use]
    pub fn actor_named(&self, name: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.is_called(name))
    }

    #[must_use]
    pub fn issue(&self, id: IssueId) -> Option<&Issue> {
        self.issues.iter().find(|i| i.id == id)
    }

    /// The issue called `name` (or with that alias), case-insensitively.
    #[must_use]
    pub fn issue_named(&self, name: &str) -> Option<&Issue> {
        self.issues.iter().find(|i| i.is_called(name))
    }

    /// An issue's display name, or its short id when it is not an issue of this project.
    #[must_use]
    pub fn issue_name(&self, id: IssueId) -> String {
        self.issue(id)
            .map_or_else(|| id.short(), |i| i.name.clone())
    }

    /// The names of an annotation's issues, in its order (a missing issue by its short id):
    /// what exports list, e.g. `;`-joined in CSV.
    #[must_use]
    pub fn issue_names(&self, annotation: &Annotation) -> Vec<String> {
        annotation
            .issues
            .iter()
            .map(|&id| self.issue_name(id))
            .collect()
    }

    /// The target's display name, or `""`.
    #[must_use]
    pub fn target_name(&self, annotation: &Annotation) -> &str {
        annotation
            .target
            .and_then(|t| self.actor(t))
            .map_or("", |a| a.name.as_str())
    }

    #[must_use]
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    #[must_use]
    pub fn annotation_index(&self, id: AnnotationId) -> Option<usize> {
        self.annotations.iter().position(|a| a.id == id)
    }

    /// The holder's display name, or `""`.
    #[must_use]
    pub fn holder_name(&self, annotation: &Annotation) -> &str {
        annotation
            .holder
            .and_then(|h| self.actor(h))
            .map_or("", |a| a.name.as_str())
    }

    /// Annotations of one document, in text order.
    pub fn annotations_of(&self, document: DocumentId) -> impl Iterator<Item = &Annotation> + '_ {
        let range = self.document_annotation_range(document);
        self.annotations[range].iter()
    }

    /// The slice of `annotations` belonging to a document (they are contiguous in canonical order).
    #[must_use]
    pub fn document_annotation_range(&self, document: DocumentId) -> std::ops::Range<usize> {
        let Some(doc_index) = self.document_index(document) else {
            return 0..0;
        };
        let key = |a: &Annotation| self.document_index(a.document).unwrap_or(usize::MAX);
        let start = self.annotations.partition_point(|a| key(a) < doc_index);
        let end = start + self.annotations[start..].partition_point(|a| key(a) <= doc_index);
        start..end
    }

    /// The canonical sort key of an annotation.
    pub(super) fn order_key(&self, a: &Annotation) -> (usize, usize, usize, AnnotationId) {
        let extent = a.extent();
        (
            self.document_index(a.document).unwrap_or(usize::MAX),
            extent.start,
            extent.end,
            a.id,
        )
    }

    /// Where an annotation belongs in canonical order.
    pub(crate) fn insertion_index(&self, a: &Annotation) -> usize {
        let key = self.order_key(a);
        self.annotations
            .partition_point(|x| self.order_key(x) < key)
    }

    /// Puts annotations into canonical order; call after building a project by hand or loading one.
    pub fn sort_annotations(&mut self) {
        let positions: std::collections::HashMap<DocumentId, usize> = self
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        self.annotations.sort_by_key(|a| {
            let e = a.extent();
            (
                positions.get(&a.document).copied().unwrap_or(usize::MAX),
                e.start,
                e.end,
                a.id,
            )
        });
    }
}

/// Shortens long text for messages.
#[must_use]
pub fn elide(s: &str) -> String {
    const MAX_CHARS: usize = 60;
    if s.chars().count() <= MAX_CHARS {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(MAX_CHARS).collect();
    out.push('…');
    out
}
