//! The snapshot file: a project file with a one-line header in a comment.
//!
//! ```text
//! // Stance recovery snapshot. Restore it with `stance recover`; below is the project.
//! // snapshot: (snapshot_format:1,written_at:"2026-12-01T13:02:11Z",pid:4242,session:"…",project_path:Some("/home/a/talks.ron"),title:"Talks",documents:1,annotations:12,loaded_fingerprint:Some((size_bytes:19564,mtime_ns:…,sha256:"…")))
//! (
//!     format: 1,
//!     …
//! ```
//!
//! Because the header is a comment, the whole file is a valid project file (`stance validate`
//! and `load_project` read it as is), and listing needs only the first lines.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::RecoveryError;
use crate::io::fingerprint::FileFingerprint;
use crate::io::formats::ron::{WriteError, write_project_ron};
use crate::model::Project;

/// The snapshot header format this build writes and the newest it reads.
pub const SNAPSHOT_FORMAT: u32 = 1;

const MAGIC_LINE: &str =
    "// Stance recovery snapshot. Restore it with `stance recover`; below is the project.";
const HEADER_PREFIX: &str = "// snapshot: ";

/// Headers longer than this are not read (a project path is far shorter).
const MAX_HEAD_BYTES: u64 = 64 * 1024;

/// What a snapshot says about itself; read without parsing the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotHeader {
    pub snapshot_format: u32,
    pub written_at: DateTime<Utc>,
    /// The process that wrote it.
    pub pid: u32,
    /// The writer (one per open project and window), unique across processes.
    pub session: Uuid,
    /// The project file (absolute), or `None` for an untitled project. Non-UTF-8 paths are
    /// stored lossily.
    pub project_path: Option<String>,
    pub title: String,
    pub documents: usize,
    pub annotations: usize,
    /// The project file as it was loaded or last saved: the base the unsaved edits start from.
    #[serde(default)]
    pub loaded_fingerprint: Option<FileFingerprint>,
}

impl SnapshotHeader {
    #[must_use]
    pub fn project_path(&self) -> Option<PathBuf> {
        self.project_path.as_ref().map(PathBuf::from)
    }
}

/// Where a project file lives and what it was at load; given with every snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SnapshotMeta {
    /// `None` for an untitled project.
    pub project_path: Option<PathBuf>,
    /// From [`crate::io::LoadedProject::fingerprint`] or the last save.
    pub loaded_fingerprint: Option<FileFingerprint>,
}

/// Writes the whole snapshot file for `project` to `out`, the project's text as it is
/// serialised (never held whole in memory: the snapshot is of a large project too).
///
/// # Errors
/// Serialisation failed (not expected for a model built through its API), or `out` did.
pub(crate) fn encode_into(
    project: &Project,
    meta: &SnapshotMeta,
    pid: u32,
    session: Uuid,
    out: &mut dyn std::io::Write,
) -> Result<(), WriteError> {
    let header = SnapshotHeader {
        snapshot_format: SNAPSHOT_FORMAT,
        written_at: Utc::now(),
        pid,
        session,
        project_path: meta.project_path.as_ref().map(|p| {
            std::path::absolute(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned()
        }),
        title: project.title().to_owned(),
        documents: project.documents().len(),
        annotations: project.annotations().len(),
        loaded_fingerprint: meta.loaded_fingerprint.clone(),
    };
    // Compact RON escapes newlines, so the header stays on its one comment line.
    let header = ron::to_string(&header).map_err(WriteError::Serialize)?;
    write!(out, "{MAGIC_LINE}\n{HEADER_PREFIX}{header}\n").map_err(WriteError::Io)?;
    write_project_ron(project, out)
}

/// Reads only the header of the snapshot at `path`.
///
/// # Errors
/// The file cannot be read, is not a snapshot, or was made by a newer Stance.
pub fn read_header(path: &Path) -> Result<SnapshotHeader, RecoveryError> {
    let io_error = |source| RecoveryError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(io_error)?;
    let mut head = Vec::new();
    file.take(MAX_HEAD_BYTES)
        .read_to_end(&mut head)
        .map_err(io_error)?;
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let not_a_snapshot = || RecoveryError::NotASnapshot {
        path: path.to_path_buf(),
    };
    if lines.next() != Some(MAGIC_LINE) {
        return Err(not_a_snapshot());
    }
    let Some(header) = lines.next().and_then(|l| l.strip_prefix(HEADER_PREFIX)) else {
        return Err(not_a_snapshot());
    };
    let header: SnapshotHeader =
        ron::from_str(header).map_err(|source| RecoveryError::BadHeader {
            path: path.to_path_buf(),
            source: Box::new(source),
        })?;
    if header.snapshot_format > SNAPSHOT_FORMAT {
        return Err(RecoveryError::NewerSnapshot {
            path: path.to_path_buf(),
            found: header.snapshot_format,
        });
    }
    Ok(header)
}
