//! A text field that holds a day as `YYYY-MM-DD`, as the dialogs that take one read it (the
//! round editor, the document properties, the import review, the analysis filter): one rule
//! for what parses, one message for what does not, one look for a field that does not parse.
//! An empty field means "no date"; surrounding spaces are ignored.

use chrono::NaiveDate;

/// The hint an empty date field shows.
pub const DATE_HINT: &str = "YYYY-MM-DD";

/// A date field whose text is not a day of the calendar in `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Write the date as YYYY-MM-DD, e.g. 2025-12-05")]
pub struct BadDate;

/// The day in `text`, `None` for an empty field.
///
/// # Errors
/// [`BadDate`] when the text is neither empty nor a real `YYYY-MM-DD` day (`2025-02-30`,
/// `5 December`).
pub fn parse_date_field(text: &str) -> Result<Option<NaiveDate>, BadDate> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| BadDate)
}

/// A single-line editor for a date field: the hint when empty, the error colour while the
/// text does not parse.
pub fn date_edit<'t>(ui: &egui::Ui, text: &'t mut String) -> egui::TextEdit<'t> {
    let is_bad = parse_date_field(text).is_err();
    let edit = egui::TextEdit::singleline(text).hint_text(DATE_HINT);
    if is_bad {
        edit.text_color(ui.visuals().error_fg_color)
    } else {
        edit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_holds_a_day_nothing_or_a_mistake() {
        assert_eq!(
            parse_date_field(" 2025-12-05 "),
            Ok(NaiveDate::from_ymd_opt(2025, 12, 5))
        );
        assert_eq!(parse_date_field("  "), Ok(None));
        assert_eq!(parse_date_field("2025-02-30"), Err(BadDate));
        assert_eq!(parse_date_field("5 December"), Err(BadDate));
        assert!(BadDate.to_string().contains("YYYY-MM-DD"));
    }
}
