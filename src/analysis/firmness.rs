//! Proposing how firmly a position is held from its words: "not negotiable", "a red line",
//! "under no circumstances" mark a firm position; "prepared to discuss", "could accept",
//! "more or less acceptable" a flexible one. A proposal only: the editor offers it and the
//! analyst accepts it with one click. English only, as the attribution lexicon.

use crate::model::Firmness;

/// A proposed firmness, with the words that gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirmnessProposal {
    pub firmness: Firmness,
    /// The cue as it stands in the text ("not negotiable").
    pub cue: String,
}

/// Phrases of a firm position. Checked before the flexible ones, so "not prepared to
/// discuss" is firm, not flexible.
const FIRM: &[&str] = &[
    "not negotiable",
    "non-negotiable",
    "nonnegotiable",
    "red line",
    "red lines",
    "under no circumstances",
    "not prepared to",
    "not ready to",
    "not willing to",
    "unwilling to",
    "will never",
    "would never",
    "never accept",
    "will not accept",
    "won't accept",
    "cannot accept",
    "can't accept",
    "out of the question",
    "no compromise",
    "categorically",
    "non-starter",
    "not up for discussion",
];

/// Phrases of a flexible position.
const FLEXIBLE: &[&str] = &[
    "prepared to discuss",
    "ready to discuss",
    "open to",
    "willing to",
    "could accept",
    "might accept",
    "can accept",
    "more or less acceptable",
    "acceptable to us",
    "room for",
    "compromise",
    "flexible",
    "flexibility",
    "prepared to consider",
    "ready to consider",
];

/// The firmness the text's words mark, if any: the first firm cue, else the first flexible
/// one (by place in the text). Case and curly apostrophes do not count.
#[must_use]
pub fn propose_firmness(text: &str) -> Option<FirmnessProposal> {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    // Byte offsets into `lower` match `text` only where lowercasing kept lengths; the cue is
    // therefore taken from `lower`.
    let first = |phrases: &'static [&'static str]| {
        (phrases.iter())
            .filter_map(|p| find_phrase(&lower, p).map(|at| (at, *p)))
            .min_by_key(|&(at, phrase)| (at, std::cmp::Reverse(phrase.len())))
    };
    let (firmness, (at, phrase)) = first(FIRM)
        .map(|found| (Firmness::Firm, found))
        .or_else(|| first(FLEXIBLE).map(|found| (Firmness::Flexible, found)))?;
    Some(FirmnessProposal {
        firmness,
        cue: lower[at..at + phrase.len()].to_owned(),
    })
}

/// Where `phrase` stands in `text` as whole words.
fn find_phrase(text: &str, phrase: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    text.match_indices(phrase).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposed(text: &str) -> Option<(Firmness, String)> {
        propose_firmness(text).map(|p| (p.firmness, p.cue))
    }

    #[test]
    fn firm_and_flexible_cues() {
        assert_eq!(
            proposed("Crimea is not negotiable, the Kremlin said."),
            Some((Firmness::Firm, "not negotiable".into()))
        );
        assert_eq!(
            proposed("That is a red line for Kyiv"),
            Some((Firmness::Firm, "red line".into()))
        );
        assert_eq!(
            proposed("Under no circumstances will we withdraw"),
            Some((Firmness::Firm, "under no circumstances".into()))
        );
        assert_eq!(
            proposed("We are prepared to discuss the fees."),
            Some((Firmness::Flexible, "prepared to discuss".into()))
        );
        assert_eq!(
            proposed("Some formulations are more or less acceptable"),
            Some((Firmness::Flexible, "more or less acceptable".into()))
        );
        assert_eq!(
            proposed("Moscow could accept a freeze"),
            Some((Firmness::Flexible, "could accept".into()))
        );
    }

    #[test]
    fn a_negated_flexible_cue_is_firm_and_words_must_be_whole() {
        assert_eq!(
            proposed("We are not prepared to discuss territory"),
            Some((Firmness::Firm, "not prepared to".into()))
        );
        assert_eq!(
            proposed("We won\u{2019}t accept that"),
            Some((Firmness::Firm, "won't accept".into()))
        );
        // "compromised" is not "compromise"; "reopen to" is not "open to".
        assert_eq!(proposed("The data was compromised"), None);
        assert_eq!(proposed("They will reopen today"), None);
        assert_eq!(proposed("The talks were constructive."), None);
        assert_eq!(proposed(""), None);
    }
}
