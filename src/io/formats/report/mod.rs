//! The analysis report (`stance report`): the brief, the Moves ledger between two rounds,
//! the position map, the concession list, the timeline and the links of a project, as
//! Markdown, CSV, one self-contained HTML file, or JSON for scripts. Written only.
//! Reports hold no clock or random value, so the same project always gives the same bytes.

mod csv;
mod html;
mod html_moves;
mod json;
mod markdown;

use chrono::NaiveDate;
use thiserror::Error;

use crate::analysis::{
    AnalysisFilter, CONCEDES_TO, Evidence, Move, Moves, PositionMap, Timeline, TimelineRows,
    draft_brief, moves, round_before, rounds_in_order, stance_word,
};
use crate::model::{ActorId, AnnotationId, BriefKey, Project, RoundId};

/// The report's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Csv,
    Html,
    Json,
}

impl ReportFormat {
    pub const ALL: &'static [Self] = &[Self::Markdown, Self::Csv, Self::Html, Self::Json];

    /// The name on the command line, which is also the file extension.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Html => "html",
            Self::Json => "json",
        }
    }

    /// The format called `name` (`md`, `csv`, `html`; `markdown` too), ignoring case.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_lowercase().as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            "html" | "htm" => Some(Self::Html),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("could not write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("could not write the JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The rounds a report compares: the earlier (none: the start of the talks) and the later.
pub type RoundPair = (Option<RoundId>, RoundId);

/// The pair a report compares by default: the last round and the one before it.
#[must_use]
pub fn default_pair(project: &Project) -> Option<RoundPair> {
    let last = rounds_in_order(project).last().map(|r| r.id)?;
    Some((round_before(project, last), last))
}

/// The report of `project` for the annotations inside `filter`, its Moves ledger between
/// the last round and the one before ([`default_pair`]).
///
/// # Errors
/// Only the CSV and JSON writers can fail (they write to memory, so in practice they do not).
pub fn report(
    project: &Project,
    filter: &AnalysisFilter,
    format: ReportFormat,
) -> Result<Vec<u8>, ReportError> {
    report_between(project, filter, format, default_pair(project))
}

/// [`report`] with the Moves ledger between the rounds of `pair` (none: no ledger).
///
/// # Errors
/// As [`report`].
pub fn report_between(
    project: &Project,
    filter: &AnalysisFilter,
    format: ReportFormat,
    pair: Option<RoundPair>,
) -> Result<Vec<u8>, ReportError> {
    let data = ReportData::new(project, filter, pair);
    match format {
        ReportFormat::Markdown => Ok(markdown::write(&data).into_bytes()),
        ReportFormat::Csv => csv::write(&data),
        ReportFormat::Html => Ok(html::write(&data).into_bytes()),
        ReportFormat::Json => json::write(&data),
    }
}

/// What every format shows, derived once.
struct ReportData<'a> {
    project: &'a Project,
    filter: &'a AnalysisFilter,
    map: PositionMap,
    timeline: Timeline,
    /// The ledger between the rounds compared, if the project has rounds.
    moves: Option<Moves>,
    /// The brief: the analyst's edited text (true), or the draft (false).
    brief: Option<(String, bool)>,
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
    fn new(project: &'a Project, filter: &'a AnalysisFilter, pair: Option<RoundPair>) -> Self {
        let moves = pair.map(|(from, to)| moves(project, filter, from, to));
        let brief = moves.as_ref().map(|m| {
            let key = m
                .from
                .zip(m.to)
                .map(|(from, to)| BriefKey::Rounds { from, to });
            match key.as_ref().and_then(|k| project.brief(k)) {
                Some(text) => (text.to_owned(), true),
                None => (draft_brief(project, m), false),
            }
        });
        Self {
            project,
            filter,
            map: PositionMap::build(project, filter),
            timeline: Timeline::build(project, filter, TimelineRows::Issues),
            moves,
            brief,
        }
    }

    /// Every link between statements inside the filter: its type, its two ends.
    fn links(&self) -> Vec<(&'a str, AnnotationId, AnnotationId)> {
        let project = self.project;
        let admitted = |id| {
            project.annotation(id).is_some_and(|a| {
                self.filter.admits_tag(&a.tag) && self.filter.admits_date(project.statement_day(a))
            })
        };
        (project.relations().iter())
            .filter(|r| admitted(r.from) && admitted(r.to))
            .map(|r| (r.kind.as_str(), r.from, r.to))
            .collect()
    }

    /// A statement as a links section names it: "Yuri Ushakov, 2 Dec 2025: “…”".
    fn statement_line(&self, id: AnnotationId) -> String {
        let project = self.project;
        let Some(a) = project.annotation(id) else {
            return "(a statement no longer in the project)".to_owned();
        };
        let holders = if a.holders.is_empty() {
            "(no holder)".to_owned()
        } else {
            project.holders_label(a)
        };
        let date = project
            .statement_date(a)
            .map_or_else(|| "undated".to_owned(), crate::model::PartialDate::label);
        format!("{holders}, {date}: “{}”", a.quote)
    }

    /// Where a move started, for the ledger's "From" column: "against (2025-11-12)", or "—".
    fn move_from(m: &Move) -> String {
        m.from.map_or_else(
            || "—".to_owned(),
            |f| format!("{} ({})", stance_word(f.stance), date_text(f.date)),
        )
    }

    /// A move's answers, terms and condition, one phrase each, as every report prints them.
    fn move_notes(&self, m: &Move) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(answers) = m.answers {
            notes.push(format!("answers {}", self.statement_line(answers)));
        }
        for &t in &m.terms {
            notes.push(format!("in exchange for {}", self.statement_line(t)));
        }
        if let Some(c) = &m.condition {
            notes.push(format!("on condition: {c}"));
        }
        for &c in &m.conditional_on {
            notes.push(format!("conditional on {}", self.statement_line(c)));
        }
        notes
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

/// The map's note on annotations it cannot place: "1 without a holder or an issue is not on
/// the map" / "3 without … are not on the map".
fn unplaced_line(unplaced: usize) -> String {
    let verb = if unplaced == 1 { "is" } else { "are" };
    format!("{unplaced} without a holder or an issue {verb} not on the map")
}

/// The timeline's note on statements it cannot place: "1 statement from an undated document
/// is not on the timeline." / "3 statements from undated documents are not …".
fn undated_line(undated: usize) -> String {
    if undated == 1 {
        "1 statement from an undated document is not on the timeline.".to_owned()
    } else {
        format!("{undated} statements from undated documents are not on the timeline.")
    }
}

/// `2025-12-05`, or `undated`.
fn date_text(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "undated".to_owned(), |d| d.to_string())
}

/// Text escaped for HTML (the HTML report and its Moves section).
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
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
