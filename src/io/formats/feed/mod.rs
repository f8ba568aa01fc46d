//! Feeds (RSS 2.0 and Atom, RSS 1.0 and JSON Feed too, all through `feed-rs`): one article
//! per item, with its title, date, link and author, its HTML content cleaned like a web
//! page's text ([`super::html::text_from_fragment`]). The feed's title names the outlet.
//!
//! Dates are the publisher's own day: a custom timestamp parser keeps the local time a feed
//! writes (`2025-12-05T00:30:00+01:00` is the 5th, not the 4th in UTC).

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use feed_rs::model::{Entry, Feed, Text};

use super::article::{
    ArticleMeta, ArticlesRead, IncomingArticle, MetaSource, Origin, Part, RefusedArticle, Sourced,
};
use super::html::metadata::{TITLE_SEPARATORS, parse_date};
use super::html::text::inline_text;
use super::html::{text_from_fragment, without_leading_title};
use crate::io::error::ImportError;

/// Extensions of a feed file (a `.xml` file is recognised by its content: [`looks_like_feed`]).
pub const FEED_EXTENSIONS: &[&str] = &["rss", "atom"];

/// Media types servers give feeds.
pub const FEED_MEDIA_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
];

/// Whether the bytes open like an RSS, RDF or Atom feed (a root element named so, within
/// the first kilobytes, after the XML declaration, comments and stylesheets).
#[must_use]
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    let mut rest = head.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?").or_else(|| rest.strip_prefix("<!")) {
            let Some(end) = after.find('>') else {
                return false;
            };
            rest = &after[end + 1..];
            continue;
        }
        let Some(tag) = rest.strip_prefix('<') else {
            return false;
        };
        let name: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        let local = name.rsplit(':').next().unwrap_or(&name);
        return matches!(local, "rss" | "feed" | "RDF");
    }
}

/// Reads a feed file: one article per item with text; items without any are listed as
/// refused.
///
/// # Errors
/// The file is not a feed feed-rs can read, naming it and why.
pub fn read_feed(path: &Path, bytes: &[u8]) -> Result<ArticlesRead, ImportError> {
    articles_from_feed(bytes, &Origin::file(path)).map_err(|message| ImportError::Invalid {
        path: path.to_path_buf(),
        position: None,
        message,
    })
}

/// The articles of a feed read from `origin` (a file, or a fetched address).
///
/// # Errors
/// Why the bytes are no feed.
pub fn articles_from_feed(bytes: &[u8], origin: &Origin) -> Result<ArticlesRead, String> {
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(publisher_local_time)
        .sanitize_content(false)
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| format!("not a readable RSS or Atom feed: {e}"))?;
    let outlet = feed_outlet(&feed);
    let count = feed.entries.len();
    let mut read = ArticlesRead::default();
    for (index, entry) in feed.entries.iter().enumerate() {
        let item_origin = match origin {
            Origin::File { path, .. } => Origin::File {
                path: path.clone(),
                part: Some(Part {
                    number: index + 1,
                    of: count,
                    line: None,
                }),
            },
            other => other.clone(),
        };
        let meta = entry_meta(entry, &feed, outlet.clone());
        let title = meta.title.as_ref().map(|t| t.value.clone());
        let text = entry_text(entry, title.as_deref());
        if text.trim().is_empty() {
            read.refused.push(RefusedArticle {
                origin: item_origin,
                reason: format!(
                    "item {:?} has no text (no content or description)",
                    title.unwrap_or_default()
                ),
            });
            continue;
        }
        read.articles.push(IncomingArticle {
            text,
            meta,
            origin: item_origin,
        });
    }
    if count == 0 {
        return Err("the feed has no items".to_owned());
    }
    Ok(read)
}

/// The outlet a feed names: its title's last part (`World – The Harbour Courier`), or its
/// whole title.
fn feed_outlet(feed: &Feed) -> Option<String> {
    let title = feed.title.as_ref().map(plain_text)?;
    // Unlike a page title, a feed's head may be one word ("World – The Courier").
    let outlet = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .map(|(_, tail)| tail.trim())
        .filter(|tail| (1..=5).contains(&tail.split_whitespace().count()))
        .min_by_key(|tail| tail.len())
        .unwrap_or(&title)
        .to_owned();
    (!outlet.is_empty()).then_some(outlet)
}

fn entry_meta(entry: &Entry, feed: &Feed, outlet: Option<String>) -> ArticleMeta {
    let item = |value: String| Sourced::new(value, MetaSource::FeedItem);
    let title = entry
        .title
        .as_ref()
        .map(plain_text)
        .filter(|t| !t.is_empty());
    let date: Option<NaiveDate> = entry.published.or(entry.updated).map(|t| t.date_naive());
    // An Atom entry without authors has the feed's (RFC 4287, 4.2.1).
    let authors = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    let names: Vec<String> = authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(inline_text))
        .filter(|n| !n.is_empty())
        .collect();
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim().to_owned())
        .filter(|h| h.starts_with("http://") || h.starts_with("https://"));
    ArticleMeta {
        title: title.map(item),
        date: date.map(|d| Sourced::new(d, MetaSource::FeedItem)),
        outlet: outlet.map(item),
        author: (!names.is_empty()).then(|| item(names.join(", "))),
        url: link.map(item),
        language: entry
            .language
            .clone()
            .or_else(|| feed.language.clone())
            .map(item),
    }
}

/// The item's text: its full content, else its summary (RSS `description`), cleaned of
/// markup, less a first paragraph repeating the title and a WordPress "The post … appeared
/// first on …" trailer.
fn entry_text(entry: &Entry, title: Option<&str>) -> String {
    let html = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .filter(|b| !b.trim().is_empty());
    let text = match (html, &entry.summary) {
        (Some(body), _) => text_from_fragment(&body),
        (None, Some(summary)) => rich_text(summary),
        (None, None) => String::new(),
    };
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    if paragraphs
        .last()
        .is_some_and(|p| p.starts_with("The post ") && p.contains(" appeared first on "))
    {
        paragraphs.pop();
    }
    without_leading_title(&paragraphs.join("\n\n"), title)
}

/// A feed text as paragraphs: HTML (and XHTML) cleaned, plain text kept with its breaks.
fn rich_text(text: &Text) -> String {
    if text.content_type.to_string().contains("html") {
        text_from_fragment(&text.content)
    } else {
        // Plain text: feeds often still escape markup in it; paragraphs are its blank lines.
        text_from_fragment(&text.content.replace("\n\n", "<p>"))
    }
}

/// A title or name: one line, markup dropped.
fn plain_text(text: &Text) -> String {
    inline_text(&rich_text(text).replace('\n', " "))
}

/// A feed timestamp as the publisher wrote its local time (marked UTC so feed-rs keeps it):
/// only its day is used, and that is the publisher's day.
fn publisher_local_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let local = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .map(|t| t.naive_local())
        .ok()
        .or_else(|| parse_date(text).and_then(|d| d.and_hms_opt(0, 0, 0)))?;
    Some(local.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_told_by_their_root_element() {
        assert!(looks_like_feed(
            b"<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">"
        ));
        assert!(looks_like_feed(
            b"\xef\xbb\xbf<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(looks_like_feed(
            b"<?xml version=\"1.0\"?><?xml-stylesheet href=\"a\"?><rdf:RDF>"
        ));
        assert!(!looks_like_feed(b"<?xml version=\"1.0\"?><project/>"));
        assert!(!looks_like_feed(b"<html><body>"));
        assert!(!looks_like_feed(b""));
    }

    #[test]
    fn an_item_dated_just_after_midnight_keeps_its_day() {
        let t = publisher_local_time("2025-12-05T00:30:00+01:00").unwrap();
        assert_eq!(
            t.date_naive(),
            NaiveDate::from_ymd_opt(2025, 12, 5).unwrap()
        );
        let t = publisher_local_time("Fri, 05 Dec 2025 23:30:00 -0500").unwrap();
        assert_eq!(
            t.date_naive(),
            NaiveDate::from_ymd_opt(2025, 12, 5).unwrap()
        );
        assert!(publisher_local_time("soon").is_none());
    }

    #[test]
    fn a_feed_without_items_or_a_broken_one_is_an_error() {
        let origin = Origin::Clipboard;
        let empty = b"<rss version=\"2.0\"><channel><title>x</title></channel></rss>";
        assert!(articles_from_feed(empty, &origin).is_err());
        assert!(articles_from_feed(b"<rss><channel><item><title>x", &origin).is_err());
        assert!(articles_from_feed(b"not xml at all", &origin).is_err());
    }

    #[test]
    fn an_item_without_text_is_refused_and_the_others_kept() {
        let feed = br#"<rss version="2.0"><channel><title>Desk</title>
            <item><title>Only a title</title><link>https://a.example/1</link></item>
            <item><title>Kept</title><description>Some &lt;b&gt;text&lt;/b&gt;.</description></item>
            </channel></rss>"#;
        let read = articles_from_feed(feed, &Origin::file("f.rss")).unwrap();
        assert_eq!(read.articles.len(), 1);
        assert_eq!(read.articles[0].text, "Some text.");
        assert_eq!(read.refused.len(), 1);
        assert!(
            read.refused[0].to_string().contains("article 1 of 2"),
            "{}",
            read.refused[0]
        );
    }
}
