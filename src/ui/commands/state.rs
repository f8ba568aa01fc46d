//! When each [`Command`] can run and whether its menu item is ticked, from a
//! [`CommandState`] of facts the app gathers: the menus grey out and tick items by it, and
//! the app runs a command only when it is enabled where that matters. Every command is
//! listed in both matches, so a new one must say.

use super::Command;

/// What decides whether each command is enabled and whether its menu item is ticked: facts
/// about the app's state, gathered by the app (cheaply: the one costly fact is asked lazily).
pub struct CommandState<'a> {
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_selected_annotation: bool,
    /// A relation is selected (its arc was clicked): Delete removes it.
    pub has_selected_relation: bool,
    pub has_text_selection: bool,
    /// The project has at least one annotation (something to export).
    pub has_annotations: bool,
    pub document_count: usize,
    /// A document is shown.
    pub has_document: bool,
    /// A suggestion is focused or under the pointer (what A and X act on).
    pub has_suggestion_target: bool,
    /// Whether the project breaks a rule; called only while the Project menu is open.
    pub has_problems: &'a dyn Fn() -> bool,
    pub theme: egui::ThemePreference,
    pub is_sidebar_shown: bool,
    /// The document list is asked for (it shows only with two documents or more).
    pub is_document_list_wanted: bool,
    pub are_suggestions_shown: bool,
    /// View → Suggestion List is on.
    pub is_suggestion_list_shown: bool,
    /// View → Show Links is on.
    pub are_links_shown: bool,
}

impl CommandState<'_> {
    /// Whether the document list is drawn: it is, while asked for and there is a choice.
    #[must_use]
    pub fn is_document_list_shown(&self) -> bool {
        self.is_document_list_wanted && self.document_count > 1
    }
}

impl Command {
    /// Whether the command can run now; menus grey out the others, and the app runs a
    /// command only when it is enabled where that matters (e.g. Ctrl+L with one document).
    #[must_use]
    pub fn is_enabled(self, state: &CommandState<'_>) -> bool {
        match self {
            Command::Undo => state.can_undo,
            Command::Redo => state.can_redo,
            Command::DeleteAnnotation => {
                state.has_selected_annotation || state.has_selected_relation
            }
            Command::FocusNote
            | Command::Link
            | Command::NudgeStartBack
            | Command::NudgeStartForward
            | Command::NudgeEndBack
            | Command::NudgeEndForward => state.has_selected_annotation,
            Command::AddSelectionAsRange => {
                state.has_selected_annotation && state.has_text_selection
            }
            Command::Export => state.has_annotations,
            Command::ToggleDocumentList | Command::NextDocument | Command::PreviousDocument => {
                state.document_count > 1
            }
            // Asked only while the menu is drawn open: it checks the whole project.
            Command::Problems => (state.has_problems)(),
            Command::AcceptSuggestion | Command::RejectSuggestion => state.has_suggestion_target,
            Command::AcceptHighConfidence
            | Command::AcceptSuggestionsWithSpeaker
            | Command::DocumentProperties => state.has_document,
            Command::NewProject
            | Command::Open
            | Command::ImportArticle
            | Command::ImportFolder
            | Command::ImportUrl
            | Command::PasteAsNewArticle
            | Command::Save
            | Command::SaveAs
            | Command::Quit
            | Command::Preferences
            | Command::Find
            | Command::NextAnnotation
            | Command::PreviousAnnotation
            | Command::ClearSelection
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::ThemeSystem
            | Command::ToggleSidebar
            | Command::ShowLinks
            | Command::Schema
            | Command::KeyboardShortcuts
            | Command::About
            | Command::ToggleSuggestions
            | Command::ToggleSuggestionList
            | Command::NextSuggestion
            | Command::PreviousSuggestion
            | Command::CompareWith
            | Command::SyncWithTeam
            | Command::ShareWithTeam
            | Command::OpenFromTeam
            | Command::History
            | Command::FindInText
            | Command::ArticleView
            | Command::AnalysisView
            | Command::CompareView
            | Command::CorpusSearch => true,
        }
    }

    /// `Some(checked)` for the View menu's toggles and theme choices; `None` for the rest.
    #[must_use]
    pub fn is_checked(self, state: &CommandState<'_>) -> Option<bool> {
        match self {
            Command::ThemeLight => Some(state.theme == egui::ThemePreference::Light),
            Command::ThemeDark => Some(state.theme == egui::ThemePreference::Dark),
            Command::ThemeSystem => Some(state.theme == egui::ThemePreference::System),
            Command::ToggleSidebar => Some(state.is_sidebar_shown),
            // With one document the list is hidden (and the toggle disabled): a tick would
            // claim a list the user cannot see.
            Command::ToggleDocumentList => Some(state.is_document_list_shown()),
            Command::ToggleSuggestions => Some(state.are_suggestions_shown),
            Command::ToggleSuggestionList => Some(state.is_suggestion_list_shown),
            Command::ShowLinks => Some(state.are_links_shown),
            Command::NewProject
            | Command::Open
            | Command::ImportArticle
            | Command::ImportFolder
            | Command::ImportUrl
            | Command::PasteAsNewArticle
            | Command::DocumentProperties
            | Command::Save
            | Command::SaveAs
            | Command::Export
            | Command::Quit
            | Command::Undo
            | Command::Redo
            | Command::DeleteAnnotation
            | Command::AddSelectionAsRange
            | Command::Link
            | Command::Preferences
            | Command::Find
            | Command::NextAnnotation
            | Command::PreviousAnnotation
            | Command::FocusNote
            | Command::ClearSelection
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::Schema
            | Command::Problems
            | Command::KeyboardShortcuts
            | Command::About
            | Command::NextSuggestion
            | Command::PreviousSuggestion
            | Command::AcceptSuggestion
            | Command::RejectSuggestion
            | Command::AcceptHighConfidence
            | Command::AcceptSuggestionsWithSpeaker
            | Command::CompareWith
            | Command::SyncWithTeam
            | Command::ShareWithTeam
            | Command::OpenFromTeam
            | Command::History
            | Command::NudgeStartBack
            | Command::NudgeStartForward
            | Command::NudgeEndBack
            | Command::NudgeEndForward
            | Command::FindInText
            | Command::ArticleView
            | Command::AnalysisView
            | Command::CompareView
            | Command::CorpusSearch
            | Command::NextDocument
            | Command::PreviousDocument => None,
        }
    }
}
