//! Mentions of speakers next to a cue: a name ("Yuri Ushakov", "Foreign Minister Anna
//! Berg"), a pronoun ("he", "elle"), a person by role ("the senior Russian official") or a
//! body or text ("the Kremlin", "Lusovian officials", "the joint statement"), found as the
//! token range before a verb (its subject) or after it (`said …`).

use super::lexicon::lowercase;
use super::lexicon::{
    english_frames, is_body_head, is_capitalised, is_determiner, is_foreign_determiner,
    is_not_name, is_organisation_word, is_person_head, is_preposition, is_quote_verb,
    is_spokesperson, names::is_speaker_pronoun,
};
use super::scan::Scan;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// "Yuri Ushakov", "Mr. Trump", "NATO", "the Foreign Ministry": a capitalised name.
    Name,
    /// "he", "she".
    Pronoun,
    /// "the senior Russian official": a person by role.
    Role,
    /// "the statement", "Ukrainian officials", "a ministry spokeswoman": a body or a text.
    Body,
}

/// Words naming a speaker: tokens `first..=last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub first: usize,
    pub last: usize,
    pub kind: MentionKind,
    /// For an unnamed spokesperson, the body they speak for ("a *ministry* spokeswoman",
    /// "a spokesman for *the alliance*", "*Berg's* spokesman").
    pub for_body: Option<(usize, usize)>,
}

impl Mention {
    const fn new(first: usize, last: usize, kind: MentionKind) -> Self {
        Self {
            first,
            last,
            kind,
            for_body: None,
        }
    }
}

/// Lowercase words that join the parts of a name ("Ministry *of* Foreign Affairs", "Ursula
/// *von der* Leyen").
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "de"
            | "von"
            | "van"
            | "der"
            | "den"
            | "la"
            | "le"
            | "du"
            | "da"
            | "del"
            | "della"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "dos"
            | "das"
            | "ter"
            | "zu"
            | "for"
    )
}

/// True if token `i` is a capitalised word outside quotations that may be part of a name.
fn is_name_word(scan: &Scan<'_>, i: usize) -> bool {
    scan.word(i).is_some_and(|w| is_capitalised(w) && w != "I")
}

/// The longest name run, at most this many words.
const MAX_NAME_WORDS: usize = 9;

/// A run of capitalised words (and the connectors between them) ending at `j`, without
/// the sentence words that open it ("However", "The").
pub fn run_ending_at(scan: &Scan<'_>, j: usize) -> Option<(usize, usize)> {
    let w = scan.word(j)?;
    if !is_name_word(scan, j) || is_not_name(w) {
        return None;
    }
    let mut first = j;
    while first > 0 && j - first < MAX_NAME_WORDS {
        if is_name_word(scan, first - 1) {
            first -= 1;
            continue;
        }
        // One or two connectors between capitalised words: "Ursula von der Leyen".
        let connectors = (1..=2)
            .take_while(|&n| first > n && scan.word(first - n).is_some_and(is_connector))
            .last();
        match connectors {
            Some(n) if is_name_word(scan, first - n - 1) => first -= n + 1,
            _ => break,
        }
    }
    while first < j
        && scan
            .word(first)
            .is_some_and(|w| is_not_name(w) || is_connector(w))
    {
        first += 1;
    }
    Some((first, j))
}

/// A run of capitalised words (and the connectors between them) starting at `k`.
pub fn run_starting_at(scan: &Scan<'_>, k: usize) -> Option<(usize, usize)> {
    let w = scan.word(k)?;
    if !is_name_word(scan, k) || is_not_name(w) {
        return None;
    }
    let mut last = k;
    while last - k < MAX_NAME_WORDS {
        if is_name_word(scan, last + 1) {
            last += 1;
            continue;
        }
        let connectors = (1..=2)
            .take_while(|&n| scan.word(last + n).is_some_and(is_connector))
            .last();
        match connectors {
            Some(n) if is_name_word(scan, last + n + 1) => last += n + 1,
            _ => break,
        }
    }
    Some((k, last))
}

/// The kind of a capitalised run: an organisation or a lone body word is a body.
fn run_kind(scan: &Scan<'_>, first: usize, last: usize) -> MentionKind {
    let words: Vec<&str> = (first..=last).filter_map(|i| scan.word(i)).collect();
    let is_body = words.iter().any(|w| is_organisation_word(w))
        || (words.len() == 1 && is_body_head(words[0]));
    if is_body {
        MentionKind::Body
    } else {
        MentionKind::Name
    }
}

/// The speaker mention whose last word is token `j` ("… Ushakov *also added*").
pub fn mention_ending_at(scan: &Scan<'_>, j: usize) -> Option<Mention> {
    let w = scan.word(j)?;
    // "It said": a body or text speaking again.
    if is_speaker_pronoun(w) || w.eq_ignore_ascii_case("it") {
        return Some(Mention::new(j, j, MentionKind::Pronoun));
    }
    if let Some((first, last)) = run_ending_at(scan, j) {
        let kind = run_kind(scan, first, last);
        let first = if kind == MentionKind::Body
            && first > 0
            && scan.word(first - 1).is_some_and(is_determiner)
        {
            first - 1
        } else {
            first
        };
        return Some(Mention::new(first, last, kind));
    }
    let kind = if is_spokesperson(w) || is_body_head(w) {
        MentionKind::Body
    } else if is_person_head(w) {
        MentionKind::Role
    } else {
        return None;
    };
    Some(with_body(scan, Mention::new(np_start(scan, j), j, kind)))
}

/// Where the noun phrase whose head is token `j` starts: at a determiner a few plain words
/// back ("the visiting foreign minister"), or else over the words that may modify a
/// speaker noun without one ("senior Ukrainian officials", never "met officials").
fn np_start(scan: &Scan<'_>, j: usize) -> usize {
    let plain = |i: usize| {
        scan.word(i).is_some_and(|w| {
            !is_preposition(w)
                && !is_not_name(w)
                && !is_quote_verb(w)
                && english_frames(w).is_none()
        })
    };
    let mut i = j;
    for _ in 0..5 {
        let Some(p) = i.checked_sub(1) else { break };
        if scan.word(p).is_some_and(is_determiner) {
            return p;
        }
        if !plain(p) {
            break;
        }
        i = p;
    }
    let mut first = j;
    while let Some(p) = first.checked_sub(1) {
        let Some(w) = scan.word(p) else { break };
        let possessive = w.ends_with("'s") || w.ends_with("’s");
        if is_head_modifier(w) || possessive || (is_capitalised(w) && !is_not_name(w)) {
            first = p;
        } else {
            break;
        }
        if j - first >= 6 {
            break;
        }
    }
    first
}

/// Lowercase modifiers that may open a bare speaker noun phrase ("*senior* officials").
fn is_head_modifier(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "senior"
            | "top"
            | "former"
            | "western"
            | "foreign"
            | "local"
            | "military"
            | "government"
            | "administration"
            | "defense"
            | "defence"
            | "security"
            | "intelligence"
            | "state"
            | "party"
            | "union"
            | "ministry"
            | "alliance"
            | "european"
            | "american"
            | "russian"
            | "ukrainian"
            | "chief"
            | "deputy"
            | "other"
            | "some"
            | "many"
            | "several"
            | "two"
            | "three"
            | "diplomatic"
            | "opposition"
            | "rebel"
            | "regional"
            | "federal"
            | "national"
            | "presidential"
            | "kremlin"
            | "white"
            | "house"
            | "u.s."
            | "officials"
    ) || is_person_head(word)
}

/// The speaker mention that starts at token `k` ("said *the foreign minister*").
pub fn mention_starting_at(scan: &Scan<'_>, k: usize) -> Option<Mention> {
    let w = scan.word(k)?;
    // Italian "il ministro" is an article, French "il" a pronoun.
    let article_before_noun = is_foreign_determiner(w)
        && scan.word(k + 1).is_some_and(|n| {
            is_capitalised(n) || is_person_head(n) || is_body_head(n) || is_spokesperson(n)
        });
    if is_speaker_pronoun(w) && !article_before_noun {
        return Some(Mention::new(k, k, MentionKind::Pronoun));
    }
    let is_head = |i: usize| {
        scan.word(i)
            .is_some_and(|h| is_person_head(h) || is_body_head(h) || is_spokesperson(h))
    };
    if let Some((first, mut last)) = run_starting_at(scan, k) {
        // "Ukrainian officials", "Kremlin aide Yuri Ushakov": a noun after the run.
        if is_head(last + 1) && scan.word(last + 1).is_some_and(|h| !is_capitalised(h)) {
            let head = last + 1;
            if let Some((_, name_last)) = run_starting_at(scan, head + 1) {
                return Some(Mention::new(first, name_last, MentionKind::Name));
            }
            last = head;
            let kind = head_kind(scan, head);
            return Some(with_body(scan, Mention::new(first, last, kind)));
        }
        return Some(Mention::new(first, last, run_kind(scan, first, last)));
    }
    let is_article = is_determiner(w) || is_foreign_determiner(w);
    // "the MFA", "la Commission": an article before a name.
    let head_follows = |last: usize| {
        (last + 1..last + 4)
            .take_while(|&i| scan.word(i).is_some_and(|w| !is_capitalised(w)))
            .any(is_head)
    };
    if is_article
        && let Some((_, last)) = run_starting_at(scan, k + 1)
        && !head_follows(last)
    {
        return Some(Mention::new(k, last, run_kind(scan, k + 1, last)));
    }
    let start = if is_article || w.ends_with("'s") || w.ends_with("’s") {
        k + 1
    } else {
        k
    };
    let mut head = (start..start + 7)
        .take_while(|&i| scan.word(i).is_some() || matches!(scan.punct(i), Some('-' | '–')))
        .find(|&i| is_head(i))?;
    // "a Kremlin readout": the noun phrase ends at the last head.
    while is_head(head + 1) {
        head += 1;
    }
    // A title before a name: "said Foreign Minister Anna Berg".
    if let Some((_, name_last)) = run_starting_at(scan, head + 1) {
        return Some(Mention::new(k, name_last, MentionKind::Name));
    }
    // "said the foreign minister (of Ruritania), Anna Berg": the appositive names them.
    let comma = (head + 1..head + 6).find(|&i| scan.word(i).is_none());
    if let Some(comma) = comma.filter(|&c| scan.punct(c) == Some(','))
        && let Some(name) = mention_starting_at(scan, comma + 1)
        && name.kind == MentionKind::Name
    {
        return Some(name);
    }
    let kind = head_kind(scan, head);
    Some(with_body(scan, Mention::new(k, head, kind)))
}

fn head_kind(scan: &Scan<'_>, head: usize) -> MentionKind {
    if scan
        .word(head)
        .is_some_and(|h| is_person_head(h) && !is_spokesperson(h))
    {
        MentionKind::Role
    } else {
        MentionKind::Body
    }
}

/// For a spokesperson, the body they speak for: the words before the head ("a *ministry*
/// spokeswoman"), a possessor ("*Berg's* spokesman") or a `for` phrase after it, which
/// then belongs to the mention ("a spokeswoman for the ministry").
fn with_body(scan: &Scan<'_>, mut m: Mention) -> Mention {
    if !scan.word(m.last).is_some_and(is_spokesperson) {
        return m;
    }
    let linked = ["for", "of", "at"].iter().any(|p| scan.is(m.last + 1, p));
    if linked {
        let from = m.last + 2;
        let det = scan.word(from).is_some_and(is_determiner);
        let start = if det { from + 1 } else { from };
        let end = (start..start + 6)
            .take_while(|&i| {
                scan.word(i)
                    .is_some_and(|w| !is_quote_verb(w) && english_frames(w).is_none())
            })
            .last();
        if let Some(end) = end {
            m.for_body = Some((start, end));
            m.last = end;
            return m;
        }
    }
    let start = if scan.word(m.first).is_some_and(is_determiner) {
        m.first + 1
    } else {
        m.first
    };
    if start < m.last {
        m.for_body = Some((start, m.last - 1));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(scan: &Scan<'_>, m: Option<Mention>) -> Option<(String, MentionKind)> {
        m.map(|m| (scan.text_of(m.first, m.last).to_owned(), m.kind))
    }

    fn word_index(scan: &Scan<'_>, w: &str) -> usize {
        (0..scan.tokens.len())
            .find(|&i| scan.any_word(i) == Some(w))
            .unwrap_or(0)
    }

    #[test]
    fn subjects_before_a_verb() {
        let cases = [
            (
                "On Monday, Foreign Minister Anna Berg said",
                "Foreign Minister Anna Berg",
                MentionKind::Name,
            ),
            (
                "However Ursula von der Leyen said",
                "Ursula von der Leyen",
                MentionKind::Name,
            ),
            (
                "The Lusovian Foreign Ministry said",
                "The Lusovian Foreign Ministry",
                MentionKind::Body,
            ),
            (
                "Then senior Ukrainian officials said",
                "senior Ukrainian officials",
                MentionKind::Body,
            ),
            (
                "the senior Russian official said",
                "the senior Russian official",
                MentionKind::Role,
            ),
            ("Then she said", "she", MentionKind::Pronoun),
        ];
        for (text, want, kind) in cases {
            let scan = Scan::new(text);
            let verb = word_index(&scan, "said");
            assert_eq!(
                text_of(&scan, mention_ending_at(&scan, verb - 1)),
                Some((want.to_owned(), kind)),
                "{text}"
            );
        }
    }

    #[test]
    fn speakers_after_a_verb() {
        let cases = [
            (
                "said Kremlin aide Yuri Ushakov.",
                "Kremlin aide Yuri Ushakov",
                MentionKind::Name,
            ),
            (
                "said the foreign minister, Anna Berg.",
                "Anna Berg",
                MentionKind::Name,
            ),
            (
                "said a ministry spokeswoman.",
                "a ministry spokeswoman",
                MentionKind::Body,
            ),
            (
                "said Ukrainian officials.",
                "Ukrainian officials",
                MentionKind::Body,
            ),
            ("said the talks were over.", "", MentionKind::Body),
        ];
        for (text, want, kind) in cases {
            let scan = Scan::new(text);
            let found = text_of(&scan, mention_starting_at(&scan, 1));
            if want.is_empty() {
                assert_eq!(found, None, "{text}");
            } else {
                assert_eq!(found, Some((want.to_owned(), kind)), "{text}");
            }
        }
        let scan = Scan::new("said a spokesman for the alliance.");
        let m = mention_starting_at(&scan, 1).unwrap_or(Mention::new(0, 0, MentionKind::Body));
        let (a, b) = m.for_body.unwrap_or((0, 0));
        assert_eq!(scan.text_of(a, b), "alliance");
    }
}
