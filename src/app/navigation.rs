//! The navigation controller: where the user is — the document shown, the selected
//! annotation and text, the filter, the main view, stepping through annotations and
//! documents, and the search fields that move the focus.

use super::adjudication;
use super::links;
use super::view::MainView;
use super::workbench::Workbench;
use crate::model::{AnnotationFilter, AnnotationId, DocumentId, Span};

/// A click on an annotation (in the article or the list): selects it, or while linking
/// picks it as the link's target.
pub(super) fn select_annotation(wb: &mut Workbench, id: AnnotationId, scroll_article: bool) {
    if links::pick_target(wb, id) {
        return;
    }
    wb.select(id, scroll_article, !scroll_article);
}

/// Shows another document, from its top, with nothing selected in it.
pub(super) fn show_document(wb: &mut Workbench, id: DocumentId) {
    if wb.session.project.document(id).is_some() && wb.view.document != Some(id) {
        wb.view.document = Some(id);
        wb.view.selected = None;
        wb.view.text_selection = None;
        wb.view.article_scroll_to = Some(0);
        if wb.view.main_view == MainView::Compare {
            adjudication::follow_document_in_queue(wb);
        }
    }
}

/// Ctrl+PageDown / Ctrl+PageUp: the next or previous document in the list's order.
pub(super) fn step_document(wb: &mut Workbench, step: isize) {
    let index = wb.session.project.index();
    let next =
        (wb.panels.document_list).neighbour(&wb.session.project, index, wb.view.document, step);
    if let Some(id) = next
        && wb.view.document != Some(id)
    {
        wb.view.document = Some(id);
        wb.view.selected = None;
        wb.view.text_selection = None;
        wb.view.article_scroll_to = Some(0);
    }
}

/// J/K: selects the next (`step` 1) or previous (-1) annotation the list shows.
pub(super) fn step_annotation(wb: &mut Workbench, step: isize) {
    if let Some(id) = wb.panels.sidebar.neighbour(
        &wb.session.project,
        (wb.view.document, &wb.view.filter),
        wb.view.selected,
        step,
    ) {
        wb.select(id, true, true);
    }
}

/// The article's text selection changed (an empty one is none).
pub(super) fn set_text_selection(wb: &mut Workbench, selection: Option<Span>) {
    wb.view.text_selection = selection.filter(|s| !s.is_empty());
}

/// A click on the article's background.
pub(super) fn deselect(wb: &mut Workbench) {
    wb.view.selected = None;
    wb.view.selected_relation = None;
}

/// Esc: cancels link mode if it is on, else clears the text selection and the selected
/// annotation; true in the second case (the focused suggestion goes too).
pub(super) fn clear_selection(wb: &mut Workbench) -> bool {
    if wb.view.link.is_some() {
        wb.view.link = None;
        return false;
    }
    wb.view.text_selection = None;
    wb.view.selected = None;
    wb.view.selected_relation = None;
    true
}

/// The annotation under the pointer in the article; the sidebar (drawn before the article)
/// shows it on the next frame.
pub(super) fn hover(wb: &mut Workbench, ctx: &egui::Context, id: Option<AnnotationId>) {
    wb.view.hovered_in_article = id;
    ctx.request_repaint();
}

/// The sidebar's filter changed. An annotation the filter now hides in the article is not
/// left selected, where it could be edited or deleted unseen.
pub(super) fn set_filter(wb: &mut Workbench, filter: AnnotationFilter) {
    if let Some(id) = wb.view.selected
        && (wb.session.project.annotation(id)).is_some_and(|a| !filter.shows_highlight(a))
    {
        wb.view.selected = None;
    }
    wb.view.filter = filter;
}

/// The analysis view's evidence: opens the statement in the article, selected.
pub(super) fn show_in_article(wb: &mut Workbench, id: AnnotationId) {
    wb.view.main_view = MainView::Article;
    wb.select(id, true, true);
}

pub(super) fn show_main_view(wb: &mut Workbench, view: MainView) {
    wb.view.main_view = view;
}

/// Ctrl+F: the sidebar's search field (the sidebar shows if it was hidden).
pub(super) fn find(wb: &mut Workbench) {
    wb.prefs.show_sidebar = true;
    wb.panels.sidebar.focus_search();
}

/// Enter: the selected annotation's note field.
pub(super) fn focus_note(wb: &mut Workbench) {
    if wb.view.selected.is_some() {
        wb.prefs.show_sidebar = true;
        wb.panels.sidebar.focus_note();
    }
}
