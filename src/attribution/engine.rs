//! The engine's walk over a document: sentences in text order (so a pronoun can follow the
//! last speaker, and a quotation paragraph can continue them), quotations with their
//! attribution (`direct.rs`), reported speech in the sentences without (`reported.rs`),
//! and building suggestions with their speakers (`speakers.rs`).

use std::ops::Range;

use super::antecedent::Work;
use super::known_actors::KnownActors;
use super::lexicon::flag_at;
use super::people::{Cast, Ref};
use super::scan::Scan;
use super::{Flag, Reason, Resolution, Speaker, SpeakerMatch, Suggestion, Tier};
use crate::model::{Actor, Attribution, Document, FastSet, Span};

/// A mention resolved to an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub actor: SpeakerMatch,
    /// The actor's name, or the proposed one.
    pub name: String,
    pub resolution: Option<Resolution>,
    /// The person of the cast, when it is one.
    pub person: Option<usize>,
    /// True for a name or body named where it speaks, or a pronoun with one clear
    /// antecedent; false for a guess.
    pub is_sure: bool,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

/// The fewest words reported speech must have.
pub(super) const REPORTED_MIN_WORDS: usize = 3;

/// The last statement with a speaker: what a follow-on quotation continues.
#[derive(Clone, Debug)]
pub(super) struct Last {
    pub resolved: Resolved,
    pub paragraph: usize,
    /// The statement's last token.
    pub end: usize,
}

/// One run of the engine over a document.
pub struct Engine<'a> {
    pub(super) scan: Scan<'a>,
    pub(super) cast: Cast,
    pub(super) actors: &'a [Actor],
    /// `actors` by name, alias and surname.
    pub(super) known: KnownActors,
    /// Where the engine found people speaking or referred to, in text order: what a later
    /// pronoun weighs besides the names.
    pub(super) spoken: Vec<Ref>,
    pub(super) last: Option<Last>,
    /// Quotations already taken into another suggestion (a split quote's second half).
    pub(super) merged: FastSet<usize>,
    pub work: Work,
}

/// A suggestion before its speaker is known: content and cue as byte ranges and tokens.
pub(super) struct Draft {
    pub content: Vec<Range<usize>>,
    pub cue: Vec<usize>,
    pub attribution: Attribution,
    pub tier: Tier,
    pub reason: Reason,
}

impl<'a> Engine<'a> {
    pub fn new(text: &'a str, actors: &'a [Actor]) -> Self {
        let scan = Scan::new(text);
        let cast = Cast::new(&scan);
        Self {
            scan,
            cast,
            actors,
            known: KnownActors::new(actors),
            spoken: Vec::new(),
            last: None,
            merged: FastSet::default(),
            work: Work::default(),
        }
    }

    /// Runs every pattern over the document, sentence by sentence.
    pub fn run(&mut self, document: &Document) -> Vec<Suggestion> {
        let mut out = Vec::new();
        let mut next_quote = 0;
        let sentences = std::mem::take(&mut self.scan.sentences);
        for sentence in &sentences {
            let mut quotes = Vec::new();
            while next_quote < self.scan.quotes.len()
                && self.scan.quotes[next_quote].open() < sentence.end
            {
                quotes.push(next_quote);
                next_quote += 1;
            }
            for &qi in &quotes {
                if self.merged.contains(&qi) {
                    continue;
                }
                if let Some(s) = self.direct(qi, sentence.clone(), document) {
                    out.push(s);
                }
            }
            out.extend(self.reported(sentence.clone(), &quotes, document));
        }
        self.scan.sentences = sentences;
        // An empty quotation (`""`) has nothing to annotate.
        out.retain(|s| !s.content.is_empty());
        out.sort_by_key(|s| s.content.first().copied());
        out.dedup_by(|a, b| a.content == b.content);
        out
    }

    /// A suggestion with a speaker; the speaker becomes the antecedent for what follows and
    /// the one a follow-on quotation continues.
    pub(super) fn attributed(
        &mut self,
        doc: &Document,
        draft: Draft,
        mention: Option<(usize, usize)>,
        resolved: Option<Resolved>,
    ) -> Suggestion {
        let end = draft
            .content
            .last()
            .map_or(0, |r| self.token_at_byte(r.end.saturating_sub(1)));
        let mut s = self.build(doc, draft);
        let Some(resolved) = resolved else { return s };
        let paragraph = self.scan.paragraph_of.get(end).copied().unwrap_or(0);
        self.last = Some(Last {
            resolved: resolved.clone(),
            paragraph,
            end,
        });
        let (span, text) = match mention {
            Some((first, last)) => {
                let bytes = self.scan.tokens[first].start..self.scan.tokens[last].end;
                (
                    char_span(doc, bytes.clone()),
                    self.scan.text.get(bytes).unwrap_or("").to_owned(),
                )
            }
            None => (Span::new(0, 0), String::new()),
        };
        if let (Some(person), Some((first, _))) = (resolved.person, mention) {
            self.remember(first, person);
        }
        s.speaker = Some(Speaker {
            span,
            text,
            actor: resolved.actor,
            resolution: resolved.resolution,
            role: resolved.role,
            affiliation: resolved.affiliation,
        });
        s
    }

    /// Notes that `person` is referred to at token `at` as a speaker.
    pub(super) fn remember(&mut self, at: usize, person: usize) {
        let r = Ref {
            at,
            person,
            sentence: self.scan.sentence_of.get(at).copied().unwrap_or(0),
            paragraph: self.scan.paragraph_of.get(at).copied().unwrap_or(0),
            is_subject: true,
            is_speaker: true,
        };
        // In text order: a speaker named after a quotation may come after a pronoun's ref.
        let at_index = self.spoken.partition_point(|x| x.at <= at);
        self.spoken.insert(at_index, r);
    }

    /// The token that holds byte `b`.
    pub(super) fn token_at_byte(&self, b: usize) -> usize {
        self.scan
            .tokens
            .partition_point(|t| t.end <= b)
            .min(self.scan.tokens.len().saturating_sub(1))
    }

    pub(super) fn build(&self, doc: &Document, draft: Draft) -> Suggestion {
        let Draft {
            content,
            cue,
            attribution,
            tier,
            reason,
        } = draft;
        let cue_text: Vec<&str> = cue.iter().filter_map(|&i| self.scan.any_word(i)).collect();
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
            crate::model::normalize_ranges(
                ranges
                    .into_iter()
                    .filter(|r| !r.is_empty())
                    .map(|r| char_span(doc, r))
                    .collect(),
            )
        };
        let cue_ranges = cue
            .iter()
            .filter_map(|&i| self.scan.tokens.get(i))
            .map(|t| t.start..t.end)
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

    /// The byte range of tokens `range`, trimmed of the punctuation that closes a clause
    /// and of a leading "that".
    pub(super) fn clause_bytes(&self, range: Range<usize>) -> Option<Range<usize>> {
        let (mut s, mut e) = (range.start, range.end);
        while s < e && (self.scan.punct(s).is_some() || self.scan.is(s, "that")) {
            s += 1;
        }
        while e > s && self.scan.punct(e - 1).is_some() {
            e -= 1;
        }
        (e > s).then(|| self.scan.bytes(s..e))
    }

    /// The number of words in tokens `range`.
    pub(super) fn words_in(&self, range: Range<usize>) -> usize {
        range.filter(|&i| self.scan.any_word(i).is_some()).count()
    }
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
pub(super) fn char_span(doc: &Document, bytes: Range<usize>) -> Span {
    let start = doc.byte_to_char(bytes.start).unwrap_or(0);
    let end = doc.byte_to_char(bytes.end).unwrap_or(start);
    Span::new(start, end)
}
