//! [`Stance`] and [`Attribution`]: how a position points on its issue, and how the text gives
//! the holder's words. Files write the variant (`Conditional`); exports and the CLI use
//! [`Stance::as_str`] (`conditional`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A word that names no variant of a closed list (a stance or an attribution).
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{value:?} is not {what}; expected one of {expected}")]
pub struct UnknownVariant {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every variant, in the order pickers show them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The lowercase word used in exports and on the command line.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;

            /// Parses [`Self::as_str`]'s word, ignoring case and surrounding space.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let word = s.trim().to_lowercase();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == word)
                    .ok_or_else(|| UnknownVariant {
                        what: $what,
                        value: s.to_owned(),
                        expected: Self::ALL
                            .iter()
                            .map(|v| v.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
            }
        }
    };
}

word_enum!(
    /// The direction of a position on its issue(s).
    Stance, "a stance", {
        For => "for",
        Against => "against",
        /// With a condition, in words ([`super::Annotation::condition`]) or as a
        /// `conditional-on` relation.
        Conditional => "conditional",
        Unclear => "unclear",
    }
);

word_enum!(
    /// How the text gives the holder's words (PARC/PolNeAR attribution types).
    Attribution, "an attribution", {
        /// A quotation in quotation marks.
        Direct => "direct",
        /// Reported speech: "said that…".
        Indirect => "indirect",
        /// A summary without a clear reporting verb.
        Paraphrase => "paraphrase",
        /// The outlet's own voice.
        Author => "author",
    }
);

word_enum!(
    /// How hard a position is held: "not negotiable", "a red line" against "prepared to
    /// discuss", "could accept". A firm position that softens is itself a move.
    Firmness, "a firmness", {
        Firm => "firm",
        Flexible => "flexible",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_unknown_words_are_named() {
        for &stance in Stance::ALL {
            assert_eq!(stance.as_str().parse::<Stance>(), Ok(stance));
        }
        for &attribution in Attribution::ALL {
            assert_eq!(
                attribution.to_string().parse::<Attribution>(),
                Ok(attribution)
            );
        }
        assert_eq!(" Against ".parse::<Stance>(), Ok(Stance::Against));
        let err = "maybe".parse::<Stance>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"maybe\" is not a stance; expected one of for, against, conditional, unclear"
        );
    }

    #[test]
    fn files_spell_variants_as_bare_identifiers() {
        assert_eq!(
            ron::to_string(&Some(Stance::Conditional)).unwrap(),
            "Some(Conditional)"
        );
        assert_eq!(
            ron::from_str::<Attribution>("Paraphrase").unwrap(),
            Attribution::Paraphrase
        );
    }
}
