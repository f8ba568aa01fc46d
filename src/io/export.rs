//! Exporting: dispatches an [`ExportFormat`] to the format that writes it, from a [`Project`]
//! and [`ExportOptions`] to bytes.
//!
//! Nothing here changes the project; [`ExportOutput::write`] writes a result through
//! [`super::atomic`]. Offsets in every format are Unicode code points (chars).

use std::fmt;
use std::path::{Path, PathBuf};

use super::atomic;
use super::file_name::{is_safe_relative, sanitize_file_stem};
use super::formats::{brat, csv, json, markdown, w3c};
use super::selection::{Selection, SelectionFilter};
use crate::model::{ActorId, DocumentId, Project};

pub use super::error::ExportError;
pub use super::formats::OFFSET_UNIT;
pub use super::formats::brat::{BRAT_HOLDER_ATTRIBUTE, brat_line_order};
pub use super::formats::json::{
    ActorRef, AnnotationRecord, CueRecord, EXPORT_FORMAT_NAME, EXPORT_VERSION, IssueRef,
    JsonExport, RelationRecord,
};
pub use super::formats::w3c::W3C_ROLE_KEY;

/// The formats Stance exports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    #[default]
    Csv,
    Json,
    Jsonl,
    Markdown,
    Brat,
    W3c,
}

impl ExportFormat {
    pub const ALL: [Self; 6] = [
        Self::Csv,
        Self::Json,
        Self::Jsonl,
        Self::Markdown,
        Self::Brat,
        Self::W3c,
    ];

    /// The name used on the command line (`--format`).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Jsonl => "jsonl",
            Self::Markdown => "md",
            Self::Brat => "brat",
            Self::W3c => "w3c",
        }
    }

    /// A name for menus and pickers.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Csv => "CSV (spreadsheet)",
            Self::Json => "JSON",
            Self::Jsonl => "JSON Lines",
            Self::Markdown => "Markdown brief",
            Self::Brat => "brat standoff folder",
            Self::W3c => "W3C Web Annotation (JSON-LD)",
        }
    }

    /// The file extension of the output; `None` for brat, which writes a folder.
    #[must_use]
    pub const fn extension(self) -> Option<&'static str> {
        match self {
            Self::Csv => Some(csv::CSV_EXTENSION),
            Self::Json => Some(json::JSON_EXTENSION),
            Self::Jsonl => Some(json::JSONL_EXTENSION),
            Self::Markdown => Some(markdown::MARKDOWN_EXTENSION),
            Self::Brat => None,
            Self::W3c => Some(w3c::W3C_EXTENSION),
        }
    }

    /// True if the format writes a folder of files rather than one file.
    #[must_use]
    pub const fn is_folder(self) -> bool {
        matches!(self, Self::Brat)
    }

    /// Parses a `--format` value (case-insensitive; `markdown` and `jsonld` are accepted too).
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim().to_ascii_lowercase();
        match name.as_str() {
            "markdown" => Some(Self::Markdown),
            "jsonld" | "w3c-jsonld" | "webannotation" => Some(Self::W3c),
            _ => Self::ALL.into_iter().find(|f| f.key() == name),
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What to export and how. Empty `tags` means every tag.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// Tag keys to keep; empty keeps all.
    pub tags: Vec<String>,
    /// Only this document.
    pub document: Option<DocumentId>,
    /// Only annotations held by this actor.
    pub holder: Option<ActorId>,
    /// CSV: write cells exactly as they are, without spreadsheet-injection guards.
    pub raw: bool,
    /// CSV: start with a UTF-8 byte order mark so Excel reads the file as UTF-8.
    pub excel: bool,
}

impl ExportOptions {
    #[must_use]
    pub fn new(format: ExportFormat) -> Self {
        Self {
            format,
            ..Self::default()
        }
    }

    /// True if annotations are filtered by tag or holder (a document filter is not counted).
    #[must_use]
    pub fn filters_annotations(&self) -> bool {
        self.selection_filter().filters_annotations()
    }

    fn selection_filter(&self) -> SelectionFilter<'_> {
        SelectionFilter {
            tags: &self.tags,
            document: self.document,
            holder: self.holder,
        }
    }
}

/// The bytes an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportOutput {
    /// One file.
    File(Vec<u8>),
    /// A folder: sanitised relative paths and their contents, in writing order.
    Folder(Vec<(PathBuf, Vec<u8>)>),
}

/// Exports the annotations `options` selects. Never changes the project.
///
/// # Errors
/// A filter naming a document, actor or tag the project does not have, or a serializer error.
pub fn export(project: &Project, options: &ExportOptions) -> Result<ExportOutput, ExportError> {
    let selection = Selection::new(project, &options.selection_filter())?;
    match options.format {
        ExportFormat::Csv => {
            let cells = csv::CsvCells {
                raw: options.raw,
                excel: options.excel,
            };
            csv::export(&selection, cells).map(ExportOutput::File)
        }
        ExportFormat::Json => json::export_json(&selection).map(ExportOutput::File),
        ExportFormat::Jsonl => json::export_jsonl(&selection).map(ExportOutput::File),
        ExportFormat::Markdown => Ok(ExportOutput::File(markdown::export(&selection))),
        ExportFormat::Brat => Ok(ExportOutput::Folder(brat::export(&selection))),
        ExportFormat::W3c => w3c::export(&selection).map(ExportOutput::File),
    }
}

/// How many documents and annotations `options` selects, e.g. for a dialog's summary.
///
/// # Errors
/// As [`export`]: a filter naming a document, actor or tag the project does not have.
pub fn selection_counts(
    project: &Project,
    options: &ExportOptions,
) -> Result<(usize, usize), ExportError> {
    let selection = Selection::new(project, &options.selection_filter())?;
    Ok((selection.documents.len(), selection.count()))
}

/// A file name for the export of `project`, e.g. `ukraine-talks.csv` or `ukraine-talks-brat`.
#[must_use]
pub fn suggested_file_name(project: &Project, format: ExportFormat) -> String {
    let stem = sanitize_file_stem(project.title());
    let stem = if stem.is_empty() {
        "export".to_owned()
    } else {
        stem
    };
    match format.extension() {
        Some(ext) => format!("{stem}.{ext}"),
        None => format!("{stem}-{}", format.key()),
    }
}

impl ExportOutput {
    /// The first `max_lines` lines of the output as text; for a folder, its `.ann` and
    /// `.conf` files under headings (the `.txt` files are the documents themselves).
    #[must_use]
    pub fn preview_text(&self, max_lines: usize) -> String {
        let mut out = String::new();
        let mut lines = 0;
        match self {
            Self::File(bytes) => push_lines(&mut out, &mut lines, max_lines, bytes),
            Self::Folder(files) => {
                for (path, bytes) in files {
                    if path.extension().is_some_and(|e| e == brat::TEXT_EXTENSION)
                        || lines >= max_lines
                    {
                        continue;
                    }
                    out.push_str(&format!("── {} ──\n", path.display()));
                    lines += 1;
                    push_lines(&mut out, &mut lines, max_lines, bytes);
                }
            }
        }
        out
    }

    /// Writes the output to `path` (a file, or a folder for brat), replacing each file atomically.
    ///
    /// Refuses to replace an existing file (or a non-empty folder's files) unless `overwrite`.
    ///
    /// # Errors
    /// The target exists and `overwrite` is false, an unsafe relative path, or an I/O error.
    pub fn write(&self, path: &Path, overwrite: bool) -> Result<(), ExportError> {
        let io_error = |path: &Path| {
            let path = path.to_owned();
            move |source| ExportError::Io { path, source }
        };
        match self {
            Self::File(bytes) => {
                if !overwrite && path.exists() {
                    return Err(ExportError::Exists {
                        path: path.to_owned(),
                    });
                }
                atomic::write_atomic(path, bytes, false).map_err(io_error(path))
            }
            Self::Folder(files) => {
                for (relative, _) in files {
                    if !is_safe_relative(relative) {
                        return Err(ExportError::UnsafePath(relative.clone()));
                    }
                    let target = path.join(relative);
                    if !overwrite && target.exists() {
                        return Err(ExportError::Exists { path: target });
                    }
                }
                atomic::create_folder(path).map_err(io_error(path))?;
                for (relative, bytes) in files {
                    let target = path.join(relative);
                    atomic::write_atomic(&target, bytes, false).map_err(io_error(&target))?;
                }
                Ok(())
            }
        }
    }
}

fn push_lines(out: &mut String, lines: &mut usize, max_lines: usize, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    for line in text.lines() {
        if *lines >= max_lines {
            return;
        }
        out.push_str(line);
        out.push('\n');
        *lines += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_key() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(f.key()), Some(f));
        }
        assert_eq!(
            ExportFormat::parse("Markdown"),
            Some(ExportFormat::Markdown)
        );
        assert_eq!(ExportFormat::parse("xlsx"), None);
    }
}
