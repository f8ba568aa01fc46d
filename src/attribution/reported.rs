//! Reported speech: `S said (that) …`, `…, S told reporters`, `according to S`, speech acts
//! summarised (`S praised …`), and the clause after a quotation in reported speech.

use std::ops::Range;

use super::engine::{Draft, Engine, Found, Pattern, REPORTED_MIN_WORDS};
use super::lexicon::{VerbKind, is_cue_object, is_time_word, is_verb_modifier, reporting_verb};
use super::mentions::{Mention, MentionKind, Resolved, is_unnamed_text, mention_starting_at};
use super::{Reason, Suggestion, Tier};
use crate::model::{Attribution, Document};

impl Engine<'_> {
    /// Whom a mention means; `Some(None)` for a text with no name ("the statement reads"),
    /// whose words are still suggested, with no speaker; `None` when nothing is suggested.
    fn speaker_of(&self, mention: Mention) -> Option<Option<Resolved>> {
        match self.speakers.resolve(&self.scan, mention) {
            Some(resolved) => Some(Some(resolved)),
            None => is_unnamed_text(&self.scan, mention).then_some(None),
        }
    }

    /// `S told … that the talks were "useful," but some proposals were unacceptable`: the
    /// clause after a quotation inside reported speech is reported speech of the same speaker.
    pub(super) fn tail_after_quote(
        &mut self,
        qi: usize,
        sentence: Range<usize>,
        doc: &Document,
    ) -> Option<Suggestion> {
        let quote = self.scan.quotes.get(qi)?;
        let (open, close) = (quote.open(), quote.close());
        let terminated = matches!(
            self.scan.punct(sentence.end - 1),
            Some('.' | '!' | '?' | ';')
        );
        let end = if terminated {
            sentence.end - 1
        } else {
            sentence.end
        };
        let mut k = close + 1;
        if self.scan.punct(k) == Some(',') {
            k += 1;
        }
        let joined = self
            .scan
            .word(k)
            .is_some_and(|w| matches!(w, "but" | "and" | "while"));
        if !joined || end < k + 1 + REPORTED_MIN_WORDS - 1 {
            return None;
        }
        let clean = (k + 1..end).all(|i| {
            self.scan.quote_of[i].is_none() && self.scan.word(i).and_then(reporting_verb).is_none()
        });
        let found = self.before_quote(open)?;
        if !clean || found.pattern != Pattern::InReportedSpeech {
            return None;
        }
        let resolved = self.speaker_of(found.mention)?;
        let speaker = self
            .scan
            .text_of(found.mention.first, found.mention.last)
            .to_owned();
        let verb = self.scan.text_of(found.verb, found.verb).to_owned();
        let draft = Draft {
            content: vec![self.bytes(k + 1..end)],
            cue: self.cue_tokens(found.verb),
            attribution: Attribution::Indirect,
            tier: if resolved.as_ref().is_some_and(|r| r.is_sure) {
                Tier::Medium
            } else {
                Tier::Low
            },
            reason: Reason::ReportedSpeech { speaker, verb },
        };
        Some(self.attributed(doc, draft, found.mention, resolved))
    }

    /// Reported speech in a sentence without quotations.
    pub(super) fn indirect(
        &mut self,
        sentence: Range<usize>,
        doc: &Document,
    ) -> Option<Suggestion> {
        let (s, e) = (sentence.start, sentence.end);
        let terminated = matches!(self.scan.punct(e - 1), Some('.' | '!' | '?' | ';'));
        let end = if terminated { e - 1 } else { e };
        if end <= s {
            return None;
        }
        let according = (s..end).find(|&i| {
            self.scan
                .word(i)
                .is_some_and(|w| w.eq_ignore_ascii_case("according"))
                && self
                    .scan
                    .word(i + 1)
                    .is_some_and(|w| w.eq_ignore_ascii_case("to"))
        });
        if let Some(i) = according {
            return self.according_to(s..end, i, doc);
        }
        self.trailing(s..end, doc)
            .or_else(|| self.leading(s..end, doc))
    }

    pub(super) fn bytes(&self, tokens: Range<usize>) -> Range<usize> {
        self.scan.tokens[tokens.start].start..self.scan.tokens[tokens.end - 1].end
    }

    /// "…, according to the Kremlin" / "According to the Kremlin, …": `i` is "according".
    pub(super) fn according_to(
        &mut self,
        sentence: Range<usize>,
        i: usize,
        doc: &Document,
    ) -> Option<Suggestion> {
        let (s, end) = (sentence.start, sentence.end);
        let mention = mention_starting_at(&self.scan, i + 2)?;
        let resolved = self.speaker_of(mention)?;
        let range = if i == s {
            let comma = (mention.last + 1..end).find(|&c| self.scan.punct(c) == Some(','))?;
            comma + 1..end
        } else {
            let stop = if self.scan.punct(i - 1) == Some(',') {
                i - 1
            } else {
                i
            };
            s..stop
        };
        if range.end <= range.start + 1 {
            return None;
        }
        let speaker = self.scan.text_of(mention.first, mention.last).to_owned();
        let draft = Draft {
            content: vec![self.bytes(range)],
            cue: vec![i, i + 1],
            attribution: Attribution::Indirect,
            tier: Tier::Low,
            reason: Reason::AccordingTo { speaker },
        };
        Some(self.attributed(doc, draft, mention, resolved))
    }

    /// "…, Mr. Trump told reporters over the weekend."
    pub(super) fn trailing(
        &mut self,
        sentence: Range<usize>,
        doc: &Document,
    ) -> Option<Suggestion> {
        let (s, end) = (sentence.start, sentence.end);
        let c = (s..end).rev().find(|&c| self.scan.punct(c) == Some(','))?;
        let found = self.trailing_attribution(c, end)?;
        if c < s + REPORTED_MIN_WORDS {
            return None;
        }
        let resolved = self.speaker_of(found.mention)?;
        let speaker = self
            .scan
            .text_of(found.mention.first, found.mention.last)
            .to_owned();
        let verb = self.scan.text_of(found.verb, found.verb).to_owned();
        let draft = Draft {
            content: vec![self.bytes(s..c)],
            cue: self.cue_tokens(found.verb),
            attribution: Attribution::Indirect,
            tier: indirect_tier(found.mention, resolved.as_ref()),
            reason: Reason::ReportedSpeechThenSpeaker { speaker, verb },
        };
        Some(self.attributed(doc, draft, found.mention, resolved))
    }

    /// "Ushakov said (that) …" / "Ushakov praised Kushner as …"
    pub(super) fn leading(&mut self, sentence: Range<usize>, doc: &Document) -> Option<Suggestion> {
        let (s, end) = (sentence.start, sentence.end);
        for i in s..end {
            let Some(kind) = self.scan.word(i).and_then(reporting_verb) else {
                continue;
            };
            let Some(mention) = self.subject_of(i).filter(|m| m.first >= s) else {
                continue;
            };
            let Some(start) = self.reported_start(i, end, kind) else {
                continue;
            };
            if end.saturating_sub(start) < REPORTED_MIN_WORDS {
                continue;
            }
            let Some(resolved) = self.speaker_of(mention) else {
                continue;
            };
            let speaker = self.scan.text_of(mention.first, mention.last).to_owned();
            let verb = self.scan.text_of(i, i).to_owned();
            let (attribution, tier, reason) = match kind {
                VerbKind::Speech => (
                    Attribution::Indirect,
                    indirect_tier(mention, resolved.as_ref()),
                    Reason::ReportedSpeech { speaker, verb },
                ),
                VerbKind::Summary => (
                    Attribution::Paraphrase,
                    Tier::Low,
                    Reason::Summary { speaker, verb },
                ),
            };
            let draft = Draft {
                content: vec![self.bytes(start..end)],
                cue: self.cue_tokens(i),
                attribution,
                tier,
                reason,
            };
            return Some(self.attributed(doc, draft, mention, resolved));
        }
        None
    }

    /// `, S V [a few words]` from the comma at `c` to the sentence's end.
    pub(super) fn trailing_attribution(&self, c: usize, end: usize) -> Option<Found> {
        let mention = mention_starting_at(&self.scan, c + 1)?;
        let mut v = mention.last + 1;
        while self.scan.word(v).is_some_and(is_verb_modifier) {
            v += 1;
        }
        let is_speech = self.scan.word(v).and_then(reporting_verb) == Some(VerbKind::Speech);
        (is_speech && end.saturating_sub(v) <= 7).then_some(Found {
            mention,
            verb: v,
            pattern: Pattern::QuoteThenSpeakerVerb,
            end: v,
        })
    }

    /// Where reported speech starts after the verb at `verb`: after "that", a time word
    /// or the cue's object; `told` needs its "that".
    pub(super) fn reported_start(&self, verb: usize, end: usize, kind: VerbKind) -> Option<usize> {
        if kind == VerbKind::Summary {
            return Some(verb + 1);
        }
        let w = self.scan.word(verb)?.to_lowercase();
        let that = (verb + 1..end.min(verb + 10)).find(|&i| {
            self.scan
                .word(i)
                .is_some_and(|w| w.eq_ignore_ascii_case("that"))
        });
        // "told reporters (that) …": the object is the cue's; another object needs "that".
        let needs_object = matches!(w.as_str(), "told" | "tell" | "tells" | "asked" | "asks");
        if needs_object && !self.scan.word(verb + 1).is_some_and(is_cue_object) {
            return that.map(|t| t + 1);
        }
        let mut k = verb + 1;
        while self
            .scan
            .word(k)
            .is_some_and(|w| is_time_word(w) || is_cue_object(w))
        {
            k += 1;
        }
        if self
            .scan
            .word(k)
            .is_some_and(|w| w.eq_ignore_ascii_case("that"))
        {
            k += 1;
        }
        Some(k)
    }
}

fn indirect_tier(mention: Mention, resolved: Option<&Resolved>) -> Tier {
    let Some(resolved) = resolved else {
        return Tier::Low;
    };
    match mention.kind {
        MentionKind::Name => Tier::Medium,
        MentionKind::Pronoun | MentionKind::Role if resolved.is_sure => Tier::Medium,
        MentionKind::Pronoun | MentionKind::Role | MentionKind::Body => Tier::Low,
    }
}
