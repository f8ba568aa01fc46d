//! The menu bar, built from [`Command`]: labels, shortcuts and enabled state come from there.

use std::path::PathBuf;

use egui::{Button, Ui};

use super::Action;
use super::commands::{Command, CommandState, Menu, shortcut_text};

/// One entry of a menu's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Command(Command),
    Separator,
    RecentFiles,
    /// Consecutive commands sharing [`Command::submenu`], as one submenu.
    Submenu(&'static str),
}

/// The items of `menu`, derived from [`Command::menu`], [`Command::starts_menu_group`] and
/// [`Command::submenu`] in declaration order, so no second list can disagree with them.
fn layout(menu: Menu) -> Vec<Item> {
    let mut items = Vec::new();
    // Commands are appended to `Command` as features arrive; Quit still ends its menu,
    // where every desktop application has it.
    let (last, commands): (Vec<Command>, Vec<Command>) = (Command::ALL.iter())
        .copied()
        .filter(|c| c.menu() == Some(menu))
        .partition(|&c| c == Command::Quit);
    for command in commands.into_iter().chain(last) {
        if command.starts_menu_group() && !items.is_empty() {
            items.push(Item::Separator);
        }
        match command.submenu() {
            Some(title) if items.last() == Some(&Item::Submenu(title)) => {}
            Some(title) => items.push(Item::Submenu(title)),
            None => items.push(Item::Command(command)),
        }
        // Recent files belong next to Open, as in most desktop applications.
        if command == Command::Open {
            items.push(Item::RecentFiles);
        }
    }
    items
}

/// The commands of one submenu of `menu`.
fn submenu_commands(menu: Menu, title: &'static str) -> impl Iterator<Item = Command> {
    Command::ALL
        .iter()
        .copied()
        .filter(move |c| c.menu() == Some(menu) && c.submenu() == Some(title))
}

impl Menu {
    /// The menu's title in the menu bar.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::View => "View",
            Menu::Project => "Project",
            Menu::Help => "Help",
        }
    }
}

/// What the menus need to know about the app's state.
pub struct MenuState<'a> {
    /// Which commands are enabled and checked (see [`Command::is_enabled`]).
    pub commands: &'a CommandState<'a>,
    pub recent_files: &'a [PathBuf],
    pub undo_label: Option<&'a str>,
    pub redo_label: Option<&'a str>,
}

/// Draws the menu bar; returns the chosen action.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>) -> Option<Action> {
    let mut chosen = None;
    egui::MenuBar::new().ui(ui, |ui| {
        for &menu in <Menu as strum::VariantArray>::VARIANTS {
            ui.menu_button(menu.title(), |ui| {
                ui.set_min_width(230.0);
                for item in layout(menu) {
                    if let Some(action) = item_ui(ui, menu, item, state) {
                        chosen = Some(action);
                        ui.close();
                    }
                }
            });
        }
    });
    chosen
}

fn item_ui(ui: &mut Ui, menu: Menu, item: Item, state: &MenuState<'_>) -> Option<Action> {
    match item {
        Item::Command(command) => {
            command_ui(ui, command, state).then_some(Action::Command(command))
        }
        Item::Separator => {
            ui.separator();
            None
        }
        Item::RecentFiles => {
            let mut chosen = None;
            ui.add_enabled_ui(!state.recent_files.is_empty(), |ui| {
                ui.menu_button("Open Recent", |ui| {
                    let labels = recent_labels(state.recent_files);
                    for (path, label) in state.recent_files.iter().zip(labels) {
                        if ui
                            .button(label)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            chosen = Some(Action::OpenPath(path.clone()));
                        }
                    }
                });
            });
            chosen
        }
        Item::Submenu(title) => {
            let mut chosen = None;
            ui.menu_button(title, |ui| {
                for command in submenu_commands(menu, title) {
                    if command_ui(ui, command, state) {
                        chosen = Some(Action::Command(command));
                    }
                }
            });
            chosen
        }
    }
}

/// One command as a menu button; true when clicked.
fn command_ui(ui: &mut Ui, command: Command, state: &MenuState<'_>) -> bool {
    let label = match command {
        Command::Undo => state
            .undo_label
            .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
        Command::Redo => state
            .redo_label
            .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
        _ => command.label().to_owned(),
    };
    let mut button = match command.is_checked(state.commands) {
        Some(checked) => Button::selectable(checked, label),
        None => Button::new(label),
    };
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(shortcut_text(shortcut));
    }
    ui.add_enabled(command.is_enabled(state.commands), button)
        .on_hover_text(command.description())
        .clicked()
}

/// Open Recent's labels: each file's name, with as many parent folders as it takes to tell
/// it apart from the other recent files (`a/talks.ron`, `b/talks.ron`).
fn recent_labels(paths: &[PathBuf]) -> Vec<String> {
    let parts: Vec<Vec<String>> = (paths.iter())
        .map(|p| {
            (p.components().rev())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .collect();
    let suffix =
        |rev: &[String], n: usize| -> Vec<String> { rev.iter().take(n).cloned().collect() };
    parts
        .iter()
        .enumerate()
        .map(|(i, rev)| {
            let mut n = 1;
            while n < rev.len()
                && (parts.iter().enumerate())
                    .any(|(j, other)| j != i && suffix(other, n) == suffix(rev, n))
            {
                n += 1;
            }
            let mut shown = suffix(rev, n);
            shown.reverse();
            shown.join("/").replacen("//", "/", 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_labels_show_enough_folders_to_tell_files_apart() {
        let paths: Vec<PathBuf> = ["/w/geneva/talks.ron", "/w/miami/talks.ron", "/w/notes.ron"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(
            recent_labels(&paths),
            ["geneva/talks.ron", "miami/talks.ron", "notes.ron"]
        );
        let nested: Vec<PathBuf> = ["/a/x/talks.ron", "/b/x/talks.ron"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(recent_labels(&nested), ["a/x/talks.ron", "b/x/talks.ron"]);
    }

    #[test]
    fn quit_ends_the_file_menu_after_a_separator() {
        let items = layout(Menu::File);
        assert_eq!(items.last(), Some(&Item::Command(Command::Quit)));
        assert_eq!(items.get(items.len() - 2), Some(&Item::Separator));
        assert!(items.contains(&Item::Command(Command::CompareWith)));
    }

    #[test]
    fn every_menu_command_is_in_its_menu_once() {
        for &command in Command::ALL {
            let Some(menu) = command.menu() else {
                continue;
            };
            let items = layout(menu);
            let shown = match command.submenu() {
                Some(title) => {
                    items.contains(&Item::Submenu(title))
                        && submenu_commands(menu, title).any(|c| c == command)
                }
                None => {
                    items
                        .iter()
                        .filter(|i| **i == Item::Command(command))
                        .count()
                        == 1
                }
            };
            assert!(shown, "{command:?} is missing from {menu:?}");
        }
    }

    #[test]
    fn the_view_menu_groups_zoom_theme_panels_links_and_history() {
        use Command as C;
        let expected = [
            Item::Command(C::ZoomIn),
            Item::Command(C::ZoomOut),
            Item::Command(C::ZoomReset),
            Item::Separator,
            Item::Submenu("Theme"),
            Item::Separator,
            Item::Command(C::ToggleSidebar),
            Item::Command(C::ToggleDocumentList),
            Item::Command(C::ShowLinks),
            Item::Command(C::ToggleSuggestions),
            Item::Command(C::ToggleSuggestionList),
            Item::Separator,
            Item::Command(C::History),
            Item::Separator,
            Item::Command(C::ArticleView),
            Item::Command(C::AnalysisView),
            Item::Command(C::CompareView),
            Item::Command(C::NextDocument),
            Item::Command(C::PreviousDocument),
        ];
        assert_eq!(layout(Menu::View), expected);
        assert_eq!(layout(Menu::File).get(2), Some(&Item::RecentFiles));
    }
}
