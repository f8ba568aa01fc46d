//! The project file (`.ron`), Stance's own format: pretty RON that diffs well, loaded
//! defensively.
//!
//! Loading order: size cap → UTF-8 check → format version from a cheap scan of the file head →
//! deserialize with a recursion limit → canonical order → rule check. A file that parses but
//! breaks rules still loads, with its [`Problem`]s listed, so nothing is ever dropped.
//!
//! Each format has its own serde types: format 1 is read through the frozen copies in [`v1`],
//! format 2 through those in [`v2`], and both migrate to the current format there; the
//! current format reads through the model's own types.

use std::path::Path;

use ron::ser::PrettyConfig;

mod tidy;
mod v1;
mod v2;

use crate::io::atomic;
use crate::io::error::{LoadError, LoadErrorKind, SaveError, TextPosition};
use crate::io::fingerprint::{FileFingerprint, FingerprintStatus, Fingerprinting};
use crate::io::text_file::{MAX_FILE_BYTES, TextFileError, read_text_file};
use crate::model::{FORMAT_VERSION, Problem, Project};

/// The extension a project is saved with.
pub const PROJECT_EXTENSION: &str = "ron";
/// Extensions of a Stance project file.
pub const PROJECT_EXTENSIONS: &[&str] = &[PROJECT_EXTENSION];

/// The oldest project format this build reads; [`FORMAT_VERSION`] is the newest, and the one
/// every save writes.
pub use crate::model::OLDEST_FORMAT_VERSION;

/// Deepest nesting accepted. Real projects nest about 5 levels; the limit keeps hostile
/// files from overflowing the stack.
pub const RECURSION_LIMIT: usize = 64;

/// Where errors about the file as a whole point.
const START: TextPosition = TextPosition { line: 1, col: 1 };

/// Bytes at the start of a file searched for the `format` field.
const HEAD_SCAN_BYTES: usize = 64 * 1024;

/// Error messages quoting the file (e.g. a long string) are cut to this many chars.
const MAX_MESSAGE_CHARS: usize = 240;

/// A project as read from disk, with every broken rule found in it.
#[derive(Clone, Debug)]
pub struct LoadedProject {
    pub project: Project,
    /// Empty for a valid project; otherwise the project "needs repair".
    pub problems: Vec<Problem>,
    /// The format the file was written in; older than [`FORMAT_VERSION`] means the next save
    /// upgrades it.
    pub loaded_format: u32,
    /// The exact bytes parsed, when they came from a file: keep it to notice changes on disk
    /// and pass it to [`save_project_checked`].
    pub fingerprint: Option<FileFingerprint>,
}

impl LoadedProject {
    #[must_use]
    pub fn needs_repair(&self) -> bool {
        !self.problems.is_empty()
    }
}

/// Loads a project file.
///
/// # Errors
/// The file cannot be read, is not UTF-8 text, is too large, was made by a newer Stance, or
/// is not valid RON for a project (with line and column).
pub fn load_project(path: &Path) -> Result<LoadedProject, LoadError> {
    // Metadata before the read: see `FileFingerprint::from_parts`.
    let before = std::fs::metadata(path);
    let text = read_project_text(path)?;
    // The file's hash is taken on a second thread while the text is parsed: on a large
    // project it is about a tenth of the load.
    let (parsed, fingerprint) = std::thread::scope(|scope| {
        let fingerprint = scope.spawn(|| {
            (before.ok()).map(|meta| FileFingerprint::from_parts(&meta, text.as_bytes()))
        });
        (
            parse_project(path, &text),
            fingerprint.join().ok().flatten(),
        )
    });
    let mut loaded = parsed?;
    loaded.fingerprint = fingerprint;
    Ok(loaded)
}

/// Reads a project file's text, with the size cap and encoding checks of [`load_project`].
///
/// # Errors
/// As [`load_project`], for the reading part.
pub fn read_project_text(path: &Path) -> Result<String, LoadError> {
    read_text_file(path, MAX_FILE_BYTES).map_err(|e| {
        let (position, kind) = match e {
            TextFileError::Io(e) => (None, LoadErrorKind::Io(e)),
            TextFileError::TooLarge {
                size_bytes,
                limit_bytes,
            } => (
                None,
                LoadErrorKind::TooLarge {
                    size_bytes,
                    limit_bytes,
                },
            ),
            TextFileError::Utf16 => (Some(START), LoadErrorKind::Utf16),
            TextFileError::Binary { position } => (Some(position), LoadErrorKind::Binary),
            TextFileError::NotUtf8 { position, byte } => {
                (Some(position), LoadErrorKind::NotUtf8 { byte })
            }
        };
        LoadError::new(path, position, kind)
    })
}

/// Loads a project from text already in memory; `source_name` names it in errors.
///
/// # Errors
/// As [`load_project`], except for reading.
pub fn load_project_from_str(source_name: &str, text: &str) -> Result<LoadedProject, LoadError> {
    parse_project(Path::new(source_name), text)
}

fn parse_project(path: &Path, text: &str) -> Result<LoadedProject, LoadError> {
    let error = |position: Option<TextPosition>, kind| LoadError::new(path, position, kind);
    let size_bytes = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if size_bytes > MAX_FILE_BYTES {
        return Err(error(
            None,
            LoadErrorKind::TooLarge {
                size_bytes,
                limit_bytes: MAX_FILE_BYTES,
            },
        ));
    }
    if let Some(nul_at) = text.find('\0') {
        let position = TextPosition::of_byte(text, nul_at);
        return Err(error(Some(position), LoadErrorKind::Binary));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(error(Some(START), LoadErrorKind::Empty));
    }
    // The version comes first, so a newer file is named as such instead of failing on
    // whatever new syntax it uses.
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let loaded_format = match scan_format_version(text) {
        Some((found, at_byte)) => {
            check_format(found)
                .map_err(|kind| error(Some(TextPosition::of_byte(text, at_byte)), kind))?;
            found
        }
        None => {
            // `format` was not the first field: read just it, then the format's own types.
            let probe: FormatProbe = options
                .from_str(text)
                .map_err(|e| syntax_error(path, text, &e))?;
            check_format(u64::from(probe.format)).map_err(|kind| {
                let at = text
                    .find("format")
                    .map(|at| TextPosition::of_byte(text, at));
                error(at, kind)
            })?;
            u64::from(probe.format)
        }
    };
    // Either way the project comes out in canonical order, new to every cache.
    let project = if loaded_format == 1 {
        let old: v1::ProjectV1 = options
            .from_str(text)
            .map_err(|e| syntax_error(path, text, &e))?;
        debug_assert_eq!(old.format(), 1);
        old.into_project()
    } else if loaded_format == 2 {
        let old: v2::ProjectV2 = options
            .from_str(text)
            .map_err(|e| syntax_error(path, text, &e))?;
        debug_assert_eq!(old.format(), 2);
        old.into_project()
    } else {
        options
            .from_str::<Project>(text)
            .map_err(|e| syntax_error(path, text, &e))?
    };
    let problems = project.problems();
    Ok(LoadedProject {
        project,
        problems,
        // `check_format` bounded it by `FORMAT_VERSION`.
        loaded_format: u32::try_from(loaded_format).unwrap_or(FORMAT_VERSION),
        fingerprint: None,
    })
}

/// Reads only the `format` field of a project, whatever else the file holds.
#[derive(serde::Deserialize)]
// Named as users know it in error messages ("expected … for struct `Project`").
#[serde(rename = "Project")]
struct FormatProbe {
    format: u32,
}

fn check_format(found: u64) -> Result<(), LoadErrorKind> {
    if found > u64::from(FORMAT_VERSION) {
        Err(LoadErrorKind::NewerFormat { found })
    } else if found < u64::from(OLDEST_FORMAT_VERSION) {
        Err(LoadErrorKind::UnknownFormat { found })
    } else {
        Ok(())
    }
}

fn syntax_error(path: &Path, text: &str, e: &ron::error::SpannedError) -> LoadError {
    let start = e.span.start;
    let position = TextPosition {
        line: start.line.max(1),
        col: start.col.max(1),
    };
    let content_end = TextPosition::of_byte(text, text.trim_end().len());
    // ron's span ends where it gave up; at the end of the content, the file was cut short.
    let is_at_end = (e.span.end.line, e.span.end.col) >= (content_end.line, content_end.col);
    let open = if is_at_end || matches!(e.code, ron::Error::Eof | ron::Error::ExpectedStringEnd) {
        crate::io::truncation::open_at_end(text)
    } else {
        None
    };
    let kind = match (&e.code, open) {
        (ron::Error::ExceededRecursionLimit, _) => LoadErrorKind::TooDeep {
            limit: RECURSION_LIMIT,
        },
        (ron::Error::ExpectedStringEnd, open) => {
            let inside = open
                .and_then(|o| o.inside)
                .map(|o| format!(" (inside {} that starts at line {})", o.what, o.line))
                .unwrap_or_default();
            LoadErrorKind::Syntax(format!(
                "this string never ends: the file is truncated or a `\"` is missing{inside}"
            ))
        }
        // Brackets still open where the file ends: whatever ron tripped over last (often a
        // cut-off field name like `quot`), the real fault is that the rest is missing.
        (_, Some(open)) if !open.is_in_string_or_comment => LoadErrorKind::Truncated {
            inside: open.inside,
        },
        (ron::Error::Eof, _) => LoadErrorKind::Syntax(
            "unexpected end of file: the file is truncated or a bracket is not closed".to_owned(),
        ),
        (code, _) => {
            let message = tidy_message(&code.to_string());
            if is_at_end && message.starts_with("expected") {
                LoadErrorKind::Syntax(format!(
                    "unexpected end of file ({message}): the file is truncated"
                ))
            } else {
                LoadErrorKind::Syntax(message)
            }
        }
    };
    LoadError::new(path, Some(position), kind)
}

/// Lower-cases ron's leading capital (messages follow `path:line:col:`) and cuts messages that
/// quote huge values.
fn tidy_message(message: &str) -> String {
    let mut chars = message.chars();
    let mut out = String::with_capacity(message.len().min(MAX_MESSAGE_CHARS + 4));
    if let (Some(first), Some(second)) = (chars.next(), chars.next()) {
        if first.is_uppercase() && second.is_lowercase() {
            out.extend(first.to_lowercase());
        } else {
            out.push(first);
        }
        out.push(second);
    }
    for c in chars {
        if out.chars().count() >= MAX_MESSAGE_CHARS {
            out.push('…');
            break;
        }
        out.push(c);
    }
    if out.is_empty() {
        out.push_str(message);
    }
    out
}

/// Finds `format: N` as the first field of the top-level struct, skipping whitespace,
/// comments and `#![enable(..)]` attributes. Returns the number and its byte offset.
/// `None` when the head does not start that way; the full parse then decides.
fn scan_format_version(text: &str) -> Option<(u64, usize)> {
    let head = &text.as_bytes()[..text.len().min(HEAD_SCAN_BYTES)];
    let mut at = skip_blank(head, 0)?;
    while head[at..].starts_with(b"#![") {
        at += head[at..].iter().position(|&b| b == b']')? + 1;
        at = skip_blank(head, at)?;
    }
    if head[at..].starts_with(b"Project") {
        at = skip_blank(head, at + "Project".len())?;
    }
    if head.get(at) != Some(&b'(') {
        return None;
    }
    at = skip_blank(head, at + 1)?;
    if !head[at..].starts_with(b"format") {
        return None;
    }
    at = skip_blank(head, at + "format".len())?;
    if head.get(at) != Some(&b':') {
        return None;
    }
    at = skip_blank(head, at + 1)?;
    let digits = head[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let number = std::str::from_utf8(&head[at..at + digits]).ok()?;
    // A number too big for u64 is certainly newer than this build.
    Some((number.parse().unwrap_or(u64::MAX), at))
}

/// Skips whitespace and comments; returns the next offset, or `None` at the end of `head`.
fn skip_blank(head: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let rest = head.get(at..)?;
        if rest.first()?.is_ascii_whitespace() {
            at += 1;
        } else if rest.starts_with(b"//") {
            at += rest.iter().position(|&b| b == b'\n')? + 1;
        } else if rest.starts_with(b"/*") {
            at += rest.windows(2).skip(2).position(|w| w == b"*/")? + 4;
        } else {
            return Some(at);
        }
    }
}

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
    Io(std::io::Error),
}

/// Writes the text of a project file to `out` as it is serialised: a project is never held
/// in memory as text, which for a large one would double what a save needs.
///
/// # Errors
/// serde refused a value (not expected for a model built through its API), or `out` failed.
pub(crate) fn write_project_ron(
    project: &Project,
    out: &mut dyn std::io::Write,
) -> Result<(), WriteError> {
    // Always the current format, whatever format the project was read from (an older
    // file's content was already converted on load, see [`v1`]).
    let mut tidy = tidy::TidyEscapes::new(out);
    let serialised = serialise_project(project, &mut |block| {
        use std::fmt::Write as _;
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
    on_block: &mut dyn FnMut(&str) -> std::fmt::Result,
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
    on_block: &'a mut dyn FnMut(&str) -> std::fmt::Result,
}

impl TextBlocks<'_> {
    fn hand_on(&mut self) -> std::fmt::Result {
        let handed = (self.on_block)(&self.text);
        self.text.clear();
        handed
    }
}

impl std::fmt::Write for TextBlocks<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.text.push_str(text);
        if self.text.len() >= TEXT_BLOCK_BYTES {
            self.hand_on()?;
        }
        Ok(())
    }
}

/// Streams `project` into the file at `path` atomically ([`atomic::write_atomic_streamed`]),
/// and fingerprints the bytes on the way.
fn write_project_file(
    path: &Path,
    project: &Project,
    keep_backup: bool,
) -> Result<FileFingerprint, SaveError> {
    let mut serialise_error = None;
    let mut fingerprint = None;
    let written = atomic::write_atomic_streamed(path, keep_backup, &mut |out| {
        let mut out = Fingerprinting::new(out);
        match write_project_ron(project, &mut out) {
            Ok(()) => {
                fingerprint = Some(out.written());
                Ok(())
            }
            Err(WriteError::Io(e)) => Err(e),
            Err(WriteError::Serialize(e)) => {
                serialise_error = Some(e);
                Err(std::io::Error::other("the project could not be serialised"))
            }
        }
    });
    if let Some(e) = serialise_error {
        return Err(SaveError::Serialize(e));
    }
    let written = written.map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let Some(fingerprint) = fingerprint else {
        return Err(SaveError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("the project's text was not written"),
        });
    };
    Ok(fingerprint.in_file(&written))
}

/// Saves a project atomically, keeping the previous version as `NAME.ron.bak`. The first
/// save over a file of an older format also keeps that file as `NAME.ron.v1` (`.vN` for
/// format N), which later saves never replace: an upgrade can always be undone by hand.
///
/// # Errors
/// Serialisation or I/O failed; the file on disk is then unchanged.
pub fn save_project(path: &Path, project: &Project) -> Result<(), SaveError> {
    keep_older_original(path).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    write_project_file(path, project, true).map(drop)
}

/// Where the original of a file of format `format` is kept when a save upgrades it.
#[must_use]
pub fn older_original_path(path: &Path, format: u32) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{format}"));
    std::path::PathBuf::from(name)
}

/// Copies the file at `path` to `NAME.ron.vN` if it is of an older format N and no such
/// copy exists yet. Only the head is read to decide, so saving a current file costs little.
fn keep_older_original(path: &Path) -> std::io::Result<()> {
    use std::io::Read as _;
    let mut head = Vec::new();
    match std::fs::File::open(path) {
        Ok(file) => {
            file.take(HEAD_SCAN_BYTES as u64).read_to_end(&mut head)?;
        }
        // A new file has no original to keep.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_the_format_version_from_the_head() {
        assert_eq!(
            scan_format_version("(format: 1, title: \"x\")"),
            Some((1, 9))
        );
        assert_eq!(
            scan_format_version("// c\n/* b */ #![enable(implicit_some)]\nProject(\n  format:7,"),
            Some((7, 57))
        );
        assert_eq!(scan_format_version("(title: \"x\", format: 2)"), None);
        assert_eq!(scan_format_version("(format: \"1\")"), None);
        assert_eq!(scan_format_version("   "), None);
        assert_eq!(
            scan_format_version("(format: 99999999999999999999999)").map(|f| f.0),
            Some(u64::MAX)
        );
    }

    #[test]
    fn a_newer_format_is_named_wherever_the_field_is() {
        let text = "(\n    title: \"x\",\n    format: 4,\n)";
        let err = load_project_from_str("late.ron", text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "late.ron:3:5: made by a newer Stance (format 4; this build reads up to 3)"
        );
        assert_eq!((err.line(), err.col()), (Some(3), Some(5)));
        assert!(matches!(
            err.kind(),
            LoadErrorKind::NewerFormat { found: 4 }
        ));
    }

    #[test]
    fn tidies_messages() {
        assert_eq!(tidy_message("Expected comma"), "expected comma");
        assert_eq!(tidy_message("UTF-8 error"), "UTF-8 error");
        let long = "x".repeat(1000);
        assert_eq!(tidy_message(&long).chars().count(), MAX_MESSAGE_CHARS + 1);
    }
}
