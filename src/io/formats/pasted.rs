//! Pasted text (`Edit → Paste as New Article`): the clipboard's HTML flavour when it has
//! one, cleaned like a web page's text (a browser's copy of a page wraps the selection in
//! `<html><body><!--StartFragment-->…`), else its plain text. The title is the selection's
//! `<h1>` or its first line when that reads as a headline.

use super::article::{ArticleMeta, IncomingArticle, MetaSource, Origin, Sourced};
use super::html::{fragment_meta, text_from_fragment, without_leading_title};
use crate::model::text::normalize_text;

/// The most text a paste may bring (a whole report pasted is a few megabytes).
pub const MAX_PASTE_BYTES: usize = 16 * 1024 * 1024;

/// Why the clipboard gave no article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasteError {
    #[error("the clipboard holds no text")]
    Empty,
    #[error("the clipboard holds {bytes} bytes of text; more than {MAX_PASTE_BYTES} is not pasted")]
    TooLarge { bytes: usize },
}

/// An article from the clipboard's HTML flavour (preferred) or plain text.
///
/// # Errors
/// [`PasteError`]: nothing to paste, or too much.
pub fn article_from_clipboard(
    html: Option<&str>,
    text: Option<&str>,
) -> Result<IncomingArticle, PasteError> {
    let size = html.map_or(0, str::len).max(text.map_or(0, str::len));
    if size > MAX_PASTE_BYTES {
        return Err(PasteError::TooLarge { bytes: size });
    }
    let from_html = html
        .filter(|h| !h.trim().is_empty())
        .map(|h| (text_from_fragment(h), fragment_meta(h)))
        .filter(|(text, _)| !text.trim().is_empty());
    let (body, mut meta) = match from_html {
        Some(found) => found,
        None => (
            normalize_text(text.unwrap_or_default()).trim().to_owned(),
            ArticleMeta::default(),
        ),
    };
    if body.trim().is_empty() {
        return Err(PasteError::Empty);
    }
    if meta.title.is_none() {
        meta.title = headline(&body).map(|t| Sourced::new(t, MetaSource::FirstLine));
    }
    let text = without_leading_title(&body, meta.title.as_ref().map(|t| t.value.as_str()));
    // A paste that is only a headline keeps it as its text: an article is never empty.
    let text = if text.trim().is_empty() { body } else { text };
    Ok(IncomingArticle {
        text,
        meta,
        origin: Origin::Clipboard,
    })
}

/// The first line, when it reads as a headline: short, not ending a sentence, and followed
/// by more text.
fn headline(text: &str) -> Option<String> {
    let (first, rest) = text.split_once('\n')?;
    let first = first.trim();
    let words = first.split_whitespace().count();
    let ends_sentence = first.ends_with(['.', ',', ';', ':']);
    ((1..=20).contains(&words) && !ends_sentence && !rest.trim().is_empty())
        .then(|| first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_copy_is_cleaned_and_titled_by_its_heading() {
        let html = "<html><body>\n<!--StartFragment--><h1>Envoys meet</h1><p>The talks&nbsp;resumed.</p>\
                    <script>x()</script><p>Both sides spoke.</p><!--EndFragment-->\n</body></html>";
        let article =
            article_from_clipboard(Some(html), Some("Envoys meet\nThe talks resumed.")).unwrap();
        assert_eq!(article.text, "The talks resumed.\n\nBoth sides spoke.");
        let title = article.meta.title.unwrap();
        assert_eq!(
            (title.value.as_str(), title.from),
            ("Envoys meet", MetaSource::ClipboardHtml)
        );
        assert_eq!(article.origin, Origin::Clipboard);
    }

    #[test]
    fn plain_text_takes_a_headline_first_line() {
        let article =
            article_from_clipboard(None, Some("Talks resume\r\n\r\nThe envoys met.")).unwrap();
        assert_eq!(article.text, "The envoys met.");
        assert_eq!(article.meta.title.unwrap().from, MetaSource::FirstLine);
        let sentence =
            article_from_clipboard(Some("  "), Some("The envoys met. They spoke.\nMore.")).unwrap();
        assert!(sentence.meta.title.is_none());
        assert_eq!(sentence.text, "The envoys met. They spoke.\nMore.");
    }

    #[test]
    fn nothing_to_paste_is_an_error() {
        assert_eq!(article_from_clipboard(None, None), Err(PasteError::Empty));
        assert_eq!(
            article_from_clipboard(Some("<p> </p>"), Some(" \n ")),
            Err(PasteError::Empty)
        );
    }
}
