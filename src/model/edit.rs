//! [`Edit`]: every change to a project is a value; applying it checks it and returns its inverse.

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::{
    Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, PreservedRecord, Project,
    Relation, RelationId, Span, TagDef,
};

/// One change to a [`Project`]. [`Project::apply`] returns the edit that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddAnnotation(Box<Annotation>),
    RemoveAnnotation(AnnotationId),
    /// Replaces the annotation with the same id (tag, ranges, holder, note, times…).
    ReplaceAnnotation(Box<Annotation>),
    InsertActor {
        index: usize,
        actor: Actor,
    },
    RemoveActor(ActorId),
    ReplaceActor(Actor),
    InsertDocument {
        index: usize,
        document: Box<Document>,
    },
    RemoveDocument(DocumentId),
    InsertRelation {
        index: usize,
        relation: Relation,
    },
    RemoveRelation(RelationId),
    SetTitle(String),
    /// Adds a tag to the schema at `index` (imports bring their own tags).
    InsertTag {
        index: usize,
        tag: TagDef,
    },
    /// Removes a tag that no annotation uses.
    RemoveTag(String),
    /// Keeps a line of another tool verbatim (see [`PreservedRecord`]).
    InsertPreserved {
        index: usize,
        record: PreservedRecord,
    },
    RemovePreserved(usize),
    /// Several edits applied in order, all or nothing.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The project is unchanged when an edit fails.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum EditError {
    #[error("annotation {0} does not exist")]
    NoSuchAnnotation(AnnotationId),
    #[error("actor {0} does not exist")]
    NoSuchActor(ActorId),
    #[error("document {0} does not exist")]
    NoSuchDocument(DocumentId),
    #[error("relation {0} does not exist")]
    NoSuchRelation(RelationId),
    #[error("unknown tag {0:?}")]
    NoSuchTag(String),
    #[error("id {0} is already in use")]
    DuplicateId(String),
    #[error("annotation {id}: {reason}")]
    Invalid { id: AnnotationId, reason: String },
    #[error("actor {name:?} still holds {count} annotation(s)")]
    ActorInUse { name: String, count: usize },
    #[error("document {title:?} still has {count} annotation(s)")]
    DocumentInUse { title: String, count: usize },
    #[error("annotation {0} is linked by a relation")]
    AnnotationInRelation(AnnotationId),
    #[error("position {0} is out of range")]
    BadIndex(usize),
    #[error("the selection is empty")]
    EmptySelection,
    #[error("an actor needs a name")]
    EmptyName,
    #[error("tag {key:?} is used by {count} annotation(s)")]
    TagInUse { key: String, count: usize },
}

impl Project {
    /// Applies an edit after checking it; returns the inverse edit.
    ///
    /// # Errors
    /// The rule the edit would break; the project is then unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let inverse = self.apply_edit(edit)?;
        self.touch();
        Ok(inverse)
    }

    fn apply_edit(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::AddAnnotation(a) => {
                if self.annotation_index(a.id).is_some() {
                    return Err(EditError::DuplicateId(a.id.to_string()));
                }
                self.check_annotation(&a).map_err(|e| EditError::Invalid {
                    id: a.id,
                    reason: e.join("; "),
                })?;
                let id = a.id;
                let at = self.insertion_index(&a);
                self.annotations.insert(at, *a);
                Ok(Edit::RemoveAnnotation(id))
            }
            Edit::RemoveAnnotation(id) => {
                let index = self
                    .annotation_index(id)
                    .ok_or(EditError::NoSuchAnnotation(id))?;
                if self.relations.iter().any(|r| r.from == id || r.to == id) {
                    return Err(EditError::AnnotationInRelation(id));
                }
                Ok(Edit::AddAnnotation(Box::new(
                    self.annotations.remove(index),
                )))
            }
            Edit::ReplaceAnnotation(a) => {
                let index = self
                    .annotation_index(a.id)
                    .ok_or(EditError::NoSuchAnnotation(a.id))?;
                self.check_annotation(&a).map_err(|e| EditError::Invalid {
                    id: a.id,
                    reason: e.join("; "),
                })?;
                let old = self.annotations.remove(index);
                let at = self.insertion_index(&a);
                self.annotations.insert(at, *a);
                Ok(Edit::ReplaceAnnotation(Box::new(old)))
            }
            Edit::InsertActor { index, actor } => {
                if index > self.actors.len() {
                    return Err(EditError::BadIndex(index));
                }
                if self.actor(actor.id).is_some() {
                    return Err(EditError::DuplicateId(actor.id.to_string()));
                }
                if actor.name.trim().is_empty() {
                    return Err(EditError::EmptyName);
                }
                let id = actor.id;
                self.actors.insert(index, actor);
                Ok(Edit::RemoveActor(id))
            }
            Edit::RemoveActor(id) => {
                let index = self
                    .actors
                    .iter()
                    .position(|a| a.id == id)
                    .ok_or(EditError::NoSuchActor(id))?;
                let count = self.holder_count(id);
                if count > 0 {
                    return Err(EditError::ActorInUse {
                        name: self.actors[index].name.clone(),
                        count,
                    });
                }
                Ok(Edit::InsertActor {
                    index,
                    actor: self.actors.remove(index),
                })
            }
            Edit::ReplaceActor(actor) => {
                if actor.name.trim().is_empty() {
                    return Err(EditError::EmptyName);
                }
                let slot = self
                    .actors
                    .iter_mut()
                    .find(|a| a.id == actor.id)
                    .ok_or(EditError::NoSuchActor(actor.id))?;
                Ok(Edit::ReplaceActor(std::mem::replace(slot, actor)))
            }
            Edit::InsertDocument { index, document } => {
                if index > self.documents.len() {
                    return Err(EditError::BadIndex(index));
                }
                if self.document(document.id).is_some() {
                    return Err(EditError::DuplicateId(document.id.to_string()));
                }
                let id = document.id;
                self.documents.insert(index, *document);
                // Document order is part of the annotations' canonical order.
                self.sort_annotations();
                Ok(Edit::RemoveDocument(id))
            }
            Edit::RemoveDocument(id) => {
                let index = self
                    .document_index(id)
                    .ok_or(EditError::NoSuchDocument(id))?;
                let count = self.annotations.iter().filter(|a| a.document == id).count()
                    + self.preserved.iter().filter(|p| p.document == id).count();
                if count > 0 {
                    return Err(EditError::DocumentInUse {
                        title: self.documents[index].title.clone(),
                        count,
                    });
                }
                let document = Box::new(self.documents.remove(index));
                self.sort_annotations();
                Ok(Edit::InsertDocument { index, document })
            }
            Edit::InsertRelation { index, relation } => {
                if index > self.relations.len() {
                    return Err(EditError::BadIndex(index));
                }
                if self.relations.iter().any(|r| r.id == relation.id) {
                    return Err(EditError::DuplicateId(relation.id.to_string()));
                }
                for end in [relation.from, relation.to] {
                    if self.annotation_index(end).is_none() {
                        return Err(EditError::NoSuchAnnotation(end));
                    }
                }
                let id = relation.id;
                self.relations.insert(index, relation);
                Ok(Edit::RemoveRelation(id))
            }
            Edit::RemoveRelation(id) => {
                let index = self
                    .relations
                    .iter()
                    .position(|r| r.id == id)
                    .ok_or(EditError::NoSuchRelation(id))?;
                Ok(Edit::InsertRelation {
                    index,
                    relation: self.relations.remove(index),
                })
            }
            Edit::SetTitle(title) => Ok(Edit::SetTitle(std::mem::replace(&mut self.title, title))),
            Edit::InsertTag { index, tag } => {
                if index > self.schema.tags.len() {
                    return Err(EditError::BadIndex(index));
                }
                if tag.key.trim().is_empty() {
                    return Err(EditError::EmptyName);
                }
                if self.schema.get(&tag.key).is_some() {
                    return Err(EditError::DuplicateId(tag.key));
                }
                let key = tag.key.clone();
                self.schema.tags.insert(index, tag);
                Ok(Edit::RemoveTag(key))
            }
            Edit::RemoveTag(key) => {
                let index = self
                    .schema
                    .tags
                    .iter()
                    .position(|t| t.key == key)
                    .ok_or_else(|| EditError::NoSuchTag(key.clone()))?;
                let count = self.annotations.iter().filter(|a| a.tag == key).count();
                if count > 0 {
                    return Err(EditError::TagInUse { key, count });
                }
                Ok(Edit::InsertTag {
                    index,
                    tag: self.schema.tags.remove(index),
                })
            }
            Edit::InsertPreserved { index, record } => {
                if index > self.preserved.len() {
                    return Err(EditError::BadIndex(index));
                }
                if self.document(record.document).is_none() {
                    return Err(EditError::NoSuchDocument(record.document));
                }
                self.preserved.insert(index, record);
                Ok(Edit::RemovePreserved(index))
            }
            Edit::RemovePreserved(index) => {
                if index >= self.preserved.len() {
                    return Err(EditError::BadIndex(index));
                }
                Ok(Edit::InsertPreserved {
                    index,
                    record: self.preserved.remove(index),
                })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match self.apply(edit) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // All or nothing: undo what this batch already did.
                            for inverse in inverses.into_iter().rev() {
                                let _undone = self.apply(inverse);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

/// Builders for the edits the UI and CLI ask for. Each reads the project and returns an
/// [`Edit`] to apply; none changes the project itself.
impl Project {
    /// A new annotation over `ranges` (normalised), with its quote filled in.
    ///
    /// # Errors
    /// An unknown document, empty or out-of-range ranges.
    pub fn new_annotation(
        &self,
        document: DocumentId,
        tag: &str,
        ranges: Vec<Span>,
        now: DateTime<Utc>,
    ) -> Result<Annotation, EditError> {
        let doc = self
            .document(document)
            .ok_or(EditError::NoSuchDocument(document))?;
        let ranges = super::span::normalize_ranges(ranges);
        if ranges.is_empty() {
            return Err(EditError::EmptySelection);
        }
        let id = AnnotationId::random();
        let quote = doc.quote(&ranges).ok_or_else(|| EditError::Invalid {
            id,
            reason: format!(
                "a range lies past the end of the document ({} chars)",
                doc.len_chars()
            ),
        })?;
        Ok(Annotation {
            id,
            document,
            tag: tag.to_owned(),
            ranges,
            quote,
            holder: None,
            note: None,
            attributes: std::collections::BTreeMap::new(),
            external_ids: std::collections::BTreeMap::new(),
            created: now,
            modified: now,
        })
    }

    /// Edits one annotation through `change`, stamping `modified` and refreshing the quote.
    ///
    /// # Errors
    /// An unknown annotation or document, or ranges outside the document.
    pub fn edit_annotation(
        &self,
        id: AnnotationId,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Annotation),
    ) -> Result<Edit, EditError> {
        let mut a = self
            .annotation(id)
            .ok_or(EditError::NoSuchAnnotation(id))?
            .clone();
        change(&mut a);
        a.ranges = super::span::normalize_ranges(std::mem::take(&mut a.ranges));
        if a.ranges.is_empty() {
            return Err(EditError::EmptySelection);
        }
        let doc = self
            .document(a.document)
            .ok_or(EditError::NoSuchDocument(a.document))?;
        a.quote = doc.quote(&a.ranges).ok_or_else(|| EditError::Invalid {
            id,
            reason: format!(
                "a range lies past the end of the document ({} chars)",
                doc.len_chars()
            ),
        })?;
        a.modified = now;
        Ok(Edit::ReplaceAnnotation(Box::new(a)))
    }

    /// Retags an annotation.
    ///
    /// # Errors
    /// An unknown annotation or tag.
    pub fn set_tag(
        &self,
        id: AnnotationId,
        tag: &str,
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        if self.schema.get(tag).is_none() {
            return Err(EditError::NoSuchTag(tag.to_owned()));
        }
        self.edit_annotation(id, now, |a| tag.clone_into(&mut a.tag))
    }

    /// Sets or clears an annotation's holder.
    ///
    /// # Errors
    /// An unknown annotation or actor.
    pub fn set_holder(
        &self,
        id: AnnotationId,
        holder: Option<ActorId>,
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        if let Some(h) = holder
            && self.actor(h).is_none()
        {
            return Err(EditError::NoSuchActor(h));
        }
        self.edit_annotation(id, now, |a| a.holder = holder)
    }

    /// Sets an annotation's note; an empty note is stored as none.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn set_note(
        &self,
        id: AnnotationId,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        let note = (!note.is_empty()).then(|| note.to_owned());
        self.edit_annotation(id, now, |a| a.note = note)
    }

    /// Replaces an annotation's ranges.
    ///
    /// # Errors
    /// An unknown annotation, or ranges empty or outside the document.
    pub fn set_ranges(
        &self,
        id: AnnotationId,
        ranges: Vec<Span>,
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        self.edit_annotation(id, now, |a| a.ranges = ranges)
    }

    /// Adds a range to an annotation, making a discontinuous span (overlaps are merged).
    ///
    /// # Errors
    /// An unknown annotation, or a range outside the document.
    pub fn add_range(
        &self,
        id: AnnotationId,
        range: Span,
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        if range.is_empty() {
            return Err(EditError::EmptySelection);
        }
        self.edit_annotation(id, now, |a| a.ranges.push(range))
    }

    /// Appends a new actor.
    #[must_use]
    pub fn add_actor(&self, actor: Actor) -> Edit {
        Edit::InsertActor {
            index: self.actors.len(),
            actor,
        }
    }

    /// Changes an actor through `change` (name, aliases, affiliation).
    ///
    /// # Errors
    /// An unknown actor.
    pub fn edit_actor(
        &self,
        id: ActorId,
        change: impl FnOnce(&mut Actor),
    ) -> Result<Edit, EditError> {
        let mut actor = self.actor(id).ok_or(EditError::NoSuchActor(id))?.clone();
        change(&mut actor);
        Ok(Edit::ReplaceActor(actor))
    }

    /// Merges `from` into `into`: its annotations move to `into`, its name and aliases become
    /// aliases of `into`, and `from` is removed.
    ///
    /// # Errors
    /// Unknown actors, or merging an actor into itself.
    pub fn merge_actors(
        &self,
        from: ActorId,
        into: ActorId,
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        let source = self.actor(from).ok_or(EditError::NoSuchActor(from))?;
        let mut target = self
            .actor(into)
            .ok_or(EditError::NoSuchActor(into))?
            .clone();
        if from == into {
            return Err(EditError::DuplicateId(from.to_string()));
        }
        let mut edits = Vec::new();
        for a in self.annotations.iter().filter(|a| a.holder == Some(from)) {
            edits.push(self.edit_annotation(a.id, now, |a| a.holder = Some(into))?);
        }
        for name in std::iter::once(&source.name).chain(&source.aliases) {
            if !target.is_called(name) {
                target.aliases.push(name.clone());
            }
        }
        if target.affiliation.is_none() {
            target.affiliation.clone_from(&source.affiliation);
        }
        edits.push(Edit::ReplaceActor(target));
        edits.push(Edit::RemoveActor(from));
        Ok(Edit::Batch(edits))
    }

    /// Removes an actor, clearing it as the holder of its annotations first.
    ///
    /// # Errors
    /// An unknown actor.
    pub fn delete_actor(&self, id: ActorId, now: DateTime<Utc>) -> Result<Edit, EditError> {
        self.actor(id).ok_or(EditError::NoSuchActor(id))?;
        let mut edits = Vec::new();
        for a in self.annotations.iter().filter(|a| a.holder == Some(id)) {
            edits.push(self.edit_annotation(a.id, now, |a| a.holder = None)?);
        }
        edits.push(Edit::RemoveActor(id));
        Ok(Edit::Batch(edits))
    }

    /// Removes an annotation together with the relations that link it.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn delete_annotation(&self, id: AnnotationId) -> Result<Edit, EditError> {
        self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        let mut edits: Vec<Edit> = self
            .relations
            .iter()
            .filter(|r| r.from == id || r.to == id)
            .map(|r| Edit::RemoveRelation(r.id))
            .collect();
        edits.push(Edit::RemoveAnnotation(id));
        Ok(if edits.len() == 1 {
            Edit::RemoveAnnotation(id)
        } else {
            Edit::Batch(edits)
        })
    }

    /// Appends a document.
    #[must_use]
    pub fn add_document(&self, document: Document) -> Edit {
        Edit::InsertDocument {
            index: self.documents.len(),
            document: Box::new(document),
        }
    }
}
