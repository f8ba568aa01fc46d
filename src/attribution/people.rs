//! [`Cast`]: the people a document names, read once before the patterns run. Each
//! capitalised run outside quotations is a person, a body or a place; a person's title is
//! stripped into their role ("Relations Committee Chairman Bob Corker" is Bob Corker, whose
//! role is the title), and the later "Mr. Corker" and "Corker" are the same person. Each
//! person knows their gender when a title, a first name or a surname's ending tells it.
//! Where a person is named ([`Ref`]) is what a pronoun looks back to (`antecedent.rs`).

use std::cell::Cell;

use super::lexicon::lowercase;
use super::lexicon::names::surname_gender;
use super::lexicon::{
    Gender, demonym_country, demonym_stems, first_name_gender, is_acronym, is_body_head,
    is_capitalised, is_determiner, is_first_name, is_honorific, is_not_name, is_organisation_word,
    is_person_head, is_place, is_preposition, is_quote_verb, is_style, is_time_word, is_title,
    looks_like_country, title_gender,
};
use super::mentions::run_starting_at;
use super::scan::Scan;
use crate::model::{FastMap, FastSet};

/// One person of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The fullest form of the name without its title ("Bob Corker").
    pub name: String,
    /// The last word of the name, lowercase: what "Mr. Corker" and "Corker" match.
    pub surname: String,
    /// The first word of a name of two or more words, lowercase.
    pub first_name: Option<String>,
    pub gender: Option<Gender>,
    /// The title or role the text gives them ("Senate Foreign Relations Committee Chairman").
    pub role: Option<String>,
    /// The country or body the role names ("Russia" for "Russian Foreign Minister").
    pub affiliation: Option<String>,
    /// The token where the person is first named.
    pub first_at: usize,
}

/// A place where a person is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ref {
    /// The first token of the name.
    pub at: usize,
    pub person: usize,
    pub sentence: usize,
    pub paragraph: usize,
    /// Named as a clause's subject, not after a verb or preposition ("met *with Kerry*").
    pub is_subject: bool,
    /// Named as a speaker by the engine (set for the refs it adds as it goes).
    pub is_speaker: bool,
}

/// What a capitalised run names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RunKind {
    Person,
    Body,
    Place,
    Other,
}

/// A capitalised run, read.
#[derive(Clone, Debug)]
struct Run {
    first: usize,
    last: usize,
    /// The first token of the name after its title.
    core: usize,
    kind: RunKind,
}

/// The people of a document and where each is named.
#[derive(Debug, Default)]
pub struct Cast {
    pub persons: Vec<Person>,
    /// Where persons are named outside quotations, in text order.
    pub refs: Vec<Ref>,
    /// The person each name run means, by the run's last token.
    by_last_token: FastMap<usize, usize>,
    /// The persons with each surname, in the order they were added: a name is matched
    /// against these, not against every person of a long document.
    by_surname: FastMap<String, Vec<usize>>,
    /// The persons of two or more words by their first word, ASCII-lowercase, for a family
    /// name written first ("Mr. Xi" for Xi Jinping); filled once the full names are read.
    by_first_word: FastMap<String, Vec<usize>>,
    /// How many persons names were compared with (see [`Cast::names_compared`]).
    compared: Cell<usize>,
    /// The lowercase capitalised words of the text: what a people's adjective's country
    /// must be among ("Lusovian" → "Lusovia").
    capitalised: FastSet<String>,
}

/// Words after a name that make it a modifier, not a person named ("a *Putin* official").
fn is_modifier_noun(word: &str) -> bool {
    !is_capitalised(word)
        && (is_person_head(word)
            || is_body_head(word)
            || matches!(
                &*lowercase(word),
                "administration"
                    | "camp"
                    | "team"
                    | "campaign"
                    | "allies"
                    | "era"
                    | "doctrine"
                    | "loyalists"
                    | "supporters"
                    | "government"
                    | "regime"
            ))
}

impl Cast {
    pub fn new(scan: &Scan<'_>) -> Self {
        let runs = find_runs(scan);
        let mut capitalised = FastSet::default();
        // Names repeat: a word is copied only the first time.
        for word in (runs.iter()).flat_map(|r| (r.first..=r.last).filter_map(|i| scan.word(i))) {
            let lower = lowercase(word);
            if !capitalised.contains(&*lower) {
                capitalised.insert(lower.to_string());
            }
        }
        let mut cast = Self {
            capitalised,
            ..Self::default()
        };
        // Full names first, wherever they are: a surname alone then means the first person
        // introduced with it ("Donald Trump … Ivanka Trump … Trump" is Donald).
        for run in runs.iter().filter(|r| r.kind == RunKind::Person) {
            if run.last > run.core {
                cast.add_full_name(scan, run);
            }
        }
        // Only full names have two words, and they are all read: this index stays whole.
        for (i, p) in cast.persons.iter().enumerate() {
            let mut words = p.name.split_whitespace();
            if let (Some(first), Some(_)) = (words.next(), words.next()) {
                cast.by_first_word
                    .entry(first.to_ascii_lowercase())
                    .or_default()
                    .push(i);
            }
        }
        for run in &runs {
            let person = match run.kind {
                RunKind::Person if run.last > run.core => {
                    cast.by_last_token.get(&run.last).copied()
                }
                RunKind::Person => Some(cast.add_single_name(scan, run)),
                _ => None,
            };
            let Some(person) = person else { continue };
            cast.learn_from_title(scan, run, person);
            let next = scan.word(run.last + 1);
            if next.is_some_and(is_modifier_noun) {
                continue;
            }
            cast.refs.push(Ref {
                at: run.first,
                person,
                sentence: scan.sentence_of[run.first],
                paragraph: scan.paragraph_of[run.first],
                is_subject: is_subject_position(scan, run.first, run.last),
                is_speaker: false,
            });
        }
        cast
    }

    fn add_full_name(&mut self, scan: &Scan<'_>, run: &Run) {
        let name = core_text(scan, run.core, run.last);
        let surname = last_word(&name);
        let first = name
            .split_whitespace()
            .next()
            .map(str::to_lowercase)
            .unwrap_or_default();
        let same = self.with_surname(&surname).find(|&i| {
            self.persons[i]
                .first_name
                .as_deref()
                .is_none_or(|f| same_first_name(f, &first))
        });
        let index = if let Some(i) = same {
            let p = &mut self.persons[i];
            if name.split_whitespace().count() > p.name.split_whitespace().count() {
                p.name.clone_from(&name);
            }
            p.first_name.get_or_insert(first);
            i
        } else {
            let gender = name
                .split_whitespace()
                .next()
                .and_then(first_name_gender)
                .or_else(|| surname_gender(&surname));
            self.push(Person {
                name,
                surname,
                first_name: Some(first),
                gender,
                role: None,
                affiliation: None,
                first_at: run.first,
            })
        };
        self.by_last_token.insert(run.last, index);
    }

    /// A surname alone, or after an honorific: the first person introduced with it whose
    /// gender fits, a family name written first ("Mr. Xi" for Xi Jinping), or a new person.
    fn add_single_name(&mut self, scan: &Scan<'_>, run: &Run) -> usize {
        let name = core_text(scan, run.core, run.last);
        let key = last_word(&name);
        let gender = (run.first..run.core)
            .filter_map(|i| scan.word(i))
            .find_map(title_gender);
        let fits = |p: &Person| gender.is_none() || p.gender.is_none() || p.gender == gender;
        let found = self
            .with_surname(&key)
            .filter(|&i| fits(&self.persons[i]))
            .min_by_key(|&i| self.persons[i].first_at)
            .or_else(|| {
                let written_first = self.by_first_word.get(&name.to_ascii_lowercase())?;
                written_first.iter().copied().find(|&i| {
                    self.count_compared(1);
                    let first = self.persons[i].name.split_whitespace().next().unwrap_or("");
                    !is_first_name(first)
                })
            });
        let index = found.unwrap_or_else(|| {
            self.push(Person {
                name: name.clone(),
                surname: key.clone(),
                first_name: None,
                gender: surname_gender(&key),
                role: None,
                affiliation: None,
                first_at: run.first,
            })
        });
        self.by_last_token.insert(run.last, index);
        index
    }

    /// The gender and role a name's title gives its person.
    fn learn_from_title(&mut self, scan: &Scan<'_>, run: &Run, person: usize) {
        let title_words: Vec<&str> = (run.first..run.core).filter_map(|i| scan.word(i)).collect();
        let before = role_before(scan, run.first);
        let after = appositive_role(scan, run.last);
        let Some(p) = self.persons.get_mut(person) else {
            return;
        };
        if let Some(g) = title_words.iter().copied().find_map(title_gender) {
            p.gender = Some(g);
        }
        let title: Vec<&str> = title_words
            .iter()
            .copied()
            .filter(|w| !is_honorific(w))
            .collect();
        let mut role_words: Vec<String> = before.iter().map(|&w| w.to_owned()).collect();
        role_words.extend(title.iter().map(|&w| w.to_owned()));
        let role = if role_words.is_empty() {
            after
        } else {
            Some(role_words.join(" "))
        };
        if let Some(role) = role
            && p.role.is_none()
        {
            if p.gender.is_none() {
                p.gender = role.split_whitespace().find_map(title_gender);
            }
            p.affiliation = affiliation_of(&role, &self.capitalised);
            p.role = Some(role);
        }
    }

    /// Adds a person, indexed by surname; returns their index.
    fn push(&mut self, person: Person) -> usize {
        let index = self.persons.len();
        self.by_surname
            .entry(person.surname.clone())
            .or_default()
            .push(index);
        self.persons.push(person);
        index
    }

    /// The persons with surname `key`, in the order they were added.
    fn with_surname(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_surname
            .get(key)
            .into_iter()
            .flatten()
            .copied()
            .inspect(|_| self.count_compared(1))
    }

    fn count_compared(&self, n: usize) {
        self.compared.set(self.compared.get() + n);
    }

    /// How many persons a name was compared with, while the cast was read and since: the
    /// work a test counts to show that a long document with many people costs time in
    /// proportion to its length.
    pub fn names_compared(&self) -> usize {
        self.compared.get()
    }

    /// The person the name run ending at token `last` means.
    pub fn person_at(&self, last: usize) -> Option<usize> {
        self.by_last_token.get(&last).copied()
    }

    /// The person a name's words mean, when no run ends at its last token (a name inside
    /// a longer mention): by surname, the first introduced.
    pub fn person_called(&self, name: &str) -> Option<usize> {
        let key = last_word(strip_possessive(name));
        self.with_surname(&key)
            .min_by_key(|&i| self.persons[i].first_at)
    }

    /// Records a gender learnt from a pronoun that refers to the person.
    pub fn learn_gender(&mut self, person: usize, gender: Gender) {
        if let Some(p) = self.persons.get_mut(person) {
            p.gender.get_or_insert(gender);
        }
    }
}

/// Two first names of one person: the same, or one an initial of the other.
fn same_first_name(a: &str, b: &str) -> bool {
    a == b
        || (a.len() <= 2 && b.starts_with(a.trim_end_matches('.')))
        || (b.len() <= 2 && a.starts_with(b.trim_end_matches('.')))
}

/// A name without a possessive ending.
#[must_use]
pub fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .or_else(|| name.strip_suffix('\''))
        .or_else(|| name.strip_suffix('’'))
        .unwrap_or(name)
}

/// The last word of a name, lowercase.
#[must_use]
pub fn last_word(name: &str) -> String {
    strip_possessive(name.split_whitespace().next_back().unwrap_or("")).to_lowercase()
}

/// The words of tokens `first..=last`, without a possessive ending.
fn core_text(scan: &Scan<'_>, first: usize, last: usize) -> String {
    strip_possessive(scan.text_of(first, last)).to_owned()
}

/// Where the name starts after its title: after the last title word but the final one
/// ("Senate Foreign Relations Committee Chairman Bob Corker"), keeping a royal or religious
/// style with a single given name ("King Charles", "Sheikh Hamad").
fn core_start(words: &[&str]) -> usize {
    let Some(last) = words.len().checked_sub(1) else {
        return 0;
    };
    // An acronym before a name is its organisation ("NATO", "МИД").
    let skip = words[..last]
        .iter()
        .rposition(|w| is_title(w) || is_acronym(w))
        .map_or(0, |i| i + 1);
    if skip == last && skip > 0 && is_style(words[skip - 1]) {
        return skip - 1;
    }
    skip
}

/// Every capitalised run outside quotations, read as a person, a body or a place.
fn find_runs(scan: &Scan<'_>) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut k = 0;
    while k < scan.tokens.len() {
        let Some((first, last)) = run_starting_at(scan, k) else {
            k += 1;
            continue;
        };
        let words: Vec<&str> = (first..=last).filter_map(|i| scan.word(i)).collect();
        let core = first + core_start(&words);
        runs.push(Run {
            first,
            last,
            core,
            kind: run_kind(scan, first, core, last),
        });
        k = last + 1;
    }
    runs
}

fn run_kind(scan: &Scan<'_>, first: usize, core: usize, last: usize) -> RunKind {
    let core_words: Vec<&str> = (core..=last).filter_map(|i| scan.word(i)).collect();
    let titled = core > first;
    if core_words
        .iter()
        .any(|w| is_organisation_word(strip_possessive(w)))
    {
        return RunKind::Body;
    }
    let Some(&lone) = core_words.first() else {
        return RunKind::Other;
    };
    if core_words.len() == 1 {
        let lone = strip_possessive(lone);
        if is_title(lone) || is_not_name(lone) {
            return RunKind::Other;
        }
        if !titled && (is_acronym(lone) || is_body_head(lone)) {
            return RunKind::Body;
        }
        let placed = first > 0
            && scan.word(first - 1).is_some_and(|w| {
                matches!(
                    &*lowercase(w),
                    "in" | "at" | "near" | "across" | "throughout"
                )
            });
        if !titled
            && (is_place(lone) || (looks_like_country(lone) && !is_first_name(lone)) || placed)
        {
            return RunKind::Place;
        }
        // A lone capitalised word at a sentence's start may be any word; a name there is a
        // subject: a verb follows it ("Brandt said", "Brandt, who …").
        let starts_sentence = first == 0
            || scan.sentence_of.get(first - 1) != scan.sentence_of.get(first)
            || matches!(
                scan.tokens.get(first - 1).map(|t| t.kind),
                Some(super::tokens::Kind::Mark(_))
            );
        if !titled && starts_sentence {
            let next = scan.word(last + 1);
            let subject = next.is_some_and(|w| {
                is_quote_verb(w)
                    || super::lexicon::english_frames(w).is_some()
                    || super::lexicon::is_verb_modifier(w)
            }) || scan.punct(last + 1) == Some(',');
            if !(subject || is_first_name(lone)) {
                return RunKind::Other;
            }
        }
        return RunKind::Person;
    }
    if core_words.iter().all(|w| is_place(strip_possessive(w))) {
        return RunKind::Place;
    }
    RunKind::Person
}

/// True if the name at `first..=last` stands as a clause's subject: nothing, a comma, a
/// conjunction or a time word before it, never a verb or a preposition.
fn is_subject_position(scan: &Scan<'_>, first: usize, last: usize) -> bool {
    if scan
        .word(last)
        .is_some_and(|w| w.ends_with("'s") || w.ends_with("’s"))
    {
        return false;
    }
    let Some(prev) = first.checked_sub(1) else {
        return true;
    };
    if scan.sentence_of.get(prev) != scan.sentence_of.get(first) {
        return true;
    }
    match scan.word(prev) {
        None => true,
        Some(w) if is_preposition(w) => false,
        Some(w) if is_capitalised(w) || is_time_word(w) => true,
        Some(w) => matches!(
            &*lowercase(w),
            "and"
                | "but"
                | "then"
                | "while"
                | "when"
                | "as"
                | "because"
                | "although"
                | "though"
                | "if"
                | "so"
                | "where"
                | "also"
                | "meanwhile"
        ),
    }
}

/// Lowercase role words just before a name ("Kremlin *aide* Yuri Ushakov", "the country's
/// *top negotiator* Anna Berg"), back to a determiner or anything else.
fn role_before<'a>(scan: &Scan<'a>, first: usize) -> Vec<&'a str> {
    let mut words = Vec::new();
    let mut i = first;
    while let Some(p) = i.checked_sub(1) {
        let Some(w) = scan.word(p) else { break };
        let is_role_word = is_title(w)
            || is_person_head(w)
            || w.ends_with("'s")
            || w.ends_with("’s")
            || (is_capitalised(w) && !is_not_name(w));
        if !is_role_word || is_determiner(w) || words.len() >= 6 {
            break;
        }
        words.push(w);
        i = p;
    }
    // Only a phrase that ends in a role noun is a role ("Kremlin aide"); "Moscow" is not.
    if words
        .first()
        .is_none_or(|w| !(is_person_head(w) || is_title(w)))
    {
        return Vec::new();
    }
    words.reverse();
    words
}

/// An appositive after a name that gives a role ("Anna Berg, *the foreign minister*,").
fn appositive_role(scan: &Scan<'_>, last: usize) -> Option<String> {
    if scan.punct(last + 1) != Some(',') {
        return None;
    }
    let start = last + 2;
    let det = scan
        .word(start)
        .is_some_and(|w| is_determiner(w) || w.ends_with("'s") || w.ends_with("’s"));
    let from = if scan.word(start).is_some_and(is_determiner) {
        start + 1
    } else {
        start
    };
    let end = (from..from + 8)
        .take_while(|&i| scan.word(i).is_some())
        .last()?;
    let head = scan.word(end)?;
    let closes = matches!(scan.punct(end + 1), Some(',' | '.' | ';'))
        || scan.word(end + 1).is_some_and(is_quote_verb);
    (det && is_person_head(head) && closes).then(|| scan.text_of(from, end).to_owned())
}

/// The country or body a role names: a possessive place ("Russia's"), a people's adjective
/// ("Russian", or "Lusovian" when the text names Lusovia), or an organisation's words
/// ("Senate Foreign Relations Committee" of its chairman).
#[must_use]
pub fn affiliation_of(role: &str, capitalised: &FastSet<String>) -> Option<String> {
    let words: Vec<&str> = role.split_whitespace().collect();
    for w in &words {
        let bare = strip_possessive(w);
        if bare.len() < w.len() && is_capitalised(bare) {
            return Some(bare.to_owned());
        }
        if let Some(country) = demonym_country(bare) {
            return Some(country.to_owned());
        }
        if is_capitalised(bare) {
            let lower = bare.to_lowercase();
            if let Some(stem) = demonym_stems(&lower)
                .into_iter()
                .find(|s| capitalised.contains(s))
            {
                let mut chars = stem.chars();
                return chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect());
            }
        }
    }
    let org: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| is_capitalised(w) && !is_person_head(w) && !is_honorific(w))
        .filter(|w| {
            !matches!(
                &*lowercase(w),
                "former" | "acting" | "deputy" | "senior" | "top" | "vice" | "chief"
            )
        })
        .collect();
    (org.iter().any(|w| is_organisation_word(w) || is_acronym(w))).then(|| org.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cast(text: &str) -> Cast {
        Cast::new(&Scan::new(text))
    }

    #[test]
    fn a_title_is_stripped_into_the_role_and_later_forms_are_the_same_person() {
        let c = cast(
            "Senate Foreign Relations Committee Chairman Bob Corker spoke. Later Mr. Corker left, and Corker said so.",
        );
        assert_eq!(c.persons.len(), 1, "{:#?}", c.persons);
        let p = &c.persons[0];
        assert_eq!(p.name, "Bob Corker");
        assert_eq!(
            p.role.as_deref(),
            Some("Senate Foreign Relations Committee Chairman")
        );
        assert_eq!(
            p.affiliation.as_deref(),
            Some("Senate Foreign Relations Committee")
        );
        assert_eq!(p.gender, Some(Gender::Male));
        assert_eq!(c.refs.len(), 3);
    }

    #[test]
    fn gender_from_first_names_titles_and_roles() {
        let c = cast(
            "Anna Berg met Ms. Sorvik, Mr. Lind and Kremlin spokeswoman Ilka Varga in Geneva.",
        );
        let gender = |name: &str| {
            c.persons
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.gender)
        };
        assert_eq!(gender("Anna Berg"), Some(Gender::Female));
        assert_eq!(gender("Sorvik"), Some(Gender::Female));
        assert_eq!(gender("Lind"), Some(Gender::Male));
        assert_eq!(gender("Ilka Varga"), Some(Gender::Female));
        assert!(c.persons.iter().all(|p| p.name != "Geneva"));
    }

    #[test]
    fn affiliation_from_a_people_named_in_the_text() {
        let c = cast("Lusovia sent its envoy. Lusovian Foreign Minister Anna Berg arrived.");
        let p = c.persons.iter().find(|p| p.name == "Anna Berg");
        assert_eq!(p.and_then(|p| p.affiliation.as_deref()), Some("Lusovia"));
        let c = cast("Russian Deputy Foreign Minister Sergei Ryabkov arrived.");
        assert_eq!(c.persons[0].affiliation.as_deref(), Some("Russia"));
        assert_eq!(c.persons[0].name, "Sergei Ryabkov");
    }

    #[test]
    fn a_surname_alone_is_the_first_person_introduced_with_it() {
        let c = cast("Donald Trump met envoys. Ivanka Trump came too. Then Trump spoke.");
        let last = c.refs.last().map(|r| c.persons[r.person].name.as_str());
        assert_eq!(last, Some("Donald Trump"));
        let c = cast("King Charles spoke. Mr. Xi met Xi Jinping's aides.");
        assert!(
            c.persons.iter().any(|p| p.name == "King Charles"),
            "{:#?}",
            c.persons
        );
    }
}
