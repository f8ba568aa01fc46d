//! [`Project`]: everything an analyst saves, and the rules that make it valid.

use std::collections::HashSet;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::{
    Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, Relation, TagSchema,
    span::check_ranges,
};

/// The project file format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

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
    pub schema: TagSchema,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preserved: Vec<PreservedRecord>,
    /// Which project this is and which state of it, so views can tell when caches are stale.
    #[serde(skip, default = "fresh_key")]
    pub(crate) key: super::derived::Derived<ProjectKey>,
}

/// Draws identities and revisions; one counter for all projects of the process, so no two
/// projects (nor two diverging clones of one) ever share a revision.
static NEXT_KEY_VALUE: AtomicU64 = AtomicU64::new(1);

fn next_key_value() -> u64 {
    NEXT_KEY_VALUE.fetch_add(1, Ordering::Relaxed)
}

fn fresh_key() -> super::derived::Derived<ProjectKey> {
    super::derived::Derived(ProjectKey {
        identity: next_key_value(),
        revision: next_key_value(),
    })
}

/// Names one state of one project, for caches of values derived from it. Equal keys mean the
/// same content. Never saved: every [`Project::new`] and every load gets a fresh identity.
///
/// A clone keeps its original's key (it has the same content) until either is edited; each
/// edit then draws its revision from a process-wide counter, so the two diverge for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProjectKey {
    /// Fresh per new or loaded project: tells "another project was opened" from an edit.
    pub identity: u64,
    /// Changes with every applied edit; unique across all projects of the process.
    pub revision: u64,
}

impl Default for Project {
    fn default() -> Self {
        Self::new("Untitled")
    }
}

/// What a [`Problem`] is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Project,
    Document(DocumentId),
    Actor(ActorId),
    Annotation(AnnotationId),
    Relation(super::RelationId),
}

/// A broken rule found by [`Project::problems`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub subject: Subject,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.subject {
            Subject::Project => write!(f, "project: {}", self.message),
            Subject::Document(id) => write!(f, "document {id}: {}", self.message),
            Subject::Actor(id) => write!(f, "actor {id}: {}", self.message),
            Subject::Annotation(id) => write!(f, "annotation {id}: {}", self.message),
            Subject::Relation(id) => write!(f, "relation {id}: {}", self.message),
        }
    }
}

impl Project {
    #[must_use]
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            format: FORMAT_VERSION,
            title: title.into(),
            schema: TagSchema::default(),
            documents: Vec::new(),
            actors: Vec::new(),
            annotations: Vec::new(),
            relations: Vec::new(),
            preserved: Vec::new(),
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
        self.key.0.revision = next_key_value();
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

    /// Checks one annotation against the project's rules (not its id's uniqueness).
    ///
    /// # Errors
    /// Every rule the annotation breaks, as messages.
    pub fn check_annotation(&self, a: &Annotation) -> Result<(), Vec<String>> {
        let mut errors = Vec::new();
        if self.schema.get(&a.tag).is_none() {
            errors.push(format!("unknown tag {:?}", a.tag));
        }
        if let Some(holder) = a.holder
            && self.actor(holder).is_none()
        {
            errors.push(format!("holder {holder} is not an actor of this project"));
        }
        match self.document(a.document) {
            None => errors.push(format!("document {} does not exist", a.document)),
            Some(doc) => match check_ranges(&a.ranges) {
                Err(e) => errors.push(e),
                Ok(()) => {
                    if let Some(r) = a.ranges.iter().find(|r| r.end > doc.len_chars()) {
                        errors.push(format!(
                            "range {r} lies past the end of the document ({} chars)",
                            doc.len_chars()
                        ));
                    } else if let Some(quote) = doc.quote(&a.ranges)
                        && quote != a.quote
                    {
                        // Both elided: a range can cover a whole article.
                        errors.push(format!(
                            "quote {:?} does not match the text at its ranges, {:?}",
                            elide(&a.quote),
                            elide(&quote)
                        ));
                    }
                }
            },
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Every broken rule in the project. An empty list means the project is valid.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut push =
            |subject: Subject, message: String| problems.push(Problem { subject, message });
        let mut tag_keys = HashSet::new();
        for tag in &self.schema.tags {
            if tag.key.trim().is_empty() {
                push(Subject::Project, "a tag has an empty key".to_owned());
            } else if !tag_keys.insert(tag.key.as_str()) {
                push(
                    Subject::Project,
                    format!("tag key {:?} is defined twice", tag.key),
                );
            }
        }
        let mut doc_ids = HashSet::new();
        for doc in &self.documents {
            if !doc_ids.insert(doc.id) {
                push(
                    Subject::Document(doc.id),
                    "duplicate document id".to_owned(),
                );
            }
            if !doc.hash_matches() {
                push(
                    Subject::Document(doc.id),
                    format!("text_hash does not match the text of {:?}", doc.title),
                );
            }
        }
        let mut actor_ids = HashSet::new();
        // A name or alias that answers for two actors makes holders ambiguous.
        let mut actor_names: std::collections::HashMap<String, &Actor> =
            std::collections::HashMap::new();
        for actor in &self.actors {
            if !actor_ids.insert(actor.id) {
                push(Subject::Actor(actor.id), "duplicate actor id".to_owned());
            }
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                let key = super::name_key(name);
                match actor_names.get(&key) {
                    Some(other) if other.id != actor.id => push(
                        Subject::Actor(actor.id),
                        format!(
                            "{name:?} also names the actor {:?}; merge the two or rename one",
                            other.name
                        ),
                    ),
                    Some(_) => {}
                    None => {
                        actor_names.insert(key, actor);
                    }
                }
            }
        }
        let mut ann_ids = HashSet::new();
        for a in &self.annotations {
            if !ann_ids.insert(a.id) {
                push(
                    Subject::Annotation(a.id),
                    "duplicate annotation id".to_owned(),
                );
            }
            if let Err(errors) = self.check_annotation(a) {
                for e in errors {
                    push(Subject::Annotation(a.id), e);
                }
            }
        }
        let mut rel_ids = HashSet::new();
        for r in &self.relations {
            if !rel_ids.insert(r.id) {
                push(Subject::Relation(r.id), "duplicate relation id".to_owned());
            }
            for end in [r.from, r.to] {
                if !ann_ids.contains(&end) {
                    push(
                        Subject::Relation(r.id),
                        format!("annotation {end} does not exist"),
                    );
                }
            }
        }
        problems
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
