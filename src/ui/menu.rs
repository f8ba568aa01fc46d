//! The menu bar, built from [`Command`]: labels, shortcuts and enabled state come from there.

use std::path::PathBuf;

use egui::{Button, Ui};

use super::Action;
use super::commands::{Command, Menu, shortcut_text};

/// One entry of a menu's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Command(Command),
    Separator,
    RecentFiles,
    /// The theme commands, as a submenu.
    ThemeSubmenu,
}

const THEME_COMMANDS: [Command; 3] = [
    Command::ThemeLight,
    Command::ThemeDark,
    Command::ThemeSystem,
];

/// The order of items in each menu.
fn layout(menu: Menu) -> &'static [Item] {
    use Command as C;
    use Item::{Command as Cmd, RecentFiles, Separator, ThemeSubmenu};
    match menu {
        Menu::File => &[
            Cmd(C::NewProject),
            Cmd(C::Open),
            RecentFiles,
            Cmd(C::ImportArticle),
            Cmd(C::ImportFolder),
            Separator,
            Cmd(C::Save),
            Cmd(C::SaveAs),
            Cmd(C::Export),
            Separator,
            Cmd(C::Quit),
        ],
        Menu::Edit => &[
            Cmd(C::Undo),
            Cmd(C::Redo),
            Separator,
            Cmd(C::DeleteAnnotation),
            Cmd(C::AddSelectionAsRange),
            Separator,
            Cmd(C::Find),
        ],
        Menu::View => &[
            Cmd(C::ZoomIn),
            Cmd(C::ZoomOut),
            Cmd(C::ZoomReset),
            Separator,
            ThemeSubmenu,
            Separator,
            Cmd(C::ToggleSidebar),
            Cmd(C::ToggleDocumentList),
        ],
        Menu::Help => &[Cmd(C::KeyboardShortcuts), Cmd(C::About)],
    }
}

/// What the menus need to know about the app's state.
pub struct MenuState<'a> {
    pub is_enabled: &'a dyn Fn(Command) -> bool,
    /// `Some(checked)` for toggles and radio items.
    pub is_checked: &'a dyn Fn(Command) -> Option<bool>,
    pub recent_files: &'a [PathBuf],
    pub undo_label: Option<&'a str>,
    pub redo_label: Option<&'a str>,
}

/// Draws the menu bar; returns the chosen action.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>) -> Option<Action> {
    let mut chosen = None;
    egui::MenuBar::new().ui(ui, |ui| {
        for (menu, title) in [
            (Menu::File, "File"),
            (Menu::Edit, "Edit"),
            (Menu::View, "View"),
            (Menu::Help, "Help"),
        ] {
            ui.menu_button(title, |ui| {
                ui.set_min_width(230.0);
                for item in layout(menu) {
                    if let Some(action) = item_ui(ui, *item, state) {
                        chosen = Some(action);
                        ui.close();
                    }
                }
            });
        }
    });
    chosen
}

fn item_ui(ui: &mut Ui, item: Item, state: &MenuState<'_>) -> Option<Action> {
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
                    for path in state.recent_files {
                        if ui
                            .button(super::file_name(path))
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
        Item::ThemeSubmenu => {
            let mut chosen = None;
            ui.menu_button("Theme", |ui| {
                for command in THEME_COMMANDS {
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
    let mut button = match (state.is_checked)(command) {
        Some(checked) => Button::selectable(checked, label),
        None => Button::new(label),
    };
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(shortcut_text(shortcut));
    }
    ui.add_enabled((state.is_enabled)(command), button)
        .on_hover_text(command.description())
        .clicked()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_menu_command_is_in_its_menu() {
        for command in Command::ALL {
            let Some(menu) = command.menu() else {
                continue;
            };
            let listed = layout(menu).contains(&Item::Command(command))
                || (layout(menu).contains(&Item::ThemeSubmenu)
                    && THEME_COMMANDS.contains(&command));
            assert!(listed, "{command:?} is missing from {menu:?}");
        }
        for menu in [Menu::File, Menu::Edit, Menu::View, Menu::Help] {
            for item in layout(menu) {
                if let Item::Command(c) = item {
                    assert_eq!(c.menu(), Some(menu), "{c:?} is listed in the wrong menu");
                }
            }
        }
    }
}
