//! File I/O: project files (RON), atomic writes, article import.
//!
//! Pure functions on the model plus careful file handling. Errors name the file and, where
//! there is one, the line and column.

pub mod article;
pub mod atomic;
pub mod error;
pub mod exchange;
pub mod export;
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
pub use fingerprint::{FileFingerprint, FingerprintStatus};
pub use import::{ImportSummary, import_paths};
pub use locate::ProblemLocator;
pub use project_file::{
    LoadedProject, MAX_PROJECT_BYTES, load_project, load_project_from_str, project_to_ron,
    read_project_text, save_project, save_project_checked, save_text_checked,
};
