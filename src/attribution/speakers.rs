//! Whom a mention means: a person of the [`Cast`](super::people::Cast) (a pronoun or role
//! through the antecedent search, a surname through the full name), a body or a text, and
//! then the project actor with that name or alias, or a new one to propose.

use super::antecedent::{Wanted, antecedent, cataphor};
use super::engine::{Engine, Resolved};
use super::lexicon::lowercase;
use super::lexicon::{
    is_body_head, is_capitalised, is_determiner, is_foreign_determiner, is_honorific,
    is_person_head, is_text_head, pronoun_gender, title_gender,
};
use super::mentions::{
    Mention, MentionKind, mention_ending_at, mention_starting_at, run_ending_at,
};
use super::people::{last_word, strip_possessive};
use super::{Resolution, SpeakerMatch};
use crate::model::Actor;

/// How far back (in bytes) a body or text may find its fuller name.
const BODY_REACH_BYTES: usize = 4000;

/// `s` with its first letter upper-case ("joint statement" → "Joint statement").
fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Verbs that put out a text ("*issued* a statement", "the draft *adopted* by").
fn is_issue_verb(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "issued"
            | "released"
            | "published"
            | "sent"
            | "signed"
            | "adopted"
            | "drafted"
            | "circulated"
            | "wrote"
            | "prepared"
            | "unveiled"
            | "presented"
            | "submitted"
            | "posted"
            | "put"
            | "tabled"
            | "delivered"
            | "approved"
            | "passed"
    )
}

/// Generic role nouns that any person may be ("the official"): no role to match.
fn is_generic_role(head: &str) -> bool {
    matches!(
        &*lowercase(head),
        "official" | "source" | "diplomat" | "insider" | "aide" | "person" | "expert" | "analyst"
    )
}

impl Engine<'_> {
    /// The project actor called `names[0]` (or any of the others), by name or alias.
    fn actor_called(&self, names: &[&str]) -> Option<&Actor> {
        names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .find_map(|n| self.known.called(n))
            .and_then(|i| self.actors.get(i))
    }

    /// The resolution of a name, a body or a text speaking as itself.
    fn named(&self, names: &[&str], person: Option<usize>) -> Resolved {
        let p = person.and_then(|i| self.cast.persons.get(i));
        let proposed = names.first().map_or_else(String::new, |n| (*n).to_owned());
        // The first actor with the person's surname whose first name does not differ.
        let surname_match = || {
            let full = p.map(|p| p.name.as_str())?;
            self.known
                .same_person(full)
                .and_then(|i| self.actors.get(i))
        };
        let actor = self
            .actor_called(names)
            .or_else(|| p.and_then(|_| surname_match()));
        let (actor, name) = match actor {
            Some(a) => (SpeakerMatch::Existing(a.id), a.name.clone()),
            None => (
                SpeakerMatch::Proposed {
                    name: proposed.clone(),
                },
                proposed,
            ),
        };
        Resolved {
            actor,
            name,
            resolution: None,
            person,
            is_sure: true,
            role: p.and_then(|p| p.role.clone()),
            affiliation: p.and_then(|p| p.affiliation.clone()),
        }
    }

    /// The resolution of cast person `person`.
    fn person(&self, person: usize) -> Option<Resolved> {
        let p = self.cast.persons.get(person)?;
        let name = p.name.clone();
        Some(self.named(&[&name], Some(person)))
    }

    /// Whom a mention means, if the engine can tell.
    pub(super) fn resolve(&mut self, m: Mention) -> Option<Resolved> {
        let text = self.scan.text_of(m.first, m.last).to_owned();
        match m.kind {
            MentionKind::Name => Some(self.resolve_name(m, &text)),
            MentionKind::Pronoun if text.eq_ignore_ascii_case("it") => self.last_body(m),
            MentionKind::Pronoun => {
                let wanted = Wanted {
                    gender: pronoun_gender(&text),
                    role: None,
                };
                self.resolve_reference(m, &text, wanted)
            }
            MentionKind::Role => {
                let head = self.scan.word(m.last).unwrap_or("");
                let wanted = Wanted {
                    gender: title_gender(head),
                    role: (!is_generic_role(head)).then_some(head),
                };
                self.resolve_reference(m, &text, wanted).or_else(|| {
                    // A role with no holder of it named: the person most in view.
                    let generic = Wanted {
                        gender: wanted.gender,
                        role: None,
                    };
                    self.resolve_reference(m, &text, generic)
                })
            }
            MentionKind::Body => self.resolve_body(m, &text),
        }
    }

    fn resolve_name(&mut self, m: Mention, text: &str) -> Resolved {
        let Some((first, last)) = run_ending_at(&self.scan, m.last) else {
            return self.named(&[text], None);
        };
        let person = self
            .cast
            .person_at(last)
            .or_else(|| self.cast.person_called(self.scan.text_of(first, last)));
        let Some(person) = person else {
            // A place or a body named like one ("Vardania said", "NATO said").
            let bare = strip_possessive(self.scan.text_of(first, last));
            let bare = match bare.split_once(' ') {
                Some((det, rest)) if is_determiner(det) || is_foreign_determiner(det) => rest,
                _ => bare,
            };
            return self.named(&[bare, text], None);
        };
        let mut resolved = self
            .person(person)
            .unwrap_or_else(|| self.named(&[text], None));
        // "Mr. Corker" → Bob Corker: say so when the words differ from the name.
        let words = strip_possessive(text);
        let core_differs = !words.eq_ignore_ascii_case(&resolved.name)
            && !resolved
                .name
                .to_lowercase()
                .ends_with(&words.to_lowercase());
        let short = words.split_whitespace().count() == 1
            || words.split_whitespace().next().is_some_and(is_honorific);
        if core_differs || (short && resolved.name.split_whitespace().count() > 1) {
            let full_at = self.cast.persons.get(person).map_or(0, |p| p.first_at);
            let why = if full_at < m.first {
                "named in full earlier"
            } else {
                "named in full later"
            };
            resolved.resolution = Some(Resolution {
                words: words.to_owned(),
                antecedent: resolved.name.clone(),
                why: why.to_owned(),
            });
        }
        resolved
    }

    /// "It said": the body or text that spoke last, in this paragraph or the one before.
    fn last_body(&self, m: Mention) -> Option<Resolved> {
        let last = self.last.as_ref()?;
        let paragraph = self.scan.paragraph_of.get(m.first).copied().unwrap_or(0);
        if last.resolved.person.is_some() || paragraph.saturating_sub(last.paragraph) > 1 {
            return None;
        }
        let mut resolved = last.resolved.clone();
        resolved.resolution = Some(Resolution {
            words: self.scan.text_of(m.first, m.last).to_owned(),
            antecedent: resolved.name.clone(),
            why: "the body or text that spoke last".to_owned(),
        });
        Some(resolved)
    }

    /// A pronoun or role: the person it refers back to (or, in a headline, forward to).
    fn resolve_reference(
        &mut self,
        m: Mention,
        text: &str,
        wanted: Wanted<'_>,
    ) -> Option<Resolved> {
        let at = m.first;
        let place = (
            at,
            self.scan.sentence_of.get(at).copied().unwrap_or(0),
            self.scan.paragraph_of.get(at).copied().unwrap_or(0),
        );
        let choice = if self.scan.is_headline(at) {
            cataphor(&self.cast, at, wanted, &mut self.work)
        } else {
            antecedent(&self.cast, &self.spoken, place, wanted, &mut self.work)
        }?;
        if let Some(g) = wanted.gender {
            self.cast.learn_gender(choice.person, g);
        }
        let mut resolved = self.person(choice.person)?;
        resolved.resolution = Some(Resolution {
            words: text.to_owned(),
            antecedent: resolved.name.clone(),
            why: choice.why,
        });
        Some(resolved)
    }

    /// A body or text: its name here, its fuller name from earlier, or the body a
    /// spokesperson speaks for; `None` when nothing names it.
    fn resolve_body(&mut self, m: Mention, text: &str) -> Option<Resolved> {
        let (first, last) = m.for_body.unwrap_or((m.first, m.last));
        let words = self.scan.text_of(first, last);
        let bare = match words.split_once(' ') {
            Some((det, rest)) if is_determiner(det) || is_foreign_determiner(det) => rest,
            _ => words,
        };
        let bare = strip_possessive(bare);
        if let Some(a) = self.actor_called(&[text, words, bare]) {
            return Some(self.named(&[&a.name.clone()], None));
        }
        // A person's spokesperson speaks for the person ("Berg's spokesman").
        if m.for_body.is_some()
            && let Some(p) = self.cast.person_called(bare)
            && self.cast.persons[p].surname == last_word(bare)
        {
            return self.person(p);
        }
        let head = self.scan.word(last).unwrap_or("");
        let lone_head = bare.split_whitespace().count() == 1 && !is_capitalised(bare);
        // A text speaks for its one issuer when the text named them ("the ministry said in
        // a statement … the statement adds").
        if lone_head
            && is_text_head(head)
            && let Some(issuer) = self.issuer_of(last, head)
            && let Some(mut resolved) = self.resolve(issuer)
        {
            resolved.resolution = Some(Resolution {
                words: words.to_owned(),
                antecedent: resolved.name.clone(),
                why: format!("who issued the {head}"),
            });
            return Some(resolved);
        }
        let name = if is_text_head(head) {
            // "the statement" alone names no one: the issuer or the fuller phrase does.
            if lone_head {
                self.fuller_name(last, head)?
            } else {
                capitalise_first(bare)
            }
        } else if lone_head && is_body_head(head) {
            self.fuller_name(last, head)
                .unwrap_or_else(|| capitalise_first(bare))
        } else {
            bare.to_owned()
        };
        Some(self.named(&[&name], None))
    }

    /// The one issuer of the text whose head noun is `head`, from its nearest earlier
    /// mention: `S issued a statement`, `S said in a statement`, `a statement from S`, `the
    /// draft adopted by S`, `S's letter`. A joint text, or one with two issuers, has none.
    fn issuer_of(&self, at: usize, head: &str) -> Option<Mention> {
        // Its own mention may name the issuer after it ("The letter, signed by S, adds").
        if let Some(m) = self.issuer_after(at) {
            return self.single_issuer(m);
        }
        let limit = self.scan.tokens.get(at)?.start;
        let i = (0..at)
            .rev()
            .take_while(|&i| limit.saturating_sub(self.scan.tokens[i].start) <= BODY_REACH_BYTES)
            .find(|&i| {
                self.scan
                    .word(i)
                    .is_some_and(|w| strip_possessive(w).eq_ignore_ascii_case(head))
            })?;
        let start = self.phrase_start(i).unwrap_or(i);
        let joint = (start..i).any(|j| {
            self.scan
                .word(j)
                .is_some_and(|w| matches!(&*lowercase(w), "joint" | "common"))
        });
        if joint {
            return None;
        }
        if let Some(m) = self.issuer_after(i) {
            return self.single_issuer(m);
        }
        let det = start.checked_sub(1)?;
        // "S's letter".
        if let Some(w) = self.scan.word(det)
            && (w.ends_with("'s") || w.ends_with("’s"))
            && let Some(m) = mention_ending_at(&self.scan, det)
        {
            return self.single_issuer(m);
        }
        let verb = if self.scan.word(det).is_some_and(is_determiner) {
            det.checked_sub(1)?
        } else {
            det
        };
        // "S issued a statement"; "S said in a statement".
        let verb = if self.scan.is(verb, "in") {
            verb.checked_sub(1)?
        } else {
            verb
        };
        let w = self.scan.word(verb)?;
        if !(is_issue_verb(w) || super::lexicon::is_quote_verb(w)) {
            return None;
        }
        let mut j = verb.checked_sub(1)?;
        while self
            .scan
            .word(j)
            .is_some_and(super::lexicon::is_verb_modifier)
        {
            j = j.checked_sub(1)?;
        }
        mention_ending_at(&self.scan, j).and_then(|m| self.single_issuer(m))
    }

    /// The issuer named right after a text's head noun: "from S", "by S", "issued by S",
    /// ", signed by S,".
    fn issuer_after(&self, head: usize) -> Option<Mention> {
        let mut k = head + 1;
        if self.scan.punct(k) == Some(',') {
            k += 1;
        }
        if self.scan.word(k).is_some_and(is_issue_verb) {
            k += 1;
        }
        if !["from", "by", "of"].iter().any(|p| self.scan.is(k, p)) {
            return None;
        }
        mention_starting_at(&self.scan, k + 1)
            .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Body))
    }

    /// The mention, if it names one issuer: not "X and Y", "both sides", or unnamed
    /// "officials".
    fn single_issuer(&self, m: Mention) -> Option<Mention> {
        let words: Vec<&str> = (m.first..=m.last)
            .filter_map(|j| self.scan.word(j))
            .collect();
        let plural = words
            .iter()
            .any(|w| matches!(&*lowercase(w), "and" | "both" | "two" | "three" | "all"));
        let unnamed_group = words
            .last()
            .is_some_and(|h| h.ends_with('s') && !is_capitalised(h))
            && !words.iter().skip(1).any(|w| is_capitalised(w));
        (!plural && !unnamed_group && m.kind != MentionKind::Pronoun).then_some(m)
    }

    /// The fuller name of the body or text whose head noun is `head`, from its nearest
    /// earlier mention with more words ("the Lusovian foreign ministry" for "the
    /// ministry", "a joint U.S.–Ukraine statement" for "the statement").
    fn fuller_name(&self, at: usize, head: &str) -> Option<String> {
        let limit = self.scan.tokens.get(at)?.start;
        (0..at)
            .rev()
            .take_while(|&i| limit.saturating_sub(self.scan.tokens[i].start) <= BODY_REACH_BYTES)
            .filter(|&i| {
                self.scan
                    .word(i)
                    .is_some_and(|w| strip_possessive(w).eq_ignore_ascii_case(head))
            })
            .find_map(|i| {
                if let Some((first, last)) = run_ending_at(&self.scan, i)
                    && first < last
                {
                    let run = strip_possessive(self.scan.text_of(first, last));
                    return Some(match run.split_once(' ') {
                        Some((det, rest)) if is_determiner(det) || is_foreign_determiner(det) => {
                            rest.to_owned()
                        }
                        _ => run.to_owned(),
                    });
                }
                let first = self.phrase_start(i)?;
                (first < i).then(|| capitalise_first(strip_possessive(self.scan.text_of(first, i))))
            })
    }

    /// The first modifier of the noun phrase whose head is token `head`, when a determiner
    /// opens it within a few words ("a *joint* U.S.–Ukraine statement").
    fn phrase_start(&self, head: usize) -> Option<usize> {
        let mut j = head;
        for _ in 0..6 {
            j = j.checked_sub(1)?;
            // "U.S.–Ukraine" is two words and a dash.
            if matches!(self.scan.punct(j), Some('-' | '–' | '‑')) {
                continue;
            }
            let w = self.scan.word(j)?;
            if is_determiner(w) {
                return Some(j + 1);
            }
            let verb_like = super::lexicon::english_frames(w).is_some()
                || super::lexicon::is_quote_verb(w)
                || (!is_capitalised(w) && w.ends_with("ed"))
                || is_body_head(w)
                || is_person_head(w)
                || super::lexicon::is_not_name(w);
            if verb_like {
                return None;
            }
        }
        None
    }
}
