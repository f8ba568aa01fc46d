//! Nexis / LexisNexis text exports: many articles in one file, each split into its own
//! article. Read only (Stance writes no Nexis files).
//!
//! Two shapes, told apart by content whatever the file's extension:
//!
//! - **Classic** (LexisNexis Academic): each article opens with a `N of M DOCUMENTS` line,
//!   then the outlet, the date line (`September 6, 2016 Tuesday`), maybe an edition and a
//!   copyright line, the headline, and field lines (`BYLINE:`, `SECTION:`, `LENGTH:`,
//!   `DATELINE:`…); the body follows, then trailing fields (`LOAD-DATE:`, `LANGUAGE:`,
//!   `PUBLICATION-TYPE:`, `URL:`…) and the copyright notice.
//! - **Nexis Uni**: each article ends with an `End of Document` line. It opens with the
//!   headline, the outlet, the date line and the edition, then the copyright line and
//!   Title-case fields (`Section:`, `Length:`, `Byline:`…); a `Body` line opens the text,
//!   which runs to `Classification`, `Graphic`, `Notes` or the trailing fields.
//!
//! Field lines never reach the text. Each article's title is its headline, its date the date
//! line, its outlet the outlet line, its author the byline, its language and URL the fields
//! of those names (all [`MetaSource::NexisField`]).

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::article::dates::date_line;
use super::article::headline::author_from_byline;
use super::article::language::language_tag;
use super::article::{
    ArticleMeta, ArticlesRead, IncomingArticle, MetaSource, Origin, Part, RefusedArticle, Sourced,
};

/// `1 of 500 DOCUMENTS`.
static DOCUMENT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?P<n>\d{1,6})\s+of\s+(?P<m>\d{1,6})\s+documents?\s*$")
        .unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// `BYLINE: By Jane Doe`, `Load-Date: September 7, 2016`.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<name>[A-Za-z][A-Za-z\-]{1,30}):(?:\s+(?P<value>.*))?$")
        .unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// Fields between the headline and the body.
const HEAD_FIELDS: &[&str] = &[
    "BYLINE",
    "SECTION",
    "LENGTH",
    "DATELINE",
    "HEADLINE",
    "HIGHLIGHT",
    "EDITION",
    "SERIES",
    "COLUMN",
    "TYPE",
    "SOURCE",
    "AUTHOR",
    "ABSTRACT",
];

/// Fields after the body; the first of them ends it.
const TAIL_FIELDS: &[&str] = &[
    "LOAD-DATE",
    "LANGUAGE",
    "URL",
    "GRAPHIC",
    "PUBLICATION-TYPE",
    "CORRECTION-DATE",
    "CORRECTION",
    "DOCUMENT-TYPE",
    "JOURNAL-CODE",
    "SUBJECT",
    "ORGANIZATION",
    "PERSON",
    "GEOGRAPHIC",
    "CITY",
    "STATE",
    "COUNTRY",
    "TICKER",
    "INDUSTRY",
    "NOTES",
    "DISTRIBUTION",
    "ACC-NO",
    "PUB-TYPE",
    "DOC-ID",
    "COMPANY",
    "TERMS",
];

/// Lines of Nexis Uni that end the body.
const TAIL_MARKERS: &[&str] = &["classification", "graphic", "notes", "end of document"];

/// Which of the two shapes a file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Classic,
    Uni,
}

/// True if `text` is a Nexis export in either shape.
#[must_use]
pub fn is_nexis(text: &str) -> bool {
    shape(text).is_some()
}

fn shape(text: &str) -> Option<Shape> {
    let mut has_end = false;
    let mut has_body = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if DOCUMENT_COUNT.is_match(trimmed) {
            return Some(Shape::Classic);
        }
        has_end |= trimmed.eq_ignore_ascii_case("end of document");
        has_body |= trimmed == "Body";
    }
    (has_end && has_body).then_some(Shape::Uni)
}

/// Reads every article of a Nexis export (see the module's documentation). An article with
/// no body is refused with its place in the file; the others are read.
#[must_use]
pub fn read_nexis(path: &Path, text: &str) -> ArticlesRead {
    let lines: Vec<&str> = text.lines().collect();
    let records = match shape(text) {
        Some(Shape::Classic) => classic_records(&lines),
        Some(Shape::Uni) => uni_records(&lines),
        None => Vec::new(),
    };
    let of = records.len();
    let mut read = ArticlesRead::default();
    for (index, record) in records.into_iter().enumerate() {
        let origin = Origin::File {
            path: path.to_path_buf(),
            part: Some(Part {
                number: index + 1,
                of,
                line: Some(record.first_line + 1),
            }),
        };
        let body_lines = &lines[record.start..record.end];
        match read_record(body_lines, record.shape) {
            Some((meta, text)) => read.articles.push(IncomingArticle { text, meta, origin }),
            None => read.refused.push(RefusedArticle {
                origin,
                reason: "the article has no text".to_owned(),
            }),
        }
    }
    read
}

/// One article's lines, `start..end` of the file, and the line where it is announced.
struct Record {
    shape: Shape,
    first_line: usize,
    start: usize,
    end: usize,
}

/// Classic: each `N of M DOCUMENTS` line opens an article that runs to the next.
fn classic_records(lines: &[&str]) -> Vec<Record> {
    let starts: Vec<usize> = (lines.iter().enumerate())
        .filter(|(_, l)| DOCUMENT_COUNT.is_match(l.trim()))
        .map(|(i, _)| i)
        .collect();
    (starts.iter().enumerate())
        .map(|(k, &at)| Record {
            shape: Shape::Classic,
            first_line: at,
            start: at + 1,
            end: starts.get(k + 1).copied().unwrap_or(lines.len()),
        })
        .collect()
}

/// Nexis Uni: each `End of Document` line closes an article. Text after the last one (a
/// blank tail) is not an article.
fn uni_records(lines: &[&str]) -> Vec<Record> {
    let mut records = Vec::new();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().eq_ignore_ascii_case("end of document") {
            let first_line = (start..i)
                .find(|&k| !lines[k].trim().is_empty())
                .unwrap_or(start);
            records.push(Record {
                shape: Shape::Uni,
                first_line,
                start,
                end: i,
            });
            start = i + 1;
        }
    }
    records
}

/// A field line's name (upper case) and value, if the name is a Nexis field.
fn field(line: &str) -> Option<(String, &str)> {
    let caps = FIELD.captures(line)?;
    let name = caps.name("name")?.as_str().to_ascii_uppercase();
    let known = HEAD_FIELDS.contains(&name.as_str()) || TAIL_FIELDS.contains(&name.as_str());
    known.then(|| (name, caps.name("value").map_or("", |v| v.as_str().trim())))
}

fn is_tail(line: &str) -> bool {
    let trimmed = line.trim();
    TAIL_MARKERS.contains(&trimmed.to_ascii_lowercase().as_str())
        || field(line).is_some_and(|(name, _)| TAIL_FIELDS.contains(&name.as_str()))
}

fn is_copyright(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.starts_with("Copyright") || trimmed.starts_with('©') || trimmed.starts_with("(c)")
}

/// Blank-line separated groups of trimmed lines, each with its index in `lines`.
fn groups<'a>(lines: &[&'a str]) -> Vec<Vec<(usize, &'a str)>> {
    let mut out: Vec<Vec<(usize, &str)>> = Vec::new();
    let mut current = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push((i, trimmed));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The metadata and text of one article, or `None` when it has no body.
fn read_record(lines: &[&str], shape: Shape) -> Option<(ArticleMeta, String)> {
    let first_field = lines.iter().position(|l| field(l).is_some());
    let header_end = first_field.unwrap_or(lines.len());
    let mut meta = match shape {
        Shape::Classic => classic_header(&lines[..header_end]),
        Shape::Uni => uni_header(&lines[..header_end]),
    };
    let body_start = match shape {
        // The body is the first paragraph after the head fields that is not one of them.
        Shape::Classic => {
            let after = first_field.unwrap_or(header_end);
            head_fields_end(lines, after)
        }
        Shape::Uni => match lines.iter().position(|l| l.trim() == "Body") {
            Some(at) => at + 1,
            None => head_fields_end(lines, first_field.unwrap_or(header_end)),
        },
    };
    let body_lines = lines.get(body_start..).unwrap_or_default();
    let body_end = body_lines
        .iter()
        .position(|l| is_tail(l))
        .unwrap_or(body_lines.len());
    for line in lines.iter().take(body_start).chain(&body_lines[body_end..]) {
        if let Some((name, value)) = field(line) {
            apply_field(&mut meta, &name, value);
        }
    }
    let paragraphs: Vec<String> = groups(&body_lines[..body_end])
        .into_iter()
        .map(|group| {
            let words: Vec<&str> = group.into_iter().map(|(_, l)| l).collect();
            words.join(" ")
        })
        .filter(|p| !is_copyright(p))
        .collect();
    if paragraphs.is_empty() {
        return None;
    }
    Some((meta, paragraphs.join("\n\n")))
}

/// Where the head fields starting at `from` end: the first non-blank line that is neither a
/// field nor the continuation of one (a field's value may wrap onto following lines).
fn head_fields_end(lines: &[&str], from: usize) -> usize {
    let mut in_field = false;
    for (i, line) in lines.iter().enumerate().skip(from) {
        if line.trim().is_empty() {
            in_field = false;
        } else if field(line).is_some() {
            in_field = true;
        } else if !in_field {
            return i;
        }
    }
    lines.len()
}

/// Classic header: outlet, then the date line (and edition), maybe a copyright line, then the
/// headline, each group separated by blank lines.
fn classic_header(lines: &[&str]) -> ArticleMeta {
    let groups = groups(lines);
    let mut meta = ArticleMeta::default();
    let date_at = (groups.iter().enumerate())
        .find_map(|(g, group)| group.iter().find_map(|(_, l)| date_line(l).map(|d| (g, d))));
    if let Some((g, date)) = date_at {
        meta.date = Some(Sourced::new(date, MetaSource::NexisField));
        let outlet = (groups.iter().take(g + 1))
            .flatten()
            .map(|(_, l)| *l)
            .find(|l| date_line(l).is_none() && !is_copyright(l));
        meta.outlet = outlet.map(|o| Sourced::new(o.to_owned(), MetaSource::NexisField));
    }
    let after_date = date_at.map_or(1, |(g, _)| g + 1);
    let headline: Vec<&str> = (groups.iter().skip(after_date))
        .filter(|group| !group.iter().any(|(_, l)| is_copyright(l)))
        .flatten()
        .map(|(_, l)| *l)
        .collect();
    if !headline.is_empty() {
        meta.title = Some(Sourced::new(headline.join(" "), MetaSource::NexisField));
    }
    meta
}

/// Nexis Uni header: the group holding the date line reads headline, outlet, date, edition.
/// Groups before it (a cover page) are not the article's.
fn uni_header(lines: &[&str]) -> ArticleMeta {
    let groups = groups(lines);
    let mut meta = ArticleMeta::default();
    let Some((group, date_at, date)) = groups.iter().rev().find_map(|group| {
        (group.iter().enumerate()).find_map(|(k, (_, l))| date_line(l).map(|d| (group, k, d)))
    }) else {
        // No date line: the last group that is not a copyright notice opens with the headline.
        let last = groups
            .iter()
            .rev()
            .find(|g| !g.iter().any(|(_, l)| is_copyright(l)));
        if let Some((_, title)) = last.and_then(|g| g.first()) {
            meta.title = Some(Sourced::new((*title).to_owned(), MetaSource::NexisField));
        }
        return meta;
    };
    meta.date = Some(Sourced::new(date, MetaSource::NexisField));
    let before: Vec<&str> = group[..date_at].iter().map(|(_, l)| *l).collect();
    if let [title @ .., outlet] = before.as_slice() {
        meta.outlet = Some(Sourced::new((*outlet).to_owned(), MetaSource::NexisField));
        if !title.is_empty() {
            meta.title = Some(Sourced::new(title.join(" "), MetaSource::NexisField));
        }
    }
    meta
}

/// What a field says about the article.
fn apply_field(meta: &mut ArticleMeta, name: &str, value: &str) {
    let sourced = |v: String| Some(Sourced::new(v, MetaSource::NexisField));
    match name {
        "BYLINE" | "AUTHOR" if meta.author.is_none() => {
            meta.author = author_from_byline(value).and_then(sourced);
        }
        "HEADLINE" if meta.title.is_none() && !value.is_empty() => {
            meta.title = sourced(value.to_owned());
        }
        "LANGUAGE" if meta.language.is_none() => {
            meta.language = language_tag(value).and_then(sourced);
        }
        "URL" if meta.url.is_none() && !value.is_empty() => meta.url = sourced(value.to_owned()),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
