//! [`Selection`]: the documents and annotations an export covers, resolved once, and small
//! field renderings several formats' writers share. [`super::export`] makes it; the formats
//! take it from here, never from their dispatcher.

use super::error::ExportError;
use crate::model::{ActorId, Annotation, Document, DocumentId, Issue, Project, Relation};

/// The documents and annotations an export covers, resolved once.
pub(crate) struct Selection<'a> {
    pub project: &'a Project,
    /// Documents in project order, each with its selected annotations in text order.
    pub documents: Vec<(&'a Document, Vec<&'a Annotation>)>,
    /// True if tag or holder filters dropped annotations on purpose.
    pub filtered: bool,
}

/// Which annotations an export keeps: empty `tags` keep every tag.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SelectionFilter<'o> {
    pub tags: &'o [String],
    pub document: Option<DocumentId>,
    pub holder: Option<ActorId>,
}

impl SelectionFilter<'_> {
    /// True if annotations are filtered by tag or holder (a document filter is not counted).
    #[must_use]
    pub fn filters_annotations(&self) -> bool {
        !self.tags.is_empty() || self.holder.is_some()
    }
}

impl<'a> Selection<'a> {
    /// The part of `project` that `options` keeps.
    ///
    /// # Errors
    /// A filter names a document, actor or tag the project does not have.
    pub fn new(project: &'a Project, options: &SelectionFilter<'_>) -> Result<Self, ExportError> {
        if let Some(id) = options.document
            && project.document(id).is_none()
        {
            return Err(ExportError::NoSuchDocument(id));
        }
        if let Some(id) = options.holder
            && project.actor(id).is_none()
        {
            return Err(ExportError::NoSuchHolder(id));
        }
        if let Some(tag) = options
            .tags
            .iter()
            .find(|t| project.schema().get(t).is_none())
        {
            let known: Vec<&str> = project
                .schema()
                .tags
                .iter()
                .map(|t| t.key.as_str())
                .collect();
            return Err(ExportError::NoSuchTag(tag.clone(), known.join(", ")));
        }
        let keep = |a: &Annotation| {
            (options.tags.is_empty() || options.tags.contains(&a.tag))
                && options.holder.is_none_or(|h| a.holder == Some(h))
        };
        let documents = project
            .documents()
            .iter()
            .filter(|d| options.document.is_none_or(|id| d.id == id))
            .map(|d| {
                (
                    d,
                    project.annotations_of(d.id).filter(|a| keep(a)).collect(),
                )
            })
            .collect();
        Ok(Self {
            project,
            documents,
            filtered: options.filters_annotations(),
        })
    }

    /// Every selected annotation with its document, in document and text order.
    pub fn annotations(&self) -> impl Iterator<Item = (&'a Document, &'a Annotation)> + '_ {
        self.documents
            .iter()
            .flat_map(|(d, anns)| anns.iter().map(move |a| (*d, *a)))
    }

    pub fn count(&self) -> usize {
        self.documents.iter().map(|(_, a)| a.len()).sum()
    }

    /// Relations whose both ends are selected.
    pub fn relations(&self) -> Vec<&'a Relation> {
        let ids: std::collections::HashSet<_> = self.annotations().map(|(_, a)| a.id).collect();
        self.project
            .relations()
            .iter()
            .filter(|r| ids.contains(&r.from) && ids.contains(&r.to))
            .collect()
    }

    /// The project's issues, or when filtered only those the selected annotations refer to.
    pub fn issues(&self) -> Vec<&'a Issue> {
        let used: std::collections::HashSet<_> = self
            .annotations()
            .flat_map(|(_, a)| a.issues.iter().copied())
            .collect();
        self.project
            .issues()
            .iter()
            .filter(|i| !self.filtered || used.contains(&i.id))
            .collect()
    }

    pub fn holder_affiliation(&self, a: &Annotation) -> &'a str {
        a.holder
            .and_then(|h| self.project.actor(h))
            .and_then(|actor| actor.affiliation.as_deref())
            .unwrap_or("")
    }
}

/// `YYYY-MM-DD`, or `""` when the document has no date.
pub(crate) fn document_date(doc: &Document) -> String {
    doc.date.map(|d| d.to_string()).unwrap_or_default()
}

/// `s-e;s-e` for a list of ranges.
pub(crate) fn ranges_text(a: &Annotation) -> String {
    let parts: Vec<String> = a.ranges.iter().map(ToString::to_string).collect();
    parts.join(";")
}

/// The text of an annotation's cue, pieces joined by `;` (`""` without a cue).
pub(crate) fn cue_text(doc: &Document, a: &Annotation) -> String {
    let pieces: Vec<&str> = a.cue.iter().filter_map(|r| doc.slice(*r)).collect();
    pieces.join(";")
}

/// The names of an annotation's issues, joined by `;`.
pub(crate) fn issue_names(project: &Project, a: &Annotation) -> String {
    let names: Vec<String> = a.issues.iter().map(|&id| project.issue_name(id)).collect();
    names.join(";")
}
