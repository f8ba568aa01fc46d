//! The attribution engine against the gold set in `tests/data/attribution/`: precision,
//! recall and speaker accuracy on the reference article and on short articles written for
//! each pattern, printed (run with `--nocapture`) and held above floors the engine reaches.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use stance::attribution::evaluation::{Evaluation, Item, evaluate, matches, same_speaker};
use stance::attribution::{SpeakerMatch, Suggestion, analyse};
use stance::model::{Actor, Attribution, Document, Span, text::normalize_text};

#[derive(Deserialize)]
struct GoldArticle {
    name: String,
    #[serde(default)]
    text_file: Option<String>,
    #[serde(default)]
    text: Option<String>,
    actors: Vec<GoldActor>,
    statements: Vec<GoldStatement>,
}

#[derive(Deserialize)]
struct GoldActor {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct GoldStatement {
    parts: Vec<String>,
    speaker: String,
    attribution: String,
    pattern: String,
}

/// One article ready to score: its document, actors, gold items and their patterns.
struct Case {
    document: Document,
    actors: Vec<Actor>,
    gold: Vec<Item>,
    patterns: Vec<String>,
}

fn load(file: &str) -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("tests/data/attribution").join(file)).unwrap();
    let articles: Vec<GoldArticle> = ron::from_str(&source).unwrap();
    articles.iter().map(|a| case(root, a)).collect()
}

fn case(root: &Path, article: &GoldArticle) -> Case {
    let raw = match (&article.text_file, &article.text) {
        (Some(path), _) => std::fs::read_to_string(root.join(path)).unwrap(),
        (None, Some(text)) => text.clone(),
        (None, None) => panic!("{}: no text", article.name),
    };
    let document = Document::new(article.name.clone(), normalize_text(&raw));
    let actors: Vec<Actor> = article
        .actors
        .iter()
        .map(|a| {
            let mut actor = Actor::new(a.name.clone(), None);
            actor.aliases.clone_from(&a.aliases);
            actor
        })
        .collect();
    let mut cursor = 0;
    let mut gold = Vec::new();
    let mut patterns = Vec::new();
    for s in &article.statements {
        let mut ranges = Vec::new();
        for part in &s.parts {
            let at = document.text[cursor..]
                .find(part.as_str())
                .unwrap_or_else(|| panic!("{}: {part:?} not found in order", article.name));
            let start = cursor + at;
            cursor = start + part.len();
            let a = document.byte_to_char(start).unwrap();
            ranges.push(Span::new(a, a + part.chars().count()));
        }
        let actor = actors.iter().find(|a| a.name == s.speaker).unwrap();
        gold.push(Item {
            document: article.name.clone(),
            ranges,
            speaker: actor.names().map(str::to_owned).collect(),
            attribution: Some(s.attribution.parse::<Attribution>().unwrap()),
        });
        patterns.push(s.pattern.clone());
    }
    Case {
        document,
        actors,
        gold,
        patterns,
    }
}

/// The suggestions as evaluation items; an existing actor brings all its names.
fn predicted(case: &Case, known_actors: bool) -> Vec<Item> {
    let actors: &[Actor] = if known_actors { &case.actors } else { &[] };
    analyse(&case.document, actors)
        .iter()
        .map(|s: &Suggestion| Item {
            document: case.document.title.clone(),
            ranges: s.content.clone(),
            speaker: match s.speaker.as_ref().map(|sp| &sp.actor) {
                Some(SpeakerMatch::Existing(id)) => {
                    let a = actors.iter().find(|a| a.id == *id).unwrap();
                    a.names().map(str::to_owned).collect()
                }
                Some(SpeakerMatch::Proposed { name }) => {
                    // A proposed name is right if the gold actor is called so.
                    let known = case.actors.iter().find(|a| a.is_called(name));
                    known.map_or_else(
                        || vec![name.clone()],
                        |a| a.names().map(str::to_owned).collect(),
                    )
                }
                None => Vec::new(),
            },
            attribution: Some(s.attribution),
        })
        .collect()
}

fn score(cases: &[Case], known_actors: bool, only: Option<Attribution>) -> Evaluation {
    let keep = |i: &Item| only.is_none_or(|t| i.attribution == Some(t));
    let gold: Vec<Item> = cases
        .iter()
        .flat_map(|c| c.gold.iter().filter(|i| keep(i)).cloned())
        .collect();
    let pred: Vec<Item> = cases
        .iter()
        .flat_map(|c| predicted(c, known_actors).into_iter().filter(|i| keep(i)))
        .collect();
    evaluate(&gold, &pred)
}

/// Per pattern: gold statements found at overlap ≥ 0.8 with the right speaker.
fn per_pattern(cases: &[Case]) -> BTreeMap<String, (usize, usize)> {
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for c in cases {
        let pred = predicted(c, true);
        let pairs = matches(&c.gold, &pred, 0.8);
        for (g, pattern) in c.patterns.iter().enumerate() {
            let entry = out.entry(pattern.clone()).or_default();
            entry.1 += 1;
            if pairs
                .iter()
                .any(|&(gi, p)| gi == g && same_speaker(&c.gold[g], &pred[p]))
            {
                entry.0 += 1;
            }
        }
    }
    out
}

#[test]
fn reference_article_quotes_are_found_with_their_speakers() {
    let cases = load("reference.ron");
    let with_actors = score(&cases, true, Some(Attribution::Direct));
    let proposed = score(&cases, false, Some(Attribution::Direct));
    println!(
        "reference article, direct quotes, actors known:\n{}",
        with_actors.to_text()
    );
    println!(
        "reference article, direct quotes, no actors:\n{}",
        proposed.to_text()
    );
    let all = score(&cases, true, None);
    println!(
        "reference article, all statements, actors known:\n{}",
        all.to_text()
    );
    for (pattern, (found, total)) in per_pattern(&cases) {
        println!("pattern {pattern}: {found}/{total}");
    }
    // Reported speech is harder to bound: most is found, with looser spans.
    assert!(
        all.spans[2].recall >= 0.85,
        "recall {:.3}",
        all.spans[2].recall
    );
    assert!(
        all.speaker.accuracy >= 0.85,
        "speaker {:.3}",
        all.speaker.accuracy
    );
    let at_08 = &with_actors.spans[1];
    assert!(at_08.recall >= 0.9, "recall {:.3}", at_08.recall);
    assert!(at_08.precision >= 0.9, "precision {:.3}", at_08.precision);
    assert!(
        with_actors.speaker.accuracy >= 0.9,
        "speaker {:.3}",
        with_actors.speaker.accuracy
    );
    assert!(
        proposed.speaker.accuracy >= 0.9,
        "speaker {:.3}",
        proposed.speaker.accuracy
    );
}

#[test]
fn written_articles_cover_every_pattern() {
    let cases = load("patterns.ron");
    let all = score(&cases, true, None);
    println!(
        "pattern articles, all statements, actors known:\n{}",
        all.to_text()
    );
    let per = per_pattern(&cases);
    for (pattern, (found, total)) in &per {
        println!("pattern {pattern}: {found}/{total}");
    }
    let found: usize = per.values().map(|v| v.0).sum();
    let total: usize = per.values().map(|v| v.1).sum();
    println!("patterns: {found}/{total} with the right speaker at overlap >= 0.8");
    assert!(
        all.spans[1].recall >= 0.9,
        "recall {:.3}",
        all.spans[1].recall
    );
    assert!(
        all.speaker.accuracy >= 0.9,
        "speaker {:.3}",
        all.speaker.accuracy
    );
}

/// The speed figure for the README: the 1 MiB bench article, timed and printed (the same
/// figure as `stance bench`'s `attribution.analyse`; tests assert no timings). Meaningful in
/// release: `cargo test --release --test attribution -- --nocapture`.
#[test]
fn one_mebibyte_article_is_analysed_and_timed() {
    use stance::bench::data::{LongArticleSpec, long_article_project};
    let project = long_article_project(LongArticleSpec::FULL).unwrap();
    let document = &project.documents()[0];
    let started = std::time::Instant::now();
    let found = analyse(document, project.actors());
    let elapsed = started.elapsed();
    println!(
        "attribution.analyse: {} ms for {} bytes, {} suggestions",
        elapsed.as_millis(),
        document.text.len(),
        found.len()
    );
    assert!(document.text.len() >= 1 << 20);
    // Every suggestion lies inside the document, with sorted, non-empty ranges.
    for s in &found {
        assert!(
            s.content
                .iter()
                .all(|r| !r.is_empty() && r.end <= document.len_chars())
        );
        assert!(s.content.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
