//! The report as CSV, written by the CSV format's writer and formula guard: one table whose
//! first column, `section`, says what each row is, in the order the other reports print them:
//! the brief (`brief`), the Moves ledger between the two rounds compared (`move`, then
//! `agreed` and `held`), then one row per actor × issue cell of the position map (`map`).
//! One table rather than several stacked ones, so that a spreadsheet filters it by section
//! and a CSV reader reads it with one header; a row leaves empty the columns of other sections.

use super::{ReportData, ReportError, date_text};
use crate::analysis::{issue_list, stance_word};
use crate::io::formats::csv::{into_bytes, neutralize, writer};

const HEADER: [&str; 21] = [
    "section",
    "actor",
    "affiliation",
    "issue",
    "stance",
    "claims",
    "positions",
    "concessions",
    "other",
    "conceded",
    "latest_date",
    "statements",
    "rounds",
    "move",
    "from_stance",
    "from_date",
    "to_stance",
    "to_date",
    "notes",
    "evidence",
    "text",
];

/// One row; the columns a section does not use stay empty.
#[derive(Default)]
struct Row {
    section: &'static str,
    actor: String,
    affiliation: String,
    issue: String,
    stance: String,
    claims: String,
    positions: String,
    concessions: String,
    other: String,
    conceded: String,
    latest_date: String,
    statements: String,
    rounds: String,
    kind: String,
    from_stance: String,
    from_date: String,
    to_stance: String,
    to_date: String,
    notes: String,
    evidence: String,
    text: String,
}

impl Row {
    /// The cells in [`HEADER`] order.
    fn into_cells(self) -> [String; HEADER.len()] {
        [
            self.section.to_owned(),
            self.actor,
            self.affiliation,
            self.issue,
            self.stance,
            self.claims,
            self.positions,
            self.concessions,
            self.other,
            self.conceded,
            self.latest_date,
            self.statements,
            self.rounds,
            self.kind,
            self.from_stance,
            self.from_date,
            self.to_stance,
            self.to_date,
            self.notes,
            self.evidence,
            self.text,
        ]
    }
}

pub(super) fn write(data: &ReportData<'_>) -> Result<Vec<u8>, ReportError> {
    let mut writer = writer(false);
    writer.write_record(HEADER)?;
    for row in ledger_rows(data).into_iter().chain(map_rows(data)) {
        writer.write_record(row.into_cells().iter().map(|c| neutralize(c).into_owned()))?;
    }
    Ok(into_bytes(writer)?)
}

/// The brief, the moves, the agreed issues and the held pairs; none without rounds.
fn ledger_rows(data: &ReportData<'_>) -> Vec<Row> {
    let Some(ledger) = &data.moves else {
        return Vec::new();
    };
    let project = data.project;
    let round = |id| project.round(id).map_or("?", |r| r.name.as_str());
    let actor = |id| {
        project
            .actor(id)
            .map_or("?", |a| a.name.as_str())
            .to_owned()
    };
    let rounds = format!(
        "{} → {}",
        ledger.from.map_or("the start of the talks", round),
        ledger.to.map_or("?", round)
    );
    let quotes = |ids: &mut dyn Iterator<Item = crate::model::AnnotationId>| {
        ids.map(|e| {
            format!(
                "“{}”",
                project.annotation(e).map_or("", |a| a.quote.as_str())
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
    };
    let mut rows = Vec::new();
    if let Some((brief, edited)) = &data.brief {
        rows.push(Row {
            section: "brief",
            rounds: rounds.clone(),
            notes: if *edited { "edited" } else { "drafted" }.to_owned(),
            text: brief.clone(),
            ..Row::default()
        });
    }
    for m in &ledger.moves {
        rows.push(Row {
            section: "move",
            actor: actor(m.side),
            issue: project.issue_name(m.issue),
            rounds: rounds.clone(),
            kind: m.kind.as_str().to_owned(),
            from_stance: m
                .from
                .map_or_else(String::new, |f| stance_word(f.stance).to_owned()),
            from_date: m.from.map_or_else(String::new, |f| date_text(f.date)),
            to_stance: stance_word(m.to.stance).to_owned(),
            to_date: date_text(m.to.date),
            notes: data.move_notes(m).join("; "),
            evidence: quotes(&mut m.evidence.iter().copied()),
            ..Row::default()
        });
    }
    for a in &ledger.agreed {
        let sides: Vec<String> = a.sides.iter().map(|&s| actor(s)).collect();
        rows.push(Row {
            section: "agreed",
            actor: issue_list(&sides),
            issue: project.issue_name(a.issue),
            rounds: rounds.clone(),
            kind: "agreed".to_owned(),
            to_date: date_text(a.date),
            evidence: quotes(&mut std::iter::once(a.evidence)),
            ..Row::default()
        });
    }
    for h in &ledger.held {
        rows.push(Row {
            section: "held",
            actor: actor(h.side),
            issue: project.issue_name(h.issue),
            stance: stance_word(h.stance.stance).to_owned(),
            latest_date: date_text(h.stance.date),
            rounds: rounds.clone(),
            kind: "held".to_owned(),
            evidence: quotes(&mut h.reaffirmed.iter().copied()),
            ..Row::default()
        });
    }
    rows
}

/// One row per actor × issue cell of the position map.
fn map_rows<'d>(data: &'d ReportData<'_>) -> impl Iterator<Item = Row> + 'd {
    data.map.cells().filter_map(|(row, column, cell)| {
        let actor = data.map.rows.get(row)?;
        let issue = data.map.issue_names.get(column)?;
        let empty = cell.is_empty();
        Some(Row {
            section: "map",
            actor: actor.name.clone(),
            affiliation: actor.affiliation.clone().unwrap_or_default(),
            issue: issue.clone(),
            stance: if empty {
                String::new()
            } else {
                stance_word(cell.stance).to_owned()
            },
            claims: cell.claims.to_string(),
            positions: cell.positions.to_string(),
            concessions: cell.concessions.to_string(),
            other: cell.others.to_string(),
            conceded: if cell.is_conceded { "yes" } else { "no" }.to_owned(),
            latest_date: if empty {
                String::new()
            } else {
                date_text(cell.latest.and_then(|w| w.date))
            },
            statements: cell.total().to_string(),
            ..Row::default()
        })
    })
}
