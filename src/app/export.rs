//! The export controller: File → Export…'s preview, the save dialog for the chosen format,
//! the overwrite confirmation, and writing the file (through io) once its path is known.
//! The dialog itself only returns the user's [`ExportChoice`].

use std::path::{Path, PathBuf};

use super::dialog::Dialog;
use super::workbench::Workbench;
use crate::analysis::wording::counted;
use crate::io::export::{
    ExportError, ExportFormat, ExportOptions, export, selection_counts, suggested_file_name,
};
use crate::model::{DerivedCache, Project};
use crate::ui::export_dialog::{ExportChoice, ExportPreview, FormatChoice};
use crate::ui::file_dialog::{DialogPurpose, DialogRequest};
use crate::ui::file_name;

/// How many lines of the output the preview shows.
const PREVIEW_LINES: usize = 14;

/// The formats the Export dialog offers, in io's order.
pub const FORMATS: [FormatChoice; ExportFormat::ALL.len()] = [
    format_choice(ExportFormat::ALL[0]),
    format_choice(ExportFormat::ALL[1]),
    format_choice(ExportFormat::ALL[2]),
    format_choice(ExportFormat::ALL[3]),
    format_choice(ExportFormat::ALL[4]),
    format_choice(ExportFormat::ALL[5]),
];

const fn format_choice(format: ExportFormat) -> FormatChoice {
    FormatChoice {
        key: format.key(),
        label: format.label(),
        writes_folder: format.is_folder(),
        has_cell_options: matches!(format, ExportFormat::Csv),
    }
}

/// An export to write: the options io exports with, and the file (or folder) name the save
/// dialog suggests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportJob {
    pub options: ExportOptions,
    pub file_name: String,
}

impl ExportJob {
    /// The export the user chose in the dialog.
    #[must_use]
    pub fn new(project: &Project, choice: &ExportChoice) -> Self {
        let options = options(choice);
        Self {
            file_name: suggested_file_name(project, options.format),
            options,
        }
    }

    /// Exports and writes to `path`, replacing what is there atomically (the app has already
    /// asked before overwriting).
    ///
    /// # Errors
    /// The export failed, or the file or folder could not be written.
    pub fn write(&self, project: &Project, path: &Path) -> Result<(), ExportError> {
        export(project, &self.options)?.write(path, true)
    }
}

/// The io options of a choice (an unknown format key falls back to the default format).
fn options(choice: &ExportChoice) -> ExportOptions {
    ExportOptions {
        format: ExportFormat::parse(choice.format).unwrap_or_default(),
        tags: choice.tags.clone(),
        document: choice.document,
        holder: choice.holder,
        raw: choice.raw,
        excel: choice.excel,
    }
}

/// What the dialog shows for `choice`: the first lines of the export (CSV as a table) and
/// how much it covers.
#[must_use]
pub fn preview(project: &Project, choice: &ExportChoice) -> ExportPreview {
    let options = options(choice);
    let text = export(project, &options)
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
    let summary = match selection_counts(project, &options) {
        Ok((documents, annotations)) => format!(
            "{} in {}",
            counted(annotations, "annotation"),
            counted(documents, "document")
        ),
        Err(_) => String::new(),
    };
    ExportPreview {
        choice: choice.clone(),
        text,
        rows,
        summary,
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

/// The export waiting for its path, and the dialog's preview.
#[derive(Debug, Default)]
pub(super) struct Export {
    /// An export waiting for the save dialog (and any overwrite confirmation) to name its file.
    pending: Option<ExportJob>,
    /// The preview of the dialog's choice, for the project state it was made at.
    preview: DerivedCache<ExportChoice, ExportPreview>,
}

impl Export {
    /// The preview of the Export dialog's current choice, while it is open; made again only
    /// when the project or the choice changed.
    pub(super) fn preview(&mut self, wb: &Workbench) -> Option<&ExportPreview> {
        if !matches!(wb.dialogs.current, Dialog::Export) {
            return None;
        }
        let project = &wb.session.project;
        let choice = wb.panels.export_dialog.choice(project, &FORMATS);
        let key = choice.clone();
        Some((self.preview).get_or_build(project.key(), key, || preview(project, &choice)))
    }

    /// The dialog's Export button: ask where to write it.
    pub(super) fn start(&mut self, wb: &mut Workbench, ctx: &egui::Context, choice: &ExportChoice) {
        if matches!(wb.dialogs.current, Dialog::Export) {
            wb.dialogs.close();
        }
        let job = ExportJob::new(&wb.session.project, choice);
        let request = DialogRequest::new(DialogPurpose::Export, "Export Annotations")
            .file_name(job.file_name.clone())
            .directory(wb.dialog_directory());
        self.pending = Some(job);
        wb.file_dialogs.start(request, ctx);
    }

    /// The save dialog's answer: write there, after asking if something is there already
    /// (`None`: cancelled, the export is dropped).
    pub(super) fn write_to(
        &mut self,
        wb: &mut Workbench,
        ctx: &egui::Context,
        path: Option<PathBuf>,
    ) {
        match path {
            None => self.pending = None,
            Some(path) if path.exists() => wb.dialogs.open(Dialog::ConfirmOverwrite(path)),
            Some(path) => self.write(wb, ctx, &path),
        }
    }

    /// The overwrite confirmation's answer: replace the file, or drop the export.
    pub(super) fn answer_overwrite(
        &mut self,
        wb: &mut Workbench,
        ctx: &egui::Context,
        is_confirmed: bool,
    ) {
        if !matches!(wb.dialogs.current, Dialog::ConfirmOverwrite(_)) {
            return;
        }
        let Dialog::ConfirmOverwrite(path) = wb.dialogs.close() else {
            return;
        };
        if is_confirmed {
            self.write(wb, ctx, &path);
        } else {
            self.pending = None;
        }
    }

    /// Writes the pending export to `path`.
    fn write(&mut self, wb: &mut Workbench, ctx: &egui::Context, path: &Path) {
        let Some(job) = self.pending.take() else {
            return;
        };
        match job.write(&wb.session.project, path) {
            Ok(()) => wb.toasts.info(ctx, format!("Exported {}", file_name(path))),
            Err(e) => wb.dialogs.report("Could not export", e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_cells_are_one_line_and_cut_after_48_chars() {
        assert_eq!(preview_cell("said\nin Kyiv"), "said⏎in Kyiv");
        assert_eq!(preview_cell(&"é".repeat(48)), "é".repeat(48));
        assert_eq!(
            preview_cell(&"é".repeat(49)),
            format!("{}…", "é".repeat(48))
        );
    }

    #[test]
    fn every_export_format_is_offered_once_by_its_key() {
        for format in ExportFormat::ALL {
            let offered = FORMATS.iter().filter(|f| f.key == format.key()).count();
            assert_eq!(offered, 1, "{format}");
        }
    }
}
