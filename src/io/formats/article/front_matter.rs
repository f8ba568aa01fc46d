//! An article's front-matter block: title, date, outlet, author, URL and language between two
//! `---` lines at the very top of the file.
//!
//! ```text
//! ---
//! title: Talks resume in Geneva
//! date: 2025-11-23
//! outlet: The Geneva Ledger
//! author: Jane Doe
//! url: https://example.org/geneva
//! language: en
//! ---
//! ```
//!
//! Only these keys are read; any other line is an error naming its line and column, so
//! nothing the author wrote is dropped without a word.

use chrono::NaiveDate;
use thiserror::Error;

use crate::io::error::TextPosition;

/// What a front-matter block says; each field only when given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Why a front-matter block cannot be read, at a 1-based line and column of the text.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{position}: {problem}")]
pub struct FrontMatterError {
    pub position: TextPosition,
    pub problem: FrontMatterProblem,
}

/// What is wrong with a front-matter line.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum FrontMatterProblem {
    #[error("the front matter opened by `---` on line 1 is never closed by another `---` line")]
    Unclosed,
    #[error("expected `key: value` in the front matter")]
    NotKeyValue,
    #[error(
        "unknown front-matter key {0:?}; expected title, date, outlet, author, url or language"
    )]
    UnknownKey(String),
    #[error("{0:?} is not a date; write it as YYYY-MM-DD")]
    BadDate(String),
    #[error("front-matter key {0:?} is given twice")]
    Repeated(String),
    #[error("front-matter key {0:?} has no value")]
    EmptyValue(String),
}

/// The fence that opens and closes the block.
const FENCE: &str = "---";

/// Splits a front-matter block off `text` (already normalised: `\n` line ends). Returns
/// `Ok(None)` when the text does not open with `---`.
///
/// # Errors
/// The block is not closed, or one of its lines is not a known `key: value`.
pub fn split_front_matter(text: &str) -> Result<Option<(FrontMatter, &str)>, FrontMatterError> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok(None);
    };
    if first.trim_end() != FENCE {
        return Ok(None);
    }
    let mut matter = FrontMatter::default();
    let mut offset_bytes = first.len();
    for line in lines {
        let line_start = offset_bytes;
        offset_bytes += line.len();
        let content = line.trim_end();
        if content == FENCE {
            let body = text[offset_bytes..].trim_start_matches(['\n', ' ', '\t']);
            return Ok(Some((matter, body)));
        }
        if content.trim().is_empty() {
            continue;
        }
        read_line(text, line_start, content, &mut matter)?;
    }
    Err(FrontMatterError {
        position: TextPosition { line: 1, col: 1 },
        problem: FrontMatterProblem::Unclosed,
    })
}

/// Reads one `key: value` line starting at byte `line_start` of `text`.
fn read_line(
    text: &str,
    line_start: usize,
    content: &str,
    matter: &mut FrontMatter,
) -> Result<(), FrontMatterError> {
    let at = |offset_in_line: usize, problem| FrontMatterError {
        position: TextPosition::of_byte(text, line_start + offset_in_line),
        problem,
    };
    let key_start = content.len() - content.trim_start().len();
    let Some((key, value)) = content.split_once(':') else {
        return Err(at(key_start, FrontMatterProblem::NotKeyValue));
    };
    let value_start = key.len() + 1 + (value.len() - value.trim_start().len());
    let key = key.trim().to_lowercase();
    let value = unquote(value.trim());
    if value.is_empty() {
        return Err(at(key_start, FrontMatterProblem::EmptyValue(key)));
    }
    let repeated = |key: String| at(key_start, FrontMatterProblem::Repeated(key));
    match key.as_str() {
        "title" | "outlet" | "author" | "url" | "language" => {
            let slot = match key.as_str() {
                "title" => &mut matter.title,
                "outlet" => &mut matter.outlet,
                "author" => &mut matter.author,
                "language" => &mut matter.language,
                _ => &mut matter.url,
            };
            if slot.is_some() {
                return Err(repeated(key));
            }
            *slot = Some(value.to_owned());
        }
        "date" => {
            let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") else {
                return Err(at(
                    value_start,
                    FrontMatterProblem::BadDate(value.to_owned()),
                ));
            };
            if matter.date.is_some() {
                return Err(repeated(key));
            }
            matter.date = Some(date);
        }
        _ => return Err(at(key_start, FrontMatterProblem::UnknownKey(key))),
    }
    Ok(())
}

/// A value in matching double or single quotes loses them: `"Reuters"` is `Reuters`.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_the_body_after_the_block() {
        let text = "---\ntitle: Talks resume\ndate: 2025-11-23\noutlet: \"The Ledger\"\nurl: https://example.org/a\n---\n\nBody text.";
        let (matter, body) = split_front_matter(text).unwrap().unwrap();
        assert_eq!(matter.title.as_deref(), Some("Talks resume"));
        assert_eq!(matter.date, NaiveDate::from_ymd_opt(2025, 11, 23));
        assert_eq!(matter.outlet.as_deref(), Some("The Ledger"));
        assert_eq!(matter.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(body, "Body text.");
    }

    #[test]
    fn text_without_a_block_is_left_alone() {
        assert_eq!(split_front_matter("Body --- text"), Ok(None));
        assert_eq!(split_front_matter(""), Ok(None));
        assert_eq!(split_front_matter("----\ntitle: x\n---\n"), Ok(None));
    }

    #[test]
    fn errors_name_line_and_column() {
        let cases = [
            ("---\ntitle: a\n", 1, 1, "never closed"),
            ("---\ntitle a\n---\n", 2, 1, "key: value"),
            (
                "---\n  editor: Me\n---\n",
                2,
                3,
                "unknown front-matter key \"editor\"",
            ),
            ("---\ndate: 23 Nov 2025\n---\n", 2, 7, "not a date"),
            ("---\ntitle: a\ntitle: b\n---\n", 3, 1, "given twice"),
            ("---\noutlet:\n---\n", 2, 1, "no value"),
        ];
        for (text, line, col, words) in cases {
            let err = split_front_matter(text).unwrap_err();
            assert_eq!(err.position, TextPosition { line, col }, "{text:?}");
            assert!(err.to_string().contains(words), "{err}");
        }
    }
}
