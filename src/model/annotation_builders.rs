//! Builders for an annotation's negotiation fields: issues, target, stance and condition,
//! attribution, cue and per-tag field values. Each returns one [`Edit`] and records the
//! [`EditContext`] (annotator, time) on the annotation.

use super::{
    ActorId, AnnotationId, Attribution, Edit, EditContext, EditError, FieldKind, IssueId, Project,
    Span, Stance,
};

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
