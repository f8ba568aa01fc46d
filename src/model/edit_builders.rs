//! Builders for the edits the UI, CLI and imports ask for: each reads the project and returns
//! an [`Edit`] to apply, filling in what the rules require (quotes, timestamps, batches).

use chrono::{DateTime, Utc};

use super::{
    Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, Edit, EditError, Project, Span,
};

/// Who is editing and when: every annotation a builder makes or changes records both
/// (`annotator`, `modified`). Builders take `impl Into<EditContext>`, so a bare timestamp
/// still works (no annotator is then recorded, and an earlier one is kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditContext {
    /// The analyst's name from Preferences; `None` when unknown.
    pub annotator: Option<String>,
    pub now: DateTime<Utc>,
}

impl EditContext {
    /// A context for `annotator` (a blank name counts as unknown) at `now`.
    #[must_use]
    pub fn new(annotator: Option<&str>, now: DateTime<Utc>) -> Self {
        Self {
            annotator: annotator
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_owned),
            now,
        }
    }

    /// Records the context on an annotation being made or changed.
    pub(super) fn stamp(&self, a: &mut Annotation) {
        a.modified = self.now;
        if let Some(name) = &self.annotator {
            a.annotator = Some(name.clone());
        }
    }
}

impl From<DateTime<Utc>> for EditContext {
    fn from(now: DateTime<Utc>) -> Self {
        Self {
            annotator: None,
            now,
        }
    }
}

impl From<&EditContext> for EditContext {
    fn from(cx: &EditContext) -> Self {
        cx.clone()
    }
}

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

/// Builders for the edits the UI and CLI ask for. Each reads the project and returns an
/// [`Edit`] to apply; none changes the project itself.
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
        let ranges = super::span::normalize_ranges(ranges);
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
        a.ranges = super::span::normalize_ranges(std::mem::take(&mut a.ranges));
        if a.ranges.is_empty() {
            return Err(EditError::EmptySelection);
        }
        let doc = self
            .document(a.document)
            .ok_or(EditError::NoSuchDocument(a.document))?;
        a.quote = quote_inside(doc, &a.ranges, id)?;
        a.cue = super::span::normalize_ranges(std::mem::take(&mut a.cue));
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
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let source = self.actor(from).ok_or(EditError::NoSuchActor(from))?;
        let mut target = self
            .actor(into)
            .ok_or(EditError::NoSuchActor(into))?
            .clone();
        if from == into {
            return Err(EditError::DuplicateId(from.to_string()));
        }
        let cx = cx.into();
        let mut edits = Vec::new();
        let repoint = |actor: &mut Option<ActorId>| {
            if *actor == Some(from) {
                *actor = Some(into);
            }
        };
        for a in
            (self.annotations.iter()).filter(|a| a.holder == Some(from) || a.target == Some(from))
        {
            edits.push(self.edited(a, &cx, |a| {
                repoint(&mut a.holder);
                repoint(&mut a.target);
            })?);
        }
        for name in std::iter::once(&source.name).chain(&source.aliases) {
            // A name a third actor also answers to (possible in older files) stays with it.
            let is_taken = self
                .actors
                .iter()
                .any(|other| other.id != from && other.id != into && other.is_called(name));
            if !target.is_called(name) && !is_taken {
                target.aliases.push(name.clone());
            }
        }
        if target.affiliation.is_none() {
            target.affiliation.clone_from(&source.affiliation);
        }
        // `from` goes first: until then its names are its own, not free for `into`.
        edits.push(Edit::RemoveActor(from));
        edits.push(Edit::ReplaceActor(target));
        Ok(Edit::Batch(edits))
    }

    /// Removes an actor, clearing it as the holder of its annotations first.
    ///
    /// # Errors
    /// An unknown actor.
    pub fn delete_actor(&self, id: ActorId, cx: impl Into<EditContext>) -> Result<Edit, EditError> {
        let cx = cx.into();
        self.actor(id).ok_or(EditError::NoSuchActor(id))?;
        let mut edits = Vec::new();
        for a in (self.annotations.iter()).filter(|a| a.holder == Some(id) || a.target == Some(id))
        {
            edits.push(self.edited(a, &cx, |a| {
                if a.holder == Some(id) {
                    a.holder = None;
                }
                if a.target == Some(id) {
                    a.target = None;
                }
            })?);
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
