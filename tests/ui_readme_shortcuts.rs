//! The README's shortcut table is the one the app generates from its `Command` enum, so the
//! documentation cannot drift from what the keys do.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use stance::model::TagSchema;
use stance::ui::commands::{Command, shortcut_text, shortcuts_markdown};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md exists")
}

#[test]
fn readme_holds_the_generated_shortcut_table() {
    let table = shortcuts_markdown(&TagSchema::default());
    assert!(
        readme().contains(&table),
        "README.md's shortcut table differs from the app's; paste this:\n{table}"
    );
}

#[test]
fn readme_lists_every_keyboard_shortcut() {
    let readme = readme();
    let mut missing = Vec::new();
    for command in Command::ALL {
        for shortcut in command.shortcuts() {
            let cell = format!("`{}`", shortcut_text(shortcut));
            if !readme.contains(&cell) {
                missing.push(format!("{cell} ({})", command.label()));
            }
        }
    }
    for tag in &TagSchema::default().tags {
        if let Some(key) = tag.hotkey
            && !readme.contains(&format!("`{key}`"))
        {
            missing.push(format!("`{key}` ({})", tag.name));
        }
    }
    assert!(
        missing.is_empty(),
        "README.md lacks: {}",
        missing.join(", ")
    );
}
