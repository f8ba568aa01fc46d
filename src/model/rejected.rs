//! [`RejectedSuggestion`]: an attribution suggestion the analyst rejected, saved with the
//! project so it is not offered again. The suggestion engine itself is a feature
//! (`crate::attribution`); the core keeps only the record (its edits are in `edits/rejection.rs`).

use serde::{Deserialize, Serialize};

use super::{Document, DocumentId, Span};

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
