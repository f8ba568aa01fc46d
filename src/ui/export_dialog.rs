//! File → Export…: pick a format and filters, see a preview, and ask the app to write it.
//!
//! The widget holds no business rules: the preview is the pure [`export`] itself (cached per
//! project revision and options), and pressing Export returns an [`ExportRequest`]; the app
//! shows the save dialog, asks before overwriting and calls [`write_export`].

use std::collections::BTreeSet;
use std::path::Path;

use egui::{Context, RichText, Ui};

use crate::io::export::{
    ExportError, ExportFormat, ExportOptions, export, selection_counts, suggested_file_name,
};
use crate::model::Project;

/// How many lines of the output the preview shows.
const PREVIEW_LINES: usize = 14;
const DIALOG_WIDTH_PX: f32 = 760.0;
/// The preview's fixed height, whatever the format shows in it.
const PREVIEW_HEIGHT_PX: f32 = 280.0;

/// What the user asked to export, and a file (or folder) name to suggest in the save dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    pub options: ExportOptions,
    pub file_name: String,
}

/// What the user answered in the Export dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportAnswer {
    Export(ExportRequest),
    /// Cancel or the window's close button.
    Cancel,
}

/// The Export dialog's view state: the choices, kept between openings, and the preview
/// cache. Whether it is open is the app's business. Not saved.
#[derive(Debug, Default)]
pub struct ExportDialog {
    format: ExportFormat,
    /// Tags switched off; the filter keeps every other tag.
    hidden_tags: BTreeSet<String>,
    document: Option<crate::model::DocumentId>,
    holder: Option<crate::model::ActorId>,
    raw: bool,
    excel: bool,
    preview: Option<Preview>,
}

#[derive(Debug)]
struct Preview {
    project: crate::model::ProjectKey,
    options: ExportOptions,
    /// The first lines of the output, or why there is none.
    text: Result<String, String>,
    /// For CSV: the first rows as cells, shown as a table (already shortened for display).
    rows: Vec<Vec<String>>,
    /// "23 annotations in 1 document".
    summary: String,
}

impl ExportDialog {
    /// The options as currently chosen (tags, document and holder that no longer exist are dropped).
    #[must_use]
    pub fn options(&self, project: &Project) -> ExportOptions {
        let tags = if self.hidden_tags.is_empty() {
            Vec::new()
        } else {
            project
                .schema()
                .tags
                .iter()
                .filter(|t| !self.hidden_tags.contains(&t.key))
                .map(|t| t.key.clone())
                .collect()
        };
        ExportOptions {
            format: self.format,
            tags,
            document: self.document.filter(|d| project.document(*d).is_some()),
            holder: self.holder.filter(|h| project.actor(*h).is_some()),
            raw: self.raw,
            excel: self.excel,
        }
    }

    /// Draws the dialog; returns the user's answer, after which the caller closes it.
    pub fn ui(&mut self, ctx: &Context, project: &Project) -> Option<ExportAnswer> {
        let mut open = true;
        let mut answer = None;
        egui::Window::new("Export")
            .id(egui::Id::unique("export_dialog"))
            .open(&mut open)
            .collapsible(false)
            // A fixed size: choosing another format must not move or resize the dialog
            // under the pointer (the preview and options keep their place too).
            .resizable(false)
            .default_width(DIALOG_WIDTH_PX)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| answer = self.contents_ui(ui, project));
        if !open && answer.is_none() {
            answer = Some(ExportAnswer::Cancel);
        }
        answer
    }

    fn contents_ui(&mut self, ui: &mut Ui, project: &Project) -> Option<ExportAnswer> {
        egui::Grid::new("export_grid")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                self.format_ui(ui);
                ui.end_row();
                self.filters_ui(ui, project);
                // In the grid, so the options line up with the filters above them; always
                // there (greyed out for other formats), so nothing below moves.
                ui.label("CSV");
                ui.add_enabled_ui(self.format == ExportFormat::Csv, |ui| {
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut self.raw, "Raw cells (no formula guard)")
                            .on_hover_text("Keep cells starting with = + - @ as they are");
                        ui.checkbox(&mut self.excel, "For Excel (UTF-8 byte order mark)");
                    });
                });
                ui.end_row();
            });
        ui.separator();
        let options = self.options(project);
        self.preview_ui(ui, project, &options);
        ui.separator();
        let mut request = None;
        ui.add_space(4.0);
        // Right-aligned, the export filled as the dialog's main action, as in the prompts.
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let can_export = matches!(self.preview.as_ref().map(|p| &p.text), Some(Ok(_)));
                let label = if self.format.is_folder() {
                    "Export to Folder…"
                } else {
                    "Export…"
                };
                let button = egui::Button::new(RichText::new(label).strong())
                    .fill(ui.visuals().selection.bg_fill)
                    // Wide enough for either label, so Cancel beside it never moves.
                    .min_size(egui::vec2(150.0, 0.0));
                if ui.add_enabled(can_export, button).clicked() {
                    request = Some(ExportAnswer::Export(ExportRequest {
                        file_name: suggested_file_name(project, self.format),
                        options: options.clone(),
                    }));
                }
                if ui.button("Cancel").clicked() {
                    request = Some(ExportAnswer::Cancel);
                }
            });
        });
        request
    }

    fn format_ui(&mut self, ui: &mut Ui) {
        // Radio buttons and checkboxes carry their own text as their accessible name.
        ui.label("Format");
        ui.vertical(|ui| {
            for format in ExportFormat::ALL {
                ui.radio_value(&mut self.format, format, format.label());
            }
        });
    }

    fn filters_ui(&mut self, ui: &mut Ui, project: &Project) {
        ui.label("Tags");
        ui.horizontal_wrapped(|ui| {
            for tag in &project.schema().tags {
                let mut shown = !self.hidden_tags.contains(&tag.key);
                if ui.checkbox(&mut shown, &tag.name).changed() {
                    if shown {
                        self.hidden_tags.remove(&tag.key);
                    } else {
                        self.hidden_tags.insert(tag.key.clone());
                    }
                }
            }
        });
        ui.end_row();

        let label = ui.label("Document");
        let selected = self
            .document
            .and_then(|d| project.document(d))
            .map_or("All documents", |d| d.title.as_str());
        egui::ComboBox::from_id_salt("export_document")
            .selected_text(selected)
            .width(360.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.document, None, "All documents");
                for doc in project.documents() {
                    ui.selectable_value(&mut self.document, Some(doc.id), &doc.title);
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();

        let label = ui.label("Holder");
        let selected = self
            .holder
            .and_then(|h| project.actor(h))
            .map_or("Anyone", |a| a.name.as_str());
        egui::ComboBox::from_id_salt("export_holder")
            .selected_text(selected)
            .width(360.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.holder, None, "Anyone");
                for actor in project.actors() {
                    ui.selectable_value(&mut self.holder, Some(actor.id), &actor.name);
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
    }

    fn preview_ui(&mut self, ui: &mut Ui, project: &Project, options: &ExportOptions) {
        let stale = self
            .preview
            .as_ref()
            .is_none_or(|p| p.project != project.key() || p.options != *options);
        if stale {
            self.preview = Some(Preview::new(project, options));
        }
        let Some(preview) = &self.preview else {
            return;
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new("Preview").strong());
            ui.label(RichText::new(preview.summary.as_str()).weak());
        });
        egui::ScrollArea::both()
            .id_salt("export_preview")
            .min_scrolled_height(PREVIEW_HEIGHT_PX)
            .max_height(PREVIEW_HEIGHT_PX)
            .auto_shrink([false, false])
            .show(ui, |ui| match &preview.text {
                Err(message) => {
                    ui.colored_label(ui.visuals().error_fg_color, message.as_str());
                }
                Ok(_) if !preview.rows.is_empty() => rows_ui(ui, &preview.rows),
                Ok(text) => {
                    ui.add(egui::Label::new(RichText::new(text.as_str()).monospace()).extend());
                }
            });
    }
}

impl Preview {
    fn new(project: &Project, options: &ExportOptions) -> Self {
        let text = export(project, options)
            .map(|out| out.preview_text(PREVIEW_LINES))
            .map_err(|e| e.to_string());
        let rows = match (&text, options.format) {
            (Ok(text), ExportFormat::Csv) => csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(text.as_bytes())
                .records()
                .map_while(Result::ok)
                .map(|r| r.iter().map(preview_cell).collect())
                .collect(),
            _ => Vec::new(),
        };
        let summary = match selection_counts(project, options) {
            Ok((documents, annotations)) => format!(
                "{annotations} annotation{} in {documents} document{}",
                if annotations == 1 { "" } else { "s" },
                if documents == 1 { "" } else { "s" }
            ),
            Err(_) => String::new(),
        };
        Self {
            project: project.key(),
            options: options.clone(),
            text,
            rows,
            summary,
        }
    }
}

/// A CSV cell as the preview table shows it: on one line, long ones cut with an ellipsis.
/// Done once per preview, not every frame.
fn preview_cell(cell: &str) -> String {
    const MAX_CELL_CHARS: usize = 48;
    let mut shown: String = cell.chars().take(MAX_CELL_CHARS).collect();
    if cell.chars().nth(MAX_CELL_CHARS).is_some() {
        shown.push('…');
    }
    shown.replace('\n', "⏎")
}

/// The first CSV rows as a table.
fn rows_ui(ui: &mut Ui, rows: &[Vec<String>]) {
    egui::Grid::new("export_preview_rows")
        .striped(true)
        .spacing([10.0, 2.0])
        .show(ui, |ui| {
            for (i, row) in rows.iter().enumerate() {
                for cell in row {
                    let text = RichText::new(cell.as_str()).small();
                    ui.label(if i == 0 { text.strong() } else { text });
                }
                ui.end_row();
            }
        });
}

/// Exports `request` and writes it to `path`, replacing what is there atomically (the app has
/// already asked before overwriting).
///
/// # Errors
/// The export failed, or the file or folder could not be written.
pub fn write_export(
    project: &Project,
    request: &ExportRequest,
    path: &Path,
) -> Result<(), ExportError> {
    export(project, &request.options)?.write(path, true)
}

#[cfg(test)]
mod tests {
    use super::preview_cell;

    #[test]
    fn preview_cells_are_one_line_and_cut_after_48_chars() {
        assert_eq!(preview_cell("said\nin Kyiv"), "said⏎in Kyiv");
        assert_eq!(preview_cell(&"é".repeat(48)), "é".repeat(48));
        assert_eq!(
            preview_cell(&"é".repeat(49)),
            format!("{}…", "é".repeat(48))
        );
    }
}
