//! The news evaluation set in `tests/data/attribution/news/`: one file per class of
//! attribution (quotation styles, speaker resolution, reported speech, precision traps), each a
//! list of short passages in the format of `tests/data/attribution/patterns.ron`. These tests
//! check the data, not the engine: every gold part lies in its passage in order, direct parts
//! sit between quotation marks, every speaker is an actor of its passage, and each class is
//! large enough to be scored on its own.
#![allow(clippy::unwrap_used, reason = "a test fails by panicking")]

mod attribution_gold;

use std::collections::{BTreeMap, BTreeSet};

use attribution_gold::{GoldArticle, root, text_of};
use stance::model::{Attribution, name_key};

/// The folder of the set, one `<class>.ron` per class.
const NEWS: &str = "tests/data/attribution/news";
const MIN_PER_CLASS: usize = 4;
const MIN_TOTAL: usize = 70;

/// The classes the set is written to measure (issue 21); each must have its file.
const CLASSES: &[&str] = &[
    "alias-reuse",
    "belief-intention",
    "follow-on-quote",
    "organisation-speaker",
    "partial-quote",
    "precision-traps",
    "pronoun-speaker",
    "quote-apostrophes",
    "quote-cjk",
    "quote-guillemets",
    "quote-low9",
    "quote-multi-paragraph",
    "quote-single-headline",
    "reported-speech",
    "text-speaker",
    "title-stripping",
];

/// Every quotation mark a direct part may sit between, in any of the styles the set covers:
/// straight and curly double and single, two apostrophes (read as two `'`), low-9 double and
/// single, guillemets double and single (either direction), CJK corner brackets.
const MARKS: &[char] = &[
    '"', '\'', '“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›', '「', '」', '『', '』',
];

fn load_classes() -> Vec<attribution_gold::Class> {
    attribution_gold::load_classes(NEWS)
}

/// Space that may stand between a mark and the words it quotes (French `« … »`).
fn is_inline_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}'
}

/// What is wrong with one direct part found at `text[start..end]`, if anything: it must open
/// right after a quotation mark, and end before a closing mark (a comma may come between), or
/// at the end of a paragraph when the quotation goes on in the next one (AP style: no closing
/// mark until the last paragraph).
fn direct_part_problem(text: &str, start: usize, end: usize, last: bool) -> Option<String> {
    let before = text[..start].chars().rev().find(|&c| !is_inline_space(c));
    if !before.is_some_and(|c| MARKS.contains(&c)) {
        return Some(format!("opens after {before:?}, not a quotation mark"));
    }
    let mut after = text[end..]
        .chars()
        .skip_while(|&c| c == ',' || is_inline_space(c));
    match after.next() {
        Some(c) if MARKS.contains(&c) => None,
        Some('\n') | None if !last => None,
        other => Some(format!(
            "ends before {other:?}, not a closing quotation mark"
        )),
    }
}

/// What is wrong with one reported (indirect or paraphrase) part, if anything: the content
/// only, without surrounding space, the complementiser or the clause's closing punctuation.
fn reported_part_problem(part: &str) -> Option<String> {
    if part.trim() != part {
        return Some("has surrounding space".into());
    }
    if part.to_lowercase().starts_with("that ") {
        return Some("starts with `that` (the cue, not the content)".into());
    }
    if part.ends_with(['.', ',', ';', ':', '。', '，']) {
        return Some("ends with punctuation that closes the clause".into());
    }
    None
}

/// Every problem in one passage, each naming the passage.
fn article_problems(class: &str, article: &GoldArticle) -> Vec<String> {
    let at = format!("{class}/{}", article.name);
    let mut problems = Vec::new();
    let text = text_of(article);
    let mut keys = BTreeMap::new();
    for actor in &article.actors {
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            if let Some(other) = keys.insert(name_key(name), &actor.name)
                && *other != actor.name
            {
                problems.push(format!(
                    "{at}: {name:?} names {other:?} and {:?}",
                    actor.name
                ));
            }
        }
    }
    let mut cursor = 0;
    for s in &article.statements {
        let Ok(attribution) = s.attribution.parse::<Attribution>() else {
            problems.push(format!("{at}: unknown attribution {:?}", s.attribution));
            continue;
        };
        if !article.actors.iter().any(|a| a.name == s.speaker) {
            problems.push(format!("{at}: speaker {:?} is not an actor", s.speaker));
        }
        if s.pattern.trim().is_empty() {
            problems.push(format!("{at}: a statement has no pattern"));
        }
        if s.parts.is_empty() {
            problems.push(format!("{at}: a statement has no parts"));
        }
        for (i, part) in s.parts.iter().enumerate() {
            let Some(found) = text[cursor..].find(part.as_str()) else {
                problems.push(format!("{at}: {part:?} not found in order"));
                continue;
            };
            let (start, end) = (cursor + found, cursor + found + part.len());
            cursor = end;
            let problem = match attribution {
                Attribution::Direct => {
                    direct_part_problem(&text, start, end, i + 1 == s.parts.len())
                }
                Attribution::Indirect | Attribution::Paraphrase => reported_part_problem(part),
                Attribution::Author => None,
            };
            if let Some(problem) = problem {
                problems.push(format!("{at}: {part:?} {problem}"));
            }
        }
    }
    problems
}

#[test]
fn every_gold_part_is_in_its_passage_in_order_with_a_known_speaker_and_type() {
    let classes = load_classes();
    let mut problems = Vec::new();
    let mut names = BTreeSet::new();
    for class in &classes {
        for article in &class.articles {
            if !names.insert(article.name.clone()) {
                problems.push(format!("passage name {:?} is used twice", article.name));
            }
            problems.extend(article_problems(&class.name, article));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_class_has_its_file_and_enough_passages() {
    let classes = load_classes();
    let found: Vec<&str> = classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(found, CLASSES, "one file per class, named by the class");
    let mut total = 0;
    for class in &classes {
        let passages = class.articles.len();
        let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
        for s in class.articles.iter().flat_map(|a| &a.statements) {
            *by_type.entry(s.attribution.as_str()).or_default() += 1;
        }
        let statements: usize = by_type.values().sum();
        println!(
            "{}: {passages} passages, {statements} statements {by_type:?}",
            class.name
        );
        assert!(
            passages >= MIN_PER_CLASS,
            "{}: {passages} passages, at least {MIN_PER_CLASS} wanted",
            class.name
        );
        total += passages;
    }
    assert!(total >= MIN_TOTAL, "{total} passages, at least {MIN_TOTAL}");
}

#[test]
fn readme_describes_every_class() {
    let readme = std::fs::read_to_string(root().join(NEWS).join("README.md")).unwrap();
    for class in CLASSES {
        assert!(
            readme.contains(&format!("`{class}`")),
            "README.md does not describe `{class}`"
        );
    }
}

/// The checks themselves can fail: a part off its quotation marks, a comma-closed clause.
#[test]
fn the_part_checks_catch_misplaced_parts() {
    let text = "\"We will wait,\" she said. He said that it was over.";
    let start = text.find("We will").unwrap();
    assert_eq!(direct_part_problem(text, start, start + 12, true), None);
    // One word short of the closing mark.
    assert!(direct_part_problem(text, start, start + 7, true).is_some());
    // Not after an opening mark.
    let he = text.find("He said").unwrap();
    assert!(direct_part_problem(text, he, he + 7, true).is_some());
    let multi = "\"First.\n\"Second.\"";
    assert_eq!(direct_part_problem(multi, 1, 7, false), None);
    assert!(direct_part_problem(multi, 1, 7, true).is_some());
    assert!(reported_part_problem("that it was over").is_some());
    assert!(reported_part_problem("it was over.").is_some());
    assert_eq!(reported_part_problem("it was over"), None);
}
