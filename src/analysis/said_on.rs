//! Proposing when a statement was made from the words of its sentence ("in October", "last
//! week", "on Tuesday", "on 2 December"), resolved against the article's date. A proposal
//! only: the editor shows it and the analyst accepts it with one click; nothing sets
//! `said_on` silently.
//!
//! Only times before the article's date are proposed (a statement reported is one made
//! earlier); a phrase naming the article's own day or month proposes nothing, since the
//! article's date already says it. English only, as the attribution lexicon.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::model::{Annotation, Document, PartialDate, text::sentence_bytes_at};

/// A proposed `said_on`, with the words that gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaidOnProposal {
    pub date: PartialDate,
    /// The phrase as found in the sentence ("late Thursday", "in October").
    pub cue: String,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The proposal for an annotation: from the sentence around it (and its cue's), against its
/// document's date. `None` without a date, or when the sentence names no earlier time.
#[must_use]
pub fn propose_said_on(document: &Document, a: &Annotation) -> Option<SaidOnProposal> {
    let article = document.date?;
    let extent = a.extent();
    let start = document.char_to_byte(extent.start)?;
    let end = document.char_to_byte(extent.end.saturating_sub(1))?;
    let first = sentence_bytes_at(&document.text, start);
    let last = sentence_bytes_at(&document.text, end);
    let text = document
        .text
        .get(first.start.min(last.start)..first.end.max(last.end))?;
    propose_in(text, article)
}

/// The first phrase of `text` that names a time before `article`, resolved.
#[must_use]
pub fn propose_in(text: &str, article: NaiveDate) -> Option<SaidOnProposal> {
    let words = words(text);
    (0..words.len()).find_map(|at| resolve_at(&words, at, article))
}

/// A word of the sentence: lowercased, without surrounding punctuation, with where it was.
struct Word<'a> {
    lower: String,
    original: &'a str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    text.split_whitespace()
        .map(|w| {
            let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric());
            Word {
                lower: trimmed.to_lowercase(),
                original: trimmed,
            }
        })
        .filter(|w| !w.lower.is_empty())
        .collect()
}

/// The phrase starting at word `at`, if it names an earlier time.
fn resolve_at(words: &[Word<'_>], at: usize, article: NaiveDate) -> Option<SaidOnProposal> {
    let word = |i: usize| words.get(i).map_or("", |w| w.lower.as_str());
    let cue = |from: usize, to: usize| {
        (words[from..=to.min(words.len() - 1)].iter())
            .map(|w| w.original)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let propose = |date: PartialDate, from: usize, to: usize| {
        (date.start() < article && !date.contains(article)).then(|| SaidOnProposal {
            date,
            cue: cue(from, to),
        })
    };
    match word(at) {
        "yesterday" => propose(PartialDate::Day(article.pred_opt()?), at, at),
        "last" => match word(at + 1) {
            "week" => {
                let this_monday =
                    article - Days::new(u64::from(article.weekday().num_days_from_monday()));
                propose(PartialDate::Day(this_monday - Days::new(7)), at, at + 1)
            }
            "month" => {
                let previous = article.checked_sub_months(Months::new(1))?;
                propose(
                    PartialDate::month(previous.year(), previous.month())?,
                    at,
                    at + 1,
                )
            }
            "year" => propose(PartialDate::Year(article.year() - 1), at, at + 1),
            "night" => propose(PartialDate::Day(article.pred_opt()?), at, at + 1),
            next => {
                if let Some(weekday) = weekday(next) {
                    return propose(PartialDate::Day(previous(article, weekday)?), at, at + 1);
                }
                let month = month(next)?;
                propose(month_before(article, month)?, at, at + 1)
            }
        },
        "in" | "since" | "during" => {
            let next = word(at + 1);
            if let Ok(year) = next.parse::<i32>()
                && next.len() == 4
            {
                return propose(PartialDate::Year(year), at, at + 1);
            }
            let month = month(next)?;
            if let Ok(year) = word(at + 2).parse::<i32>()
                && word(at + 2).len() == 4
            {
                return propose(PartialDate::month(year, month)?, at, at + 2);
            }
            propose(month_before(article, month)?, at, at + 1)
        }
        "on" | "late" | "early" | "earlier" => {
            let next = word(at + 1);
            if let Some(weekday) = weekday(next) {
                return propose(PartialDate::Day(previous(article, weekday)?), at, at + 1);
            }
            // "on 2 December", "on December 2", with an optional year.
            let (day, month, used) = day_and_month(word(at + 1), word(at + 2))?;
            let year_word = word(at + 1 + used);
            let date = if let Ok(year) = year_word.parse::<i32>()
                && year_word.len() == 4
            {
                NaiveDate::from_ymd_opt(year, month, day)?
            } else {
                day_before(article, month, day)?
            };
            propose(PartialDate::Day(date), at, at + used)
        }
        _ => None,
    }
}

fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    // Full names, and the usual abbreviations ("Oct", "Sept").
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(word)))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn weekday(word: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(name, _)| *name == word).map(|w| w.1)
}

/// `2 December` or `December 2`: the day, the month and how many words they took.
fn day_and_month(first: &str, second: &str) -> Option<(u32, u32, usize)> {
    let day = |w: &str| {
        w.trim_end_matches(|c: char| c.is_alphabetic())
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d))
    };
    if let (Some(d), Some(m)) = (day(first), month(second)) {
        return Some((d, m, 2));
    }
    if let (Some(m), Some(d)) = (month(first), day(second)) {
        return Some((d, m, 2));
    }
    None
}

/// The last `weekday` on or before `article`.
fn previous(article: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let back = (7 + article.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    article.checked_sub_days(Days::new(u64::from(back)))
}

/// The month called `month` in the last twelve months up to the article's (this year's if
/// it is not later than the article's month, else last year's).
fn month_before(article: NaiveDate, month: u32) -> Option<PartialDate> {
    let year = if month <= article.month() {
        article.year()
    } else {
        article.year() - 1
    };
    PartialDate::month(year, month)
}

/// The `day` of `month` on or before the article's date.
fn day_before(article: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(article.year(), month, day);
    match this_year {
        Some(date) if date <= article => Some(date),
        _ => NaiveDate::from_ymd_opt(article.year() - 1, month, day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The article of 5 December 2025, a Friday.
    fn article() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 12, 5).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> PartialDate {
        PartialDate::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn proposed(text: &str) -> Option<(String, String)> {
        propose_in(text, article()).map(|p| (p.date.to_string(), p.cue))
    }

    #[test]
    fn weekdays_resolve_to_the_last_one_before_the_article() {
        assert_eq!(
            propose_in("Zelenskyy said in a video address late Thursday", article()),
            Some(SaidOnProposal {
                date: day(2025, 12, 4),
                cue: "late Thursday".to_owned()
            })
        );
        assert_eq!(
            proposed("after the meeting on Tuesday, Ushakov said"),
            Some(("2025-12-02".into(), "on Tuesday".into()))
        );
        assert_eq!(
            proposed("last Monday"),
            Some(("2025-12-01".into(), "last Monday".into()))
        );
        // The article's own weekday is its date: nothing to propose.
        assert_eq!(proposed("he said on Friday"), None);
    }

    #[test]
    fn months_resolve_to_the_last_such_month_and_years_stay() {
        assert_eq!(
            proposed("In October, she had said the river was not on the agenda"),
            Some(("2025-10".into(), "In October".into()))
        );
        // Later in the year than the article: last year's.
        assert_eq!(
            proposed("in March"),
            Some(("2025-03".into(), "in March".into()))
        );
        let january = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        assert_eq!(
            propose_in("in November", january).map(|p| p.date),
            PartialDate::month(2025, 11)
        );
        assert_eq!(
            proposed("in October 2024"),
            Some(("2024-10".into(), "in October 2024".into()))
        );
        assert_eq!(proposed("in 2023"), Some(("2023".into(), "in 2023".into())));
        assert_eq!(
            proposed("last year"),
            Some(("2024".into(), "last year".into()))
        );
        assert_eq!(
            proposed("last month"),
            Some(("2025-11".into(), "last month".into()))
        );
        // The article's month, or a later year, is no earlier time.
        assert_eq!(proposed("in December"), None);
        assert_eq!(proposed("in 2026"), None);
    }

    #[test]
    fn relative_days_and_dates() {
        assert_eq!(
            proposed("yesterday"),
            Some(("2025-12-04".into(), "yesterday".into()))
        );
        assert_eq!(
            proposed("last night"),
            Some(("2025-12-04".into(), "last night".into()))
        );
        // The Monday of the week before the article's.
        assert_eq!(
            proposed("last week"),
            Some(("2025-11-24".into(), "last week".into()))
        );
        assert_eq!(
            proposed("on 2 December, the Kremlin said"),
            Some(("2025-12-02".into(), "on 2 December".into()))
        );
        assert_eq!(
            proposed("on Nov. 23 in Geneva"),
            Some(("2025-11-23".into(), "on Nov 23".into()))
        );
        // A later day of the year is last year's.
        assert_eq!(
            proposed("on December 20"),
            Some(("2024-12-20".into(), "on December 20".into()))
        );
    }

    #[test]
    fn words_that_are_not_times_propose_nothing() {
        for text in [
            "",
            "The talks were constructive.",
            "on the agenda in Moscow",
            "in May-be",
            "last of all",
            "on 45 December",
        ] {
            assert_eq!(proposed(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_sentence_around_the_annotation_is_read() {
        let text = "Talks ended. In October, she had said the river was not on the agenda. Later she agreed.";
        let mut doc = Document::new("article", text.to_owned());
        doc.date = Some(NaiveDate::from_ymd_opt(2025, 11, 23).unwrap());
        let span = doc.find("the river was not on the agenda", 0).unwrap();
        let a = Annotation::bare(
            crate::model::AnnotationId::random(),
            doc.id,
            "position",
            vec![span],
            "the river was not on the agenda",
            chrono::Utc::now(),
        );
        assert_eq!(
            propose_said_on(&doc, &a).map(|p| p.date),
            PartialDate::month(2025, 10)
        );
        let later = doc.find("Later she agreed", 0).unwrap();
        let b = Annotation {
            ranges: vec![later],
            ..a
        };
        assert_eq!(propose_said_on(&doc, &b), None);
        doc.date = None;
        assert_eq!(propose_said_on(&doc, &b), None);
    }
}
