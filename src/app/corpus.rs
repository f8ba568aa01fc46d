//! The corpus controller: the search across every document — opening and closing its
//! panel, showing a hit, and tagging all chosen hits at once.

use super::workbench::Workbench;
use crate::analysis::{HitPreset, SearchHit};

/// Ctrl+Shift+F: the corpus search panel.
pub(super) fn open_search(wb: &mut Workbench) {
    wb.panels.corpus_search.open();
}

pub(super) fn close_search(wb: &mut Workbench) {
    wb.panels.corpus_search.is_open = false;
}

/// Opens the hit's document with the hit selected (so a tag key tags it) and in view.
pub(super) fn show_hit(wb: &mut Workbench, hit: &SearchHit) {
    let Some(doc) = wb.session.project.document(hit.document) else {
        return;
    };
    if hit.span.end > doc.len_chars() {
        return;
    }
    if wb.view.document != Some(hit.document) {
        wb.view.document = Some(hit.document);
        wb.view.selected = None;
    }
    wb.view.text_selection = Some(hit.span);
    wb.view.article_scroll_to = Some(hit.span.start);
}

/// "Annotate all": one undo step, and a toast with what was tagged and skipped.
pub(super) fn annotate_hits(
    wb: &mut Workbench,
    ctx: &egui::Context,
    hits: &[SearchHit],
    tag: &str,
    preset: &HitPreset,
) {
    let cx = wb.edit_context();
    let result = crate::analysis::annotate_hits(&wb.session.project, hits, tag, preset, cx);
    match result {
        Ok(annotated) => {
            let message = annotated.count.message();
            match annotated.edit {
                Some(edit) => {
                    if wb.edit(ctx, Ok(edit), "Annotate All", None) {
                        wb.toasts.info(ctx, message);
                    }
                }
                None => wb.toasts.info(ctx, message),
            }
        }
        Err(e) => wb.toasts.warning(ctx, format!("Annotate all: {e}")),
    }
}
