//! [`ViewState`]: what the user is looking at — the current document, the selections and
//! one-shot scroll requests. Not saved, and changed only when the app applies intents.

use crate::model::{AnnotationId, DocumentId, Project, Span};

/// Where the user is in the project.
#[derive(Debug, Default)]
pub(super) struct ViewState {
    pub(super) document: Option<DocumentId>,
    pub(super) selected: Option<AnnotationId>,
    pub(super) text_selection: Option<Span>,
    /// A one-shot request for the article to scroll to a char offset.
    pub(super) article_scroll_to: Option<usize>,
    /// A one-shot request for the article to scroll to an offset (reopening a project).
    pub(super) article_scroll_to_px: Option<f32>,
    /// Where the selected annotation was last frame, for an O(1) lookup.
    pub(super) selected_hint: usize,
    /// The annotation under the pointer in the article last frame.
    pub(super) hovered_in_article: Option<AnnotationId>,
}

impl ViewState {
    /// The first document of `project`, nothing selected.
    pub(super) fn new(project: &Project) -> Self {
        Self {
            document: project.documents.first().map(|d| d.id),
            ..Self::default()
        }
    }

    /// Starts over on a newly opened `project`, scrolled to its top.
    pub(super) fn reset(&mut self, project: &Project) {
        *self = Self {
            article_scroll_to: Some(0),
            ..Self::new(project)
        };
    }

    /// Drops view state that no longer points into the project (after undo, open, delete).
    pub(super) fn validate(&mut self, project: &Project) {
        if self.document.is_none_or(|d| project.document(d).is_none()) {
            self.document = project.documents.first().map(|d| d.id);
            self.text_selection = None;
        }
        if let Some(id) = self.selected
            && crate::ui::annotation_with_hint(project, id, &mut self.selected_hint)
                .is_none_or(|a| Some(a.document) != self.document)
        {
            self.selected = None;
        }
        if let (Some(selection), Some(doc)) = (
            self.text_selection,
            self.document.and_then(|d| project.document(d)),
        ) && selection.end > doc.len_chars()
        {
            self.text_selection = None;
        }
    }
}
