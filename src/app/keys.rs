//! Keyboard handling: which command, tag or relation type each key press asks for this
//! frame, as intents. (Which commands are enabled lives with the `Command` table.)

use super::intent::Intent;
use super::view::MainView;
use super::workbench::Workbench;
use crate::ui::Action;
use crate::ui::commands::{self, Command};

/// Turns this frame's key presses into intents. Bare keys (Delete, arrows, 1/2/3…) act only
/// while no text field has focus (nor had, last frame: `was_typing`) and no menu is open, so
/// typing a note never deletes an annotation and Esc in a menu only closes the menu.
/// `is_live` says whether a suggestion key acts now.
pub(super) fn key_intents(
    wb: &Workbench,
    ctx: &egui::Context,
    was_typing: bool,
    is_live: &dyn Fn(Command) -> bool,
    intents: &mut Vec<Intent>,
) {
    // Most frames carry no key press; they then cost nothing here.
    let has_key_press = ctx.input(|i| {
        i.events
            .iter()
            .any(|e| matches!(e, egui::Event::Key { pressed: true, .. }))
    });
    if !has_key_press {
        return;
    }
    // An open menu or combo box owns the bare keys: Esc closes it (egui does, if the key
    // is left in the input), the arrows move in it, and J/K must not act underneath.
    let are_bare_keys_taken =
        ctx.text_edit_focused() || was_typing || egui::Popup::is_any_open(ctx);
    let tags = &wb.session.project.schema().tags;
    let is_article_shown = wb.view.main_view == MainView::Article;
    ctx.input_mut(|input| {
        for (shortcut, command) in Command::shortcut_table() {
            if are_bare_keys_taken && Command::is_bare_key(shortcut) {
                continue;
            }
            if !is_live(*command) {
                continue;
            }
            // These act on the article's text selection or selected span, which the
            // compare and analysis views hide: Ctrl+R there would add a range the user
            // cannot see, Delete would remove an annotation picked in another view.
            if !is_article_shown && acts_on_article(*command) {
                continue;
            }
            if commands::consume(input, shortcut) {
                intents.push(Action::Command(*command).into());
            }
        }
        if are_bare_keys_taken {
            return;
        }
        if wb.view.main_view == MainView::Compare {
            // The queue's bare keys; tag hotkeys must not fire here.
            let actions = crate::ui::compare::queue_keys(input);
            intents.extend(actions.into_iter().map(|a| Action::Adjudicate(a).into()));
            return;
        }
        if !is_article_shown {
            // Tag and relation keys would act on a text selection the user cannot see.
            return;
        }
        if let Some(kind) = wb.view.link.and_then(|l| l.to).and_then(|_| {
            // Choosing the relation type: 1–9 pick from the popup, not a tag.
            (RELATION_KEYS
                .iter()
                .zip(&wb.session.project.schema().relation_types))
            .find(|(key, _)| {
                commands::consume(
                    input,
                    &egui::KeyboardShortcut::new(egui::Modifiers::NONE, **key),
                )
            })
            .map(|(_, kind)| kind.key.clone())
        }) {
            intents.push(Action::ChooseRelationType(kind).into());
        }
        if wb.view.link.is_some() {
            // While linking, a digit must not tag or retag anything.
            return;
        }
        for tag in tags.iter().filter(|t| !t.retired) {
            let Some(key) = tag.hotkey.and_then(hotkey_key) else {
                continue;
            };
            let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::NONE, key);
            if commands::consume(input, &shortcut) {
                intents.push(Action::TagSelection(tag.key.clone()).into());
            }
        }
    });
}

/// Commands that act on the article's text selection or the selected annotation's text;
/// their keys work only while the article is shown.
fn acts_on_article(command: Command) -> bool {
    matches!(
        command,
        Command::AddSelectionAsRange
            | Command::Link
            | Command::DeleteAnnotation
            | Command::FocusNote
            | Command::NudgeStartBack
            | Command::NudgeStartForward
            | Command::NudgeEndBack
            | Command::NudgeEndForward
    )
}

/// The keys that choose the first nine relation types in the link popup.
const RELATION_KEYS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

/// The key that types a tag's hotkey character, e.g. `'2'` → [`egui::Key::Num2`].
fn hotkey_key(hotkey: char) -> Option<egui::Key> {
    let mut buffer = [0; 4];
    egui::Key::from_name(hotkey.encode_utf8(&mut buffer))
}
