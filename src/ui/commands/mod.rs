//! [`Command`]: every menu item and keyboard shortcut of the workbench, in one enum.
//!
//! Menus, shortcut handling, the Help → Keyboard Shortcuts window and the README table all
//! read this enum: the list of commands is derived from its variants and each command names
//! its own menu, so a shortcut shown in a menu is always the one that works.

use std::sync::LazyLock;

use egui::{Key, KeyboardShortcut, Modifiers};

mod state;

pub use state::CommandState;

/// The top-level menu a command appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray)]
pub enum Menu {
    File,
    Edit,
    View,
    Project,
    Help,
}

/// Something the user can ask the workbench to do by menu or shortcut. Variants are
/// declared in menu order: menus list them in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::VariantArray)]
pub enum Command {
    NewProject,
    Open,
    ImportArticle,
    ImportFolder,
    ImportUrl,
    Save,
    SaveAs,
    Export,
    Quit,
    Undo,
    Redo,
    PasteAsNewArticle,
    DeleteAnnotation,
    AddSelectionAsRange,
    Link,
    Preferences,
    Find,
    NextAnnotation,
    PreviousAnnotation,
    FocusNote,
    ClearSelection,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ThemeLight,
    ThemeDark,
    ThemeSystem,
    ToggleSidebar,
    ToggleDocumentList,
    ShowLinks,
    Schema,
    DocumentProperties,
    Problems,
    KeyboardShortcuts,
    About,
    ToggleSuggestions,
    ToggleSuggestionList,
    NextSuggestion,
    PreviousSuggestion,
    AcceptSuggestion,
    RejectSuggestion,
    AcceptHighConfidence,
    AcceptSuggestionsWithSpeaker,
    CompareWith,
    SyncWithTeam,
    ShareWithTeam,
    OpenFromTeam,
    History,
    NudgeStartBack,
    NudgeStartForward,
    NudgeEndBack,
    NudgeEndForward,
    FindInText,
    // Analysis (issue 12): the two main views.
    ArticleView,
    AnalysisView,
    CompareView,
    CorpusSearch,
    NextDocument,
    PreviousDocument,
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        key,
    )
}

const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

const fn alt_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: true,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: false,
        },
        key,
    )
}

const fn bare(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Command {
    /// Every command, in menu order (derived from the variants).
    pub const ALL: &'static [Command] = <Command as strum::VariantArray>::VARIANTS;

    /// The menu item's text.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Command::NewProject => "New Project",
            Command::Open => "Open…",
            Command::ImportArticle => "Import Article…",
            Command::ImportFolder => "Import Folder…",
            Command::ImportUrl => "Import from URL…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::Export => "Export…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::PasteAsNewArticle => "Paste as New Article",
            Command::DeleteAnnotation => "Delete Annotation",
            Command::AddSelectionAsRange => "Add Selection as Range",
            Command::Link => "Link Annotation…",
            Command::Preferences => "Preferences…",
            Command::Find => "Find Annotations",
            Command::NextAnnotation => "Next Annotation",
            Command::PreviousAnnotation => "Previous Annotation",
            Command::FocusNote => "Edit Note",
            Command::ClearSelection => "Clear Selection",
            Command::ZoomIn => "Zoom In",
            Command::ZoomOut => "Zoom Out",
            Command::ZoomReset => "Reset Zoom",
            Command::ThemeLight => "Light",
            Command::ThemeDark => "Dark",
            Command::ThemeSystem => "Follow System",
            Command::ToggleSidebar => "Annotation Sidebar",
            Command::ToggleDocumentList => "Document List",
            Command::ShowLinks => "Show Links",
            Command::Schema => "Schema…",
            Command::DocumentProperties => "Document Properties…",
            Command::Problems => "Problems…",
            Command::KeyboardShortcuts => "Keyboard Shortcuts",
            Command::About => "About Stance",
            Command::ToggleSuggestions => "Attribution Suggestions",
            Command::ToggleSuggestionList => "Suggestion List",
            Command::NextSuggestion => "Next Suggestion",
            Command::PreviousSuggestion => "Previous Suggestion",
            Command::AcceptSuggestion => "Accept Suggestion",
            Command::RejectSuggestion => "Reject Suggestion",
            Command::AcceptHighConfidence => "Accept All High-Confidence Suggestions",
            Command::AcceptSuggestionsWithSpeaker => "Accept All Suggestions with a Speaker",
            Command::CompareWith => "Compare With…",
            Command::SyncWithTeam => "Sync with Team",
            Command::ShareWithTeam => "Share with Team…",
            Command::OpenFromTeam => "Open from Team…",
            Command::History => "History",
            Command::NudgeStartBack => "Start One Word Earlier",
            Command::NudgeStartForward => "Start One Word Later",
            Command::NudgeEndBack => "End One Word Earlier",
            Command::NudgeEndForward => "End One Word Later",
            Command::FindInText => "Find in Text…",
            Command::ArticleView => "Article View",
            Command::AnalysisView => "Analysis View",
            Command::CompareView => "Compare View",
            Command::CorpusSearch => "Search All Documents…",
            Command::NextDocument => "Next Document",
            Command::PreviousDocument => "Previous Document",
        }
    }

    /// What the command does, for tooltips and the shortcuts window.
    #[must_use]
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per command: the table of what each does, read as one"
    )]
    pub fn description(self) -> &'static str {
        match self {
            Command::NewProject => "Start an empty project",
            Command::Open => {
                "Open a project (.ron), or start one from an article (a page, PDF, Word file, feed or export)"
            }
            Command::ImportArticle => {
                "Add articles (text, web pages, PDFs, Word files, feeds, Nexis and Factiva exports), brat .ann files or Stance exports to this project"
            }
            Command::ImportFolder => {
                "Add a folder of articles (.txt, .md), a brat folder, or brat folders to this project"
            }
            Command::ImportUrl => {
                "Fetch a web page or feed by its address and add its articles to this project"
            }
            Command::Save => "Save the project",
            Command::SaveAs => "Save the project to a new file",
            Command::Export => "Export annotations (CSV, JSON, Markdown, brat…)",
            Command::Quit => "Close Stance",
            Command::Undo => "Undo the last change",
            Command::PasteAsNewArticle => {
                "Make a new document from the clipboard (a copied web page's text, cleaned)"
            }
            Command::Redo => "Redo the last undone change",
            Command::DeleteAnnotation => "Delete the selected annotation (or the selected link)",
            Command::AddSelectionAsRange => {
                "Add the selected text to the selected annotation as a further range"
            }
            Command::Link => {
                "Link the selected annotation to another: click it, then choose the relation type"
            }
            Command::Preferences => "Annotator name and other settings",
            Command::Find => "Search the annotations of this document",
            Command::NextAnnotation => "Select the next annotation in the list",
            Command::PreviousAnnotation => "Select the previous annotation in the list",
            Command::FocusNote => "Type a note for the selected annotation",
            Command::ClearSelection => "Clear the text selection and the selected annotation",
            Command::ZoomIn => "Larger text",
            Command::ZoomOut => "Smaller text",
            Command::ZoomReset => "Text at its normal size",
            Command::ThemeLight => "Light colours",
            Command::ThemeDark => "Dark colours",
            Command::ThemeSystem => "Follow the system's light or dark setting",
            Command::ToggleSidebar => "Show or hide the annotation sidebar",
            Command::ToggleDocumentList => "Show or hide the list of documents",
            Command::ShowLinks => {
                "Draw every link as an arc labelled with its type between the linked spans; click one to edit or delete it"
            }
            Command::Schema => "Edit the tags, their fields, the relation types and the issues",
            Command::DocumentProperties => {
                "Correct the shown document's title, date, outlet, author, URL and language"
            }
            Command::Problems => "List the project's problems and repair them",
            Command::KeyboardShortcuts => "List every keyboard shortcut",
            Command::About => "Version and licence",
            Command::ToggleSuggestions => {
                "Show or hide suggested statements and speakers as dashed outlines"
            }
            Command::NextSuggestion => "Move to the next suggestion (while suggestions show)",
            Command::PreviousSuggestion => {
                "Move to the previous suggestion (while suggestions show)"
            }
            Command::AcceptSuggestion => {
                "Accept the suggestion selected or under the pointer as an annotation"
            }
            Command::RejectSuggestion => {
                "Reject the suggestion selected or under the pointer; it is not suggested again"
            }
            Command::ToggleSuggestionList => {
                "Show or hide the list of this document's suggestions with their speakers"
            }
            Command::AcceptSuggestionsWithSpeaker => {
                "Accept every suggestion of this document that names its speaker, as one undo step"
            }
            Command::AcceptHighConfidence => {
                "Accept every high-confidence suggestion of this document, as one undo step"
            }
            Command::CompareWith => {
                "Bring in other annotators' projects of the same documents to compare and adjudicate"
            }
            Command::SyncWithTeam => {
                "Save, commit as you, merge the team's work (git) and share yours, in one step"
            }
            Command::ShareWithTeam => {
                "Put this project into a git repository and push it to the team's repository"
            }
            Command::OpenFromTeam => "Copy the team's repository here (git clone) and open it",
            Command::History => {
                "The commits that touched this project: who, when, annotations added, changed, removed"
            }
            Command::NudgeStartBack => {
                "Move the selected annotation's start back to the previous word"
            }
            Command::NudgeStartForward => {
                "Move the selected annotation's start on to the next word"
            }
            Command::NudgeEndBack => "Move the selected annotation's end back to the previous word",
            Command::NudgeEndForward => "Move the selected annotation's end on to the next word",
            Command::FindInText => {
                "Find words in the article; Enter selects the next match, to extend or tag"
            }
            Command::ArticleView => "Show the article and its annotations",
            Command::AnalysisView => {
                "Show the position map, the timeline and what changed between rounds of talks"
            }
            Command::CompareView => {
                "Compare annotators side by side and adjudicate their disagreements and merge conflicts"
            }
            Command::CorpusSearch => {
                "Search the text of every document; walk the hits and tag them all at once"
            }
            Command::NextDocument => "Show the next document of the document list",
            Command::PreviousDocument => "Show the previous document of the document list",
        }
    }

    /// The shortcuts that run the command; the first is shown in menus.
    #[must_use]
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Command::NewProject => const { &[cmd(Key::N)] },
            Command::Open => const { &[cmd(Key::O)] },
            Command::ImportArticle => const { &[cmd(Key::I)] },
            Command::Save => const { &[cmd(Key::S)] },
            Command::SaveAs => const { &[cmd_shift(Key::S)] },
            Command::Export => const { &[cmd(Key::E)] },
            Command::Quit => const { &[cmd(Key::Q)] },
            Command::Undo => const { &[cmd(Key::Z)] },
            Command::Redo => const { &[cmd_shift(Key::Z), cmd(Key::Y)] },
            Command::PasteAsNewArticle => const { &[cmd_shift(Key::V)] },
            Command::DeleteAnnotation => const { &[bare(Key::Delete), bare(Key::Backspace)] },
            Command::AddSelectionAsRange => const { &[cmd(Key::R)] },
            Command::Link => const { &[bare(Key::L)] },
            Command::Find => const { &[cmd(Key::F)] },
            Command::NextAnnotation => const { &[bare(Key::ArrowDown), bare(Key::J)] },
            Command::PreviousAnnotation => const { &[bare(Key::ArrowUp), bare(Key::K)] },
            Command::FocusNote => const { &[bare(Key::Enter)] },
            Command::ClearSelection => const { &[bare(Key::Escape)] },
            Command::ZoomIn => const { &[cmd(Key::Plus), cmd(Key::Equals)] },
            Command::ZoomOut => const { &[cmd(Key::Minus)] },
            Command::ZoomReset => const { &[cmd(Key::Num0)] },
            Command::ToggleSidebar => const { &[cmd(Key::B)] },
            Command::ToggleDocumentList => const { &[cmd(Key::L)] },
            Command::ShowLinks => const { &[cmd_shift(Key::L)] },
            Command::KeyboardShortcuts => const { &[bare(Key::F1)] },
            Command::ToggleSuggestions => const { &[cmd(Key::G)] },
            Command::ToggleSuggestionList => const { &[cmd_shift(Key::G)] },
            Command::NextSuggestion => const { &[bare(Key::Tab)] },
            Command::PreviousSuggestion => {
                const { &[KeyboardShortcut::new(Modifiers::SHIFT, Key::Tab)] }
            }
            Command::AcceptSuggestion => const { &[bare(Key::A)] },
            Command::RejectSuggestion => const { &[bare(Key::X)] },
            Command::NudgeStartBack => const { &[alt(Key::ArrowLeft)] },
            Command::NudgeStartForward => const { &[alt(Key::ArrowRight)] },
            Command::NudgeEndBack => const { &[alt_shift(Key::ArrowLeft)] },
            Command::NudgeEndForward => const { &[alt_shift(Key::ArrowRight)] },
            Command::FindInText => const { &[bare(Key::Slash)] },
            Command::ArticleView => const { &[cmd(Key::Num1)] },
            Command::AnalysisView => const { &[cmd(Key::Num2)] },
            Command::CompareView => const { &[cmd(Key::Num3)] },
            Command::CorpusSearch => const { &[cmd_shift(Key::F)] },
            Command::NextDocument => const { &[cmd(Key::PageDown)] },
            Command::PreviousDocument => const { &[cmd(Key::PageUp)] },
            Command::ImportFolder
            | Command::ImportUrl
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::ThemeSystem
            | Command::Preferences
            | Command::Schema
            | Command::DocumentProperties
            | Command::Problems
            | Command::About
            | Command::AcceptHighConfidence
            | Command::AcceptSuggestionsWithSpeaker
            | Command::CompareWith
            | Command::ShareWithTeam
            | Command::OpenFromTeam
            | Command::History => &[],
            Command::SyncWithTeam => const { &[cmd_shift(Key::Y)] },
        }
    }

    /// True for shortcuts without Ctrl/Cmd: they act only while no text field has focus,
    /// so typing a note never deletes an annotation.
    #[must_use]
    pub fn is_bare_key(shortcut: &KeyboardShortcut) -> bool {
        !shortcut.modifiers.command && !shortcut.modifiers.ctrl && !shortcut.modifiers.mac_cmd
    }

    /// The menu the command belongs to; `None` for keyboard-only commands.
    #[must_use]
    pub fn menu(self) -> Option<Menu> {
        match self {
            Command::NewProject
            | Command::Open
            | Command::ImportArticle
            | Command::ImportFolder
            | Command::ImportUrl
            | Command::Save
            | Command::SaveAs
            | Command::Export
            | Command::Quit
            | Command::CompareWith
            | Command::SyncWithTeam
            | Command::ShareWithTeam
            | Command::OpenFromTeam => Some(Menu::File),
            Command::Undo
            | Command::Redo
            | Command::PasteAsNewArticle
            | Command::DeleteAnnotation
            | Command::AddSelectionAsRange
            | Command::Link
            | Command::Find
            | Command::Preferences
            | Command::NudgeStartBack
            | Command::NudgeStartForward
            | Command::NudgeEndBack
            | Command::NudgeEndForward
            | Command::FindInText
            | Command::CorpusSearch => Some(Menu::Edit),
            Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::ThemeSystem
            | Command::ToggleSidebar
            | Command::ToggleDocumentList
            | Command::ShowLinks
            | Command::ToggleSuggestions
            | Command::ToggleSuggestionList
            | Command::ArticleView
            | Command::AnalysisView
            | Command::CompareView
            | Command::NextDocument
            | Command::PreviousDocument
            | Command::History => Some(Menu::View),
            Command::DocumentProperties
            | Command::Schema
            | Command::Problems
            | Command::NextSuggestion
            | Command::PreviousSuggestion
            | Command::AcceptSuggestion
            | Command::RejectSuggestion
            | Command::AcceptHighConfidence
            | Command::AcceptSuggestionsWithSpeaker => Some(Menu::Project),
            Command::KeyboardShortcuts | Command::About => Some(Menu::Help),
            Command::NextAnnotation
            | Command::PreviousAnnotation
            | Command::FocusNote
            | Command::ClearSelection => None,
        }
    }

    /// True for a command that opens a group in its menu (a separator goes above it).
    #[must_use]
    pub fn starts_menu_group(self) -> bool {
        matches!(
            self,
            Command::Save
                | Command::Quit
                | Command::DeleteAnnotation
                | Command::Find
                | Command::Preferences
                | Command::ThemeLight
                | Command::ToggleSidebar
                | Command::NextSuggestion
                | Command::ArticleView
                | Command::NudgeStartBack
                | Command::FindInText
                | Command::SyncWithTeam
                | Command::History
        )
    }

    /// The submenu of its menu the command sits in, e.g. View → Theme.
    #[must_use]
    pub fn submenu(self) -> Option<&'static str> {
        match self {
            Command::ThemeLight | Command::ThemeDark | Command::ThemeSystem => Some("Theme"),
            _ => None,
        }
    }

    /// All shortcuts as `(shortcut, command)`, most specific first: egui ignores extra
    /// Shift when matching, so Ctrl+Shift+S must be tried before Ctrl+S. Built once, because
    /// the app matches it against the input every frame.
    #[must_use]
    pub fn shortcut_table() -> &'static [(KeyboardShortcut, Command)] {
        static TABLE: LazyLock<Vec<(KeyboardShortcut, Command)>> = LazyLock::new(|| {
            let mut table: Vec<(KeyboardShortcut, Command)> = Command::ALL
                .iter()
                .flat_map(|&c| c.shortcuts().iter().map(move |&s| (s, c)))
                .collect();
            let specificity = |s: &KeyboardShortcut| {
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.alt)
                    + u8::from(s.modifiers.command)
            };
            table.sort_by_key(|(s, _)| std::cmp::Reverse(specificity(s)));
            table
        });
        &TABLE
    }
}

/// The characters of the bare command keys (J, K, L…): a tag hotkey must not take one, or
/// the command would win and the tag could never be used by key. Passed to the model's
/// hotkey check, which owns the rule.
#[must_use]
pub fn reserved_hotkeys() -> Vec<char> {
    Command::shortcut_table()
        .iter()
        .filter(|(s, _)| Command::is_bare_key(s))
        .filter_map(|(s, _)| {
            let mut chars = s.logical_key.symbol_or_name().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        })
        .collect()
}

/// Human-readable text of a shortcut, e.g. `Ctrl+Shift+S`, independent of any egui context
/// (used by the README check and the shortcuts window).
#[must_use]
pub fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    let mut out = String::new();
    if shortcut.modifiers.command || shortcut.modifiers.ctrl {
        out.push_str("Ctrl+");
    }
    if shortcut.modifiers.alt {
        out.push_str("Alt+");
    }
    if shortcut.modifiers.shift {
        out.push_str("Shift+");
    }
    let key = match shortcut.logical_key {
        Key::ArrowDown => "↓",
        Key::ArrowUp => "↑",
        Key::Escape => "Esc",
        Key::Plus => "+",
        Key::Equals => "=",
        Key::Minus => "-",
        Key::Slash => "/",
        other => other.name(),
    };
    out.push_str(key);
    out
}

/// The keyboard shortcut table as Markdown, for the README: the tag hotkeys of `schema`,
/// then every command with a shortcut.
#[must_use]
pub fn shortcuts_markdown(schema: &crate::model::TagSchema) -> String {
    let mut out = String::from("| Keys | Action |\n|---|---|\n");
    for tag in &schema.tags {
        if let Some(key) = tag.hotkey {
            out.push_str(&format!(
                "| `{key}` | Tag the selected text as {} (with no text selected: retag the selected annotation) |\n",
                tag.name
            ));
        }
    }
    for &command in Command::ALL {
        let keys: Vec<String> = command
            .shortcuts()
            .iter()
            .map(|s| format!("`{}`", shortcut_text(s)))
            .collect();
        if !keys.is_empty() {
            out.push_str(&format!(
                "| {} | {} |\n",
                keys.join(" or "),
                command.description()
            ));
        }
    }
    out
}

/// Consumes a press of `shortcut` from this frame's input. Bare keys must match their
/// modifiers exactly (Shift+↓ belongs to the article's selection, not to ↓).
pub fn consume(input: &mut egui::InputState, shortcut: &KeyboardShortcut) -> bool {
    if !Command::is_bare_key(shortcut) {
        return input.consume_shortcut(shortcut);
    }
    let mut found = false;
    input.events.retain(|event| {
        let is_match = matches!(
            event,
            egui::Event::Key { key, modifiers, pressed: true, .. }
                if *key == shortcut.logical_key && modifiers.matches_exact(shortcut.modifiers)
        );
        found |= is_match;
        !is_match
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_find_in_text_key_is_reserved_from_tag_hotkeys() {
        let reserved = reserved_hotkeys();
        assert!(reserved.contains(&'/'), "{reserved:?}");
        assert!(reserved.contains(&'J'), "{reserved:?}");
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let table = Command::shortcut_table();
        for (i, (a, ca)) in table.iter().enumerate() {
            for (b, cb) in &table[i + 1..] {
                assert!(a != b, "{ca:?} and {cb:?} share {}", shortcut_text(a));
            }
        }
    }

    #[test]
    fn more_specific_shortcuts_are_tried_first() {
        let table = Command::shortcut_table();
        let position = |c: Command| table.iter().position(|(_, x)| *x == c);
        assert!(position(Command::SaveAs) < position(Command::Save));
        assert!(position(Command::Redo) < position(Command::Undo));
    }

    #[test]
    fn every_menu_command_has_a_label_and_description() {
        for &c in Command::ALL {
            assert!(!c.label().is_empty());
            assert!(!c.description().is_empty());
        }
        assert_eq!(shortcut_text(&cmd_shift(Key::S)), "Ctrl+Shift+S");
        assert_eq!(shortcut_text(&bare(Key::ArrowDown)), "↓");
    }
}
