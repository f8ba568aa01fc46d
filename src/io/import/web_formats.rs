//! The web half of the pipeline's dispatch: saved web pages, feeds and word processor files,
//! each told by its content first (a `.xml` feed, a page saved as `.txt`), its extension next.

use std::path::Path;

use crate::io::error::ImportError;
use crate::io::file_name::has_extension;
use crate::io::formats::article::ArticlesRead;
use crate::io::formats::{feed, html, word};

/// The articles of a web page, feed or `.docx`/`.odt` file; `None` for other files.
///
/// # Errors
/// A file that is one of these (by content or extension) but cannot be read, naming it.
pub(super) fn read_web_formats(
    path: &Path,
    bytes: &[u8],
) -> Result<Option<ArticlesRead>, ImportError> {
    let is_word_extension = has_extension(path, word::WORD_EXTENSIONS);
    if word::is_zip(bytes) {
        return match word::read_word(path, bytes) {
            Ok(read) => Ok(Some(read)),
            Err(e) if is_word_extension => Err(e),
            // Some other zip archive: the caller names it unsupported.
            Err(_) => Ok(None),
        };
    }
    if is_word_extension {
        return word::read_word(path, bytes).map(Some);
    }
    if feed::looks_like_feed(bytes) || has_extension(path, feed::FEED_EXTENSIONS) {
        return feed::read_feed(path, bytes).map(Some);
    }
    if html::looks_like_html(bytes) || has_extension(path, html::HTML_EXTENSIONS) {
        return html::read_html(path, bytes).map(Some);
    }
    Ok(None)
}
