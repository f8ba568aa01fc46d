//! Annotations: the builders that make, change and delete them, among them those of the
//! negotiation fields (issues, target, stance and condition, attribution, cue and per-tag
//! field values), and the checked steps that add, remove and replace them. Each builder
//! returns one [`Edit`] and records the [`EditContext`] (annotator, time) on the annotation.

use std::collections::HashSet;

use crate::model::{
    ActorId, Annotation, AnnotationId, Attribution, Document, DocumentId, Edit, EditContext,
    EditError, FieldKind, IssueId, Project, Span, Stance,
};

/// The quote of `ranges` in `doc`, or why annotation `id` cannot have them.
fn quote_inside(doc: &Document, ranges: &[Span], id: AnnotationId) -> Result<String, EditError> {
    doc.quote(ranges).ok_or_else(|| EditError::Invalid {
        id,
        reason: format!(
            "a range lies past the end of the document ({} chars)",
            doc.len_chars()
        ),
    })
}

/// Builders that make an annotation or change its span, tag and note.
impl Project {
    /// A new annotation over `ranges` (normalised), with its quote filled in.
    ///
    /// # Errors
    /// An unknown document, an unknown or retired tag, empty or out-of-range ranges.
    pub fn new_annotation(
        &self,
        document: DocumentId,
        tag: &str,
        ranges: Vec<Span>,
        cx: impl Into<EditContext>,
    ) -> Result<Annotation, EditError> {
        let cx = cx.into();
        self.check_tag_is_live(tag)?;
        let doc = self
            .document(document)
            .ok_or(EditError::NoSuchDocument(document))?;
        let ranges = crate::model::normalize_ranges(ranges);
        if ranges.is_empty() {
            return Err(EditError::EmptySelection);
        }
        let id = AnnotationId::random();
        let quote = quote_inside(doc, &ranges, id)?;
        let mut a = Annotation::bare(id, document, tag, ranges, quote, cx.now);
        cx.stamp(&mut a);
        Ok(a)
    }

    /// Edits one annotation through `change`, stamping `modified` and refreshing the quote.
    ///
    /// # Errors
    /// An unknown annotation or document, or ranges outside the document.
    pub fn edit_annotation(
        &self,
        id: AnnotationId,
        cx: impl Into<EditContext>,
        change: impl FnOnce(&mut Annotation),
    ) -> Result<Edit, EditError> {
        let original = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        self.edited(original, &cx.into(), change)
    }

    /// [`Project::edit_annotation`] on an annotation already at hand, so loops over many
    /// annotations do not search for each one again.
    pub fn edited(
        &self,
        original: &Annotation,
        cx: &EditContext,
        change: impl FnOnce(&mut Annotation),
    ) -> Result<Edit, EditError> {
        let id = original.id;
        let mut a = original.clone();
        change(&mut a);
        a.ranges = crate::model::normalize_ranges(std::mem::take(&mut a.ranges));
        if a.ranges.is_empty() {
            return Err(EditError::EmptySelection);
        }
        let doc = self
            .document(a.document)
            .ok_or(EditError::NoSuchDocument(a.document))?;
        a.quote = quote_inside(doc, &a.ranges, id)?;
        a.cue = crate::model::normalize_ranges(std::mem::take(&mut a.cue));
        cx.stamp(&mut a);
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
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        // Keeping a retired tag is fine; choosing one is not.
        if self.annotation(id).is_none_or(|a| a.tag != tag) {
            self.check_tag_is_live(tag)?;
        }
        self.edit_annotation(id, cx, |a| tag.clone_into(&mut a.tag))
    }

    /// Replaces an annotation's ranges.
    ///
    /// # Errors
    /// An unknown annotation, or ranges empty or outside the document.
    pub fn set_ranges(
        &self,
        id: AnnotationId,
        ranges: Vec<Span>,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        self.edit_annotation(id, cx, |a| a.ranges = ranges)
    }

    /// Adds a range to an annotation, making a discontinuous span (overlaps are merged).
    ///
    /// # Errors
    /// An unknown annotation, or a range outside the document.
    pub fn add_range(
        &self,
        id: AnnotationId,
        range: Span,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        if range.is_empty() {
            return Err(EditError::EmptySelection);
        }
        self.edit_annotation(id, cx, |a| a.ranges.push(range))
    }

    /// Removes the range at `index` from an annotation with several ranges.
    ///
    /// # Errors
    /// An unknown annotation, an index past its ranges, or its only range (delete the
    /// annotation instead).
    pub fn remove_range(
        &self,
        id: AnnotationId,
        index: usize,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let a = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        if index >= a.ranges.len() {
            return Err(EditError::BadIndex(index));
        }
        if !a.has_removable_ranges() {
            return Err(EditError::LastRange(id));
        }
        self.edited(a, &cx.into(), |a| {
            a.ranges.remove(index);
        })
    }

    /// Sets an annotation's note; a blank note is stored as none. Other text is kept as typed:
    /// the note is edited live, and trimming would eat the space before the next word.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn set_note(
        &self,
        id: AnnotationId,
        note: &str,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let note = (!note.trim().is_empty()).then(|| note.to_owned());
        self.edit_annotation(id, cx, |a| a.note = note)
    }
}

/// Builders for who speaks and to whom: the holder and the target, by id or by name (a
/// new actor is added when no actor is called so).
impl Project {
    /// Sets or clears an annotation's holder.
    ///
    /// # Errors
    /// An unknown annotation or actor.
    pub fn set_holder(
        &self,
        id: AnnotationId,
        holder: Option<ActorId>,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        if let Some(h) = holder
            && self.actor(h).is_none()
        {
            return Err(EditError::NoSuchActor(h));
        }
        self.edit_annotation(id, cx, |a| a.holder = holder)
    }

    /// Makes the actor called `name` (name or alias, case-insensitively) the annotation's
    /// holder, adding a new actor of that name only if none is called so.
    ///
    /// # Errors
    /// An unknown annotation, or a blank name.
    pub fn set_holder_named(
        &self,
        id: AnnotationId,
        name: &str,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let (actor_id, add) = self.actor_named_or_new(name)?;
        let Some(add) = add else {
            return self.set_holder(id, Some(actor_id), cx);
        };
        let set = self.edit_annotation(id, cx, |a| a.holder = Some(actor_id))?;
        Ok(Edit::Batch(vec![add, set]))
    }

    /// Sets or clears the actor a position or concession is addressed to.
    ///
    /// # Errors
    /// An unknown annotation or actor.
    pub fn set_target(
        &self,
        id: AnnotationId,
        target: Option<ActorId>,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        if let Some(t) = target {
            self.actor(t).ok_or(EditError::NoSuchActor(t))?;
        }
        self.edit_annotation(id, cx, |a| a.target = target)
    }

    /// Makes the actor called `name` the annotation's target, adding a new actor only if
    /// none is called so.
    ///
    /// # Errors
    /// An unknown annotation, or a blank name.
    pub fn set_target_named(
        &self,
        id: AnnotationId,
        name: &str,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let (actor_id, add) = self.actor_named_or_new(name)?;
        let Some(add) = add else {
            return self.set_target(id, Some(actor_id), cx);
        };
        let set = self.edit_annotation(id, cx, |a| a.target = Some(actor_id))?;
        Ok(Edit::Batch(vec![add, set]))
    }
}

/// Builders for the other negotiation fields: issues, stance and condition, attribution,
/// cue and per-tag field values.
impl Project {
    /// Sets the issues an annotation is about, in the given order, without repeats.
    ///
    /// # Errors
    /// An unknown annotation or issue.
    pub fn set_issues(
        &self,
        id: AnnotationId,
        issues: &[IssueId],
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let mut clean: Vec<IssueId> = Vec::with_capacity(issues.len());
        for &issue in issues {
            self.issue(issue).ok_or(EditError::NoSuchIssue(issue))?;
            if !clean.contains(&issue) {
                clean.push(issue);
            }
        }
        self.edit_annotation(id, cx, |a| a.issues = clean)
    }

    /// Adds an issue to an annotation (at the end; nothing changes if it is there).
    ///
    /// # Errors
    /// An unknown annotation or issue.
    pub fn add_issue_to(
        &self,
        id: AnnotationId,
        issue: IssueId,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let a = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        let mut issues = a.issues.clone();
        issues.push(issue);
        self.set_issues(id, &issues, cx)
    }

    /// Takes an issue off an annotation.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn remove_issue_from(
        &self,
        id: AnnotationId,
        issue: IssueId,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        self.edit_annotation(id, cx, |a| a.issues.retain(|&i| i != issue))
    }

    /// Adds the issue called `name` to an annotation, creating the issue if no issue is
    /// called so (name or alias), as one edit.
    ///
    /// # Errors
    /// An unknown annotation or a blank name.
    pub fn add_issue_named(
        &self,
        id: AnnotationId,
        name: &str,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let (add, issue) = self.issue_for_name(name)?;
        let Some(add) = add else {
            return self.add_issue_to(id, issue, cx);
        };
        let set = self.edit_annotation(id, cx, |a| a.issues.push(issue))?;
        Ok(Edit::Batch(vec![add, set]))
    }

    /// Sets or clears the stance. A condition only belongs to a conditional stance, so any
    /// other choice drops it.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn set_stance(
        &self,
        id: AnnotationId,
        stance: Option<Stance>,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        self.edit_annotation(id, cx, |a| {
            a.stance = stance;
            if stance != Some(Stance::Conditional) {
                a.condition = None;
            }
        })
    }

    /// Sets the condition of a conditional stance in words; a condition makes the stance
    /// conditional. A blank text clears the condition (the stance stays). Kept as typed.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn set_condition(
        &self,
        id: AnnotationId,
        text: &str,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let condition = (!text.trim().is_empty()).then(|| text.to_owned());
        self.edit_annotation(id, cx, |a| {
            if condition.is_some() {
                a.stance = Some(Stance::Conditional);
            }
            a.condition = condition;
        })
    }

    /// Sets or clears how the text gives the holder's words.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn set_attribution(
        &self,
        id: AnnotationId,
        attribution: Option<Attribution>,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        self.edit_annotation(id, cx, |a| a.attribution = attribution)
    }

    /// Sets the reporting cue's ranges ("said", "told reporters"), normalised; an empty
    /// list clears it. The "Set as cue" command passes the selection.
    ///
    /// # Errors
    /// An unknown annotation, or a range outside the document.
    pub fn set_cue(
        &self,
        id: AnnotationId,
        cue: Vec<Span>,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let a = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        let doc = (self.document(a.document)).ok_or(EditError::NoSuchDocument(a.document))?;
        let len_chars = doc.len_chars();
        if let Some(range) = cue.iter().find(|r| r.end > len_chars) {
            return Err(EditError::Invalid {
                id,
                reason: format!(
                    "cue range {range} lies past the end of the document ({len_chars} chars)"
                ),
            });
        }
        self.edit_annotation(id, cx, |a| a.cue = cue)
    }

    /// Sets a field value (stored in `attributes` under `key`); `None` or a blank value
    /// removes it. A field the tag defines as a choice takes only its choices; other keys
    /// (imported attributes) take any text.
    ///
    /// # Errors
    /// An unknown annotation, or [`EditError::NotAChoice`].
    pub fn set_field_value(
        &self,
        id: AnnotationId,
        key: &str,
        value: Option<&str>,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let a = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        let value = value.filter(|v| !v.trim().is_empty());
        if let Some(value) = value
            && let Some(field) = self.schema.get(&a.tag).and_then(|t| t.field(key))
            && let FieldKind::Choice(choices) = &field.kind
            && !field.kind.allows(value)
        {
            return Err(EditError::NotAChoice {
                field: field.name.clone(),
                value: value.to_owned(),
                choices: choices.join(", "),
            });
        }
        self.edit_annotation(id, cx, |a| match value {
            Some(value) => {
                a.attributes.insert(key.to_owned(), value.to_owned());
            }
            None => {
                a.attributes.remove(key);
            }
        })
    }
}

/// Builders that delete annotations, with the relations that link them.
impl Project {
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

    /// Removes annotations together with every relation touching them, as one edit.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn delete_annotations(&self, ids: &[AnnotationId]) -> Result<Edit, EditError> {
        let wanted: HashSet<AnnotationId> = ids.iter().copied().collect();
        if let Some(&missing) = ids.iter().find(|&&id| self.annotation(id).is_none()) {
            return Err(EditError::NoSuchAnnotation(missing));
        }
        let mut edits: Vec<Edit> = (self.relations.iter())
            .filter(|r| wanted.contains(&r.from) || wanted.contains(&r.to))
            .map(|r| Edit::RemoveRelation(r.id))
            .collect();
        edits.push(Edit::RemoveAnnotations(ids.to_vec()));
        Ok(Edit::Batch(edits))
    }
}

/// Checked steps of the annotation edits (see [`Edit`]).
impl Project {
    pub(in crate::model) fn add_annotation(&mut self, a: Annotation) -> Result<Edit, EditError> {
        if self.has_annotation(a.id) {
            return Err(EditError::DuplicateId(a.id.to_string()));
        }
        self.check_annotation_edit(&a)?;
        let id = a.id;
        self.insert_annotation(a);
        Ok(Edit::RemoveAnnotation(id))
    }

    pub(in crate::model) fn add_annotations(
        &mut self,
        annotations: Vec<Annotation>,
    ) -> Result<Edit, EditError> {
        let mut ids: HashSet<AnnotationId> = HashSet::with_capacity(annotations.len());
        for a in &annotations {
            if self.has_annotation(a.id) || !ids.insert(a.id) {
                return Err(EditError::DuplicateId(a.id.to_string()));
            }
            self.check_annotation_edit(a)?;
        }
        let added = annotations.iter().map(|a| a.id).collect();
        self.extend_annotations(annotations);
        Ok(Edit::RemoveAnnotations(added))
    }

    pub(in crate::model) fn remove_annotation(
        &mut self,
        id: AnnotationId,
    ) -> Result<Edit, EditError> {
        let index = self
            .annotation_index(id)
            .ok_or(EditError::NoSuchAnnotation(id))?;
        if self.relations.iter().any(|r| r.from == id || r.to == id) {
            return Err(EditError::AnnotationInRelation(id));
        }
        Ok(Edit::AddAnnotation(Box::new(self.take_annotation(index))))
    }

    pub(in crate::model) fn remove_annotations(
        &mut self,
        ids: &[AnnotationId],
    ) -> Result<Edit, EditError> {
        let wanted: HashSet<AnnotationId> = ids.iter().copied().collect();
        if let Some(missing) = ids.iter().find(|&&id| !self.has_annotation(id)) {
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
        let removed = self.take_annotations(|a| wanted.contains(&a.id));
        Ok(Edit::AddAnnotations(removed))
    }

    pub(in crate::model) fn replace_annotation(
        &mut self,
        a: Annotation,
    ) -> Result<Edit, EditError> {
        let index = self
            .annotation_index(a.id)
            .ok_or(EditError::NoSuchAnnotation(a.id))?;
        self.check_annotation_edit(&a)?;
        let old = self.replace_annotation_at(index, a);
        Ok(Edit::ReplaceAnnotation(Box::new(old)))
    }
}
