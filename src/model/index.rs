//! [`ProjectIndex`]: every count and lookup the views need, derived from a [`Project`] in one
//! pass and rebuilt only when the project's [`ProjectKey`] changes ([`IndexCache`]).

use std::collections::HashMap;

use super::{ActorId, AnnotationId, DocumentId, Project, ProjectKey};

/// Counts and positions derived from one state of a project.
#[derive(Clone, Debug, Default)]
pub struct ProjectIndex {
    /// `None` for the empty index of no project.
    key: Option<ProjectKey>,
    /// Annotations per document, by position in `project.documents`.
    per_document: Vec<usize>,
    per_document_tag: HashMap<(DocumentId, String), usize>,
    per_tag: HashMap<String, usize>,
    /// Positions in `project.annotations` of each holder's annotations, in canonical order.
    by_holder: HashMap<ActorId, Vec<usize>>,
    /// Positions of the annotations without a holder.
    unheld: Vec<usize>,
    /// Annotations targeting each actor.
    per_target: HashMap<ActorId, usize>,
    /// Annotations whose target is also their holder, counted once by [`Self::actor_use_count`].
    self_targeted: HashMap<ActorId, usize>,
    annotation_positions: HashMap<AnnotationId, usize>,
    document_positions: HashMap<DocumentId, usize>,
    actor_positions: HashMap<ActorId, usize>,
}

impl ProjectIndex {
    /// Indexes `project` in one pass over its annotations.
    #[must_use]
    pub fn build(project: &Project) -> Self {
        // First occurrence wins for duplicate ids, as `Project::document` and friends find it.
        let mut document_positions = HashMap::with_capacity(project.documents.len());
        for (i, d) in project.documents.iter().enumerate() {
            document_positions.entry(d.id).or_insert(i);
        }
        let mut actor_positions = HashMap::with_capacity(project.actors.len());
        for (i, a) in project.actors.iter().enumerate() {
            actor_positions.entry(a.id).or_insert(i);
        }
        let mut index = Self {
            key: Some(project.key()),
            per_document: vec![0; project.documents.len()],
            document_positions,
            actor_positions,
            ..Self::default()
        };
        for (position, a) in project.annotations.iter().enumerate() {
            index.annotation_positions.entry(a.id).or_insert(position);
            if let Some(&d) = index.document_positions.get(&a.document) {
                index.per_document[d] += 1;
            }
            *index
                .per_document_tag
                .entry((a.document, a.tag.clone()))
                .or_insert(0) += 1;
            *index.per_tag.entry(a.tag.clone()).or_insert(0) += 1;
            match a.holder {
                Some(holder) => index.by_holder.entry(holder).or_default().push(position),
                None => index.unheld.push(position),
            }
            if let Some(target) = a.target {
                *index.per_target.entry(target).or_insert(0) += 1;
                if a.holder == Some(target) {
                    *index.self_targeted.entry(target).or_insert(0) += 1;
                }
            }
        }
        index
    }

    /// The project state this index was built from.
    #[must_use]
    pub fn key(&self) -> Option<ProjectKey> {
        self.key
    }

    /// True if the index describes `project` as it is now.
    #[must_use]
    pub fn is_current(&self, project: &Project) -> bool {
        self.key == Some(project.key())
    }

    /// Annotations per document, in the order of `project.documents`.
    #[must_use]
    pub fn document_counts(&self) -> &[usize] {
        &self.per_document
    }

    /// Annotations of one document (0 for an unknown one).
    #[must_use]
    pub fn document_count(&self, document: DocumentId) -> usize {
        self.document_position(document)
            .and_then(|i| self.per_document.get(i).copied())
            .unwrap_or(0)
    }

    /// Annotations of one document with one tag.
    #[must_use]
    pub fn document_tag_count(&self, document: DocumentId, tag: &str) -> usize {
        // The tuple key owns its string; build it only for the lookup.
        self.per_document_tag
            .get(&(document, tag.to_owned()))
            .copied()
            .unwrap_or(0)
    }

    /// Annotations with one tag, in every document.
    #[must_use]
    pub fn tag_count(&self, tag: &str) -> usize {
        self.per_tag.get(tag).copied().unwrap_or(0)
    }

    /// Annotations held by an actor.
    #[must_use]
    pub fn holder_count(&self, actor: ActorId) -> usize {
        self.by_holder.get(&actor).map_or(0, Vec::len)
    }

    /// Annotations that name an actor as holder, target or both: what deleting it touches.
    #[must_use]
    pub fn actor_use_count(&self, actor: ActorId) -> usize {
        let targeted = self.per_target.get(&actor).copied().unwrap_or(0);
        let both = self.self_targeted.get(&actor).copied().unwrap_or(0);
        self.holder_count(actor) + targeted - both
    }

    /// Positions in `project.annotations` of the annotations an actor holds, in canonical order.
    #[must_use]
    pub fn annotations_held_by(&self, actor: ActorId) -> &[usize] {
        self.by_holder.get(&actor).map_or(&[], Vec::as_slice)
    }

    /// Positions of the annotations without a holder, in canonical order.
    #[must_use]
    pub fn unheld(&self) -> &[usize] {
        &self.unheld
    }

    /// Every holder (actor or not) with the positions of its annotations, in no fixed order.
    pub fn holders(&self) -> impl Iterator<Item = (ActorId, &[usize])> + '_ {
        self.by_holder.iter().map(|(id, p)| (*id, p.as_slice()))
    }

    /// Every tag used by an annotation (in the schema or not) with its count, in no fixed order.
    pub fn tag_counts(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.per_tag.iter().map(|(tag, n)| (tag.as_str(), *n))
    }

    /// Where an annotation is in `project.annotations`.
    #[must_use]
    pub fn annotation_position(&self, id: AnnotationId) -> Option<usize> {
        self.annotation_positions.get(&id).copied()
    }

    /// Where a document is in `project.documents`.
    #[must_use]
    pub fn document_position(&self, id: DocumentId) -> Option<usize> {
        self.document_positions.get(&id).copied()
    }

    /// Where an actor is in `project.actors`.
    #[must_use]
    pub fn actor_position(&self, id: ActorId) -> Option<usize> {
        self.actor_positions.get(&id).copied()
    }
}

/// Holds the [`ProjectIndex`] of the project shown and rebuilds it only when the project's
/// key changed: call [`IndexCache::refresh`] every frame.
#[derive(Debug, Default)]
pub struct IndexCache {
    index: ProjectIndex,
    builds: u64,
}

impl IndexCache {
    /// The index of `project`, rebuilt first if the project changed since the last call.
    pub fn refresh(&mut self, project: &Project) -> &ProjectIndex {
        if !self.index.is_current(project) {
            self.index = ProjectIndex::build(project);
            self.builds += 1;
        }
        &self.index
    }

    /// The index as of the last [`IndexCache::refresh`].
    #[must_use]
    pub fn get(&self) -> &ProjectIndex {
        &self.index
    }

    /// How many times the index was built: tests check it is not rebuilt every frame.
    #[must_use]
    pub fn builds(&self) -> u64 {
        self.builds
    }
}
