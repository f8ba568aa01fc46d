//! The attribution engine against the gold set in `tests/data/attribution/`: precision,
//! recall and speaker accuracy on the reference article and on short articles written for
//! each pattern, printed (run with `--nocapture`) and held above floors the engine reaches.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod attribution_gold;

use attribution_gold::{load, per_pattern, predicted, score};
use stance::attribution::analyse;
use stance::attribution::evaluation::{matches, same_speaker};
use stance::model::Attribution;

/// The reference article's statements found at overlap ≥ 0.5, and how many of them with the
/// right holder (the measure: at least 18 of its statements, 16 right holders).
#[test]
fn reference_article_statements_and_holders_are_counted() {
    let cases = load("reference.ron");
    for known in [true, false] {
        let (mut found, mut right, mut total) = (0, 0, 0);
        for c in &cases {
            let pred = predicted(c, known);
            let pairs = matches(&c.gold, &pred, 0.5);
            total += c.gold.len();
            found += pairs.len();
            right += pairs
                .iter()
                .filter(|&&(g, p)| same_speaker(&c.gold[g], &pred[p]))
                .count();
        }
        println!(
            "reference article (actors {}): {found} of {total} statements found, {right} with the right holder",
            if known { "known" } else { "unknown" }
        );
        assert!(found + 1 >= total, "{found} of {total}");
        assert!(right + 2 >= total, "{right} of {total}");
    }
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
    for (pattern, (found, total)) in per_pattern(&cases, 0.8) {
        println!("pattern {pattern}: {found}/{total}");
    }
    // Reported speech is harder to bound: most is found, with looser spans.
    let at_05 = all.at(0.5).unwrap();
    assert!(at_05.recall >= 0.85, "recall {:.3}", at_05.recall);
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
    let per = per_pattern(&cases, 0.8);
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
