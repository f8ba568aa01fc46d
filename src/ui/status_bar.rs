//! The status bar: file, saved state, tag counts of the current document, selection range.

use std::path::Path;

use egui::{RichText, Ui};

use super::tag_color;
use crate::model::{DocumentId, Project, Span};

/// What the status bar shows this frame.
pub struct StatusInput<'a> {
    pub project: &'a Project,
    pub path: Option<&'a Path>,
    pub is_dirty: bool,
    pub document: Option<DocumentId>,
    pub text_selection: Option<Span>,
    /// A save is running on a worker thread.
    pub is_saving: bool,
}

/// Project revision and document the counts were made for.
type CountsKey = (u64, Option<DocumentId>);

/// Tag counts per document, recomputed only when the project changes.
#[derive(Default)]
pub struct StatusBar {
    counts: Option<(CountsKey, Vec<(String, usize)>)>,
}

impl StatusBar {
    fn counts(&mut self, project: &Project, document: Option<DocumentId>) -> &[(String, usize)] {
        let key = (project.revision(), document);
        if self.counts.as_ref().is_none_or(|(k, _)| *k != key) {
            let mut counts: Vec<(String, usize)> = project
                .schema
                .tags
                .iter()
                .map(|t| (t.key.clone(), 0))
                .collect();
            if let Some(d) = document {
                for a in project.annotations_of(d) {
                    if let Some(slot) = counts.iter_mut().find(|(k, _)| *k == a.tag) {
                        slot.1 += 1;
                    }
                }
            }
            self.counts = Some((key, counts));
        }
        self.counts.as_ref().map_or(&[], |(_, c)| c.as_slice())
    }

    pub fn ui(&mut self, ui: &mut Ui, input: &StatusInput<'_>) {
        let counts = self.counts(input.project, input.document);
        ui.horizontal(|ui| {
            let file = input.path.map_or_else(
                || "New project, not saved yet".to_owned(),
                |p| p.display().to_string(),
            );
            ui.add(egui::Label::new(RichText::new(file).small()).truncate())
                .on_hover_text("The project file");
            ui.separator();
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
            } else if input.path.is_some() {
                ui.label(RichText::new("Saved").small().weak());
                ui.separator();
            }
            for (key, count) in counts {
                let Some(tag) = input.project.schema.get(key) else {
                    continue;
                };
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(9.0, 9.0), egui::Sense::hover());
                ui.painter().rect_filled(swatch, 2.0, tag_color(tag.color));
                ui.label(RichText::new(format!("{} {count}", tag.name)).small());
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let text = match input.text_selection {
                    Some(s) if !s.is_empty() => {
                        format!("Selection {}–{} ({} chars)", s.start, s.end, s.len())
                    }
                    _ => "No selection".to_owned(),
                };
                ui.label(RichText::new(text).small().weak());
            });
        });
    }
}
