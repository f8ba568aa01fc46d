//! [`Document`]: an article's text, fixed at import, with its metadata and offset index.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};

use super::{DocumentId, Span, derived::Derived, text::TextIndex};

/// One article. Its text is normalised at import; only re-anchoring replaces it afterwards.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub id: DocumentId,
    pub title: String,
    /// A URL or the original file path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Who published it ("Reuters"). Optional (format 2), written only when set, so files
    /// without outlets stay as they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Who wrote it (a byline). Optional, written only when set (see FORMAT3: no format bump).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The article's language as a tag (`en`, `fr`, `pt-BR`). Optional, written only when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// `sha256:` and the hex digest of the text's UTF-8 bytes.
    pub text_hash: String,
    pub text: String,
    #[serde(skip)]
    layout: Derived<DocumentIndex>,
}

/// Offsets and paragraphs derived from the text once.
#[derive(Clone, Debug, Default)]
struct DocumentIndex {
    chars: TextIndex,
    paragraphs: Vec<Paragraph>,
}

/// A block of text between line breaks; the article view lays out each one separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub chars: Span,
    pub bytes_start: usize,
    pub bytes_end: usize,
}

/// What a document looks like on disk; the index is rebuilt after reading.
#[derive(Deserialize)]
// Named as users know it in error messages ("expected … for struct `Document`").
#[serde(deny_unknown_fields, rename = "Document")]
struct DocumentFile {
    id: DocumentId,
    title: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    date: Option<NaiveDate>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    language: Option<String>,
    text_hash: String,
    text: String,
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let file = DocumentFile::deserialize(deserializer)?;
        let mut doc = Document::with_hash(file.id, file.title, file.text, file.text_hash);
        doc.source = file.source;
        doc.date = file.date;
        doc.outlet = file.outlet;
        doc.author = file.author;
        doc.language = file.language;
        Ok(doc)
    }
}

/// The hash stored with each document, so an edited text is noticed on load.
#[must_use]
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

impl Document {
    /// A new document; `text` must already be normalised (see [`super::text::normalize_text`]).
    #[must_use]
    pub fn new(title: impl Into<String>, text: String) -> Self {
        let hash = text_hash(&text);
        Self::with_hash(DocumentId::random(), title.into(), text, hash)
    }

    pub(crate) fn with_hash(
        id: DocumentId,
        title: String,
        text: String,
        text_hash: String,
    ) -> Self {
        let layout = DocumentIndex {
            chars: TextIndex::new(&text),
            paragraphs: split_paragraphs(&text),
        };
        Self {
            id,
            title,
            source: None,
            date: None,
            outlet: None,
            author: None,
            language: None,
            text_hash,
            text,
            layout: Derived(layout),
        }
    }

    /// Replaces the text and its stored hash, rebuilding the index; returns the old pair.
    /// Only re-anchoring changes a text (see [`super::Edit::ReplaceDocumentText`]).
    pub(crate) fn replace_text(&mut self, text: String, text_hash: String) -> (String, String) {
        self.layout = Derived(DocumentIndex {
            chars: TextIndex::new(&text),
            paragraphs: split_paragraphs(&text),
        });
        (
            std::mem::replace(&mut self.text, text),
            std::mem::replace(&mut self.text_hash, text_hash),
        )
    }

    #[must_use]
    pub fn len_chars(&self) -> usize {
        self.layout.chars.len_chars()
    }

    /// True if the stored hash matches the text.
    #[must_use]
    pub fn hash_matches(&self) -> bool {
        text_hash(&self.text) == self.text_hash
    }

    /// Byte offset of a char offset (`len_chars` is allowed), or `None` past the end.
    #[must_use]
    pub fn char_to_byte(&self, offset_chars: usize) -> Option<usize> {
        self.layout.chars.char_to_byte(&self.text, offset_chars)
    }

    /// Char offset of a byte offset on a char boundary.
    #[must_use]
    pub fn byte_to_char(&self, offset_bytes: usize) -> Option<usize> {
        self.layout.chars.byte_to_char(&self.text, offset_bytes)
    }

    /// The text of a char span, or `None` if it does not lie inside the document.
    #[must_use]
    pub fn slice(&self, span: Span) -> Option<&str> {
        let range = self.layout.chars.byte_range(&self.text, span)?;
        self.text.get(range)
    }

    /// The quote of a set of ranges: their texts joined with a single space.
    #[must_use]
    pub fn quote(&self, ranges: &[Span]) -> Option<String> {
        let mut out = String::new();
        for (i, r) in ranges.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.slice(*r)?);
        }
        Some(out)
    }

    /// Finds the `nth` (0-based) occurrence of `needle` and returns its char span.
    #[must_use]
    pub fn find(&self, needle: &str, nth: usize) -> Option<Span> {
        let (byte, _) = self.text.match_indices(needle).nth(nth)?;
        let start = self.byte_to_char(byte)?;
        Some(Span::new(start, start + needle.chars().count()))
    }

    /// Paragraphs (non-empty lines) in text order.
    #[must_use]
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.layout.paragraphs
    }

    /// Index of the paragraph containing (or following) a char offset.
    #[must_use]
    pub fn paragraph_at(&self, offset_chars: usize) -> usize {
        self.layout
            .paragraphs
            .partition_point(|p| p.chars.end <= offset_chars)
            .min(self.layout.paragraphs.len().saturating_sub(1))
    }
}

fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut offset_chars = 0;
    let mut offset_bytes = 0;
    for line in text.split('\n') {
        let len_chars = line.chars().count();
        if !line.trim().is_empty() {
            out.push(Paragraph {
                chars: Span::new(offset_chars, offset_chars + len_chars),
                bytes_start: offset_bytes,
                bytes_end: offset_bytes + line.len(),
            });
        }
        offset_chars += len_chars + 1;
        offset_bytes += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_skip_blank_lines() {
        let doc = Document::new("t", "One.\n\nTwo – two.\n  \nThree".to_owned());
        let texts: Vec<_> = doc
            .paragraphs()
            .iter()
            .map(|p| &doc.text[p.bytes_start..p.bytes_end])
            .collect();
        assert_eq!(texts, ["One.", "Two – two.", "Three"]);
        assert_eq!(doc.paragraphs()[2].chars, Span::new(20, 25));
        assert_eq!(doc.paragraph_at(21), 2);
        assert_eq!(doc.paragraph_at(5), 1);
    }

    #[test]
    fn quote_joins_ranges_with_a_space() {
        let doc = Document::new("t", "\"We agree,\" he said, \"in part.\"".to_owned());
        let a = doc.find("We agree,", 0).unwrap_or_default();
        let b = doc.find("in part.", 0).unwrap_or_default();
        assert_eq!(doc.quote(&[a, b]).as_deref(), Some("We agree, in part."));
        assert!(doc.hash_matches());
    }
}
