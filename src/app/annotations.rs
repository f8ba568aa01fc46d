//! The annotations controller: tagging text, and every change to an annotation the editor,
//! the palette and the keys ask for — tag, holder, note, ranges, issues, target, stance,
//! attribution, cue, fields, nudges, delete. Each change asks a model builder for its edit
//! and goes through the history as one step (typing in a field as one burst).

use super::workbench::Workbench;
use crate::model::{
    ActorId, AnnotationId, Attribution, Edit, Firmness, IssueId, Nudge, PartialDate, SpanEnd,
    Stance,
};

/// Tags the text selection; with no selection, `1`/`2`/`3` retag the selected annotation.
pub(super) fn tag_selection(wb: &mut Workbench, ctx: &egui::Context, tag: &str) {
    let Some(document) = wb.view.document else {
        return;
    };
    let name = wb.session.project.schema().name(tag).to_owned();
    let Some(selection) = wb.view.text_selection.filter(|s| !s.is_empty()) else {
        if let Some(id) = wb.view.selected {
            let edit = wb.session.project.set_tag(id, tag, wb.edit_context());
            if wb.edit(ctx, edit, &format!("Retag as {name}"), None) {
                show_despite_filter(wb, ctx, id);
            }
        } else {
            wb.toasts.info(
                ctx,
                format!("Select text in the article to tag it as {name}"),
            );
        }
        return;
    };
    let annotation =
        wb.session
            .project
            .new_annotation(document, tag, vec![selection], wb.edit_context());
    let id = annotation.as_ref().map(|a| a.id).ok();
    let edit = annotation.map(|a| Edit::AddAnnotation(Box::new(a)));
    if wb.edit(ctx, edit, &format!("Tag {name}"), None)
        && let Some(id) = id
    {
        wb.view.text_selection = None;
        show_despite_filter(wb, ctx, id);
        wb.select(id, false, true);
    }
}

pub(super) fn set_tag(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId, tag: &str) {
    let label = format!("Retag as {}", wb.session.project.schema().name(tag));
    let edit = wb.session.project.set_tag(id, tag, wb.edit_context());
    if wb.edit(ctx, edit, &label, None) {
        show_despite_filter(wb, ctx, id);
    }
}

pub(super) fn set_holder(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    holder: Option<ActorId>,
) {
    let edit = wb.session.project.set_holder(id, holder, wb.edit_context());
    if wb.edit(ctx, edit, "Set Holder", None) {
        show_despite_filter(wb, ctx, id);
    }
}

/// Creates an actor called `name` and makes it the annotation's holder, in one step.
pub(super) fn new_holder(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId, name: &str) {
    let edit = (wb.session.project).set_holder_named(id, name, wb.edit_context());
    if wb.edit(ctx, edit, "New Holder", None) {
        show_despite_filter(wb, ctx, id);
    }
}

/// Adds an actor to the annotation's holders (at the end; the order is the analyst's).
pub(super) fn add_holder(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    holder: ActorId,
) {
    let edit = wb.session.project.add_holder(id, holder, wb.edit_context());
    if wb.edit(ctx, edit, "Add Holder", None) {
        show_despite_filter(wb, ctx, id);
    }
}

/// Adds the actor called `name` to the holders: an actor of that name or alias (by the
/// model's name rule) is reused, else a new one is made, in one step.
pub(super) fn add_holder_named(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    name: &str,
) {
    let edit = (wb.session.project).add_holder_named(id, name, wb.edit_context());
    if wb.edit(ctx, edit, "Add Holder", None) {
        show_despite_filter(wb, ctx, id);
    }
}

pub(super) fn remove_holder(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    holder: ActorId,
) {
    let edit = (wb.session.project).remove_holder(id, holder, wb.edit_context());
    if wb.edit(ctx, edit, "Remove Holder", None) {
        show_despite_filter(wb, ctx, id);
    }
}

pub(super) fn set_note(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId, note: &str) {
    let edit = wb.session.project.set_note(id, note, wb.edit_context());
    wb.edit(ctx, edit, "Edit Note", Some(&format!("note:{id}")));
}

/// A text field lost focus: the next keystroke starts a new undo step.
pub(super) fn end_typing(wb: &mut Workbench) {
    wb.session.history.break_group();
}

pub(super) fn set_span_to_selection(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId) {
    if let Some(selection) = wb.take_text_selection(ctx) {
        let edit = (wb.session.project).set_ranges(id, vec![selection], wb.edit_context());
        wb.edit(ctx, edit, "Set Span", None);
    }
}

pub(super) fn add_selection_as_range(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId) {
    if let Some(selection) = wb.take_text_selection(ctx) {
        let edit = (wb.session.project).add_range(id, selection, wb.edit_context());
        wb.edit(ctx, edit, "Add Range", None);
    }
}

/// Ctrl+R: adds the text selection to the selected annotation as a further range.
pub(super) fn add_selection_to_selected(wb: &mut Workbench, ctx: &egui::Context) {
    match wb.view.selected {
        Some(id) => add_selection_as_range(wb, ctx, id),
        None => wb
            .toasts
            .info(ctx, "Select an annotation first, then the text to add"),
    }
}

pub(super) fn remove_range(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    index: usize,
) {
    let edit = (wb.session.project).remove_range(id, index, wb.edit_context());
    wb.edit(ctx, edit, "Remove Range", None);
}

/// Deletes an annotation and selects its neighbour, so Delete can be pressed repeatedly.
pub(super) fn delete(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId) {
    let neighbour = |wb: &mut Workbench, step| {
        (wb.panels.sidebar)
            .neighbour(
                &wb.session.project,
                (wb.view.document, &wb.view.filter),
                Some(id),
                step,
            )
            .filter(|&n| n != id)
    };
    let next = neighbour(wb, 1).or_else(|| neighbour(wb, -1));
    let edit = wb.session.project.delete_annotation(id);
    if wb.edit(ctx, edit, "Delete Annotation", None) && wb.view.selected == Some(id) {
        wb.view.selected = next;
        if next.is_some() {
            wb.panels.sidebar.scroll_to_selected();
        }
    }
}

/// Delete: deletes the selected annotation.
pub(super) fn delete_selected(wb: &mut Workbench, ctx: &egui::Context) {
    if let Some(id) = wb.view.selected {
        delete(wb, ctx, id);
    }
}

/// Refers the annotation to an existing issue.
pub(super) fn add_issue(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId, issue: IssueId) {
    let edit = (wb.session.project).add_issue_to(id, issue, wb.edit_context());
    wb.edit(ctx, edit, "Add Issue", None);
}

/// Refers the annotation to the issue called `name`, creating the issue if none is.
pub(super) fn add_issue_named(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    name: &str,
) {
    let edit = (wb.session.project).add_issue_named(id, name, wb.edit_context());
    wb.edit(ctx, edit, "Add Issue", None);
}

pub(super) fn remove_issue(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    issue: IssueId,
) {
    let edit = (wb.session.project).remove_issue_from(id, issue, wb.edit_context());
    wb.edit(ctx, edit, "Remove Issue", None);
}

pub(super) fn set_target(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    target: Option<ActorId>,
) {
    let edit = wb.session.project.set_target(id, target, wb.edit_context());
    wb.edit(ctx, edit, "Set Target", None);
}

/// Creates an actor called `name` and makes it the annotation's target, in one step.
pub(super) fn new_target(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId, name: &str) {
    let edit = (wb.session.project).set_target_named(id, name, wb.edit_context());
    wb.edit(ctx, edit, "New Target", None);
}

pub(super) fn set_stance(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    stance: Option<Stance>,
) {
    let edit = wb.session.project.set_stance(id, stance, wb.edit_context());
    wb.edit(ctx, edit, "Set Stance", None);
}

/// The condition as typed; consecutive changes form one undo step.
pub(super) fn set_condition(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId, text: &str) {
    let edit = wb
        .session
        .project
        .set_condition(id, text, wb.edit_context());
    let key = format!("condition:{id}");
    wb.edit(ctx, edit, "Edit Condition", Some(&key));
}

/// The stance on one issue of the annotation.
pub(super) fn set_issue_stance(
    wb: &mut Workbench,
    ctx: &egui::Context,
    (id, issue): (AnnotationId, IssueId),
    stance: Option<Stance>,
) {
    let edit = (wb.session.project).set_issue_stance(id, issue, stance, wb.edit_context());
    wb.edit(ctx, edit, "Set Stance", None);
}

/// One issue's condition as typed; consecutive changes form one undo step.
pub(super) fn set_issue_condition(
    wb: &mut Workbench,
    ctx: &egui::Context,
    (id, issue): (AnnotationId, IssueId),
    text: &str,
) {
    let edit = (wb.session.project).set_issue_condition(id, issue, text, wb.edit_context());
    let key = format!("condition:{id}:{issue}");
    wb.edit(ctx, edit, "Edit Condition", Some(&key));
}

/// When the statement was made: typed in the editor, or a proposal accepted there.
pub(super) fn set_said_on(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    said_on: Option<PartialDate>,
) {
    let edit = (wb.session.project).set_said_on(id, said_on, wb.edit_context());
    wb.edit(ctx, edit, "Set Said On", None);
}

pub(super) fn set_firmness(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    firmness: Option<Firmness>,
) {
    let edit = (wb.session.project).set_firmness(id, firmness, wb.edit_context());
    wb.edit(ctx, edit, "Set Firmness", None);
}

pub(super) fn set_attribution(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    attribution: Option<Attribution>,
) {
    let edit = (wb.session.project).set_attribution(id, attribution, wb.edit_context());
    wb.edit(ctx, edit, "Set Attribution", None);
}

/// Makes the text selection the annotation's reporting cue.
pub(super) fn set_cue_to_selection(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId) {
    let Some(selection) = wb.take_text_selection(ctx) else {
        return;
    };
    let edit = (wb.session.project).set_cue(id, vec![selection], wb.edit_context());
    wb.edit(ctx, edit, "Set Cue", None);
}

pub(super) fn clear_cue(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId) {
    let edit = (wb.session.project).set_cue(id, Vec::new(), wb.edit_context());
    wb.edit(ctx, edit, "Clear Cue", None);
}

/// A per-tag field or imported attribute (`None` removes it); typing is one undo step.
pub(super) fn set_field(
    wb: &mut Workbench,
    ctx: &egui::Context,
    id: AnnotationId,
    key: &str,
    value: Option<&str>,
) {
    let edit = (wb.session.project).set_field_value(id, key, value, wb.edit_context());
    wb.edit(ctx, edit, "Set Field", Some(&format!("field:{id}:{key}")));
}

/// Alt(+Shift)+arrows: moves one end of the selected annotation's span by a word, as one
/// undo step; at a limit (the document's edge, a one-word range) nothing changes.
pub(super) fn nudge_selected(wb: &mut Workbench, ctx: &egui::Context, end: SpanEnd, nudge: Nudge) {
    let Some(id) = wb.view.selected else {
        wb.toasts.info(ctx, "Select an annotation first");
        return;
    };
    let cx = wb.edit_context();
    match wb.session.project.nudge_span(id, end, nudge, cx) {
        Ok(Some(edit)) => {
            let label = match end {
                SpanEnd::Start => "Move Start",
                SpanEnd::End => "Move End",
            };
            if wb.edit(ctx, Ok(edit), label, None) {
                let moved = wb.session.project.annotation(id).map(|a| match end {
                    SpanEnd::Start => a.extent().start,
                    SpanEnd::End => a.extent().end.saturating_sub(1),
                });
                wb.view.article_scroll_to = moved;
            }
        }
        Ok(None) => {}
        Err(e) => wb.toasts.warning(ctx, e.to_string()),
    }
}

/// An annotation just tagged, retagged or given a holder that the filter would hide (its
/// tag switched off, another holder chosen) is shown anyway, by relaxing the filter, and the
/// user is told.
fn show_despite_filter(wb: &mut Workbench, ctx: &egui::Context, id: AnnotationId) {
    let Some(a) = wb.session.project.annotation(id) else {
        return;
    };
    if wb.view.filter.shows_highlight(a) {
        return;
    }
    let message = if wb.view.filter.hidden_tags.remove(&a.tag) {
        let name = wb.session.project.schema().name(&a.tag).to_lowercase();
        format!("The filter hid {name}s; they are shown again")
    } else {
        "The holder filter hid it; every holder is shown again".to_owned()
    };
    wb.view.filter.holder = None;
    wb.toasts.info(ctx, message);
}
