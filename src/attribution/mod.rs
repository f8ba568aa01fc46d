//! Attribution, a feature on the core alone: the suggestion engine finds the statements in an
//! article and who made them, as [`Suggestion`]s an analyst accepts or rejects; review turns
//! them into edits ([`accept_suggestions`], [`reject_suggestion`]); [`evaluation`] scores
//! them against a gold standard. Rule-based, with no model and no network.
//!
//! The engine's parts, each importing only those before it: `tokens` (words, marks) →
//! `quotes` (which marks open and close, in every convention) → `scan` (sentences and
//! paragraphs) → `lexicon` (word lists, first names) → `mentions` (the words naming a
//! speaker next to a cue) → `people` (who the document names: titles stripped into roles,
//! surnames joined to full names, genders) → `known_actors` (the project's actors by name,
//! alias and surname) → `antecedent` (whom a pronoun or role means) → `engine`, `direct`
//! (quotations) and `reported` (reported speech, beliefs, intentions).
//!
//! Offsets in suggestions are chars, like every span of the model; the engine works in bytes
//! and converts through the document's index.

mod accept;
mod antecedent;
mod cjk;
mod complement;
mod cues;
mod direct;
mod engine;
pub mod evaluation;
mod known_actors;
pub mod lexicon;
mod mentions;
mod people;
mod quotes;
mod reported;
mod review;
mod scan;
mod speakers;
mod tokens;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::model::{Actor, ActorId, Attribution, Document, Span};
pub use accept::Accepted;
pub use accept::accept_suggestions;
pub use antecedent::Work;
pub use lexicon::FlagTag;
pub use review::{
    Effect, effect, pending, pending_suggestions, reject_suggestion, reject_suggestions,
    suggestion_effect,
};

/// A statement the engine found, with its source and cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// What was said: one range, or several for a quote split by its attribution or
    /// running over several paragraphs. Sorted, non-overlapping, non-empty.
    pub content: Vec<Span>,
    /// The reporting verb or phrase ("said", "told reporters", "according to").
    pub cue: Vec<Span>,
    /// Who said it, when the engine found someone.
    pub speaker: Option<Speaker>,
    pub attribution: Attribution,
    pub tier: Tier,
    pub reason: Reason,
    /// A tag other than claim that a cue word suggests; never applied without the analyst.
    pub flag: Option<Flag>,
}

impl Suggestion {
    /// The span from the first content range's start to the last one's end.
    #[must_use]
    pub fn extent(&self) -> Span {
        crate::model::extent(&self.content).unwrap_or_default()
    }

    /// The tag to give it: the flag's, or claim.
    #[must_use]
    pub fn tag(&self) -> &'static str {
        self.flag.as_ref().map_or("claim", |f| f.tag.tag())
    }

    /// The reason in words, with how the speaker was resolved and why a tag is flagged.
    #[must_use]
    pub fn explain(&self) -> String {
        let mut out = self.reason.to_string();
        if let Some(resolution) = self.speaker.as_ref().and_then(|s| s.resolution.as_ref()) {
            out.push_str("; ");
            out.push_str(&resolution.to_string());
        }
        if let Some(flag) = &self.flag {
            out.push_str(&format!("; `{}` suggests {}", flag.word, flag.tag.tag()));
        }
        out
    }
}

/// The speaker of a suggestion: where the text names them and whom that is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The words naming the speaker here ("he", "Mr. Trump", "the statement"); empty
    /// (`0..0`, with empty `text`) when nothing names them here, as in a follow-on
    /// quotation.
    pub span: Span,
    pub text: String,
    pub actor: SpeakerMatch,
    /// How a pronoun, title, surname or follow-on paragraph was followed back to a name.
    pub resolution: Option<Resolution>,
    /// The title or role the text gives the speaker ("Senate Foreign Relations Committee
    /// Chairman"); never part of the name.
    pub role: Option<String>,
    /// The side a new actor would get: the country or body the role names ("Russia" for a
    /// Russian minister).
    pub affiliation: Option<String>,
}

/// An actor of the project, or a new one to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpeakerMatch {
    Existing(ActorId),
    Proposed { name: String },
}

/// How a speaker who is not named in full where they speak was found: `he → Tomas Reyes,
/// last named man in the paragraph`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// The words in the text ("he", "the senior official", "Mr. Corker"); empty for a
    /// follow-on paragraph, which names no one.
    pub words: String,
    /// Whom they were taken to mean.
    pub antecedent: String,
    /// Why, in words for the analyst.
    pub why: String,
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.words.is_empty() {
            write!(f, "{}, {}", self.antecedent, self.why)
        } else {
            write!(f, "`{}` → {}, {}", self.words, self.antecedent, self.why)
        }
    }
}

/// How sure the engine is; the workbench offers "accept all high-confidence".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Low,
    Medium,
    High,
}

impl Tier {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tag suggested by a cue word, with the word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub tag: FlagTag,
    pub word: String,
}

/// Which pattern found a suggestion, with the words that matched it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `"…," Ushakov said`
    QuoteThenSpeakerVerb { speaker: String, verb: String },
    /// `"…," said Ushakov`
    QuoteThenVerbSpeaker { verb: String, speaker: String },
    /// `Ushakov added, "…"` / `Ushakov added: "…"`
    SpeakerVerbThenQuote { speaker: String, verb: String },
    /// `Ushakov told reporters that the talks were "…"`
    QuoteInReportedSpeech { speaker: String, verb: String },
    /// `Berg called the deal "a big win"`: a few quoted words, the verb the cue.
    PartialQuote { speaker: String, verb: String },
    /// `Berg was blunt: "…"` / a headline's `Berg: '…'`.
    SpeakerColonQuote { speaker: String },
    /// `"…," according to Berg`
    QuoteThenAccordingTo { speaker: String },
    /// A quotation in `「…」と述べた` or `表示：「…」`.
    CjkCue { speaker: String, cue: String },
    /// A paragraph or sentence that is only a quotation continues the last speaker.
    FollowOn { speaker: String },
    /// `Ushakov said (that) …`
    ReportedSpeech { speaker: String, verb: String },
    /// `…, Mr. Trump told reporters.` / `…, said the minister.`
    ReportedSpeechThenSpeaker { speaker: String, verb: String },
    /// `The proposal, Berg said, was …`
    SpeakerInsideReportedSpeech { speaker: String, verb: String },
    /// `Berg believes (that) …`, `fears that …`
    Belief { speaker: String, verb: String },
    /// `Berg wants …`, `hopes to …`, `urged both sides to …`
    Intention { speaker: String, verb: String },
    /// `Ushakov praised Kushner as …`: a speech act summarised.
    Summary { speaker: String, verb: String },
    /// `…, according to the Kremlin`
    AccordingTo { speaker: String },
    /// A quotation with no reporting verb near it.
    UnattributedQuote,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::QuoteThenSpeakerVerb { speaker, verb } => {
                write!(f, "quote followed by `, {speaker} {verb}`")
            }
            Self::QuoteThenVerbSpeaker { verb, speaker } => {
                write!(f, "quote followed by `, {verb} {speaker}`")
            }
            Self::SpeakerVerbThenQuote { speaker, verb } => {
                write!(f, "`{speaker} {verb}` before the quote")
            }
            Self::QuoteInReportedSpeech { speaker, verb } => {
                write!(f, "quote inside reported speech after `{speaker} {verb}`")
            }
            Self::PartialQuote { speaker, verb } => {
                write!(f, "partial quote after `{speaker} {verb}`")
            }
            Self::SpeakerColonQuote { speaker } => write!(f, "`{speaker}:` before the quote"),
            Self::QuoteThenAccordingTo { speaker } => {
                write!(f, "quote followed by `according to {speaker}`")
            }
            Self::CjkCue { speaker, cue } => write!(f, "quote with `{cue}` ({speaker})"),
            Self::FollowOn { speaker } => {
                write!(f, "quotation that continues {speaker}'s words")
            }
            Self::ReportedSpeech { speaker, verb } => {
                write!(f, "reported speech after `{speaker} {verb}`")
            }
            Self::ReportedSpeechThenSpeaker { speaker, verb } => {
                write!(f, "reported speech followed by `, {speaker} {verb}`")
            }
            Self::SpeakerInsideReportedSpeech { speaker, verb } => {
                write!(f, "reported speech around `, {speaker} {verb},`")
            }
            Self::Belief { speaker, verb } => write!(f, "`{speaker} {verb}`: a belief held"),
            Self::Intention { speaker, verb } => {
                write!(f, "`{speaker} {verb}`: an intention or a call")
            }
            Self::Summary { speaker, verb } => {
                write!(f, "`{speaker} {verb}` summarises a statement")
            }
            Self::AccordingTo { speaker } => write!(f, "`according to {speaker}`"),
            Self::UnattributedQuote => f.write_str("quote with no reporting verb near it"),
        }
    }
}

/// The suggestions for one document, in text order, matched against `actors`.
#[must_use]
pub fn analyse(document: &Document, actors: &[Actor]) -> Vec<Suggestion> {
    analyse_counting(document, actors).0
}

/// [`analyse`], with how many names the pronoun and role searches looked at and how many
/// names were compared to find whom a name means: the work a test can count to show that it
/// grows with the text and the actors, not with their square.
#[must_use]
pub fn analyse_counting(document: &Document, actors: &[Actor]) -> (Vec<Suggestion>, Work) {
    let mut engine = engine::Engine::new(&document.text, actors);
    let found = engine.run(document);
    let mut work = engine.work;
    work.names_compared = engine.cast.names_compared() + engine.known.names_compared();
    (found, work)
}
