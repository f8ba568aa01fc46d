//! The status bar's notice about characters no font can draw: the app checks the shown
//! document once (per document and text) and keeps the message; the status bar only shows it.

use crate::model::{DocumentId, Project};
use crate::ui::fonts::{missing_font_notice, missing_scripts};

/// Which document was checked, and what the status bar says about it.
#[derive(Debug, Default)]
pub(super) struct FontNotice {
    /// The document and text hash checked last.
    checked: Option<(DocumentId, String)>,
    message: Option<String>,
}

impl FontNotice {
    /// Checks the shown document if it is not the one checked last (opening a document,
    /// switching documents, or its text changed).
    pub(super) fn refresh(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        document: Option<DocumentId>,
    ) {
        let Some(doc) = document.and_then(|id| project.document(id)) else {
            self.checked = None;
            self.message = None;
            return;
        };
        if self
            .checked
            .as_ref()
            .is_some_and(|(id, hash)| *id == doc.id && *hash == doc.text_hash)
        {
            return;
        }
        self.checked = Some((doc.id, doc.text_hash.clone()));
        self.message = missing_font_notice(&missing_scripts(ctx, &[&doc.title, &doc.text]));
    }

    /// What the status bar shows, if the shown document has characters no font covers.
    pub(super) fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}
