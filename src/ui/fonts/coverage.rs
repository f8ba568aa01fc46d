//! Which chars each right-to-left script's own font draws: a phrase is joined only where that
//! font draws every char of it (see `article::bidi::phrases`).

use std::sync::{Arc, OnceLock};

use egui::{Context, Id};

use super::scripts::{RightToLeftScript, script_family};

/// The chars each right-to-left script's own font draws (the first font of its
/// [`script_family`]), found the first time a text of that script is laid out: an English
/// article loads no Arabic font. Empty for a script the system has no font for.
#[derive(Debug, Default)]
pub struct ScriptCoverage {
    by_script: [OnceLock<CharSet>; RightToLeftScript::ALL.len()],
}

/// A set of chars asked about for every char of every right-to-left line laid out: a bit per
/// char of the Basic Multilingual Plane (8 KiB), a sorted list beyond it.
#[derive(Debug, Default)]
struct CharSet {
    bmp: Vec<u64>,
    beyond: Vec<char>,
}

impl CharSet {
    fn contains(&self, c: char) -> bool {
        let code = u32::from(c) as usize;
        if code < 0x1_0000 {
            (self.bmp.get(code / 64)).is_some_and(|bits| (bits >> (code % 64)) & 1 == 1)
        } else {
            self.beyond.binary_search(&c).is_ok()
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> Self {
        let mut set = Self {
            bmp: vec![0; 0x1_0000 / 64],
            beyond: Vec::new(),
        };
        for c in chars {
            let code = u32::from(c) as usize;
            match set.bmp.get_mut(code / 64) {
                Some(bits) if code < 0x1_0000 => *bits |= 1 << (code % 64),
                _ => set.beyond.push(c),
            }
        }
        set.beyond.sort_unstable();
        set
    }
}

impl ScriptCoverage {
    /// The coverage of `ctx`'s fonts with every right-to-left script of `text` found. Call it
    /// outside any `ctx.fonts` closure: finding a script's coverage loads its font.
    #[must_use]
    pub fn for_text(ctx: &Context, text: &str) -> Arc<Self> {
        let coverage = Self::of(ctx);
        for script in RightToLeftScript::ALL {
            let slot = &coverage.by_script[script.index()];
            if slot.get().is_none() && text.chars().any(|c| script.is_in_block(c)) {
                let _found = slot.set(find(ctx, script));
            }
        }
        coverage
    }

    /// True if `script`'s own font draws `c`; false for a script not found yet
    /// ([`Self::for_text`] finds those of a text).
    #[must_use]
    pub fn covers(&self, script: RightToLeftScript, c: char) -> bool {
        (self.by_script[script.index()].get()).is_some_and(|chars| chars.contains(c))
    }

    /// One per context, but none kept in the frame that installed new fonts: egui may apply
    /// them only from its next pass on, and what is found before would stay stale.
    fn of(ctx: &Context) -> Arc<Self> {
        let changed_in = ctx.data(|d| d.get_temp::<u64>(changed_id()));
        if changed_in.is_some_and(|frame| frame >= ctx.cumulative_frame_nr()) {
            return Arc::new(Self::default());
        }
        ctx.data_mut(|d| Arc::clone(d.get_temp_mut_or_default::<Arc<Self>>(coverage_id())))
    }
}

/// Forgets the coverage found with `ctx`'s fonts before: they have just changed.
pub(super) fn fonts_changed(ctx: &Context) {
    let frame = ctx.cumulative_frame_nr();
    ctx.data_mut(|d| {
        d.remove::<Arc<ScriptCoverage>>(coverage_id());
        d.insert_temp(changed_id(), frame);
    });
}

fn coverage_id() -> Id {
    Id::unique("stance-script-coverage")
}

fn changed_id() -> Id {
    Id::unique("stance-fonts-changed-in-frame")
}

/// The chars whose first font in `script`'s family is the one it has for the script's letters.
fn find(ctx: &Context, script: RightToLeftScript) -> CharSet {
    ctx.fonts_mut(|fonts| {
        let all = fonts.characters(&script_family(script));
        let Some(first_font) = all.get(&script.probe()).and_then(|faces| faces.first()) else {
            return CharSet::default();
        };
        (all.iter())
            .filter(|(_, faces)| faces.first() == Some(first_font))
            .map(|(&c, _)| c)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_found_in_the_frame_fonts_change_is_not_kept() {
        let ctx = Context::default();
        let mut found = Vec::new();
        let mut frame = |change: bool| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                if change {
                    fonts_changed(ui.ctx());
                }
                let first = ScriptCoverage::for_text(ui.ctx(), "שלום");
                let again = ScriptCoverage::for_text(ui.ctx(), "שלום");
                found.push(Arc::ptr_eq(&first, &again));
            });
            // The test is the renderer: it takes the font atlas.
            output.textures_delta.clear();
        };
        frame(false);
        frame(true);
        frame(false);
        // Kept, not kept in the frame the fonts changed, kept again in the next.
        assert_eq!(found, [true, false, true]);
    }

    #[test]
    fn a_char_set_holds_exactly_its_chars_in_and_beyond_the_first_plane() {
        let set: CharSet = ['a', 'م', '\u{FFFF}', '😀', '\u{10FFFF}']
            .into_iter()
            .collect();
        for c in ['a', 'م', '\u{FFFF}', '😀', '\u{10FFFF}'] {
            assert!(set.contains(c), "{c:?}");
        }
        for c in ['b', 'ن', '\u{FFFE}', '😁', '\0'] {
            assert!(!set.contains(c), "{c:?}");
        }
    }
}
