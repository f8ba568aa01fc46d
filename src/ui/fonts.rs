//! Fonts for every script: egui's built-in fonts cover Latin, Greek, Cyrillic and some
//! symbols; CJK, Arabic, Hebrew, Devanagari, Thai and the rest come from the system.
//!
//! egui 0.37 resolves a character no installed font has by asking its font providers, then
//! appends the font found to the family's fallback chain, after the built-in fonts. We install
//! `egui_system_font_provider`, which asks the operating system's own fallback (fontconfig on
//! Linux) for a font per script and locale. It enumerates the system fonts on a background
//! thread, so the first frame is not held up, and it memory-maps only the faces a text
//! actually needs (one per script), so memory stays small.
//!
//! Each right-to-left script also gets a family of its own whose first font is the one the
//! system gives for that script ([`script_family`]): a phrase shaped in it takes its spaces
//! and punctuation from that font too, so the shaper lays the whole phrase out right to left
//! in one call (see `article::bidi`). [`ScriptCoverage`] says which chars that font draws.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use egui::epaint::text::{FallbackRequest, FontInsert, FontProvider};
use egui::{Context, FontFamily, FontId};
use unicode_script::{Script, UnicodeScript};

mod coverage;
mod scripts;

pub use coverage::ScriptCoverage;
pub use scripts::{RightToLeftScript, script_family};

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

/// Lets `ctx` draw characters its fonts lack with the system's fonts, and gives each
/// right-to-left script its [`script_family`]. Call once per context, best before its first
/// frame (the app does so when it starts).
pub fn install_system_fonts(ctx: &Context) {
    ctx.add_font_provider(Arc::new(SystemFonts {
        system: egui_system_font_provider::SystemFontProvider::new(),
    }));
    coverage::fonts_changed(ctx);
}

/// The system's fonts: found per char for every family, and the first font of each
/// [`script_family`].
struct SystemFonts {
    system: egui_system_font_provider::SystemFontProvider,
}

impl FontProvider for SystemFonts {
    fn fonts_for_family(&self, family: &FontFamily) -> Vec<FontInsert> {
        let Some(script) = RightToLeftScript::ALL
            .into_iter()
            .find(|&s| script_family(s) == *family)
        else {
            return Vec::new();
        };
        let mut probe = [0; 4];
        let request = FallbackRequest {
            cluster: script.probe().encode_utf8(&mut probe),
            family: &FontFamily::Proportional,
        };
        // The same font (by name, so the same face) as the proportional family finds for
        // the script's letters. egui refuses (panics on) a family font it cannot read, where
        // it skips a fallback font it cannot read: so a font that does not parse is left out.
        (self.system.font_for(&request).into_iter())
            .filter(|found| {
                skrifa::FontRef::from_index((*found.data.font).as_ref(), found.data.index).is_ok()
            })
            .collect()
    }

    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        self.system.font_for(request)
    }
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

/// A script of a text that no loaded font can draw: its characters would show as boxes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingScript {
    /// The Unicode name of the script, e.g. `Devanagari`.
    pub name: &'static str,
    /// Some of its characters in the text.
    pub samples: Vec<char>,
}

/// The scripts of `texts` whose characters no font of the proportional family (built-in or
/// found on the system) covers. Each distinct char is checked once; the system's font lookup
/// runs for a char no loaded font has.
#[must_use]
pub fn missing_scripts(ctx: &Context, texts: &[&str]) -> Vec<MissingScript> {
    let distinct: HashSet<char> = (texts.iter().flat_map(|t| t.chars()))
        .filter(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control())
        .collect();
    let mut by_script: BTreeMap<&'static str, Vec<char>> = BTreeMap::new();
    let font = FontId::proportional(14.0);
    ctx.fonts_mut(|fonts| {
        for &c in &distinct {
            // Joiners, marks and format characters draw nothing of their own.
            if matches!(c.script(), Script::Inherited) || is_invisible(c) {
                continue;
            }
            if !fonts.has_glyph(&font, c) {
                let name = match c.script() {
                    Script::Common | Script::Unknown => "symbols",
                    script => script.full_name(),
                };
                by_script.entry(name).or_default().push(c);
            }
        }
    });
    by_script
        .into_iter()
        .map(|(name, mut samples)| {
            samples.sort_unstable();
            samples.truncate(5);
            MissingScript { name, samples }
        })
        .collect()
}

/// Format characters (bidi controls, joiners, variation selectors) that have no glyph.
fn is_invisible(c: char) -> bool {
    matches!(u32::from(c), 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF)
}

/// What the status bar says about scripts no font covers: which, and how to get a font.
#[must_use]
pub fn missing_font_notice(missing: &[MissingScript]) -> Option<String> {
    let first = missing.first()?;
    let names: Vec<String> = missing.iter().map(|m| m.name.replace('_', " ")).collect();
    let samples: String = first.samples.iter().collect();
    let how = if cfg!(target_os = "linux") {
        let package = if missing
            .iter()
            .any(|m| matches!(m.name, "Han" | "Hiragana" | "Katakana" | "Hangul"))
        {
            "fonts-noto-core and fonts-noto-cjk"
        } else {
            "fonts-noto-core"
        };
        format!("install a font for it, e.g. `sudo apt install {package}`, then restart Stance")
    } else {
        "install a font for it (the free Noto fonts cover every script), then restart Stance"
            .to_owned()
    };
    Some(format!(
        "No font for {} ({samples}…): shown as boxes — {how}",
        names.join(", ")
    ))
}
