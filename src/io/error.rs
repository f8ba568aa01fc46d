//! Errors of io: loading and saving the project file, importing and exporting. Each names
//! the file and, where known, the line and column, so the CLI and GUI can point at the exact
//! place.

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::{ActorId, DocumentId, FORMAT_VERSION, OLDEST_FORMAT_VERSION};

/// A 1-based line and column (columns count chars, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextPosition {
    pub line: usize,
    pub col: usize,
}

impl TextPosition {
    /// The position of byte offset `offset_bytes` in `text` (clamped to the text).
    #[must_use]
    pub fn of_byte(text: &str, offset_bytes: usize) -> Self {
        let mut end = offset_bytes.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text[..end];
        let line_start = head.rfind('\n').map_or(0, |i| i + 1);
        Self {
            line: 1 + head.bytes().filter(|&b| b == b'\n').count(),
            col: 1 + head[line_start..].chars().count(),
        }
    }

    /// The position of byte offset `offset_bytes` in raw bytes that may not be valid UTF-8.
    #[must_use]
    pub fn of_raw_byte(bytes: &[u8], offset_bytes: usize) -> Self {
        let head = &bytes[..offset_bytes.min(bytes.len())];
        let line_start = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line_text = String::from_utf8_lossy(&head[line_start..]);
        Self {
            line: 1 + head.iter().filter(|&&b| b == b'\n').count(),
            col: 1 + line_text.chars().count(),
        }
    }
}

impl fmt::Display for TextPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A byte count for people: `257.0 MiB`, `256 MiB`, `12 KiB`, `80 bytes`.
#[must_use]
pub fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    let (unit, name) = match bytes {
        b if b >= MIB => (MIB, "MiB"),
        b if b >= KIB => (KIB, "KiB"),
        _ => return format!("{bytes} bytes"),
    };
    let tenths = (bytes % unit * 10 + unit / 2) / unit;
    match (bytes / unit, tenths) {
        (whole, 0) => format!("{whole} {name}"),
        (whole, 10) => format!("{} {name}", whole + 1),
        (whole, tenths) => format!("{whole}.{tenths} {name}"),
    }
}

/// Why a project file could not be opened at all. Rule violations are not errors: they load
/// as [`crate::model::Problem`]s so nothing is dropped.
///
/// Displays as `PATH:LINE:COL: message` (or `PATH: message` when there is no position).
#[derive(Debug)]
pub struct LoadError {
    path: PathBuf,
    position: Option<TextPosition>,
    kind: LoadErrorKind,
}

/// What went wrong while opening a project file.
#[derive(Debug, Error)]
pub enum LoadErrorKind {
    #[error("could not read the file: {0}")]
    Io(#[source] std::io::Error),
    #[error(
        "the file is {} ({size_bytes} bytes); projects over {} are refused",
        size_text(*size_bytes),
        size_text(*limit_bytes)
    )]
    TooLarge { size_bytes: u64, limit_bytes: u64 },
    #[error("the file is empty, not a Stance project")]
    Empty,
    #[error("the file is UTF-16 text; Stance projects are UTF-8 (re-save it as UTF-8)")]
    Utf16,
    #[error("the file contains NUL bytes: it is binary, not a Stance project")]
    Binary,
    #[error("the file is not valid UTF-8 text (invalid byte 0x{byte:02x})")]
    NotUtf8 { byte: u8 },
    #[error("made by a newer Stance (format {found}; this build reads up to {FORMAT_VERSION})")]
    NewerFormat { found: u64 },
    #[error(
        "format {found} is not a Stance project format (this build reads {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION})"
    )]
    UnknownFormat { found: u64 },
    #[error("nesting is deeper than {limit} levels; this is not a Stance project")]
    TooDeep { limit: usize },
    /// The file ends before the project does (a crash or a full disk while copying it).
    #[error("unexpected end of file: the file is truncated{}", truncated_context(inside.as_ref()))]
    Truncated { inside: Option<OpenStructure> },
    #[error("{0}")]
    Syntax(String),
}

/// The innermost structure still open where a truncated file ends, e.g. an annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenStructure {
    /// What it is, with its article: `an annotation`, `a document`, `the tag schema`.
    pub what: &'static str,
    /// 1-based line where it opens.
    pub line: usize,
}

fn truncated_context(inside: Option<&OpenStructure>) -> String {
    inside.map_or_else(String::new, |open| {
        format!(
            "; it ends inside {} that starts at line {}",
            open.what, open.line
        )
    })
}

impl LoadError {
    #[must_use]
    pub fn new(
        path: impl Into<PathBuf>,
        position: Option<TextPosition>,
        kind: LoadErrorKind,
    ) -> Self {
        Self {
            path: path.into(),
            position,
            kind,
        }
    }

    /// The file that failed to load.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// 1-based line of the fault, if it has a place in the file.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        self.position.map(|p| p.line)
    }

    /// 1-based column (in chars) of the fault, if it has a place in the file.
    #[must_use]
    pub fn col(&self) -> Option<usize> {
        self.position.map(|p| p.col)
    }

    #[must_use]
    pub fn position(&self) -> Option<TextPosition> {
        self.position
    }

    /// What is wrong, without the file name and position.
    #[must_use]
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    #[must_use]
    pub fn kind(&self) -> &LoadErrorKind {
        &self.kind
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{p}: {}", self.path.display(), self.kind),
            None => write!(f, "{}: {}", self.path.display(), self.kind),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.kind.source()
    }
}

/// Why a project could not be saved. The file on disk is then unchanged.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("could not serialise the project: {0}")]
    Serialize(#[from] ron::Error),
    #[error("{}: could not save: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is no longer the one that was loaded (or last saved): another program or
    /// window changed it. Saving would silently overwrite that work, so nothing was written.
    #[error(
        "{}: the file was changed by another program since it was opened; not saved (reload it, or save under another name)",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf },
}

/// Why files could not be imported. Nothing was imported when this is returned.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{}: could not read: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: the file is {} ({size_bytes} bytes); articles over {} are refused", path.display(), size_text(*size_bytes), size_text(*limit_bytes))]
    TooLarge {
        path: PathBuf,
        size_bytes: u64,
        limit_bytes: u64,
    },
    #[error("{}: the file is UTF-16 text; save it as UTF-8 and import it again", path.display())]
    Utf16 { path: PathBuf },
    #[error("{}: the file contains NUL bytes: it is binary, not an article", path.display())]
    Binary { path: PathBuf },
    #[error("{}:{position}: the file is not valid UTF-8 text (invalid byte 0x{byte:02x}); save it as UTF-8 and import it again", path.display())]
    NotUtf8 {
        path: PathBuf,
        position: TextPosition,
        byte: u8,
    },
    #[error("{}: the article has no text", path.display())]
    EmptyArticle { path: PathBuf },
    #[error("{}: cannot import {what}; Stance imports .txt and .md articles, brat .ann files and folders, and its own .json, .jsonl and W3C exports", path.display())]
    Unsupported { path: PathBuf, what: String },
    /// A file of a known kind whose content is wrong (e.g. a malformed exchange file).
    #[error("{}{}: {message}", path.display(), position.map(|p| format!(":{p}")).unwrap_or_default())]
    Invalid {
        path: PathBuf,
        position: Option<TextPosition>,
        message: String,
    },
    #[error("could not add {}: {source}", path.display())]
    Rejected {
        path: PathBuf,
        #[source]
        source: crate::model::EditError,
    },
}

impl ImportError {
    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::TooLarge { path, .. }
            | Self::Utf16 { path }
            | Self::Binary { path }
            | Self::NotUtf8 { path, .. }
            | Self::EmptyArticle { path }
            | Self::Unsupported { path, .. }
            | Self::Invalid { path, .. }
            | Self::Rejected { path, .. } => path,
        }
    }
}

/// Why an export could not be made or written.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("the project has no document {0}")]
    NoSuchDocument(DocumentId),
    #[error("the project has no actor {0}")]
    NoSuchHolder(ActorId),
    #[error("unknown tag {0:?} (the project's tags are: {1})")]
    NoSuchTag(String, String),
    #[error("could not write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{path} already exists (use --force to replace it)")]
    Exists { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("unsafe output path {0:?}")]
    UnsafePath(PathBuf),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(size_text(80), "80 bytes");
        assert_eq!(size_text(12 * 1024), "12 KiB");
        assert_eq!(size_text(1536), "1.5 KiB");
        assert_eq!(size_text(256 * 1024 * 1024), "256 MiB");
        assert_eq!(size_text(1024 * 1024 - 1), "1024 KiB");
        assert_eq!(size_text(300 * 1024 * 1024 + 400 * 1024), "300.4 MiB");
    }

    #[test]
    fn load_errors_name_the_file_and_place() {
        let e = LoadError::new(
            "saves/x.ron",
            Some(TextPosition { line: 12, col: 5 }),
            LoadErrorKind::Syntax("expected comma".to_owned()),
        );
        assert_eq!(e.to_string(), "saves/x.ron:12:5: expected comma");
        assert_eq!(
            (e.line(), e.col(), e.message().as_str()),
            (Some(12), Some(5), "expected comma")
        );
        assert_eq!(e.path(), Path::new("saves/x.ron"));
        let e = LoadError::new("y.ron", None, LoadErrorKind::Binary);
        assert!(
            e.to_string()
                .starts_with("y.ron: the file contains NUL bytes")
        );
    }
}
