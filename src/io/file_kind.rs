//! What kind of file a path holds, judged by its extension: the lists of extensions each kind
//! of file has, gathered from the formats that own them.

use std::path::Path;

use super::file_name::lowercase_extension;
use super::formats::{brat, json, ron, w3c};
#[cfg(test)]
use super::formats::{feed, html, word};

pub use super::formats::article::{MARKDOWN_ARTICLE_EXTENSIONS, TEXT_ARTICLE_EXTENSIONS};
pub use super::formats::ron::{PROJECT_EXTENSION, PROJECT_EXTENSIONS};

/// Extensions of every article a reader takes: text and Markdown (a Nexis or Factiva export in
/// one is told by its content), PDF, web pages, feeds and word processor files. A test checks
/// each format's list is here.
pub const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "pdf", "html", "htm", "xhtml", "rss", "atom", "docx", "odt",
];

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
    /// An article to read: `.txt`, `.text`, `.md`, `.markdown`, `.pdf`.
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
    if is(ron::PROJECT_EXTENSIONS) {
        FileKind::Project
    } else if is(ARTICLE_EXTENSIONS) {
        FileKind::Article
    } else if is(BRAT_EXTENSIONS) || is(EXCHANGE_EXTENSIONS) {
        FileKind::Annotations
    } else {
        FileKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::super::formats::pdf;
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
        assert_eq!(classify(Path::new("a.xlsx")), FileKind::Unknown);
        assert_eq!(classify(Path::new("a")), FileKind::Unknown);
    }

    #[test]
    fn markdown_articles_are_articles() {
        for ext in MARKDOWN_ARTICLE_EXTENSIONS {
            assert!(TEXT_ARTICLE_EXTENSIONS.contains(ext), "{ext}");
        }
        let web = [
            html::HTML_EXTENSIONS,
            feed::FEED_EXTENSIONS,
            word::WORD_EXTENSIONS,
        ];
        for ext in [&[TEXT_ARTICLE_EXTENSIONS, pdf::PDF_EXTENSIONS][..], &web]
            .concat()
            .concat()
        {
            assert!(ARTICLE_EXTENSIONS.contains(&ext), "{ext}");
        }
    }
}
