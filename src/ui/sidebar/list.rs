//! The filtered, virtualised list of a document's annotations.
//!
//! The filtered rows are cached by project revision, document and filter, so a frame costs
//! only the visible rows however many annotations there are.

use std::collections::BTreeSet;
use std::ops::Range;

use egui::{Align, Color32, Layout, RichText, Sense, Ui, Vec2};

use super::super::{Action, tag_chip_ui, tag_color};
use crate::model::{ActorId, Annotation, AnnotationId, DocumentId, Project};

/// Height of one list row, without spacing.
const ROW_HEIGHT_PX: f32 = 46.0;

/// What the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Tag keys switched off.
    pub hidden_tags: BTreeSet<String>,
    /// Only annotations held by this actor.
    pub holder: Option<ActorId>,
    /// Case-insensitive text in quote, note or holder name.
    pub search: String,
}

impl Filter {
    #[must_use]
    pub fn is_active(&self) -> bool {
        !self.hidden_tags.is_empty() || self.holder.is_some() || !self.search.trim().is_empty()
    }

    fn accepts(&self, project: &Project, a: &Annotation, needle_lower: &str) -> bool {
        if self.hidden_tags.contains(&a.tag) {
            return false;
        }
        if self.holder.is_some() && a.holder != self.holder {
            return false;
        }
        if needle_lower.is_empty() {
            return true;
        }
        contains_lower(&a.quote, needle_lower)
            || contains_lower(a.note_text(), needle_lower)
            || contains_lower(project.holder_name(a), needle_lower)
    }
}

fn contains_lower(haystack: &str, needle_lower: &str) -> bool {
    haystack.to_lowercase().contains(needle_lower)
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct CacheKey {
    revision: u64,
    document: Option<DocumentId>,
    filter: Filter,
}

/// The list's state between frames.
#[derive(Default)]
pub struct AnnotationList {
    pub filter: Filter,
    cache_key: Option<CacheKey>,
    /// Indices into `project.annotations` of the rows shown, in text order.
    rows: Vec<usize>,
    /// Total annotations of the document, for "12 of 40".
    total: usize,
    last_visible_rows: Range<usize>,
    last_viewport_height_px: f32,
    scroll_to_selected: bool,
}

impl AnnotationList {
    /// Recomputes the rows if the project, document or filter changed.
    pub fn refresh(&mut self, project: &Project, document: Option<DocumentId>) {
        let revision = project.revision();
        // Compared in place: cloning the filter for the key every frame would allocate.
        if self.cache_key.as_ref().is_some_and(|k| {
            k.revision == revision && k.document == document && k.filter == self.filter
        }) {
            return;
        }
        let range = document.map_or(0..0, |d| project.document_annotation_range(d));
        let needle = self.filter.search.trim().to_lowercase();
        self.total = range.len();
        let filter = &self.filter;
        self.rows = range
            .filter(|&i| {
                project
                    .annotations
                    .get(i)
                    .is_some_and(|a| filter.accepts(project, a, &needle))
            })
            .collect();
        self.cache_key = Some(CacheKey {
            revision,
            document,
            filter: self.filter.clone(),
        });
    }

    /// The ids of the listed annotations, in order (the unit tests' view of the list).
    #[cfg(test)]
    fn visible_ids<'a>(&'a self, project: &'a Project) -> impl Iterator<Item = AnnotationId> + 'a {
        self.rows
            .iter()
            .filter_map(|&i| project.annotations.get(i).map(|a| a.id))
    }

    /// The annotation `step` rows away from `selected` (the first or last when none is).
    #[must_use]
    pub fn neighbour(
        &self,
        project: &Project,
        selected: Option<AnnotationId>,
        step: isize,
    ) -> Option<AnnotationId> {
        let last = self.rows.len().checked_sub(1)?;
        let position = selected.and_then(|s| self.row_of(project, s));
        let next = match position {
            None if step >= 0 => 0,
            None => last,
            Some(p) => p.saturating_add_signed(step).min(last),
        };
        let index = *self.rows.get(next)?;
        project.annotations.get(index).map(|a| a.id)
    }

    /// Scrolls the list to the selected row on the next frame.
    pub fn scroll_to_selected(&mut self) {
        self.scroll_to_selected = true;
    }

    /// The rows drawn in the last frame (the list is virtualised): for tests and the bench.
    #[must_use]
    pub fn last_visible_rows(&self) -> Range<usize> {
        self.last_visible_rows.clone()
    }

    #[must_use]
    pub fn shown_count(&self) -> usize {
        self.rows.len()
    }

    #[must_use]
    pub fn total_count(&self) -> usize {
        self.total
    }

    /// Draws the rows; clicking one selects it.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        selected: Option<AnnotationId>,
        hovered_in_article: Option<AnnotationId>,
        actions: &mut Vec<Action>,
    ) {
        if self.rows.is_empty() {
            ui.add_space(12.0);
            ui.vertical_centered(|ui| {
                let hint = if self.total == 0 {
                    "No annotations yet.\nSelect text in the article, then press 1, 2 or 3."
                } else {
                    "No annotation matches the filters."
                };
                ui.label(RichText::new(hint).weak());
            });
            return;
        }
        let mut area = egui::ScrollArea::vertical()
            .id_salt("annotation_list")
            .auto_shrink([false, false]);
        if std::mem::take(&mut self.scroll_to_selected)
            && let Some(index) = selected.and_then(|s| self.row_of(project, s))
            && !self.fully_visible(index)
        {
            let row_with_spacing = ROW_HEIGHT_PX + ui.spacing().item_spacing.y;
            #[allow(clippy::cast_precision_loss)]
            let top = index as f32 * row_with_spacing;
            let offset = (top - (self.last_viewport_height_px - ROW_HEIGHT_PX) / 2.0).max(0.0);
            area = area.vertical_scroll_offset(offset);
        }
        let output = area.show_rows(ui, ROW_HEIGHT_PX, self.rows.len(), |ui, visible| {
            for row in visible.clone() {
                let Some(a) = self.rows.get(row).and_then(|&i| project.annotations.get(i)) else {
                    continue;
                };
                let is_linked = hovered_in_article == Some(a.id);
                if row_ui(ui, project, a, selected == Some(a.id), is_linked).clicked() {
                    actions.push(Action::SelectAnnotation {
                        id: a.id,
                        scroll_article: true,
                    });
                }
            }
            visible
        });
        self.last_visible_rows = output.inner;
        self.last_viewport_height_px = output.inner_rect.height();
    }

    fn row_of(&self, project: &Project, id: AnnotationId) -> Option<usize> {
        self.rows
            .iter()
            .position(|&i| project.annotations.get(i).is_some_and(|a| a.id == id))
    }

    fn fully_visible(&self, row: usize) -> bool {
        // The first and last visible rows may be cut off by the viewport's edges.
        self.last_visible_rows.start < row && row + 1 < self.last_visible_rows.end
    }
}

/// The label a row reports to screen readers (and tests): tag, quote, holder.
#[must_use]
pub fn row_label(project: &Project, a: &Annotation) -> String {
    let holder = project.holder_name(a);
    let tag = project.schema.name(&a.tag);
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
    is_selected: bool,
    is_linked: bool,
) -> egui::Response {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, ROW_HEIGHT_PX), Sense::click());
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
        .schema
        .get(&a.tag)
        .map_or(Color32::GRAY, |t| tag_color(t.color));
    let fill = if is_selected {
        visuals.selection.bg_fill.gamma_multiply(0.55)
    } else if response.hovered() || is_linked {
        visuals.widgets.hovered.weak_bg_fill
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
        tag_chip_ui(ui, project.schema.name(&a.tag), color);
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
            let holder = project.holder_name(a);
            let text = if holder.is_empty() {
                RichText::new("no holder").small().italics().weak()
            } else {
                RichText::new(holder).small().strong()
            };
            ui.add(egui::Label::new(text).truncate().selectable(false));
        });
    });
    row_ui.add(
        egui::Label::new(crate::model::text::quoted(first_line(&a.quote)))
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
        list.refresh(&p, Some(d));
        assert_eq!(list.shown_count(), 3);
        list.filter.hidden_tags.insert("claim".to_owned());
        list.refresh(&p, Some(d));
        assert_eq!(list.visible_ids(&p).collect::<Vec<_>>(), vec![ids[1]]);
        list.filter.hidden_tags.clear();
        list.filter.search = "PUT".to_owned();
        list.refresh(&p, Some(d));
        assert_eq!(list.visible_ids(&p).collect::<Vec<_>>(), vec![ids[1]]);
        list.filter.search = "gamma".to_owned();
        list.refresh(&p, Some(d));
        assert_eq!(list.visible_ids(&p).collect::<Vec<_>>(), vec![ids[2]]);
        assert_eq!(list.total_count(), 3);
    }

    #[test]
    fn neighbours_stop_at_the_ends() {
        let (p, d, ids) = project_with_three();
        let mut list = AnnotationList::default();
        list.refresh(&p, Some(d));
        assert_eq!(list.neighbour(&p, None, 1), Some(ids[0]));
        assert_eq!(list.neighbour(&p, None, -1), Some(ids[2]));
        assert_eq!(list.neighbour(&p, Some(ids[0]), 1), Some(ids[1]));
        assert_eq!(list.neighbour(&p, Some(ids[0]), -1), Some(ids[0]));
        assert_eq!(list.neighbour(&p, Some(ids[2]), 1), Some(ids[2]));
    }
}
