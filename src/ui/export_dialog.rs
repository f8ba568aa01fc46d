//! File → Export…: pick a format and filters, see a preview, and ask the app to write it.
//!
//! The widget holds no business rules and never touches a file: the app lists the formats
//! ([`FormatChoice`]) and makes the [`ExportPreview`] of the current [`ExportChoice`]; pressing
//! Export returns the choice, and the app shows the save dialog, asks before overwriting and
//! writes the file.

use std::collections::BTreeSet;

use egui::{Context, RichText, Ui};

use crate::model::{ActorId, DocumentId, Project};

const DIALOG_WIDTH_PX: f32 = 760.0;
/// The preview's fixed height, whatever the format shows in it.
const PREVIEW_HEIGHT_PX: f32 = 280.0;

/// A format the dialog offers, as the app describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatChoice {
    /// The format's name on the command line (`csv`, `brat`…).
    pub key: &'static str,
    /// Its name in the dialog.
    pub label: &'static str,
    /// True if it writes a folder of files rather than one file.
    pub writes_folder: bool,
    /// True if the cell options (raw cells, a byte order mark for Excel) apply to it.
    pub has_cell_options: bool,
}

/// What the user chose to export: a format (its key) and which annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ExportChoice {
    pub format: &'static str,
    /// Tag keys to keep; empty keeps all.
    pub tags: Vec<String>,
    pub document: Option<DocumentId>,
    pub holder: Option<ActorId>,
    /// Cells exactly as they are, without spreadsheet-injection guards.
    pub raw: bool,
    /// Start with a UTF-8 byte order mark so Excel reads the file as UTF-8.
    pub excel: bool,
}

/// What the dialog shows below the choices, made by the app for one choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportPreview {
    /// The choice it was made for.
    pub choice: ExportChoice,
    /// The first lines of the output, or why there is none.
    pub text: Result<String, String>,
    /// For CSV: the first rows as cells, shown as a table (already shortened for display).
    pub rows: Vec<Vec<String>>,
    /// "23 annotations in 1 document".
    pub summary: String,
}

/// What the user answered in the Export dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportAnswer {
    Export(ExportChoice),
    /// Cancel or the window's close button.
    Cancel,
}

/// The Export dialog's view state: the choices, kept between openings. Whether it is open is
/// the app's business. Not saved.
#[derive(Debug, Default)]
pub struct ExportDialog {
    /// The chosen format's key; `None` until one is picked (the first format is then chosen).
    format: Option<&'static str>,
    /// Tags switched off; the filter keeps every other tag.
    hidden_tags: BTreeSet<String>,
    document: Option<DocumentId>,
    holder: Option<ActorId>,
    raw: bool,
    excel: bool,
}

impl ExportDialog {
    /// The choice as it stands (tags, document and holder that no longer exist are dropped).
    #[must_use]
    pub fn choice(&self, project: &Project, formats: &[FormatChoice]) -> ExportChoice {
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
        ExportChoice {
            format: self.format_key(formats),
            tags,
            document: self.document.filter(|d| project.document(*d).is_some()),
            holder: self.holder.filter(|h| project.actor(*h).is_some()),
            raw: self.raw,
            excel: self.excel,
        }
    }

    fn format_key(&self, formats: &[FormatChoice]) -> &'static str {
        (self.format)
            .or_else(|| formats.first().map(|f| f.key))
            .unwrap_or_default()
    }

    /// Draws the dialog with `preview` (the app's preview of the choice as it stood when the
    /// frame began); returns the user's answer, after which the caller closes it.
    pub fn ui(
        &mut self,
        ctx: &Context,
        project: &Project,
        formats: &[FormatChoice],
        preview: Option<&ExportPreview>,
    ) -> Option<ExportAnswer> {
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
            .show(ctx, |ui| {
                answer = self.contents_ui(ui, project, formats, preview);
            });
        if !open && answer.is_none() {
            answer = Some(ExportAnswer::Cancel);
        }
        answer
    }

    fn contents_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        formats: &[FormatChoice],
        preview: Option<&ExportPreview>,
    ) -> Option<ExportAnswer> {
        let format = self.format_key(formats);
        let chosen = formats.iter().find(|f| f.key == format);
        egui::Grid::new("export_grid")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                self.format_ui(ui, formats);
                ui.end_row();
                self.filters_ui(ui, project);
                // In the grid, so the options line up with the filters above them; always
                // there (greyed out for other formats), so nothing below moves.
                ui.label("CSV");
                let has_cell_options = chosen.is_some_and(|f| f.has_cell_options);
                ui.add_enabled_ui(has_cell_options, |ui| {
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut self.raw, "Raw cells (no formula guard)")
                            .on_hover_text("Keep cells starting with = + - @ as they are");
                        ui.checkbox(&mut self.excel, "For Excel (UTF-8 byte order mark)");
                    });
                });
                ui.end_row();
            });
        ui.separator();
        let choice = self.choice(project, formats);
        if preview.is_none_or(|p| p.choice != choice) {
            // The choice changed this frame: the app makes its preview on the next one.
            ui.ctx().request_repaint();
        }
        preview_ui(ui, preview);
        ui.separator();
        let mut answer = None;
        ui.add_space(4.0);
        // Right-aligned, the export filled as the dialog's main action, as in the prompts.
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let can_export = preview.is_some_and(|p| p.text.is_ok());
                let label = if chosen.is_some_and(|f| f.writes_folder) {
                    "Export to Folder…"
                } else {
                    "Export…"
                };
                let button = egui::Button::new(RichText::new(label).strong())
                    .fill(ui.visuals().selection.bg_fill)
                    // Wide enough for either label, so Cancel beside it never moves.
                    .min_size(egui::vec2(150.0, 0.0));
                if ui.add_enabled(can_export, button).clicked() {
                    answer = Some(ExportAnswer::Export(choice.clone()));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(ExportAnswer::Cancel);
                }
            });
        });
        answer
    }

    fn format_ui(&mut self, ui: &mut Ui, formats: &[FormatChoice]) {
        // Radio buttons and checkboxes carry their own text as their accessible name.
        ui.label("Format");
        let mut format = self.format_key(formats);
        ui.vertical(|ui| {
            for choice in formats {
                ui.radio_value(&mut format, choice.key, choice.label);
            }
        });
        if format != self.format_key(formats) {
            self.format = Some(format);
        }
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
}

/// The preview: its summary, then the first lines of the output (the first CSV rows as a
/// table), or why there is none.
fn preview_ui(ui: &mut Ui, preview: Option<&ExportPreview>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Preview").strong());
        if let Some(preview) = preview {
            ui.label(RichText::new(preview.summary.as_str()).weak());
        }
    });
    egui::ScrollArea::both()
        .id_salt("export_preview")
        .min_scrolled_height(PREVIEW_HEIGHT_PX)
        .max_height(PREVIEW_HEIGHT_PX)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let Some(preview) = preview else {
                return;
            };
            match &preview.text {
                Err(message) => {
                    ui.colored_label(ui.visuals().error_fg_color, message.as_str());
                }
                Ok(_) if !preview.rows.is_empty() => rows_ui(ui, &preview.rows),
                Ok(text) => {
                    ui.add(egui::Label::new(RichText::new(text.as_str()).monospace()).extend());
                }
            }
        });
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
