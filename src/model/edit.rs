//! [`Edit`]: every change to a project is a value; applying it checks it and returns its inverse.

use std::collections::HashSet;

use thiserror::Error;

use super::attribution::RejectedSuggestion;
use super::{
    Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, FieldError, HotkeyClash, Issue,
    IssueId, PreservedRecord, Project, Relation, RelationId, RelationType, TagDef,
};

/// One change to a [`Project`]. [`Project::apply`] returns the edit that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddAnnotation(Box<Annotation>),
    RemoveAnnotation(AnnotationId),
    /// Adds many annotations at once, checked like [`Edit::AddAnnotation`]. Imports use it:
    /// one by one, each id check and insertion would scan the whole list.
    AddAnnotations(Vec<Annotation>),
    /// Removes many annotations at once; the inverse of [`Edit::AddAnnotations`].
    RemoveAnnotations(Vec<AnnotationId>),
    /// Replaces the annotation with the same id (tag, ranges, holder, note, times…).
    ReplaceAnnotation(Box<Annotation>),
    InsertActor {
        index: usize,
        actor: Actor,
    },
    RemoveActor(ActorId),
    /// Puts back an actor that [`Edit::RemoveActor`] took out (its inverse). Unlike
    /// [`Edit::InsertActor`] it does not check names: undoing the removal of one of two actors
    /// that clashed in a loaded file must bring the clash back, not fail.
    RestoreActor {
        index: usize,
        actor: Actor,
    },
    ReplaceActor(Actor),
    InsertDocument {
        index: usize,
        document: Box<Document>,
    },
    RemoveDocument(DocumentId),
    /// Sets a document's properties (title, date, outlet, author, source, language); the
    /// inverse sets the old ones. The title must not be blank.
    SetDocumentMeta {
        document: DocumentId,
        meta: super::DocumentMeta,
    },
    /// Adds a relation, checked: both ends exist, its type is in the schema, it does not
    /// link an annotation to itself, and a `retracts` makes no cycle.
    InsertRelation {
        index: usize,
        relation: Relation,
    },
    RemoveRelation(RelationId),
    /// Replaces the relation with the same id (kind, ends, note), checked like an insertion.
    ReplaceRelation(Relation),
    /// Puts a relation back at `index` as it was, replacing the one with its id if any: the
    /// inverse of a removal or replacement. Unchecked, so undo brings back exactly what a
    /// loaded file held.
    RestoreRelation {
        index: usize,
        relation: Relation,
    },
    /// Adds an issue; its name and aliases must not name another issue.
    InsertIssue {
        index: usize,
        issue: Issue,
    },
    /// Removes an issue no annotation refers to.
    RemoveIssue(IssueId),
    /// Puts back an issue that [`Edit::RemoveIssue`] took out, without checking names.
    RestoreIssue {
        index: usize,
        issue: Issue,
    },
    /// Replaces the issue with the same id; names it did not have before are checked.
    ReplaceIssue(Issue),
    SetTitle(String),
    /// Adds a tag to the schema at `index` (imports bring their own tags).
    InsertTag {
        index: usize,
        tag: TagDef,
    },
    /// Removes a tag that no annotation uses.
    RemoveTag(String),
    /// Replaces the tag with the same key (name, colour, hotkey, description, retired,
    /// fields). The key itself is stable: annotations refer to it.
    ReplaceTag(TagDef),
    /// Moves the tag at `from` to position `to`.
    MoveTag {
        from: usize,
        to: usize,
    },
    InsertRelationType {
        index: usize,
        relation_type: RelationType,
    },
    /// Removes a relation type that no relation uses.
    RemoveRelationType(String),
    /// Replaces the relation type with the same key (name, colour).
    ReplaceRelationType(RelationType),
    /// Keeps a line of another tool verbatim (see [`PreservedRecord`]).
    InsertPreserved {
        index: usize,
        record: PreservedRecord,
    },
    RemovePreserved(usize),
    /// Several edits applied in order, all or nothing.
    Batch(Vec<Edit>),
    /// Gives a document a new text and hash and replaces the listed annotations of it (same
    /// ids) in one step: re-anchoring (see [`Project::reanchor_document`]). Not a batch of
    /// checked replacements, because undo must put back ranges that fit only the old text.
    ReplaceDocumentText {
        document: DocumentId,
        text: String,
        text_hash: String,
        annotations: Vec<Annotation>,
    },
    /// Remembers a suggestion the analyst rejected, so it is not suggested again.
    RejectSuggestion(RejectedSuggestion),
    /// Forgets a rejection: the inverse of [`Edit::RejectSuggestion`].
    ForgetRejection(RejectedSuggestion),
    /// Puts a merge conflict record back at `index`: the inverse of deciding it.
    InsertConflict {
        index: usize,
        conflict: Box<super::Conflict>,
    },
    /// Drops the merge conflict record at `index`: someone decided it (see
    /// [`super::adjudication`]).
    RemoveConflict(usize),
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
    #[error("actor {name:?} still holds or is the target of {count} annotation(s)")]
    ActorInUse { name: String, count: usize },
    #[error("a document needs a title")]
    EmptyDocumentTitle,
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
    #[error("{name:?} already names the actor {existing:?}")]
    DuplicateActorName { name: String, existing: String },
    #[error("annotation {0} has only one range; delete the annotation instead")]
    LastRange(AnnotationId),
    #[error("tag {key:?} is used by {count} annotation(s)")]
    TagInUse { key: String, count: usize },
    #[error("the tag {name:?} is retired; choose a current tag")]
    RetiredTag { key: String, name: String },
    #[error("{0}")]
    HotkeyClash(HotkeyClash),
    #[error("tag {tag:?}: {error}")]
    BadField { tag: String, error: FieldError },
    #[error("{value:?} is not a choice of the field {field:?} (choices: {choices})")]
    NotAChoice {
        field: String,
        value: String,
        choices: String,
    },
    #[error("issue {0} does not exist")]
    NoSuchIssue(IssueId),
    #[error("an issue needs a name")]
    EmptyIssueName,
    #[error("{name:?} already names the issue {existing:?}")]
    DuplicateIssueName { name: String, existing: String },
    #[error("issue {name:?} is referred to by {count} annotation(s)")]
    IssueInUse { name: String, count: usize },
    #[error("unknown relation type {0:?}")]
    NoSuchRelationType(String),
    #[error("relation type {key:?} is used by {count} relation(s)")]
    RelationTypeInUse { key: String, count: usize },
    #[error("an annotation cannot be linked to itself")]
    SelfRelation(AnnotationId),
    #[error("this `retracts` would make a cycle: annotation {0} would retract itself")]
    RetractsCycle(AnnotationId),
    #[error("the suggestion {0:?} is already rejected")]
    AlreadyRejected(String),
    #[error("the suggestion {0:?} is not among the rejected ones")]
    NotRejected(String),
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

    /// [`Project::check_annotation`] as an edit's error: every broken rule, in one message.
    ///
    /// # Errors
    /// [`EditError::Invalid`] listing the rules `a` breaks.
    pub fn check_annotation_edit(&self, a: &Annotation) -> Result<(), EditError> {
        self.check_annotation(a)
            .map_err(|problems| EditError::Invalid {
                id: a.id,
                reason: (problems.iter())
                    .map(|p| p.detail().to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            })
    }

    fn add_annotations(&mut self, annotations: Vec<Annotation>) -> Result<Edit, EditError> {
        let mut ids: HashSet<AnnotationId> = self.annotations.iter().map(|a| a.id).collect();
        for a in &annotations {
            if !ids.insert(a.id) {
                return Err(EditError::DuplicateId(a.id.to_string()));
            }
            self.check_annotation_edit(a)?;
        }
        let added = annotations.iter().map(|a| a.id).collect();
        self.annotations.extend(annotations);
        self.sort_annotations();
        Ok(Edit::RemoveAnnotations(added))
    }

    fn remove_annotations(&mut self, ids: &[AnnotationId]) -> Result<Edit, EditError> {
        let wanted: HashSet<AnnotationId> = ids.iter().copied().collect();
        let present: HashSet<AnnotationId> = self
            .annotations
            .iter()
            .map(|a| a.id)
            .filter(|id| wanted.contains(id))
            .collect();
        if let Some(missing) = ids.iter().find(|id| !present.contains(id)) {
            return Err(EditError::NoSuchAnnotation(*missing));
        }
        if let Some(r) = self
            .relations
            .iter()
            .find(|r| wanted.contains(&r.from) || wanted.contains(&r.to))
        {
            let linked = if wanted.contains(&r.from) {
                r.from
            } else {
                r.to
            };
            return Err(EditError::AnnotationInRelation(linked));
        }
        let (removed, kept) = std::mem::take(&mut self.annotations)
            .into_iter()
            .partition(|a| wanted.contains(&a.id));
        self.annotations = kept;
        Ok(Edit::AddAnnotations(removed))
    }

    /// Inserts an actor whose names were checked (or need not be); the rest of the rules.
    fn insert_actor(&mut self, index: usize, actor: Actor) -> Result<Edit, EditError> {
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

    /// Dispatches to one checked step per edit; each returns the inverse.
    fn apply_edit(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::AddAnnotation(a) => self.add_annotation(*a),
            Edit::RemoveAnnotation(id) => self.remove_annotation(id),
            Edit::AddAnnotations(annotations) => self.add_annotations(annotations),
            Edit::RemoveAnnotations(ids) => self.remove_annotations(&ids),
            Edit::ReplaceAnnotation(a) => self.replace_annotation(*a),
            Edit::InsertActor { index, actor } => {
                // As for a replacement: a name answering for two actors makes holders ambiguous.
                for name in actor.names() {
                    self.check_name_is_free(name, None)?;
                }
                self.insert_actor(index, actor)
            }
            Edit::RestoreActor { index, actor } => self.insert_actor(index, actor),
            Edit::RemoveActor(id) => self.remove_actor(id),
            Edit::ReplaceActor(actor) => self.replace_actor(actor),
            Edit::InsertDocument { index, document } => self.insert_document(index, *document),
            Edit::RemoveDocument(id) => self.remove_document(id),
            Edit::SetDocumentMeta { document, meta } => self.replace_document_meta(document, meta),
            Edit::InsertRelation { index, relation } => self.insert_relation(index, relation),
            Edit::RemoveRelation(id) => self.remove_relation(id),
            Edit::ReplaceRelation(relation) => self.replace_relation(relation),
            Edit::RestoreRelation { index, relation } => self.restore_relation(index, relation),
            Edit::InsertIssue { index, issue } => {
                for name in issue.names() {
                    self.check_issue_name_is_free(name, None)?;
                }
                self.insert_issue(index, issue)
            }
            Edit::RestoreIssue { index, issue } => self.insert_issue(index, issue),
            Edit::RemoveIssue(id) => self.remove_issue(id),
            Edit::ReplaceIssue(issue) => self.replace_issue(issue),
            Edit::ReplaceTag(tag) => self.replace_tag(tag),
            Edit::MoveTag { from, to } => self.move_tag(from, to),
            Edit::InsertRelationType {
                index,
                relation_type,
            } => self.insert_relation_type(index, relation_type),
            Edit::RemoveRelationType(key) => self.remove_relation_type(key),
            Edit::ReplaceRelationType(relation_type) => self.replace_relation_type(relation_type),
            Edit::SetTitle(title) => Ok(Edit::SetTitle(std::mem::replace(&mut self.title, title))),
            Edit::InsertTag { index, tag } => self.insert_tag(index, tag),
            Edit::RemoveTag(key) => self.remove_tag(key),
            Edit::InsertPreserved { index, record } => self.insert_preserved(index, record),
            Edit::RemovePreserved(index) => self.remove_preserved(index),
            Edit::Batch(edits) => self.apply_batch(edits),
            Edit::ReplaceDocumentText {
                document,
                text,
                text_hash,
                annotations,
            } => self.replace_document_text(document, text, text_hash, annotations),
            Edit::RejectSuggestion(rejection) => self.add_rejection(rejection),
            Edit::ForgetRejection(rejection) => self.forget_rejection(rejection),
            Edit::InsertConflict { index, conflict } => {
                if index > self.conflicts.len() {
                    return Err(EditError::BadIndex(index));
                }
                self.conflicts.insert(index, *conflict);
                Ok(Edit::RemoveConflict(index))
            }
            Edit::RemoveConflict(index) => {
                if index >= self.conflicts.len() {
                    return Err(EditError::BadIndex(index));
                }
                let conflict = Box::new(self.conflicts.remove(index));
                Ok(Edit::InsertConflict { index, conflict })
            }
        }
    }

    fn add_annotation(&mut self, a: Annotation) -> Result<Edit, EditError> {
        if self.annotation_index(a.id).is_some() {
            return Err(EditError::DuplicateId(a.id.to_string()));
        }
        self.check_annotation_edit(&a)?;
        let id = a.id;
        let at = self.insertion_index(&a);
        self.annotations.insert(at, a);
        Ok(Edit::RemoveAnnotation(id))
    }

    fn remove_annotation(&mut self, id: AnnotationId) -> Result<Edit, EditError> {
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

    fn replace_annotation(&mut self, a: Annotation) -> Result<Edit, EditError> {
        let index = self
            .annotation_index(a.id)
            .ok_or(EditError::NoSuchAnnotation(a.id))?;
        self.check_annotation_edit(&a)?;
        let is_in_place = self
            .annotations
            .get(index)
            .is_some_and(|old| self.order_key(old) == self.order_key(&a));
        let old = if is_in_place {
            // A retag, holder or note change keeps its place: shifting every later
            // annotation twice made merging a busy actor quadratic.
            std::mem::replace(&mut self.annotations[index], a)
        } else {
            let old = self.annotations.remove(index);
            let at = self.insertion_index(&a);
            self.annotations.insert(at, a);
            old
        };
        Ok(Edit::ReplaceAnnotation(Box::new(old)))
    }

    fn remove_actor(&mut self, id: ActorId) -> Result<Edit, EditError> {
        let index = self
            .actors
            .iter()
            .position(|a| a.id == id)
            .ok_or(EditError::NoSuchActor(id))?;
        // Counted here, once per removal: views read counts from `ProjectIndex`.
        let count = self
            .annotations
            .iter()
            .filter(|a| a.holder == Some(id) || a.target == Some(id))
            .count();
        if count > 0 {
            return Err(EditError::ActorInUse {
                name: self.actors[index].name.clone(),
                count,
            });
        }
        Ok(Edit::RestoreActor {
            index,
            actor: self.actors.remove(index),
        })
    }

    fn replace_actor(&mut self, actor: Actor) -> Result<Edit, EditError> {
        if actor.name.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        self.check_replacement_names(&actor)?;
        let slot = self
            .actors
            .iter_mut()
            .find(|a| a.id == actor.id)
            .ok_or(EditError::NoSuchActor(actor.id))?;
        Ok(Edit::ReplaceActor(std::mem::replace(slot, actor)))
    }

    fn insert_document(&mut self, index: usize, document: Document) -> Result<Edit, EditError> {
        if index > self.documents.len() {
            return Err(EditError::BadIndex(index));
        }
        if self.document(document.id).is_some() {
            return Err(EditError::DuplicateId(document.id.to_string()));
        }
        let id = document.id;
        self.documents.insert(index, document);
        // Document order is part of the annotations' canonical order.
        self.sort_annotations();
        Ok(Edit::RemoveDocument(id))
    }

    fn remove_document(&mut self, id: DocumentId) -> Result<Edit, EditError> {
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

    fn insert_preserved(
        &mut self,
        index: usize,
        record: PreservedRecord,
    ) -> Result<Edit, EditError> {
        if index > self.preserved.len() {
            return Err(EditError::BadIndex(index));
        }
        if self.document(record.document).is_none() {
            return Err(EditError::NoSuchDocument(record.document));
        }
        self.preserved.insert(index, record);
        Ok(Edit::RemovePreserved(index))
    }

    fn remove_preserved(&mut self, index: usize) -> Result<Edit, EditError> {
        if index >= self.preserved.len() {
            return Err(EditError::BadIndex(index));
        }
        Ok(Edit::InsertPreserved {
            index,
            record: self.preserved.remove(index),
        })
    }

    /// Several edits in order, all or nothing.
    fn apply_batch(&mut self, edits: Vec<Edit>) -> Result<Edit, EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply(edit) {
                Ok(inverse) => inverses.push(inverse),
                Err(e) => {
                    // Undo what this batch already did.
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
