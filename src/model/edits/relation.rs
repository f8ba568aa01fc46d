//! Relations: the checked edit steps and the builders the UI asks for.

use std::collections::{HashMap, HashSet};

use crate::model::{AnnotationId, Edit, EditError, Project, RETRACTS, Relation, RelationId, elide};

/// True if `goal` can be reached from `start` along `next` (`start` itself counts).
pub(in crate::model) fn reaches(
    next: &HashMap<AnnotationId, Vec<AnnotationId>>,
    start: AnnotationId,
    goal: AnnotationId,
) -> bool {
    let mut seen = HashSet::from([start]);
    let mut stack = vec![start];
    while let Some(at) = stack.pop() {
        if at == goal {
            return true;
        }
        for &to in next.get(&at).into_iter().flatten() {
            if seen.insert(to) {
                stack.push(to);
            }
        }
    }
    false
}

/// One relation seen from one of its annotations: the other end, and which way it points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Related<'a> {
    pub relation: &'a Relation,
    /// The annotation at the other end.
    pub other: AnnotationId,
    /// True when the annotation is the relation's `from` ("this concedes-to other").
    pub is_outgoing: bool,
}

impl Project {
    /// The relations touching `annotation`, each from its point of view, in file order.
    #[must_use]
    pub fn related(&self, annotation: AnnotationId) -> Vec<Related<'_>> {
        self.relations_of(annotation)
            .map(|relation| {
                let is_outgoing = relation.from == annotation;
                Related {
                    relation,
                    other: if is_outgoing {
                        relation.to
                    } else {
                        relation.from
                    },
                    is_outgoing,
                }
            })
            .collect()
    }

    /// How the editor lists a related annotation: `concedes-to → "quote…" (Holder)` for an
    /// outgoing relation, `← concedes-to "quote…" (Holder)` for an incoming one.
    #[must_use]
    pub fn describe_related(&self, related: &Related<'_>) -> String {
        let kind = &related.relation.kind;
        let (quote, holder) = self.annotation(related.other).map_or_else(
            || (format!("missing annotation {}", related.other.short()), ""),
            |a| (format!("{:?}", elide(&a.quote)), self.holder_name(a)),
        );
        let holder = if holder.is_empty() {
            String::new()
        } else {
            format!(" ({holder})")
        };
        if related.is_outgoing {
            format!("{kind} → {quote}{holder}")
        } else {
            format!("← {kind} {quote}{holder}")
        }
    }

    #[must_use]
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relations.iter().find(|r| r.id == id)
    }

    /// Relations with `annotation` at either end, in file order.
    pub fn relations_of(&self, annotation: AnnotationId) -> impl Iterator<Item = &Relation> + '_ {
        self.relations.iter().filter(move |r| r.touches(annotation))
    }

    /// Whether `relation` may be added, or replace the relation with its id: both ends
    /// exist and differ, its type is in the schema, and a `retracts` closes no cycle.
    ///
    /// # Errors
    /// The first rule broken.
    pub fn check_relation(&self, relation: &Relation) -> Result<(), EditError> {
        for end in [relation.from, relation.to] {
            if self.annotation_index(end).is_none() {
                return Err(EditError::NoSuchAnnotation(end));
            }
        }
        if relation.from == relation.to {
            return Err(EditError::SelfRelation(relation.from));
        }
        if self.schema.relation_type(&relation.kind).is_none() {
            return Err(EditError::NoSuchRelationType(relation.kind.clone()));
        }
        if relation.kind == RETRACTS {
            let mut next: HashMap<AnnotationId, Vec<AnnotationId>> = HashMap::new();
            for r in (self.relations.iter()).filter(|r| r.kind == RETRACTS && r.id != relation.id) {
                next.entry(r.from).or_default().push(r.to);
            }
            if reaches(&next, relation.to, relation.from) {
                return Err(EditError::RetractsCycle(relation.from));
            }
        }
        Ok(())
    }

    pub(in crate::model) fn insert_relation(
        &mut self,
        index: usize,
        relation: Relation,
    ) -> Result<Edit, EditError> {
        if index > self.relations.len() {
            return Err(EditError::BadIndex(index));
        }
        if self.relation(relation.id).is_some() {
            return Err(EditError::DuplicateId(relation.id.to_string()));
        }
        self.check_relation(&relation)?;
        let id = relation.id;
        self.relations.insert(index, relation);
        Ok(Edit::RemoveRelation(id))
    }

    pub(in crate::model) fn remove_relation(&mut self, id: RelationId) -> Result<Edit, EditError> {
        let index = (self.relations.iter())
            .position(|r| r.id == id)
            .ok_or(EditError::NoSuchRelation(id))?;
        Ok(Edit::RestoreRelation {
            index,
            relation: self.relations.remove(index),
        })
    }

    pub(in crate::model) fn replace_relation(
        &mut self,
        relation: Relation,
    ) -> Result<Edit, EditError> {
        let index = (self.relations.iter())
            .position(|r| r.id == relation.id)
            .ok_or(EditError::NoSuchRelation(relation.id))?;
        self.check_relation(&relation)?;
        Ok(Edit::RestoreRelation {
            index,
            relation: std::mem::replace(&mut self.relations[index], relation),
        })
    }

    pub(in crate::model) fn restore_relation(
        &mut self,
        index: usize,
        relation: Relation,
    ) -> Result<Edit, EditError> {
        if let Some(at) = self.relations.iter().position(|r| r.id == relation.id) {
            let old = self.relations.remove(at);
            if index > self.relations.len() {
                self.relations.insert(at, old);
                return Err(EditError::BadIndex(index));
            }
            self.relations.insert(index, relation);
            return Ok(Edit::RestoreRelation {
                index: at,
                relation: old,
            });
        }
        if index > self.relations.len() {
            return Err(EditError::BadIndex(index));
        }
        let id = relation.id;
        self.relations.insert(index, relation);
        Ok(Edit::RemoveRelation(id))
    }

    /// Links `from` to `to` with a relation of type `kind` ("`from` concedes-to `to`"),
    /// appended to the project's relations. A blank note is none.
    ///
    /// # Errors
    /// As [`Project::check_relation`].
    pub fn add_relation(
        &self,
        kind: &str,
        from: AnnotationId,
        to: AnnotationId,
        note: Option<&str>,
    ) -> Result<Edit, EditError> {
        let relation = Relation {
            note: note_of(note),
            ..Relation::new(kind, from, to)
        };
        self.check_relation(&relation)?;
        Ok(Edit::InsertRelation {
            index: self.relations.len(),
            relation,
        })
    }

    /// Changes a relation through `change` (kind, ends, note), checked on apply.
    ///
    /// # Errors
    /// An unknown relation, or a change that breaks [`Project::check_relation`].
    pub fn edit_relation(
        &self,
        id: RelationId,
        change: impl FnOnce(&mut Relation),
    ) -> Result<Edit, EditError> {
        let mut relation = self
            .relation(id)
            .ok_or(EditError::NoSuchRelation(id))?
            .clone();
        change(&mut relation);
        self.check_relation(&relation)?;
        Ok(Edit::ReplaceRelation(relation))
    }

    /// Sets a relation's type.
    ///
    /// # Errors
    /// As [`Project::edit_relation`].
    pub fn set_relation_kind(&self, id: RelationId, kind: &str) -> Result<Edit, EditError> {
        self.edit_relation(id, |r| kind.clone_into(&mut r.kind))
    }

    /// Sets a relation's note; a blank note is none, other text is kept as typed.
    ///
    /// # Errors
    /// An unknown relation.
    pub fn set_relation_note(&self, id: RelationId, note: &str) -> Result<Edit, EditError> {
        let note = note_of(Some(note));
        self.edit_relation(id, |r| r.note = note)
    }

    /// Turns a relation around: `to` becomes `from`.
    ///
    /// # Errors
    /// As [`Project::edit_relation`].
    pub fn reverse_relation(&self, id: RelationId) -> Result<Edit, EditError> {
        self.edit_relation(id, |r| std::mem::swap(&mut r.from, &mut r.to))
    }

    /// Removes a relation.
    ///
    /// # Errors
    /// An unknown relation.
    pub fn delete_relation(&self, id: RelationId) -> Result<Edit, EditError> {
        self.relation(id).ok_or(EditError::NoSuchRelation(id))?;
        Ok(Edit::RemoveRelation(id))
    }
}

/// `None` for a blank note, so "no note" has one representation.
fn note_of(note: Option<&str>) -> Option<String> {
    note.filter(|n| !n.trim().is_empty()).map(str::to_owned)
}
