//! Factiva text exports ("Full Article/Report plus Indexing" saved as text): many articles in
//! one file, each a run of two- or three-letter field codes. Read only.
//!
//! A code stands alone on its line with the value on the lines below (`HD` then the
//! headline), or before a tab on the value's own line (`HD\tThe headline`). Each article
//! opens with `HD` and closes with `AN` (its accession number, `Document GENLED00…`). Read:
//! `HD` headline → title, `PD` → date, `SN` source name → outlet, `BY` → author, `LA` →
//! language, `LP` lead paragraphs and `TD` the rest → the text. Every other code (`WC`, `ET`,
//! `SC`, `ED`, `PG`, `CY`, `CO`, `IN`, `NS`, `RE`, `IPC`, `IPD`, `PUB`, `AN`, …) is read past;
//! none reaches the text. All values are [`MetaSource::FactivaField`].

use std::path::Path;

use super::article::dates::{date_line, find_date};
use super::article::headline::author_from_byline;
use super::article::language::language_tag;
use super::article::{
    ArticleMeta, ArticlesRead, IncomingArticle, MetaSource, Origin, Part, RefusedArticle, Sourced,
};

/// Factiva's field codes (as its exports print them).
const CODES: &[&str] = &[
    "HD", "CX", "SE", "HLP", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA",
    "CY", "LP", "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "ART", "CLM",
    "NGC", "RST", "FDS", "DE", "ARTICLE",
];

/// A field code that opens a line: alone, or before a tab and its value.
fn code_of(line: &str) -> Option<(&'static str, &str)> {
    let line = line.trim_end();
    let (code, value) = match line.split_once('\t') {
        Some((code, value)) => (code.trim(), value.trim()),
        None => (line.trim(), ""),
    };
    let known = CODES.iter().find(|c| **c == code)?;
    Some((known, value))
}

/// True if `text` is a Factiva export: it has headline, date and accession codes.
#[must_use]
pub fn is_factiva(text: &str) -> bool {
    let (mut hd, mut pd, mut an) = (false, false, false);
    for line in text.lines() {
        match code_of(line) {
            Some(("HD", _)) => hd = true,
            Some(("PD", _)) => pd = true,
            Some(("AN", _)) => an = true,
            _ => {}
        }
        if hd && pd && an {
            return true;
        }
    }
    false
}

/// One field of an article: its code and value lines.
struct Field<'a> {
    code: &'static str,
    lines: Vec<&'a str>,
}

/// Reads every article of a Factiva export. An article with no `LP`/`TD` text is refused with
/// its place in the file.
#[must_use]
pub fn read_factiva(path: &Path, text: &str) -> ArticlesRead {
    let articles = split_articles(text);
    let of = articles.len();
    let mut read = ArticlesRead::default();
    for (index, (line, fields)) in articles.into_iter().enumerate() {
        let origin = Origin::File {
            path: path.to_path_buf(),
            part: Some(Part {
                number: index + 1,
                of,
                line: Some(line + 1),
            }),
        };
        let (meta, body) = read_fields(&fields);
        if body.is_empty() {
            read.refused.push(RefusedArticle {
                origin,
                reason: "the article has no text (no LP or TD field)".to_owned(),
            });
        } else {
            read.articles.push(IncomingArticle {
                text: body,
                meta,
                origin,
            });
        }
    }
    read
}

/// The articles of the file, each with the 0-based line of its `HD` and its fields. A new
/// `HD` opens an article even where the last one had no `AN`.
fn split_articles(text: &str) -> Vec<(usize, Vec<Field<'_>>)> {
    let mut articles: Vec<(usize, Vec<Field<'_>>)> = Vec::new();
    let mut current: Option<(usize, Vec<Field<'_>>)> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some((code, value)) = code_of(line) {
            if code == "HD"
                && let Some(done) = current.take()
            {
                articles.push(done);
            }
            let article = current.get_or_insert_with(|| (i, Vec::new()));
            let lines = if value.is_empty() {
                Vec::new()
            } else {
                vec![value]
            };
            article.1.push(Field { code, lines });
        } else if let Some((_, fields)) = current.as_mut()
            && let Some(field) = fields.last_mut()
        {
            field.lines.push(line);
        }
        // Lines before the first code (a cover page) belong to no article.
    }
    articles.extend(current);
    articles
}

/// The metadata and text (LP then TD paragraphs) of one article's fields.
fn read_fields(fields: &[Field<'_>]) -> (ArticleMeta, String) {
    let mut meta = ArticleMeta::default();
    let mut paragraphs: Vec<String> = Vec::new();
    let sourced = |v: String| Sourced::new(v, MetaSource::FactivaField);
    for field in fields {
        let joined = paragraphs_of(&field.lines);
        let one_line = joined.join(" ");
        match field.code {
            "HD" if meta.title.is_none() && !one_line.is_empty() => {
                meta.title = Some(sourced(one_line));
            }
            "PD" if meta.date.is_none() => {
                let date = date_line(&one_line).or_else(|| find_date(&one_line).map(|(d, _)| d));
                meta.date = date.map(|d| Sourced::new(d, MetaSource::FactivaField));
            }
            "SN" if meta.outlet.is_none() && !one_line.is_empty() => {
                meta.outlet = Some(sourced(one_line));
            }
            "BY" if meta.author.is_none() => {
                meta.author = author_from_byline(&one_line).map(sourced);
            }
            "LA" if meta.language.is_none() => meta.language = language_tag(&one_line).map(sourced),
            "LP" | "TD" => paragraphs.extend(joined),
            _ => {}
        }
    }
    (meta, paragraphs.join("\n\n"))
}

/// Blank-line separated paragraphs of value lines, each paragraph's lines joined by a space.
fn paragraphs_of(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(trimmed);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    const EXPORT: &str = include_str!("../../../../tests/data/intake/factiva.txt");

    fn value<T: Clone>(field: Option<&Sourced<T>>) -> Option<T> {
        field.map(|f| f.value.clone())
    }

    #[test]
    fn an_export_splits_into_articles_with_their_fields() {
        assert!(is_factiva(EXPORT));
        let read = read_factiva(Path::new("factiva.txt"), EXPORT);
        assert_eq!(read.articles.len(), 2, "{:?}", read.refused);
        let first = &read.articles[0];
        assert_eq!(
            value(first.meta.title.as_ref()).as_deref(),
            Some("Valley Council Offers Ceasefire Talks")
        );
        assert_eq!(
            value(first.meta.date.as_ref()),
            NaiveDate::from_ymd_opt(2016, 9, 6)
        );
        assert_eq!(
            value(first.meta.outlet.as_ref()).as_deref(),
            Some("The Geneva Ledger")
        );
        assert_eq!(
            value(first.meta.author.as_ref()).as_deref(),
            Some("Marta Okonjo-Lindqvist")
        );
        assert_eq!(value(first.meta.language.as_ref()).as_deref(), Some("en"));
        assert!(
            first
                .text
                .starts_with("GENEVA -- The valley council offered")
        );
        assert!(first.text.contains("on Tuesday.\n\nThe northern side"));
        assert!(first.text.ends_with("by the weekend."), "{}", first.text);

        let second = &read.articles[1];
        assert_eq!(
            value(second.meta.date.as_ref()),
            NaiveDate::from_ymd_opt(2016, 9, 7)
        );
        assert_eq!(
            value(second.meta.outlet.as_ref()).as_deref(),
            Some("Baltic Courier")
        );
        assert_eq!(value(second.meta.author.as_ref()), None);

        for article in &read.articles {
            for line in article.text.lines() {
                assert!(
                    code_of(line).is_none(),
                    "a field code in the text: {line:?}"
                );
                assert!(!line.contains("Document GENLED"), "{line:?}");
                assert!(!line.contains("words"), "the word count leaked: {line:?}");
            }
        }
        assert_eq!(read.refused.len(), 1);
        assert!(read.refused[0].to_string().contains("article 3 of 3"));
    }

    #[test]
    fn codes_before_a_tab_read_like_codes_on_their_own_line() {
        let text = "HD\tPort Talks Resume\nPD\t12 March 2019\nSN\tHarbour Times\nTD\tThe talks resumed.\nAN\tDocument HARB000020190312\n";
        assert!(is_factiva(text));
        let read = read_factiva(Path::new("f.txt"), text);
        let [article] = read.articles.as_slice() else {
            panic!("one article: {read:?}");
        };
        assert_eq!(article.text, "The talks resumed.");
        assert_eq!(
            value(article.meta.title.as_ref()).as_deref(),
            Some("Port Talks Resume")
        );
    }

    #[test]
    fn plain_text_is_not_factiva() {
        assert!(!is_factiva("HD\nJust a line\n"));
        assert!(!is_factiva(
            "IN the morning talks resumed.\nAN agreement followed."
        ));
    }
}
