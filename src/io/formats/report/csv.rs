//! The report as CSV: one row per actor × issue cell of the position map, written by the CSV
//! format's writer and formula guard.

use super::{ReportData, ReportError, date_text};
use crate::analysis::stance_word;
use crate::io::formats::csv::{into_bytes, neutralize, writer};

const HEADER: [&str; 11] = [
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
];

pub(super) fn write(data: &ReportData<'_>) -> Result<Vec<u8>, ReportError> {
    let mut writer = writer(false);
    writer.write_record(HEADER)?;
    for (row, column, cell) in data.map.cells() {
        let (Some(actor), Some(issue)) = (data.map.rows.get(row), data.map.issue_names.get(column))
        else {
            continue;
        };
        let latest = if cell.is_empty() {
            String::new()
        } else {
            date_text(cell.latest.and_then(|w| w.date))
        };
        let record = [
            actor.name.clone(),
            actor.affiliation.clone().unwrap_or_default(),
            issue.clone(),
            if cell.is_empty() {
                String::new()
            } else {
                stance_word(cell.stance).to_owned()
            },
            cell.claims.to_string(),
            cell.positions.to_string(),
            cell.concessions.to_string(),
            cell.others.to_string(),
            if cell.is_conceded { "yes" } else { "no" }.to_owned(),
            latest,
            cell.total().to_string(),
        ];
        writer.write_record(record.iter().map(|c| neutralize(c).into_owned()))?;
    }
    Ok(into_bytes(writer)?)
}
