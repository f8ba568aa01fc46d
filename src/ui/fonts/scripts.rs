//! The right-to-left scripts whose words and phrases are shaped in the script's own font,
//! and the font family that starts with it.

use std::sync::LazyLock;

use egui::FontFamily;
use unicode_script::{Script, UnicodeScript};

/// A right-to-left script whose words and phrases are shaped in the script's own font.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RightToLeftScript {
    /// Arabic, Persian, Urdu, Pashto, Kurdish (Sorani)…
    Arabic,
    Hebrew,
}

impl RightToLeftScript {
    pub const ALL: [Self; 2] = [Self::Arabic, Self::Hebrew];

    /// The script of a letter.
    #[must_use]
    pub fn of(c: char) -> Option<Self> {
        match c.script() {
            Script::Arabic => Some(Self::Arabic),
            Script::Hebrew => Some(Self::Hebrew),
            _ => None,
        }
    }

    /// A letter every font of the script has: the script's font is the one found for it.
    #[must_use]
    pub const fn probe(self) -> char {
        match self {
            Self::Arabic => 'م',
            Self::Hebrew => 'ש',
        }
    }

    /// True if `c` is in one of the script's Unicode blocks: a quick test, for whether a text
    /// holds the script at all.
    #[must_use]
    pub const fn is_in_block(self, c: char) -> bool {
        match self {
            Self::Arabic => matches!(c,
                '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}'
                | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'),
            Self::Hebrew => matches!(c, '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}'),
        }
    }

    /// Its place in [`Self::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        match self {
            Self::Arabic => 0,
            Self::Hebrew => 1,
        }
    }
}

/// The family whose first font is `script`'s own, for its words and phrases.
#[must_use]
pub fn script_family(script: RightToLeftScript) -> FontFamily {
    // Asked for every right-to-left word laid out: named once, then shared.
    static FAMILIES: LazyLock<[FontFamily; RightToLeftScript::ALL.len()]> = LazyLock::new(|| {
        [
            FontFamily::Name("Stance: Arabic script".into()),
            FontFamily::Name("Stance: Hebrew script".into()),
        ]
    });
    FAMILIES[script.index()].clone()
}
