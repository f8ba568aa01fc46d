//! Smoke test of the analysis bench on a small corpus: the map follows each edit but is not
//! rebuilt while scrolling, and only the rows in view are painted. Structural checks, no timing.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

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
    let recomputes = recompute_after_edits(&mut project, 3).unwrap();
    assert_eq!(recomputes.len(), 3);
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

/// An edit of a few annotations' stance, holder, issues or tag updates only their cells: the
/// cached map follows it without a build, and always equals the map built from scratch.
#[test]
fn an_edit_of_annotation_fields_updates_the_map_without_rebuilding_it() {
    use stance::analysis::{AnalysisCache, AnalysisFilter, PositionMap};
    use stance::model::Stance;

    let mut project = corpus_project(SMALL);
    let filter = AnalysisFilter::default();
    let grouped = AnalysisFilter {
        group_by_affiliation: true,
        ..AnalysisFilter::default()
    };
    let mut cache = AnalysisCache::default();
    cache.map(&project, &filter);
    let actors: Vec<_> = project.actors().iter().map(|a| a.id).collect();
    let issues: Vec<_> = project.issues().iter().map(|i| i.id).collect();
    for i in 0..60 {
        let count = project.annotations().len();
        let id = project.annotations()[(i * 7919) % count].id;
        let now = chrono::Utc::now();
        let edit = match i % 4 {
            0 => project.set_stance(id, Some([Stance::For, Stance::Against][i % 2]), now),
            1 => project.set_holder(id, Some(actors[i % actors.len()]), now),
            2 => project.set_issues(id, &[issues[i % issues.len()]], now),
            _ => project.set_tag(id, ["claim", "position", "concession"][i % 3], now),
        }
        .unwrap();
        project.apply(edit).unwrap();
        let followed = cache.map(&project, &filter).clone();
        assert_eq!(followed, PositionMap::build(&project, &filter), "edit {i}");
        if i % 10 == 0 {
            // Another filter is built from scratch, and equals it too.
            assert_eq!(
                cache.map(&project, &grouped),
                &PositionMap::build(&project, &grouped)
            );
            cache.map(&project, &filter);
        }
    }
    // Most edits were followed; a build only where a row came or went or the filter changed.
    assert!(
        cache.map_follows() >= 30,
        "{} of 60 edits followed, {} builds",
        cache.map_follows(),
        cache.map_builds()
    );
    // One build to start, and two for each change of filter and back (6 of them).
    assert!(
        cache.map_builds() < 13 + 30,
        "{} builds",
        cache.map_builds()
    );
}
