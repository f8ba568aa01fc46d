//! Word processor files: Word's `.docx` (Office Open XML) and OpenDocument's `.odt`. Both
//! are zip archives of XML parts; the paragraphs come from the body part, the title from the
//! core properties or else the first heading, the author and language from the properties.
//!
//! A truncated or damaged archive, a missing part, or a part that inflates past
//! [`MAX_PART_BYTES`] (a zip bomb) is an error naming the file; nothing half-read is kept.

mod docx;
mod odt;

use std::io::{Cursor, Read};
use std::path::Path;

use super::article::{ArticleMeta, ArticlesRead, IncomingArticle, MetaSource, Origin, Sourced};
use super::html::without_leading_title;
use crate::io::error::ImportError;
use crate::io::file_name::lowercase_extension;

/// Extensions of a word processor file.
pub const WORD_EXTENSIONS: &[&str] = &["docx", "odt"];

/// The most one XML part may inflate to: a long report's `document.xml` is a few megabytes.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// What a body part gives: paragraphs, and the first heading when one is marked so.
#[derive(Debug, Default)]
struct Body {
    paragraphs: Vec<String>,
    heading: Option<String>,
}

/// What the properties part gives.
#[derive(Debug, Default)]
struct Properties {
    title: Option<String>,
    author: Option<String>,
    language: Option<String>,
}

/// Whether the bytes are a zip archive (as `.docx` and `.odt` files are).
#[must_use]
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a `.docx` or `.odt` file (told apart by the parts it holds, not its extension).
///
/// # Errors
/// Not a zip archive, damaged, without its body part, or with a part too large; no text.
pub fn read_word(path: &Path, bytes: &[u8]) -> Result<ArticlesRead, ImportError> {
    let invalid = |message: String| ImportError::Invalid {
        path: path.to_path_buf(),
        position: None,
        message,
    };
    let kind = if lowercase_extension(path) == "odt" {
        "OpenDocument text"
    } else {
        "Word document"
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        invalid(format!(
            "not a readable {kind} (a damaged or truncated zip archive: {e})"
        ))
    })?;
    let (body, properties) = if archive.index_for_name(docx::BODY_PART).is_some() {
        let body = docx::body(&part(&mut archive, docx::BODY_PART).map_err(&invalid)?)
            .map_err(&invalid)?;
        let properties = match part(&mut archive, docx::CORE_PART) {
            Ok(xml) => docx::properties(&xml),
            Err(_) => Properties::default(),
        };
        (body, properties)
    } else if archive.index_for_name(odt::BODY_PART).is_some() {
        let body =
            odt::body(&part(&mut archive, odt::BODY_PART).map_err(&invalid)?).map_err(&invalid)?;
        let properties = match part(&mut archive, odt::META_PART) {
            Ok(xml) => odt::properties(&xml),
            Err(_) => Properties::default(),
        };
        (body, properties)
    } else {
        return Err(invalid(format!(
            "not a {kind}: the archive has neither {} nor {}",
            docx::BODY_PART,
            odt::BODY_PART
        )));
    };
    let meta = meta(&body, properties);
    let text = without_leading_title(
        &body.paragraphs.join("\n\n"),
        meta.title.as_ref().map(|t| t.value.as_str()),
    );
    if text.trim().is_empty() {
        return Err(ImportError::EmptyArticle {
            path: path.to_path_buf(),
        });
    }
    Ok(ArticlesRead::one(IncomingArticle {
        text,
        meta,
        origin: Origin::file(path),
    }))
}

fn meta(body: &Body, properties: Properties) -> ArticleMeta {
    let from_properties =
        |v: Option<String>| v.map(|v| Sourced::new(v, MetaSource::DocumentProperties));
    let heading = body
        .heading
        .clone()
        .map(|h| Sourced::new(h, MetaSource::DocumentHeading));
    ArticleMeta {
        title: from_properties(properties.title).or(heading),
        author: from_properties(properties.author),
        language: from_properties(properties.language),
        ..ArticleMeta::default()
    }
}

/// One part of the archive as text, inflated no further than [`MAX_PART_BYTES`].
fn part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, String> {
    let file = archive
        .by_name(name)
        .map_err(|e| format!("cannot read its part {name}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("its part {name} is damaged: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "its part {name} inflates past {MAX_PART_BYTES} bytes"
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("its part {name} is not UTF-8 XML"))
}

/// Parses a part's XML, naming the part and the place of an error.
/// The Dublin Core namespace both formats use for their document properties.
const DC: &str = "http://purl.org/dc/elements/1.1/";

/// Title, author and language from a properties part (`docProps/core.xml` of a .docx,
/// `meta.xml` of an .odt): both write them as Dublin Core elements.
fn dublin_core_properties(part: &str, xml: &str) -> Properties {
    let Ok(doc) = parse_xml(part, xml) else {
        return Properties::default();
    };
    let dc = |name: &str| {
        property(
            doc.descendants()
                .find(|n| n.tag_name().namespace() == Some(DC) && n.tag_name().name() == name),
        )
    };
    Properties {
        title: dc("title"),
        author: dc("creator"),
        language: dc("language"),
    }
}

fn parse_xml<'a>(name: &str, xml: &'a str) -> Result<roxmltree::Document<'a>, String> {
    roxmltree::Document::parse(xml)
        .map_err(|e| format!("its part {name} is not well-formed XML: {e}"))
}

/// A property's text: trimmed, one line, `None` when empty.
fn property(node: Option<roxmltree::Node<'_, '_>>) -> Option<String> {
    let text = super::html::text::inline_text(node?.text()?);
    (!text.is_empty()).then_some(text)
}

/// Adds a paragraph's text, trimmed, when it has any.
fn push_paragraph(paragraphs: &mut Vec<String>, text: &str) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if !lines.is_empty() {
        paragraphs.push(lines.join("\n"));
    }
}
