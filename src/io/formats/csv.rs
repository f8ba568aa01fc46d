//! CSV: one row per annotation, RFC 4180 via the `csv` crate, guarded against formula
//! injection. The writer set-up and the guard are shared with the analysis report's CSV.

use super::timestamp;
use crate::io::error::ExportError;
use crate::io::selection::{Selection, cue_text, document_date, issue_names, ranges_text};

/// The extension of a CSV export.
pub const CSV_EXTENSION: &str = "csv";

/// The header row. `start`/`end` cover the whole extent; `ranges` lists every range.
///
/// The negotiation columns (format 2) come after `ranges`, so the first thirteen columns stay
/// where scripts and spreadsheets made for earlier exports look for them. `issues` joins issue
/// names with `;`; `cue` joins the cue's pieces of text with `;`; `target` is an actor's name.
pub const CSV_HEADER: [&str; 20] = [
    "document",
    "date",
    "tag",
    "holder",
    "holder_affiliation",
    "quote",
    "start",
    "end",
    "note",
    "id",
    "created",
    "modified",
    "ranges",
    "issues",
    "target",
    "stance",
    "condition",
    "attribution",
    "cue",
    "annotator",
];

/// How the cells of a CSV export are written.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CsvCells {
    /// Exactly as they are, without spreadsheet-injection guards.
    pub raw: bool,
    /// After a UTF-8 byte order mark, so Excel reads the file as UTF-8.
    pub excel: bool,
}

pub(crate) fn export(selection: &Selection, cells: CsvCells) -> Result<Vec<u8>, ExportError> {
    let mut writer = writer(cells.excel);
    writer.write_record(CSV_HEADER)?;
    for (doc, a) in selection.annotations() {
        let extent = a.extent();
        let row = [
            doc.title.clone(),
            document_date(doc),
            a.tag.clone(),
            selection.project.holder_name(a).to_owned(),
            selection.holder_affiliation(a).to_owned(),
            a.quote.clone(),
            extent.start.to_string(),
            extent.end.to_string(),
            a.note_text().to_owned(),
            a.id.to_string(),
            timestamp(a.created),
            timestamp(a.modified),
            ranges_text(a),
            issue_names(selection.project, a),
            selection.project.target_name(a).to_owned(),
            a.stance.map_or("", |s| s.as_str()).to_owned(),
            a.condition.clone().unwrap_or_default(),
            a.attribution.map_or("", |s| s.as_str()).to_owned(),
            cue_text(doc, a),
            a.annotator.clone().unwrap_or_default(),
        ];
        if cells.raw {
            writer.write_record(&row)?;
        } else {
            writer.write_record(row.iter().map(|cell| neutralize(cell).into_owned()))?;
        }
    }
    Ok(into_bytes(writer)?)
}

/// A CSV writer to memory with CRLF line ends (RFC 4180), after a byte order mark if `bom`.
pub(crate) fn writer(bom: bool) -> csv::Writer<Vec<u8>> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// The bytes a [`writer`] wrote.
pub(crate) fn into_bytes(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// Prefixes `'` to a cell a spreadsheet would read as a formula (OWASP CSV injection).
#[must_use]
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::neutralize;

    #[test]
    fn formula_cells_get_a_quote_prefix() {
        assert_eq!(neutralize("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("-1"), "'-1");
        assert_eq!(neutralize("@SUM(1)"), "'@SUM(1)");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("\rx"), "'\rx");
        assert_eq!(neutralize("plain – text"), "plain – text");
        assert_eq!(neutralize(""), "");
    }
}
