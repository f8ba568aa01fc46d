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
    floor("alias-reuse", 0.0, 0.0, 0.0, 0.0),
    floor("belief-intention", 0.0, 0.0, 0.0, 0.0),
    floor("follow-on-quote", 0.0, 0.0, 0.0, 0.0),
    floor("organisation-speaker", 0.0, 0.0, 0.0, 0.0),
    floor("partial-quote", 0.0, 0.0, 0.0, 0.0),
    floor("precision-traps", 0.0, 0.0, 0.0, 0.0),
    floor("pronoun-speaker", 0.0, 0.0, 0.0, 0.0),
    floor("quote-apostrophes", 0.0, 0.0, 0.0, 0.0),
    floor("quote-cjk", 0.0, 0.0, 0.0, 0.0),
    floor("quote-guillemets", 0.0, 0.0, 0.0, 0.0),
    floor("quote-low9", 0.0, 0.0, 0.0, 0.0),
    floor("quote-multi-paragraph", 0.0, 0.0, 0.0, 0.0),
    floor("quote-single-headline", 0.0, 0.0, 0.0, 0.0),
    floor("reported-speech", 0.0, 0.0, 0.0, 0.0),
    floor("text-speaker", 0.0, 0.0, 0.0, 0.0),
    floor("title-stripping", 0.0, 0.0, 0.0, 0.0),
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
