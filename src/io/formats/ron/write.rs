//! Writing the project file: ron's text streamed into the file as it is serialised, its
//! escapes tidied ([`super::tidy`]) and its bytes fingerprinted on the way, never held whole
//! in memory.

use std::fmt;
use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;

use super::{HEAD_SCAN_BYTES, scan_format_version, tidy};
use crate::io::atomic;
use crate::io::error::SaveError;
use crate::io::fingerprint::{FileFingerprint, FingerprintStatus, Fingerprinting};
use crate::model::{FORMAT_VERSION, OLDEST_FORMAT_VERSION, Project};

/// How project files are written: four-space indents, `\n` line ends on every OS, and
/// everything below an annotation's fields (ranges, aliases, attributes) on one line.
#[must_use]
pub fn pretty_config() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .separator(" ")
        .struct_names(false)
        .depth_limit(3)
}

/// Serialises a project to the text of a project file. Pure, so a snapshot can be serialised
/// on a worker thread.
///
/// # Errors
/// Only if serde refuses a value (not expected for a model built through its API).
pub fn project_to_ron(project: &Project) -> Result<String, SaveError> {
    let mut text = Vec::new();
    match write_project_ron(project, &mut text) {
        Ok(()) => {}
        Err(WriteError::Serialize(e)) => return Err(SaveError::Serialize(e)),
        Err(WriteError::Io(e)) => return Err(SaveError::Serialize(ron::Error::Io(e.to_string()))),
    }
    String::from_utf8(text).map_err(|e| SaveError::Serialize(ron::Error::Utf8Error(e.utf8_error())))
}

/// Why writing a project's text stopped.
#[derive(Debug)]
pub(crate) enum WriteError {
    Serialize(ron::Error),
    Io(io::Error),
}

/// Writes the text of a project file to `out` as it is serialised: a project is never held
/// in memory as text, which for a large one would double what a save needs.
///
/// # Errors
/// serde refused a value (not expected for a model built through its API), or `out` failed.
pub(crate) fn write_project_ron(
    project: &Project,
    out: &mut dyn io::Write,
) -> Result<(), WriteError> {
    // Always the current format, whatever format the project was read from (an older
    // file's content was already converted on load, see `super::v1`).
    let mut tidy = tidy::TidyEscapes::new(out);
    let serialised = serialise_project(project, &mut |block| {
        use fmt::Write as _;
        tidy.write_str(block)
    });
    // A failed write shows up in ron as a format error: the I/O error is the one to report.
    if let Some(error) = tidy.take_error() {
        return Err(WriteError::Io(error));
    }
    serialised.map_err(WriteError::Serialize)?;
    let out = tidy.finish().map_err(WriteError::Io)?;
    out.write_all(b"\n").map_err(WriteError::Io)
}

/// ron's serialiser over a project, with the project file's pretty settings, handing its
/// text to `on_block` in blocks of at least [`TEXT_BLOCK_BYTES`] (the last one shorter, and
/// possibly empty). The one
/// place the project's serialising code is instantiated: the binary would carry a copy of it
/// per writer type, and ron writes a few bytes at a time, which only a concrete buffer takes
/// at full speed.
///
/// # Errors
/// serde refused a value, or `on_block` failed.
pub fn serialise_project(
    project: &Project,
    on_block: &mut dyn FnMut(&str) -> fmt::Result,
) -> ron::Result<()> {
    let mut blocks = TextBlocks {
        text: String::with_capacity(TEXT_BLOCK_BYTES),
        on_block,
    };
    ron::Options::default().to_writer_pretty(&mut blocks, project, pretty_config())?;
    blocks.hand_on().map_err(ron::Error::from)
}

/// The size of the blocks [`serialise_project`] hands on.
pub const TEXT_BLOCK_BYTES: usize = 64 * 1024;

/// Gathers ron's text into blocks for [`serialise_project`].
struct TextBlocks<'a> {
    text: String,
    on_block: &'a mut dyn FnMut(&str) -> fmt::Result,
}

impl TextBlocks<'_> {
    fn hand_on(&mut self) -> fmt::Result {
        let handed = (self.on_block)(&self.text);
        self.text.clear();
        handed
    }
}

impl fmt::Write for TextBlocks<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.text.push_str(text);
        if self.text.len() >= TEXT_BLOCK_BYTES {
            self.hand_on()?;
        }
        Ok(())
    }
}

/// Writes the file at `path` atomically ([`atomic::write_atomic_streamed`]) with the text
/// `body` streams into it (called once), and returns what `body` returned with the new
/// file's metadata. A serialisation error comes back as itself, not as an I/O error.
///
/// # Errors
/// `body` or the file system failed; the file at `path` is then unchanged.
pub(crate) fn write_text_atomically<T>(
    path: &Path,
    keep_backup: bool,
    body: &mut dyn FnMut(&mut dyn io::Write) -> Result<T, WriteError>,
) -> Result<(T, fs::Metadata), WriteError> {
    let mut serialise_error = None;
    let mut outcome = None;
    let written = atomic::write_atomic_streamed(path, keep_backup, &mut |out| match body(out) {
        Ok(value) => {
            outcome = Some(value);
            Ok(())
        }
        Err(WriteError::Io(e)) => Err(e),
        Err(WriteError::Serialize(e)) => {
            serialise_error = Some(e);
            Err(io::Error::other("the text could not be serialised"))
        }
    });
    if let Some(e) = serialise_error {
        return Err(WriteError::Serialize(e));
    }
    let written = written.map_err(WriteError::Io)?;
    let Some(outcome) = outcome else {
        return Err(WriteError::Io(io::Error::other("the text was not written")));
    };
    Ok((outcome, written))
}

/// Streams `project` into the file at `path` atomically, and fingerprints the bytes on the
/// way.
fn write_project_file(
    path: &Path,
    project: &Project,
    keep_backup: bool,
) -> Result<FileFingerprint, SaveError> {
    let written = write_text_atomically(path, keep_backup, &mut |out| {
        let mut out = Fingerprinting::new(out);
        write_project_ron(project, &mut out)?;
        Ok(out.written())
    });
    match written {
        Ok((bytes, meta)) => Ok(bytes.in_file(&meta)),
        Err(WriteError::Serialize(e)) => Err(SaveError::Serialize(e)),
        Err(WriteError::Io(source)) => Err(SaveError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Saves a project atomically, keeping the previous version as `NAME.ron.bak`. The first
/// save over a file of an older format also keeps that file as `NAME.ron.v1` (`.vN` for
/// format N), which later saves never replace: an upgrade can always be undone by hand.
///
/// # Errors
/// Serialisation or I/O failed; the file on disk is then unchanged.
pub fn save_project(path: &Path, project: &Project) -> Result<(), SaveError> {
    save_project_checked(path, project, None).map(drop)
}

/// Where the original of a file of format `format` is kept when a save upgrades it.
#[must_use]
pub fn older_original_path(path: &Path, format: u32) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{format}"));
    PathBuf::from(name)
}

/// Copies the file at `path` to `NAME.ron.vN` if it is of an older format N and no such
/// copy exists yet. Only the head is read to decide, so saving a current file costs little.
fn keep_older_original(path: &Path) -> io::Result<()> {
    let mut head = Vec::new();
    match std::fs::File::open(path) {
        Ok(file) => {
            file.take(HEAD_SCAN_BYTES as u64).read_to_end(&mut head)?;
        }
        // A new file has no original to keep.
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Some((found, _)) = scan_format_version(text) else {
        return Ok(());
    };
    let Ok(format) = u32::try_from(found) else {
        return Ok(());
    };
    if !(OLDEST_FORMAT_VERSION..FORMAT_VERSION).contains(&format) {
        return Ok(());
    }
    let keep = older_original_path(path, format);
    if std::fs::symlink_metadata(&keep).is_ok() {
        return Ok(());
    }
    let original = std::fs::read(path)?;
    atomic::write_atomic(&keep, &original, false)
}

/// Saves like [`save_project`], but first checks that the file is still the one `expected`
/// describes (the fingerprint from loading or from the last save), and returns the new
/// file's fingerprint to keep for the next save. With `expected = None` (a new file, or
/// "Keep mine" after the user confirmed) nothing is checked.
///
/// A missing file is not an error: nothing is overwritten by recreating it.
///
/// # Errors
/// [`SaveError::ChangedOnDisk`] when another program changed the file (nothing is written);
/// otherwise as [`save_project`].
pub fn save_project_checked(
    path: &Path,
    project: &Project,
    expected: Option<&FileFingerprint>,
) -> Result<FileFingerprint, SaveError> {
    check_unchanged(path, expected)?;
    keep_older_original(path).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    write_project_file(path, project, true)
}

/// [`SaveError::ChangedOnDisk`] unless the file at `path` is still the one `expected`
/// describes (or nothing is expected).
fn check_unchanged(path: &Path, expected: Option<&FileFingerprint>) -> Result<(), SaveError> {
    match expected {
        Some(expected)
            if crate::io::fingerprint::check(path, expected) == FingerprintStatus::Changed =>
        {
            Err(SaveError::ChangedOnDisk {
                path: path.to_path_buf(),
            })
        }
        Some(_) | None => Ok(()),
    }
}
