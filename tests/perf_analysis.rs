//! Smoke test of the analysis bench on a small corpus: the map follows each edit (no new pass
//! over the corpus) and is not rebuilt while scrolling, and only the rows in view are painted. Structural checks, no timing.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use stance::analysis::AnalysisFilter;
use stance::bench::analysis::{recompute_after_edits, scroll_map};
use stance::bench::corpus::{CorpusSpec, corpus_project};
use stance::bench::frames::warm_up;
use stance::bench::harness::FrameDriver;

const SMALL: CorpusSpec = CorpusSpec {
    documents: 30,
    text_bytes: 120_000,
    annotations: 1_500,
    actors: 40,
    issues: 25,
};

#[test]
fn edits_rebuild_the_map_and_scrolling_paints_only_visible_rows() {
    let mut project = corpus_project(SMALL);
    let revision = project.revision();
    let recomputes = recompute_after_edits(&mut project, &AnalysisFilter::default(), 3).unwrap();
    assert_eq!(recomputes.times.len(), 3);
    // Built once, then each stance edit followed: no pass over the corpus per edit.
    assert_eq!((recomputes.builds, recomputes.follows), (1, 3));
    assert_ne!(project.revision(), revision, "the edits were applied");

    let mut driver = FrameDriver::new();
    warm_up(&mut driver);
    let run = scroll_map(&mut driver, project, 50).unwrap();
    assert_eq!(run.frames.len(), 50 + 2);
    assert!(run.frames.iter().all(|f| f.shapes > 0));
    assert_eq!(
        run.builds_while_scrolling, 0,
        "the map is not rebuilt per frame"
    );
    assert!(run.rows >= 30, "{} rows", run.rows);
    assert!(run.rows_painted_max > 0);
    assert!(
        run.rows_painted_max < run.rows,
        "painted {} of {} rows: the map is not virtualised",
        run.rows_painted_max,
        run.rows
    );
}
