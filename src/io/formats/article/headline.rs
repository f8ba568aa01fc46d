//! What the opening lines of a plain-text article say about it: the first line is its title
//! when it reads as a headline, and a date line or dateline among the first lines gives its
//! date (and a news agency, its outlet). The text itself is never cut: a headline or a date
//! line stays in the document, where the analyst can annotate it.

use super::dates::{date_line, dateline};
use super::incoming::{ArticleMeta, MetaSource, Sourced};

/// How many non-blank lines from the top a date line or dateline may be on.
const OPENING_LINES: usize = 8;
/// A headline is short.
const HEADLINE_MAX_CHARS: usize = 160;
const HEADLINE_MAX_WORDS: usize = 24;

/// The title, date and outlet the opening lines of `text` give (each only when found).
#[must_use]
pub fn opening_clues(text: &str) -> ArticleMeta {
    let mut meta = ArticleMeta {
        title: headline(text).map(|t| Sourced::new(t, MetaSource::FirstLine)),
        ..ArticleMeta::default()
    };
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(OPENING_LINES)
    {
        if meta.date.is_none()
            && let Some(date) = date_line(line)
        {
            meta.date = Some(Sourced::new(date, MetaSource::Dateline));
        }
        if let Some(found) = dateline(line) {
            if meta.date.is_none()
                && let Some(date) = found.date
            {
                meta.date = Some(Sourced::new(date, MetaSource::Dateline));
            }
            if meta.outlet.is_none()
                && let Some(agency) = found.agency
            {
                meta.outlet = Some(Sourced::new(agency, MetaSource::Dateline));
            }
        }
    }
    meta
}

/// The first line, when it reads as a headline: short, with a letter, not a sentence (no
/// final period, comma or colon), not a date or byline, and followed by a blank line, the end
/// of the text, a date line or byline, or a paragraph that starts anew (not the rest of a
/// wrapped sentence).
#[must_use]
pub fn headline(text: &str) -> Option<String> {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next()?.trim();
    let next = lines.next().map(str::trim);
    if !reads_as_headline(first) {
        return None;
    }
    let stands_alone = match next {
        None | Some("") => true,
        // A date line or byline under a headline is the article's furniture, not its prose.
        Some(next) if date_line(next).is_some() || is_byline(next) => true,
        Some(next) => {
            let starts_anew = next
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'“‘«(".contains(c));
            starts_anew && next.chars().count() > first.chars().count()
        }
    };
    stands_alone.then(|| first.to_owned())
}

fn reads_as_headline(line: &str) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    if !(2..=HEADLINE_MAX_CHARS).contains(&chars) || words > HEADLINE_MAX_WORDS {
        return false;
    }
    let Some(first) = line.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    if first.is_lowercase() || date_line(line).is_some() || is_byline(line) {
        return false;
    }
    let last_word = line.split_whitespace().last().unwrap_or_default();
    let ends_sentence = match line.chars().last() {
        Some(',' | ';' | ':') => true,
        Some('.') => !is_abbreviation(last_word) && !line.ends_with("..."),
        _ => false,
    };
    !ends_sentence && !line.starts_with(['-', '*', '#', '>', '|', '['])
}

/// `U.S.`, `U.N.`, `Jr.`: a final period that is not a full stop.
fn is_abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let core = word.trim_end_matches('.');
    let dotted = core.contains('.') && core.split('.').all(|p| p.chars().count() <= 2);
    dotted
        || matches!(
            core,
            "Jr" | "Sr" | "Inc" | "Ltd" | "Co" | "Corp" | "St" | "Dr"
        )
}

/// `By David E. Sanger`, `BY JANE DOE`.
pub(crate) fn is_byline(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    lower.starts_with("by ") && line.split_whitespace().count() <= 8
}

/// The author a byline names: `By DAVID E. SANGER` → `David E. Sanger`; `By Jane Doe and John
/// Roe; Reuters` → `Jane Doe and John Roe; Reuters`. A byline in capitals is written the way
/// names are; any other is kept as written.
#[must_use]
pub fn author_from_byline(byline: &str) -> Option<String> {
    let trimmed = byline.trim();
    let without_by = match trimmed.split_once(char::is_whitespace) {
        Some((by, rest)) if by.eq_ignore_ascii_case("by") => rest.trim(),
        _ if trimmed.eq_ignore_ascii_case("by") => "",
        _ => trimmed,
    };
    if without_by.is_empty() {
        return None;
    }
    let is_capitals =
        without_by.chars().any(char::is_alphabetic) && !without_by.chars().any(char::is_lowercase);
    if !is_capitals {
        return Some(without_by.to_owned());
    }
    let words: Vec<String> = without_by
        .split(' ')
        .map(|word| match word {
            "AND" => "and".to_owned(),
            _ => capitalise(word),
        })
        .collect();
    Some(words.join(" "))
}

/// `SANGER` → `Sanger`, `O'NEIL` → `O'Neil`, `JEAN-PAUL` → `Jean-Paul`.
fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut starts_part = true;
    for c in word.chars() {
        if starts_part {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        starts_part = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_headline_on_the_first_line_is_the_title() {
        let text = "U.S. Presses for Truce in Syria\n\nGENEVA — Secretary of State John Kerry said on Tuesday.";
        assert_eq!(
            headline(text).as_deref(),
            Some("U.S. Presses for Truce in Syria")
        );
        let then_paragraph = "Truce Talks Resume\nGENEVA — Diplomats from both sides returned to the table on Tuesday, officials said.";
        assert_eq!(
            headline(then_paragraph).as_deref(),
            Some("Truce Talks Resume")
        );
        assert_eq!(
            headline("Will the truce hold?\n\nNobody knows.").as_deref(),
            Some("Will the truce hold?")
        );
    }

    #[test]
    fn a_sentence_or_a_wrapped_line_is_not_a_title() {
        for text in [
            "Diplomats met on Tuesday.\n\nThey talked.",
            "Diplomats from both sides returned to the table on Tuesday, and\nofficials said the talks went well.",
            "September 6, 2016\n\nThe talks.",
            "By David E. Sanger\n\nThe talks.",
            "the talks resumed\n\nMore.",
            "",
            "Officials said:\n\n- one",
        ] {
            assert_eq!(headline(text), None, "{text:?}");
        }
    }

    #[test]
    fn bylines_name_authors_as_names_are_written() {
        assert_eq!(
            author_from_byline("By DAVID E. SANGER").as_deref(),
            Some("David E. Sanger")
        );
        assert_eq!(
            author_from_byline("BY JEAN-PAUL O'NEIL AND ANNA ROE").as_deref(),
            Some("Jean-Paul O'Neil and Anna Roe")
        );
        assert_eq!(
            author_from_byline("By Jane Doe; Reuters").as_deref(),
            Some("Jane Doe; Reuters")
        );
        assert_eq!(author_from_byline("By "), None);
    }

    #[test]
    fn the_opening_lines_give_a_date_and_an_agency() {
        let text =
            "Truce Talks Resume\n\nSeptember 6, 2016 Tuesday\n\nGENEVA (Reuters) — Diplomats met.";
        let meta = opening_clues(text);
        assert_eq!(
            meta.date.map(|d| d.value),
            NaiveDate::from_ymd_opt(2016, 9, 6)
        );
        let outlet = meta.outlet.unwrap_or_else(|| unreachable!("an agency"));
        assert_eq!(
            (outlet.value.as_str(), outlet.from),
            ("Reuters", MetaSource::Dateline)
        );
        assert_eq!(meta.title.map(|t| t.from), Some(MetaSource::FirstLine));
    }
}
