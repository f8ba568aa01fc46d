//! Builders for the edits the UI, CLI and imports ask for: each reads the project and returns
//! an [`Edit`] to apply, filling in what the rules require (quotes, timestamps, batches).

use chrono::{DateTime, Utc};

use super::{
    Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, Edit, EditError, Project, Span,
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
        let quote = quote_inside(doc, &ranges, id)?;
        Ok(Annotation::bare(id, document, tag, ranges, quote, now))
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
        let original = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        self.edited(original, now, change)
    }

    /// [`Project::edit_annotation`] on an annotation already at hand, so loops over many
    /// annotations do not search for each one again.
    fn edited(
        &self,
        original: &Annotation,
        now: DateTime<Utc>,
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

    /// Sets an annotation's note; a blank note is stored as none. Other text is kept as typed:
    /// the note is edited live, and trimming would eat the space before the next word.
    ///
    /// # Errors
    /// An unknown annotation.
    pub fn set_note(
        &self,
        id: AnnotationId,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        let note = (!note.trim().is_empty()).then(|| note.to_owned());
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

    /// Removes the range at `index` from an annotation with several ranges.
    ///
    /// # Errors
    /// An unknown annotation, an index past its ranges, or its only range (delete the
    /// annotation instead).
    pub fn remove_range(
        &self,
        id: AnnotationId,
        index: usize,
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        let a = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        if index >= a.ranges.len() {
            return Err(EditError::BadIndex(index));
        }
        if !a.has_removable_ranges() {
            return Err(EditError::LastRange(id));
        }
        self.edited(a, now, |a| {
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
        now: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        if range.is_empty() {
            return Err(EditError::EmptySelection);
        }
        self.edit_annotation(id, now, |a| a.ranges.push(range))
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
            edits.push(self.edited(a, now, |a| a.holder = Some(into))?);
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
    pub fn delete_actor(&self, id: ActorId, now: DateTime<Utc>) -> Result<Edit, EditError> {
        self.actor(id).ok_or(EditError::NoSuchActor(id))?;
        let mut edits = Vec::new();
        for a in self.annotations.iter().filter(|a| a.holder == Some(id)) {
            edits.push(self.edited(a, now, |a| a.holder = None)?);
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
