//! Web pages (`.html`, `.htm`): the article's body, readability-style, with its metadata.
//!
//! The page is parsed once by html5ever (through `dom_query`). Its metadata is read from the
//! whole page ([`metadata`]: JSON-LD, OpenGraph and `<meta>` tags, `<time>`, `<h1>`,
//! `<title>`, the canonical link); then `dom_smoothie` (a port of Mozilla's readability.js)
//! finds the article's container, dropping navigation, ads, related links, footers, scripts
//! and styles; [`text`] turns it into blank-line-separated paragraphs. A page readability
//! cannot score (a short note) falls back to its `<article>`, `<main>` or `<body>` less the
//! same non-prose elements. The same text conversion cleans a feed item's HTML and pasted
//! HTML ([`text_from_fragment`]).

mod boilerplate;
mod charset;
pub mod metadata;
pub mod text;

use std::path::Path;

use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError};

pub use self::charset::{content_type_charset, decode_html};
use crate::io::error::ImportError;
use crate::io::formats::article::{
    ArticleMeta, ArticlesRead, IncomingArticle, MetaSource, Origin, Sourced,
};

/// Extensions of a saved web page.
pub const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

/// The largest page Stance parses, saved or fetched: far above any news page (a few hundred
/// kilobytes), far below what would stall the parser.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// What a page holds for an analyst: its article text and what it says about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageArticle {
    pub text: String,
    pub meta: ArticleMeta,
}

/// Why a page gave no article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PageError {
    #[error("the page is {bytes} bytes; pages over {MAX_PAGE_BYTES} bytes are not read")]
    TooLarge { bytes: usize },
    #[error("the page has no article text (no paragraphs outside navigation, scripts and forms)")]
    NoText,
}

/// Reads a saved web page (the pipeline's reader shape: the file's bytes, read under the cap).
///
/// # Errors
/// A binary file, a page over [`MAX_PAGE_BYTES`] or without article text, naming the file.
pub fn read_html(path: &Path, bytes: &[u8]) -> Result<ArticlesRead, ImportError> {
    if is_binary(bytes) {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            position: None,
            message: "not a web page: the file holds binary data".to_owned(),
        });
    }
    let html = decode_html(bytes, None);
    let page = article_from_html(&html, None).map_err(|e| ImportError::Invalid {
        path: path.to_path_buf(),
        position: None,
        message: e.to_string(),
    })?;
    Ok(ArticlesRead::one(IncomingArticle {
        text: page.text,
        meta: page.meta,
        origin: Origin::file(path),
    }))
}

/// Whether the bytes open like an HTML document (`<!DOCTYPE html>` or `<html>`, after a
/// byte-order mark, blanks and comments), whatever the file is called.
#[must_use]
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        let Some(end) = comment.find("-->") else {
            return false;
        };
        rest = comment[end + 3..].trim_start();
    }
    rest.starts_with("<!doctype html") || rest.starts_with("<html")
}

/// Binary data, not markup: a NUL byte near the start of a file with no UTF-16 mark (text
/// never holds one).
#[must_use]
pub fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let is_utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    !is_utf16 && head.contains(&0)
}

/// The article of a page. `page_url` is where it was fetched from, to make its links
/// (the canonical one) absolute.
///
/// # Errors
/// [`PageError`]: too large, or no article text.
pub fn article_from_html(html: &str, page_url: Option<&str>) -> Result<PageArticle, PageError> {
    if html.len() > MAX_PAGE_BYTES {
        return Err(PageError::TooLarge { bytes: html.len() });
    }
    let doc = Document::from(html);
    let meta = metadata::page_meta(&doc, page_url);
    boilerplate::remove_boilerplate(&doc);
    let fallback = fallback_text(&doc);
    let mut text = readable_text(doc, page_url).unwrap_or_default();
    if text.trim().is_empty() {
        text = fallback;
    }
    let text = without_leading_title(&text, meta.title.as_ref().map(|t| t.value.as_str()));
    if text.trim().is_empty() {
        return Err(PageError::NoText);
    }
    Ok(PageArticle { text, meta })
}

/// Paragraphs of an HTML fragment taken as it is (a feed item's content, a pasted
/// selection): no readability scoring, which would throw away a short fragment, but still
/// without scripts, styles, navigation, forms, share tools and ads.
#[must_use]
pub fn text_from_fragment(html: &str) -> String {
    let html = html.get(..MAX_PAGE_BYTES).unwrap_or(html);
    let doc = Document::fragment(html);
    boilerplate::remove_boilerplate(&doc);
    text::paragraphs(&doc.root())
}

/// The metadata an HTML fragment carries in itself (pasted from a browser: its `<h1>`, a
/// `<time>`, `<meta>` tags if the whole page was copied), each marked as from the clipboard.
#[must_use]
pub fn fragment_meta(html: &str) -> ArticleMeta {
    let doc = Document::from(html.get(..MAX_PAGE_BYTES).unwrap_or(html));
    let meta = metadata::page_meta(&doc, None);
    let mark =
        |s: Option<Sourced<String>>| s.map(|s| Sourced::new(s.value, MetaSource::ClipboardHtml));
    ArticleMeta {
        title: mark(meta.title),
        date: meta
            .date
            .map(|d| Sourced::new(d.value, MetaSource::ClipboardHtml)),
        outlet: mark(meta.outlet),
        author: mark(meta.author),
        url: mark(meta.url),
        language: mark(meta.language),
    }
}

/// The article container readability finds, as paragraphs; `None` when it finds none.
fn readable_text(doc: Document, page_url: Option<&str>) -> Option<String> {
    let config = Config {
        // Metadata is read by `metadata`, with its sources; readability's own merge is not used.
        disable_json_ld: true,
        ..Config::default()
    };
    let page_url = page_url.filter(|u| url::Url::parse(u).is_ok());
    let mut readability = Readability::with_document(doc, page_url, Some(config)).ok()?;
    match readability.parse() {
        Ok(article) => Some(text::paragraphs(
            &Document::fragment(article.content).root(),
        )),
        Err(
            ReadabilityError::GrabFailed
            | ReadabilityError::TooManyElements(..)
            | ReadabilityError::BadDocumentURL,
        ) => None,
    }
}

/// The page's `<article>`, `[role=main]`, `<main>` or `<body>`, as paragraphs, for a page
/// readability could not score.
fn fallback_text(doc: &Document) -> String {
    for selector in ["article", "[role=main]", "main", "body"] {
        if let Some(node) = doc.select(selector).nodes().first() {
            let text = text::paragraphs(node);
            if !text.trim().is_empty() {
                return text;
            }
        }
    }
    text::paragraphs(&doc.root())
}

/// The text less a first paragraph that only repeats the headline (the page's `<h1>`),
/// which is the document's title already.
pub fn without_leading_title(text: &str, title: Option<&str>) -> String {
    let Some(title) = title else {
        return text.to_owned();
    };
    let (first, rest) = text.split_once("\n\n").unwrap_or((text, ""));
    let same = |a: &str, b: &str| {
        text::inline_text(a).to_lowercase() == text::inline_text(b).to_lowercase()
    };
    if same(first, title) {
        rest.to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_page_falls_back_to_its_article_element() {
        let page = article_from_html(
            "<html><head><title>Note</title></head><body><nav>Menu</nav>\
             <article><h1>A short note</h1><p>Only a line.</p></article><footer>©</footer></body></html>",
            None,
        )
        .unwrap();
        assert_eq!(page.text, "Only a line.");
        assert_eq!(page.meta.title.unwrap().value, "A short note");
    }

    #[test]
    fn a_page_without_text_is_refused() {
        for html in [
            "",
            "<html><body><nav>Home</nav><script>x()</script></body></html>",
            "\u{0}\u{1}",
        ] {
            assert_eq!(
                article_from_html(html, None),
                Err(PageError::NoText),
                "{html:?}"
            );
        }
    }

    #[test]
    fn a_fragment_keeps_its_paragraphs() {
        assert_eq!(
            text_from_fragment("<p>One &amp; two</p><p>Three</p><script>x</script>"),
            "One & two\n\nThree"
        );
    }
}
