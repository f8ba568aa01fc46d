//! [`PartialDate`]: when a statement was made, as precisely as the text says it ("in 2024",
//! "in October", "on 2 December"), and the one time-order rule every view uses
//! ([`crate::model::Project::statement_date`]).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// A year, a month of a year, or a day. Files and exports write it as ISO text: `"2025"`,
/// `"2025-10"`, `"2025-12-02"`. It orders at the start of its period (October 2025 before
/// 2 October 2025, the less precise first on the same start), so "in October" sorts before
/// anything said during October.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Year(i32),
    /// A month (1–12) of a year.
    Month {
        year: i32,
        month: u32,
    },
    Day(NaiveDate),
}

/// Text that is not a [`PartialDate`].
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{0:?} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct BadPartialDate(pub String);

impl PartialDate {
    /// The month `month` (1–12) of `year`, or `None` for a month that does not exist.
    #[must_use]
    pub fn month(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Self::Month { year, month })
    }

    /// The first day of the period: where the date sorts.
    #[must_use]
    pub fn start(self) -> NaiveDate {
        match self {
            Self::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
            Self::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
            Self::Day(day) => Some(day),
        }
        // Only `month` and `FromStr` make months and both check them; years chrono cannot
        // hold sort at its ends.
        .unwrap_or(if self.year() < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    }

    #[must_use]
    pub fn year(self) -> i32 {
        match self {
            Self::Year(year) | Self::Month { year, .. } => year,
            Self::Day(day) => day.year(),
        }
    }

    /// 0 for a year, 1 for a month, 2 for a day: breaks ties between equal starts.
    fn precision(self) -> u8 {
        match self {
            Self::Year(_) => 0,
            Self::Month { .. } => 1,
            Self::Day(_) => 2,
        }
    }

    /// True if `day` falls in the period.
    #[must_use]
    pub fn contains(self, day: NaiveDate) -> bool {
        match self {
            Self::Year(year) => day.year() == year,
            Self::Month { year, month } => day.year() == year && day.month() == month,
            Self::Day(d) => d == day,
        }
    }

    /// How people read it: "2025", "Oct 2025", "2 Dec 2025".
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Self::Year(year) => year.to_string(),
            Self::Month { .. } => self.start().format("%b %Y").to_string(),
            Self::Day(day) => day.format("%-d %b %Y").to_string(),
        }
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(day: NaiveDate) -> Self {
        Self::Day(day)
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.start(), self.precision(), self.year()).cmp(&(
            other.start(),
            other.precision(),
            other.year(),
        ))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(year) => write!(f, "{year:04}"),
            Self::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Self::Day(day) => write!(f, "{}", day.format("%Y-%m-%d")),
        }
    }
}

impl FromStr for PartialDate {
    type Err = BadPartialDate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadPartialDate(s.to_owned());
        let text = s.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, digits: usize| -> Result<u32, BadPartialDate> {
            if part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match parts.as_slice() {
            [year] => Ok(Self::Year(
                i32::try_from(number(year, 4)?).map_err(|_| bad())?,
            )),
            [year, month] => {
                let year = i32::try_from(number(year, 4)?).map_err(|_| bad())?;
                Self::month(year, number(month, 2)?).ok_or_else(bad)
            }
            [year, month, day] => {
                let year = i32::try_from(number(year, 4)?).map_err(|_| bad())?;
                NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)
                    .map(Self::Day)
                    .ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_and_writes_the_three_precisions() {
        for text in ["2025", "2025-10", "2025-12-02"] {
            let date: PartialDate = text.parse().unwrap();
            assert_eq!(date.to_string(), text);
        }
        assert_eq!(
            " 2025-10 ".parse::<PartialDate>(),
            Ok(PartialDate::Month {
                year: 2025,
                month: 10
            })
        );
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-02-30",
            "2025-1",
            "Oct 2025",
            "2025-10-02-1",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn orders_at_the_start_of_the_period_and_reads_as_people_write() {
        let october = PartialDate::month(2025, 10).unwrap();
        let second = PartialDate::Day(day(2025, 10, 2));
        let first = PartialDate::Day(day(2025, 10, 1));
        assert!(october < first && first < second);
        assert!(PartialDate::Year(2025) < october);
        assert!(PartialDate::Day(day(2024, 12, 31)) < PartialDate::Year(2025));
        assert_eq!(october.label(), "Oct 2025");
        assert_eq!(PartialDate::Day(day(2025, 12, 2)).label(), "2 Dec 2025");
        assert_eq!(PartialDate::Year(2024).label(), "2024");
        assert!(october.contains(day(2025, 10, 31)) && !october.contains(day(2025, 11, 1)));
    }

    #[test]
    fn files_hold_it_as_a_string() {
        let date = PartialDate::month(2025, 10).unwrap();
        assert_eq!(ron::to_string(&date).unwrap(), "\"2025-10\"");
        assert_eq!(ron::from_str::<PartialDate>("\"2025-10\"").unwrap(), date);
        let err = ron::from_str::<PartialDate>("\"October\"").unwrap_err();
        assert!(err.to_string().contains("is not a date"), "{err}");
    }
}
