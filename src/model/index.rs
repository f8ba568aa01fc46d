//! [`ProjectIndex`]: every count and lookup the views need, kept by the [`Project`] itself and
//! brought up to date by every applied edit, in time proportional to the edit.
//!
//! How it stays cheap: nothing in the index is a position in `annotations`, since one
//! insertion shifts every later position. Annotations are keyed by id instead, and each id
//! maps to its [`Placement`] (document and extent): with the document's position, that is the
//! annotation's canonical sort key, so [`Project::annotation_index`] finds it by binary search
//! in the sorted list. Counts (per document, tag, holder — a joint statement counts for each
//! of its holders —, target) go up and down by one per
//! annotation added or removed. Positions of documents and actors are kept too; inserting or
//! removing a document or an actor renumbers those after it (`O(documents)`, `O(actors)`),
//! never anything per annotation.
//!
//! [`Project::index_from_scratch`] makes the same index from scratch: a loaded project starts with
//! it, and the tests check that the incremental one always equals it.

use std::collections::hash_map::Entry;

use super::{Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, FastMap};

/// Where an annotation sits: enough, with its document's position, to find it in canonical
/// order (document, start, end, id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Placement {
    pub document: DocumentId,
    pub start: usize,
    pub end: usize,
}

impl Placement {
    fn of(a: &Annotation) -> Self {
        let extent = a.extent();
        Self {
            document: a.document,
            start: extent.start,
            end: extent.end,
        }
    }
}

/// Counts and lookups derived from one state of a project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectIndex {
    /// Where each document is in `documents` (the first of two with one id wins, as
    /// [`Project::document`] finds it).
    document_positions: FastMap<DocumentId, usize>,
    /// Where each actor is in `actors` (the first of two with one id wins).
    actor_positions: FastMap<ActorId, usize>,
    /// Annotations per document id, also of ids no document has (a broken file).
    per_document_id: FastMap<DocumentId, usize>,
    /// Annotations per document, by position in `documents` (0 for a second document with
    /// an id already seen).
    per_document: Vec<usize>,
    /// Annotations per document and tag (a document without any is left out).
    per_document_tag: FastMap<DocumentId, FastMap<String, usize>>,
    per_tag: FastMap<String, usize>,
    per_holder: FastMap<ActorId, usize>,
    unheld: usize,
    /// Annotations targeting each actor.
    per_target: FastMap<ActorId, usize>,
    /// Annotations whose target is also their holder, counted once by [`Self::actor_use_count`].
    self_targeted: FastMap<ActorId, usize>,
    /// Where the annotation of each id sits; ids several annotations share are in
    /// `duplicated` instead.
    placements: FastMap<AnnotationId, Placement>,
    /// How many actors name each actor as their side.
    side_members: FastMap<ActorId, usize>,
    /// Ids held by more than one annotation (only a broken file has them), with how many:
    /// lookups of these scan, as before there was an index.
    duplicated: FastMap<AnnotationId, usize>,
}

/// Adds `by` (±1) to a count, dropping it at zero so an index kept up to date equals one
/// built from scratch.
fn bump<K: std::hash::Hash + Eq>(counts: &mut FastMap<K, usize>, key: K, by: isize) {
    match counts.entry(key) {
        Entry::Occupied(mut count) => {
            let n = count.get().saturating_add_signed(by);
            if n == 0 {
                count.remove();
            } else {
                *count.get_mut() = n;
            }
        }
        Entry::Vacant(count) => {
            if let Ok(n @ 1..) = usize::try_from(by) {
                count.insert(n);
            }
        }
    }
}

/// [`bump`] for a count keyed by tag, looked up by `&str`: no string is copied unless the
/// tag is new.
fn bump_tag(counts: &mut FastMap<String, usize>, tag: &str, by: isize) {
    match counts.get_mut(tag) {
        Some(n) => {
            *n = n.saturating_add_signed(by);
            if *n == 0 {
                counts.remove(tag);
            }
        }
        None => {
            if let Ok(n @ 1..) = usize::try_from(by) {
                counts.insert(tag.to_owned(), n);
            }
        }
    }
}

impl ProjectIndex {
    /// Indexes the parts of a project, in one pass over the annotations.
    pub(super) fn of<'a>(
        documents: &[Document],
        actors: &[Actor],
        annotations: impl ExactSizeIterator<Item = &'a Annotation>,
    ) -> Self {
        let mut index = Self::default();
        index.placements.reserve(annotations.len());
        // As if each were added in turn: one pass, one map of ids.
        for a in annotations {
            index.annotation_added(a);
        }
        index.documents_changed(documents);
        index.actors_changed(actors);
        index
    }

    /// Counts `a` in (`by` = 1) or out (`by` = -1) of every count.
    fn count(&mut self, a: &Annotation, by: isize) {
        bump(&mut self.per_document_id, a.document, by);
        if let Some(&position) = self.document_positions.get(&a.document)
            && let Some(n) = self.per_document.get_mut(position)
        {
            *n = n.saturating_add_signed(by);
        }
        match self.per_document_tag.get_mut(&a.document) {
            Some(tags) => {
                bump_tag(tags, &a.tag, by);
                if tags.is_empty() {
                    self.per_document_tag.remove(&a.document);
                }
            }
            None => {
                let mut tags = FastMap::default();
                bump_tag(&mut tags, &a.tag, by);
                if !tags.is_empty() {
                    self.per_document_tag.insert(a.document, tags);
                }
            }
        }
        bump_tag(&mut self.per_tag, &a.tag, by);
        // A joint statement counts once for each holder (a holder listed twice, in a
        // broken file, once).
        for (at, &holder) in a.holders.iter().enumerate() {
            if !a.holders[..at].contains(&holder) {
                bump(&mut self.per_holder, holder, by);
            }
        }
        if a.holders.is_empty() {
            self.unheld = self.unheld.saturating_add_signed(by);
        }
        if let Some(target) = a.target {
            bump(&mut self.per_target, target, by);
            if a.is_held_by(target) {
                bump(&mut self.self_targeted, target, by);
            }
        }
    }

    /// Takes in an annotation just added to the project.
    pub(super) fn annotation_added(&mut self, a: &Annotation) {
        self.count(a, 1);
        if let Some(n) = self.duplicated.get_mut(&a.id) {
            *n += 1;
            return;
        }
        match self.placements.entry(a.id) {
            Entry::Occupied(shared) => {
                shared.remove();
                self.duplicated.insert(a.id, 2);
            }
            Entry::Vacant(new) => {
                new.insert(Placement::of(a));
            }
        }
    }

    /// Lets go of an annotation just taken out of the project. Returns true when one other
    /// annotation with its id is left: the caller then finds it and gives its placement
    /// ([`Self::placed`]), as only a scan can.
    #[must_use]
    pub(super) fn annotation_removed(&mut self, a: &Annotation) -> bool {
        self.count(a, -1);
        match self.duplicated.get_mut(&a.id) {
            Some(n) if *n > 2 => {
                *n -= 1;
                false
            }
            Some(_) => {
                self.duplicated.remove(&a.id);
                true
            }
            None => {
                self.placements.remove(&a.id);
                false
            }
        }
    }

    /// Records where the one annotation left with a formerly shared id sits.
    pub(super) fn placed(&mut self, a: &Annotation) {
        self.placements.insert(a.id, Placement::of(a));
    }

    /// Renumbers documents after one was inserted or removed: `O(documents)`.
    pub(super) fn documents_changed(&mut self, documents: &[Document]) {
        self.document_positions.clear();
        self.document_positions.reserve(documents.len());
        self.per_document.clear();
        for (i, d) in documents.iter().enumerate() {
            let is_first = !self.document_positions.contains_key(&d.id);
            let count = if is_first {
                self.document_positions.insert(d.id, i);
                self.per_document_id.get(&d.id).copied().unwrap_or(0)
            } else {
                0
            };
            self.per_document.push(count);
        }
    }

    /// Renumbers actors after one was inserted or removed: `O(actors)`.
    pub(super) fn actors_changed(&mut self, actors: &[Actor]) {
        self.actor_positions.clear();
        self.actor_positions.reserve(actors.len());
        self.side_members.clear();
        for (i, a) in actors.iter().enumerate() {
            self.actor_positions.entry(a.id).or_insert(i);
            if let Some(side) = a.side {
                bump(&mut self.side_members, side, 1);
            }
        }
    }

    /// Takes in an actor's new side (`O(1)`).
    pub(super) fn side_changed(&mut self, old: Option<ActorId>, new: Option<ActorId>) {
        if old != new {
            if let Some(old) = old {
                bump(&mut self.side_members, old, -1);
            }
            if let Some(new) = new {
                bump(&mut self.side_members, new, 1);
            }
        }
    }

    /// How many actors name `actor` as their side (directly).
    #[must_use]
    pub fn side_member_count(&self, actor: ActorId) -> usize {
        self.side_members.get(&actor).copied().unwrap_or(0)
    }

    /// Where the annotation with this id sits, unless no annotation or several have it.
    pub(super) fn placement(&self, id: AnnotationId) -> Option<Placement> {
        self.placements.get(&id).copied()
    }

    /// True if several annotations share this id.
    pub(super) fn is_duplicated(&self, id: AnnotationId) -> bool {
        self.duplicated.contains_key(&id)
    }

    /// Annotations of a document id, also of one the project lacks.
    pub(super) fn annotations_in(&self, document: DocumentId) -> usize {
        self.per_document_id.get(&document).copied().unwrap_or(0)
    }

    /// Annotations per document, in the order of the project's documents.
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
        self.per_document_tag
            .get(&document)
            .and_then(|tags| tags.get(tag))
            .copied()
            .unwrap_or(0)
    }

    /// Annotations with one tag, in every document.
    #[must_use]
    pub fn tag_count(&self, tag: &str) -> usize {
        self.per_tag.get(tag).copied().unwrap_or(0)
    }

    /// Annotations held by an actor, alone or jointly.
    #[must_use]
    pub fn holder_count(&self, actor: ActorId) -> usize {
        self.per_holder.get(&actor).copied().unwrap_or(0)
    }

    /// Annotations without a holder.
    #[must_use]
    pub fn unheld_count(&self) -> usize {
        self.unheld
    }

    /// Annotations that name an actor as holder, target or both: what deleting it touches.
    #[must_use]
    pub fn actor_use_count(&self, actor: ActorId) -> usize {
        let targeted = self.per_target.get(&actor).copied().unwrap_or(0);
        let both = self.self_targeted.get(&actor).copied().unwrap_or(0);
        self.holder_count(actor) + targeted - both
    }

    /// Every holder (actor or not) with how many annotations it holds, in no fixed order.
    pub fn holders(&self) -> impl Iterator<Item = (ActorId, usize)> + '_ {
        self.per_holder.iter().map(|(id, n)| (*id, *n))
    }

    /// Every tag used by an annotation (in the schema or not) with its count, in no fixed order.
    pub fn tag_counts(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.per_tag.iter().map(|(tag, n)| (tag.as_str(), *n))
    }

    /// Where a document is in the project's documents.
    #[must_use]
    pub fn document_position(&self, id: DocumentId) -> Option<usize> {
        self.document_positions.get(&id).copied()
    }

    /// Where an actor is in the project's actors.
    #[must_use]
    pub fn actor_position(&self, id: ActorId) -> Option<usize> {
        self.actor_positions.get(&id).copied()
    }
}
