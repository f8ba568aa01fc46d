//! Reported speech, beliefs and intentions: `S said (that) …`, `S told reporters …`,
//! `…, S said`, `The proposal, S said, was …`, `according to S, …`, `S warned / insisted /
//! denied … that …`, `S believes …`, and the paraphrases `S urged both sides to …`, `S wants
//! …`, `S hopes to …`. The content runs from after the cue ("that" left out) to the end of
//! the clause: the sentence's end, or where a second reporting verb starts the next
//! statement (`acknowledged that A but argued that B`). Speech that is denied or withheld
//! (`did not say`, `declined to comment`) and questions (`did not say whether`) are not
//! statements.

use std::ops::Range;

use super::cues::{is_negated, is_verb_at};
use super::engine::Resolved;
use super::engine::{Draft, Engine, REPORTED_MIN_WORDS};
use super::lexicon::lowercase;
use super::lexicon::names::is_speaker_pronoun;
use super::lexicon::verbs::according_to;
use super::lexicon::{Frames, english_frames, is_time_word, is_verb_modifier};
use super::mentions::{Mention, MentionKind, mention_starting_at};
use super::tokens::Kind;
use super::{Reason, Suggestion, Tier};
use crate::model::{Attribution, Document};

/// Adjectives that hold a belief after a copula ("is *convinced* that").
fn is_belief_adjective(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "convinced"
            | "confident"
            | "sure"
            | "certain"
            | "adamant"
            | "hopeful"
            | "optimistic"
            | "pessimistic"
            | "worried"
            | "concerned"
            | "afraid"
            | "aware"
            | "skeptical"
            | "sceptical"
            | "doubtful"
    )
}

impl Engine<'_> {
    /// The reported statements of `sentence`: all of them in a sentence without
    /// quotations; in one with quotations, only a clause that holds none.
    pub(super) fn reported(
        &mut self,
        sentence: Range<usize>,
        quotes: &[usize],
        doc: &Document,
    ) -> Vec<Suggestion> {
        let (s, e) = (sentence.start, sentence.end);
        if e <= s {
            return Vec::new();
        }
        if !quotes.is_empty() {
            let last = quotes.last().copied();
            let tail = last.and_then(|qi| self.tail_after_quote(qi, s..e, doc));
            let lead = self.leading(s..e, doc);
            return lead.into_iter().chain(tail).collect();
        }
        if let Some(found) = self.cjk_reported(s..e, doc) {
            return vec![found];
        }
        if let Some(found) = self.according(s..e, doc) {
            return vec![found];
        }
        if let Some(found) = self.trailing(s..e, doc) {
            return vec![found];
        }
        if let Some(found) = self.interposed(s..e, doc) {
            return vec![found];
        }
        self.leading(s..e, doc)
    }

    /// "…, according to the Kremlin" / "According to the Kremlin, …" / "selon X, …".
    fn according(&mut self, sentence: Range<usize>, doc: &Document) -> Option<Suggestion> {
        let (s, e) = (sentence.start, self.clause_end_of_sentence(sentence));
        let (i, len) = (s..e).find_map(|i| {
            // The words at `i` and `i + 1` outside quotations, without a vector per token.
            let mut words = [""; 2];
            let mut n = 0;
            for w in (i..i + 2).filter_map(|j| self.scan.word(j)) {
                words[n] = w;
                n += 1;
            }
            according_to(&words[..n]).map(|len| (i, len))
        })?;
        // "по его словам": by his words.
        let by_words = self.scan.is(i, "по")
            && self.scan.word(i + 1).is_some_and(is_speaker_pronoun)
            && self.scan.is(i + 2, "словам");
        let (mention, len) = if by_words {
            (
                Mention {
                    first: i + 1,
                    last: i + 1,
                    kind: MentionKind::Pronoun,
                    for_body: None,
                },
                3,
            )
        } else {
            (mention_starting_at(&self.scan, i + len)?, len)
        };
        let resolved = self.speaker_of(mention)?;
        let range = if i == s || (i == s + 1 && self.scan.punct(s).is_some()) {
            let comma = (mention.last.max(i + len - 1) + 1..e)
                .find(|&c| self.scan.punct(c) == Some(','))?;
            comma + 1..e
        } else {
            s..i
        };
        if self.words_in(range.clone()) < REPORTED_MIN_WORDS {
            return None;
        }
        let speaker = self.scan.text_of(mention.first, mention.last).to_owned();
        let draft = Draft {
            content: vec![self.clause_bytes(range)?],
            cue: (i..i + len).collect(),
            attribution: Attribution::Indirect,
            tier: Tier::Medium,
            reason: Reason::AccordingTo { speaker },
        };
        Some(self.attributed(doc, draft, Some((mention.first, mention.last)), resolved))
    }

    /// The sentence's last token that is content: before its closing punctuation.
    fn clause_end_of_sentence(&self, sentence: Range<usize>) -> usize {
        let mut e = sentence.end;
        while e > sentence.start
            && (self.scan.punct(e - 1).is_some() || self.scan.tokens[e - 1].kind == Kind::Break)
        {
            e -= 1;
        }
        e
    }

    /// "…, Mr. Trump told reporters over the weekend." / "…, said the minister."
    fn trailing(&mut self, sentence: Range<usize>, doc: &Document) -> Option<Suggestion> {
        let (s, e) = (sentence.start, self.clause_end_of_sentence(sentence));
        let c = (s..e).rev().find(|&c| self.scan.punct(c) == Some(','))?;
        let (mention, verb) = self.attribution_after_comma(c, e)?;
        if self.words_in(s..c) < REPORTED_MIN_WORDS {
            return None;
        }
        let resolved = self.speaker_of(mention)?;
        let speaker = self.scan.text_of(mention.first, mention.last).to_owned();
        let verb_text = self.scan.text_of(verb, verb).to_owned();
        let draft = Draft {
            content: vec![self.clause_bytes(s..c)?],
            cue: self.cue_tokens(verb),
            attribution: Attribution::Indirect,
            tier: indirect_tier(mention, resolved.as_ref()),
            reason: Reason::ReportedSpeechThenSpeaker {
                speaker,
                verb: verb_text,
            },
        };
        Some(self.attributed(doc, draft, Some((mention.first, mention.last)), resolved))
    }

    /// "The proposal, Brandt said, was unacceptable": the content in two parts.
    fn interposed(&mut self, sentence: Range<usize>, doc: &Document) -> Option<Suggestion> {
        let (s, e) = (sentence.start, self.clause_end_of_sentence(sentence));
        let c1 = (s + 1..e).find(|&c| self.scan.punct(c) == Some(','))?;
        let (mention, verb) = self.attribution_after_comma(c1, e)?;
        let mut c2 = verb + 1;
        while self.scan.word(c2).is_some_and(is_time_word) {
            c2 += 1;
        }
        if self.scan.punct(c2) != Some(',') || self.words_in(c2 + 1..e) < 2 {
            return None;
        }
        if self.words_in(s..c1) + self.words_in(c2 + 1..e) < REPORTED_MIN_WORDS {
            return None;
        }
        let resolved = self.speaker_of(mention)?;
        let speaker = self.scan.text_of(mention.first, mention.last).to_owned();
        let verb_text = self.scan.text_of(verb, verb).to_owned();
        let draft = Draft {
            content: vec![self.clause_bytes(s..c1)?, self.clause_bytes(c2 + 1..e)?],
            cue: vec![verb],
            attribution: Attribution::Indirect,
            tier: indirect_tier(mention, resolved.as_ref()),
            reason: Reason::SpeakerInsideReportedSpeech {
                speaker,
                verb: verb_text,
            },
        };
        Some(self.attributed(doc, draft, Some((mention.first, mention.last)), resolved))
    }

    /// `, S V` or `, V S` after the comma at `c`, ending the clause before `end` within a
    /// few words ("…, she told reporters in Geneva"): the mention and the verb.
    fn attribution_after_comma(&self, c: usize, end: usize) -> Option<(Mention, usize)> {
        if is_verb_at(self, c + 1, true)
            && let Some(m) = mention_starting_at(&self.scan, c + 2)
            && english_frames(self.scan.word(c + 1)?).is_none_or(|f| !f.has(Frames::PARTICIPLE))
        {
            return (end.saturating_sub(m.last) <= 8).then_some((m, c + 1));
        }
        let mention = mention_starting_at(&self.scan, c + 1)?;
        let mut v = mention.last + 1;
        while self.scan.word(v).is_some_and(is_verb_modifier) {
            v += 1;
        }
        let is_speech = is_verb_at(self, v, true)
            && english_frames(self.scan.word(v)?)
                .is_none_or(|f| f.has(Frames::CLAUSE) || f.has(Frames::QUOTE));
        (is_speech && end.saturating_sub(v) <= 8 && !is_negated(self, v)).then_some((mention, v))
    }

    /// The verb, with an object that belongs to the cue ("told reporters").
    fn cue_tokens(&self, verb: usize) -> Vec<usize> {
        let (a, b) = self.cue_of(verb);
        (a..=b).collect()
    }

    /// Whom a mention means; `Some(None)` for a text or body with no name ("the statement
    /// reads"), whose words are still suggested, with no speaker; `None` when nothing is
    /// suggested (a pronoun with no one to refer to).
    fn speaker_of(&mut self, mention: Mention) -> Option<Option<Resolved>> {
        match self.resolve(mention) {
            Some(resolved) => Some(Some(resolved)),
            None => (mention.kind == MentionKind::Body).then_some(None),
        }
    }

    /// `S said (that) …` and every other verb with a subject in the sentence, each to the
    /// end of its clause.
    fn leading(&mut self, sentence: Range<usize>, doc: &Document) -> Vec<Suggestion> {
        let (s, e) = (
            sentence.start,
            self.clause_end_of_sentence(sentence.clone()),
        );
        let mut out = Vec::new();
        let mut covered = s;
        let mut last_subject: Option<Mention> = None;
        let mut i = s;
        while i < e {
            let verb = i;
            i += 1;
            if verb < covered {
                continue;
            }
            let Some((cue_start, verb_word)) = self.verb_or_belief(verb) else {
                continue;
            };
            let frames = english_frames(verb_word).unwrap_or(Frames::THAT);
            let subject = if frames.has(Frames::PARTICIPLE) {
                self.participle_subject(s, cue_start, last_subject)
            } else {
                self.subject_of(cue_start)
                    .filter(|m| m.first >= s)
                    .or_else(|| self.coordinated(cue_start, last_subject))
            };
            let Some(subject) = subject else { continue };
            last_subject = Some(subject);
            if is_negated(self, cue_start) || is_negated(self, verb) {
                continue;
            }
            let Some(complement) = self.complement(verb, e, frames) else {
                continue;
            };
            let Some(end) = self.clause_end(complement.start, e) else {
                continue;
            };
            covered = end;
            if self.words_in(complement.start..end) < REPORTED_MIN_WORDS {
                continue;
            }
            let Some(content) = self.clause_bytes(complement.start..end) else {
                continue;
            };
            let Some(resolved) = self.speaker_of(subject) else {
                continue;
            };
            let speaker = self.scan.text_of(subject.first, subject.last).to_owned();
            let verb_text = self.scan.text_of(cue_start, verb).to_owned();
            let reason = if complement.attribution == Attribution::Paraphrase {
                if frames.has(Frames::SUMMARY) && !frames.has(Frames::BELIEF) {
                    Reason::Summary {
                        speaker,
                        verb: verb_text,
                    }
                } else {
                    Reason::Intention {
                        speaker,
                        verb: verb_text,
                    }
                }
            } else if frames.has(Frames::BELIEF) || cue_start < verb {
                Reason::Belief {
                    speaker,
                    verb: verb_text,
                }
            } else {
                Reason::ReportedSpeech {
                    speaker,
                    verb: verb_text,
                }
            };
            let tier =
                if complement.attribution == Attribution::Indirect && !frames.has(Frames::BELIEF) {
                    indirect_tier(subject, resolved.as_ref())
                } else {
                    Tier::Low
                };
            let draft = Draft {
                content: vec![content],
                cue: (cue_start..=complement.cue_end).collect(),
                attribution: complement.attribution,
                tier,
                reason,
            };
            out.push(self.attributed(doc, draft, Some((subject.first, subject.last)), resolved));
        }
        out
    }

    /// A reporting verb at `i`, or a belief held through a copula ("is *convinced* that"):
    /// the cue's first token and the verb's word.
    fn verb_or_belief(&self, i: usize) -> Option<(usize, &str)> {
        let w = self.scan.word(i)?;
        if is_verb_at(self, i, false) {
            return Some((i, w));
        }
        let copula = i > 0
            && self.scan.word(i - 1).is_some_and(|c| {
                matches!(
                    &*lowercase(c),
                    "is" | "was" | "are" | "were" | "remains" | "remained" | "seemed" | "seems"
                )
            });
        (copula && is_belief_adjective(w) && self.scan.is(i + 1, "that")).then(|| (i - 1, w))
    }

    /// The subject of a verb joined to an earlier one ("acknowledged that A *but argued*").
    fn coordinated(&self, verb: usize, last_subject: Option<Mention>) -> Option<Mention> {
        let mut j = verb.checked_sub(1)?;
        while self.scan.word(j).is_some_and(is_verb_modifier) {
            j = j.checked_sub(1)?;
        }
        let joined = self
            .scan
            .word(j)
            .is_some_and(|w| matches!(&*lowercase(w), "and" | "but" | "while" | "yet"));
        joined.then_some(last_subject).flatten()
    }

    /// The subject of `…, saying that …`: the clause's subject before it.
    fn participle_subject(
        &self,
        start: usize,
        verb: usize,
        last: Option<Mention>,
    ) -> Option<Mention> {
        if verb == 0 || self.scan.punct(verb - 1) != Some(',') {
            return None;
        }
        last.or_else(|| self.sentence_subject(start, verb))
    }

    /// `S told … that the talks were "useful," but some proposals were unacceptable`: the
    /// clause after a quotation inside reported speech is reported speech of the same speaker.
    fn tail_after_quote(
        &mut self,
        qi: usize,
        sentence: Range<usize>,
        doc: &Document,
    ) -> Option<Suggestion> {
        let quote = self.scan.quotes.get(qi)?;
        let (open, close) = (quote.open(), quote.close());
        let end = self.clause_end_of_sentence(sentence.clone());
        let mut k = close + 1;
        if self.scan.punct(k) == Some(',') {
            k += 1;
        }
        let joined = self
            .scan
            .word(k)
            .is_some_and(|w| matches!(w, "but" | "and" | "while"));
        if !joined {
            return None;
        }
        let mut start = k + 1;
        if self.scan.is(start, "that") {
            start += 1;
        }
        if self.words_in(start..end) < REPORTED_MIN_WORDS {
            return None;
        }
        let clean =
            (start..end).all(|i| self.scan.quote_of[i].is_none() && !is_verb_at(self, i, true));
        let found = self.before_quote(open, sentence.start)?;
        if !clean || found.pattern != super::direct::Pattern::InReportedSpeech {
            return None;
        }
        let resolved = self.speaker_of(found.mention)?;
        let speaker = self
            .scan
            .text_of(found.mention.first, found.mention.last)
            .to_owned();
        let verb = self.scan.text_of(found.cue.0, found.cue.1).to_owned();
        let draft = Draft {
            content: vec![self.clause_bytes(start..end)?],
            cue: (found.cue.0..=found.cue.1).collect(),
            attribution: Attribution::Indirect,
            tier: if resolved.as_ref().is_some_and(|r| r.is_sure) {
                Tier::Medium
            } else {
                Tier::Low
            },
            reason: Reason::ReportedSpeech { speaker, verb },
        };
        Some(self.attributed(
            doc,
            draft,
            Some((found.mention.first, found.mention.last)),
            resolved,
        ))
    }
}

fn indirect_tier(mention: Mention, resolved: Option<&Resolved>) -> Tier {
    let Some(resolved) = resolved else {
        return Tier::Low;
    };
    match mention.kind {
        MentionKind::Name => Tier::Medium,
        MentionKind::Pronoun | MentionKind::Role if resolved.is_sure => Tier::Medium,
        // A body named where it speaks ("the Lusovian foreign ministry said").
        MentionKind::Body if resolved.resolution.is_none() => Tier::Medium,
        MentionKind::Pronoun | MentionKind::Role | MentionKind::Body => Tier::Low,
    }
}
