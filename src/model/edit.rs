//! [`Edit`]: every change to a project is a value; applying it checks it and returns its inverse.

use thiserror::Error;

use super::BriefKey;
use super::derived::{Derived, LastChange};
use super::{
    Actor, ActorId, Annotation, AnnotationId, Conflict, Document, DocumentId, FieldError,
    HotkeyClash, Issue, IssueId, PreservedRecord, Project, RejectedSuggestion, Relation,
    RelationId, RelationType, Round, RoundId, TagDef,
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
        conflict: Box<Conflict>,
    },
    /// Drops the merge conflict record at `index`: someone decided it (adjudication, in
    /// `crate::team::adjudication`).
    RemoveConflict(usize),
    /// Adds a round of talks at `index`, checked: a name, dates in order, documents that
    /// exist.
    InsertRound {
        index: usize,
        round: Round,
    },
    RemoveRound(RoundId),
    /// Replaces the round with the same id, checked like an insertion.
    ReplaceRound(Round),
    /// Sets the analyst's brief for `key` (`None` drops it, so the view drafts one again).
    SetBrief {
        key: BriefKey,
        text: Option<String>,
    },
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
    #[error(
        "{actor:?} cannot speak for {side:?}: {side:?} already speaks for {actor:?}, and sides cannot make a cycle"
    )]
    SideCycle { actor: String, side: String },
    #[error("{name:?} is the side of {count} actor(s); give them another side first")]
    ActorIsASide { name: String, count: usize },
    #[error("round {0} does not exist")]
    NoSuchRound(RoundId),
    #[error("a round needs a name")]
    EmptyRoundName,
    #[error("the round {name:?} ends before it starts")]
    RoundDatesReversed { name: String },
    #[error("document {title:?} belongs to the round {round:?}")]
    DocumentInRound { title: String, round: String },
}

impl Project {
    /// Applies an edit after checking it; returns the inverse edit.
    ///
    /// # Errors
    /// The rule the edit would break; the project is then unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let before = self.key();
        let inverse = self.apply_edit(edit)?;
        self.touch();
        self.last_change = Derived(Some(LastChange {
            before,
            after: self.key(),
            replaced: replaced_annotations(&inverse),
        }));
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
                if let Some(side) = actor.side {
                    let side_actor = self.actor(side).ok_or(EditError::NoSuchActor(side))?;
                    if self.side_would_cycle(actor.id, side) {
                        return Err(EditError::SideCycle {
                            actor: actor.name.clone(),
                            side: side_actor.name.clone(),
                        });
                    }
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
            Edit::InsertRound { index, round } => self.insert_round(index, round),
            Edit::RemoveRound(id) => self.remove_round(id),
            Edit::ReplaceRound(round) => self.replace_round(round),
            Edit::SetBrief { key, text } => Ok(self.set_brief_text(key, text)),
        }
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

impl Project {
    /// Whether applying `edit` would change nothing, so the UI records no undo step for it.
    #[must_use]
    pub fn is_no_op(&self, edit: &Edit) -> bool {
        match edit {
            Edit::ReplaceActor(actor) => self.actor(actor.id) == Some(actor),
            Edit::ReplaceIssue(issue) => self.issue(issue.id) == Some(issue),
            Edit::ReplaceRelation(relation) => self.relation(relation.id) == Some(relation),
            Edit::ReplaceTag(tag) => self.schema.get(&tag.key) == Some(tag),
            Edit::ReplaceRelationType(kind) => self.schema.relation_type(&kind.key) == Some(kind),
            Edit::ReplaceRound(round) => self.round(round.id) == Some(round),
            Edit::SetBrief { key, text } => self.brief(key) == text.as_deref(),
            Edit::MoveTag { from, to } => from == to,
            Edit::Batch(edits) => edits.iter().all(|e| self.is_no_op(e)),
            _ => false,
        }
    }
}

/// The annotations an edit's inverse puts back, if it only replaces annotations (so the edit
/// only replaced them): the annotations as they were, for [`LastChange::replaced`].
fn replaced_annotations(inverse: &Edit) -> Option<Vec<Annotation>> {
    fn collect(edit: &Edit, out: &mut Vec<Annotation>) -> bool {
        match edit {
            Edit::ReplaceAnnotation(a) => {
                out.push((**a).clone());
                true
            }
            Edit::Batch(edits) => edits.iter().all(|e| collect(e, out)),
            _ => false,
        }
    }
    let mut out = Vec::new();
    collect(inverse, &mut out).then_some(out)
}
