//! Wires the model, file I/O and the UI into the eframe application.
//!
//! Placeholder window until the workbench lands: it shows the bundled article.

use std::path::PathBuf;

/// The reference article, embedded so the app opens with no file.
pub const SAMPLE_ARTICLE: &str = include_str!("../assets/ukraine-talks-2025-12-05.txt");

/// Opens the main window; with `file`, opens that project.
///
/// # Errors
/// The window could not be created.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions::default();
    let text = match file {
        Some(path) => {
            std::fs::read_to_string(&path).unwrap_or_else(|e| format!("{}: {e}", path.display()))
        }
        None => SAMPLE_ARTICLE.to_owned(),
    };
    eframe::run_ui_native("Stance", options, move |ui, _frame| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(&text);
        });
    })
}
