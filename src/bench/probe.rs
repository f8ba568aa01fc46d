//! What `stance bench`, and tests that count work, read of the app beyond what the window
//! shows through its accessibility tree: how much work the last frame did (compare-view
//! builds, sidebar rows drawn, article paragraphs laid out, the analysis view's
//! figures) and where text was painted, to point at it like a user. Tests read everything
//! else the way a screen reader would, through egui_kittest queries.

use crate::app::StanceApp;
use crate::attribution::Suggestion;
use crate::ui::analysis::AnalysisView;
use crate::ui::article::ArticleStats;
use crate::ui::dialogs::ErrorReport;

/// How many times the compare view computed its queue and figures.
#[must_use]
pub fn compare_builds(app: &StanceApp) -> u64 {
    app.compare_builds()
}

/// How many annotation rows the sidebar drew in the last frame.
#[must_use]
pub fn sidebar_rows_drawn(app: &StanceApp) -> usize {
    app.sidebar_rows_drawn()
}

/// What the article view did in the last frame (paragraphs laid out, painted…).
#[must_use]
pub fn article_stats(app: &StanceApp) -> ArticleStats {
    app.article_stats()
}

/// How far the article was scrolled in the last frame.
#[must_use]
pub fn article_scroll_offset_px(app: &StanceApp) -> f32 {
    app.article_scroll_offset_px()
}

/// Where the char at `offset_chars` of the current document was painted in the last frame,
/// if it was on screen.
#[must_use]
pub fn article_char_rect(app: &StanceApp, offset_chars: usize) -> Option<egui::Rect> {
    app.article_char_rect(offset_chars)
}

/// The link arcs painted in the last frame (View → Show Links): each relation with its
/// label's rectangle and a point on its line, to click like a user.
#[must_use]
pub fn article_links(app: &StanceApp) -> Vec<(crate::model::RelationId, egui::Rect, egui::Pos2)> {
    app.article_links()
}

/// The article's caret (where Shift+arrows select from), if it has one.
#[must_use]
pub fn article_caret(app: &StanceApp) -> Option<usize> {
    app.article_caret()
}

/// Where the article's caret was painted in the last frame, if it was.
#[must_use]
pub fn article_caret_rect(app: &StanceApp) -> Option<egui::Rect> {
    app.article_caret_rect()
}

/// The analysis view: its tab, pick, where its cells and marks were painted, and the last
/// frame's figures.
#[must_use]
pub fn analysis_view(app: &StanceApp) -> &AnalysisView {
    app.analysis_view()
}

/// The error the app shows now, if any (the bench stops on one).
#[must_use]
pub fn current_error(app: &StanceApp) -> Option<&ErrorReport> {
    app.current_error()
}

/// The suggestions drawn as ghosts in the current document (empty while hidden or not yet
/// found): ghosts are painted, not in the accessibility tree.
#[must_use]
pub fn suggestions(app: &StanceApp) -> &[Suggestion] {
    app.suggestions()
}

/// True while the current document's suggestions are being found, or are older than the
/// project (a new analysis starts on the next frame).
#[must_use]
pub fn is_analysing_suggestions(app: &StanceApp) -> bool {
    app.is_analysing_suggestions()
}

/// The suggestion focused with Tab or a click, in the current document.
#[must_use]
pub fn focused_suggestion(app: &StanceApp) -> Option<&Suggestion> {
    app.focused_suggestion()
}
