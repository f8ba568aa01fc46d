//! The engine's walk over a document: sentences in text order (so a pronoun can follow the
//! last speaker), quotations with their attribution, and building suggestions. Reported
//! speech lives in `reported.rs`.

use std::collections::HashSet;
use std::ops::Range;

use super::lexicon::{VerbKind, flag_at, is_cue_object, is_verb_modifier, reporting_verb};
use super::mentions::{Mention, Resolved, Speakers, mention_ending_at, mention_starting_at};
use super::scan::Scan;
use super::tokens::{Kind, part_bytes};
use super::{Flag, Reason, Speaker, Suggestion, Tier};
use crate::model::{Actor, Attribution, Document, Span};

/// How far (in tokens) the engine looks back from a quotation for its reporting verb.
const LOOK_BACK_TOKENS: usize = 60;
/// The fewest words a quotation without a cue needs to be suggested (not a scare quote).
const UNATTRIBUTED_MIN_WORDS: usize = 4;
/// The fewest words of reported speech.
pub(super) const REPORTED_MIN_WORDS: usize = 4;

/// Where a quotation's attribution sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pattern {
    QuoteThenSpeakerVerb,
    QuoteThenVerbSpeaker,
    SpeakerVerbThenQuote,
    InReportedSpeech,
}

/// An attribution found next to a quotation.
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    pub mention: Mention,
    pub verb: usize,
    pub pattern: Pattern,
    /// The last token of the attribution.
    pub end: usize,
}

/// One run of the engine over a document: the scanned text and who has spoken so far.
pub struct Engine<'a> {
    pub scan: Scan<'a>,
    pub speakers: Speakers<'a>,
}

impl<'a> Engine<'a> {
    pub fn new(text: &'a str, actors: &'a [Actor]) -> Self {
        Self {
            scan: Scan::new(text),
            speakers: Speakers::new(actors),
        }
    }

    /// Sentences as token ranges; quotations are inside them, whole.
    fn sentences(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 0..self.scan.tokens.len() {
            let closes_quote = self.scan.quote_of[i]
                .is_some_and(|qi| self.scan.quotes[qi].close() == i)
                && i > 0
                && matches!(self.scan.tokens[i - 1].kind, Kind::Punct('.'))
                && self.scan.tokens.get(i + 1).is_none_or(|t| match t.kind {
                    Kind::Word => self
                        .scan
                        .text
                        .get(t.start..t.end)
                        .is_some_and(super::lexicon::is_capitalised),
                    Kind::Punct(_) => false,
                    Kind::Quote(_) | Kind::Break => true,
                });
            if self.scan.tokens[i].kind == Kind::Break && self.scan.quote_of[i].is_none() {
                if start < i {
                    out.push(start..i);
                }
                start = i + 1;
            } else if self.scan.ends_sentence(i) || closes_quote {
                out.push(start..i + 1);
                start = i + 1;
            }
        }
        if start < self.scan.tokens.len() {
            out.push(start..self.scan.tokens.len());
        }
        out
    }

    /// Runs every pattern over the document.
    pub fn run(mut self, document: &Document) -> Vec<Suggestion> {
        self.speakers.collect_names(&self.scan);
        let mut out = Vec::new();
        let mut merged = HashSet::new();
        let mut next_quote = 0;
        for sentence in self.sentences() {
            let mut any_quote = false;
            while next_quote < self.scan.quotes.len()
                && self.scan.quotes[next_quote].open() < sentence.end
            {
                any_quote = true;
                let qi = next_quote;
                next_quote += 1;
                if merged.contains(&qi) {
                    continue;
                }
                if let Some(s) = self.direct(qi, &mut merged, document) {
                    out.push(s);
                }
            }
            if any_quote
                && let Some(s) = self.tail_after_quote(next_quote - 1, sentence.clone(), document)
            {
                out.push(s);
            }
            let unquoted = (sentence.start..sentence.end).all(|i| self.scan.quote_of[i].is_none());
            if !any_quote
                && unquoted
                && let Some(s) = self.indirect(sentence, document)
            {
                out.push(s);
            }
        }
        // An empty quotation (`""`) has nothing to annotate.
        out.retain(|s| !s.content.is_empty());
        out.sort_by_key(|s| s.content.first().copied());
        out
    }

    /// The reporting verb's subject: the mention before it, over modifiers ("also") and a
    /// comma-bounded insertion (", a top Putin official,").
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
            j = i.checked_sub(1)?;
        }
        mention_ending_at(&self.scan, j)
    }

    /// `"…," Ushakov said` or `"…," said Ushakov` after the quotation closing at `close`.
    pub(super) fn after_quote(&self, close: usize) -> Option<Found> {
        let before_close = self
            .scan
            .text
            .get(..self.scan.tokens[close].start)?
            .trim_end();
        let continues = matches!(
            before_close.chars().next_back(),
            Some(',' | '?' | '!' | '—' | '–')
        );
        let mut k = close + 1;
        let comma = self.scan.punct(k) == Some(',');
        if comma {
            k += 1;
        }
        if !(continues || comma) {
            return None;
        }
        if self.scan.word(k).and_then(reporting_verb) == Some(VerbKind::Speech) {
            let mention = mention_starting_at(&self.scan, k + 1)?;
            return Some(Found {
                mention,
                verb: k,
                pattern: Pattern::QuoteThenVerbSpeaker,
                end: mention.last,
            });
        }
        let mention = mention_starting_at(&self.scan, k)?;
        let mut v = mention.last + 1;
        while self.scan.word(v).is_some_and(is_verb_modifier) {
            v += 1;
        }
        (self.scan.word(v).and_then(reporting_verb) == Some(VerbKind::Speech)).then_some(Found {
            mention,
            verb: v,
            pattern: Pattern::QuoteThenSpeakerVerb,
            end: v,
        })
    }

    /// `Ushakov added, "…"` or `Ushakov said that the talks were "…"` before the quotation
    /// opening at `open`: the nearest reporting verb in the sentence with a subject.
    pub(super) fn before_quote(&self, open: usize) -> Option<Found> {
        let introduced = open > 0 && matches!(self.scan.punct(open - 1), Some(',' | ':'));
        let mut j = open;
        let mut saw_that = false;
        for _ in 0..LOOK_BACK_TOKENS {
            j = j.checked_sub(1)?;
            if let Some(qi) = self.scan.quote_of[j] {
                j = self.scan.quotes[qi].open();
                continue;
            }
            if self.scan.ends_sentence(j) {
                return None;
            }
            let Some(w) = self.scan.word(j) else { continue };
            if w.eq_ignore_ascii_case("that") {
                saw_that = true;
            }
            if reporting_verb(w).is_none() {
                continue;
            }
            if let Some(mention) = self.subject_of(j) {
                let pattern = if introduced && !saw_that {
                    Pattern::SpeakerVerbThenQuote
                } else {
                    Pattern::InReportedSpeech
                };
                return Some(Found {
                    mention,
                    verb: j,
                    pattern,
                    end: j,
                });
            }
        }
        None
    }

    /// The next quotation continues this one: `"…," he said. "…"` with no cue of its own.
    fn continuation(&self, qi: usize, found: &Found) -> Option<usize> {
        let next = self.scan.quotes.get(qi + 1)?;
        let stop = (found.end + 1..found.end + 14)
            .find(|&i| matches!(self.scan.punct(i), Some('.' | ',')))?;
        (next.open() == stop + 1 && self.after_quote(next.close()).is_none()).then_some(qi + 1)
    }

    fn direct(
        &mut self,
        qi: usize,
        merged: &mut HashSet<usize>,
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
        let found = self
            .after_quote(quote.close())
            .or_else(|| self.before_quote(quote.open()));
        let Some(found) = found else {
            let words = content
                .iter()
                .map(|r| {
                    self.scan
                        .text
                        .get(r.clone())
                        .unwrap_or("")
                        .split_whitespace()
                        .count()
                })
                .sum::<usize>();
            return (words >= UNATTRIBUTED_MIN_WORDS).then(|| {
                let draft = Draft {
                    content,
                    cue: Vec::new(),
                    attribution: Attribution::Direct,
                    tier: Tier::Low,
                    reason: Reason::UnattributedQuote,
                };
                self.build(doc, draft)
            });
        };
        let after = matches!(
            found.pattern,
            Pattern::QuoteThenSpeakerVerb | Pattern::QuoteThenVerbSpeaker
        );
        if after && let Some(next) = self.continuation(qi, &found) {
            merged.insert(next);
            let parts = self.scan.quotes[next].parts.clone();
            content.extend(
                parts
                    .into_iter()
                    .map(|p| part_bytes(self.scan.text, &self.scan.tokens, p))
                    .filter(|r| !r.is_empty()),
            );
        }
        let resolved = self.speakers.resolve(&self.scan, found.mention);
        let speaker = self
            .scan
            .text_of(found.mention.first, found.mention.last)
            .to_owned();
        let verb = self.scan.text_of(found.verb, found.verb).to_owned();
        let reason = match found.pattern {
            Pattern::QuoteThenSpeakerVerb => Reason::QuoteThenSpeakerVerb { speaker, verb },
            Pattern::QuoteThenVerbSpeaker => Reason::QuoteThenVerbSpeaker { verb, speaker },
            Pattern::SpeakerVerbThenQuote => Reason::SpeakerVerbThenQuote { speaker, verb },
            Pattern::InReportedSpeech => Reason::QuoteInReportedSpeech { speaker, verb },
        };
        let tier = match (&resolved, found.pattern) {
            (None, _) => Tier::Low,
            (Some(r), Pattern::InReportedSpeech) => {
                if r.is_sure {
                    Tier::Medium
                } else {
                    Tier::Low
                }
            }
            (Some(r), _) => {
                if r.is_sure {
                    Tier::High
                } else {
                    Tier::Medium
                }
            }
        };
        let cue = self.cue_tokens(found.verb);
        let draft = Draft {
            content,
            cue,
            attribution: Attribution::Direct,
            tier,
            reason,
        };
        Some(self.attributed(doc, draft, found.mention, resolved))
    }

    /// The verb, with an object that belongs to the cue ("told reporters").
    pub(super) fn cue_tokens(&self, verb: usize) -> Vec<usize> {
        let mut cue = vec![verb];
        if self.scan.word(verb + 1).is_some_and(is_cue_object) {
            cue.push(verb + 1);
        }
        cue
    }

    /// A suggestion with a speaker; a person speaker becomes the antecedent for what follows.
    pub(super) fn attributed(
        &mut self,
        doc: &Document,
        draft: Draft,
        mention: Mention,
        resolved: Option<Resolved>,
    ) -> Suggestion {
        let mut s = self.build(doc, draft);
        let Some(resolved) = resolved else { return s };
        let span_bytes = self.scan.tokens[mention.first].start..self.scan.tokens[mention.last].end;
        if resolved.is_person {
            let mut remembered = resolved.clone();
            remembered.resolution = None;
            remembered.is_sure = true;
            self.speakers.last_person = Some((span_bytes.start, remembered));
        }
        s.speaker = Some(Speaker {
            span: char_span(doc, span_bytes.clone()),
            text: self.scan.text.get(span_bytes).unwrap_or("").to_owned(),
            actor: resolved.actor,
            resolution: resolved.resolution,
        });
        s
    }

    fn build(&self, doc: &Document, draft: Draft) -> Suggestion {
        let Draft {
            content,
            cue,
            attribution,
            tier,
            reason,
        } = draft;
        let cue_text: Vec<&str> = cue.iter().filter_map(|&i| self.scan.word(i)).collect();
        let flag = content
            .iter()
            .find_map(|r| {
                let text = self.scan.text.get(r.clone()).unwrap_or("");
                let words: Vec<&str> = text
                    .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                    .filter(|w| !w.is_empty())
                    .collect();
                flag_in(&words)
            })
            .or_else(|| flag_in(&cue_text));
        let spans = |ranges: Vec<Range<usize>>| -> Vec<Span> {
            crate::model::normalize_ranges(ranges.into_iter().map(|r| char_span(doc, r)).collect())
        };
        let cue_ranges = cue
            .iter()
            .map(|&i| self.scan.tokens[i].start..self.scan.tokens[i].end)
            .collect();
        Suggestion {
            content: spans(content),
            cue: spans(cue_ranges),
            speaker: None,
            attribution,
            tier,
            reason,
            flag,
        }
    }
}

/// A suggestion before its speaker is known: content and cue as byte ranges and tokens.
pub(super) struct Draft {
    pub content: Vec<Range<usize>>,
    pub cue: Vec<usize>,
    pub attribution: Attribution,
    pub tier: Tier,
    pub reason: Reason,
}

/// The first position or concession cue among `words`.
fn flag_in(words: &[&str]) -> Option<Flag> {
    (0..words.len()).find_map(|i| {
        let (tag, len) = flag_at(words.get(i..)?)?;
        Some(Flag {
            tag,
            word: words.get(i..i + len)?.join(" "),
        })
    })
}

/// A byte range of the document's text as a char span.
fn char_span(doc: &Document, bytes: Range<usize>) -> Span {
    let start = doc.byte_to_char(bytes.start).unwrap_or(0);
    let end = doc.byte_to_char(bytes.end).unwrap_or(start);
    Span::new(start, end)
}
