//! Rejected suggestions: the edit steps that add or forget a rejection.

use crate::model::{DocumentId, Edit, EditError, Project, RejectedSuggestion};

impl Project {
    /// The rejected suggestions of one document.
    pub fn rejections_of(
        &self,
        document: DocumentId,
    ) -> impl Iterator<Item = &RejectedSuggestion> + '_ {
        (self.rejected_suggestions.iter()).filter(move |r| r.document == document)
    }

    /// Applies [`Edit::RejectSuggestion`]; the inverse forgets it again.
    pub(in crate::model) fn add_rejection(
        &mut self,
        rejection: RejectedSuggestion,
    ) -> Result<Edit, EditError> {
        if self.document(rejection.document).is_none() {
            return Err(EditError::NoSuchDocument(rejection.document));
        }
        if self.rejected_suggestions.contains(&rejection) {
            return Err(EditError::AlreadyRejected(rejection.quote));
        }
        self.rejected_suggestions.push(rejection.clone());
        Ok(Edit::ForgetRejection(rejection))
    }

    /// Applies [`Edit::ForgetRejection`]; the inverse rejects it again.
    pub(in crate::model) fn forget_rejection(
        &mut self,
        rejection: RejectedSuggestion,
    ) -> Result<Edit, EditError> {
        let index = (self.rejected_suggestions.iter())
            .position(|r| *r == rejection)
            .ok_or_else(|| EditError::NotRejected(rejection.quote.clone()))?;
        self.rejected_suggestions.remove(index);
        Ok(Edit::RejectSuggestion(rejection))
    }
}
