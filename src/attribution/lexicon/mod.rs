//! The word lists the attribution engine matches: reporting verbs (`verbs`), titles and the
//! nouns of people, bodies and texts (`titles`), first names and gendered words (`names`),
//! and here the small closed classes (determiners, prepositions, time words) and the cue
//! words that suggest a position or a concession.
//!
//! Origin and licence: these lists are the Stance project's own, written by hand for it from
//! common newswire usage (no list was copied from another project), under the crate's
//! licence (MIT or Apache-2.0), except the first-name list, whose source and licence are in
//! `data/README.md`. Words are lowercase; matching ignores case.

pub mod names;
pub mod titles;
pub mod verbs;

pub use names::{Gender, first_name_gender, is_first_name, pronoun_gender, title_gender};
pub use titles::{
    demonym_country, demonym_stems, is_body_head, is_foreign_determiner, is_foreign_time_word,
    is_honorific, is_organisation_word, is_person_head, is_place, is_spokesperson, is_style,
    is_text_head, is_title, looks_like_country,
};
pub use verbs::{Frames, english_frames, is_foreign_quote_verb, is_quote_verb};

/// A word list looked up by a hash set built on first use; lookups ignore case and
/// allocate only for long words ([`lowercase`]).
pub struct Words {
    list: &'static [&'static str],
    set: std::sync::OnceLock<crate::model::FastSet<&'static str>>,
}

impl Words {
    #[must_use]
    pub const fn new(list: &'static [&'static str]) -> Self {
        Self {
            list,
            set: std::sync::OnceLock::new(),
        }
    }

    #[must_use]
    pub fn contains(&self, word: &str) -> bool {
        self.contains_lowercase(&lowercase(word))
    }

    /// [`Words::contains`] for a word already in lowercase ([`lowercase`]).
    #[must_use]
    pub fn contains_lowercase(&self, lower: &str) -> bool {
        let set = self.set.get_or_init(|| self.list.iter().copied().collect());
        set.contains(lower)
    }
}

/// `word` in lowercase, as [`str::to_lowercase`] gives it, without a heap copy for a word
/// that is lowercase ASCII already (borrowed) or short (lowered on the stack): the
/// lists are matched several times per word of a long document, and a capitalised word
/// used to cost an allocation at each match.
#[must_use]
pub fn lowercase(word: &str) -> Lower<'_> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Lower(LowerRepr::Borrowed(word));
    }
    if word.len() > LOWER_INLINE {
        return Lower(LowerRepr::Owned(word.to_lowercase()));
    }
    let mut bytes = [0; LOWER_INLINE];
    if word.is_ascii() {
        for (to, from) in bytes.iter_mut().zip(word.bytes()) {
            *to = from.to_ascii_lowercase();
        }
        return Lower(LowerRepr::Inline {
            bytes,
            len: word.len(),
        });
    }
    // Char by char as `str::to_lowercase` does, but for the final-sigma rule, which needs
    // the word around the letter: a word with `Σ` takes the copy.
    let mut len = 0;
    for c in word.chars() {
        if c == 'Σ' {
            return Lower(LowerRepr::Owned(word.to_lowercase()));
        }
        for lower in c.to_lowercase() {
            let Some(slot) = bytes.get_mut(len..len + lower.len_utf8()) else {
                return Lower(LowerRepr::Owned(word.to_lowercase()));
            };
            lower.encode_utf8(slot);
            len += lower.len_utf8();
        }
    }
    Lower(LowerRepr::Inline { bytes, len })
}

/// The longest word, in bytes, that [`lowercase`] lowers without a heap copy.
const LOWER_INLINE: usize = 24;

/// A word in lowercase ([`lowercase`]); reads as a `str`.
#[derive(Clone, Debug)]
pub struct Lower<'a>(LowerRepr<'a>);

#[derive(Clone, Debug)]
enum LowerRepr<'a> {
    Borrowed(&'a str),
    /// A short word lowered into a buffer: its first `len` bytes.
    Inline {
        bytes: [u8; LOWER_INLINE],
        len: usize,
    },
    Owned(String),
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            LowerRepr::Borrowed(word) => word,
            // Whole chars are written, so always UTF-8.
            LowerRepr::Inline { bytes, len } => bytes
                .get(..*len)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            LowerRepr::Owned(word) => word,
        }
    }
}

/// True if the word starts with a capital letter.
#[must_use]
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True if every letter of a word of two or more letters is a capital ("NATO", "MFA").
#[must_use]
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Words that may stand between a subject and its verb ("Ushakov *also* added").
static VERB_MODIFIERS: Words = Words::new(&[
    "also",
    "had",
    "has",
    "have",
    "later",
    "earlier",
    "then",
    "again",
    "repeatedly",
    "once",
    "previously",
    "reportedly",
    "further",
    "would",
    "will",
    "did",
    "just",
    "first",
    "separately",
    "publicly",
    "privately",
    "recently",
    "flatly",
    "quickly",
    "simply",
    "only",
    "openly",
    "firmly",
    "bluntly",
    "angrily",
    "calmly",
    "immediately",
    "subsequently",
    "herself",
    "himself",
    "themselves",
    "itself",
    "already",
    "still",
    "even",
    "often",
    "always",
    "never",
    "frequently",
    "insistently",
    "initially",
    "finally",
    "tersely",
]);

#[must_use]
pub fn is_verb_modifier(word: &str) -> bool {
    VERB_MODIFIERS.contains(word)
}

/// Objects that belong to the cue ("told *reporters*").
const CUE_OBJECTS: &[&str] = &[
    "reporters",
    "journalists",
    "lawmakers",
    "supporters",
    "parliament",
    "congress",
    "delegates",
    "diplomats",
    "students",
    "viewers",
    "listeners",
    "readers",
    "the",
    "colleagues",
    "officials",
    "senators",
    "legislators",
    "crowds",
    "crowd",
    "audience",
    "members",
    "parliamentarians",
    "correspondents",
    "media",
    "press",
    "allies",
    "leaders",
];

/// True for a plural or collective object of `told` that belongs to the cue.
#[must_use]
pub fn is_cue_object(word: &str) -> bool {
    word != "the" && CUE_OBJECTS.contains(&&*lowercase(word))
}

/// Words that open a noun phrase ("*the* statement", "*his* aides").
#[must_use]
pub fn is_determiner(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "another"
            | "one"
            | "two"
            | "three"
            | "several"
            | "some"
            | "many"
            | "both"
    )
}

/// Prepositions: a name after one is an object, not a subject ("met *with* Kerry").
#[must_use]
pub fn is_preposition(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "with"
            | "by"
            | "to"
            | "from"
            | "for"
            | "of"
            | "at"
            | "in"
            | "on"
            | "about"
            | "against"
            | "between"
            | "among"
            | "toward"
            | "towards"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "than"
            | "like"
            | "via"
            | "without"
            | "behind"
            | "near"
            | "across"
            | "through"
            | "throughout"
            | "after"
            | "before"
            | "during"
            | "since"
            | "until"
            | "upon"
            | "including"
            | "unlike"
            | "alongside"
            | "besides"
            | "beside"
    )
}

/// Words of time that may follow a verb before its reported speech ("said *Friday* that").
#[must_use]
pub fn is_time_word(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "earlier"
            | "later"
            | "recently"
            | "again"
            | "also"
            | "repeatedly"
            | "last"
            | "this"
            | "week"
            | "month"
            | "year"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "weekend"
            | "late"
            | "privately"
            | "publicly"
    )
}

/// Capitalised words that start a sentence but name no one.
static NOT_NAMES: Words = Words::new(&[
    "the",
    "a",
    "an",
    "however",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "if",
    "this",
    "that",
    "these",
    "those",
    "some",
    "both",
    "after",
    "before",
    "while",
    "when",
    "as",
    "for",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "there",
    "speaking",
    "meanwhile",
    "still",
    "yet",
    "so",
    "one",
    "two",
    "his",
    "her",
    "their",
    "our",
    "my",
    "according",
    "later",
    "earlier",
    "now",
    "then",
    "also",
    "today",
    "last",
    "next",
    "asked",
    "friday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "with",
    "by",
    "from",
    "to",
    "of",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "despite",
    "although",
    "though",
    "because",
    "since",
    "until",
    "during",
    "under",
    "over",
    "among",
    "between",
    "without",
    "instead",
    "indeed",
    "asked",
    "no",
    "not",
    "all",
    "many",
    "most",
    "several",
    "each",
    "every",
    "any",
    "such",
    "even",
    "only",
    "just",
    "once",
    "here",
    "yes",
    "other",
    "another",
    "more",
    "less",
    "much",
    "let",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "said",
    "says",
    "told",
    "whether",
    "unless",
    "about",
    "into",
    "through",
    "like",
    "thus",
    "hence",
    "therefore",
    "nor",
    "neither",
    "either",
    "whose",
    "whom",
    "us",
    "me",
    "them",
    "him",
    "mr",
    "ms",
]);

#[must_use]
pub fn is_not_name(word: &str) -> bool {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    NOT_NAMES.contains(word)
}

/// Auxiliaries and modals: a bare clause after a verb that may also take an object shows
/// one within a few words ("warned the talks *could* fail", never "warned Russia").
#[must_use]
pub fn is_finite_marker(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "is" | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "has"
            | "have"
            | "had"
            | "did"
            | "does"
            | "do"
            | "won't"
            | "wouldn't"
            | "couldn't"
            | "can't"
            | "isn't"
            | "aren't"
            | "wasn't"
            | "weren't"
            | "hasn't"
            | "haven't"
            | "hadn't"
            | "didn't"
            | "doesn't"
            | "don't"
            | "won’t"
            | "wouldn’t"
            | "couldn’t"
            | "can’t"
            | "isn’t"
            | "wasn’t"
            | "didn’t"
            | "doesn’t"
            | "don’t"
    )
}

/// Words that deny or withhold the speech that follows ("did *not* say", "*declined* to
/// comment"): no statement is reported.
#[must_use]
pub fn is_negation(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "not"
            | "never"
            | "n't"
            | "didn't"
            | "didn’t"
            | "declined"
            | "refused"
            | "won't"
            | "won’t"
            | "wouldn't"
            | "wouldn’t"
            | "no"
            | "nor"
            | "cannot"
            | "can't"
            | "can’t"
            | "doesn't"
            | "doesn’t"
            | "hasn't"
            | "hasn’t"
            | "haven't"
            | "haven’t"
    )
}

/// Which tag a cue word suggests instead of the default claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagTag {
    Position,
    Concession,
}

impl FlagTag {
    /// The tag key in the default schema.
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Position => "position",
            Self::Concession => "concession",
        }
    }
}

/// Cue words for positions and concessions, as word sequences. Single words match any
/// form that starts with them as listed (so "demand" lists "demands", "demanded").
const FLAG_WORDS: &[(&[&str], FlagTag)] = &[
    (&["demand"], FlagTag::Position),
    (&["demands"], FlagTag::Position),
    (&["demanded"], FlagTag::Position),
    (&["insist"], FlagTag::Position),
    (&["insists"], FlagTag::Position),
    (&["insisted"], FlagTag::Position),
    (&["must"], FlagTag::Position),
    (&["red", "line"], FlagTag::Position),
    (&["red", "lines"], FlagTag::Position),
    (&["accept"], FlagTag::Concession),
    (&["accepts"], FlagTag::Concession),
    (&["accepted"], FlagTag::Concession),
    (&["agree", "to"], FlagTag::Concession),
    (&["agreed", "to"], FlagTag::Concession),
    (&["compromise"], FlagTag::Concession),
    (&["give", "up"], FlagTag::Concession),
    (&["gave", "up"], FlagTag::Concession),
    (&["acceptable"], FlagTag::Concession),
];

/// The first flag cue that starts at `words[0]`, with how many words it takes.
#[must_use]
pub fn flag_at(words: &[&str]) -> Option<(FlagTag, usize)> {
    FLAG_WORDS.iter().find_map(|&(cue, tag)| {
        let matches = cue.len() <= words.len()
            && cue
                .iter()
                .zip(words)
                .all(|(c, w)| w.eq_ignore_ascii_case(c));
        matches.then_some((tag, cue.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Borrowed, lowered on the stack or copied, the word reads as `str::to_lowercase` has it.
    #[test]
    fn lowercase_is_to_lowercase_however_it_is_held() {
        let words = [
            "",
            "said",
            "Said",
            "NATO",
            "U.S.",
            "Berg's",
            "McCONNELL",
            "abcdefghijklmnopqrstuvwX",
            "ABCDEFGHIJKLMNOPQRSTUVWXY",
            "Außenministerin",
            "ЛАВРОВ",
            "İstanbul",
            "ΣΟΦΟΣ",
            "Ὀδυσσεύς",
            "ǅemal",
            "ÀÉÎÕÜÀÉÎÕÜÀÉÎÕÜ",
            "ÀÉÎÕÜÀÉÎÕÜÀÉÎÕÜÀÉÎÕÜ",
            "İİİİİİİİ",
            "İİİİİİİİİ",
        ];
        for word in words {
            assert_eq!(&*lowercase(word), word.to_lowercase(), "{word:?}");
        }
    }
}
