//! The annotation sidebar: filters, the list of the document's annotations, the editor of the
//! selected one, and the actors.

mod actors;
mod detail;
mod fields;
mod list;
mod negotiation;
mod relations;

use egui::{RichText, Ui};

pub use list::{Filter, row_label};

use super::{Action, tag_color};
use crate::model::{AnnotationId, DocumentId, Project, ProjectIndex, Span};

/// What the sidebar shows this frame.
pub struct SidebarInput<'a> {
    pub project: &'a Project,
    /// Counts of `project`, refreshed this frame.
    pub index: &'a ProjectIndex,
    pub document: Option<DocumentId>,
    pub selected: Option<AnnotationId>,
    pub text_selection: Option<Span>,
    /// The annotation under the pointer in the article; its row lights up.
    pub hovered_in_article: Option<AnnotationId>,
    /// Link mode is on: the editor's Link button shows it.
    pub is_linking: bool,
}

/// The sidebar's state between frames.
#[derive(Default)]
pub struct Sidebar {
    pub list: list::AnnotationList,
    detail: detail::DetailEditor,
    actors: actors::ActorsSection,
    focus_search: bool,
    /// Where the selected annotation was last frame, for an O(1) lookup.
    selected_hint: usize,
    /// Kept here rather than in egui's memory because the section moves between two panels.
    actors_open: bool,
    /// Enter or Down was pressed in the Find box: select the first result.
    wants_first_result: bool,
}

impl Sidebar {
    /// Moves keyboard focus to the search field (Ctrl+F).
    pub fn focus_search(&mut self) {
        self.focus_search = true;
    }

    /// Moves keyboard focus to the selected annotation's note (Enter).
    pub fn focus_note(&mut self) {
        self.detail.focus_note();
    }

    /// Brings the selected annotation's row into view on the next frame.
    pub fn scroll_to_selected(&mut self) {
        self.list.scroll_to_selected();
    }

    /// The annotation `step` rows from `selected` in the filtered list (for ↑/↓, J/K).
    pub fn neighbour(
        &mut self,
        project: &Project,
        document: Option<DocumentId>,
        selected: Option<AnnotationId>,
        step: isize,
    ) -> Option<AnnotationId> {
        self.list.refresh(project, document);
        self.list.neighbour(project, selected, step)
    }

    pub fn ui(&mut self, ui: &mut Ui, input: &SidebarInput<'_>) -> Vec<Action> {
        let mut actions = Vec::new();
        let project = input.project;
        self.list.refresh(project, input.document);

        let selected = input
            .selected
            .and_then(|id| super::annotation_with_hint(project, id, &mut self.selected_hint));
        let frame = egui::Frame::new().inner_margin(egui::Margin::symmetric(0, 8));
        if selected.is_none() && !self.actors_open {
            // Nothing to edit: the hint and the Actors header take only their own height,
            // so the list gets the rest of the sidebar.
            egui::Panel::bottom("sidebar_detail_idle")
                .resizable(false)
                .min_size(0.0)
                .frame(frame)
                .show(ui, |ui| {
                    self.detail_ui(
                        ui,
                        (project, input.index),
                        None,
                        (input.text_selection, input.is_linking),
                        &mut actions,
                    );
                });
        } else {
            // The editor gets about half the height; the user can drag the divider.
            let detail_height_px = (ui.available_height() * 0.5).max(200.0);
            egui::Panel::bottom("sidebar_detail")
                .resizable(true)
                .default_size(detail_height_px)
                .size_range(140.0..=(ui.available_height() - 160.0).max(160.0))
                .frame(frame)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("sidebar_detail_scroll")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            // Room for the scroll bar, so it does not cover the fields' edges.
                            egui::Frame::new()
                                .inner_margin(egui::Margin {
                                    right: 10,
                                    ..egui::Margin::ZERO
                                })
                                .show(ui, |ui| {
                                    self.detail_ui(
                                        ui,
                                        (project, input.index),
                                        selected,
                                        (input.text_selection, input.is_linking),
                                        &mut actions,
                                    );
                                });
                        });
                });
        }

        self.header_ui(ui, project);
        if std::mem::take(&mut self.wants_first_result) {
            self.list.refresh(project, input.document);
            if let Some(id) = self.list.neighbour(project, None, 1) {
                actions.push(Action::SelectAnnotation {
                    id,
                    scroll_article: true,
                });
                self.list.scroll_to_selected();
            }
        }
        ui.add_space(4.0);
        self.list.ui(
            ui,
            project,
            input.selected,
            input.hovered_in_article,
            &mut actions,
        );
        actions
    }

    /// The selected annotation's editor (or a hint), then the Actors section.
    fn detail_ui(
        &mut self,
        ui: &mut Ui,
        (project, index): (&Project, &ProjectIndex),
        selected: Option<&crate::model::Annotation>,
        selection_and_linking: (Option<Span>, bool),
        actions: &mut Vec<Action>,
    ) {
        if let Some(a) = selected {
            ui.heading("Selected annotation");
            ui.add_space(2.0);
            // The list elides long quotes; here the whole quote is readable.
            ui.add(egui::Label::new(RichText::new(quote_preview(&a.quote)).italics()).wrap());
            ui.add_space(6.0);
            self.detail
                .ui(ui, project, a, selection_and_linking, actions);
        } else {
            ui.add(
                egui::Label::new(
                    RichText::new("Select an annotation to edit its tag, holder and note.").weak(),
                )
                .wrap(),
            );
        }
        ui.add_space(8.0);
        let section = egui::CollapsingHeader::new(format!("Actors ({})", project.actors.len()))
            .id_salt("actors_section")
            .open(Some(self.actors_open))
            .show(ui, |ui| self.actors.ui(ui, project, index, actions));
        if section.header_response.clicked() {
            self.actors_open = !self.actors_open;
        }
    }

    fn header_ui(&mut self, ui: &mut Ui, project: &Project) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading("Annotations");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let count = if self.list.filter.is_active() {
                    format!("{} of {}", self.list.shown_count(), self.list.total_count())
                } else {
                    self.list.total_count().to_string()
                };
                ui.label(RichText::new(count).weak())
                    .on_hover_text("Annotations shown / in this document");
            });
        });
        ui.add_space(2.0);
        let filter = &mut self.list.filter;
        ui.horizontal_wrapped(|ui| {
            for tag in &project.schema.tags {
                let is_shown = !filter.hidden_tags.contains(&tag.key);
                let color = tag_color(tag.color);
                let text = if is_shown {
                    RichText::new(&tag.name).color(super::text_on(color))
                } else {
                    RichText::new(&tag.name).strikethrough().weak()
                };
                let button = egui::Button::new(text)
                    .fill(if is_shown {
                        color
                    } else {
                        egui::Color32::TRANSPARENT
                    })
                    .stroke(egui::Stroke::new(1.0, color))
                    .corner_radius(10.0);
                if ui
                    .add(button)
                    .on_hover_ui(|ui| {
                        ui.label(format!("Show or hide {}s", tag.name.to_lowercase()));
                    })
                    .clicked()
                {
                    if is_shown {
                        filter.hidden_tags.insert(tag.key.clone());
                    } else {
                        filter.hidden_tags.remove(&tag.key);
                    }
                }
            }
        });
        ui.add_space(2.0);
        ui.horizontal(|ui| {
            let search_label = ui.label("Find");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut filter.search)
                        .id_salt("annotation_search")
                        .hint_text("Search quotes, notes, holders (Ctrl+F)")
                        .desired_width(ui.available_width() - 140.0),
                )
                .labelled_by(search_label.id);
            if std::mem::take(&mut self.focus_search) {
                response.request_focus();
            }
            self.wants_first_result |= goes_to_first_result(ui, &response);
            let holder_text = filter
                .holder
                .and_then(|h| project.actor(h))
                .map_or("Any holder", |a| a.name.as_str())
                .to_owned();
            egui::ComboBox::from_id_salt("holder_filter")
                .selected_text(holder_text)
                .width(130.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.holder, None, "Any holder");
                    for actor in &project.actors {
                        ui.selectable_value(&mut filter.holder, Some(actor.id), &actor.name);
                    }
                })
                .response
                .on_hover_text("Show only annotations held by one actor");
        });
        if let Some(holder) = filter.holder
            && project.actor(holder).is_none()
        {
            // The actor was deleted or merged away.
            filter.holder = None;
        }
        let (shown, total) = (self.list.shown_count(), self.list.total_count());
        if self.list.filter.is_active() && shown < total {
            // Say what the filters hide, so an empty-looking list is not taken for an empty document.
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{shown} of {total} shown — filters hide {}",
                        total - shown
                    ))
                    .color(ui.visuals().warn_fg_color),
                );
                if ui.small_button("Clear filters").clicked() {
                    self.list.filter = Filter::default();
                }
            });
        }
    }
}

/// Enter or Down in the Find box goes to the first result; the box lets go of the keyboard,
/// so J/K and the arrows move on through the list.
fn goes_to_first_result(ui: &Ui, response: &egui::Response) -> bool {
    let is_enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let is_down = response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::ArrowDown));
    if is_enter || is_down {
        response.surrender_focus();
    }
    is_enter || is_down
}

/// The quote in quotation marks, cut after a few paragraphs' worth: an annotation can span
/// a whole document, and its full quote would be laid out again every frame.
fn quote_preview(quote: &str) -> String {
    const MAX_CHARS: usize = 1_200;
    match quote.char_indices().nth(MAX_CHARS) {
        Some((cut_bytes, _)) => {
            crate::model::text::quoted(&format!("{}…", quote.get(..cut_bytes).unwrap_or(quote)))
        }
        None => crate::model::text::quoted(quote),
    }
}

#[cfg(test)]
mod tests {
    use super::quote_preview;

    #[test]
    fn long_quotes_are_cut_on_a_char_boundary() {
        assert_eq!(quote_preview("Kyiv – talks"), "“Kyiv – talks”");
        let long = "é".repeat(5_000);
        let preview = quote_preview(&long);
        assert_eq!(preview.chars().count(), 1_200 + 3);
        assert!(preview.ends_with("é…”"));
    }
}
