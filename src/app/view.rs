//! [`ViewState`]: what the user is looking at — the current document, the selections and
//! one-shot scroll requests. Not saved, and changed only when the app applies intents.
//! (The focused suggestion is the attribution controller's.)

use crate::model::{AnnotationFilter, AnnotationId, DocumentId, Project, RelationId, Span};

/// Where the user is in the project.
#[derive(Debug, Default)]
pub(super) struct ViewState {
    pub(super) document: Option<DocumentId>,
    pub(super) selected: Option<AnnotationId>,
    /// The selected relation (its arc was clicked, Show Links): the sidebar edits it. Never
    /// set together with `selected`: one thing is selected at a time.
    pub(super) selected_relation: Option<RelationId>,
    pub(super) text_selection: Option<Span>,
    /// A one-shot request for the article to scroll to a char offset.
    pub(super) article_scroll_to: Option<usize>,
    /// A one-shot request for the article to scroll to an offset (reopening a project).
    pub(super) article_scroll_to_px: Option<f32>,
    /// Where the selected annotation was last frame, for an O(1) lookup.
    pub(super) selected_hint: usize,
    /// The annotation under the pointer in the article last frame.
    pub(super) hovered_in_article: Option<AnnotationId>,
    /// Linking the selected annotation to another (`L`), while it lasts.
    pub(super) link: Option<LinkMode>,
    /// What the sidebar lists and the article highlights; reset with the project.
    pub(super) filter: AnnotationFilter,
    /// The article, the analysis or the compare view.
    pub(super) main_view: MainView,
    /// The current item's place in the adjudication queue.
    pub(super) queue_position: usize,
    /// Scripts of the shown document that no font covers, for the status bar.
    pub(super) font_notice: super::font_notice::FontNotice,
}

/// What the central area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MainView {
    /// The current document's text with its annotations.
    #[default]
    Article,
    /// The position map, the timeline and what changed, over the whole project.
    Analysis,
    /// Annotators side by side, with the adjudication queue.
    Compare,
}

/// Link mode: `from` is the annotation being linked; clicking another one (in the article
/// or the list) makes it `to`, then a relation type is chosen. Esc cancels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct LinkMode {
    pub(super) from: AnnotationId,
    pub(super) to: Option<AnnotationId>,
}

impl ViewState {
    /// True if relation `id` exists and has an end in the shown document.
    fn shows_relation(&self, project: &Project, id: RelationId) -> bool {
        project.relation(id).is_some_and(|r| {
            [r.from, r.to].into_iter().any(|end| {
                project
                    .annotation(end)
                    .is_some_and(|a| Some(a.document) == self.document)
            })
        })
    }

    /// The first document of `project`, nothing selected.
    pub(super) fn new(project: &Project) -> Self {
        Self {
            document: project.documents().first().map(|d| d.id),
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
            self.document = project.documents().first().map(|d| d.id);
            self.text_selection = None;
        }
        if let Some(id) = self.selected
            && crate::ui::annotation_with_hint(project, id, &mut self.selected_hint)
                .is_none_or(|a| Some(a.document) != self.document)
        {
            self.selected = None;
        }
        if let Some(id) = self.selected_relation
            && (self.selected.is_some() || !self.shows_relation(project, id))
        {
            // Undo removed it, or an annotation was selected since.
            self.selected_relation = None;
        }
        if let Some(link) = self.link
            && (project.annotation(link.from).is_none()
                || link.to.is_some_and(|to| project.annotation(to).is_none()))
        {
            // Undo removed an end: the link has nothing to start from or go to. A selection
            // that moved on (another document shown) keeps it: a December concession often
            // answers an October demand, in another article.
            self.link = None;
        }
        if let Some(holder) = self.filter.holder
            && project.actor(holder).is_none()
        {
            // The actor was deleted or merged away: its filter would hide everything.
            self.filter.holder = None;
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
