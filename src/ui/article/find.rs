//! Find in the article's text (`/`): a one-line bar above the article. Enter selects the next
//! match after the caret (wrapping round), closes the bar and gives the article the keyboard,
//! so Shift+arrows and the tag keys go on from there; Esc closes it. The query is kept, so
//! `/` then Enter finds the next match.

use egui::{Event, Key, RichText};

use super::ArticleView;
use super::selection::SelectionEnds;
use crate::model::{Document, Span};

/// The find bar's state while it is open.
#[derive(Debug, Default)]
pub(super) struct FindBar {
    pub is_open: bool,
    /// Opened this frame: take the keyboard.
    pub wants_focus: bool,
    pub query: String,
    /// The last Enter found nothing.
    pub is_missing: bool,
    /// Opened by `/`: drop the text event that key typed.
    pub is_skipping_slash: bool,
}

impl ArticleView {
    /// Opens the find bar (`/`), with the keyboard in it.
    pub fn open_find(&mut self) {
        self.find.is_open = true;
        self.find.wants_focus = true;
        self.find.is_missing = false;
        self.find.is_skipping_slash = true;
    }

    /// True while the find bar is shown.
    #[must_use]
    pub fn is_find_open(&self) -> bool {
        self.find.is_open
    }

    /// Draws the find bar if open; returns the match Enter selected, with the selection
    /// ends already set to it (anchor at its start, so Shift+arrows grow it forward).
    pub(super) fn find_bar_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Option<Span> {
        if !self.find.is_open {
            return None;
        }
        if self.find.is_skipping_slash {
            // The `/` typed to open the bar is not part of the query; its text event can
            // arrive a frame after the key press.
            ui.input_mut(|i| {
                let first_text = i.events.iter().position(|e| matches!(e, Event::Text(_)));
                if let Some(at) = first_text {
                    if matches!(&i.events[at], Event::Text(text) if text == "/") {
                        i.events.remove(at);
                    }
                    self.find.is_skipping_slash = false;
                }
            });
        }
        let mut found = None;
        ui.horizontal(|ui| {
            let label = ui.label("Find in text");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .id_salt("article_find")
                        .hint_text("Enter selects the next match, Esc closes")
                        .desired_width(ui.available_width().min(360.0)),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.find.wants_focus) {
                response.request_focus();
            }
            if self.find.is_missing {
                ui.label(RichText::new("No match").color(ui.visuals().warn_fg_color));
            }
            if !response.lost_focus() {
                return;
            }
            if ui.input(|i| i.key_pressed(Key::Enter)) {
                let from = self.ends.map_or(0, |e| e.span().end);
                found = find_next(doc, &self.find.query, from);
                self.find.is_missing = found.is_none();
                self.find.is_open = found.is_none();
                if found.is_none() {
                    self.find.wants_focus = true;
                }
            } else if ui.input(|i| i.key_pressed(Key::Escape)) {
                self.find.is_open = false;
            }
        });
        let span = found?;
        self.ends = Some(SelectionEnds::from_span(span));
        Some(span)
    }
}

/// The first case-insensitive match of `query` at or after `from_chars`, else the first one
/// before it (the search wraps round); `None` for an empty query or no match. Offsets are
/// chars; a char whose lowercase is several chars (İ) compares as that sequence.
#[must_use]
pub fn find_next(doc: &Document, query: &str, from_chars: usize) -> Option<Span> {
    let needle: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return None;
    }
    let text: Vec<char> = doc.text.chars().collect();
    let matches_at = |start: usize| -> Option<usize> {
        let mut wanted = needle.iter();
        let mut end = start;
        while let Some(c) = text.get(end) {
            for lower in c.to_lowercase() {
                if wanted.next() != Some(&lower) {
                    return None;
                }
            }
            end += 1;
            if wanted.len() == 0 {
                return Some(end);
            }
        }
        None
    };
    let from = from_chars.min(text.len());
    (from..text.len())
        .chain(0..from)
        .find_map(|start| matches_at(start).map(|end| Span::new(start, end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively_after_the_caret_and_wraps_round() {
        let doc = Document::new("t", "Talks – the talks resumed. TALKS".to_owned());
        let first = find_next(&doc, "talks", 0);
        assert_eq!(first, Some(Span::new(0, 5)));
        let second = find_next(&doc, "TALKS", 5).unwrap_or_default();
        assert_eq!(doc.slice(second), Some("talks"));
        assert_eq!(second.start, "Talks – the ".chars().count());
        let third = find_next(&doc, "talks", second.end).unwrap_or_default();
        assert_eq!(doc.slice(third), Some("TALKS"));
        assert_eq!(find_next(&doc, "talks", third.end), first);
        assert_eq!(find_next(&doc, "peace", 0), None);
        assert_eq!(find_next(&doc, "", 0), None);
        assert_eq!(find_next(&doc, "– THE", 0).map(|s| s.start), Some(6));
    }
}
