//! What the app shows of its state — the project, its history and file, where the user is,
//! the window title — and, crate-private, what the window paints without the accessibility
//! tree seeing it, for `bench::probe` (work counters, where text was painted, the ghosts).

use std::path::{Path, PathBuf};

use super::{StanceApp, recovery, window_title};
use crate::attribution::Suggestion;
use crate::model::{AnnotationFilter, AnnotationId, DocumentId, History, Project, Span};
use crate::ui::analysis::AnalysisView;
use crate::ui::article::ArticleStats;
use crate::ui::dialogs::ErrorReport;

use super::prefs::Preferences;

/// What the app shows of its state: the project, its history and file, and where the user is.
impl StanceApp {
    #[must_use]
    pub fn project(&self) -> &Project {
        &self.wb.session.project
    }

    #[must_use]
    pub fn history(&self) -> &History {
        &self.wb.session.history
    }

    /// Who is annotating: recorded on every annotation made or changed.
    #[must_use]
    pub fn annotator_name(&self) -> &str {
        &self.wb.prefs.annotator_name
    }

    /// Where the project was last opened from or saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.wb.session.path.as_deref()
    }

    #[must_use]
    pub fn current_document(&self) -> Option<DocumentId> {
        self.wb.view.document
    }

    #[must_use]
    pub fn selected_annotation(&self) -> Option<AnnotationId> {
        self.wb.view.selected
    }

    /// The relation selected by a click on its arc (View → Show Links), if one is.
    #[must_use]
    pub fn selected_relation(&self) -> Option<crate::model::RelationId> {
        self.wb.view.selected_relation
    }

    #[must_use]
    pub fn text_selection(&self) -> Option<Span> {
        self.wb.view.text_selection
    }

    /// What the sidebar lists and the article highlights.
    #[must_use]
    pub fn filter(&self) -> &AnnotationFilter {
        &self.wb.view.filter
    }

    #[must_use]
    pub fn preferences(&self) -> &Preferences {
        &self.wb.prefs
    }

    /// The window title: `Stance — <project title>`, with `•` while there are unsaved changes.
    #[must_use]
    pub fn title(&self) -> String {
        window_title(&self.wb.session)
    }

    /// Blocks until the recovery worker has written or deleted what was asked (tests, exit).
    pub fn flush_recovery(&self) {
        recovery::flush(&self.wb);
    }

    /// The snapshot file this window writes for its project, if recovery is on.
    #[must_use]
    pub fn snapshot_path(&self) -> Option<PathBuf> {
        recovery::snapshot_path(&self.wb)
    }
}

/// What the window draws without the accessibility tree seeing it — how much work the last
/// frame did, where text was painted — read by `stance bench` and, through the bench's own
/// API (`bench::probe`), by tests that count work or point at text like a user.
impl StanceApp {
    pub(crate) fn compare_builds(&self) -> u64 {
        self.wb.panels.compare.builds()
    }

    pub(crate) fn sidebar_rows_drawn(&self) -> usize {
        self.wb.panels.sidebar.list.last_visible_rows().len()
    }

    pub(crate) fn article_stats(&self) -> ArticleStats {
        self.wb.panels.article.last_stats()
    }

    pub(crate) fn article_scroll_offset_px(&self) -> f32 {
        self.wb.panels.article.scroll_offset_px()
    }

    pub(crate) fn article_char_rect(&self, offset_chars: usize) -> Option<egui::Rect> {
        let doc = self.wb.session.project.document(self.wb.view.document?)?;
        self.wb.panels.article.char_rect(doc, offset_chars)
    }

    pub(crate) fn article_links(&self) -> Vec<(crate::model::RelationId, egui::Rect, egui::Pos2)> {
        self.wb.panels.article.painted_links()
    }

    pub(crate) fn article_caret(&self) -> Option<usize> {
        self.wb.panels.article.caret_offset()
    }

    pub(crate) fn article_caret_rect(&self) -> Option<egui::Rect> {
        self.wb.panels.article.caret_rect()
    }

    pub(crate) fn analysis_view(&self) -> &AnalysisView {
        &self.wb.panels.analysis
    }

    pub(crate) fn current_error(&self) -> Option<&ErrorReport> {
        self.wb.dialogs.errors.front()
    }

    pub(crate) fn suggestions(&self) -> &[Suggestion] {
        self.attribution.shown(&self.wb)
    }

    pub(crate) fn is_analysing_suggestions(&self) -> bool {
        self.attribution.is_analysing_now(&self.wb)
    }

    pub(crate) fn focused_suggestion(&self) -> Option<&Suggestion> {
        self.attribution.focused_now(&self.wb)
    }
}
