//! A document's properties — title, date, outlet, author, source (URL or file), language — as
//! one value, [`DocumentMeta`], and the checked edit that sets them, [`Edit::SetDocumentMeta`],
//! whose inverse puts the old ones back. The text is not a property: only re-anchoring changes
//! it.

use chrono::NaiveDate;

use super::{Document, DocumentId, Edit, EditError, Project};

/// Everything about a document but its id and text: what the analyst can correct after an
/// import (the Document Properties dialog, `stance docs --set`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentMeta {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// A URL or the original file path.
    pub source: Option<String>,
    pub language: Option<String>,
}

impl DocumentMeta {
    /// The same properties with surrounding space trimmed and blank optional ones cleared, as
    /// the model stores them.
    #[must_use]
    pub fn tidied(self) -> Self {
        let tidy =
            |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        Self {
            title: self.title.trim().to_owned(),
            date: self.date,
            outlet: tidy(self.outlet),
            author: tidy(self.author),
            source: tidy(self.source),
            language: tidy(self.language),
        }
    }
}

impl Document {
    /// The document's properties as one value.
    #[must_use]
    pub fn meta(&self) -> DocumentMeta {
        DocumentMeta {
            title: self.title.clone(),
            date: self.date,
            outlet: self.outlet.clone(),
            author: self.author.clone(),
            source: self.source.clone(),
            language: self.language.clone(),
        }
    }

    /// Sets every property; returns the old ones.
    fn set_meta(&mut self, meta: DocumentMeta) -> DocumentMeta {
        let old = self.meta();
        let DocumentMeta {
            title,
            date,
            outlet,
            author,
            source,
            language,
        } = meta;
        self.title = title;
        self.date = date;
        self.outlet = outlet;
        self.author = author;
        self.source = source;
        self.language = language;
        old
    }
}

impl Project {
    /// The edit that gives `document` the properties `meta` (tidied: trimmed, blanks cleared).
    #[must_use]
    pub fn set_document_meta(&self, document: DocumentId, meta: DocumentMeta) -> Edit {
        Edit::SetDocumentMeta {
            document,
            meta: meta.tidied(),
        }
    }

    /// Applies [`Edit::SetDocumentMeta`]: a document needs a title; the rest may be blank.
    pub(super) fn replace_document_meta(
        &mut self,
        document: DocumentId,
        meta: DocumentMeta,
    ) -> Result<Edit, EditError> {
        if meta.title.trim().is_empty() {
            return Err(EditError::EmptyDocumentTitle);
        }
        let doc = (self.documents.iter_mut())
            .find(|d| d.id == document)
            .ok_or(EditError::NoSuchDocument(document))?;
        let old = doc.set_meta(meta);
        Ok(Edit::SetDocumentMeta {
            document,
            meta: old,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_with_a_document() -> (Project, DocumentId) {
        let mut project = Project::new("t");
        let doc = Document::new("nyt 2016 09 06", "U.S. presses for truce.".to_owned());
        let id = doc.id;
        project.apply(project.add_document(doc)).unwrap();
        (project, id)
    }

    #[test]
    fn setting_properties_undoes_to_the_old_ones() {
        let (mut project, id) = project_with_a_document();
        let before = project.clone();
        let meta = DocumentMeta {
            title: "  U.S. Presses for Truce in Syria ".to_owned(),
            date: NaiveDate::from_ymd_opt(2016, 9, 6),
            outlet: Some("The New York Times".to_owned()),
            author: Some("  ".to_owned()),
            source: None,
            language: Some("en".to_owned()),
        };
        let undo = project.apply(project.set_document_meta(id, meta)).unwrap();
        let doc = project.document(id).unwrap();
        assert_eq!(doc.title, "U.S. Presses for Truce in Syria");
        assert_eq!(doc.author, None, "a blank author is cleared");
        assert_eq!(doc.language.as_deref(), Some("en"));
        assert_eq!(doc.text, "U.S. presses for truce.");
        project.apply(undo).unwrap();
        assert_eq!(project.documents, before.documents);
    }

    #[test]
    fn a_document_keeps_a_title_and_must_exist() {
        let (mut project, id) = project_with_a_document();
        let blank = DocumentMeta {
            title: " ".to_owned(),
            ..DocumentMeta::default()
        };
        let edit = project.set_document_meta(id, blank.clone());
        assert_eq!(project.apply(edit), Err(EditError::EmptyDocumentTitle));
        let elsewhere = DocumentId::random();
        let named = DocumentMeta {
            title: "x".to_owned(),
            ..blank
        };
        let edit = project.set_document_meta(elsewhere, named);
        assert_eq!(
            project.apply(edit),
            Err(EditError::NoSuchDocument(elsewhere))
        );
    }
}
