//! The word lists the attribution engine matches: reporting verbs, titles, speaker nouns and
//! the cue words that suggest a position or a concession.
//!
//! Origin and licence: these lists are the Stance project's own, written by hand for it from
//! common English newswire usage (no list was copied from another project). Forms that are
//! more often nouns ("state", "claims", "notes") or other verbs ("recalled" an ambassador)
//! are left out on purpose. They are under
//! the crate's licence (MIT or Apache-2.0). Words are lowercase; matching ignores case.

/// How a reporting verb gives the speaker's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerbKind {
    /// Introduces the words themselves or reported speech ("said", "told", "added").
    Speech,
    /// Names a speech act and summarises it ("praised", "accused", "urged").
    Summary,
}

/// Reporting verbs, every form a news report uses, with how each gives the words.
const REPORTING_VERBS: &[(&str, VerbKind)] = &[
    ("say", VerbKind::Speech),
    ("says", VerbKind::Speech),
    ("said", VerbKind::Speech),
    ("tell", VerbKind::Speech),
    ("tells", VerbKind::Speech),
    ("told", VerbKind::Speech),
    ("adds", VerbKind::Speech),
    ("added", VerbKind::Speech),
    ("stated", VerbKind::Speech),
    ("reads", VerbKind::Speech),
    ("wrote", VerbKind::Speech),
    ("writes", VerbKind::Speech),
    ("declared", VerbKind::Speech),
    ("declares", VerbKind::Speech),
    ("explained", VerbKind::Speech),
    ("explains", VerbKind::Speech),
    ("asked", VerbKind::Speech),
    ("asks", VerbKind::Speech),
    ("replied", VerbKind::Speech),
    ("responded", VerbKind::Speech),
    ("answered", VerbKind::Speech),
    ("noted", VerbKind::Speech),
    ("argued", VerbKind::Speech),
    ("argues", VerbKind::Speech),
    ("claimed", VerbKind::Speech),
    ("announced", VerbKind::Speech),
    ("announces", VerbKind::Speech),
    ("insisted", VerbKind::Speech),
    ("insists", VerbKind::Speech),
    ("warned", VerbKind::Speech),
    ("warns", VerbKind::Speech),
    ("stressed", VerbKind::Speech),
    ("emphasized", VerbKind::Speech),
    ("emphasised", VerbKind::Speech),
    ("acknowledged", VerbKind::Speech),
    ("admitted", VerbKind::Speech),
    ("conceded", VerbKind::Speech),
    ("confirmed", VerbKind::Speech),
    ("denied", VerbKind::Speech),
    ("demanded", VerbKind::Speech),
    ("promised", VerbKind::Speech),
    ("vowed", VerbKind::Speech),
    ("pledged", VerbKind::Speech),
    ("predicted", VerbKind::Speech),
    ("remarked", VerbKind::Speech),
    ("reiterated", VerbKind::Speech),
    ("complained", VerbKind::Speech),
    ("suggested", VerbKind::Speech),
    ("cautioned", VerbKind::Speech),
    ("threatened", VerbKind::Speech),
    ("urged", VerbKind::Summary),
    ("urges", VerbKind::Summary),
    ("accused", VerbKind::Summary),
    ("accuses", VerbKind::Summary),
    ("praised", VerbKind::Summary),
    ("praises", VerbKind::Summary),
    ("criticized", VerbKind::Summary),
    ("criticised", VerbKind::Summary),
    ("welcomed", VerbKind::Summary),
    ("dismissed", VerbKind::Summary),
    ("rejected", VerbKind::Summary),
    ("condemned", VerbKind::Summary),
    ("blamed", VerbKind::Summary),
];

/// The kind of a reporting verb, if `word` is one.
#[must_use]
pub fn reporting_verb(word: &str) -> Option<VerbKind> {
    let lower = word.to_lowercase();
    REPORTING_VERBS
        .iter()
        .find(|(verb, _)| *verb == lower)
        .map(|&(_, kind)| kind)
}

/// Words that may stand between a subject and its verb ("Ushakov *also* added").
const VERB_MODIFIERS: &[&str] = &[
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
    "has",
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
];

#[must_use]
pub fn is_verb_modifier(word: &str) -> bool {
    VERB_MODIFIERS.contains(&word.to_lowercase().as_str())
}

/// Objects that belong to the cue ("told *reporters*").
const CUE_OBJECTS: &[&str] = &["reporters", "journalists", "lawmakers", "supporters"];

#[must_use]
pub fn is_cue_object(word: &str) -> bool {
    CUE_OBJECTS.contains(&word.to_lowercase().as_str())
}

/// Words that open a name but are not the name ("Mr.", "President", "Secretary of State").
const TITLES: &[&str] = &[
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "sen.",
    "gen.",
    "rep.",
    "gov.",
    "president",
    "prime",
    "minister",
    "secretary",
    "state",
    "foreign",
    "defense",
    "defence",
    "special",
    "envoy",
    "senator",
    "general",
    "chancellor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "deputy",
    "vice",
    "premier",
    "king",
    "queen",
    "pope",
    "governor",
    "representative",
    "chief",
    "adviser",
    "advisor",
    "commander",
    "u.s.",
    "russian",
    "ukrainian",
    "american",
    "european",
    "german",
    "french",
    "british",
    "chinese",
    "former",
    "top",
    "journalist",
    "senior",
    "sir",
    "lord",
    "lady",
    "director",
    "mayor",
    "judge",
];

/// True if the word starts with a capital letter.
#[must_use]
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[must_use]
pub fn is_title(word: &str) -> bool {
    TITLES.contains(&word.to_lowercase().as_str())
}

/// Capitalised words that start a sentence but name no one.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "however",
    "but",
    "and",
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
];

#[must_use]
pub fn is_not_name(word: &str) -> bool {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    NOT_NAMES.contains(&word.to_lowercase().as_str())
}

/// Places and states, which are named like people but are no one's antecedent of `he`.
const PLACES: &[&str] = &[
    "russia",
    "ukraine",
    "moscow",
    "kyiv",
    "kiev",
    "washington",
    "florida",
    "europe",
    "india",
    "china",
    "israel",
    "germany",
    "france",
    "britain",
    "london",
    "paris",
    "berlin",
    "beijing",
    "brussels",
    "geneva",
    "istanbul",
    "turkey",
    "poland",
    "donetsk",
    "crimea",
    "america",
    "kremlin",
    "white",
    "house",
    "nato",
];

#[must_use]
pub fn is_place(word: &str) -> bool {
    PLACES.contains(&word.to_lowercase().as_str())
}

/// Head nouns of a person described by role ("the senior Russian *official*").
const PERSON_HEADS: &[&str] = &[
    "official",
    "president",
    "envoy",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "negotiator",
    "leader",
    "diplomat",
    "aide",
    "adviser",
    "advisor",
    "secretary",
    "chancellor",
    "ambassador",
    "senator",
    "general",
    "commander",
    "premier",
    "mayor",
];

#[must_use]
pub fn is_person_head(word: &str) -> bool {
    PERSON_HEADS.contains(&word.to_lowercase().as_str())
}

/// Head nouns of a speaking body or text ("the *statement*", "the *Kremlin*", "*officials*").
const BODY_HEADS: &[&str] = &[
    "statement",
    "kremlin",
    "ministry",
    "government",
    "delegation",
    "officials",
    "advisers",
    "diplomats",
    "negotiators",
    "leaders",
    "sources",
    "aides",
    "spokespeople",
    "communique",
    "communiqué",
    "declaration",
    "readout",
    "letter",
    "release",
    "document",
    "memo",
    "memorandum",
    "transcript",
    "report",
    "office",
    "administration",
    "embassy",
    "council",
    "commission",
    "parliament",
    "agency",
    "military",
    "army",
    "white house",
    "pentagon",
];

#[must_use]
pub fn is_body_head(word: &str) -> bool {
    BODY_HEADS.contains(&word.to_lowercase().as_str())
}

/// Body heads that name a text, not a speaker by itself ("the *statement*"): alone they are
/// no actor's name, so the engine names the speaker by the fuller phrase ("joint statement").
const TEXT_HEADS: &[&str] = &[
    "statement",
    "communique",
    "communiqué",
    "declaration",
    "report",
    "readout",
    "letter",
    "release",
    "document",
    "memo",
    "memorandum",
    "transcript",
];

#[must_use]
pub fn is_text_head(word: &str) -> bool {
    TEXT_HEADS.contains(&word.to_lowercase().as_str())
}

/// Words that open a noun phrase ("*the* statement", "*his* aides").
#[must_use]
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our"
    )
}

/// Words of time that may follow a verb before its reported speech ("said *Friday* that").
#[must_use]
pub fn is_time_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
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
            | "on"
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
