//! The filtered, virtualised list of a document's annotations.
//!
//! The filtered rows are a [`DerivedCache`] of the project state, document and filter, so a
//! frame costs only the visible rows however many annotations there are.

use std::ops::Range;

use egui::{Align, Color32, Layout, RichText, Sense, Ui, Vec2};

use super::super::{Action, tag_chip_ui, tag_color};
use crate::model::{Annotation, AnnotationFilter, AnnotationId, DerivedCache, DocumentId, Project};
use crate::ui::article::bidi::needs_bidi;
use crate::ui::article::bidi_text::{inline_text, widget_text};

/// Height of one list row, without spacing.
const ROW_HEIGHT_PX: f32 = 46.0;

/// The rows of one document under one filter.
#[derive(Debug, Default)]
struct Listed {
    /// Indices into `project.annotations` of the rows shown, in text order.
    rows: Vec<usize>,
    /// Total annotations of the document, for "12 of 40".
    total: usize,
}

/// No rows: what the list holds before its first refresh.
static NOTHING_LISTED: Listed = Listed {
    rows: Vec::new(),
    total: 0,
};

/// The list's state between frames.
#[derive(Default)]
pub struct AnnotationList {
    /// The rows, for the project state, document and filter they were found for.
    listed: DerivedCache<(Option<DocumentId>, AnnotationFilter), Listed>,
    /// The selected annotation's row, by the rows' build: found once, not every frame.
    selected_row: Option<(AnnotationId, u64, Option<usize>)>,
    last_visible_rows: Range<usize>,
    last_viewport_height_px: f32,
    last_offset_px: f32,
    last_selected: Option<AnnotationId>,
    /// The selected row was wholly in view at the end of the last frame.
    was_selected_in_view: bool,
    /// Bring the selected row into view once the list's height has settled.
    reveal_pending: bool,
}

impl AnnotationList {
    /// Recomputes the rows if the project, document or filter changed.
    pub fn refresh(
        &mut self,
        project: &Project,
        document: Option<DocumentId>,
        filter: &AnnotationFilter,
    ) {
        // The key's clone allocates only while a search or tag filter is set.
        let key = (document, filter.clone());
        self.listed.get_or_build(project.key(), key, || {
            let range = document.map_or(0..0, |d| project.document_annotation_range(d));
            let needle = filter.needle_lower();
            Listed {
                total: range.len(),
                rows: range
                    .filter(|&i| {
                        (project.annotations().get(i))
                            .is_some_and(|a| filter.lists(project, a, &needle))
                    })
                    .collect(),
            }
        });
    }

    /// The rows last found.
    fn listed(&self) -> &Listed {
        self.listed.last().unwrap_or(&NOTHING_LISTED)
    }

    /// The ids of the listed annotations, in order (the unit tests' view of the list).
    #[cfg(test)]
    fn visible_ids<'a>(&'a self, project: &'a Project) -> impl Iterator<Item = AnnotationId> + 'a {
        (self.listed().rows.iter()).filter_map(|&i| project.annotations().get(i).map(|a| a.id))
    }

    /// The annotation `step` rows away from `selected` (the first or last when none is).
    #[must_use]
    pub fn neighbour(
        &self,
        project: &Project,
        selected: Option<AnnotationId>,
        step: isize,
    ) -> Option<AnnotationId> {
        let last = self.listed().rows.len().checked_sub(1)?;
        let position = selected.and_then(|s| self.row_of(project, s));
        let next = match position {
            None if step >= 0 => 0,
            None => last,
            Some(p) => p.saturating_add_signed(step).min(last),
        };
        let index = *self.listed().rows.get(next)?;
        project.annotations().get(index).map(|a| a.id)
    }

    /// Scrolls the list to the selected row on the next frame.
    pub fn scroll_to_selected(&mut self) {
        self.reveal_pending = true;
    }

    /// The rows drawn in the last frame (the list is virtualised): for the bench.
    #[must_use]
    pub fn last_visible_rows(&self) -> Range<usize> {
        self.last_visible_rows.clone()
    }

    #[must_use]
    pub fn shown_count(&self) -> usize {
        self.listed().rows.len()
    }

    #[must_use]
    pub fn total_count(&self) -> usize {
        self.listed().total
    }

    /// Draws the rows in the height left; clicking one selects it. The selected row is kept in
    /// view: when the selection changes, and when the list's height changes under it (the
    /// editor opening below, the split being dragged). Rows are `text_scale` times as tall as
    /// at zoom 1.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        (selected, hovered_in_article): (Option<AnnotationId>, Option<AnnotationId>),
        text_scale: f32,
        actions: &mut Vec<Action>,
    ) {
        if self.listed().rows.is_empty() {
            self.was_selected_in_view = false;
            let total = self.listed().total;
            ui.add_space(12.0);
            ui.vertical_centered(|ui| {
                let hint = if total == 0 {
                    "No annotations yet.\nSelect text in the article, then press 1, 2 or 3."
                } else {
                    "No annotation matches the filters."
                };
                ui.label(RichText::new(hint).weak());
            });
            return;
        }
        let row_height_px = ROW_HEIGHT_PX * text_scale;
        let row_step_px = row_height_px + ui.spacing().item_spacing.y;
        // The editor below is already laid out, so this is the height the rows get now.
        let viewport_px = ui.available_height();
        let height_changed = (viewport_px - self.last_viewport_height_px).abs() > 0.5;
        if selected != self.last_selected {
            self.last_selected = selected;
            self.reveal_pending |= selected.is_some();
        }
        if height_changed && self.was_selected_in_view {
            self.reveal_pending = true;
        }
        let index = selected.and_then(|s| self.selected_row(project, s));
        let mut area = egui::ScrollArea::vertical()
            .id_salt("annotation_list")
            .auto_shrink([false, false]);
        if self.reveal_pending
            && let Some(index) = index
            && let Some(offset_px) = reveal_offset(
                index,
                (row_step_px, row_height_px),
                self.last_offset_px,
                viewport_px,
            )
        {
            area = area.vertical_scroll_offset(offset_px);
        }
        if !height_changed {
            // Kept while the height still moves (the editor opening takes a frame or two).
            self.reveal_pending = false;
        }
        let rows = &self.listed().rows;
        let output = area.show_rows(ui, row_height_px, rows.len(), |ui, visible| {
            for row in visible.clone() {
                let Some(a) = rows.get(row).and_then(|&i| project.annotations().get(i)) else {
                    continue;
                };
                let is_linked = hovered_in_article == Some(a.id);
                if row_ui(
                    ui,
                    project,
                    a,
                    row_height_px,
                    (selected == Some(a.id), is_linked),
                )
                .clicked()
                {
                    actions.push(Action::SelectAnnotation {
                        id: a.id,
                        scroll_article: true,
                    });
                }
            }
            visible
        });
        self.last_visible_rows = output.inner;
        self.last_viewport_height_px = viewport_px;
        self.last_offset_px = output.state.clamped_offset().y;
        self.was_selected_in_view = index.is_some_and(|i| {
            reveal_offset(
                i,
                (row_step_px, row_height_px),
                self.last_offset_px,
                viewport_px,
            )
            .is_none()
        });
    }

    fn selected_row(&mut self, project: &Project, id: AnnotationId) -> Option<usize> {
        match self.selected_row {
            Some((cached, build, row)) if cached == id && build == self.listed.builds() => row,
            _ => {
                let row = self.row_of(project, id);
                self.selected_row = Some((id, self.listed.builds(), row));
                row
            }
        }
    }

    fn row_of(&self, project: &Project, id: AnnotationId) -> Option<usize> {
        (self.listed().rows.iter())
            .position(|&i| project.annotations().get(i).is_some_and(|a| a.id == id))
    }
}

/// The scroll offset that brings row `index` wholly into a viewport of `viewport_px` scrolled
/// to `offset_px`, or `None` if it is in view. A row out of sight is centred; a row cut by an
/// edge moves just enough, so clicking a half-shown row does not jump the list.
fn reveal_offset(
    index: usize,
    (row_step_px, row_height_px): (f32, f32),
    offset_px: f32,
    viewport_px: f32,
) -> Option<f32> {
    let top_px = index as f32 * row_step_px;
    let bottom_px = top_px + row_height_px;
    let view_bottom_px = offset_px + viewport_px;
    if top_px >= offset_px - 0.5 && bottom_px <= view_bottom_px + 0.5 {
        return None;
    }
    let is_out_of_sight = bottom_px <= offset_px || top_px >= view_bottom_px;
    let offset = if is_out_of_sight {
        top_px - (viewport_px - row_height_px) / 2.0
    } else if top_px < offset_px {
        top_px
    } else {
        bottom_px - viewport_px
    };
    Some(offset.max(0.0))
}

/// The label a row reports to screen readers (and tests): tag, quote, holder.
#[must_use]
pub fn row_label(project: &Project, a: &Annotation) -> String {
    let holder = project.holders_label(a);
    let tag = project.schema().name(&a.tag);
    if holder.is_empty() {
        format!("{tag}: {}", a.quote)
    } else {
        format!("{tag}: {} — {holder}", a.quote)
    }
}

/// One row; `is_linked` marks the annotation hovered in the article.
fn row_ui(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    row_height_px: f32,
    (is_selected, is_linked): (bool, bool),
) -> egui::Response {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, row_height_px), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::accesskit::Role::Button,
            true,
            is_selected,
            row_label(project, a),
        )
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let color = project
        .schema()
        .get(&a.tag)
        .map_or(Color32::GRAY, |t| tag_color(t.color));
    let fill = if is_selected {
        crate::ui::theme::selected_row_fill(visuals)
    } else if response.hovered() || is_linked {
        crate::ui::theme::hovered_row_fill(visuals)
    } else {
        Color32::TRANSPARENT
    };
    ui.painter().rect_filled(rect, 4.0, fill);
    // A stripe in the tag's colour makes the list scannable by tag at a glance.
    let stripe = egui::Rect::from_min_size(rect.min, Vec2::new(3.0, rect.height()));
    ui.painter().rect_filled(stripe, 1.5, color);

    let inner = rect.shrink2(Vec2::new(8.0, 3.0));
    let mut row_ui = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(inner.translate(Vec2::new(3.0, 0.0)))
            .layout(Layout::top_down(Align::Min)),
    );
    row_ui.spacing_mut().item_spacing.y = 2.0;
    row_ui.horizontal(|ui| {
        tag_chip_ui(ui, project.schema().name(&a.tag), color);
        if a.ranges.len() > 1 {
            ui.label(
                RichText::new(format!("{} ranges", a.ranges.len()))
                    .small()
                    .weak(),
            );
        }
        if a.note.is_some() {
            ui.label(RichText::new("note").small().italics().weak())
                .on_hover_ui(|ui| {
                    ui.label(a.note_text());
                });
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let holder = project.holders_label(a);
            let text = if holder.is_empty() {
                RichText::new("no holder").small().italics().weak().into()
            } else if needs_bidi(&holder) {
                // A right-to-left name in reading order, in the strong colour.
                ui.visuals_mut().override_text_color = Some(ui.visuals().strong_text_color());
                inline_text(ui, &holder, egui::TextStyle::Small.resolve(ui.style()))
            } else {
                RichText::new(holder).small().strong().into()
            };
            ui.add(egui::Label::new(text).truncate().selectable(false));
        });
    });
    let font = egui::TextStyle::Body.resolve(row_ui.style());
    let quote = crate::model::text::quoted(first_line(&a.quote));
    row_ui.add(
        egui::Label::new(widget_text(&row_ui, &quote, font, Some(1)))
            .truncate()
            .selectable(false),
    );
    response
}

/// Quotes can span paragraphs; the row shows one line.
fn first_line(quote: &str) -> &str {
    quote.lines().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Document, Span};
    use chrono::Utc;

    fn project_with_three() -> (Project, DocumentId, Vec<AnnotationId>) {
        let mut p = Project::new("t");
        let doc = Document::new("d", "Alpha beta gamma delta epsilon.".to_owned());
        let d = doc.id;
        p.apply(p.add_document(doc)).unwrap();
        let putin = Actor::new("Putin", Some("Russia"));
        let putin_id = putin.id;
        p.apply(p.add_actor(putin).unwrap()).unwrap();
        let mut ids = Vec::new();
        for (tag, span) in [
            ("claim", Span::new(0, 5)),
            ("position", Span::new(6, 10)),
            ("claim", Span::new(11, 16)),
        ] {
            let a = p.new_annotation(d, tag, vec![span], Utc::now()).unwrap();
            ids.push(a.id);
            p.apply(crate::model::Edit::AddAnnotation(Box::new(a)))
                .unwrap();
        }
        let e = p.set_holder(ids[1], Some(putin_id), Utc::now()).unwrap();
        p.apply(e).unwrap();
        (p, d, ids)
    }

    #[test]
    fn filters_by_tag_holder_and_text() {
        let (p, d, ids) = project_with_three();
        let mut list = AnnotationList::default();
        let mut filter = AnnotationFilter::default();
        list.refresh(&p, Some(d), &filter);
        assert_eq!(list.shown_count(), 3);
        filter.hidden_tags.insert("claim".to_owned());
        list.refresh(&p, Some(d), &filter);
        assert_eq!(list.visible_ids(&p).collect::<Vec<_>>(), vec![ids[1]]);
        filter.hidden_tags.clear();
        filter.search = "PUT".to_owned();
        list.refresh(&p, Some(d), &filter);
        assert_eq!(list.visible_ids(&p).collect::<Vec<_>>(), vec![ids[1]]);
        filter.search = "gamma".to_owned();
        list.refresh(&p, Some(d), &filter);
        assert_eq!(list.visible_ids(&p).collect::<Vec<_>>(), vec![ids[2]]);
        assert_eq!(list.total_count(), 3);
    }

    #[test]
    fn reveal_centres_a_row_out_of_sight_and_nudges_a_cut_one() {
        let rows = (50.0, 46.0);
        // Row 2 (100..146) in a 200 high viewport at 0: in view.
        assert_eq!(reveal_offset(2, rows, 0.0, 200.0), None);
        // Row 10 (500..546) is out of sight: centred.
        assert_eq!(reveal_offset(10, rows, 0.0, 200.0), Some(500.0 - 77.0));
        // Row 3 (150..196) is cut by a 180 high viewport's bottom: just enough to show it.
        assert_eq!(reveal_offset(3, rows, 0.0, 180.0), Some(16.0));
        // Row 1 (50..96) is cut by the top at 60: its top goes to the top.
        assert_eq!(reveal_offset(1, rows, 60.0, 180.0), Some(50.0));
        assert_eq!(reveal_offset(0, rows, 400.0, 180.0), Some(0.0));
    }

    #[test]
    fn neighbours_stop_at_the_ends() {
        let (p, d, ids) = project_with_three();
        let mut list = AnnotationList::default();
        list.refresh(&p, Some(d), &AnnotationFilter::default());
        assert_eq!(list.neighbour(&p, None, 1), Some(ids[0]));
        assert_eq!(list.neighbour(&p, None, -1), Some(ids[2]));
        assert_eq!(list.neighbour(&p, Some(ids[0]), 1), Some(ids[1]));
        assert_eq!(list.neighbour(&p, Some(ids[0]), -1), Some(ids[0]));
        assert_eq!(list.neighbour(&p, Some(ids[2]), 1), Some(ids[2]));
    }
}
