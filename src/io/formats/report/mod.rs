//! The analysis report (`stance report`): the position map, the concession list and the
//! timeline of a project, as Markdown, CSV or one self-contained HTML file. Written only.
//! Reports hold no clock or random value, so the same project always gives the same bytes.

mod csv;
mod html;
mod markdown;

use chrono::NaiveDate;
use thiserror::Error;

use crate::analysis::{AnalysisFilter, CONCEDES_TO, Evidence, PositionMap, Timeline, TimelineRows};
use crate::model::{ActorId, Project};

/// The report's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Csv,
    Html,
}

impl ReportFormat {
    pub const ALL: &'static [Self] = &[Self::Markdown, Self::Csv, Self::Html];

    /// The name on the command line, which is also the file extension.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Html => "html",
        }
    }

    /// The format called `name` (`md`, `csv`, `html`; `markdown` too), ignoring case.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_lowercase().as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("could not write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
}

/// The report of `project` for the annotations inside `filter`.
///
/// # Errors
/// Only the CSV writer can fail (it writes to memory, so in practice it does not).
pub fn report(
    project: &Project,
    filter: &AnalysisFilter,
    format: ReportFormat,
) -> Result<Vec<u8>, ReportError> {
    let data = ReportData::new(project, filter);
    match format {
        ReportFormat::Markdown => Ok(markdown::write(&data).into_bytes()),
        ReportFormat::Csv => csv::write(&data),
        ReportFormat::Html => Ok(html::write(&data).into_bytes()),
    }
}

/// What every format shows, derived once.
struct ReportData<'a> {
    project: &'a Project,
    filter: &'a AnalysisFilter,
    map: PositionMap,
    timeline: Timeline,
}

/// One concession of the list.
struct ConcessionLine<'a> {
    date: Option<NaiveDate>,
    actor: &'a str,
    issue: &'a str,
    quote: &'a str,
    /// The quote of what it concedes to, if a `concedes-to` relation says.
    concedes_to: Option<&'a str>,
}

impl<'a> ReportData<'a> {
    fn new(project: &'a Project, filter: &'a AnalysisFilter) -> Self {
        Self {
            project,
            filter,
            map: PositionMap::build(project, filter),
            timeline: Timeline::build(project, filter, TimelineRows::Issues),
        }
    }

    /// `all dates`, `from 2025-11-23`, `2025-11-23 to 2025-12-05`…
    fn period(&self) -> String {
        match (self.filter.from, self.filter.to) {
            (None, None) => "all dates".to_owned(),
            (Some(from), None) => format!("from {from}"),
            (None, Some(to)) => format!("up to {to}"),
            (Some(from), Some(to)) => format!("{from} to {to}"),
        }
    }

    fn actor_name(&self, actor: Option<ActorId>) -> &'a str {
        actor
            .and_then(|id| self.project.actor(id))
            .map_or("(no holder)", |a| a.name.as_str())
    }

    fn concessions(&self) -> Vec<ConcessionLine<'a>> {
        let project = self.project;
        self.map
            .concessions()
            .into_iter()
            .map(|(row, column, e)| ConcessionLine {
                date: e.when.date,
                actor: self
                    .map
                    .rows
                    .get(row)
                    .and_then(|r| project.actor(r.actor))
                    .map_or("", |a| a.name.as_str()),
                issue: project.issues().get(column).map_or("", |i| i.name.as_str()),
                quote: e.quote(project),
                concedes_to: concedes_to_quote(project, e),
            })
            .collect()
    }
}

fn concedes_to_quote<'a>(project: &'a Project, e: &Evidence) -> Option<&'a str> {
    let relation = project
        .relations()
        .iter()
        .find(|r| r.kind == CONCEDES_TO && r.from == e.annotation)?;
    project.annotation(relation.to).map(|a| a.quote.as_str())
}

/// `2025-12-05`, or `undated`.
fn date_text(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "undated".to_owned(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_key_and_name() {
        for &format in ReportFormat::ALL {
            assert_eq!(ReportFormat::parse(format.key()), Some(format));
        }
        assert_eq!(
            ReportFormat::parse(" Markdown "),
            Some(ReportFormat::Markdown)
        );
        assert_eq!(ReportFormat::parse("pdf"), None);
    }
}
