//! Shared by the attribution tests: gold articles in the format of
//! `tests/data/attribution/*.ron` (and one file per class under `news/`), read into
//! documents, actors and gold items, and the engine's suggestions as items to score.
#![allow(dead_code, reason = "each test binary uses a part of it")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use stance::attribution::evaluation::{Evaluation, Item, evaluate, matches, same_speaker};
use stance::attribution::{SpeakerMatch, Suggestion, analyse};
use stance::model::{Actor, Attribution, Document, Span, text::normalize_text};

#[derive(Deserialize)]
pub struct GoldArticle {
    pub name: String,
    #[serde(default)]
    pub text_file: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    pub actors: Vec<GoldActor>,
    pub statements: Vec<GoldStatement>,
}

#[derive(Deserialize)]
pub struct GoldActor {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
pub struct GoldStatement {
    pub parts: Vec<String>,
    pub speaker: String,
    pub attribution: String,
    pub pattern: String,
}

/// One article ready to score: its document, actors, gold items and their patterns.
pub struct Case {
    pub document: Document,
    pub actors: Vec<Actor>,
    pub gold: Vec<Item>,
    pub patterns: Vec<String>,
}

/// One class of the news set: its name (the file stem) and its passages.
pub struct Class {
    pub name: String,
    pub articles: Vec<GoldArticle>,
}

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The articles of one file under `tests/data/attribution/`.
pub fn load_articles(file: &str) -> Vec<GoldArticle> {
    let path = root().join("tests/data/attribution").join(file);
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ron::from_str(&source).unwrap_or_else(|e| panic!("{}:{e}", path.display()))
}

/// The cases of one file under `tests/data/attribution/`.
pub fn load(file: &str) -> Vec<Case> {
    load_articles(file).iter().map(case).collect()
}

/// Every `<class>.ron` under `dir` (relative to the crate), sorted by class.
pub fn load_classes(dir: &str) -> Vec<Class> {
    let dir = root().join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let source =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let articles: Vec<GoldArticle> =
                ron::from_str(&source).unwrap_or_else(|e| panic!("{}:{e}", path.display()));
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Class { name, articles }
        })
        .collect()
}

/// The article's text as the engine reads it.
pub fn text_of(article: &GoldArticle) -> String {
    let raw = match (&article.text_file, &article.text) {
        (Some(path), _) => std::fs::read_to_string(root().join(path))
            .unwrap_or_else(|e| panic!("{}: {path}: {e}", article.name)),
        (None, Some(text)) => text.clone(),
        (None, None) => panic!("{}: no text", article.name),
    };
    normalize_text(&raw)
}

/// An article as a case: gold parts found in order in the text.
pub fn case(article: &GoldArticle) -> Case {
    let document = Document::new(article.name.clone(), text_of(article));
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
            let a = document
                .byte_to_char(start)
                .unwrap_or_else(|| panic!("{}: {part:?} off a char boundary", article.name));
            ranges.push(Span::new(a, a + part.chars().count()));
        }
        let actor = actors
            .iter()
            .find(|a| a.name == s.speaker)
            .unwrap_or_else(|| panic!("{}: {} is no actor", article.name, s.speaker));
        gold.push(Item {
            document: article.name.clone(),
            ranges,
            speaker: actor.names().map(str::to_owned).collect(),
            attribution: Some(
                s.attribution
                    .parse::<Attribution>()
                    .unwrap_or_else(|_| panic!("{}: {}", article.name, s.attribution)),
            ),
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

/// The suggestions as evaluation items; an existing actor brings all its names, and a
/// proposed name is right if the gold actor is called so.
pub fn predicted(case: &Case, known_actors: bool) -> Vec<Item> {
    let actors: &[Actor] = if known_actors { &case.actors } else { &[] };
    analyse(&case.document, actors)
        .iter()
        .map(|s: &Suggestion| Item {
            document: case.document.title.clone(),
            ranges: s.content.clone(),
            speaker: match s.speaker.as_ref().map(|sp| &sp.actor) {
                Some(SpeakerMatch::Existing(id)) => actors
                    .iter()
                    .find(|a| a.id == *id)
                    .map(|a| a.names().map(str::to_owned).collect())
                    .unwrap_or_default(),
                Some(SpeakerMatch::Proposed { name, .. }) => {
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

/// Scores of `cases`, of one attribution type or all.
pub fn score(cases: &[Case], known_actors: bool, only: Option<Attribution>) -> Evaluation {
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

/// Per pattern: gold statements found at overlap ≥ `threshold` with the right speaker.
pub fn per_pattern(cases: &[Case], threshold: f64) -> BTreeMap<String, (usize, usize)> {
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for c in cases {
        let pred = predicted(c, true);
        let pairs = matches(&c.gold, &pred, threshold);
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

/// Precision and recall at ≥ 0.5 and speaker accuracy.
#[derive(Clone, Copy, Debug)]
pub struct Figures {
    pub precision: f64,
    pub recall: f64,
    pub speaker: f64,
    pub predicted: usize,
    pub gold: usize,
}

/// The figures of an evaluation at overlap ≥ 0.5; an empty side counts as perfect.
pub fn figures(e: &Evaluation) -> Figures {
    let at = e.at(0.5).unwrap_or_else(|| panic!("no 0.5 threshold"));
    Figures {
        precision: if at.predicted == 0 { 1.0 } else { at.precision },
        recall: if at.gold == 0 { 1.0 } else { at.recall },
        speaker: if e.speaker.compared == 0 {
            1.0
        } else {
            e.speaker.accuracy
        },
        predicted: at.predicted,
        gold: at.gold,
    }
}

fn line(label: &str, f: Figures) -> String {
    format!(
        "{label:<24} P {:.2}  R {:.2}  speaker {:.2}  ({} predicted, {} gold)",
        f.precision, f.recall, f.speaker, f.predicted, f.gold
    )
}

/// The floors of one class: precision, recall and speaker accuracy with the actors unknown,
/// and speaker accuracy with them known.
pub struct Floor {
    pub class: &'static str,
    pub precision: f64,
    pub recall: f64,
    pub speaker_unknown: f64,
    pub speaker_known: f64,
}

pub const fn floor(
    class: &'static str,
    precision: f64,
    recall: f64,
    speaker_unknown: f64,
    speaker_known: f64,
) -> Floor {
    Floor {
        class,
        precision,
        recall,
        speaker_unknown,
        speaker_known,
    }
}

/// Scores every class under `dir`, prints a table (actors unknown, then the speaker figure
/// with them known) and returns what falls below `floors`.
pub fn score_classes(dir: &str, floors: &[Floor]) -> Vec<String> {
    let classes = load_classes(dir);
    let mut failures = Vec::new();
    let mut all: Vec<Case> = Vec::new();
    println!("{dir}, at overlap >= 0.5; actors unknown | speaker with actors known");
    for class in &classes {
        let cases: Vec<Case> = class.articles.iter().map(case).collect();
        let unknown = figures(&score(&cases, false, None));
        let known = figures(&score(&cases, true, None));
        println!(
            "{} | speaker {:.2}",
            line(&class.name, unknown),
            known.speaker
        );
        let Some(f) = floors.iter().find(|f| f.class == class.name) else {
            failures.push(format!("{}: no floor", class.name));
            continue;
        };
        let checks = [
            ("precision", unknown.precision, f.precision),
            ("recall", unknown.recall, f.recall),
            (
                "speaker (actors unknown)",
                unknown.speaker,
                f.speaker_unknown,
            ),
            ("speaker (actors known)", known.speaker, f.speaker_known),
        ];
        for (what, got, want) in checks {
            if got + 1e-9 < want {
                failures.push(format!("{}: {what} {got:.3} < floor {want:.3}", class.name));
            }
        }
        all.extend(cases);
    }
    for (label, only) in [
        ("all", None),
        ("direct", Some(Attribution::Direct)),
        ("indirect", Some(Attribution::Indirect)),
        ("paraphrase", Some(Attribution::Paraphrase)),
    ] {
        let unknown = figures(&score(&all, false, only));
        let known = figures(&score(&all, true, only));
        println!("{} | speaker {:.2}", line(label, unknown), known.speaker);
        // The totals are held to floors too where a floor names them.
        let Some(f) = floors.iter().find(|f| f.class == label) else {
            continue;
        };
        let checks = [
            ("precision", unknown.precision, f.precision),
            ("recall", unknown.recall, f.recall),
            (
                "speaker (actors unknown)",
                unknown.speaker,
                f.speaker_unknown,
            ),
            ("speaker (actors known)", known.speaker, f.speaker_known),
        ];
        for (what, got, want) in checks {
            if got + 1e-9 < want {
                failures.push(format!("{label}: {what} {got:.3} < floor {want:.3}"));
            }
        }
    }
    failures
}

/// The kinds of error in `dir`, without the passages' text: per class, the patterns (the
/// gold's labels) of statements missed or given the wrong speaker, and the reasons (the
/// engine's) of suggestions that match nothing. What the issue tracker reports of its
/// held-out corpus, and all a test set should show while rules are written.
pub fn error_kinds(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    for class in load_classes(dir) {
        for article in &class.articles {
            let c = case(article);
            let pred = predicted(&c, false);
            let suggestions = analyse(&c.document, &[]);
            let pairs = matches(&c.gold, &pred, 0.5);
            for (g, pattern) in c.patterns.iter().enumerate() {
                match pairs.iter().find(|&&(gi, _)| gi == g) {
                    None => out.push(format!("{}: missed: {pattern}", class.name)),
                    Some(&(_, p)) if !same_speaker(&c.gold[g], &pred[p]) => out.push(format!(
                        "{}: wrong speaker: {pattern} ({})",
                        class.name,
                        if pred[p].speaker.is_empty() {
                            "none"
                        } else {
                            "other"
                        }
                    )),
                    Some(_) => {}
                }
            }
            for (p, s) in suggestions.iter().enumerate() {
                if !pairs.iter().any(|&(_, pi)| pi == p) {
                    let reason = format!("{:?}", s.reason);
                    let kind = reason.split([' ', '{']).next().unwrap_or("").to_owned();
                    out.push(format!(
                        "{}: false suggestion: {kind} ({})",
                        class.name, s.attribution
                    ));
                }
            }
        }
    }
    out
}
