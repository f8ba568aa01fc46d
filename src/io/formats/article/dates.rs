//! Dates as articles and their files write them: in a file name (`2016-09-06`, `2016_09_06`,
//! `20160906`), in a date line (`Tuesday, September 6, 2016`, `6 September 2016`,
//! `Sept. 6, 2016 Tuesday 5:30 PM GMT`) or a dateline (`GENEVA, Sept. 6, 2016 (Reuters) —`).
//! English month names, as the news databases write them.
//!
//! Pure text rules: every reader (plain text, Nexis, Factiva, PDF) asks these.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// Years a news article can be from; a number outside them is not a date.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

const MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// `September 6, 2016`, `Sept. 6 2016`, `Sep 6th, 2016`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
    ))
    .unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// `6 September 2016`, `06 Sept. 2016`, `6th of September, 2016`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})\.?,?\s+(?P<year>\d{{4}})\b"
    ))
    .unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// `2016-09-06` (also with `/` or `.`), not inside a longer number.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:[^0-9]|$)")
        .unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// In a file name: `2016-09-06`, `2016_09_06`, `2016.09.06` or `20160906`.
static IN_FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^0-9])(?P<year>(?:19|20)\d{2})(?:(?P<month>\d{2})(?P<day>\d{2})|-(?P<m1>\d{2})-(?P<d1>\d{2})|_(?P<m2>\d{2})_(?P<d2>\d{2})|\.(?P<m3>\d{2})\.(?P<d3>\d{2}))(?:[^0-9]|$)",
    )
    .unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// What may stand beside the date on a date line: weekdays, times, zones, `Updated`…
static DATE_LINE_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            monday|tuesday|wednesday|thursday|friday|saturday|sunday
            |mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun
            |published|updated|posted|modified|last|first|date|dated|on|at|am|pm|a\.m|p\.m
            |\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:am|pm)?
            |[A-Z]{2,4}
        )$",
    )
    .unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// `GENEVA —`, `WASHINGTON, Sept. 6 (Reuters) -`, `KYIV, Ukraine, 6 September 2016 –`: a place
/// in capitals, then maybe a region or two, a date and an agency, then a dash.
///
/// The parts' lengths are checked in [`dateline`], not counted here: a counted repeat of a
/// Unicode class (`[\p{L}]{2,30}`) compiles to a copy of the class's automaton per count, and
/// this pattern's bounds made a 3 MB program that every session opening an article kept.
const DATELINE_PATTERN: &str = r"^(?P<place>\p{Lu}[\p{Lu}.' \-]*),?\s*(?P<date>[^()—–]*?)\s*(?:\((?P<agency>\p{Lu}[\p{L}&. ]*)\))?\s*(?:—|–|--|-)\s";
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(DATELINE_PATTERN).unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// The longest place, region, date and agency a dateline holds, in chars: a longer stretch
/// before a dash is a sentence, not a dateline.
const DATELINE_PLACE_CHARS: std::ops::RangeInclusive<usize> = 2..=41;
const DATELINE_REGION_CHARS: std::ops::RangeInclusive<usize> = 2..=30;
const DATELINE_DATE_CHARS: usize = 30;
const DATELINE_AGENCY_CHARS: std::ops::RangeInclusive<usize> = 2..=31;

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let at = months.iter().position(|m| lower.starts_with(m))?;
    u32::try_from(at + 1).ok()
}

fn ymd(year: &str, month: u32, day: &str) -> Option<NaiveDate> {
    let year: i32 = year.parse().ok()?;
    if !YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day.parse().ok()?)
}

/// A date written out anywhere in `text`, with its byte range: the first that is a real
/// calendar date.
#[must_use]
pub fn find_date(text: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    let named = [&*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR]
        .into_iter()
        .flat_map(|re| {
            re.captures_iter(text).filter_map(|c| {
                let month = month_number(c.name("month")?.as_str())?;
                let date = ymd(c.name("year")?.as_str(), month, c.name("day")?.as_str())?;
                Some((date, c.get(0)?.range()))
            })
        });
    let iso = ISO.captures_iter(text).filter_map(|c| {
        let month = c.name("month")?.as_str().parse().ok()?;
        let date = ymd(c.name("year")?.as_str(), month, c.name("day")?.as_str())?;
        let start = c.name("year")?.start();
        Some((date, start..c.name("day")?.end()))
    });
    named.chain(iso).min_by_key(|(_, range)| range.start)
}

/// A whole text that is a date (`6 September 2016`, `2016-09-06`, `September 6, 2016
/// Tuesday`): the date, when nothing but weekdays, times and such stand beside it.
#[must_use]
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    date_line(text)
}

/// A line that states a date: the date and nothing but weekdays, times, zones and words like
/// `Updated` beside it.
#[must_use]
pub fn date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.chars().count() > 80 {
        return None;
    }
    let (date, range) = find_date(line)?;
    let rest = format!("{} {}", &line[..range.start], &line[range.end..]);
    let is_filler = |word: &str| DATE_LINE_FILLER.is_match(word);
    rest.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•' | '—' | '–'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '-' | '(' | ')' | ':' | ';')))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .all(is_filler)
        .then_some(date)
}

/// What a dateline opening a paragraph says: the date, if it has one with a year, and the
/// news agency in parentheses (`(Reuters)`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dateline {
    pub date: Option<NaiveDate>,
    pub agency: Option<String>,
}

/// A dateline at the start of `line` (`GENEVA, Sept. 6, 2016 (Reuters) — …`), if it says a
/// dated year or names an agency.
#[must_use]
pub fn dateline(line: &str) -> Option<Dateline> {
    let caps = DATELINE.captures(line.trim_start())?;
    let place = caps.name("place")?.as_str();
    // A place is a word in capitals, not a sentence's capital first letter.
    if place.chars().filter(|c| c.is_alphabetic()).count() < 2
        || place.chars().any(char::is_lowercase)
    {
        return None;
    }
    let chars = |part: &str| caps.name(part).map_or(0, |m| m.as_str().chars().count());
    let agency_fits =
        caps.name("agency").is_none() || DATELINE_AGENCY_CHARS.contains(&chars("agency"));
    if !DATELINE_PLACE_CHARS.contains(&chars("place")) || !agency_fits {
        return None;
    }
    // Regions (`Ukraine, Wednesday, …`) come off the front of the stretch before the dash
    // until what is left is short enough to be a date.
    let mut date = caps.name("date").map_or("", |m| m.as_str());
    while date.chars().count() > DATELINE_DATE_CHARS {
        let (region, rest) = date.split_once(',')?;
        let is_region = DATELINE_REGION_CHARS.contains(&region.chars().count())
            && (region.chars()).all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | ' '));
        if !is_region {
            return None;
        }
        date = rest.trim_start();
    }
    let date = find_date(date).map(|(date, _)| date);
    let agency = caps.name("agency").map(|a| a.as_str().trim().to_owned());
    (date.is_some() || agency.is_some()).then_some(Dateline { date, agency })
}

/// A date anywhere in a file name: `nyt_2016-09-06_talks.txt`, `20160906-talks`,
/// `talks_2016_09_06`.
#[must_use]
pub fn date_in_file_name(name: &str) -> Option<NaiveDate> {
    IN_FILE_NAME.captures_iter(name).find_map(|c| {
        let (month, day) = [("month", "day"), ("m1", "d1"), ("m2", "d2"), ("m3", "d3")]
            .into_iter()
            .find_map(|(m, d)| Some((c.name(m)?, c.name(d)?)))?;
        ymd(
            c.name("year")?.as_str(),
            month.as_str().parse().ok()?,
            day.as_str(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn file_names_say_dates_anywhere() {
        for name in [
            "nyt_2016-09-06_u-s-presses-for-truce-in-syria-d.txt",
            "talks_2016_09_06.txt",
            "20160906-talks.txt",
            "talks.2016.09.06.pdf",
            "2016-09-06",
        ] {
            assert_eq!(date_in_file_name(name), day(2016, 9, 6), "{name}");
        }
        for name in [
            "talks-12345678901.txt",
            "2016-13-45.txt",
            "talks.txt",
            "x20161",
        ] {
            assert_eq!(date_in_file_name(name), None, "{name}");
        }
    }

    #[test]
    fn date_lines_in_the_shapes_outlets_write() {
        for line in [
            "September 6, 2016",
            "6 September 2016",
            "Sept. 6, 2016",
            "Tuesday, September 6, 2016",
            "September 6, 2016 Tuesday",
            "September 6, 2016 Tuesday 5:30 PM GMT",
            "2016-09-06",
            "Published: 6 Sep 2016 10:32 BST",
            "Updated Sept. 6, 2016 at 10:32 a.m. ET",
            "  06 September 2016  ",
        ] {
            assert_eq!(date_line(line), day(2016, 9, 6), "{line:?}");
        }
        for line in [
            "Talks set for September 6, 2016 in Geneva",
            "September 31, 2016",
            "The ceasefire of 6 September 2016 held.",
        ] {
            assert_eq!(date_line(line), None, "{line:?}");
        }
    }

    #[test]
    fn datelines_give_a_date_and_an_agency() {
        assert_eq!(
            dateline("GENEVA, Sept. 6, 2016 (Reuters) — Secretary of State John Kerry"),
            Some(Dateline {
                date: day(2016, 9, 6),
                agency: Some("Reuters".to_owned())
            })
        );
        assert_eq!(
            dateline("WASHINGTON (AP) - The talks"),
            Some(Dateline {
                date: None,
                agency: Some("AP".to_owned())
            })
        );
        assert_eq!(
            dateline("KYIV, Ukraine, 6 September 2016 – Officials said").and_then(|d| d.date),
            day(2016, 9, 6)
        );
        assert_eq!(dateline("GENEVA — The talks"), None, "no date, no agency");
        assert_eq!(dateline("The talks - in Geneva (Reuters) - went on"), None);
        // A region or two and a weekday before the date, as the wires write them.
        for (line, agency) in [
            (
                "KYIV, Ukraine, Wednesday, 6 September 2016 – Officials said",
                None,
            ),
            (
                "WASHINGTON, D.C., Tuesday, September 6, 2016 - The talks",
                None,
            ),
            (
                "RIO DE JANEIRO, Brazil, Tuesday, September 6, 2016 (AP) — The talks",
                Some("AP"),
            ),
        ] {
            assert_eq!(
                dateline(line),
                Some(Dateline {
                    date: day(2016, 9, 6),
                    agency: agency.map(str::to_owned)
                }),
                "{line:?}"
            );
        }
        assert_eq!(
            dateline("MÜNCHEN, Bayern, 6 September 2016 (AFP) – Gespräche").and_then(|d| d.agency),
            Some("AFP".to_owned()),
            "places and regions in any alphabet"
        );
    }

    #[test]
    fn a_dateline_is_short() {
        for line in [
            "THE UNITED NATIONS SECURITY COUNCIL AND ITS MEMBERS, 6 September 2016 – text",
            "GENEVA, a city on the lake where the talks were held, 6 September 2016 – text",
            "GENEVA, 6 September 2016, after a long night of talks (Reuters) – text",
            "GENEVA (Reuters of the United Kingdom and the Commonwealth) – text",
        ] {
            assert_eq!(dateline(line), None, "{line:?}");
        }
    }

    #[test]
    fn the_dateline_pattern_compiles_small() {
        // Counted repeats of Unicode classes made it 3 MB; every session keeps it.
        let small = regex::RegexBuilder::new(DATELINE_PATTERN)
            .size_limit(256 * 1024)
            .build();
        assert!(small.is_ok(), "{small:?}");
    }
}
