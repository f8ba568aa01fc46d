//! Fonts for every script: egui's built-in fonts cover Latin, Greek, Cyrillic and some
//! symbols; CJK, Arabic, Hebrew, Devanagari, Thai and the rest come from the system.
//!
//! egui 0.37 resolves a character no installed font has by asking its font providers, then
//! appends the font found to the family's fallback chain, after the built-in fonts. We install
//! `egui_system_font_provider`, which asks the operating system's own fallback (fontconfig on
//! Linux) for a font per script and locale. It enumerates the system fonts on a background
//! thread, so the first frame is not held up, and it memory-maps only the faces a text
//! actually needs (one per script), so memory stays small.

use std::sync::Arc;

use egui::{Context, FontFamily, FontId};

/// One character per script the built-in fonts lack, to probe coverage with.
pub const SCRIPT_PROBES: [(&str, char); 8] = [
    ("Chinese", '和'),
    ("Japanese kana", 'か'),
    ("Korean", '한'),
    ("Arabic", 'م'),
    ("Hebrew", 'ש'),
    ("Devanagari", 'क'),
    ("Thai", 'ก'),
    ("Armenian", 'Ա'),
];

/// Lets `ctx` draw characters its fonts lack with the system's fonts. Call once per context.
pub fn install_system_fonts(ctx: &Context) {
    ctx.add_font_provider(Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
}

/// The characters of `text` (other than whitespace and controls) that no font of `family`
/// can draw, each once: they would show as boxes.
#[must_use]
pub fn missing_glyphs(ctx: &Context, family: &FontFamily, text: &str) -> Vec<char> {
    let font = FontId::new(14.0, family.clone());
    let mut missing = Vec::new();
    ctx.fonts_mut(|fonts| {
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || missing.contains(&c) {
                continue;
            }
            if !fonts.has_glyph(&font, c) {
                missing.push(c);
            }
        }
    });
    missing
}

/// The names of the system fonts installed so far, e.g. `system:Droid Sans Fallback:0:0`.
#[must_use]
pub fn discovered_font_names(ctx: &Context) -> Vec<String> {
    ctx.fonts(|fonts| {
        fonts
            .discovered_fonts()
            .iter()
            .map(|f| f.name.clone())
            .collect()
    })
}
