//! Quotations and their attribution: the reporting verb and speaker after the quotation
//! (`"…," Ushakov said`, `"…," said the minister`, `«…», — заявил Лавров`), before it
//! (`Ushakov added: "…"`, `called the deal "a big win"`), a headline's colon, the cues of
//! Japanese and Chinese (`「…」と述べた`, `表示：「…」`), a quotation split by its
//! attribution, and a quotation paragraph with no attribution, which continues the last
//! speaker (the news convention for follow-on quotes).

use std::ops::Range;

use super::cues::{is_negated, is_verb_at};
use super::engine::Resolved;
use super::engine::{Draft, Engine};
use super::lexicon::lowercase;
use super::lexicon::{
    Frames, english_frames, is_foreign_time_word, is_time_word, is_verb_modifier,
};
use super::mentions::{Mention, MentionKind, mention_ending_at, mention_starting_at};
use super::quotes::part_bytes;
use super::tokens::Kind;
use super::{Reason, Suggestion, Tier};
use crate::model::{Attribution, Document};

/// How far (in tokens) the engine looks back from a quotation for its reporting verb.
const LOOK_BACK_TOKENS: usize = 60;
/// The fewest words a quotation without a speaker needs to be suggested (not a scare quote).
const UNATTRIBUTED_MIN_WORDS: usize = 4;

/// Where a quotation's attribution sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pattern {
    QuoteThenSpeakerVerb,
    QuoteThenVerbSpeaker,
    QuoteThenAccordingTo,
    SpeakerVerbThenQuote,
    InReportedSpeech,
    Partial,
    SpeakerColon,
}

/// An attribution found next to a quotation.
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    pub mention: Mention,
    /// The cue's tokens: the verb (and its object), or the words before a colon.
    pub cue: (usize, usize),
    pub pattern: Pattern,
    /// The last token of the attribution.
    pub end: usize,
}

impl Engine<'_> {
    /// The suggestion for quotation `qi` of `sentence`, if it is one.
    pub(super) fn direct(
        &mut self,
        qi: usize,
        sentence: Range<usize>,
        doc: &Document,
    ) -> Option<Suggestion> {
        let quote = self.scan.quotes[qi].clone();
        let mut content: Vec<Range<usize>> = quote
            .parts
            .iter()
            .map(|&p| part_bytes(self.scan.text, &self.scan.tokens, p))
            .filter(|r| !r.is_empty())
            .collect();
        if content.is_empty() {
            return None;
        }
        // "the so-called "peace plan"": a scare quote, nobody's words.
        if quote.open() > 0
            && self
                .scan
                .word(quote.open() - 1)
                .is_some_and(|w| matches!(&*lowercase(w), "so-called" | "so‑called"))
        {
            return None;
        }
        if let Some(s) = self.cjk(qi, &content, doc) {
            return Some(s);
        }
        let found = self
            .after_quote(quote.close())
            .or_else(|| self.before_quote(quote.open(), sentence.start));
        let Some(found) = found else {
            return self.unattributed(qi, content, doc);
        };
        let after = matches!(
            found.pattern,
            Pattern::QuoteThenSpeakerVerb | Pattern::QuoteThenVerbSpeaker
        );
        if after && let Some(next) = self.continuation(qi, &found) {
            self.merged.insert(next);
            let parts = self.scan.quotes[next].parts.clone();
            content.extend(
                parts
                    .into_iter()
                    .map(|p| part_bytes(self.scan.text, &self.scan.tokens, p))
                    .filter(|r| !r.is_empty()),
            );
        }
        let resolved = self.resolve(found.mention);
        let speaker = self
            .scan
            .text_of(found.mention.first, found.mention.last)
            .to_owned();
        let verb = self.scan.text_of(found.cue.0, found.cue.1).to_owned();
        let reason = match found.pattern {
            Pattern::QuoteThenSpeakerVerb => Reason::QuoteThenSpeakerVerb { speaker, verb },
            Pattern::QuoteThenVerbSpeaker => Reason::QuoteThenVerbSpeaker { verb, speaker },
            Pattern::QuoteThenAccordingTo => Reason::QuoteThenAccordingTo { speaker },
            Pattern::SpeakerVerbThenQuote => Reason::SpeakerVerbThenQuote { speaker, verb },
            Pattern::InReportedSpeech => Reason::QuoteInReportedSpeech { speaker, verb },
            Pattern::Partial => Reason::PartialQuote { speaker, verb },
            Pattern::SpeakerColon => Reason::SpeakerColonQuote { speaker },
        };
        let tier = self.direct_tier(found, resolved.as_ref());
        let draft = Draft {
            content,
            cue: (found.cue.0..=found.cue.1).collect(),
            attribution: Attribution::Direct,
            tier,
            reason,
        };
        Some(self.attributed(
            doc,
            draft,
            Some((found.mention.first, found.mention.last)),
            resolved,
        ))
    }

    fn direct_tier(&self, found: Found, resolved: Option<&Resolved>) -> Tier {
        let Some(r) = resolved else {
            return Tier::Low;
        };
        let is_last_speaker = self
            .last
            .as_ref()
            .is_some_and(|l| l.resolved.person.is_some() && l.resolved.person == r.person);
        let close = matches!(
            found.pattern,
            Pattern::QuoteThenSpeakerVerb
                | Pattern::QuoteThenVerbSpeaker
                | Pattern::SpeakerVerbThenQuote
        );
        match found.mention.kind {
            MentionKind::Name | MentionKind::Body if close && r.is_sure => Tier::High,
            MentionKind::Pronoun if close && is_last_speaker => Tier::High,
            _ if r.is_sure || is_last_speaker => Tier::Medium,
            _ => Tier::Low,
        }
    }

    /// The reporting verb's subject: the mention before it, over modifiers ("also") and a
    /// comma-bounded insertion (", a top Putin official,"). When the insertion names the
    /// person a role or body before it introduces ("the opposition leader, Daniel Okafor,
    /// said"), the named person speaks.
    pub(super) fn subject_of(&self, verb: usize) -> Option<Mention> {
        let mut j = verb.checked_sub(1)?;
        while self.scan.word(j).is_some_and(is_verb_modifier) {
            j = j.checked_sub(1)?;
        }
        if self.scan.punct(j) == Some(',') {
            let mut i = j;
            loop {
                i = i.checked_sub(1)?;
                if j - i > 30 || self.scan.ends_sentence(i) || self.scan.quote_of[i].is_some() {
                    return None;
                }
                if self.scan.punct(i) == Some(',') {
                    break;
                }
            }
            let before = mention_ending_at(&self.scan, i.checked_sub(1)?);
            let inserted = mention_starting_at(&self.scan, i + 1)
                .filter(|m| m.kind == MentionKind::Name && m.last + 1 == j);
            if let (Some(b), Some(name)) = (before, inserted)
                && matches!(b.kind, MentionKind::Role | MentionKind::Body)
            {
                return Some(name);
            }
            return before;
        }
        mention_ending_at(&self.scan, j)
    }

    /// The subject of a participle (`…, saying "…"`): the first mention of its sentence
    /// that opens it or follows an introductory comma.
    pub(super) fn sentence_subject(&self, start: usize, before: usize) -> Option<Mention> {
        (start..before).find_map(|i| {
            let opens = i == start || self.scan.punct(i - 1) == Some(',');
            let m = mention_starting_at(&self.scan, i).filter(|_| opens)?;
            (m.last < before).then_some(m)
        })
    }

    /// `"…," Ushakov said`, `"…," said Ushakov`, `«…», — заявил Лавров`, `"…," according to
    /// Berg`, or a headline's `'…': minister` after the quotation closing at `close`.
    pub(super) fn after_quote(&self, close: usize) -> Option<Found> {
        let before_close = self
            .scan
            .text
            .get(..self.scan.tokens[close].start)?
            .trim_end_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}');
        let continues = matches!(
            before_close.chars().next_back(),
            Some(',' | '?' | '!' | '—' | '–' | '…' | '，')
        );
        let mut k = close + 1;
        let comma = self.scan.punct(k) == Some(',');
        if comma {
            k += 1;
        }
        let dash = matches!(self.scan.punct(k), Some('—' | '–' | '-'));
        if dash {
            k += 1;
        }
        let colon = self.scan.punct(close + 1) == Some(':') && self.scan.is_headline(close);
        if colon {
            let mention = mention_starting_at(&self.scan, close + 2)?;
            return Some(Found {
                mention,
                cue: (close + 1, close + 1),
                pattern: Pattern::SpeakerColon,
                end: mention.last,
            });
        }
        if !(continues || comma || dash) {
            return None;
        }
        if self.scan.is(k, "according") && self.scan.is(k + 1, "to") {
            let mention = mention_starting_at(&self.scan, k + 2)?;
            return Some(Found {
                mention,
                cue: (k, k + 1),
                pattern: Pattern::QuoteThenAccordingTo,
                end: mention.last,
            });
        }
        // A French or Italian auxiliary before the verb: "a déclaré", "ha detto".
        let aux = self
            .scan
            .word(k)
            .is_some_and(|w| matches!(w, "a" | "ha" | "hat"))
            && is_verb_at(self, k + 1, true);
        let v = if aux { k + 1 } else { k };
        if is_verb_at(self, v, true) {
            // "a déclaré jeudi la ministre": days and times before the speaker.
            let mut m = v + 1;
            while self
                .scan
                .word(m)
                .is_some_and(|w| is_time_word(w) || is_foreign_time_word(w))
            {
                m += 1;
            }
            let mention = mention_starting_at(&self.scan, m)?;
            return Some(Found {
                mention,
                cue: (k, v),
                pattern: Pattern::QuoteThenVerbSpeaker,
                end: mention.last,
            });
        }
        // "a-t-il dit": the pronoun joined to the auxiliary.
        if self.scan.word(k).is_some_and(|w| w.starts_with("a-t-")) && is_verb_at(self, k + 1, true)
        {
            return Some(Found {
                mention: Mention {
                    first: k,
                    last: k,
                    kind: MentionKind::Pronoun,
                    for_body: None,
                },
                cue: (k + 1, k + 1),
                pattern: Pattern::QuoteThenSpeakerVerb,
                end: k + 1,
            });
        }
        let mention = mention_starting_at(&self.scan, k)?;
        let mut v = mention.last + 1;
        // "the alliance's spokesman, Karl Adamek, said": the appositive name was the
        // mention, and its closing comma stands before the verb.
        if self.scan.punct(v) == Some(',') && is_verb_at(self, v + 1, true) {
            v += 1;
        }
        // "Berg, the foreign minister, said": an appositive between name and verb.
        if self.scan.punct(v) == Some(',')
            && let Some(c) = (v + 1..v + 12).find(|&i| self.scan.punct(i).is_some())
            && self.scan.punct(c) == Some(',')
        {
            v = c + 1;
        }
        while self.scan.word(v).is_some_and(is_verb_modifier) {
            v += 1;
        }
        is_verb_at(self, v, true).then(|| Found {
            mention,
            cue: self.cue_of(v),
            pattern: Pattern::QuoteThenSpeakerVerb,
            end: v,
        })
    }

    /// The verb at `verb` with an object that belongs to the cue ("told reporters").
    pub(super) fn cue_of(&self, verb: usize) -> (usize, usize) {
        if self
            .scan
            .word(verb + 1)
            .is_some_and(super::lexicon::is_cue_object)
        {
            (verb, verb + 1)
        } else {
            (verb, verb)
        }
    }

    /// `Ushakov added, "…"`, `Ushakov said that the talks were "…"`, `called the deal "…"`
    /// or `Berg was blunt: "…"` before the quotation opening at `open`.
    pub(super) fn before_quote(&self, open: usize, sentence_start: usize) -> Option<Found> {
        let introduced = open > 0 && matches!(self.scan.punct(open - 1), Some(',' | ':' | '：'));
        let colon = open > 0 && matches!(self.scan.punct(open - 1), Some(':' | '：'));
        let mut j = open;
        let mut saw_that = false;
        for _ in 0..LOOK_BACK_TOKENS {
            let Some(p) = j.checked_sub(1) else { break };
            j = p;
            if j < sentence_start {
                break;
            }
            if let Some(qi) = self.scan.quote_of[j] {
                j = self.scan.quotes[qi].open();
                continue;
            }
            if self.scan.ends_sentence(j) {
                break;
            }
            if self.scan.is(j, "that") {
                saw_that = true;
            }
            // Only a verb of speech introduces a quotation ("wanted" does not).
            if !is_verb_at(self, j, true) {
                continue;
            }
            let frames = self
                .scan
                .word(j)
                .and_then(english_frames)
                .unwrap_or_default();
            let mention = if frames.has(Frames::PARTICIPLE) {
                self.sentence_subject(sentence_start, j)
            } else {
                self.subject_of(j)
            };
            let Some(mention) = mention else { continue };
            if is_negated(self, j) {
                return None;
            }
            let pattern = if introduced && !saw_that {
                Pattern::SpeakerVerbThenQuote
            } else if frames.has(Frames::PARTIAL) && !saw_that {
                Pattern::Partial
            } else {
                Pattern::InReportedSpeech
            };
            return Some(Found {
                mention,
                cue: self.cue_of(j),
                pattern,
                end: j,
            });
        }
        if !colon {
            return None;
        }
        // No verb: the sentence's subject speaks through the colon ("was blunt: …").
        let mention = self.sentence_subject(sentence_start, open - 1)?;
        let cue = if mention.last + 1 < open - 1 {
            (mention.last + 1, open - 2)
        } else {
            (open - 1, open - 1)
        };
        Some(Found {
            mention,
            cue,
            pattern: Pattern::SpeakerColon,
            end: open - 1,
        })
    }

    /// The next quotation continues this one: `"…," he said. "…"` with no cue of its own.
    fn continuation(&self, qi: usize, found: &Found) -> Option<usize> {
        let next = self.scan.quotes.get(qi + 1)?;
        let stop = (found.end + 1..found.end + 14).find(|&i| {
            matches!(self.scan.punct(i), Some('.' | ',' | ':' | ';'))
                || self
                    .scan
                    .tokens
                    .get(i)
                    .is_some_and(|t| t.kind == Kind::Break)
        })?;
        if self
            .scan
            .tokens
            .get(stop)
            .is_some_and(|t| t.kind == Kind::Break)
        {
            return None;
        }
        (next.open() == stop + 1 && self.after_quote(next.close()).is_none()).then_some(qi + 1)
    }

    /// A quotation with no cue: a follow-on of the last speaker when it stands as its own
    /// paragraph or sentence right after them, or else, if it reads as speech, a suggestion
    /// with no speaker.
    fn unattributed(
        &mut self,
        qi: usize,
        content: Vec<Range<usize>>,
        doc: &Document,
    ) -> Option<Suggestion> {
        let quote = self.scan.quotes[qi].clone();
        let (open, close) = (quote.open(), quote.close());
        let paragraph = self.scan.paragraph_of[open];
        let starts_sentence = open == 0
            || self.scan.sentence_of.get(open - 1) != self.scan.sentence_of.get(open)
            || matches!(self.scan.tokens[open - 1].kind, Kind::Break);
        let sentence = self.scan.sentence_of[open];
        let rest_is_punct = (close + 1..self.scan.tokens.len())
            .take_while(|&i| {
                self.scan.sentence_of[i] == sentence && self.scan.tokens[i].kind != Kind::Break
            })
            .all(|i| self.scan.punct(i).is_some());
        let stands_alone = starts_sentence && rest_is_punct;
        if stands_alone
            && let Some(last) = self.last.clone()
            && last.end < open
            && paragraph.saturating_sub(last.paragraph) <= 2
        {
            let gap = paragraph.saturating_sub(last.paragraph);
            let speaker = last.resolved.name.clone();
            let mut resolved = last.resolved.clone();
            resolved.resolution = Some(super::Resolution {
                words: String::new(),
                antecedent: speaker.clone(),
                why: match gap {
                    0 => "the speaker of the sentence before".to_owned(),
                    1 => "the speaker of the paragraph before (a follow-on quotation)".to_owned(),
                    _ => {
                        "the last speaker, two paragraphs before (a follow-on quotation)".to_owned()
                    }
                },
            });
            let draft = Draft {
                content,
                cue: Vec::new(),
                attribution: Attribution::Direct,
                tier: if gap <= 1 { Tier::Medium } else { Tier::Low },
                reason: Reason::FollowOn { speaker },
            };
            return Some(self.attributed(doc, draft, None, Some(resolved)));
        }
        let text: String = content
            .iter()
            .map(|r| self.scan.text.get(r.clone()).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" ");
        is_speech_like(&text).then(|| {
            let draft = Draft {
                content,
                cue: Vec::new(),
                attribution: Attribution::Direct,
                tier: Tier::Low,
                reason: Reason::UnattributedQuote,
            };
            self.build(doc, draft)
        })
    }
}

/// True if a quotation with no cue reads as someone's speech, not a title or a term: a
/// first- or second-person word, or a sentence of several words that is not in title case.
fn is_speech_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < UNATTRIBUTED_MIN_WORDS {
        return false;
    }
    let personal = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        matches!(
            &*lowercase(w),
            "i" | "we"
                | "us"
                | "our"
                | "my"
                | "me"
                | "you"
                | "your"
                | "i'm"
                | "we're"
                | "we'll"
                | "i'll"
                | "we've"
                | "i've"
                | "i’m"
                | "we’re"
                | "we’ll"
                | "i’ll"
                | "let's"
                | "let’s"
        )
    });
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let title_case = capitalised * 10 >= words.len() * 6;
    let sentence = text.trim_end().ends_with(['.', '?', '!']) || words.len() >= 8;
    !title_case && (personal || sentence)
}
