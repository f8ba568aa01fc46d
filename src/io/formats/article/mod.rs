//! Turning `.txt` and `.md` articles into [`Document`]s.
//!
//! The text is normalised once (BOM stripped, CRLF/CR → LF). A front-matter block (title,
//! date, outlet, url) or a leading ` date YYYY-MM-DD ` marker, as in the reference article,
//! gives the document's metadata and leaves the text.

use std::path::Path;

use chrono::NaiveDate;

mod front_matter;

use self::front_matter::{FrontMatter, split_front_matter};
use crate::io::error::ImportError;
use crate::io::file_name::has_extension;
use crate::io::text_file::{MAX_FILE_BYTES, read_text_file};
use crate::model::{Document, text::normalize_text};

pub use self::front_matter::FrontMatterError;

/// Extensions of an article read as Markdown (a subset of [`ARTICLE_EXTENSIONS`]).
pub const MARKDOWN_ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown"];
/// Extensions of an article (plain text or Markdown).
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// A document from an article's text, as [`parse_article`] reads it. Text whose front matter
/// cannot be read is kept whole (front matter and all), so nothing is lost; imports of files
/// use [`parse_article`] and report the error instead.
#[must_use]
pub fn document_from_text(file_name: &str, text: &str, source: Option<String>) -> Document {
    parse_article(file_name, text, source.clone()).unwrap_or_else(|_| {
        let mut doc = document_from_body(file_name, normalize_text(text), FrontMatter::default());
        doc.source = source;
        doc
    })
}

/// A document from an article's text. A front-matter block (see [`front_matter`]) or a
/// leading `date YYYY-MM-DD` marker gives the metadata and leaves the text. The title is the
/// front matter's, else a markdown `# heading` opening the text, else the file name's stem
/// (prettified). `source` is the document's origin; a front-matter `url` takes its place.
///
/// # Errors
/// The text opens a front-matter block that cannot be read (at the line:column named).
pub fn parse_article(
    file_name: &str,
    text: &str,
    source: Option<String>,
) -> Result<Document, FrontMatterError> {
    let text = normalize_text(text);
    let (matter, body) = match split_front_matter(&text)? {
        Some((matter, body)) => (matter, body.to_owned()),
        None => match split_date_marker(&text) {
            Some((date, rest)) => {
                let matter = FrontMatter {
                    date: Some(date),
                    ..FrontMatter::default()
                };
                (matter, rest.to_owned())
            }
            None => (FrontMatter::default(), text),
        },
    };
    let url = matter.url.clone();
    let mut doc = document_from_body(file_name, body, matter);
    doc.source = url.or(source);
    Ok(doc)
}

fn document_from_body(file_name: &str, body: String, matter: FrontMatter) -> Document {
    let stem = Path::new(file_name).file_stem().map_or_else(
        || file_name.to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let is_markdown = has_extension(Path::new(file_name), MARKDOWN_ARTICLE_EXTENSIONS);
    let title = matter
        .title
        .or_else(|| is_markdown.then(|| markdown_title(&body)).flatten())
        .unwrap_or_else(|| title_from_stem(&stem));
    let mut doc = Document::new(title, body);
    doc.date = matter.date.or_else(|| date_in_stem(&stem));
    doc.outlet = matter.outlet;
    doc
}

/// Reads an article file (UTF-8 `.txt` or `.md`).
///
/// # Errors
/// The file cannot be read, is too large, is not UTF-8 (UTF-16 and binary files are named as
/// such), or holds no text.
pub fn read_article(path: &Path) -> Result<Document, ImportError> {
    let text =
        read_text_file(path, MAX_FILE_BYTES).map_err(|e| ImportError::from_text_file(path, e))?;
    let file_name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let doc = parse_article(&file_name, &text, Some(path.display().to_string())).map_err(|e| {
        ImportError::Invalid {
            path: path.to_path_buf(),
            position: Some(e.position),
            message: e.problem.to_string(),
        }
    })?;
    if doc.text.trim().is_empty() {
        return Err(ImportError::EmptyArticle {
            path: path.to_path_buf(),
        });
    }
    Ok(doc)
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

/// A `YYYY-MM-DD` date at the end of a file stem, as in `ukraine-talks-2025-12-05`.
fn date_in_stem(stem: &str) -> Option<NaiveDate> {
    let start = stem.len().checked_sub(10)?;
    let tail = stem.get(start..)?;
    NaiveDate::parse_from_str(tail, "%Y-%m-%d").ok()
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
        assert_eq!(doc.title, "Ukraine talks");
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
        assert_eq!(txt.title, "Ukraine talks 2025-12-05");
        assert_eq!(txt.date, NaiveDate::from_ymd_opt(2025, 12, 5));
        assert_eq!(title_from_stem("__"), "Untitled article");
        assert_eq!(title_from_path(Path::new("a/b/two-talks.ron")), "Two talks");
        assert_eq!(title_from_stem("état_des-lieux"), "État des lieux");
    }
}
