//! The gender a first name, a title or a role noun gives a person, so that `he` and `she`
//! find the right speaker. The first names come from public-domain US Social Security data
//! and a hand-compiled list of names in international news (see `data/README.md` for the
//! sources and licences); both are embedded, so nothing is downloaded at run time.

use std::sync::OnceLock;

use super::lowercase;
use crate::model::{FastBuild, FastMap};

/// The grammatical gender a pronoun, title or name points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The pronoun that refers to a person of this gender, for the reasons the card shows.
    #[must_use]
    pub const fn noun(self) -> &'static str {
        match self {
            Self::Male => "man",
            Self::Female => "woman",
        }
    }
}

const US_NAMES: &str = include_str!("data/first_names.txt");
const WORLD_NAMES: &str = include_str!("data/first_names_world.txt");

fn first_names() -> &'static FastMap<&'static str, Gender> {
    static NAMES: OnceLock<FastMap<&'static str, Gender>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut map = FastMap::with_capacity_and_hasher(8_600, FastBuild::default());
        // The world list is read last: its names are the ones the US list has wrong or lacks.
        for line in US_NAMES.lines().chain(WORLD_NAMES.lines()) {
            let Some((sex, name)) = line.split_once(' ') else {
                continue;
            };
            let gender = match sex {
                "f" => Gender::Female,
                "m" => Gender::Male,
                _ => continue,
            };
            map.insert(name.trim(), gender);
        }
        map
    })
}

/// The gender of a first name, if the lists know it as one sex's (case ignored; a
/// hyphenated name goes by its first part: "Jean-Luc", "Marie-Claire").
#[must_use]
pub fn first_name_gender(name: &str) -> Option<Gender> {
    let lower = lowercase(name);
    let names = first_names();
    if let Some(&g) = names.get(&*lower) {
        return Some(g);
    }
    let (head, _) = lower.split_once(['-', '‑'])?;
    match head {
        "jean" | "hans" | "karl" | "jose" | "josé" => Some(Gender::Male),
        "marie" | "anne" | "ana" | "maria" => Some(Gender::Female),
        _ => names.get(head).copied(),
    }
}

/// True if the lists know `word` as a first name of either sex.
#[must_use]
pub fn is_first_name(word: &str) -> bool {
    first_name_gender(word).is_some()
}

/// The gender an honorific or a gendered noun gives ("Mr.", "Queen", "spokeswoman").
#[must_use]
pub fn title_gender(word: &str) -> Option<Gender> {
    let lower = lowercase(word);
    let lower = lower.trim_end_matches('.');
    match lower {
        "mr" | "mister" | "sir" | "lord" | "king" | "prince" | "emir" | "sultan" | "sheikh"
        | "monsieur" | "m" | "herr" | "signor" | "señor" | "senor" | "pope" | "duke" | "count"
        | "baron" | "emperor" | "messrs" | "father" | "brother" | "archbishop" | "cardinal"
        | "spokesman" | "chairman" | "congressman" | "businessman" | "assemblyman"
        | "councilman" | "statesman" | "frontman" | "policeman" | "newsman" | "anchorman"
        | "countryman" | "husband" | "son" | "uncle" | "grandfather" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "madam" | "madame" | "mme" | "mlle" | "dame" | "lady" | "queen"
        | "princess" | "sheikha" | "frau" | "signora" | "señora" | "senora" | "duchess"
        | "countess" | "baroness" | "empress" | "sister" | "spokeswoman" | "chairwoman"
        | "congresswoman" | "businesswoman" | "assemblywoman" | "councilwoman" | "stateswoman"
        | "policewoman" | "anchorwoman" | "countrywoman" | "wife" | "daughter" | "aunt"
        | "grandmother" | "actress" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender a Slavic or Baltic surname's ending gives ("Zakharova", "Kowalska"), when no
/// first name tells; only endings that are one sex's.
#[must_use]
pub fn surname_gender(surname: &str) -> Option<Gender> {
    let lower = lowercase(surname);
    let female = [
        "ova", "eva", "yova", "skaya", "tskaya", "ska", "cka", "ová", "ова", "ева", "ская",
    ];
    let male = [
        "ov", "ev", "yov", "sky", "skiy", "skyi", "ski", "cki", "ов", "ев", "ский",
    ];
    if lower.chars().count() < 5 {
        return None;
    }
    if female.iter().any(|e| lower.ends_with(e)) {
        return Some(Gender::Female);
    }
    male.iter()
        .any(|e| lower.ends_with(e))
        .then_some(Gender::Male)
}

/// The gender of a third-person pronoun in the languages the engine reads; `None` for
/// "they" and the like.
#[must_use]
pub fn pronoun_gender(word: &str) -> Option<Gender> {
    match &*lowercase(word) {
        // Not "on", "han", "hon": English words and a surname.
        "he" | "il" | "er" | "он" | "его" | "lui" | "él" | "ele" | "hij" | "a-t-il" | "t-il" => {
            Some(Gender::Male)
        }
        "she" | "elle" | "она" | "её" | "ее" | "lei" | "ella" | "ela" | "zij" | "a-t-elle"
        | "t-elle" => Some(Gender::Female),
        _ => None,
    }
}

/// True for a third-person singular pronoun that may name a speaker.
#[must_use]
pub fn is_speaker_pronoun(word: &str) -> bool {
    pronoun_gender(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_titles_and_endings_give_a_gender() {
        assert_eq!(first_name_gender("Anna"), Some(Gender::Female));
        assert_eq!(first_name_gender("TOMAS"), Some(Gender::Male));
        assert_eq!(first_name_gender("Volodymyr"), Some(Gender::Male));
        assert_eq!(first_name_gender("Jean-Luc"), Some(Gender::Male));
        assert_eq!(first_name_gender("Ushakov"), None);
        assert_eq!(title_gender("Mrs."), Some(Gender::Female));
        assert_eq!(title_gender("spokesman"), Some(Gender::Male));
        assert_eq!(title_gender("President"), None);
        assert_eq!(surname_gender("Zakharova"), Some(Gender::Female));
        assert_eq!(surname_gender("Lavrov"), Some(Gender::Male));
        assert_eq!(surname_gender("Berg"), None);
        assert_eq!(pronoun_gender("She"), Some(Gender::Female));
        assert_eq!(pronoun_gender("they"), None);
    }

    #[test]
    fn the_lists_are_compact_and_clean() {
        let names = first_names();
        assert!(
            names.len() > 8_000 && names.len() < 10_000,
            "{}",
            names.len()
        );
        assert!(
            names
                .keys()
                .all(|n| !n.is_empty() && *n == n.to_lowercase())
        );
    }
}
