//! The suggestion list: the current document's suggestions in reading order, each with its
//! speaker, type, confidence and why that speaker, for going through them in order; a click
//! selects one in the article. Two bulk answers: accept every suggestion with a known
//! speaker, reject every suggestion of one type. Returns [`SuggestionListAction`]s; never
//! changes the project.

use egui::RichText;

use super::article::bidi_text::{isolated, widget_text};
use super::suggestion_card::{readable_reason, speaker_name};
use crate::attribution::Suggestion;
use crate::model::{Attribution, Project, Span};

/// What the analyst asked of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuggestionListAction {
    /// Select this suggestion (by its content ranges) and bring it into view.
    Show(Vec<Span>),
    /// Accept every listed suggestion whose speaker is known, as one undo step.
    AcceptWithSpeaker,
    /// Reject every listed suggestion of this type, as one undo step.
    RejectType(Attribution),
}

/// How many characters of a suggestion's text a row shows.
const EXCERPT_CHARS: usize = 90;

/// The types a suggestion may have, in the order the reject buttons show them.
const TYPES: [Attribution; 3] = [
    Attribution::Direct,
    Attribution::Indirect,
    Attribution::Paraphrase,
];

/// The list of `suggestions` (of the document whose text is `text`), `focused` highlighted.
pub fn ui(
    ui: &mut egui::Ui,
    project: &Project,
    text: Option<&crate::model::Document>,
    suggestions: &[Suggestion],
    focused: Option<usize>,
) -> Option<SuggestionListAction> {
    let mut action = None;
    let with_speaker = suggestions.iter().filter(|s| s.speaker.is_some()).count();
    ui.heading("Suggestions");
    ui.label(
        RichText::new(format!(
            "{} in this document, {with_speaker} with a known speaker",
            suggestions.len()
        ))
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        let accept = ui.add_enabled(
            with_speaker > 0,
            egui::Button::new(format!("Accept {with_speaker} with a speaker")),
        );
        if accept
            .on_hover_text("Accept every suggestion below that names its speaker, as one undo step")
            .clicked()
        {
            action = Some(SuggestionListAction::AcceptWithSpeaker);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Reject all:");
        for kind in TYPES {
            let count = suggestions.iter().filter(|s| s.attribution == kind).count();
            let button = ui.add_enabled(count > 0, egui::Button::new(format!("{kind} ({count})")));
            if button
                .on_hover_text(format!(
                    "Reject every {kind} suggestion below, as one undo step; they are not suggested again"
                ))
                .clicked()
            {
                action = Some(SuggestionListAction::RejectType(kind));
            }
        }
    });
    ui.separator();
    if suggestions.is_empty() {
        ui.label(RichText::new("No suggestions left in this document.").weak());
        return action;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, s) in suggestions.iter().enumerate() {
                if let Some(clicked) = row_ui(ui, project, text, s, focused == Some(i)) {
                    action = Some(clicked);
                }
            }
        });
    action
}

/// One suggestion: speaker, type and confidence, an excerpt, and why that speaker.
fn row_ui(
    ui: &mut egui::Ui,
    project: &Project,
    text: Option<&crate::model::Document>,
    s: &Suggestion,
    is_focused: bool,
) -> Option<SuggestionListAction> {
    let speaker = speaker_name(project, s).unwrap_or_else(|| "speaker unknown".to_owned());
    let excerpt = text
        .and_then(|d| d.quote(&s.content))
        .map(|q| excerpt(&q))
        .unwrap_or_default();
    // Speaker and excerpt in one button: a click anywhere on them selects the suggestion.
    // Right-to-left names and quotes are set apart and laid out in reading order.
    let title = format!(
        "{} · {} · {}\n“{}”",
        isolated(&speaker),
        s.attribution,
        s.tier,
        isolated(&excerpt)
    );
    let response = ui
        .vertical(|ui| {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let title = widget_text(ui, &title, font, Some(4));
            let label = ui.selectable_label(is_focused, title);
            ui.label(RichText::new(readable_reason(&s.explain())).small().weak());
            ui.add_space(4.0);
            label
        })
        .inner;
    if is_focused {
        response.scroll_to_me(None);
    }
    response
        .clicked()
        .then(|| SuggestionListAction::Show(s.content.clone()))
}

/// The first [`EXCERPT_CHARS`] characters of `quote`, with an ellipsis if cut.
fn excerpt(quote: &str) -> String {
    let mut chars = quote.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn a_long_quote_is_cut_with_an_ellipsis_by_characters() {
        assert_eq!(excerpt("short"), "short");
        let long = "é".repeat(100);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), 91);
        assert!(cut.ends_with('…'));
    }
}
