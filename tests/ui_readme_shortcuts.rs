//! The README's shortcut table lists every shortcut the app has, so the two cannot drift apart.
#![allow(clippy::unwrap_used)]

use stance::model::TagSchema;
use stance::ui::commands::{Command, shortcut_text};

#[test]
fn readme_lists_every_keyboard_shortcut() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md exists");
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
