//! CSV: one row per annotation, RFC 4180 via the `csv` crate, guarded against formula injection.

use super::timestamp;
use crate::io::export::{
    ExportError, ExportOptions, Selection, cue_text, document_date, issue_names, ranges_text,
};

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

pub(crate) fn export(
    selection: &Selection,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    if options.excel {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
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
        if options.raw {
            writer.write_record(&row)?;
        } else {
            writer.write_record(row.iter().map(|cell| neutralize(cell).into_owned()))?;
        }
    }
    writer.flush().map_err(|e| ExportError::Csv(e.into()))?;
    writer
        .into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))
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
