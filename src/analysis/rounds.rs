//! [`propose_rounds`]: rounds of talks proposed from the gaps between article dates, for the
//! analyst to add with one click, and [`date_range_name`], the name a proposal gets.
//!
//! Articles about one round come close together (a meeting, the reactions the next days);
//! a new round starts after a pause. A gap "clearly larger than the usual spacing" is one
//! more than twice the median gap between consecutive article dates, and at least
//! [`MIN_PAUSE_DAYS`]: on a daily news flow a two-day lull is not a new round.

use chrono::{Datelike, NaiveDate};

use crate::model::{Project, Round, RoundSpan};

/// The shortest pause between articles that can separate two rounds, in days.
pub const MIN_PAUSE_DAYS: i64 = 3;

/// Rounds proposed from the project's article dates, oldest first, each named by its dates
/// ("5–9 Oct 2025"). A proposal with the same dates as a round the project has is left out.
/// No dated article, no proposal.
#[must_use]
pub fn propose_rounds(project: &Project) -> Vec<Round> {
    let dates: Vec<NaiveDate> = project.documents().iter().filter_map(|d| d.date).collect();
    date_groups(&dates)
        .into_iter()
        .filter(|&(from, to)| {
            !project
                .rounds()
                .iter()
                .any(|r| r.dates() == Some((from, to)))
        })
        .map(|(from, to)| Round::new(date_range_name(from, to), RoundSpan::Dates { from, to }))
        .collect()
}

/// The days split into runs at the clearly larger gaps: `(first, last)` of each run.
#[must_use]
pub fn date_groups(dates: &[NaiveDate]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut days = dates.to_vec();
    days.sort_unstable();
    days.dedup();
    let gaps: Vec<i64> = days.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    let threshold = pause_threshold(&gaps);
    let mut groups = Vec::new();
    let Some(&first) = days.first() else {
        return groups;
    };
    let mut start = first;
    for (i, &gap) in gaps.iter().enumerate() {
        if gap > threshold {
            groups.push((start, days[i]));
            start = days[i + 1];
        }
    }
    groups.push((start, days[days.len() - 1]));
    groups
}

/// The gap a new round needs to exceed: twice the median gap, and at least
/// [`MIN_PAUSE_DAYS`] − 1 (so a gap of [`MIN_PAUSE_DAYS`] can split).
fn pause_threshold(gaps: &[i64]) -> i64 {
    let mut sorted = gaps.to_vec();
    sorted.sort_unstable();
    // The lower median: with two gaps, the smaller is the usual spacing.
    let median = sorted
        .get(sorted.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0);
    (2 * median).max(MIN_PAUSE_DAYS - 1)
}

/// A date range as people write it: "5 Oct 2025", "5–9 Oct 2025", "28 Nov – 3 Dec 2025",
/// "30 Dec 2025 – 2 Jan 2026".
#[must_use]
pub fn date_range_name(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        return from.format("%-d %b %Y").to_string();
    }
    if from.year() != to.year() {
        return format!("{} – {}", from.format("%-d %b %Y"), to.format("%-d %b %Y"));
    }
    if from.month() != to.month() {
        return format!("{} – {}", from.format("%-d %b"), to.format("%-d %b %Y"));
    }
    format!("{}–{}", from.day(), to.format("%-d %b %Y"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn day(month: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, month, d).unwrap_or_default()
    }

    #[test]
    fn a_pause_clearly_longer_than_usual_starts_a_round() {
        // Geneva 20–24 Nov (daily), Moscow 2–3 Dec, Florida 9–10 Dec.
        let dates = [
            day(11, 20),
            day(11, 21),
            day(11, 23),
            day(11, 24),
            day(12, 2),
            day(12, 3),
            day(12, 9),
            day(12, 10),
        ];
        assert_eq!(
            date_groups(&dates),
            vec![
                (day(11, 20), day(11, 24)),
                (day(12, 2), day(12, 3)),
                (day(12, 9), day(12, 10)),
            ]
        );
    }

    #[test]
    fn regular_spacing_is_one_round_however_long() {
        // Weekly articles: the usual spacing is a week, so no gap stands out.
        let dates: Vec<NaiveDate> = (0..6)
            .map(|w| day(10, 1) + chrono::Days::new(7 * w))
            .collect();
        assert_eq!(date_groups(&dates), vec![(day(10, 1), day(11, 5))]);
    }

    #[test]
    fn repeated_and_unsorted_dates_count_once() {
        let dates = [day(10, 9), day(10, 5), day(10, 5), day(10, 30), day(10, 6)];
        assert_eq!(
            date_groups(&dates),
            vec![(day(10, 5), day(10, 9)), (day(10, 30), day(10, 30))]
        );
    }

    #[test]
    fn no_dates_no_rounds_and_one_date_one_round() {
        assert!(date_groups(&[]).is_empty());
        assert_eq!(date_groups(&[day(10, 5)]), vec![(day(10, 5), day(10, 5))]);
    }

    #[test]
    fn names_read_like_dates_people_write() {
        assert_eq!(date_range_name(day(10, 5), day(10, 5)), "5 Oct 2025");
        assert_eq!(date_range_name(day(10, 5), day(10, 9)), "5–9 Oct 2025");
        assert_eq!(
            date_range_name(day(11, 28), day(12, 3)),
            "28 Nov – 3 Dec 2025"
        );
        let next_year = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap_or_default();
        assert_eq!(
            date_range_name(day(12, 30), next_year),
            "30 Dec 2025 – 2 Jan 2026"
        );
    }

    #[test]
    fn proposals_skip_rounds_the_project_has_and_undated_articles() {
        let mut project = Project::new("Talks");
        project.rebuild(|parts| {
            for date in [Some(day(10, 5)), Some(day(10, 9)), None, Some(day(11, 20))] {
                let mut doc = Document::new("Article", "Text.".to_owned());
                doc.date = date;
                parts.documents.push(doc);
            }
        });
        let names: Vec<String> = propose_rounds(&project)
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, ["5–9 Oct 2025", "20 Nov 2025"]);
        let first = propose_rounds(&project).remove(0);
        let edit = project.add_round(first).expect("a valid round");
        project.apply(edit).expect("the round is added");
        let names: Vec<String> = propose_rounds(&project)
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, ["20 Nov 2025"]);
    }
}
