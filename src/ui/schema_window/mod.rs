//! Project → Schema…: the project's tags (with their fields), relation types and issues.
//!
//! The window only draws and returns [`SchemaAction`]s; the model checks each change (a
//! clashing hotkey, a name in use, a relation type still used) and the app applies it as one
//! undo step. Names are committed when their field loses focus, so typing is not a step per
//! letter.

mod issues;
mod relations;
mod tags;

use egui::{RichText, Ui};

use super::Action;
use crate::model::{FieldDef, IssueId, Project, Rgb};

/// A change asked for in the Schema window.
#[derive(Clone, Debug, PartialEq)]
pub enum SchemaAction {
    AddTag {
        key: String,
        name: String,
        color: Rgb,
        hotkey: Option<char>,
    },
    RenameTag {
        key: String,
        name: String,
    },
    SetTagColor {
        key: String,
        color: Rgb,
    },
    SetTagHotkey {
        key: String,
        hotkey: Option<char>,
    },
    SetTagRetired {
        key: String,
        retired: bool,
    },
    MoveTag {
        key: String,
        to: usize,
    },
    SetTagFields {
        key: String,
        fields: Vec<FieldDef>,
    },
    AddRelationType {
        key: String,
        name: String,
        color: Rgb,
    },
    EditRelationType {
        key: String,
        name: String,
        color: Rgb,
    },
    RemoveRelationType(String),
    AddIssue(String),
    RenameIssue(IssueId, String),
    /// Aliases as typed, comma-separated.
    SetIssueAliases(IssueId, String),
    SetIssueDescription(IssueId, String),
    MergeIssues {
        from: IssueId,
        into: IssueId,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tab {
    #[default]
    Tags,
    RelationTypes,
    Issues,
}

/// The window's own state: the tab, the forms for new items, refusals to show.
#[derive(Default)]
pub struct SchemaWindow {
    tab: Tab,
    tags: tags::TagsTab,
    relations: relations::RelationsTab,
    issues: issues::IssuesTab,
}

impl SchemaWindow {
    /// Draws the window; returns whether it stays open and the changes asked for.
    pub fn ui(&mut self, ctx: &egui::Context, project: &Project) -> (bool, Vec<Action>) {
        let mut is_open = true;
        let mut actions = Vec::new();
        egui::Window::new("Schema")
            .id(egui::Id::unique("schema_window"))
            .open(&mut is_open)
            .default_pos(ctx.content_rect().center() - egui::vec2(360.0, 260.0))
            .default_width(720.0)
            .default_height(520.0)
            .resizable(true)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.tab, Tab::Tags, "Tags");
                    ui.selectable_value(&mut self.tab, Tab::RelationTypes, "Relation types");
                    ui.selectable_value(&mut self.tab, Tab::Issues, "Issues");
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("schema_scroll")
                    .auto_shrink([false, true])
                    .show(ui, |ui| match self.tab {
                        Tab::Tags => self.tags.ui(ui, project, &mut actions),
                        Tab::RelationTypes => self.relations.ui(ui, project, &mut actions),
                        Tab::Issues => self.issues.ui(ui, project, &mut actions),
                    });
            });
        (is_open, actions)
    }
}

/// A single-line field whose text is committed when it loses focus (Enter, Tab or a click
/// elsewhere); returns the text then, if it differs from `current`. While the field has
/// focus its text lives in egui's memory, so the model's value is not overwritten mid-typing.
fn committed_text_ui(
    ui: &mut Ui,
    id: egui::Id,
    current: &str,
    hint: &str,
    width_px: f32,
) -> (egui::Response, Option<String>) {
    let buffer_id = id.with("buffer");
    let mut text = ui
        .data_mut(|d| d.get_temp::<String>(buffer_id))
        .unwrap_or_else(|| current.to_owned());
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .id(id)
            .hint_text(hint)
            .desired_width(width_px)
            // A grid cell offers last frame's column width; without a minimum the column
            // never grows past its first, narrow, layout.
            .min_size(egui::vec2(width_px, 0.0)),
    );
    let committed = (response.lost_focus() && text != current).then(|| text.clone());
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(buffer_id, text));
    } else {
        ui.data_mut(|d| d.remove::<String>(buffer_id));
    }
    (response, committed)
}

/// A key for a new tag or relation type made from its name: "Red line" → `red-line`.
fn key_from_name(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// A colour button for an [`Rgb`]; the new colour if the user changed it.
fn rgb_button_ui(ui: &mut Ui, rgb: Rgb) -> Option<Rgb> {
    let mut color = rgb.0;
    let response = egui::color_picker::color_edit_button_srgb(ui, &mut color);
    (response.changed() && color != rgb.0).then_some(Rgb(color))
}

/// A refusal from the model, in the error colour, wrapped.
fn refusal_ui(ui: &mut Ui, text: &str) {
    let color = ui.visuals().error_fg_color;
    ui.add(egui::Label::new(RichText::new(text).color(color)).wrap());
}

#[cfg(test)]
mod tests {
    use super::key_from_name;

    #[test]
    fn keys_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(key_from_name("Red line"), "red-line");
        assert_eq!(key_from_name("  Offer / Demand "), "offer-demand");
        assert_eq!(key_from_name("Уступка"), "уступка");
        assert_eq!(key_from_name("!!"), "");
    }
}
