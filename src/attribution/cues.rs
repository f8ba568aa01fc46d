//! A reporting verb at a token of the text: whether one stands there (not a name such as
//! "Said Hamdan"), and whether it is denied or withheld. Direct and reported speech both ask.

use super::engine::Engine;
use super::lexicon::lowercase;
use super::lexicon::{Frames, english_frames, is_capitalised, is_foreign_quote_verb, is_negation};

/// A reporting verb at token `i`, outside quotations: a lowercase word (a capitalised one
/// mid-sentence is a name: "Said Hamdan"), or one that opens a sentence or a headline.
pub(super) fn is_verb_at(engine: &Engine<'_>, i: usize, quote_only: bool) -> bool {
    let Some(w) = engine.scan.word(i) else {
        return false;
    };
    // One lookup of the English frames: `is_quote_verb` is QUOTE among them, or a verb of
    // another language.
    let frames = english_frames(w);
    let is_verb = if quote_only {
        frames.is_some_and(|f| f.has(Frames::QUOTE)) || is_foreign_quote_verb(w)
    } else {
        frames.is_some() || is_foreign_quote_verb(w)
    };
    if !is_verb {
        return false;
    }
    if !is_capitalised(w) {
        return true;
    }
    let starts = i == 0 || engine.scan.sentence_of.get(i - 1) != engine.scan.sentence_of.get(i);
    let next_is_name = engine.scan.word(i + 1).is_some_and(is_capitalised);
    engine.scan.is_headline(i) || (starts && !next_is_name)
}

/// True if the verb at `verb` is denied or withheld: "did *not* say", "*declined* to say",
/// "*would not* confirm", or passive "is said to be".
pub(super) fn is_negated(engine: &Engine<'_>, verb: usize) -> bool {
    let scan = &engine.scan;
    let sentence = scan.sentence_of.get(verb).copied();
    let negated = (verb.saturating_sub(4)..verb)
        .filter(|&i| scan.sentence_of.get(i).copied() == sentence)
        .any(|i| scan.word(i).is_some_and(is_negation));
    let passive = verb > 0
        && scan.word(verb - 1).is_some_and(|w| {
            matches!(
                &*lowercase(w),
                "is" | "was" | "are" | "were" | "be" | "been"
            )
        })
        && scan.is(verb + 1, "to");
    negated || passive
}
