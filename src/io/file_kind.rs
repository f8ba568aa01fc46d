//! What kind of file a path holds, judged by its extension: the one list of extensions each
//! kind of file has, and the one size limit for every file Stance reads.

use std::path::Path;

use super::formats::{brat, json, w3c};

/// Every file Stance reads (project, article, annotations) larger than this is refused before
/// it is read: a file that size is not what the user meant to open.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The extension a project is saved with.
pub const PROJECT_EXTENSION: &str = "ron";
/// Extensions of a Stance project file.
pub const PROJECT_EXTENSIONS: &[&str] = &[PROJECT_EXTENSION];
/// Extensions of an article read as Markdown (a subset of [`ARTICLE_EXTENSIONS`]).
pub const MARKDOWN_ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown"];
/// Extensions of an article (plain text or Markdown).
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];
/// Extensions of brat annotation files (each with a `.txt` beside it).
pub const BRAT_EXTENSIONS: &[&str] = &[brat::ANN_EXTENSION];
/// Extensions of Stance's own exchange exports that import reads back (JSON, JSON Lines and
/// W3C Web Annotation JSON-LD, told apart by content).
pub const EXCHANGE_EXTENSIONS: &[&str] = &[
    json::JSON_EXTENSION,
    json::JSONL_EXTENSION,
    w3c::W3C_EXTENSION,
];

/// What a path holds, judged by its extension (and whether it is a folder): the one place
/// that decides between opening a project and importing into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A Stance project file (`.ron`).
    Project,
    /// An article to read: `.txt`, `.text`, `.md`, `.markdown`.
    Article,
    /// Annotations of another tool or a Stance export: brat `.ann`, `.json`, `.jsonl`, `.jsonld`.
    Annotations,
    /// A folder: a brat corpus (`.txt`/`.ann` pairs and `annotation.conf`), a folder of
    /// articles, or a folder of brat corpora (see [`super::folder::survey_folder`]).
    BratFolder,
    /// Anything else.
    Unknown,
}

/// The kind of file at `path` (the extension ignores case; a folder is a brat corpus).
#[must_use]
pub fn classify(path: &Path) -> FileKind {
    if path.is_dir() {
        return FileKind::BratFolder;
    }
    let extension = lowercase_extension(path);
    let is = |list: &[&str]| list.contains(&extension.as_str());
    if is(PROJECT_EXTENSIONS) {
        FileKind::Project
    } else if is(ARTICLE_EXTENSIONS) {
        FileKind::Article
    } else if is(BRAT_EXTENSIONS) || is(EXCHANGE_EXTENSIONS) {
        FileKind::Annotations
    } else {
        FileKind::Unknown
    }
}

/// The extension of `path` in lower case, `""` if it has none.
pub(crate) fn lowercase_extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// True if `path` has one of `extensions` (ignoring case).
#[must_use]
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    extensions.contains(&lowercase_extension(path).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_extension_classifies_as_its_kind() {
        for (list, kind) in [
            (PROJECT_EXTENSIONS, FileKind::Project),
            (ARTICLE_EXTENSIONS, FileKind::Article),
            (BRAT_EXTENSIONS, FileKind::Annotations),
            (EXCHANGE_EXTENSIONS, FileKind::Annotations),
        ] {
            for ext in list {
                let upper = format!("a.{}", ext.to_ascii_uppercase());
                assert_eq!(classify(Path::new(&format!("a.{ext}"))), kind, "{ext}");
                assert_eq!(classify(Path::new(&upper)), kind, "{upper}");
            }
        }
        assert_eq!(classify(Path::new("a.docx")), FileKind::Unknown);
        assert_eq!(classify(Path::new("a")), FileKind::Unknown);
    }

    #[test]
    fn markdown_articles_are_articles() {
        for ext in MARKDOWN_ARTICLE_EXTENSIONS {
            assert!(ARTICLE_EXTENSIONS.contains(ext), "{ext}");
        }
    }
}
