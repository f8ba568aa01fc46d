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
//!
//! Writing, streamed into the file as the text is serialised, is in [`write`].

use std::path::Path;

mod tidy;
mod v1;
mod v2;
mod write;

pub use write::{
    TEXT_BLOCK_BYTES, older_original_path, pretty_config, project_to_ron, save_project,
    save_project_checked, serialise_project,
};
pub(crate) use write::{WriteError, write_project_ron, write_text_atomically};

use crate::io::error::{LoadError, LoadErrorKind, TextPosition};
use crate::io::fingerprint::FileFingerprint;
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
