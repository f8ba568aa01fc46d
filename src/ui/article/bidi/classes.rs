//! Bidi classes by table. `unicode_bidi::bidi_class` searches a table of ranges (about ten
//! steps a char), and the article asks for every char of every right-to-left paragraph, and
//! of every paragraph above U+0590 (Chinese included) to learn whether it needs the bidi pass
//! at all. Here each 256-char block of the Basic Multilingual Plane is looked up once, the
//! first time one of its chars is asked about; chars beyond it keep the search.

use std::sync::OnceLock;

use unicode_bidi::{BidiClass, BidiDataSource, bidi_class};

/// The Unicode bidi class of `c`, as `unicode_bidi::bidi_class` gives it.
#[must_use]
pub fn class_of(c: char) -> BidiClass {
    static BLOCKS: [OnceLock<[BidiClass; 256]>; 256] = [const { OnceLock::new() }; 256];
    let code = u32::from(c);
    let Some(block) = BLOCKS.get((code >> 8) as usize) else {
        return bidi_class(c);
    };
    let classes = block.get_or_init(|| {
        let base = code & !0xFF;
        // Surrogates are not chars: never asked about.
        std::array::from_fn(|i| {
            (u32::try_from(i).ok())
                .and_then(|i| char::from_u32(base + i))
                .map_or(BidiClass::L, bidi_class)
        })
    });
    classes[(code & 0xFF) as usize]
}

/// [`class_of`] for `unicode_bidi`'s paragraph analysis.
pub struct TableClasses;

impl BidiDataSource for TableClasses {
    fn bidi_class(&self, c: char) -> BidiClass {
        class_of(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_has_the_class_unicode_gives_it() {
        let differing: Vec<char> = (0..=0x10_FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| class_of(c) != bidi_class(c))
            .take(5)
            .collect();
        assert!(differing.is_empty(), "{differing:?}");
    }
}
