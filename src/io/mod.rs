//! File I/O: every file Stance reads or writes.
//!
//! - [`atomic`]: the only place that writes a file (atomic replacement, backups).
//! - [`formats`]: one home per format, reader and writer together — the project file
//!   ([`formats::ron`]), articles, brat, Stance JSON, W3C, CSV, Markdown and the analysis
//!   [`formats::report`].
//! - [`import`] and [`export`] only dispatch to the formats; the formats take what they
//!   share from below them ([`staging`], [`selection`], [`file_name`], [`error`]).
//! - [`recovery`], [`fingerprint`]: never losing work.
//!
//! Pure functions on the model plus careful file handling; never imports `ui` or `app`.
//! Errors name the file and, where there is one, the line and column.

pub mod atomic;
pub mod error;
pub mod export;
pub mod fetch;
pub mod file_kind;
pub mod file_name;
pub mod folder;
pub mod formats;
// The system git, for syncing with a team.
pub mod git;
pub mod import;
pub mod locate;
mod selection;
pub mod staging;
mod text_file;
// Never losing work: fingerprints, recovery snapshots, damaged files.
pub mod fingerprint;
pub mod process;
pub mod recovery;
mod truncation;

pub use error::{
    ExportError, ImportError, LoadError, LoadErrorKind, OpenStructure, SaveError, TextPosition,
};
pub use file_kind::{FileKind, classify};
pub use fingerprint::{FileFingerprint, FingerprintStatus};
pub use formats::ron::{
    LoadedProject, load_project, load_project_from_str, project_to_ron, read_project_text,
    save_project, save_project_checked,
};
pub use import::import_paths;
pub use locate::ProblemLocator;
pub use staging::ImportSummary;
pub use text_file::MAX_FILE_BYTES;
