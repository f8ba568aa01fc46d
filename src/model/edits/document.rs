//! Documents and the records kept with them: adding a document, and the checked steps that
//! insert or remove one, and keep or drop a preserved line of another tool.

use crate::model::{Document, DocumentId, Edit, EditError, PreservedRecord, Project};

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
