//! The annotation sidebar: filters, the list of the document's annotations, the editor of the
//! selected one, and the actors.

mod actors;
mod detail;
mod fields;
mod link_editor;
mod list;
mod negotiation;
mod relations;
mod when;

use egui::{RichText, Ui};

pub use list::row_label;

use super::{Action, tag_color};
use crate::model::{
    AnnotationFilter, AnnotationId, DocumentId, Project, ProjectIndex, RelationId, Span,
};

/// The editor never gets less than this.
const MIN_EDITOR_PX: f32 = 140.0;
/// Nor the list and its header (heading, chips, search: about 95 points) less than this:
/// room for three rows, where the issue found one and a half.
const MIN_LIST_PX: f32 = 250.0;

/// What the sidebar shows this frame.
pub struct SidebarInput<'a> {
    pub project: &'a Project,
    /// Counts of `project`, refreshed this frame.
    pub index: &'a ProjectIndex,
    pub document: Option<DocumentId>,
    pub selected: Option<AnnotationId>,
    /// The selected relation (an arc clicked with Show Links on), edited in place of an
    /// annotation.
    pub selected_relation: Option<RelationId>,
    pub text_selection: Option<Span>,
    /// The annotation under the pointer in the article; its row lights up.
    pub hovered_in_article: Option<AnnotationId>,
    /// Link mode is on: the editor's Link button shows it.
    pub is_linking: bool,
    /// The view's filter, shared with the article; changes go back as [`Action::SetFilter`].
    pub filter: &'a AnnotationFilter,
    /// The editor's remembered height (Preferences), used when it first opens.
    pub editor_height_px: f32,
    /// The zoom (Ctrl+plus/minus): the sidebar's text grows with the article's.
    pub text_scale: f32,
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
    /// The Actors view fills the sidebar in place of the list and the editor.
    actors_open: bool,
    /// The editor's height as the user left it by dragging the split, this frame.
    dragged_editor_height_px: Option<f32>,
    /// Enter or Down was pressed in the Find box: select the first result.
    wants_first_result: bool,
}

impl Sidebar {
    /// Moves keyboard focus to the search field (Ctrl+F).
    pub fn focus_search(&mut self) {
        self.actors_open = false;
        self.focus_search = true;
    }

    /// Moves keyboard focus to the selected annotation's note (Enter).
    pub fn focus_note(&mut self) {
        self.actors_open = false;
        self.detail.focus_note();
    }

    /// Brings the selected annotation's row into view on the next frame.
    pub fn scroll_to_selected(&mut self) {
        self.list.scroll_to_selected();
    }

    /// The editor's height if the user dragged the split this frame, to be remembered.
    #[must_use]
    pub fn dragged_editor_height_px(&self) -> Option<f32> {
        self.dragged_editor_height_px
    }

    /// The annotation `step` rows from `selected` in the filtered list (for ↑/↓, J/K).
    pub fn neighbour(
        &mut self,
        project: &Project,
        (document, filter): (Option<DocumentId>, &AnnotationFilter),
        selected: Option<AnnotationId>,
        step: isize,
    ) -> Option<AnnotationId> {
        self.list.refresh(project, document, filter);
        self.list.neighbour(project, selected, step)
    }

    pub fn ui(&mut self, ui: &mut Ui, input: &SidebarInput<'_>) -> Vec<Action> {
        let mut actions = Vec::new();
        self.dragged_editor_height_px = None;
        scale_text(ui.style_mut(), input.text_scale);
        if self.actors_open {
            self.actors_view_ui(ui, input, &mut actions);
            return actions;
        }
        let project = input.project;
        self.list.refresh(project, input.document, input.filter);

        let selected = input
            .selected
            .and_then(|id| super::annotation_with_hint(project, id, &mut self.selected_hint));
        egui::Panel::bottom("sidebar_actors_bar")
            .resizable(false)
            .show_separator_line(true)
            .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(0, 6)))
            .show(ui, |ui| {
                let open = ui
                    .button(format!("Actors ({})", project.actors().len()))
                    .on_hover_text("Names, affiliations and aliases of the actors; merge them");
                if open.clicked() {
                    self.actors_open = true;
                }
            });
        let frame = egui::Frame::new().inner_margin(egui::Margin::symmetric(0, 8));
        if let Some(a) = selected {
            let max_px = (ui.available_height() - MIN_LIST_PX).max(MIN_EDITOR_PX);
            let panel = egui::Panel::bottom("sidebar_detail")
                .resizable(true)
                .default_size(input.editor_height_px.clamp(MIN_EDITOR_PX, max_px))
                .size_range(MIN_EDITOR_PX..=max_px)
                .frame(frame)
                .show(ui, |ui| {
                    // One scroll state per annotation: another annotation's editor opens at
                    // its top (Tag, Holder), not where the last one was scrolled to.
                    egui::ScrollArea::vertical()
                        .id_salt(("sidebar_detail_scroll", a.id))
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            // Room for the scroll bar, so it does not cover the fields' edges.
                            egui::Frame::new()
                                .inner_margin(egui::Margin {
                                    right: 10,
                                    ..egui::Margin::ZERO
                                })
                                .show(ui, |ui| {
                                    self.editor_ui(ui, input, a, &mut actions);
                                });
                        });
                });
            let height_px = panel.response.rect.height();
            // Only a drag is the user's choice; a small window squeezing the editor is not.
            if ui.input(|i| i.pointer.any_down())
                && (height_px - input.editor_height_px).abs() > 0.5
            {
                self.dragged_editor_height_px = Some(height_px);
            }
        } else if let Some(relation) = input.selected_relation.and_then(|id| project.relation(id)) {
            egui::Panel::bottom("sidebar_link_editor")
                .resizable(false)
                .frame(frame)
                .show(ui, |ui| {
                    link_editor::link_editor_ui(ui, project, relation, &mut actions);
                });
        } else {
            // Nothing to edit: the hint takes only its own height; the list gets the rest.
            egui::Panel::bottom("sidebar_detail_idle")
                .resizable(false)
                .min_size(0.0)
                .frame(frame)
                .show(ui, |ui| {
                    ui.add(
                        egui::Label::new(
                            RichText::new("Select an annotation to edit its tag, holder and note.")
                                .weak(),
                        )
                        .wrap(),
                    );
                });
        }

        self.header_ui(ui, project, input.filter, &mut actions);
        if std::mem::take(&mut self.wants_first_result) {
            self.list.refresh(project, input.document, input.filter);
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
            (input.selected, input.hovered_in_article),
            input.text_scale,
            &mut actions,
        );
        actions
    }

    /// The selected annotation's editor.
    fn editor_ui(
        &mut self,
        ui: &mut Ui,
        input: &SidebarInput<'_>,
        a: &crate::model::Annotation,
        actions: &mut Vec<Action>,
    ) {
        ui.heading("Selected annotation");
        ui.add_space(2.0);
        // The list elides long quotes; here the whole quote is readable.
        let preview = quote_preview(&a.quote);
        if crate::ui::article::bidi::needs_bidi(&preview) {
            // Right-to-left text in reading order (egui's faux italics would not apply).
            let font = egui::TextStyle::Body.resolve(ui.style());
            let text = crate::ui::article::bidi_text::widget_text(ui, &preview, font, None);
            ui.add(egui::Label::new(text).selectable(false));
        } else {
            ui.add(egui::Label::new(RichText::new(preview).italics()).wrap());
        }
        ui.add_space(6.0);
        self.detail.ui(
            ui,
            input.project,
            a,
            (input.text_selection, input.is_linking),
            actions,
        );
        if let Some(actor) = self.detail.take_actor_to_show() {
            self.actors_open = true;
            self.actors.reveal(actor);
        }
    }

    /// The Actors view, in place of the list and the editor.
    fn actors_view_ui(&mut self, ui: &mut Ui, input: &SidebarInput<'_>, actions: &mut Vec<Action>) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading(format!("Actors ({})", input.project.actors().len()));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Back to annotations")
                    .on_hover_text("Show the annotation list and editor again")
                    .clicked()
                {
                    self.actors_open = false;
                }
            });
        });
        ui.add_space(4.0);
        self.actors.ui(ui, input.project, input.index, actions);
    }

    fn header_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        filter: &AnnotationFilter,
        actions: &mut Vec<Action>,
    ) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading("Annotations");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let count = if filter.is_active() {
                    format!("{} of {}", self.list.shown_count(), self.list.total_count())
                } else {
                    self.list.total_count().to_string()
                };
                ui.label(RichText::new(count).weak())
                    .on_hover_text("Annotations shown / in this document");
            });
        });
        ui.add_space(2.0);
        let mut changed = filter.clone();
        ui.horizontal_wrapped(|ui| tag_chips_ui(ui, project, &mut changed));
        ui.add_space(2.0);
        ui.horizontal(|ui| {
            let search_label = ui.label("Find");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut changed.search)
                        .id_salt("annotation_search")
                        .hint_text("Search quotes, notes, holders (Ctrl+F)")
                        .desired_width(ui.available_width() - 140.0),
                )
                .labelled_by(search_label.id)
                .on_hover_text("Narrows the list; the article keeps its highlights");
            if std::mem::take(&mut self.focus_search) {
                response.request_focus();
            }
            self.wants_first_result |= goes_to_first_result(ui, &response);
            let holder_text = changed
                .holder
                .and_then(|h| project.actor(h))
                .map_or("Any holder", |a| a.name.as_str())
                .to_owned();
            egui::ComboBox::from_id_salt("holder_filter")
                .selected_text(holder_text)
                .width(130.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut changed.holder, None, "Any holder");
                    for actor in project.actors() {
                        ui.selectable_value(&mut changed.holder, Some(actor.id), &actor.name);
                    }
                })
                .response
                .on_hover_text("Show only one actor's annotations, in the list and the article");
        });
        let (shown, total) = (self.list.shown_count(), self.list.total_count());
        if filter.is_active() && shown < total {
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
                    changed = AnnotationFilter::default();
                }
            });
        }
        if changed != *filter {
            actions.push(Action::SetFilter(changed));
        }
    }
}

/// One chip per tag: filled while its annotations are shown, struck through while hidden.
fn tag_chips_ui(ui: &mut Ui, project: &Project, filter: &mut AnnotationFilter) {
    for tag in &project.schema().tags {
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
        let plural = tag.name.to_lowercase();
        let response = ui.add(button).on_hover_ui(|ui| {
            if is_shown {
                ui.label(format!("Hide {plural}s in the list and the article"));
            } else {
                ui.label(format!("Show {plural}s in the list and the article again"));
            }
        });
        if response.clicked() {
            if is_shown {
                filter.hidden_tags.insert(tag.key.clone());
            } else {
                filter.hidden_tags.remove(&tag.key);
            }
        }
    }
}

/// Scales the sidebar's text (and the height of its widgets) by the zoom.
fn scale_text(style: &mut egui::Style, scale: f32) {
    if (scale - 1.0).abs() < f32::EPSILON {
        return;
    }
    for font in style.text_styles.values_mut() {
        font.size *= scale;
    }
    style.spacing.interact_size.y *= scale;
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
