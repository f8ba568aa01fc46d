//! [`KnownActors`]: the project's actors indexed once per run of the engine, by each name's
//! key ([`name_key`]) and by its last word, so that matching a speaker to an actor costs a
//! hash lookup, not a pass over every actor's names with a folded copy of each.

use std::cell::Cell;

use super::people::last_word;
use crate::model::{Actor, FastMap, name_key};

/// One name of an actor, read for surname matching.
#[derive(Debug)]
struct NameForm {
    actor: usize,
    /// The name's first word, lowercase; `None` for a name with no words.
    first_word: Option<String>,
    words: usize,
}

/// The actors of a project, by name and alias.
#[derive(Debug, Default)]
pub struct KnownActors {
    /// Each name's key, to the first actor (in project order) called so.
    by_key: FastMap<String, usize>,
    /// Each name's last word ([`last_word`]), to the names that end with it, in project order.
    by_last_word: FastMap<String, Vec<NameForm>>,
    /// How many actor names a name was compared with by [`KnownActors::same_person`].
    compared: Cell<usize>,
}

/// The first word of a name, lowercase: what a first name is compared by.
fn first_word(name: &str) -> Option<String> {
    name.split_whitespace().next().map(str::to_lowercase)
}

impl KnownActors {
    /// Indexes `actors`: one pass over their names.
    #[must_use]
    pub fn new(actors: &[Actor]) -> Self {
        let mut known = Self::default();
        for (actor, a) in actors.iter().enumerate() {
            for name in a.names() {
                known.by_key.entry(name_key(name)).or_insert(actor);
                known
                    .by_last_word
                    .entry(last_word(name))
                    .or_default()
                    .push(NameForm {
                        actor,
                        first_word: first_word(name),
                        words: name.split_whitespace().count(),
                    });
            }
        }
        known
    }

    /// The first actor with a name or alias that is `name` by [`name_key`]: what
    /// `actors.iter().position(|a| a.is_called(name))` finds.
    #[must_use]
    pub fn called(&self, name: &str) -> Option<usize> {
        self.by_key.get(&name_key(name)).copied()
    }

    /// The first actor with a name or alias that may be the same person as `full`: the same
    /// surname, and the same first name when the other has one ("Trump" or "Donald Trump"
    /// for "Donald J. Trump", never "Ivanka Trump").
    #[must_use]
    pub fn same_person(&self, full: &str) -> Option<usize> {
        let forms = self.by_last_word.get(&last_word(full))?;
        let full_words = full.split_whitespace().count();
        let full_first = first_word(full);
        // Both directions need the same last word, which the index already holds.
        forms
            .iter()
            .inspect(|_| self.compared.set(self.compared.get() + 1))
            .find(|n| {
                let name_may_be_full =
                    full_words >= 1 && (full_words < 2 || n.first_word == full_first);
                let full_may_be_name = n.words >= 1 && (n.words < 2 || full_first == n.first_word);
                name_may_be_full || full_may_be_name
            })
            .map(|n| n.actor)
    }

    /// How many actor names were compared with a person's name: the work a test counts to
    /// show that matching does not pass over every actor.
    #[must_use]
    pub fn names_compared(&self) -> usize {
        self.compared.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True if `name` may be the fuller form of `short`: the same surname, and the same first
    /// name when `short` has one ("Trump" or "Donald Trump" for "Donald J. Trump", never
    /// "Ivanka Trump").
    fn may_be_called(name: &str, short: &str) -> bool {
        short.split_whitespace().count() >= 1
            && last_word(name) == last_word(short)
            && (short.split_whitespace().count() < 2 || first_word(name) == first_word(short))
    }

    fn actors(names: &[&[&str]]) -> Vec<Actor> {
        names
            .iter()
            .map(|names| {
                let mut a = Actor::new(names[0].to_owned(), None);
                a.aliases = names[1..].iter().map(|&n| n.to_owned()).collect();
                a
            })
            .collect()
    }

    /// The index finds what the plain passes over every actor's names find.
    #[test]
    fn lookups_agree_with_a_pass_over_every_name() {
        let actors = actors(&[
            &["Ivanka Trump"],
            &["Donald J. Trump", "The President"],
            &["Trump"],
            &["Anna Berg", "Berg's office"],
            &["ANNA BERG"],
            &["Lusovia", " Foreign Ministry "],
            &["Sergei Lavrov", "Лавров"],
        ]);
        let known = KnownActors::new(&actors);
        let probes = [
            "Donald Trump",
            "Trump",
            "Ivanka Trump",
            "Melania Trump",
            "trump's",
            "Anna Berg",
            "anna berg",
            "Berg",
            "Berg's",
            "foreign ministry",
            "ЛАВРОВ",
            "Sergei Lavrov",
            "Lavrov",
            "Nobody",
            "",
            "the president",
        ];
        for probe in probes {
            let called = actors.iter().position(|a| a.is_called(probe));
            assert_eq!(known.called(probe), called, "called {probe:?}");
            let same = actors.iter().position(|a| {
                a.names()
                    .any(|n| may_be_called(n, probe) || may_be_called(probe, n))
            });
            assert_eq!(known.same_person(probe), same, "same person {probe:?}");
        }
    }
}
