//! PDF articles: the text layer, read with `hayro-interpret` (pure Rust, no unsafe code,
//! built to survive damaged files). Read only.
//!
//! Each page's glyphs are collected with their positions and sizes ([`glyphs`]), then laid
//! out into text ([`layout`]): lines in the page's reading order, words hyphenated at a line
//! end joined, paragraphs from the layout, running headers, footers and page numbers dropped.
//! The title comes from the PDF's metadata, else its first heading; the date from a dateline
//! in the first lines, else the metadata's creation date. A PDF with no text layer (a scan)
//! is refused: it needs OCR first. An encrypted one that needs a password names that.

mod glyphs;
pub mod layout;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};

use super::article::headline::opening_clues;
use super::article::{ArticleMeta, ArticlesRead, IncomingArticle, MetaSource, Origin, Sourced};
use super::invalid;
use crate::io::error::ImportError;

pub use self::glyphs::PageGlyph;

/// Extensions of a PDF.
pub const PDF_EXTENSIONS: &[&str] = &["pdf"];

/// True if `bytes` is a PDF: `%PDF-` within the first kilobyte (readers allow junk before it).
#[must_use]
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Reads a PDF's text layer as one article, calling `on_page(done, pages)` after each page.
///
/// # Errors
/// The PDF cannot be parsed, needs a password or uses an encryption Stance cannot read, has
/// no pages, or has no text layer.
pub fn read_pdf(
    path: &Path,
    bytes: &[u8],
    on_page: &mut dyn FnMut(usize, usize),
) -> Result<ArticlesRead, ImportError> {
    let pdf = Pdf::new(Arc::new(bytes.to_vec()))
        .map_err(|e| invalid(path, None, load_error_message(e)))?;
    let pages = glyphs::read_pages(&pdf, on_page);
    if pages.is_empty() {
        return Err(invalid(path, None, "the PDF has no pages"));
    }
    let mapped = pages.iter().map(|p| p.glyphs.len()).sum::<usize>();
    if mapped == 0 {
        let unmapped: usize = pages.iter().map(|p| p.unmapped).sum();
        let message = if unmapped > 0 {
            "the PDF's text cannot be read: its fonts give no Unicode for their letters; run OCR first"
        } else {
            "the PDF has no text layer (a scan?); run OCR first"
        };
        return Err(invalid(path, None, message));
    }
    let laid_out = layout::lay_out(&pages);
    if laid_out.text.trim().is_empty() {
        return Err(invalid(
            path,
            None,
            "the PDF has no text layer (a scan?); run OCR first",
        ));
    }
    let clues = opening_clues(&laid_out.text);
    let info = pdf.metadata();
    let from_metadata = ArticleMeta {
        title: text_string(info.title.as_deref())
            .filter(|t| is_real_title(t))
            .map(|t| Sourced::new(t, MetaSource::PdfMetadata)),
        author: text_string(info.author.as_deref())
            .map(|a| Sourced::new(a, MetaSource::PdfMetadata)),
        ..ArticleMeta::default()
    };
    let heading = ArticleMeta {
        title: laid_out
            .heading
            .map(|h| Sourced::new(h, MetaSource::PdfHeading)),
        ..ArticleMeta::default()
    };
    let dateline = ArticleMeta {
        date: clues.date,
        outlet: clues.outlet,
        ..ArticleMeta::default()
    };
    let created = ArticleMeta {
        date: (info.creation_date.as_ref())
            .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()))
            .map(|d| Sourced::new(d, MetaSource::PdfMetadata)),
        ..ArticleMeta::default()
    };
    let meta = from_metadata.or(heading).or(dateline).or(created);
    Ok(ArticlesRead::one(IncomingArticle {
        text: laid_out.text,
        meta,
        origin: Origin::file(path),
    }))
}

/// Why a PDF could not be opened, in words.
fn load_error_message(error: LoadPdfError) -> &'static str {
    match error {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => {
            "the PDF is encrypted and needs a password to open; save an unprotected copy and import that"
        }
        LoadPdfError::Decryption(DecryptionError::UnsupportedAlgorithm) => {
            "the PDF is encrypted with a method Stance cannot read; save an unprotected copy and import that"
        }
        LoadPdfError::Decryption(
            DecryptionError::InvalidEncryption | DecryptionError::MissingIDEntry,
        ) => "the PDF is encrypted and its encryption data is damaged",
        LoadPdfError::Invalid => "not a readable PDF: the file is damaged or truncated",
    }
}

/// A PDF text string: UTF-16BE after a byte-order mark, UTF-8 after its mark, else
/// PDFDocEncoding (Latin-1 for the letters titles use). Blank is `None`.
fn text_string(bytes: Option<&[u8]>) -> Option<String> {
    let bytes = bytes?;
    let text = if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A metadata title an author meant, not one a tool left: `Microsoft Word - draft.docx`,
/// `untitled`, a file name.
fn is_real_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    let tool_left = lower.starts_with("microsoft word - ")
        || lower.starts_with("untitled")
        || lower == "title"
        || [
            ".doc", ".docx", ".odt", ".rtf", ".txt", ".pdf", ".indd", ".qxd",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext));
    !tool_left && title.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_titles_are_not_titles() {
        assert!(is_real_title("Ceasefire Talks: A Briefing"));
        assert!(!is_real_title("Microsoft Word - brief_v3.docx"));
        assert!(!is_real_title("Untitled"));
        assert!(!is_real_title("report.pdf"));
        assert!(!is_real_title("12345"));
    }

    #[test]
    fn text_strings_read_in_each_encoding() {
        assert_eq!(
            text_string(Some(&[0xfe, 0xff, 0, b'A', 0, 0xe9])).as_deref(),
            Some("Aé")
        );
        assert_eq!(
            text_string(Some(b"Caf\xe9  talks")).as_deref(),
            Some("Café talks")
        );
        assert_eq!(text_string(Some(b"  ")), None);
    }

    #[test]
    fn only_pdfs_are_pdfs() {
        assert!(is_pdf(b"%PDF-1.7\n"));
        assert!(is_pdf(b"\r\n%PDF-1.4"));
        assert!(!is_pdf(b"PDF-1.4"));
    }
}
