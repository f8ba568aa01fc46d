//! Who the engine thinks is speaking: mentions of speakers next to a cue, and how each is
//! resolved to an actor (by name and alias, or through the last named speaker).

use std::collections::HashMap;

use super::lexicon::{
    is_body_head, is_capitalised, is_determiner, is_not_name, is_person_head, is_place,
    is_text_head, is_title, reporting_verb,
};
use super::scan::Scan;
use super::{Resolution, SpeakerMatch};
use crate::model::Actor;

/// How far back (in bytes) a pronoun or title may find its antecedent.
const ANTECEDENT_REACH_BYTES: usize = 3000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// "Yuri Ushakov", "Mr. Trump".
    Name,
    /// "he", "she", "they".
    Pronoun,
    /// "the senior Russian official": a person by role.
    Role,
    /// "the statement", "the Kremlin", "Ukrainian officials": a body or a text.
    Body,
}

/// Words naming a speaker: tokens `first..=last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub first: usize,
    pub last: usize,
    pub kind: MentionKind,
}

/// A mention resolved to an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub actor: SpeakerMatch,
    /// The actor's name, or the proposed one.
    pub name: String,
    pub resolution: Option<Resolution>,
    pub is_person: bool,
    /// True for a name or body named where it speaks, or a pronoun that follows the last
    /// speaker; false for a guess from the nearest name.
    pub is_sure: bool,
}

fn is_pronoun(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "he" | "she" | "they")
}

/// A name without a possessive ending.
fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(name)
}

/// The name without leading titles ("Secretary of State Marco Rubio" → "Marco Rubio"),
/// and the words before them, keeping at least one word.
pub fn core_name(name: &str) -> String {
    let name = strip_possessive(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    // Through the last title: "Republican President Donald Trump" is Donald Trump.
    let skip = words
        .iter()
        .take(words.len().saturating_sub(1))
        .rposition(|w| is_title(w))
        .map_or(0, |i| i + 1);
    words.get(skip..).unwrap_or_default().join(" ")
}

/// A speaking body or text, resolved.
fn body(actor: SpeakerMatch, name: String) -> Resolved {
    Resolved {
        actor,
        name,
        resolution: None,
        is_person: false,
        is_sure: true,
    }
}

/// `s` with its first letter upper-case ("joint statement" → "Joint statement").
fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// True if `name` may be the fuller form of `short`: the same surname, and the same first
/// name when `short` has one ("Trump" or "Donald Trump" for "Donald J. Trump", never
/// "Ivanka Trump").
fn may_be_called(name: &str, short: &str) -> bool {
    let first = |s: &str| s.split_whitespace().next().map(str::to_lowercase);
    last_word(name) == last_word(short)
        && (short.split_whitespace().count() < 2 || first(name) == first(short))
}

fn last_word(name: &str) -> String {
    name.split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase()
}

/// Who has been named in a document and who spoke last: what resolves a mention to an actor.
/// Read alongside the document's [`Scan`], which every method takes.
pub struct Speakers<'a> {
    pub actors: &'a [Actor],
    /// Surname (lowercase) → the fullest name with it in the document.
    pub full_names: HashMap<String, String>,
    /// Byte offset and name of each person named outside quotations, in order.
    pub person_names: Vec<(usize, String)>,
    /// The last person who spoke, and where.
    pub last_person: Option<(usize, Resolved)>,
}

impl<'a> Speakers<'a> {
    pub fn new(actors: &'a [Actor]) -> Self {
        Self {
            actors,
            full_names: HashMap::new(),
            person_names: Vec::new(),
            last_person: None,
        }
    }

    /// The actor a name means: a project actor by name, alias or surname, or the fullest
    /// form of the name in this document.
    fn resolve_name(&self, text: &str) -> Resolved {
        let core = core_name(text);
        let surname = last_word(&core);
        let actor = self.actors.iter().find(|a| {
            a.is_called(text)
                || a.is_called(strip_possessive(text))
                || a.is_called(&core)
                || a.names().any(|n| may_be_called(n, &core))
        });
        let is_person = !is_place(&surname) && !is_body_head(&surname);
        match actor {
            Some(a) => Resolved {
                actor: SpeakerMatch::Existing(a.id),
                name: a.name.clone(),
                resolution: None,
                is_person,
                is_sure: true,
            },
            None => {
                let name = match self.full_names.get(&surname) {
                    Some(full) if may_be_called(full, &core) => full.clone(),
                    _ => core,
                };
                Resolved {
                    actor: SpeakerMatch::Proposed { name: name.clone() },
                    name,
                    resolution: None,
                    is_person,
                    is_sure: true,
                }
            }
        }
    }

    /// The person a pronoun or role at byte `at` points back to: the last person who spoke,
    /// or else the nearest person named before it.
    fn antecedent(&self, at: usize) -> Option<(Resolved, bool)> {
        if let Some((pos, speaker)) = &self.last_person
            && at.saturating_sub(*pos) <= ANTECEDENT_REACH_BYTES
        {
            return Some((speaker.clone(), true));
        }
        let index = self.person_names.partition_point(|(pos, _)| *pos < at);
        let (pos, name) = self.person_names.get(index.checked_sub(1)?)?;
        (at.saturating_sub(*pos) <= ANTECEDENT_REACH_BYTES)
            .then(|| (self.resolve_name(name), false))
    }

    /// Whom a mention means, if the engine can tell.
    pub fn resolve(&self, scan: &Scan<'_>, m: Mention) -> Option<Resolved> {
        let text = scan.text_of(m.first, m.last);
        let at = scan.tokens.get(m.first)?.start;
        match m.kind {
            MentionKind::Name => Some(self.resolve_name(text)),
            MentionKind::Pronoun | MentionKind::Role => {
                if text.eq_ignore_ascii_case("they") {
                    return None;
                }
                let (mut found, is_sure) = self.antecedent(at)?;
                found.resolution = Some(if m.kind == MentionKind::Pronoun {
                    Resolution::Pronoun {
                        word: text.to_owned(),
                        antecedent: found.name.clone(),
                    }
                } else {
                    Resolution::Title {
                        phrase: text.to_owned(),
                        antecedent: found.name.clone(),
                    }
                });
                found.is_sure = is_sure;
                Some(found)
            }
            MentionKind::Body => {
                let bare = match text.split_once(' ') {
                    Some((det, rest)) if is_determiner(det) => rest,
                    _ => text,
                };
                let known = |name: &str| self.actors.iter().find(|a| a.is_called(name));
                if let Some(a) = known(text).or_else(|| known(bare)) {
                    return Some(body(SpeakerMatch::Existing(a.id), a.name.clone()));
                }
                let name = if scan.word(m.last).is_some_and(is_text_head) {
                    // "the statement" alone names no one: the fuller phrase does, here or
                    // earlier; without one the speaker stays open.
                    text_name(scan, m, bare)?
                } else {
                    bare.to_owned()
                };
                Some(match known(&name) {
                    Some(a) => body(SpeakerMatch::Existing(a.id), a.name.clone()),
                    None => body(SpeakerMatch::Proposed { name: name.clone() }, name),
                })
            }
        }
    }

    /// Every capitalised name outside quotations: the fullest form per surname, and the
    /// person names in order (antecedents for pronouns).
    pub fn collect_names(&mut self, scan: &Scan<'_>) {
        let mut j = 0;
        while j < scan.tokens.len() {
            let ends_run = scan.word(j).is_some_and(is_capitalised)
                && !scan.word(j + 1).is_some_and(is_capitalised);
            if let (true, Some((first, last))) = (ends_run, name_run_ending_at(scan, j)) {
                let text = scan.text_of(first, last);
                let core = core_name(text);
                let surname = last_word(&core);
                let titled = core.split_whitespace().count()
                    < strip_possessive(text).split_whitespace().count();
                let words = core.split_whitespace().count();
                if !is_place(&surname) && !is_body_head(&surname) {
                    let longer = self
                        .full_names
                        .get(&surname)
                        .is_none_or(|n| n.split_whitespace().count() < words);
                    if longer {
                        self.full_names.insert(surname, core.clone());
                    }
                    // A lone surname at a sentence's start may be any capitalised word.
                    let mid_sentence = first > 0
                        && (scan.word(first - 1).is_some() || scan.punct(first - 1) == Some(','));
                    if words >= 2 || titled || mid_sentence {
                        let at = scan.tokens[first].start;
                        self.person_names.push((at, core));
                    }
                }
            }
            j += 1;
        }
    }
}

/// A run of capitalised words ending at `j`, without leading sentence words ("However").
fn name_run_ending_at(scan: &Scan<'_>, j: usize) -> Option<(usize, usize)> {
    let w = scan.word(j)?;
    if !is_capitalised(w) || is_not_name(w) {
        return None;
    }
    let mut first = j;
    while first > 0 && scan.word(first - 1).is_some_and(is_capitalised) && j - first < 6 {
        first -= 1;
    }
    while first < j && scan.word(first).is_some_and(is_not_name) {
        first += 1;
    }
    Some((first, j))
}

/// The speaker mention whose last word is token `j` ("… Ushakov *also added*").
pub fn mention_ending_at(scan: &Scan<'_>, j: usize) -> Option<Mention> {
    let w = scan.word(j)?;
    if is_pronoun(w) {
        return Some(Mention {
            first: j,
            last: j,
            kind: MentionKind::Pronoun,
        });
    }
    if let Some((first, last)) = name_run_ending_at(scan, j) {
        if first == last && is_body_head(w) {
            let first = if j > 0 && scan.word(j - 1).is_some_and(is_determiner) {
                j - 1
            } else {
                j
            };
            return Some(Mention {
                first,
                last,
                kind: MentionKind::Body,
            });
        }
        return Some(Mention {
            first,
            last,
            kind: MentionKind::Name,
        });
    }
    let kind = if is_person_head(w) {
        MentionKind::Role
    } else if is_body_head(w) {
        MentionKind::Body
    } else {
        return None;
    };
    let mut first = j;
    while first > 0 && j - first < 6 {
        let Some(p) = scan.word(first - 1) else { break };
        if reporting_verb(p).is_some() {
            break;
        }
        first -= 1;
        if is_determiner(p) {
            break;
        }
    }
    Some(Mention {
        first,
        last: j,
        kind,
    })
}

/// The speaker mention that starts at token `k` ("said *the foreign minister*").
pub fn mention_starting_at(scan: &Scan<'_>, k: usize) -> Option<Mention> {
    let w = scan.word(k)?;
    if is_pronoun(w) {
        return Some(Mention {
            first: k,
            last: k,
            kind: MentionKind::Pronoun,
        });
    }
    if is_capitalised(w) && !is_not_name(w) {
        let mut last = k;
        while scan.word(last + 1).is_some_and(is_capitalised) && last - k < 6 {
            last += 1;
        }
        let kind = if last == k && is_body_head(w) {
            MentionKind::Body
        } else {
            MentionKind::Name
        };
        return Some(Mention {
            first: k,
            last,
            kind,
        });
    }
    if !is_determiner(w) {
        return None;
    }
    let is_head = |i: usize| {
        scan.word(i)
            .is_some_and(|h| is_person_head(h) || is_body_head(h))
    };
    let mut head = (k + 1..k + 8).find(|&i| is_head(i))?;
    // "a Kremlin readout": the noun phrase ends at the last head.
    while is_head(head + 1) {
        head += 1;
    }
    if (k + 1..head).any(|i| scan.word(i).is_none()) {
        return None;
    }
    // "said the foreign minister (of Ruritania), Anna Berg": the appositive names them.
    let comma = (head + 1..head + 5).find(|&i| scan.word(i).is_none());
    if let Some(comma) = comma.filter(|&c| scan.punct(c) == Some(','))
        && let Some(name) = mention_starting_at(scan, comma + 1)
        && name.kind == MentionKind::Name
    {
        return Some(name);
    }
    let kind = if scan.word(head).is_some_and(is_person_head) {
        MentionKind::Role
    } else {
        MentionKind::Body
    };
    Some(Mention {
        first: k,
        last: head,
        kind,
    })
}

/// The name of a text that speaks ("the joint statement reads"): the phrase itself when
/// it says more than the head noun, or else the nearest earlier fuller mention of it
/// ("issued a joint statement"), with a capital.
fn text_name(scan: &Scan<'_>, m: Mention, bare: &str) -> Option<String> {
    if bare.split_whitespace().count() >= 2 {
        return Some(capitalise_first(bare));
    }
    let head = scan.word(m.last)?;
    let at = scan.tokens.get(m.first)?.start;
    (0..m.first)
        .rev()
        .take_while(|&i| at.saturating_sub(scan.tokens[i].start) <= ANTECEDENT_REACH_BYTES)
        .filter(|&i| scan.word(i).is_some_and(|w| w.eq_ignore_ascii_case(head)))
        .find_map(|i| {
            let first = phrase_start(scan, i)?;
            (first < i).then(|| capitalise_first(scan.text_of(first, i)))
        })
}

/// The first modifier of the noun phrase whose head is token `head`, when a determiner
/// opens it within a few words ("a *joint* U.S.–Ukraine statement").
fn phrase_start(scan: &Scan<'_>, head: usize) -> Option<usize> {
    let mut j = head;
    for _ in 0..6 {
        j = j.checked_sub(1)?;
        // "U.S.–Ukraine" is two words and a dash.
        if matches!(scan.punct(j), Some('-' | '–' | '‑')) {
            continue;
        }
        let w = scan.word(j)?;
        if is_determiner(w) {
            return Some(j + 1);
        }
        let verb_like = reporting_verb(w).is_some()
            || (!is_capitalised(w) && w.ends_with("ed"))
            || is_body_head(w)
            || is_person_head(w)
            || is_not_name(w);
        if verb_like {
            return None;
        }
    }
    None
}

/// True if the mention is a text ("the statement"); with no name from
/// [`Speakers::resolve`], its words are still suggested, with no speaker.
pub fn is_unnamed_text(scan: &Scan<'_>, m: Mention) -> bool {
    m.kind == MentionKind::Body && scan.word(m.last).is_some_and(is_text_head)
}
