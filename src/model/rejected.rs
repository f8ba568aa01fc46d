//! [`RejectedSuggestion`]: an attribution suggestion the analyst rejected, saved with the
//! project so it is not offered again. The suggestion engine itself is a feature
//! (`crate::attribution`); the core keeps only the record and the edits that add or forget it.

use serde::{Deserialize, Serialize};

use super::{Document, DocumentId, Edit, EditError, Project, Span};

/// A suggestion the analyst rejected: it is not suggested again.
///
/// Kept by document, content ranges and quote. The ranges find it while the text is
/// unchanged; after a re-anchoring moved the text, the quote alone does.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectedSuggestion {
    pub document: DocumentId,
    pub content: Vec<Span>,
    pub quote: String,
}

impl RejectedSuggestion {
    /// Whether this rejection is of a suggestion with `content` ranges in `document` (whose
    /// text it was made on, or a later one).
    #[must_use]
    pub fn matches(&self, document: &Document, content: &[Span]) -> bool {
        if self.document != document.id {
            return false;
        }
        let Some(quote) = document.quote(content) else {
            return false;
        };
        if quote != self.quote {
            return false;
        }
        // The same words elsewhere in the article are another statement, unless the stored
        // ranges no longer hold the quote (the text was changed and re-anchored).
        self.content == content
            || document.quote(&self.content).as_deref() != Some(self.quote.as_str())
    }
}

impl Project {
    /// The rejected suggestions of one document.
    pub fn rejections_of(
        &self,
        document: DocumentId,
    ) -> impl Iterator<Item = &RejectedSuggestion> + '_ {
        (self.rejected_suggestions.iter()).filter(move |r| r.document == document)
    }

    /// Applies [`Edit::RejectSuggestion`]; the inverse forgets it again.
    pub(super) fn add_rejection(
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
    pub(super) fn forget_rejection(
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
