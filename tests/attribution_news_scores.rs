//! The attribution engine scored on the news evaluation set (`tests/data/attribution/news/`,
//! written blind by a colleague; see its README): per class, precision and recall at overlap
//! ≥ 0.5 and speaker accuracy, with the passage's actors unknown (a fresh project: the engine
//! proposes names) and known (the project's actors and aliases are reused). Each class has
//! floors that fail the test when the engine falls below them. Run with `--nocapture` for
//! the table.
#![allow(clippy::unwrap_used, reason = "a test fails by panicking")]

mod attribution_gold;

use attribution_gold::{Floor, floor, score_classes};

const NEWS: &str = "tests/data/attribution/news";

/// What the engine reaches on each class, less a margin; raise them as it improves.
const FLOORS: &[Floor] = &[
    floor("alias-reuse", 0.85, 0.85, 0.75, 0.75),
    floor("belief-intention", 0.95, 0.95, 0.95, 0.95),
    floor("follow-on-quote", 0.95, 0.95, 0.95, 0.95),
    floor("organisation-speaker", 0.85, 0.70, 0.75, 0.75),
    floor("partial-quote", 0.95, 0.95, 0.85, 0.85),
    floor("precision-traps", 0.95, 0.95, 0.95, 0.95),
    floor("pronoun-speaker", 0.85, 0.85, 0.95, 0.95),
    floor("quote-apostrophes", 0.80, 0.95, 0.95, 0.95),
    floor("quote-cjk", 0.70, 0.60, 0.80, 0.80),
    floor("quote-guillemets", 0.95, 0.75, 0.15, 0.50),
    floor("quote-low9", 0.95, 0.45, 0.95, 0.95),
    floor("quote-multi-paragraph", 0.75, 0.85, 0.80, 0.80),
    floor("quote-single-headline", 0.95, 0.85, 0.80, 0.80),
    floor("reported-speech", 0.85, 0.85, 0.95, 0.95),
    floor("text-speaker", 0.95, 0.75, 0.20, 0.30),
    floor("title-stripping", 0.95, 0.95, 0.80, 0.80),
    floor("all", 0.90, 0.85, 0.80, 0.80),
    // The goals for direct quotations (on its held-out corpus) as floors here.
    floor("direct", 0.95, 0.90, 0.75, 0.80),
    floor("indirect", 0.85, 0.75, 0.85, 0.85),
    floor("paraphrase", 0.95, 0.80, 0.70, 0.70),
];

#[test]
fn every_class_of_the_news_set_stays_above_its_floors() {
    let failures = score_classes(NEWS, FLOORS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The kinds of error on the news set, by the gold's pattern labels and the engine's
/// reasons, never the passages' text: `cargo test --test attribution_news_scores -- --ignored
/// --nocapture`.
#[test]
#[ignore = "prints the kinds of error; asserts nothing"]
fn kinds_of_error() {
    for line in attribution_gold::error_kinds(NEWS) {
        println!("{line}");
    }
}
