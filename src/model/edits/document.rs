//! Documents and the records kept with them: adding a document, setting its properties
//! (title, date, outlet, author, source, language), and the checked steps that insert or
//! remove one, and keep or drop a preserved line of another tool.

use crate::model::{Document, DocumentId, DocumentMeta, Edit, EditError, PreservedRecord, Project};

impl Project {
    /// Appends a document.
    #[must_use]
    pub fn add_document(&self, document: Document) -> Edit {
        Edit::InsertDocument {
            index: self.documents().len(),
            document: Box::new(document),
        }
    }
}

/// Checked steps of the document edits (see [`Edit`]).
impl Project {
    pub(in crate::model) fn insert_document(
        &mut self,
        index: usize,
        document: Document,
    ) -> Result<Edit, EditError> {
        if index > self.documents().len() {
            return Err(EditError::BadIndex(index));
        }
        if self.document(document.id).is_some() {
            return Err(EditError::DuplicateId(document.id.to_string()));
        }
        let id = document.id;
        self.insert_document_at(index, document);
        Ok(Edit::RemoveDocument(id))
    }

    pub(in crate::model) fn remove_document(&mut self, id: DocumentId) -> Result<Edit, EditError> {
        let index = self
            .document_index(id)
            .ok_or(EditError::NoSuchDocument(id))?;
        let count = self.index().annotations_in(id)
            + self.preserved.iter().filter(|p| p.document == id).count();
        if count > 0 {
            return Err(EditError::DocumentInUse {
                title: self.documents()[index].title.clone(),
                count,
            });
        }
        if let Some(round) = self.round_naming(id) {
            return Err(EditError::DocumentInRound {
                title: self.documents()[index].title.clone(),
                round: round.name.clone(),
            });
        }
        let document = Box::new(self.take_document(index));
        Ok(Edit::InsertDocument { index, document })
    }

    pub(in crate::model) fn insert_preserved(
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

    pub(in crate::model) fn remove_preserved(&mut self, index: usize) -> Result<Edit, EditError> {
        if index >= self.preserved.len() {
            return Err(EditError::BadIndex(index));
        }
        Ok(Edit::InsertPreserved {
            index,
            record: self.preserved.remove(index),
        })
    }
}

/// A document's properties (see [`DocumentMeta`]).
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
    pub(in crate::model) fn replace_document_meta(
        &mut self,
        document: DocumentId,
        meta: DocumentMeta,
    ) -> Result<Edit, EditError> {
        if meta.title.trim().is_empty() {
            return Err(EditError::EmptyDocumentTitle);
        }
        let index = (self.document_index(document)).ok_or(EditError::NoSuchDocument(document))?;
        let old = self.replace_document_meta_at(index, meta);
        Ok(Edit::SetDocumentMeta {
            document,
            meta: old,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
        assert_eq!(project.documents(), before.documents());
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
