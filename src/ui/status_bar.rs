//! The status bar: file, saved state, tag counts of the current document, selection range,
//! and which scripts of the document no font can draw.

use std::path::Path;

use egui::{RichText, Ui};

use super::tag_color;
use crate::model::{DocumentId, Project, ProjectIndex, Span};

/// What the status bar shows this frame.
pub struct StatusInput<'a> {
    pub project: &'a Project,
    /// Counts of `project`, refreshed this frame.
    pub index: &'a ProjectIndex,
    pub path: Option<&'a Path>,
    pub is_dirty: bool,
    pub document: Option<DocumentId>,
    pub text_selection: Option<Span>,
    /// A save is running on a worker thread.
    pub is_saving: bool,
    /// What link mode asks the user to do, while linking.
    pub link_notice: Option<String>,
    /// The project's problems while an article's text was changed outside Stance (zero
    /// otherwise): then the file is not in a state "Saved" could vouch for.
    pub text_problem_count: usize,
    /// The shown document has characters no font covers: which scripts, and how to get a
    /// font (the app checks once per document).
    pub font_notice: Option<&'a str>,
    /// The team's state (`2 changes to share · 3 incoming · synced 03:40`), for a project
    /// shared through git.
    pub team: Option<&'a str>,
}

/// The status bar; its counts come from the app's [`ProjectIndex`].
#[derive(Default)]
pub struct StatusBar {}

impl StatusBar {
    pub fn ui(&mut self, ui: &mut Ui, input: &StatusInput<'_>) {
        ui.horizontal(|ui| {
            let file = input.path.map_or_else(
                || "New project, not saved yet".to_owned(),
                |p| p.display().to_string(),
            );
            ui.add(egui::Label::new(RichText::new(file).small()).truncate())
                .on_hover_text("The project file");
            ui.separator();
            if let Some(team) = input.team {
                ui.label(RichText::new(team).small())
                    .on_hover_text("File → Sync with Team (Ctrl+Shift+Y) shares and receives");
                ui.separator();
            }
            if input.text_problem_count > 0 {
                let count = input.text_problem_count;
                let noun = if count == 1 { "problem" } else { "problems" };
                ui.label(
                    RichText::new(format!("{count} {noun} — Project > Problems"))
                        .small()
                        .color(ui.visuals().warn_fg_color),
                )
                .on_hover_text(
                    "An article's text was changed outside Stance. Save is refused until it \
                     is re-anchored; Save As keeps this state in another file.",
                );
                ui.separator();
            }
            if input.is_saving {
                ui.label(RichText::new("Saving…").small());
                ui.separator();
            } else if input.is_dirty {
                ui.label(
                    RichText::new("• Unsaved changes")
                        .small()
                        .color(super::dialogs::dirty_color(ui)),
                );
                ui.separator();
            } else if input.path.is_some() && input.text_problem_count == 0 {
                ui.label(RichText::new("Saved").small().weak());
                ui.separator();
            }
            for tag in &input.project.schema().tags {
                let count = input
                    .document
                    .map_or(0, |d| input.index.document_tag_count(d, &tag.key));
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(9.0, 9.0), egui::Sense::hover());
                ui.painter().rect_filled(swatch, 2.0, tag_color(tag.color));
                ui.label(RichText::new(format!("{} {count}", tag.name)).small());
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(notice) = &input.link_notice {
                    let color = ui.visuals().warn_fg_color;
                    ui.label(RichText::new(notice).small().strong().color(color));
                    ui.separator();
                }
                let text = match input.text_selection {
                    Some(s) if !s.is_empty() => {
                        format!("Selection {}–{} ({} chars)", s.start, s.end, s.len())
                    }
                    // Names the text, not the annotation: one can be selected while no text is.
                    _ => "No text selected".to_owned(),
                };
                ui.label(RichText::new(text).small().weak());
                if let Some(notice) = input.font_notice {
                    ui.separator();
                    // Takes what room is left between the tag counts and the selection.
                    ui.add(
                        egui::Label::new(
                            RichText::new(notice)
                                .small()
                                .color(ui.visuals().warn_fg_color),
                        )
                        .truncate(),
                    )
                    .on_hover_text(notice);
                }
            });
        });
    }
}
