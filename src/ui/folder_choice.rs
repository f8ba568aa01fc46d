//! The choice offered when an imported folder holds several brat folders: which to import.

use std::path::PathBuf;

use egui::{Context, Id, RichText};

/// The dialog's ticks, one per offered folder (all ticked at first).
#[derive(Default)]
pub struct FolderChoice {
    offered: Vec<PathBuf>,
    chosen: Vec<bool>,
}

impl FolderChoice {
    /// Draws the choice between `folders`; `Some(list)` once answered (empty when cancelled).
    pub fn ui(&mut self, ctx: &Context, folders: &[PathBuf]) -> Option<Vec<PathBuf>> {
        if self.offered != folders {
            self.offered = folders.to_vec();
            self.chosen = vec![true; folders.len()];
        }
        let mut answer = None;
        let modal = egui::Modal::new(Id::unique("choose_brat_folders")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Import which brat folders?");
            ui.add_space(6.0);
            ui.label("This folder holds several brat folders. Tick the ones to import.");
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for (folder, chosen) in self.offered.iter().zip(&mut self.chosen) {
                        ui.checkbox(chosen, super::file_name(folder));
                    }
                });
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                let count = self.chosen.iter().filter(|&&c| c).count();
                let import = egui::Button::new(RichText::new(format!("Import {count}")).strong());
                if ui.add_enabled(count > 0, import).clicked() {
                    let picked = (self.offered.iter().zip(&self.chosen))
                        .filter(|(_, c)| **c)
                        .map(|(f, _)| f.clone())
                        .collect();
                    answer = Some(picked);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Vec::new());
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(Vec::new());
        }
        answer
    }
}
