//! Whom a pronoun or a role ("he", "the senior official") means: a person named before it,
//! chosen as a reader would. A person of the wrong gender is never chosen; among the rest,
//! the nearer sentence wins, a subject beats a name after a verb or preposition ("Lavrov met
//! *with Kerry*. 'We are close,' he said." is Lavrov's), and a person who has just spoken
//! keeps the floor. The search looks back a bounded number of names and sentences, so a
//! document's pronouns cost time in proportion to their number, never to its length squared.

use super::lexicon::{Gender, lowercase};
use super::people::{Cast, Ref};

/// The most names a search looks at.
const MAX_CANDIDATES: usize = 40;
/// How many sentences back a pronoun may find its person.
const MAX_SENTENCES: usize = 12;
/// How many paragraphs back.
const MAX_PARAGRAPHS: usize = 4;

/// What the search is for: a pronoun's gender, a role's head noun.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wanted<'a> {
    pub gender: Option<Gender>,
    /// "minister" in "the foreign minister": a person whose role has it is preferred.
    pub role: Option<&'a str>,
}

/// The person chosen, and why, in words for the analyst.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub person: usize,
    pub why: String,
}

/// Counts the names looked at, so a test can show the work grows linearly.
#[derive(Debug, Default, Clone, Copy)]
pub struct Work {
    /// Names a pronoun or role search looked at.
    pub candidates_seen: usize,
    /// Persons of the document and names of the project's actors that a name was compared
    /// with, to find whom it means.
    pub names_compared: usize,
}

/// A candidate's score: lower is better.
fn score(r: &Ref, sentence: usize, unknown_gender: bool) -> usize {
    let distance = sentence.saturating_sub(r.sentence);
    2 * distance + 2 * usize::from(!r.is_subject && !r.is_speaker) + usize::from(unknown_gender)
        - usize::from(r.is_speaker && distance > 0)
}

/// Merges two lists of refs sorted by position, walking back from before token `at`.
fn backwards<'r>(
    static_refs: &'r [Ref],
    spoken: &'r [Ref],
    at: usize,
) -> impl Iterator<Item = &'r Ref> {
    let mut i = static_refs.partition_point(|r| r.at < at);
    let mut j = spoken.partition_point(|r| r.at < at);
    std::iter::from_fn(move || {
        let a = i.checked_sub(1).map(|k| &static_refs[k]);
        let b = j.checked_sub(1).map(|k| &spoken[k]);
        match (a, b) {
            (Some(x), Some(y)) if x.at >= y.at => {
                i -= 1;
                Some(x)
            }
            (_, Some(y)) => {
                j -= 1;
                Some(y)
            }
            (Some(x), None) => {
                i -= 1;
                Some(x)
            }
            (None, None) => None,
        }
    })
}

/// The person a pronoun or role at token `at` (in `sentence` and `paragraph`) refers to.
pub fn antecedent(
    cast: &Cast,
    spoken: &[Ref],
    (at, sentence, paragraph): (usize, usize, usize),
    wanted: Wanted<'_>,
    work: &mut Work,
) -> Option<Choice> {
    let mut best: Option<(usize, &Ref, bool)> = None;
    let mut nearest_fitting: Option<usize> = None;
    let mut role_matched = false;
    for (seen, r) in backwards(&cast.refs, spoken, at).enumerate() {
        work.candidates_seen += 1;
        if seen >= MAX_CANDIDATES
            || sentence.saturating_sub(r.sentence) > MAX_SENTENCES
            || paragraph.saturating_sub(r.paragraph) > MAX_PARAGRAPHS
        {
            break;
        }
        let Some(person) = cast.persons.get(r.person) else {
            continue;
        };
        if let (Some(want), Some(has)) = (wanted.gender, person.gender)
            && want != has
        {
            continue;
        }
        // A role prefers the people who hold it; once one is found, only they count.
        let holds_role = wanted.role.is_some_and(|role| {
            person
                .role
                .as_deref()
                .is_some_and(|r| lowercase(r).contains(&*lowercase(role)))
        });
        if role_matched && !holds_role {
            continue;
        }
        nearest_fitting.get_or_insert(r.person);
        let unknown = wanted.gender.is_some() && person.gender.is_none();
        let s = score(r, sentence, unknown);
        let better = match best {
            None => true,
            Some((b, _, _)) => s < b || (holds_role && !role_matched),
        };
        if better {
            best = Some((s, r, holds_role));
        }
        role_matched |= holds_role;
    }
    let (_, r, holds_role) = best?;
    let noun = wanted.gender.map_or("person", Gender::noun);
    let place = match paragraph.saturating_sub(r.paragraph) {
        0 => "in the paragraph",
        1 => "in the paragraph before",
        _ => "earlier",
    };
    let why = if holds_role {
        format!("last named {}", wanted.role.unwrap_or("person"))
    } else if nearest_fitting == Some(r.person) && r.is_speaker {
        format!("the last {noun} quoted")
    } else if nearest_fitting == Some(r.person) {
        format!("last named {noun} {place}")
    } else {
        format!("the {noun} the sentence is about, {place}")
    };
    Some(Choice {
        person: r.person,
        why,
    })
}

/// The person a headline's pronoun or role points forward to: the first one named in the
/// paragraphs after it whose gender and role fit.
pub fn cataphor(cast: &Cast, at: usize, wanted: Wanted<'_>, work: &mut Work) -> Option<Choice> {
    let start = cast.refs.partition_point(|r| r.at <= at);
    cast.refs[start..]
        .iter()
        .take(MAX_CANDIDATES)
        .take_while(|r| r.paragraph <= 2)
        .find(|r| {
            work.candidates_seen += 1;
            let Some(p) = cast.persons.get(r.person) else {
                return false;
            };
            let gender_fits = match (wanted.gender, p.gender) {
                (Some(w), Some(h)) => w == h,
                _ => true,
            };
            let role_fits = wanted.role.is_none_or(|role| {
                p.role
                    .as_deref()
                    .is_some_and(|r| lowercase(r).contains(&*lowercase(role)))
            });
            gender_fits && role_fits
        })
        .map(|r| Choice {
            person: r.person,
            why: "named in the story below the headline".to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::scan::Scan;

    fn resolve(text: &str, pronoun: &str) -> Option<String> {
        let scan = Scan::new(text);
        let cast = Cast::new(&scan);
        let at = (0..scan.tokens.len())
            .rev()
            .find(|&i| scan.any_word(i) == Some(pronoun))?;
        let wanted = Wanted {
            gender: crate::attribution::lexicon::pronoun_gender(pronoun),
            role: None,
        };
        let place = (at, scan.sentence_of[at], scan.paragraph_of[at]);
        let choice = antecedent(&cast, &[], place, wanted, &mut Work::default())?;
        Some(cast.persons[choice.person].name.clone())
    }

    #[test]
    fn gender_then_recency_then_subjects() {
        assert_eq!(
            resolve("Anna Berg arrived with Paul Weber. Then she spoke.", "she").as_deref(),
            Some("Anna Berg")
        );
        assert_eq!(
            resolve(
                "Anna Berg met Paul Weber. Tomas Reyes arrived. Then he spoke.",
                "he"
            )
            .as_deref(),
            Some("Tomas Reyes")
        );
        // The subject of the sentence, not the man met.
        assert_eq!(
            resolve(
                "Mr. Lind met with Paul Weber on Monday. Then he spoke.",
                "he"
            )
            .as_deref(),
            Some("Lind")
        );
        // A name used as a modifier is no one to refer to.
        assert_eq!(
            resolve(
                "Yuri Ushakov, a top Putin official, arrived. Then he spoke.",
                "he"
            )
            .as_deref(),
            Some("Yuri Ushakov")
        );
    }

    #[test]
    fn the_search_is_bounded() {
        let mut text = String::new();
        for i in 0..500 {
            text.push_str(&format!("Mr. Lind{i} met Paul Weber{i}.\n"));
        }
        text.push_str("Then she spoke.");
        let scan = Scan::new(&text);
        let cast = Cast::new(&scan);
        let at = scan.tokens.len() - 2;
        let mut work = Work::default();
        let place = (at, scan.sentence_of[at], scan.paragraph_of[at]);
        let wanted = Wanted {
            gender: Some(Gender::Female),
            role: None,
        };
        assert!(antecedent(&cast, &[], place, wanted, &mut work).is_none());
        assert!(
            work.candidates_seen <= MAX_CANDIDATES + 1,
            "{}",
            work.candidates_seen
        );
    }
}
