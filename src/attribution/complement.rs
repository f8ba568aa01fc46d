//! What follows a reporting verb: where the content starts (after "that", an object such as
//! "reporters", a particle such as "called on"), how it is attributed (a clause is indirect,
//! an infinitive or a summary a paraphrase), and where the clause ends.

use super::cues::is_verb_at;
use super::engine::Engine;
use super::lexicon::lowercase;
use super::lexicon::{
    Frames, english_frames, is_cue_object, is_finite_marker, is_preposition, is_time_word,
    is_verb_modifier,
};
use crate::model::Attribution;

/// What follows a verb, read: where its content starts and how it is attributed.
pub(super) struct Complement {
    pub(super) start: usize,
    pub(super) attribution: Attribution,
    /// The cue's last token (the verb, or its object "reporters").
    pub(super) cue_end: usize,
}

impl Engine<'_> {
    /// What follows the verb at `verb`: a that-clause, a bare clause, an object and then a
    /// clause (`told reporters …`), an infinitive or an object and infinitive.
    pub(super) fn complement(&self, verb: usize, end: usize, frames: Frames) -> Option<Complement> {
        let word = self.scan.word(verb)?.to_lowercase();
        let (mut cue_end, mut k) = self.cue_object(verb);
        // "that" within a short phrase: "said in a statement on Monday that".
        let that = (k..end.min(k + 8))
            .take_while(|&i| self.scan.word(i).is_some())
            .find(|&i| self.scan.is(i, "that"));
        if let Some(t) = that
            && (frames.has(Frames::THAT) || frames.has(Frames::CLAUSE))
        {
            return Some(Complement {
                start: t + 1,
                attribution: Attribution::Indirect,
                cue_end,
            });
        }
        // A particle that belongs to the verb: "provides for", "called on", "pointed out".
        let particle = matches!(
            (
                word.as_str(),
                self.scan.word(k).map(str::to_lowercase).as_deref()
            ),
            (
                "provides" | "provide" | "provided" | "calls" | "called" | "call",
                Some("for" | "on")
            ) | ("pointed" | "points", Some("out"))
        );
        if particle {
            cue_end = k;
            k += 1;
        }
        let first = self.scan.word(k)?;
        if matches!(
            &*lowercase(first),
            "whether" | "if" | "how" | "why" | "what" | "when" | "where" | "who"
        ) {
            return None;
        }
        if self.scan.is(k, "to") && frames.has(Frames::INFINITIVE) {
            return Some(Complement {
                start: k,
                attribution: Attribution::Paraphrase,
                cue_end,
            });
        }
        if frames.has(Frames::OBJECT_INFINITIVE)
            && let Some(to) = (k + 1..end.min(k + 7))
                .take_while(|&i| self.scan.word(i).is_some())
                .find(|&i| self.scan.is(i, "to"))
            && self.scan.word(to + 1).is_some()
        {
            return Some(Complement {
                start: k,
                attribution: Attribution::Paraphrase,
                cue_end,
            });
        }
        // "said of the Russians", "said in Geneva": a phrase, not what was said.
        if is_preposition(first) {
            return None;
        }
        // "told (reporters|Reuters|the council) …": the object first.
        if frames.has(Frames::OBJECT_FIRST) && cue_end == verb {
            let object_end =
                (k..k + 5).find(|&i| self.scan.word(i).is_none() || self.scan.is(i, "that"))?;
            if self.scan.is(object_end, "that") && object_end > k {
                return Some(Complement {
                    start: object_end + 1,
                    attribution: Attribution::Indirect,
                    cue_end,
                });
            }
            return None;
        }
        if frames.has(Frames::CLAUSE)
            && (is_say_add_or_write(&word) || cue_end > verb || self.looks_like_clause(k, end))
        {
            return Some(Complement {
                start: k,
                attribution: Attribution::Indirect,
                cue_end,
            });
        }
        if frames.has(Frames::THAT)
            && !frames.has(Frames::SUMMARY)
            && self.looks_like_clause(k, end)
        {
            return Some(Complement {
                start: k,
                attribution: Attribution::Indirect,
                cue_end,
            });
        }
        frames.has(Frames::SUMMARY).then_some(Complement {
            start: k,
            attribution: Attribution::Paraphrase,
            cue_end,
        })
    }

    /// The cue's last token and where its complement may start, past the cue's object, time
    /// words and a colon or comma: "told *reporters* on Monday: …".
    fn cue_object(&self, verb: usize) -> (usize, usize) {
        let mut k = verb + 1;
        let mut cue_end = verb;
        if self.scan.word(k).is_some_and(is_cue_object) {
            cue_end = k;
            k += 1;
        }
        while self
            .scan
            .word(k)
            .is_some_and(|w| is_time_word(w) || is_verb_modifier(w))
        {
            k += 1;
        }
        if matches!(self.scan.punct(k), Some(':' | ',')) {
            k += 1;
        }
        (cue_end, k)
    }

    /// True if the words from `k` read as a clause: an auxiliary or modal within a few
    /// words ("the talks *could* fail"), not an object ("Russia against escalation").
    pub(super) fn looks_like_clause(&self, k: usize, end: usize) -> bool {
        (k..end.min(k + 8))
            .take_while(|&i| self.scan.word(i).is_some())
            .skip(1)
            .any(|i| self.scan.word(i).is_some_and(is_finite_marker))
    }

    /// Where a clause starting at `start` ends before `end`: at a quotation (then it is no
    /// reported statement: `None`), a semicolon, `, according to`, a participle that starts
    /// the next statement (`, adding that`), or a second reporting verb joined by a
    /// conjunction (`but argued that`).
    pub(super) fn clause_end(&self, start: usize, end: usize) -> Option<usize> {
        let mut i = start;
        while i < end {
            if self.scan.quote_of[i].is_some() {
                return None;
            }
            match self.scan.punct(i) {
                Some(';' | '—' | '–') => return Some(i),
                Some(',') => {
                    let next = self.scan.word(i + 1);
                    if self.scan.is(i + 1, "according") {
                        return Some(i);
                    }
                    if next.is_some_and(|w| {
                        english_frames(w).is_some_and(|f| f.has(Frames::PARTICIPLE))
                    }) {
                        return Some(i);
                    }
                }
                _ => {}
            }
            let joined = self
                .scan
                .word(i)
                .is_some_and(|w| matches!(&*lowercase(w), "and" | "but" | "while" | "yet"));
            if joined {
                let mut v = i + 1;
                while self.scan.word(v).is_some_and(is_verb_modifier) {
                    v += 1;
                }
                let starts_statement = is_verb_at(self, v, false)
                    && self
                        .scan
                        .word(v)
                        .and_then(english_frames)
                        .is_some_and(|f| !f.has(Frames::PARTICIPLE));
                if starts_statement {
                    let stop = if i > start && self.scan.punct(i - 1) == Some(',') {
                        i - 1
                    } else {
                        i
                    };
                    return Some(stop);
                }
            }
            i += 1;
        }
        Some(end)
    }
}

/// "say", "add" and "write" take a bare clause after them ("said the talks had failed")
/// without it having to read as one.
fn is_say_add_or_write(word: &str) -> bool {
    matches!(
        word,
        "say"
            | "says"
            | "said"
            | "saying"
            | "add"
            | "adds"
            | "added"
            | "adding"
            | "write"
            | "writes"
            | "wrote"
    )
}
