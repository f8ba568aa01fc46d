//! Articles: plain-text and Markdown files, and what every article reader shares — the
//! [`incoming`] article type, the text rules for [`dates`] and [`headline`]s, and turning an
//! [`IncomingArticle`] into a [`Document`].
//!
//! A text file's metadata comes, strongest first, from a front-matter block (title, date,
//! outlet, author, url, language) or a leading `date YYYY-MM-DD` marker (both leave the
//! text), a Markdown `# heading`, the opening lines (the first line as headline, a date line
//! or dateline), and last the file's name (a date anywhere in it; its stem as the title).
//! The text is normalised once (BOM stripped, CRLF/CR → LF).

use std::path::Path;

use chrono::NaiveDate;

pub mod dates;
mod front_matter;
pub mod headline;
pub mod incoming;
pub mod language;

use self::dates::date_in_file_name;
use self::front_matter::{FrontMatter, split_front_matter};
use self::headline::opening_clues;
use crate::io::error::ImportError;
use crate::io::file_name::has_extension;
use crate::model::{Document, text::normalize_text};

pub use self::front_matter::FrontMatterError;
pub use self::incoming::{
    ArticleMeta, ArticlesRead, IncomingArticle, MetaSource, Origin, Part, RefusedArticle, Sourced,
};

/// Extensions of an article read as Markdown (a subset of [`TEXT_ARTICLE_EXTENSIONS`]).
pub const MARKDOWN_ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown"];
/// Extensions of a text article (plain text or Markdown; a Nexis or Factiva export in one is
/// told by its content).
pub const TEXT_ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// The title of an article that gives none and comes from no file.
pub const UNTITLED: &str = "Untitled article";

/// A document from an article's text, as [`parse_article`] reads it. Text whose front matter
/// cannot be read is kept whole (front matter and all), so nothing is lost; imports of files
/// use [`parse_article`] and report the error instead.
#[must_use]
pub fn document_from_text(file_name: &str, text: &str, source: Option<String>) -> Document {
    parse_article(file_name, text, source.clone()).unwrap_or_else(|_| {
        let mut doc = Document::new(title_from_file_name(file_name), normalize_text(text));
        doc.source = source;
        doc
    })
}

/// A document from an article's text (see [`article_from_text`]). `source` is the document's
/// origin; a front-matter `url` takes its place.
///
/// # Errors
/// The text opens a front-matter block that cannot be read (at the line:column named).
pub fn parse_article(
    file_name: &str,
    text: &str,
    source: Option<String>,
) -> Result<Document, FrontMatterError> {
    let article = article_from_text(file_name, text, Origin::Clipboard)?;
    let mut doc = article.into_document();
    if doc.source.is_none() {
        doc.source = source;
    }
    Ok(doc)
}

/// An article from a text or Markdown file's text, its metadata from the strongest source
/// that gives each field (see the module's documentation). The title is always set.
///
/// # Errors
/// The text opens a front-matter block that cannot be read (at the line:column named).
pub fn article_from_text(
    file_name: &str,
    text: &str,
    origin: Origin,
) -> Result<IncomingArticle, FrontMatterError> {
    let text = normalize_text(text);
    let (marked, body) = match split_front_matter(&text)? {
        Some((matter, body)) => (matter.into_meta(), body.to_owned()),
        None => match split_date_marker(&text) {
            Some((date, rest)) => {
                let meta = ArticleMeta {
                    date: Some(Sourced::new(date, MetaSource::FrontMatter)),
                    ..ArticleMeta::default()
                };
                (meta, rest.to_owned())
            }
            None => (ArticleMeta::default(), text),
        },
    };
    let is_markdown = has_extension(Path::new(file_name), MARKDOWN_ARTICLE_EXTENSIONS);
    let heading = ArticleMeta {
        title: (is_markdown.then(|| markdown_title(&body)).flatten())
            .map(|t| Sourced::new(t, MetaSource::MarkdownHeading)),
        ..ArticleMeta::default()
    };
    let meta = marked
        .or(heading)
        .or(opening_clues(&body))
        .or(file_name_clues(file_name));
    Ok(IncomingArticle {
        text: body,
        meta,
        origin,
    })
}

/// What a file's name says: a date anywhere in it, and its stem (prettified) as a title of
/// last resort.
#[must_use]
pub fn file_name_clues(file_name: &str) -> ArticleMeta {
    ArticleMeta {
        title: Some(Sourced::new(
            title_from_file_name(file_name),
            MetaSource::FileName,
        )),
        date: date_in_file_name(file_name).map(|d| Sourced::new(d, MetaSource::FileName)),
        ..ArticleMeta::default()
    }
}

impl FrontMatter {
    fn into_meta(self) -> ArticleMeta {
        let from = |value: Option<String>| value.map(|v| Sourced::new(v, MetaSource::FrontMatter));
        ArticleMeta {
            title: from(self.title),
            date: self.date.map(|d| Sourced::new(d, MetaSource::FrontMatter)),
            outlet: from(self.outlet),
            author: from(self.author),
            url: from(self.url),
            language: from(self.language),
        }
    }
}

impl IncomingArticle {
    /// The document this article becomes: its text normalised, its title (or
    /// [`UNTITLED`]), and its URL, else where it was read from, as the source.
    #[must_use]
    pub fn into_document(self) -> Document {
        let IncomingArticle { text, meta, origin } = self;
        let title = meta.title.map_or_else(|| UNTITLED.to_owned(), |t| t.value);
        let mut doc = Document::new(title, normalize_text(&text));
        doc.date = meta.date.map(|d| d.value);
        doc.outlet = meta.outlet.map(|o| o.value);
        doc.author = meta.author.map(|a| a.value);
        doc.language = meta.language.map(|l| l.value);
        doc.source = meta.url.map(|u| u.value).or_else(|| origin.source());
        doc
    }
}

/// Reads a text or Markdown article file (UTF-8) as a document.
///
/// # Errors
/// The file cannot be read, is too large, is not UTF-8 (UTF-16 and binary files are named as
/// such), has front matter that cannot be read, or holds no text.
pub fn read_article(path: &Path) -> Result<Document, ImportError> {
    let text = crate::io::formats::read_text(path)?;
    Ok(read_text_article(path, &text)?.into_document())
}

/// An article from a text or Markdown file's text (the pipeline has read and decoded it).
///
/// # Errors
/// Front matter that cannot be read (at its line and column), or no text.
pub fn read_text_article(path: &Path, text: &str) -> Result<IncomingArticle, ImportError> {
    let file_name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let article = article_from_text(&file_name, text, Origin::file(path)).map_err(|e| {
        ImportError::Invalid {
            path: path.to_path_buf(),
            position: Some(e.position),
            message: e.problem.to_string(),
        }
    })?;
    if article.text.trim().is_empty() {
        return Err(ImportError::EmptyArticle {
            path: path.to_path_buf(),
        });
    }
    Ok(article)
}

/// Splits a leading `date YYYY-MM-DD` marker (optionally `date:`) off the text, with the
/// blanks around it. Returns `None` when the text does not start with a valid one.
fn split_date_marker(text: &str) -> Option<(NaiveDate, &str)> {
    let rest = text.trim_start().strip_prefix("date")?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let rest = rest.trim_start_matches([' ', '\t']);
    let date_text = rest.get(..10)?;
    let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d").ok()?;
    let after = &rest[10..];
    // The marker must end at a blank, so "date 2025-12-05x" is left alone.
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((date, after.trim_start()))
}

/// The text of a `# heading` on the first non-blank line.
fn markdown_title(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let heading = first
        .trim()
        .strip_prefix("# ")?
        .trim()
        .trim_end_matches('#')
        .trim();
    (!heading.is_empty()).then(|| heading.to_owned())
}

/// A title from a file's name: `talks/ukraine-talks_2025-12-05.txt` → `Ukraine talks 2025-12-05`.
#[must_use]
pub fn title_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    title_from_stem(&stem)
}

fn title_from_file_name(file_name: &str) -> String {
    title_from_path(Path::new(file_name))
}

/// `ukraine-talks_2025-12-05` → `Ukraine talks 2025-12-05`: separators become spaces except
/// between digits, and the first letter is capitalised.
fn title_from_stem(stem: &str) -> String {
    let chars: Vec<char> = stem.chars().collect();
    let mut out = String::with_capacity(stem.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c == '_' || (c == '-' && !between_digits) {
            out.push(' ');
        } else if out.is_empty() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    let title = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        "Untitled article".to_owned()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_marker_becomes_the_date() {
        let doc = document_from_text(
            "ukraine-talks.txt",
            " date 2025-12-05 President Trump's advisers\r\nsaid Friday.",
            None,
        );
        assert_eq!(doc.text, "President Trump's advisers\nsaid Friday.");
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2025, 12, 5));
        assert_eq!(doc.title, "Ukraine talks", "a sentence is no headline");
    }

    #[test]
    fn text_without_a_marker_is_kept_whole() {
        for text in [
            "dated 2025-12-05 x",
            "date 2025-13-05 x",
            "date 2025-12-05x",
            "An update",
        ] {
            let doc = document_from_text("a.txt", text, None);
            assert_eq!(doc.text, text);
            assert_eq!(doc.date, None);
        }
    }

    #[test]
    fn titles_come_from_headings_or_stems() {
        let md = document_from_text("notes.md", "\n# Talks in Florida #\n\nBody.", None);
        assert_eq!(md.title, "Talks in Florida");
        assert!(md.text.contains("# Talks in Florida"));
        let txt = document_from_text("ukraine-talks-2025-12-05.txt", "# Not a title", None);
        assert_eq!(
            txt.title, "Ukraine talks 2025-12-05",
            "a # line is no headline in .txt"
        );
        assert_eq!(txt.date, NaiveDate::from_ymd_opt(2025, 12, 5));
        assert_eq!(title_from_stem("__"), "Untitled article");
        assert_eq!(title_from_path(Path::new("a/b/two-talks.ron")), "Two talks");
        assert_eq!(title_from_stem("état_des-lieux"), "État des lieux");
    }
}
