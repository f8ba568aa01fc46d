//! File I/O: project files (RON), atomic writes, article import, and the exchange formats
//! (one module per format under [`formats`], dispatched by [`import`] and [`export`]).
//!
//! Pure functions on the model plus careful file handling. Errors name the file and, where
//! there is one, the line and column.

pub mod article;
pub mod atomic;
pub mod error;
pub mod export;
pub mod file_kind;
pub mod folder;
pub mod formats;
pub mod front_matter;
pub mod import;
pub mod locate;
pub mod project_file;
mod text_file;
// Never losing work: fingerprints, recovery snapshots, damaged files.
pub mod fingerprint;
pub mod process;
pub mod recovery;
mod truncation;

pub use error::{ImportError, LoadError, LoadErrorKind, OpenStructure, SaveError, TextPosition};
pub use file_kind::{FileKind, MAX_FILE_BYTES, classify};
pub use fingerprint::{FileFingerprint, FingerprintStatus};
pub use import::{ImportSummary, import_paths};
pub use locate::ProblemLocator;
pub use project_file::{
    LoadedProject, load_project, load_project_from_str, project_to_ron, read_project_text,
    save_project, save_project_checked, save_text_checked,
};
